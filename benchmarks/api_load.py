"""Bounded load on the REST API (127.0.0.1 only): latency p50/p95/p99 and requests per second.

    python benchmarks/api_load.py --db build/api-bench.sqlite                # serves the store itself
    python benchmarks/api_load.py --db build/api-bench.sqlite --concurrency 4 --requests 800
    python benchmarks/api_load.py --db build/api-bench.sqlite --browser      # + workspace load time

Starts ``sitroom serve``'s app on a free loopback port in this process (uvicorn, one
worker), warms it up, then sends a fixed mix of filtered ``GET /api/v1/events`` and
``GET /api/v1/stats`` requests (``--requests`` in all, ``--concurrency`` at a time, stopping
after ``--max-seconds`` whatever happens). With ``--browser``, headless Chromium opens the
workspace ``--loads`` times and reports when the map and the timeline of everything were
drawn (window.__sitroomTiming). Prints one JSON object.
"""
from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EVENTS = [
    {},
    {"country": "USA"},
    {"plover": "ASSAULT"},
    {"plover": "ASSAULT,COERCE", "since": "2014-01-01", "until": "2015-12-31"},
    {"since": "2013-06-01", "until": "2013-06-30"},
    {"bbox": "-10,30,40,60"},
    {"min_fatalities": 1},
    {"hypothetical": "exclude", "negated": "exclude"},
    {"acled_event_type": "Battles"},
    {"certainty": "reported,claimed"},
    {"actor": "police"},
    {"country": "USA", "plover": "ASSAULT", "hypothetical": "exclude"},
]
STATS = [
    {"by": "week", "split": "plover"},
    {"by": "month", "split": "plover"},
    {"by": "cell", "cell": "10", "split": "plover"},
    {"by": "cell", "cell": "2", "split": "plover", "bbox": "-20,20,50,65"},
    {"by": "country"},
    {"by": "week", "split": "plover", "country": "USA"},
    {"by": "day", "since": "2014-01-01", "until": "2014-03-31"},
    {"by": "plover", "since": "2012-01-01"},
]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))], 1)


def summary(values: list[float], seconds: float) -> dict:
    return {"n": len(values), "p50_ms": pct(values, 50), "p95_ms": pct(values, 95), "p99_ms": pct(values, 99),
            "max_ms": round(max(values), 1), "mean_ms": round(statistics.fmean(values), 1),
            "rps": round(len(values) / seconds, 1) if seconds else None}


def run_load(base: str, requests: int, concurrency: int, max_seconds: float) -> dict:
    import httpx

    mix = [("events", "/api/v1/events", {**p, "limit": 50}) for p in EVENTS] + \
          [("stats", "/api/v1/stats", p) for p in STATS]
    plan = list(itertools.islice(itertools.cycle(mix), requests))
    deadline = time.monotonic() + max_seconds
    results: dict[str, list[float]] = {"events": [], "stats": []}
    errors: list[str] = []
    lock = threading.Lock()
    local = threading.local()

    def one(item):
        kind, path, params = item
        if time.monotonic() > deadline:
            return
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=base, timeout=60)
        t0 = time.perf_counter()
        resp = client.get(path, params=params)
        ms = (time.perf_counter() - t0) * 1000
        with lock:
            if resp.status_code == 200:
                results[kind].append(ms)
            else:
                errors.append(f"{resp.status_code} {path} {params}")

    with httpx.Client(base_url=base, timeout=120) as warm:  # first touch: caches, facts, planner statistics
        for _, path, params in mix:
            warm.get(path, params=params)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, plan))
    seconds = time.perf_counter() - t0
    out = {kind: summary(v, seconds) for kind, v in results.items() if v}
    out["all"] = summary(results["events"] + results["stats"], seconds)
    out["errors"] = errors[:10]
    out["seconds"] = round(seconds, 1)
    return out


def run_browser(base: str, loads: int) -> dict:
    from tests.web.browser import chrome

    timings = []
    with chrome() as driver:
        for _ in range(loads):
            driver.get(base + "/")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and driver.find_element("tag name", "body").get_attribute(
                    "data-ready") != "workspace":
                time.sleep(0.05)
            timings.append(driver.execute_script(
                "const t = window.__sitroomTiming; return {map: t.map, timeline: t.timeline, ready: t.ready, "
                "nav: performance.timing.responseStart - performance.timing.navigationStart, "
                "since_navigation: t.started + t.ready}"))
            summary_text = driver.find_element("id", "summary").text
    keys = timings[0].keys()
    return {"loads": loads, "median_ms": {k: round(statistics.median(t[k] for t in timings)) for k in keys},
            "max_ms": {k: round(max(t[k] for t in timings)) for k in keys}, "map_summary": summary_text}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--concurrency", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=300)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--loads", type=int, default=3)
    args = ap.parse_args()
    import sqlalchemy as sa
    from tests.web.browser import live_server

    from sitroom.server import ServerConfig, create_app
    from sitroom.store.db import redact

    app = create_app(ServerConfig(db=args.db))
    engine = app.state.sitroom.engine
    with engine.connect() as conn:
        n = conn.execute(sa.text("select count(*) from events")).scalar_one()
    result = {"db": redact(str(engine.url)), "backend": engine.dialect.name, "events": n,
              "concurrency": args.concurrency}
    with live_server(app) as base:
        result["load"] = run_load(base, args.requests, args.concurrency, args.max_seconds)
        if args.browser:
            result["browser"] = run_browser(base, args.loads)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

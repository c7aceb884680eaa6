#!/usr/bin/env python3
"""Many writers into one PostgreSQL store: every article once, the same incidents as one writer.

    .venv/bin/python benchmarks/concurrent_ingest.py --input IN.jsonl [--records OUT.jsonl] [--n 2000]
                                                     [--processes 4] [--pg postgresql://postgres@127.0.0.1/test]

IN.jsonl holds the articles (the input format); OUT.jsonl their records in the same order
(what `sitroom extract --input IN.jsonl` wrote, e.g. build/scale/serial.jsonl from
benchmarks/scale.py). Without --records the articles are extracted first, in this process.

Two fresh schemas on the server:
  serial      one process stores all N articles in input order;
  concurrent  --processes processes start together; process k stores the half of the articles
              that starts at k x N / processes (wrapping round), so every article is in two halves
              and two processes race to store it.
Both write through the store's public API (Store.transaction, Store.add, Store.add_rejection) in
transactions of 16 articles, as `sitroom ingest --scheduler dask` workers do (sitroom.batch.
dask_ingest.store_chunk: a transaction the database aborts is run again, and counted).

Only the store is timed (wall and this process's CPU seconds), not extraction.

Checks: every article stored exactly once (ids and count equal the serial store's), the same
rejections, and the same incidents: each incident compared as the set of (article, event) it
groups (an article without events: (article, None)). Prints the differences and the seconds
each writer spent storing, per article.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
PG = os.environ.get("SITROOM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def schema_url(schema: str) -> str:
    return f"{PG}{'&' if '?' in PG else '?'}options={quote(f'-csearch_path={schema}')}"


def admin(sql: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(PG.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(sa.text(sql))
    engine.dispose()


def load(inp: Path, records: Path, n: int):
    from sitroom.ingest.jsonl import parse_line

    lines = inp.read_bytes().splitlines()[:n]
    recs = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()[:n]]
    if len(recs) != len(lines):
        sys.exit(f"{records} has {len(recs)} records for {len(lines)} input lines")
    docs = [parse_line(line, i) for i, line in enumerate(lines, 1)]
    return docs, {i: r for i, r in enumerate(recs, 1)}


def store_lines(url: str, inp: Path, records: Path, n: int, linenos: list[int]) -> dict:
    """Store the given input lines (a child's work); returns counts and seconds."""
    from sitroom.batch.dask_ingest import store_chunk
    from sitroom.store import Store

    docs, recs = load(inp, records, n)
    account = {"stored": 0, "duplicates": 0, "errors": {}, "incidents": 0, "retries": 0}
    from collections import Counter

    account["errors"] = Counter()
    with Store.open(url) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        for start in range(0, len(linenos), 16):
            chunk = [(i, docs[i - 1]) for i in linenos[start:start + 16]]
            store_chunk(store, str(inp), chunk, recs, account)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    account["errors"] = dict(account["errors"])
    # cpu: this process's own time (incident assignment, SQLAlchemy); the rest is the server and waiting
    return {**account, "seconds": seconds, "cpu_seconds": cpu, "articles": len(linenos)}


def snapshot(url: str) -> dict:
    import sqlalchemy as sa

    from sitroom.store import Store
    from sitroom.store import schema as t

    with Store.open(url) as store, store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(t.articles.c.id))]
        rejections = sorted((r.origin, r.code) for r in conn.execute(sa.select(t.rejections)))
        groups: dict[int, set] = {}
        ie = t.incident_events
        for iid, aid, eid in conn.execute(sa.select(ie.c.incident_id, ie.c.article_id, ie.c.event_id)):
            groups.setdefault(iid, set()).add((aid, eid))
        counts = store.counts()
    return {"ids": ids, "rejections": rejections, "incidents": {frozenset(g) for g in groups.values()},
            "counts": counts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True, type=Path)
    ap.add_argument("--records", type=Path, help="the records of --input, in order (default: extract them now)")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        job = json.loads(args.child)
        print(json.dumps(store_lines(job["url"], args.input, args.records, args.n, job["lines"])))
        return
    if args.records is None:
        from sitroom.batch.runner import numbered_lines, run_batch

        args.records = args.input.with_suffix(".records.jsonl")
        with open(args.input, "rb") as src, open(args.records, "w", encoding="utf-8") as dst:
            for line in run_batch(list(numbered_lines(src))[: args.n]):
                dst.write(line + "\n")
    n = min(args.n, len(args.input.read_bytes().splitlines()))
    run = uuid.uuid4().hex[:8]
    schemas = {"serial": f"serial_{run}", "concurrent": f"concurrent_{run}"}
    report: dict = {"articles": n, "processes": args.processes, "load_before": os.getloadavg()}
    try:
        for schema in schemas.values():
            admin(f'CREATE SCHEMA "{schema}"')
        serial_url, conc_url = schema_url(schemas["serial"]), schema_url(schemas["concurrent"])
        report["serial"] = store_lines(serial_url, args.input, args.records, n, list(range(1, n + 1)))
        from sitroom.store import Store

        Store.open(conc_url).close()  # migrate once before the writers start
        half = n // 2
        children = []
        for k in range(args.processes):
            start = k * n // args.processes
            lines = [(start + j) % n + 1 for j in range(half)]
            job = json.dumps({"url": conc_url, "lines": lines})
            children.append(subprocess.Popen([sys.executable, __file__, "--input", str(args.input), "--records",
                                              str(args.records), "--n", str(n), "--child", job],
                                             stdout=subprocess.PIPE, text=True))
        t0 = time.perf_counter()
        results = []
        for child in children:
            out, _ = child.communicate()
            if child.returncode:
                results.append({"failed": child.returncode})
            else:
                results.append(json.loads(out.strip().splitlines()[-1]))
        report["concurrent_wall_s"] = time.perf_counter() - t0
        report["writers"] = results
        a, b = snapshot(serial_url), snapshot(conc_url)
        report["stored_once"] = len(b["ids"]) == len(set(b["ids"])) and sorted(a["ids"]) == sorted(b["ids"])
        report["articles_serial"], report["articles_concurrent"] = len(a["ids"]), len(b["ids"])
        report["same_rejections"] = a["rejections"] == b["rejections"]
        report["incidents_serial"], report["incidents_concurrent"] = len(a["incidents"]), len(b["incidents"])
        report["incidents_only_serial"] = len(a["incidents"] - b["incidents"])
        report["incidents_only_concurrent"] = len(b["incidents"] - a["incidents"])
        report["counts_serial"], report["counts_concurrent"] = a["counts"], b["counts"]
    finally:
        for schema in schemas.values():
            admin(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    report["load_after"] = os.getloadavg()
    print(json.dumps(report, indent=1, default=str))
    s = report["serial"]
    print(f"serial store: {s['seconds'] / n * 1000:.1f} ms per article; "
          f"concurrent: {report['concurrent_wall_s']:.1f} s "
          f"for {args.processes} x {n // 2} articles; retries {sum(w.get('retries', 0) for w in results)}")
    ok = (report["stored_once"] and report["same_rejections"] and not report["incidents_only_serial"]
          and not report["incidents_only_concurrent"] and all("failed" not in w for w in results))
    print("PASS" if ok else "FAIL: see the differences above")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

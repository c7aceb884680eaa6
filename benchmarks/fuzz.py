#!/usr/bin/env python3
"""The long profile of the generated-input suite (tests/fuzz/): N generated JSONL lines through
ingest, the store, every export and renderer, and extract, with the suite's invariants.

    .venv/bin/python benchmarks/fuzz.py --examples 200000 [--seed S] [--backend sqlite|postgresql]
        [--batch 100] [--kinds clean|all|good,markup,...] [--parquet-every 10] [--failures FILE]

Lines come from the suite's generators (tests/fuzz/strategies.py) driven by a seeded
``random.Random`` instead of hypothesis (the same code; hypothesis' own drawing costs more
than the pipeline), a batch at a time through one pipeline (the model loads once) into a
fresh store per batch. A failing batch is recorded, not raised: the run goes on, and at the
end prints examples (lines) run, failures by invariant and line kind, and the time.
``--failures FILE`` writes each failure with its lines (JSON lines) so that it can be
replayed. Exit status 0 when nothing failed.

``--kinds clean`` (the default) draws the kinds no open defect trips (strategies.CLEAN_KINDS);
``all`` adds the kinds of the open defects (tests/fuzz/test_fuzz.py marks them xfail: NUL and
over-long fields, lone surrogates, dates at the ends of the calendar, malformed URLs,
carriage returns in CSV cells).
"""
from __future__ import annotations

import argparse
import base64
import json
import logging
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=2000, help="lines to generate and run (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--batch", type=int, default=100, help="lines per batch (one store each); default 100")
    ap.add_argument("--kinds", default="clean", help="clean, all, or a comma-separated list of kinds")
    ap.add_argument("--bom-every", type=int, default=0, help="start every Nth batch's file with a UTF-8 BOM")
    ap.add_argument("--parquet-every", type=int, default=10, help="the Parquet export on every Nth batch (0: never)")
    ap.add_argument("--every-record", action="store_true",
                    help="print every record as a table (default: those of lines with markup, controls, any text)")
    ap.add_argument("--failures", metavar="FILE", help="write failures with their lines here (JSONL)")
    ap.add_argument("--progress", type=float, default=60.0, help="seconds between progress lines")
    args = ap.parse_args(argv)

    from tests.fuzz.harness import Harness
    from tests.fuzz.strategies import CLEAN_KINDS, KINDS, random_batch

    kinds = (CLEAN_KINDS if args.kinds == "clean" else tuple(KINDS) if args.kinds == "all"
             else tuple(k.strip() for k in args.kinds.split(",")))
    unknown = set(kinds) - set(KINDS)
    if unknown:
        ap.error(f"unknown kinds {sorted(unknown)}; known: {', '.join(KINDS)}")
    logging.disable(logging.WARNING)  # the pipeline logs each rejected article; the counts say it

    from sitroom import Pipeline

    t0 = time.monotonic()
    harness = Harness(Pipeline(), backend=args.backend, parquet_every=args.parquet_every,
                      every_record=args.every_record)
    load_s = time.monotonic() - t0
    state = {"lines": 0, "batches": 0, "failed_batches": 0, "last": time.monotonic()}
    by_invariant: Counter = Counter()
    by_kind: Counter = Counter()
    samples: dict[tuple[str, tuple[str, ...]], str] = {}
    sink = open(args.failures, "w", encoding="utf-8") if args.failures else None  # noqa: SIM115
    start = time.monotonic()

    rnd = random.Random(args.seed)
    try:
        while state["lines"] < args.examples:
            lines = random_batch(rnd, kinds, min(args.batch, args.examples - state["lines"]), good_share=2)
            bom = bool(args.bom_every) and state["batches"] % args.bom_every == 0
            failures = harness.check(lines, bom=bom)
            state["lines"] += len(lines)
            state["batches"] += 1
            if failures:
                state["failed_batches"] += 1
            for f in failures:
                by_invariant[f.invariant] += 1
                by_kind[f.kinds] += 1
                samples.setdefault((f.invariant, f.kinds), str(f)[:400])
                if sink:
                    sink.write(json.dumps({"invariant": f.invariant, "detail": f.detail, "kinds": f.kinds,
                                           "bom": bom, "backend": args.backend, "batch": state["batches"],
                                           "lines": [base64.b64encode(x).decode() for x in f.lines]}) + "\n")
                    sink.flush()
            now = time.monotonic()
            if now - state["last"] >= args.progress:
                state["last"] = now
                rate = state["lines"] / (now - start)
                print(f"progress: {state['lines']:,} lines in {now - start:,.0f} s ({rate:,.1f}/s), "
                      f"{sum(by_invariant.values())} failures in {state['failed_batches']} batches", flush=True)
    finally:
        harness.close()
        if sink:
            sink.close()
    seconds = time.monotonic() - start
    total = sum(by_invariant.values())
    print(f"fuzz: {state['lines']:,} examples (lines) in {state['batches']:,} batches of {args.batch}, "
          f"seed {args.seed}, backend {args.backend}, kinds {','.join(kinds)}")
    print(f"fuzz: {total} failures in {state['failed_batches']} batches; {seconds:,.1f} s "
          f"({state['lines'] / max(seconds, 1e-9):,.1f} lines/s; model load {load_s:.1f} s)")
    cpu = sum(harness.seconds.values())
    print(f"fuzz: CPU seconds by step ({cpu:,.1f} in all, {1000 * cpu / max(state['lines'], 1):.1f} ms a line): "
          + ", ".join(f"{k} {v:,.1f}" for k, v in sorted(harness.seconds.items(), key=lambda kv: -kv[1])))
    for inv, n in by_invariant.most_common():
        print(f"  {inv}: {n}")
    for _key, text in sorted(samples.items()):
        print(f"  e.g. {text}")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

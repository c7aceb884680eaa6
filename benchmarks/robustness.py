#!/usr/bin/env python3
"""The batch robustness check: 1,000 mixed lines in, 1,000 lines out, in order, no traceback.

    .venv/bin/python benchmarks/robustness.py [--n 1000] [--workers 1]

Lines mix real English articles (../shared/corpus when present, else examples/), non-English
articles (corpus wikinews_fr / wikinews_ja / voa when present, else sentences written here),
empty texts, binary garbage, 5 MB texts, malformed JSON, wrong field types and blank lines.
Checks: one output line per input line, ids in input order, the expected error code on every
bad line, no error on good ones, and no traceback on stderr. Exit status 0 when all hold.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
OWN_FOREIGN = [
    "Les combats ont repris lundi dans le nord du pays, où l'armée affirme avoir repris deux villages.",
    "Die Armee meldete am Dienstag schwere Gefechte an der Grenze; mindestens zehn Menschen starben.",
    "El ejército anunció el martes que había recuperado el control de la ciudad tras tres días de combates.",
]


def load(name: str, limit: int, english: bool) -> list[dict]:
    path = CORPUS / name / "articles.jsonl"
    out = []
    if path.is_file():
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            if len(r.get("text") or "") > 300 and (r.get("language") == "en") == english:
                out.append({"text": r["text"], "published": r.get("published")})
            if len(out) >= limit:
                break
    return out


def build(n: int, rng: random.Random) -> tuple[list[str], list[str | None]]:
    english = load("wikinews_en_2004", 400, True) + load("ecbplus", 400, True) + load("re3d_official", 60, True)
    if not english:
        english = [{"text": json.loads(line)["text"]} for line in (REPO / "examples" / "articles.jsonl").open()]
    foreign = load("wikinews_fr", 40, False) + load("wikinews_ja", 40, False) + load("voa_lingala_shona", 40, False)
    foreign = foreign or [{"text": t * 3} for t in OWN_FOREIGN]
    big = "Shelling continued along the front line overnight, officials said. " * 80_000  # ~5.4 MB
    kinds = ["good"] * 7 + ["empty", "binary", "big", "malformed", "foreign", "badtype", "blank"]
    lines, expected = [], []
    for i in range(n):
        kind = kinds[i % len(kinds)] if i % 3 else "good"
        doc_id = f"r{i:04d}"
        if kind == "good":
            a = rng.choice(english)
            line, code = json.dumps({"id": doc_id, "text": a["text"], "published": a.get("published")}), None
        elif kind == "empty":
            line, code = json.dumps({"id": doc_id, "text": rng.choice(["", "   ", "\n\n"])}), "empty_text"
        elif kind == "binary":
            junk = "".join(chr(rng.randrange(0, 32)) for _ in range(2000)) + "\x00" * 50
            line, code = json.dumps({"id": doc_id, "text": junk}), "binary"
        elif kind == "big":
            line, code = json.dumps({"id": doc_id, "text": big}), "too_large"
        elif kind == "malformed":
            line, code = '{"id": "' + doc_id + '", "text": "unterminated', "malformed_json"
            doc_id = f"line-{i + 1}"
        elif kind == "foreign":
            line, code = json.dumps({"id": doc_id, "text": rng.choice(foreign)["text"]}), "not_english"
        elif kind == "badtype":
            line, code = json.dumps({"id": doc_id, "text": {"body": "x"}}), "invalid_field"
        else:
            line, code, doc_id = "", "malformed_json", f"line-{i + 1}"
        lines.append(line)
        expected.append((doc_id, code))
    return lines, expected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    lines, expected = build(args.n, random.Random(args.seed))
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        sitroom = Path(sys.executable).with_name("sitroom")
        t0 = time.perf_counter()
        proc = subprocess.run([str(sitroom), "extract", "--input", str(inp), "--output", str(out),
                               "--workers", str(args.workers)], capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    problems = []
    if proc.returncode != 0:
        problems.append(f"exit status {proc.returncode}")
    if "Traceback" in proc.stderr:
        problems.append("traceback on stderr")
    if len(got) != len(lines):
        problems.append(f"{len(got)} output lines for {len(lines)} input lines")
    for i, (rec, (doc_id, code)) in enumerate(zip(got, expected)):
        got_code = rec.get("error", {}).get("code")
        if rec.get("id") != doc_id or got_code != code:
            problems.append(f"line {i + 1}: expected id={doc_id} code={code}, got id={rec.get('id')} code={got_code}")
    counts: dict[str | None, int] = {}
    for _, code in expected:
        counts[code] = counts.get(code, 0) + 1
    print(f"{len(lines)} lines in, {len(got)} out, {elapsed:.1f} s, workers={args.workers}")
    print("expected codes: " + ", ".join(f"{k or 'ok'}={v}" for k, v in sorted(counts.items(), key=str)))
    for p in problems[:20]:
        print("PROBLEM:", p)
    print("robustness:", "PASS" if not problems else f"FAIL ({len(problems)} problems)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

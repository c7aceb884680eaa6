#!/usr/bin/env python3
"""sitroom's quotes stage against textacy's ``direct_quotations`` on PolNeAR, in one run.

    .venv/bin/python benchmarks/quotes_vs_textacy.py [--split dev] [--limit N]

Both read the same spaCy parses (the model sitroom uses); each side's output is written
in the contract's ``quotes`` shape and scored by ``../shared/eval/score.py quotes``, whose
tables are printed one after the other, with the time each side took beyond the parse.
textacy 0.13 finds direct quotations only (quote marks plus an adjacent reporting verb);
PolNeAR annotates all attributions, so it is expected to lose on recall of indirect speech.

Needs ../shared (PolNeAR and the scorer) and textacy (``make bench-setup`` installs the pinned textacy,
a benchmark-only dependency); exits with a message when either is missing. Not a test.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
QUOTE_MARKS = "\"'“”‘’«»"


def fail(message: str) -> None:
    print(f"quotes_vs_textacy: {message}", file=sys.stderr)
    sys.exit(2)


def span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def textacy_triples(doc, direct_quotations) -> tuple[list[tuple[int, object]], int]:
    """(offset, DQTriple) pairs, and how many paragraphs textacy refused.

    textacy raises on a document with an odd number of quote marks; to give it its best
    chance, such a document is retried paragraph by paragraph (offset = paragraph start)."""
    try:
        return [(0, t) for t in direct_quotations(doc)], 0
    except ValueError:
        pass
    out, refused, start = [], 0, 0
    for tok in list(doc) + [None]:
        if tok is None or "\n" in tok.text:
            end = tok.i if tok is not None else len(doc)
            if end > start:
                part = doc[start:end]
                try:
                    out.extend((part.start_char, t) for t in direct_quotations(part.as_doc()))
                except ValueError:
                    refused += 1
            start = end + 1
    return out, refused


def textacy_quotes(doc, direct_quotations) -> tuple[list[dict], int]:
    """textacy's DQTriples (speaker tokens, cue tokens, content span) as contract quotes."""
    text = doc.text
    out = []
    triples, refused = textacy_triples(doc, direct_quotations)
    for n, (offset, triple) in enumerate(triples, 1):
        start, end = offset + triple.content.start_char, offset + triple.content.end_char
        while start < end and text[start] in QUOTE_MARKS + " ,":
            start += 1
        while end > start and text[end - 1] in QUOTE_MARKS + " ,":
            end -= 1
        speaker = cue = None
        if triple.speaker:
            s = span(text, offset + min(t.idx for t in triple.speaker),
                     offset + max(t.idx + len(t) for t in triple.speaker))
            speaker = {**s, "actor": None, "name": None}
        if triple.cue:
            cue = span(text, offset + min(t.idx for t in triple.cue), offset + max(t.idx + len(t) for t in triple.cue))
        out.append({"id": f"Q{n}", "kind": "direct", "content": span(text, start, end), "speaker": speaker,
                    "cue": cue, "certainty": "reported"})
    return out, refused


def score(gold: Path, pred: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "quotes", "--gold", str(gold), "--pred", str(pred)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        fail(f"score.py failed: {result.stderr.strip()}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev"), help="PolNeAR split (test is held out)")
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    args = parser.parse_args()

    gold_path = SHARED / "bench" / "polnear" / f"{args.split}.jsonl"
    if not gold_path.is_file() or not (SHARED / "eval" / "score.py").is_file():
        fail(f"{gold_path} or the scorer is missing: this benchmark needs ../shared next to the repository")
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        fail(f"textacy is not installed ({exc}); install the pin: uv pip install textacy==0.13.0")

    from sitroom.model import Document
    from sitroom.model.serialize import _quote
    from sitroom.stages.base import Context, Resources
    from sitroom.stages.nlp import load_spacy
    from sitroom.stages.quotes import QuotesStage

    records = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    if args.limit:
        records = records[: args.limit]
    resources = Resources()
    nlp = resources.get("spacy", load_spacy)
    stage = QuotesStage(resources)

    t0 = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=32))
    t_parse = time.perf_counter() - t0

    ours, theirs, errors = [], [], 0
    t_ours = t_theirs = 0.0
    for record, doc in zip(records, docs):
        t = time.perf_counter()
        document = Document(id=str(record["id"]), text=record["text"])
        layers = stage.run(Context(document, {"spacy": doc}))
        t_ours += time.perf_counter() - t
        ours.append({"id": str(record["id"]), "schema_version": 1, "quotes": [_quote(q) for q in layers["quotes"]]})
        t = time.perf_counter()
        quotes, refused = textacy_quotes(doc, direct_quotations)
        errors += refused
        t_theirs += time.perf_counter() - t
        theirs.append({"id": str(record["id"]), "schema_version": 1, "quotes": quotes})

    n = len(records)
    import textacy

    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for label, preds, seconds in (("sitroom quotes stage", ours, t_ours),
                                      (f"textacy {textacy.__version__} direct_quotations", theirs, t_theirs)):
            pred = Path(tmp) / "pred.jsonl"
            pred.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
            print(f"== {label}: PolNeAR {args.split}, {n} articles, {seconds * 1000 / n:.2f} ms/article "
                  f"beyond the parse ({t_parse * 1000 / n:.0f} ms/article)")
            print(score(gold, pred))
    if errors:
        print(f"# textacy refused {errors} paragraphs with unbalanced quote marks (no quotes there)")


if __name__ == "__main__":
    main()

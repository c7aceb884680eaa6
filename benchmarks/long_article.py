#!/usr/bin/env python3
"""Time and peak memory of one long article, by stage, at several lengths (issue 14, item 7).

    .venv/bin/python benchmarks/long_article.py [--sizes 100000,200000,400000,1000000]
                                               [--seed 7] [--profile DIR]

Each article is built from conflict-news paragraphs this script generates (varied sentences
with actors, places, dates, tolls and quotes, from word lists below) interleaved with the
paragraphs of examples/*.txt, cut at a paragraph break to at most the requested number of
characters. Each size runs in its own fresh process: load the pipeline, warm it up on a short
article, then run the input checks and every stage on the long article, timing each stage.

Reports CPU seconds per stage (``time.process_time``; on a shared, loaded machine wall time
swings with the other processes, CPU time far less), their total, wall seconds, peak RSS
(the process's high-water mark, model loading included) and, against the smallest size, the
time ratio next to the length ratio.
Exits 1 when a bar fails: CPU time(400k) / CPU time(100k) <= 5 (when both sizes run) and peak RSS
under 1.5 GB for an article of 1,000,000 characters or more (when such a size runs).
``--profile DIR`` writes a cProfile file per size (DIR/long_SIZE.prof).
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIME_RATIO_BAR = 5.0  # time(400k) / time(100k)
RSS_BAR_MB = 1500  # peak RSS for a 1M-character article

# ---- generated paragraphs ----------------------------------------------------------------------

_FORCES = ["government troops", "the army", "police officers", "rebel fighters", "militiamen",
           "the Rapid Support Forces", "Hamas militants", "Israeli forces", "Russian forces",
           "Ukrainian troops", "the Taliban", "al-Shabaab fighters", "Boko Haram gunmen",
           "M23 rebels", "security forces", "Houthi forces", "the Syrian army", "Kurdish fighters",
           "Islamic State militants", "paramilitary units", "the national guard", "riot police"]
_VICTIMS = ["civilians", "villagers", "protesters", "soldiers", "children", "aid workers",
            "worshippers", "students", "farmers", "journalists", "police officers", "passengers"]
_PLACES = ["Kharkiv", "Mariupol", "Goma", "Khartoum", "Mogadishu", "Kabul", "Aleppo", "Gaza City",
           "Maiduguri", "Bamako", "Peshawar", "Sanaa", "Idlib", "Donetsk", "Kherson", "Omdurman",
           "Rafah", "Kandahar", "Mosul", "Benghazi", "Timbuktu", "Bunia", "Beni", "Kismayo",
           "Hodeidah", "El Fasher", "Nyala", "Bakhmut", "Homs", "Raqqa", "Jalalabad", "Quetta"]
_REGIONS = ["North Kivu", "Darfur", "Borno state", "the Donbas", "northern Syria", "Tigray",
            "southern Yemen", "Helmand province", "the Sahel", "the West Bank", "Balochistan"]
_ACTS = ["opened fire on", "shelled", "attacked", "ambushed", "bombed", "raided", "stormed",
         "fired rockets at", "launched drone strikes on", "detained", "abducted", "besieged"]
_TARGETS = ["a market", "a convoy", "a checkpoint", "a refugee camp", "a hospital", "a school",
            "a police station", "an army base", "a mosque", "a village", "a bus station", "a bridge"]
_SPEAKERS = ["a local official", "the health ministry", "a military spokesman", "witnesses",
             "the United Nations", "Amnesty International", "a hospital director", "the governor",
             "the Red Cross", "Human Rights Watch", "a police spokeswoman", "residents"]
_PEOPLE = ["Ahmed Hassan", "Maria Kovalenko", "John Okello", "Fatima Al-Sayed", "Pierre Dubois",
           "Ibrahim Musa", "Olena Shevchenko", "Daniel Mwangi", "Sara Haddad", "Mohammed Karimi"]
_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
         "on Sunday", "overnight", "last week", "early on Sunday", "late on Friday", "this morning"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_VERBS = ["said", "told reporters", "said in a statement", "told Reuters", "wrote on social media"]
_QUALIFIERS = ["at least", "more than", "nearly", "about", "up to", "some", ""]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _date(rng: random.Random) -> str:
    return f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(1995, 2025)}"


def _toll(rng: random.Random) -> str:
    q = rng.choice(_QUALIFIERS)
    return f"{q} {rng.randint(2, 400)}".strip()


_SENTENCES = [
    lambda r: (f"{_cap(r.choice(_FORCES))} {r.choice(_ACTS)} {r.choice(_TARGETS)} in "
               f"{r.choice(_PLACES)} {r.choice(_DAYS)}, killing {_toll(r)} {r.choice(_VICTIMS)} and "
               f"wounding {_toll(r)} others, {r.choice(_SPEAKERS)} said."),
    lambda r: (f"\u201cWe heard explosions all night and nobody came to help us,\u201d said "
               f"{r.choice(_PEOPLE)}, who fled {r.choice(_PLACES)} with her family."),
    lambda r: (f"The fighting in {r.choice(_REGIONS)} has displaced {_toll(r)},000 people since "
               f"{_date(r)}, according to {r.choice(_SPEAKERS)}."),
    lambda r: (f"{_cap(r.choice(_SPEAKERS))} {r.choice(_VERBS)} that {r.choice(_FORCES)} had "
               f"{r.choice(_ACTS)} {r.choice(_TARGETS)} near {r.choice(_PLACES)}."),
    lambda r: (f"On {_date(r)}, {r.choice(_PEOPLE)}, a commander of {r.choice(_FORCES)}, was arrested in "
               f"{r.choice(_PLACES)} and charged with murder."),
    lambda r: (f"\u201cThis attack is a clear violation of international law,\u201d "
               f"{r.choice(_PEOPLE)} {r.choice(_VERBS)} {r.choice(_DAYS)}."),
    lambda r: (f"{_cap(r.choice(_FORCES))} said they had retaken {r.choice(_PLACES)} after "
               f"{r.randint(2, 30)} days of clashes with {r.choice(_FORCES)}."),
    lambda r: (f"Talks between the two sides are due to resume in {r.choice(_PLACES)} next month, "
               f"{r.choice(_PEOPLE)} said, adding that a ceasefire signed on {_date(r)} had collapsed."),
    lambda r: (f"Hundreds of {r.choice(_VICTIMS)} marched through {r.choice(_PLACES)} {r.choice(_DAYS)} "
               f"to protest against the killings, and {r.choice(_FORCES)} fired tear gas."),
    lambda r: (f"{_cap(_toll(r))} bodies were recovered from the rubble in {r.choice(_PLACES)}, "
               f"{r.choice(_SPEAKERS)} told the Associated Press."),
]


def generated_paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(_SENTENCES)(rng) for _ in range(rng.randint(3, 6)))


def example_paragraphs() -> list[str]:
    paras: list[str] = []
    for path in sorted((REPO / "examples").glob("*.txt")):
        paras.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return paras


def build_article(size: int, seed: int = 7) -> str:
    """A text of at most ``size`` characters (and within 2,000 of it), paragraph by paragraph:
    generated paragraphs and the examples' paragraphs in turn, the examples' in shuffled order."""
    rng = random.Random(seed)
    examples = example_paragraphs()
    parts: list[str] = []
    length, k = 0, 0
    while True:
        if k % 2 == 0 or not examples:
            para = generated_paragraph(rng)
        else:
            para = examples[rng.randrange(len(examples))]
        k += 1
        if length + len(para) + 2 > size:
            if size - length < 2000:
                break
            continue
        parts.append(para)
        length += len(para) + 2
    return "\n\n".join(parts)


# ---- one size, in a child process --------------------------------------------------------------

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[4])
from long_article import build_article
from sitroom import make_document
from sitroom.pipeline import Pipeline, _extraction
from sitroom.stages.base import Context

size, seed, profile = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
pipe = Pipeline()
list(pipe.pipe([make_document("Warm-up: troops fired on protesters in Kabul on Monday, killing 3.")]))
rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
text = build_article(size, seed)
doc = make_document(text, id="long", published="2024-05-01")

def run():
    seconds = {}
    wall = time.perf_counter()
    t = time.process_time()
    pipe.validator.check(doc)
    seconds["checks"] = time.process_time() - t
    layers = {}
    for stage in pipe.stages:
        t = time.process_time()
        if getattr(stage, "batched", False):
            layers.update(next(iter(stage.pipe([doc]))))
        else:
            layers.update(stage.run(Context(doc, layers)))
        seconds[stage.name] = time.process_time() - t
    t = time.process_time()
    record = _extraction(doc, layers)
    seconds["record"] = time.process_time() - t
    return seconds, record, time.perf_counter() - wall

if profile:
    import cProfile
    prof = cProfile.Profile()
    seconds, record, wall = prof.runcall(run)
    prof.dump_stats(profile)
else:
    seconds, record, wall = run()
print(json.dumps({
    "chars": len(text), "seconds": seconds, "total_s": sum(seconds.values()), "wall_s": wall,
    "events": len(record.events), "actors": len(record.actors),
    "places": len(record.places), "figures": len(record.figures), "quotes": len(record.quotes),
    "rss_loaded_mb": rss_loaded,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run_size(size: int, seed: int, profile: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(size), str(seed), profile, str(Path(__file__).parent)],
        capture_output=True, text=True, cwd=REPO,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"size {size}: the child process failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100000,200000,400000,1000000",
                    help="article lengths in characters, comma-separated")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", metavar="DIR", help="write a cProfile file per size into DIR")
    args = ap.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    results: dict[int, dict] = {}
    for size in sizes:
        prof = str(Path(args.profile) / f"long_{size}.prof") if args.profile else ""
        results[size] = r = run_size(size, args.seed, prof)
        print(f"size {size:>9,}: {r['chars']:,} chars, {r['total_s']:.1f} CPU s ({r['wall_s']:.1f} s wall), "
              f"peak RSS {r['peak_rss_mb']:.0f} MB "
              f"(after loading {r['rss_loaded_mb']:.0f} MB); {r['events']} events, {r['actors']} actors, "
              f"{r['places']} places, {r['figures']} figures, {r['quotes']} quotes", flush=True)
    stages = list(results[sizes[0]]["seconds"])
    base = results[sizes[0]]
    print()
    print("CPU seconds (time.process_time: the load of a shared machine moves it far less than wall time)")
    print("| stage | " + " | ".join(f"{s // 1000}k" for s in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    for st in stages + ["total"]:
        cells = [results[s]["total_s"] if st == "total" else results[s]["seconds"][st] for s in sizes]
        name = f"**{st}**" if st == "total" else st
        print(f"| {name} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")
    print("| peak RSS MB | " + " | ".join(f"{results[s]['peak_rss_mb']:.0f}" for s in sizes) + " |")
    print("| length ratio | " + " | ".join(f"{results[s]['chars'] / base['chars']:.2f}" for s in sizes) + " |")
    print("| time ratio | " + " | ".join(f"{results[s]['total_s'] / base['total_s']:.2f}" for s in sizes) + " |")
    print()
    failed = False
    small = next((s for s in sizes if 90_000 <= s <= 110_000), None)
    large = next((s for s in sizes if 360_000 <= s <= 440_000), None)
    if small and large:
        ratio = results[large]["total_s"] / results[small]["total_s"]
        ok = ratio <= TIME_RATIO_BAR
        failed |= not ok
        print(f"time({large // 1000}k) / time({small // 1000}k) = {ratio:.2f} (bar <= {TIME_RATIO_BAR}): "
              f"{'ok' if ok else 'FAIL'}")
    for s in sizes:
        if s >= 1_000_000:
            peak = results[s]["peak_rss_mb"]
            ok = peak < RSS_BAR_MB
            failed |= not ok
            print(f"peak RSS at {s:,} characters = {peak:.0f} MB (bar < {RSS_BAR_MB}): {'ok' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

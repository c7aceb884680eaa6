"""Kill an ingest with SIGKILL at a random point, run it again, compare with a run never killed.

    .venv/bin/python benchmarks/ingest_resume.py                       # SQLite and PostgreSQL
    .venv/bin/python benchmarks/ingest_resume.py --backends sqlite --limit 500 --stages nlp

Input: the first ``--limit`` (2,000) articles of ../shared/corpus ecbplus, wikinews_en_2004,
re3d_official and muc34_latam_1989, written to a temporary JSONL (never into the repo).
For each back end: (1) ``sitroom ingest`` into a fresh database, uninterrupted; (2) the same
into a second fresh database, killed with SIGKILL once a random number of articles is
stored, then run again to the end. The two databases must hold the same rows
(sitroom.store.snapshot: every table, surrogate ids and timestamps left out, incidents
named by their members). Prints per-table row counts, and exits 1 on a difference.
PostgreSQL runs in fresh schemas of --pg (SITROOM_TEST_PG_URL), dropped after. The
package is copied aside first and every run uses that copy, so edits made to the
working tree while the benchmark runs cannot change its results. ``--hash-seed`` (default
0) fixes PYTHONHASHSEED for every run: a stage whose output follows set or dict-of-set
iteration order would otherwise differ between any two processes, killed or not
(``--hash-seed random`` shows whether one does).

Its core runs as a test on a few dozen short articles: tests/store/test_ingest.py
(``test_kill_9_at_a_random_point_then_resume_equals_a_clean_run``: SQLite and PostgreSQL,
in-process and with two extraction workers).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SOURCES = ("ecbplus", "wikinews_en_2004", "re3d_official", "muc34_latam_1989")
SITROOM = [sys.executable, "-m", "sitroom"]


def build_input(path: Path, limit: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for name in SOURCES:
            with (CORPUS / name / "articles.jsonl").open(encoding="utf-8") as f:
                for line in f:
                    if n >= limit:
                        return n
                    r = json.loads(line)
                    keep = {k: r.get(k) for k in ("id", "text", "published", "title", "source", "url", "language")}
                    out.write(json.dumps(keep, ensure_ascii=False) + "\n")
                    n += 1
    return n


def ingest_cmd(source: Path, url: str, args) -> list[str]:
    cmd = SITROOM + ["ingest", str(source), "--db", url, "--workers", str(args.workers)]
    if args.stages:
        cmd += ["--stages", args.stages]
    return cmd


def count_articles(engine) -> int:
    import sqlalchemy as sa

    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("select count(*) from articles")).scalar_one()
    except sa.exc.SQLAlchemyError:
        return 0


ENV: dict[str, str] = dict(os.environ)


def freeze_code(tmp: str) -> None:
    """Run the ingests on a copy of the package taken now (PYTHONPATH beats the editable install)."""
    code = Path(tmp) / "code"
    shutil.copytree(REPO / "src" / "sitroom", code / "sitroom", ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = str(code) + os.pathsep + ENV.get("PYTHONPATH", "")


def run(cmd: list[str]) -> tuple[float, str]:
    t0 = time.monotonic()
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=ENV)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return time.monotonic() - t0, done.stderr.strip().splitlines()[-1]


def killed_run(cmd: list[str], url: str, kill_after: int) -> tuple[float, int]:
    from sitroom.store.db import create_engine

    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    engine = create_engine(url)
    try:
        while proc.poll() is None and count_articles(engine) < kill_after:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit("the ingest finished before it could be killed; lower the kill point")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return time.monotonic() - t0, count_articles(engine)
    finally:
        engine.dispose()


def snapshot(url: str) -> dict[str, list[str]]:
    from sitroom.store import Store
    from sitroom.store.snapshot import snapshot as snap

    with Store.open(url) as store, store.engine.connect() as conn:
        return snap(conn)


class PgSchemas:
    """Fresh schemas on one server, each reached through its own search_path."""

    def __init__(self, base: str) -> None:
        import sqlalchemy as sa

        from sitroom.store.db import normalise_url

        self.base = normalise_url(base)
        self.admin = sa.create_engine(self.base)
        self.names: list[str] = []

    def new(self) -> str:
        import sqlalchemy as sa

        name = "bench_" + uuid.uuid4().hex[:10]
        with self.admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
        self.names.append(name)
        sep = "&" if "?" in self.base else "?"
        return f"{self.base}{sep}options={quote(f'-csearch_path={name}')}"

    def drop(self) -> None:
        import sqlalchemy as sa

        with self.admin.begin() as conn:
            for name in self.names:
                conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
        self.admin.dispose()


def compare(backend: str, source: Path, n: int, args, urls: tuple[str, str], rng: random.Random) -> bool:
    ref_url, test_url = urls
    t_ref, summary = run(ingest_cmd(source, ref_url, args))
    print(f"[{backend}] uninterrupted: {t_ref:.1f} s; {summary}")
    ref = snapshot(ref_url)
    stored = len(ref["articles"])
    kill_after = rng.randint(max(1, stored // 10), max(2, stored * 9 // 10))
    t_kill, at = killed_run(ingest_cmd(source, test_url, args), test_url, kill_after)
    print(f"[{backend}] killed (SIGKILL) after {t_kill:.1f} s with {at:,} of {stored:,} articles stored "
          f"(target {kill_after:,})")
    t_rerun, summary = run(ingest_cmd(source, test_url, args))
    print(f"[{backend}] rerun: {t_rerun:.1f} s; {summary}")
    got = snapshot(test_url)
    same = True
    for table in ref:
        ok = ref[table] == got[table]
        same &= ok
        print(f"[{backend}]   {table:16s} {len(ref[table]):7,} rows  {'same' if ok else 'DIFFERENT'}"
              + ("" if ok else f" (resumed has {len(got[table]):,})"))
    print(f"[{backend}] {'IDENTICAL' if same else 'DIFFERENT'}: resumed run vs uninterrupted run, {n:,} input articles")
    return same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: sitroom's default pipeline)")
    ap.add_argument("--seed", type=int, default=None, help="random seed of the kill point")
    ap.add_argument("--hash-seed", default="0", help="PYTHONHASHSEED of the runs ('random': each its own)")
    ap.add_argument("--pg", default=os.environ.get("SITROOM_TEST_PG_URL",
                                                   "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    args = ap.parse_args()
    if not (CORPUS / "ecbplus" / "articles.jsonl").is_file():
        print(f"no corpus at {CORPUS}: nothing to measure", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    rng = random.Random(seed)
    if args.hash_seed != "random":
        ENV["PYTHONHASHSEED"] = args.hash_seed
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        freeze_code(tmp)
        source = Path(tmp) / "articles.jsonl"
        n = build_input(source, args.limit)
        print(f"input: {n:,} articles from {', '.join(SOURCES)}; seed {seed}; workers {args.workers}; "
              f"stages {args.stages or 'default'}; PYTHONHASHSEED {args.hash_seed}")
        for backend in args.backends.split(","):
            if backend == "sqlite":
                urls = (f"sqlite:///{tmp}/reference.sqlite", f"sqlite:///{tmp}/resumed.sqlite")
                ok &= compare(backend, source, n, args, urls, rng)
            elif backend == "postgresql":
                schemas = PgSchemas(args.pg)
                try:
                    ok &= compare(backend, source, n, args, (schemas.new(), schemas.new()), rng)
                finally:
                    schemas.drop()
            else:
                raise SystemExit(f"unknown back end {backend!r}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

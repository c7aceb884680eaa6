"""The same input gives byte-identical output in any process.

Python randomises str hashing per process, so a stage that lets set or dict-of-set order
decide a result (which organisation a person is linked to, which of two equal matches wins)
gives different records in different processes: a resumed ingest would then disagree with
an uninterrupted one. Two processes with different PYTHONHASHSEED must agree on every
bundled example.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "articles.jsonl"


def _extract(tmp_path: Path, seed: str) -> bytes:
    out = tmp_path / f"out-{seed}.jsonl"
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-m", "sitroom", "extract", "--input", str(EXAMPLES), "--output", str(out)],
                   check=True, env=env, capture_output=True)
    return out.read_bytes()


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    first, second = _extract(tmp_path, "1"), _extract(tmp_path, "2024")
    assert first.count(b"\n") == EXAMPLES.read_bytes().count(b"\n")
    assert first == second

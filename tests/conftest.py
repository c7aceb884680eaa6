"""Shared fixtures: one pipeline per test session, and ../shared when it is there."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline (all stages); loads spaCy once for the whole session."""
    from sitroom import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp_pipeline():
    from sitroom import Pipeline

    return Pipeline(stages=["nlp"])


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "README.md").is_file():
        pytest.skip("../shared is absent: tests on shared data are skipped")
    return SHARED


def all_spans(obj, path=""):
    """Yield (path, span-dict) for every {start, end, text} object in a CONTRACT record."""
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            yield path, obj
        for k, v in obj.items():
            if k != "text":
                yield from all_spans(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from all_spans(v, f"{path}[{i}]")

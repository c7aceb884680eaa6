"""The generated-input suite's fixtures: one harness per back end, hypothesis profiles.

Profiles (``HYPOTHESIS_PROFILE``): ``fuzz-ci`` (the default: a few dozen batches per test,
derandomised so CI runs are repeatable) and ``fuzz-dev`` (random, ten times as many).
benchmarks/fuzz.py runs the same strategies for hundreds of thousands of lines.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "database": None,
           "suppress_health_check": (HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much)}
settings.register_profile("fuzz-ci", max_examples=8, derandomize=True, **_COMMON)
settings.register_profile("fuzz-dev", max_examples=80, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fuzz-ci")
if PROFILE not in ("fuzz-ci", "fuzz-dev"):
    PROFILE = "fuzz-ci"


@pytest.fixture(scope="session")
def harnesses(pipeline):
    """Harness per back end, made on first use (PostgreSQL skipped when no server answers)."""
    from tests.fuzz.harness import Harness
    from tests.store.conftest import _pg_unavailable

    made: dict[str, Harness] = {}

    def get(backend: str) -> Harness:
        if backend == "postgresql" and _pg_unavailable():
            pytest.skip(_pg_unavailable())
        if backend not in made:
            made[backend] = Harness(pipeline, backend=backend)
        return made[backend]

    yield get
    for h in made.values():
        h.close()

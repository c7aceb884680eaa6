"""Generated JSONL through ingest, the store, every export and renderer, and extract.

Each test draws batches of lines (tests/fuzz/strategies.py) and checks the invariants of
tests/fuzz/harness.py: nothing raises, every line is stored, rejected with a code or skipped
as a duplicate, valid articles are stored whatever their neighbours hold, spans match the
text, exports parse back, renderers print no control characters. The kinds that once tripped
a defect of issue 14 (NUL and over-long fields, lone surrogates, the calendar's ends, a BOM,
malformed URLs, carriage returns) have a test each.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.fuzz.conftest import PROFILE
from tests.fuzz.strategies import CLEAN_KINDS, KINDS, batches

pytestmark = pytest.mark.slow  # the whole pipeline, loaded once per session

BACKENDS = ("sqlite", "postgresql")


def _check(harness, lines, *, bom=False):
    failures = harness.check(lines, bom=bom)
    assert not failures, "\n".join(str(f) for f in failures[:8])


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE), max_examples=settings.get_profile(PROFILE).max_examples * 2)
@given(lines=batches(CLEAN_KINDS))
def test_hostile_lines_never_cost_a_good_one(harnesses, backend, lines):
    _check(harnesses(backend), lines)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE), max_examples=max(4, settings.get_profile(PROFILE).max_examples // 2))
@given(lines=batches(("good",), max_size=6))
def test_valid_articles_all_stored_and_exported(harnesses, backend, lines):
    _check(harnesses(backend), lines)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE))
@given(lines=batches(("good", "nul", "long"), must="nul"))
def test_nul_and_over_long_fields(harnesses, backend, lines):
    _check(harnesses(backend), lines)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE))
@given(lines=batches(("good", "surrogate"), must="surrogate"))
def test_lone_surrogates_in_metadata(harnesses, backend, lines):
    _check(harnesses(backend), lines)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE))
@given(lines=batches(("good", "extreme_dates"), must="extreme_dates"))
def test_dates_at_the_ends_of_the_calendar(harnesses, backend, lines):
    _check(harnesses(backend), lines)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE))
@given(lines=batches(("good",), max_size=3))
def test_a_bom_at_the_start_of_the_file(harnesses, backend, lines):
    _check(harnesses(backend), lines, bom=True)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE))
@given(lines=batches(("good", "urls"), must="urls"))
def test_malformed_and_odd_urls(harnesses, backend, lines):
    _check(harnesses(backend), lines)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(settings.get_profile(PROFILE))
@given(lines=batches(("good", "cr"), must="cr"))
def test_carriage_returns_in_fields(harnesses, backend, lines):
    _check(harnesses(backend), lines)


def test_every_kind_is_exercised_somewhere():
    """A kind added to the strategies is put under test (here or in benchmarks/fuzz.py)."""
    covered = set(CLEAN_KINDS) | {"nul", "long", "surrogate", "extreme_dates", "urls", "cr"}
    assert covered == set(KINDS)


@settings(settings.get_profile(PROFILE), max_examples=100)
@given(lines=batches(tuple(KINDS)))
def test_generated_lines_are_what_they_claim(lines):
    """The generator's own promises, without the pipeline: a line expected stored is one JSON
    object with a text; a non-object line is not a JSON object."""
    import json

    for line in lines:
        raw = line.encode()
        if line.expect == "stored":
            obj = json.loads(raw)
            assert isinstance(obj, dict) and isinstance(obj.get("text"), str)
        if line.kind == "notjson":
            try:
                obj = json.loads(raw)
            except (ValueError, RecursionError):
                continue
            assert not isinstance(obj, dict)



# ---- the harness catches what it claims to (so a green run means something) -----------------

def _fixed_lines():
    from tests.fuzz.strategies import Line

    good = {"id": "plain-1", "text": "Rebels attacked a military convoy in Goma on Monday, killing 12 soldiers, "
                                     "a local official said.", "title": "Convoy attacked near Goma"}
    # the store refuses control characters in ids and titles, so the escapes ride in the text
    hostile = {"id": "esc-2", "title": "Arrests in Kharkiv [/]",
               "text": 'Police arrested 40 protesters in Kharkiv on Tuesday, witnesses said. "We will '
                       'march again \x1b[2J tomorrow [/]," a protest organiser said. Residents said the '
                       "police blocked the main square for several hours and closed two metro stations "
                       "near the city council building, where the crowd had gathered since the morning."}
    return [Line("good", "stored", good), Line("controls", "either", hostile)]


def _invariants(harnesses, lines):
    return {f.invariant for f in harnesses("sqlite").check(lines)}


def test_a_control_character_reaching_the_terminal_is_caught(harnesses, monkeypatch):
    import re

    from sitroom.cli import terminal

    assert _invariants(harnesses, _fixed_lines()) == set()
    monkeypatch.setattr(terminal, "_UNSAFE", re.compile("(?!)"))  # clean() lets everything through
    assert "terminal" in _invariants(harnesses, _fixed_lines())


def test_a_line_lost_by_ingest_is_caught(harnesses, monkeypatch):
    from sitroom.ingest import run

    write_one = run._write_one

    def lose_the_second(store, conn, item, status, results, report):
        if item.origin.endswith(":2"):
            if status == "new":
                next(results)
            return
        write_one(store, conn, item, status, results, report)

    monkeypatch.setattr(run, "_write_one", lose_the_second)
    assert "accounted" in _invariants(harnesses, _fixed_lines())


def test_a_span_off_its_text_is_caught(harnesses, monkeypatch):
    from sitroom.model import serialize

    monkeypatch.setattr(serialize, "_span", lambda s: {"start": s.start + 1, "end": s.end + 1, "text": s.text})
    assert "spans" in _invariants(harnesses, _fixed_lines())

"""A whole article written for these tests (fixtures/checkpoint_attack.txt): one record per
event with every mention, distinct events apart, and the flags of each."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom import Pipeline
from sitroom.model import Document
from sitroom.model.serialize import to_dict

pytestmark = pytest.mark.slow

TEXT = (Path(__file__).parent / "fixtures" / "checkpoint_attack.txt").read_text(encoding="utf-8")
PUBLISHED = "2023-06-08"  # a Thursday: "on Tuesday" is June 6


def _events(pipeline) -> list[dict]:
    return to_dict(pipeline(Document(id="kaduna", text=TEXT, published=PUBLISHED)))["events"]


@pytest.fixture(scope="module")
def events(event_pipeline) -> list[dict]:
    return _events(event_pipeline)


def _find(events: list[dict], word: str) -> dict:
    found = [e for e in events if any(m["text"] == word for m in e["mentions"])]
    assert len(found) == 1, (word, [[m["text"] for m in e["mentions"]] for e in events])
    return found[0]


def _flags(e: dict) -> tuple[bool, bool, bool]:
    return e["negated"], e["hypothetical"], e["historical"]


def test_the_checkpoint_attack_is_one_record_with_every_mention(events):
    attack = _find(events, "attacked")
    assert attack["plover"] == "ASSAULT" and attack["trigger"]["text"] == "attacked"
    # the lead, its casualties (same sentence and the next), "The attack lasted", "the checkpoint attack"
    assert [m["text"] for m in attack["mentions"]] == ["attacked", "killing", "wounded", "attack", "attack"]
    starts = [m["start"] for m in attack["mentions"]]
    assert starts == sorted(starts) and TEXT.index("The attack") + 4 in starts
    assert all(TEXT[m["start"]:m["end"]] == m["text"] for m in attack["mentions"])
    assert attack["date"] == "2023-06-06" and _flags(attack) == (False, False, False)


def test_distinct_events_stay_apart(events):
    kidnapping = _find(events, "kidnapped")
    assert kidnapping["mentions"] == [kidnapping["trigger"]] and kidnapping["date"] == "2023-06-07"
    school = [e for e in events if e["trigger"]["text"] == "attack" and e["target"]
              and e["target"]["text"] == "a school"]
    assert len(school) == 1 and school[0]["mentions"] == [school[0]["trigger"]]


@pytest.mark.parametrize(("word", "plover", "flags"), [
    ("arrested", "COERCE", (True, False, False)),     # "No one was arrested"
    ("foiled", "COERCE", (False, False, False)),      # the police's act
    ("called", "REQUEST", (False, False, False)),     # the appeal itself is made
    ("vowed", "THREATEN", (False, False, False)),     # the vow itself is made
    ("hunt down", "COERCE", (False, True, False)),    # what was vowed
    ("abducted", "ASSAULT", (False, False, True)),    # "In 2021": background
])
def test_flags(events, word, plover, flags):
    e = _find(events, word)
    assert e["plover"] == plover and _flags(e) == flags


def test_the_foiled_attack_is_negated(events):
    school = next(e for e in events if e["target"] and e["target"]["text"] == "a school")
    assert school["plover"] == "ASSAULT" and _flags(school) == (True, False, False)


def test_no_generic_violence_and_no_duplicates(events):
    assert not [e for e in events if "violence" in e["trigger"]["text"]]
    keys = [json.dumps([e["plover"], e["source"], e["target"], e["date"], e["place"], e["negated"],
                        e["hypothetical"]]) for e in events]
    assert len(keys) == len(set(keys))


def test_the_full_pipeline_merges_the_same_mentions(events):
    full = _events(Pipeline())
    assert sorted(tuple(m["text"] for m in e["mentions"]) for e in full) == \
        sorted(tuple(m["text"] for m in e["mentions"]) for e in events)

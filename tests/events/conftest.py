"""One spaCy-backed pipeline for the event tests (nlp + times + events), loaded once.

The actors stage is left out on purpose: these tests check what the events stage
finds from the parse alone, with participants as unlinked spans.
"""
from __future__ import annotations

import pytest

from sitroom import Pipeline
from sitroom.model import Document
from sitroom.model.serialize import to_dict

PUB = "2023-10-07"


@pytest.fixture(scope="session")
def event_pipeline():
    return Pipeline(stages=["nlp", "times", "events"])


@pytest.fixture(scope="session")
def events_of(event_pipeline):
    """text -> the CONTRACT dicts of its events."""

    def run(text: str, published: str | None = PUB) -> list[dict]:
        return to_dict(event_pipeline(Document(id="t", text=text, published=published)))["events"]

    return run


def by_trigger(events: list[dict], word: str) -> list[dict]:
    return [e for e in events if word in e["trigger"]["text"]]


def one(events: list[dict], word: str) -> dict:
    found = by_trigger(events, word)
    assert len(found) == 1, (word, [e["trigger"]["text"] for e in events])
    return found[0]


def who(ref: dict | None) -> str | None:
    return None if ref is None else ref["text"]


@pytest.fixture(scope="session")
def event_lexicon():
    from sitroom.events.lexicon import load_lexicon

    return load_lexicon()

"""A whole article through the default pipeline: every event's date, date_source and place
(tests/fixtures/dated_article.json, written for these tests)."""
from __future__ import annotations

import json

import pytest

from sitroom.model import Document
from sitroom.model.serialize import to_dict
from tests.conftest import REPO

pytestmark = pytest.mark.slow

FIXTURE = json.loads((REPO / "tests" / "fixtures" / "dated_article.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record(pipeline):
    return to_dict(pipeline(Document(id="dated", text=FIXTURE["text"], published=FIXTURE["published"])))


def _said_by(e: dict, words: str) -> bool:
    """The event's trigger, or one of its mentions when the record merges several, opens with ``words``."""
    return any(m["text"].startswith(words) for m in [e["trigger"], *e.get("mentions", [])])


@pytest.mark.parametrize("want", FIXTURE["expected"], ids=lambda w: w["trigger"])
def test_event_date_source_and_place(record, want):
    found = [e for e in record["events"] if _said_by(e, want["trigger"])]
    assert len(found) == 1, [e["trigger"]["text"] for e in record["events"]]
    e = found[0]
    places = {p["id"]: p["name"] for p in record["places"]}
    assert (e["date"], e["date_source"]) == (want["date"], want["date_source"])
    if "place" in want:
        assert places.get(e["place"]) == want["place"]
    assert e["historical"] is want.get("historical", False)


def test_no_event_is_dated_without_saying_where_from(record):
    for e in record["events"]:
        assert (e["date"] is None) == (e["date_source"] is None)

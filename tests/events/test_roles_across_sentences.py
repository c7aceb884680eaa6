"""Roles that come from another sentence of the article (merge.py): "also" continues the act told
just before, an agentless mention joins the same act on the same named target, and a protest told
without its participants is by the crowd the article names. Full pipeline (actors, coreference)."""
from __future__ import annotations

import pytest

from sitroom.model import Document
from sitroom.model.serialize import to_dict

pytestmark = pytest.mark.slow


def _events(pipeline, text: str) -> tuple[list[dict], dict]:
    rec = to_dict(pipeline(Document(id="t", text=text, published="2024-03-02")))
    return rec["events"], {a["id"]: a["name"] for a in rec["actors"]}


def _with(events: list[dict], word: str) -> list[dict]:
    return [e for e in events if any(word in m["text"] for m in e["mentions"])]


def _source(e: dict, names: dict) -> str | None:
    src = e.get("source")
    return None if src is None else names.get(src.get("actor")) or src["text"]


def test_also_carries_the_agent_of_the_act_just_told(pipeline):
    text = ("Masked rioters marched through the old town on Friday, smashing windows and setting fire to two "
            "banks. A bakery and a pharmacy were also attacked.")
    events, names = _events(pipeline, text)
    (attacked,) = _with(events, "attacked")
    assert _source(attacked, names) == "rioters"


def test_without_also_an_agentless_act_keeps_no_agent(pipeline):
    text = "Masked rioters marched through the old town on Friday. A bakery was attacked on Sunday."
    events, names = _events(pipeline, text)
    (attacked,) = _with(events, "attacked")
    assert attacked["source"] is None


def test_an_agentless_mention_joins_the_same_act_on_the_same_named_target(pipeline):
    text = ("Pirates fired on the tanker MV Aster on Monday. MV Aster was later escorted to safety, an officer "
            "said. After the clash, the frigate Kirpan escorted MV Aster to safety, the spokesman said.")
    events, names = _events(pipeline, text)
    escorts = _with(events, "escorted")
    assert len(escorts) == 1
    assert [m["text"] for m in escorts[0]["mentions"]] == ["escorted", "escorted"]
    assert "Kirpan" in escorts[0]["source"]["text"]


def test_a_protest_without_participants_is_by_the_articles_crowd(pipeline):
    text = ("Thousands of demonstrators marched to parliament on Monday. On Tuesday fresh riots broke out in "
            "the port. The protest movement has grown since.")
    events, names = _events(pipeline, text)
    (riots,) = _with(events, "riots")
    assert riots["plover"] == "PROTEST" and _source(riots, names) == "demonstrators"
    assert _with(events, "protest movement") == [] and _with(events, "protest") == []


def test_a_protest_without_participants_in_an_article_without_a_crowd_is_no_event(pipeline):
    events, _ = _events(pipeline, "The minister spoke on Monday. On Tuesday fresh riots broke out in the port.")
    assert _with(events, "riots") == []

"""negated, hypothetical, historical; and how refusals and stated intentions are coded."""
from __future__ import annotations

import pytest

from tests.events.conftest import one, who

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "word"), [
    ("The army did not attack the camp.", "attack"),
    ("The militia never shelled the town.", "shelled"),
    ("The militia denied carrying out the bombing of the market.", "bombing"),
    ("Police failed to stop the mob.", "stop"),
    ("Instead of cracking down on the rioters, the police withdrew.", "cracking"),
])
def test_negated(events_of, text, word):
    e = one(events_of(text), word)
    assert e["negated"] is True and e["hypothetical"] is False


@pytest.mark.parametrize(("text", "word"), [
    ("The minister vowed to exact a heavy price from the rebels.", "exact"),
    ("Hezbollah threatened to join any war against Lebanon.", "war"),
    ("If the militants attack the dam, the army will respond.", "attack"),
    ("The army could shell the town within days.", "shell"),
    ("The rebels are planning to storm the capital.", "storm"),
])
def test_hypothetical(events_of, text, word):
    e = one(events_of(text), word)
    assert e["hypothetical"] is True and e["negated"] is False
    assert e["acled"] is None  # ACLED codes what happened


def test_the_threat_itself_is_asserted_and_coded_as_a_threat(events_of):
    evs = events_of("The minister vowed to exact a heavy price from the rebels.")
    vow = one(evs, "vowed")
    assert vow["plover"] == "THREATEN" and vow["hypothetical"] is False
    assert who(vow["target"]) == "the rebels"
    threat = one(events_of("The general threatened to bomb the rebel bases."), "threatened")
    assert threat["cameo"] == "1384" and who(threat["target"]) == "the rebel bases"


def test_a_stated_intention_is_an_intent_to_cooperate(events_of):
    e = one(events_of("The rebels said their commanders will release the two hostages."), "release")
    assert e["plover"] == "AGREE" and e["hypothetical"] is False


def test_a_future_refusal_is_a_rejection(events_of):
    e = one(events_of("Hungary will not accept the returned migrants."), "accept")
    assert e["plover"] == "REJECT" and e["negated"] is False


@pytest.mark.parametrize(("text", "word", "date"), [
    ("In 2014, Russian forces seized the peninsula of Crimea.", "seized", "2014"),
    ("The two countries fought a long war in the 1980s, which for decades shaped the region.", "war", None),
])
def test_historical_by_date_or_cue(events_of, text, word, date):
    e = one(events_of(text, published="2023-10-07"), word)
    assert e["historical"] is True
    if date:
        assert e["date"] == date


def test_historical_needs_more_than_a_month(events_of):
    recent = one(events_of("On October 3, the militia attacked a police station.", published="2023-10-07"), "attacked")
    assert recent["historical"] is False and recent["date"] == "2023-10-03"
    older = one(events_of("In August, the militia attacked a police station.", published="2023-10-07"), "attacked")
    assert older["historical"] is True and older["date"] == "2023-08"


def test_publication_date_for_asserted_past_news(events_of):
    e = one(events_of("Gunmen kidnapped a priest in Kaduna.", published="2023-10-07"), "kidnapped")
    assert e["date"] == "2023-10-07" and e["time"] is None
    present = one(events_of("Gunmen are kidnapping travellers in Kaduna.", published="2023-10-07"), "kidnapping")
    assert present["date"] is None
    undated = one(events_of("Gunmen kidnapped a priest in Kaduna.", published=None), "kidnapped")
    assert undated["date"] is None


def test_reported_speech_is_attributed_not_asserted(events_of):
    e = one(events_of("The ministry said that rebels had shelled a hospital."), "shelled")
    assert e["attribution"]["certainty"] == "reported"
    assert e["attribution"]["source"]["text"] == "The ministry"
    assert e["attribution"]["cue"]["text"] == "said"
    assert e["date"] is None  # only asserted events take the publication date

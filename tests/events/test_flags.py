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


@pytest.mark.parametrize(("text", "word"), [
    ("A man was shot at the party and no one else was injured.", "injured"),
    ("Nobody was arrested after the march.", "arrested"),
    ("Neither the army nor the rebels take prisoners in this war.", "prisoners"),
])
def test_a_participant_of_no_one_negates_the_event(events_of, text, word):
    assert one(events_of(text), word)["negated"] is True


def test_a_foiled_attack_is_negated_and_foiling_it_is_coercion(events_of):
    evs = events_of("The coast guard foiled a pirate attack on a tanker.")
    assert one(evs, "attack")["negated"] is True
    foiled = one(evs, "foiled")
    assert foiled["plover"] == "COERCE" and foiled["negated"] is False


@pytest.mark.parametrize(("text", "word"), [
    ("Activists called for the government to resign.", "called"),
    ("Hundreds of students marched, with organisers calling for roads to be blocked on Tuesday.", "calling"),
    ("The ministry will keep demanding compensation for the families.", "demanding"),
    ("The army warned that it would shell the villages.", "warned"),
])
def test_a_demand_or_threat_itself_is_not_hypothetical(events_of, text, word):
    assert one(events_of(text), word)["hypothetical"] is False


@pytest.mark.parametrize(("text", "word"), [
    ("If the talks fail, the rebels could demand a ransom.", "demand"),
    ("Will the rebels demand a ransom?", "demand"),
])
def test_a_conditional_or_questioned_demand_is_hypothetical(events_of, text, word):
    assert one(events_of(text), word)["hypothetical"] is True


def test_performed_speech_acts_are_not_hypothetical(events_of):
    assert one(events_of("I want to congratulate the soldiers."), "congratulate")["hypothetical"] is False
    assert one(events_of("The envoy offered an apology to the ambassador."), "apology")["hypothetical"] is False


def test_an_attempt_happened(events_of):
    e = one(events_of("Demonstrators tried to storm the parliament in Athens."), "storm")
    assert e["hypothetical"] is False


def test_a_clause_told_as_fact_is_not_hypothetical(events_of):
    text = "The cabinet is determined to pass the cuts since agreeing a loan with the IMF on Sunday."
    assert one(events_of(text), "agreeing")["hypothetical"] is False


@pytest.mark.parametrize(("text", "published", "historical"), [
    ("On September 12, the militia attacked a police station.", "2023-10-07", False),
    ("In July, the militia attacked a police station.", "2023-10-07", True),
    ("In 2022, the militia attacked a police station.", "2023-01-15", True),
])
def test_background_is_clearly_over_a_month_old(events_of, text, published, historical):
    assert one(events_of(text, published=published), "attacked")["historical"] is historical


def test_without_a_publication_date_an_earlier_year_than_the_latest_named_is_background(events_of):
    text = ("Soldiers killed six priests in San Salvador in 1989. "
            "In 2004, thousands of activists marched outside the school.")
    evs = events_of(text, published=None)
    assert one(evs, "killed")["historical"] is True
    assert one(evs, "marched")["historical"] is False


def test_an_undated_event_beside_a_past_one_is_past_too(events_of):
    text = ("Troops killed 124 inmates at the prison on 19 June 1986. The prosecutor said that after "
            "they surrendered, the inmates were taken to the yard, where the massacre took place.")
    evs = events_of(text, published="1988-08-20")
    assert one(evs, "surrendered")["historical"] is True


def test_committing_a_crime_is_not_a_commitment(events_of):
    e = one(events_of("He said the government has committed genocide with the murder of his people."), "murder")
    assert e["hypothetical"] is False


@pytest.mark.parametrize(("text", "word"), [
    ("The envoy will lead a delegation to Berlin for a meeting on November 17 with coalition members.", "meeting"),
    ("The prime minister is scheduled to meet the Chinese president at the summit.", "meet"),
])
def test_a_planned_meeting_is_an_agreement_to_meet(events_of, text, word):
    e = one(events_of(text), word)
    assert e["plover"] == "AGREE" and e["hypothetical"] is False


def test_a_conditional_meeting_stays_hypothetical(events_of):
    e = one(events_of("If the ceasefire holds, the two leaders could meet in Doha."), "meet")
    assert e["plover"] == "CONSULT" and e["hypothetical"] is True


def test_a_participant_that_no_longer_exists_is_background(events_of):
    assert one(events_of("The Soviet Union gave military help to Cuba."), "gave")["historical"] is True
    assert one(events_of("Russia gave military help to Syria."), "gave")["historical"] is False


def test_a_material_event_beside_a_past_one_is_past_but_the_news_about_it_is_not(events_of):
    text = ("Troops killed 124 inmates at the prison on 19 June 1986. The prosecutor asked 15 years "
            "for the lieutenant, who killed 22 inmates.")
    evs = events_of(text, published="1988-08-20")
    assert one(evs, "asked")["historical"] is False


def test_since_a_named_war_is_a_reference_not_background(events_of):
    text = "The intrusion caused the Self-Defense Forces to go on alert for the second time since the Second World War."
    assert one(events_of(text), "alert")["historical"] is False


def test_committed_to_attacks_is_a_commitment(events_of):
    text = "The group remains committed to carrying out attacks against the United States."
    assert one(events_of(text), "attacks")["hypothetical"] is True

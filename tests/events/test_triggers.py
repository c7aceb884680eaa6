"""Which words are events: verbs, nouns, light verbs, phrasal triggers, and non-events."""
from __future__ import annotations

import pytest

from tests.events.conftest import by_trigger, one, who

pytestmark = pytest.mark.slow


def test_verbal_trigger(events_of):
    e = one(events_of("Rebel fighters attacked an army checkpoint near the city on Tuesday."), "attacked")
    assert e["plover"] == "ASSAULT" and e["cameo"].startswith("19")
    assert e["quad_class"] == "MATERIAL_CONFLICT"


@pytest.mark.parametrize(("text", "word", "plover"), [
    ("The army's airstrikes on the rebel town continued for a week.", "airstrikes", "ASSAULT"),
    ("Government troops and insurgents fought gunbattles in the capital overnight.", "gunbattles", "ASSAULT"),
    ("The Kurdish and Turkish delegations held talks in Geneva on Friday.", "talks", "CONSULT"),
    ("Sudan and the rebel alliance agreed a ceasefire in Darfur.", "ceasefire", "RETREAT"),
    ("A ceasefire between the army and the militias collapsed within hours.", "ceasefire", "RETREAT"),
])
def test_nominal_triggers(events_of, text, word, plover):
    found = by_trigger(events_of(text), word)
    assert found, text
    assert found[0]["plover"] == plover


def test_a_noun_that_is_the_subject_of_a_violent_verb_is_one_event_with_it(events_of):
    evs = events_of("Israeli airstrikes killed nine people in Khan Younis.")
    assert len(evs) == 1
    assert evs[0]["cameo"] == "195" and evs[0]["acled"]["sub_event_type"] == "Air/drone strike"


def test_the_attack_as_a_noun_with_its_own_participants(events_of):
    e = one(events_of("After the Serbian attack on the village, the council met."), "attack")
    assert who(e["source"]) == "Serbian" and who(e["target"]) == "the village"


@pytest.mark.parametrize("text", [
    "The rebels launched an attack on the garrison.",
    "The rebels carried out an attack on the garrison.",
    "The rebels mounted a surprise attack on the garrison.",
])
def test_light_verbs_give_the_noun_event_with_the_verb_subject(events_of, text):
    evs = events_of(text)
    assert len(evs) == 1, evs
    assert evs[0]["trigger"]["text"] == "attack"
    assert who(evs[0]["source"]) == "The rebels" and who(evs[0]["target"]) == "the garrison"


def test_held_talks_is_one_consultation(events_of):
    evs = events_of("The foreign ministers of Peru and Chile held talks in Lima.")
    assert [e["plover"] for e in evs] == ["CONSULT"]


@pytest.mark.parametrize(("text", "needle"), [
    ("Gunmen took twelve aid workers hostage near the border.", "hostage"),
    ("Twelve aid workers were taken captive by gunmen near the border.", "captive"),
    ("The soldiers were taken prisoner by the insurgents.", "prisoner"),
])
def test_taken_hostage_is_an_abduction_whose_trigger_names_it(events_of, text, needle):
    e = [x for x in events_of(text) if x["cameo"] == "181"]
    assert e and needle in e[0]["trigger"]["text"]
    assert e[0]["acled"] == {"event_type": "Violence against civilians",
                             "sub_event_type": "Abduction/forced disappearance"}


def test_opened_fire_is_one_phrasal_trigger(events_of):
    e = one(events_of("Police opened fire on the crowd outside the stadium."), "opened fire")
    assert e["plover"] == "ASSAULT" and who(e["source"]) == "Police"


@pytest.mark.parametrize("text", [
    "The meeting lasted two hours.",
    "The weather was cold and the roads were empty.",
    "She said the report would be published next week.",
    "The attack presents the largest challenge in years.",
    "Workers fought the wildfire for three days.",
])
def test_no_event_sentences(events_of, text):
    assert events_of(text) == []


@pytest.mark.parametrize(("text", "plover"), [
    ("The opposition leader condemned the arrests of journalists.", "ACCUSE"),
    ("Iran praised the decision of the court.", "SUPPORT"),
    ("Hungary rejected the proposal of the commission.", "REJECT"),
    ("The minister urged the rebels to lay down their arms.", "REQUEST"),
    ("Police arrested six protesters in the capital.", "COERCE"),
    ("Thousands of students demonstrated against the new law in Dhaka.", "PROTEST"),
    ("Russia massed troops near the Ukrainian border.", "MOBILIZE"),
    ("Canada cut diplomatic ties with the junta.", "SANCTION"),
    ("Japan sent humanitarian aid to the flooded province.", "AID"),
    ("The rebels released two kidnapped engineers.", "RETREAT"),
])
def test_each_family_has_a_trigger(events_of, text, plover):
    assert plover in {e["plover"] for e in events_of(text)}, events_of(text)


@pytest.mark.parametrize(("text", "word"), [
    ("Industry experts say the deal had been killed by the Pentagon.", "killed"),
    ("The memo advises the secretary to release fiscal numbers.", "release"),
])
def test_killing_a_deal_or_releasing_numbers_is_no_event(events_of, text, word):
    assert by_trigger(events_of(text), word) == []

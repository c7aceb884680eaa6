"""PLOVER, quad class, CAMEO and ACLED: weapons, participants, protests."""
from __future__ import annotations

import pytest

from tests.events.conftest import one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "word", "sub"), [
    ("Russian warplanes bombed a market in Idlib.", "bombed", "Air/drone strike"),
    ("An Israeli drone strike hit a car in Tyre.", "hit", "Air/drone strike"),
    ("Separatists shelled residential areas of Donetsk.", "shelled", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded near a police convoy in Kandahar.", "exploded", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "blew", "Suicide bomb"),
    ("Attackers threw a grenade into a crowded bus in Srinagar.", "threw", "Grenade"),
    ("Soldiers clashed with ISIS fighters near Raqqa.", "clashed", "Armed clash"),
    ("Gunmen shot dead five villagers in Plateau state.", "shot", "Attack"),
    ("Government troops recaptured the town of Bakhmut.", "recaptured", "Government regains territory"),
    ("Police arrested twelve suspects in Lahore.", "arrested", "Arrests"),
    ("Police seized a cache of rifles and explosives in Cotabato.", "seized", "Disrupted weapons use"),
    ("Rioters looted shops in the city centre.", "looted", "Looting/property destruction"),
    ("A mob lynched two men accused of theft.", "lynched", "Mob violence"),
])
def test_acled_sub_event_types(events_of, text, word, sub):
    e = one(events_of(text), word)
    assert e["acled"] is not None and e["acled"]["sub_event_type"] == sub, e


def test_protests_with_and_without_intervention(events_of):
    calm = one(events_of("Thousands of teachers protested outside parliament in Nairobi."), "protested")
    assert calm["acled"] == {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    evs = events_of("Police fired tear gas at students who were protesting against fees in Kampala.")
    assert {e["acled"]["sub_event_type"] for e in evs if e["acled"]} == {"Protest with intervention"}
    shot = one(events_of("Security forces shot dead three protesters in Baghdad."), "shot")
    assert shot["acled"]["sub_event_type"] == "Excessive force against protesters"


def test_verbal_events_have_no_acled_coding(events_of):
    for text, word in [("The EU condemned the coup in Niger.", "condemned"),
                       ("Turkey threatened Greece with sanctions.", "threatened"),
                       ("Qatar hosted talks between the two sides.", "talks")]:
        e = one(events_of(text), word)
        assert e["acled"] is None, text


@pytest.mark.parametrize(("text", "word", "quad"), [
    ("The president praised the peace deal.", "praised", "VERBAL_COOPERATION"),
    ("The rebels freed forty prisoners.", "freed", "MATERIAL_COOPERATION"),
    ("Moscow accused Kyiv of sabotage.", "accused", "VERBAL_CONFLICT"),
    ("The army arrested the opposition leader.", "arrested", "MATERIAL_CONFLICT"),
    ("The UN appealed to both sides to respect the truce.", "appealed", "STATEMENT"),
])
def test_quad_classes(events_of, text, word, quad):
    assert one(events_of(text), word)["quad_class"] == quad


def test_plover_is_null_only_for_neutral_statements(events_of):
    e = one(events_of("Hamas issued a statement on Sunday."), "statement")
    assert e["plover"] is None and e["quad_class"] == "STATEMENT"


def test_governed_codes_are_refined(events_of):
    assert one(events_of("The UN called for a ceasefire in Gaza."), "called")["cameo"] == "0256"
    assert one(events_of("Egypt demanded the release of the detained sailors."), "demanded")["cameo"] == "1053"
    assert one(events_of("Turkey threatened sanctions against Sweden."), "threatened")["cameo"] == "1312"

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


@pytest.mark.parametrize(("text", "word"), [
    ("Hooded youths hurled petrol bombs at shops and banks in the city centre.", "hurled"),
    ("Protesters set fire to three banks near the university.", "set"),
    ("Demonstrators tried to storm the parliament.", "storm"),
    ("Hundreds of residents have been blockading the highway for a week.", "blockading"),
])
def test_crowd_violence_against_property_is_a_protest(events_of, text, word):
    assert one(events_of(text), word)["plover"] == "PROTEST"


@pytest.mark.parametrize(("text", "word"), [
    ("About 100 youths hurled petrol bombs at a police station.", "hurled"),
    ("Rebels stormed the parliament building at dawn.", "stormed"),
    ("Soldiers blockaded the port of Hodeidah.", "blockaded"),
])
def test_violence_against_people_or_by_armed_men_stays_what_it_is(events_of, text, word):
    assert one(events_of(text), word)["plover"] != "PROTEST"


def test_unarmed_attacks_on_property_in_a_protest_story_are_part_of_the_protest(events_of):
    text = "Thousands of students protested in the capital on Friday. Several shops were attacked."
    assert one(events_of(text), "attacked")["plover"] == "PROTEST"
    alone = "Several shops were attacked in the capital on Friday, the police said."
    assert one(events_of(alone), "attacked")["plover"] == "ASSAULT"


@pytest.mark.parametrize(("text", "word", "plover"), [
    ("Kurdish fighters liberated the town of Sinjar.", "liberated", "ASSAULT"),
    ("Sinjar has been liberated, the minister said.", "liberated", "ASSAULT"),
    ("The rebels liberated two hostages on Sunday.", "liberated", "RETREAT"),
    ("The navy captured 26 pirates in the Gulf of Aden.", "captured", "COERCE"),
    ("Guerrillas captured a wounded soldier near Galvez.", "captured", "ASSAULT"),
    ("Police dispersed the crowd outside the court.", "dispersed", "COERCE"),
    ("Police dispersed the crowd with tear gas and batons.", "dispersed", "ASSAULT"),
    ("The warship repulsed an attack on the tanker.", "repulsed", "ASSAULT"),
    ("The frigate sank a pirate mother ship.", "sank", "ASSAULT"),
    ("The gunman gave himself up to police.", "gave", "RETREAT"),
    ("Police locked down the neighbourhood.", "locked", "COERCE"),
    ("The tanker was later escorted to safety by a frigate.", "escorted", "AID"),
    ("The officer has been charged with murder.", "charged", "ACCUSE"),
    ("The vice minister offered an apology to Japan.", "apology", "CONCEDE"),
    ("The minister offered his condolences to the families.", "condolences", "SUPPORT"),
    ("The State Department is offering a reward for information on the attackers.", "reward", "REQUEST"),
])
def test_plover_types_of_common_actions(events_of, text, word, plover):
    assert one(events_of(text), word)["plover"] == plover


@pytest.mark.parametrize(("text", "word"), [
    ("Police could offer no details about the bomb.", "offer"),
    ("Thank you, minister.", "Thank"),
    ("Laws protect free speech on campus.", "protect"),
    ("The bank issued a news release on Friday.", "release"),
    ("The chancellor is fighting accusations of delay.", "fighting"),
])
def test_not_events(events_of, text, word):
    assert [e for e in events_of(text) if word in e["trigger"]["text"]] == []


@pytest.mark.parametrize(("text", "word", "plover"), [
    ("A Chinese submarine entered Japanese territorial waters.", "entered", "MOBILIZE"),
    ("Hundreds of refugees entered the territory.", "entered", None),
    ("A bomb was deactivated by the police in Almeria.", "deactivated", "COERCE"),
    ("The sergeant has contacted the FBI.", "contacted", "CONSULT"),
    ("The officers will be arraigned before a military court.", "arraigned", "ACCUSE"),
    ("Military prosecutors are conducting legal actions against the officers.", "actions", "ACCUSE"),
    ("He was stripped of his weapon by his commander.", "stripped", "COERCE"),
    ("The coalition continues to support Iraqi forces with air strikes.", "support", "AID"),
    ("The coalition provided vital air support to the Kurdish forces.", "support", "AID"),
    ("Troops destroyed a rebel hideout near the village.", "destroyed", "COERCE"),
    ("Guerrillas destroyed the offices of the sugar mill.", "destroyed", "ASSAULT"),
])
def test_more_actions(events_of, text, word, plover):
    found = [e for e in events_of(text) if word in e["trigger"]["text"]]
    assert [e["plover"] for e in found] == ([plover] if plover else [])


def test_stones_thrown_at_the_police_are_an_assault_of_the_riot(events_of):
    e = one(events_of("Youths hurled rocks at a police station in Exarchia."), "hurled")
    assert e["plover"] == "ASSAULT" and e["cameo"] == "145"
    assert one(events_of("Youths hurled rocks at shop windows in Exarchia."), "hurled")["plover"] == "PROTEST"


def test_a_civilian_who_finds_a_bomb_seizes_nothing(events_of):
    assert [e for e in events_of("The bomb was found by a bank employee in the bushes.") if e["plover"]] == []
    assert one(events_of("Soldiers found a cache of rifles in the village."), "found")["plover"] == "COERCE"


@pytest.mark.parametrize(("text", "word", "plover"), [
    ("The sergeant witnessed the abuse of Iraqi detainees by intelligence officers.", "abuse", "ASSAULT"),
    ("The sergeant filed a formal complaint against his team leader.", "complaint", "ACCUSE"),
])
def test_abuse_and_complaints(events_of, text, word, plover):
    assert one(events_of(text), word)["plover"] == plover


@pytest.mark.parametrize("text", [
    "Anarchists, many of whom call Exarchia their home, organised the march.",
    "The presidents hosted a news conference after the summit ended.",
])
def test_naming_and_press_conferences_are_no_consultation(events_of, text):
    assert [e for e in events_of(text) if e["plover"] == "CONSULT"] == []


@pytest.mark.parametrize(("text", "word", "plover"), [
    ("Sinjar has been liberated, the minister said.", "liberated", "ASSAULT"),
    ("The rebels will hand over soldier Juan Diaz, who was captured wounded near the river.", "captured", "ASSAULT"),
    ("A U.S. strike hit the headquarters compound on Tuesday.", "hit", "ASSAULT"),
    ("The intrusion caused the Self-Defense Forces to go on alert.", "alert", "MOBILIZE"),
])
def test_parser_variants(events_of, text, word, plover):
    e = one(events_of(text), word)
    assert e["plover"] == plover and e["hypothetical"] is False


@pytest.mark.parametrize("text", [
    "Areas already liberated are being cleared of mines.",
    "The sergeant, who was supporting the operation, was killed by a roadside bomb.",
])
def test_liberated_areas_and_supporting_an_operation_are_no_events(events_of, text):
    assert [e for e in events_of(text) if e["trigger"]["text"] in ("liberated", "supporting")] == []


def test_protest_codes_from_the_participants(event_lexicon):
    from sitroom.events.coding import Party, protest_code

    students, troops = Party(frozenset({"student"}), head="student"), Party(frozenset({"troop"}), head="troop")
    campus, town = Party(frozenset({"university"}), head="university"), Party(frozenset({"town"}), head="town")
    banks, police = Party(frozenset({"bank"}), head="bank"), Party(frozenset({"police"}), head="police")
    assert protest_code(event_lexicon, "192", students, campus, False) == "145"  # students occupy a campus
    assert protest_code(event_lexicon, "192", troops, town, False) is None      # troops occupy a town
    assert protest_code(event_lexicon, "190", students, banks, False) == "145"
    assert protest_code(event_lexicon, "190", students, police, False) is None
    assert protest_code(event_lexicon, "190", None, banks, True) == "145"       # in a protest story
    assert protest_code(event_lexicon, "190", None, banks, False) is None
    assert protest_code(event_lexicon, "191", Party(frozenset({"resident"}), head="resident"), None, False) == "144"


@pytest.mark.parametrize(("text", "word"), [
    ("Defence officials considered the intrusion an act of provocation.", "considered"),
    ("The minister described the raid as a war crime.", "described"),
    ("The report also details the destruction of the old city by the militia.", "details"),
    ("The commission published a report on human rights abuses in the north.", "published"),
    ("Of the soldiers cited for the killing by the commission, most were officers.", "cited"),
])
def test_condemnations_and_findings_are_accusations(events_of, text, word):
    assert one(events_of(text), word)["plover"] == "ACCUSE"


@pytest.mark.parametrize(("text", "word"), [
    ("Critics describe the plan as ambitious.", "describe"),
    ("The ministry published a report on the harvest.", "published"),
    ("The minister called his counterpart on Monday.", "called"),
])
def test_not_accusations_or_appeals(events_of, text, word):
    assert [e for e in events_of(text) if e["plover"] in ("ACCUSE", "REQUEST")] == []


def test_aided_by_support_is_aid(events_of):
    evs = events_of("Opposition forces liberated the town, aided by strong support from Turkey.")
    assert one(evs, "aided")["plover"] == "AID"

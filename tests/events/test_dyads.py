"""Source and target from the parse: active, passive, coordination, control, relative clauses."""
from __future__ import annotations

import pytest

from tests.events.conftest import one, who

pytestmark = pytest.mark.slow


def test_active_subject_and_object(events_of):
    e = one(events_of("Ukrainian drones struck a Russian airbase on Sunday."), "struck")
    # the drones are the means: the actor is the one the modifier names (issue 11)
    assert who(e["source"]) == "Ukrainian" and who(e["target"]) == "a Russian airbase"


def test_passive_with_agent_swaps_roles(events_of):
    e = one(events_of("Four villagers were killed by bandits in Zamfara."), "killed")
    assert who(e["source"]) == "bandits" and who(e["target"]) == "Four villagers"


def test_passive_without_agent_keeps_the_target(events_of):
    e = one(events_of("Three journalists were detained in Minsk on Monday."), "detained")
    assert e["source"] is None and who(e["target"]) == "Three journalists"


def test_participle_modifier_is_passive(events_of):
    e = one(events_of("Police found the bodies of civilians killed by the militia."), "killed")
    assert who(e["source"]) == "the militia" and who(e["target"]) == "civilians"


def test_coordinated_subjects_give_one_event(events_of):
    # one record per event (issue 11): the first conjunct names the source
    text = "Hamas and Islamic Jihad fighters fired rockets at Ashkelon."
    evs = [e for e in events_of(text) if e["plover"] == "ASSAULT"]
    assert len(evs) == 1 and who(evs[0]["source"]) == "Hamas" and who(evs[0]["target"]) == "Ashkelon"


def test_reciprocal_coordination_pairs_the_conjuncts(events_of):
    e = one(events_of("Armenia and Azerbaijan clashed along the border in September."), "clashed")
    assert who(e["source"]) == "Armenia" and who(e["target"]) == "Azerbaijan"


def test_between_gives_both_sides(events_of):
    e = one(events_of("Residents reported heavy clashes between the army and the RSF in Omdurman."), "clashes")
    assert who(e["source"]) == "the army" and who(e["target"]) == "the RSF"


def test_subject_is_inherited_through_control_and_coordination(events_of):
    evs = events_of("The Taliban stormed the prison and freed hundreds of inmates.")
    freed = one(evs, "freed")
    assert who(freed["source"]) == "The Taliban"
    vow = events_of("The president vowed to punish the attackers and to retaliate against the militia.")
    retaliate = one(vow, "retaliate")
    assert who(retaliate["source"]) == "The president" and retaliate["hypothetical"] is True


def test_object_control_gives_the_object_as_subject(events_of):
    e = one(events_of("The UN urged the junta to release political prisoners."), "release")
    assert who(e["source"]) == "the junta" and e["hypothetical"] is True


def test_relative_pronoun_stands_for_its_noun(events_of):
    e = one(events_of("The gunmen who attacked the convoy escaped into the forest."), "attacked")
    assert who(e["source"]) == "The gunmen" and who(e["target"]) == "the convoy"


def test_weapons_are_not_targets(events_of):
    e = one(events_of("Houthi forces fired missiles at a tanker in the Red Sea."), "fired")
    assert who(e["target"]) == "a tanker"
    assert e["acled"]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_dates_are_not_participants(events_of):
    e = one(events_of("Protesters marched on Saturday in Tbilisi."), "marched")
    assert e["target"] is None or "Saturday" not in e["target"]["text"]


def test_spans_point_into_the_text(events_of):
    text = "Adviser to the Supreme Leader, Yahya Rahim Safavi, praised the operation."
    e = one(events_of(text), "praised")
    src = e["source"]
    assert text[src["start"]:src["end"]] == src["text"] == "Adviser to the Supreme Leader, Yahya Rahim Safavi"

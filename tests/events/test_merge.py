"""One record per event per article: later mentions fold into the first (events/merge.py)."""
from __future__ import annotations

import pytest

from tests.events.conftest import by_trigger, one, who

pytestmark = pytest.mark.slow


def _texts(e: dict) -> list[str]:
    return [m["text"] for m in e["mentions"]]


def test_every_event_lists_its_own_trigger_among_its_mentions(events_of):
    e = one(events_of("Gunmen kidnapped a priest in Kaduna."), "kidnapped")
    assert e["mentions"] == [e["trigger"]]


def test_a_definite_re_mention_joins_the_event(events_of):
    text = "Gunmen stormed a bank in the town of Dera. The attack lasted an hour, officials said."
    evs = events_of(text)
    stormed = one(evs, "stormed")
    assert by_trigger(evs, "attack") == []
    assert "attack" in _texts(stormed) and "stormed" in _texts(stormed)
    assert all(text[m["start"]:m["end"]] == m["text"] for m in stormed["mentions"])


def test_a_casualty_count_joins_the_attack_it_counts(events_of):
    evs = events_of("Rebels shelled the market on Monday. Two traders were wounded.")
    assert len([e for e in evs if e["plover"] == "ASSAULT"]) == 1
    assert _texts(one(evs, "shelled")) == ["shelled", "wounded"]


def test_casualties_of_another_day_stay_apart(events_of):
    evs = events_of("Rebels shelled the market on Monday. On Friday two soldiers were wounded in the north.")
    assert len([e for e in evs if e["plover"] == "ASSAULT"]) == 2


def test_a_re_mention_with_a_date_of_its_own_is_a_new_event(events_of):
    text = ("Guerrillas attacked a sugar mill near the capital. "
            "The offensive began with the attack on the National Guard headquarters on Tuesday.")
    evs = [e for e in events_of(text, published="1988-11-03") if e["plover"] == "ASSAULT"]
    assert len(evs) == 2


def test_a_negated_mention_does_not_join_an_asserted_event(events_of):
    evs = events_of("A gunman shot a man at a party. No one else was injured.")
    injured = one(evs, "injured")
    assert injured["negated"] is True
    assert _texts(one(evs, "shot")) == ["shot"]


def test_exact_repeats_become_one_record(events_of):
    evs = events_of("The rebels attacked the army. Later the rebels attacked the army.")
    assert len(evs) == 1 and len(evs[0]["mentions"]) == 2


def test_coordinated_verbs_of_one_clause_are_one_event(events_of):
    evs = events_of("One man was shot and killed outside the house.")
    assert len(evs) == 1 and _texts(evs[0]) == ["shot", "killed"]


def test_two_strikes_in_two_towns_stay_apart(events_of):
    text = "Israeli jets struck Rafah on Monday. Israeli jets also struck Jenin on Tuesday."
    evs = [e for e in events_of(text) if e["plover"] == "ASSAULT"]
    assert sorted(who(e["target"]) for e in evs) == ["Jenin", "Rafah"]


def test_a_rejected_demand_with_an_author_is_an_event_of_its_own(events_of):
    evs = events_of("The prime minister rejected calls by opposition leaders for early elections.")
    assert sorted(e["plover"] for e in evs) == ["REJECT", "REQUEST"]
    assert who(one(evs, "calls")["source"]) == "opposition leaders"
    assert one(evs, "rejected")["trigger"]["text"] == "rejected"
    assert [e["plover"] for e in events_of("The prime minister rejected calls for early elections.")] == ["REJECT"]


def test_a_repelled_attack_and_the_repulse_are_two_events(events_of):
    evs = events_of("The warship repulsed an attack on a merchant vessel in the Gulf of Aden.")
    assert sorted(e["trigger"]["text"] for e in evs) == ["attack", "repulsed"]
    assert one(evs, "attack")["negated"] is False
    foiled = events_of("The coast guard foiled an attack on a tanker.")
    assert one(foiled, "attack")["negated"] is True


def test_a_past_attack_retold_without_a_date_joins_it(events_of):
    text = "Troops killed 124 inmates at the prison on 19 June 1986. The guards opened fire on the inmates in the yard."
    evs = [e for e in events_of(text, published="1988-08-20") if e["plover"] == "ASSAULT"]
    assert len(evs) == 1 and _texts(evs[0]) == ["killed", "opened fire"] and evs[0]["historical"] is True


def test_a_result_participle_is_the_same_event(events_of):
    evs = events_of("Israeli airstrikes hit Gaza overnight, killing five people.")
    assert len(evs) == 1 and _texts(evs[0]) == ["hit", "killing"]


def test_an_unattached_re_mention_does_not_capture_later_ones(events_of):
    text = ("Hamas launched a large attack on Israel on Saturday. News reports said the attack was the "
            "largest clash since 2021. The Hamas attack comes as talks are under way.")
    evs = [e for e in events_of(text) if e["plover"] == "ASSAULT"]
    assert all(e["historical"] is False for e in evs)
    assert evs[0]["trigger"]["text"] == "attack" and evs[0]["date"] == "2023-10-07"


def test_a_re_mention_joins_an_act_of_its_own_kind(events_of):
    text = ("Rebels carried out two bomb attacks in the city center on Friday. "
            "The explosions did not cause any casualties, the police said.")
    evs = [e for e in events_of(text) if e["plover"] == "ASSAULT" and not e["negated"]]
    assert len(evs) == 1 and "attacks" in _texts(evs[0])
    text = ("US troops invaded Panama in December. Let us recall the explosion of the airliner, "
            "in which more than 100 people died.")
    invasion = one(events_of(text), "invaded")
    assert _texts(invasion) == ["invaded"]


def test_a_place_carried_from_the_paragraph_does_not_keep_mentions_apart(pipeline):
    from sitroom.model import Document
    from sitroom.model.serialize import to_dict

    text = ("Troops shot the inmates in Kandahar on 19 June 2019.\n\nProsecutors in Kabul demanded long "
            "sentences for the officers. The guards had shot the inmates in the yard.")
    evs = to_dict(pipeline(Document(id="t", text=text, published="2024-03-10")))["events"]
    shot = [e for e in evs if e["plover"] == "ASSAULT"]
    assert len(shot) == 1 and _texts(shot[0]) == ["shot", "shot"]  # "Kabul" is the demand's place, carried
    places = {p["id"]: p["mentions"][0]["text"] for p in to_dict(pipeline(Document(id="t", text=text)))["places"]}
    assert places.get(shot[0]["place"]) == "Kandahar"  # the place the first mention's own clause names


def test_a_retold_attack_on_they_joins_when_the_sentence_names_them(events_of):
    text = ("Troops shot the inmates at the prison on 19 June 2019.\n\nThe prosecutor said the inmates were "
            "forced into the yard, where they were murdered by the guards.")
    evs = [e for e in events_of(text, published="2024-03-10") if e["plover"] == "ASSAULT"]
    assert len(evs) == 1 and _texts(evs[0]) == ["shot", "murdered"] and evs[0]["historical"] is True
    # "they" of another sentence is no one this rule may guess
    text = "Troops shot the inmates at the prison on 19 June 2019.\n\nRebels attacked a convoy. They were murdered."
    evs = [e for e in events_of(text, published="2024-03-10") if e["plover"] == "ASSAULT"]
    assert all("murdered" not in _texts(e) or _texts(e) == ["murdered"] for e in evs)

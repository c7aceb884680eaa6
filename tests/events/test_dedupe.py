"""One clause, one event; no event without participants."""
from __future__ import annotations

import pytest

from tests.events.conftest import who

pytestmark = pytest.mark.slow


def test_light_verb_and_coordinated_adjectives_give_one_event(events_of):
    evs = events_of("Hamas launched a coordinated and large attack on Israel on Saturday.")
    assert len(evs) == 1
    assert who(evs[0]["source"]) == "Hamas" and who(evs[0]["target"]) == "Israel"


def test_verb_and_its_means_noun_merge(events_of):
    evs = events_of("Five soldiers were killed in an Israeli airstrike near Rafah.")
    assert len(evs) == 1
    assert evs[0]["cameo"] == "195" and who(evs[0]["target"]) == "Five soldiers"
    assert who(evs[0]["source"]) == "Israeli"


def test_cognate_object_merges(events_of):
    evs = events_of("The two militias fought a fierce battle for the airport.")
    assert len(evs) <= 1


def test_every_event_has_a_participant(events_of):
    text = ("The attack lasted an hour. Fighting was reported in the north. "
            "Rebels attacked a base and talks resumed in Doha.")
    for e in events_of(text):
        assert e["source"] is not None or e["target"] is not None


def test_condemned_attack_keeps_both_events(events_of):
    evs = events_of("Egypt condemned the Israeli raid on the hospital.")
    assert sorted(e["plover"] for e in evs) == ["ACCUSE", "ASSAULT"]

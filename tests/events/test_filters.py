"""Words that do not report an event: names, commands, running totals (events/filters.py)."""
from __future__ import annotations

import pytest

from tests.events.conftest import by_trigger

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "word"), [
    ("Leaders will gather for the Asia-Pacific Economic Cooperation summit in Lima.", "Cooperation"),
    ("He told the Criminal Investigation Division what he saw.", "Investigation"),
    ("He is a veteran of the first Gulf War and lives in Ohio.", "War"),
])
def test_a_word_inside_a_name_is_no_event(events_of, text, word):
    assert by_trigger(events_of(text), word) == []


def test_a_command_is_no_event(events_of):
    assert events_of("Meet the volunteers of our newsroom") == []


@pytest.mark.parametrize(("text", "word"), [
    ("About 13,000 people have been killed since the insurgency began in 1980.", "killed"),
    ("More than 400 soldiers have died since 2019 in the region.", "died"),
    ("A total of six engineers have been murdered in the province.", "murdered"),
    ("So far 70 civilians have been killed in the district, the agency said.", "killed"),
])
def test_a_running_total_is_no_incident(events_of, text, word):
    assert by_trigger(events_of(text), word) == []


def test_a_single_killing_is_still_an_event(events_of):
    assert by_trigger(events_of("Gunmen killed six engineers in the province on Sunday."), "killed")


def test_a_patient_released_from_hospital_is_no_release_of_a_prisoner(events_of):
    assert by_trigger(events_of("A guard was treated at a hospital and released, police said."), "released") == []
    assert by_trigger(events_of("The rebels released two hostages on Sunday."), "released")


def test_asking_a_question_is_no_request(events_of):
    text = "We often asked whether there could arise a situation in which the army takes control."
    assert by_trigger(events_of(text), "asked") == []
    assert by_trigger(events_of("The minister asked the army to withdraw."), "asked")


@pytest.mark.parametrize(("text", "word"), [
    ("The United States is waging a war against drug trafficking in the region.", "war"),
    ("He said the verbal war between the parties is harmful.", "war"),
])
def test_a_struggle_against_a_thing_is_no_event(events_of, text, word):
    assert by_trigger(events_of(text), word) == []


@pytest.mark.parametrize(("text", "word"), [
    ("Details are on the page of the commission of inquiry on the Republic of Sudan.", "inquiry"),
    ("The lawyers went to the court of appeal in Nairobi on Monday.", "appeal"),
])
def test_an_act_naming_a_body_is_no_event(events_of, text, word):
    assert by_trigger(events_of(text), word) == []


def test_an_act_of_a_body_is_still_an_event(events_of):
    events = events_of("The panel of experts accused the militia of an attack on the camp.")
    assert by_trigger(events, "accused") and by_trigger(events, "attack")

"""actor_for_span: the helper the events and quotes stages use to link a span to an actor."""
from __future__ import annotations

from sitroom.actors import actor_for_span
from sitroom.model import Actor, Span
from sitroom.model.vocab import ActorKind

TEXT = "Later the Iran-backed group fired at Israeli forces."


def _span(s):
    i = TEXT.index(s)
    return Span.of(TEXT, i, i + len(s))


IRAN = Actor("A1", "Iran", ActorKind.STATE, (_span("Iran"),), country="IRN")
GROUP = Actor("A2", "Hezbollah", ActorKind.ARMED_GROUP, (_span("Iran-backed group"),), country="LBN")
FORCES = Actor("A3", "Israeli military", ActorKind.MILITARY, (_span("Israeli forces"),), country="ISR")
ACTORS = (IRAN, GROUP, FORCES)


def test_nested_mentions_go_to_the_head():
    assert actor_for_span(ACTORS, _span("the Iran-backed group")) is GROUP
    assert actor_for_span(ACTORS, _span("Iran")) is IRAN
    assert actor_for_span(ACTORS, _span("group")) is GROUP


def test_overlap_and_misses():
    assert actor_for_span(ACTORS, _span("at Israeli forces")) is FORCES
    assert actor_for_span(ACTORS, _span("forces")) is FORCES
    assert actor_for_span(ACTORS, _span("Later")) is None
    assert actor_for_span((), _span("Iran")) is None

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


SEED_LIKE = "Iranian-backed Palestinian Hamas launched an attack on the leader of Hezbollah."


def _at(s, text=SEED_LIKE):
    i = text.index(s)
    return Span.of(text, i, i + len(s))


def test_a_phrase_names_the_actor_of_its_head_not_of_its_modifiers():
    iran = Actor("A1", "Iran", ActorKind.STATE, (_at("Iranian"),), country="IRN")
    pal = Actor("A2", "Palestinians", ActorKind.CIVILIANS, (_at("Palestinian"),), country="PSE")
    hamas = Actor("A3", "Hamas", ActorKind.ARMED_GROUP, (_at("Hamas"),), country="PSE")
    hez = Actor("A4", "Hezbollah", ActorKind.ARMED_GROUP, (_at("Hezbollah"),), country="LBN")
    actors = (iran, pal, hamas, hez)
    # the longer modifier mention ("Iranian") overlaps more, but the head word is Hamas
    assert actor_for_span(actors, _at("Iranian-backed Palestinian Hamas")) is hamas
    assert actor_for_span(actors, _at("Iranian-backed Palestinian Hamas"), head=_at("Hamas")) is hamas
    # a head no mention covers: the mention ending last inside the phrase
    assert actor_for_span(actors, _at("the leader of Hezbollah"), head=_at("leader")) is hez
    assert actor_for_span(actors, _at("Iranian"), head=_at("Iranian")) is iran



EMBEDDED = "Envoys met officers of the Anti Hezbollah Alliance and the Hezbollah Political Council in Tyre."


def _word_at(word, before):
    """the span of ``word`` where it starts the text ``before`` (one of several occurrences)"""
    i = EMBEDDED.index(before)
    return Span.of(EMBEDDED, i, i + len(word))


def test_a_name_inside_a_longer_name_is_not_linked():
    hez = Actor("A1", "Hezbollah", ActorKind.ARMED_GROUP,
                (_word_at("Hezbollah", "Hezbollah Alliance"), _word_at("Hezbollah", "Hezbollah Political")),
                country="LBN")
    # "Anti Hezbollah Alliance" names another body, whether or not the caller gives the head word
    assert actor_for_span((hez,), _at("officers of the Anti Hezbollah Alliance", EMBEDDED),
                          _at("officers", EMBEDDED)) is None
    assert actor_for_span((hez,), _at("the Anti Hezbollah Alliance", EMBEDDED)) is None
    # a name that starts the phrase still links ("the Hezbollah Political Council" is Hezbollah's)
    assert actor_for_span((hez,), _at("the Hezbollah Political Council", EMBEDDED)) is hez
    # a mention covering the head word still links
    alliance = _word_at("Hezbollah", "Hezbollah Alliance")
    assert actor_for_span((hez,), _at("the Anti Hezbollah Alliance", EMBEDDED), alliance) is hez
    # a capitalised article starts a sentence, not a name ("The UN Support Mission" is the UN's)
    mission = "The UN Support Mission condemned it."
    un = Actor("A2", "United Nations", ActorKind.ORGANIZATION, (_at("UN", mission),))
    assert actor_for_span((un,), _at("The UN Support Mission", mission)) is un

"""The span indexes that keep linking near-linear give exactly what a scan of every span gives."""
from __future__ import annotations

import random

import pytest

from sitroom.actors import ActorLookup, actor_for_span
from sitroom.events.linking import ActorIndex, attribution_from_layer, link_figures
from sitroom.model import ActorKind, AttributedSpan, Attribution, Certainty, Figure, FigureKind, Qualifier, Span
from sitroom.model.records import Actor
from sitroom.spanindex import SpanIndex

TEXT = "x" * 4000


def random_intervals(rng: random.Random, n: int, longest: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        s = rng.randrange(0, 2900)
        out.append((s, s + rng.randrange(0, longest)))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_overlapping_and_containing_match_a_full_scan(seed):
    rng = random.Random(seed)
    spans = random_intervals(rng, rng.randrange(0, 60), rng.choice([3, 40, 800]))
    index = SpanIndex(spans)
    for _ in range(200):
        s = rng.randrange(0, 2950)
        e = s + rng.randrange(0, 50)
        assert index.overlapping(s, e) == [k for k, (a, b) in enumerate(spans) if a < e and s < b]
        assert index.containing(s, e) == [k for k, (a, b) in enumerate(spans) if a <= s and e <= b]


def test_an_empty_index_finds_nothing():
    assert SpanIndex([]).overlapping(0, 10) == [] and SpanIndex([]).containing(3, 3) == []


def make_actors(rng: random.Random, n: int) -> tuple[Actor, ...]:
    actors = []
    for i in range(n):
        spans = sorted({(s, e) for s, e in random_intervals(rng, rng.randrange(1, 6), 30) if e > s})
        actors.append(Actor(id=f"A{i + 1}", name=f"actor {i}", kind=ActorKind.ARMED_GROUP,
                            mentions=tuple(Span.of(TEXT, s, e) for s, e in spans)))
    return tuple(actors)


@pytest.mark.parametrize("seed", range(10))
def test_actor_lookup_answers_as_actor_for_span(seed):
    rng = random.Random(seed)
    actors = make_actors(rng, 40)
    lookup = ActorLookup(actors)
    for _ in range(300):
        s = rng.randrange(0, 2950)
        span = Span.of(TEXT, s, s + rng.randrange(1, 40))
        h = rng.randrange(span.start, span.end)
        head = rng.choice([None, Span.of(TEXT, h, min(span.end, h + 5))])
        assert lookup(span, head) is actor_for_span(actors, span, head)


def test_actors_sharing_a_mention_span_do_not_break_the_event_linker():
    # two actors with the same mention once raised TypeError (Actors do not order) in ActorIndex
    shared = Span.of(TEXT, 10, 20)
    a = Actor(id="A1", name="one", kind=ActorKind.MILITARY, mentions=(shared,))
    b = Actor(id="A2", name="two", kind=ActorKind.MILITARY, mentions=(shared,))
    index = ActorIndex((a, b))
    assert index.find(Span.of(TEXT, 5, 25), Span.of(TEXT, 12, 15)) is a


@pytest.mark.parametrize("seed", range(10))
def test_attribution_from_layer_is_the_innermost_first_stretch(seed):
    rng = random.Random(seed)
    layer = tuple(AttributedSpan(Span.of(TEXT, s, e), Attribution(Certainty.REPORTED, None, Span.of(TEXT, k, k + 1)))
                  for k, (s, e) in enumerate(random_intervals(rng, 50, 400)))
    for _ in range(200):
        s = rng.randrange(0, 2950)
        trigger = Span.of(TEXT, s, s + rng.randrange(1, 20))
        expected = None
        for a in layer:  # the rule as a scan of the whole layer
            if a.span.contains(trigger) and (expected is None or len(a.span.text) < len(expected.span.text)):
                expected = a
        got = attribution_from_layer(layer, trigger)
        assert got == (None if expected is None else expected.attribution)


def test_link_figures_reads_only_the_sentence_figures():
    figures = tuple(Figure(id=f"F{i}", span=Span.of(TEXT, i * 10, i * 10 + 2), kind=FigureKind.KILLED,
                           qualifier=Qualifier.EXACT, value=i) for i in range(50))
    assert link_figures([], figures, (100, 200)) == {}

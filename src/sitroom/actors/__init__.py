"""Actors: who takes part in an article's events, resolved to normalised records.

The ``actors`` stage (:mod:`sitroom.stages.actors`) runs :class:`ActorExtractor`; later stages
(events, quotes) link their source, target and speaker spans to its records with
:func:`actor_for_span`.
"""
from __future__ import annotations

from collections.abc import Iterable

from sitroom.model import Actor, Span
from sitroom.model.vocab import ActorKind
from sitroom.spanindex import SpanIndex

__all__ = ["ActorLookup", "actor_for_span"]


def actor_for_span(actors: Iterable[Actor], span: Span, head: Span | None = None) -> Actor | None:
    """The actor a participant ``span`` names, or None.

    A noun phrase names the actor of its head word, not of its modifiers: "Iranian-backed
    Palestinian Hamas" is Hamas, "the Iran-backed group" the group. So the mention covering
    ``head`` (the head word's characters, when the caller knows it) wins; then a mention ending
    inside the span, one before the head over one in its complements ("the UN commission of
    inquiry on Syria" is the UN's; "the leader of Hezbollah", with nothing before its head,
    Hezbollah's), the later the better (English heads come last); then the larger overlap and the
    shorter, more specific mention. A mention inside a longer name, with capitalised words of that
    name on both sides ("the Counter ISIL Coalition", "the Free Syrian Army"), names another body and
    links nothing unless it covers the head (a person's name is exempt: the tagger often cuts one short,
    "President Enrique Pena Nieto"). Many lookups in one article: use :class:`ActorLookup`.
    """
    return _best(((actor, m) for actor in actors for m in actor.mentions), span, head)


class ActorLookup:
    """:func:`actor_for_span` over one article's actors, with their mentions indexed by offset:
    a lookup reads the mentions near the span, not every mention of the article, and gives
    the same answer (ties still go to the earlier actor and mention)."""

    __slots__ = ("actors", "_pairs", "_index")

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors = tuple(actors)
        self._pairs = [(actor, m) for actor in self.actors for m in actor.mentions]
        self._index = SpanIndex((m.start, m.end) for _, m in self._pairs)

    def __call__(self, span: Span, head: Span | None = None) -> Actor | None:
        pairs = self._pairs
        return _best((pairs[k] for k in self._index.overlapping(span.start, span.end)), span, head)


def _best(pairs: Iterable[tuple[Actor, Span]], span: Span, head: Span | None) -> Actor | None:
    best, best_score = None, None
    for actor, m in pairs:
        overlap = min(m.end, span.end) - max(m.start, span.start)
        if overlap <= 0:
            continue
        covers = head is not None and m.start <= head.start and head.end <= m.end
        if not covers and actor.kind is not ActorKind.PERSON and _embedded(m, span):
            continue
        ends_inside = span.start <= m.end - 1 < span.end
        before_head = ends_inside and (head is None or m.end <= head.end)
        score = (covers, before_head, ends_inside, m.end if ends_inside else 0, overlap, -(m.end - m.start))
        if best_score is None or score > best_score:
            best, best_score = actor, score
    return best


def _embedded(m: Span, span: Span) -> bool:
    """The mention sits inside a longer capitalised name of the span, a word of it on each side:
    "members of the Counter ISIL Coalition" is not ISIL."""
    a, b = m.start - span.start, m.end - span.start
    if a <= 0 or b >= len(span.text):
        return False
    before, after = span.text[:a], span.text[b:]
    if not (before.endswith(" ") and after.startswith(" ")):
        return False  # "ISIL-held", "U.S.-led": a hyphenated modifier, not a name
    left, right = before.split(), after.split()
    return bool(left and right) and left[-1][:1].isupper() and left[-1].lower() not in _ARTICLES \
        and right[0][:1].isupper()


#: capitalised at a sentence's start without being a word of the name ("The UN Support Mission")
_ARTICLES = {"the", "a", "an"}

"""Actors: who takes part in an article's events, resolved to normalised records.

The ``actors`` stage (:mod:`sitroom.stages.actors`) runs :class:`ActorExtractor`; later stages
(events, quotes) link their source, target and speaker spans to its records with
:func:`actor_for_span`.
"""
from __future__ import annotations

from collections.abc import Iterable

from sitroom.model import Actor, Span

__all__ = ["actor_for_span"]


def actor_for_span(actors: Iterable[Actor], span: Span) -> Actor | None:
    """The actor whose mention overlaps ``span`` most, or None.

    Ties (and nested mentions: "the Iran-backed group" holds a mention of Iran) go to the mention
    whose head, its last character, lies inside ``span``, then to the shorter mention, the more
    specific one. So "the Iran-backed group" links to the group and "Iran" to Iran.
    """
    best, best_score = None, None
    for actor in actors:
        for m in actor.mentions:
            overlap = min(m.end, span.end) - max(m.start, span.start)
            if overlap <= 0:
                continue
            score = (span.start <= m.end - 1 < span.end, overlap, -(m.end - m.start))
            if best_score is None or score > best_score:
                best, best_score = actor, score
    return best

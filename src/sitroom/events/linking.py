"""Link an event to what other stages found: actors, places, figures, attributions.

Each link uses the other stage's helper when it is installed (``sitroom.actors.
ActorLookup``, ``sitroom.geo.link.event_place``) and a small rule of our own otherwise,
so the events stage works in any pipeline that has the spaCy layer.
"""
from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from importlib import import_module

from sitroom.events.lexicon import EventLexicon
from sitroom.events.participants import names_nobody
from sitroom.events.syntax import lemma
from sitroom.model import (
    Actor,
    ActorRef,
    AttributedSpan,
    Attribution,
    Certainty,
    Figure,
    FigureKind,
    Place,
    Plover,
    Span,
)
from sitroom.spanindex import SpanIndex

log = logging.getLogger(__name__)


def optional_helper(module: str, name: str):
    """A function another stage provides, or None while that stage is not installed."""
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


class ActorIndex:
    """Actor mentions by character offset, for linking participant spans."""

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self.actors = actors
        lookup = optional_helper("sitroom.actors", "ActorLookup") if actors else None
        self.helper = lookup(actors) if lookup is not None else None
        # by offsets only: two actors may share a mention span, and Actors do not order
        mentions = sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda x: x[:2])
        self.starts = [m[0] for m in mentions]
        self.mentions = mentions

    def find(self, span: Span, head: Span) -> Actor | None:
        if not self.actors:
            return None
        if self.helper is not None:
            return self.helper(span, head=head)
        best = None
        hi = bisect_right(self.starts, span.end)
        for start, end, actor in self.mentions[max(0, hi - 64):hi]:
            if start < span.end and span.start < end:
                if start < head.end and head.start < end:
                    return actor  # the mention covering the head word wins
                best = best or actor
        return best

    def ref(self, text: str, start: int, end: int, head: tuple[int, int]) -> tuple[ActorRef | None, Actor | None]:
        """The role's reference and its actor; (None, None) for a pronoun or generic head ("they",
        "the group") that coreference did not resolve: such a role is left empty."""
        span = Span.of(text, start, end)
        head_span = Span.of(text, *head)
        actor = self.find(span, head_span)
        if actor is None and names_nobody(span.text, head_span.text):
            return None, None
        return ActorRef(span, None if actor is None else actor.id), actor


# ---- attribution -------------------------------------------------------------------------

def attribution_from_layer(spans: tuple[AttributedSpan, ...], trigger: Span) -> Attribution | None:
    """The attribution of the innermost stretch holding the trigger (the first of equal ones)."""
    best = None
    for k in _attribution_index(spans).containing(trigger.start, trigger.end):
        a = spans[k]
        if best is None or a.span.end - a.span.start < best.span.end - best.span.start:
            best = a
    return None if best is None else best.attribution


# the article's layer and its index: every event of one article asks about the same tuple
_ATTRIBUTION_INDEX: tuple[object, SpanIndex] = ((), SpanIndex(()))


def _attribution_index(spans: tuple[AttributedSpan, ...]) -> SpanIndex:
    global _ATTRIBUTION_INDEX
    cached = _ATTRIBUTION_INDEX
    if cached[0] is spans:
        return cached[1]
    index = SpanIndex((a.span.start, a.span.end) for a in spans)
    _ATTRIBUTION_INDEX = (spans, index)
    return index


def attribution_from_parse(tok, text: str, lex: EventLexicon, actors: ActorIndex) -> Attribution | None:
    """Fallback when no quotes stage ran: an event inside the complement of a reporting
    verb ("X said Y attacked Z") or beside "according to X" is reported by X."""
    verbs = lex.cues.get("reporting_verbs", {})
    adverbs = lex.cues.get("unverified_adverbs", {})
    certainty = None
    for k in tok.children:
        if k.dep_ == "advmod" and k.lower_ in adverbs:
            certainty = Certainty(adverbs[k.lower_])
    cur = tok
    for _ in range(6):
        head = cur.head
        if head is cur:
            break
        for k in head.children:
            if k.dep_ == "advmod" and k.lower_ in adverbs and certainty is None:
                certainty = Certainty(adverbs[k.lower_])
            if k.dep_ == "prep" and k.lower_ in lex.cue("according_to"):
                pobj = next((x for x in k.subtree if x.dep_ == "pobj"), None)
                src = _speaker(pobj, text, actors) if pobj is not None else None
                cue = Span.of(text, k.idx, k.idx + len(k.text))
                return Attribution(certainty or Certainty.REPORTED, src, cue)
        if cur.dep_ in ("ccomp", "parataxis") and lemma(head) in verbs:
            subj = next((x for x in head.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            src = _speaker(subj, text, actors) if subj is not None else None
            cue = Span.of(text, head.idx, head.idx + len(head.text))
            return Attribution(certainty or Certainty(verbs[lemma(head)]), src, cue)
        cur = head
    if certainty is not None:
        return Attribution(certainty)
    return None


def _speaker(tok, text: str, actors: ActorIndex) -> ActorRef | None:
    from sitroom.events.dyads import np_span

    start, end = np_span(tok, set())
    ref, _ = actors.ref(text, start, end, (tok.idx, tok.idx + len(tok.text)))
    return ref


# ---- figures -------------------------------------------------------------------------------

#: figure kinds an event of each PLOVER type may count
COUNTS = {
    Plover.ASSAULT: {FigureKind.KILLED, FigureKind.INJURED, FigureKind.HOSTAGE, FigureKind.MISSING,
                     FigureKind.DISPLACED, FigureKind.ATTACKS, FigureKind.WEAPONS, FigureKind.OTHER},
    Plover.COERCE: {FigureKind.ARRESTED, FigureKind.DISPLACED, FigureKind.HOSTAGE, FigureKind.OTHER,
                    FigureKind.KILLED, FigureKind.INJURED, FigureKind.WEAPONS},
    Plover.PROTEST: {FigureKind.OTHER, FigureKind.ARRESTED, FigureKind.KILLED, FigureKind.INJURED},
    Plover.MOBILIZE: {FigureKind.OTHER, FigureKind.WEAPONS},
    Plover.RETREAT: {FigureKind.HOSTAGE, FigureKind.OTHER, FigureKind.ARRESTED},
    Plover.AID: {FigureKind.OTHER, FigureKind.WEAPONS},
    Plover.SANCTION: {FigureKind.OTHER},
}


#: codes that count only some kinds
BY_CODE = {
    "181": {FigureKind.HOSTAGE, FigureKind.MISSING, FigureKind.OTHER},
    "173": {FigureKind.ARRESTED, FigureKind.OTHER},
    "084": {FigureKind.HOSTAGE, FigureKind.ARRESTED, FigureKind.OTHER},
    "0841": {FigureKind.HOSTAGE, FigureKind.ARRESTED, FigureKind.OTHER},
}


def link_figures(items: list, figures: tuple[Figure, ...], sent_bounds: tuple[int, int]) -> dict[int, list[str]]:
    """Figure ids per event (by position in ``items``): each figure of the sentence goes to
    the compatible event whose clause contains it (the narrowest), else to the one whose
    target its subject names, else (casualty kinds only) to the first compatible event."""
    out: dict[int, list[str]] = {}
    lo, hi = sent_bounds
    for f in _figures_from(figures, lo, hi):
        ranked = []
        for k, it in enumerate(items):
            if it.plover not in COUNTS or f.kind not in COUNTS[it.plover] or it.negated or it.hypothetical:
                continue
            only = BY_CODE.get(it.code[:3]) or BY_CODE.get(it.code[:4])
            if only is not None and f.kind not in only:
                continue  # a hostage-taking does not count the dead of the same sentence
            c_lo, c_hi = it.clause_range
            if c_lo <= f.span.start and f.span.end <= c_hi:
                ranked.append((0, c_hi - c_lo, k))
            elif f.subject is not None and it.target is not None and f.subject.overlaps(it.target.span):
                ranked.append((1, 0, k))
            elif f.kind not in (FigureKind.OTHER, FigureKind.WEAPONS, FigureKind.ATTACKS):
                ranked.append((2, 0, k))
        if ranked:
            out.setdefault(min(ranked)[2], []).append(f.id)
    return out


# the article's figures by start: each sentence reads its own, not the article's
_FIGURE_STARTS: tuple[object, list[int], list[int]] = ((), [], [])


def _figures_from(figures: tuple[Figure, ...], lo: int, hi: int) -> list[Figure]:
    """The figures starting in ``[lo, hi)``, in the layer's order."""
    global _FIGURE_STARTS
    cached = _FIGURE_STARTS
    if cached[0] is not figures:
        order = sorted(range(len(figures)), key=lambda k: figures[k].span.start)
        cached = _FIGURE_STARTS = (figures, [figures[k].span.start for k in order], order)
    _, starts, order = cached
    return [figures[k] for k in sorted(order[bisect_left(starts, lo):bisect_left(starts, hi)])]


# ---- places ---------------------------------------------------------------------------------

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "into", "on", "from", "over"}


def place_for(tok, places: tuple[Place, ...], by_start: dict[int, Place]) -> str | None:
    """Fallback: a place named in the trigger's own clause ("in Kabul", "near the border")."""
    roots = [tok]
    if tok.head is not tok:
        roots.append(tok.head)
    for r in roots:
        for k in r.children:
            if k.dep_ == "prep" and k.lower_ in PLACE_PREPS:
                for t in k.subtree:
                    p = by_start.get(t.idx)
                    if p is not None:
                        return p.id
    return None

"""Find the figures of one parsed article: scan numbers, drop non-counts, read subject and kind, keep
the conflict figures (``scope.py``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.figures.context import DocView, Status, classify
from sitroom.figures.kinds import Candidate, resolve
from sitroom.figures.scan import scan
from sitroom.figures.scope import select
from sitroom.figures.subjects import looks_like_person, noun_phrase
from sitroom.model import FigureKind, Qualifier, Span

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A figure before it gets an id and an attribution."""

    span: Span
    kind: FigureKind
    qualifier: Qualifier
    value: int | float | None
    low: int | float | None
    high: int | float | None
    subject: Span | None


def find_figures(doc, text: str, lex: Lexicon) -> list[FoundFigure]:
    view = DocView(doc, text)
    cands: list[Candidate] = []
    for expr in scan(text, lex, view.number_starts(lex)):
        status = classify(expr, view, lex)
        if status is Status.SKIP:
            continue
        ts, te = view.tokens(expr.start, expr.end)
        cands.append(Candidate(expr, ts, te, view.sentence(ts), unit=status is Status.UNIT))
    starts = {c.ts for c in cands} | {view.tokens(c.expr.num_start, c.expr.num_end)[0] for c in cands}
    for c in cands:
        if not c.unit:
            c.np = noun_phrase(view, c.te, c.sent[2], lex, _Without(starts, c.ts))
    for c, nxt in zip(cands, cands[1:]):
        if c.np is not None and c.np.dangling and nxt.sent == c.sent and nxt.np is not None \
                and nxt.ts == view.next_word(c.np.stop + 1, c.sent[2]):
            c.kind_np = nxt.np  # "14 Afghan and 9 Pakistani workers"
    resolve(cands, view, lex)
    if not lex.general_quantities:
        select(cands, view)  # conflict figures only: no money, measures, things or bare numbers
    out = []
    for c in cands:
        if c.skip or c.kind is None or (c.expr.weak and not c.explicit):
            continue  # "several", "many", "dozens gathered": only when something says what they count
        e = c.expr
        out.append(FoundFigure(Span.of(text, e.start, e.end), c.kind, e.qualifier, e.value, e.low, e.high,
                               None if c.unit else _subject(c, view, lex)))
    return out


class _Without:
    """``starts - {ts}`` for membership tests, without copying the article's set per figure."""

    __slots__ = ("starts", "ts")

    def __init__(self, starts: set[int], ts: int) -> None:
        self.starts, self.ts = starts, ts

    def __contains__(self, i: object) -> bool:
        return i != self.ts and i in self.starts


def _subject(c: Candidate, view: DocView, lex: Lexicon) -> Span | None:
    np = c.kind_np or c.np
    if np is None or np.head is None or np.pronoun:
        return None
    if c.category in ("unit", "duration", "none"):
        return None
    if c.category == "noun" and c.kind is not FigureKind.WEAPONS and (
            not looks_like_person(view, np.head, lex) or np.end - np.start == 1 and (
                view.low(np.head) in lex.cues["right"].single or view.low(np.head) in lex.cues["mod"].single)):
        return None  # event nouns ("two deaths", "52 arrests") and "of the wounded": the kind says it
    return Span.of(view.text, view.starts[np.start], view.end_char(np.head))

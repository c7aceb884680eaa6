"""Casualty and count figures with qualifiers, bounds, subjects and attribution.

Finds every count in the article ("at least 40 civilians", "more than 300 injured", "dozens taken
hostage", "2,000 rockets") and general quantities (money, percentages, measures: kind ``other``),
skipping years, dates, times, ages, ordinals, phone numbers and labels. A figure inside a stretch
the article attributes to a source (the ``attributions`` layer of the quotes stage, or a quote's
content) takes that attribution; otherwise it is asserted. ``Figure.event`` stays None: the
pipeline derives it from the events' links.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sitroom.figures import find_figures, load_lexicon
from sitroom.figures.finder import FoundFigure
from sitroom.model import ASSERTED, ActorRef, AttributedSpan, Attribution, Figure, Quote, Span
from sitroom.spanindex import SpanIndex
from sitroom.stages.base import Context, Resources, Stage


def _attributions(ctx: Context) -> list[tuple[Span, Attribution]]:
    spans: list[tuple[Span, Attribution]] = [
        (a.span, a.attribution) for a in ctx.layer("attributions") if isinstance(a, AttributedSpan)
    ]
    if spans:
        return spans
    # without an attributions layer a quote's content still says who the figures in it come from
    for q in ctx.layer("quotes"):
        if isinstance(q, Quote):
            source = ActorRef(q.speaker.span, q.speaker.actor) if q.speaker is not None else None
            spans.append((q.content, Attribution(q.certainty, source, q.cue)))
    return spans


def _attribution_of(span: Span, spans: list[tuple[Span, Attribution]], index: SpanIndex | None = None) -> Attribution:
    """The innermost attributed stretch holding the figure (the first of equal ones), else asserted."""
    if index is None:
        index = SpanIndex((outer.start, outer.end) for outer, _ in spans)
    best: tuple[int, Attribution] | None = None
    for k in index.containing(span.start, span.end):
        outer, attribution = spans[k]
        if best is None or outer.end - outer.start < best[0]:
            best = (outer.end - outer.start, attribution)
    return ASSERTED if best is None else best[1]


def _in_article(f: FoundFigure, text: str) -> FoundFigure:
    subject = None if f.subject is None else Span.of(text, f.subject.start, f.subject.end)
    return replace(f, span=Span.of(text, f.span.start, f.span.end), subject=subject)


class FiguresStage(Stage):
    name = "figures"
    requires = ("spacy",)
    optional = ("attributions", "quotes")
    assigns = ("figures",)

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        self.lexicon = resources.get("figures.lexicon", load_lexicon)

    def run(self, ctx: Context) -> Mapping[str, Any]:
        # read the words as spaCy parsed them (a case-restored copy of wire copy in capitals has the
        # article's length and offsets), but every span points into the article itself
        parsed = ctx.spacy.text
        found = find_figures(ctx.spacy, parsed, self.lexicon)
        if parsed != ctx.text:
            found = [_in_article(f, ctx.text) for f in found]
        spans = _attributions(ctx)
        index = SpanIndex((outer.start, outer.end) for outer, _ in spans)
        figures = tuple(
            Figure(
                id=f"F{i}", span=f.span, kind=f.kind, qualifier=f.qualifier, value=f.value, low=f.low,
                high=f.high, subject=f.subject, attribution=_attribution_of(f.span, spans, index),
            )
            for i, f in enumerate(sorted(found, key=lambda f: (f.span.start, f.span.end)), start=1)
        )
        return {"figures": figures}

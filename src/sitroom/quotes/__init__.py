"""Quotes and reported speech: who says what, with which cue, and how sure the article is.

The stage is :class:`sitroom.stages.quotes.QuotesStage`; this package holds its parts
(``direct`` quote marks, ``indirect`` parse-based reports, ``assemble``, ``speakers``,
``hedges``, ``cues``) and :func:`attribution_at`, which later stages use to give the
events and figures inside an attributed stretch that stretch's attribution.
"""
from __future__ import annotations

from collections.abc import Iterable

from sitroom.model import ASSERTED, AttributedSpan, Attribution, Span

__all__ = ["attribution_at"]


def attribution_at(attributions: Iterable[AttributedSpan], span: Span) -> Attribution:
    """The attribution of the innermost attributed stretch containing ``span`` (of two equal
    ones, the later in the layer: a hedge over a whole quote refines the quote); the article's
    own voice (``asserted``, no source) when none contains it."""
    best: AttributedSpan | None = None
    for item in attributions:
        if item.span.contains(span) and (best is None or len(item.span.text) <= len(best.span.text)):
            best = item
    return best.attribution if best is not None else ASSERTED

"""Temporal expressions: recognition and TIMEX3 normalisation (used by the ``times`` stage).

::

    grammar = build_grammar(load_lexicon())            # once per process
    for start, end, type_, value in find_times(text, grammar, published="2023-10-07", doc=spacy_doc):
        ...

Modules: ``lexicon`` (the versioned word tables), ``patterns`` (regular expressions
built from them), ``recognise`` (matching, overlap resolution, joining, modifiers) with
its parsers ``parse_dates``, ``parse_periods`` and ``parse_clock`` and their helpers in
``text``, ``resolve`` (anchoring and values), ``calendar`` (pure date arithmetic) and
``context`` (what is read from spaCy: sentences, entities, tense).
"""
from __future__ import annotations

from datetime import date

from sitroom.model.vocab import TimeType
from sitroom.times.calendar import parse_published
from sitroom.times.context import DocView
from sitroom.times.lexicon import TimeLexicon, load_lexicon
from sitroom.times.patterns import Grammar, build_grammar
from sitroom.times.recognise import recognise
from sitroom.times.resolve import Resolver

__all__ = ["Grammar", "TimeLexicon", "build_grammar", "find_times", "load_lexicon", "parse_published"]


def find_times(
    text: str,
    grammar: Grammar,
    *,
    published: str | date | None = None,
    doc=None,
) -> list[tuple[int, int, TimeType, str]]:
    """Every time expression of ``text`` as ``(start, end, type, value)``, in text order.

    ``published`` anchors relative expressions (ISO date or datetime string, or a date);
    ``doc`` is the spaCy parse of ``text`` when there is one (used for sentence
    boundaries, entity labels and tense; optional).
    """
    anchor = published if isinstance(published, date) else parse_published(published)
    view = DocView(text, doc)
    exprs = recognise(text, grammar, view)
    results = Resolver(anchor, view).resolve_all(exprs)
    return [(e.start, e.end, r[0], r[1]) for e, r in zip(exprs, results, strict=True) if r is not None]

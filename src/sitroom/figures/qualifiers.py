"""Qualifiers ("at least", "more than", "nearly", "or more") and the bounds they give a figure.

Bounds follow output-format.md and the ACLED convention for vague counts:

==========  =======================  ==========================================
qualifier   value / low / high        example
==========  =======================  ==========================================
exact       N / N / N                 "17 guards", "a dozen", "a total of 40"
at_least    N / N / null              "at least 140", "35 or more", "40-plus"
more_than   N / N+1 / null            "more than 760" (N+1 only for whole numbers)
about       N / null / null           "about 75", "some 320", "an estimated 6,500"
up_to       N / null / N              "up to 45", "as many as eleven", "nearly 450"
less_than   N / null / N-1            "fewer than 25" (N-1 only for whole numbers)
range       null / A / B              "between 25 and 40", "15-25", "five or six"
vague       null / floor / null       "dozens" 12, "scores" 20, "hundreds" 100
==========  =======================  ==========================================

"nearly N" and "almost N" are ``up_to`` with ``high`` N, not N-1: reporters round, and "nearly
3,100" is read as "close to, at most about, 3,100" (the casualties benchmark guidelines agree).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitroom.figures.lexicon import currency_re
from sitroom.model import Qualifier

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.lexicon import Lexicon

Number = int | float


def _alt(words) -> str:
    parts = sorted(set(words), key=len, reverse=True)
    out = []
    for w in parts:
        pieces = [re.escape(p) for p in w.split()]
        out.append(r"\s+".join(pieces))
    return "|".join(out)


def compile_qualifiers(lex: Lexicon) -> dict[str, re.Pattern]:
    additional = _alt(lex.additional)
    after_words = [w for w in lex.qual_after if w not in ("+", "-plus")]
    currency = currency_re(lex.words["currency_before"])
    return {
        # the qualifier right before the number, with an optional "an additional" or currency sign between
        "before": re.compile(
            rf"(?<![\w])(?P<q>{_alt(lex.qual_before)})\s*(?P<add>(?:{additional})\s+)?(?:(?:{currency})\s*)?$",
            re.IGNORECASE,
        ),
        # a verb that bounds the number without being part of the figure: "passing 9,000"
        "verb": re.compile(rf"(?<![\w])(?P<v>{_alt(lex.qual_verbs)})\s+(?:the\s+)?(?:mark\s+of\s+)?$", re.IGNORECASE),
        "after": re.compile(
            rf"^(?:\s+(?P<a>{_alt(after_words)})(?![\w])(?!\s*\d)|(?P<p>\s*-\s*plus|\+)(?![\w\d]))", re.IGNORECASE
        ),
    }


def bounds(qualifier: Qualifier, value: Number | None, low: Number | None = None,
           high: Number | None = None) -> tuple[Number | None, Number | None, Number | None]:
    """(value, low, high) for a qualified number; ``low``/``high`` are given for ranges and vague counts."""
    whole = isinstance(value, int)
    if qualifier is Qualifier.EXACT:
        return value, value, value
    if qualifier is Qualifier.AT_LEAST:
        return value, value, None
    if qualifier is Qualifier.MORE_THAN:
        return value, (value + 1 if whole else value), None
    if qualifier is Qualifier.ABOUT:
        return value, None, None
    if qualifier is Qualifier.UP_TO:
        return value, None, value
    if qualifier is Qualifier.LESS_THAN:
        return value, None, (value - 1 if whole else value)
    if qualifier is Qualifier.RANGE:
        return None, low, high
    return None, low, None  # vague: the conservative floor only


def qualifier_before(lex: Lexicon, text: str, start: int) -> tuple[Qualifier | None, int]:
    """The qualifier phrase ending at ``start`` and where it begins (``start`` when none)."""
    window = text[max(0, start - 48):start]
    m = lex.qual_res["before"].search(window)
    if m is None:
        return None, start
    phrase = " ".join(m.group("q").lower().split())
    return lex.qual_before[phrase], start - len(window) + m.start()


def qualifier_verb(lex: Lexicon, text: str, start: int) -> Qualifier | None:
    m = lex.qual_res["verb"].search(text[max(0, start - 32):start])
    return None if m is None else lex.qual_verbs[m.group("v").lower()]


def qualifier_after(lex: Lexicon, text: str, end: int) -> tuple[Qualifier | None, int]:
    """A qualifier right after the number ("35 or more", "40-plus") and where it ends."""
    m = lex.qual_res["after"].match(text[end:end + 16])
    if m is None:
        return None, end
    if m.group("p"):
        return Qualifier.AT_LEAST, end + m.end()
    return lex.qual_after[" ".join(m.group("a").lower().split())], end + m.end()

"""Number expressions: atoms joined into ranges, with their qualifiers and character span.

"between 25 and 40", "15-25", "40 to 60" and "five or six" become one ``range`` expression;
"2-1" (a first number not below the second) is a score; "rose from 14 to 22" stays two figures
(a toll update, not a range). The figure span is the qualifier plus the number(s) plus a trailing
"or more" / "-plus"; verbs that bound the number ("passing 9,000") set the qualifier but stay out
of the span, as the casualties annotation guidelines have it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.figures.numbers import Atom, find_atoms
from sitroom.figures.qualifiers import bounds, qualifier_after, qualifier_before, qualifier_verb
from sitroom.model import Qualifier
from sitroom.spanindex import SpanIndex

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.lexicon import Lexicon

_BETWEEN = re.compile(r"(?<![\w])(?:between|from)\s+$", re.IGNORECASE)
# a unit may sit on both numbers of a range: "3% and 4%", "$600,000 to $1.1 million", "20kHz and 24kHz"
_UNIT = r"(?:\s*(?!(?:or|and|to)\b)(?:%|per\s*cent|percent|[A-Za-z]{1,3}(?:/[A-Za-z]{1,3})?)(?![\w]))?"
_SIGN = r"(?:\s*(?:[$£€¥]|US\s?\$))?"
_GAP_AND = re.compile(rf"^{_UNIT}\s+(?:and|to)\s+{_SIGN}\s*$", re.IGNORECASE)
_GAP_RANGE = re.compile(rf"^(?:{_UNIT}\s*[-–—]\s*|{_UNIT}\s+to\s+|\s+or\s+){_SIGN}\s*$", re.IGNORECASE)
_GAP_HYPHEN = re.compile(r"^\s*[-–—]\s*$")
_GAP_JOIN = re.compile(r"^(?:\s*(?:and|or|to|,|[-–—])\s*)$", re.IGNORECASE)


@dataclass(slots=True)
class Expression:
    start: int
    end: int
    atoms: tuple[Atom, ...]
    qualifier: Qualifier
    value: int | float | None
    low: int | float | None
    high: int | float | None
    #: the qualifier words inside the span ("at least"), None when bare or set by a verb
    qualifier_text: str | None = None
    score: bool = False  # "2-1": not a figure
    age: bool = False  # joined to an age ("63 and 51 years old")

    @property
    def num_start(self) -> int:
        return self.atoms[0].start

    @property
    def num_end(self) -> int:
        return self.atoms[-1].end

    @property
    def vague(self) -> bool:
        return self.qualifier is Qualifier.VAGUE

    @property
    def weak(self) -> bool:
        return any(a.weak for a in self.atoms)


def _rescale(a: Atom, b: Atom, lex: Lexicon) -> Atom:
    """"between 2 and 3 million", "six to seven thousand": the first number borrows the second's scale."""
    if a.scale or not b.scale or a.value is None or b.value is None:
        return a
    mult = lex.numbers["scales"].get(b.scale) or lex.numbers["suffix_scales"].get(b.scale) or 1
    if a.value < b.value / mult:
        v = a.value * mult
        return Atom(a.start, a.end, int(v) if float(v).is_integer() else v, digits=a.digits, scale=b.scale)
    return a


def _pair(text: str, a: Atom, b: Atom, lex: Lexicon) -> str | None:
    """How two neighbouring atoms combine: "range", "score" or None (separate figures)."""
    if a.vague or b.vague or a.value is None or b.value is None:
        return None
    gap = text[a.end:b.start]
    if len(gap) > 16:
        return None
    before = text[max(0, a.start - 40):a.start]
    if _GAP_AND.match(gap) and _BETWEEN.search(before):
        if lex.context_res["change_before"].search(before):
            return None  # "rose from 14 to 22": two figures
        return "range"
    if not _GAP_RANGE.match(gap):
        return None
    if not _same_units(text, a, b, gap):
        return None  # "climbed 0.4% to 2,150": a change and a level, not a range
    if " to " in f" {gap.lower()} " and lex.context_res["change_before"].search(before + "from "):
        return None  # "rose 3.2% to 410p", "fell 10 to 20"
    hyphen = _GAP_HYPHEN.match(gap) is not None
    if hyphen and a.digits and b.digits and a.value >= b.value:
        return "score"
    if a.value < b.value:
        return "range"
    return None


_UNIT_AFTER = re.compile(rf"^{_UNIT}", re.IGNORECASE)
_SIGN_BEFORE = re.compile(r"(?:[$£€¥]|US\s?\$)\s*$", re.IGNORECASE)


def _same_units(text: str, a: Atom, b: Atom, gap: str) -> bool:
    """A unit or currency sign in the gap must be on both numbers: "3% and 4%", "$20 to $25"."""
    unit_a = _UNIT_AFTER.match(gap).group().strip().lower()
    if unit_a:
        unit_b = _UNIT_AFTER.match(text[b.end:b.end + 12]).group().strip().lower()
        if unit_a != unit_b:
            return False
    if re.search(r"[$£€¥]\s*$", gap):
        return _SIGN_BEFORE.search(text[max(0, a.start - 4):a.start]) is not None
    return True


def _age_join(text: str, a: Atom, b: Atom, lex: Lexicon) -> bool:
    res = lex.context_res
    if not _GAP_JOIN.match(text[a.end:b.start]):
        return False
    return bool(res["age_after"].match(text[b.end:b.end + 24])
                or res["age_before"].search(text[max(0, a.start - 24):a.start]))


def scan(text: str, lex: Lexicon, starts: list[int] | None = None) -> list[Expression]:
    atoms = find_atoms(text, lex, starts)
    out: list[Expression] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        how = _pair(text, a, b, lex) if b is not None else None
        if how == "score":
            out.append(Expression(a.start, b.end, (a, b), Qualifier.EXACT, None, None, None, score=True))
            i += 2
            continue
        if how == "range":
            a2 = _rescale(a, b, lex)
            lo, hi = sorted((a2.value, b.value))
            m = _BETWEEN.search(text[max(0, a.start - 40):a.start])
            start = a.start - (len(text[max(0, a.start - 40):a.start]) - m.start()) if m else a.start
            q, qstart = qualifier_before(lex, text, start)
            value, low, high = bounds(Qualifier.RANGE, None, lo, hi)
            out.append(Expression(qstart if q else start, b.end, (a2, b), Qualifier.RANGE, value, low, high,
                                  qualifier_text=text[qstart:start].strip() or None if q else None))
            i += 2
            continue
        out.append(_single(text, a, lex))
        i += 1
    # a qualifier can swallow a count word: "as many as 9,000" is not also "many"
    holders = SpanIndex((y.start, y.end) for y in out)
    out = [x for k, x in enumerate(out) if not any(j != k for j in holders.containing(x.start, x.end))]
    for x, y in zip(out, out[1:]):  # "63 and 51 years old", "ages 33 and 35"
        if len(x.atoms) == 1 and len(y.atoms) == 1 and _age_join(text, x.atoms[0], y.atoms[0], lex):
            x.age = y.age = True
    return out


def _single(text: str, a: Atom, lex: Lexicon) -> Expression:
    if a.vague:
        value, low, high = bounds(Qualifier.VAGUE, None, a.floor)
        return Expression(a.start, a.end, (a,), Qualifier.VAGUE, value, low, high)
    q, qstart = qualifier_before(lex, text, a.start)
    qtext = text[qstart:a.start].strip() if q else None
    if q is None:
        q = qualifier_verb(lex, text, a.start)
    q_after, end = qualifier_after(lex, text, a.end)
    if q_after is not None and q is None:
        q = q_after
    else:
        end = a.end
    q = q or Qualifier.EXACT
    value, low, high = bounds(q, a.value)
    return Expression(qstart if qtext else a.start, end, (a,), q, value, low, high, qualifier_text=qtext)

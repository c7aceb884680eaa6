"""Find time expressions: run the patterns over the text, check each match with its
parser, keep the longest non-overlapping ones, join times of day to their days and
take in leading modifiers ("early", "nearly").

The text is tokenised once; each pattern only runs in short windows around the words
of its anchor families (see :func:`sitroom.times.patterns.build_grammar`), which keeps
the stage at a few milliseconds per article. The result is a list of :class:`Expr`
(what was said, parsed into fields such as ``{"y": 2023, "m": 10}``);
:mod:`sitroom.times.resolve` turns them into TIMEX3 values.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from sitroom.times.context import DocView
from sitroom.times.parse_clock import CLOCK_PARSERS
from sitroom.times.parse_dates import DATE_PARSERS
from sitroom.times.parse_periods import PERIOD_PARSERS
from sitroom.times.patterns import Grammar


@dataclass(slots=True)
class Expr:
    """One recognised expression: its extent, what kind it is and its parsed fields."""

    start: int
    end: int
    kind: str
    f: dict = field(default_factory=dict)
    priority: int = 50


#: a parser reads a match and returns its fields (with "kind"), or None to reject it
Parser = Callable[[re.Match, DocView, Grammar], "dict | None"]
PARSERS: dict[str, Parser] = {**DATE_PARSERS, **PERIOD_PARSERS, **CLOCK_PARSERS}

TIME_KINDS = frozenset({"clock", "pod"})
DURATION_KINDS = frozenset({"duration", "ago"})
_JOIN_TIME_DAY = re.compile(r"^\s*,?\s*$")
_JOIN_POD_OF = re.compile(r"^\s+of\s+$")
_JOIN_DAY_TIME = re.compile(r"^\s*,?\s*$")


# ---- the driver ---------------------------------------------------------------------

def recognise(text: str, grammar: Grammar, view: DocView) -> list[Expr]:
    """All time expressions of ``text``, in text order, without overlaps."""
    found: list[Expr] = []
    positions = _anchor_positions(text, grammar)
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for pat in grammar.patterns:
        parser = PARSERS[pat.name]
        if pat.anchor is None:
            spans: list[tuple[int, int]] | tuple = ((0, len(text)),)
        else:
            if pat.anchor not in windows:
                windows[pat.anchor] = _windows(text, sorted(p for fam in pat.anchor for p in positions.get(fam, ())))
            spans = windows[pat.anchor]
        for lo, hi in spans:
            for m in pat.regex.finditer(text, lo, hi):
                if m.end() <= m.start():
                    continue
                f = parser(m, view, grammar)
                if f is not None:
                    found.append(Expr(m.start(), m.end(), f.pop("kind"), f, pat.priority))
    chosen = _longest_first(found)
    chosen = _join(text, chosen)
    _take_modifiers(text, grammar, chosen)
    return chosen


#: characters a match may reach before / after the anchor word it contains
_BACK, _AHEAD = 45, 40
_TOKEN = re.compile(r"[^\W_]+")


def _anchor_positions(text: str, grammar: Grammar) -> dict[str, list[tuple[int, int]]]:
    """(start, end) of every anchor word of the text, by family; one pass over the tokens."""
    families = grammar.word_families
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _TOKEN.finditer(text.lower()):
        w = m.group()
        fams = ("digit",) if w[0].isdigit() else families.get(w)
        if fams:
            span = m.span()
            for fam in fams:
                out.setdefault(fam, []).append(span)
    return out


def _windows(text: str, anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged stretches of text around anchor words, cut at word boundaries."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for start, end in anchors:
        lo, hi = max(0, start - _BACK), min(n, end + _AHEAD)
        while lo > 0 and text[lo - 1].isalnum():
            lo -= 1
        while hi < n and text[hi].isalnum():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _longest_first(found: list[Expr]) -> list[Expr]:
    found.sort(key=lambda e: (-(e.end - e.start), e.priority, e.start))
    taken: list[Expr] = []
    # the taken stretches are disjoint, so kept sorted the one starting last before e.end is the
    # only one that can overlap e (an empty stretch overlaps nothing and is not kept)
    starts: list[int] = []
    ends: list[int] = []
    for e in found:
        k = bisect_left(starts, e.end) - 1
        if k >= 0 and e.start < ends[k]:
            continue
        taken.append(e)
        if e.start < e.end:
            starts.insert(k + 1, e.start)
            ends.insert(k + 1, e.end)
    taken.sort(key=lambda e: e.start)
    return taken


def _is_day(e: Expr) -> bool:
    if e.kind == "date":
        return e.f.get("d") is not None
    if e.kind == "weekday":
        return not e.f.get("plural")
    return e.kind in ("today", "holiday") and not e.f.get("pod")


def _join(text: str, exprs: list[Expr]) -> list[Expr]:
    """Join a time of day and the day it falls on ("10 p.m. Wednesday", "the morning of
    October 7", "Friday, 10 a.m.") into one expression."""
    out: list[Expr] = []
    i = 0
    while i < len(exprs):
        a = exprs[i]
        b = exprs[i + 1] if i + 1 < len(exprs) else None
        if b is not None:
            gap = text[a.end:b.start]
            if a.kind in TIME_KINDS and _is_day(b) and (
                    _JOIN_TIME_DAY.match(gap) or a.kind == "pod" and _JOIN_POD_OF.match(gap)):
                out.append(Expr(a.start, b.end, "combo", {"time": a, "day": b}, a.priority))
                i += 2
                continue
            if _is_day(a) and b.kind == "clock" and _JOIN_DAY_TIME.match(gap) and "\n" not in gap:
                out.append(Expr(a.start, b.end, "combo", {"time": b, "day": a}, a.priority))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_DATEISH = frozenset({"date", "year", "decade", "century", "quarter", "season", "holiday", "today", "relunit",
                      "weekday", "clock", "combo", "pod_anchor", "end_of"})


def _take_modifiers(text: str, grammar: Grammar, exprs: list[Expr]) -> None:
    """Extend spans leftwards over modifiers that belong to the expression ("early",
    "the end of", "nearly", "more than")."""
    prev_end = 0
    for e in exprs:
        window_start = max(prev_end, e.start - 30)
        window = text[window_start:e.start]
        rx = None
        if e.kind in _DATEISH:
            rx = grammar.mod_date if e.kind not in ("weekday", "relunit", "today") else grammar.mod_day
        elif e.kind in DURATION_KINDS:
            rx = grammar.mod_duration
        if rx is not None and window:
            m = rx.search(window)
            if m and m.start() < len(window):
                word = m[0].strip().lower()
                starts_with_det = re.match(r"(?:the|each)\b", text[e.start:e.end], re.I)
                if not (starts_with_det and word in ("over", "under", "some")):
                    e.start = window_start + m.start()
        prev_end = e.end

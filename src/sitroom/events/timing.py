"""When an event happened: the time expression attached to its clause, and its date.

``Event.time`` is the TimeRef (times layer) attached to the trigger's clause: a modifier of
the trigger ("the meetings last month"), of its light or governing verb ("attacked ... on
Saturday", "In August, after Israeli attacks ..., the Guard issued"), or the time a
"when" clause hangs on ("since 2021 when Israel and Hamas fought").

``Event.date`` is that time's calendar value cut to YYYY-MM-DD / YYYY-MM / YYYY. When the
article says nothing, an asserted, non-negated, non-hypothetical, non-historical event in
the past tense is dated to the publication day: news reports the day's events. Nothing
else gets a default date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from sitroom.events.triggers import Candidate
from sitroom.model import TimeRef, TimeType

CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
CLAUSE_EDGES = {"ccomp", "xcomp", "relcl", "advcl", "acl", "conj", "csubj", "parataxis"}


def calendar_value(value: str) -> str | None:
    """'2023-10-07T14:00' -> '2023-10-07', '2023-08' -> '2023-08', 'XXXX-10-03' -> None."""
    m = CALENDAR.match(value or "")
    if m is None:
        return None
    return "-".join(g for g in m.groups() if g)


def latest_day(value: str) -> date | None:
    """The last day a calendar value can mean (2023-08 -> 2023-08-31)."""
    m = CALENDAR.match(value or "")
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            return date(year, int(month), calendar.monthrange(year, int(month))[1])
        return date(year, 12, 31)
    except ValueError:
        return None


def published_day(published: str | None) -> date | None:
    if not published:
        return None
    m = CALENDAR.match(published)
    if m is None or not m.group(3):
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class TimeIndex:
    """Times of one article by token, built once per article."""

    def __init__(self, doc, times: tuple[TimeRef, ...]) -> None:
        self.by_token: dict[int, TimeRef] = {}
        for t in times:
            if t.type not in (TimeType.DATE, TimeType.TIME):
                continue
            span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, t)
        self.has_times = bool(times)

    def in_subtree(self, root, skip_clauses: bool = True) -> TimeRef | None:
        """A time among a token's own modifiers, not inside a nested clause."""
        for k in root.children:
            if skip_clauses and k.dep_ in CLAUSE_EDGES:
                continue
            for t in k.subtree:
                hit = self.by_token.get(t.i)
                if hit is not None:
                    return hit
        return None

    def when_clause(self, verb) -> TimeRef | None:
        """"... since 2021 when Israel and Hamas fought": the time before "when"."""
        for k in verb.children:
            if k.lower_ == "when" and k.dep_ == "advmod":
                first = verb.left_edge.i
                prev = min(first, k.i) - 1
                if prev >= 0 and prev in self.by_token:
                    return self.by_token[prev]
        return None


def attached_time(c: Candidate, index: TimeIndex) -> TimeRef | None:
    frames = [c.token]
    if c.light is not None and c.light is not c.token:
        frames.append(c.light)
    if c.noun and c.light is None:
        head = c.token.head
        while head.dep_ in ("prep", "pobj", "conj") and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head is not c.token:
            frames.append(head)
    for f in frames:
        hit = index.in_subtree(f)
        if hit is not None:
            return hit
    for f in frames:
        if f.pos_ in ("VERB", "AUX"):
            hit = index.when_clause(f)
            if hit is not None:
                return hit
            if f.dep_ == "conj" and f.head.pos_ in ("VERB", "AUX"):  # "attacked on Monday and killed"
                hit = index.in_subtree(f.head)
                if hit is not None:
                    return hit
    return None


def entity_year(c: Candidate) -> str | None:
    """Without a times layer: a bare year in a DATE entity attached to the clause ("in 2021")."""
    frames = [c.token] + ([c.light] if c.light is not None else [])
    for f in frames:
        for k in f.children:
            if k.dep_ in CLAUSE_EDGES:
                continue
            for t in k.subtree:
                if t.ent_type_ == "DATE" and (m := YEAR.fullmatch(t.text)):
                    return m.group(1)
        if f.pos_ in ("VERB", "AUX") and any(k.lower_ == "when" for k in f.children):
            prev = f.left_edge.i - 1
            if prev >= 0 and (m := YEAR.fullmatch(f.doc[prev].text)):
                return m.group(1)
    return None


def past_tense(c: Candidate) -> bool:
    verb = c.light if c.noun else c.token
    if verb is None:
        verb = c.token.head if c.token.head.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN":
        return verb.dep_ in ("conj", "acl") or any(
            k.dep_ in ("aux", "auxpass") and k.lemma_ in ("have", "be", "get")
            and k.tag_ in ("VBD", "VBZ", "VBP", "VBN") for k in verb.children)
    return False


def is_historical(value: str | None, published: date | None, days: int) -> bool:
    if value is None or published is None:
        return False
    last = latest_day(value)
    return last is not None and (published - last).days > days

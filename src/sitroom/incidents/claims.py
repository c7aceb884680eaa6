"""Claim tracking: every figure of an incident, by kind, from every source, over time.

A claim is one figure (``killed: at least 100``) in one article of an incident, with
who gives it (the figure's attribution: the actor or the source text; else the outlet)
and when (the article's publication date). For each kind the claims are ordered by
that date and three things are marked:

- ``latest``: the most recently reported claim(s);
- ``highest``: the largest value (``value``, else ``low``, else ``high``);
- ``disputed``: for a toll (killed, injured, hostages, missing, arrested, displaced),
  claims from different articles and sources, reported on the same day (``DISPUTE_DAYS``)
  or both undated, whose ranges cannot both be true (50 vs "more than 200"). A toll that
  changes from one day to the next is an update; two numbers in one article are usually
  parts of a whole (12 Somalis and 11 Yemenis); counts of attacks or weapons, and "other"
  quantities, are not one measure and are never marked.

``render`` prints ``killed: >= 100 (Israeli media, 7 Oct) -> 700 (IDF, 8 Oct) ->
1,200 (government, 11 Oct)``.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

#: claims this many days apart or closer can dispute each other; further apart, a change is an update
DISPUTE_DAYS = 0
#: the kinds whose figures measure one thing, so that two of them can disagree
TOLLS = frozenset({"killed", "injured", "hostage", "missing", "arrested", "displaced"})
#: how far "about N" reaches either side
ABOUT = 0.1


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    text: str
    document: str
    figure: str
    claimed_by: str | None = None
    outlet: str | None = None
    certainty: str | None = None
    reported: str | None = None
    order: int = 0            # arrival order, the tie-breaker for claims of one date

    @property
    def source(self) -> str:
        return self.claimed_by or self.outlet or self.document

    @property
    def size(self) -> float:
        for v in (self.value, self.low, self.high):
            if v is not None:
                return float(v)
        return 0.0

    def interval(self) -> tuple[float, float]:
        """The range of true values the claim allows."""
        v = self.value
        q = self.qualifier
        if q == "exact" and v is not None:
            return float(v), float(v)
        if q == "about" and v is not None:
            return v * (1 - ABOUT), v * (1 + ABOUT)
        if q in ("up_to", "less_than"):
            top = self.high if self.high is not None else v
            return 0.0, float(top) if top is not None else math.inf
        low = self.low if self.low is not None else v
        high = self.high if self.high is not None and q == "range" else math.inf
        return float(low) if low is not None else 0.0, float(high)


def figure_claims(document: str, figures: Iterable[Mapping[str, Any]], *, reported: str | None,
                  outlet: str | None, order: int = 0) -> list[Claim]:
    """Claims of one article's figures (output-format.md figure dicts, with an optional
    ``claimed_by`` key the caller resolved from the attribution)."""
    out = []
    for i, f in enumerate(figures):
        if f.get("kind") is None:
            continue
        attribution = f.get("attribution") or {}
        source = attribution.get("source") or {}
        out.append(Claim(
            kind=str(f["kind"]), value=f.get("value"), low=f.get("low"), high=f.get("high"),
            qualifier=str(f.get("qualifier") or "exact"), text=str(f.get("text") or ""),
            document=document, figure=str(f.get("id")),
            claimed_by=f.get("claimed_by") or source.get("text"), outlet=outlet,
            certainty=attribution.get("certainty"), reported=reported, order=order * 1000 + i,
        ))
    return out


def _day(reported: str | None) -> date | None:
    try:
        return date.fromisoformat(str(reported)[:10]) if reported else None
    except ValueError:
        return None


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def summarise(claims: Iterable[Claim]) -> dict[str, dict[str, Any]]:
    """Per kind: the claims in report order with ``latest``/``highest``/``disputed`` marks."""
    by_kind: dict[str, list[Claim]] = defaultdict(list)
    seen = set()
    for c in claims:
        if (c.document, c.figure) not in seen:
            seen.add((c.document, c.figure))
            by_kind[c.kind].append(c)
    out = {}
    for kind in sorted(by_kind):
        items = sorted(by_kind[kind], key=lambda c: (_day(c.reported) or date.max, c.order))
        dated = [c for c in items if _day(c.reported)]
        last_day = _day(dated[-1].reported) if dated else None
        latest = {id(c) for c in items if _day(c.reported) == last_day} if dated else {id(items[-1])}
        top = max(c.size for c in items)
        disputed = set()
        for i, a in enumerate(items if kind in TOLLS else ()):
            for b in items[i + 1:]:
                if a.document == b.document:
                    continue
                da, db = _day(a.reported), _day(b.reported)
                near = (da is None and db is None) or (
                    da is not None and db is not None and abs((da - db).days) <= DISPUTE_DAYS)
                if near and a.source != b.source and not _overlap(a.interval(), b.interval()):
                    disputed.update((id(a), id(b)))
        rows = [{**{k: v for k, v in asdict(c).items() if k not in ("kind", "order")},
                 "latest": id(c) in latest, "highest": c.size == top, "disputed": id(c) in disputed}
                for c in items]
        out[kind] = {"claims": rows, "summary": render(kind, rows)}
    return out


def format_value(claim: Mapping[str, Any]) -> str:
    def n(x: float | None) -> str:
        if x is None:
            return "?"
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"

    q, v, low, high = claim.get("qualifier"), claim.get("value"), claim.get("low"), claim.get("high")
    if q == "exact":
        return n(v)
    if q == "at_least":
        return ">= " + n(low if low is not None else v)
    if q == "more_than":
        return "> " + n(v)
    if q == "about":
        return "~" + n(v)
    if q == "up_to":
        return "<= " + n(high if high is not None else v)
    if q == "less_than":
        return "< " + n(v)
    if q == "range":
        return f"{n(low)}-{n(high)}"
    if q == "vague":
        return f">= {n(low)} ({claim.get('text')})"
    return n(v if v is not None else low)


def render(kind: str, rows: list[Mapping[str, Any]]) -> str:
    """``killed: >= 100 (Israeli media, 7 Oct) -> 700 (IDF, 8 Oct)``, with marks."""
    years = {str(r.get("reported"))[:4] for r in rows if r.get("reported")}
    parts = []
    for r in rows:
        who = r.get("claimed_by") or r.get("outlet") or r.get("document")
        day = _day(r.get("reported"))
        when = "" if day is None else f", {day.day} {day:%b}" + ("" if len(years) <= 1 else f" {day.year}")
        marks = [m for m in ("latest", "highest", "disputed") if r.get(m)]
        parts.append(f"{format_value(r)} ({who}{when})" + (f" [{', '.join(marks)}]" if marks else ""))
    return f"{kind}: " + " -> ".join(parts)

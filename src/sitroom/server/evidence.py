"""An event's evidence: its sentence and the spans of its trigger, actors, place, time and figures.

Spans are character offsets into the article text (docs/output-format.md); a span whose offsets do
not hold its text in this article is left out rather than shown in the wrong place.
"""
from __future__ import annotations

import re
from typing import Any

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``: from after the previous sentence end to the next one."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 2000), start):
        if m.end() <= start:
            lo = m.end()
    if lo == 0 and start > 2000:
        lo = start - 2000
    m = _SENTENCE_END.search(text, end)
    hi = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    return lo, min(hi, len(text))


def _span(text: str, kind: str, item: dict | None, label: str | None = None, **extra: Any) -> dict | None:
    if not item:
        return None
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return None
    if item.get("text") is not None and text[start:end] != item.get("text"):
        return None
    return {"kind": kind, "start": start, "end": end, "text": text[start:end], "label": label, **extra}


def event_evidence(text: str, record: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """The evidence of ``event`` (an item of ``record["events"]``) in ``text``."""
    actors = {a.get("id"): a for a in record.get("actors") or ()}
    places = {p.get("id"): p for p in record.get("places") or ()}
    times = {x.get("id"): x for x in record.get("times") or ()}
    figures = {x.get("id"): x for x in record.get("figures") or ()}
    spans: list[dict | None] = []
    trigger = event.get("trigger") or {}
    spans.append(_span(text, "trigger", trigger, event.get("plover")))
    for role in ("source", "target"):
        ref = event.get(role)
        if ref:
            actor = actors.get(ref.get("actor") or "") or {}
            spans.append(_span(text, role, ref, actor.get("name") or ref.get("text"), actor=ref.get("actor")))
    t_start = trigger.get("start") if isinstance(trigger.get("start"), int) else 0
    place = places.get(event.get("place") or "")
    if place:
        mentions = [m for m in place.get("mentions") or () if isinstance(m.get("start"), int)]
        if mentions:
            nearest = min(mentions, key=lambda m: abs(m["start"] - t_start))
            spans.append(_span(text, "place", nearest, place.get("name"), place=place.get("id")))
    when = times.get(event.get("time") or "")
    if when:
        spans.append(_span(text, "time", when, when.get("value"), time=when.get("id")))
    for fid in event.get("figures") or ():
        fig = figures.get(fid)
        if fig:
            spans.append(_span(text, "figure", fig, f"{fig.get('kind')}: {fig.get('text')}", figure=fid))
    attribution = event.get("attribution") or {}
    spans.append(_span(text, "attribution", attribution.get("source"), attribution.get("certainty")))
    spans.append(_span(text, "cue", attribution.get("cue"), attribution.get("certainty")))
    kept = sorted((s for s in spans if s), key=lambda s: (s["start"], s["end"]))
    if isinstance(trigger.get("start"), int) and isinstance(trigger.get("end"), int) \
            and 0 <= trigger["start"] < trigger["end"] <= len(text):
        lo, hi = sentence_bounds(text, trigger["start"], trigger["end"])
    else:
        lo, hi = 0, 0
    return {"sentence": {"start": lo, "end": hi, "text": text[lo:hi]}, "spans": kept}


def article_spans(text: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every layer's spans of an article (actors, places, times, figures, quotes, triggers),
    checked against the text: what the event page highlights."""
    out: list[dict | None] = []
    for a in record.get("actors") or ():
        for m in a.get("mentions") or ():
            out.append(_span(text, "actor", m, a.get("name"), actor=a.get("id")))
    for p in record.get("places") or ():
        for m in p.get("mentions") or ():
            out.append(_span(text, "place", m, p.get("name"), place=p.get("id")))
    for x in record.get("times") or ():
        out.append(_span(text, "time", x, x.get("value"), time=x.get("id")))
    for x in record.get("figures") or ():
        out.append(_span(text, "figure", x, x.get("kind"), figure=x.get("id")))
    for q in record.get("quotes") or ():
        out.append(_span(text, "quote", q.get("content"), q.get("kind"), quote=q.get("id")))
    for e in record.get("events") or ():
        out.append(_span(text, "trigger", e.get("trigger"), e.get("plover"), event=e.get("id")))
    return sorted((s for s in out if s), key=lambda s: (s["start"], -s["end"]))

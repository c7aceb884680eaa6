"""Human-readable output for the CLI: tables of records and stores, a progress bar.

Every value that comes from an article or a store is printed through
:mod:`sitroom.cli.terminal` (no markup, no control sequences) in tables that fit an
80-column terminal: ids are never cut, long text wraps.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console
from rich.text import Text

from sitroom.cli.terminal import add_id_column, add_text_column, clip, console, row, table, text
from sitroom.model import Extraction


@contextlib.contextmanager
def progress_for(total_bytes: int | None) -> Iterator[Callable[[int], None]]:
    """A byte-based progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), TimeRemainingColumn(), console=Console(stderr=True),
                  transient=True) as progress:
        task = progress.add_task("extracting", total=total_bytes)
        yield lambda n: progress.advance(task, n)


def print_record(x: Extraction, out: Console | None = None, *, dated_by: str | None = None) -> None:
    """One article's record as a few readable tables."""
    out = out or console()
    d = x.document
    head = text(d.id, "bold")
    head.append(text(f"  published={d.published or '-'}" + (f" (from {dated_by})" if dated_by else "")
                     + f"  {len(d.text):,} chars, {len(x.entities)} entities"))
    out.print(head)
    actors = {a.id: a.name for a in x.actors}
    places = {p.id: p.name for p in x.places}
    _print(out, "events", [("id", "id"), ("what", 3), ("who", 3), ("when, where", 2)],
           [(e.id, f"{_event_type(e)}: {e.trigger.text}",
             f"{_ref(e.source, actors) or '?'} → {_ref(e.target, actors) or '?'}",
             ", ".join(v for v in (e.date, places.get(e.place or ""),
                                   *(f for f in ("negated", "hypothetical", "historical") if getattr(e, f))) if v))
            for e in x.events])
    _print(out, "times", [("id", "id"), ("text", 2), ("type", None), ("value", None)],
           [(t.id, t.span.text, t.type.value, t.value) for t in x.times])
    _print(out, "figures", [("id", "id"), ("kind", None), ("text", 2), ("low", None), ("high", None),
                            ("qualifier", None), ("event", None)],
           [(f.id, f.kind.value, f.span.text, f.low, f.high, f.qualifier.value, f.event or "") for f in x.figures])
    _print(out, "quotes", [("id", "id"), ("speaker", 1), ("certainty", None), ("content", 3)],
           [(q.id, (q.speaker.name or q.speaker.span.text) if q.speaker else "", q.certainty.value,
             clip(q.content.text, 200)) for q in x.quotes])
    _print(out, "actors", [("id", "id"), ("name", 2), ("kind", None), ("country", None), ("mentions", None)],
           [(a.id, a.name, a.kind.value, a.country or "", len(a.mentions)) for a in x.actors])
    _print(out, "places", [("id", "id"), ("name", 2), ("country", None), ("lat", None), ("lon", None),
                           ("feature", None)],
           [(p.id, p.name, p.country or "", _coord(p.lat), _coord(p.lon), p.feature.value) for p in x.places])


def summary_table(records: list[dict[str, Any]], out: Console | None = None, *,
                  title: str = "summary") -> None:
    """One row per article of a `sitroom extract` JSONL: counts per layer, or the error code."""
    out = out or console()
    cols = ["entities", "actors", "places", "times", "events", "figures", "quotes"]
    narrow = out.width < 100
    totals = dict.fromkeys(cols, 0)
    errors = 0
    lines = []
    for r in records:
        if "error" in r:
            errors += 1
            err = r.get("error")
            code = err.get("code") if isinstance(err, dict) else err
            lines.append((r.get("id"), text(f"error: {code}", "red"), *[""] * len(cols)))
            continue
        counts = [len(r.get(c) or []) for c in cols]
        for c, n in zip(cols, counts):
            totals[c] += n
        lines.append((r.get("id"), str(r.get("published") or "-")[:10], *map(str, counts)))
    lines.append((f"{len(records)} articles", f"{errors} errors", *map(str, totals.values())))
    t = table(title, lines=False)
    add_id_column(t, "article, published" if narrow else "article", [line[0] for line in lines])
    if not narrow:
        t.add_column("published", no_wrap=True)
    for n, c in enumerate(cols):
        width = max(len(str(line[2 + n])) for line in lines if not isinstance(line[2 + n], Text))
        t.add_column(c[:3] if narrow else c, justify="right", no_wrap=True, min_width=max(width, 3))
    for i, line in enumerate(lines):
        if i == len(lines) - 1:
            t.add_section()
        if narrow:  # an 80-column terminal: the date goes under the id
            first = text(line[0])
            if line[1]:
                first.append("\n").append(line[1] if isinstance(line[1], Text) else text(line[1], "dim"))
            t.add_row(first, *row(*line[2:]))
        else:
            t.add_row(*row(*line))
    out.print(t)
    if narrow:
        out.print(text("counts of entities, actors, places, times, events, figures, quotes"), style="dim")


def store_summary_tables(facts: dict[str, Any], out: Console | None = None, *, title: str) -> None:
    """What a store holds (sitroom.store.read.store_summary) as a few short tables."""
    out = out or console()
    first, last = facts["published"]
    out.print(text(title, "bold"))
    out.print(text(f"{facts['articles']:,} articles stored (published {first or '?'} to {last or '?'}), "
                   f"{facts['rejections']:,} rejected; {facts['events']:,} events in "
                   f"{facts['incidents']:,} incidents"))
    t = table()
    t.add_column("", no_wrap=True)
    add_text_column(t, "value")
    t.add_column("count", justify="right")
    for name, key in (("rejected", "rejected_by_code"), ("PLOVER type", "events_by_type"),
                      ("ACLED type", "events_by_acled"), ("country", "countries")):
        for n, (value, count) in enumerate(facts[key]):
            t.add_row(*row(name if n == 0 else "", value if value is not None else "(none)", f"{count:,}"))
        if facts[key]:
            t.add_section()
    if t.row_count:
        out.print(t)


def _print(out: Console, title: str, columns: list[tuple[str, Any]], rows: list[tuple]) -> None:
    if not rows:
        return
    t = table(title)
    for n, (header, how) in enumerate(columns):
        if how == "id":
            add_id_column(t, header, [r[n] for r in rows])
        elif how is None:
            t.add_column(header, no_wrap=True)
        else:
            add_text_column(t, header, ratio=how)
    for r in rows:
        t.add_row(*row(*("" if v is None else v for v in r)))
    out.print(t)


def _event_type(e) -> str:
    return " / ".join(v for v in (e.plover or e.quad_class.value, e.acled.sub_event_type if e.acled else None) if v)


def _ref(ref, actors: dict[str, str]) -> str:
    if ref is None:
        return ""
    return actors.get(ref.actor or "", ref.span.text)


def _coord(v: float | None) -> str:
    return "" if v is None else f"{v:.2f}"

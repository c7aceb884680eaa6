"""Human-readable output for the CLI (rich tables and a progress bar on terminals)."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console
from rich.table import Table

from sitroom.model import Extraction


@contextlib.contextmanager
def progress_for(total_bytes: int | None) -> Iterator[Callable[[int], None]]:
    """A byte-based progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("extracting", total=total_bytes)
        yield lambda n: progress.advance(task, n)


def _console() -> Console:
    # rich assumes 80 columns when stdout is not a terminal: tables of ids get truncated
    return Console() if sys.stdout.isatty() else Console(width=140)


def print_record(x: Extraction, console: Console | None = None) -> None:
    console = console or _console()
    d = x.document
    console.print(f"[bold]{d.id}[/bold]  published={d.published or '-'}  "
                  f"{len(d.text):,} chars, {len(x.entities)} entities")
    actors = {a.id: a.name for a in x.actors}
    _table(console, "times", ["id", "text", "type", "value"],
           [(t.id, t.span.text, t.type.value, t.value) for t in x.times])
    _table(console, "events", ["id", "type", "trigger", "source", "target", "date", "flags"],
           [(e.id, e.plover or e.quad_class.value, e.trigger.text,
             _ref(e.source, actors), _ref(e.target, actors), e.date or "",
             " ".join(f for f in ("negated", "hypothetical", "historical") if getattr(e, f)))
            for e in x.events])
    _table(console, "figures", ["id", "kind", "text", "low", "high", "qualifier"],
           [(f.id, f.kind.value, f.span.text, f.low, f.high, f.qualifier.value) for f in x.figures])
    _table(console, "quotes", ["id", "speaker", "certainty", "content"],
           [(q.id, (q.speaker.name or q.speaker.span.text) if q.speaker else "", q.certainty.value,
             _clip(q.content.text, 80)) for q in x.quotes])
    _table(console, "actors", ["id", "name", "kind", "country", "mentions"],
           [(a.id, a.name, a.kind.value, a.country or "", len(a.mentions)) for a in x.actors])
    _table(console, "places", ["id", "name", "country", "lat", "lon", "feature"],
           [(p.id, p.name, p.country or "", p.lat, p.lon, p.feature.value) for p in x.places])


def summary_table(records: list[dict[str, Any]], console: Console | None = None) -> None:
    """One row per article of a CONTRACT.md JSONL: counts per layer, or the error code."""
    console = console or _console()
    cols = ["entities", "actors", "places", "times", "events", "figures", "quotes"]
    table = Table(title="sitroom extract", show_lines=False)
    table.add_column("article")
    table.add_column("published")
    for c in cols:
        table.add_column(c, justify="right")
    totals = dict.fromkeys(cols, 0)
    errors = 0
    for r in records:
        if "error" in r:
            errors += 1
            table.add_row(str(r.get("id")), "", f"[red]error: {r['error'].get('code')}[/red]", *[""] * (len(cols) - 1))
            continue
        counts = [len(r.get(c) or []) for c in cols]
        for c, n in zip(cols, counts):
            totals[c] += n
        table.add_row(str(r.get("id")), str(r.get("published") or "-"), *map(str, counts))
    table.add_section()
    table.add_row(f"{len(records)} articles", f"{errors} errors", *map(str, totals.values()))
    console.print(table)


def _table(console: Console, title: str, headers: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    table = Table(title=title, title_justify="left")
    for h in headers:
        table.add_column(h)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


def _ref(ref, actors: dict[str, str]) -> str:
    if ref is None:
        return ""
    return actors.get(ref.actor or "", ref.span.text)


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"

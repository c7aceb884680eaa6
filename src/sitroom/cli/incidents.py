"""``sitroom incidents``: merge reports of the same incident across articles."""
from __future__ import annotations

import json
import sys

import click

from sitroom.cli.ingest import db_option


@click.command()
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="`sitroom extract` output (JSONL records): build incidents without a database.")
@click.option("--output", "output_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Where to write incidents, one JSON line each (default: stdout).")
@click.option("--articles", type=click.Path(exists=True, dir_okay=False),
              help="The extract input (JSONL with text): compares article texts, not only their names.")
@db_option
@click.option("--show", "show_id", metavar="ID", help="Print one incident (I12 or 12) with its reports and claims.")
@click.option("--rebuild", is_flag=True, help="With --db: re-cluster every stored article from scratch.")
@click.option("--window", type=click.IntRange(0), default=None, help="Days two reports' dates may differ [3].")
@click.option("--radius", type=click.FloatRange(0), default=None, help="Km two reports' places may differ [50].")
@click.option("--threshold", type=click.FloatRange(0), default=None, help="Score a report needs to join [0.2].")
def incidents(input_path, output_path, articles, db_url, show_id, rebuild, window, radius, threshold):
    """Merge events that report the same incident: compatible type, dates within a
    window, nearby or containing places, shared actors, similar articles. Each line
    lists the documents and events of one incident, its type, date and place, every
    report's evidence, and the figures ("claims") each source gave, over time.

    \b
    Without a database (CONTRACT.md format):
      sitroom extract --input in.jsonl --output out.jsonl
      sitroom incidents --input out.jsonl --output incidents.jsonl --articles in.jsonl
      sitroom incidents --input out.jsonl --show I3
    With a store kept up to date by `sitroom ingest`:
      sitroom incidents --db store.sqlite --show 12
      sitroom incidents --db store.sqlite --rebuild
    """
    from sitroom.incidents import MatchConfig

    overrides = {k: v for k, v in (("window_days", window), ("radius_km", radius), ("threshold", threshold))
                 if v is not None}
    config = MatchConfig(**overrides)
    if input_path:
        _from_records(input_path, output_path, articles, show_id, config)
    elif db_url is not None or show_id or rebuild:
        _from_store(db_url, show_id, rebuild, config)
    else:
        raise click.UsageError("give --input OUT.jsonl, or --db URL with --show ID or --rebuild")


def _read_jsonl(path: str):
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"{path}:{lineno} is not JSON: {exc}") from exc
    finally:
        if stream is not sys.stdin:
            stream.close()


def _from_records(input_path, output_path, articles, show_id, config) -> None:
    from sitroom.incidents import build_incidents, incident_to_dict

    texts = None
    if articles:
        texts = {str(r.get("id")): r["text"] for r in _read_jsonl(articles) if isinstance(r.get("text"), str)}
    built = build_incidents((r for r in _read_jsonl(input_path) if isinstance(r, dict)), texts=texts,
                            config=config)
    lines = [incident_to_dict(inc, f"I{n}") for n, inc in enumerate(built, 1)]
    if show_id:
        wanted = _label(show_id)
        found = next((x for x in lines if x["id"] == wanted), None)
        if found is None:
            raise click.ClickException(f"no incident {wanted} (there are {len(lines)})")
        print_incident(found)
        if not output_path:
            return
    out = sys.stdout if output_path in (None, "-") else open(output_path, "w", encoding="utf-8")
    try:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    click.echo(f"incidents: {len(lines):,} incidents from "
               f"{len({d for x in lines for d in x['documents']}):,} documents", err=True)


def _from_store(db_url, show_id, rebuild, config) -> None:
    from sitroom.store import Store, read

    with Store.open(db_url, config=config) as store:
        if rebuild:
            n = store.rebuild_incidents()
            click.echo(f"incidents: rebuilt {n:,} incidents", err=True)
        if show_id:
            with store.engine.connect() as conn:
                found = read.incident(conn, int(_label(show_id)[1:]))
            if found is None:
                raise click.ClickException(f"no incident {show_id} in the store")
            print_incident(found)


def _label(value: str) -> str:
    v = value.strip().upper()
    if v.startswith("I"):
        v = v[1:]
    if not v.isdigit():
        raise click.BadParameter(f"{value!r} is not an incident id (I12 or 12)")
    return f"I{int(v)}"


def print_incident(inc: dict) -> None:
    """A readable view of one incident: what, when, where, who reported it, the claims."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    place = inc.get("place") or {}
    where = f"{place.get('name')} ({place.get('lat'):.2f}, {place.get('lon'):.2f})" if place else "place unknown"
    acled = inc.get("acled") or {}
    kind = inc.get("plover") or acled.get("event_type") or "(no event type: grouped by text)"
    console.print(f"[bold]{inc['id']}[/bold]  {kind}  {inc.get('date') or 'date unknown'}  {where}  "
                  f"{len(inc['documents'])} documents, {len(inc['events'])} events")
    table = Table(title="reports", title_justify="left")
    for h in ("document", "event", "trigger", "published", "score", "evidence"):
        table.add_column(h)
    for r in inc.get("reports", []):
        ev = r.get("evidence") or {}
        why = "first report" if ev.get("new") else " ".join(f"{k}={v}" for k, v in ev.items() if k != "score")
        table.add_row(str(r["document"]), str(r.get("event") or "-"), str(r.get("trigger") or ""),
                      str(r.get("published") or ""), f"{r.get('score', 0):.2f}", why)
    console.print(table)
    claims = inc.get("claims") or {}
    if claims:
        console.print("[bold]claims[/bold] (marks: latest, highest, disputed)")
        for block in claims.values():
            console.print("  " + block["summary"], markup=False)

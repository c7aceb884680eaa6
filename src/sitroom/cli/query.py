"""``sitroom query``: find events or incidents in a store."""
from __future__ import annotations

import json

import click

from sitroom.cli.ingest import db_option


@click.command()
@db_option
@click.option("--since", metavar="DATE", help="On or after this date (ISO 8601).")
@click.option("--until", metavar="DATE", help="On or before this date (ISO 8601).")
@click.option("--country", help="ISO 3166 code (SYR, SY) or English name.")
@click.option("--actor", help="Part of a source or target actor's name.")
@click.option("--type", "type_", metavar="TYPE", help="PLOVER type (ASSAULT) or ACLED (sub-)event type.")
@click.option("--text", help="Words the article's title or text contains.")
@click.option("--incidents", "as_incidents", is_flag=True, help="List incidents instead of events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
def query(db_url, since, until, country, actor, type_, text, as_incidents, fmt, limit):
    """Events (or incidents) of a store that match every filter given, newest first.

    \b
    Examples:
      sitroom query --db store.sqlite --country Syria --type ASSAULT --since 2013-08-01
      sitroom query --db store.sqlite --actor Hamas --format jsonl
      sitroom query --db store.sqlite --incidents --type Battles
    """
    from sitroom.ingest.jsonl import parse_published
    from sitroom.store import Store, read

    for name, value in (("--since", since), ("--until", until)):
        if value:
            try:
                parse_published(value)
            except Exception as exc:
                raise click.BadParameter(f"{value!r} is not an ISO 8601 date", param_hint=name) from exc
    filters = read.Filters(since=since[:10] if since else None, until=until[:10] if until else None,
                           country=country, actor=actor, type=type_, text=text, limit=limit)
    with Store.open(db_url) as store, store.engine.connect() as conn:
        rows = list(read.incidents(conn, filters) if as_incidents else read.events(conn, filters))
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    _table(rows, as_incidents)


def _table(rows, as_incidents: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    if as_incidents:
        cols = [("id", lambda r: f"I{r['id']}"), ("type", lambda r: r["plover"] or r["acled_event_type"] or ""),
                ("date", lambda r: r["date"] or ""), ("place", lambda r: r["place_name"] or ""),
                ("country", lambda r: r["country"] or ""), ("docs", lambda r: r["n_documents"]),
                ("events", lambda r: r["n_events"])]
    else:
        cols = [("article", lambda r: r["article_id"]), ("event", lambda r: r["event_id"]),
                ("date", lambda r: r["date"] or f"({r['published'] or '-'})"),
                ("type", lambda r: r["plover"] or r["acled_event_type"] or ""),
                ("trigger", lambda r: r["trigger"]), ("source", lambda r: r["source_actor"] or ""),
                ("target", lambda r: r["target_actor"] or ""), ("place", lambda r: r["place_name"] or ""),
                ("incident", lambda r: f"I{r['incident_id']}" if r["incident_id"] else "")]
    table = Table(title=f"{len(rows)} {'incidents' if as_incidents else 'events'}", title_justify="left")
    for name, _ in cols:
        table.add_column(name)
    for r in rows:
        table.add_row(*(str(get(r)) for _, get in cols))
    Console().print(table)

"""``sitroom query``: find events or incidents in a store."""
from __future__ import annotations

import json

import click
from rich.text import Text

from sitroom.cli.ingest import db_option
from sitroom.cli.terminal import add_id_column, add_text_column, console, row, table, text
from sitroom.model.vocab import Certainty

#: as sitroom.store.read.SORTS (not imported: the store needs the db extra, --help must not)
SORTS = ("newest", "oldest", "fatalities")
CERTAINTIES = tuple(c.value for c in Certainty)


@click.command()
@db_option
@click.option("--since", metavar="DATE", help="On or after this date (ISO 8601).")
@click.option("--until", metavar="DATE", help="On or before this date (ISO 8601).")
@click.option("--country", help="ISO 3166 code (SYR, SY) or English name.")
@click.option("--actor", help="Part of a source or target actor's name; any name or alias of the actor "
                              "dictionary finds the actor under all of them ('Ansar Allah', 'al Shabaab').")
@click.option("--type", "type_", metavar="TYPE", help="PLOVER type (ASSAULT) or ACLED (sub-)event type (Battles).")
@click.option("--text", help="Words the article's title or text contains.")
@click.option("--outlet", help="Part of the article's source (outlet) name or URL.")
@click.option("--certainty", type=click.Choice(CERTAINTIES, case_sensitive=False),
              help="How the article presents the event.")
@click.option("--min-fatalities", type=click.IntRange(0), metavar="N", help="At least N killed.")
@click.option("--incidents", "as_incidents", is_flag=True, help="List incidents instead of events.")
@click.option("--sort", type=click.Choice(SORTS), default="newest", show_default=True)
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="Show at most N.")
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True, help="Skip the first N.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
def query(db_url, since, until, country, actor, type_, text, outlet, certainty, min_fatalities, as_incidents,
          sort, limit, offset, fmt):
    """Events (or incidents) of a store that match every filter given, newest first.

    \b
    Examples:
      sitroom query --db store.sqlite --country Syria --type ASSAULT --since 2013-08-01
      sitroom query --db store.sqlite --actor "Ansar Allah" --min-fatalities 10 --format csv > events.csv
      sitroom query --db store.sqlite --incidents --type Battles --sort fatalities
      sitroom query --db store.sqlite --limit 50 --offset 50          # the next page
    """
    from sitroom.cli.files import open_store
    from sitroom.ingest.jsonl import parse_published
    from sitroom.store import read

    for name, value in (("--since", since), ("--until", until)):
        if value:
            try:
                parse_published(value)
            except Exception as exc:
                raise click.BadParameter(f"{value!r} is not an ISO 8601 date", param_hint=name) from exc
    if type_:
        type_ = read.check_type(type_)
    if country:
        read.country_code(country)  # an unknown country is an error before the store is opened
    filters = read.Filters(since=since[:10] if since else None, until=until[:10] if until else None,
                           country=country, actor=actor, type=type_, text=text, outlet=outlet,
                           certainty=certainty, min_fatalities=min_fatalities, limit=limit, offset=offset,
                           sort=sort)
    with open_store(db_url) as store, store.engine.connect() as conn:
        if as_incidents:
            rows, total = list(read.incidents(conn, filters)), read.count_incidents(conn, filters)
        else:
            rows, total = list(read.events(conn, filters)), read.count_events(conn, filters)
    what = "incidents" if as_incidents else "events"
    shown = _shown(len(rows), total, offset, what)
    if fmt == "table":
        _table(rows, as_incidents, shown)
        return
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(_plain(r, as_incidents), ensure_ascii=False, default=str))
    else:
        from sitroom.store.export import EVENT_COLUMNS, INCIDENT_COLUMNS, csv_writer

        # "corrected": the fields an analyst corrected (their values are the ones shown)
        writer = csv_writer(click.get_text_stream("stdout"),
                            (*(INCIDENT_COLUMNS if as_incidents else EVENT_COLUMNS), "corrected"))
        writer.writeheader()
        for r in rows:
            writer.writerow(_plain(r, as_incidents))
    if len(rows) < total:
        click.echo(f"query: {shown}", err=True)


def _shown(n: int, total: int, offset: int, what: str) -> str:
    if n >= total and not offset:
        return f"{total:,} {what}"
    if not n:
        return f"none of {total:,} {what} (--offset {offset:,} is past the end)"
    return (f"showing {offset + 1:,}-{offset + n:,} of {total:,} {what}" if offset
            else f"showing {n:,} of {total:,} {what}") + " (--limit, --offset for more)"


def _plain(r: dict, as_incidents: bool) -> dict:
    """A row as JSONL/CSV carry it: incident ids as everywhere else (``I12``)."""
    out = dict(r)
    key = "id" if as_incidents else "incident_id"
    if out.get(key) is not None:
        out[key] = f"I{out[key]}"
    if not as_incidents:
        out["event"] = f"{r['article_id']}:{r['event_id']}"
    return out


def _table(rows, as_incidents: bool, title: str) -> None:
    out = console()
    t = table(title, lines=not as_incidents and out.width < 120)
    if as_incidents:
        add_id_column(t, "incident", [f"I{r['id']}" for r in rows])
        t.add_column("date", no_wrap=True)
        add_text_column(t, "type", ratio=3)
        add_text_column(t, "place", ratio=2)
        t.add_column("reports", justify="right")
        t.add_column("killed", justify="right")
        for r in rows:
            t.add_row(*row(f"I{r['id']}", r["date"] or "-", _type(r) + _mark(r), _place(r), r["n_documents"],
                           _n(r.get("fatalities"))))
        out.print(t)
        return
    wide = out.width >= 120
    add_id_column(t, "event" if wide else "event / incident", [f"{r['article_id']}:{r['event_id']}" for r in rows])
    t.add_column("date", no_wrap=True)
    add_text_column(t, "what" if wide else "what, where, who", ratio=4)
    if wide:
        add_text_column(t, "who", ratio=3)
        add_text_column(t, "place", ratio=2)
    t.add_column("killed", justify="right")
    if wide:
        add_id_column(t, "incident")
    for r in rows:
        event = f"{r['article_id']}:{r['event_id']}"
        incident = f"I{r['incident_id']}" if r["incident_id"] else "-"
        date = r["date"] or (f"~{str(r['published'])[:10]}" if r["published"] else "-")
        what = f"{_type(r)}: {r['trigger']}{_mark(r)}"
        who = f"{r['source_actor'] or '?'} → {r['target_actor'] or '?'}"
        if wide:
            t.add_row(*row(event, date, what, who, _place(r), _n(r.get("fatalities")), incident))
        else:  # an 80-column terminal: fewer, taller cells; the id stays whole on its own line
            t.add_row(*row(Text("\n").join([text(event), text(incident, "dim")]), date,
                           Text("\n").join([text(what), text(_place(r)), text(who)]), _n(r.get("fatalities"))))
    out.print(t)
    if rows:
        out.print("date ~: the article's publication date (the event's own is unknown)", style="dim",
                  markup=False)


def _mark(r: dict) -> str:
    """What an analyst corrected, after the type: " (corrected: fatalities, place)"."""
    fields = r.get("corrected")
    return f" (corrected: {fields.replace(',', ', ')})" if fields else ""


def _type(r: dict) -> str:
    acled = r.get("acled_sub_event_type") or r.get("acled_event_type")
    plover = r.get("plover")
    return " / ".join(x for x in (plover, acled) if x) or "-"


def _place(r: dict) -> str:
    name, country = r.get("place_name"), r.get("country")
    return f"{name} ({country})" if name and country else name or country or "-"


def _n(v) -> str:
    return "-" if v is None else f"{v:,}"

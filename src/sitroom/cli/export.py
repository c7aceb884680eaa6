"""``sitroom export``: a store as JSONL, CSV, GeoJSON or ACLED-style CSV."""
from __future__ import annotations

import sys

import click

from sitroom.cli.ingest import db_option
from sitroom.cli.scale import export_options

FORMATS = ("jsonl", "csv", "geojson", "acled", "parquet")


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: records (or incidents with --incidents); csv: events; geojson: located incidents; "
                   "acled: ACLED-style CSV, one row per incident; parquet: a folder of typed tables.")
@click.option("--output", "output_path", type=click.Path(allow_dash=True),
              help="File to write (default: stdout).")
@click.option("--incidents", "as_incidents", is_flag=True, help="jsonl: incidents instead of article records.")
@click.option("--with-text", is_flag=True, help="jsonl records: include each article's text.")
@export_options
def export(db_url, fmt, output_path, as_incidents, with_text):
    """Write what a store holds in a format other tools read.

    \b
    Examples:
      sitroom export --db store.sqlite --format acled --output acled.csv
      sitroom export --db store.sqlite --format geojson --output incidents.geojson
      sitroom export --db store.sqlite --format jsonl --incidents > incidents.jsonl
      sitroom export --db store.sqlite --format csv > events.csv
      sitroom export --db store.sqlite --format parquet --output tables/
    """
    from sitroom.store import Store
    from sitroom.store import export as ex

    out = sys.stdout if output_path in (None, "-") else open(output_path, "w", encoding="utf-8", newline="")
    try:
        with Store.open(db_url) as store, store.engine.connect() as conn:
            if fmt == "jsonl":
                n = ex.write_incidents_jsonl(conn, out) if as_incidents else ex.write_records(
                    conn, out, with_text=with_text)
            elif fmt == "csv":
                n = ex.write_events_csv(conn, out)
            elif fmt == "geojson":
                n = ex.write_geojson(conn, out)
            else:
                n = ex.write_acled(conn, out)
    finally:
        if out is not sys.stdout:
            out.close()
    click.echo(f"export: {n:,} {fmt} rows", err=True)

"""``sitroom export``: a store as JSONL, CSV, GeoJSON or ACLED-style CSV."""
from __future__ import annotations

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
              help="File to write (default: stdout); replaced only when the export succeeds.")
@click.option("--incidents", "as_incidents", is_flag=True, help="jsonl: incidents instead of article records.")
@click.option("--with-text", is_flag=True, help="jsonl records: include each article's text.")
@click.option("--bom", is_flag=True, help="csv/acled: start with a UTF-8 byte-order mark, so Excel reads accents.")
@click.option("--acled-countries", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="acled/geojson: your own country names and regions (format of sitroom/data/acled/countries.json;"
                   " docs/data-files.md); takes precedence.")
@export_options
def export(db_url, fmt, output_path, as_incidents, with_text, bom, acled_countries):
    """Write what a store holds in a format other tools read.

    \b
    Examples:
      sitroom export --db store.sqlite --format acled --output acled.csv --bom
      sitroom export --db store.sqlite --format geojson --output incidents.geojson
      sitroom export --db store.sqlite --format jsonl --incidents > incidents.jsonl
      sitroom export --db store.sqlite --format csv > events.csv
      sitroom export --db store.sqlite --format parquet --output tables/
    """
    from sitroom.cli.files import open_store, output, refuse_overwrite
    from sitroom.store import export as ex

    if bom and fmt not in ("csv", "acled"):
        raise click.UsageError("--bom is for the CSV formats (csv, acled)")
    if as_incidents and fmt != "jsonl":
        raise click.UsageError("--incidents is for --format jsonl (csv: events; geojson and acled: incidents)")
    if with_text and (fmt != "jsonl" or as_incidents):
        raise click.UsageError("--with-text is for --format jsonl article records")
    refuse_overwrite(output_path, db_url=db_url, check_store=True)
    countries = ex.acled_countries(acled_countries) if fmt in ("acled", "geojson") else None
    with open_store(db_url) as store, store.engine.connect() as conn, output(output_path, bom=bom) as out:
        if fmt == "jsonl":
            n = ex.write_incidents_jsonl(conn, out) if as_incidents else ex.write_records(
                conn, out, with_text=with_text)
        elif fmt == "csv":
            n = ex.write_events_csv(conn, out)
        elif fmt == "geojson":
            n = ex.write_geojson(conn, out, countries=countries)
        else:
            n = ex.write_acled(conn, out, countries=countries)
    what = {"jsonl": "incidents" if as_incidents else "records", "csv": "events", "geojson": "located incidents",
            "acled": "incidents"}[fmt]
    click.echo(f"export: {n:,} {what}" + (f" to {output_path}" if output_path not in (None, "-") else ""),
               err=True)

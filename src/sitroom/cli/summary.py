"""``sitroom summary``: a readable table of an extract output file, or of a store."""
from __future__ import annotations

import json

import click

from sitroom.cli.ingest import db_option
from sitroom.errors import MalformedRecord


@click.command()
@click.argument("records", required=False, type=click.Path(allow_dash=True))
@db_option
def summary(records, db_url):
    """Print one row per article of RECORDS (a `sitroom extract` JSONL output):
    counts of entities, actors, places, times, events, figures and quotes, or the error.
    With --db instead: what a store holds (articles, rejections by reason, events by
    type, incidents, countries).

    \b
    Example:
      sitroom extract --input examples/articles.jsonl --output out.jsonl
      sitroom summary out.jsonl
      sitroom summary --db store.sqlite
    """
    if records and db_url:
        raise click.UsageError("give RECORDS (an extract output) or --db (a store), not both")
    if records:
        return _records(records)
    if db_url is None:
        raise click.UsageError("give RECORDS (a `sitroom extract` output) or --db URL (a store)")
    return _store(db_url)


def _records(path: str) -> None:
    import sys

    from sitroom.cli.files import is_stdio, require_file
    from sitroom.cli.render import summary_table

    stream = sys.stdin if is_stdio(path) else open(require_file(path), encoding="utf-8-sig", errors="replace")
    rows = []
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                row = None
            if not isinstance(row, dict):
                row = {"id": f"line-{lineno}", "error": {"code": "malformed_json"}}
            rows.append(row)
    finally:
        if stream is not sys.stdin:
            stream.close()
    if rows and not any("schema_version" in r for r in rows):
        raise MalformedRecord(f"{path} is not the output of `sitroom extract` (no line has a schema_version); "
                              f"run `sitroom extract --input {path} --output out.jsonl`, then summarise out.jsonl")
    summary_table(rows, title=f"summary of {'stdin' if is_stdio(path) else path}")


def _store(db_url: str) -> None:
    from sitroom.cli.files import open_store
    from sitroom.cli.render import store_summary_tables
    from sitroom.store import read
    from sitroom.store.db import normalise_url, redact

    with open_store(db_url) as store, store.engine.connect() as conn:
        facts = read.store_summary(conn)
    store_summary_tables(facts, title=f"summary of the store {redact(normalise_url(db_url))}")

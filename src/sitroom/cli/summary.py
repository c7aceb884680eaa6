"""``sitroom summary``: a readable table of an extract output file."""
from __future__ import annotations

import json

import click

from sitroom.cli.render import summary_table


@click.command()
@click.argument("records", type=click.File("r", encoding="utf-8"))
def summary(records):
    """Print one row per article of RECORDS (a `sitroom extract` JSONL output):
    counts of entities, actors, places, times, events, figures and quotes, or the error.

    \b
    Example:
      sitroom extract --input examples/articles.jsonl --output out.jsonl
      sitroom summary out.jsonl
    """
    rows = []
    for lineno, line in enumerate(records, 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            rows.append({"id": f"line-{lineno}", "error": {"code": "malformed_json"}})
    summary_table(rows)

"""Entry point: the ``sitroom`` command group. Each subcommand lives in its own module."""
from __future__ import annotations

import logging
import sys

import click

from sitroom import __version__
from sitroom.errors import SitroomError


class SitroomGroup(click.Group):
    """Turns a coded SitroomError into a one-line message and exit status 2, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SitroomError as exc:
            click.echo(f"sitroom: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=SitroomGroup)
@click.version_option(__version__, prog_name="sitroom")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def cli(verbose: int) -> None:
    """sitroom: sourced, structured event data from conflict news.

    \b
    Example:
      sitroom extract article.txt --published 2023-10-07
      sitroom extract --input articles.jsonl --output records.jsonl --workers 2
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _register() -> None:
    from sitroom.cli import extract, summary

    cli.add_command(extract.extract)
    cli.add_command(summary.summary)
    from sitroom.cli import export, incidents, ingest, query

    cli.add_command(ingest.ingest)
    cli.add_command(incidents.incidents)
    cli.add_command(export.export)
    cli.add_command(query.query)
    from sitroom.cli.serve import serve

    cli.add_command(serve)


_register()

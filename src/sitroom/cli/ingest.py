"""``sitroom ingest``: files, folders, feeds and URLs into a store."""
from __future__ import annotations

import sys

import click

from sitroom.cli import exits
from sitroom.cli.scale import ingest_options

DB_HELP = "Database URL: sqlite:///FILE (or a path) or postgresql://USER@HOST/DB [env SITROOM_DB; sitroom.sqlite]."


def db_option(f):
    return click.option("--db", "db_url", envvar="SITROOM_DB", default=None, metavar="URL", help=DB_HELP)(f)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes (each loads the model once).")
@click.option("--allow-private", is_flag=True,
              help="Fetch from private, loopback and link-local addresses too (intranet sources, tests).")
@click.option("--published", metavar="DATE", help="Publication date (ISO 8601) for articles that have none.")
@click.option("--stages", metavar="NAMES", help="Comma-separated pipeline stages (default: all).")
@click.option("--no-fetch-entries", is_flag=True,
              help="Use the content feeds carry instead of fetching each entry's page.")
@click.option("--max-bytes", type=click.IntRange(1), default=5_000_000, show_default=True,
              help="Largest page fetched, in bytes.")
@click.option("--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True,
              help="Seconds to wait for a server to send anything.")
@click.option("--fetch-deadline", type=click.FloatRange(0.1), default=60.0, show_default=True,
              help="Seconds one fetch (redirects included) or one robots.txt may take in all.")
@click.option("--fetch-workers", type=click.IntRange(1, 32), default=4, show_default=True,
              help="URLs fetched at once (at most 2 from one host).")
@click.option("--ignore-robots", is_flag=True, hidden=True, help="Do not read robots.txt (your own sites only).")
@click.option("--commit-every", type=click.IntRange(1), default=16, show_default=True,
              help="Articles per transaction.")
@click.option("--no-language-check", is_flag=True, help="Do not reject articles identified as non-English.")
@ingest_options
def ingest(sources, db_url, workers, allow_private, published, stages, no_fetch_entries, max_bytes, timeout,
           fetch_deadline, fetch_workers, ignore_robots, commit_every, no_language_check):
    """Extract articles from SOURCES and store them, their events and incidents.

    A SOURCE is a .txt, .html or .jsonl file, an RSS/Atom feed (file or URL), a folder
    (searched recursively) or an article URL. The same article twice is stored once
    (same id, URL or normalised text); an interrupted run, started again, skips what
    it stored and goes on. Rejected articles are stored with their reason. This is the
    one command that creates a database.

    Exit status: 0 every article stored (or skipped as a duplicate), 1 some rejected,
    3 all rejected.

    \b
    Examples:
      sitroom ingest articles.jsonl --db store.sqlite --workers 2
      sitroom ingest news/ https://example.org/feed.xml --db postgresql://me@localhost/news
      sitroom ingest report.txt --published 2024-03-06
      sitroom ingest 'shards/*.jsonl.gz' --db postgresql://me@db/news --scheduler dask
    """
    from sitroom.cli.files import open_store
    from sitroom.ingest.run import ingest as run_ingest

    _check_sources(sources)
    if published:
        from sitroom.ingest.jsonl import parse_published

        parse_published(published)  # a bad date is an error before the store is created
    options = {"check_language": False} if no_language_check else {}
    stage_list = [s.strip() for s in stages.split(",") if s.strip()] if stages else None
    fetcher = _fetcher(sources, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout,
                       deadline=fetch_deadline, workers=fetch_workers, respect_robots=not ignore_robots)
    try:
        with open_store(db_url, create=True) as store, _progress(count_articles(sources)) as progress:
            report = run_ingest(sources, store, workers=workers, stages=stage_list, published=published,
                                fetcher=fetcher, fetch_entries=not no_fetch_entries, commit_every=commit_every,
                                progress=progress, **options)
    finally:
        if fetcher is not None:
            fetcher.close()
    click.echo(f"ingest: {report.summary()}", err=True)
    rejected = sum(report.rejected.values())
    if rejected and not (report.stored or report.duplicates):
        click.echo("ingest: no article could be stored; `sitroom summary --db` lists the reasons", err=True)
    return exits.for_counts(report.stored + report.duplicates, rejected)


def _check_sources(sources) -> None:
    """Every local source exists (before a database is created for nothing)."""
    from pathlib import Path

    from sitroom.errors import NoSuchFile
    from sitroom.ingest.sources import is_url

    missing = [s for s in sources if not is_url(s) and not Path(s).exists()]
    if missing:
        raise NoSuchFile(f"no such file, folder or URL: {', '.join(missing)}")


def count_articles(sources) -> int | None:
    """How many articles the sources hold, when that is cheap to know (files, folders and
    JSONL: one per file or non-blank line); None when a URL or a feed is among them."""
    from pathlib import Path

    from sitroom.ingest.sources import FEED_SUFFIXES, JSONL_SUFFIXES, SUFFIXES, is_url

    files: list[Path] = []
    for source in sources:
        if is_url(source):
            return None
        path = Path(source)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            files.append(path)
    total = 0
    for f in files:
        suffix = f.suffix.lower()
        if suffix in FEED_SUFFIXES:
            return None
        if suffix in JSONL_SUFFIXES:
            try:
                with f.open("rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            except OSError:
                return None
        else:
            total += 1
    return total


def _fetcher(sources, **options):
    """A Fetcher, or None when the fetch extra is missing and no source is a URL (feed
    entries then use the content the feed carries)."""
    from sitroom.errors import MissingDependency
    from sitroom.ingest.fetch import Fetcher
    from sitroom.ingest.sources import is_url

    try:
        return Fetcher(**options)
    except MissingDependency:
        if any(is_url(s) for s in sources):
            raise
        return None


class _progress:
    """On a terminal: a progress bar with count, rate and time left when the number of articles
    is known, else a status line; both show stored / duplicates / rejected. Silent otherwise."""

    def __init__(self, total: int | None) -> None:
        self.total = total

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        rate = TextColumn("{task.fields[rate]}")
        if self.total:
            columns = (BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), rate, TimeRemainingColumn(),
                       TextColumn("{task.description}"))
        else:
            columns = (SpinnerColumn(), TextColumn("{task.completed:,} articles"), rate, TimeElapsedColumn(),
                       TextColumn("{task.description}"))
        self._bar = Progress(*columns, console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task("", total=self.total, rate="")
        return self._update

    def _update(self, report) -> None:
        from sitroom.cli.terminal import clean

        rejected = sum(report.rejected.values())
        reasons = " ".join(f"{code}={n}" for code, n in report.rejected.most_common(3))
        task = self._bar.tasks[0]
        elapsed = task.elapsed or 0
        rate = f"{report.seen / elapsed:.1f}/s" if elapsed > 0 else ""
        self._bar.update(self._task, completed=report.seen, rate=rate, description=clean(
            f"stored {report.stored:,} dup {report.duplicates:,} rejected {rejected:,}"
            + (f" ({reasons})" if reasons else "")))

    def __exit__(self, *exc):
        if hasattr(self, "_bar"):
            self._bar.__exit__(*exc)

"""``sitroom extract``: one article to a record, or a JSONL batch to JSONL."""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from sitroom.batch.runner import dumps, numbered_lines, run_batch
from sitroom.cli import exits
from sitroom.cli.files import is_stdio, output, refuse_overwrite, require_file
from sitroom.cli.options import data_file_options, pipeline_options
from sitroom.cli.scale import extract_options
from sitroom.ingest.sources import JSONL_SUFFIXES
from sitroom.ingest.validate import decode_bytes
from sitroom.model.serialize import to_dict

log = logging.getLogger(__name__)


@click.command()
@click.argument("file", required=False, type=click.Path(allow_dash=True))
@click.option("--published", help="Publication date (ISO 8601) that anchors relative dates "
                                  "[default: the dateline's date of a plain-text wire report].")
@click.option("--title", help="Article title.")
@click.option("--source", help="Source (outlet) name.")
@click.option("--url", help="Article URL.")
@click.option("--html", "is_html", is_flag=True, help="FILE is an HTML page (implied by .html/.htm).")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "parquet"]), default="json", show_default=True,
              help="Single-article output: the JSON record or a readable table; batch: JSONL, or parquet tables "
                   "in the --output folder.")
@click.option("--input", "input_path", type=click.Path(allow_dash=True),
              help="Batch: JSONL input, one article a line (docs/input.md); a FILE ending in .jsonl is one too.")
@click.option("--output", "output_path", type=click.Path(allow_dash=True),
              help="Batch: JSONL output, one record a line in input order (default: stdout).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Batch: worker processes (each loads the model once).")
@click.option("--max-chars", type=click.IntRange(1), default=None,
              help="Reject articles longer than this many characters (default 1,000,000).")
@click.option("--no-language-check", is_flag=True, help="Do not reject articles identified as non-English.")
@data_file_options
@extract_options
def extract(file, published, title, source, url, is_html, fmt, input_path, output_path, workers,
            max_chars, no_language_check, **data_files):
    """Extract events, actors, places, times, figures and quotes.

    \b
    One article (FILE, or - for stdin) prints its record:
      sitroom extract article.txt --published 2023-10-07
      sitroom extract page.html --format table
    A batch (JSONL, docs/input.md) writes one line per input line, in order; an article
    that cannot be processed gets an error record and the batch goes on:
      sitroom extract --input in.jsonl --output out.jsonl --workers 2
      sitroom extract in.jsonl > out.jsonl
    Exit status of a batch: 0 all processed, 1 some got error records, 3 all did.
    On a Dask cluster, one output per input partition (docs/scaling.md):
      sitroom extract --input 'shards/*.jsonl.gz' --output out/ --scheduler dask
    """
    options = pipeline_options(data_files)
    if max_chars is not None:
        options["max_chars"] = max_chars
    if no_language_check:
        options["check_language"] = False
    if file and not is_stdio(file) and Path(file).suffix.lower() in JSONL_SUFFIXES:
        if input_path:
            raise click.UsageError("give FILE or --input, not both")
        input_path, file = file, None  # a .jsonl file is a batch, whichever way it is given
    if input_path:
        if file:
            raise click.UsageError("give FILE or --input, not both")
        single_only = [name for name, value in (("--published", published), ("--title", title),
                                                 ("--source", source), ("--url", url)) if value]
        if single_only:
            raise click.UsageError(f"{', '.join(single_only)} apply to one article; in a batch each "
                                   "JSONL line carries its own")
        return _batch(input_path, output_path, workers, options)
    if not file:
        raise click.UsageError("give FILE (or - for stdin) or --input IN.jsonl")
    if output_path:
        raise click.UsageError("--output is for batches (--input IN.jsonl); one article prints to stdout")
    _single(file, published=published, title=title, source=source, url=url,
            is_html=is_html or str(file).lower().endswith((".html", ".htm")), fmt=fmt, options=options)
    return exits.OK


def _single(file, *, published, title, source, url, is_html, fmt, options):
    from sitroom.api import default_pipeline, make_document
    from sitroom.ingest.sources import byte_limit, read_capped

    # read at most one byte past what an article may take, never a whole 200 MB pipe
    limit = byte_limit(options.get("max_chars"))
    if is_stdio(file):
        data, doc_id = read_capped(sys.stdin.buffer, limit, what="stdin", document_id="stdin"), "stdin"
    else:
        doc_id = Path(file).stem
        with require_file(file).open("rb") as fh:
            data = read_capped(fh, limit, what=str(file), document_id=doc_id)
    text = decode_bytes(data, document_id=doc_id)
    dated_by = None
    if is_html:
        from sitroom.ingest.html import html_to_article

        art = html_to_article(text, url=url, document_id=doc_id)
        document = make_document(art.text, published=published or art.published, id=doc_id,
                                 title=title or art.title, source=source or art.source, url=url or art.url,
                                 from_html=True)
    else:
        if not published:
            from sitroom.ingest.dateline import find_dateline

            line = find_dateline(text)
            if line is not None and line.date:
                published, dated_by = line.date, "the dateline"
                log.info("%s: published %s, from its dateline %r", doc_id, line.date, line.text)
        document = make_document(text, published=published, id=doc_id, title=title, source=source, url=url)
    if document.published is None:
        click.echo("extract: no publication date (give --published DATE): relative dates such as "
                   '"on Saturday" stay unanchored', err=True)
    record = default_pipeline(**options)(document)
    if fmt == "table":
        from sitroom.cli.render import print_record

        print_record(record, dated_by=dated_by)
    else:
        click.echo(dumps(to_dict(record)))


def _batch(input_path: str, output_path: str | None, workers: int, options: dict) -> int:
    from sitroom.cli.render import progress_for

    if not is_stdio(input_path):
        require_file(input_path)
    refuse_overwrite(output_path, [("input", input_path)])
    total = None if is_stdio(input_path) else os.path.getsize(input_path)
    used = rejected = 0
    src = sys.stdin.buffer if is_stdio(input_path) else open(input_path, "rb")
    try:
        with output(output_path) as dst, progress_for(total) as advance:
            for out in run_batch(_tracked(numbered_lines(src), advance), workers=workers, **options):
                dst.write(out + "\n")
                if "error" in json.loads(out):
                    rejected += 1
                else:
                    used += 1
    finally:
        if src is not sys.stdin.buffer:
            src.close()
    if rejected:
        click.echo(f"extract: {used + rejected:,} articles, {rejected:,} with error records", err=True)
    return exits.for_counts(used, rejected)


def _tracked(lines, advance):
    for lineno, line in lines:
        advance(len(line) + 1)
        yield lineno, line

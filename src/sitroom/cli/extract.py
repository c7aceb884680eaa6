"""``sitroom extract``: one article to a record, or a JSONL batch to JSONL."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from sitroom.batch.runner import dumps, numbered_lines, run_batch
from sitroom.cli.options import data_file_options, pipeline_options
from sitroom.cli.scale import extract_options
from sitroom.ingest.validate import decode_bytes
from sitroom.model.serialize import to_dict


@click.command()
@click.argument("file", required=False, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--published", help="Publication date (ISO 8601) that anchors relative dates.")
@click.option("--title", help="Article title.")
@click.option("--source", help="Source (outlet) name.")
@click.option("--url", help="Article URL.")
@click.option("--html", "is_html", is_flag=True, help="FILE is an HTML page (implied by .html/.htm).")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "parquet"]), default="json", show_default=True,
              help="Single-article output: the JSON record or a readable table; batch: JSONL, or parquet tables "
                   "in the --output folder.")
@click.option("--input", "input_path", type=click.Path(allow_dash=True),
              help="Batch: JSONL input, one article a line (CONTRACT.md).")
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
    A batch (CONTRACT.md input) writes one line per input line, in order; an article
    that cannot be processed gets an error record and the batch goes on:
      sitroom extract --input in.jsonl --output out.jsonl --workers 2
    On a Dask cluster, one output per input partition (docs/scaling.md):
      sitroom extract --input 'shards/*.jsonl.gz' --output out/ --scheduler dask
    """
    options = pipeline_options(data_files)
    if max_chars is not None:
        options["max_chars"] = max_chars
    if no_language_check:
        options["check_language"] = False
    if input_path:
        if file:
            raise click.UsageError("give FILE or --input, not both")
        _batch(input_path, output_path or "-", workers, options)
        return
    if not file:
        raise click.UsageError("give FILE (or -) or --input IN.jsonl")
    _single(file, published=published, title=title, source=source, url=url,
            is_html=is_html or str(file).lower().endswith((".html", ".htm")), fmt=fmt, options=options)


def _single(file, *, published, title, source, url, is_html, fmt, options):
    from sitroom.api import default_pipeline, make_document
    from sitroom.cli.render import print_record

    data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    doc_id = "stdin" if file == "-" else Path(file).stem
    text = decode_bytes(data, document_id=doc_id)
    if is_html:
        from sitroom.ingest.html import html_to_article

        art = html_to_article(text, url=url, document_id=doc_id)
        document = make_document(art.text, published=published or art.published, id=doc_id,
                                 title=title or art.title, source=source, url=url, from_html=True)
    else:
        document = make_document(text, published=published, id=doc_id, title=title, source=source, url=url)
    record = default_pipeline(**options)(document)
    if fmt == "table":
        print_record(record)
    else:
        click.echo(dumps(to_dict(record)))


def _batch(input_path: str, output_path: str, workers: int, options: dict) -> None:
    from sitroom.cli.render import progress_for

    src = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")
    dst = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8")
    total = None if input_path == "-" else os.path.getsize(input_path)
    try:
        with progress_for(total) as advance:
            lines = _tracked(numbered_lines(src), advance)
            for out in run_batch(lines, workers=workers, **options):
                dst.write(out + "\n")
    finally:
        if src is not sys.stdin.buffer:
            src.close()
        if dst is not sys.stdout:
            dst.close()


def _tracked(lines, advance):
    for lineno, line in lines:
        advance(len(line) + 1)
        yield lineno, line


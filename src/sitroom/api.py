"""The Python API: ``sitroom.extract()`` for one article, ``Pipeline`` for many."""
from __future__ import annotations

import functools
import hashlib
from typing import Any

from sitroom.ingest.jsonl import parse_published
from sitroom.model import Document, Extraction
from sitroom.pipeline import Pipeline


@functools.lru_cache(maxsize=4)
def default_pipeline(**options: Any) -> Pipeline:
    """The pipeline ``extract()`` uses: built (and its model loaded) once per process
    and per set of options."""
    return Pipeline(**options)


def make_document(
    text: str,
    *,
    published: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
    from_html: bool = False,
) -> Document:
    did = id or "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Document(id=did, text=text, published=parse_published(published, document_id=did),
                    title=title, source=source, url=url, language=language, from_html=from_html)


def extract(
    text: str,
    *,
    published: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
    pipeline: Pipeline | None = None,
) -> Extraction:
    """Extract events, actors, places, times, figures and quotes from one article.

    ``published`` (ISO date or datetime) anchors relative dates ("on Saturday").
    Raises a coded :class:`sitroom.errors.InputError` when the article cannot be used.

    >>> record = sitroom.extract("Rebels shelled the town on Monday.", published="2024-03-06")
    >>> record.times[0].value
    '2024-03-04'
    """
    document = make_document(text, published=published, id=id, title=title, source=source,
                             url=url, language=language)
    return (pipeline or default_pipeline())(document)

"""The Python API: ``sitroom.extract()`` for one article, ``Pipeline`` for many."""
from __future__ import annotations

import functools
from typing import Any

from sitroom.errors import InvalidField
from sitroom.ingest.jsonl import parse_published
from sitroom.model import Document, Extraction
from sitroom.pipeline import Pipeline, text_id


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
    """A :class:`Document` from the text and what is known about it. ``published`` (ISO 8601)
    is validated (a coded InvalidField when it is not a date); without ``id`` the article
    gets ``doc-`` and a hash of its text, so the same text always gets the same id."""
    if not isinstance(text, str):
        raise InvalidField(f"'text' must be a str, not {type(text).__name__}", document_id=id)
    did = id or text_id(text)
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

    >>> import sitroom
    >>> record = sitroom.extract("Rebels shelled the town on Monday.", published="2024-03-06")
    >>> record.times[0].value
    '2024-03-04'
    """
    document = make_document(text, published=published, id=id, title=title, source=source,
                             url=url, language=language)
    return (pipeline or default_pipeline())(document)

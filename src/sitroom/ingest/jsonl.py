"""Reading the batch input format of output-format.md: one article object a line."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sitroom.errors import InputError, InvalidField, MalformedRecord
from sitroom.model import Document, Rejection

_STR_FIELDS = ("title", "source", "url", "language")


def parse_published(value: Any, *, document_id: str | None = None) -> str | None:
    """Validate a publication date: ISO-8601 date or datetime, or null; returned as given."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidField(f"'published' must be an ISO-8601 string or null, not {type(value).__name__}",
                           document_id=document_id)
    v = value.strip()
    try:
        if len(v) == 10:
            date.fromisoformat(v)
        else:
            datetime.fromisoformat(v)
    except ValueError as exc:
        raise InvalidField(f"'published' is not an ISO-8601 date or datetime: {value!r}",
                           document_id=document_id) from exc
    return v


def document_from_mapping(obj: dict[str, Any], *, default_id: str) -> Document:
    """Build a Document from one input object; raises a coded InputError when it cannot."""
    raw_id = obj.get("id", default_id)
    if raw_id is None or isinstance(raw_id, (dict, list, bool)):
        raise InvalidField("'id' must be a string", document_id=default_id)
    did = str(raw_id)
    published = parse_published(obj.get("published"), document_id=did)
    extra = {}
    for key in _STR_FIELDS:
        val = obj.get(key)
        if val is not None and not isinstance(val, str):
            raise InvalidField(f"{key!r} must be a string or null", document_id=did)
        extra[key] = val
    text, html = obj.get("text"), obj.get("html")
    if text is None and isinstance(html, str):
        from sitroom.ingest.html import html_to_article

        article = html_to_article(html, document_id=did)
        return Document(id=did, text=article.text, published=published or article.published,
                        title=extra["title"] or article.title, source=extra["source"], url=extra["url"],
                        language=extra["language"], from_html=True)
    if text is None:
        raise InvalidField("the line has neither 'text' nor 'html'", document_id=did)
    if not isinstance(text, str):
        raise InvalidField(f"'text' must be a string, not {type(text).__name__}", document_id=did)
    return Document(id=did, text=text, published=published, **extra)


def parse_line(line: str | bytes, lineno: int) -> Document | Rejection:
    """One JSONL line -> a Document, or a Rejection that keeps the line's id when it has one."""
    default_id = f"line-{lineno}"
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            return Rejection(default_id, MalformedRecord.code, f"line {lineno} is not UTF-8")
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return Rejection(default_id, MalformedRecord.code, f"line {lineno} is not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return Rejection(default_id, MalformedRecord.code,
                         f"line {lineno} is a JSON {type(obj).__name__}, not an object")
    try:
        return document_from_mapping(obj, default_id=default_id)
    except InputError as exc:
        rid = exc.document_id or default_id
        return Rejection(rid, exc.code, exc.message)

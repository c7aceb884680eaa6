"""Reading the batch input format of output-format.md: one article object a line."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sitroom.errors import FieldTooLong, InputError, InvalidField, MalformedRecord
from sitroom.ingest.fields import (
    MAX_CHARS,
    check_field,
    check_id,
    check_text,
    plausible_published,
    published_warning,
    safe_label,
)
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
    if len(v) > MAX_CHARS["published"]:
        raise FieldTooLong(f"'published' has {len(v):,} characters; the limit is {MAX_CHARS['published']}",
                           document_id=document_id, field="published")
    try:
        if len(v) == 10:
            date.fromisoformat(v)
        else:
            datetime.fromisoformat(v)
    except ValueError as exc:
        raise InvalidField(f"'published' is not an ISO-8601 date or datetime: '{safe_label(value, 60)}'",
                           document_id=document_id) from exc
    return v


def document_from_mapping(obj: dict[str, Any], *, default_id: str) -> Document:
    """Build a Document from one input object; raises a coded InputError when it cannot
    (every field is checked by the rules of sitroom.ingest.fields)."""
    raw_id = obj.get("id", default_id)
    if raw_id is None or isinstance(raw_id, (dict, list, bool)):
        raise InvalidField("'id' must be a string", document_id=default_id)
    did = str(raw_id)
    check_id(did)
    extra = {}
    for key in _STR_FIELDS:
        val = obj.get(key)
        if val is not None and not isinstance(val, str):
            raise InvalidField(f"{key!r} must be a string or null", document_id=did)
        check_field(key, val, document_id=did)
        extra[key] = val
    published, warnings = _published(obj.get("published"), did)
    text, html = obj.get("text"), obj.get("html")
    if text is None and isinstance(html, str):
        from sitroom.ingest.html import html_to_article

        article = html_to_article(html, document_id=did)
        if published is None and not warnings and article.published:
            published, warnings = _published(article.published, did)
        title = extra["title"] or article.title
        check_field("title", title, document_id=did)
        return Document(id=did, text=article.text, published=published, title=title, source=extra["source"],
                        url=extra["url"], language=extra["language"], from_html=True, warnings=warnings)
    if text is None:
        raise InvalidField("the line has neither 'text' nor 'html'", document_id=did)
    if not isinstance(text, str):
        raise InvalidField(f"'text' must be a string, not {type(text).__name__}", document_id=did)
    check_text(text, document_id=did)
    return Document(id=did, text=text, published=published, warnings=warnings, **extra)


def _published(value: Any, did: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The publication date, or None with a warning when it is a placeholder (out of range)."""
    published = parse_published(value, document_id=did)
    if published is not None and not plausible_published(published):
        return None, (published_warning(published),)
    return published, ()


def decode_line(line: bytes, lineno: int) -> str:
    """A JSONL line's text (UnicodeDecodeError when it is not UTF-8); the first line loses a
    UTF-8 byte-order mark, which opens the file rather than the record."""
    text = line.decode("utf-8")
    return text[1:] if lineno == 1 and text.startswith("\ufeff") else text


def parse_line(line: str | bytes, lineno: int) -> Document | Rejection:
    """One JSONL line -> a Document, or a Rejection that keeps the line's id when it has one."""
    default_id = f"line-{lineno}"
    if isinstance(line, bytes):
        try:
            line = decode_line(line, lineno)
        except UnicodeDecodeError:
            return Rejection(default_id, MalformedRecord.code, f"line {lineno} is not UTF-8")
    if lineno == 1 and line.startswith("\ufeff"):  # a UTF-8 BOM opens the file, not the record
        line = line[1:]
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
        if rid != safe_label(rid):  # an id no output or store can carry: the line number stands for it
            rid = default_id
        return Rejection(rid, exc.code, exc.message)

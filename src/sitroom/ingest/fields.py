"""One rule set for an article's fields, for every way in and for both back ends.

The same checks run where an article enters (a JSONL line, a mapping given to the
pipeline, the pipeline's text check) and again in ``Store.add`` just before the rows
are written, so SQLite and PostgreSQL take exactly the same articles: a field
PostgreSQL would refuse (a NUL, a value longer than its column) is an article's coded
rejection everywhere, never a database error that takes the batch down with it.

Rules (docs/input.md lists them for users):

- ``id``: 1 to 255 characters; no control characters (C0, DEL, C1), no lone surrogates,
  no line or paragraph separators, no bidirectional overrides or isolates, no BOM or
  non-characters: an id is a label that is printed, logged and used in URLs.
  Code ``invalid_id``.
- ``title`` (2,000), ``source`` (500, the column), ``url`` (8,192), ``published`` (40, the
  column), ``language`` (16, the column): longer is ``field_too_long``. Control characters
  or lone surrogates in them are ``control_character`` (title and source may hold tab,
  newline and carriage return).
- ``text``: a NUL or a lone surrogate makes it ``binary`` (not text; PostgreSQL cannot
  store a NUL in text either); the share of other control characters is the text
  check's affair (sitroom.ingest.validate).
- ``published`` outside 1900-01-01 .. one year after today is taken for a placeholder
  ("0001-01-01T00:00:00" is what many systems write for "no date") and treated as
  missing; the record says so in ``warnings`` (code ``published_out_of_range``).

No SQLAlchemy here: extract uses these checks without the ``db`` extra.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sitroom.errors import BinaryContent, ControlCharacter, FieldTooLong, InvalidId

MAX_ID = 255
#: characters per field; source, published and language are the store's column sizes
MAX_CHARS = {"title": 2_000, "source": 500, "url": 8_192, "published": 40, "language": 16}
#: publication dates before this year are placeholders, not dates
EARLIEST_YEAR = 1900
#: publication dates more than this many days after today are placeholders too
LATEST_AHEAD_DAYS = 366
PUBLISHED_OUT_OF_RANGE = "published_out_of_range"

_ID_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ufeff\ufdd0-\ufdef\ufffe\uffff]")
# title and source may be wrapped (tab, newline, CR); a URL may not
_LINE_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_STRICT_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TEXT_BAD = re.compile("[\x00\ud800-\udfff]")
_BAD_FOR = {"title": _LINE_BAD, "source": _LINE_BAD, "url": _STRICT_BAD, "published": _STRICT_BAD,
            "language": _STRICT_BAD}
_SCRUB = re.compile("[\x00\ud800-\udfff]")


def _where(pattern: re.Pattern, value: str) -> str:
    m = pattern.search(value)
    assert m is not None
    return f"U+{ord(m.group()):04X} at character {m.start()}"


def safe_label(value: object, n: int = MAX_ID) -> str:
    """``value`` as a string any store and any terminal takes: itself when it is a valid id,
    else its ASCII escape (``'\\x00'``, ``'\\ud800'``), clipped to ``n`` characters."""
    s = value if isinstance(value, str) else str(value)
    if 0 < len(s) <= n and not _ID_BAD.search(s):
        return s
    esc = ascii(s)[1:-1]
    return esc if len(esc) <= n else esc[: n - 1] + "…"


def scrub(value: str | None) -> str | None:
    """``value`` with NULs and lone surrogates replaced by U+FFFD (for messages and origins
    that must be stored whatever they quote)."""
    return None if value is None else _SCRUB.sub("\ufffd", value)


def check_id(value: str) -> None:
    """Raise InvalidId when ``value`` cannot be an article id (see the module docstring)."""
    # the error names no document: the id itself is what cannot be used (callers fall back
    # to the line number or safe_label)
    if not value or not value.strip():
        raise InvalidId("the article id is empty")
    label = safe_label(value, 60)
    if len(value) > MAX_ID:
        raise InvalidId(f"the article id '{label}' has {len(value):,} characters; the limit is {MAX_ID}")
    if _ID_BAD.search(value):
        raise InvalidId(f"the article id '{label}' holds a character ids may not hold ({_where(_ID_BAD, value)})")


def check_field(name: str, value: str | None, *, document_id: str | None = None) -> None:
    """Raise FieldTooLong or ControlCharacter when the metadata field ``name`` breaks a rule."""
    if value is None:
        return
    limit = MAX_CHARS[name]
    if len(value) > limit:
        raise FieldTooLong(f"{name!r} has {len(value):,} characters; the limit is {limit:,}",
                           document_id=document_id, field=name)
    bad = _BAD_FOR[name]
    if bad.search(value):
        raise ControlCharacter(f"{name!r} holds a control character or a lone surrogate ({_where(bad, value)})",
                               document_id=document_id, field=name)


def check_text(text: str, *, document_id: str | None = None) -> None:
    """Raise BinaryContent when the text holds a NUL or a lone surrogate."""
    if _TEXT_BAD.search(text):
        raise BinaryContent(f"the text holds {_where(_TEXT_BAD, text)}: NULs and lone surrogates are not text",
                            document_id=document_id)


def check_fields(fields: Mapping[str, Any], text: str | None = None) -> None:
    """Every rule on ``fields`` (id, title, source, url, published, language; missing ones
    are not checked) and on ``text`` when given."""
    did = fields.get("id")
    if did is not None:
        check_id(did)
    for name in MAX_CHARS:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            from sitroom.errors import InvalidField

            raise InvalidField(f"{name!r} must be a string or null", document_id=safe_label(did or ""))
        check_field(name, value, document_id=did)
    if text is not None:
        check_text(text, document_id=did)


def check_record_strings(record: Any, *, document_id: str | None = None) -> None:
    """Raise ControlCharacter when any string in a record (keys included) holds a NUL or a lone
    surrogate: PostgreSQL's JSONB refuses both, SQLite would keep them, so neither does.
    Records the pipeline writes never hold one (their text was checked); records handed to
    ``Store.add`` by other code may."""
    stack: list[tuple[str, Any]] = [("", record)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _TEXT_BAD.search(value):
                raise ControlCharacter(f"the record's {path or 'value'} holds {_where(_TEXT_BAD, value)}",
                                       document_id=document_id, field=path)
        elif isinstance(value, dict):
            for k, v in value.items():
                key = str(k)
                if _TEXT_BAD.search(key):
                    raise ControlCharacter(f"a key in the record's {path or 'top level'} holds "
                                           f"{_where(_TEXT_BAD, key)}", document_id=document_id, field=path)
                stack.append((f"{path}.{safe_label(key, 40)}" if path else safe_label(key, 40), v))
        elif isinstance(value, (list, tuple)):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))


def check_document(document) -> None:
    """Every rule on a :class:`~sitroom.model.Document`."""
    check_fields({"id": document.id, "title": document.title, "source": document.source, "url": document.url,
                  "published": document.published, "language": document.language}, document.text)


def plausible_published(value: str, *, today: date | None = None) -> bool:
    """Whether an ISO date or datetime (already validated) lies in 1900-01-01 .. today + 1 year."""
    try:
        when = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value).date()
    except ValueError:
        return False
    today = today or date.today()
    return date(EARLIEST_YEAR, 1, 1) <= when <= today + timedelta(days=LATEST_AHEAD_DAYS)


def published_warning(value: str) -> tuple[str, str]:
    return (PUBLISHED_OUT_OF_RANGE,
            f"'published' '{safe_label(value, 40)}' is outside {EARLIEST_YEAR}-01-01 .. a year from today: "
            "taken for a placeholder and treated as missing")

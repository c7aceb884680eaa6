"""Expanding what a user points ``sitroom ingest`` at into articles.

A source is a ``.txt`` file (one article), an ``.html``/``.htm`` page, a ``.jsonl``
file (output-format.md input, one article a line), an RSS/Atom feed file (``.rss``,
``.atom``, ``.xml``), a folder (all of those inside it, recursively, in sorted order),
or an ``http(s)`` URL: a feed or an article page, told apart by what comes back.
A feed entry with a link is fetched as a page; one without (or with ``fetch_entries``
off, or whose page cannot be fetched) uses the content the feed carries, if any.

URLs are fetched ahead, concurrently, when the fetcher has a pool (``Fetcher.submit``):
every URL source and every feed's entry links are submitted a window at a time, and the
items still come out in source order, so a run's result does not depend on which server
answered first. Files are read with a cap (:data:`MAX_FILE_BYTES`, or four bytes per
allowed character, whichever is larger) before anything is decoded, and a folder's links
that lead out of the folder are refused (``outside_folder``) rather than followed.

Each article comes out as an :class:`Item`: a Document with the place it came from
(``origin``: ``path:line``, a path, a URL, ``feed#entry``), or a Rejection saying
why it cannot be used. Ids are stable across runs (the JSONL ``id``; else the file
name and a hash of the text; ``url-`` and a hash of the URL), which is what makes a
re-run skip what is stored already.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sitroom.errors import (
    ConfigError,
    FetchError,
    InputError,
    MalformedRecord,
    OutsideFolder,
    TooLarge,
)
from sitroom.ingest.dateline import find_dateline
from sitroom.ingest.feeds import FeedEntry, html_fragment_text, looks_like_feed, parse_feed
from sitroom.ingest.html import html_to_article
from sitroom.ingest.jsonl import decode_line, document_from_mapping, parse_published
from sitroom.ingest.validate import DEFAULT_MAX_CHARS, decode_bytes
from sitroom.model import Document, Rejection
from sitroom.store.keys import normalise_text, normalise_url

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES
#: the largest file (or JSONL line) read; a larger one is rejected ``too_large`` unread
MAX_FILE_BYTES = 5_000_000


def byte_limit(max_chars: int | None = None) -> int:
    """Bytes worth reading for an article of at most ``max_chars`` characters: no encoding
    sitroom decodes spends more than four bytes a character (plus a byte-order mark)."""
    return max(MAX_FILE_BYTES, 4 * int(max_chars or DEFAULT_MAX_CHARS) + 4)


def read_capped(stream, limit: int, *, what: str, document_id: str | None = None) -> bytes:
    """At most ``limit`` bytes of a binary stream; raises TooLarge (having read only
    ``limit + 1``) when there is more, so a huge file or pipe is never held whole."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{what} is larger than {limit:,} bytes; not read", document_id=document_id)
    return data


@dataclass(frozen=True, slots=True)
class Item:
    """One article found in a source: a document to extract, or why there is none."""

    origin: str
    document: Document | None = None
    rejection: Rejection | None = None
    fetched: datetime | None = None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _hash(value: str, n: int = 12) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def url_id(url: str) -> str:
    return "url-" + _hash(normalise_url(url), 16)


def _date(value: str | None, document_id: str) -> str | None:
    try:
        return parse_published(value, document_id=document_id)
    except InputError:
        log.info("ignoring the unreadable date %r of %s", value, document_id)
        return None


class SourceReader:
    """Turns sources into Items. ``fetcher`` (sitroom.ingest.fetch.Fetcher) is needed only
    for URLs and feed entries with links; ``published`` dates articles that have none."""

    def __init__(self, *, fetcher=None, published: str | None = None, fetch_entries: bool = True,
                 max_chars: int | None = None) -> None:
        self.fetcher = fetcher
        self.published = parse_published(published) if published else None
        self.fetch_entries = fetch_entries
        self.max_bytes = byte_limit(max_chars)

    def expand(self, sources: Iterable[str | Path]) -> Iterator[Item]:
        sources = [str(s) for s in sources]
        pages = self._prefetch([s if is_url(s) else None for s in sources])
        for s, page in zip(sources, pages, strict=True):
            if is_url(s):
                yield from self._url(s, page)
                continue
            path = Path(s)
            if path.is_dir():
                yield from self._folder(path)
            elif path.is_file():
                yield from self._file(path)
            else:
                raise ConfigError(f"no such file, folder or URL: {s}", source=s)

    # ---- concurrent fetching ---------------------------------------------------------
    def _prefetch(self, urls: list[str | None]) -> Iterator[Future | None]:
        """One future per URL (None where there is none), in order, with a bounded window
        of fetches running ahead of the one the caller waits for."""
        submit = getattr(self.fetcher, "submit", None) if self.fetcher is not None else None
        if submit is None:
            yield from (None for _ in urls)
            return
        window = 2 * max(1, getattr(self.fetcher, "workers", 1))
        ahead: deque[Future | None] = deque()
        queued = iter(urls)
        try:
            for _ in urls:
                while len(ahead) < window:
                    nxt = next(queued, _END)
                    if nxt is _END:
                        break
                    ahead.append(submit(nxt) if nxt else None)
                yield ahead.popleft()
        finally:  # a consumer that stops early: what is not started is not fetched
            for future in ahead:
                if future is not None:
                    future.cancel()

    def _fetched(self, url: str, future: Future | None):
        return future.result() if future is not None else self._need_fetcher().get(url)

    # ---- files --------------------------------------------------------------------
    def _folder(self, folder: Path) -> Iterator[Item]:
        root = folder.resolve()
        for f in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                        and not any(part.startswith(".") for part in p.relative_to(folder).parts)):
            # a link in the folder may lead anywhere (/etc/passwd): only what lies inside is read
            target = f.resolve()
            if not target.is_relative_to(root):
                yield Item(str(f), rejection=Rejection(
                    f.stem, OutsideFolder.code, f"{f} is a link to {target}, outside the folder {folder}; not read"))
                continue
            yield from self._file(f)

    def _file(self, path: Path) -> Iterator[Item]:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from self._jsonl(path)
            return
        origin = str(path)
        try:
            with path.open("rb") as fh:
                data = read_capped(fh, self.max_bytes, what=origin, document_id=path.stem)
            if suffix in FEED_SUFFIXES:
                yield from self._feed(data, origin)
                return
            text = decode_bytes(data, document_id=origin)
            if suffix in HTML_SUFFIXES:
                yield self._html_item(text, origin=origin, stem=path.stem)
            else:
                # a wire report's dateline ("LIMA, 2 Oct 88 (EFE) --") is the article's own date
                dateline = find_dateline(text)
                yield self._item(Document(id=f"{path.stem}-{_hash(normalise_text(text), 8)}", text=text,
                                          published=dateline.date if dateline else None), origin)
        except InputError as exc:
            yield Item(origin, rejection=Rejection(exc.document_id or path.stem, exc.code, exc.message))

    def _jsonl(self, path: Path) -> Iterator[Item]:
        # a line may carry an escaped ``html`` field: allow it twice the bytes of a file
        line_cap = 2 * self.max_bytes
        with path.open("rb") as f:
            for lineno, raw in enumerate(_capped_lines(f, line_cap), 1):
                origin = f"{path}:{lineno}"
                default_id = f"{path.stem}-line-{lineno}"
                if raw is None:
                    yield Item(origin, rejection=Rejection(default_id, TooLarge.code,
                                                           f"line {lineno} is longer than {line_cap:,} bytes; "
                                                           "not read"))
                    continue
                line = raw.rstrip(b"\r\n")
                if not line.strip():
                    continue  # blank lines in a file someone assembled by hand
                try:
                    obj = json.loads(decode_line(line, lineno))
                    if not isinstance(obj, dict):
                        raise MalformedRecord(f"line {lineno} is a JSON {type(obj).__name__}, not an object")
                    document = document_from_mapping(obj, default_id=default_id)
                except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                    yield Item(origin, rejection=Rejection(default_id, MalformedRecord.code,
                                                           f"line {lineno} is not valid UTF-8 JSON: {exc}"))
                    continue
                except InputError as exc:
                    yield Item(origin, rejection=Rejection(exc.document_id or default_id, exc.code, exc.message))
                    continue
                yield self._item(document, origin)

    # ---- URLs and feeds -----------------------------------------------------------
    def _need_fetcher(self):
        if self.fetcher is None:
            raise ConfigError("fetching URLs needs a Fetcher (sitroom.ingest.fetch.Fetcher)")
        return self.fetcher

    def _url(self, url: str, future: Future | None = None) -> Iterator[Item]:
        try:
            page = self._fetched(url, future)
            if looks_like_feed(page.content, page.content_type):
                yield from self._feed(page.content, url)
                return
            yield self._page_item(page, origin=url)
        except (FetchError, InputError) as exc:
            yield Item(url, rejection=Rejection(url_id(url), exc.code, exc.message))

    def _page_item(self, page, *, origin: str, entry: FeedEntry | None = None) -> Item:
        text = page.text()
        did = url_id(entry.link if entry and entry.link else page.url)
        if page.content_type.startswith("text/plain"):
            document = Document(id=did, text=text, url=page.url)
        else:
            art = html_to_article(text, url=page.url, document_id=did)
            document = Document(id=did, text=art.text, published=_date(art.published, did), title=art.title,
                                source=art.source, url=page.url, from_html=True)
        if entry is not None:  # the entry's own title and date win; the page fills what it lacks
            document = replace(document, title=entry.title or document.title,
                               published=entry.published or document.published,
                               language=document.language or _lang(entry.language))
        return self._item(document, origin, fetched=page.fetched)

    def _feed(self, data: bytes, origin: str) -> Iterator[Item]:
        entries = parse_feed(data, origin=origin)
        fetching = self.fetch_entries and self.fetcher is not None
        pages = self._prefetch([e.link if fetching and e.link else None for e in entries])
        for entry, page in zip(entries, pages, strict=True):
            entry_origin = f"{origin}#{entry.index}"
            try:
                yield self._entry(entry, entry_origin, page)
            except (FetchError, InputError) as exc:
                yield Item(entry_origin, rejection=Rejection(exc.document_id or _entry_id(entry), exc.code,
                                                             exc.message))

    def _entry(self, entry: FeedEntry, origin: str, future: Future | None = None) -> Item:
        if entry.link and self.fetch_entries and self.fetcher is not None:
            try:
                return self._page_item(self._fetched(entry.link, future), origin=origin, entry=entry)
            except FetchError as exc:
                if not entry.content_html:
                    raise
                log.warning("using the feed's own content for %s: %s", entry.link, exc)
        if not entry.content_html:
            raise InputError(f"feed entry {entry.index} has no link to fetch and no content", document_id=None)
        did = _entry_id(entry)
        text = html_fragment_text(entry.content_html)
        document = Document(id=did, text=text, published=entry.published, title=entry.title, url=entry.link,
                            language=_lang(entry.language))
        return self._item(document, origin)

    def _html_item(self, text: str, *, origin: str, stem: str) -> Item:
        art = html_to_article(text, document_id=stem)
        did = f"{stem}-{_hash(normalise_text(art.text), 8)}"
        document = Document(id=did, text=art.text, published=_date(art.published, did), title=art.title,
                            source=art.source, url=art.url, from_html=True)
        return self._item(document, origin)

    def _item(self, document: Document, origin: str, *, fetched: datetime | None = None) -> Item:
        if document.published is None and self.published:
            document = replace(document, published=self.published)
        return Item(origin, document=document, fetched=fetched)


_END = object()


def _capped_lines(stream, cap: int) -> Iterator[bytes | None]:
    """The lines of a binary stream, each read with at most ``cap`` bytes held: a longer
    line is skipped to its end and given as None."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while (rest := stream.readline(cap + 1)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _entry_id(entry: FeedEntry) -> str:
    if entry.link:
        return url_id(entry.link)
    return "feed-" + _hash(f"{entry.feed}#{entry.entry_id or entry.index}")


def _lang(value: str | None) -> str | None:
    """A feed's language tag (``en-us``) as the article's language, when it has one."""
    return value.strip() if isinstance(value, str) and value.strip() else None

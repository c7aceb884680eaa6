"""RSS and Atom feeds (feedparser, extra ``fetch``): the entries and what each says.

feedparser is only ever given bytes, never a URL or a file name: it would fetch them
itself, past sitroom's address checks, size cap and robots.txt.
"""
from __future__ import annotations

import calendar
import html
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser

from sitroom.errors import MissingDependency, NotAFeed

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_XML_TYPES = ("application/xml", "text/xml")
_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    feed: str                  # where the feed came from (path or URL)
    index: int                 # position in the feed, from 0
    entry_id: str | None
    title: str | None
    link: str | None
    published: str | None      # ISO 8601 (UTC) when the entry has a date
    content_html: str | None   # full content (content:encoded, atom:content) if any, else the summary
    language: str | None


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """A feed by its media type, or by its root element when the type says only "XML"."""
    ctype = content_type.lower()
    if ctype in _FEED_TYPES:
        return True
    if ctype and ctype not in _XML_TYPES and not ctype.startswith("text/plain"):
        return False
    head = data[:2000].lower()
    return any(m in head for m in _MARKERS)


def _iso(parsed) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError, TypeError):
        return None


def parse_feed(data: bytes, *, origin: str) -> list[FeedEntry]:
    """The entries of a feed document (a well-formed empty feed has none); raises NotAFeed
    for anything that is not a feed."""
    try:
        import feedparser
    except ImportError as exc:
        raise MissingDependency("reading feeds needs the 'fetch' extra: pip install 'sitroom[fetch]'") from exc
    parsed = feedparser.parse(data)
    if not parsed.get("entries") and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise NotAFeed(f"{origin} is not a readable RSS or Atom feed: {why}")
    language = (parsed.get("feed") or {}).get("language")
    out = []
    for i, e in enumerate(parsed.get("entries") or ()):
        content = None
        for block in e.get("content") or ():
            if block.get("value"):
                content = block["value"]
                break
        out.append(FeedEntry(
            feed=origin, index=i, entry_id=e.get("id"), title=e.get("title"), link=e.get("link"),
            published=_iso(e.get("published_parsed") or e.get("updated_parsed")),
            content_html=content or e.get("summary"), language=language,
        ))
    return out


class _Text(HTMLParser):
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): paragraphs kept as lines."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in html.unescape("".join(parser.parts)).split("\n"))
    return "\n\n".join(line for line in lines if line)

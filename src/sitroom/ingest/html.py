"""Article text, title and date from an HTML page (trafilatura for text and date).

The title is the article's own, not the site's. Pages name themselves in many places
and trafilatura's single guess is often the site name ("Global Voices Online") or a
widget's heading; so the candidates are read in this order and the first usable one wins:

1. ``og:title``, then ``twitter:title``;
2. ``<title>`` split at its separators (``|``, ``»``, ``::``, ``·``, and `` - `` / `` – ``
   / `` — `` when one side is the site), keeping the part that is not the site's name: the
   name the page gives (``og:site_name``, ``application-name``, the JSON-LD publisher, a
   masthead heading such as ``<h1 id="site-title">``) or its host name. When that does not
   decide, a part equal to one of the page's ``h1``/``h2`` headings wins, else the longest;
3. a JSON-LD ``headline`` (last: some sites put a description there), then trafilatura's guess.

A candidate that is only the site name is skipped.

libxml2 (under lxml, under trafilatura) stops building the tree some 255 elements deep, so a
page nested deeper than that loses its text to a parser limit. When a page gives no text and
is that deep, it is read again flattened (:func:`flatten_html`): wrapper elements past
``MAX_DEPTH`` are dropped and their content kept.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from sitroom.errors import HtmlExtractionFailed
from sitroom.store.keys import host_of


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What a page yields: its article text, title, date, site name and canonical URL."""

    text: str
    title: str | None
    published: str | None
    source: str | None = None   # the site's name (og:site_name, publisher), when the page says
    url: str | None = None      # the canonical URL, when the page says


def html_to_article(html: str, *, url: str | None = None, document_id: str | None = None) -> HtmlArticle:
    """Extract the article of a page; raises HtmlExtractionFailed when it has no text."""
    import trafilatura

    def extract(page: str):
        return trafilatura.extract(page, url=url, include_comments=False, include_tables=False,
                                   favor_precision=True)

    text = extract(html)
    if not text or not text.strip():
        flat, depth = flatten_html(html)
        if depth > MAX_DEPTH:  # the parser's depth limit, not the page, lost the text
            html = flat
            text = extract(html)
    if not text or not text.strip():
        raise HtmlExtractionFailed("no article text could be extracted from the HTML", document_id=document_id)
    meta = trafilatura.extract_metadata(html, default_url=url)
    guess = getattr(meta, "title", None) if meta else None
    published = getattr(meta, "date", None) if meta else None
    source = getattr(meta, "sitename", None) if meta else None
    canonical = getattr(meta, "url", None) if meta else None
    canonical = canonical if isinstance(canonical, str) and canonical.startswith("http") else None
    title = page_title(html, url=url or canonical, fallback=guess, site=source)
    return HtmlArticle(text=text, title=title, published=published, source=source or None, url=canonical)


# ---- pages nested too deep for libxml2 ------------------------------------------------------

#: elements kept nested at most this deep (libxml2 gives up at about 255)
MAX_DEPTH = 200
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
# past MAX_DEPTH these still open (a few levels more): they carry paragraphs or must not become text
_KEEP_DEEP = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "script", "style",
                        "noscript", "template", "title", "textarea"})
_KEEP_EXTRA = 8


class _Flattener(HTMLParser):
    """Re-writes HTML with wrapper elements past MAX_DEPTH left out (their content kept)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []   # (tag, written)
        self.depth = 0
        self.extra = 0
        self.deepest = 0

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in _VOID:
            self.out.append(raw)
            return
        self.deepest = max(self.deepest, len(self.stack) + 1)
        keep = self.depth < MAX_DEPTH or (tag in _KEEP_DEEP and self.extra < _KEEP_EXTRA)
        if keep:
            self.out.append(raw)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                self.extra += 1
        self.stack.append((tag, keep))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            t, kept = self.stack.pop()
            if kept:
                if self.depth > MAX_DEPTH:
                    self.extra -= 1
                self.depth -= 1
                self.out.append(f"</{t}>")
            if t == tag:
                break

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def flatten_html(html: str) -> tuple[str, int]:
    """(the page with nothing nested past MAX_DEPTH, how deep its elements were nested)."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    return "".join(parser.out), parser.deepest


# ---- titles ------------------------------------------------------------------------------

_STRONG = re.compile(r"\s+(?:\||»|«|::|·|•|/)\s+|\s*\|\s*")
_WEAK = re.compile(r"\s+(?:-|–|—)\s+")
_MASTHEAD = ("site-title", "site-name", "sitename", "site_title", "logo", "brand", "masthead", "blog-title")


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.casefold())


def _squash(s: str | None) -> str:
    return " ".join((s or "").split())


def page_title(html: str, *, url: str | None = None, fallback: str | None = None,
               site: str | None = None) -> str | None:
    """The article's own title (see the module docstring), or None."""
    try:
        import lxml.etree
        import lxml.html
    except ImportError:  # trafilatura depends on lxml; keep its guess if it is somehow absent
        return _squash(fallback) or None
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return _squash(fallback) or None
    meta = _meta(root)
    sites = {_norm(s) for s in (site, meta.get("og:site_name"), meta.get("application-name"),
                                *_jsonld(root, "publisher")) if s and _norm(s)}
    hosts = {host_of(url)} if url else set()
    # a "site name" that is a host name (trafilatura falls back to the host)
    hosts |= {s.strip() for s in (site, meta.get("og:site_name")) if s and "." in s and " " not in s.strip()}
    hosts.discard("")
    headings = set()
    for h in root.iter("h1", "h2"):
        words = _norm(h.text_content())
        if not words:
            continue
        marks = f"{h.get('id', '')} {h.get('class', '')}".lower()
        # the masthead is a heading too ("<h1 id=site-title>Global Voices Online</h1>")
        (sites if any(k in marks for k in _MASTHEAD) else headings).add(words)
    for raw in (meta.get("og:title"), meta.get("twitter:title")):
        title = _strip_site(_squash(raw), sites, hosts, headings, guess_longest=False)
        if title:
            return title
    tag = root.find(".//title")
    if tag is not None:
        title = _strip_site(_squash(tag.text_content()), sites, hosts, headings, guess_longest=True)
        if title:
            return title
    for raw in (*_jsonld(root, "headline"), fallback):
        title = _strip_site(_squash(raw), sites, hosts, headings, guess_longest=False)
        if title:
            return title
    return None


def _host_core(host: str) -> str:
    """The distinctive label of a host name: ``en.wikipedia.org`` -> ``wikipedia``."""
    labels = [x for x in host.casefold().split(".") if x not in ("www", "m", "en", "amp")]
    body = labels[:-1] if len(labels) > 1 else labels
    return _norm(max(body, key=len)) if body else ""


def _is_site(part: str, sites: set[str], hosts: set[str]) -> bool:
    n = _norm(part)
    if not n or n in sites:
        return True
    # "mobilsicher.de", "Wikipedia" on en.wikipedia.org (a mere prefix is not enough:
    # "Python 3.6.0 is now available!" on blog.python.org is a headline)
    return any(n in (_norm(h), _host_core(h)) for h in hosts)


def _strip_site(title: str, sites: set[str], hosts: set[str], headings: set[str], *,
                guess_longest: bool) -> str | None:
    if not title or _is_site(title, sites, hosts):
        return None
    if _norm(title) in headings:
        return title
    for splitter in (_STRONG, _WEAK):
        parts = [p.strip() for p in splitter.split(title) if p.strip()]
        if len(parts) < 2:
            continue
        kept = [p for p in parts if not _is_site(p, sites, hosts)]
        if len(kept) < len(parts):  # the site's name was one of the parts
            return _join(kept, splitter, title)
        named = [p for p in parts if _norm(p) in headings]
        if named:
            return max(named, key=len)
        if guess_longest and splitter is _STRONG:
            return max(parts, key=lambda p: (len(p.split()), len(p)))
    return title


def _join(parts: list[str], splitter: re.Pattern[str], title: str) -> str | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    # keep the original separators between the parts that remain
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if 0 <= start < end else " ".join(parts)


def _meta(root) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or "").strip().lower()
        value = m.get("content")
        if key and value and value.strip() and key not in out:
            out[key] = value
    return out


def _jsonld(root, field: str) -> list[str]:
    """``headline`` or ``publisher`` names of the page's JSON-LD objects."""
    found: list[str] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        _walk(data, field, found, depth=0)
    return found


def _walk(node, field: str, found: list[str], depth: int) -> None:
    if depth > 6 or len(found) > 4:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, field, found, depth + 1)
    elif isinstance(node, dict):
        value = node.get(field)
        if isinstance(value, str) and value.strip():
            found.append(value)
        elif isinstance(value, dict) and isinstance(value.get("name"), str):
            found.append(value["name"])
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                _walk(node[key], field, found, depth + 1)

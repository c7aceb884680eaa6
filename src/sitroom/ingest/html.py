"""Article text, title and date from an HTML page (trafilatura)."""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.errors import HtmlExtractionFailed


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None
    published: str | None
    source: str | None = None   # the site's name (og:site_name, publisher), when the page says
    url: str | None = None      # the canonical URL, when the page says


def html_to_article(html: str, *, url: str | None = None, document_id: str | None = None) -> HtmlArticle:
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not text or not text.strip():
        raise HtmlExtractionFailed("no article text could be extracted from the HTML", document_id=document_id)
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = getattr(meta, "title", None) if meta else None
    published = getattr(meta, "date", None) if meta else None
    source = getattr(meta, "sitename", None) if meta else None
    canonical = getattr(meta, "url", None) if meta else None
    return HtmlArticle(text=text, title=title, published=published, source=source or None,
                       url=canonical if isinstance(canonical, str) and canonical.startswith("http") else None)

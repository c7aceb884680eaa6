"""The title of an HTML page is the article's own, not the site's; a feed entry's title wins."""
from __future__ import annotations

import httpx
import pytest

from sitroom.ingest.fetch import Fetcher
from sitroom.ingest.html import html_to_article, page_title
from sitroom.ingest.sources import SourceReader

BODY = ("<p>Security forces fired tear gas at protesters in the Amazon town of Bagua on Friday, and at least "
        "twenty people were killed in the clashes, officials said.</p><p>The government declared a curfew "
        "in the province and sent troops to clear the roads that the protesters had blocked for weeks.</p>")


def page(head: str, body_top: str = "") -> str:
    return f"<html><head>{head}</head><body>{body_top}<article>{BODY}</article></body></html>"


CASES = [
    # <title> "Site » Headline" with the site's name as the masthead heading (a WordPress blog)
    (page("<title>Desk Voices Online  &raquo; Peru: Clashes in the Amazon</title>",
          '<h1 id="site-title">Desk Voices Online</h1><h2 class="post-title">Peru: Clashes in the Amazon</h2>'),
     None, "Peru: Clashes in the Amazon"),
    # og:title wins over <title>
    (page('<meta property="og:title" content="Curfew after deadly clashes"><title>Home | The Daily</title>'),
     None, "Curfew after deadly clashes"),
    # og:site_name names the site: stripped from <title>
    (page('<meta property="og:site_name" content="The Daily"><title>Curfew after deadly clashes - The Daily</title>'),
     None, "Curfew after deadly clashes"),
    # the host name is the site
    (page("<title>Curfew after deadly clashes | dailynews.example</title>"), "https://www.dailynews.example/a",
     "Curfew after deadly clashes"),
    # a headline with a dash of its own is kept whole when no part is the site
    (page("<title>Peru - the Amazon clashes explained</title>"), None, "Peru - the Amazon clashes explained"),
    # JSON-LD headline when nothing else names the article
    (page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Troops clear roads"}</script>'),
     None, "Troops clear roads"),
    # an og:title that is only the site's name is skipped
    (page('<meta property="og:title" content="The Daily"><meta property="og:site_name" content="The Daily">'
          "<title>Troops clear roads in Bagua | The Daily</title>"), None, "Troops clear roads in Bagua"),
]


@pytest.mark.parametrize(("html", "url", "title"), CASES)
def test_the_article_title_not_the_site_name(html, url, title):
    assert html_to_article(html, url=url).title == title


def test_title_of_a_page_without_one():
    assert page_title("<html><body><p>x</p></body></html>") is None
    assert page_title("") is None


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Peru: Curfew after deadly clashes</title><link>https://news.example/curfew</link>
<pubDate>Sat, 06 Jun 2009 08:00:00 +0000</pubDate><description>Summary.</description></item>
</channel></rss>"""


def test_a_feed_entry_title_wins_over_the_page_title(tmp_path):
    site_page = page("<title>Desk Voices Online</title>")  # a page whose only title is the site's name

    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, text=site_page, headers={"content-type": "text/html; charset=utf-8"})

    (tmp_path / "desk.rss").write_text(FEED, encoding="utf-8")
    fetcher = Fetcher(transport=httpx.MockTransport(handler), resolver=lambda h, p: ["93.184.215.14"])
    with fetcher:
        [item] = list(SourceReader(fetcher=fetcher).expand([tmp_path / "desk.rss"]))
    assert item.document.title == "Peru: Curfew after deadly clashes"
    assert item.document.published.startswith("2009-06-06")
    assert "tear gas" in item.document.text  # the text still comes from the page

"""Feeds: entries, dates, content; telling a feed from a page."""
from __future__ import annotations

import pytest

from sitroom.errors import NotAFeed
from sitroom.ingest.feeds import html_fragment_text, looks_like_feed, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Test desk</title><link>https://news.example/</link><language>en-gb</language>
<item><title>Ceasefire holds in the north</title><link>https://news.example/ceasefire</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate><guid>c-1</guid>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The ceasefire <b>held</b> overnight.</p><p>Both sides reported calm.</p>]]>
</content:encoded></item>
<item><title>No link here</title><description>&lt;p&gt;Only a summary &amp;amp; nothing else.&lt;/p&gt;</description>
</item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title><id>urn:x</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Talks resume</title><link href="https://news.example/talks"/><id>urn:t</id>
<updated>2024-03-06T12:00:00Z</updated><summary>Talks resumed in Doha.</summary></entry></feed>"""


def test_rss_entries_with_dates_links_and_full_content():
    entries = parse_feed(RSS, origin="desk.rss")
    assert [e.title for e in entries] == ["Ceasefire holds in the north", "No link here"]
    first = entries[0]
    assert first.link == "https://news.example/ceasefire" and first.published == "2024-03-05T09:30:00+00:00"
    assert "held" in first.content_html and first.language == "en-gb"
    assert html_fragment_text(first.content_html) == "The ceasefire held overnight.\n\nBoth sides reported calm."
    assert entries[1].link is None and entries[1].published is None
    assert html_fragment_text(entries[1].content_html) == "Only a summary & nothing else."


def test_atom_entries():
    (entry,) = parse_feed(ATOM, origin="desk.atom")
    assert (entry.title, entry.link, entry.published) == ("Talks resume", "https://news.example/talks",
                                                          "2024-03-06T12:00:00+00:00")


def test_telling_feeds_from_pages():
    assert looks_like_feed(RSS) and looks_like_feed(ATOM, "application/xml")
    assert looks_like_feed(b"{}", "application/rss+xml")
    assert not looks_like_feed(b"<html><body>news</body></html>", "text/html")
    assert not looks_like_feed(b"<html><p>see <rss> tags</p></html>", "text/html")


@pytest.mark.parametrize("data", [b"plain words, not a feed", b"<html><body><p>a page</p></body></html>", b""])
def test_what_is_not_a_feed_is_a_coded_rejection(data):
    with pytest.raises(NotAFeed):
        parse_feed(data, origin="bad.rss")


def test_an_empty_feed_has_no_entries():
    assert parse_feed(b'<rss version="2.0"><channel><title>quiet</title></channel></rss>', origin="x") == []

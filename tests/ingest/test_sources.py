"""Expanding sources into articles: files, folders, JSONL, feeds, URLs."""
from __future__ import annotations

import json

import httpx
import pytest

from sitroom.errors import ConfigError
from sitroom.ingest.fetch import Fetcher
from sitroom.ingest.sources import SourceReader, url_id

PAGE = """<html><head><title>Truce talks resume</title><meta property="og:site_name" content="Example News">
<meta name="date" content="2024-03-06"></head><body><article><h1>Truce talks resume</h1>
<p>Negotiators from both sides met in Doha on Wednesday to resume talks on a truce, officials said.</p>
<p>The previous round collapsed in February after a week of shelling along the front line.</p>
</article></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Talks</title><link>https://news.example/talks</link><pubDate>Wed, 06 Mar 2024 08:00:00 +0000</pubDate>
<description>Talks resumed.</description></item>
<item><title>Gone</title><link>https://news.example/gone</link>
<description>The page is gone but the feed kept this summary of the story.</description></item>
<item><title>Nothing</title><link>https://news.example/nothing</link></item>
</channel></rss>"""


def fetcher():
    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/talks":
            return httpx.Response(200, text=PAGE, headers={"content-type": "text/html; charset=utf-8"})
        if request.url.path == "/feed":
            return httpx.Response(200, text=FEED, headers={"content-type": "application/rss+xml"})
        return httpx.Response(404)
    return Fetcher(transport=httpx.MockTransport(handler), resolver=lambda h, p: ["93.184.215.14"])


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Rebels shelled the town on Monday, killing three civilians.", encoding="utf-8")
    (tmp_path / "sub" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Police arrested twelve protesters in the capital.", "published": "2024-01-02"})
        + "\n\n{not json\n" + json.dumps({"id": "j2", "text": 5}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text("not read", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article type", encoding="utf-8")
    return tmp_path


def test_a_folder_expands_recursively_in_a_stable_order(folder):
    items = list(SourceReader(published="2024-03-01").expand([folder]))
    assert [i.origin.replace(str(folder), "") for i in items] == [
        "/a.txt", "/sub/batch.jsonl:1", "/sub/batch.jsonl:3", "/sub/batch.jsonl:4", "/sub/page.html"]
    txt, j1, bad_json, bad_field, page = items
    assert txt.document.id.startswith("a-") and txt.document.published == "2024-03-01"
    assert j1.document.id == "j1" and j1.document.published == "2024-01-02"
    assert bad_json.rejection.code == "malformed_json"
    assert (bad_field.rejection.code, bad_field.rejection.id) == ("invalid_field", "j2")
    assert page.document.title == "Truce talks resume" and "Negotiators" in page.document.text
    assert page.document.from_html and page.document.source == "Example News"
    again = list(SourceReader(published="2024-03-01").expand([folder]))
    assert [i.document.id for i in again if i.document] == [i.document.id for i in items if i.document]


def test_a_missing_source_fails_loudly(tmp_path):
    with pytest.raises(ConfigError):
        list(SourceReader().expand([tmp_path / "nope.jsonl"]))


def test_feed_entries_are_fetched_or_fall_back_to_the_feed_content(tmp_path):
    feed = tmp_path / "desk.rss"
    feed.write_text(FEED, encoding="utf-8")
    with fetcher() as f:
        talks, gone, nothing = list(SourceReader(fetcher=f).expand([feed]))
    assert talks.document.id == url_id("https://news.example/talks") and "Negotiators" in talks.document.text
    assert talks.document.published == "2024-03-06T08:00:00+00:00" and talks.fetched is not None
    assert gone.document.text == "The page is gone but the feed kept this summary of the story."
    assert nothing.rejection.code == "fetch_failed" and nothing.origin.endswith("desk.rss#2")


def test_without_fetching_the_feed_content_is_used(tmp_path):
    feed = tmp_path / "desk.rss"
    feed.write_text(FEED, encoding="utf-8")
    talks, gone, nothing = list(SourceReader(fetch_entries=False).expand([feed]))
    assert talks.document.text == "Talks resumed." and talks.document.title == "Talks"
    assert nothing.rejection.code == "invalid_input"


def test_urls_of_feeds_and_of_pages():
    with fetcher() as f:
        items = list(SourceReader(fetcher=f).expand(["https://news.example/feed", "https://news.example/talks",
                                                     "https://news.example/missing"]))
    origins = [i.origin for i in items]
    assert origins[:3] == ["https://news.example/feed#0", "https://news.example/feed#1",
                           "https://news.example/feed#2"]
    page, missing = items[3], items[4]
    assert page.document.url == "https://news.example/talks" and page.document.published == "2024-03-06"
    assert missing.rejection.code == "fetch_failed" and missing.rejection.id == url_id("https://news.example/missing")

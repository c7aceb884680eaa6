"""Hostile XML in feeds: entities are never expanded (no billion laughs, no file reads).

docs/security.md promises both; feedparser is the parser, so a change of its version or of
how sitroom calls it must not bring entity expansion back.
"""
from __future__ import annotations

import time

import pytest

pytest.importorskip("feedparser")

from sitroom.ingest.feeds import parse_feed  # noqa: E402


def _laughs(levels: int = 9) -> bytes:
    defs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, levels + 1)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{chr(10).join(defs)}\n]>\n'
            f'<rss version="2.0"><channel><title>t</title><item><title>&lol{levels};</title>'
            f'<link>https://news.example.org/a</link><description>Troops shelled the town.</description>'
            f'</item></channel></rss>').encode()


def test_a_billion_laughs_feed_is_read_without_expanding_entities():
    t0 = time.process_time()
    entries = list(parse_feed(_laughs(), origin="laughs.rss"))
    assert time.process_time() - t0 < 5
    assert len(entries) == 1
    assert len(entries[0].title or "") < 100  # 10**9 "lol"s if the entity were expanded


def test_an_external_entity_never_reads_a_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            '<rss version="2.0"><channel><title>t</title><item><title>a &xxe; b</title>'
            '<link>https://news.example.org/b</link><description>d &xxe;</description></item></channel></rss>')
    entries = list(parse_feed(feed.encode(), origin="xxe.rss"))
    seen = " ".join(str(v) for e in entries for v in (e.title, e.content_html, e.link))
    assert "TOP-SECRET-MARKER" not in seen


def _gzip_bomb(megabytes: int) -> list[bytes]:
    """``megabytes`` MB of zeros, gzip-compressed (about 1,000 to 1), in 64 kB pieces as a network gives them."""
    import zlib

    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header
    zeros = b"\0" * 1_000_000
    data = b"".join(z.compress(zeros) for _ in range(megabytes)) + z.flush()
    return [data[i:i + 65536] for i in range(0, len(data), 65536)]


def test_a_gzip_bomb_stops_at_the_size_cap():
    """500 MB of zeros in half a megabyte of gzip: the cap counts decompressed bytes, and the
    memory spent is the cap plus what one network read decompresses to, not the bomb."""
    import tracemalloc

    httpx = pytest.importorskip("httpx")
    from sitroom.errors import ResponseTooLarge
    from tests.ingest.test_fetch import make, site

    pieces = _gzip_bomb(500)
    assert sum(map(len, pieces)) < 1_000_000

    def page():
        return httpx.Response(200, headers={"content-encoding": "gzip", "content-type": "text/html"},
                              stream=_Stream(pieces))

    tracemalloc.start()
    try:
        with make(site({"https://news.example/bomb": page}), max_bytes=1_000_000) as f, \
                pytest.raises(ResponseTooLarge):
            f.get("https://news.example/bomb")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 250_000_000, f"peak {peak:,} bytes while refusing a 1 MB cap"


def _Stream(pieces: list[bytes]):
    """An httpx sync byte stream handing out the given pieces one read at a time."""
    import httpx

    class Stream(httpx.SyncByteStream):
        def __iter__(self):
            yield from pieces

    return Stream()

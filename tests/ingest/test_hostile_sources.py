"""Sources that try to crash or mislead ingest: a server's charset, links out of a folder,
huge files, pages nested too deep for the parser. One bad source costs only itself."""
from __future__ import annotations

import io
import json
import os
import tracemalloc

import httpx
import pytest

from sitroom.errors import ERROR_CODES, TooLarge
from sitroom.ingest.fetch import Fetched, Fetcher
from sitroom.ingest.html import MAX_DEPTH, flatten_html, html_to_article
from sitroom.ingest.sources import SourceReader, read_capped

BODY = ("<p>The ceasefire agreed on Monday held through the night, residents of the border villages "
        "said on Tuesday.</p><p>Aid convoys are expected to move on Wednesday if the calm lasts, a relief "
        "agency said.</p>")
PAGE = f"<html><head><title>Calm on the border</title></head><body><article>{BODY}</article></body></html>"


def _fetched(charset: str, content: bytes = PAGE.encode()) -> Fetched:
    from datetime import UTC, datetime

    return Fetched(url="https://news.example/a", requested="https://news.example/a", status=200,
                   content_type="text/html", charset=charset, content=content, fetched=datetime.now(UTC))


@pytest.mark.parametrize("charset", ["punycode", "idna", "base64", "rot13", "zlib", "uu", "no-such-charset",
                                     "utf-8\x00", "utf_16_le"])
def test_a_charset_the_server_chose_never_crashes(charset):
    # punycode raises a plain UnicodeError, rot13 and base64 are not text encodings, a NUL is a
    # ValueError: each falls back to sitroom's own detection
    text = _fetched(charset).text()
    assert "ceasefire" in text or charset == "utf_16_le"


def test_a_feed_with_a_poisoned_charset_keeps_its_other_entries():
    links = [f"https://news.example/{i}" for i in range(5)]
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
            + "".join(f"<item><title>Story {i}</title><link>{u}</link></item>" for i, u in enumerate(links))
            + "</channel></rss>")

    def handler(request):
        path = request.url.path
        if path == "/robots.txt":
            return httpx.Response(404)
        if path == "/feed":
            return httpx.Response(200, text=feed, headers={"content-type": "application/rss+xml"})
        if path == "/1":
            return httpx.Response(200, content=PAGE.encode(), headers={"content-type": "text/html; charset=punycode"})
        if path == "/3":  # bytes nothing decodes, under a charset that does not exist
            return httpx.Response(200, content=b"\x00\x01\x02" * 300, headers={"content-type": "text/html; charset=x"})
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html; charset=utf-8"})

    with Fetcher(transport=httpx.MockTransport(handler), resolver=lambda h, p: ["93.184.215.14"]) as f:
        items = list(SourceReader(fetcher=f).expand(["https://news.example/feed"]))
    assert len(items) == 5
    assert [i.document is not None for i in items] == [True, True, True, False, True]
    assert "ceasefire" in items[1].document.text  # the punycode page, read by detection
    assert items[3].rejection.code in ERROR_CODES  # a coded rejection of that page alone


# ---- links out of a folder ----------------------------------------------------------------

def test_a_folder_link_to_a_file_outside_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret the analyst never meant to ingest", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Rebels shelled the town on Monday, killing three civilians.", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # a link within the folder is fine
    items = list(SourceReader().expand([folder]))
    by_name = {os.path.basename(i.origin): i for i in items}
    assert by_name["passwd.txt"].rejection.code == "outside_folder"
    assert by_name["a.txt"].document is not None and by_name["inside.txt"].document is not None
    assert not any(i.document and "secret" in i.document.text for i in items)
    # naming the link itself on the command line is the user's own choice
    assert list(SourceReader().expand([folder / "passwd.txt"]))[0].document is not None


# ---- files read with a cap ----------------------------------------------------------------------

class _Counting(io.RawIOBase):
    """An endless stream that counts what was read from it."""

    def __init__(self):
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = len(buffer)
        buffer[:] = b"a" * n
        self.read_bytes += n
        return n


def test_read_capped_reads_one_byte_past_the_limit():
    stream = _Counting()
    with pytest.raises(TooLarge):
        read_capped(stream, 1000, what="stdin")
    assert stream.read_bytes == 1001
    assert read_capped(io.BytesIO(b"x" * 1000), 1000, what="f") == b"x" * 1000


def test_a_huge_file_is_rejected_without_being_read_whole(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 200 MB, sparse: costs no disk
        fh.truncate(200_000_000)
    (tmp_path / "small.txt").write_text("Police arrested twelve protesters in the capital.", encoding="utf-8")
    tracemalloc.start()
    try:
        items = list(SourceReader().expand([big, tmp_path / "small.txt"]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert items[0].rejection.code == "too_large" and items[1].document is not None
    assert peak < 30_000_000, peak  # about one cap's worth (5 MB), not 200 MB


def test_a_huge_jsonl_line_is_rejected_and_the_next_lines_kept(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "ok", "text": "Police arrested twelve protesters in the capital."})
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "huge", "text": "x" * 12_000_000}) + "\n" + good + "\n")
    tracemalloc.start()
    try:
        items = list(SourceReader().expand([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [i.rejection.code if i.rejection else i.document.id for i in items] == ["too_large", "ok"]
    assert items[1].origin.endswith(":2")
    assert peak < 30_000_000, peak


# ---- pages nested deeper than libxml2 goes -----------------------------------------------------------

@pytest.mark.parametrize("depth", [300, 3000])
def test_a_deeply_nested_page_gives_its_text(depth):
    page = (f"<html><head><title>Calm on the border</title></head><body>{'<div>' * depth}"
            f"{BODY}{'</div>' * depth}</body></html>")
    article = html_to_article(page)
    assert "ceasefire agreed on Monday" in article.text and "relief agency" in article.text
    flat, deepest = flatten_html(page)
    assert deepest > MAX_DEPTH and flat.count("<div>") <= MAX_DEPTH


def test_flattening_keeps_scripts_out_of_the_text():
    page = "<div>" * 400 + "<script>var hidden = 1;</script>" + BODY + "</div>" * 400
    article = html_to_article(f"<html><body>{page}</body></html>")
    assert "hidden" not in article.text and "ceasefire" in article.text


# the child reports the peak memory of its own address space: VmHWM starts afresh at exec,
# where getrusage's ru_maxrss keeps the parent's peak (a big pytest worker) across fork and exec
_MEASURED = ("import atexit, re, runpy, sys\n"
             "def peak():\n"
             "    status = open('/proc/self/status').read()\n"
             "    sys.stderr.write('VMHWM_KIB %s\\n' % re.search(r'VmHWM:\\s*(\\d+)', status).group(1))\n"
             "atexit.register(peak)\n"
             "sys.argv = ['sitroom', *sys.argv[1:]]\n"
             "runpy.run_module('sitroom', run_name='__main__')\n")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc to measure memory")
def test_extract_rejects_a_huge_file_or_pipe_without_reading_it_whole(tmp_path):
    import re
    import subprocess
    import sys

    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 200 MB, sparse
        fh.truncate(200_000_000)
    for args, stdin in ((["extract", str(big)], None), (["extract", "-"], big)):
        with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as fin:
            proc = subprocess.run([sys.executable, "-c", _MEASURED, *args], stdin=fin, capture_output=True,
                                  text=True, timeout=600, cwd=tmp_path)
        said = f"{args}: rc {proc.returncode}: {proc.stdout[-300:]} {proc.stderr[-1000:]}"
        assert proc.returncode == 2 and "[too_large]" in proc.stdout + proc.stderr, said
        peak_kib = int(re.search(r"VMHWM_KIB (\d+)", proc.stderr).group(1))
        assert peak_kib < 150_000, said  # one cap (5 MB) read, not 200 MB (main took about 900 MB)

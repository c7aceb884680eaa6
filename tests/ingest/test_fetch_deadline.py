"""A fetch has an overall deadline, and one slow host does not stall the others.

Real HTTP servers on 127.0.0.1 (threads in this test): one trickles a byte at a time, in
its body or in its headers, the other answers at once.
"""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitroom.errors import FetchTimeout, RobotsDisallowed
from sitroom.ingest.fetch import Fetcher
from sitroom.ingest.sources import SourceReader

ARTICLE = (b"<html><head><title>Ceasefire holds in the north</title></head><body><article>"
           b"<h1>Ceasefire holds in the north</h1><p>The ceasefire agreed on Monday held through the night, "
           b"residents of the border villages said on Tuesday.</p><p>Aid convoys are expected to move on "
           b"Wednesday if the calm lasts, a relief agency said.</p></article></body></html>")


class _Server:
    """A threading HTTP server; ``log`` records (path, time done), ``started`` (path, time begun)."""

    def __init__(self, trickle_robots: bool = False) -> None:
        self.log: list[tuple[str, float]] = []
        self.started: list[tuple[str, float]] = []
        self.open = 0
        self.most_open = 0
        self.stop = threading.Event()
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                with lock:
                    server.started.append((self.path, time.monotonic()))
                    server.open += 1
                    server.most_open = max(server.most_open, server.open)
                try:
                    self._answer()
                except OSError:  # the client hung up: what a deadline does
                    pass
                finally:
                    with lock:
                        server.open -= 1
                        server.log.append((self.path, time.monotonic()))

            def _trickle(self, data: bytes) -> None:
                for i in range(len(data)):
                    if server.stop.wait(0.05):
                        return
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()

            def _answer(self):
                if self.path == "/robots.txt":
                    if trickle_robots:
                        self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + b"#" * 10_000)
                        return
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.path.startswith("/slow-body"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.flush()
                    self._trickle(b"<p>" + b"x" * 99_997)
                elif self.path.startswith("/slow-headers"):
                    self._trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Padding: " + b"y" * 10_000 + b"\r\n\r\n")
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(ARTICLE)))
                    self.end_headers()
                    self.wfile.write(ARTICLE)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def slow():
    server = _Server()
    yield server
    server.close()


@pytest.fixture
def fast():
    server = _Server()
    yield server
    server.close()


@pytest.mark.parametrize("path", ["/slow-body", "/slow-headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline(slow, path):
    # a byte every 0.05 s never lets a 5 s read timeout fire: only the deadline stops it
    with Fetcher(allow_private=True, timeout=5.0, deadline=1.0) as f:
        t0 = time.monotonic()
        with pytest.raises(FetchTimeout) as err:
            f.get(slow.base + path)
        took = time.monotonic() - t0
    assert err.value.code == "fetch_timeout" and "deadline" in err.value.message
    assert 0.9 < took < 3.0, took


def test_robots_txt_has_a_deadline_too():
    server = _Server(trickle_robots=True)
    try:
        with Fetcher(allow_private=True, timeout=5.0, deadline=1.0) as f:
            t0 = time.monotonic()
            with pytest.raises(RobotsDisallowed):  # an unreachable robots.txt disallows (RFC 9309)
                f.get(server.base + "/page")
            assert time.monotonic() - t0 < 3.0
    finally:
        server.close()


def test_a_slow_host_does_not_stall_the_other_sources(slow, fast):
    sources = [slow.base + "/slow-body/1", slow.base + "/slow-headers/2", slow.base + "/slow-body/3",
               *(f"{fast.base}/article/{i}" for i in range(3))]
    deadline = 3.0  # generous: the machine running the tests may be busy
    # 3 threads: two on the slow host; the third must not sit waiting for it but serve the others
    with Fetcher(allow_private=True, timeout=10.0, deadline=deadline, workers=3, per_host=2) as f:
        t0 = time.monotonic()
        items = list(SourceReader(fetcher=f).expand(sources))
        took = time.monotonic() - t0
    # in source order, whatever answered first
    assert [i.origin for i in items] == sources
    assert [i.rejection.code for i in items[:3]] == ["fetch_timeout"] * 3
    assert all(i.document is not None and "ceasefire" in i.document.text for i in items[3:])
    served = [t for path, t in fast.log if path.startswith("/article/")]
    assert len(served) == 3
    # every fast page was fetched while the first slow ones were still hanging (the pool
    # runs 6 sources ahead of the one the reader waits for)
    assert max(served) - t0 < deadline, (max(served) - t0, deadline)
    # the slow host never had more than per_host requests at once: its third page began
    # when one of the first two was cut off; two rounds of the deadline, not three
    began = sorted(t for path, t in slow.started if path.startswith("/slow"))
    assert len(began) == 3 and began[2] - began[0] > 0.9 * deadline
    ended = max(t for path, t in slow.log if path.startswith("/slow"))
    assert ended - t0 < 3 * deadline, ended - t0  # one after the other: 3 x the deadline
    assert took < 3 * deadline + 10  # (the rest is reading the pages, trafilatura's import included)


def test_fetches_to_one_host_are_limited(fast):
    urls = [f"{fast.base}/article/{i}" for i in range(8)]
    with Fetcher(allow_private=True, deadline=5.0, workers=8, per_host=1) as f:
        pages = [future.result() for future in [f.submit(u) for u in urls]]
    assert [p.url for p in pages] == urls
    assert fast.most_open == 1  # (the fast server closes each connection as it answers)


def test_the_ingest_command_takes_a_fetch_deadline(slow, tmp_path):
    from click.testing import CliRunner

    from sitroom.cli import cli

    db = tmp_path / "s.sqlite"
    t0 = time.monotonic()
    result = CliRunner().invoke(cli, ["ingest", slow.base + "/slow-body/x", "--db", str(db), "--allow-private",
                                      "--timeout", "10", "--fetch-deadline", "1", "--fetch-workers", "2"])
    assert time.monotonic() - t0 < 8
    assert result.exit_code == 3 and "fetch_timeout 1" in result.output, result.output

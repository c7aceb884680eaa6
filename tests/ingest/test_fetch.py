"""Fetching: user agent, redirects checked hop by hop, size cap, robots.txt, errors."""
from __future__ import annotations

import httpx
import pytest

from sitroom.errors import BlockedAddress, FetchError, ResponseTooLarge, RobotsDisallowed
from sitroom.ingest.fetch import Fetcher, user_agent

PUBLIC = {"news.example": ["93.184.215.14"], "other.example": ["93.184.215.15"], "inside.example": ["10.0.0.5"]}


def resolve(host, port):
    return PUBLIC[host]


def make(handler, **kw):
    return Fetcher(transport=httpx.MockTransport(handler), resolver=resolve, **kw)


def site(pages, robots="User-agent: *\nAllow: /\n", seen=None):
    def handler(request):
        if seen is not None:
            seen.append(request)
        if request.url.path == "/robots.txt":
            if isinstance(robots, int):
                return httpx.Response(robots)
            return httpx.Response(200, text=robots)
        page = pages.get(str(request.url))
        if page is None:
            return httpx.Response(404, text="not found")
        return page() if callable(page) else page
    return handler


def test_a_page_comes_with_our_user_agent_and_its_charset():
    seen = []
    pages = {"https://news.example/a": httpx.Response(200, content="Ça va".encode("latin-1"),
                                                      headers={"content-type": "text/plain; charset=latin-1"})}
    with make(site(pages, seen=seen)) as f:
        page = f.get("https://news.example/a")
    assert page.text() == "Ça va" and page.content_type == "text/plain"
    assert all(r.headers["user-agent"] == user_agent() for r in seen)
    assert user_agent().startswith("sitroom/") and "(+http" in user_agent()


def test_redirects_are_followed_and_each_hop_is_checked():
    pages = {"https://news.example/old": httpx.Response(301, headers={"location": "https://other.example/new"}),
             "https://other.example/new": httpx.Response(200, text="<p>moved</p>",
                                                         headers={"content-type": "text/html"})}
    with make(site(pages)) as f:
        page = f.get("https://news.example/old")
    assert page.url == "https://other.example/new" and page.requested == "https://news.example/old"
    pages["https://news.example/sneaky"] = httpx.Response(302, headers={"location": "http://inside.example/admin"})
    with make(site(pages)) as f, pytest.raises(BlockedAddress):
        f.get("https://news.example/sneaky")
    pages["https://news.example/meta"] = httpx.Response(302, headers={"location": "http://169.254.169.254/"})
    with make(site(pages)) as f, pytest.raises(BlockedAddress):
        f.get("https://news.example/meta")


def test_redirect_loops_stop():
    pages = {"https://news.example/a": httpx.Response(302, headers={"location": "/b"}),
             "https://news.example/b": httpx.Response(302, headers={"location": "/a"})}
    with make(site(pages), max_redirects=3) as f, pytest.raises(FetchError, match="more than 3 redirects"):
        f.get("https://news.example/a")


def test_the_size_cap_holds_with_and_without_a_declared_length():
    big = b"x" * 5000
    pages = {"https://news.example/declared": httpx.Response(200, content=big),
             "https://news.example/streamed": lambda: httpx.Response(200, stream=httpx.ByteStream(big))}
    with make(site(pages), max_bytes=1000) as f:
        with pytest.raises(ResponseTooLarge):
            f.get("https://news.example/declared")
        with pytest.raises(ResponseTooLarge):
            f.get("https://news.example/streamed")


def test_robots_txt_is_obeyed_and_cached():
    seen = []
    pages = {"https://news.example/public/a": httpx.Response(200, text="ok"),
             "https://news.example/private/a": httpx.Response(200, text="secret")}
    robots = "User-agent: *\nDisallow: /private/\n"
    with make(site(pages, robots=robots, seen=seen)) as f:
        assert f.get("https://news.example/public/a").content == b"ok"
        with pytest.raises(RobotsDisallowed):
            f.get("https://news.example/private/a")
        f.get("https://news.example/public/a")
    assert sum(r.url.path == "/robots.txt" for r in seen) == 1


def test_robots_rules_for_sitroom_by_name():
    pages = {"https://news.example/a": httpx.Response(200, text="ok")}
    with make(site(pages, robots="User-agent: sitroom\nDisallow: /\n\nUser-agent: *\nAllow: /\n")) as f:
        with pytest.raises(RobotsDisallowed):
            f.get("https://news.example/a")


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (410, True), (403, False), (503, False)])
def test_robots_status_codes(status, allowed):
    pages = {"https://news.example/a": httpx.Response(200, text="ok")}
    with make(site(pages, robots=status)) as f:
        if allowed:
            assert f.get("https://news.example/a").content == b"ok"
        else:
            with pytest.raises(RobotsDisallowed):
                f.get("https://news.example/a")


def test_http_errors_and_timeouts_are_coded():
    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(500)

    with make(handler) as f:
        with pytest.raises(FetchError, match="HTTP 500") as info:
            f.get("https://news.example/x")
        assert info.value.context["status"] == 500
        with pytest.raises(FetchError, match="timed out"):
            f.get("https://news.example/slow")

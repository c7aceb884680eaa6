"""Fetching pages politely and safely (httpx, extra ``fetch``).

Every request: a clear user agent (``sitroom/VERSION (+PROJECT_URL)``), connect and
read timeouts, a size cap (the body is streamed and abandoned past ``max_bytes``), at
most ``max_redirects`` redirects followed by hand so that each hop passes the address
check of :mod:`sitroom.ingest.safety`, and robots.txt obeyed (fetched once per site
and cached; a robots.txt that cannot be fetched because the server errs counts as
"disallow", a missing one as "allow", as the robots exclusion standard, RFC 9309, says).

Tests plug an ``httpx.MockTransport`` in through ``transport=``, like any httpx client.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from sitroom.errors import FetchError, MissingDependency, ResponseTooLarge, RobotsDisallowed
from sitroom.ingest.safety import Resolver, check_url

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/sitroom/sitroom"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 500_000
_REDIRECTS = (301, 302, 303, 307, 308)


def user_agent() -> str:
    from sitroom import __version__

    return f"sitroom/{__version__} (+{PROJECT_URL})"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body and where it finally came from."""

    url: str                  # after redirects
    requested: str
    status: int
    content_type: str         # media type without parameters, lower-case ("" when absent)
    charset: str | None
    content: bytes
    fetched: datetime

    def text(self) -> str:
        """The body decoded: the declared charset when it works, else sitroom's detection."""
        if self.charset:
            try:
                return self.content.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                pass
        from sitroom.ingest.validate import decode_bytes

        return decode_bytes(self.content, document_id=self.url)


class Fetcher:
    """An HTTP client that fetches only what it may. Use as a context manager."""

    def __init__(self, *, allow_private: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = DEFAULT_MAX_REDIRECTS,
                 respect_robots: bool = True, transport: Any = None, resolver: Resolver | None = None,
                 agent: str | None = None) -> None:
        try:
            import httpx
        except ImportError as exc:
            raise MissingDependency("fetching URLs needs the 'fetch' extra: pip install 'sitroom[fetch]'") from exc
        self._httpx = httpx
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.respect_robots = respect_robots
        self.resolver = resolver
        self.agent = agent or user_agent()
        self.client = httpx.Client(
            transport=transport, follow_redirects=False,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"User-Agent": self.agent,
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                               "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"},
        )
        self._robots: dict[str, RobotFileParser | bool] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # ---- fetching -----------------------------------------------------------------
    def get(self, url: str) -> Fetched:
        """GET ``url``; raises a coded FetchError (BlockedAddress, RobotsDisallowed,
        ResponseTooLarge or FetchError with ``status``) instead of returning junk."""
        current = url
        for _ in range(self.max_redirects + 1):
            check_url(current, allow_private=self.allow_private, resolver=self.resolver)
            if self.respect_robots and not self.allowed(current):
                raise RobotsDisallowed(f"robots.txt of {urlsplit(current).netloc} disallows {current}", url=current)
            status, headers, body, location = self._request(current, self.max_bytes)
            if location is not None:
                current = location
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status} for {current}", url=current, status=status)
            ctype = headers.get("content-type", "")
            media, _, params = ctype.partition(";")
            charset = None
            for p in params.split(";"):
                k, _, v = p.strip().partition("=")
                if k.lower() == "charset" and v:
                    charset = v.strip('"\'')
            return Fetched(url=current, requested=url, status=status, content_type=media.strip().lower(),
                           charset=charset, content=body, fetched=datetime.now(UTC))
        raise FetchError(f"more than {self.max_redirects} redirects from {url}", url=url)

    def _request(self, url: str, cap: int) -> tuple[int, Any, bytes, str | None]:
        """(status, headers, body, redirect target or None); the body stops at ``cap``."""
        httpx = self._httpx
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code in _REDIRECTS and response.headers.get("location"):
                    return response.status_code, response.headers, b"", urljoin(url, response.headers["location"])
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise ResponseTooLarge(f"{url} is {int(declared):,} bytes; the limit is {cap:,}", url=url)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > cap:
                        raise ResponseTooLarge(f"{url} is larger than the limit of {cap:,} bytes", url=url)
                return response.status_code, response.headers, bytes(body), None
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out fetching {url}", url=url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {type(exc).__name__}: {exc}", url=url) from exc

    # ---- robots.txt ---------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets sitroom fetch ``url`` (cached per scheme and host)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._load_robots(site)
        rules = self._robots[site]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch("sitroom", url)

    def _load_robots(self, site: str) -> RobotFileParser | bool:
        url = site + "/robots.txt"
        try:
            for _ in range(self.max_redirects + 1):
                check_url(url, allow_private=self.allow_private, resolver=self.resolver)
                status, _, body, location = self._request(url, ROBOTS_MAX_BYTES)
                if location is None:
                    break
                url = location
            else:
                return True  # a robots.txt that redirects in circles: treat as missing
        except ResponseTooLarge:
            log.warning("robots.txt of %s is too large; treating it as missing", site)
            return True
        except FetchError as exc:
            log.warning("robots.txt of %s cannot be fetched (%s); not fetching from that site", site, exc)
            return False
        if status in (401, 403) or status >= 500:
            return False
        if status >= 400:
            return True
        rules = RobotFileParser(url)
        rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules

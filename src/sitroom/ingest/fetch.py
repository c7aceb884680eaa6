"""Fetching pages politely and safely (httpx, extra ``fetch``).

Every request: a clear user agent (``sitroom/VERSION (+PROJECT_URL)``), connect and
read timeouts, a size cap (the body is streamed and abandoned past ``max_bytes``), at
most ``max_redirects`` redirects followed by hand so that each hop passes the address
check of :mod:`sitroom.ingest.safety`, and robots.txt obeyed (fetched once per site
and cached; a robots.txt that cannot be fetched because the server errs counts as
"disallow", a missing one as "allow", as the robots exclusion standard, RFC 9309, says).

A read timeout alone does not bound a fetch: a server sending one byte a second never
lets a read time out. So every fetch (all its redirect hops together) and every
robots.txt also has an overall ``deadline``: the body loop checks it whenever data comes,
and a watchdog shuts the connection's socket when it passes, which wakes a read blocked
on a server trickling its headers. Connections are therefore not kept alive (the
watchdog must know each request's socket).

:meth:`Fetcher.submit` fetches in a small thread pool (``workers``) with at most
``per_host`` requests to one host at a time, so one slow host cannot stall the others
while no host sees more than ``per_host`` connections from sitroom.

Tests plug an ``httpx.MockTransport`` in through ``transport=``, like any httpx client.
"""
from __future__ import annotations

import codecs
import logging
import socket
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from sitroom.errors import FetchError, FetchTimeout, MissingDependency, ResponseTooLarge, RobotsDisallowed
from sitroom.ingest.safety import Resolver, check_url

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/sitroom/sitroom"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 20.0
DEFAULT_DEADLINE = 60.0
DEFAULT_WORKERS = 4
DEFAULT_PER_HOST = 2
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
        """The body decoded: the declared charset when it works, else sitroom's detection
        (which raises the coded Undecodable when nothing decodes it)."""
        if self.charset:
            try:
                # only text encodings: the server chooses the name, and codecs also holds
                # punycode, idna, base64 and zlib, which raise what a decoder never should
                if codecs.lookup(self.charset)._is_text_encoding:
                    return self.content.decode(self.charset)
            except (LookupError, ValueError, TypeError):  # UnicodeError is a ValueError
                pass
        from sitroom.ingest.validate import decode_bytes

        return decode_bytes(self.content, document_id=self.url)


class Fetcher:
    """An HTTP client that fetches only what it may. Use as a context manager."""

    def __init__(self, *, allow_private: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = DEFAULT_MAX_REDIRECTS,
                 respect_robots: bool = True, transport: Any = None, resolver: Resolver | None = None,
                 agent: str | None = None, deadline: float = DEFAULT_DEADLINE, workers: int = DEFAULT_WORKERS,
                 per_host: int = DEFAULT_PER_HOST) -> None:
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
        self.timeout = timeout
        self.deadline = deadline
        self.workers = max(1, workers)
        self.per_host = max(1, per_host)
        self.client = httpx.Client(
            transport=transport, follow_redirects=False,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": self.agent,
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                               "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"},
        )
        self._robots: dict[str, RobotFileParser | bool] = {}
        self._lock = threading.Lock()
        self._site_locks: dict[str, threading.Lock] = {}     # one robots.txt fetch per site
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._pool: _HostPool | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self.client.close()

    def submit(self, url: str) -> Future:
        """Start fetching ``url`` in the pool; the future gives :meth:`get`'s result or error."""
        with self._lock:
            if self._pool is None:
                self._pool = _HostPool(self.get, self.workers, self.per_host)
            return self._pool.submit(url)

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc.lower()  # host and port: one server
        with self._lock:
            return self._host_slots.setdefault(host, threading.BoundedSemaphore(self.per_host))

    # ---- fetching -----------------------------------------------------------------
    def get(self, url: str) -> Fetched:
        """GET ``url``; raises a coded FetchError (BlockedAddress, RobotsDisallowed,
        ResponseTooLarge or FetchError with ``status``) instead of returning junk."""
        current = url
        spent = 0.0  # the deadline covers every hop (not the wait for a free slot, nor robots.txt)
        for _ in range(self.max_redirects + 1):
            check_url(current, allow_private=self.allow_private, resolver=self.resolver)
            if self.respect_robots and not self.allowed(current):
                raise RobotsDisallowed(f"robots.txt of {urlsplit(current).netloc} disallows {current}", url=current)
            status, headers, body, location, took = self._request(current, self.max_bytes, self.deadline - spent)
            spent += took
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

    def _request(self, url: str, cap: int, limit: float) -> tuple[int, Any, bytes, str | None, float]:
        """(status, headers, body, redirect target or None, seconds taken); the body stops at
        ``cap`` bytes and the whole request at ``limit`` seconds (FetchTimeout)."""
        if limit <= 0:
            raise FetchTimeout(f"fetching {url} took longer than the deadline of {self.deadline:g} s", url=url)
        with self._slot(url):
            t0 = time.monotonic()
            watchdog = _Watchdog(limit)
            try:
                return (*self._stream(url, cap, watchdog), time.monotonic() - t0)
            finally:
                watchdog.cancel()

    def _stream(self, url: str, cap: int, watchdog: _Watchdog) -> tuple[int, Any, bytes, str | None]:
        httpx = self._httpx
        late = f"fetching {url} took longer than the deadline of {self.deadline:g} s"
        timeout = httpx.Timeout(min(self.timeout, watchdog.limit), connect=min(self.timeout, 10.0, watchdog.limit))
        try:
            with self.client.stream("GET", url, timeout=timeout, extensions={"trace": watchdog.trace}) as response:
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
                    if watchdog.expired():
                        raise FetchTimeout(late, url=url)
                if watchdog.expired():
                    raise FetchTimeout(late, url=url)
                return response.status_code, response.headers, bytes(body), None
        except httpx.TimeoutException as exc:
            if watchdog.expired():
                raise FetchTimeout(late, url=url) from exc
            raise FetchTimeout(f"timed out fetching {url} (no data for {self.timeout:g} s)", url=url) from exc
        except httpx.HTTPError as exc:
            if watchdog.expired():  # the watchdog shut the socket
                raise FetchTimeout(late, url=url) from exc
            raise FetchError(f"cannot fetch {url}: {type(exc).__name__}: {exc}", url=url) from exc

    # ---- robots.txt ---------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets sitroom fetch ``url`` (cached per scheme and host)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            site_lock = self._site_locks.setdefault(site, threading.Lock())
        with site_lock:  # pages of one site fetched at once wait for its one robots.txt
            if site not in self._robots:
                self._robots[site] = self._load_robots(site)
        rules = self._robots[site]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch("sitroom", url)

    def _load_robots(self, site: str) -> RobotFileParser | bool:
        url = site + "/robots.txt"
        spent = 0.0  # robots.txt has a deadline of its own, like any fetch
        try:
            for _ in range(self.max_redirects + 1):
                check_url(url, allow_private=self.allow_private, resolver=self.resolver)
                status, _, body, location, took = self._request(url, ROBOTS_MAX_BYTES, self.deadline - spent)
                spent += took
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


class _HostPool:
    """``workers`` threads running ``fetch(url)``, first come first served, except that a URL
    whose host already has ``per_host`` fetches running waits while later URLs of other hosts
    go ahead: a thread never sits blocked on a busy host."""

    def __init__(self, fetch, workers: int, per_host: int) -> None:
        self._fetch = fetch
        self._per_host = per_host
        self._cv = threading.Condition()
        self._queue: list[tuple[str, str, Future]] = []   # (host, url, future), in submission order
        self._running: dict[str, int] = {}
        self._closed = False
        self._threads = [threading.Thread(target=self._work, name=f"sitroom-fetch-{i}", daemon=True)
                         for i in range(workers)]
        for t in self._threads:
            t.start()

    def submit(self, url: str) -> Future:
        future: Future = Future()
        with self._cv:
            if self._closed:
                raise RuntimeError("the fetcher is closed")
            self._queue.append((urlsplit(url).netloc.lower(), url, future))
            self._cv.notify()
        return future

    def _next(self) -> tuple[str, str, Future] | None:
        with self._cv:
            while True:
                if self._closed:
                    return None
                for i, (host, _, _) in enumerate(self._queue):
                    if self._running.get(host, 0) < self._per_host:
                        task = self._queue.pop(i)
                        self._running[host] = self._running.get(host, 0) + 1
                        return task
                self._cv.wait()

    def _work(self) -> None:
        while (task := self._next()) is not None:
            host, url, future = task
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(self._fetch(url))
                    except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future
                        future.set_exception(exc)
            finally:
                with self._cv:
                    self._running[host] -= 1
                    self._cv.notify_all()

    def shutdown(self) -> None:
        with self._cv:
            self._closed = True
            for _, _, future in self._queue:
                future.cancel()
            self._queue.clear()
            self._cv.notify_all()
        for t in self._threads:
            t.join()


class _Watchdog:
    """Ends one request at its deadline: it learns the request's socket from httpcore's
    ``trace`` extension and shuts it when the time is up, which wakes a blocked read."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self._end = time.monotonic() + limit
        self._sock: socket.socket | None = None
        self._fired = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(limit, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def expired(self) -> bool:
        return self._fired or time.monotonic() >= self._end

    def trace(self, event: str, info: dict) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            with self._lock:
                self._sock = sock
                late = self._fired
            if late:
                self._shut()

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
        self._shut()

    def _shut(self) -> None:
        sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()

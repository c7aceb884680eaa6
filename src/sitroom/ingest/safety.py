"""Which URLs sitroom may fetch: http(s) to public addresses only.

A URL someone else wrote (a feed entry, a redirect) must not make sitroom read a
service on the analyst's own machine or network (169.254.169.254 cloud metadata, a
router's admin page, a database on localhost). Every address the host resolves to
must be global unicast: private (RFC 1918, fc00::/7), loopback, link-local, shared
(100.64/10), multicast, reserved and unspecified addresses are refused, and so are
IPv4 addresses hidden inside IPv6 (``::ffff:10.0.0.1``, 6to4, NAT64 well-known prefix
is allowed only when the embedded address is public). The check runs on the first
URL and on every redirect. ``allow_private=True`` (``--allow-private``) switches it off
for intranet sources and tests.

The address is resolved here and again by the HTTP client when it connects; a DNS
answer that changes in between (DNS rebinding) is not caught. Run sitroom behind an
egress firewall where that matters.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from sitroom.errors import BlockedAddress, FetchError

Resolver = Callable[[str, int], Iterable[str]]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(address: str) -> bool:
    """True when ``address`` is a global unicast address (and so is any IPv4 inside it)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            return is_public(str(inner))
        if ip.teredo:
            return False
    return ip.is_global and not ip.is_multicast


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver | None = None) -> None:
    """Raise :class:`BlockedAddress` unless ``url`` is http(s) to a public host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}",
                             url=url)
    host = parts.hostname
    if not host:
        raise BlockedAddress("the URL has no host", url=url)
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise BlockedAddress(f"the URL has an invalid port: {exc}", url=url) from exc
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = list((resolver or system_resolver)(host, port))
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"cannot resolve {host}: {exc}", url=url) from exc
    if not addresses:
        raise FetchError(f"{host} resolves to no address", url=url)
    blocked = [a for a in addresses if not is_public(a)]
    if blocked:
        raise BlockedAddress(
            f"{host} resolves to a private, loopback or link-local address ({', '.join(blocked)}); "
            "use --allow-private to fetch from your own network", url=url, addresses=blocked)

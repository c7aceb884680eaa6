"""The keys that make an article a duplicate: its normalised text and its normalised URL.

No SQLAlchemy here: ingest computes the keys before it decides whether to extract.
"""
from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: query parameters that track readers, not content
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src")


def normalise_text(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: the same article re-encoded, re-wrapped or
    re-cased hashes the same."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8", "surrogatepass")).hexdigest()


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    no trailing slash on the path. A URL the parser refuses ("http://[::1", a port over
    65535) is its own key, stripped: it still identifies the article and costs nothing else."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def host_of(url: str | None) -> str:
    """The lower-case host name of a URL; "" for none, or for a URL the parser refuses."""
    try:
        return (urlsplit(url.strip()).hostname or "") if url else ""
    except ValueError:
        return ""


def url_hash(url: str | None) -> str | None:
    if not url:
        return None
    return hashlib.sha256(normalise_url(url).encode("utf-8", "surrogatepass")).hexdigest()


def origin_hash(origin: str) -> str:
    return hashlib.sha256(origin.encode("utf-8", "surrogatepass")).hexdigest()

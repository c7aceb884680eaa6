"""Server settings and write tokens.

Write tokens come from a file (``--token-file``) or the environment (``SITROOM_TOKEN``).
A token file holds one token per line, optionally preceded by the analyst's name
(``maria 3f9c...``); that name is who the audit trail records. With no token the server is
read-only. Tokens are compared in constant time (``hmac.compare_digest``) against every
configured token, so timing tells nothing about which one nearly matched.
"""
from __future__ import annotations

import hmac
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import ConfigError

TOKEN_ENV = "SITROOM_TOKEN"
#: shortest token accepted: shorter ones are guessable
MIN_TOKEN = 16
_NAME = re.compile(r"^[\w.@-]{1,100}$")


@dataclass(frozen=True)
class Token:
    name: str
    secret: bytes = field(repr=False)


@dataclass(frozen=True)
class ServerConfig:
    """What ``create_app`` needs. ``tile_url``: an XYZ tile template
    (``https://tiles.example.org/{z}/{x}/{y}.png``) drawn under the outlines; its host is then
    the only one outside the server that pages may load from (images only)."""

    db: str | None = None
    tokens: tuple[Token, ...] = ()
    tile_url: str | None = None
    max_page: int = 500
    max_points: int = 20_000
    refresh_seconds: float = 2.0

    @property
    def read_only(self) -> bool:
        return not self.tokens

    def author(self, presented: str | None) -> str | None:
        """The name of the token ``presented`` matches, None when none does (constant time)."""
        if not presented:
            return None
        given = presented.encode("utf-8", "surrogatepass")
        found = None
        for token in self.tokens:  # no early exit: every token is compared
            if hmac.compare_digest(given, token.secret) and found is None:
                found = token.name
        return found


def _token(secret: str, name: str, where: str) -> Token:
    if len(secret) < MIN_TOKEN or any(ch.isspace() for ch in secret):
        raise ConfigError(f"{where}: a token needs at least {MIN_TOKEN} characters and no spaces")
    if not _NAME.match(name):
        raise ConfigError(f"{where}: an analyst name is letters, digits and . _ @ - (up to 100)")
    return Token(name=name, secret=secret.encode("utf-8"))


def read_tokens(token_file: str | os.PathLike | None = None, *, env: dict[str, str] | None = None) -> tuple[Token, ...]:
    """Tokens from ``token_file`` (lines ``TOKEN`` or ``NAME TOKEN``; ``#`` comments) and from
    ``SITROOM_TOKEN``; an empty tuple means a read-only server."""
    tokens: list[Token] = []
    if token_file is not None:
        path = Path(token_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the token file {path}: {exc}") from exc
        for n, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) > 2:
                raise ConfigError(f"{path}:{n}: a line is TOKEN or NAME TOKEN")
            name, secret = (parts[0], parts[1]) if len(parts) == 2 else ("analyst", parts[0])
            tokens.append(_token(secret, name, f"{path}:{n}"))
        if not tokens:
            raise ConfigError(f"the token file {path} holds no token")
    value = (os.environ if env is None else env).get(TOKEN_ENV)
    if value:
        tokens.append(_token(value.strip(), "analyst", TOKEN_ENV))
    return tuple(tokens)

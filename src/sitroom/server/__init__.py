"""``sitroom serve``: the REST API (``/api/v1``) and the web workspace, in one process (extra ``api``).

>>> from sitroom.server import ServerConfig, create_app
>>> app = create_app(ServerConfig(db="store.sqlite", tokens=read_tokens(...)))   # an ASGI app

Nothing here imports FastAPI until an app is built, so ``import sitroom`` works without
the extra.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.server.config import ServerConfig, read_tokens

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["ServerConfig", "create_app", "read_tokens"]


def create_app(config: ServerConfig) -> FastAPI:
    """The ASGI application for ``config`` (see sitroom.server.app)."""
    from sitroom.server.app import create_app as _create

    return _create(config)

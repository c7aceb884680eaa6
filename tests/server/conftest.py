"""Server tests run on SQLite and on PostgreSQL (a fresh schema per test), like the store tests."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the server needs the 'api' extra")

from tests.server.fixtures import fill  # noqa: E402
from tests.store.conftest import db_url  # noqa: E402,F401  (the same two back ends)

TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture
def filled(db_url):  # noqa: F811
    from sitroom.store import Store

    with Store.open(db_url) as store:
        fill(store)
    return db_url


def make_client(url, *, tokens=True, **config):
    from fastapi.testclient import TestClient

    from sitroom.server import ServerConfig, create_app
    from sitroom.server.config import Token

    toks = (Token("maria", TOKEN.encode()),) if tokens else ()
    app = create_app(ServerConfig(db=url, tokens=toks, refresh_seconds=0, **config))
    return TestClient(app)


@pytest.fixture
def client(filled):
    with make_client(filled) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}

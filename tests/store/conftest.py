"""Every storage test runs on SQLite and on PostgreSQL, each on a fresh database.

SQLite: a new file per test. PostgreSQL: a new schema per test on the server named by
SITROOM_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test; start
one with scripts/ensure-postgres.sh), dropped afterwards. When no server answers, the
PostgreSQL half is skipped and says why.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG_URL = os.environ.get("SITROOM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

_pg_state: dict[str, str | None] = {}


def _pg_unavailable() -> str | None:
    """Why PostgreSQL cannot be used (None when it can); asked once per session."""
    if "reason" not in _pg_state:
        try:
            import sqlalchemy as sa

            engine = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                                      connect_args={"connect_timeout": 3})
            with engine.connect() as conn:
                conn.execute(sa.text("select 1"))
            engine.dispose()
            _pg_state["reason"] = None
        except Exception as exc:  # any failure to reach the server means "skip", with the reason
            _pg_state["reason"] = (f"no PostgreSQL server at {PG_URL} ({type(exc).__name__}); run "
                                   "scripts/ensure-postgres.sh or set SITROOM_TEST_PG_URL")
    return _pg_state["reason"]


def _with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """The URL of a fresh, empty database on each back end."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    reason = _pg_unavailable()
    if reason:
        pytest.skip(reason)
    import sqlalchemy as sa

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _with_search_path(PG_URL, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url):
    from sitroom.store import Store

    with Store.open(db_url) as s:
        yield s

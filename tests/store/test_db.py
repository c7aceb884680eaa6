"""Opening stores: URLs, SQLite settings, migrations that match the schema."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from sitroom.errors import StoreError
from sitroom.store import schema
from sitroom.store.db import create_engine, current_revision, head_revision, normalise_url, open_engine


def test_urls_and_paths_are_normalised(tmp_path):
    assert normalise_url(tmp_path / "x.sqlite") == f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(StoreError):
        normalise_url("mysql://u@h/db")


def test_default_url_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SITROOM_DB", str(tmp_path / "env.sqlite"))
    assert normalise_url(None).endswith("env.sqlite")


def test_sqlite_uses_wal_and_foreign_keys(tmp_path):
    engine = open_engine(tmp_path / "s.sqlite")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        create_engine(tmp_path / "nowhere" / "s.sqlite")


def test_an_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError):
        open_engine("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_migrations_build_exactly_the_schema(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), schema.metadata)
        assert diff == []
    engine.dispose()
    again = open_engine(db_url)  # opening again is a no-op, not an error
    again.dispose()


def test_foreign_keys_are_enforced(db_url):
    engine = open_engine(db_url)
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(sa.insert(schema.extractions).values(
            article_id="missing", schema_version=1, pipeline_version="x", record={}, terms={},
            created=sa.func.now()))
    engine.dispose()


def test_migrations_downgrade_to_nothing(db_url):
    from alembic import command

    from sitroom.store.db import alembic_config

    engine = open_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with engine.connect() as conn:
        assert "articles" not in sa.inspect(conn).get_table_names()
    engine.dispose()

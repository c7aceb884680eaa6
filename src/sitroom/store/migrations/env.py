"""Alembic environment: runs on the connection sitroom.store.db.migrate hands in.

sitroom never needs an alembic.ini: ``db.migrate`` builds the config in code. For a
developer writing a new revision, ``alembic -x url=sqlite:///dev.sqlite revision
--autogenerate`` works with a config whose script_location points here.
"""
from __future__ import annotations

from alembic import context

from sitroom.store.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things: later revisions use batch mode there
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # command-line use by developers: a URL from -x url=...
    from sitroom.store.db import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("sitroom's migrations run online only (they need a connection)")
run()

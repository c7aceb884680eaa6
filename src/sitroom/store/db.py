"""Opening a store: an engine from a URL, SQLite tuned for one writer, migrations on open.

URLs: ``sqlite:///path.sqlite`` (or a plain file path), ``postgresql+psycopg://user@host/db``
(``postgresql://`` and ``postgres://`` mean the same: psycopg 3 is the driver). The schema
is brought to the newest Alembic revision every time a store is opened, under a lock
(SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock), so two processes opening a
new database at once do not both create it.
"""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.errors import MissingDependency, StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///sitroom.sqlite"
#: environment variable that names the store when ``--db`` is not given
URL_ENV = "SITROOM_DB"
#: arbitrary constant key of the PostgreSQL advisory lock held while migrating
_MIGRATION_LOCK = 7_261_001
#: the PostgreSQL advisory lock every write transaction holds (see write_transaction)
WRITE_LOCK = 7_261_002
_MIGRATIONS = Path(__file__).with_name("migrations")


def require_sqlalchemy() -> None:
    try:
        import alembic  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as exc:
        raise MissingDependency("the store needs the 'db' extra: pip install 'sitroom[db]'") from exc


def normalise_url(url: str | os.PathLike | None) -> str:
    """The SQLAlchemy URL for ``url``; a bare path is a SQLite file."""
    raw = os.fspath(url) if url is not None else os.environ.get(URL_ENV) or DEFAULT_URL
    if "://" not in raw:
        return "sqlite:///" + str(Path(raw).expanduser())
    scheme, _, rest = raw.partition("://")
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return "postgresql+psycopg://" + rest
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return "sqlite://" + rest
    raise StoreError(f"unsupported database URL scheme {scheme!r}: use sqlite:///FILE or postgresql://...",
                     url=raw)


def redact(url: str) -> str:
    """The URL without its password, for logs and messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def create_engine(url: str | os.PathLike | None = None) -> Engine:
    """An engine for ``url`` with sitroom's connection settings (no migrations)."""
    require_sqlalchemy()
    import sqlalchemy as sa
    from sqlalchemy import event
    from sqlalchemy.pool import StaticPool

    full = normalise_url(url)
    if full.startswith("postgresql"):
        return sa.create_engine(full, pool_pre_ping=True)
    memory = full in ("sqlite://", "sqlite:///:memory:")
    if not memory:
        path = Path(sa.engine.make_url(full).database or "")
        if path.parent and not path.parent.exists():
            raise StoreError(f"the folder of the SQLite file {path} does not exist", url=full)
    engine = sa.create_engine(full, connect_args={"timeout": 60},
                              **({"poolclass": StaticPool} if memory else {}))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # sqlite3's own implicit BEGIN is switched off; the "begin" hook below emits it,
        # so DDL and reads are inside real transactions (SQLAlchemy's documented recipe)
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # writers ask for IMMEDIATE: they take the write lock up front instead of failing
        # with "database is locked" when a read turns into a write
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', '')}".strip())

    return engine


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the store's write lock until it commits.

    SQLite: ``BEGIN IMMEDIATE`` (the database's one write lock). PostgreSQL: the
    transaction-level advisory lock WRITE_LOCK, taken first. Writers' transactions then run
    one after another, whichever process they come from: no two can take row locks (terms,
    incidents, rejections) in opposite orders, so none deadlocks, and incident assignment
    reads what the previous transaction wrote (no lost updates of an incident's profile).
    Reads, extraction and everything else of an ingest run in parallel."""
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            lock_writers(conn)
            yield conn


def lock_writers(conn: Connection) -> None:
    """Take the writers' lock in ``conn``'s transaction (PostgreSQL; SQLite's is BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        # advisory locks are per database: the schema in the key keeps stores that share a
        # database (one schema each) from waiting for each other
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK}, hashtext(current_schema()))")


def alembic_config(conn: Connection | None = None):
    """An Alembic config for the packaged migrations; ``conn`` is the connection env.py uses."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (Alembic, run in-process; no alembic.ini needed)."""
    from alembic import command

    head = head_revision()
    with engine.connect() as probe:
        if revision == "head" and current_revision(probe) == head:
            return
    try:
        with write_transaction(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            if current_revision(conn) != head or revision != "head":
                log.info("migrating %s to %s", redact(str(engine.url)), revision)
                command.upgrade(alembic_config(conn), revision)
    except Exception as exc:
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"could not migrate the database {redact(str(engine.url))}: {exc}",
                         url=redact(str(engine.url))) from exc


def open_engine(url: str | os.PathLike | None = None, *, migrate_schema: bool = True) -> Engine:
    """An engine for ``url`` whose schema is at the newest revision."""
    engine = create_engine(url)
    try:
        if migrate_schema:
            migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:  # a server that does not answer, a file we cannot open
        engine.dispose()
        raise StoreError(f"could not open the database {redact(str(engine.url))}: {exc}") from exc
    return engine

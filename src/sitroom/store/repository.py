"""The store: articles, their records, incidents and claims, written in one transaction each.

>>> with Store.open("sitroom.sqlite") as store:           # or postgresql://user@host/db
...     store.add(extraction)                              # an Extraction, or a record dict + text
...     store.counts()

``add`` stores an article once: a second article with the same id, the same
normalised URL or the same normalised text is reported as a duplicate and left out
(the same id with other text is a conflict, recorded as a rejection by ingest). Adding
an article also assigns its events to incidents (sitroom.incidents.cluster) and
records its figures as claims, in the same transaction, so a crash never leaves an
article without its incidents.

One bad article never costs the others: ``add`` checks every field by the rules of
sitroom.ingest.fields first (the same on both back ends), then writes the article
inside a savepoint; a database error on it (a value refused, a constraint) rolls back
that article alone and is raised as a coded :class:`~sitroom.errors.StoreRejected`,
and the transaction goes on. Storing is an idempotent upsert: an article another
writer stored first is a duplicate, not an error. Errors that abort the whole
transaction (a deadlock, a serialization failure, a lost connection) are raised as
they are, for the caller to run the transaction again.
"""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from sitroom.errors import InputError, InvalidField, StoreRejected
from sitroom.incidents import lexical
from sitroom.incidents.cluster import Clusterer, MemoryIndex
from sitroom.incidents.match import MatchConfig
from sitroom.ingest.fields import check_fields, check_record_strings, safe_label, scrub
from sitroom.model import Extraction
from sitroom.model.serialize import to_dict
from sitroom.store import schema as t
from sitroom.store.db import lock_writers, open_engine, redact, write_transaction
from sitroom.store.index import DfCache, StoreIdf, StoreIndex, write_incidents
from sitroom.store.keys import content_hash, origin_hash, url_hash
from sitroom.store.rows import layer_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stored:
    """What ``Store.add`` did: ``stored``, ``duplicate`` (``reason``: id, url or text) or
    ``conflict`` (the id is stored with other text)."""

    status: str
    article_id: str
    reason: str | None = None
    incidents: tuple[int, ...] = ()


def _now() -> datetime:
    return datetime.now(UTC)


def _pipeline_version() -> str:
    from sitroom import __version__

    return f"sitroom {__version__}"


class Store:
    """A sitroom database (SQLite or PostgreSQL) with its schema at the newest revision."""

    def __init__(self, engine: Engine, *, config: MatchConfig | None = None) -> None:
        self.engine = engine
        self.config = config or MatchConfig()
        self._df = DfCache()
        self._tx: Connection | None = None  # the transaction the DfCache follows

    @classmethod
    def open(cls, url: str | os.PathLike | None = None, *, config: MatchConfig | None = None) -> Store:
        """Open (creating and migrating as needed) the store at ``url``; see sitroom.store.db."""
        return cls(open_engine(url), config=config)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({redact(str(self.engine.url))!r})"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: everything in it is committed together or not at all."""
        try:
            with write_transaction(self.engine) as conn:
                self._tx = conn
                self._check_cache(conn)
                yield conn
        except BaseException:
            self._df.clear()  # what it counted was rolled back
            raise
        finally:
            self._tx = None

    def _check_cache(self, conn: Connection) -> None:
        """Forget cached document frequencies when another writer stored articles since this
        store's last transaction (its rows changed them); the write lock is held, so they
        cannot change again before this transaction ends."""
        if self._df.n is not None:
            n = conn.execute(sa.select(sa.func.count()).select_from(t.extractions)).scalar_one()
            if n != self._df.n:
                self._df.clear()

    # ---- duplicates ---------------------------------------------------------------
    def existing(self, conn: Connection, *, ids=(), url_hashes=(), content_hashes=()) -> tuple[set, set, set]:
        """Which of these article ids, URL hashes and text hashes are stored already."""
        a = t.articles
        found: tuple[set, set, set] = (set(), set(), set())
        for col, values, out in ((a.c.id, ids, found[0]), (a.c.url_hash, url_hashes, found[1]),
                                 (a.c.content_hash, content_hashes, found[2])):
            values = sorted({v for v in values if v})
            for i in range(0, len(values), 500):
                out.update(r[0] for r in conn.execute(sa.select(col).where(col.in_(values[i:i + 500]))))
        return found

    def _duplicate(self, conn: Connection, article_id: str, chash: str, uhash: str | None) -> Stored | None:
        a = t.articles
        cond = [a.c.id == article_id, a.c.content_hash == chash]
        if uhash:
            cond.append(a.c.url_hash == uhash)
        row = conn.execute(sa.select(a.c.id, a.c.content_hash, a.c.url_hash).where(sa.or_(*cond)).limit(1)).first()
        if row is None:
            return None
        if row.id == article_id and row.content_hash != chash:
            return Stored("conflict", article_id, "id")
        reason = "id" if row.id == article_id else "text" if row.content_hash == chash else "url"
        return Stored("duplicate", row.id, reason)

    # ---- writing ------------------------------------------------------------------
    def add(self, record: Extraction | Mapping[str, Any], *, text: str | None = None, origin: str | None = None,
            fetched: datetime | None = None, pipeline_version: str | None = None,
            conn: Connection | None = None) -> Stored:
        """Store one article and its record, assign its events to incidents, record its claims.

        ``record`` is an :class:`Extraction` or an output-format.md dict; a dict without
        ``text`` needs ``text``. Pass ``conn`` (from :meth:`transaction`) to group
        several articles in one transaction.
        """
        if isinstance(record, Extraction):
            text = record.document.text
            record = to_dict(record)
        record = dict(record)
        if "error" in record:
            raise InvalidField("an error record is not an article; use add_rejection", document_id=record.get("id"))
        body = text if text is not None else record.get("text")
        if not isinstance(body, str):
            raise InvalidField("the record carries no text; pass text=", document_id=record.get("id"))
        if conn is None:
            with self.transaction() as c:
                return self._add_one(c, record, body, origin, fetched, pipeline_version)
        return self._add_one(conn, record, body, origin, fetched, pipeline_version)

    def _add_one(self, conn: Connection, record: dict[str, Any], text: str, origin: str | None,
                 fetched: datetime | None, pipeline_version: str | None) -> Stored:
        """``_add`` after the field checks, in a savepoint: a database error on this article
        rolls back this article only and becomes its StoreRejected."""
        raw_id = record.get("id")
        if not isinstance(raw_id, str):
            raise InvalidField("the record's 'id' must be a string", document_id=safe_label(str(raw_id)))
        try:
            check_fields(record, text)
            check_record_strings(record)
        except InputError as exc:
            exc.document_id = safe_label(raw_id)
            raise
        if conn.dialect.name == "postgresql" and conn is not self._tx:
            lock_writers(conn)  # a caller's own transaction: take the writers' lock here
        savepoint = conn.begin_nested()
        try:
            stored = self._add(conn, record, text, origin, fetched, pipeline_version)
        except sa.exc.OperationalError:
            savepoint.rollback()  # a deadlock or a lost connection: the whole transaction's affair
            raise
        except (sa.exc.SQLAlchemyError, UnicodeError, ValueError) as exc:
            savepoint.rollback()
            if conn is self._tx:
                self._df.clear()  # it may have counted this article's terms
            cause = getattr(exc, "orig", None) or exc
            first = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
            log.warning("the database refused article %s: %s", safe_label(raw_id), first[:300])
            raise StoreRejected(f"the database refused the article: {type(cause).__name__}: {scrub(first)[:300]}",
                                document_id=safe_label(raw_id)) from exc
        savepoint.commit()
        return stored

    def _add(self, conn: Connection, record: dict[str, Any], text: str, origin: str | None,
             fetched: datetime | None, pipeline_version: str | None) -> Stored:
        article_id = str(record["id"])
        chash, uhash = content_hash(text), url_hash(record.get("url"))
        dup = self._duplicate(conn, article_id, chash, uhash)
        if dup is not None:
            return dup
        now = _now()
        published = record.get("published")
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(t.articles)
        # DO NOTHING on any unique key (id, text, URL): another writer that stored the same
        # article after the check above makes this one a duplicate, not an error
        done = conn.execute(insert.values(
            id=article_id, text=text, content_hash=chash, source=_clip(record.get("source"), 500),
            url=record.get("url"), url_hash=uhash, title=record.get("title"), published=published,
            published_date=published[:10] if published else None, fetched=fetched,
            language=record.get("language"), origin=scrub(origin), ingested=now,
        ).on_conflict_do_nothing())
        if done.rowcount == 0:
            return self._duplicate(conn, article_id, chash, uhash) or Stored("duplicate", article_id, "id")
        counts = lexical.record_terms(record, text)
        conn.execute(sa.insert(t.extractions).values(
            article_id=article_id, schema_version=int(record.get("schema_version", 1)),
            pipeline_version=pipeline_version or _pipeline_version(), record=record, terms=dict(counts),
            created=now,
        ))
        event_pks: dict[tuple[str, str], int] = {}
        for name, rows in layer_rows(article_id, record).items():
            if not rows:
                continue
            table = t.LAYER_TABLES[name]
            if name == "events":
                stmt = sa.insert(table).returning(table.c.id, table.c.event_id, sort_by_parameter_order=True)
                event_pks = {(article_id, eid): pk for pk, eid in conn.execute(stmt, rows)}
            else:
                conn.execute(sa.insert(table), rows)
        self._count_terms(conn, counts)
        incidents = self._assign(conn, article_id, record, counts, event_pks)
        return Stored("stored", article_id, None, tuple(incidents))

    def _count_terms(self, conn: Connection, counts: Mapping[str, int]) -> None:
        rows = [{"term": term, "df": 1} for term in sorted(counts)]
        if not rows:
            return
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(t.terms)
        conn.execute(insert.on_conflict_do_update(index_elements=["term"], set_={"df": t.terms.c.df + 1}), rows)
        if conn is self._tx:
            self._df.counted(counts)

    def _assign(self, conn: Connection, article_id: str, record: dict[str, Any], counts: Mapping[str, int],
                event_pks: dict[tuple[str, str], int]) -> list[int]:
        cache = self._df if conn is self._tx else DfCache()  # another caller's transaction: no cache
        idf = StoreIdf(conn, cache)
        idf.load(counts)
        index = StoreIndex(conn, idf, self.config)
        Clusterer(index, idf, self.config).add(record, counts)
        return index.flush(event_pks)

    def add_rejection(self, *, origin: str, code: str, reason: str, document_id: str | None = None,
                      conn: Connection | None = None) -> None:
        """Record why an article was not stored; the same origin and code again updates the row."""
        if conn is None:
            with self.transaction() as c:
                return self.add_rejection(origin=origin, code=code, reason=reason, document_id=document_id, conn=c)
        # whatever the rejected article held, its rejection can be stored: ids escaped, NULs replaced
        values = {"origin": scrub(origin), "origin_hash": origin_hash(origin),
                  "document_id": None if document_id is None else safe_label(document_id),
                  "code": code, "reason": scrub(reason), "created": _now()}
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(t.rejections)
        conn.execute(insert.values(**values).on_conflict_do_update(
            index_elements=["origin_hash", "code"],
            set_={"reason": values["reason"], "document_id": values["document_id"], "created": values["created"]}))
        return None

    def rebuild_incidents(self) -> int:
        """Re-cluster every stored article from scratch, in the order they were stored, with
        the document frequencies of the whole store (incremental assignment only knows the
        articles before each one). Returns the number of incidents. One transaction.
        Analysts' incident corrections and event moves are carried over to the new incidents,
        or kept marked ``conflict`` (sitroom.store.corrections.after_rebuild)."""
        x, a = t.extractions, t.articles
        order = (a.c.ingested, a.c.id)
        from sitroom.store import corrections

        with self.transaction() as conn:
            kept = corrections.incident_snapshot(conn)  # analysts' moves and incident corrections
            for table in (t.claims, t.incident_terms, t.incident_events, t.incidents):
                conn.execute(sa.delete(table))
            idf = lexical.Idf()
            for (terms,) in conn.execute(sa.select(x.c.terms).join(a, a.c.id == x.c.article_id).order_by(*order)):
                idf.add(terms)
            index = MemoryIndex(self.config)
            clusterer = Clusterer(index, idf, self.config)
            for record, terms in conn.execute(sa.select(x.c.record, x.c.terms)
                                              .join(a, a.c.id == x.c.article_id).order_by(*order)):
                clusterer.add(record, terms)
            built = [i for i in index.incidents if i.members]
            for incident in built:
                incident.id = None  # new rows
            event_pks = {(r.article_id, r.event_id): r.id
                         for r in conn.execute(sa.select(t.events.c.id, t.events.c.article_id, t.events.c.event_id))}
            write_incidents(conn, built, event_pks)
            corrections.after_rebuild(conn, kept)
        return len(built)

    # ---- reading ------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table."""
        tables = ("articles", "extractions", "events", "actors", "places", "figures", "quotes", "incidents",
                  "incident_events", "claims", "rejections")
        with self.engine.connect() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(t.metadata.tables[name])).scalar_one()
                    for name in tables}

    def record(self, article_id: str, *, with_text: bool = False) -> dict[str, Any] | None:
        """The stored output-format.md record of an article (with its text when asked)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.extractions.c.record, t.articles.c.text)
                               .join(t.articles, t.articles.c.id == t.extractions.c.article_id)
                               .where(t.extractions.c.article_id == article_id)).first()
        if row is None:
            return None
        record = dict(row.record)
        if with_text:
            record["text"] = row.text
        return record


def _clip(value: Any, n: int) -> str | None:
    if value is None:
        return None
    s = str(value)
    return s if len(s) <= n else s[: n - 1] + "…"

"""``sitroom export --format parquet``: a whole store as the eight Parquet tables.

Articles are read in the order they were stored, ``batch`` at a time; each batch becomes
``part-NNNNN.parquet`` files (one per table and publication day), so memory stays flat
however big the store. Incidents and claims follow from their own tables. Everything goes
to a temporary folder beside the output, renamed into place at the end: an export that
fails leaves no half folder.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitroom.columnar.rows import day, record_rows
from sitroom.columnar.schema import RECORD_TABLES, TABLES, require_pyarrow
from sitroom.columnar.write import write_table_rows
from sitroom.errors import ConfigError


def _utc(value):
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite hands back naive datetimes; the store writes UTC
    return value


def export_store(store, output: str | os.PathLike, *, batch: int = 2000, with_text: bool = False) -> dict[str, int]:
    """Write every table of ``store`` under ``output`` (a folder that must not exist yet, or
    be empty); returns rows per table."""
    require_pyarrow()
    out = Path(output)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} exists and is not an empty folder: give a new folder for the Parquet tables")
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.mkdir(parents=True)
    try:
        with store.engine.connect() as conn:
            counts = _write_all(conn, tmp, batch, with_text)
        for table in TABLES:
            (tmp / table).mkdir(exist_ok=True)  # an empty table is an empty folder, not a missing one
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return counts


def stored_record_rows(conn, *, batch: int = 2000, with_text: bool = False):
    """(article id, publication day, rows per record table) for each stored article, in the
    order they were stored, with each event's incident."""
    import sqlalchemy as sa

    from sitroom.store import schema as t

    incident_of: dict[str, dict[str, str]] = defaultdict(dict)
    ie = t.incident_events
    for article_id, event_id, incident_id in conn.execute(
            sa.select(ie.c.article_id, ie.c.event_id, ie.c.incident_id).where(ie.c.event_id.is_not(None))):
        incident_of[article_id][event_id] = f"I{incident_id}"
    x, a = t.extractions, t.articles
    q = (sa.select(x.c.record, a.c.ingested, a.c.published, a.c.text).join(a, a.c.id == x.c.article_id)
         .order_by(a.c.ingested, a.c.id).execution_options(yield_per=batch))
    for record, ingested, pub, text in conn.execute(q):
        record = dict(record)
        if with_text:
            record["text"] = text
        aid = str(record.get("id"))
        yield aid, day(pub), record_rows(record, incident_of=incident_of.get(aid), ingested=_utc(ingested))


def _write_all(conn, out: Path, batch: int, with_text: bool) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    published: dict[str, Any] = {}
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_TABLES}
    part = 0
    n = 0
    for aid, pub_day, rows_by_table in stored_record_rows(conn, batch=batch, with_text=with_text):
        published[aid] = pub_day
        for table, rows in rows_by_table.items():
            tables[table].extend(rows)
        n += 1
        if n % batch == 0:
            _flush(out, tables, f"part-{part:05d}", counts)
            part += 1
    if any(tables.values()):
        _flush(out, tables, f"part-{part:05d}", counts)
    counts["incidents"] = _incidents(conn, out)
    counts["claims"] = _claims(conn, out, published)
    return dict(counts)


def _flush(out: Path, tables: dict[str, list[dict[str, Any]]], name: str, counts: dict[str, int]) -> None:
    for table, rows in tables.items():
        if rows:
            write_table_rows(out, table, name, rows)
            counts[table] += len(rows)
        rows.clear()


def _incidents(conn, out: Path) -> int:
    rows = incident_rows(conn)
    if rows:
        write_table_rows(out, "incidents", "part-00000", rows)
    return len(rows)


def incident_rows(conn) -> list[dict[str, Any]]:
    import sqlalchemy as sa

    from sitroom.store import schema as t

    docs: dict[int, list[str]] = defaultdict(list)
    ie = t.incident_events
    for iid, aid in conn.execute(sa.select(ie.c.incident_id, ie.c.article_id).order_by(ie.c.id)):
        if aid not in docs[iid]:
            docs[iid].append(aid)
    rows = []
    for r in conn.execute(sa.select(t.incidents).order_by(t.incidents.c.id)):
        m = r._mapping
        rows.append({
            "incident_id": f"I{m['id']}", **{k: m[k] for k in ("plover", "acled_event_type", "acled_sub_event_type",
                                                             "date", "place_name", "lat", "lon", "country",
                                                             "n_documents", "n_events")},
            "date_start": day(m["date_start"]), "date_end": day(m["date_end"]), "documents": docs.get(m["id"], []),
            "created": _utc(m["created"]), "updated": _utc(m["updated"]),
        })
    return rows


def _claims(conn, out: Path, published: dict[str, Any]) -> int:
    rows = claim_rows(conn, published)
    if rows:
        write_table_rows(out, "claims", "part-00000", rows)
    return len(rows)


def claim_rows(conn, published: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The claims table's rows (``published``: article id -> publication day; read when None)."""
    import sqlalchemy as sa

    from sitroom.store import schema as t

    if published is None:
        a = t.articles
        published = {aid: day(p) for aid, p in conn.execute(sa.select(a.c.id, a.c.published))}
    c = t.claims
    rows = []
    for r in conn.execute(sa.select(c).order_by(c.c.id)):
        m = r._mapping
        rows.append({"incident_id": f"I{m['incident_id']}",
                     **{k: m[k] for k in ("article_id", "figure_id", "kind", "value", "low", "high", "qualifier",
                                          "text", "claimed_by", "outlet", "certainty", "reported")},
                     "published_date": published.get(m["article_id"])})
    return rows

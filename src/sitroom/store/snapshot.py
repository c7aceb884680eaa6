"""A canonical view of a store's contents, to tell whether two stores hold the same rows.

Surrogate keys (autoincrement ids, which PostgreSQL sequences do not roll back) and
wall-clock stamps are left out; an incident is named by its sorted members
``(article, event)``, so two stores that built the same incidents in the same way
compare equal whatever ids their rows got. ``digest`` hashes each table's sorted rows.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.store import schema as t

#: columns that differ between two runs that stored the same things
VOLATILE = {"id", "ingested", "fetched", "created", "updated", "added", "event_pk", "incident_id"}


def _canon(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_canon(v) for v in value]
    return value


def snapshot(conn: Connection) -> dict[str, list[str]]:
    """Per table, its rows as sorted canonical JSON strings."""
    ie = t.incident_events
    members: dict[int, list] = {}
    for iid, art, ev in conn.execute(sa.select(ie.c.incident_id, ie.c.article_id, ie.c.event_id)):
        members.setdefault(iid, []).append([art, ev or ""])
    names = {iid: json.dumps(sorted(m)) for iid, m in members.items()}
    out: dict[str, list[str]] = {}
    for name, table in t.metadata.tables.items():
        rows = []
        for row in conn.execute(sa.select(table)):
            m = dict(row._mapping)
            key = m.get("incident_id", m.get("id") if name == "incidents" else None)
            item = {k: _canon(v) for k, v in m.items() if k not in VOLATILE}
            if name in ("incidents", "incident_events", "claims", "incident_terms"):
                item["incident"] = names.get(key, "(no members)")
            rows.append(json.dumps(item, sort_keys=True, default=str))
        out[name] = sorted(rows)
    return out


def digest(conn: Connection) -> dict[str, str]:
    """Per table: row count and a SHA-256 of its canonical rows."""
    return {name: f"{len(rows)}:{hashlib.sha256(chr(10).join(rows).encode()).hexdigest()[:16]}"
            for name, rows in snapshot(conn).items()}

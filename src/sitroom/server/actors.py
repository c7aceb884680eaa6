"""Actors across the store: counts, affiliations, and a small network of who acts on whom."""
from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.errors import NotFound
from sitroom.server.query import _alias_index, _like
from sitroom.store import schema as t
from sitroom.store.schema_serve import event_facts as f

#: actor rows read to collect affiliations (per request)
AFFILIATION_ROWS = 2000
#: partners shown in an actor's network
PARTNERS = 30


def _event_counts(conn: Connection, names: list[str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {n: {"as_source": 0, "as_target": 0} for n in names}
    if not names:
        return out
    keys = sorted({n.lower() for n in names})
    for col, kcol, key in ((f.c.source_actor, f.c.source_key, "as_source"),
                           (f.c.target_actor, f.c.target_key, "as_target")):
        for name, n in conn.execute(sa.select(col, sa.func.count()).where(kcol.in_(keys), f.c.status.is_(None))
                                    .group_by(col)):
            if name in out:
                out[name][key] += n
    return out


def _affiliations(conn: Connection, names: list[str]) -> dict[str, list[dict[str, Any]]]:
    a = t.actors
    rows = conn.execute(sa.select(a.c.article_id, a.c.name, a.c.data).where(a.c.name.in_(names))
                        .limit(AFFILIATION_ROWS)).all()
    wanted: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for article_id, name, data in rows:
        for aff in (data or {}).get("affiliations") or ():
            if aff.get("actor") and aff.get("relation"):
                wanted.setdefault((article_id, aff["actor"]), []).append((name, aff["relation"]))
    counts: dict[str, Counter] = {n: Counter() for n in names}
    pairs = sorted(wanted)
    for i in range(0, len(pairs), 200):
        chunk = pairs[i:i + 200]
        cond = sa.or_(*[sa.and_(a.c.article_id == aid, a.c.actor_id == xid) for aid, xid in chunk])
        for aid, xid, other in conn.execute(sa.select(a.c.article_id, a.c.actor_id, a.c.name).where(cond)):
            for name, relation in wanted.get((aid, xid), ()):
                counts[name][(relation, other)] += 1
    return {n: [{"relation": r, "actor": o, "n": k} for (r, o), k in c.most_common(10)] for n, c in counts.items()}


def list_actors(conn: Connection, *, q: str | None, kind: str | None, country: str | None, limit: int,
                offset: int) -> dict[str, Any]:
    a = t.actors
    sel = sa.select(a.c.name, sa.func.min(a.c.kind).label("kind"), sa.func.min(a.c.country).label("country"),
                    sa.func.count(sa.distinct(a.c.article_id)).label("n_articles"))
    if q:
        sel = sel.where(sa.func.lower(a.c.name).like(_like(q), escape="\\"))
    if kind:
        sel = sel.where(a.c.kind == kind)
    if country:
        from sitroom.store.read import country_code

        sel = sel.where(a.c.country == country_code(country))
    rows = conn.execute(sel.group_by(a.c.name).order_by(sa.desc("n_articles"), a.c.name)
                        .limit(limit + 1).offset(offset)).all()
    names = [r.name for r in rows[:limit]]
    events = _event_counts(conn, names)
    affiliations = _affiliations(conn, names)
    items = [{"name": r.name, "kind": r.kind, "country": r.country, "n_articles": r.n_articles,
              "n_events": events[r.name], "affiliations": affiliations[r.name]} for r in rows[:limit]]
    return {"items": items, "next_offset": offset + limit if len(rows) > limit else None}


def actor(conn: Connection, name: str) -> dict[str, Any]:
    a = t.actors
    head = conn.execute(sa.select(sa.func.min(a.c.kind), sa.func.min(a.c.country),
                                  sa.func.count(sa.distinct(a.c.article_id))).where(a.c.name == name)).one()
    events = _event_counts(conn, [name])[name]
    if not head[2] and not events["as_source"] and not events["as_target"]:
        raise NotFound(f"no actor named {name!r}")
    edges: Counter = Counter()
    for col, other in ((f.c.source_actor, f.c.target_actor), (f.c.target_actor, f.c.source_actor)):
        key = f.c.source_key if col is f.c.source_actor else f.c.target_key
        # the second pass leaves out what the first counted (an actor acting on itself)
        q = (sa.select(f.c.source_actor, f.c.target_actor, f.c.quad_class, sa.func.count())
             .where(key == name.lower(), col == name, other.is_not(None),
                    other != name if col is f.c.target_actor else sa.true(), f.c.status.is_(None))
             .group_by(f.c.source_actor, f.c.target_actor, f.c.quad_class))
        for src, tgt, quad, n in conn.execute(q):
            edges[(src, tgt, quad or "UNKNOWN")] += n
    weight: Counter = Counter()
    for (src, tgt, _), n in edges.items():
        weight[tgt if src == name else src] += n
    keep = {p for p, _ in weight.most_common(PARTNERS)}
    aliases = sorted(k for k, v in _alias_index().items() if name in v and k != name.lower())[:20]
    return {
        "name": name, "kind": head[0], "country": head[1], "n_articles": head[2], "n_events": events,
        "aliases": aliases, "affiliations": _affiliations(conn, [name])[name],
        "network": [{"source": s, "target": g, "quad_class": qc, "n": n} for (s, g, qc), n in edges.most_common()
                    if (g if s == name else s) in keep],
    }

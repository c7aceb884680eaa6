"""Analysts' corrections with an audit trail, and the overlay that makes reads use them.

An analyst may change an event's type (PLOVER, ACLED type and sub-type), source, target,
date, place and fatalities, mark it wrong or a duplicate of another event, and move it to
another incident or split it into a new one; and change an incident's type, date, place,
fatalities or mark it wrong. Every change is one row of ``corrections`` (who, when, the
values before and after, why). The extracted rows are never changed: the current values
are the extracted ones with the active corrections applied in order, kept in
``event_facts`` for events (sitroom.store.facts) and folded at read time for incidents.
Moving an event changes its incident membership (``incident_events`` and its claims).

Reverting is a new row (``reverts`` names the one undone, which becomes ``reverted``);
the values are recomputed from the extraction and the corrections still active, so
undoing an old change never clobbers a later one.

Re-extraction: a correction names its event by row and by an anchor (the trigger's
offsets and text). When an article is extracted again its events get new rows;
:func:`reanchor` finds the event with the same trigger and carries the correction over.
Where the trigger is gone the correction is kept and marked ``conflict`` (with why);
where the new extraction now gives a value other than the one the analyst corrected,
the analyst's value is kept and the disagreement is recorded in ``conflict``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.errors import CorrectionConflict, InvalidField, NotFound
from sitroom.incidents.match import date_range
from sitroom.model.vocab import Plover
from sitroom.store import facts, rollup
from sitroom.store import schema as t
from sitroom.store.schema_serve import corrections as c_table
from sitroom.store.schema_serve import event_facts

EVENT_FIELDS = ("plover", "acled_event_type", "acled_sub_event_type", "source_actor", "target_actor", "date",
                "place", "fatalities", "status", "duplicate_of", "incident")
INCIDENT_FIELDS = ("plover", "acled_event_type", "acled_sub_event_type", "date", "place", "fatalities", "status")
STATUSES = ("ok", "wrong", "duplicate")
MAX_FATALITIES = 10_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _now() -> datetime:
    return datetime.now(UTC)


# ---- validation -----------------------------------------------------------------------------

def _text(field: str, value: Any, n: int = 300) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > n or _CONTROL.search(value):
        raise InvalidField(f"{field}: a name of 1 to {n} printable characters, or null", field=field)
    return value.strip()


def _country(value: Any) -> str | None:
    if value in (None, ""):
        return None
    from sitroom.store.read import country_code

    if not isinstance(value, str):
        raise InvalidField("place.country: an ISO 3166 code or an English country name", field="place")
    return country_code(value)


def _place(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - {"name", "lat", "lon", "country", "admin1"}:
        raise InvalidField("place: an object {name, lat, lon, country?, admin1?} or null", field="place")
    try:
        lat, lon = float(value["lat"]), float(value["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidField("place: lat and lon are required numbers", field="place") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField("place: lat must lie in [-90, 90] and lon in [-180, 180]", field="place")
    return {"name": _text("place.name", value.get("name")) or f"{lat:.4f}, {lon:.4f}", "lat": lat, "lon": lon,
            "country": _country(value.get("country")), "admin1": _text("place.admin1", value.get("admin1"), 200)}


def check(field: str, value: Any, *, target: str = "event") -> Any:
    """``value`` as stored for ``field``; a coded InvalidField saying what is allowed otherwise."""
    allowed = EVENT_FIELDS if target == "event" else INCIDENT_FIELDS
    if field not in allowed:
        raise InvalidField(f"{field!r} cannot be corrected; fields: {', '.join(allowed)}", field=field)
    if field == "plover":
        if value is not None and value not in Plover.__members__:
            raise InvalidField(f"plover: one of {', '.join(Plover.__members__)}, or null", field=field)
        return value
    if field == "acled_event_type":
        if value is not None and value not in facts.acled_types():
            raise InvalidField(f"acled_event_type: one of {', '.join(facts.acled_types())}, or null", field=field)
        return value
    if field == "acled_sub_event_type":
        subs = {s for v in facts.acled_types().values() for s in v}
        if value is not None and value not in subs:
            raise InvalidField("acled_sub_event_type: an ACLED sub-event type (docs/ontology.md), or null",
                               field=field)
        return value
    if field in ("source_actor", "target_actor"):
        return _text(field, value)
    if field == "date":
        if value is not None and (not isinstance(value, str) or not _DATE.match(value) or not date_range(value)):
            raise InvalidField("date: YYYY-MM-DD, YYYY-MM or YYYY, or null", field=field)
        return value
    if field == "place":
        return _place(value)
    if field == "fatalities":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not 0 <= value <= MAX_FATALITIES):
            raise InvalidField(f"fatalities: a whole number from 0 to {MAX_FATALITIES:,}, or null", field=field)
        return value
    if field == "status":
        statuses = STATUSES if target == "event" else ("ok", "wrong")
        if value not in statuses:
            raise InvalidField(f"status: one of {', '.join(statuses)}", field=field)
        return value
    if field == "duplicate_of":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidField("duplicate_of: the id of the event this one repeats, or null", field=field)
        return value
    if field == "incident":
        if value != "new" and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidField('incident: the id of an incident to move the event to, or "new" to split it out',
                               field=field)
        return value
    raise AssertionError(field)  # every allowed field is handled above


def _checked(changes: Mapping[str, Any], target: str) -> dict[str, Any]:
    if not changes:
        raise InvalidField("no change given: name at least one field to correct", field="changes")
    out = {k: check(k, v, target=target) for k, v in changes.items()}
    sub = out.get("acled_sub_event_type")
    kind = out.get("acled_event_type")
    if sub and kind and sub not in facts.acled_types().get(kind, ()):
        raise InvalidField(f"acled_sub_event_type {sub!r} is not a sub-event type of {kind!r}", field="acled")
    return out


def _reason(reason: Any) -> str:
    if not isinstance(reason, str) or not reason.strip() or len(reason) > 2000:
        raise InvalidField("reason: say why, in 1 to 2,000 characters", field="reason")
    return reason.strip()


def _author(author: Any) -> str:
    return str(author or "analyst")[:200]


# ---- current values -------------------------------------------------------------------------

def _event_row(conn: Connection, event_pk: int):
    e, a = t.events, t.articles
    row = conn.execute(sa.select(e, a.c.published_date).join(a, a.c.id == e.c.article_id)
                       .where(e.c.id == event_pk)).first()
    if row is None:
        raise NotFound(f"no event {event_pk}", event=event_pk)
    return row


def _extracted(conn: Connection, row) -> dict[str, Any]:
    """An event's values as extracted, in the corrections' field vocabulary."""
    f, ie = t.figures, t.incident_events
    fatalities = conn.execute(sa.select(sa.func.max(sa.func.coalesce(f.c.value, f.c.low))).where(
        f.c.article_id == row.article_id, f.c.event_id == row.event_id, f.c.kind == "killed")).scalar()
    incident = conn.execute(sa.select(ie.c.incident_id).where(ie.c.event_pk == row.id)).scalar()
    place = None if row.lat is None else {"name": row.place_name, "lat": row.lat, "lon": row.lon,
                                          "country": row.country, "admin1": None}
    return {"plover": row.plover, "acled_event_type": row.acled_event_type,
            "acled_sub_event_type": row.acled_sub_event_type, "source_actor": row.source_actor,
            "target_actor": row.target_actor, "date": row.date, "place": place,
            "fatalities": None if fatalities is None else int(fatalities), "status": "ok", "duplicate_of": None,
            "incident": incident}


def _active(conn: Connection, *, event_pks: Iterable[int] = (), incident_ids: Iterable[int] = ()) -> list:
    c = c_table
    cond = []
    pks, ids = sorted(set(event_pks)), sorted(set(incident_ids))
    if pks:
        cond.append(sa.and_(c.c.target == "event", c.c.event_pk.in_(pks)))
    if ids:
        cond.append(sa.and_(c.c.target == "incident", c.c.incident_id.in_(ids)))
    if not cond:
        return []
    return conn.execute(sa.select(c).where(sa.or_(*cond), c.c.state.in_(("active", "conflict")))
                        .order_by(c.c.id)).all()


def event_values(conn: Connection, event_pk: int) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(extracted values, current values, corrected fields) of one event."""
    row = _event_row(conn, event_pk)
    base = _extracted(conn, row)
    current = dict(base)
    fields: list[str] = []
    for corr in _active(conn, event_pks=[event_pk]):
        for k, v in corr.after.items():
            current[k] = v
            if k not in fields:
                fields.append(k)
    current["incident"] = base["incident"]  # membership is moved in place, never folded
    return base, current, fields


# ---- event corrections ---------------------------------------------------------------------

def _anchor(row) -> dict[str, Any]:
    trigger = (row.data or {}).get("trigger") or {}
    return {"start": trigger.get("start"), "end": trigger.get("end"), "text": trigger.get("text") or row.trigger}


def correct_event(conn: Connection, event_pk: int, changes: Mapping[str, Any], *, reason: str,
                  author: str | None = None) -> dict[str, Any]:
    """Apply and record one correction of an event; returns the correction as a dict."""
    changes = _checked(changes, "event")
    why, who = _reason(reason), _author(author)
    row = _event_row(conn, event_pk)
    _, current, _ = event_values(conn, event_pk)
    if changes.get("status") == "duplicate" or changes.get("duplicate_of") is not None:
        other = changes.get("duplicate_of", current.get("duplicate_of"))
        if other is None or other == event_pk:
            raise InvalidField("a duplicate needs duplicate_of: the id of another event", field="duplicate_of")
        if conn.execute(sa.select(t.events.c.id).where(t.events.c.id == other)).first() is None:
            raise InvalidField(f"duplicate_of: no event {other}", field="duplicate_of")
        changes.setdefault("status", "duplicate")
    elif changes.get("status") in ("ok", "wrong"):
        changes.setdefault("duplicate_of", None)
    if "incident" in changes:
        changes["incident"] = _move(conn, row, changes["incident"])
    before = {k: current.get(k) for k in changes}
    after = dict(changes)
    if before == after:
        raise InvalidField("nothing would change: the event has these values already", field="changes")
    cid = conn.execute(sa.insert(c_table).values(
        target="event", event_pk=event_pk, article_id=row.article_id, event_id=row.event_id, incident_id=None,
        anchor=_anchor(row), before=_jsonable(before), after=_jsonable(after), reason=why, author=who,
        created=_now(), reverts=None, state="active", conflict=None).returning(c_table.c.id)).scalar_one()
    facts.recompute(conn, [event_pk])
    return correction(conn, cid)


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in values.items()}


def _move(conn: Connection, row, target: Any) -> int:
    """Move the event into incident ``target`` ("new": a new incident of its own); returns its id."""
    ie, inc = t.incident_events, t.incidents
    member = conn.execute(sa.select(ie).where(ie.c.event_pk == row.id)).first()
    old = member.incident_id if member else None
    now = _now()
    if target == "new":
        fact = facts.fact(conn, row.id) or {}
        target = conn.execute(sa.insert(inc).values(
            plover=fact.get("plover"), acled_event_type=fact.get("acled_event_type"),
            acled_sub_event_type=fact.get("acled_sub_event_type"), date=row.date, date_start=fact.get("day"),
            date_end=fact.get("day_end"), place_name=fact.get("place_name"), lat=fact.get("lat"),
            lon=fact.get("lon"), country=fact.get("country"), n_documents=1, n_events=1,
            profile={"split_from": old}, created=now, updated=now).returning(inc.c.id)).scalar_one()
    elif conn.execute(sa.select(inc.c.id).where(inc.c.id == target)).first() is None:
        raise CorrectionConflict(f"no incident {target} to move the event to", incident=target)
    if target == old:
        return target
    if member is None:
        conn.execute(sa.insert(ie).values(incident_id=target, event_pk=row.id, article_id=row.article_id,
                                          event_id=row.event_id, trigger=row.trigger, score=1.0,
                                          evidence={"moved_by": "correction"}, added=now))
    else:
        conn.execute(sa.update(ie).where(ie.c.id == member.id).values(incident_id=target))
        _move_claims(conn, row, old, target)
    for iid in (old, target):
        if iid is not None:
            _recount(conn, iid, now)
    conn.execute(sa.update(event_facts).where(event_facts.c.event_pk == row.id).values(incident_id=target))
    return target


def _move_claims(conn: Connection, row, old: int | None, new: int) -> None:
    cl, f = t.claims, t.figures
    figure_ids = [r[0] for r in conn.execute(sa.select(f.c.figure_id).where(
        f.c.article_id == row.article_id, f.c.event_id == row.event_id))]
    if not figure_ids or old is None:
        return
    conn.execute(sa.delete(cl).where(cl.c.incident_id == new, cl.c.article_id == row.article_id,
                                     cl.c.figure_id.in_(figure_ids)))
    conn.execute(sa.update(cl).where(cl.c.incident_id == old, cl.c.article_id == row.article_id,
                                     cl.c.figure_id.in_(figure_ids)).values(incident_id=new))


def _recount(conn: Connection, incident_id: int, now: datetime) -> None:
    ie = t.incident_events
    n_events, n_docs = conn.execute(sa.select(sa.func.count(ie.c.event_pk), sa.func.count(sa.distinct(
        ie.c.article_id))).where(ie.c.incident_id == incident_id)).one()
    conn.execute(sa.update(t.incidents).where(t.incidents.c.id == incident_id).values(
        n_events=n_events, n_documents=n_docs, updated=now))


# ---- incident corrections ------------------------------------------------------------------

def incident_values(conn: Connection, incident_id: int) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(computed values, current values, corrected fields) of one incident."""
    row = conn.execute(sa.select(t.incidents).where(t.incidents.c.id == incident_id)).first()
    if row is None:
        raise NotFound(f"no incident {incident_id}", incident=incident_id)
    base = {"plover": row.plover, "acled_event_type": row.acled_event_type,
            "acled_sub_event_type": row.acled_sub_event_type, "date": row.date,
            "place": None if row.lat is None else {"name": row.place_name, "lat": row.lat, "lon": row.lon,
                                                   "country": row.country, "admin1": None},
            "fatalities": None, "status": "ok"}
    current, fields = dict(base), []
    for corr in _active(conn, incident_ids=[incident_id]):
        current.update(corr.after)
        fields += [k for k in corr.after if k not in fields]
    return base, current, fields


def correct_incident(conn: Connection, incident_id: int, changes: Mapping[str, Any], *, reason: str,
                     author: str | None = None) -> dict[str, Any]:
    changes = _checked(changes, "incident")
    why, who = _reason(reason), _author(author)
    _, current, _ = incident_values(conn, incident_id)
    before = {k: current.get(k) for k in changes}
    if before == changes:
        raise InvalidField("nothing would change: the incident has these values already", field="changes")
    members = [r[0] for r in conn.execute(sa.select(t.incident_events.c.event_pk).where(
        t.incident_events.c.incident_id == incident_id, t.incident_events.c.event_pk.is_not(None)))]
    cid = conn.execute(sa.insert(c_table).values(
        target="incident", event_pk=None, article_id=None, event_id=None, incident_id=incident_id,
        anchor={"events": members}, before=_jsonable(before), after=_jsonable(changes), reason=why, author=who,
        created=_now(), reverts=None, state="active", conflict=None).returning(c_table.c.id)).scalar_one()
    return correction(conn, cid)


# ---- history and revert --------------------------------------------------------------------

def _as_dict(row) -> dict[str, Any]:
    m = dict(row._mapping)
    created = m.get("created")
    m["created"] = created.isoformat() if isinstance(created, datetime) else created
    return m


def correction(conn: Connection, correction_id: int) -> dict[str, Any]:
    row = conn.execute(sa.select(c_table).where(c_table.c.id == correction_id)).first()
    if row is None:
        raise NotFound(f"no correction {correction_id}", correction=correction_id)
    return _as_dict(row)


def history(conn: Connection, *, event_pk: int | None = None, incident_id: int | None = None) -> list[dict]:
    """Every correction of an event or an incident, oldest first (reverted ones and reverts too)."""
    c = c_table
    cond = (sa.and_(c.c.target == "event", c.c.event_pk == event_pk) if event_pk is not None
            else sa.and_(c.c.target == "incident", c.c.incident_id == incident_id))
    return [_as_dict(r) for r in conn.execute(sa.select(c).where(cond).order_by(c.c.id))]


def revert(conn: Connection, correction_id: int, *, reason: str, author: str | None = None) -> dict[str, Any]:
    """Undo a correction: a new row records the undo; values are recomputed without it."""
    why, who = _reason(reason), _author(author)
    old = correction(conn, correction_id)
    if old["state"] not in ("active", "conflict") or old["reverts"] is not None:
        raise CorrectionConflict(f"correction {correction_id} is {old['state']}; only an active correction "
                                 "can be reverted", correction=correction_id)
    if old["target"] == "event" and old["event_pk"] is not None:
        row = _event_row(conn, old["event_pk"])
        if "incident" in old["after"] and old["before"].get("incident") is not None:
            _move(conn, row, old["before"]["incident"])
    conn.execute(sa.update(c_table).where(c_table.c.id == correction_id).values(state="reverted"))
    cid = conn.execute(sa.insert(c_table).values(
        target=old["target"], event_pk=old["event_pk"], article_id=old["article_id"], event_id=old["event_id"],
        incident_id=old["incident_id"], anchor=old["anchor"], before=old["after"], after=old["before"],
        reason=why, author=who, created=_now(), reverts=correction_id, state="revert", conflict=None,
    ).returning(c_table.c.id)).scalar_one()
    if old["target"] == "event" and old["event_pk"] is not None:
        facts.recompute(conn, [old["event_pk"]])
    return correction(conn, cid)


def conflicts(conn: Connection) -> list[dict[str, Any]]:
    """Corrections a re-extraction disputes: their event is gone or now extracted otherwise."""
    c = c_table
    return [_as_dict(r) for r in conn.execute(sa.select(c).where(c.c.conflict.is_not(None),
                                                                  c.c.state.in_(("active", "conflict")))
                                              .order_by(c.c.id))]


# ---- facts ----------------------------------------------------------------------------------

_FACT_COLUMNS = {f: f for f in ("plover", "acled_event_type", "acled_sub_event_type", "source_actor",
                                 "target_actor", "fatalities")}


def apply_to_facts(conn: Connection, event_pks: Iterable[int]) -> None:
    """Write the active corrections of these events into their ``event_facts`` rows (and the rollup)."""
    by_event: dict[int, list] = {}
    for corr in _active(conn, event_pks=event_pks):
        by_event.setdefault(corr.event_pk, []).append(corr)
    with rollup.tracking(conn, by_event):
        _apply(conn, by_event)


def _apply(conn: Connection, by_event: dict[int, list]) -> None:
    for pk, rows in by_event.items():
        values: dict[str, Any] = {}
        fields: list[str] = []
        for corr in rows:
            values.update(corr.after)
            fields += [k for k in corr.after if k not in fields]
        update: dict[str, Any] = {"corrected": ",".join(sorted(fields))[:300]}
        for field, value in values.items():
            if field in _FACT_COLUMNS:
                update[_FACT_COLUMNS[field]] = value
            if field in ("source_actor", "target_actor"):
                update[field.replace("_actor", "_key")] = value.lower() if value else None
        if "plover" in values:
            update["quad_class"] = facts.plover_quad().get(values["plover"] or "")
        if "status" in values:
            update["status"] = None if values["status"] == "ok" else values["status"]
        if "date" in values:
            update.update(_day_columns(conn, pk, values["date"]))
        if "place" in values:
            p = values["place"] or {}
            update.update(place_name=p.get("name"), lat=p.get("lat"), lon=p.get("lon"), country=p.get("country"),
                          admin1=p.get("admin1"))
        conn.execute(sa.update(event_facts).where(event_facts.c.event_pk == pk).values(**update))


def _day_columns(conn: Connection, event_pk: int, value: str | None) -> dict[str, Any]:
    rng = date_range(value)
    if rng:
        day, end = rng[0].isoformat(), rng[1].isoformat()
    else:
        published = conn.execute(sa.select(t.articles.c.published_date).join(
            t.events, t.events.c.article_id == t.articles.c.id).where(t.events.c.id == event_pk)).scalar()
        day = end = published
    return {"day": day, "day_end": end, "sort_day": day or "", "week": facts.monday(day),
            "month": day[:7] if day else None}


# ---- re-extraction --------------------------------------------------------------------------

def reanchor(conn: Connection, new_pks: set[int]) -> None:
    """Carry active event corrections over to the events of a re-extracted article.

    A correction needs it when its event row is gone or was just (re)created. It moves to the
    event of the same article with the same trigger offsets and text (else the same text);
    with none it is kept and marked ``conflict``."""
    c, e = c_table, t.events
    live = c.c.state.in_(("active", "conflict"))
    gone = sa.select(c).outerjoin(e, e.c.id == c.c.event_pk).where(
        c.c.target == "event", live, sa.or_(e.c.id.is_(None), e.c.article_id != c.c.article_id))
    rows = list(conn.execute(gone))
    if new_pks:
        for chunk in facts._chunks(sorted(new_pks)):
            rows += conn.execute(sa.select(c).join(e, e.c.id == c.c.event_pk).where(
                c.c.target == "event", live, c.c.event_pk.in_(chunk), e.c.article_id == c.c.article_id)).all()
    if not rows:
        return
    touched: set[int] = set()
    seen: set[int] = set()
    for corr in sorted(rows, key=lambda r: r.id):
        if corr.id in seen:
            continue
        seen.add(corr.id)
        target = _find_anchor(conn, corr)
        if target is None:
            conn.execute(sa.update(c).where(c.c.id == corr.id).values(
                state="conflict", event_pk=None,
                conflict=f"the re-extracted article has no event with the trigger {corr.anchor.get('text')!r} "
                         f"at {corr.anchor.get('start')}; the correction is kept, unapplied"))
            continue
        row = _event_row(conn, target)
        base = _extracted(conn, row)
        disputed = {k: base.get(k) for k, v in corr.before.items()
                    if k not in ("incident", "status", "duplicate_of") and base.get(k) != v
                    and base.get(k) != corr.after.get(k)}
        note = None
        if disputed:
            note = ("the new extraction gives " + ", ".join(f"{k}={v!r}" for k, v in sorted(disputed.items()))
                    + "; the analyst's values are kept")
        conn.execute(sa.update(c).where(c.c.id == corr.id).values(
            event_pk=target, event_id=row.event_id, state="active", conflict=note))
        if "incident" in corr.after and corr.after["incident"] is not None:
            try:
                _move(conn, row, corr.after["incident"])
            except CorrectionConflict as exc:
                conn.execute(sa.update(c).where(c.c.id == corr.id).values(conflict=str(exc)))
        touched.add(target)
    apply_to_facts(conn, touched)


def _find_anchor(conn: Connection, corr) -> int | None:
    e = t.events
    rows = conn.execute(sa.select(e.c.id, e.c.event_id, e.c.trigger, e.c.data).where(
        e.c.article_id == corr.article_id)).all()
    anchor = corr.anchor or {}
    for pk, _eid, _trigger, data in rows:
        trig = (data or {}).get("trigger") or {}
        if trig.get("start") == anchor.get("start") and trig.get("end") == anchor.get("end") \
                and trig.get("text") == anchor.get("text"):
            return pk
    same_text = [pk for pk, _eid, trigger, _d in rows if trigger == anchor.get("text")]
    return same_text[0] if len(same_text) == 1 else None


# ---- re-clustering (Store.rebuild_incidents) --------------------------------------------------

def incident_snapshot(conn: Connection) -> dict[int, set[int]]:
    """Before incidents are rebuilt: the member events of every incident a live correction
    names (corrected incidents, and incidents events were moved into or out of)."""
    c, ie = c_table, t.incident_events
    live = conn.execute(sa.select(c.c.target, c.c.incident_id, c.c.before, c.c.after).where(
        c.c.state.in_(("active", "conflict")))).all()
    ids: set[int] = set()
    for target, iid, before, after in live:
        if target == "incident" and iid is not None:
            ids.add(iid)
        for values in (before, after):
            if isinstance(values.get("incident"), int):
                ids.add(values["incident"])
    out: dict[int, set[int]] = {i: set() for i in ids}
    for chunk in facts._chunks(sorted(ids)):
        for iid, pk in conn.execute(sa.select(ie.c.incident_id, ie.c.event_pk).where(
                ie.c.incident_id.in_(chunk), ie.c.event_pk.is_not(None))):
            out[iid].add(pk)
    return out


def after_rebuild(conn: Connection, snapshot: dict[int, set[int]]) -> list[dict[str, Any]]:
    """After incidents were rebuilt (new ids): keep the analysts' incident corrections.

    An old incident is the new one that holds most of its former events (not counting events
    a correction moved). Events moved by a correction are moved again, to that incident, or to a
    new incident of their own when they had been split out; incident corrections follow their
    incident. A correction whose incident has no successor is kept, marked ``conflict`` with why.
    The corrections' incident ids are re-pointed, as re-extraction re-points event ids.
    Returns the corrections now in conflict."""
    c, ie = c_table, t.incident_events
    live = conn.execute(sa.select(c).where(c.c.state.in_(("active", "conflict"))).order_by(c.c.id)).all()
    moves = [r for r in live if r.target == "event" and r.event_pk is not None and "incident" in r.after]
    moved = {r.event_pk for r in moves}

    def successor(old: int, exclude: set[int]) -> int | None:
        members = sorted(snapshot.get(old, set()) - exclude)
        votes: dict[int, int] = {}
        for chunk in facts._chunks(members):
            for (iid,) in conn.execute(sa.select(ie.c.incident_id).where(ie.c.event_pk.in_(chunk))):
                votes[iid] = votes.get(iid, 0) + 1
        return min(votes, key=lambda i: (-votes[i], i)) if votes else None

    mapping: dict[int, int | None] = {}
    for old in snapshot:
        mapping[old] = successor(old, moved)
    conflicts: list[int] = []
    for corr in moves:  # in the order they were made: the latest move of an event wins
        old = corr.after["incident"]
        row = conn.execute(sa.select(t.events).where(t.events.c.id == corr.event_pk)).first()
        if row is None:
            continue
        new = mapping.get(old)
        if new is None:  # the event had been split out (alone, or with other moved events)
            new = _move(conn, row, "new")
            mapping[old] = new
        else:
            _move(conn, row, new)
        before = dict(corr.before)
        if isinstance(before.get("incident"), int):
            before["incident"] = mapping.get(before["incident"])
        conn.execute(sa.update(c).where(c.c.id == corr.id).values(after={**corr.after, "incident": new},
                                                                   before=before))
    for corr in live:
        if corr.target != "incident" or corr.incident_id is None:
            continue
        new = successor(corr.incident_id, set())  # after the moves: every former member counts
        if new is None:
            conn.execute(sa.update(c).where(c.c.id == corr.id).values(
                state="conflict",
                conflict=f"incidents were rebuilt and no new incident holds the events of incident "
                         f"{corr.incident_id}; the correction is kept, unapplied"))
            conflicts.append(corr.id)
        else:
            conn.execute(sa.update(c).where(c.c.id == corr.id).values(incident_id=new))
    facts.sync_incidents(conn)
    return [correction(conn, cid) for cid in conflicts]


# ---- overlays for reads and exports --------------------------------------------------------

def incident_overrides(conn: Connection, incident_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Current corrected values of these incidents: {id: {field: value}} (only corrected ones)."""
    out: dict[int, dict[str, Any]] = {}
    for corr in _active(conn, incident_ids=incident_ids):
        out.setdefault(corr.incident_id, {}).update(corr.after)
    return out


def overlay_incident(conn: Connection, inc: dict[str, Any]) -> dict[str, Any] | None:
    """An ``incidents`` row (as a dict) with its corrections; None when marked wrong.
    ``corrected`` lists the corrected fields."""
    values = incident_overrides(conn, [inc["id"]]).get(inc["id"])
    if not values:
        return {**inc, "corrected": []}
    if values.get("status") == "wrong":
        return None
    out = dict(inc)
    for k in ("plover", "acled_event_type", "acled_sub_event_type"):
        if k in values:
            out[k] = values[k]
    if "date" in values:
        rng = date_range(values["date"])
        out.update(date=values["date"], date_start=rng[0].isoformat() if rng else None,
                   date_end=rng[1].isoformat() if rng else None)
    if "place" in values:
        p = values["place"] or {}
        out.update(place_name=p.get("name"), lat=p.get("lat"), lon=p.get("lon"), country=p.get("country"))
    if "fatalities" in values:
        out["fatalities"] = values["fatalities"]
    out["corrected"] = sorted(values)
    return out


def _member_facts(conn: Connection, incident_id: int) -> list:
    f = event_facts
    return conn.execute(sa.select(f).where(f.c.incident_id == incident_id).order_by(f.c.event_pk)).all()


_ACLED_FROM_INCIDENT = {"acled_event_type": "event_type", "acled_sub_event_type": "sub_event_type"}


def overlay_acled(conn: Connection, row: dict[str, Any]) -> dict[str, Any] | None:
    """An ACLED-style row (sitroom.store.export.acled_rows) with the corrections of its incident
    and of its events; None when the incident, or every event of it, is marked wrong or a
    duplicate. Corrected fields are named in ``tags`` ("corrected:fatalities,event_type")."""
    m = re.match(r"sitroom:I(\d+)", str(row.get("tags") or ""))
    if not m:
        return row
    iid = int(m.group(1))
    values = incident_overrides(conn, [iid]).get(iid, {})
    if values.get("status") == "wrong":
        return None
    members = _member_facts(conn, iid)
    kept = [f for f in members if f.status is None]
    if members and not kept:
        return None
    out = dict(row)
    corrected: set[str] = set()
    event_fields = {k for f in members if f.corrected for k in f.corrected.split(",")}
    for field, column in _ACLED_FROM_INCIDENT.items():
        if field in values:
            out[column] = values[field] or ""
            corrected.add(column)
    if "date" in values:
        d = values["date"] or ""
        out.update(event_date=d if len(d) == 10 else "", year=d[:4], time_precision={10: 1, 7: 3, 4: 3}.get(len(d), ""))
        corrected.add("event_date")
    if "place" in values and values["place"]:
        p = values["place"]
        out.update(location=p.get("name") or "", latitude=p.get("lat"), longitude=p.get("lon"))
        corrected.add("location")
    if event_fields & {"source_actor", "target_actor", "status"}:
        for role, col in (("source_actor", "actor1"), ("target_actor", "actor2")):
            names = [getattr(f, role) for f in kept if getattr(f, role)]
            if names:
                ranked = sorted(set(names), key=lambda n: (-names.count(n), n))
                out[col], out[f"assoc_{col[:-1]}_{col[-1]}"] = ranked[0], "; ".join(ranked[1:])
                corrected.add(col)
    if "fatalities" in values and values["fatalities"] is not None:
        out["fatalities"] = values["fatalities"]
        corrected.add("fatalities")
    elif "fatalities" in event_fields or "status" in event_fields:
        corrected_values = [f.fatalities for f in kept if f.corrected and "fatalities" in f.corrected.split(",")
                            and f.fatalities is not None]
        if corrected_values:
            out["fatalities"] = max(corrected_values)
            corrected.add("fatalities")
    if corrected:
        out["tags"] = f"{row['tags']}; corrected:{','.join(sorted(corrected))}"
    return out


def overlay_record(conn: Connection, record: dict[str, Any]) -> dict[str, Any]:
    """An output-format.md record whose corrected events carry ``correction``: the corrected fields,
    their values and their extracted values (the extracted fields themselves are kept)."""
    aid = record.get("id")
    c = c_table
    rows = conn.execute(sa.select(c).where(c.c.target == "event", c.c.article_id == aid,
                                           c.c.state.in_(("active", "conflict")), c.c.event_pk.is_not(None))
                        .order_by(c.c.id)).all()
    if not rows:
        return record
    by_event: dict[str, dict[str, Any]] = {}
    for corr in rows:
        entry = by_event.setdefault(corr.event_id, {"fields": [], "values": {}, "extracted": {}})
        for k, v in corr.after.items():
            if k not in entry["fields"]:
                entry["fields"].append(k)
                entry["extracted"][k] = corr.before.get(k)
            entry["values"][k] = v
    out = dict(record)
    out["events"] = [({**ev, "correction": by_event[ev.get("id")]} if ev.get("id") in by_event else ev)
                     for ev in record.get("events") or ()]
    return out

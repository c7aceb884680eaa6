"""Tables of the serving layer (``sitroom serve``, migration 0002): corrections and event facts.

``corrections`` is the audit trail: one row per change an analyst made (who, when, the
values before and after, why), never updated except to mark it reverted or in conflict.
``event_facts`` is one row per event with the values people filter, sort and count on,
corrections applied (type, date, place, actors, fatalities, status, incident), so the API
and the exports read corrected values from indexed columns instead of re-applying the
audit trail per row; it is derived and can be rebuilt at any time
(:func:`sitroom.store.facts.refresh`). The extracted rows (``events``, ``extractions``)
are never changed by a correction.

Imported at the end of :mod:`sitroom.store.schema` so that ``schema.metadata`` (what the
migrations are compared with) holds these tables too.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, String, Text

from sitroom.store import schema as _s

corrections = _s.Table(
    "corrections", _s.metadata,
    Column("id", Integer, primary_key=True),
    Column("target", String(12), nullable=False),          # "event" | "incident"
    # the event row it applies to now; re-pointed when the article is extracted again
    Column("event_pk", Integer, index=True),
    Column("article_id", String(255), index=True),
    Column("event_id", String(32)),
    Column("incident_id", Integer, index=True),
    # what identifies the event across re-extractions: its trigger span and text
    Column("anchor", _s.Json, nullable=False),
    Column("before", _s.Json, nullable=False),
    Column("after", _s.Json, nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("created", _s.Stamp, nullable=False),
    Column("reverts", Integer),                              # the correction this one undoes
    Column("state", String(12), nullable=False),             # active | reverted | conflict
    Column("conflict", Text),                                # why a re-extraction disputes it
)

event_facts = _s.Table(
    "event_facts", _s.metadata,
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(255), nullable=False, index=True),
    Column("day", String(10)),                               # first day: the event's, else its article's
    Column("day_end", String(10)),
    Column("sort_day", String(10), nullable=False),          # day or "" (sorting and cursors)
    Column("week", String(10)),                              # Monday of day's ISO week
    Column("month", String(7)),
    Column("plover", String(20)),
    Column("quad_class", String(24)),
    Column("acled_event_type", String(80)),
    Column("acled_sub_event_type", String(80)),
    Column("country", String(3)),
    Column("admin1", String(200), index=True),
    Column("place_name", String(300)),
    Column("lat", Float),
    Column("lon", Float),
    Column("source_actor", String(300)),
    Column("target_actor", String(300)),
    # the names lower-cased: actor search by any alias, case-insensitive, through an index
    Column("source_key", String(300), index=True),
    Column("target_key", String(300), index=True),
    Column("certainty", String(16)),
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    Column("historical", Boolean, nullable=False),
    Column("fatalities", Integer, index=True),
    Column("incident_id", Integer, index=True),
    Column("status", String(12)),                            # None | "wrong" | "duplicate"
    Column("corrected", String(300)),                        # corrected fields, comma-separated
    Index("ix_event_facts_sort_day_event_pk", "sort_day", "event_pk"),
    Index("ix_event_facts_country_sort_day", "country", "sort_day"),
    # a country and a type together (the workspace's commonest pair): no walk through the country
    Index("ix_event_facts_country_plover_sort_day", "country", "plover", "sort_day"),
    Index("ix_event_facts_plover_sort_day", "plover", "sort_day"),
    Index("ix_event_facts_acled_event_type_sort_day", "acled_event_type", "sort_day"),
    # covering indexes of the stats (timeline, map cells, facets): GROUP BY without reading rows
    Index("ix_event_facts_stats_week", "status", "week", "plover", "fatalities"),
    Index("ix_event_facts_stats_month", "status", "month", "plover", "fatalities"),
    Index("ix_event_facts_stats_cell", "status", "lat", "lon", "plover", "fatalities"),
    Index("ix_event_facts_stats_country", "status", "country", "week", "plover", "fatalities"),
    Index("ix_event_facts_stats_days", "status", "sort_day", "day", "day_end", "week", "month", "plover",
          "fatalities"),
)

# one row per combination of the values the timeline and the facets group and filter on, with
# the count and fatalities of its events (those not marked wrong or duplicate): GET /stats reads
# these ~10x fewer rows when its filter only names these columns (sitroom.store.rollup). Kept in
# step with event_facts on every write that changes them; derived, rebuilt at any time.
event_rollup = _s.Table(
    "event_rollup", _s.metadata,
    Column("id", Integer, primary_key=True),
    Column("week", String(10)),
    Column("month", String(7)),
    Column("plover", String(20)),
    Column("quad_class", String(24)),
    Column("acled_event_type", String(80)),
    Column("country", String(3)),
    Column("certainty", String(16)),
    Column("hypothetical", Boolean, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("historical", Boolean, nullable=False),
    Column("n", Integer, nullable=False),
    Column("fatalities", Integer),                           # their sum; null when none is known
    # the span of their days: a date filter is answered here when every row is wholly in or out
    Column("min_day", String(10)),
    Column("max_day", String(10)),
    Column("min_day_end", String(10)),
    Column("max_day_end", String(10)),
    # covering the timeline (by week or month, by type): read in order, no table lookups
    Index("ix_event_rollup_week_plover", "week", "plover", "n", "fatalities"),
    Index("ix_event_rollup_month_plover", "month", "plover", "n", "fatalities"),
)

#: an event's figures by (article, event): fatalities per event without scanning figures
Index("ix_figures_article_id_event_id", _s.figures.c.article_id, _s.figures.c.event_id)

__all__ = ["corrections", "event_facts", "event_rollup"]

"""The columnar tables (Parquet): one per layer, typed, the same for extract and export.

The column lists are plain data, so that the documentation (docs/output-format.md, "Parquet")
and its test can read them without pyarrow; :func:`arrow_schema` turns one into a pyarrow
schema. Types: ``string``, ``int32``, ``int64``, ``float64``, ``bool``, ``date32`` (a calendar
day), ``timestamp`` (microseconds, UTC), ``list<string>`` and ``list<span>`` where a span is
``struct<start: int32, end: int32, text: string>``. Every per-article table carries the
article's ``published_date``; every table is written in folders ``day=YYYY-MM-DD`` (the
publication day; incidents: their first day) so readers can skip days.
"""
from __future__ import annotations

from typing import Any

#: table -> [(column, type, meaning)]; the order is the column order in the files
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "articles": [
        ("article_id", "string", "the record's id"),
        ("schema_version", "int32", "output-format.md schema version of the record"),
        ("published", "string", "publication date or datetime as given"),
        ("published_date", "date32", "its calendar day"),
        ("title", "string", "article title"),
        ("source", "string", "outlet"),
        ("url", "string", "article URL"),
        ("language", "string", "language code"),
        ("error_code", "string", "an error record's code (the other columns are then mostly null)"),
        ("error_message", "string", "an error record's message"),
        ("n_entities", "int32", "named-entity mentions"),
        ("n_actors", "int32", "actors"),
        ("n_places", "int32", "places"),
        ("n_times", "int32", "time expressions"),
        ("n_events", "int32", "events"),
        ("n_figures", "int32", "figures"),
        ("n_quotes", "int32", "quotes"),
        ("text", "string", "the article text when the record carries it (HTML input; export --with-text)"),
        ("ingested", "timestamp", "when the store took the article (export only)"),
    ],
    "events": [
        ("article_id", "string", "article"),
        ("event_id", "string", "E1, E2 ... within the article"),
        ("plover", "string", "PLOVER event type"),
        ("quad_class", "string", "PLOVER quad class"),
        ("cameo", "string", "CAMEO code"),
        ("acled_event_type", "string", "ACLED event type"),
        ("acled_sub_event_type", "string", "ACLED sub-event type"),
        ("trigger", "string", "trigger text"),
        ("trigger_start", "int32", "trigger offset (characters)"),
        ("trigger_end", "int32", "trigger end offset"),
        ("source_actor_id", "string", "source actor (A1 ...)"),
        ("source_actor", "string", "source actor's name (else its text)"),
        ("target_actor_id", "string", "target actor"),
        ("target_actor", "string", "target actor's name (else its text)"),
        ("time_id", "string", "time expression (T1 ...)"),
        ("date", "string", "calendar date as coded: 2023-10-07, 2023-10 or 2023"),
        ("date_start", "date32", "first day that date covers"),
        ("date_end", "date32", "last day that date covers"),
        ("place_id", "string", "place (P1 ...)"),
        ("place_name", "string", "place name"),
        ("lat", "float64", "latitude"),
        ("lon", "float64", "longitude"),
        ("country", "string", "ISO 3166-1 alpha-3 of the place"),
        ("figure_ids", "list<string>", "figures the event counts"),
        ("negated", "bool", "the text says it did not happen"),
        ("hypothetical", "bool", "threatened, planned, conditional or future"),
        ("historical", "bool", "background well before the news"),
        ("certainty", "string", "asserted, reported, claimed, alleged, denied or unverified"),
        ("attributed_to", "string", "who the article says reports it (text)"),
        ("incident_id", "string", "incident (I12) the store put it in (export only)"),
        ("published_date", "date32", "the article's publication day"),
    ],
    "actors": [
        ("article_id", "string", "article"),
        ("actor_id", "string", "A1, A2 ..."),
        ("name", "string", "normalised name"),
        ("kind", "string", "state, military, armed_group, person ..."),
        ("country", "string", "ISO 3166-1 alpha-3"),
        ("code", "string", "CAMEO-style actor code"),
        ("mentions", "list<span>", "where the text names it"),
        ("affiliations", "list<string>", "RELATION:ACTOR_ID, e.g. backed_by:A2"),
        ("published_date", "date32", "the article's publication day"),
    ],
    "places": [
        ("article_id", "string", "article"),
        ("place_id", "string", "P1, P2 ..."),
        ("name", "string", "place name"),
        ("lat", "float64", "latitude"),
        ("lon", "float64", "longitude"),
        ("country", "string", "ISO 3166-1 alpha-3"),
        ("geonames_id", "int64", "GeoNames id"),
        ("feature", "string", "country, admin1, admin2, city, region, water, other"),
        ("mentions", "list<span>", "where the text names it"),
        ("published_date", "date32", "the article's publication day"),
    ],
    "figures": [
        ("article_id", "string", "article"),
        ("figure_id", "string", "F1, F2 ..."),
        ("event_id", "string", "event it counts for"),
        ("kind", "string", "killed, injured, hostage, missing, arrested, displaced, attacks, weapons, other"),
        ("value", "float64", "the number (null when vague)"),
        ("low", "float64", "lower bound"),
        ("high", "float64", "upper bound"),
        ("qualifier", "string", "exact, at_least, more_than, about, up_to, less_than, range, vague"),
        ("text", "string", "the figure's text"),
        ("start", "int32", "offset"),
        ("end", "int32", "end offset"),
        ("subject", "string", "who or what is counted (text)"),
        ("certainty", "string", "attribution certainty"),
        ("claimed_by", "string", "who the article says gives it"),
        ("published_date", "date32", "the article's publication day"),
    ],
    "quotes": [
        ("article_id", "string", "article"),
        ("quote_id", "string", "Q1, Q2 ..."),
        ("kind", "string", "direct, indirect or mixed"),
        ("content", "string", "what was said"),
        ("content_start", "int32", "offset"),
        ("content_end", "int32", "end offset"),
        ("speaker", "string", "speaker's name (else the speaker's text)"),
        ("speaker_actor_id", "string", "speaker's actor"),
        ("cue", "string", "reporting verb or cue"),
        ("certainty", "string", "asserted, reported, claimed, alleged, denied or unverified"),
        ("published_date", "date32", "the article's publication day"),
    ],
    "incidents": [
        ("incident_id", "string", "I1, I2 ... as in sitroom incidents"),
        ("plover", "string", "PLOVER type"),
        ("acled_event_type", "string", "ACLED event type"),
        ("acled_sub_event_type", "string", "ACLED sub-event type"),
        ("date", "string", "date as coded"),
        ("date_start", "date32", "first day"),
        ("date_end", "date32", "last day"),
        ("place_name", "string", "place"),
        ("lat", "float64", "latitude"),
        ("lon", "float64", "longitude"),
        ("country", "string", "ISO 3166-1 alpha-3"),
        ("n_documents", "int32", "articles that report it"),
        ("n_events", "int32", "events merged into it"),
        ("documents", "list<string>", "their article ids"),
        ("created", "timestamp", "when the store created it"),
        ("updated", "timestamp", "when a report last joined it"),
    ],
    "claims": [
        ("incident_id", "string", "incident"),
        ("article_id", "string", "article that makes the claim"),
        ("figure_id", "string", "the figure in that article"),
        ("kind", "string", "figure kind"),
        ("value", "float64", "number"),
        ("low", "float64", "lower bound"),
        ("high", "float64", "upper bound"),
        ("qualifier", "string", "figure qualifier"),
        ("text", "string", "figure text"),
        ("claimed_by", "string", "who the article says gives it"),
        ("outlet", "string", "the article's source"),
        ("certainty", "string", "attribution certainty"),
        ("reported", "string", "the article's time (published, else fetched)"),
        ("published_date", "date32", "the article's publication day"),
    ],
}

#: the tables an extract run writes (incidents and claims need a store)
RECORD_TABLES = ("articles", "events", "actors", "places", "figures", "quotes")
#: the column whose day names a row's folder
DAY_COLUMN = {name: "published_date" for name in TABLES} | {"incidents": "date_start"}
PARTITION_KEY = "day"
NULL_DAY = "undated"  # not Hive's null name: pandas cannot yet read a null partition key


def columns(table: str) -> list[str]:
    return [name for name, _, _ in TABLES[table]]


def _arrow_type(pa, name: str):
    span = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
    simple = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
              "bool": pa.bool_(), "date32": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"),
              "list<string>": pa.list_(pa.string()), "list<span>": pa.list_(span)}
    return simple[name]


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of a table (needs the 'scale' extra)."""
    pa = require_pyarrow()
    return pa.schema([pa.field(name, _arrow_type(pa, kind)) for name, kind, _ in TABLES[table]])


def require_pyarrow():
    from sitroom.errors import MissingDependency

    try:
        import pyarrow as pa
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise MissingDependency("Parquet output needs the 'scale' extra: pip install 'sitroom[scale]'") from exc
    return pa

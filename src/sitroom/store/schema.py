"""The database tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Each layer of a record gets a table with the columns people filter on (type, date,
country, name...) and the full output-format.md dict of that item in ``data``, so a query
never has to parse the whole record and nothing of the record is lost. Dates are ISO
strings (``YYYY-MM-DD``): they sort and compare the same on both back ends.

Keys: ``articles.id`` is the document id (the record's ``id``); layer rows have a
surrogate integer key plus the unique pair (article, local id such as ``E1``).
Alembic migrations (``store/migrations``) create exactly these tables; a test
compares the two.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

#: JSON on SQLite, JSONB (indexable, compact) on PostgreSQL
Json = JSON().with_variant(JSONB(), "postgresql")
Stamp = DateTime(timezone=True)


def _article_fk() -> Column:
    return Column("article_id", String(255), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


articles = Table(
    "articles", metadata,
    Column("id", String(255), primary_key=True),
    Column("text", Text, nullable=False),
    # sha256 of the normalised text (NFKC, case-folded, whitespace collapsed): the duplicate check
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", String(500)),
    Column("url", Text),
    # sha256 of the normalised URL: unique even for URLs too long for a btree index
    Column("url_hash", String(64), unique=True),
    Column("title", Text),
    Column("published", String(40)),          # as given (ISO date or datetime)
    Column("published_date", String(10), index=True),  # its YYYY-MM-DD part, for range queries
    Column("fetched", Stamp),
    Column("language", String(16)),
    Column("origin", Text),                   # where ingest found it: file:line, feed, URL
    Column("ingested", Stamp, nullable=False),
)

extractions = Table(
    "extractions", metadata,
    Column("article_id", String(255), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("schema_version", Integer, nullable=False),
    Column("pipeline_version", String(200), nullable=False),
    Column("record", Json, nullable=False),
    # term -> count of the article's content words and names (incidents' lexical signal)
    Column("terms", Json, nullable=False),
    Column("created", Stamp, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("event_id", String(32), nullable=False),
    Column("plover", String(20), index=True),
    Column("quad_class", String(24)),
    Column("cameo", String(8)),
    Column("acled_event_type", String(80), index=True),
    Column("acled_sub_event_type", String(80)),
    Column("trigger", Text, nullable=False),
    Column("date", String(10)),               # as coded: 2023-10-07, 2023-10 or 2023
    Column("date_start", String(10), index=True),  # first and last day that date covers
    Column("date_end", String(10)),
    Column("place_name", String(300)),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3), index=True),
    Column("source_actor", String(300)),
    Column("target_actor", String(300)),
    Column("certainty", String(16)),
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    Column("historical", Boolean, nullable=False),
    Column("data", Json, nullable=False),
    UniqueConstraint("article_id", "event_id"),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("actor_id", String(32), nullable=False),
    Column("name", String(300), nullable=False, index=True),
    Column("kind", String(24)),
    Column("country", String(3)),
    Column("code", String(32)),
    Column("data", Json, nullable=False),
    UniqueConstraint("article_id", "actor_id"),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("place_id", String(32), nullable=False),
    Column("name", String(300), nullable=False, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3), index=True),
    Column("geonames_id", Integer),
    Column("feature", String(16)),
    Column("data", Json, nullable=False),
    UniqueConstraint("article_id", "place_id"),
)

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("figure_id", String(32), nullable=False),
    Column("event_id", String(32)),
    Column("kind", String(16), nullable=False, index=True),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(16)),
    Column("text", Text, nullable=False),
    Column("certainty", String(16)),
    Column("claimed_by", String(300)),        # the attribution's source text, if any
    Column("data", Json, nullable=False),
    UniqueConstraint("article_id", "figure_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("quote_id", String(32), nullable=False),
    Column("kind", String(16)),
    Column("speaker", String(300), index=True),
    Column("content", Text, nullable=False),
    Column("certainty", String(16)),
    Column("data", Json, nullable=False),
    UniqueConstraint("article_id", "quote_id"),
)

incidents = Table(
    "incidents", metadata,
    Column("id", Integer, primary_key=True),
    Column("plover", String(20), index=True),
    Column("acled_event_type", String(80)),
    Column("acled_sub_event_type", String(80)),
    Column("date", String(10)),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("place_name", String(300)),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3), index=True),
    Column("n_documents", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    # what matching compares: actor names/codes, places, per-document terms (see incidents.cluster)
    Column("profile", Json, nullable=False),
    Column("created", Stamp, nullable=False),
    Column("updated", Stamp, nullable=False),
)

incident_events = Table(
    "incident_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True),
    # an event belongs to one incident; NULL for an article with no event, grouped by its text
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), unique=True),
    _article_fk(),
    Column("event_id", String(32)),
    Column("trigger", Text),
    Column("score", Float, nullable=False),
    Column("evidence", Json, nullable=False),  # why it joined: the signals and their values
    Column("added", Stamp, nullable=False),
    Index("ix_incident_events_article_id", "article_id"),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True),
    _article_fk(),
    Column("figure_id", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(16)),
    Column("text", Text, nullable=False),
    Column("claimed_by", String(300)),        # who the article says gives the figure
    Column("outlet", String(500)),            # the article's source
    Column("certainty", String(16)),
    Column("reported", String(40)),           # the article's time: published, else fetched
    UniqueConstraint("incident_id", "article_id", "figure_id"),
)

rejections = Table(
    "rejections", metadata,
    Column("id", Integer, primary_key=True),
    Column("origin", Text, nullable=False),   # file:line, URL or feed entry the article came from
    Column("origin_hash", String(64), nullable=False),
    Column("document_id", String(255)),
    Column("code", String(40), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("created", Stamp, nullable=False),
    # the same source rejected again (a re-run) updates its row instead of adding one
    UniqueConstraint("origin_hash", "code"),
)

#: the strongest terms of each incident's articles: how a new article finds candidate incidents
incident_terms = Table(
    "incident_terms", metadata,
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("term", String(200), primary_key=True),
    Index("ix_incident_terms_term", "term"),
)

#: document frequency of each term over stored articles (IDF for the lexical signal)
terms = Table(
    "terms", metadata,
    Column("term", String(200), primary_key=True),
    Column("df", Integer, nullable=False),
)

LAYER_TABLES = {"events": events, "actors": actors, "places": places, "figures": figures, "quotes": quotes}

# the serving layer's tables (corrections, event facts; migration 0002) join the same metadata
from sitroom.store import schema_serve  # noqa: E402,F401

"""Serving layer: the corrections audit trail, event facts (corrected values, indexed), figures by event.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

A frozen copy of sitroom/store/schema_serve.py as of this revision. ``event_facts`` is
derived (sitroom.store.facts.refresh fills it from ``events`` the first time a store is
served), so upgrading an existing store needs no data migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
STAMP = sa.DateTime(timezone=True)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=12), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.String(length=255), nullable=True),
        sa.Column("event_id", sa.String(length=32), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("anchor", JSON, nullable=False),
        sa.Column("before", JSON, nullable=False),
        sa.Column("after", JSON, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created", STAMP, nullable=False),
        sa.Column("reverts", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("conflict", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_event_pk"), "corrections", ["event_pk"], unique=False)
    op.create_index(op.f("ix_corrections_article_id"), "corrections", ["article_id"], unique=False)
    op.create_index(op.f("ix_corrections_incident_id"), "corrections", ["incident_id"], unique=False)

    op.create_table(
        "event_facts",
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=255), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("day_end", sa.String(length=10), nullable=True),
        sa.Column("sort_day", sa.String(length=10), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("plover", sa.String(length=20), nullable=True),
        sa.Column("quad_class", sa.String(length=24), nullable=True),
        sa.Column("acled_event_type", sa.String(length=80), nullable=True),
        sa.Column("acled_sub_event_type", sa.String(length=80), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.String(length=200), nullable=True),
        sa.Column("place_name", sa.String(length=300), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("source_actor", sa.String(length=300), nullable=True),
        sa.Column("target_actor", sa.String(length=300), nullable=True),
        sa.Column("source_key", sa.String(length=300), nullable=True),
        sa.Column("target_key", sa.String(length=300), nullable=True),
        sa.Column("certainty", sa.String(length=16), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=True),
        sa.Column("corrected", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(["event_pk"], ["events.id"], name=op.f("fk_event_facts_event_pk_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_pk", name=op.f("pk_event_facts")),
    )
    for name, cols in (("ix_event_facts_article_id", ["article_id"]), ("ix_event_facts_admin1", ["admin1"]),
                       ("ix_event_facts_source_key", ["source_key"]),
                       ("ix_event_facts_target_key", ["target_key"]),
                       ("ix_event_facts_fatalities", ["fatalities"]),
                       ("ix_event_facts_incident_id", ["incident_id"]),
                       ("ix_event_facts_sort_day_event_pk", ["sort_day", "event_pk"]),
                       ("ix_event_facts_country_sort_day", ["country", "sort_day"]),
                       ("ix_event_facts_plover_sort_day", ["plover", "sort_day"]),
                       ("ix_event_facts_acled_event_type_sort_day", ["acled_event_type", "sort_day"]),
                       ("ix_event_facts_stats_week", ["status", "week", "plover", "fatalities"]),
                       ("ix_event_facts_stats_month", ["status", "month", "plover", "fatalities"]),
                       ("ix_event_facts_stats_cell", ["status", "lat", "lon", "plover", "fatalities"]),
                       ("ix_event_facts_stats_country", ["status", "country", "week", "plover", "fatalities"]),
                       ("ix_event_facts_stats_days", ["status", "sort_day", "day", "day_end", "week", "month",
                                                      "plover", "fatalities"])):
        op.create_index(name, "event_facts", cols, unique=False)
    op.create_index("ix_figures_article_id_event_id", "figures", ["article_id", "event_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_figures_article_id_event_id", table_name="figures")
    op.drop_table("event_facts")
    op.drop_table("corrections")

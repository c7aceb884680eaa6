"""Serving layer: ``event_rollup`` (event counts by the timeline's and facets' values, for
GET /stats) and an index of event facts by country and type.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

A frozen copy of the table in sitroom/store/schema_serve.py as of this revision. The rollup is
derived from ``event_facts``; it is filled here from the facts a store already has (none for a
store never served: sitroom.store.facts.refresh fills both on first serve).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_rollup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("plover", sa.String(length=20), nullable=True),
        sa.Column("quad_class", sa.String(length=24), nullable=True),
        sa.Column("acled_event_type", sa.String(length=80), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("certainty", sa.String(length=16), nullable=True),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("min_day", sa.String(length=10), nullable=True),
        sa.Column("max_day", sa.String(length=10), nullable=True),
        sa.Column("min_day_end", sa.String(length=10), nullable=True),
        sa.Column("max_day_end", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_rollup")),
    )
    op.create_index("ix_event_rollup_week_plover", "event_rollup", ["week", "plover", "n", "fatalities"],
                    unique=False)
    op.create_index("ix_event_rollup_month_plover", "event_rollup", ["month", "plover", "n", "fatalities"],
                    unique=False)
    op.create_index("ix_event_facts_country_plover_sort_day", "event_facts", ["country", "plover", "sort_day"],
                    unique=False)
    key = "week, month, plover, quad_class, acled_event_type, country, certainty, hypothetical, negated, historical"
    op.execute(
        f"INSERT INTO event_rollup ({key}, n, fatalities, min_day, max_day, min_day_end, max_day_end) "
        f"SELECT {key}, count(*), sum(fatalities), min(coalesce(day, '9999-12-31')), "
        f"max(coalesce(day, '9999-12-31')), min(coalesce(day_end, '')), max(coalesce(day_end, '')) "
        f"FROM event_facts WHERE status IS NULL GROUP BY {key}")


def downgrade() -> None:
    op.drop_index("ix_event_facts_country_plover_sort_day", table_name="event_facts")
    op.drop_index("ix_event_rollup_month_plover", table_name="event_rollup")
    op.drop_index("ix_event_rollup_week_plover", table_name="event_rollup")
    op.drop_table("event_rollup")

"""Alembic environment for sitroom's schema, run in-process by sitroom.store.db.migrate."""

"""Storage: articles, records, incidents and claims in SQLite or PostgreSQL (extra ``db``).

>>> from sitroom.store import Store
>>> with Store.open("sitroom.sqlite") as store:          # or "postgresql://user@host/db"
...     store.add_article(document, record)               # one transaction
...     store.incident_summaries()

Nothing here imports SQLAlchemy until a store is opened, so ``import sitroom`` works
without the extra.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.store.repository import Store

__all__ = ["Store"]


def __getattr__(name: str):
    if name == "Store":
        from sitroom.store.db import require_sqlalchemy

        require_sqlalchemy()  # a clear "install sitroom[db]" instead of an ImportError
        from sitroom.store.repository import Store

        return Store
    raise AttributeError(name)

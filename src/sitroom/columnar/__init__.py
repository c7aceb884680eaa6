"""Columnar output: the record layers, incidents and claims as typed Parquet tables.

>>> import sitroom
>>> events = sitroom.to_dataframe(records, table="events")     # records: dicts or Extractions
>>> events = sitroom.to_dataframe("out/", table="events")       # a Parquet folder (extract or export)
>>> incidents = sitroom.to_dataframe(store, table="incidents")  # an open Store

The tables and their columns are in :mod:`sitroom.columnar.schema` (and docs/output-format.md).
Everything here but the schema needs the 'scale' extra (pyarrow, pandas).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from sitroom.columnar.schema import RECORD_TABLES, TABLES, arrow_schema, columns

__all__ = ["RECORD_TABLES", "TABLES", "arrow_schema", "columns", "to_arrow", "to_dataframe"]


def to_arrow(source: Any, table: str = "events"):
    """One table as a pyarrow Table with the documented schema; ``source`` is a Parquet
    output folder, an open :class:`sitroom.store.Store`, or records (output-format.md dicts or
    :class:`sitroom.Extraction` objects)."""
    from sitroom.errors import ConfigError

    if table not in TABLES:
        raise ConfigError(f"unknown table {table!r}: {', '.join(TABLES)}")
    if isinstance(source, (str, os.PathLike)):
        from sitroom.columnar.write import read_table

        return read_table(source, table)
    pa = _pa()
    schema = arrow_schema(table)
    if hasattr(source, "engine"):  # a Store
        from sitroom.columnar import export

        with source.engine.connect() as conn:
            if table == "incidents":
                rows = export.incident_rows(conn)
            elif table == "claims":
                rows = export.claim_rows(conn)
            else:
                rows = [r for _, _, by_table in export.stored_record_rows(conn) for r in by_table[table]]
        return pa.Table.from_pylist(rows, schema=schema)
    if table not in RECORD_TABLES:
        raise ConfigError(f"the {table} table comes from a store: pass a Store or an exported folder")
    from sitroom.columnar.rows import record_rows

    rows = [r for record in _dicts(source) for r in record_rows(record)[table]]
    return pa.Table.from_pylist(rows, schema=schema)


def to_dataframe(source: Any, table: str = "events"):
    """One table as a pandas DataFrame whose columns keep the documented types (pyarrow-backed
    dtypes: int32 stays int32 with nulls, dates stay dates); see :func:`to_arrow`."""
    arrow = to_arrow(source, table)
    try:
        import pandas as pd
    except ImportError as exc:
        from sitroom.errors import MissingDependency

        raise MissingDependency("to_dataframe needs the 'scale' extra: pip install 'sitroom[scale]'") from exc
    return arrow.to_pandas(types_mapper=pd.ArrowDtype)


def _dicts(records: Iterable[Any]) -> Iterable[dict[str, Any]]:
    from sitroom.model import Extraction
    from sitroom.model.serialize import to_dict

    if isinstance(records, (dict, Extraction)):
        records = [records]
    for r in records:
        yield to_dict(r) if isinstance(r, Extraction) else r


def _pa():
    from sitroom.columnar.schema import require_pyarrow

    return require_pyarrow()

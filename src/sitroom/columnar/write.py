"""Writing and reading the Parquet tables (extra ``scale``).

Layout of a Parquet output folder (extract) or export::

    OUT/articles/day=2023-10-07/NAME.parquet
    OUT/events/day=2023-10-07/NAME.parquet
    OUT/events/day=undated/NAME.parquet                        # articles without a date
    ...

``NAME`` is the input partition (extract) or ``part-00000``, ``part-00001`` ... (export). Each
file is written under a temporary name and renamed into place, so a reader never sees half a
file, and writing the same NAME again replaces it whole. Readers that understand Hive
folders (pyarrow, pandas, polars, DuckDB, Spark) add the ``day`` column from the folder
names; every file also carries the typed ``published_date`` (incidents: ``date_start``).
"""
from __future__ import annotations

import os
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitroom.columnar.rows import record_rows
from sitroom.columnar.schema import DAY_COLUMN, NULL_DAY, PARTITION_KEY, RECORD_TABLES, arrow_schema, require_pyarrow


def _day_folder(value) -> str:
    return f"{PARTITION_KEY}={value.isoformat() if value is not None else NULL_DAY}"


def write_table_rows(output: str | os.PathLike, table: str, name: str, rows: list[dict[str, Any]]) -> list[Path]:
    """Write ``rows`` of ``table`` as ``OUT/TABLE/day=D/NAME.parquet``, one file per day."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_day[_day_folder(row.get(DAY_COLUMN[table]))].append(row)
    written = []
    for folder, day_rows in sorted(by_day.items()):
        target = Path(output) / table / folder / f"{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        pq.write_table(pa.Table.from_pylist(day_rows, schema=schema), tmp, compression="zstd")
        os.replace(tmp, target)
        written.append(target)
    return written


def write_partition(records: Iterable[dict[str, Any]], output: str | os.PathLike, name: str) -> dict[str, int]:
    """One extract partition's records as the six record tables; returns rows per table."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in RECORD_TABLES}
    for record in records:
        for table, rows in record_rows(record).items():
            tables[table].extend(rows)
    for table, rows in tables.items():
        write_table_rows(output, table, name, rows)
    return {table: len(rows) for table, rows in tables.items()}


def read_table(path: str | os.PathLike, table: str):
    """One table of a Parquet output folder as a pyarrow Table with the documented schema
    (the ``day`` folder key left out: ``published_date`` carries it, typed)."""
    require_pyarrow()
    import pyarrow.dataset as ds

    root = Path(path) / table
    schema = arrow_schema(table)
    if not root.exists():
        return schema.empty_table()
    files = sorted(str(p) for p in root.rglob("*.parquet"))
    return ds.dataset(files, schema=schema, format="parquet").to_table()

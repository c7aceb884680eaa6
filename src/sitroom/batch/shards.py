"""Input shards and their partitions: what one distributed task reads.

An input is a file, a folder (its supported files, sorted) or a glob pattern
(``'shards/*.jsonl.gz'``). Supported files: JSONL (``.jsonl``, ``.ndjson``), gzip-compressed
JSONL (``.jsonl.gz``, ``.ndjson.gz``) and Parquet (``.parquet``, one article a row with the
input fields as columns: ``id``, ``text`` or ``html``, ``published``, ...).

Each file is cut into partitions of at most ``partition_size`` lines (rows), counted from its
start, so the cut is the same every time the same file is planned with the same size: that is
what makes a rerun skip the partitions already done. A file of one partition keeps its name
(``day-01.jsonl.gz`` -> ``day-01``); a longer one gets numbered parts (``day-01.p00003``).

Lines keep their line numbers in the whole file (a Parquet row ``n`` is line ``n + 1``), so a
record that falls back on a line-numbered id (``line-17``) or an error message that names the
line is the same as in a single-process run of the file.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError, MissingDependency

#: suffix -> kind
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl.gz", ".ndjson.gz": "jsonl.gz",
         ".parquet": "parquet"}
DEFAULT_PARTITION_SIZE = 1024
_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Partition:
    """Lines ``first + 1 .. first + count`` of one input file (``offset``/``length``: their
    bytes, for plain JSONL)."""

    name: str
    path: str
    kind: str
    first: int
    count: int
    offset: int | None = None
    length: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Partition:
        return cls(**d)


def kind_of(path: str | os.PathLike) -> str | None:
    name = os.fspath(path).lower()
    for suffix in sorted(KINDS, key=len, reverse=True):
        if name.endswith(suffix):
            return KINDS[suffix]
    return None


def stem_of(path: str | os.PathLike) -> str:
    name = Path(path).name
    for suffix in sorted(KINDS, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def discover(inputs: Sequence[str | os.PathLike]) -> list[Path]:
    """The input files named by paths, folders and glob patterns, in a stable order."""
    found: list[Path] = []
    for raw in inputs:
        spec = os.fspath(raw)
        if "://" in spec:
            raise ConfigError(f"{spec}: a distributed run reads files (JSONL, gzip JSONL, Parquet); fetch URLs and "
                              "feeds without --scheduler dask")
        if any(ch in spec for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
            files = [p for p in matches if p.is_file() and kind_of(p)]
            if not files:
                raise ConfigError(f"no JSONL, JSONL.gz or Parquet file matches {spec!r}")
            found.extend(files)
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p)
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                raise ConfigError(f"the folder {spec} holds no JSONL, JSONL.gz or Parquet file")
            found.extend(files)
        elif path.is_file():
            if kind_of(path) is None:
                raise ConfigError(f"{spec}: not a JSONL (.jsonl, .ndjson), gzip JSONL (.jsonl.gz) or .parquet file")
            found.append(path)
        else:
            raise ConfigError(f"no such input file or folder: {spec}")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique


def plan(inputs: Sequence[str | os.PathLike], partition_size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """The partitions of the inputs, in input order; output names are unique."""
    if partition_size < 1:
        raise ConfigError("the partition size must be at least 1")
    parts: list[Partition] = []
    owners: dict[str, Path] = {}
    for path in discover(inputs):
        stem = stem_of(path)
        if stem in owners:
            raise ConfigError(f"{owners[stem]} and {path} would write the same output {stem!r}: rename one")
        owners[stem] = path
        kind = kind_of(path)
        assert kind is not None
        if kind == "jsonl":
            spans = _jsonl_spans(path, partition_size)
        elif kind == "jsonl.gz":
            spans = _counted_spans(_gzip_lines(path), partition_size)
        else:
            spans = _counted_spans(_parquet_rows(path), partition_size)
        for i, (first, count, offset, length) in enumerate(spans):
            name = stem if len(spans) == 1 else f"{stem}.p{i:05d}"
            parts.append(Partition(name, str(path), kind, first, count, offset, length))
    return parts


def _jsonl_spans(path: Path, size: int) -> list[tuple[int, int, int | None, int | None]]:
    """(first line, lines, byte offset, bytes) of each run of ``size`` lines: lines end at b"\\n",
    as Python iterates a binary file, and a last line without one counts too."""
    spans = []
    start_line, start_off = 0, 0
    lines, pos, last = 0, 0, b"\n"
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            at = 0
            while True:
                need = start_line + size - lines  # newlines until this span is full
                n = block.count(b"\n", at)
                if n < need:
                    lines += n
                    break
                cut = at
                for _ in range(need):
                    cut = block.index(b"\n", cut) + 1
                lines += need
                end = pos + cut
                spans.append((start_line, lines - start_line, start_off, end - start_off))
                start_line, start_off, at = lines, end, cut
            pos += len(block)
            last = block[-1:]
    if last != b"\n":
        lines += 1
    if lines > start_line:
        spans.append((start_line, lines - start_line, start_off, pos - start_off))
    return spans


def _counted_spans(total: int, size: int) -> list[tuple[int, int, int | None, int | None]]:
    return [(first, min(size, total - first), None, None) for first in range(0, total, size)]


def _gzip_lines(path: Path) -> int:
    n, last = 0, b"\n"
    with gzip.open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def _pyarrow_parquet():
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingDependency("Parquet input needs the 'scale' extra: pip install 'sitroom[scale]'") from exc
    return pq


def _parquet_rows(path: Path) -> int:
    return _pyarrow_parquet().ParquetFile(path).metadata.num_rows


# ---- reading a partition (on a worker) ---------------------------------------------------

def read_partition(part: Partition) -> Iterator[tuple[int, Any]]:
    """(line number in the file, raw line) for each line of the partition, as
    ``sitroom.batch.runner.numbered_lines`` gives them for the whole file."""
    from sitroom.batch.runner import numbered_lines

    if part.kind == "jsonl":
        with open(part.path, "rb") as fh:
            fh.seek(part.offset or 0)
            data = fh.read(part.length or 0)
        lines = numbered_lines(io.BytesIO(data))
    elif part.kind == "jsonl.gz":
        fh = gzip.open(part.path, "rb")
        lines = islice(numbered_lines(fh), part.first, part.first + part.count)
        try:
            for lineno, line in lines:
                yield lineno, line
        finally:
            fh.close()
        return
    else:
        lines = ((i, line) for i, line in enumerate(_parquet_lines(part), 1))
    for lineno, line in lines:
        yield part.first + lineno, line


def _parquet_lines(part: Partition) -> Iterator[bytes]:
    """Rows ``first .. first + count`` of a Parquet file as JSONL lines of the input format."""
    pf = _pyarrow_parquet().ParquetFile(part.path)
    row = 0
    end = part.first + part.count
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if row + n <= part.first:
            row += n
            continue
        if row >= end:
            break
        table = pf.read_row_group(g)
        lo, hi = max(part.first - row, 0), min(end - row, n)
        for obj in table.slice(lo, hi - lo).to_pylist():
            yield json.dumps(obj, ensure_ascii=False, default=_json_value).encode("utf-8")
        row += n


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"a Parquet value of type {type(value).__name__} is not an input field")

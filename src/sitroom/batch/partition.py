"""One partition in, one output out: written whole or not at all, and marked done.

``run_partition`` is what a distributed task does (and what the local runner does for each
partition in turn): read the partition's lines, extract them (in a :class:`Sandbox`, or in
this process), write the output beside a temporary name and rename it into place, then
write the partition's account in ``_partitions/NAME.json``. A worker killed at any point
leaves either nothing or a complete file under the final name; the account is written last,
so a partition counts as done only once its output is whole. Running a partition twice (a
task retried after its worker was lost) writes the same bytes under the same name.

The output folder keeps ``_manifest.json``: the partitions and the settings of the run. A
rerun into the same folder must plan the same partitions with the same settings; it then
skips every partition already marked done.
"""
from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sitroom.batch.shards import Partition, read_partition
from sitroom.batch.summary import MARKS, now_iso, read_mark, write_json_atomic
from sitroom.errors import ConfigError

log = logging.getLogger(__name__)

MANIFEST = "_manifest.json"
FORMATS = ("jsonl", "parquet")


def output_path(output: str | os.PathLike, part: Partition) -> Path:
    """Where a partition's JSONL output goes (Parquet: see sitroom.columnar.write)."""
    return Path(output) / f"{part.name}.jsonl"


def write_text_atomic(path: Path, lines: Iterable[str]) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class InProcessBox:
    """Extraction in this process (no isolation): the local runner and tests."""

    def __init__(self, pipeline, *, batch_size: int = 32) -> None:
        from sitroom.batch.sandbox import BoxStats, timed_stages

        self.pipeline = pipeline
        self.batch_size = batch_size
        self.stats = BoxStats()
        self._seconds = timed_stages(pipeline)

    def process(self, lines: Sequence[tuple[int, Any]], progress: Callable[[int], None] | None = None) -> list[str]:
        from sitroom.batch.runner import process_lines

        out: list[str] = []
        self._seconds.clear()
        for line in process_lines(lines, self.pipeline, batch_size=self.batch_size):
            out.append(line)
            if progress and len(out) % self.batch_size == 0:
                progress(len(out))
        self.stats.stages.update(self._seconds)
        return out


def error_codes(lines: Iterable[str]) -> Counter:
    """Error records by code (a record line carries ``"error":`` only when it is one)."""
    import json

    codes: Counter = Counter()
    for line in lines:
        if '"error":' in line:
            err = json.loads(line).get("error")
            if isinstance(err, dict):
                codes[err.get("code") or "?"] += 1
    return codes


def write_output(output: str | os.PathLike, part: Partition, lines: list[str], fmt: str) -> None:
    if fmt == "jsonl":
        write_text_atomic(output_path(output, part), lines)
    else:
        import json

        from sitroom.columnar.write import write_partition

        write_partition([json.loads(line) for line in lines], output, part.name)


def run_partition(part: Partition, output: str | os.PathLike, fmt: str, box,
                  progress: Callable[[int, dict[str, int]], None] | None = None,
                  outputs: Sequence[str] | None = None) -> dict[str, Any]:
    """Extract one partition (or take its ``outputs`` when they were made already), write it,
    mark it done; returns its account."""
    t0 = time.perf_counter()
    seconds: Counter = Counter()
    if outputs is None:
        lines = list(read_partition(part))
        seconds["read"] = time.perf_counter() - t0
        if len(lines) != part.count:
            raise ConfigError(f"{part.path} changed since it was planned: partition {part.name} has "
                              f"{len(lines)} lines, not {part.count}")
        t1 = time.perf_counter()
        outputs = box.process(lines, (lambda n: progress(n, {})) if progress else None)
        seconds["extract"] = time.perf_counter() - t1
        stats = box.stats.take()
        if stats.get("cpu_seconds"):
            seconds["extract_cpu"] = stats["cpu_seconds"]
    else:
        stats = {}
    if len(outputs) != part.count:
        raise ConfigError(f"partition {part.name}: {len(outputs)} records for {part.count} lines")
    t2 = time.perf_counter()
    write_output(output, part, list(outputs), fmt)
    seconds["write"] = time.perf_counter() - t2
    errors = error_codes(outputs)
    account = {
        "partition": part.name, "input": part.path, "first_line": part.first + 1, "lines": part.count,
        "records": len(outputs), "errors": dict(errors), "format": fmt,
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
        "stages": {k: round(v, 4) for k, v in (stats.get("stages") or {}).items()},
        "restarts": stats.get("restarts", 0), "poison": stats.get("failures", {}),
        "host": socket.gethostname(), "pid": os.getpid(), "finished": now_iso(),
    }
    write_json_atomic(Path(output) / MARKS / f"{part.name}.json", account)
    return account


# ---- the output folder ------------------------------------------------------------------

def prepare_output(output: str | os.PathLike, parts: Sequence[Partition], fmt: str,
                   settings: dict[str, Any]) -> tuple[list[Partition], list[dict[str, Any]]]:
    """Create or check the output folder; returns (partitions to run, accounts of those done).

    A folder that holds another run's manifest (other partitions or other settings) is
    refused rather than mixed. Temporary files left by a crash are removed."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown output format {fmt!r}: {', '.join(FORMATS)}")
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"the output {out} is a file: give a folder (one output file per input partition)")
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"format": fmt, "settings": settings, "partitions": [p.to_dict() for p in parts]}
    mpath = out / MANIFEST
    if mpath.exists():
        import json

        try:
            old = json.loads(mpath.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ConfigError(f"{mpath} is not readable JSON; remove it or choose another --output") from exc
        if _key(old) != _key(manifest):
            raise ConfigError(f"{out} holds the output of another run (other inputs, partition size, format or "
                              f"pipeline settings; see {mpath}): choose another --output")
    else:
        write_json_atomic(mpath, manifest)
    for tmp in out.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)
    todo, done = [], []
    for p in parts:
        mark = read_mark(out, p.name)
        if mark is not None and mark.get("lines") == p.count:
            done.append(mark)
        else:
            todo.append(p)
    return todo, done


def _key(manifest: dict[str, Any]) -> Any:
    parts = [(p["name"], p["path"], p["first"], p["count"]) for p in manifest.get("partitions") or ()]
    return manifest.get("format"), manifest.get("settings"), parts


def iter_records(output: str | os.PathLike) -> Iterator[str]:
    """The JSONL output lines of a finished run, partition by partition in input order."""
    import json

    out = Path(output)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for p in manifest["partitions"]:
        with open(out / f"{p['name']}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                yield line.rstrip("\n")

"""Accounting of a partitioned run: progress while it runs, a summary when it ends.

Both are JSON files beside the output: ``_progress.json`` (rewritten every few seconds:
articles done of the total, articles/s, time left, errors by code) and ``_summary.json``
(articles in, records out, rejections by code, seconds per stage and per phase, partitions
done, skipped as done earlier and failed). Each partition's own account is kept in
``_partitions/NAME.json``, written after its output: it is also the mark that the partition is
done, which a rerun reads to skip it.
"""
from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SUMMARY = "_summary.json"
PROGRESS = "_progress.json"
MARKS = "_partitions"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_json_atomic(path: str | os.PathLike, obj: Any) -> None:
    """Write JSON to a temporary file beside ``path`` and rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def mark_path(output: str | os.PathLike, name: str) -> Path:
    return Path(output) / MARKS / f"{name}.json"


def read_mark(output: str | os.PathLike, name: str) -> dict[str, Any] | None:
    try:
        return json.loads(mark_path(output, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass
class RunSummary:
    """Totals over the partitions of one run (those done now and those done earlier)."""

    scheduler: str
    output: str
    fmt: str
    partitions: int = 0
    done_now: int = 0
    done_earlier: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    articles_in: int = 0
    articles_now: int = 0
    records_out: int = 0
    errors: Counter = field(default_factory=Counter)
    stages: Counter = field(default_factory=Counter)
    phases: Counter = field(default_factory=Counter)
    sandbox_restarts: int = 0
    workers: int | None = None
    address: str | None = None
    started: str = field(default_factory=now_iso)
    finished: str | None = None
    wall_seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, part: dict[str, Any], *, earlier: bool = False) -> None:
        if earlier:
            self.done_earlier += 1
        else:
            self.done_now += 1
            self.stages.update(part.get("stages") or {})
            self.phases.update(part.get("seconds") or {})
            self.sandbox_restarts += int(part.get("restarts") or 0)
            self.articles_now += int(part.get("lines") or 0)
        self.articles_in += int(part.get("lines") or 0)
        self.records_out += int(part.get("records") or 0)
        self.errors.update(part.get("errors") or {})

    def to_dict(self) -> dict[str, Any]:
        rate = self.articles_now / self.wall_seconds if self.wall_seconds > 0 else None
        return {
            "scheduler": self.scheduler, "address": self.address, "workers": self.workers,
            "output": self.output, "format": self.fmt,
            "partitions": {"total": self.partitions, "done_now": self.done_now, "done_earlier": self.done_earlier,
                           "failed": self.failed},
            "articles_in": self.articles_in, "records_out": self.records_out,
            "articles_this_run": self.articles_now,
            "articles_per_second": round(rate, 3) if rate is not None else None,
            "rejections": dict(self.errors.most_common()),
            "seconds": {"wall": round(self.wall_seconds, 3),
                        **{k: round(v, 3) for k, v in sorted(self.phases.items())}},
            "stage_seconds": {k: round(v, 3) for k, v in sorted(self.stages.items(), key=lambda kv: -kv[1])},
            "sandbox_restarts": self.sandbox_restarts,
            "started": self.started, "finished": self.finished, **self.extra,
        }

    def line(self) -> str:
        """One line for people: what came in, what went out, why articles were rejected."""
        rej = sum(self.errors.values())
        reasons = ", ".join(f"{code} {n:,}" for code, n in self.errors.most_common(6))
        parts = f"{self.done_now:,} partitions done" + (f", {self.done_earlier:,} done earlier" if self.done_earlier
                                                        else "")
        if self.failed:
            parts += f", {len(self.failed):,} FAILED"
        if self.fmt == "store":
            return (f"{self.articles_in:,} articles: {self.extra.get('stored', 0):,} stored, "
                    f"{self.extra.get('duplicates', 0):,} skipped as duplicates, {rej:,} rejected"
                    + (f" ({reasons})" if reasons else "") + f"; {parts}; {self.wall_seconds:.1f} s")
        return (f"{self.articles_in:,} articles in, {self.records_out:,} records out, {rej:,} error records"
                + (f" ({reasons})" if reasons else "") + f"; {parts}; {self.wall_seconds:.1f} s")


class Progress:
    """Live counts of a distributed run, fed by partitions' progress events and results.

    ``snapshot()`` is what the CLI draws and what ``_progress.json`` holds: articles done of
    the total, articles/s since the start, seconds left at that rate, errors by code.
    """

    def __init__(self, total: int, output: str | os.PathLike | None = None, *, every: float = 5.0) -> None:
        self.total = total
        self.output = Path(output) if output is not None else None
        self.every = every
        self.t0 = time.monotonic()
        self._lock = threading.Lock()
        self._running: dict[str, tuple[int, Counter]] = {}
        self._done = 0
        self._errors: Counter = Counter()
        self._written = 0.0

    def update(self, name: str, done: int, errors: dict[str, int] | None = None) -> None:
        """A partition reports how far it got (a partition run again after a lost worker
        reports from zero: the latest report counts, so nothing is counted twice)."""
        with self._lock:
            self._running[name] = (done, Counter(errors or {}))
        self._maybe_write()

    def finish(self, name: str, part: dict[str, Any]) -> None:
        with self._lock:
            self._running.pop(name, None)
            self._done += int(part.get("lines") or 0)
            self._errors.update(part.get("errors") or {})
        self._maybe_write()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            done = self._done + sum(n for n, _ in self._running.values())
            errors = Counter(self._errors)
            for _, e in self._running.values():
                errors.update(e)
        done = min(done, self.total)
        elapsed = time.monotonic() - self.t0
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else None
        return {"done": done, "total": self.total, "articles_per_second": round(rate, 3),
                "seconds_elapsed": round(elapsed, 1), "seconds_left": round(left, 1) if left is not None else None,
                "errors": dict(errors.most_common()), "updated": now_iso()}

    def _maybe_write(self, force: bool = False) -> None:
        if self.output is None:
            return
        now = time.monotonic()
        if not force and now - self._written < self.every:
            return
        self._written = now
        write_json_atomic(self.output / PROGRESS, self.snapshot())

    def close(self) -> None:
        self._maybe_write(force=True)

"""JSONL in, JSONL out: exactly one output line per input line, in order.

With ``workers > 1`` chunks of lines go to worker processes (each loads the model
once, in its initializer) and come back in input order.
"""
from __future__ import annotations

import json
import logging
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sitroom.ingest.jsonl import parse_line
from sitroom.model import Rejection
from sitroom.model.serialize import rejection_to_dict, to_dict
from sitroom.pipeline import Pipeline

log = logging.getLogger(__name__)

CHUNK_LINES = 16


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def process_lines(lines: Iterable[tuple[int, str | bytes]], pipeline: Pipeline,
                  *, batch_size: int = 32) -> Iterator[str]:
    """(line number, raw line) pairs -> output JSON lines, one each, in order."""
    items = (parse_line(line, lineno) for lineno, line in lines)
    for result in pipeline.pipe(items, batch_size=batch_size):
        if isinstance(result, Rejection):
            yield dumps(rejection_to_dict(result))
        else:
            yield dumps(to_dict(result))


# ---- several processes -------------------------------------------------------------

_worker_pipeline: Pipeline | None = None  # one per worker process, set by its initializer


def _init_worker(options: dict[str, Any]) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(**options)


def _work(chunk: list[tuple[int, str | bytes]]) -> list[str]:
    assert _worker_pipeline is not None
    return list(process_lines(chunk, _worker_pipeline))


def _chunks(lines: Iterable[tuple[int, str | bytes]], size: int) -> Iterator[list[tuple[int, str | bytes]]]:
    it = iter(lines)
    while chunk := list(islice(it, size)):
        yield chunk


def run_batch(lines: Iterable[tuple[int, str | bytes]], *, workers: int = 1,
              pipeline: Pipeline | None = None, **options: Any) -> Iterator[str]:
    """Process numbered input lines; yields output lines in input order."""
    if workers <= 1:
        yield from process_lines(lines, pipeline or Pipeline(**options))
        return
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "forkserver")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(options,)) as pool:
        for out in pool.imap(_work, _chunks(lines, CHUNK_LINES)):
            yield from out


def numbered_lines(stream) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of a binary stream; a blank line is a line too (it gets an error record)."""
    for lineno, line in enumerate(stream, 1):
        yield lineno, line.rstrip(b"\r\n")

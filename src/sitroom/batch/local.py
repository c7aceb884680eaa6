"""Partitioned output without a cluster: the same folder layout as the Dask engine
(one output per input partition, resumable, ``_summary.json``), extracted on this machine
by the batch runner (``workers`` processes). ``sitroom extract --format parquet`` without
``--scheduler dask`` runs this.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any

from sitroom.batch.dask_engine import finish, settings_of
from sitroom.batch.partition import prepare_output, run_partition
from sitroom.batch.sandbox import SandboxConfig
from sitroom.batch.shards import DEFAULT_PARTITION_SIZE, Partition, plan, read_partition
from sitroom.batch.summary import Progress, RunSummary


def extract(inputs: Sequence[str | os.PathLike], output: str | os.PathLike, *, fmt: str = "jsonl",
            workers: int = 1, partition_size: int = DEFAULT_PARTITION_SIZE, config: SandboxConfig | None = None,
            pipeline=None, on_progress: Callable[[dict[str, Any]], None] | None = None) -> RunSummary:
    """Extract the partitions of ``inputs`` not yet done into ``output``, in order."""
    from sitroom.batch.runner import run_batch

    config = config or SandboxConfig()
    t0 = time.monotonic()
    parts = plan(inputs, partition_size)
    todo, done = prepare_output(output, parts, fmt, settings_of(config, partition_size))
    summary = RunSummary("local", str(output), fmt, partitions=len(parts), workers=workers)
    for account in done:
        summary.add(account, earlier=True)
    progress = Progress(sum(p.count for p in todo), output)
    if pipeline is None and workers <= 1:
        from sitroom.pipeline import Pipeline

        pipeline = Pipeline(config.stages, **config.options)
    options = dict(config.options)
    if config.stages is not None:
        options["stages"] = config.stages
    outs = run_batch(_lines(todo), workers=workers, pipeline=pipeline, **({} if pipeline else options))
    for p in todo:
        t1 = time.perf_counter()
        lines = list(islice(outs, p.count))
        account = run_partition(p, output, fmt, None, outputs=lines)
        account["seconds"]["extract"] = round(time.perf_counter() - t1 - account["seconds"].get("write", 0), 4)
        summary.add(account)
        progress.finish(p.name, account)
        if on_progress:
            on_progress(progress.snapshot())
    progress.close()
    return finish(summary, output, t0)


def _lines(parts: Sequence[Partition]) -> Iterator[tuple[int, Any]]:
    for p in parts:
        yield from read_partition(p)

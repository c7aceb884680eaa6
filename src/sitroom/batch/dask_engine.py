"""Extraction on a Dask cluster (extra ``scale``): one task per input partition.

::

    client (sitroom extract --scheduler dask)            workers (one thread each, or more)
    plan partitions, skip those marked done   ──task──▶  SitroomPlugin.sandbox(): a child process
    progress from the workers' events        ◀─event──   with the model loaded once, per thread
    accounts -> _summary.json                ◀─result──  read lines -> extract -> write output, mark

Without ``address`` a LocalCluster is started with one single-threaded worker process per
core (``workers`` to choose). The cluster must see the input files and the output folder at
the same paths as the client (a LocalCluster always does; on a real cluster use a shared
filesystem).

A worker lost mid-task (killed, its machine gone) costs nothing but time: the scheduler runs
its partitions again on the other workers (up to ``distributed.scheduler.allowed-failures``
times), and since a partition's output is written whole under a fixed name, the rerun writes
the same file once. A poison article costs only its own record (see sitroom.batch.sandbox).
A partition that still fails (its input unreadable, the disk full) is named in the summary
and the run ends with a ClusterError; running it again does only what is missing.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sitroom.batch.partition import prepare_output, run_partition
from sitroom.batch.sandbox import Sandbox, SandboxConfig
from sitroom.batch.shards import DEFAULT_PARTITION_SIZE, Partition, plan
from sitroom.batch.summary import SUMMARY, Progress, RunSummary, now_iso, write_json_atomic
from sitroom.errors import ClusterError, MissingDependency

log = logging.getLogger(__name__)

TOPIC = "sitroom-progress"


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise MissingDependency("--scheduler dask needs the 'scale' extra: pip install 'sitroom[scale]'") from exc


def _plugin_class():
    from distributed import WorkerPlugin

    class SitroomPlugin(WorkerPlugin):
        """Per worker: one sandbox (model loaded once) per worker thread, started when the
        plugin is set up so the model loads while the worker waits for its first task."""

        def __init__(self, config: SandboxConfig) -> None:
            self.config = config

        def setup(self, worker) -> None:
            self._lock = threading.Lock()
            self._boxes: dict[int, Sandbox] = {}
            nthreads = getattr(getattr(worker, "state", None), "nthreads", None) or getattr(worker, "nthreads", 1)
            self._spare = [Sandbox(self.config) for _ in range(max(1, int(nthreads)))]
            for box in self._spare:
                box.start()

        def teardown(self, worker) -> None:
            with self._lock:
                boxes = list(self._boxes.values()) + self._spare
                self._boxes.clear()
                self._spare = []
            for box in boxes:
                box.close()

        def sandbox(self) -> Sandbox:
            tid = threading.get_ident()
            with self._lock:
                box = self._boxes.get(tid)
                if box is None:
                    box = self._spare.pop() if self._spare else Sandbox(self.config)
                    self._boxes[tid] = box
            return box

    return SitroomPlugin


def extract_task(part: dict[str, Any], output: str, fmt: str, plugin_name: str) -> dict[str, Any]:
    """The work of one partition, on a worker."""
    from distributed import get_worker

    worker = get_worker()
    box = worker.plugins[plugin_name].sandbox()
    p = Partition.from_dict(part)

    def progress(done: int, errors: dict[str, int]) -> None:
        worker.log_event(TOPIC, {"partition": p.name, "done": done})

    return run_partition(p, output, fmt, box, progress)


# ---- the cluster ----------------------------------------------------------------------------

class Cluster:
    """A client on the scheduler at ``address``, or on a LocalCluster this object starts
    (and stops on close)."""

    def __init__(self, address: str | None = None, *, workers: int | None = None, threads: int = 1,
                 processes: bool = True, client=None) -> None:
        require_dask()
        from distributed import Client, LocalCluster

        self.cluster = None
        self.own_client = client is None
        if client is not None:
            self.client = client
        elif address:
            try:
                self.client = Client(address, timeout="30s")
            except (OSError, TimeoutError) as exc:
                raise ClusterError(f"no Dask scheduler answers at {address}: {exc}", address=address) from exc
        else:
            n = workers or max(1, os.cpu_count() or 1)
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=threads, processes=processes,
                                        dashboard_address=":0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.address = self.client.scheduler.address

    @property
    def n_workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"]) if _takes_n_workers() else len(
            self.client.scheduler_info()["workers"])

    def register(self, config: SandboxConfig) -> str:
        """Install the sitroom plugin on every worker (and on those that join later)."""
        name = f"sitroom-{config.token()}"
        present = self.client.run(_has_plugin, name)
        if not present or not all(present.values()):  # registering again would restart the sandboxes
            self.client.register_plugin(_plugin_class()(config), name=name)
        return name

    def close(self) -> None:
        if self.own_client:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_plugin(name: str, dask_worker=None) -> bool:
    return dask_worker is not None and name in dask_worker.plugins


def _takes_n_workers() -> bool:
    import inspect

    from distributed import Client

    return "n_workers" in inspect.signature(Client.scheduler_info).parameters


# ---- a run ------------------------------------------------------------------------------------

def settings_of(config: SandboxConfig, partition_size: int) -> dict[str, Any]:
    """What must match for a rerun to reuse an output folder."""
    return {"partition_size": partition_size, "pipeline": config.token()}


def extract(inputs: Sequence[str | os.PathLike], output: str | os.PathLike, *, fmt: str = "jsonl",
            address: str | None = None, workers: int | None = None, threads: int = 1,
            partition_size: int = DEFAULT_PARTITION_SIZE, config: SandboxConfig | None = None,
            client=None, processes: bool = True, retries: int = 1,
            on_progress: Callable[[dict[str, Any]], None] | None = None) -> RunSummary:
    """Extract every partition of ``inputs`` into ``output`` on a Dask cluster; see the module
    docstring. Returns the run's summary (also written to ``output/_summary.json``); raises
    ClusterError after writing it when partitions failed."""
    require_dask()
    from distributed import as_completed

    config = config or SandboxConfig()
    t0 = time.monotonic()
    parts = plan(inputs, partition_size)
    todo, done = prepare_output(output, parts, fmt, settings_of(config, partition_size))
    summary = RunSummary("dask", str(output), fmt, partitions=len(parts))
    for account in done:
        summary.add(account, earlier=True)
    summary.phases["plan"] = time.monotonic() - t0
    progress = Progress(sum(p.count for p in todo), output)
    if todo:
        with Cluster(address, workers=workers, threads=threads, processes=processes, client=client) as cluster:
            summary.address, summary.workers = cluster.address, cluster.n_workers
            t1 = time.monotonic()
            plugin = cluster.register(config)

            def on_event(event) -> None:
                _, msg = event
                progress.update(msg["partition"], int(msg["done"]))
                if on_progress:
                    on_progress(progress.snapshot())

            cluster.client.subscribe_topic(TOPIC, on_event)
            futures = {cluster.client.submit(extract_task, p.to_dict(), str(output), fmt, plugin,
                                             key=f"sitroom-extract-{p.name}-{config.token()}", retries=retries,
                                             pure=False): p for p in todo}
            summary.phases["startup"] = time.monotonic() - t1
            for future in as_completed(futures):
                p = futures[future]
                if future.status == "finished":
                    account = future.result()
                    summary.add(account)
                    progress.finish(p.name, account)
                else:
                    exc = future.exception()
                    log.error("partition %s failed: %s", p.name, exc)
                    summary.failed[p.name] = f"{type(exc).__name__}: {exc}"
                if on_progress:
                    on_progress(progress.snapshot())
            try:
                cluster.client.unsubscribe_topic(TOPIC)
            except (KeyError, ValueError):
                pass
    progress.close()
    return finish(summary, output, t0)


def finish(summary: RunSummary, output: str | os.PathLike, t0: float) -> RunSummary:
    summary.wall_seconds = time.monotonic() - t0
    summary.finished = now_iso()
    write_json_atomic(Path(output) / SUMMARY, summary.to_dict())
    if summary.failed:
        names = ", ".join(sorted(summary.failed)[:10])
        raise ClusterError(f"{len(summary.failed)} partition(s) failed ({names}); see {Path(output) / SUMMARY}; "
                           "run the same command again to redo only those", partitions=sorted(summary.failed))
    return summary

"""``sitroom ingest --scheduler dask``: many workers extract and store into one PostgreSQL.

Two tasks per input partition (sitroom.batch.shards). The extract task, on any worker, leaves
out the articles the store holds already (same id, URL or normalised text) and extracts the
rest in the worker's sandbox; all partitions extract at once. The store task, on whichever
worker holds the records, stores them through the store's public API (``Store.add``,
``Store.add_rejection``), ``commit_every`` articles per transaction, once the previous
partition's store task is done: the workers write in turn, in input order. A store takes
its writes one transaction at a time anyway (its writer lock), and in this order incident
assignment, which depends on the order articles arrive, gives the incidents of a serial
``sitroom ingest`` of the same files. Storing is idempotent:
an article two workers race to store is stored once and reported as a duplicate by the other,
so a task run again after a lost worker, or a rerun of the whole command, stores only what is
missing. A transaction the database aborts (a deadlock, a serialization failure) is rolled
back whole and run again, up to five times with a growing pause (as is one that lost a race
to insert the same article: run again, the article is a duplicate).

SQLite allows one writer at a time: asking for many is refused with a StoreError (use
``--workers N`` there, which extracts in N processes and writes from one).
"""
from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from sitroom.batch.dask_engine import TOPIC, Cluster, require_dask
from sitroom.batch.sandbox import SandboxConfig
from sitroom.batch.shards import DEFAULT_PARTITION_SIZE, Partition, plan, read_partition
from sitroom.batch.summary import Progress, RunSummary, now_iso
from sitroom.errors import ClusterError, IdConflict, InputError, StoreError

log = logging.getLogger(__name__)

RETRIES = 5

_stores: dict[tuple[int, str], Any] = {}  # per worker process: one Store per thread and URL
_stores_lock = threading.Lock()


def require_many_writers(url: str | None) -> str:
    """The full URL of a store many processes may write to at once; SQLite is refused."""
    from sitroom.store.db import normalise_url

    full = normalise_url(url)
    if not full.startswith("postgresql"):
        raise StoreError("SQLite takes one writer at a time, so --scheduler dask cannot write to it: use a "
                         "PostgreSQL store (--db postgresql://USER@HOST/DB), or --workers N with SQLite "
                         "(N extraction processes, one writer)")
    return full


def _worker_store(url: str):
    from sitroom.store import Store

    key = (threading.get_ident(), url)
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = Store.open(url)
    return store


def extract_task(part: dict[str, Any], url: str, plugin_name: str) -> dict[str, Any]:
    """On a worker: the partition's new articles extracted (nothing stored yet)."""
    from distributed import get_worker

    worker = get_worker()
    box = worker.plugins[plugin_name].sandbox()
    p = Partition.from_dict(part)

    def progress(done: int) -> None:
        worker.log_event(TOPIC, {"partition": p.name, "done": done})

    try:
        return prepare_partition(p, _worker_store(url), box, progress=progress)
    except Exception as exc:  # reported by the store task, so the partitions after it still go on
        return {"partition": p.name, "failed": f"{type(exc).__name__}: {exc}"}


def store_task(prepared: dict[str, Any], previous: dict[str, Any] | None, url: str,
               commit_every: int) -> dict[str, Any]:
    """On a worker, after the previous partition's store task: store what was extracted."""
    if "failed" in prepared:
        return prepared
    try:
        return store_prepared(prepared, _worker_store(url), commit_every=commit_every)
    except Exception as exc:  # one partition's failure must not stop the ones after it
        return {"partition": prepared["partition"], "failed": f"{type(exc).__name__}: {exc}"}


def ingest_partition(part: Partition, store, box, *, commit_every: int = 16,
                     progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Extract and store one partition's new articles; returns its account."""
    return store_prepared(prepare_partition(part, store, box, progress=progress), store, commit_every=commit_every)


def prepare_partition(part: Partition, store, box, *, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Read a partition, leave out the articles the store holds already, extract the others."""
    from sitroom.ingest.jsonl import parse_line
    from sitroom.model import Rejection
    from sitroom.store.keys import content_hash, url_hash

    t0 = time.perf_counter()
    lines = list(read_partition(part))
    parsed = [(lineno, line, parse_line(line, lineno)) for lineno, line in lines]
    docs = [(lineno, line, d) for lineno, line, d in parsed if not isinstance(d, Rejection)]
    with store.engine.connect() as conn:
        _, urls, texts = store.existing(conn, url_hashes=[url_hash(d.url) for _, _, d in docs],
                                        content_hashes=[content_hash(d.text) for _, _, d in docs])
    new = [(lineno, line, d) for lineno, line, d in docs
           if content_hash(d.text) not in texts and not (d.url and url_hash(d.url) in urls)]
    t1 = time.perf_counter()
    outputs = box.process([(lineno, line) for lineno, line, _ in new], progress) if new else []
    stats = box.stats.take() if new else {}
    records = {lineno: json.loads(out) for (lineno, _, _), out in zip(new, outputs)}
    keep = [(lineno, doc) for lineno, _, doc in parsed if isinstance(doc, Rejection) or lineno in records]
    return {"partition": part.name, "input": part.path, "lines": part.count, "items": keep, "records": records,
            "duplicates": len(docs) - len(new), "stages": stats.get("stages", {}),
            "restarts": stats.get("restarts", 0),
            "seconds": {"read": round(t1 - t0, 4), "extract": round(time.perf_counter() - t1, 4)}}


def store_prepared(prepared: dict[str, Any], store, *, commit_every: int = 16) -> dict[str, Any]:
    """Store a prepared partition, ``commit_every`` articles per transaction; its account."""
    t0 = time.perf_counter()
    account: dict[str, Any] = {"stored": 0, "duplicates": prepared["duplicates"], "errors": Counter(),
                               "incidents": 0, "retries": 0}
    items = prepared["items"]
    for start in range(0, len(items), commit_every):
        store_chunk(store, prepared["input"], items[start:start + commit_every], prepared["records"], account)
    return {"partition": prepared["partition"], "input": prepared["input"], "lines": prepared["lines"],
            "records": account["stored"], "stored": account["stored"], "duplicates": account["duplicates"],
            "errors": dict(account["errors"]), "incidents_touched": account["incidents"],
            "transaction_retries": account["retries"], "stages": prepared["stages"],
            "restarts": prepared["restarts"],
            "seconds": {**prepared["seconds"], "store": round(time.perf_counter() - t0, 4)}, "finished": now_iso()}


def store_chunk(store, source: str, chunk, records: dict[int, dict[str, Any]], account: dict[str, Any]) -> None:
    """Store ``chunk`` ((line number, Document or Rejection) pairs of the file ``source``, with
    the records extracted for its documents) in one transaction; rolled back and run again
    when the database aborts it. Adds what happened to ``account``."""
    import sqlalchemy as sa

    for attempt in range(RETRIES):
        result: dict[str, Any] = {"stored": 0, "duplicates": 0, "errors": Counter(), "incidents": 0}
        try:
            with store.transaction() as conn:
                for lineno, doc in chunk:
                    _store_one(store, conn, f"{source}:{lineno}", doc, records.get(lineno), result)
        except (sa.exc.OperationalError, sa.exc.IntegrityError) as exc:  # deadlock, a lost race, lost connection
            if attempt == RETRIES - 1:
                raise
            account["retries"] = account.get("retries", 0) + 1
            pause = (2 ** attempt) * 0.1 * (1 + random.random())
            log.warning("transaction aborted (%s); trying again in %.1f s", str(exc.orig or exc)[:200], pause)
            time.sleep(pause)
            continue
        for key in ("stored", "duplicates", "incidents"):
            account[key] += result[key]
        account["errors"].update(result["errors"])
        return


def _store_one(store, conn, origin: str, doc, record: dict[str, Any] | None, result: dict[str, Any]) -> None:
    from sitroom.model import Rejection

    if isinstance(doc, Rejection):
        store.add_rejection(origin=origin, code=doc.code, reason=doc.message, document_id=doc.id, conn=conn)
        result["errors"][doc.code] += 1
        return
    assert record is not None
    if "error" in record:
        err = record["error"]
        store.add_rejection(origin=origin, code=err["code"], reason=err["message"], document_id=doc.id, conn=conn)
        result["errors"][err["code"]] += 1
        return
    for key in ("title", "source", "url"):  # what the input said about the article, as serial ingest keeps it
        if getattr(doc, key) is not None:
            record[key] = getattr(doc, key)
    try:
        stored = store.add(record, text=doc.text, origin=origin, conn=conn)
    except InputError as exc:  # a field rule, or the database refused this article alone
        store.add_rejection(origin=origin, code=exc.code, reason=exc.message,
                            document_id=exc.document_id or doc.id, conn=conn)
        result["errors"][exc.code] += 1
        return
    if stored.status == "stored":
        result["stored"] += 1
        result["incidents"] += len(stored.incidents)
    elif stored.status == "duplicate":
        result["duplicates"] += 1
    else:
        store.add_rejection(origin=origin, code=IdConflict.code, document_id=doc.id, conn=conn,
                            reason=f"article id {doc.id!r} is stored already with different text")
        result["errors"][IdConflict.code] += 1


def ingest(sources: Sequence[str | os.PathLike], db_url: str | None, *, address: str | None = None,
           workers: int | None = None, threads: int = 1, partition_size: int = DEFAULT_PARTITION_SIZE,
           config: SandboxConfig | None = None, commit_every: int = 16, client=None, processes: bool = True,
           retries: int = 1, on_progress: Callable[[dict[str, Any]], None] | None = None) -> RunSummary:
    """Ingest JSONL / gzip JSONL / Parquet shards into a PostgreSQL store from a Dask cluster."""
    require_dask()
    from distributed import as_completed

    from sitroom.store import Store
    from sitroom.store.db import redact

    url = require_many_writers(db_url)
    config = config or SandboxConfig()
    t0 = time.monotonic()
    Store.open(url).close()  # create and migrate once, before the workers connect
    parts = plan(sources, partition_size)
    summary = RunSummary("dask", redact(url), "store", partitions=len(parts))
    summary.extra = {"stored": 0, "duplicates": 0, "incidents_touched": 0, "transaction_retries": 0}
    progress = Progress(sum(p.count for p in parts))
    with Cluster(address, workers=workers, threads=threads, processes=processes, client=client) as cluster:
        summary.address, summary.workers = cluster.address, cluster.n_workers
        plugin = cluster.register(config)

        def on_event(event) -> None:
            progress.update(event[1]["partition"], int(event[1]["done"]))
            if on_progress:
                on_progress(progress.snapshot())

        cluster.client.subscribe_topic(TOPIC, on_event)
        futures = {}
        previous = None
        token = config.token()
        for p in parts:  # extraction everywhere at once; storing in input order, one partition after another
            extracted = cluster.client.submit(extract_task, p.to_dict(), url, plugin, retries=retries, pure=False,
                                              key=f"sitroom-ingest-extract-{p.name}-{token}")
            previous = cluster.client.submit(store_task, extracted, previous, url, commit_every, retries=retries,
                                             pure=False, key=f"sitroom-ingest-store-{p.name}-{token}")
            futures[previous] = p
        for future in as_completed(futures):
            p = futures[future]
            account = future.result() if future.status == "finished" else {
                "failed": f"{type(future.exception()).__name__}: {future.exception()}"}
            if "failed" in account:
                log.error("partition %s failed: %s", p.name, account["failed"])
                summary.failed[p.name] = account["failed"]
            else:
                summary.add(account)
                for key in summary.extra:
                    summary.extra[key] += account.get(key, 0)
                progress.finish(p.name, account)
            if on_progress:
                on_progress(progress.snapshot())
    summary.wall_seconds = time.monotonic() - t0
    summary.finished = now_iso()
    if summary.failed:
        raise ClusterError(f"{len(summary.failed)} partition(s) failed ({', '.join(sorted(summary.failed)[:10])}); "
                           "run the same command again: what was stored is skipped", partitions=sorted(summary.failed))
    return summary

"""Ingest: sources -> new articles -> extraction -> store, resumable and idempotent.

Items are read in a stable order and taken in chunks. For each chunk, articles already
stored (same id, URL or normalised text) or seen earlier in the run are skipped before
any extraction; the rest go through the pipeline (in ``workers`` processes when asked,
each loading the model once); then results are written ``commit_every`` articles per
transaction. A run killed at any point leaves whole transactions only; running it
again skips everything stored and continues, so nothing is lost and nothing repeated.
Rejections (unreadable, not English, id conflicts...) are stored with their code and
reason; re-recording one updates its row. An article the store refuses (a field rule,
a database error on that article alone) is one more rejection; the rest of its
transaction is stored. A transaction the database aborts as a whole (a deadlock or a
serialization failure between writers, a lost connection) is run again, up to
RETRIES times with a growing pause, so several ingests can write to one store.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sitroom.errors import IdConflict, InputError
from sitroom.ingest.sources import Item, SourceReader
from sitroom.model import Document, Rejection
from sitroom.model.serialize import rejection_to_dict, to_dict
from sitroom.store.keys import content_hash, url_hash

log = logging.getLogger(__name__)

CHUNK = 64
COMMIT_EVERY = 16
#: attempts at a transaction the database aborts (deadlock, serialization failure, lost connection)
RETRIES = 5


@dataclass
class IngestReport:
    """Counts of one ingest run; ``summary()`` is the line the CLI prints."""

    stored: int = 0
    duplicates: int = 0
    rejected: Counter = field(default_factory=Counter)
    incidents: set = field(default_factory=set)
    seconds: float = 0.0

    def merge(self, other: IngestReport) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.rejected.update(other.rejected)
        self.incidents.update(other.incidents)

    @property
    def seen(self) -> int:
        return self.stored + self.duplicates + sum(self.rejected.values())

    def summary(self) -> str:
        rej = sum(self.rejected.values())
        reasons = ", ".join(f"{code} {n:,}" for code, n in self.rejected.most_common())
        return (f"{self.seen:,} articles: {self.stored:,} stored, {self.duplicates:,} skipped as duplicates, "
                f"{rej:,} rejected" + (f" ({reasons})" if reasons else "")
                + f"; {len(self.incidents):,} incidents touched; {self.seconds:.1f} s")


# ---- extraction in this process or in workers ----------------------------------------

_worker_pipeline = None  # one per worker process, built by its initializer


def _init_worker(stages, options) -> None:
    global _worker_pipeline
    from sitroom.pipeline import Pipeline

    _worker_pipeline = Pipeline(stages, **options)


def _extract_with(pipeline, documents: list[Document]) -> list[dict[str, Any]]:
    out = []
    for result in pipeline.pipe(documents):
        out.append(rejection_to_dict(result) if isinstance(result, Rejection) else to_dict(result))
    return out


def _work(documents: list[Document]) -> list[dict[str, Any]]:
    return _extract_with(_worker_pipeline, documents)


class _Extractor:
    """Maps lists of documents to record dicts, in order, in-process or in a pool."""

    def __init__(self, workers: int, stages, options, pipeline=None) -> None:
        self.workers = workers
        self.stages = stages
        self.options = options
        self.pipeline = pipeline
        self.pool = None

    def submit(self, documents: list[Document]) -> Callable[[], list[dict[str, Any]]]:
        """Start extracting; the returned callable waits for the records. The model is
        loaded on the first article that needs it (a re-run of a finished ingest never does)."""
        if not documents:
            return lambda: []
        if self.workers <= 1:
            if self.pipeline is None:
                from sitroom.pipeline import Pipeline

                self.pipeline = Pipeline(self.stages, **self.options)
            return lambda: _extract_with(self.pipeline, documents)
        if self.pool is None:
            method = "spawn" if mp.get_start_method(allow_none=True) == "spawn" else "forkserver"
            self.pool = mp.get_context(method).Pool(self.workers, initializer=_init_worker,
                                                    initargs=(self.stages, self.options))
        size = max(1, -(-len(documents) // (self.workers * 2)))
        parts = [documents[i:i + size] for i in range(0, len(documents), size)]
        pending = self.pool.map_async(_work, parts)
        return lambda: [r for part in pending.get() for r in part]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


# ---- the run ------------------------------------------------------------------------

def _chunks(items: Iterable[Item], n: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


class _Dedup:
    """Which items of a chunk are new: not stored, not seen earlier in this run."""

    def __init__(self, store) -> None:
        self.store = store
        self.urls: set[str] = set()
        self.texts: set[str] = set()

    def split(self, chunk: list[Item]) -> list[tuple[Item, str]]:
        """(item, status) with status ``new``, ``duplicate`` or ``rejected``."""
        keys = {i: (url_hash(item.document.url), content_hash(item.document.text))
                for i, item in enumerate(chunk) if item.document is not None}
        with self.store.engine.connect() as conn:
            _, urls, texts = self.store.existing(
                conn, url_hashes=[k[0] for k in keys.values()], content_hashes=[k[1] for k in keys.values()])
        out = []
        for i, item in enumerate(chunk):
            if item.document is None:
                out.append((item, "rejected"))
                continue
            uh, ch = keys[i]
            if ch in texts or ch in self.texts or (uh and (uh in urls or uh in self.urls)):
                out.append((item, "duplicate"))
                continue
            # a known id with other text goes on: Store.add reports the conflict
            self.texts.add(ch)
            if uh:
                self.urls.add(uh)
            out.append((item, "new"))
        return out


def ingest(sources: Iterable[str], store, *, workers: int = 1, stages: list[str] | None = None,
           published: str | None = None, fetcher=None, fetch_entries: bool = True,
           commit_every: int = COMMIT_EVERY, chunk_size: int = CHUNK, pipeline=None,
           progress: Callable[[IngestReport], None] | None = None, **options: Any) -> IngestReport:
    """Read ``sources``, extract new articles and store them (see the module docstring).

    ``stages``/``options`` configure the pipeline (or pass ``pipeline`` for in-process
    runs); ``progress`` is called with the running report after each article.
    """
    t0 = time.monotonic()
    report = IngestReport()
    reader = SourceReader(fetcher=fetcher, published=published, fetch_entries=fetch_entries,
                          max_chars=options.get("max_chars"))
    dedup = _Dedup(store)
    extractor = _Extractor(workers, stages, options, pipeline)
    try:
        chunks = (dedup.split(chunk) for chunk in _chunks(reader.expand(sources), chunk_size))
        current = next(chunks, None)
        waiting = current and extractor.submit([i.document for i, s in current if s == "new"])
        while current is not None:
            upcoming = next(chunks, None)  # extraction of the next chunk overlaps these writes
            following = upcoming and extractor.submit([i.document for i, s in upcoming if s == "new"])
            _write(store, current, waiting(), report, commit_every, progress)
            current, waiting = upcoming, following
    finally:
        extractor.close()
        report.seconds = time.monotonic() - t0
    return report


def _write(store, chunk: list[tuple[Item, str]], records: list[dict[str, Any]], report: IngestReport,
           commit_every: int, progress) -> None:
    taken = 0
    for start in range(0, len(chunk), commit_every):
        part = chunk[start:start + commit_every]
        n = sum(1 for _, status in part if status == "new")
        report.merge(_write_transaction(store, part, records[taken:taken + n]))
        taken += n
        if progress:
            progress(report)


def _write_transaction(store, part: list[tuple[Item, str]], records: list[dict[str, Any]]) -> IngestReport:
    """Store ``part`` in one transaction; what it did is counted only once it is committed."""
    import sqlalchemy as sa

    for attempt in range(RETRIES):
        done = IngestReport()
        try:
            with store.transaction() as conn:
                results = iter(records)
                for item, status in part:
                    _write_one(store, conn, item, status, results, done)
            return done
        except sa.exc.OperationalError as exc:
            if attempt == RETRIES - 1:
                raise
            pause = 0.1 * 2 ** attempt * (1 + random.random())
            log.warning("the database aborted a transaction (%s); running it again in %.1f s",
                        str(getattr(exc, "orig", None) or exc).strip()[:200], pause)
            time.sleep(pause)
    raise AssertionError("unreachable")


def _write_one(store, conn, item: Item, status: str, results: Iterator[dict[str, Any]],
               report: IngestReport) -> None:
    if status == "duplicate":
        report.duplicates += 1
        return
    if status == "rejected":
        r = item.rejection
        assert r is not None
        store.add_rejection(origin=item.origin, code=r.code, reason=r.message, document_id=r.id, conn=conn)
        report.rejected[r.code] += 1
        return
    record = next(results)
    document = item.document
    assert document is not None
    if "error" in record:
        err = record["error"]
        store.add_rejection(origin=item.origin, code=err["code"], reason=err["message"], document_id=document.id,
                            conn=conn)
        report.rejected[err["code"]] += 1
        return
    for key in ("title", "source", "url"):  # the record keeps what ingest learnt about the article
        if getattr(document, key) is not None:
            record[key] = getattr(document, key)
    if document.warnings and "warnings" not in record:
        record["warnings"] = [{"code": code, "message": message} for code, message in document.warnings]
    try:
        stored = store.add(record, text=document.text, origin=item.origin, fetched=item.fetched, conn=conn)
    except InputError as exc:  # a field rule, or the database refused this article alone
        store.add_rejection(origin=item.origin, code=exc.code, reason=exc.message,
                            document_id=exc.document_id or document.id, conn=conn)
        report.rejected[exc.code] += 1
        return
    if stored.status == "stored":
        report.stored += 1
        report.incidents.update(stored.incidents)
    elif stored.status == "duplicate":
        report.duplicates += 1
    else:
        store.add_rejection(origin=item.origin, code=IdConflict.code, document_id=document.id, conn=conn,
                            reason=f"article id {document.id!r} is stored already with different text")
        report.rejected[IdConflict.code] += 1

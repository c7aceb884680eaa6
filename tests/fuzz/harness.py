"""The whole path for one batch of generated lines, and the invariants it must keep.

JSONL file -> ``sitroom.ingest.run.ingest`` (validation, Pipeline, store) -> every export
(records, incidents, events CSV, GeoJSON, ACLED CSV, Parquet) and every table renderer,
plus the ``extract`` path (the same file -> one output line per input line).

Invariants (each failure names one):

- ``raised``: no step raises (the step is named);
- ``accounted``: every line is stored, rejected with a stable code, or skipped as a duplicate,
  exactly one of them, and the report's counts agree with the store's rows;
- ``expected``: what the generator knows of a line holds (a valid article is stored with its
  metadata unchanged whatever its neighbours hold; a non-article is rejected; ...);
- ``spans``: every span of every exported record is ``text[start:end]``;
- ``export``: each export parses back with the count its writer returned (and CSV cells that
  start like a formula are defused);
- ``terminal``: nothing a renderer prints holds a control or bidi character.

Used by tests/fuzz/test_fuzz.py (short, in CI) and benchmarks/fuzz.py (long runs).
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import all_spans
from tests.fuzz.strategies import Line

BOM = b"\xef\xbb\xbf"
# what sitroom.cli.terminal escapes: C0/C1 controls but tab and newline, DEL, bidi controls
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA = tuple("=+-@\t\r") + ("＝", "＋", "－", "＠")
# CSV columns that hold text from articles (numbers may start with "-")
_TEXT_COLUMNS = frozenset({"article_id", "event_id", "trigger", "source_actor", "target_actor", "place_name",
                           "source", "title", "url", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
                           "location", "notes", "admin1", "country", "region"})


#: kinds whose records the long profile prints (the others' text is plain sentences)
_PRINTED = frozenset({"markup", "controls", "anytext", "nul", "surrogate", "cr", "long"})


@dataclass
class Failure:
    invariant: str
    detail: str
    kinds: tuple[str, ...] = ()       # the kinds of the lines concerned (all the batch's when unknown)
    lines: list[bytes] = field(default_factory=list)

    def __str__(self) -> str:
        return f"[{self.invariant}] ({', '.join(self.kinds)}) {self.detail}"


class _Fail(Exception):
    """Stops the checks of a batch after a step raised (later steps depend on it)."""


# ---- stores --------------------------------------------------------------------------------

class Stores:
    """Fresh, empty stores, one per batch: a SQLite file, or a new PostgreSQL schema on the
    server of tests/store/conftest.py (dropped afterwards)."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self._admin = None
        if backend == "postgresql":
            from tests.store.conftest import PG_URL, _pg_unavailable

            reason = _pg_unavailable()
            if reason:
                raise RuntimeError(reason)
            import sqlalchemy as sa

            self._admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
        elif backend != "sqlite":
            raise ValueError(f"backend must be sqlite or postgresql, not {backend!r}")

    @contextlib.contextmanager
    def fresh(self, folder: Path) -> Iterator[str]:
        if self._admin is None:
            yield f"sqlite:///{folder / 'store.sqlite'}"
            return
        import sqlalchemy as sa

        from tests.store.conftest import PG_URL, _with_search_path

        schema = "fz_" + uuid.uuid4().hex[:12]
        with self._admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield _with_search_path(PG_URL, schema)
        finally:
            with self._admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))

    def close(self) -> None:
        if self._admin is not None:
            self._admin.dispose()


# ---- the checks ------------------------------------------------------------------------------

class Harness:
    """Runs batches through the whole path; ``check`` returns the failures (never raises)."""

    def __init__(self, pipeline, *, backend: str = "sqlite", parquet_every: int = 1, extract: bool = True,
                 renderers: bool = True, every_record: bool = True) -> None:
        """``parquet_every``: the Parquet export on every Nth batch (0: never); ``every_record``:
        print every record as ``extract --format table`` does (else only those of lines whose
        fields hold markup, controls or arbitrary text: the long profile's saving)."""
        from sitroom.pipeline import Pipeline

        self.pipeline = pipeline
        self.stores = Stores(backend)
        self.parquet_every = parquet_every if _has_pyarrow() else 0
        self.renderers = renderers
        self.every_record = every_record
        self.batches = 0
        self.seconds: dict[str, float] = {}  # CPU seconds per step, over all batches
        # the extract path's own concern is reading lines and writing records: validation only
        self.extract_pipeline = Pipeline(stages=[], resources=pipeline.resources) if extract else None

    def close(self) -> None:
        self.stores.close()

    def check(self, lines: list[Line], *, bom: bool = False) -> list[Failure]:
        raw = [line.encode() for line in lines]
        failures: list[Failure] = []
        self.batches += 1
        with tempfile.TemporaryDirectory(prefix="sitroom-fuzz-") as tmp:
            folder = Path(tmp)
            path = folder / "batch.jsonl"
            path.write_bytes((BOM if bom else b"") + b"".join(r + b"\n" for r in raw))
            run = _Run(self, lines, raw, path, failures)
            for path_through in (run.store_path, run.extract_path):  # the second runs even if the first fails
                try:
                    path_through(folder)
                except _Fail:
                    pass
                except Exception:  # the harness itself, or a store that cannot be made
                    failures.append(Failure("raised", "harness: " + _short_tb(), _kinds(lines), raw))
        return failures


class _Run:
    def __init__(self, harness: Harness, lines: list[Line], raw: list[bytes], path: Path,
                 failures: list[Failure]) -> None:
        self.h, self.lines, self.raw, self.path, self.failures = harness, lines, raw, path, failures

    def fail(self, invariant: str, detail: str, which: list[int] | None = None) -> None:
        kinds = _kinds([self.lines[i] for i in which]) if which else _kinds(self.lines)
        raw = [self.raw[i] for i in which] if which else self.raw
        self.failures.append(Failure(invariant, detail, kinds, raw))

    @contextlib.contextmanager
    def step(self, name: str, *, fatal: bool = True):
        t0 = time.process_time()
        try:
            yield
        except _Fail:
            raise
        except Exception:
            self.fail("raised", f"{name}: {_short_tb()}")
            if fatal:
                raise _Fail from None
        finally:
            self.h.seconds[name] = self.h.seconds.get(name, 0.0) + time.process_time() - t0

    # ---- ingest, store, exports, renderers ----
    def store_path(self, folder: Path) -> None:
        with self.h.stores.fresh(folder) as url:
            self._store_path(url, folder)

    def _store_path(self, url: str, folder: Path) -> None:
        from sitroom.ingest.run import ingest
        from sitroom.store import Store

        with self.step("open store"):
            store = Store.open(url)
        try:
            with self.step("ingest"):
                report = ingest([str(self.path)], store, pipeline=self.h.pipeline)
            with self.step("read store"), store.engine.connect() as conn:
                self.accounted(conn, report)
            with self.step("export records"), store.engine.connect() as conn:
                records = self.records(conn)
            self.exports(store)
            if self.h.parquet_every and self.h.batches % self.h.parquet_every == 0:
                with self.step("export parquet", fatal=False):
                    self.parquet(store, folder / "parquet")
            if self.h.renderers:
                self.render(store, records)
        finally:
            store.close()

    def accounted(self, conn, report) -> None:
        import sqlalchemy as sa

        from sitroom.errors import ERROR_CODES, IdConflict
        from sitroom.store import schema as t

        a, r = t.articles, t.rejections
        articles = {row.origin: row for row in conn.execute(
            sa.select(a.c.id, a.c.origin, a.c.title, a.c.source, a.c.url, a.c.language))}
        rejected: dict[str, list[Any]] = {}
        for row in conn.execute(sa.select(r.c.origin, r.c.code, r.c.document_id)):
            rejected.setdefault(row.origin, []).append(row)
        n = len(self.lines)
        if report.seen != n:
            self.fail("accounted", f"the report saw {report.seen} articles of {n} lines ({report.summary()})")
        if len(articles) != report.stored:
            self.fail("accounted", f"{len(articles)} articles stored, the report says {report.stored}")
        if sum(map(len, rejected.values())) != sum(report.rejected.values()):
            self.fail("accounted", f"{sum(map(len, rejected.values()))} rejection rows, the report says "
                                   f"{sum(report.rejected.values())}")
        origins = {f"{self.path}:{k}" for k in range(1, n + 1)}
        strays = (set(articles) | set(rejected)) - origins
        if strays:
            self.fail("accounted", f"rows from no line: {sorted(strays)[:3]}")
        skipped = 0
        for i, line in enumerate(self.lines):
            origin = f"{self.path}:{i + 1}"
            art, rej = articles.get(origin), rejected.get(origin, [])
            codes = [x.code for x in rej]
            if art is not None and rej:
                self.fail("accounted", f"line {i + 1} is both stored and rejected ({codes})", [i])
            if len(rej) > 1:
                self.fail("accounted", f"line {i + 1} is rejected {len(rej)} times ({codes})", [i])
            bad = [c for c in codes if c not in ERROR_CODES]
            if bad:
                self.fail("accounted", f"line {i + 1} is rejected with unknown codes {bad}", [i])
            if art is None and not rej:
                skipped += 1
            outcome = "stored" if art is not None else "rejected" if rej else "duplicate"
            expect = line.expect
            if expect == "conflict":
                if codes != [IdConflict.code]:
                    self.fail("expected", f"line {i + 1} ({line.kind}) reuses a stored id with other text: "
                                          f"expected {IdConflict.code}, got {outcome} {codes}", [i])
            elif expect != "either" and outcome != expect:
                self.fail("expected", f"line {i + 1} ({line.kind}) expected {expect}, got {outcome} {codes}", [i])
            elif expect == "stored" and art is not None:
                f = line.fields or {}
                for key in ("title", "source", "url"):
                    if isinstance(f.get(key), str) and f[key] and getattr(art, key) != f[key]:
                        self.fail("expected", f"line {i + 1}: stored {key} {getattr(art, key)!r} "
                                              f"!= given {f[key]!r}", [i])
        if skipped != report.duplicates:
            self.fail("accounted", f"{skipped} lines neither stored nor rejected, the report says "
                                   f"{report.duplicates} duplicates")

    def records(self, conn) -> list[dict[str, Any]]:
        from sitroom.store import export as ex

        buf = io.StringIO()
        n = ex.write_records(conn, buf, with_text=True)
        records = [json.loads(x) for x in _jsonl(buf.getvalue())]
        if len(records) != n:
            self.fail("export", f"records: wrote {n}, parsed {len(records)}")
        for rec in records:
            body = rec.get("text")
            if not isinstance(body, str):
                self.fail("export", f"record {rec.get('id')!r} has no text")
                continue
            for where, span in all_spans({k: v for k, v in rec.items() if k != "text"}):
                if body[span["start"]:span["end"]] != span["text"]:
                    self.fail("spans", f"record {rec.get('id')!r}{where}: text[{span['start']}:{span['end']}]"
                                       f" = {body[span['start']:span['end']]!r} != {span['text']!r}")
        return records

    def exports(self, store) -> None:
        from sitroom.store import export as ex

        with store.engine.connect() as conn:
            with self.step("export incidents", fatal=False):
                buf = io.StringIO()
                n = ex.write_incidents_jsonl(conn, buf)
                got = [json.loads(x) for x in _jsonl(buf.getvalue())]
                if len(got) != n or not all(isinstance(x, dict) and "id" in x for x in got):
                    self.fail("export", f"incidents: wrote {n}, parsed {len(got)}")
            with self.step("export events csv", fatal=False):
                self.csv("events csv", ex.write_events_csv, (*ex.EVENT_COLUMNS, "corrected"), conn)
            with self.step("export acled", fatal=False):
                self.csv("acled csv", ex.write_acled, ex.ACLED_COLUMNS, conn)
            with self.step("export geojson", fatal=False):
                buf = io.StringIO()
                n = ex.write_geojson(conn, buf)
                doc = json.loads(buf.getvalue())
                if doc.get("type") != "FeatureCollection" or len(doc.get("features", ())) != n:
                    self.fail("export", f"geojson: wrote {n}, parsed {len(doc.get('features', ()))}")

    def csv(self, name: str, writer, columns, conn) -> None:
        buf = io.StringIO()
        n = writer(conn, buf)
        rows = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
        if not rows or rows[0] != list(columns) or len(rows) - 1 != n:
            self.fail("export", f"{name}: wrote {n} rows, parsed {len(rows) - 1} (header {rows[:1]})")
            return
        for values in rows[1:]:
            for col, cell in zip(rows[0], values):
                if col in _TEXT_COLUMNS and cell.startswith(_FORMULA):
                    self.fail("export", f"{name}: column {col} starts like a formula: {cell[:40]!r}")

    def parquet(self, store, out: Path) -> None:
        from sitroom.columnar.export import export_store
        from sitroom.columnar.write import read_table

        counts = export_store(store, out, with_text=True)
        for table, n in counts.items():
            got = read_table(out, table).num_rows
            if got != n:
                self.fail("export", f"parquet {table}: wrote {n} rows, read {got}")

    def render(self, store, records: list[dict[str, Any]]) -> None:
        from rich.console import Console

        from sitroom.cli import query as q
        from sitroom.cli.incidents import print_incident
        from sitroom.cli.render import print_record, store_summary_tables, summary_table
        from sitroom.model.serialize import from_dict
        from sitroom.store import read

        buf = io.StringIO()
        out = Console(file=buf, width=80, highlight=False, emoji=False)
        with store.engine.connect() as conn, contextlib.redirect_stdout(buf):
            with self.step("render summary", fatal=False):
                summary_table(records, out)
                store_summary_tables(read.store_summary(conn), out, title="store")
            # ids of lines whose fields hold nothing a terminal could misread: the long profile
            # leaves their records and incidents unprinted (printing is most of its cost)
            plain = set() if self.h.every_record else {
                str(x.fields.get("id")) for x in self.lines if x.kind not in _PRINTED and x.fields}
            with self.step("render records", fatal=False):
                for rec in records:
                    if rec.get("id") not in plain:
                        print_record(from_dict(rec), out)
            with self.step("render query", fatal=False):
                q._table(list(read.events(conn, read.Filters())), False, "events")
                q._table(list(read.incidents(conn, read.Filters())), True, "incidents")
            with self.step("render incidents", fatal=False):
                for iid in read.incident_ids(conn):
                    inc = read.incident(conn, iid)
                    if inc is not None and not (plain and {r["document"] for r in inc["reports"]} <= plain):
                        print_incident(inc)
        bad = _UNPRINTABLE.search(buf.getvalue())
        if bad:
            around = buf.getvalue()[max(0, bad.start() - 30):bad.end() + 10]
            self.fail("terminal", f"a renderer printed {bad.group()!r}: {around!r}")

    # ---- extract: the same file, one output line per input line ----
    def extract_path(self, folder: Path) -> None:
        if self.h.extract_pipeline is None:
            return
        from sitroom.batch.runner import numbered_lines, run_batch
        from sitroom.cli.files import output
        from sitroom.errors import ERROR_CODES

        out_path = folder / "out.jsonl"
        with self.step("extract", fatal=False):
            with open(self.path, "rb") as src, output(str(out_path)) as dst:
                for rec in run_batch(numbered_lines(src), pipeline=self.h.extract_pipeline):
                    dst.write(rec + "\n")
            got = [json.loads(x) for x in _jsonl(out_path.read_text(encoding="utf-8"))]
            if len(got) != len(self.lines):
                self.fail("accounted", f"extract: {len(self.lines)} lines in, {len(got)} out")
                return
            for i, (line, rec) in enumerate(zip(self.lines, got)):
                err = rec.get("error")
                if err is not None and err.get("code") not in ERROR_CODES:
                    self.fail("accounted", f"extract line {i + 1}: unknown code {err!r}", [i])
                if line.expect == "rejected" and err is None:
                    self.fail("expected", f"extract line {i + 1} ({line.kind}): expected an error record", [i])
                if line.expect in ("stored", "duplicate", "conflict") and err is not None:
                    self.fail("expected", f"extract line {i + 1} ({line.kind}): unexpected error {err}", [i])


def _jsonl(text: str) -> list[str]:
    """The lines of JSONL text: split on newlines only (JSON strings may hold U+2028, U+0085)."""
    return [x for x in text.split("\n") if x]


def _kinds(lines: list[Line]) -> tuple[str, ...]:
    return tuple(sorted({x.kind for x in lines}))


def _short_tb() -> str:
    """The exception being handled in one line: type, message, and the innermost sitroom frame."""
    exc = sys.exc_info()[1]
    if exc is None:
        return ""
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames) if "sitroom" in f.filename
                  and "/tests/" not in f.filename), "")
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first[:300]}" + (f" (at {where})" if where else "")


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True

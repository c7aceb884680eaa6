"""Ingest into a store: idempotent, resumable after kill -9 (in-process and with extraction workers), URLs."""
from __future__ import annotations

import functools
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.ingest.run import ingest
from sitroom.store import Store
from sitroom.store import schema as t
from sitroom.store.snapshot import snapshot
from tests.conftest import REPO
from tests.store.ingest_child import StubPipeline, articles


@pytest.fixture
def fixture_jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(a) for a in articles()]
    lines.insert(20, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_is_idempotent(store, fixture_jsonl):
    first = ingest([fixture_jsonl], store, pipeline=StubPipeline(), commit_every=4, chunk_size=8)
    assert (first.stored, first.duplicates) == (48, 1)
    assert dict(first.rejected) == {"not_english": 1, "malformed_json": 1}
    assert "48 stored, 1 skipped as duplicates, 2 rejected" in first.summary()
    with store.engine.connect() as conn:
        before = snapshot(conn)
    again = ingest([fixture_jsonl], store, pipeline=StubPipeline())
    assert (again.stored, again.duplicates, sum(again.rejected.values())) == (0, 49, 2)
    with store.engine.connect() as conn:
        assert snapshot(conn) == before
        assert conn.execute(sa.select(sa.func.count()).select_from(t.rejections)).scalar_one() == 2
    counts = store.counts()
    assert counts["events"] == 48 and counts["claims"] == 48 and counts["incidents"] < 48


def _child(url, source, delay):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "tests.store.ingest_child", url, str(source), str(delay)],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _articles(engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one()
    except sa.exc.SQLAlchemyError:  # the child is still creating the schema
        return 0


def test_a_killed_ingest_resumes_to_the_same_rows(db_url, fixture_jsonl, tmp_path):
    from sitroom.store.db import create_engine

    proc = _child(db_url, fixture_jsonl, 0.02)
    engine = create_engine(db_url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _articles(engine) < 6:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = _articles(engine)
    engine.dispose()
    assert 0 < killed_at < 48, "the run must be killed mid-way"
    rerun = _child(db_url, fixture_jsonl, 0.0)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    assert f"{48 - killed_at} stored".encode() in out
    with Store.open(db_url) as resumed, resumed.engine.connect() as conn:
        got = snapshot(conn)
    # the same ingest never interrupted (on SQLite: the snapshot does not depend on the back end)
    with Store.open(f"sqlite:///{tmp_path / 'reference.sqlite'}") as ref:
        ingest([fixture_jsonl], ref, pipeline=StubPipeline(), commit_every=3, chunk_size=6)
        with ref.engine.connect() as conn:
            want = snapshot(conn)
    assert got.keys() == want.keys()
    for table in want:
        assert got[table] == want[table], table


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def local_site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (root / "story.html").write_text(
        "<html><head><title>Dam breach</title></head><body><article><h1>Dam breach</h1>"
        "<p>A dam upstream of the valley gave way after shelling on Tuesday, officials said, and water "
        "flooded three villages.</p><p>Rescue teams reached the area by boat on Wednesday morning.</p>"
        "</article></body></html>")
    (root / "private").mkdir()
    (root / "private" / "x.html").write_text("<html><body><p>secret page text here</p></body></html>")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_ingest_command_fetches_urls_only_when_allowed(db_url, local_site):
    runner = CliRunner()
    blocked = runner.invoke(cli, ["ingest", f"{local_site}/story.html", "--db", db_url, "--stages", "nlp"])
    assert blocked.exit_code == 3, blocked.output  # every source rejected (sitroom.cli.exits.FAILURE)
    assert "blocked_address" in blocked.output
    ok = runner.invoke(cli, ["ingest", f"{local_site}/story.html", f"{local_site}/private/x.html", "--db", db_url,
                             "--stages", "nlp", "--allow-private"])
    assert ok.exit_code == 1, ok.output  # one stored, one rejected (sitroom.cli.exits.PARTIAL)
    assert "1 stored" in ok.output and "robots_disallowed" in ok.output
    with Store.open(db_url) as s, s.engine.connect() as conn:
        art = conn.execute(sa.select(t.articles)).one()._mapping
        codes = {r.code for r in conn.execute(sa.select(t.rejections))}
    assert art["title"] == "Dam breach" and art["url"].endswith("/story.html") and art["fetched"] is not None
    assert codes == {"blocked_address", "robots_disallowed"}


def test_the_same_id_with_other_text_is_rejected_not_overwritten(store, tmp_path):
    path = tmp_path / "ids.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [
        {"id": "x", "text": "Gunmen raided the market in Jos on 2024-04-01, killing 3 people, report 1 said."},
        {"id": "x", "text": "Gunmen attacked the market in Yola on 2024-04-02, killing 5 people, report 2 said."},
    ]) + "\n", encoding="utf-8")
    report = ingest([path], store, pipeline=StubPipeline())
    assert report.stored == 1 and dict(report.rejected) == {"id_conflict": 1}
    assert "Jos" in store.record("x", with_text=True)["text"]


@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_at_a_random_point_then_resume_equals_a_clean_run(db_url, workers, tmp_path):
    """The core of benchmarks/ingest_resume.py: SIGKILL to the whole ingest (its extraction
    processes too) once a random number of articles is stored, run it again, compare every
    table with an ingest never interrupted."""
    import random

    from sitroom.pipeline import Pipeline
    from sitroom.store.db import create_engine

    n = 72
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles(n)), encoding="utf-8")
    seed = random.randrange(1 << 30)
    target = random.Random(seed).randint(3, 40)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.store.ingest_child", db_url, str(source), "0.01",
                             str(workers)], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    engine = create_engine(db_url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _articles(engine) < target and proc.poll() is None:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    killed_at = _articles(engine)
    engine.dispose()
    assert killed_at < n - 2, f"the run finished before the kill (seed {seed})"
    rerun = _child(db_url, source, 0.0) if workers == 1 else subprocess.Popen(
        [sys.executable, "-m", "tests.store.ingest_child", db_url, str(source), "0", str(workers)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, err.decode()[-3000:]
    with Store.open(db_url) as resumed, resumed.engine.connect() as conn:
        got = snapshot(conn)
    with Store.open(f"sqlite:///{tmp_path / 'reference.sqlite'}") as ref:
        pipeline = StubPipeline() if workers == 1 else Pipeline([], check_language=False)
        ingest([source], ref, pipeline=pipeline, commit_every=3, chunk_size=6)
        with ref.engine.connect() as conn:
            want = snapshot(conn)
    for table in want:
        assert got[table] == want[table], f"{table} differs after a kill at {killed_at} articles (seed {seed})"

"""Several ingests into one store at once (issue 14, item 5): no deadlock, no UniqueViolation,
every article stored once, incidents as consistent as one writer's.

Four processes ingest overlapping halves of 60 articles (each article is in two halves, so
two processes race to store it). PostgreSQL: many writers, their store transactions ordered
by the writers' advisory lock. SQLite: one writer at a time; the others wait for the lock.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import sqlalchemy as sa

from sitroom.ingest.run import ingest
from sitroom.store import Store
from sitroom.store import schema as t
from tests.conftest import REPO
from tests.store.ingest_child import StubPipeline, articles

N, PROCESSES = 60, 4


def _inputs(tmp_path):
    arts = articles(N)
    arts[7]["text"] += " A second report."  # no textual duplicates: which id wins would depend on order
    halves = []
    for k in range(PROCESSES):
        start = k * N // PROCESSES
        path = tmp_path / f"half{k}.jsonl"
        path.write_text("".join(json.dumps(arts[(start + j) % N]) + "\n" for j in range(N // 2)), encoding="utf-8")
        halves.append(path)
    everything = tmp_path / "all.jsonl"
    everything.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    return halves, everything


def _state(url: str) -> dict:
    with Store.open(url) as store, store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(t.articles.c.id).order_by(t.articles.c.ingested,
                                                                                t.articles.c.id))]
        # a rejection is kept per origin (file:line): two halves reject one article twice
        rejections = sorted({(r.document_id, r.code) for r in conn.execute(sa.select(t.rejections))})
        members = [(r.article_id, r.event_id, r.incident_id) for r in conn.execute(sa.select(t.incident_events))]
        incidents = {r.id: (r.n_documents, r.n_events) for r in conn.execute(sa.select(t.incidents))}
        counts = store.counts()
    groups: dict[int, set] = {}
    for aid, eid, iid in members:
        groups.setdefault(iid, set()).add((aid, eid))
    return {"ids": ids, "rejections": rejections, "members": members, "incidents": incidents, "counts": counts,
            "groups": {frozenset(g) for g in groups.values()}}


def test_many_ingests_store_every_article_once(db_url, tmp_path):
    halves, everything = _inputs(tmp_path)
    Store.open(db_url).close()  # the schema first, as `sitroom ingest` would on its first run
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-m", "tests.store.ingest_child", db_url, str(path)], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for path in halves]
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()[-3000:]
    got = _state(db_url)
    with Store.open(f"sqlite:///{tmp_path / 'serial.sqlite'}") as ref:
        ingest([everything], ref, pipeline=StubPipeline(), commit_every=3, chunk_size=6)
    want = _state(f"sqlite:///{tmp_path / 'serial.sqlite'}")
    # every article once, the same ones as one writer, the same rejections
    assert len(got["ids"]) == len(set(got["ids"])) and sorted(got["ids"]) == sorted(want["ids"])
    assert got["rejections"] == want["rejections"]
    for table in ("articles", "extractions", "events", "places", "figures", "claims"):
        assert got["counts"][table] == want["counts"][table], table
    # every event in exactly one incident, and each incident's counts match its members
    # (a lost update of an incident's profile by two writers would break them)
    assert sorted(m[:2] for m in got["members"]) == sorted(m[:2] for m in want["members"])
    assert max(Counter(m[:2] for m in got["members"]).values()) == 1
    docs: dict[int, set] = {}
    events = Counter()
    for aid, _, iid in got["members"]:
        docs.setdefault(iid, set()).add(aid)
        events[iid] += 1
    for iid, (n_documents, n_events) in got["incidents"].items():
        assert (n_documents, n_events) == (len(docs.get(iid, ())), events[iid]), iid
    # incident assignment depends on the order articles are stored in, which the writers do not
    # choose; with that order it is exactly one writer's (the writers' transactions never overlap)
    by_id = {a["id"]: a for a in map(json.loads, everything.read_text(encoding="utf-8").splitlines())}
    replay = tmp_path / "replay.jsonl"
    replay.write_text("".join(json.dumps(by_id[i]) + "\n" for i in got["ids"]), encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'replay.sqlite'}") as ref:
        ingest([replay], ref, pipeline=StubPipeline(), commit_every=3, chunk_size=6)
    assert _state(f"sqlite:///{tmp_path / 'replay.sqlite'}")["groups"] == got["groups"]

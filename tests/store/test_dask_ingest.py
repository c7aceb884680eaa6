"""``ingest --scheduler dask``: many workers into PostgreSQL, each article stored once;
SQLite refuses many writers."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")

from sitroom.batch import dask_ingest  # noqa: E402
from sitroom.batch.sandbox import SandboxConfig  # noqa: E402
from sitroom.errors import StoreError  # noqa: E402
from tests.batch.poison import OPTIONS, STAGES  # noqa: E402

CONFIG = SandboxConfig(stages=STAGES, options=OPTIONS, time_limit=20, memory_mb=None, batch_size=8)
TOWNS = ["Goma", "Bunia", "Beni", "Uvira", "Rutshuru", "Masisi", "Walikale", "Kalehe", "Fizi", "Mwenga"]


def _articles(path, ids, *, poison_id=None):
    lines = []
    for i in ids:
        town = TOWNS[i % len(TOWNS)]
        text = (f"Report {i}: gunmen attack a market in {town}; a second attack followed near the {town} road "
                f"on day {i}." + (" CRASH" if i == poison_id else ""))
        lines.append(json.dumps({"id": f"r{i}", "text": text, "published": f"2024-03-{1 + i % 28:02d}",
                                 "url": f"https://news.example/{i}"}))
    lines.insert(2, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_sqlite_is_refused_for_many_writers(tmp_path):
    with pytest.raises(StoreError, match="one writer at a time"):
        dask_ingest.ingest([_articles(tmp_path / "a.jsonl", range(3))], f"sqlite:///{tmp_path / 's.sqlite'}",
                           config=CONFIG, workers=1, processes=False)
    assert not (tmp_path / "s.sqlite").exists()


def test_workers_store_each_article_once_and_a_rerun_stores_nothing(db_url, tmp_path):
    if db_url.startswith("sqlite"):
        pytest.skip("many writers need PostgreSQL")
    from sitroom.store import Store

    a = _articles(tmp_path / "a.jsonl", range(0, 30), poison_id=7)
    b = _articles(tmp_path / "b.jsonl", range(20, 50))  # r20..r29 are in both files
    summary = dask_ingest.ingest([a, b], db_url, config=CONFIG, workers=2, processes=False, partition_size=8,
                                 commit_every=4)
    # 60 articles, r20..r29 twice, r7 poison: 49 stored once, 10 second copies skipped
    assert (summary.extra["stored"], summary.extra["duplicates"]) == (49, 10)
    assert summary.errors == {"malformed_json": 2, "crashed": 1}
    with Store.open(db_url) as store:
        counts = store.counts()
        assert counts["articles"] == 49 and counts["rejections"] == 3
        assert store.record("r7") is None and len(store.record("r25")["events"]) == 2
        assert store.record("r25")["url"] == "https://news.example/25"
    again = dask_ingest.ingest([a, b], db_url, config=CONFIG, workers=2, processes=False, partition_size=8)
    assert again.extra["stored"] == 0 and again.extra["duplicates"] == 59
    with Store.open(db_url) as store:
        assert store.counts() == counts  # nothing added, the rejections updated in place


def _incidents(url):
    import sqlalchemy as sa

    from sitroom.store import Store
    from sitroom.store import schema as t

    groups: dict[int, set] = {}
    with Store.open(url) as store, store.engine.connect() as conn:
        ie = t.incident_events
        for iid, aid, eid in conn.execute(sa.select(ie.c.incident_id, ie.c.article_id, ie.c.event_id)):
            groups.setdefault(iid, set()).add((aid, eid))
        ids = sorted(r[0] for r in conn.execute(sa.select(t.articles.c.id)))
    return ids, {frozenset(g) for g in groups.values()}


def test_dask_ingest_gives_the_incidents_of_a_serial_ingest(db_url, tmp_path):
    """Workers store partition after partition in input order, so incident assignment (which
    depends on the order articles arrive) comes out as in one process."""
    if db_url.startswith("sqlite"):
        pytest.skip("many writers need PostgreSQL")
    import uuid

    from sitroom.ingest.run import ingest
    from sitroom.pipeline import Pipeline
    from sitroom.store import Store
    from tests.store.conftest import PG_URL, _with_search_path

    a = _articles(tmp_path / "a.jsonl", range(0, 30))
    b = _articles(tmp_path / "b.jsonl", range(15, 45))
    dask_ingest.ingest([a, b], db_url, config=CONFIG, workers=2, processes=False, partition_size=6, commit_every=4)
    import sqlalchemy as sa

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    serial_url = _with_search_path(PG_URL, schema)
    try:
        with Store.open(serial_url) as store:
            ingest([str(a), str(b)], store, pipeline=Pipeline(STAGES, **OPTIONS), commit_every=4)
        serial_ids, serial_incidents = _incidents(serial_url)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    ids, incidents = _incidents(db_url)
    assert ids == serial_ids and len(ids) == 45
    assert incidents == serial_incidents and any(len(g) > 2 for g in incidents)

"""GET /stats from ``event_rollup`` answers exactly what ``event_facts`` answers, and the
rollup stays in step through corrections, reverts, new articles and deleted ones."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.server.conftest import AUTH
from tests.server.fixtures import article_two

PARAMS = [
    {"by": "week", "split": "plover"}, {"by": "month"}, {"by": "year", "split": "country"},
    {"by": "plover"}, {"by": "country", "split": "quad_class"}, {"by": "certainty"},
    {"by": "acled_event_type", "split": "plover"}, {"by": "week", "country": "MLI"},
    {"by": "plover", "hypothetical": "exclude", "negated": "only"},
    {"by": "month", "plover": "ASSAULT,PROTEST", "certainty": "reported"},
    # date bounds: wholly around every row, and cutting through the weeks of the fixtures
    {"by": "plover", "since": "2000-01-01"}, {"by": "week", "until": "2030-01-01", "split": "plover"},
    {"by": "plover", "since": "2024-03-05"}, {"by": "country", "since": "2023-05-12", "until": "2024-03-04"},
    {"by": "month", "until": "2024-03-05", "split": "acled_event_type"},
]


def _facts_only(client, params, monkeypatch):
    from sitroom.store import rollup

    with monkeypatch.context() as m:
        m.setattr(rollup, "servable", lambda *a: False)
        return client.get("/api/v1/stats", params=params).json()


def _same(client, monkeypatch):
    for params in PARAMS:
        got = client.get("/api/v1/stats", params=params)
        assert got.status_code == 200, got.text
        assert got.json() == _facts_only(client, params, monkeypatch), params


def _rollup_rows(url):
    from sitroom.store import Store
    from sitroom.store.schema_serve import event_rollup

    with Store.open(url) as store, store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count(), sa.func.sum(event_rollup.c.n))).one()


def test_stats_from_the_rollup_equal_stats_from_the_facts(client, filled, monkeypatch):
    from sitroom.store import rollup

    calls = []
    real = rollup.conditions
    monkeypatch.setattr(rollup, "conditions", lambda *a: calls.append(1) or real(*a))
    _same(client, monkeypatch)
    assert calls  # the rollup was read, not only the facts
    n_rows, n_events = _rollup_rows(filled)
    assert 0 < n_rows <= n_events == client.get("/api/v1/events?count=true").json()["total"]


def test_the_rollup_follows_corrections_reverts_and_new_or_deleted_articles(client, filled, monkeypatch):
    items = client.get("/api/v1/events?article=art-kidal").json()["items"]
    e1 = next(i for i in items if i["event_id"] == "E1")
    e2 = next(i for i in items if i["event_id"] == "E2")
    resp = client.patch(f"/api/v1/events/{e1['id']}", headers=AUTH,
                        json={"reason": "type and day", "plover": "PROTEST", "date": "2023-05-12",
                              "place": {"name": "Kyiv", "lat": 50.45, "lon": 30.52, "country": "UKR"}})
    assert resp.status_code == 200, resp.text
    client.patch(f"/api/v1/events/{e2['id']}", headers=AUTH, json={"reason": "not real", "status": "wrong"})
    _same(client, monkeypatch)
    by_plover = {r["key"]: r["n"] for r in client.get("/api/v1/stats?by=plover").json()["rows"]}
    assert by_plover["PROTEST"] == 2  # the Kharkiv march and the corrected Kidal event
    cid = resp.json()["correction"]["id"]
    assert client.post(f"/api/v1/corrections/{cid}/revert", headers=AUTH, json={"reason": "no"}).status_code == 200
    _same(client, monkeypatch)
    # an article stored and one deleted behind the server's back: the rollup is recounted
    from sitroom.store import Store
    from sitroom.store import schema as t

    with Store.open(filled) as store:
        rec, text = article_two()
        rec["id"], rec["title"] = "art-kharkiv-2", "Second march"
        store.add(rec, text=text + " Organisers said more marches would follow.")
        with store.transaction() as conn:
            conn.execute(sa.delete(t.articles).where(t.articles.c.id == "art-hostile"))
    _same(client, monkeypatch)
    # two marches of one week in one rollup row, on either side of a date bound: that week is
    # counted from the facts
    from sitroom.server import query

    copy = next(i for i in client.get("/api/v1/events?article=art-kharkiv-2").json()["items"]
                if i["event_id"] == "E1")
    assert client.patch(f"/api/v1/events/{copy['id']}", headers=AUTH,
                        json={"reason": "a Monday", "date": "2023-05-08"}).status_code == 200
    merged = []
    real = query._merge
    monkeypatch.setattr(query, "_merge", lambda *a: merged.append(1) or real(*a))
    for params in ({"by": "plover", "since": "2023-05-10"}, {"by": "week", "until": "2023-05-09", "split": "plover"}):
        got = client.get("/api/v1/stats", params=params).json()
        assert got == _facts_only(client, params, monkeypatch)
        # one march on each side of the bound
        assert sum(r["n"] for r in got["rows"] if r.get("split", r["key"]) == "PROTEST") == 1
    assert len(merged) == 2
    total = sum(r["n"] for r in client.get("/api/v1/stats?by=plover").json()["rows"])
    assert total == client.get("/api/v1/events?count=true").json()["total"] == _rollup_rows(filled)[1]


@pytest.mark.parametrize("by", ["day", "admin1", "cell"])
def test_groupings_the_rollup_lacks_read_the_facts(client, by):
    from sitroom.store import rollup

    assert not rollup.servable(type("F", (), {"admin1": None, "bbox": None, "acled_sub_event_type": None,
                                              "actor": None, "incident": None, "min_fatalities": None, "q": None,
                                              "include_wrong": False, "corrected": False, "article": None})(),
                               by, "none")
    assert client.get("/api/v1/stats", params={"by": by}).status_code == 200

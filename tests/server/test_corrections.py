"""Corrections: token checks, audit trail, revert, effect on filters and exports, re-extraction."""
from __future__ import annotations

import csv
import io
import json

import pytest

from tests.server.conftest import AUTH, TOKEN
from tests.server.fixtures import article_one


def _event(client, article, event_id):
    items = client.get(f"/api/v1/events?article={article}&include_wrong=true").json()["items"]
    return next(i for i in items if i["event_id"] == event_id)


def _acled(client, **params):
    resp = client.get("/api/v1/export", params={"format": "acled", **params})
    assert resp.status_code == 200
    return list(csv.DictReader(io.StringIO(resp.text)))


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-wrong-token"},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}])
def test_writes_need_the_bearer_token(client, headers):
    ev = _event(client, "art-kidal", "E1")
    resp = client.patch(f"/api/v1/events/{ev['id']}", json={"reason": "x", "fatalities": 3}, headers=headers)
    assert resp.status_code == 401 and resp.headers["www-authenticate"] == "Bearer"
    assert _event(client, "art-kidal", "E1")["fatalities"] == 12


def test_a_correction_is_recorded_applied_and_reverted(client):
    ev = _event(client, "art-kidal", "E1")
    resp = client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={
        "reason": "the governor's later statement gives 15", "fatalities": 15, "plover": "COERCE",
        "place": {"name": "Kidal airport", "lat": 18.45, "lon": 1.35, "country": "ML"}})
    assert resp.status_code == 200, resp.text
    corr = resp.json()["correction"]
    assert corr["author"] == "maria" and corr["reason"].startswith("the governor")
    assert corr["before"] == {"fatalities": 12, "plover": "ASSAULT",
                              "place": {"name": "Kidal", "lat": 18.44, "lon": 1.41, "country": "MLI",
                                        "admin1": None}}
    assert corr["after"]["fatalities"] == 15 and corr["after"]["place"]["country"] == "MLI"
    assert corr["created"]
    now = _event(client, "art-kidal", "E1")
    assert now["fatalities"] == 15 and now["plover"] == "COERCE" and now["quad_class"] == "MATERIAL_CONFLICT"
    assert sorted(now["corrected"]) == ["fatalities", "place", "plover"]
    assert now["place"]["name"] == "Kidal airport"
    # filters and stats see the corrected values
    assert now["id"] in {i["id"] for i in client.get("/api/v1/events?plover=COERCE").json()["items"]}
    assert now["id"] not in {i["id"] for i in client.get("/api/v1/events?plover=ASSAULT").json()["items"]}
    assert now["id"] in {i["id"] for i in client.get("/api/v1/events?min_fatalities=15").json()["items"]}
    assert now["id"] in {i["id"] for i in client.get("/api/v1/events?corrected=true").json()["items"]}
    detail = client.get(f"/api/v1/events/{ev['id']}").json()
    assert detail["extracted"]["fatalities"] == 12
    # a second change, then undo the first: the second survives
    client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={"reason": "typo", "target_actor": "townspeople"})
    history = client.get(f"/api/v1/events/{ev['id']}/history").json()["items"]
    assert [h["state"] for h in history] == ["active", "active"]
    undo = client.post(f"/api/v1/corrections/{history[0]['id']}/revert", headers=AUTH, json={"reason": "wrong call"})
    assert undo.status_code == 200 and undo.json()["correction"]["reverts"] == history[0]["id"]
    now = _event(client, "art-kidal", "E1")
    assert now["fatalities"] == 12 and now["plover"] == "ASSAULT" and now["place"]["name"] == "Kidal"
    assert now["target_actor"] == "townspeople" and now["corrected"] == ["target_actor"]
    history = client.get(f"/api/v1/events/{ev['id']}/history").json()["items"]
    assert [h["state"] for h in history] == ["reverted", "active", "revert"]
    again = client.post(f"/api/v1/corrections/{history[0]['id']}/revert", headers=AUTH, json={"reason": "twice"})
    assert again.status_code == 409


@pytest.mark.parametrize("body", [
    {"fatalities": 3}, {"reason": "", "fatalities": 3}, {"reason": "x", "fatalities": -1},
    {"reason": "x", "plover": "BOMBING"}, {"reason": "x", "date": "2024-02-30"}, {"reason": "x", "date": "March"},
    {"reason": "x", "place": {"name": "Nowhere", "lat": 91, "lon": 0}}, {"reason": "x", "place": {"name": "X"}},
    {"reason": "x", "acled_event_type": "Battles", "acled_sub_event_type": "Peaceful protest"},
    {"reason": "x", "status": "duplicate"}, {"reason": "x"}, {"reason": "x", "colour": "red"},
    {"reason": "x", "fatalities": 12}, {"reason": "x", "source_actor": "a\x00b"},
])
def test_bad_corrections_are_refused_and_change_nothing(client, body):
    ev = _event(client, "art-kidal", "E1")
    resp = client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json=body)
    assert resp.status_code == 422, (body, resp.text)
    assert resp.json()["error"]["message"]
    assert client.get(f"/api/v1/events/{ev['id']}/history").json()["items"] == []


def test_wrong_and_duplicate_events_leave_lists_and_exports(client):
    e1, e2 = _event(client, "art-kidal", "E1"), _event(client, "art-kidal", "E2")
    resp = client.patch(f"/api/v1/events/{e2['id']}", headers=AUTH,
                        json={"reason": "same as E1", "status": "duplicate", "duplicate_of": e1["id"]})
    assert resp.status_code == 200
    listed = {i["id"] for i in client.get("/api/v1/events?limit=500").json()["items"]}
    assert e2["id"] not in listed and e1["id"] in listed
    assert _event(client, "art-kidal", "E2")["status"] == "duplicate"
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export?format=csv").text)))
    assert str(e2["id"]) not in {r["id"] for r in rows}


def test_corrections_reach_the_acled_export_and_say_so(client, filled):
    ev = _event(client, "art-kidal", "E1")
    before = [r for r in _acled(client) if r["tags"] == f"sitroom:I{ev['incident']}"]
    assert before and before[0]["fatalities"] == "12"
    client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={"reason": "later toll", "fatalities": 19})
    client.patch(f"/api/v1/incidents/{ev['incident']}", headers=AUTH,
                 json={"reason": "ACLED codes this as a clash", "acled_event_type": "Battles",
                       "acled_sub_event_type": "Armed clash"})
    row = next(r for r in _acled(client) if r["tags"].startswith(f"sitroom:I{ev['incident']};"))
    assert row["fatalities"] == "19" and row["event_type"] == "Battles" and row["sub_event_type"] == "Armed clash"
    assert row["tags"] == f"sitroom:I{ev['incident']}; corrected:event_type,fatalities,sub_event_type"
    # the CLI's export reads the same corrections
    from sitroom.store import Store
    from sitroom.store import export as store_export

    with Store.open(filled) as store, store.engine.connect() as conn:
        out = io.StringIO()
        store_export.write_acled(conn, out)
        cli_row = next(r for r in csv.DictReader(io.StringIO(out.getvalue()))
                       if r["tags"].startswith(f"sitroom:I{ev['incident']};"))
        assert cli_row["fatalities"] == "19" and cli_row["event_type"] == "Battles"
        out = io.StringIO()
        store_export.write_events_csv(conn, out)
        ev_row = next(r for r in csv.DictReader(io.StringIO(out.getvalue()))
                      if (r["article_id"], r["event_id"]) == ("art-kidal", "E1"))
        assert ev_row["corrected"] == "fatalities"
        out = io.StringIO()
        store_export.write_records(conn, out)
        rec = next(json.loads(line) for line in out.getvalue().splitlines() if '"art-kidal"' in line[:40])
        e1 = next(e for e in rec["events"] if e["id"] == "E1")
        assert e1["correction"]["values"]["fatalities"] == 19 and e1["correction"]["extracted"]["fatalities"] == 12


def test_an_incident_marked_wrong_leaves_the_acled_export(client):
    ev = _event(client, "art-kharkiv", "E1")
    assert any(r["tags"] == f"sitroom:I{ev['incident']}" for r in _acled(client))
    resp = client.patch(f"/api/v1/incidents/{ev['incident']}", headers=AUTH, json={"reason": "no", "status": "wrong"})
    assert resp.status_code == 200 and resp.json()["incident"]["status"] == "wrong"
    assert not any(r["tags"].startswith(f"sitroom:I{ev['incident']}") for r in _acled(client))
    assert client.get(f"/api/v1/incidents/{ev['incident']}/history").json()["items"][0]["after"] == {"status": "wrong"}


def test_an_event_can_be_split_into_a_new_incident_and_moved_back(client):
    ev = _event(client, "art-kharkiv", "E2")
    old = ev["incident"]
    resp = client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={"reason": "separate arrest",
                                                                          "incident": "new"})
    assert resp.status_code == 200, resp.text
    new = resp.json()["event"]["incident"]
    assert new != old
    inc = client.get(f"/api/v1/incidents/{new}").json()
    assert [e["id"] for e in inc["events"]] == [ev["id"]] and inc["n_events"] == 1
    assert "arrested" in inc["claims"]  # its figure's claim moved with it
    assert ev["id"] not in {e["id"] for e in client.get(f"/api/v1/incidents/{old}").json()["events"]}
    cid = resp.json()["correction"]["id"]
    client.post(f"/api/v1/corrections/{cid}/revert", headers=AUTH, json={"reason": "same incident after all"})
    assert _event(client, "art-kharkiv", "E2")["incident"] == old
    assert client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH,
                        json={"reason": "x", "incident": 999999}).status_code == 409


def _reextract(db_url, record, text):
    """What a newer pipeline does to a stored article: its rows go, the new record is stored."""
    import sqlalchemy as sa

    from sitroom.store import Store
    from sitroom.store import schema as t

    with Store.open(db_url) as store:
        with store.transaction() as conn:
            conn.execute(sa.delete(t.articles).where(t.articles.c.id == record["id"]))
        store.add(record, text=text)


def test_re_extraction_keeps_the_analysts_corrections(client, filled):
    ev = _event(client, "art-kidal", "E1")
    client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={"reason": "toll", "fatalities": 20})
    record, text = article_one()
    record["events"] = [record["events"][1], record["events"][0]]   # new order, new local ids
    record["events"][0]["id"], record["events"][1]["id"] = "E1", "E2"
    record["events"][1]["plover"] = "COERCE"                      # and the newer coder disagrees on the type
    record["figures"][0]["event"] = "E2"
    record["events"][1]["figures"] = ["F1"]
    _reextract(filled, record, text)
    moved = _event(client, "art-kidal", "E2")
    assert moved["id"] != ev["id"] and moved["trigger"] == "shelled"
    assert moved["fatalities"] == 20 and moved["corrected"] == ["fatalities"]
    history = client.get(f"/api/v1/events/{moved['id']}/history").json()["items"]
    assert len(history) == 1 and history[0]["event_id"] == "E2" and history[0]["conflict"] is None


def test_re_extraction_reports_a_conflict(client, filled):
    ev = _event(client, "art-kidal", "E1")
    client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={"reason": "toll", "fatalities": 20})
    ev3 = _event(client, "art-kidal", "E3")
    client.patch(f"/api/v1/events/{ev3['id']}", headers=AUTH, json={"reason": "it is a threat", "plover": "THREATEN"})
    record, text = article_one()
    record["figures"][0]["value"] = record["figures"][0]["low"] = record["figures"][0]["high"] = 14
    record["events"] = record["events"][:2]       # the newer pipeline no longer finds E3
    _reextract(filled, record, text)
    e1 = _event(client, "art-kidal", "E1")
    assert e1["fatalities"] == 20                 # the analyst's value wins ...
    conflicts = client.get("/api/v1/corrections?conflicts=true").json()["items"]
    notes = {c["event_id"]: c for c in conflicts}
    assert "fatalities=14" in notes["E1"]["conflict"]   # ... and the disagreement is reported
    assert notes["E3"]["state"] == "conflict" and "no event" in notes["E3"]["conflict"]

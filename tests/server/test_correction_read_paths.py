"""Corrections reach every read path (store reads, ``sitroom query``, exports), survive a
rebuild of the incidents, and fail with the coded errors of sitroom.errors."""
from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from tests.server.conftest import AUTH


def _pk(conn, article, event_id):
    from sitroom.store import schema as t

    e = t.events
    return conn.execute(sa.select(e.c.id).where(e.c.article_id == article, e.c.event_id == event_id)).scalar_one()


def _incident_of(conn, pk):
    from sitroom.store import schema as t

    ie = t.incident_events
    return conn.execute(sa.select(ie.c.incident_id).where(ie.c.event_pk == pk)).scalar_one()


def _by_event(rows):
    return {(r["article_id"], r["event_id"]): r for r in rows}


def test_store_reads_and_sitroom_query_use_corrected_values(filled):
    from click.testing import CliRunner

    from sitroom.cli import cli
    from sitroom.store import Store, corrections, read

    with Store.open(filled) as store:
        with store.transaction() as conn:
            e1, e2 = _pk(conn, "art-kidal", "E1"), _pk(conn, "art-kidal", "E2")
            corrections.correct_event(conn, e1, {"fatalities": 15, "plover": "COERCE", "date": "2024-03-05"},
                                      reason="the later statement", author="maria")
            corrections.correct_event(conn, e2, {"status": "wrong"}, reason="not an event")
        with store.engine.connect() as conn:
            rows = _by_event(read.events(conn, read.Filters()))
            assert ("art-kidal", "E2") not in rows  # marked wrong: left out, as in the API
            row = rows[("art-kidal", "E1")]
            assert (row["fatalities"], row["plover"], row["date"]) == (15, "COERCE", "2024-03-05")
            assert row["corrected"] == "date,fatalities,plover"
            assert rows[("art-kidal", "E3")]["corrected"] == ""
            # filters match the corrected values, not the extracted ones
            assert ("art-kidal", "E1") in _by_event(read.events(conn, read.Filters(type="COERCE")))
            assert ("art-kidal", "E1") not in _by_event(read.events(conn, read.Filters(type="ASSAULT")))
            assert set(_by_event(read.events(conn, read.Filters(min_fatalities=13)))) == {("art-kidal", "E1")}
            assert ("art-kidal", "E1") not in _by_event(read.events(conn, read.Filters(since="2024-03-06")))
            assert read.count_events(conn, read.Filters()) == len(rows)
    result = CliRunner().invoke(cli, ["query", "--db", filled, "--format", "csv"])
    assert result.exit_code == 0, result.output
    out = _by_event(csv.DictReader(io.StringIO(result.stdout)))
    assert out[("art-kidal", "E1")]["fatalities"] == "15" and out[("art-kidal", "E1")]["plover"] == "COERCE"
    assert out[("art-kidal", "E1")]["corrected"] == "date,fatalities,plover"
    assert ("art-kidal", "E2") not in out
    table = CliRunner().invoke(cli, ["query", "--db", filled, "--type", "COERCE"])
    assert "corrected" in table.output and "shelled" in table.output


def test_incident_reads_use_the_incident_corrections(filled):
    from sitroom.store import Store, corrections, read

    with Store.open(filled) as store:
        with store.transaction() as conn:
            kidal = _incident_of(conn, _pk(conn, "art-kidal", "E1"))
            kharkiv = _incident_of(conn, _pk(conn, "art-kharkiv", "E1"))
            corrections.correct_incident(conn, kidal, {"fatalities": 30, "plover": "COERCE"}, reason="toll")
            corrections.correct_incident(conn, kharkiv, {"status": "wrong"}, reason="no such march")
        with store.engine.connect() as conn:
            found = {r["id"]: r for r in read.incidents(conn, read.Filters())}
            assert kharkiv not in found
            assert found[kidal]["fatalities"] == 30 and found[kidal]["plover"] == "COERCE"
            assert found[kidal]["corrected"] == "fatalities,plover"
            assert kidal in {r["id"] for r in read.incidents(conn, read.Filters(type="COERCE"))}
            assert kidal not in {r["id"] for r in read.incidents(conn, read.Filters(type="ASSAULT"))}
            assert [r["id"] for r in read.incidents(conn, read.Filters(min_fatalities=25))] == [kidal]
            assert read.count_incidents(conn, read.Filters()) == len(found)
            one = read.incident(conn, kidal)
            assert one["fatalities"] == 30 and one["corrected"] == ["fatalities", "plover"]
            assert read.incident(conn, kharkiv)["status"] == "wrong"


def test_rebuilding_incidents_keeps_moves_splits_and_incident_corrections(filled):
    from sitroom.store import Store, corrections, read

    with Store.open(filled) as store:
        with store.transaction() as conn:
            split, stays = _pk(conn, "art-kharkiv", "E2"), _pk(conn, "art-kharkiv", "E1")
            moved, host = _pk(conn, "art-kharkiv", "E3"), _pk(conn, "art-kidal", "E1")
            assert _incident_of(conn, split) == _incident_of(conn, stays)  # clustered together
            corrections.correct_event(conn, split, {"incident": "new"}, reason="a separate arrest")
            corrections.correct_event(conn, moved, {"incident": _incident_of(conn, host)}, reason="test move")
            corrections.correct_incident(conn, _incident_of(conn, host), {"fatalities": 30}, reason="toll")
        store.rebuild_incidents()
        with store.engine.connect() as conn:
            assert _incident_of(conn, split) != _incident_of(conn, stays)
            assert _incident_of(conn, moved) == _incident_of(conn, host)
            new_host = _incident_of(conn, host)
            assert read.incident(conn, new_host)["fatalities"] == 30
            assert corrections.conflicts(conn) == []
            history = corrections.history(conn, incident_id=new_host)
            assert [h["after"] for h in history] == [{"fatalities": 30}]
            split_corr = corrections.history(conn, event_pk=split)[0]
            assert split_corr["after"]["incident"] == _incident_of(conn, split)


def test_rebuilding_reports_an_incident_correction_it_cannot_place(filled):
    from sitroom.store import Store, corrections, read
    from sitroom.store import schema as t

    with Store.open(filled) as store:
        with store.transaction() as conn:
            hostile = _incident_of(conn, _pk(conn, "art-hostile", "E1"))
            corrections.correct_incident(conn, hostile, {"fatalities": 2}, reason="toll")
            conn.execute(sa.delete(t.articles).where(t.articles.c.id == "art-hostile"))
        store.rebuild_incidents()
        with store.engine.connect() as conn:
            [conflict] = corrections.conflicts(conn)
            assert conflict["state"] == "conflict" and "no new incident holds" in conflict["conflict"]
            assert all(r["fatalities"] != 2 for r in read.incidents(conn, read.Filters()))


def test_correction_errors_are_the_coded_errors(client, filled):
    from sitroom import errors
    from sitroom.store import Store, corrections

    assert errors.ERROR_CODES["correction_conflict"] is errors.CorrectionConflict
    with Store.open(filled) as store, store.transaction() as conn:
        with pytest.raises(errors.NotFound) as missing:
            corrections.revert(conn, 424242, reason="no such correction")
        assert missing.value.code == "not_found" and missing.value.context == {"correction": 424242}
        with pytest.raises(errors.NotFound):
            corrections.correct_event(conn, 424242, {"fatalities": 1}, reason="x")
    resp = client.get("/api/v1/events/424242")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
    resp = client.post("/api/v1/corrections/424242/revert", headers=AUTH, json={"reason": "x"})
    assert resp.status_code == 404
    assert resp.json()["error"] == {"code": "not_found", "message": "no correction 424242", "correction": 424242}
    ev = next(i for i in client.get("/api/v1/events?article=art-kidal").json()["items"] if i["event_id"] == "E1")
    resp = client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={"reason": "x", "incident": 999999})
    assert resp.status_code == 409
    assert resp.json()["error"]["code"] == "correction_conflict" and resp.json()["error"]["incident"] == 999999
    resp = client.patch(f"/api/v1/events/{ev['id']}", headers=AUTH, json={"reason": "x", "plover": "NOPE"})
    assert resp.status_code == 422 and resp.json()["error"] == {
        "code": "invalid_field", "message": resp.json()["error"]["message"], "field": "plover"}

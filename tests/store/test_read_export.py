"""Querying and exporting a store, through the library and the CLI."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.store import read
from sitroom.store.export import ACLED_COLUMNS
from tests.incidents.records import Rec
from tests.incidents.scenarios import market_attack


def _syria() -> Rec:
    r = Rec("syr", "Government forces shelled Douma on 21 August 2013, killing at least 40, activists said.",
            published="2013-08-22", source="Wire")
    army = r.actor("Government forces", name="Syrian Arab Army", kind="military", country="SYR")
    civ = r.actor("activists", kind="civilians")
    p = r.place("Douma", 33.57, 36.4, "SYR")
    f = r.figure("at least 40", "killed", 40, low=40, qualifier="at_least", said_by="activists")
    r.event("shelled", plover="ASSAULT", date="2013-08-21", place=p, source=army, target=civ, figures=[f],
            acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    return r


@pytest.fixture
def filled(store):
    for r in (market_attack("ng1"), market_attack("ng2", toll=14, said_by="police", published="2024-05-04",
                                                  source="Radio Kano"), _syria()):
        store.add(r.done(), text=r.text)
    undated = Rec("plain", "Parliament debated the budget in Accra.")
    store.add(undated.done(), text=undated.text)
    return store


def _events(store, **kw):
    with store.engine.connect() as conn:
        return list(read.events(conn, read.Filters(**kw)))


def test_event_filters(filled):
    assert {e["article_id"] for e in _events(filled)} == {"ng1", "ng2", "syr"}
    assert {e["article_id"] for e in _events(filled, country="Syria")} == {"syr"}
    assert {e["article_id"] for e in _events(filled, country="NG")} == {"ng1", "ng2"}
    assert {e["article_id"] for e in _events(filled, since="2024-01-01")} == {"ng1", "ng2"}
    assert {e["article_id"] for e in _events(filled, until="2013-12-31")} == {"syr"}
    assert {e["article_id"] for e in _events(filled, actor="syrian arab")} == {"syr"}
    assert {e["article_id"] for e in _events(filled, type="Battles")} == set()
    assert {e["article_id"] for e in _events(filled, type="shelling/artillery/missile attack")} == {"syr"}
    assert {e["article_id"] for e in _events(filled, type="assault", text="motorcycles police")} == {"ng2"}
    assert len(_events(filled, limit=1)) == 1
    first = _events(filled)[0]
    assert first["article_id"] in ("ng1", "ng2") and first["incident_id"] is not None


def test_incident_filters(filled):
    with filled.engine.connect() as conn:
        found = list(read.incidents(conn, read.Filters(country="NGA")))
        assert len(found) == 1 and found[0]["n_documents"] == 2
        assert [i["plover"] for i in read.incidents(conn, read.Filters(actor="gunmen"))] == ["ASSAULT"]
        assert len(list(read.incidents(conn, read.Filters(text="budget")))) == 1


def _run(args):
    result = CliRunner(env={"COLUMNS": "250"}).invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_acled_export_has_acled_columns(filled, db_url, tmp_path):
    out = tmp_path / "acled.csv"
    _run(["export", "--db", db_url, "--format", "acled", "--output", str(out)])
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert len(rows) == 2  # two incidents with events; the eventless article is not an ACLED event
    syr = next(r for r in rows if r["country"] == "Syria")  # as ACLED writes it
    assert syr["region"] == "Middle East"
    assert syr["event_id_cnty"].startswith("SYR") and syr["iso"] == "760"
    assert (syr["event_date"], syr["year"], syr["time_precision"]) == ("2013-08-21", "2013", "1")
    assert (syr["event_type"], syr["disorder_type"]) == ("Explosions/Remote violence", "Political violence")
    assert (syr["actor1"], syr["inter1"], syr["actor2"], syr["inter2"], syr["interaction"]) == (
        "Syrian Arab Army", "1", "activists", "7", "17")
    assert syr["civilian_targeting"] == "Civilian targeting" and syr["fatalities"] == "40"
    assert float(syr["latitude"]) == pytest.approx(33.57) and syr["location"] == "Douma"
    ng = next(r for r in rows if r["country"] == "Nigeria")
    assert ng["fatalities"] == "14" and "Daily Wire" in ng["source"] and "Radio Kano" in ng["source"]


def test_geojson_csv_and_jsonl_exports(filled, db_url, tmp_path):
    geo = json.loads(_run(["export", "--db", db_url, "--format", "geojson"]).stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    events = list(csv.DictReader(io.StringIO(_run(["export", "--db", db_url, "--format", "csv"]).stdout)))
    assert {e["article_id"] for e in events} == {"ng1", "ng2", "syr"}
    records = [json.loads(x) for x in _run(["export", "--db", db_url, "--with-text"]).stdout.splitlines()]
    assert [r["id"] for r in records] == ["ng1", "ng2", "syr", "plain"] and all("text" in r for r in records)
    incidents = [json.loads(x) for x in _run(["export", "--db", db_url, "--incidents"]).stdout.splitlines()]
    assert {tuple(i["documents"]) for i in incidents} >= {("ng1", "ng2"), ("syr",)}
    assert all({"id", "documents", "events", "plover", "date", "place"} <= set(i) for i in incidents)


def test_query_and_show_commands(filled, db_url):
    table = _run(["query", "--db", db_url, "--country", "SYR"]).stdout
    assert "shelled" in table and "attacked" not in table
    lines = _run(["query", "--db", db_url, "--type", "ASSAULT", "--format", "jsonl"]).stdout.splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["plover"] == "ASSAULT"
    inc = _run(["query", "--db", db_url, "--incidents", "--country", "Nigeria", "--format", "jsonl"]).stdout
    iid = json.loads(inc.splitlines()[0])["id"]
    assert iid.startswith("I")  # the id every output uses
    shown = _run(["incidents", "--db", db_url, "--show", iid]).stdout
    assert "killed: 12 (Daily Wire, 3 May) -> 14 (police, 4 May)" in shown
    bad = CliRunner().invoke(cli, ["query", "--db", db_url, "--since", "yesterday"])
    assert bad.exit_code != 0

"""`sitroom query` as an analyst uses it: paging, sorting, formats, filters, tables that fit."""
from __future__ import annotations

import csv
import io
import json

import pytest

from sitroom.cli import exits
from tests.cli.helpers import make_store, sitroom
from tests.incidents.records import Rec
from tests.incidents.scenarios import market_attack


def _houthis() -> Rec:
    r = Rec("yem", "Ansar Allah fighters fired a missile at a cargo ship in the Red Sea on Wednesday, killing "
                   "three crew members, the group said.", published="2024-03-07", source="Gulf Wire")
    h = r.actor("Ansar Allah fighters", name="Houthis", kind="armed_group", country="YEM")
    f = r.figure("three crew members", "killed", 3)
    r.event("fired", date="2024-03-06", source=h, figures=[f],
            acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    r.events[-1]["attribution"]["certainty"] = "claimed"
    return r


def _shabaab() -> Rec:
    r = Rec("som", "Al Shabaab militants stormed an army base near Baidoa on Thursday, and twenty soldiers died "
                   "in the fighting, officers said.", published="2024-02-02", source="Radio Mogadishu")
    s = r.actor("Al Shabaab militants", name="al-Shabaab", kind="armed_group", country="SOM")
    army = r.actor("army", name="Somali military", kind="military", country="SOM")
    p = r.place("Baidoa", 3.11, 43.65, "SOM")
    f = r.figure("twenty soldiers", "killed", 20)
    r.event("stormed", date="2024-02-01", place=p, source=s, target=army, figures=[f],
            acled=("Battles", "Armed clash"))
    return r


def _syria() -> Rec:
    r = Rec("syr", "Government forces shelled Douma on 21 August 2013, killing at least 40, activists said.",
            published="2013-08-22", source="Wire")
    army = r.actor("Government forces", name="Syrian Arab Army", kind="military", country="SYR")
    p = r.place("Douma", 33.57, 36.4, "SYR")
    f = r.figure("at least 40", "killed", 40, low=40, qualifier="at_least")
    r.event("shelled", date="2013-08-21", place=p, source=army, figures=[f],
            acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    return r


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "store.sqlite"
    make_store(path, [_houthis(), _shabaab(), market_attack("ng1"), _syria()])
    return str(path)


def _jsonl(db, *args):
    run = sitroom("query", "--db", db, "--format", "jsonl", *args)
    assert run.rc == exits.OK, run.err
    return [json.loads(line) for line in run.out.splitlines()], run


def test_paging_says_how_many_there_are(db):
    full = sitroom("query", "--db", db)
    assert full.rc == exits.OK and "4 events" in full.out and "showing" not in full.out
    page = sitroom("query", "--db", db, "--limit", "2")
    assert "showing 2 of 4 events" in page.out
    rest = sitroom("query", "--db", db, "--limit", "2", "--offset", "2")
    assert "showing 3-4 of 4 events" in rest.out
    rows, run = _jsonl(db, "--limit", "3")
    assert len(rows) == 3 and "query: showing 3 of 4 events" in run.err  # machine formats say it on stderr
    first, _ = _jsonl(db, "--limit", "2")
    second, _ = _jsonl(db, "--limit", "2", "--offset", "2")
    assert {r["event"] for r in first}.isdisjoint(r["event"] for r in second)
    assert len({r["event"] for r in first + second}) == 4


def test_sorting(db):
    newest, _ = _jsonl(db)
    assert [r["article_id"] for r in newest] == ["ng1", "yem", "som", "syr"]
    oldest, _ = _jsonl(db, "--sort", "oldest")
    assert [r["article_id"] for r in oldest] == ["syr", "som", "yem", "ng1"]
    deadliest, _ = _jsonl(db, "--sort", "fatalities")
    assert [(r["article_id"], r["fatalities"]) for r in deadliest] == [("syr", 40), ("som", 20), ("ng1", 12),
                                                                         ("yem", 3)]


def test_actor_by_every_alias_of_the_dictionary(db):
    for alias in ("Ansar Allah", "ansarallah", "Houthi", "houthis"):
        rows, _ = _jsonl(db, "--actor", alias)
        assert [r["article_id"] for r in rows] == ["yem"], alias
    for alias in ("al Shabaab", "Al-Shabab", "Harakat al-Shabaab al-Mujahideen", "shabaab"):
        rows, _ = _jsonl(db, "--actor", alias)
        assert [r["article_id"] for r in rows] == ["som"], alias
    rows, _ = _jsonl(db, "--actor", "Syrian Arab Republic")  # a state alias finds "Syrian Arab Army"
    assert [r["article_id"] for r in rows] == ["syr"]
    rows, _ = _jsonl(db, "--actor", "Hezbollah")
    assert rows == []


def test_fatalities_outlet_and_certainty_filters(db):
    rows, _ = _jsonl(db, "--min-fatalities", "15")
    assert sorted(r["article_id"] for r in rows) == ["som", "syr"]
    rows, _ = _jsonl(db, "--outlet", "radio mog")
    assert [r["article_id"] for r in rows] == ["som"]
    rows, _ = _jsonl(db, "--certainty", "claimed")
    assert [r["article_id"] for r in rows] == ["yem"]
    rows, _ = _jsonl(db, "--incidents", "--min-fatalities", "15", "--sort", "fatalities")
    assert [(r["country"], r["fatalities"]) for r in rows] == [("SYR", 40), ("SOM", 20)]


def test_incidents_newest_first_with_the_ids_every_output_uses(db, tmp_path):
    rows, _ = _jsonl(db, "--incidents")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True) and all(r["id"].startswith("I") for r in rows)
    events, _ = _jsonl(db)
    ids = {r["incident_id"] for r in events}
    assert ids == {r["id"] for r in rows}
    csv_rows = list(csv.DictReader(io.StringIO(sitroom("export", "--db", db, "--format", "csv").out)))
    assert {r["incident_id"] for r in csv_rows} == ids
    acled = list(csv.DictReader(io.StringIO(sitroom("export", "--db", db, "--format", "acled").out)))
    assert {r["tags"].removeprefix("sitroom:") for r in acled} == ids
    geo = json.loads(sitroom("export", "--db", db, "--format", "geojson").out)
    assert {f["properties"]["id"] for f in geo["features"]} <= ids
    lines = sitroom("export", "--db", db, "--format", "jsonl", "--incidents").out.splitlines()
    assert {json.loads(x)["id"] for x in lines} == ids
    shown = sitroom("incidents", "--db", db, "--show", sorted(ids)[0])
    assert shown.rc == exits.OK


def test_csv_format(db):
    run = sitroom("query", "--db", db, "--format", "csv", "--sort", "fatalities")
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert [r["fatalities"] for r in rows] == ["40", "20", "12", "3"]
    assert rows[0]["incident_id"].startswith("I") and rows[0]["source_actor"] == "Syrian Arab Army"
    inc = list(csv.DictReader(io.StringIO(sitroom("query", "--db", db, "--incidents", "--format", "csv").out)))
    assert len(inc) == 4 and {"id", "date", "fatalities", "n_documents"} <= set(inc[0])


@pytest.mark.parametrize("incidents", [False, True])
def test_tables_fit_80_columns_and_never_cut_an_id(db, incidents):
    args = ["--incidents"] if incidents else []
    run = sitroom("query", "--db", db, *args, env={"COLUMNS": "80"})
    assert run.rc == exits.OK
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    rows, _ = _jsonl(db, *args)
    for r in rows:
        wanted = r["id"] if incidents else r["event"]
        assert any(wanted in line.split() for line in lines), wanted
    if not incidents:
        for shown in ("Baidoa (SOM)", "Armed clash"):  # the place and the ACLED type
            assert shown in run.out


def test_a_wide_terminal_gets_a_column_each(db):
    run = sitroom("query", "--db", db, env={"COLUMNS": "160"})
    header = next(line for line in run.out.splitlines() if line.startswith("event"))
    assert header.split() == ["event", "date", "what", "who", "place", "killed", "incident"]

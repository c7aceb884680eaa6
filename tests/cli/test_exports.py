"""Exports an analyst can open and trust: ACLED-style CSV, GeoJSON and the events CSV, written
by `sitroom export` from a real SQLite store and read back as a spreadsheet would."""
from __future__ import annotations

import csv
import io
import json

import pytest

from sitroom.cli import exits
from sitroom.store.export import ACLED_COLUMNS, defuse, evidence_sentence
from tests.cli.helpers import make_store, sitroom
from tests.incidents.records import Rec


def _kabul() -> Rec:
    r = Rec("kbl", "KABUL, Aug. 26, 2021 (AP) — Two suicide bombers struck crowds outside Kabul airport on "
                   "Thursday, killing at least 60 Afghans.\nHe said the death toll was still rising. U.S. officials "
                   "blamed the Islamic State group.", published="2021-08-26", source="AP")
    isis = r.actor("the Islamic State group", name="Islamic State", kind="armed_group")
    civ = r.actor("Afghans", name="Afghan civilians", kind="civilians", country="AFG")
    p = r.place("Kabul", 34.53, 69.17, "AFG")
    f = r.figure("at least 60", "killed", 60, low=60, qualifier="at_least")
    r.event("struck", date="2021-08-26", place=p, source=isis, target=civ, figures=[f],
            acled=("Explosions/Remote violence", "Suicide bomb"))
    return r


def _undated_pronoun() -> Rec:
    text = "He opened fire on the police post in Mandera, residents said.\nNo group has claimed it."
    r = Rec("mdr", text, published="2024-04-02", url="https://www.standard.example/mandera-attack")
    police = r.actor("police", name="Kenyan police", kind="police", country="KEN")
    p = r.place("Mandera", 3.94, 41.86, "KEN")
    r.event("opened fire", place=p, target=police, acled=("Battles", "Armed clash"))
    r.events[-1]["source"] = {"actor": None, **r.span("He")}  # a pronoun the article never resolved
    return r


def _foreign_forces() -> Rec:
    r = Rec("idl", "Russian warplanes bombed a market in Idlib in January 2024, a monitor said.",
            published="2024-02-10", source="Monitor Weekly")
    ru = r.actor("Russian warplanes", name="Russian military", kind="military", country="RUS")
    p = r.place("Idlib", 35.93, 36.63, "SYR")
    r.event("bombed", date="2024-01", place=p, source=ru, acled=("Explosions/Remote violence", "Air/drone strike"))
    return r


def _protest() -> Rec:
    r = Rec("nrb", "Thousands marched through Nairobi on Tuesday against the finance bill.",
            published="2024-06-25", source="=HYPERLINK(\"http://evil.example\",\"click\")")
    p = r.place("Nairobi", -1.29, 36.82, "KEN")
    r.event("marched", plover="PROTEST", quad="VERBAL_CONFLICT", date="2024-06-25", place=p,
            acled=("Protests", "Peaceful protest"))
    return r


def _hostile_actor() -> Rec:
    r = Rec("inj", "@SUM(1+1) gunmen raided a village in Borno on Monday, killing five farmers.",
            published="2024-07-02", source="-2+3")
    g = r.actor("@SUM(1+1) gunmen", name="@SUM(1+1)", kind="armed_group", country="NGA")
    p = r.place("Borno", 11.5, 13.0, "NGA", feature="admin1")
    f = r.figure("five farmers", "killed", 5)
    r.event("raided", date="2024-07-01", place=p, source=g, figures=[f], acled=("Violence against civilians",
                                                                               "Attack"))
    return r


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "store.sqlite"
    make_store(path, [_kabul(), _undated_pronoun(), _foreign_forces(), _protest(), _hostile_actor()])
    return str(path)


def _acled(db, *args) -> dict[str, dict[str, str]]:
    run = sitroom("export", "--db", db, "--format", "acled", *args)
    assert run.rc == exits.OK, run.err
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    return {r["location"]: r for r in rows}


def test_acled_rows_as_acled_writes_them(db):
    rows = _acled(db)
    kabul = rows["Kabul"]
    assert (kabul["event_date"], kabul["year"], kabul["time_precision"]) == ("2021-08-26", "2021", "1")
    assert (kabul["actor1"], kabul["inter1"], kabul["actor2"], kabul["inter2"]) == (
        "Islamic State", "2", "Afghan civilians", "7")
    assert kabul["interaction"] == "27" and kabul["civilian_targeting"] == "Civilian targeting"
    assert (kabul["country"], kabul["region"], kabul["iso"]) == ("Afghanistan", "South Asia", "4")
    assert kabul["source"] == "AP" and kabul["fatalities"] == "60"
    # the evidence sentence, without the dateline, not a list of trigger words
    assert kabul["notes"] == ("Two suicide bombers struck crowds outside Kabul airport on Thursday, killing at "
                              "least 60 Afghans.")
    assert kabul["tags"].startswith("sitroom:I") and kabul["event_id_cnty"].startswith("AFG")


def test_acled_dates_are_filled_from_the_event_or_the_article(db):
    rows = _acled(db)
    assert (rows["Mandera"]["event_date"], rows["Mandera"]["time_precision"]) == ("2024-04-02", "2")
    assert (rows["Idlib"]["event_date"], rows["Idlib"]["time_precision"]) == ("2024-01-01", "3")
    assert all(r["event_date"] and r["year"] == r["event_date"][:4] for r in rows.values())


def test_acled_actors_are_names_never_pronouns(db):
    rows = _acled(db)
    mandera = rows["Mandera"]
    assert mandera["actor1"] == "" and mandera["inter1"] == ""  # "He" is not an actor
    assert (mandera["actor2"], mandera["inter2"], mandera["interaction"]) == ("Kenyan police", "1", "10")
    assert mandera["source"] == "standard.example"  # the outlet's site, not an internal id
    assert mandera["notes"] == "He opened fire on the police post in Mandera, residents said."
    for r in rows.values():
        for col in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            assert "\n" not in r[col] and len(r[col]) < 200


def test_acled_inter_codes_follow_the_codebook(db):
    rows = _acled(db)
    idlib = rows["Idlib"]  # Russian forces in Syria: external forces
    assert (idlib["actor1"], idlib["inter1"], idlib["country"], idlib["region"]) == (
        "Russian military", "8", "Syria", "Middle East")
    nairobi = rows["Nairobi"]  # a crowd ACLED codes as protesters of the country
    assert (nairobi["actor1"], nairobi["inter1"], nairobi["interaction"]) == ("Protesters (Kenya)", "6", "60")
    assert nairobi["disorder_type"] == "Demonstrations" and nairobi["region"] == "Eastern Africa"


def test_every_csv_defuses_formulas(db, tmp_path):
    rows = _acled(db)
    borno = rows["Borno"]
    assert borno["actor1"] == "'@SUM(1+1)" and borno["source"] == "'-2+3" and borno["admin1"] == "Borno"
    assert rows["Nairobi"]["source"].startswith("'=HYPERLINK")
    assert rows["Nairobi"]["latitude"] == "-1.29"  # numbers stay numbers
    events = list(csv.DictReader(io.StringIO(sitroom("export", "--db", db, "--format", "csv").out)))
    inj = next(e for e in events if e["article_id"] == "inj")
    assert inj["source_actor"] == "'@SUM(1+1)" and inj["source"] == "'-2+3"
    queried = list(csv.DictReader(io.StringIO(sitroom("query", "--db", db, "--format", "csv").out)))
    assert next(e for e in queried if e["article_id"] == "inj")["source"] == "'-2+3"
    for cell in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "＝1"):
        assert defuse(cell).startswith("'")
    assert defuse(-1.5) == -1.5 and defuse("12 killed") == "12 killed"


def test_bom_for_excel(db, tmp_path):
    run = sitroom("export", "--db", db, "--format", "acled", "--bom", "--output", "a.csv", cwd=tmp_path)
    assert run.rc == exits.OK
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfevent_id_cnty,")
    plain = sitroom("export", "--db", db, "--format", "acled", "--output", "b.csv", cwd=tmp_path)
    assert plain.rc == exits.OK and (tmp_path / "b.csv").read_bytes().startswith(b"event_id_cnty,")


def test_users_can_rename_countries_and_regions(db, tmp_path):
    (tmp_path / "mine.json").write_text(json.dumps({"version": "desk-1", "names": {"AFG": "Afghanistan (IEA)"},
                                                    "regions": {"Central Asia": ["AFG"]}}), encoding="utf-8")
    rows = _acled(db, "--acled-countries", str(tmp_path / "mine.json"))
    assert (rows["Kabul"]["country"], rows["Kabul"]["region"]) == ("Afghanistan (IEA)", "Central Asia")
    assert rows["Idlib"]["country"] == "Syria"
    (tmp_path / "bad.json").write_text(json.dumps({"names": {"AFG": 3}}), encoding="utf-8")
    bad = sitroom("export", "--db", db, "--format", "acled", "--acled-countries", str(tmp_path / "bad.json"))
    assert bad.rc == exits.USAGE and "[data_file]" in bad.err


def test_geojson_features_carry_what_a_popup_needs(db):
    run = sitroom("export", "--db", db, "--format", "geojson")
    geo = json.loads(run.out)
    by_place = {f["properties"]["place"]: f for f in geo["features"]}
    kabul = by_place["Kabul"]
    lon, lat = kabul["geometry"]["coordinates"]
    assert (round(lon, 2), round(lat, 2)) == (69.17, 34.53)
    p = kabul["properties"]
    assert p["date"] == "2021-08-26" and p["event_date"] == "2021-08-26"
    assert (p["actor1"], p["actor2"], p["fatalities"]) == ("Islamic State", "Afghan civilians", 60)
    assert (p["acled_event_type"], p["acled_sub_event_type"]) == ("Explosions/Remote violence", "Suicide bomb")
    assert p["sources"] == ["AP"] and p["evidence"].startswith("Two suicide bombers struck")
    assert p["country"] == "Afghanistan" and p["id"].startswith("I")
    assert by_place["Mandera"]["properties"]["urls"] == ["https://www.standard.example/mandera-attack"]


def test_events_csv_carries_fatalities(db):
    events = list(csv.DictReader(io.StringIO(sitroom("export", "--db", db, "--format", "csv").out)))
    by_article = {e["article_id"]: e for e in events}
    assert by_article["kbl"]["fatalities"] == "60" and by_article["mdr"]["fatalities"] == ""
    assert all(e["incident_id"].startswith("I") for e in events)


def test_evidence_sentence_boundaries():
    text = "Dr. Amina Yusuf said on Monday. Gunmen killed 3 people in Gao on Sunday. Police arrived late."
    start = text.index("killed")
    assert evidence_sentence(text, start, start + 6) == "Gunmen killed 3 people in Gao on Sunday."
    start = text.index("said")
    assert evidence_sentence(text, start, start + 4) == "Dr. Amina Yusuf said on Monday."
    assert evidence_sentence(text, 5, 999) == "" and evidence_sentence("", 0, 0) == ""
    long = "word " * 400
    assert len(evidence_sentence(long, 10, 14)) <= 600

"""Storing articles: every layer's rows, duplicates, conflicts, rejections, incidents, claims."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from sitroom.errors import InvalidField
from sitroom.store import schema as t
from sitroom.store.read import incident
from tests.incidents.records import Rec
from tests.incidents.scenarios import market_attack


def _full_record() -> Rec:
    r = Rec("full", 'Soldiers clashed with Al-Shabaab in Baidoa on 2 March, killing 9. "We repelled them," '
                    "a commander told reporters.", published="2024-03-03", source="Radio Baidoa",
            url="https://news.example.org/baidoa?utm_source=x", title="Clash in Baidoa")
    soldiers = r.actor("Soldiers", name="Somali National Army", kind="military", country="SOM", code="SOMMIL")
    shabaab = r.actor("Al-Shabaab", kind="armed_group", country="SOM", code="SOMREB")
    p = r.place("Baidoa", 3.11, 43.65, "SOM")
    f = r.figure("9", "killed", 9)
    r.event("clashed", plover="ASSAULT", date="2024-03-02", place=p, source=soldiers, target=shabaab,
            figures=[f], acled=("Battles", "Armed clash"), cameo="190")
    r.quotes.append({"id": "Q1", "kind": "direct", "content": r.span("We repelled them,"),
                     "speaker": {**r.span("a commander"), "actor": None, "name": None}, "cue": r.span("told"),
                     "certainty": "reported"})
    return r


def _count(store, table):
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_an_article_fills_every_table(store):
    r = _full_record()
    res = store.add(r.done(), text=r.text, origin="test:1")
    assert res.status == "stored" and len(res.incidents) == 1
    counts = store.counts()
    for table in ("articles", "extractions", "events", "places", "figures", "quotes", "incidents",
                  "incident_events", "claims"):
        assert counts[table] == 1, table
    assert counts["actors"] == 2 and counts["rejections"] == 0
    with store.engine.connect() as conn:
        ev = conn.execute(sa.select(t.events)).one()._mapping
        assert (ev["plover"], ev["acled_event_type"], ev["date_start"], ev["country"]) == (
            "ASSAULT", "Battles", "2024-03-02", "SOM")
        assert (ev["source_actor"], ev["target_actor"]) == ("Somali National Army", "Al-Shabaab")
        assert ev["data"]["trigger"]["text"] == "clashed"
        art = conn.execute(sa.select(t.articles)).one()._mapping
        assert art["published_date"] == "2024-03-03" and art["title"] == "Clash in Baidoa"
        claim = conn.execute(sa.select(t.claims)).one()._mapping
        assert (claim["kind"], claim["value"], claim["reported"]) == ("killed", 9, "2024-03-03")
        q = conn.execute(sa.select(t.quotes)).one()._mapping
        assert q["speaker"] == "a commander" and q["content"] == "We repelled them,"
    assert store.record("full") == r.done()
    assert store.record("full", with_text=True)["text"] == r.text


def test_an_extraction_object_is_stored_too(store):
    from sitroom.model.serialize import from_dict

    r = _full_record()
    assert store.add(from_dict(r.done(), r.text)).status == "stored"
    assert store.record("full")["events"][0]["plover"] == "ASSAULT"


def test_the_same_article_is_stored_once(store):
    r = _full_record()
    assert store.add(r.done(), text=r.text).status == "stored"
    again = store.add(r.done(), text=r.text)
    assert (again.status, again.reason) == ("duplicate", "id")
    # other id, same text up to case and spacing
    other = {**r.done(), "id": "copy", "url": None}
    dup = store.add(other, text="  " + r.text.upper().replace(" ", "\n "))
    assert (dup.status, dup.reason, dup.article_id) == ("duplicate", "text", "full")
    # other id and text, same URL once normalised
    moved = {**market_attack("m").done(), "url": "HTTPS://news.example.org/baidoa/#top"}
    assert (store.add(moved, text="something else entirely").status) == "duplicate"
    assert store.counts()["articles"] == 1


def test_the_same_id_with_other_text_is_a_conflict(store):
    r = _full_record()
    store.add(r.done(), text=r.text)
    res = store.add({**market_attack("full").done(), "url": None}, text="A different article altogether.")
    assert res.status == "conflict"
    assert store.counts()["articles"] == 1


def test_records_without_text_or_with_errors_are_refused(store):
    with pytest.raises(InvalidField):
        store.add(market_attack("a").done())
    with pytest.raises(InvalidField):
        store.add({"id": "x", "schema_version": 1, "error": {"code": "empty_text", "message": "-"}}, text="x")


def test_rejections_are_kept_once_per_origin_and_code(store):
    store.add_rejection(origin="in.jsonl:3", code="not_english", reason="looks like fr", document_id="x")
    store.add_rejection(origin="in.jsonl:3", code="not_english", reason="looks like fr (again)", document_id="x")
    store.add_rejection(origin="in.jsonl:4", code="empty_text", reason="no text")
    assert store.counts()["rejections"] == 2
    with store.engine.connect() as conn:
        reasons = dict(conn.execute(sa.select(t.rejections.c.origin, t.rejections.c.reason)).all())
    assert reasons["in.jsonl:3"] == "looks like fr (again)"


def test_one_transaction_is_all_or_nothing(store, tmp_path):
    from sitroom.store import Store
    from sitroom.store.snapshot import snapshot

    r, b = market_attack("a"), market_attack("b", said_by="the police")
    store.add(b.done(), text=b.text)
    with pytest.raises(RuntimeError), store.transaction() as conn:
        store.add(r.done(), text=r.text, conn=conn)
        raise RuntimeError("killed")
    assert store.counts()["articles"] == 1 and store.counts()["incidents"] == 1
    # what the failed transaction counted (document frequencies) is forgotten too
    store.add(r.done(), text=r.text)
    with Store.open(tmp_path / "clean.sqlite") as clean:
        clean.add(b.done(), text=b.text)
        clean.add(r.done(), text=r.text)
        with store.engine.connect() as c1, clean.engine.connect() as c2:
            assert snapshot(c1) == snapshot(c2)


def test_incidents_grow_as_articles_arrive(store):
    a, b = market_attack("a"), market_attack("b", toll=15, said_by="police", published="2024-05-04")
    far = market_attack("far", town="Maiduguri", lat=11.85, lon=13.16)
    ra = store.add(a.done(), text=a.text)
    rb = store.add(b.done(), text=b.text)
    rf = store.add(far.done(), text=far.text)
    assert ra.incidents == rb.incidents and rf.incidents != ra.incidents
    with store.engine.connect() as conn:
        inc = incident(conn, ra.incidents[0])
    assert inc["documents"] == ["a", "b"] and inc["events"] == [["a", "E1"], ["b", "E1"]]
    assert inc["reports"][1]["evidence"]["place"] == 1.0
    killed = inc["claims"]["killed"]
    assert [c["value"] for c in killed["claims"]] == [12, 15] and killed["claims"][1]["latest"]
    assert "killed: 12 (Daily Wire, 3 May) -> 15 (police, 4 May)" in killed["summary"]


def test_incremental_and_rebuilt_incidents_agree_on_a_clear_case(store):
    recs = [market_attack("a"), market_attack("b", published="2024-05-04", said_by="the police"),
            market_attack("far", town="Maiduguri", lat=11.85, lon=13.16)]
    for r in recs:
        store.add(r.done(), text=r.text)

    def groups():
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(t.incident_events.c.incident_id, t.incident_events.c.article_id)).all()
        out: dict = {}
        for iid, art in rows:
            out.setdefault(iid, set()).add(art)
        return sorted(sorted(v) for v in out.values())

    before = groups()
    assert store.rebuild_incidents() == 2
    assert groups() == before == [["a", "b"], ["far"]]
    assert store.counts()["claims"] == 3


def test_articles_without_events_join_incidents_by_text(store):
    texts = ["Floods along the Limpopo river displaced families in Chokwe and Xai-Xai, officials in Maputo said.",
             "Officials in Maputo said Limpopo floods forced families out of Chokwe and Xai-Xai.",
             "The central bank of Chile left its policy rate unchanged in Santiago."]
    for i, text in enumerate(texts):
        r = Rec(f"d{i}", text)
        assert store.add(r.done(), text=text).status == "stored"
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.incident_events.c.incident_id, t.incident_events.c.article_id,
                                      t.incident_events.c.event_pk)).all()
    by_doc = {art: iid for iid, art, _ in rows}
    assert by_doc["d0"] == by_doc["d1"] != by_doc["d2"]
    assert all(pk is None for _, _, pk in rows)

"""Poison records: every hostile field is its article's coded rejection, on both back ends, and
every good article around it is stored (issue 14, items 1-3 and 10)."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.errors import ControlCharacter, InvalidId, StoreRejected
from sitroom.ingest.run import ingest
from sitroom.store import schema as t
from tests.incidents.records import Rec
from tests.store.ingest_child import StubPipeline


def _good(i: int) -> dict:
    town = ("Kano", "Jos", "Bauchi")[i % 3]
    return {"id": f"good-{i}", "published": "2024-04-02", "source": "Daily Wire Service",
            "text": f"Gunmen raided the market in {town} on 2024-04-02, killing {3 + i} people, "
                    f"report number {i} said. Residents of {town} fled."}


def _bad(i: int, **fields) -> dict:
    return {**_good(100 + i), "id": f"bad-{i}", **fields}


#: (line, code): each hostile field on an otherwise good article
HOSTILE = [
    (_bad(1, text="Gunmen raided the market\x00 in Kano."), "binary"),
    (_bad(2, title="A title\x00 with a NUL"), "control_character"),
    (_bad(3, source="Wire\x00"), "control_character"),
    (_bad(4, id="bad-\x00-4"), "invalid_id"),
    (_bad(5, id="x" * 256), "invalid_id"),
    (_bad(6, published="yesterday"), "invalid_field"),
    (_bad(7, published="2024-04-02T10:00:00.0000000000000000+00:00"), "field_too_long"),
    (_bad(8, language="en-" + "x" * 20), "field_too_long"),
    (_bad(9, id="bad-\ud800"), "invalid_id"),
    (_bad(10, title="lone \udc00 surrogate"), "control_character"),
    (_bad(11, source="\ud800"), "control_character"),
    (_bad(12, url="https://example.org/\ud800"), "control_character"),
    (_bad(13, url="https://example.org/a\x1b[31m"), "control_character"),
    (_bad(14, id="bad-\u202e-14"), "invalid_id"),
    (_bad(15, id=""), "invalid_id"),
    (_bad(16, title="t" * 2001), "field_too_long"),
]


def _line(obj: dict) -> bytes:
    # ensure_ascii keeps lone surrogates as \\ud800 escapes: valid JSON, as the attacker wrote it
    return json.dumps(obj, ensure_ascii=True).encode("ascii")


@pytest.fixture
def poison_jsonl(tmp_path):
    lines = [b"\xef\xbb\xbf" + _line(_good(0))]  # a UTF-8 BOM opens the file
    for i, (bad, _) in enumerate(HOSTILE, 1):
        lines += [_line(bad), _line(_good(i))]
    # placeholder dates: stored, without a publication date, and the record says so
    lines.append(_line({**_good(50), "published": "0001-01-01T00:00:00"}))
    lines.append(_line({**_good(51), "published": "9999-12-31"}))
    path = tmp_path / "poison.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_a_poison_batch_stores_every_good_article_and_rejects_each_bad_one(store, poison_jsonl):
    report = ingest([poison_jsonl], store, pipeline=StubPipeline(), commit_every=5, chunk_size=7)
    good = {f"good-{i}" for i in range(len(HOSTILE) + 1)} | {"good-50", "good-51"}
    with store.engine.connect() as conn:
        ids = {r[0] for r in conn.execute(sa.select(t.articles.c.id))}
        rejections = {int(r.origin.rsplit(":", 1)[1]): r for r in conn.execute(sa.select(t.rejections))}
    assert ids == good
    assert report.stored == len(good)
    for n, (_, code) in enumerate(HOSTILE, 1):
        lineno = 2 * n  # line 1 is good-0; each bad line is followed by a good one
        assert rejections[lineno].code == code, (lineno, rejections[lineno].reason)
        assert "\x00" not in rejections[lineno].reason
    assert len(rejections) == len(HOSTILE)
    assert sum(report.rejected.values()) == len(HOSTILE)
    for did in ("good-50", "good-51"):
        record = store.record(did)
        assert record["published"] is None
        assert [w["code"] for w in record["warnings"]] == ["published_out_of_range"]
    assert store.record("good-0") is not None  # the record after the BOM
    again = ingest([poison_jsonl], store, pipeline=StubPipeline())  # a rerun stops at nothing either
    assert (again.stored, again.duplicates, sum(again.rejected.values())) == (0, len(good), len(HOSTILE))


def _record(doc_id: str, text: str, **meta) -> dict:
    r = Rec(doc_id, text, published="2024-04-02")
    p = r.place("Kano", 12.0, 8.52, "NGA")
    r.event("raided", date="2024-04-02", place=p)
    return {**r.done(), **meta}


def test_store_add_applies_the_same_rules_on_both_back_ends(store):
    text = "Gunmen raided the market in Kano on Tuesday, residents said."
    with pytest.raises(InvalidId):
        store.add(_record("a\x00", text), text=text)
    with pytest.raises(ControlCharacter):
        store.add(_record("b", text, title="\ud800"), text=text)
    nul_in_data = _record("c", text)
    nul_in_data["places"][0]["name"] = "Ka\x00no"   # PostgreSQL's JSONB refuses it, so both do
    with pytest.raises(ControlCharacter):
        store.add(nul_in_data, text=text)
    assert store.counts()["articles"] == 0


def test_a_database_error_on_one_article_rejects_that_article_only(store):
    texts = [f"Gunmen raided the market in Kano on Tuesday, report {i} said." for i in range(3)]
    broken = _record("r1", texts[1])
    broken["events"].append(dict(broken["events"][0]))  # two events E1: the events table refuses it
    with store.transaction() as conn:
        assert store.add(_record("r0", texts[0]), text=texts[0], conn=conn).status == "stored"
        with pytest.raises(StoreRejected) as info:
            store.add(broken, text=texts[1], conn=conn)
        assert store.add(_record("r2", texts[2]), text=texts[2], conn=conn).status == "stored"
    assert info.value.code == "store_rejected" and info.value.document_id == "r1"
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["extractions"]) == (2, 2, 2)
    assert store.record("r1") is None


def test_extreme_dates_never_overflow_the_store_or_the_incidents(store, db_url, tmp_path):
    for i, day in enumerate(("9999-12-31", "0001-01-01", "9999-12-31", "0001-01-01")):
        text = f"Gunmen raided the market in Kano on that day, report {i} said."
        r = Rec(f"d{i}", text, published=day)
        p = r.place("Kano", 12.0, 8.52, "NGA")
        r.event("raided", date=day, place=p)
        assert store.add(r.done(), text=text).status == "stored"
    assert store.rebuild_incidents() >= 1
    out = CliRunner().invoke(cli, ["incidents", "--db", db_url, "--rebuild"])
    assert out.exit_code == 0, out.output


def test_a_rejection_keeps_what_it_can_of_a_hostile_id(store):
    store.add_rejection(origin="f.jsonl:3\x00", code="invalid_id", reason="id \ud800 bad", document_id="\ud800\x00")
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.rejections)).one()
    assert row.document_id == "\\ud800\\x00" and "\x00" not in row.origin and "\ud800" not in row.reason

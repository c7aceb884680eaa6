"""Reading output-format.md input lines: documents, or coded rejections that keep the id."""
from __future__ import annotations

import json

import pytest

from sitroom.errors import InvalidField
from sitroom.ingest.jsonl import parse_line, parse_published
from sitroom.model import Document, Rejection


def line(**obj):
    return json.dumps(obj)


def test_full_line():
    doc = parse_line(line(id="a1", text="Rebels seized the town.", published="2021-03-04", title="T",
                          source="wire", url="https://example.org/a", language="en"), 1)
    assert doc == Document("a1", "Rebels seized the town.", "2021-03-04", "T", "wire", "https://example.org/a", "en")


def test_missing_id_gets_line_number():
    assert parse_line(line(text="x"), 7).id == "line-7"


def test_numeric_id_becomes_string():
    assert parse_line(line(id=12, text="x"), 1).id == "12"


@pytest.mark.parametrize("raw, code", [
    ("{not json", "malformed_json"),
    ("[1, 2]", "malformed_json"),
    ("", "malformed_json"),
    (b"\xff\xfe{", "malformed_json"),
    (line(id="b", text=5), "invalid_field"),
    (line(id="b"), "invalid_field"),
    (line(id="b", text="x", published="yesterday"), "invalid_field"),
    (line(id="b", text="x", title=["a"]), "invalid_field"),
])
def test_bad_lines_are_coded_rejections(raw, code):
    out = parse_line(raw, 3)
    assert isinstance(out, Rejection) and out.code == code
    assert out.id in ("b", "line-3")


def test_published_accepts_dates_and_datetimes():
    assert parse_published("2023-10-07") == "2023-10-07"
    assert parse_published("2023-10-07T08:30:00Z") == "2023-10-07T08:30:00Z"
    assert parse_published(None) is None
    with pytest.raises(InvalidField):
        parse_published("07/10/2023")


def test_html_line_extracts_text():
    html = ("<html><head><title>Clashes in the north</title></head><body><nav>Home | World</nav>"
            "<article><h1>Clashes in the north</h1><p>Government forces and rebels fought for a third day "
            "near the northern border town on Tuesday, residents said, as thousands of families fled south "
            "toward the capital.</p><p>The army said it had retaken two villages, a claim the rebels denied "
            "in a statement posted online late on Tuesday.</p></article><footer>Contact us</footer></body></html>")
    doc = parse_line(line(id="h", html=html, published="2022-05-10"), 1)
    assert isinstance(doc, Document) and doc.from_html
    assert "retaken two villages" in doc.text and "Contact us" not in doc.text


# ---- hostile fields (issue 14): every one a coded rejection of its line, never a dead run ----

HOSTILE_LINES = [
    ('{"id": "\\ud800", "text": "x"}', "invalid_id", "line-1"),
    ('{"id": "a", "title": "\\ud800", "text": "x"}', "control_character", "a"),
    ('{"id": "a", "source": "\\udfff", "text": "x"}', "control_character", "a"),
    ('{"id": "a", "url": "https://e.org/\\ud800", "text": "x"}', "control_character", "a"),
    ('{"id": "a", "text": "x\\u0000y"}', "binary", "a"),
    ('{"id": "a\\u0000", "text": "x"}', "invalid_id", "line-1"),
    ('{"id": "a\\u001b[2J", "text": "x"}', "invalid_id", "line-1"),
    ('{"id": "a\\u202eb", "text": "x"}', "invalid_id", "line-1"),
    ('{"id": " ", "text": "x"}', "invalid_id", "line-1"),
    (json.dumps({"id": "x" * 256, "text": "x"}), "invalid_id", "line-1"),
    ('{"id": "a", "title": "a\\u0000b", "text": "x"}', "control_character", "a"),
    (json.dumps({"id": "a", "text": "x", "published": "2024-01-01T00:00:00" + "0" * 22}), "field_too_long", "a"),
    (json.dumps({"id": "a", "text": "x", "language": "e" * 17}), "field_too_long", "a"),
    (json.dumps({"id": "a", "text": "x", "source": "s" * 501}), "field_too_long", "a"),
]


@pytest.mark.parametrize("raw, code, rid", HOSTILE_LINES)
def test_hostile_fields_are_coded_rejections(raw, code, rid):
    got = parse_line(raw, 1)
    assert isinstance(got, Rejection) and (got.code, got.id) == (code, rid), got
    got.message.encode("utf-8")  # the message can be written out
    got.id.encode("utf-8")


def test_a_batch_with_lone_surrogates_writes_every_other_record(tmp_path):
    from sitroom.batch.runner import run_batch
    from sitroom.pipeline import Pipeline

    good = [json.dumps({"id": f"g{i}", "text": f"Rebels seized the town number {i}."}) for i in range(3)]
    raw = [good[0], HOSTILE_LINES[0][0], good[1], HOSTILE_LINES[1][0], HOSTILE_LINES[3][0], good[2]]
    lines = [(n, s.encode("ascii")) for n, s in enumerate(raw, 1)]
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as f:  # as `sitroom extract --output` writes
        for record in run_batch(lines, pipeline=Pipeline([], check_language=False)):
            f.write(record + "\n")
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["g0", "line-2", "g1", "a", "a", "g2"]
    assert [r.get("error", {}).get("code") for r in records] == [
        None, "invalid_id", None, "control_character", "control_character", None]


def test_a_utf8_bom_does_not_cost_the_first_record(tmp_path):
    from sitroom.ingest.sources import SourceReader

    first = b'\xef\xbb\xbf{"id": "first", "text": "Rebels seized the town."}'
    assert parse_line(first, 1).id == "first"
    assert parse_line(first.decode("utf-8"), 1).id == "first"
    path = tmp_path / "bom.jsonl"
    path.write_bytes(first + b'\n{"id": "second", "text": "Troops left the city."}\n')
    items = list(SourceReader().expand([str(path)]))
    assert [i.document.id for i in items if i.document] == ["first", "second"]


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00", "0001-01-01", "1899-12-31", "9999-12-31",
                                       "9999-12-31T23:59:59+00:00"])
def test_placeholder_dates_are_treated_as_missing_and_said(published):
    doc = parse_line(line(id="a", text="x", published=published), 1)
    assert isinstance(doc, Document) and doc.published is None
    assert [code for code, _ in doc.warnings] == ["published_out_of_range"]
    from sitroom.model.serialize import from_dict, to_dict
    from sitroom.pipeline import Pipeline

    record = to_dict(next(iter(Pipeline([], check_language=False).pipe([doc]))))
    assert record["published"] is None and record["warnings"][0]["code"] == "published_out_of_range"
    assert from_dict(record, "x").document.warnings == doc.warnings


def test_plausible_dates_are_kept_without_a_warning():
    for published in ("1900-01-01", "2024-02-29", "2024-02-29T10:00:00Z"):
        doc = parse_line(line(id="a", text="x", published=published), 1)
        assert doc.published == published and doc.warnings == ()

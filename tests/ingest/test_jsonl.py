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

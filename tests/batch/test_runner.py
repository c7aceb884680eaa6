"""Batch robustness: one output line per input line, in order, whatever the input holds."""
from __future__ import annotations

import json

import pytest

from sitroom.batch.runner import run_batch

ARTICLE = ("Insurgents attacked an army checkpoint outside the town on Sunday, killing four soldiers, "
           "the defence ministry said in a statement on Monday.")


def mixed_lines():
    return [
        json.dumps({"id": "ok-1", "text": ARTICLE, "published": "2024-02-12"}),
        json.dumps({"id": "empty", "text": ""}),
        "{this is not json",
        json.dumps({"id": "binary", "text": "\x00\x07\x1b\x02" * 200}),
        json.dumps({"id": "big", "text": ARTICLE * 200}),
        json.dumps({"id": "fr", "text": "Des insurgés ont attaqué un poste de contrôle de l'armée dimanche, "
                                        "tuant quatre soldats, a indiqué le ministère de la défense."}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok-2", "text": ARTICLE.replace("four", "six")}),
    ]


EXPECTED = [None, "empty_text", "malformed_json", "binary", "too_large", "not_english", "malformed_json",
            "malformed_json", None]


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_mixed_batch_keeps_every_line_in_order(workers):
    lines = list(enumerate((line.encode() for line in mixed_lines()), 1))
    out = [json.loads(o) for o in run_batch(lines, workers=workers, max_chars=10_000)]
    assert len(out) == len(EXPECTED)
    assert [o.get("error", {}).get("code") for o in out] == EXPECTED
    assert out[0]["id"] == "ok-1" and out[-1]["id"] == "ok-2"
    assert out[2]["id"] == "line-3" and out[1]["id"] == "empty"
    assert all(o["schema_version"] == 1 for o in out)
    assert {"entities", "actors", "places", "times", "events", "figures", "quotes"} <= out[0].keys()

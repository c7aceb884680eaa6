"""The quotes stage as the pipeline runs it: declaration, registry, record output, options,
and (when ../shared is there) the seed article's expected quotes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sitroom.model import Certainty, Document, QuoteKind
from sitroom.model.serialize import to_dict
from sitroom.pipeline import Pipeline
from sitroom.stages import STAGES
from sitroom.stages.quotes import QuotesStage

TEXT = ("Colonel Maria Vance commanded the brigade during the siege. “We held the line for nine days,” "
        "she said. The ministry denied that its aircraft had struck the market.")


def test_declaration_and_registry():
    assert STAGES["quotes"] is QuotesStage
    assert QuotesStage.name == "quotes"
    assert QuotesStage.requires == ("spacy",)
    assert QuotesStage.optional == ("actors",)
    assert QuotesStage.assigns == ("quotes", "attributions")


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(stages=["nlp", "quotes"])


@pytest.mark.slow
def test_pipeline_writes_contract_quotes(pipe):
    record = to_dict(pipe(Document(id="d1", text=TEXT)))
    q1, q2 = record["quotes"]
    assert (q1["id"], q1["kind"], q1["certainty"]) == ("Q1", "direct", "reported")
    assert q1["speaker"]["text"] == "she" and q1["speaker"]["name"] == "Maria Vance"
    assert q1["speaker"]["actor"] is None  # no actors stage in this pipeline
    assert (q2["id"], q2["kind"], q2["certainty"], q2["cue"]["text"]) == ("Q2", "indirect", "denied", "denied")
    for q in record["quotes"]:
        for key in ("content", "cue"):
            assert TEXT[q[key]["start"]:q[key]["end"]] == q[key]["text"]


@pytest.mark.slow
def test_user_cue_file_takes_precedence(tmp_path):
    user = tmp_path / "desk_cues.json"
    user.write_text(json.dumps({"version": "desk-1", "description": "our desk reads 'say' as a claim",
                                "verbs": {"say": "claimed", "deny": None}}), encoding="utf-8")
    extraction = Pipeline(stages=["nlp", "quotes"], cue_files=[str(user)])(Document(id="d2", text=TEXT))
    assert [q.certainty for q in extraction.quotes] == [Certainty.CLAIMED]  # "denied" no longer a cue
    assert extraction.quotes[0].kind is QuoteKind.DIRECT


def test_a_broken_user_cue_file_fails_when_the_pipeline_is_built(tmp_path):
    from sitroom.errors import DataFileError

    user = tmp_path / "broken.json"
    user.write_text(json.dumps({"version": "1", "description": "x", "verbs": {"say": "maybe"}}), encoding="utf-8")
    with pytest.raises(DataFileError):
        Pipeline(stages=["nlp", "quotes"], cue_files=[str(user)])


@pytest.mark.slow
@pytest.mark.shared
def test_seed_article_expected_quotes(pipe, shared_dir, tmp_path):
    """At least 10 of the 12 quotes the seed article's expected coding lists."""
    seed = shared_dir / "seed"
    expected = json.loads((seed / "iranintl-2023-10-07.expected.json").read_text(encoding="utf-8"))
    text = (seed / "iranintl-2023-10-07.txt").read_text(encoding="utf-8")
    record = to_dict(pipe(Document(id=expected["input"]["id"], text=text, published="2023-10-07")))
    pred = tmp_path / "seed.json"
    pred.write_text(json.dumps(record), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared_dir / "eval" / "score_seed.py"), str(pred), "--json"],
                         capture_output=True, text=True, check=True).stdout
    scores = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
    assert scores["quotes"] * len(expected["quotes"]) >= 10, scores

"""The figures stage: registration, ids in text order, attribution, user files, the contract record.

Sentences are written for these tests; the seed-article check reads ../shared and skips without it.
"""
from __future__ import annotations

import json

import pytest

from sitroom import Pipeline
from sitroom.model import (
    ASSERTED,
    ActorRef,
    AttributedSpan,
    Attribution,
    Certainty,
    Document,
    Quote,
    QuoteKind,
    Span,
    Speaker,
)
from sitroom.model.serialize import to_dict
from sitroom.stages import DEFAULT_STAGES, STAGES
from sitroom.stages.base import Context, Resources
from sitroom.stages.figures import FiguresStage
from sitroom.stages.nlp import load_spacy

pytestmark = pytest.mark.slow

ARTICLE = (
    "KABUL, May 3 - A suicide bomber killed at least 21 people and wounded more than 40 others at a "
    "market on Tuesday, officials said. The Interior Ministry said the death toll later rose to 27. "
    "Police arrested two suspects, both aged 19, and seized 12 grenades."
)


@pytest.fixture(scope="module")
def pipe(nlp_pipeline):
    return Pipeline(stages=["nlp", "figures"], resources=nlp_pipeline.resources)


@pytest.fixture(scope="module")
def stage(pipe):
    return pipe.stages[-1]


def test_registered_with_its_contract():
    assert STAGES["figures"] is FiguresStage
    assert DEFAULT_STAGES.index("figures") > DEFAULT_STAGES.index("quotes")
    assert FiguresStage.name == "figures"
    assert FiguresStage.requires == ("spacy",)
    assert FiguresStage.optional == ("attributions", "quotes")
    assert FiguresStage.assigns == ("figures",)


def test_ids_in_text_order_and_offsets(pipe):
    ex = pipe(Document(id="a", text=ARTICLE))
    figures = ex.figures
    assert [f.id for f in figures] == [f"F{i}" for i in range(1, len(figures) + 1)]
    assert [f.span.start for f in figures] == sorted(f.span.start for f in figures)
    for f in figures:
        assert ARTICLE[f.span.start:f.span.end] == f.span.text
        assert f.subject is None or ARTICLE[f.subject.start:f.subject.end] == f.subject.text
        assert f.event is None  # derived by the pipeline from the events' links
        assert f.attribution == ASSERTED
    got = [(f.span.text, f.kind.value, f.qualifier.value, f.value, f.low, f.high) for f in figures]
    assert got == [
        ("at least 21", "killed", "at_least", 21, 21, None),
        ("more than 40", "injured", "more_than", 40, 41, None),
        ("27", "killed", "exact", 27, 27, 27),  # the toll update is its own figure
        ("two", "arrested", "exact", 2, 2, 2),
        ("12", "weapons", "exact", 12, 12, 12),
    ]  # "May 3" (a date) and "aged 19" (an age) are not figures


def test_contract_record(pipe):
    record = to_dict(pipe(Document(id="a", text=ARTICLE)))
    f = record["figures"][0]
    assert set(f) >= {"id", "kind", "value", "low", "high", "qualifier", "start", "end", "text", "subject",
                      "event", "attribution"}
    assert f["subject"]["text"] == "people"
    assert f["attribution"]["certainty"] == "asserted"
    json.dumps(record)


def _context(stage, text, **layers):
    nlp = stage.resources.get("spacy", load_spacy)
    return Context(Document(id="x", text=text), {"spacy": nlp(text), **layers})


def test_figures_take_the_innermost_attribution(stage):
    text = "Medics said that rebels claimed 30 soldiers were killed, and 5 homes burned."
    outer = AttributedSpan(Span.of(text, 17, len(text) - 1), Attribution(Certainty.REPORTED))
    src = ActorRef(Span.of(text, 17, 23))
    inner = AttributedSpan(Span.of(text, 32, 55), Attribution(Certainty.CLAIMED, src, Span.of(text, 24, 31)))
    figures = stage.run(_context(stage, text, attributions=(outer, inner)))["figures"]
    by_text = {f.span.text: f for f in figures}
    assert by_text["30"].attribution == inner.attribution
    assert by_text["5"].attribution == outer.attribution


def test_quotes_stand_in_when_no_attributions_layer(stage):
    text = '"We lost 14 men in the ambush," the commander told reporters.'
    quote = Quote("Q1", QuoteKind.DIRECT, Span.of(text, 1, 29), Speaker(Span.of(text, 31, 44), actor="A1"),
                  Span.of(text, 45, 49), Certainty.REPORTED)
    figures = stage.run(_context(stage, text, quotes=(quote,)))["figures"]
    assert len(figures) == 1 and figures[0].kind.value == "killed"
    attribution = figures[0].attribution
    assert attribution.certainty is Certainty.REPORTED
    assert attribution.source == ActorRef(Span.of(text, 31, 44), "A1")
    assert attribution.cue == Span.of(text, 45, 49)


def test_outside_any_attribution_is_asserted(stage):
    text = "Officials said talks would resume. Rockets killed 3 people in the north."
    said = AttributedSpan(Span.of(text, 15, 33), Attribution(Certainty.REPORTED))
    figures = stage.run(_context(stage, text, attributions=(said,)))["figures"]
    assert [f.attribution for f in figures] == [ASSERTED]


def test_user_figure_files(nlp_pipeline, tmp_path):
    user = {"version": "t1", "description": "test words", "kinds": {"killed": {"right": ["martyred"]}}}
    path = tmp_path / "words.json"
    path.write_text(json.dumps(user), encoding="utf-8")
    model = nlp_pipeline.resources.get("spacy", load_spacy)
    resources = Resources(figure_files=[str(path)])
    resources.get("spacy", lambda _r: model)  # reuse the loaded model
    pipe = Pipeline(stages=["nlp", "figures"], resources=resources)
    text = "Eleven fighters were martyred in the raid."
    assert [f.kind.value for f in pipe(Document(id="u", text=text)).figures] == ["killed"]


def test_with_the_quotes_stage(nlp_pipeline):
    pipe = Pipeline(stages=["nlp", "quotes", "figures"], resources=nlp_pipeline.resources)
    text = "The health ministry said that 40 people were killed in the strikes."
    (figure,) = pipe(Document(id="q", text=text)).figures
    assert figure.kind.value == "killed"
    assert figure.attribution.certainty is not Certainty.ASSERTED


@pytest.mark.shared
def test_seed_article_figures(shared_dir, nlp_pipeline):
    expected = json.loads((shared_dir / "seed" / "iranintl-2023-10-07.expected.json").read_text(encoding="utf-8"))
    text = (shared_dir / "seed" / "iranintl-2023-10-07.txt").read_text(encoding="utf-8")
    pipe = Pipeline(stages=["nlp", "quotes", "figures"], resources=nlp_pipeline.resources)
    figures = pipe(Document(id="seed", text=text, published="2023-10-07")).figures
    for item in expected["figures"]:
        matches = [
            f for f in figures
            if f.kind.value == item["kind"] and f.qualifier.value == item["qualifier"]
            and all(getattr(f, k) == item[k] for k in ("value", "low") if k in item)
        ]
        assert matches, f"seed figure {item['key']} not found"
        if "subject_any" in item:
            assert any(f.subject and f.subject.text in item["subject_any"] for f in matches)
        if "attribution_source_any" in item:
            assert any(f.attribution.source and any(s in f.attribution.source.span.text
                                                    for s in item["attribution_source_any"]) for f in matches)

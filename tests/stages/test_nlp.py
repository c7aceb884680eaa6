"""The nlp stage: spaCy parse with paragraph-aware sentence starts, entities as spans."""
from __future__ import annotations

import pytest

from sitroom.model import Document
from sitroom.stages.base import Resources
from sitroom.stages.nlp import NlpStage

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stage():
    return NlpStage(Resources())


def parse(stage, text):
    return next(iter(stage.pipe([Document("t", text)])))


def test_blank_line_starts_a_sentence(stage):
    layers = parse(stage, "KHARTOUM, April 16\n\nFighting raged for a second day in the capital")
    starts = [s.text.strip() for s in layers["spacy"].sents]
    assert starts[-1].startswith("Fighting")


def test_line_break_after_full_stop_starts_a_sentence_but_wrapped_lines_stay_joined(stage):
    text = "The army said it had retaken the airport.\nRebels denied it. Residents of the\ncity fled."
    sents = [s.text.strip() for s in parse(stage, text)["spacy"].sents]
    assert "Rebels denied it." in sents
    assert any(s.startswith("Residents of the\ncity fled") for s in sents)


def test_entities_are_spans_of_the_text(stage):
    text = "Ukrainian forces shelled positions near Bakhmut on Monday, officials in Kyiv said."
    layers = parse(stage, text)
    assert layers["entities"], "expected named entities"
    for ent in layers["entities"]:
        assert text[ent.span.start:ent.span.end] == ent.span.text
    assert "Kyiv" in {e.span.text for e in layers["entities"]}


def test_batch_and_single_parse_agree(stage):
    texts = ["Police arrested nine protesters in Tehran.", "Houthi forces fired a missile at a ship."]
    batch = list(stage.pipe([Document(str(i), t) for i, t in enumerate(texts)]))
    for t, layers in zip(texts, batch):
        assert [e.span for e in parse(stage, t)["entities"]] == [e.span for e in layers["entities"]]

"""Token vectors computed window by window are the whole Doc's, bit for bit, and so is the parse."""
from __future__ import annotations

import pytest

from sitroom.stages.nlp import DEFAULT_MODEL, mark_paragraphs
from sitroom.stages.windowed import window_encoders
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


def parse(nlp, text):
    doc = mark_paragraphs(nlp.make_doc(text))
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_windowed_encoders_give_the_same_vectors_and_parse():
    np = pytest.importorskip("numpy")
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(DEFAULT_MODEL)
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))[:6])
    encoders = [proc.model for _n, proc in nlp.pipeline if _n == "tok2vec"]
    doc = nlp.make_doc(text)
    assert len(doc) > 2000
    whole = [m.predict([doc])[0] for m in encoders]
    before = parse(nlp, text)

    assert window_encoders(nlp, max_tokens=300) >= 2  # the shared encoder and the NER's own
    assert window_encoders(nlp, max_tokens=300) == 0  # patching twice changes nothing
    windowed = [m.predict([doc])[0] for m in encoders]
    after = parse(nlp, text)

    for a, b in zip(whole, windowed):
        assert a.shape == b.shape and np.array_equal(a, b)
    assert [(t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in before] == \
           [(t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in after]

"""Wire copy in capitals codes like its mixed-case twin: the nlp stage parses a case-restored copy of
the same length, and every span of the record still points into the original text.

Both articles were written for these tests (invented events, real place names).
"""
from __future__ import annotations

import pytest

from sitroom import Pipeline
from sitroom.model import Document
from sitroom.model.serialize import to_dict
from tests.conftest import all_spans

pytestmark = pytest.mark.slow

SAN_MIGUEL = """\
SAN MIGUEL, 19 Nov 89 (ACAN-EFE) -- [Text] Guerrillas of the Farabundo Marti National Liberation Front (FMLN) \
attacked the headquarters of the 3d Infantry Brigade in San Miguel early today, killing at least 12 soldiers and \
wounding 20 others, a military spokesman said.

Colonel Mauricio Vargas told reporters in San Salvador that the rebels fired mortars at the barracks and that the \
army killed 15 guerrillas in the fighting. He said troops captured 8 rebels and seized 40 rifles.

President Alfredo Cristiani condemned the attack and said the government will not negotiate with terrorists. The \
Salvadoran Armed Forces have deployed 2,000 troops to the eastern departments of Usulutan and Morazan.

In Lima, Peruvian police arrested 23 suspected members of the Shining Path after a bomb exploded near the Interior \
Ministry, injuring six people.
"""

MOGADISHU = """\
MOGADISHU, March 3 (Reuters) - Al-Shabaab militants stormed a hotel in central Mogadishu on Saturday, killing at \
least 20 people, police said. Somali security forces ended the siege after eight hours.

"The attackers detonated a car bomb at the gate and then opened fire on guests," police officer Abdullahi Hassan \
told Reuters by telephone.

The African Union mission said its troops helped evacuate 40 people. The U.S. embassy in Nairobi condemned the \
attack. Government spokesman Mohamed Ali said three attackers were killed and two were arrested.

Separately, Kenyan police in Garissa detained 15 suspects on Monday.
"""


def _caps(text: str) -> str:
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


@pytest.fixture(scope="module")
def pipe(pipeline):
    return Pipeline(resources=pipeline.resources)


def _coded(pipe, text):
    record = to_dict(pipe(Document(id="a", text=text, published="1989-11-20")))
    names = {a["id"]: a["name"] for a in record["actors"]}

    def who(ref):
        return names.get((ref or {}).get("actor"))

    return record, {
        "actors": sorted(a["name"] for a in record["actors"]),
        "places": sorted(p["name"] for p in record["places"]),
        "events": sorted((e["plover"], e["trigger"]["start"], who(e["source"]), who(e["target"]))
                         for e in record["events"]),
        "figures": sorted((f["kind"], f["start"], f["value"]) for f in record["figures"]),
    }


@pytest.mark.parametrize("article", [SAN_MIGUEL, MOGADISHU], ids=["san-miguel", "mogadishu"])
def test_capitals_code_like_the_mixed_case_twin(pipe, article):
    _, mixed = _coded(pipe, article)
    record, caps = _coded(pipe, _caps(article))
    assert mixed["events"] and mixed["actors"] and mixed["places"] and mixed["figures"]
    for section in ("places", "events", "figures"):
        assert caps[section] == mixed[section], section
    extra = set(caps["actors"]) - set(mixed["actors"])
    # documented difference: the upper-case dateline of the mixed-case twin ("MOGADISHU, March 3") is not
    # read as an actor, its restored form ("Mogadishu, March 3") is read as the capital standing for Somalia
    assert extra <= {"Somalia"} and set(mixed["actors"]) <= set(caps["actors"])
    if article is SAN_MIGUEL:
        assert caps["actors"] == mixed["actors"]


def test_every_span_points_into_the_original_capitals(pipe):
    text = _caps(SAN_MIGUEL)
    record, _ = _coded(pipe, text)
    spans = list(all_spans(record))
    assert spans
    for path, span in spans:
        assert span["text"] == text[span["start"]:span["end"]], path
        assert span["text"] == span["text"].upper()  # the original characters, not the restored ones


def test_without_restoration_capitals_lose_actors(pipeline):
    off = Pipeline(resources=None, restore_case=False)
    caps = _caps(SAN_MIGUEL)
    lost = to_dict(off(Document(id="a", text=caps, published="1989-11-20")))
    kept = to_dict(Pipeline(resources=pipeline.resources)(Document(id="a", text=caps, published="1989-11-20")))
    assert len({a["name"] for a in kept["actors"]}) > len({a["name"] for a in lost["actors"]})


def test_mixed_case_text_is_parsed_as_given(pipe):
    stage = pipe.stages[0]
    assert stage.cased(SAN_MIGUEL) is SAN_MIGUEL


def test_the_doc_is_parsed_from_a_same_length_copy(pipe):
    caps = _caps(SAN_MIGUEL)
    ex = Pipeline(stages=["nlp"], resources=pipe.resources)(Document(id="a", text=caps))
    assert ex.entities and all(e.span.text == caps[e.span.start:e.span.end] for e in ex.entities)
    assert {e.label for e in ex.entities} >= {"GPE", "PERSON"}
    restored = pipe.stages[0].cased(caps)
    assert len(restored) == len(caps) and restored != caps and restored.upper() == caps

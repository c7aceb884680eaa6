"""The contract serializer: span invariants and lossless round-trips (property tests)."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.model import (
    Acled,
    Actor,
    ActorKind,
    ActorRef,
    Affiliation,
    Attribution,
    Certainty,
    DateSource,
    Document,
    Entity,
    Event,
    Extraction,
    Feature,
    Figure,
    FigureKind,
    Place,
    Plover,
    QuadClass,
    Qualifier,
    Quote,
    QuoteKind,
    Rejection,
    Relation,
    Span,
    Speaker,
    TimeRef,
    TimeType,
)
from sitroom.model.serialize import from_dict, rejection_to_dict, to_dict
from tests.conftest import all_spans

texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


@st.composite
def spans(draw, text: str):
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, len(text)))
    return Span.of(text, a, b)


@st.composite
def extractions(draw):
    text = draw(texts)
    sp = lambda: draw(spans(text))  # noqa: E731
    opt = lambda strategy: draw(st.none() | strategy)  # noqa: E731
    ids = st.text("ABCDEFGHIJ0123456789", min_size=1, max_size=4)
    attribution = Attribution(draw(st.sampled_from(Certainty)),
                              opt(st.builds(ActorRef, st.just(sp()), st.none() | ids)),
                              opt(st.just(sp())))
    numbers = st.none() | st.integers(0, 10**7) | st.floats(0, 1e7, allow_nan=False)
    return Extraction(
        document=Document(id=draw(ids), text=text, published=draw(st.none() | st.just("2023-10-07")),
                          title=draw(st.none() | st.text(max_size=20)), from_html=draw(st.booleans())),
        entities=tuple(Entity(sp(), draw(st.sampled_from(["GPE", "ORG", "PERSON"])))
                       for _ in range(draw(st.integers(0, 3)))),
        actors=tuple(
            Actor(f"A{i}", draw(st.text(max_size=10)), draw(st.sampled_from(ActorKind)), (sp(), sp()),
                  opt(st.just("ISR")), opt(st.just("ISRMIL")),
                  (Affiliation(draw(st.sampled_from(Relation)), "A0"),))
            for i in range(draw(st.integers(0, 3)))
        ),
        places=tuple(
            Place(f"P{i}", "x", (sp(),), opt(st.floats(-90, 90)), opt(st.floats(-180, 180)), opt(st.just("PSE")),
                  opt(st.integers(1, 10**7)), draw(st.sampled_from(Feature)))
            for i in range(draw(st.integers(0, 2)))
        ),
        times=tuple(TimeRef(f"T{i}", sp(), draw(st.sampled_from(TimeType)), "2023-10")
                    for i in range(draw(st.integers(0, 2)))),
        events=tuple(
            Event(f"E{i}", sp(), draw(st.sampled_from(QuadClass)), opt(st.sampled_from(Plover)), opt(st.just("190")),
                  opt(st.just(Acled("Battles", "Armed clash"))), opt(st.just(ActorRef(sp(), "A0"))),
                  opt(st.just(ActorRef(sp()))), opt(st.just("T0")), opt(st.just("2023-10-07")), opt(st.just("P0")),
                  ("F0",), draw(st.booleans()), draw(st.booleans()), draw(st.booleans()), attribution,
                  tuple(sp() for _ in range(draw(st.integers(0, 3)))),
                  date_source=opt(st.sampled_from(DateSource)))
            for i in range(draw(st.integers(0, 2)))
        ),
        figures=tuple(
            Figure(f"F{i}", sp(), draw(st.sampled_from(FigureKind)), draw(st.sampled_from(Qualifier)),
                   draw(numbers), draw(numbers), draw(numbers), opt(st.just(sp())), opt(st.just("E0")), attribution)
            for i in range(draw(st.integers(0, 2)))
        ),
        quotes=tuple(
            Quote(f"Q{i}", draw(st.sampled_from(QuoteKind)), sp(),
                  opt(st.builds(Speaker, st.just(sp()), st.none() | ids, st.none() | st.text(max_size=8))),
                  opt(st.just(sp())), draw(st.sampled_from(Certainty)))
            for i in range(draw(st.integers(0, 2)))
        ),
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_every_span_points_into_the_text(x: Extraction):
    record = to_dict(x, include_text=True)
    spans_found = list(all_spans(record))
    for path, s in spans_found:
        assert s["text"] == x.document.text[s["start"]:s["end"]], path


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_round_trip_is_lossless(x: Extraction):
    record = to_dict(x, include_text=True)
    again = from_dict(json.loads(json.dumps(record)))
    assert to_dict(again, include_text=True) == record
    assert again.events == x.events and again.figures == x.figures and again.quotes == x.quotes
    assert again.actors == x.actors and again.places == x.places and again.times == x.times


def test_text_is_written_only_for_html_input_by_default():
    doc = Document(id="a", text="Troops fired.", from_html=False)
    assert "text" not in to_dict(Extraction(doc))
    assert to_dict(Extraction(Document(id="b", text="Troops fired.", from_html=True)))["text"] == "Troops fired."


def test_record_without_text_needs_the_article_text():
    record = to_dict(Extraction(Document(id="a", text="Troops fired.")))
    assert from_dict(record, text="Troops fired.").document.text == "Troops fired."


def test_rejection_record_shape():
    out = rejection_to_dict(Rejection("x", "empty_text", "the article has no text"))
    assert out == {"id": "x", "schema_version": 1,
                   "error": {"code": "empty_text", "message": "the article has no text"}}
    assert from_dict(out) == Rejection("x", "empty_text", "the article has no text")


def test_span_of_rejects_offsets_outside_the_text():
    import pytest

    with pytest.raises(ValueError):
        Span.of("abc", 2, 5)
    assert Span.of("abcdef", 1, 3) == Span(1, 3, "bc")

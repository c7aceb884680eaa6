"""Pipeline assembly checks and per-article failure isolation, with hand-made stages."""
from __future__ import annotations

import pytest

from sitroom import Pipeline
from sitroom.errors import ConfigError, ProcessingError
from sitroom.model import Document, Event, Extraction, Figure, FigureKind, QuadClass, Qualifier, Rejection, Span
from sitroom.stages.base import Stage


class Words(Stage):
    name = "words"
    assigns = ("entities",)

    def run(self, ctx):
        return {"entities": ()}


class NeedsActors(Stage):
    name = "needs"
    requires = ("actors",)
    assigns = ("events",)

    def run(self, ctx):
        return {"events": ()}


class Boom(Stage):
    """Fails on articles that mention 'boom'."""

    name = "boom"
    assigns = ("figures", "events")

    def run(self, ctx):
        if "boom" in ctx.text:
            raise RuntimeError("simulated bug")
        text = ctx.text
        fig = Figure("F1", Span.of(text, 0, 2), FigureKind.KILLED, Qualifier.EXACT, 10, 10, 10)
        ev = Event("E1", Span.of(text, 3, 8), QuadClass.MATERIAL_CONFLICT, figures=("F1",))
        return {"figures": (fig,), "events": (ev,)}


def docs(*texts):
    return [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]


def test_missing_requirement_fails_when_built():
    with pytest.raises(ConfigError, match="requires"):
        Pipeline(stages=[Words, NeedsActors], check_language=False)


def test_reassigning_a_layer_fails_when_built():
    with pytest.raises(ConfigError, match="re-assigns"):
        Pipeline(stages=[Words, Words], check_language=False)


def test_unknown_stage_name():
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline(stages=["nope"])


def test_a_failing_article_becomes_a_rejection_and_the_rest_go_on():
    pipe = Pipeline(stages=[Boom], check_language=False)
    out = list(pipe.pipe(docs("10 died in town.", "a boom here", "", "12 fled at dawn."), batch_size=2))
    assert [type(r) for r in out] == [Extraction, Rejection, Rejection, Extraction]
    assert out[1].code == ProcessingError.code and "simulated bug" in out[1].message
    assert out[2].code == "empty_text"
    assert [r.document.id for r in (out[0], out[3])] == ["d0", "d3"]


def test_figure_event_link_is_derived_from_events():
    pipe = Pipeline(stages=[Boom], check_language=False)
    (record,) = pipe.pipe(docs("10 died in town."))
    assert record.figures[0].event == "E1"


def test_call_raises_the_coded_error():
    pipe = Pipeline(stages=[Boom], check_language=False)
    with pytest.raises(ProcessingError):
        pipe(Document(id="x", text="boom boom"))

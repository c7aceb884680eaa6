"""Who did what to whom: PLOVER / CAMEO / ACLED coded events with dyads, time, place,
figures, flags and attribution (docs/output-format.md ``events``).

Rules and dictionaries, no model: triggers from ``data/events/triggers.json`` (plus the
user's ``event_files``), participants from the dependency parse, codes from
``data/events/codes.json``. See docs/ontology.md.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitroom.events.extract import EventExtractor, Inputs
from sitroom.events.lexicon import load_lexicon
from sitroom.stages.base import Context, Resources, Stage


def load_event_lexicon(resources: Resources):
    files = resources.option("event_files", ()) or ()
    if isinstance(files, str):
        files = (files,)
    return load_lexicon(tuple(files))


class EventsStage(Stage):
    name = "events"
    requires = ("spacy",)
    optional = ("times", "places", "actors", "quotes", "attributions", "figures")
    assigns = ("events",)

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        self.extractor = resources.get("events.lexicon", lambda r: EventExtractor(load_event_lexicon(r)))

    def run(self, ctx: Context) -> Mapping[str, Any]:
        inputs = Inputs(
            document=ctx.document,
            doc=ctx.spacy,
            times=tuple(ctx.layer("times")),
            places=tuple(ctx.layer("places")),
            actors=tuple(ctx.layer("actors")),
            attributions=tuple(ctx.layer("attributions")) if ctx.has("attributions") else None,
            figures=tuple(ctx.layer("figures")),
            has_times=ctx.has("times"),
        )
        return {"events": self.extractor.extract(inputs)}

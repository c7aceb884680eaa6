"""The registry of built-in stages (one place, like spaCy's factories).

Names map to ``module:Class`` and are imported only when a pipeline uses them, so
``import sitroom`` stays light. ``DEFAULT_STAGES`` is the order ``sitroom extract`` runs.
"""
from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

_STAGE_PATHS: dict[str, str] = {
    "nlp": "sitroom.stages.nlp:NlpStage",
    "times": "sitroom.stages.times:TimesStage",
    "places": "sitroom.stages.places:PlacesStage",
    "actors": "sitroom.stages.actors:ActorsStage",
    "quotes": "sitroom.stages.quotes:QuotesStage",
    "figures": "sitroom.stages.figures:FiguresStage",
    "events": "sitroom.stages.events:EventsStage",
}

DEFAULT_STAGES: tuple[str, ...] = tuple(_STAGE_PATHS)


class _Registry(Mapping):
    def __getitem__(self, name: str):
        module, _, cls = _STAGE_PATHS[name].partition(":")
        return getattr(import_module(module), cls)

    def __iter__(self):
        return iter(_STAGE_PATHS)

    def __len__(self) -> int:
        return len(_STAGE_PATHS)


STAGES = _Registry()

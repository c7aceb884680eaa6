"""Actors: every actor the article mentions, normalised (kind, country, CAMEO-style code), with
all its mentions (names, aliases, "the group", pronouns) and its affiliations.

Rules and data are in :mod:`sitroom.actors`; the dictionary is ``sitroom/data/actors/*.json``
plus the user's own files (option ``actor_files``). See docs/stages.md, section "Actors".
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitroom.actors.dictionary import load_dictionary
from sitroom.actors.extract import ActorExtractor
from sitroom.stages.base import Context, Resources, Stage
from sitroom.stages.nlp import load_spacy


def load_actor_extractor(resources: Resources) -> ActorExtractor:
    return ActorExtractor(resources.get("spacy", load_spacy), resources.get("actor_dictionary", load_dictionary))


class ActorsStage(Stage):
    name = "actors"
    requires = ("spacy",)
    optional = ("places",)
    assigns = ("actors",)

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        self.extractor = resources.get("actor_extractor", load_actor_extractor)

    def run(self, ctx: Context) -> Mapping[str, Any]:
        return {"actors": self.extractor(ctx.spacy, ctx.text, ctx.layer("places"), title=ctx.document.title)}

"""Places: where the article says things happened, resolved to coordinates offline.

Recognition (sitroom.geo.recognize) takes spaCy's GPE/LOC/FAC entities and gazetteer names
spaCy missed; resolution (sitroom.geo.resolve) picks among same-named places with the rest
of the article; the gazetteer (sitroom.geo.gazetteer) is built once from GeoNames data
shipped in PyPI packages plus sitroom's and the user's alias files (option ``place_files``).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitroom.geo.assemble import assemble
from sitroom.geo.gazetteer import load_gazetteer
from sitroom.geo.recognize import Recognizer
from sitroom.geo.resolve import Resolver
from sitroom.stages.base import Context, Resources, Stage


class PlacesStage(Stage):
    name = "places"
    requires = ("spacy",)
    assigns = ("places",)

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        gaz = resources.get("gazetteer", load_gazetteer)
        self.gazetteer = gaz
        self.recognize = Recognizer(gaz)
        self.resolve = Resolver(gaz)

    def run(self, ctx: Context) -> Mapping[str, Any]:
        mentions = self.recognize(ctx.spacy, ctx.text)
        picks = self.resolve(mentions)
        return {"places": assemble(ctx.text, self.gazetteer, mentions, picks)}

"""Places: where the article says things happened, resolved to coordinates offline.

Recognition (sitroom.geo.recognize) takes spaCy's GPE/LOC/FAC entities and gazetteer names
spaCy missed, less those in a web page's navigation left in the text
(sitroom.events.layout.menu_spans); resolution (sitroom.geo.resolve) picks among same-named places with the rest
of the article; the gazetteer (sitroom.geo.gazetteer) is built once from GeoNames data
shipped in PyPI packages plus sitroom's and the user's alias files (option ``place_files``).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitroom.events.layout import menu_spans
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
        menus = menu_spans(ctx.text)
        if menus:  # a page's navigation ("Afghanistan / Albania / ..."): no place of the story
            mentions = _outside(mentions, menus)
        picks = self.resolve(mentions)
        return {"places": assemble(ctx.text, self.gazetteer, mentions, picks)}


def _outside(mentions: list, spans: list[tuple[int, int]]) -> list:
    """The mentions outside ``spans``, their ``container`` indices renumbered."""
    keep = [k for k, m in enumerate(mentions) if not any(a <= m.start < b for a, b in spans)]
    new = {old: k for k, old in enumerate(keep)}
    out = []
    for k in keep:
        m = mentions[k]
        m.container = new.get(m.container) if m.container is not None else None
        out.append(m)
    return out

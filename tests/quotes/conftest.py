"""One spaCy model and one quotes stage per test module; sentences are written for these tests."""
from __future__ import annotations

import pytest

from sitroom.model import Document
from sitroom.stages.base import Context, Resources
from sitroom.stages.nlp import load_spacy
from sitroom.stages.quotes import QuotesStage


class QuotesRunner:
    def __init__(self, **options) -> None:
        self.resources = Resources(**options)
        self.nlp = self.resources.get("spacy", load_spacy)
        self.stage = QuotesStage(self.resources)

    def __call__(self, text: str, actors=()):
        """(quotes, attributions) of ``text``."""
        layers = {"spacy": self.nlp(text)}
        if actors:
            layers["actors"] = tuple(actors)
        out = self.stage.run(Context(Document(id="t", text=text), layers))
        return out["quotes"], out["attributions"]


@pytest.fixture(scope="module")
def run() -> QuotesRunner:
    return QuotesRunner()

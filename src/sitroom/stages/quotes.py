"""The quotes stage: direct, indirect and mixed quotes with speakers, cues and certainty,
and the "attributions" layer that events and figures inside them take.

Options: ``cue_files`` (paths of user cue files, same format as
``sitroom/data/quotes/cues.json``; their entries take precedence).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitroom.quotes.cues import load_lexicon
from sitroom.quotes.extract import extract_quotes
from sitroom.stages.base import Context, Resources, Stage


class QuotesStage(Stage):
    name = "quotes"
    requires = ("spacy",)
    optional = ("actors",)
    assigns = ("quotes", "attributions")

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        files = resources.option("cue_files", ()) or ()
        files = (files,) if isinstance(files, str) else tuple(str(f) for f in files)
        self.lexicon = resources.get(f"quotes.lexicon:{files!r}", lambda _r: load_lexicon(files))

    def run(self, ctx: Context) -> Mapping[str, Any]:
        quotes, attributions = extract_quotes(ctx.spacy, self.lexicon, ctx.layer("actors"), ctx.text)
        return {"quotes": quotes, "attributions": attributions}

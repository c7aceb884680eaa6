"""Time expressions with TIMEX3 types and values, anchored to the publication date.

The grammar (word tables in ``sitroom/data/times_rules.json`` and the patterns built
from them) is loaded once per :class:`Resources` under the key ``times_rules``;
the option ``times_rules`` may name a user's own rules file of the same shape.
See docs/stages.md ("Times") for what is recognised and the known limits.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitroom.model import Span, TimeRef
from sitroom.stages.base import Context, Resources, Stage
from sitroom.times import Grammar, build_grammar, find_times, load_lexicon


def load_times_grammar(resources: Resources) -> Grammar:
    """Read and validate the times rules file and compile its patterns."""
    return build_grammar(load_lexicon(resources.option("times_rules")))


class TimesStage(Stage):
    name = "times"
    requires = ("spacy",)
    assigns = ("times",)

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        self.grammar = resources.get("times_rules", load_times_grammar)

    def run(self, ctx: Context) -> Mapping[str, Any]:
        text = ctx.text
        found = find_times(text, self.grammar, published=ctx.document.published, doc=ctx.spacy)
        times = tuple(
            TimeRef(f"T{i}", Span.of(text, start, end), type_, value)
            for i, (start, end, type_, value) in enumerate(found, 1)
        )
        return {"times": times}

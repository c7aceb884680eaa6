"""The ordered stages that turn a :class:`Document` into an :class:`Extraction`.

``Pipeline`` checks each stage's ``requires``/``assigns`` when it is built, parses
articles with spaCy in batches, runs the other stages article by article, and turns
any article that fails into a :class:`Rejection` without touching the others.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sitroom.errors import ConfigError, InputError, InvalidField, ProcessingError, SitroomError
from sitroom.ingest.validate import TextValidator
from sitroom.model import Document, Event, Extraction, Figure, Rejection
from sitroom.stages import DEFAULT_STAGES, STAGES
from sitroom.stages.base import RECORD_LAYERS, Context, Resources, Stage

log = logging.getLogger(__name__)


def check_order(stages: Sequence[Stage]) -> None:
    """Fail loudly when a stage needs a layer no earlier stage adds, or re-assigns one."""
    available: set[str] = set()
    for stage in stages:
        missing = [layer for layer in stage.requires if layer not in available]
        if missing:
            raise ConfigError(
                f"stage {stage.name!r} requires {missing} which no earlier stage assigns",
                stage=stage.name,
            )
        clash = available.intersection(stage.assigns)
        if clash:
            raise ConfigError(f"stage {stage.name!r} re-assigns {sorted(clash)}", stage=stage.name)
        available.update(stage.assigns)


class Pipeline:
    """Run sitroom's stages over articles; build it once (it loads the model) and reuse it.

    ``stages`` names the stages to run (default: all, in order); ``options`` are those of
    :class:`~sitroom.stages.base.Resources` (``max_chars``, ``check_language``, your own data
    files: ``actor_files``, ``place_files``, ...; docs/data-files.md).

    ::

        pipe = Pipeline()                                  # all stages, default options
        for result in pipe.pipe(documents):                # Documents, dicts or str, in order
            print(result.id, type(result).__name__)        # Extraction or Rejection
    """

    def __init__(
        self,
        stages: Sequence[str | type[Stage]] | None = None,
        *,
        resources: Resources | None = None,
        **options: Any,
    ) -> None:
        self.resources = resources or Resources(**options)
        names = list(stages) if stages is not None else list(DEFAULT_STAGES)
        unknown = [n for n in names if isinstance(n, str) and n not in STAGES]
        if unknown:
            raise ConfigError(f"unknown stage(s) {unknown}; known: {sorted(STAGES)}")
        # a name from the registry, or a Stage subclass (custom stages, test doubles)
        self.stages: list[Stage] = [(STAGES[n] if isinstance(n, str) else n)(self.resources) for n in names]
        check_order(self.stages)
        self.validator = TextValidator(self.resources)

    @property
    def stage_names(self) -> list[str]:
        """The names of the stages, in the order they run."""
        return [s.name for s in self.stages]

    def __call__(self, document: Document | Mapping[str, Any] | str) -> Extraction:
        """Process one article (anything :meth:`pipe` takes); raise the coded error if it cannot be processed."""
        result = next(iter(self.pipe([document])))
        if isinstance(result, Rejection):
            raise result.details.get("exception") or ProcessingError(result.message, document_id=result.id)
        return result

    def pipe(
        self, documents: Iterable[Document | Mapping[str, Any] | str | Rejection], *, batch_size: int = 32
    ) -> Iterator[Extraction | Rejection]:
        """Process articles in order: one :class:`Extraction` or :class:`Rejection` per item.

        An item is a :class:`Document`, a dict in the JSONL input shape (``id``, ``text`` or
        ``html``, ``published``, ``title``, ``source``, ``url``, ``language``), or a plain
        string (the article text; its id is ``doc-`` and a hash of the text, as
        :func:`sitroom.make_document` gives). An item that cannot be used (a dict without
        ``text``, a bad date, a number) becomes a Rejection in its place; a Rejection given
        in passes through.
        """
        batch: list[Document | Rejection] = []
        for n, item in enumerate(documents, 1):
            batch.append(as_document(item, n))
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, items: list[Document | Rejection]) -> list[Extraction | Rejection]:
        states: list[dict[str, Any] | Rejection] = [self._validate(item) for item in items]
        documents = [item if isinstance(item, Document) else None for item in items]
        for stage in self.stages:
            live = [i for i, s in enumerate(states) if not isinstance(s, Rejection)]
            if getattr(stage, "batched", False):
                try:
                    outputs = list(stage.pipe(documents[i] for i in live))
                except Exception:  # isolate the failing article below
                    log.warning("batched stage %s failed; retrying article by article", stage.name)
                else:
                    for i, out in zip(live, outputs):
                        states[i].update(out)  # type: ignore[union-attr]
                    continue
            for i in live:
                states[i] = self._run_one(stage, documents[i], states[i])  # type: ignore[arg-type]
        return [
            s if isinstance(s, Rejection) else _extraction(doc, s) for doc, s in zip(documents, states)
        ]

    def _validate(self, item: Document | Rejection) -> dict[str, Any] | Rejection:
        if isinstance(item, Rejection):
            return item
        try:
            self.validator.check(item)
        except InputError as exc:
            from sitroom.ingest.fields import safe_label  # an id the output can carry

            return Rejection(safe_label(item.id), exc.code, exc.message, {"exception": exc})
        return {}

    @staticmethod
    def _run_one(stage: Stage, document: Document, layers: dict[str, Any]) -> dict[str, Any] | Rejection:
        try:
            out = stage.run(Context(document, layers))
        except InputError as exc:
            return Rejection(document.id, exc.code, exc.message, {"exception": exc})
        except SitroomError as exc:
            log.exception("stage %s failed on %s", stage.name, document.id)
            return Rejection(document.id, exc.code, exc.message, {"exception": exc})
        except Exception as exc:  # a bug in one article must not stop the batch
            log.exception("stage %s failed on %s", stage.name, document.id)
            err = ProcessingError(f"stage {stage.name} failed: {type(exc).__name__}: {exc}", document_id=document.id)
            err.__cause__ = exc
            return Rejection(document.id, err.code, err.message, {"exception": err})
        if set(out) != set(stage.assigns):
            raise ConfigError(f"stage {stage.name!r} returned {sorted(out)}, declared {list(stage.assigns)}")
        layers.update(out)
        return layers


def as_document(item: Any, position: int = 0) -> Document | Rejection:
    """A pipeline input from what a caller hands in (see :meth:`Pipeline.pipe`)."""
    if isinstance(item, (Document, Rejection)):
        return item
    if isinstance(item, str):
        return Document(id=text_id(item), text=item)
    if isinstance(item, Mapping):
        from sitroom.ingest.jsonl import document_from_mapping

        text = item.get("text")
        default = text_id(text) if isinstance(text, str) else f"item-{position}"
        try:
            return document_from_mapping(dict(item), default_id=default)
        except InputError as exc:
            return Rejection(exc.document_id or default, exc.code, exc.message, {"exception": exc})
    err = InvalidField(f"item {position} is a {type(item).__name__}: give a Document, a dict "
                       "(the JSONL input shape) or the text as a str", document_id=f"item-{position}")
    return Rejection(err.document_id, err.code, err.message, {"exception": err})


def text_id(text: str) -> str:
    """The id of an article given only as text: ``doc-`` and 12 hex digits of its SHA-1."""
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _extraction(document: Document, layers: dict[str, Any]) -> Extraction:
    record = {name: tuple(layers.get(name, ())) for name in RECORD_LAYERS}
    record["figures"] = _link_figures(record["figures"], record["events"])
    return Extraction(document=document, **record)


def _link_figures(figures: tuple[Figure, ...], events: tuple[Event, ...]) -> tuple[Figure, ...]:
    """Figures are found before events, so a figure's ``event`` is derived here from the
    events' ``figures`` links (the first event that counts it) rather than stored twice."""
    owner: dict[str, str] = {}
    for event in events:
        for fid in event.figures:
            owner.setdefault(fid, event.id)
    return tuple(
        f if f.event is not None or f.id not in owner else replace(f, event=owner[f.id]) for f in figures
    )

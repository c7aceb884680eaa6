"""What a stage is: a named step that reads some layers and adds others.

A *layer* is a named, immutable tuple of records (``"times"``, ``"actors"``...) or,
for ``"spacy"``, the parsed spaCy ``Doc``. Stages declare ``requires`` and ``assigns``;
:class:`sitroom.pipeline.Pipeline` checks them when it is built, so a mis-ordered
pipeline fails before the first article, not in the middle of a batch.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

from sitroom.model import Document

T = TypeVar("T")

#: layers a finished record is built from, in the order of docs/output-format.md
RECORD_LAYERS = ("entities", "actors", "places", "times", "events", "figures", "quotes")


class Resources:
    """Heavy, shared, read-only resources (spaCy model, gazetteer, dictionaries).

    Loaded lazily, once per process and per ``Resources`` object, and handed to every
    stage: nothing heavy is loaded at import time or kept in module globals.
    """

    def __init__(self, **options: Any) -> None:
        self.options = dict(options)
        self._cache: dict[str, Any] = {}

    def get(self, key: str, loader: Callable[[Resources], T]) -> T:
        if key not in self._cache:
            self._cache[key] = loader(self)
        return self._cache[key]

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


class Context:
    """What a stage sees of one article: the document and the layers added so far."""

    __slots__ = ("document", "_layers")

    def __init__(self, document: Document, layers: Mapping[str, Any]) -> None:
        self.document = document
        self._layers = MappingProxyType(dict(layers))

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def spacy(self):  # -> spacy.tokens.Doc
        return self._layers["spacy"]

    def layer(self, name: str) -> Any:
        """A layer by name; an optional layer not produced by this pipeline is empty."""
        return self._layers.get(name, ())

    def has(self, name: str) -> bool:
        return name in self._layers


class Stage(ABC):
    """One step of the pipeline. Subclasses set the class attributes and implement ``run``."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    #: layers used when present but not required (e.g. events link places if the place stage ran)
    optional: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]]

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    @abstractmethod
    def run(self, ctx: Context) -> Mapping[str, Any]:
        """Return a mapping of exactly ``assigns`` to new immutable layers."""

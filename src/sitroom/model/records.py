"""Frozen records passed between stages.

Every fact carries a :class:`Span` into the article text (house habit 1: no span,
no fact). Records are immutable; a stage adds new records and never edits old ones.
Identifiers (``A1``, ``P1``, ``T1``, ``E1``, ``F1``, ``Q1``) are local to one article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.model.vocab import (
    ActorKind,
    Certainty,
    DateSource,
    Feature,
    FigureKind,
    Plover,
    QuadClass,
    Qualifier,
    QuoteKind,
    Relation,
    TimeType,
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the article text and the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """The span of ``source[start:end]``; the only safe way to build one from offsets."""
        if not 0 <= start <= end <= len(source):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(source)}")
        return cls(start, end, source[start:end])

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Document:
    """One article as it enters the pipeline.

    ``published`` is the ISO-8601 date or datetime string as given (validated at
    ingest); ``text`` is the text every offset points into.
    """

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    from_html: bool = False
    #: (code, message) pairs about the input that the record passes on (``warnings`` in the
    #: record), e.g. a placeholder publication date treated as missing
    warnings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention (spaCy's label: PERSON, ORG, GPE, ...)."""

    span: Span
    label: str


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A TIMEX3 time expression: ``value`` is anchored to the publication date when it is relative."""

    id: str
    span: Span
    type: TimeType
    value: str


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A link from one actor to another of the same article ("Iranian-backed" -> backed_by)."""

    relation: Relation
    actor: str  # id of another Actor in the same article


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant the article names: its canonical name, kind, country, code and every mention."""

    id: str
    name: str
    kind: ActorKind
    mentions: tuple[Span, ...]
    country: str | None = None  # ISO 3166-1 alpha-3
    code: str | None = None  # CAMEO-style actor code
    affiliations: tuple[Affiliation, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A place the article names, resolved in the gazetteer when possible (coordinates, country)."""

    id: str
    name: str
    mentions: tuple[Span, ...]
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonames_id: int | None = None
    feature: Feature = Feature.OTHER


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A span naming a participant, linked to an Actor id when one was resolved."""

    span: Span
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the article says a fact comes from, and how sure it presents it."""

    certainty: Certainty = Certainty.ASSERTED
    source: ActorRef | None = None
    cue: Span | None = None


ASSERTED = Attribution()


@dataclass(frozen=True, slots=True)
class Acled:
    """An event's ACLED coding, with ACLED's own names."""

    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, coded in PLOVER, CAMEO and ACLED, with its time, place, figures,
    flags and attribution (docs/output-format.md)."""

    id: str
    trigger: Span
    quad_class: QuadClass
    plover: Plover | None = None
    cameo: str | None = None
    acled: Acled | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    time: str | None = None  # TimeRef id
    date: str | None = None  # TIMEX3-style calendar value: 2023-10-07, 2023-10, 2023
    place: str | None = None  # Place id
    figures: tuple[str, ...] = ()
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    attribution: Attribution = ASSERTED
    #: every trigger span of this one event in the article, in text order (``trigger`` among them)
    mentions: tuple[Span, ...] = ()
    date_source: DateSource | None = None  # where ``date`` came from (text, scope, dateline, publication)


@dataclass(frozen=True, slots=True)
class Figure:
    """A toll or count ("at least 40 killed"): kind, value, bounds and qualifier."""

    id: str
    span: Span
    kind: FigureKind
    qualifier: Qualifier
    value: int | float | None = None
    low: int | float | None = None
    high: int | float | None = None
    subject: Span | None = None
    event: str | None = None  # Event id
    attribution: Attribution = ASSERTED


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to, linked to an actor when resolved."""

    span: Span
    actor: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct, indirect or mixed speech: its content, speaker, cue and certainty."""

    id: str
    kind: QuoteKind
    content: Span
    speaker: Speaker | None = None
    cue: Span | None = None
    certainty: Certainty = Certainty.REPORTED


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything sitroom found in one article: the output record (docs/output-format.md) as typed data."""

    document: Document
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeRef, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    schema_version: int = 1

    @property
    def id(self) -> str:
        """The article's id (as :attr:`Rejection.id`, so results of a batch read alike)."""
        return self.document.id


@dataclass(frozen=True, slots=True)
class Rejection:
    """An article that could not be processed, with a stable error code (see sitroom.errors)."""

    id: str | None
    code: str
    message: str
    details: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class AttributedSpan:
    """A stretch of text the article attributes to someone (the content of a quote or
    report); events and figures inside it take its attribution."""

    span: Span
    attribution: Attribution

"""Typed, frozen records and closed vocabularies of sitroom's output."""
from sitroom.model.records import (
    ASSERTED,
    Acled,
    Actor,
    ActorRef,
    Affiliation,
    AttributedSpan,
    Attribution,
    Document,
    Entity,
    Event,
    Extraction,
    Figure,
    Place,
    Quote,
    Rejection,
    Span,
    Speaker,
    TimeRef,
)
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

__all__ = [
    "ASSERTED", "Acled", "Actor", "ActorKind", "ActorRef", "Affiliation", "AttributedSpan", "Attribution",
    "Certainty", "DateSource", "Document", "Entity", "Event", "Extraction", "Feature", "Figure",
    "FigureKind", "Place", "Plover", "QuadClass", "Qualifier", "Quote", "QuoteKind",
    "Rejection", "Relation", "Span", "Speaker", "TimeRef", "TimeType",
]

"""sitroom: sourced, structured event data from news about armed conflict.

>>> import sitroom
>>> record = sitroom.extract(text, published="2023-10-07")
>>> sitroom.to_dict(record)          # the output record (docs/output-format.md) (schema_version 1)
>>> sitroom.to_dataframe([record], table="events")   # a layer as a typed DataFrame (extra 'scale')
"""
from sitroom.api import extract, make_document
from sitroom.columnar import to_dataframe
from sitroom.errors import SitroomError
from sitroom.model import (
    Actor,
    Document,
    Entity,
    Event,
    Extraction,
    Figure,
    Place,
    Quote,
    Rejection,
    Span,
    TimeRef,
)
from sitroom.model.serialize import from_dict, rejection_to_dict, to_dict
from sitroom.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Actor", "Document", "Entity", "Event", "Extraction", "Figure", "Pipeline", "Place", "Quote",
    "Rejection", "SitroomError", "Span", "TimeRef", "__version__", "extract", "from_dict",
    "make_document", "rejection_to_dict", "to_dataframe", "to_dict",
]

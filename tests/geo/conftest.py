"""Fixtures shared by the geo tests: the real gazetteer and spaCy, each loaded once per session.

The gazetteer is built from the installed GeoNames packages into the user cache (or
``$SITROOM_CACHE``) the first time, about 15 seconds, then read from there.
"""
from __future__ import annotations

import pytest

from sitroom.stages.base import Resources


@pytest.fixture(scope="session")
def geo_resources() -> Resources:
    return Resources()


@pytest.fixture(scope="session")
def gazetteer(geo_resources):
    from sitroom.geo.gazetteer import load_gazetteer

    return geo_resources.get("gazetteer", load_gazetteer)


@pytest.fixture(scope="session")
def nlp(geo_resources):
    from sitroom.stages.nlp import load_spacy

    return geo_resources.get("spacy", load_spacy)


@pytest.fixture(scope="session")
def places_pipeline(geo_resources):
    """nlp + places sharing the session's resources (spaCy and gazetteer loaded once)."""
    from sitroom import Pipeline

    return Pipeline(stages=["nlp", "places"], resources=geo_resources)

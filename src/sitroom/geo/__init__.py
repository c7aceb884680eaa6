"""Offline geoparsing: a GeoNames gazetteer from PyPI packages, recognition of place mentions,
resolution to coordinates, and the link from an event to where it happened.

Modules: ``names`` (name keys), ``sources`` (packaged GeoNames data), ``datafiles`` (alias
files), ``build`` / ``cache`` (the index, built once), ``gazetteer`` (lookups),
``recognize``, ``resolve``, ``regions``, ``assemble`` (mentions -> Place records) and
``link`` (``event_place``, ``main_place``). The ``places`` stage (sitroom.stages.places) uses them.
"""
from sitroom.geo.link import event_place, main_place

__all__ = ["event_place", "main_place"]

"""Areas named by a direction and a place: "southern Israel", "northern Gaza", "eastern Ukraine".

The representative point moves from the place's point a quarter of the way in from the edge
of its extent (the bounding box of its towns, or the ``bbox`` of an alias entry) in each
direction named; "central X" is the middle of the box. Places without an extent (towns)
keep their own point. Named areas with their own entry (the aliases "southern Israel",
"northern Gaza") are found by name before this applies.
"""
from __future__ import annotations

from sitroom.geo.gazetteer import Gazetteer

#: how far in from the edge the point sits, as a share of the extent
INSET = 0.25

WORDS = {"n": "northern", "s": "southern", "e": "eastern", "w": "western", "c": "central", "ne": "northeastern",
         "nw": "northwestern", "se": "southeastern", "sw": "southwestern"}


def directional_point(gaz: Gazetteer, i: int, direction: str) -> tuple[float, float]:
    lat, lon = gaz.lat[i], gaz.lon[i]
    box = gaz.bbox.get(i)
    if box is None:
        return lat, lon
    south, west, north, east = box
    if direction == "c":
        return (south + north) / 2, (west + east) / 2
    if "n" in direction:
        lat = north - INSET * (north - south)
    elif "s" in direction:
        lat = south + INSET * (north - south)
    if "e" in direction:
        lon = east - INSET * (east - west)
    elif "w" in direction:
        lon = west + INSET * (east - west)
    return round(lat, 4), round(lon, 4)


def region_name(direction: str, base: str) -> str:
    return f"{WORDS.get(direction, direction)} {base}"

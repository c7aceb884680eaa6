"""Turning resolved mentions into the article's ``Place`` records.

One Place per distinct location (a gazetteer entry, or an entry plus a direction for
"southern Israel"), with all its mentions, numbered P1, P2... in order of first mention.
A recognised name the gazetteer cannot place (a street, a building, an unknown village)
stays a Place without coordinates when spaCy called it a location: the text still says
where something happened, and events can point at it.
"""
from __future__ import annotations

from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.recognize import Mention
from sitroom.geo.regions import directional_point, region_name
from sitroom.model import Feature, Place, Span


def assemble(text: str, gaz: Gazetteer, mentions: list[Mention], picks: list[int | None],
             *, keep_unresolved: bool = True) -> tuple[Place, ...]:
    groups: dict[tuple, list[Mention]] = {}
    for m, i in zip(mentions, picks):
        if i is None:
            # an unknown one-word "GPE" is far more often a person or a brand than a place
            if not keep_unresolved or m.source != "ner" or m.label == "GPE" and m.tok_end - m.tok_start < 2:
                continue
            group = ("?", m.key)
        else:
            group = (i, m.direction)
        groups.setdefault(group, []).append(m)
    places = []
    for n, ((i, direction), ms) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].start), start=1):
        spans = tuple(Span.of(text, m.start, m.end) for m in ms)
        if i == "?":
            near = _host(ms[0], mentions, picks, gaz)
            if near is None:
                places.append(Place(id=f"P{n}", name=spans[0].text, mentions=spans, feature=Feature.OTHER))
            else:
                places.append(Place(id=f"P{n}", name=spans[0].text, mentions=spans, lat=gaz.lat[near],
                                    lon=gaz.lon[near], country=gaz.alpha3(near), feature=Feature.OTHER))
            continue
        lat, lon = gaz.lat[i], gaz.lon[i]
        name, feature = gaz.names[i], Feature(gaz.feature_of(i))
        gid = gaz.gid[i] or None
        if direction is not None:
            lat, lon = directional_point(gaz, i, direction)
            name, feature, gid = region_name(direction, name), Feature.REGION, None
        places.append(Place(id=f"P{n}", name=name, mentions=spans, lat=round(lat, 5), lon=round(lon, 5),
                            country=gaz.alpha3(i), geonames_id=gid, feature=feature))
    return tuple(places)


_LOCAL = (2, 3)  # admin2, city


def _host(m: Mention, mentions: list[Mention], picks: list[int | None], gaz: Gazetteer) -> int | None:
    """The town a street or building lies in: the place after its comma ("Main Street, Gainesville"),
    else the last town named before it, else the first one named after it."""
    if m.container is not None and picks[m.container] is not None:
        return picks[m.container]
    best = None
    for o, i in zip(mentions, picks):
        if i is None or gaz.feature[i] not in _LOCAL:
            continue
        if o.start >= m.start and best is not None:
            break
        best = i
        if o.start >= m.start:
            break
    return best

"""Choosing which place each mention means.

Every candidate gets a prior from what it is (a country beats an admin1 area beats a big
city beats a village; capitals and curated aliases get more, a name that is only an
alternate name of the place less) and a bonus from the rest of the article, in two passes.
Pass one scores each candidate against all candidates of the other names (same admin2 or
admin1 area, nearby point, "X, Y" containment); pass two scores against what pass one chose
and adds the document's country prior, the share of the other names placed in the
candidate's country. A mention never votes for itself: names equal to its own are left out,
so "Georgia" cannot pull "Georgia" towards the Caucasus.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from sitroom.geo import build
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.recognize import Mention

COUNTRY, ADMIN1, ADMIN2, CITY, REGION, WATER, OTHER = range(7)
MAX_CANDIDATES = 40
#: countries whose states and provinces are named on their own ("New York" is more often the state)
FEDERATIONS = frozenset({"US", "CA", "AU", "IN", "BR", "MX", "DE"})
SEAT_POPULATION = 100_000
#: candidates per name that are scored against the rest of the article
SUPPORTED = 10


@dataclass(frozen=True, slots=True)
class Weights:
    """Scores of the resolver; tuned on the train splits of the geoparsing sets."""

    country: float = 9.0
    admin1: float = 6.5
    area_pop: float = 0.3  # per log10 of population, countries and admin1
    region: float = 8.0
    admin2: float = 2.0
    admin2_pop: float = 0.5
    city_pop: float = 0.75
    capital: float = 1.5
    curated: float = 3.0
    user: float = 6.0
    alternate: float = 1.5  # the name is only an alternate name of the candidate
    container: float = 8.0  # "Alexandria, La.": X lies in Y
    same_country: float = 0.5  # per other name of the article with a candidate in the same country
    same_admin1: float = 1.5
    same_admin2: float = 2.5
    near: float = 1.5  # a candidate of another name within about 100 km (same or next 1-degree cell)
    support_cap: float = 6.0
    country_share: float = 4.0  # times the share of the article's other names placed in the same country


def prior(gaz: Gazetteer, i: int, w: Weights) -> float:
    f = gaz.feature[i]
    lp = math.log10(gaz.pop[i] + 1)
    if f == COUNTRY:
        s = w.country + w.area_pop * lp
    elif f == ADMIN1:
        s = w.admin1 + w.area_pop * lp
    elif f in (REGION, WATER):
        s = w.region
    elif f == ADMIN2:
        s = w.admin2 + w.admin2_pop * lp
    elif f == CITY:
        s = w.city_pop * lp
    else:
        s = 2.0
    flags = gaz.flags[i]
    if flags & build.CAPITAL:
        s += w.capital
    if flags & build.USER:
        s += w.user
    elif flags & build.CURATED:
        s += w.curated
    return s


def contains(gaz: Gazetteer, outer: int, inner: int) -> bool:
    """True when place ``outer`` (a country, admin1 or admin2 area) contains place ``inner``."""
    f = gaz.feature[outer]
    if outer == inner or not gaz.cc[inner]:
        return False
    if f == COUNTRY:
        return gaz.cc[outer] == gaz.cc[inner]
    if f == ADMIN1:
        return bool(gaz.adm1[outer]) and gaz.adm1[outer] == gaz.adm1[inner]
    if f == ADMIN2:
        return bool(gaz.adm2[outer]) and gaz.adm2[outer] == gaz.adm2[inner]
    return False


class Resolver:
    def __init__(self, gaz: Gazetteer, weights: Weights | None = None) -> None:
        self.gaz = gaz
        self.w = weights or Weights()

    def __call__(self, mentions: list[Mention]) -> list[int | None]:
        """The chosen gazetteer entry of each mention (None when it has no candidate)."""
        gaz, w = self.gaz, self.w
        cands = []
        for m in mentions:
            alt = gaz.alternates(m.key) if m.source != "abbreviation" else frozenset()
            scored = sorted(((i, prior(gaz, i, w) - (w.alternate if i in alt else 0.0)) for i in m.candidates),
                            key=lambda c: -c[1])
            cands.append(scored[:MAX_CANDIDATES])
        inner: list[list[int]] = [[] for _ in mentions]  # the mentions each mention contains, in order
        for j, o in enumerate(mentions):
            if o.container is not None:
                inner[o.container].append(j)
        support = _Support(gaz, w, mentions, cands)
        picks = [self._pick(idx, mentions, cands, support, inner[idx]) for idx in range(len(mentions))]
        # second pass: the same, with the other names pinned to what the first pass chose, plus
        # the document's country prior: the share of the other names placed in each country
        support = _Support(gaz, w, mentions, [[(i, 0.0)] if i is not None else [] for i in picks], shares=True)
        picks = [self._pick(idx, mentions, cands, support, inner[idx]) for idx in range(len(mentions))]
        return [self._seat(i, cands[idx], mentions[idx]) for idx, i in enumerate(picks)]

    def _seat(self, i: int | None, options, m: Mention) -> int | None:
        """A province named after its capital ("Tehran", "Kandahar", "Aleppo") means the city,
        except for the states and provinces of federations ("New York", "Quebec")."""
        gaz = self.gaz
        if i is None or gaz.feature[i] != ADMIN1 or gaz.cc[i] in FEDERATIONS or gaz.flags[i] & build.CURATED:
            return i
        alt = gaz.alternates(m.key)
        for j, _ in options:
            if gaz.feature[j] == CITY and gaz.adm1[j] == gaz.adm1[i] and gaz.pop[j] >= SEAT_POPULATION \
                    and j not in alt:
                return j
        return i

    def _pick(self, idx: int, mentions: list[Mention], cands, support: _Support,
              contained: list[int] | None = None) -> int | None:
        options = cands[idx]
        if not options:
            return None
        gaz, w = self.gaz, self.w
        m = mentions[idx]
        outer = cands[m.container] if m.container is not None else ()
        if contained is None:
            contained = [j for j, o in enumerate(mentions) if o.container == idx]
        inner = [cands[j] for j in contained]
        best, best_score = None, -math.inf
        for i, score in options[:SUPPORTED]:
            if outer and any(contains(gaz, o, i) for o, _ in outer):
                score += w.container
            if inner and any(contains(gaz, i, o) for opts in inner for o, _ in opts[:5]):
                score += w.container
            score += support.bonus(i, m.key)
            if score > best_score:
                best, best_score = i, score
        return best


class _Support:
    """How well a candidate fits the other names of the article.

    For every other distinct name, the best fit among its candidates: same admin2 area,
    same admin1 area, same country, or nearby; weighted down for names that are themselves
    very ambiguous ("Springfield"). Built with dictionary lookups, so a candidate costs
    one lookup per other name.
    """

    def __init__(self, gaz: Gazetteer, w: Weights, mentions: list[Mention], cands, *, shares: bool = False) -> None:
        self.gaz, self.w = gaz, w
        self.tables: dict[str, tuple[float, dict, dict, dict, dict]] = {}
        self.shares = shares
        self._bonus: dict[tuple[int, str], float] = {}
        for m, options in zip(mentions, cands):
            if m.key in self.tables or not options:
                continue
            top = [i for i, _ in options[:SUPPORTED]]
            spread = len({gaz.adm1[i] or gaz.cc[i] for i in top})
            adm2: dict[str, int] = {}
            adm1: dict[str, int] = {}
            country: dict[str, int] = {}
            cells: dict[tuple[int, int], int] = {}
            for i in top:
                if gaz.adm2[i]:
                    adm2.setdefault(gaz.adm2[i], i)
                if gaz.adm1[i]:
                    adm1.setdefault(gaz.adm1[i], i)
                if gaz.cc[i]:
                    country.setdefault(gaz.cc[i], i)
                if gaz.feature[i] in (CITY, ADMIN2, OTHER):
                    y, x = _cell(gaz.lat[i], gaz.lon[i])
                    for dy in (-1, 0, 1):
                        for dx in (-1, 0, 1):
                            cells.setdefault((y + dy, x + dx), i)
            self.tables[m.key] = (1.0 / math.sqrt(spread), adm2, adm1, country, cells)

    def bonus(self, i: int, own_key: str) -> float:
        # every mention of a name asks the same questions: answer each once per article
        key = (i, own_key)
        if key not in self._bonus:
            self._bonus[key] = self._compute_bonus(i, own_key)
        return self._bonus[key]

    def _compute_bonus(self, i: int, own_key: str) -> float:
        gaz, w = self.gaz, self.w
        a2, a1, cc = gaz.adm2[i], gaz.adm1[i], gaz.cc[i]
        point = gaz.feature[i] in (CITY, ADMIN2, OTHER)
        cell = _cell(gaz.lat[i], gaz.lon[i]) if point else None
        total = 0.0
        in_country = others = 0
        for k, (weight, adm2, adm1, country, cells) in self.tables.items():
            if k == own_key:
                continue
            others += 1
            if cc in country:
                in_country += 1
            fit = 0.0
            if a2 and a2 in adm2 and adm2[a2] != i:
                fit = w.same_admin2
            elif a1 and a1 in adm1 and adm1[a1] != i:
                fit = w.same_admin1
            elif point and cell in cells and cells[cell] != i:
                fit = w.near
            elif cc and cc in country and country[cc] != i:
                fit = w.same_country
            total += weight * fit
        total = min(total, w.support_cap)
        if self.shares and others:
            total += w.country_share * in_country / others
        return total


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat)), int(math.floor(lon))

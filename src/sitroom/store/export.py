"""Writing a store out: records (JSONL), events (CSV), incidents (JSONL, GeoJSON, ACLED CSV).

The ACLED-style CSV has ACLED's column names, in ACLED's order, one row per incident
(ACLED codes one event per incident, day and location, merging its reports), so
scripts written for ACLED exports read it:

- ``event_date``: the incident's day; a month or year only gives its first day and
  ``time_precision`` 3; an undated incident takes its first report's publication day and
  ``time_precision`` 2 (the event happened about then). ``year`` follows it.
- ``actor1``/``actor2``: the canonical names of the actors on each side (the actor
  dictionary's name, or the record's composed name such as "Israeli forces"); words the
  article never tied to an actor (a pronoun, "gunfire") are left out rather than guessed.
  ``assoc_actor_*``: up to three other actors of that side.
- ``inter1``/``inter2``: ACLED's codebook: 1 state forces (8 when active outside their own
  country), 2 rebel groups, 3 political militias, 5 rioters, 6 protesters, 7 civilians,
  8 external/other forces (international organisations); empty when the kind is unknown.
  ``interaction`` joins the two codes, the lower first (``17``; ``60`` for one side only).
- ``country``/``region``: as ACLED writes them ("Syria", "Middle East"), from
  ``sitroom/data/acled/countries.json`` (your own file can override it); ``iso`` is the
  ISO 3166 numeric code.
- ``source``: the outlets of the reports (the article's source, else its web site);
  ``notes``: the sentence of the first report that states the event; ``fatalities``:
  see :mod:`sitroom.store.read`; ``tags``: ``sitroom:I12``, the incident id used by every
  other output.
- What sitroom cannot know is left empty: ``admin2``/``admin3``, ``source_scale``.

Every CSV cell written from data that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (or their full-width forms) gets a leading apostrophe, so a spreadsheet
shows it as text instead of running it as a formula (OWASP's CSV-injection advice).
Numbers are written as numbers.
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.errors import DataFileError
from sitroom.store import corrections, read
from sitroom.store import schema as t
from sitroom.store.keys import host_of

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EVENT_COLUMNS = (
    "article_id", "event_id", "incident_id", "date", "plover", "acled_event_type", "acled_sub_event_type",
    "trigger", "source_actor", "target_actor", "fatalities", "place_name", "country", "lat", "lon", "certainty",
    "negated", "hypothetical", "historical", "published", "source", "title", "url",
)
INCIDENT_COLUMNS = (
    "id", "date", "plover", "acled_event_type", "acled_sub_event_type", "place_name", "country", "lat", "lon",
    "n_documents", "n_events", "fatalities",
)
STATE_KINDS = frozenset({"state", "government", "military", "police"})
#: ACLED "inter" codes by actor kind (state forces are 1, or 8 outside their own country)
INTER = {"armed_group": 2, "political_party": 3, "civilians": 7, "person": 7, "media": 7, "organization": 8}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
GEO_PRECISION = {"city": 1, "other": 1, "water": 2, "admin2": 2, "region": 2, "admin1": 3, "country": 3}
_PRONOUNS = frozenset("he she it they we i you him her them us me who whom which one someone".split())
_FORMULA = tuple("=+-@\t\r") + ("＝", "＋", "－", "＠")


# ---- CSV safety ------------------------------------------------------------------------------

def defuse(value: Any) -> Any:
    """A cell value a spreadsheet will not run: text that starts like a formula gets a "'"."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


class SafeWriter:
    """A csv.DictWriter whose text cells are defused (see :func:`defuse`)."""

    def __init__(self, out: IO[str], columns: Iterable[str]) -> None:
        self._w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore",
                                 lineterminator="\r\n")  # RFC 4180: a lone CR in a cell is quoted too

    def writeheader(self) -> None:
        self._w.writeheader()

    def writerow(self, row: dict[str, Any]) -> None:
        self._w.writerow({k: defuse(v) for k, v in row.items()})


def csv_writer(out: IO[str], columns: Iterable[str]) -> SafeWriter:
    return SafeWriter(out, columns)


# ---- ACLED's country names and regions ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AcledCountries:
    """ISO alpha-3 -> ACLED's country name and region."""

    names: dict[str, str]
    regions: dict[str, str]
    version: str

    def name(self, alpha3: str | None) -> str:
        if not alpha3:
            return ""
        if alpha3 in self.names:
            return self.names[alpha3]
        import pycountry

        c = pycountry.countries.get(alpha_3=alpha3)
        return (getattr(c, "common_name", None) or c.name) if c else ""

    def region(self, alpha3: str | None) -> str:
        return self.regions.get(alpha3 or "", "")


def _parse_countries(doc: Any, source: str, into: AcledCountries | None = None) -> AcledCountries:
    if not isinstance(doc, dict) or not isinstance(doc.get("version"), str):
        raise DataFileError(f"{source}: an ACLED countries file is an object with a 'version' string")
    names = dict(into.names) if into else {}
    regions = dict(into.regions) if into else {}
    for code, name in (doc.get("names") or {}).items():
        if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code) and isinstance(name, str) and name):
            raise DataFileError(f"{source}: 'names' maps ISO alpha-3 codes to names ({code!r})")
        names[code] = name
    for region, codes in (doc.get("regions") or {}).items():
        if not isinstance(codes, list) or not all(isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c)
                                                  for c in codes):
            raise DataFileError(f"{source}: region {region!r} must list ISO alpha-3 codes")
        for code in codes:
            regions[code] = region
    version = f"{into.version}+{doc['version']}" if into else doc["version"]
    return AcledCountries(names=names, regions=regions, version=version)


@lru_cache(maxsize=8)
def acled_countries(user_file: str | None = None) -> AcledCountries:
    """The built-in table, with ``user_file`` (same format) read after it and taking precedence."""
    text = resources.files("sitroom").joinpath("data", "acled", "countries.json").read_text("utf-8")
    table = _parse_countries(json.loads(text), "acled/countries.json")
    if user_file:
        try:
            doc = json.loads(Path(user_file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataFileError(f"cannot read ACLED countries file {user_file}: {exc}") from exc
        table = _parse_countries(doc, user_file, into=table)
    return table


def _iso_numeric(alpha3: str | None) -> str:
    if not alpha3:
        return ""
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return str(int(c.numeric)) if c else ""


# ---- records, events, incidents as lines --------------------------------------------------------

def write_records(conn: Connection, out: IO[str], *, with_text: bool = False) -> int:
    """Every stored record, one JSON line each; returns how many."""
    n = 0
    for record in read.records(conn, with_text=with_text):
        record = corrections.overlay_record(conn, record)  # corrected events carry "correction"
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n


def write_incidents_jsonl(conn: Connection, out: IO[str]) -> int:
    """Every incident as in ``sitroom incidents`` output, one JSON line each."""
    n = 0
    for iid in read.incident_ids(conn):
        inc = read.incident(conn, iid)
        if inc is not None and inc.get("status") != "wrong":  # marked wrong by an analyst: left out
            out.write(json.dumps(inc, ensure_ascii=False, separators=(",", ":"), default=str) + "\n")
            n += 1
    return n


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    """An event row (sitroom.store.read.events) as the events CSV writes it: incident ``I12``."""
    out = dict(row)
    if out.get("incident_id") is not None:
        out["incident_id"] = f"I{out['incident_id']}"
    return out


def write_events_csv(conn: Connection, out: IO[str], filters: read.Filters | None = None) -> int:
    """One CSV row per event (EVENT_COLUMNS), with its fatalities, incident id and the fields an
    analyst corrected (``corrected``); events marked wrong or duplicate are left out."""
    writer = csv_writer(out, (*EVENT_COLUMNS, "corrected"))
    writer.writeheader()
    n = 0
    for row in read.events(conn, filters or read.Filters()):  # corrected values, "corrected" naming them
        writer.writerow(event_row(row))
        n += 1
    return n


def write_geojson(conn: Connection, out: IO[str], *, countries: AcledCountries | None = None) -> int:
    """Incidents with a located place as GeoJSON points (a FeatureCollection); each feature
    carries what a map popup needs: date, types, actors, fatalities, sources, evidence."""
    out.write('{"type":"FeatureCollection","features":[\n')
    n = 0
    for view in incident_views(conn, countries=countries):
        inc = view.incident
        if inc["lat"] is None or inc["lon"] is None:
            continue
        props = {
            "id": f"I{inc['id']}", "date": inc["date"], "event_date": view.event_date,
            "plover": inc["plover"], "acled_event_type": inc["acled_event_type"],
            "acled_sub_event_type": inc["acled_sub_event_type"],
            "actor1": view.actor1, "assoc_actor_1": view.assoc1, "actor2": view.actor2,
            "assoc_actor_2": view.assoc2,
            "fatalities": view.fatalities, "place": inc["place_name"], "country": view.country_name,
            "iso3": inc["country"], "sources": view.sources, "urls": view.urls, "evidence": view.evidence,
            "documents": inc["n_documents"], "events": inc["n_events"],
        }
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [inc["lon"], inc["lat"]]},
                   "properties": props}
        out.write(("," if n else "") + json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    out.write("]}\n")
    return n


# ---- one incident, ready for ACLED and GeoJSON --------------------------------------------------

@dataclass
class IncidentView:
    incident: dict[str, Any]
    event_date: str
    time_precision: int | str
    actor1: str
    assoc1: list[str]
    inter1: int | None
    actor2: str
    assoc2: list[str]
    inter2: int | None
    civilian_targeting: bool
    fatalities: int | None
    sources: list[str]
    urls: list[str]
    evidence: str
    country_name: str
    region: str
    feature: str | None


def _incident_rows(conn: Connection, ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """Incidents in id order (only ``ids``, ascending, when given), with analysts' corrections."""
    if ids is None:
        rows = conn.execute(sa.select(t.incidents).order_by(t.incidents.c.id))
    else:
        rows = (r for chunk in _batches(ids) for r in conn.execute(
            sa.select(t.incidents).where(t.incidents.c.id.in_(chunk)).order_by(t.incidents.c.id)))
    for row in rows:
        inc = corrections.overlay_incident(conn, dict(row._mapping))
        if inc is not None:  # None: marked wrong
            yield inc


def _batches(ids: Iterable[int], n: int = 500) -> Iterator[list[int]]:
    batch: list[int] = []
    for i in ids:
        batch.append(i)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def incident_views(conn: Connection, incident_ids: Iterable[int] | None = None, *,
                   countries: AcledCountries | None = None) -> Iterator[IncidentView]:
    """Each incident with at least one event, with its actors, date, sources and evidence."""
    countries = countries or acled_countries()
    for inc in _incident_rows(conn, incident_ids):
        if not inc["n_events"]:
            continue  # articles grouped by text only: no event to code
        yield _view(conn, inc, countries)


def _view(conn: Connection, inc: dict[str, Any], countries: AcledCountries) -> IncidentView:
    members = _members(conn, inc["id"])
    event_type = inc["acled_event_type"] or ""
    a1, assoc1, kind1, country1 = _side(members, "source")
    a2, assoc2, kind2, country2 = _side(members, "target", exclude={a1})
    inter1 = _inter(kind1, country1, inc["country"], event_type, first=True)
    inter2 = _inter(kind2, country2, inc["country"], event_type, first=False)
    if not a1 and event_type in ("Protests", "Riots"):
        # ACLED's own convention for crowds it cannot name
        a1 = f"{'Protesters' if event_type == 'Protests' else 'Rioters'} ({countries.name(inc['country'])})" \
            if inc["country"] else ("Protesters" if event_type == "Protests" else "Rioters")
        inter1 = 6 if event_type == "Protests" else 5
    date, precision = _event_date(inc["date"], members)
    feature = next((f for name, _, _, _, f, _ in (inc["profile"] or {}).get("places") or ()
                    if name == inc["place_name"]), None)
    tolls = read.incident_fatalities(conn, [inc["id"]])
    return IncidentView(
        incident=inc, event_date=date, time_precision=precision, actor1=a1, assoc1=assoc1, inter1=inter1,
        actor2=a2, assoc2=assoc2, inter2=inter2,
        civilian_targeting=inter2 == 7 and event_type in ("Violence against civilians", "Explosions/Remote violence"),
        fatalities=tolls.get(inc["id"]),
        sources=list(dict.fromkeys(m["outlet"] for m in members if m["outlet"])),
        urls=list(dict.fromkeys(m["url"] for m in members if m["url"])),
        evidence=next((m["evidence"] for m in members if m["evidence"]), ""),
        country_name=countries.name(inc["country"]), region=countries.region(inc["country"]), feature=feature)


def _members(conn: Connection, incident_id: int) -> list[dict[str, Any]]:
    """The events of an incident in the order they joined it, with what the exports need."""
    ie, e, a, x = t.incident_events, t.events, t.articles, t.extractions
    rows = conn.execute(sa.select(e.c.data, e.c.country, x.c.record, a.c.source, a.c.url, a.c.text,
                                  a.c.published_date)
                        .join(ie, ie.c.event_pk == e.c.id).join(a, a.c.id == e.c.article_id)
                        .join(x, x.c.article_id == e.c.article_id)
                        .where(ie.c.incident_id == incident_id).order_by(ie.c.id)).all()
    out = []
    for data, country, record, source, url, text, published in rows:
        actors = {ac["id"]: ac for ac in record.get("actors") or ()}
        trigger = data.get("trigger") or {}
        m = {"outlet": outlet(source, url), "url": url, "published": published, "country": country,
             "evidence": evidence_sentence(text or "", trigger.get("start"), trigger.get("end"))}
        for role in ("source", "target"):
            ref = data.get(role) or {}
            actor = actors.get(ref.get("actor") or "")
            m[f"{role}_name"] = actor_name(actor, ref)
            m[f"{role}_kind"] = (actor or {}).get("kind")
            m[f"{role}_country"] = (actor or {}).get("country")
        out.append(m)
    return out


def outlet(source: str | None, url: str | None) -> str:
    """Who published an article: its source name, else its web site's host name."""
    if source and source.strip():
        return " ".join(source.split())
    if url:
        return host_of(url).removeprefix("www.")
    return ""


def actor_name(actor: dict[str, Any] | None, ref: dict[str, Any] | None = None) -> str:
    """The canonical name of an event participant: the record's actor (a dictionary name, or
    a composed one such as "Israeli forces"), whitespace collapsed; "" when the article's
    words were never tied to an actor (a pronoun, "gunfire", "dozens of mosques")."""
    name = " ".join(str((actor or {}).get("name") or "").split())
    if not name or len(name) > 120 or name.lower() in _PRONOUNS:
        return ""
    return name


def _side(members: list[dict[str, Any]], role: str, *, exclude: set[str] = frozenset()
          ) -> tuple[str, list[str], str | None, str | None]:
    """(main actor, up to three associated actors, its kind, its country) of one side."""
    names: Counter = Counter()
    info: dict[str, tuple[str | None, str | None]] = {}
    for m in members:
        name = m.get(f"{role}_name")
        if name and name not in exclude:
            names[name] += 1
            info.setdefault(name, (m.get(f"{role}_kind"), m.get(f"{role}_country")))
    if not names:
        return "", [], None, None
    ranked = [n for n, _ in names.most_common()]
    kind, country = info[ranked[0]]
    return ranked[0], ranked[1:4], kind, country


def _inter(kind: str | None, actor_country: str | None, incident_country: str | None, event_type: str, *,
           first: bool) -> int | None:
    if kind in STATE_KINDS:
        abroad = actor_country and incident_country and actor_country != incident_country
        return 8 if abroad else 1
    if first and event_type == "Protests" and kind in (None, "civilians", "person", "political_party", "other"):
        return 6
    if first and event_type == "Riots" and kind in (None, "civilians", "person", "political_party", "other"):
        return 5
    return INTER.get(kind or "")


def _event_date(date: str | None, members: list[dict[str, Any]]) -> tuple[str, int | str]:
    if date and len(date) == 10:
        return date, 1
    if date and len(date) in (4, 7):
        return (date + "-01-01")[:10] if len(date) == 4 else date + "-01", 3
    published = sorted(m["published"] for m in members if m.get("published"))
    return (published[0], 2) if published else ("", "")


_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|St|Jr|Sr|No|Vol|vs|etc|Inc|Co|"
                     r"Corp|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.)\s*$")


def evidence_sentence(text: str, start: int | None, end: int | None, *, limit: int = 600) -> str:
    """The sentence of ``text`` around ``[start, end)``, whitespace collapsed: the words a
    reader checks an event against."""
    if not text or start is None or end is None or not 0 <= start <= end <= len(text):
        return ""
    left = 0
    for m in _BOUNDARY.finditer(text, max(0, start - 2000), start):
        if not _ABBREV.search(text[max(0, m.start() - 12):m.start()]):
            left = m.end()
    right = len(text)
    for m in _BOUNDARY.finditer(text, end, min(len(text), end + 2000)):
        if not _ABBREV.search(text[max(0, m.start() - 12):m.start()]):
            right = m.start()
            break
    if left == 0:  # the first sentence of a wire report opens with its dateline: not evidence
        from sitroom.ingest.dateline import find_dateline

        dateline = find_dateline(text)
        if dateline is not None and dateline.end <= start:
            left = dateline.end
    sentence = " ".join(text[left:right].split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


# ---- ACLED ---------------------------------------------------------------------------------------

def acled_rows(conn: Connection, incident_ids: Iterable[int] | None = None, *,
               countries: AcledCountries | None = None) -> Iterator[dict[str, Any]]:
    """One ACLED-style row per incident with at least one event (only ``incident_ids`` when given)."""
    for view in incident_views(conn, incident_ids, countries=countries):
        inc = view.incident
        interaction = "".join(str(x) for x in sorted(v for v in (view.inter1, view.inter2) if v))
        if interaction and len(interaction) == 1:
            interaction += "0"
        updated = inc["updated"]
        has_place = inc["lat"] is not None
        yield {
            "event_id_cnty": f"{inc['country'] or 'XXX'}{inc['id']}",
            "event_date": view.event_date, "year": view.event_date[:4], "time_precision": view.time_precision,
            "disorder_type": DISORDER.get(inc["acled_event_type"] or "", ""),
            "event_type": inc["acled_event_type"] or "", "sub_event_type": inc["acled_sub_event_type"] or "",
            "actor1": view.actor1, "assoc_actor_1": "; ".join(view.assoc1), "inter1": view.inter1 or "",
            "actor2": view.actor2, "assoc_actor_2": "; ".join(view.assoc2), "inter2": view.inter2 or "",
            "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if view.civilian_targeting else "",
            "iso": _iso_numeric(inc["country"]), "region": view.region, "country": view.country_name,
            "admin1": inc["place_name"] if view.feature == "admin1" else "", "admin2": "", "admin3": "",
            "location": inc["place_name"] or "", "latitude": inc["lat"] if has_place else "",
            "longitude": inc["lon"] if has_place else "",
            "geo_precision": GEO_PRECISION.get(view.feature or "", "") if has_place else "",
            "source": "; ".join(view.sources), "source_scale": "",
            "notes": view.evidence, "fatalities": view.fatalities or 0,
            "tags": f"sitroom:I{inc['id']}",
            "timestamp": int(updated.timestamp()) if isinstance(updated, datetime) else "",
        }


def write_acled(conn: Connection, out: IO[str], *, countries: AcledCountries | None = None) -> int:
    """The ACLED-style CSV (see the module docstring); returns the number of rows."""
    writer = csv_writer(out, ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for row in filter(None, (corrections.overlay_acled(conn, r) for r in acled_rows(conn, countries=countries))):
        writer.writerow(row)
        n += 1
    return n

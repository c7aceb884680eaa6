"""The actors of one article while they are being found (mutable, local to one ``run``).

An actor is identified by a key: ``("entry", id)`` for a dictionary actor, ``("state", ISO3)``,
``("sector", country-or-label-or-None, kind, role[, head])`` for a composed or generic sector
actor ("Israeli forces", "gunmen"), ``("people", demonym)`` for a people ("Palestinians"),
``("org", name)`` for an organisation spaCy found that the dictionary does not know, and
``("person", n)`` for a person. Mentions are token ranges; they become character spans only
when the frozen :class:`~sitroom.model.Actor` records are built.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.actors.dictionary import ActorDictionary, Entry, Sector, Title
from sitroom.model.vocab import ActorKind, Relation

Key = tuple
#: the kind of a people named as such: unarmed, so ACLED's civilians, though not "civilians" by name
POPULATION_KIND = ActorKind.CIVILIANS


@dataclass(slots=True)
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    head: int  # token index of the mention's head
    key: Key


@dataclass(slots=True)
class Cand:
    key: Key
    name: str
    kind: ActorKind
    country: str | None
    code: str | None
    named: bool  # a proper name (dictionary, state, organisation, person): antecedent of "the group"
    entry: Entry | None = None
    gender: str | None = None
    titles: list[Title] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    links: list[tuple[Relation, Key]] = field(default_factory=list)  # affiliations found in the text
    dict_links: list[tuple[Relation, str]] = field(default_factory=list)  # from the dictionary, by id


class Registry:
    def __init__(self, doc, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.d = dictionary
        self.cands: dict[Key, Cand] = {}
        self.mentions: list[Mention] = []
        self.country_hits: list[tuple[int, str]] = []  # (token, ISO3) for every country named

    def mention(self, cand: Cand, start: int, end: int, head: int | None = None) -> Mention:
        m = Mention(start, end, end - 1 if head is None else head, cand.key)
        cand.mentions.append(m)
        self.mentions.append(m)
        return m

    def link(self, client: Cand, relation: Relation, target: Cand) -> None:
        if client.key != target.key:
            client.links.append((relation, target.key))

    # ---- actor factories (get or create) --------------------------------------------------

    def entry(self, entry: Entry) -> Cand:
        key = ("entry", entry.id)
        cand = self.cands.get(key)
        if cand is None:
            cand = self.cands[key] = Cand(
                key, entry.name, entry.kind, entry.country, entry.code, True, entry=entry, gender=entry.gender,
                dict_links=list(entry.affiliations),
            )
        return cand

    def state(self, iso: str) -> Cand:
        key = ("state", iso)
        cand = self.cands.get(key)
        if cand is None:
            state = self.d.states[iso]
            cand = self.cands[key] = Cand(key, state.name, ActorKind.STATE, iso, iso, True)
        return cand

    def sector(self, country_key: str | None, sector: Sector, surface: str = "", lemma: str = "") -> Cand:
        """A state's (or a people's) sector actor, or a generic one when ``country_key`` is None
        (generic actors are told apart by the lemma of their phrase: "gunman" = "gunmen")."""
        if country_key is None:
            key = ("sector", None, sector.kind.value, sector.role, lemma or surface.lower())
            name, country, code = surface.lower(), None, sector.role
        else:
            key = ("sector", country_key, sector.kind.value, sector.role)
            if country_key.startswith("~"):
                name, country, code = f"{country_key[1:]} {sector.label}", None, sector.role
            else:
                name = f"{self.d.adjective(country_key)} {sector.label}"
                country, code = country_key, country_key + sector.role
        cand = self.cands.get(key)
        if cand is None:
            cand = self.cands[key] = Cand(key, name, sector.kind, country, code, False)
        return cand

    def people(self, demonym_key: str) -> Cand:
        """A people named as such ("Israelis", "Palestinians", "Kurds"): the population, named
        by its plural and coded by its country, not "civilians" unless the text says civilians."""
        key = ("people", demonym_key)
        cand = self.cands.get(key)
        if cand is None:
            dem = self.d.demonyms[demonym_key]
            name = dem.plurals[0] if dem.plurals else dem.label
            cand = self.cands[key] = Cand(key, name, POPULATION_KIND, dem.country, dem.country, False)
        return cand

    def org(self, name: str, kind: ActorKind, country: str | None, role: str | None) -> Cand:
        key = ("org", name.lower())
        cand = self.cands.get(key)
        if cand is None:
            code = (country or "") + role if role else country
            cand = self.cands[key] = Cand(key, name, kind, country, code or None, True)
        return cand

    def person(self, n: int, name: str) -> Cand:
        key = ("person", n)
        cand = self.cands.get(key)
        if cand is None:
            cand = self.cands[key] = Cand(key, name, ActorKind.PERSON, None, None, True)
        return cand

    def country_actor(self, iso: str, relation: Relation) -> Cand | None:
        """The article's actor standing for a state: its government for a person's role, else the state."""
        gov = self.cands.get(("sector", iso, ActorKind.GOVERNMENT.value, "GOV"))
        state = self.cands.get(("state", iso))
        if relation in (Relation.LEADER_OF, Relation.MEMBER_OF):
            return gov or state
        return state or gov

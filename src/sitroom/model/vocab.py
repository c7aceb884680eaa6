"""Closed vocabularies of the output record (docs/output-format.md, schema_version 1).

Every value here is written verbatim into the JSON record, so members are
``StrEnum``s whose value is the contract string.
"""
from __future__ import annotations

from enum import StrEnum


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    ARMED_GROUP = "armed_group"
    POLITICAL_PARTY = "political_party"
    MEDIA = "media"
    ORGANIZATION = "organization"
    PERSON = "person"
    CIVILIANS = "civilians"
    OTHER = "other"


class Relation(StrEnum):
    BACKED_BY = "backed_by"
    MEMBER_OF = "member_of"
    PART_OF = "part_of"
    AFFILIATED_WITH = "affiliated_with"
    LEADER_OF = "leader_of"


class Feature(StrEnum):
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    CITY = "city"
    REGION = "region"
    WATER = "water"
    OTHER = "other"


class TimeType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Plover(StrEnum):
    """The 16 PLOVER event types (PLOVER manual, 2018 revision)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class QuadClass(StrEnum):
    STATEMENT = "STATEMENT"
    VERBAL_COOPERATION = "VERBAL_COOPERATION"
    MATERIAL_COOPERATION = "MATERIAL_COOPERATION"
    VERBAL_CONFLICT = "VERBAL_CONFLICT"
    MATERIAL_CONFLICT = "MATERIAL_CONFLICT"


class FigureKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    HOSTAGE = "hostage"
    MISSING = "missing"
    ARRESTED = "arrested"
    DISPLACED = "displaced"
    ATTACKS = "attacks"
    WEAPONS = "weapons"
    OTHER = "other"


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    UP_TO = "up_to"
    LESS_THAN = "less_than"
    RANGE = "range"
    VAGUE = "vague"


class Certainty(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    CLAIMED = "claimed"
    ALLEGED = "alleged"
    DENIED = "denied"
    UNVERIFIED = "unverified"


class DateSource(StrEnum):
    """Where an event's date came from (docs/stages.md, "Events: dates")."""

    TEXT = "text"                # the event's clause or sentence
    SCOPE = "scope"              # a paragraph or list lead, or the day of the article's news
    DATELINE = "dateline"        # the article's dateline (its lead event only)
    PUBLICATION = "publication"  # the publication date (its lead event only)


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"

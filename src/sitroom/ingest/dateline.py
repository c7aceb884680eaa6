"""The dateline of a wire report: where and when it was filed.

Agency copy and the monitoring services that relay it open with a dateline::

    LIMA, 2 Oct 88 (EFE) -- ...
    SAN SALVADOR, 12 JAN 90 (CANAL SEIS TELEVISION) -- [TEXT] ...
    KABUL, Afghanistan, Aug. 26, 2021 (AP) — ...
    Bogota, October 18, 1989 - ...
    July 21, 2013                         (a first line that is only a date)

:func:`find_dateline` reads the first line of a text and returns the place, the date (ISO,
only when the year is written: "LIMA, Oct 2 (Reuters) -" has a place but no date), the
agency and the span it covers. A two-digit year is read in the century that puts it at most
one year ahead of today (88 -> 1988, 24 -> 2024). Nothing else in the article is looked at:
a date further in is a date of the news, not of the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))


def _month(name: str) -> str:
    return rf"(?P<{name}>(?i:{_MONTH_WORDS}))\.?"


_WEEKDAY = r"(?:(?i:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?i:day)?\.?,?\s+)?"
# "2 Oct 88", "2 October 1988", "Oct. 2, 1988", "October 2 1988", "2023-10-07"
_DATE = (rf"(?:{_WEEKDAY}(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+{_month('month1')},?\s+(?P<year1>\d{{4}}|\d{{2}})"
         rf"|{_WEEKDAY}{_month('month2')}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{{4}}|\d{{2}})"
         r"|(?P<iso>\d{4}-\d{2}-\d{2}))(?!\d)")
# a place: capitalised words, with an optional region in parentheses or after a comma
_WORD = r"[A-Z][\w'.\-]*"
_PLACE = (rf"(?P<place>{_WORD}(?:[ \-]{_WORD}){{0,4}}"
          rf"(?:[ \t]*\({_WORD}(?:[ \-]{_WORD}){{0,3}}\)(?=,)|,[ \t]*{_WORD}(?:[ \t]{_WORD}){{0,3}}){{0,2}})")
_AGENCY = r"(?:\s*\((?P<agency>[^()\n]{1,60})\))?"
_DASH = r"\s*(?:--|—|–|-|:)"
_NO_YEAR = rf"(?:{_month('month3')}\s+\d{{1,2}}|\d{{1,2}}\s+{_month('month4')})"
_CLOCK = r"(?:,?\s*\d{1,2}[:.]\d{2}[^\n]{0,20})?"

# place and date on the first line; the agency and the dash may wrap onto the next
_WITH_DATE = re.compile(rf"\s*{_PLACE},?[ \t]+{_DATE}{_AGENCY}{_DASH}")
_PLACE_ONLY = re.compile(rf"\s*{_PLACE}(?:,?[ \t]+{_NO_YEAR})?{_AGENCY}{_DASH}\s")
_DATE_LINE = re.compile(rf"\s*{_DATE}{_CLOCK}\s*(?:\n|$)")


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a report's dateline says; ``start``/``end`` are offsets of the dateline in the text."""

    start: int
    end: int
    text: str
    place: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, only when the dateline has a full date with a year
    agency: str | None = None


def _year(raw: str, today: date) -> int:
    if len(raw) == 4:
        return int(raw)
    y = int(raw)
    century = today.year // 100 * 100
    return century + y if century + y <= today.year + 1 else century - 100 + y


def _iso(m: re.Match[str], today: date) -> str | None:
    g = m.groupdict()
    try:
        if g.get("iso"):
            return date.fromisoformat(g["iso"]).isoformat()
        if g.get("day1"):
            day, month, year = g["day1"], g["month1"], g["year1"]
        else:
            day, month, year = g["day2"], g["month2"], g["year2"]
        return date(_year(year, today), _MONTHS[month.lower().rstrip(".")], int(day)).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def _place(raw: str | None) -> str | None:
    if not raw:
        return None
    place = " ".join(raw.split()).strip(" ,")
    # datelines are often in capitals: "SAN SALVADOR" -> "San Salvador"
    return ", ".join(p.title() if p.isupper() else p for p in place.split(", "))


def find_dateline(text: str, *, today: date | None = None) -> Dateline | None:
    """The dateline that opens ``text`` (its first line; the agency and dash may wrap), or None."""
    today = today or date.today()
    head = text[: len(text) - len(text.lstrip()) + 300]
    for pattern in (_WITH_DATE, _DATE_LINE):
        m = pattern.match(head)
        if m:
            iso = _iso(m, today)
            if iso is None:
                continue
            if date.fromisoformat(iso) > today:
                continue  # a report is not filed in the future: not a dateline
            start, end = _bounds(m)
            return Dateline(start=start, end=end, text=text[start:end], date=iso,
                            place=_place(m.groupdict().get("place")), agency=_agency(m))
    m = _PLACE_ONLY.match(head)
    if m and _looks_like_dateline(m):
        start, end = _bounds(m)
        return Dateline(start=start, end=end, text=text[start:end], place=_place(m.group("place")),
                        agency=_agency(m))
    return None


def _bounds(m: re.Match[str]) -> tuple[int, int]:
    raw = m.group()
    start = m.start() + len(raw) - len(raw.lstrip())
    return start, m.start() + len(raw.rstrip())


def _agency(m: re.Match[str]) -> str | None:
    agency = m.groupdict().get("agency")
    return " ".join(agency.split()) if agency else None


def _looks_like_dateline(m: re.Match[str]) -> bool:
    """Without a date, a place is only a dateline when it is in capitals or an agency follows
    ("BEIRUT -", "Beirut (AP) -"): "Police said -" is a sentence, not a dateline."""
    place = m.group("place").split(",")[0].split("(")[0].strip()
    return bool(m.groupdict().get("agency")) or (place.isupper() and len(place) > 2)

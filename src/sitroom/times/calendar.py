"""Calendar arithmetic on TIMEX3 values: pure functions, no spaCy, no state.

A calendar value is written at one *granularity*: ``day`` (2023-10-07), ``week``
(2023-W40), ``weekend`` (2023-W40-WE), ``month`` (2023-10), ``quarter`` (2023-Q4),
``half`` (2023-H2), ``season`` (2023-FA), ``year`` (2023), ``decade`` (202) or
``century`` (20). Every function that takes an anchor date accepts ``None`` and
then returns the unanchored form (``XXXX-XX-XX``, ``XXXX-10``...) instead of guessing.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

#: coarseness of granularities, finest first
GRAN_RANK = {
    "day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "season": 3, "half": 4,
    "year": 5, "decade": 6, "century": 7,
}

_UNANCHORED = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
    "quarter": "XXXX-QX", "half": "XXXX-HX", "season": "XXXX-XX", "year": "XXXX",
    "decade": "XXX", "century": "XX",
}

_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                    6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}
#: first month of each season (winter starts in December of its year)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO-8601 date or datetime string, or None when absent or invalid."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, the day clamped to the target month's length."""
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    for day in (d.day, 30, 29, 28):
        moved = safe_date(y, m + 1, min(day, d.day))
        if moved is not None:
            return moved
    raise ValueError(f"cannot move {d} by {n} months")  # unreachable: day 28 always exists


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day or night, week, fortnight, month, quarter, half, year, decade, century)."""
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
    if unit not in months:
        raise ValueError(f"unknown unit {unit!r}")
    try:
        return add_months(d, months[unit] * n)
    except (ValueError, OverflowError):
        return d


def season_of(d: date) -> tuple[int, str]:
    """(year, season code) of a date; winter belongs to the year of its December."""
    code = _SEASON_OF_MONTH[d.month]
    return (d.year - 1 if d.month in (1, 2) else d.year), code


def fmt(d: date | None, gran: str) -> str:
    """The TIMEX3 value of the period of granularity ``gran`` containing ``d``."""
    if d is None:
        return _UNANCHORED[gran]
    if gran == "day":
        return d.isoformat()
    if gran in ("week", "weekend"):
        iso_year, week, _ = d.isocalendar()
        return f"{iso_year:04d}-W{week:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "season":
        year, code = season_of(d)
        return f"{year:04d}-{code}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {gran!r}")


_VALUE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$"), "day"),
    (re.compile(r"^(\d{4})-W(\d{2})(-WE)?$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(\d{4})$"), "year"),
)


def parse_value(value: str) -> tuple[date, str] | None:
    """A representative date (the period's first day) and the granularity of a calendar value."""
    for rx, gran in _VALUE_FORMS:
        m = rx.match(value)
        if not m:
            continue
        y = int(m[1])
        try:
            if gran == "day":
                return date(y, int(m[2]), int(m[3])), gran
            if gran == "week":
                return date.fromisocalendar(y, int(m[2]), 1), ("weekend" if m[3] else "week")
            if gran == "month":
                return date(y, int(m[2]), 1), gran
            if gran == "quarter":
                return date(y, 3 * int(m[2]) - 2, 1), gran
            if gran == "half":
                return date(y, 6 * int(m[2]) - 5, 1), gran
            if gran == "season":
                return date(y, SEASON_START[m[2]], 1), gran
            return date(y, 1, 1), gran
        except ValueError:
            return None
    return None


def coarser(a: str, b: str) -> str:
    return a if GRAN_RANK[a] >= GRAN_RANK[b] else b


def weekday_near(anchor: date, weekday: int, mode: str) -> date:
    """The ``weekday`` (1 = Monday) nearest ``anchor``: mode ``on_or_before``, ``before``,
    ``on_or_after`` or ``after``."""
    delta = anchor.isoweekday() - weekday
    if mode in ("on_or_before", "before"):
        back = delta % 7
        if back == 0 and mode == "before":
            back = 7
        return anchor - timedelta(days=back)
    ahead = (-delta) % 7
    if ahead == 0 and mode == "after":
        ahead = 7
    return anchor + timedelta(days=ahead)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th (1-based; -1 = last) ``weekday`` (1 = Monday) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


_WEEKDAY_ABBR = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
_HOLIDAY_RULE = re.compile(
    r"^(?:(?P<mm>\d{2})-(?P<dd>\d{2})|easter(?P<off>[+-]\d+)"
    r"|(?P<m2>\d{2})-(?P<wd>mon|tue|wed|thu|fri|sat|sun)-(?P<n>\d|last)"
    r"|(?P<m3>\d{2})-(?P<wd3>mon|tue|wed|thu|fri|sat|sun)-after-(?P<wd4>mon|tue|wed|thu|fri|sat|sun)-(?P<n3>\d))$"
)


def valid_holiday_rule(rule: str) -> bool:
    return bool(_HOLIDAY_RULE.match(rule))


def holiday_date(rule: str, year: int) -> date | None:
    """The date of a holiday rule in ``year``: ``MM-DD``, ``easter+N``, ``MM-wd-N`` / ``MM-wd-last``
    (N-th weekday of the month) or ``MM-wd-after-wd-N`` (first weekday after the N-th other weekday)."""
    m = _HOLIDAY_RULE.match(rule)
    if not m:
        return None
    if m["mm"]:
        return safe_date(year, int(m["mm"]), int(m["dd"]))
    if m["off"]:
        return easter(year) + timedelta(days=int(m["off"]))
    if m["m2"]:
        n = -1 if m["n"] == "last" else int(m["n"])
        return nth_weekday(year, int(m["m2"]), _WEEKDAY_ABBR[m["wd"]], n)
    base = nth_weekday(year, int(m["m3"]), _WEEKDAY_ABBR[m["wd4"]], int(m["n3"]))
    return weekday_near(base, _WEEKDAY_ABBR[m["wd3"]], "after")


# ---- durations ----------------------------------------------------------------------

#: unit code -> (ISO designator, is a time unit (after "T"))
_DESIGNATOR = {"S": ("S", True), "MIN": ("M", True), "H": ("H", True), "D": ("D", False),
               "W": ("W", False), "M": ("M", False), "Q": ("Q", False), "Y": ("Y", False)}
#: fractions of a unit expressed exactly in the next smaller unit
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
#: units written as multiples of another
_MULTIPLE = {"DE": ("Y", 10), "CE": ("Y", 100), "ML": ("Y", 1000), "FN": ("W", 2)}
_VAGUE = {"S": "PTXS", "MIN": "PTXM", "H": "PTXH", "D": "PXD", "W": "PXW", "FN": "PXW", "M": "PXM",
          "Q": "PXQ", "Y": "PXY", "DE": "PXDE", "CE": "PXCE", "ML": "PXML"}


def _fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``duration(3, "D") == "P3D"``, ``duration(None, "Y") == "PXY"``,
    ``duration(2.5, "Y") == "P2Y6M"``, ``duration(2, "DE") == "P20Y"``."""
    if n is None:
        return _VAGUE[unit]
    if unit in _MULTIPLE:
        base, factor = _MULTIPLE[unit]
        n, unit = n * factor, base
    whole = int(n)
    frac = n - whole
    parts: list[tuple[float, str]] = []
    if frac and unit in _SMALLER:
        small, factor = _SMALLER[unit]
        rest = frac * factor
        if float(rest).is_integer():
            parts = [(whole, unit), (rest, small)] if whole else [(rest, small)]
    if not parts:
        parts = [(n, unit)]
    date_part = "".join(_fmt_number(x) + _DESIGNATOR[u][0] for x, u in parts if not _DESIGNATOR[u][1])
    time_part = "".join(_fmt_number(x) + _DESIGNATOR[u][0] for x, u in parts if _DESIGNATOR[u][1])
    return "P" + date_part + ("T" + time_part if time_part else "")

"""Give each recognised expression its TIMEX3 type and value.

Deictic expressions ("yesterday", "last month", "two years ago") are anchored to the
publication date; anaphoric ones ("a year earlier", "the next day", "that week") to
the last calendar value mentioned before them, falling back to the publication date.
Bare weekdays, months and quarters take the occurrence the clause's tense points to:
the latest one on or before publication in past-tense or present-tense clauses, the
next one in future clauses. Without a publication date deictic values stay
unanchored (``XXXX-XX-XX``, ``XXXX-08``) rather than guessed.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from sitroom.model.vocab import TimeType
from sitroom.times.calendar import (
    SEASON_START,
    add_months,
    coarser,
    duration,
    fmt,
    holiday_date,
    parse_value,
    safe_date,
    shift,
    weekday_near,
)
from sitroom.times.context import DocView
from sitroom.times.recognise import Expr

log = logging.getLogger(__name__)

Result = tuple[TimeType, str]

_BACK = {"last", "past", "previous", "this past", "the latest", "the most recent", "the past", "the last",
         "the previous", "the preceding", "the prior"}
_AHEAD = {"next", "coming", "the coming", "the next", "this coming", "the following"}
_NOW = {"this", "current", "the current", "the present", "the", "the same"}
_ANAPHORIC = {"the following", "the previous", "the preceding", "the prior", "the same", "that"}
_UNIT_GRAN = {"second": "day", "minute": "day", "hour": "day", "day": "day", "night": "day", "week": "day",
              "fortnight": "day", "month": "month", "quarter": "quarter", "year": "year", "decade": "year",
              "century": "year", "millennium": "year"}
_UNIT_CODE = {"second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
              "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
              "millennium": "ML"}
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)(?:T|$)")
_PERIOD_GRANS = ("month", "quarter", "half", "season", "week", "weekend")


class Resolver:
    """Resolves the expressions of one article in text order, tracking the reference time."""

    def __init__(self, anchor: date | None, view: DocView) -> None:
        self.anchor = anchor
        self.view = view
        self.ref: tuple[str, int] | None = None  # (value, position) of the last calendar value

    # ---- driver ------------------------------------------------------------------
    def resolve_all(self, exprs: list[Expr]) -> list[Result | None]:
        results: list[Result | None] = [None] * len(exprs)
        for i, e in enumerate(exprs):
            if e.kind in ("clock", "pod"):
                continue
            try:
                results[i] = self.resolve(e)
            except (ValueError, OverflowError) as exc:  # one odd expression must not cost the article
                log.warning("%s expression at %d-%d left unresolved: %s", e.kind, e.start, e.end, exc)
                results[i] = None
            if results[i] is not None and not self._anaphoric(e):
                self._note(results[i][1], e.start)
        days = sorted((exprs[i].start, r[1][:10]) for i, r in enumerate(results)
                      if r is not None and _DAY_VALUE.match(r[1]))
        day_sents = [self.view.sentence(p) for p, _ in days]
        for i, e in enumerate(exprs):
            if e.kind in ("clock", "pod"):
                results[i] = (TimeType.TIME, self._day_for(e.start, days, day_sents) + self._time_part(e))
        return results

    @staticmethod
    def _anaphoric(e: Expr) -> bool:
        """Expressions counted from the reference time do not move it ("a year earlier")."""
        if e.kind in ("year_earlier", "that_unit", "year_period"):
            return True
        return e.kind == "ago" and e.f["dir"] not in ("ago", "back", "from now", "hence")

    def _note(self, value: str, pos: int) -> None:
        if parse_value(value) is not None:
            self.ref = (value, pos)

    def _day_for(self, pos: int, days: list[tuple[int, str]], day_sents: list[int]) -> str:
        """The day a bare time of day falls on: the nearest day named in its sentence, else the
        last day named in the two sentences before, else the publication date. ``days`` are in
        text order and ``day_sents`` their sentences, so only those of the three sentences are read."""
        sent = self.view.sentence(pos)
        lo, hi = bisect_left(day_sents, sent - 2), bisect_right(day_sents, sent)
        near = list(zip(days[lo:hi], day_sents[lo:hi]))
        same = [(abs(p - pos), v) for (p, v), s in near if s == sent]
        if same:
            return min(same)[1]
        before = [(p, v) for (p, v), s in near if p < pos and sent - s <= 2]
        if before:
            return max(before)[1]
        return fmt(self.anchor, "day")

    @staticmethod
    def _time_part(e: Expr) -> str:
        if e.kind == "clock":
            return "T" + e.f["t"] + e.f["tz"]
        return "T" + e.f["pod"]

    def resolve(self, e: Expr) -> Result | None:
        handler = getattr(self, "r_" + e.kind)
        return handler(e.f, e)

    # ---- reference time ----------------------------------------------------------
    def _ref_date(self) -> tuple[date, str] | None:
        if self.ref is None:
            return None
        return parse_value(self.ref[0])

    def _base(self, anaphoric: bool) -> tuple[date | None, str]:
        """(date, granularity) to count from: the reference time or the publication date."""
        if anaphoric:
            ref = self._ref_date()
            if ref is not None:
                return ref
        return self.anchor, "day"

    def _tense(self, e: Expr) -> str | None:
        return self.view.tense(e.start, e.end)

    # ---- choosing among occurrences ------------------------------------------------
    def _choose(self, periods: list[tuple[date, date, object]], tense: str | None, rel: str | None = None):
        """Pick one of several occurrences (start, end, payload) of a recurring period."""
        anchor = self.anchor
        if anchor is None or not periods:
            return None
        if rel in ("before",):
            cands = [p for p in periods if p[1] < anchor]
            return max(cands, key=lambda p: p[0])[2] if cands else None
        if rel in ("after",):
            cands = [p for p in periods if p[0] > anchor]
            return min(cands, key=lambda p: p[0])[2] if cands else None
        # the nearest occurrence, distances against the tense counting extra: news mostly
        # reports the past, but deadlines and schedules a few weeks ahead are common
        ahead_cost = {"past": 3, "future": 1}.get(tense, 2)
        behind_cost = 3 if tense == "future" else 1

        def cost(p):
            if p[0] <= anchor <= p[1]:
                return 0
            if p[0] > anchor:
                days = (p[0] - anchor).days
                # a past-tense clause may name a deadline a few weeks ahead, rarely more
                return days * (10 if tense == "past" and days > 21 else ahead_cost)
            return (anchor - p[1]).days * behind_cost

        return min(periods, key=lambda p: (cost(p), -p[0].toordinal()))[2]

    def _years(self) -> list[int]:
        return [self.anchor.year - 1, self.anchor.year, self.anchor.year + 1] if self.anchor else []

    @staticmethod
    def _rel_mode(rel: str | None) -> str | None:
        if rel in _BACK:
            return "before"
        if rel in _AHEAD:
            return "after"
        return None

    # ---- calendar dates ------------------------------------------------------------
    def r_date(self, f: dict, e: Expr) -> Result | None:
        y, m, d, wd = f["y"], f["m"], f["d"], f.get("wd")
        rel, yrel = f.get("rel"), f.get("yrel")
        if d is not None and safe_date(2000, m, d) is None:
            return None  # "February 30"
        if y is None and yrel and self.anchor:
            y = self.anchor.year + {"last": -1, "this": 0, "next": 1}[yrel]
        if y is None and rel in ("the following", "the previous") and self._ref_date():
            ref = self._ref_date()[0]
            y = ref.year + (1 if rel == "the following" and m <= ref.month else 0) \
                - (1 if rel == "the previous" and m >= ref.month else 0)
        if y is None and self.anchor is not None:
            periods = []
            for yy in self._years():
                if d is not None:
                    day = safe_date(yy, m, d)
                    if day is None or (wd and day.isoweekday() != wd):
                        continue
                    periods.append((day, day, yy))
                else:
                    start = date(yy, m, 1)
                    periods.append((start, add_months(start, 1) - timedelta(days=1), yy))
            if rel == "this":
                y = self.anchor.year
            else:
                if d is None and self._rel_mode(rel) == "before":
                    # "last February" said in March means a year earlier: the month just gone is "last month"
                    periods = [p for p in periods if (self.anchor - p[1]).days > 10]
                y = self._choose(periods, self._tense(e), self._rel_mode(rel))
        if y is None:
            return TimeType.DATE, f"XXXX-{m:02d}" + (f"-{d:02d}" if d is not None else "")
        if d is not None:
            if safe_date(y, m, d) is None:
                return None
            return TimeType.DATE, f"{y:04d}-{m:02d}-{d:02d}"
        return TimeType.DATE, f"{y:04d}-{m:02d}"

    def r_year(self, f, e):
        return TimeType.DATE, f"{f['y']:04d}"

    def r_decade(self, f, e):
        if "dec" in f:
            return TimeType.DATE, f"{f['dec']:03d}"
        dd = f["dd"]
        if self.anchor is not None:
            century = self.anchor.year // 100 if dd <= self.anchor.year % 100 else self.anchor.year // 100 - 1
        else:
            century = 19 if dd > 20 else 20
        return TimeType.DATE, f"{century * 10 + dd // 10:03d}"

    def r_century(self, f, e):
        return TimeType.DATE, f"{f['c']:02d}"

    def r_quarter(self, f, e):
        unit, n, y, rel = f["unit"], f["n"], f["y"], f["rel"]
        tag = ("Q" if unit == "quarter" else "H") + str(n)
        if y is None and rel and self.anchor:
            y = self.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
        if y is None and self.anchor:
            months = 3 if unit == "quarter" else 6
            periods = []
            for yy in self._years():
                start = date(yy, months * (n - 1) + 1, 1)
                periods.append((start, add_months(start, months) - timedelta(days=1), yy))
            # reports are about quarters already begun, or (future tense) not long finished
            if self._tense(e) == "future":
                later = [p for p in periods if p[1] >= self.anchor - timedelta(days=60)]
                y = min(later)[2] if later else None
            else:
                begun = [p for p in periods if p[0] <= self.anchor]
                y = max(begun)[2] if begun else None
        return TimeType.DATE, (f"{y:04d}" if y is not None else "XXXX") + "-" + tag

    def r_season(self, f, e):
        s, y, rel = f["s"], f["y"], f["rel"]
        if y is None and self.anchor:
            periods = []
            for yy in self._years():
                start = date(yy, SEASON_START[s], 1)
                periods.append((start, add_months(start, 3) - timedelta(days=1), yy))
            mode = self._rel_mode(rel)
            if rel == "this":
                y = self.anchor.year - 1 if s == "WI" and self.anchor.month <= 2 else self.anchor.year
            else:
                y = self._choose(periods, None if mode else self._tense(e), mode)
        return TimeType.DATE, (f"{y:04d}" if y is not None else "XXXX") + "-" + s

    def r_holiday(self, f, e):
        rule, y, rel = f["rule"], f["y"], f["rel"]
        if y is None and self.anchor:
            periods = []
            for yy in self._years():
                day = holiday_date(rule, yy)
                if day is not None:
                    periods.append((day, day, day))
            if rel == "this":
                day = holiday_date(rule, self.anchor.year)
            else:
                day = self._choose(periods, self._tense(e), self._rel_mode(rel))
            return (TimeType.DATE, day.isoformat()) if day else None
        if y is None:
            return None
        day = holiday_date(rule, y)
        return (TimeType.DATE, day.isoformat()) if day else None

    # ---- days ------------------------------------------------------------------------
    def r_today(self, f, e):
        day = self.anchor + timedelta(days=f["offset"]) if self.anchor else None
        if f["pod"]:
            return TimeType.TIME, fmt(day, "day") + "T" + f["pod"]
        return TimeType.DATE, fmt(day, "day")

    def _weekday(self, wd: int, rel: str | None, e: Expr) -> date | None:
        if rel in _ANAPHORIC or rel in ("the next",):
            base, _ = self._base(True)
            if base is None:
                return None
            if rel in ("the previous", "the preceding", "the prior"):
                return weekday_near(base, wd, "before")
            if rel in ("the following", "the next"):
                return weekday_near(base, wd, "after")
            return weekday_near(base, wd, "on_or_before")
        if self.anchor is None:
            return None
        if rel in ("last", "past", "this past"):
            return weekday_near(self.anchor, wd, "before")
        if rel in ("next", "coming", "this coming"):
            return weekday_near(self.anchor, wd, "after")
        tense = None if self.view.text[e.end:e.end + 2] in ("'s", "’s") else self._tense(e)
        if rel == "this" and tense != "past":
            return weekday_near(self.anchor, wd, "on_or_after")
        return weekday_near(self.anchor, wd, "on_or_after" if tense == "future" else "on_or_before")

    def r_weekday(self, f, e):
        wd = f["wd"]
        if f["plural"]:
            return TimeType.SET, f"XXXX-WXX-{wd}"
        day = self._weekday(wd, f["rel"], e)
        return TimeType.DATE, day.isoformat() if day else f"XXXX-WXX-{wd}"

    def r_pod_anchor(self, f, e):
        a, pod = f["a"], f["pod"]
        if f["plural"]:
            return TimeType.SET, f"XXXX-WXX-{f['wd']}T{pod}"
        if f["wd"]:
            day = self._weekday(f["wd"], None, e)
            value = day.isoformat() if day else f"XXXX-WXX-{f['wd']}"
            return TimeType.TIME, value + "T" + pod
        offsets = {"this": 0, "today": 0, "last": -1, "yesterday": -1, "tomorrow": 1}
        if a in offsets:
            day = self.anchor + timedelta(days=offsets[a]) if self.anchor else None
        else:
            base, gran = self._base(True)  # "that night", "the next morning": the day last named
            if gran != "day":
                base = self.anchor
            step = {"the next": 1, "the following": 1, "the previous": -1}.get(a, 0)
            day = base + timedelta(days=step) if base else None
        return TimeType.TIME, fmt(day, "day") + "T" + pod

    def r_combo(self, f, e):
        day_expr, time_expr = f["day"], f["time"]
        r = self.resolve(day_expr)
        if r is None:
            return None
        return TimeType.TIME, r[1] + self._time_part(time_expr)

    # ---- relative units ----------------------------------------------------------------
    def r_relunit(self, f, e):
        rel, unit = f["rel"], f["unit"]
        if unit == "day":
            step = {"the next": 1, "next": 1, "the following": 1, "the previous": -1, "previous": -1,
                    "the preceding": -1, "the prior": -1}.get(rel, 0)
            base, gran = self._base(True)
            if base is None:
                return TimeType.DATE, "XXXX-XX-XX"
            if gran != "day":
                return None
            return TimeType.DATE, (base + timedelta(days=step)).isoformat()
        if rel == "the" and unit == "quarter":
            ref = self._ref_date()
            if ref is not None and ref[1] == "quarter":
                return TimeType.DATE, fmt(ref[0], "quarter")
            if self.anchor is None:
                return TimeType.DATE, "XXXX-QX"
            return TimeType.DATE, fmt(shift(self.anchor, "quarter", -1), "quarter")
        if rel in _BACK:
            step = -1
        elif rel in _AHEAD:
            step = 1
        else:
            step = 0
        anaphoric = rel in _ANAPHORIC
        base, _ = self._base(anaphoric)
        if unit == "weekend":
            return TimeType.DATE, self._weekend(step, rel, e)
        if base is None:
            return TimeType.DATE, fmt(None, unit)
        return TimeType.DATE, fmt(shift(base, unit, step), unit)

    def _weekend(self, step: int, rel: str, e: Expr) -> str:
        if self.anchor is None:
            return "XXXX-WXX-WE"
        a = self.anchor
        if step == 0:
            if a.isoweekday() < 6 and self._tense(e) != "future" and rel in ("the", "this"):
                if rel == "the" or self._tense(e) == "past":
                    step = -1
        return fmt(a + timedelta(weeks=step), "weekend")

    def r_end_of(self, f, e):
        step = {"last": -1, "next": 1}.get(f["rel"], 0)
        if self.anchor is None:
            return TimeType.DATE, fmt(None, f["unit"])
        return TimeType.DATE, fmt(shift(self.anchor, f["unit"], step), f["unit"])

    def _shift_ref(self, unit: str, n: int, base_ref: tuple[date, str] | None) -> str:
        if base_ref is None:
            return fmt(shift(self.anchor, unit, n) if self.anchor else None, _UNIT_GRAN[unit])
        base, gran = base_ref
        ugran = _UNIT_GRAN[unit]
        if unit == "year" and gran in _PERIOD_GRANS:
            out_gran = gran
        elif unit in ("day", "week", "fortnight", "night") and gran == "day":
            out_gran = "day"
        else:
            out_gran = coarser(gran, ugran)
        return fmt(shift(base, unit if unit != "night" else "day", n), out_gran)

    def r_year_period(self, f, e):
        ref = self._ref_date()
        if f["unit"] == "quarter" or ref is not None and ref[1] == "quarter":
            if ref is not None and ref[1] == "quarter":
                return TimeType.DATE, f"{f['y']:04d}-Q{(ref[0].month - 1) // 3 + 1}"
            return TimeType.DATE, f"{f['y']:04d}-QX"
        return TimeType.DATE, f"{f['y']:04d}"

    def r_year_earlier(self, f, e):
        return TimeType.DATE, self._shift_ref("year", -1, self._ref_date())

    def r_that_unit(self, f, e):
        ref = self._ref_date()
        if ref is None:
            return None
        base, gran = ref
        unit = f["unit"]
        if unit == "day" and gran != "day":
            return None
        return TimeType.DATE, fmt(base, coarser(gran, unit) if unit != "day" else "day")

    def r_ago(self, f, e):
        d, n, unit = f["dir"], f["n"], f["unit"]
        back = d in ("ago", "back", "earlier", "before", "previously", "prior")
        if f["vague"] or n is None:
            if d in ("ago", "back", "earlier", "previously", "prior", "before"):
                return TimeType.DATE, "PAST_REF"
            if d in ("from now", "hence"):
                return TimeType.DATE, "FUTURE_REF"
            return TimeType.DURATION, duration(None, _UNIT_CODE[unit])  # "days later"
        anaphoric = d in ("earlier", "later", "before", "after", "previously", "prior")
        step_unit, steps = unit, n
        if n != int(n):
            if unit == "year":
                step_unit, steps = "month", n * 12
            elif unit in ("month",):
                step_unit, steps = "day", n * 30
            elif unit in ("week", "day"):
                step_unit, steps = "day", n * (7 if unit == "week" else 1)
            if steps != int(steps):
                return None
        steps = int(steps) * (-1 if back else 1)
        if step_unit in ("hour", "minute", "second"):
            step_unit, steps = "day", 0
        if step_unit == "millennium":
            step_unit, steps = "century", steps * 10
        ref = self._ref_date() if anaphoric else None
        if d == "ago" and unit == "year" and n == 1 and self.ref is not None:
            ref_date = self._ref_date()
            if ref_date and ref_date[1] in ("quarter", "month", "half") and \
                    0 <= self.view.sentence(e.start) - self.view.sentence(self.ref[1]) <= 2:
                ref = ref_date  # "profit rose in the third quarter from a year ago"
        if step_unit in ("decade", "century"):
            step_unit, steps = "year", steps * (10 if step_unit == "decade" else 100)
            unit = "year"
        if ref is None:
            base = self.anchor
            if base is None:
                return TimeType.DATE, fmt(None, _UNIT_GRAN[unit])
            return TimeType.DATE, fmt(shift(base, step_unit, steps), _UNIT_GRAN[unit])
        out = self._shift_ref(step_unit, steps, ref)
        if _UNIT_GRAN.get(unit) == "year" and parse_value(out) and parse_value(out)[1] == "day":
            out = out[:4]
        return TimeType.DATE, out

    # ---- durations, vague references, sets --------------------------------------------
    def r_duration(self, f, e):
        return TimeType.DURATION, duration(f["n"], f["code"])

    def r_vague(self, f, e):
        return TimeType.DATE, f["value"]

    def r_set(self, f, e):
        return TimeType.SET, f["value"]

"""Parsers of calendar and relative dates.

A parser reads one match of its pattern (same name in :mod:`sitroom.times.patterns`)
and returns the expression's fields with its ``kind``, or None to reject the match
("May" the modal verb, "Bloody Sunday", "Resolution 2334").
"""
from __future__ import annotations

import re

from sitroom.times.context import DocView
from sitroom.times.patterns import Grammar
from sitroom.times.text import (
    TIME_PREPS,
    cap_ok,
    name_before,
    next_word,
    parse_number,
    prev_word,
    sentence_initial,
)

#: words before a 4-digit number that make it an identifier, not a year
NOT_YEAR_BEFORE = frozenset({
    "resolution", "flight", "route", "highway", "article", "no", "number", "nos", "section", "room",
    "unit", "brigade", "division", "regiment", "battalion", "squadron", "model", "code", "page", "pages",
    "chapter", "paragraph", "item", "bus", "train", "platform", "gate", "apartment", "suite", "box",
    "road", "street", "st", "ave", "avenue", "tel", "phone", "dial", "pin", "mig", "su", "tu", "il",
    "boeing", "airbus", "pt", "rn", "hwy", "exit", "km", "mile", "kilometre", "kilometer",
    "hill", "height", "heights", "point", "altitude", "elevation", "scored", "score", "index",
})
#: words before a weekday that make a name of it ("Bloody Sunday", "Super Tuesday")
WEEKDAY_NAMES_BEFORE = frozenset({"bloody", "black", "super", "good", "ash", "holy", "maundy", "cyber", "palm",
                                  "easter", "shrove", "great", "red", "blue", "manic", "whit"})
_NOT_YEAR_OF = re.compile(r"(?:\d|percent|per\s+cent|%|out|total)\s+of\s+$", re.I)
TIME_NOUNS = frozenset({
    "period", "quarter", "season", "year", "election", "elections", "war", "census", "budget", "law",
    "act", "accord", "accords", "agreement", "attack", "attacks", "summit", "uprising", "revolution",
    "coup", "invasion", "offensive", "campaign", "conflict", "crisis", "level", "levels", "figure", "figures",
    "results", "games", "olympics", "world", "cup", "model", "fiscal", "deadline", "ceasefire", "truce",
    "intifada", "massacre", "bombing", "bombings", "protests", "talks", "deal", "resolution", "report",
    "vote", "referendum", "sanctions", "strike", "strikes", "earthquake", "flood", "floods",
})


def _month(word: str, g: Grammar) -> int:
    return g.lexicon.months[word.lower().rstrip(".")]


def _day(word: str, g: Grammar) -> int | None:
    w = word.lower()
    if w in g.lexicon.ordinals:
        return g.lexicon.ordinals[w]
    m = re.match(r"\d+", w)
    return int(m[0]) if m else None


def _weekday_ok(m: re.Match, view: DocView) -> bool:
    return m["wd"] is None or cap_ok(m["wd"], view)


def p_mdy(m, view, g):
    if not cap_ok(m["mon"], view) or not _weekday_ok(m, view):
        return None
    day = _day(m["day"], g)
    if not day or day > 31:
        return None
    wd = g.lexicon.weekdays[m["wd"].lower()] if m["wd"] else None
    if not m["year"] and m["day"].isdigit() and len(m["day"]) == 1 and m["mon"].lower() in ("may", "march"):
        # "May 5" is fine, but avoid "... may 1 ..." in lower-case text
        if view.lower_doc:
            return None
    return {"kind": "date", "y": int(m["year"]) if m["year"] else None, "m": _month(m["mon"], g), "d": day,
            "wd": wd}


def p_dmy(m, view, g):
    f = p_mdy(m, view, g)
    if f and not f["y"] and m["day"][:1].isdigit():
        # "3 October" needs the day to be more than a count: "killed 3 March protesters" is rare,
        # but "at least 3 May..." is not a date
        if prev_word(view.text, m.start()).lower() in ("least", "than", "about", "some", "nearly", "almost"):
            return None
    return f


def p_my(m, view, g):
    if not cap_ok(m["mon"], view):
        return None
    return {"kind": "date", "y": int(m["year"]), "m": _month(m["mon"], g), "d": None, "wd": None}


def p_month(m, view, g):
    mon = m["mon"]
    if not cap_ok(mon, view):
        return None
    low = mon.lower()
    if len(low.rstrip(".")) <= 4 and not low.endswith(".") and low not in ("may", "june", "july"):
        return None  # bare abbreviation without a period ("Jan", "Dec")
    rel, yrel = (m["rel"] or "").lower(), (m["yrel"] or "").lower()
    if re.match(r"\s+of\s+(?:the|a|an)\b", view.text[m.end():m.end() + 12], re.I):
        return None  # "the March of the Combatant Mothers"
    if not rel and not yrel:
        before = prev_word(view.text, m.start())
        if low.rstrip(".") in ("may", "march", "mar"):
            if before.lower() not in TIME_PREPS or (view.lower_doc and before.lower() in ("to", "and", "or")):
                return None
        if name_before(view.text, m.start()):
            return None
        nxt = next_word(view.text, m.end())
        if nxt[:1].isupper() and nxt.lower() not in g.lexicon.months and not sentence_initial(view.text, m.end() + 1):
            if view.text[m.end():m.end() + 1] == " ":
                return None  # "April Fool", "August Bank"
    return {"kind": "date", "y": None, "m": _month(mon, g), "d": None, "wd": None,
            "rel": re.sub(r"\s+", " ", rel) or None, "yrel": yrel or None}


def p_iso(m, view, g):
    return {"kind": "date", "y": int(m["y"]), "m": int(m["m"]), "d": int(m["d"]), "wd": None}


def p_numeric(m, view, g):
    a, b, c = int(m["a"]), int(m["b"]), m["c"]
    y = int(c) if len(c) == 4 else None
    if y is None:
        yy = int(c)
        y = 2000 + yy if yy < 50 else 1900 + yy
    if m["sep"] == ".":
        if len(c) != 4:
            return None  # "1.5.20" is not clearly a date
        mo, d = b, a  # European day.month.year
    elif a > 12 >= b:
        mo, d = b, a
    else:
        mo, d = a, b
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return {"kind": "date", "y": y, "m": mo, "d": d, "wd": None}


_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "in", "since"})
_COUNTED = frozenset({"people", "persons", "troops", "soldiers", "civilians", "rockets", "missiles", "km", "meters",
                      "metres", "feet", "tons", "tonnes", "dollars", "euros", "votes", "deaths", "cases"})


def p_year(m, view, g):
    """A bare four-digit year, unless it reads as a count, an amount or an identifier."""
    y = int(m["year"])
    text = view.text
    if m["pre"]:
        return {"kind": "year", "y": y}
    before = prev_word(text, m.start()).lower().rstrip(".")
    if before in NOT_YEAR_BEFORE or _NOT_YEAR_OF.search(text, max(0, m.start() - 30), m.start()):
        return None
    labels = view.ent_labels(m.start("year"), m.end("year"))
    if labels & {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"} and "DATE" not in labels:
        return None
    if y < 1800 and not (before in TIME_PREPS and ("DATE" in labels or not view.has_parse())):
        return None
    if "DATE" not in labels and view.has_parse():
        info = view.head_info(m.start("year"), m.end("year"))
        if info is not None:
            dep, head, head_pos = info
            if dep == "nummod" and head_pos == "NOUN" and head not in TIME_NOUNS and before not in _DETERMINERS:
                return None  # "2021 people"
    if next_word(text, m.end()).lower() in _COUNTED:
        return None
    return {"kind": "year", "y": y}


def p_decade(m, view, g):
    if m["dec"]:
        return {"kind": "decade", "dec": int(m["dec"]) // 10}
    return {"kind": "decade", "dd": int(m["dd"])}


_WORD_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def p_word_decade(m, view, g):
    if not m["the"]:
        return None
    return {"kind": "decade", "dd": 10 * _WORD_DECADES[m["wdec"].lower()]}


def p_century(m, view, g):
    n = int(m["n"]) if m["n"] else g.lexicon.ordinals.get(re.sub(r"[\s-]+", "-", m["w"].lower()))
    if not n or n > 30:
        return None
    return {"kind": "century", "c": n - 1}


def p_spelled_year(m, view, g):
    text = m[0].lower()
    text = re.sub(r"^the\s+year\s+", "", text)
    if text.startswith("two"):
        rest = parse_number(m["u"], g) if m["u"] else 0
        if rest is None:
            return None
        if not m["u"] and not m[0].lower().startswith("the year"):
            return None  # "two thousand" alone is usually a count
        return {"kind": "year", "y": 2000 + int(rest)}
    century = 19 if m["c"].lower() == "nineteen" else 20
    rest = parse_number(m["t"], g)
    if rest is None:
        return None
    return {"kind": "year", "y": century * 100 + int(rest)}


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def p_quarter(m, view, g):
    unit = m["unit"].lower()
    o = m["ord"].lower()
    n = _ORD.get(o) or (4 if unit == "quarter" else 2)
    if unit == "half" and n > 2:
        return None
    y = m["ypre"] or m["ypost"] or m["ypost2"]
    rel = (m["rpre"] or m["rpost"] or "").lower() or None
    if unit == "half" and not y and not rel and not re.search(r"\bof\b", m[0], re.I):
        # "the second half" alone is as often a match or a story as a calendar half-year
        if next_word(view.text, m.end()).lower() not in ("", "of"):
            return None
    return {"kind": "quarter", "unit": unit, "n": n, "y": int(y) if y else None, "rel": rel}


def p_qform(m, view, g):
    o = m["ord"]
    y = int(m["ypost"]) if m["ypost"] else (2000 + int(m["yy"]) if m["yy"] else None)
    if o[0] == "H" and y is None:
        return None
    return {"kind": "quarter", "unit": "quarter" if o[0] == "Q" else "half", "n": int(o[1]), "y": y, "rel": None}


def p_season(m, view, g):
    season = g.lexicon.seasons[m["season"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()) or None
    word = m["season"].lower()
    text = view.text
    if m["year"]:
        return {"kind": "season", "s": season, "y": int(m["year"]), "rel": rel}
    start = m.start("rel") if m["rel"] else m.start("pre") if m["pre"] else m.start("season")
    capitalised = m["season"][:1].isupper() and not view.lower_doc and m.start("season") == m.start() \
        and not sentence_initial(text, m.start("season"))
    if rel is None and name_before(text, start) or capitalised:
        return None  # "Arab Spring", "Operation Summer ..."
    before = prev_word(text, start).lower()
    if rel in (None, "the"):
        if word in ("fall", "spring") or rel is None and not m["pre"]:
            if before not in TIME_PREPS or before in ("the", "of", "to", "and", "or"):
                return None
        if re.match(r"\s+of\b", text[m.end():m.end() + 4]):
            return None  # "the fall of Kabul"
    return {"kind": "season", "s": season, "y": None, "rel": rel}


def p_holiday(m, view, g):
    if not cap_ok(m["hol"], view):
        return None
    key = re.sub(r"\s+", " ", m["hol"].lower().replace("’", "'"))
    rule = g.lexicon.holidays.get(key)
    if rule is None:
        return None
    return {"kind": "holiday", "rule": rule, "y": int(m["year"]) if m["year"] else None,
            "rel": (m["rel"] or "").lower() or None}


_TODAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def p_today(m, view, g):
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = _TODAY.get(w, -2 if "before" in w else 2)
    return {"kind": "today", "offset": offset, "pod": "NI" if w == "tonight" else None}


def p_pod_anchor(m, view, g):
    if m["wd"] and not cap_ok(m["wd"], view):
        return None
    a = re.sub(r"\s+", " ", m["a"].lower())
    pod = g.lexicon.parts_of_day[m["pod"].lower()]
    if a == "last" and pod not in ("NI", "EV"):
        return None  # "last morning" is not idiomatic
    if m["pl"] and not m["wd"]:
        return None
    return {"kind": "pod_anchor", "a": a, "wd": g.lexicon.weekdays[m["wd"].lower()] if m["wd"] else None,
            "pod": pod, "plural": bool(m["pl"])}


def p_relunit(m, view, g):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if m["unit"][:1].isupper() and not view.lower_doc:
        return None  # "This Week" (a programme), "Next Year in Jerusalem"
    if unit == "day" and rel not in ("the next", "the following", "the previous", "the preceding",
                                     "the same", "next", "previous", "the prior"):
        return None
    if unit == "year" and m["fiscal"] is None and rel == "the present":
        return None
    return {"kind": "relunit", "rel": rel, "unit": unit, "fiscal": bool(m["fiscal"])}


def p_weekday(m, view, g):
    wd = m["wd"]
    if not cap_ok(wd, view):
        return None
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()) or None
    text = view.text
    start = m.start()
    if rel is None and prev_word(text, start).lower() in WEEKDAY_NAMES_BEFORE:
        return None  # "Bloody Sunday", "Super Tuesday"
    nxt = next_word(text, m.end())
    if nxt[:1].isupper() and text[m.end():m.end() + 1] == " " and nxt.lower() not in g.lexicon.months \
            and not view.lower_doc:
        return None  # "Sunday Times", "Monday Night Football"
    return {"kind": "weekday", "wd": g.lexicon.weekdays[wd.lower()], "rel": rel, "plural": bool(m["pl"])}


def p_end_of(m, view, g):
    return {"kind": "end_of", "rel": m["rel"].lower(), "unit": m["unit"].lower(), "which": m["which"].lower()}


def p_year_end(m, view, g):
    return {"kind": "end_of", "rel": "this", "unit": "year", "which": "end"}


def p_year_earlier(m, view, g):
    return {"kind": "year_earlier"}


def p_same_last_year(m, view, g):
    return {"kind": "year_earlier"}


def p_that_unit(m, view, g):
    return {"kind": "that_unit", "unit": m["unit"].lower()}


def p_in_the_unit(m, view, g):
    return {"kind": "end_of", "rel": "this", "unit": m["unit"].lower(), "which": "in"}


def p_year_period(m, view, g):
    unit = m["unit"].lower()
    return {"kind": "year_period", "y": int(m["year"]), "unit": "quarter" if unit == "quarter" else "period"}


#: pattern name -> parser
DATE_PARSERS = {
    "mdy": p_mdy, "dmy": p_dmy, "my": p_my, "month": p_month, "iso": p_iso, "numeric": p_numeric,
    "year": p_year, "decade": p_decade, "word_decade": p_word_decade, "century": p_century,
    "spelled_year": p_spelled_year, "quarter": p_quarter, "qform": p_qform, "season": p_season,
    "holiday": p_holiday, "today": p_today, "pod_anchor": p_pod_anchor, "relunit": p_relunit,
    "weekday": p_weekday, "end_of": p_end_of, "year_end": p_year_end, "year_earlier": p_year_earlier,
    "same_last_year": p_same_last_year, "that_unit": p_that_unit, "in_the_unit": p_in_the_unit,
    "year_period": p_year_period,
}

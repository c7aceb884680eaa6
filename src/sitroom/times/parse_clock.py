"""Parsers of clock times and parts of the day."""
from __future__ import annotations

import re

from sitroom.times.text import parse_number, prev_word, sentence_initial


def _tz(m, g) -> str:
    tz = m["tz"] or m["tz2"]
    if not tz:
        return ""
    return g.lexicon.timezones.get(re.sub(r"\s+", " ", tz.lower()), "")


def p_clock(m, view, g):
    h = int(m["h"])
    mi = int(m["mi"]) if m["mi"] else 0
    ap = m["ap"].lower()[0]
    if not 1 <= h <= 12:
        return None
    if ap == "p" and h < 12:
        h += 12
    elif ap == "a" and h == 12:
        h = 0
    return {"kind": "clock", "t": f"{h:02d}:{mi:02d}", "tz": _tz(m, g)}


_CLOCK_PREPS = frozenset({"at", "around", "about", "by", "until", "till", "from", "before", "after", "since",
                          "to", "approximately", "circa", "between", "and", "shortly", "roughly"})


def p_clock24(m, view, g):
    h, mi = int(m["h"]), int(m["mi"])
    if h == 24 and mi:
        return None
    if not (m["hrs"] or m["tz"] or m["tz2"]) and prev_word(view.text, m.start()).lower() not in _CLOCK_PREPS:
        return None
    return {"kind": "clock", "t": f"{h:02d}:{mi:02d}", "tz": _tz(m, g)}


def p_military(m, view, g):
    if not (m["hrs"] or m["tz"] or m["tz2"]):
        return None
    return {"kind": "clock", "t": f"{int(m['h']):02d}:{m['mi']}", "tz": _tz(m, g)}


def _pm_shift(h: int, pod: str | None) -> int:
    if pod in ("afternoon", "evening") and h < 12:
        return h + 12
    return h


def p_oclock(m, view, g):
    h = parse_number(m["h"], g)
    if h is None or not 1 <= h <= 12:
        return None
    pod = (m["pod"] or "").lower() or None
    return {"kind": "clock", "t": f"{_pm_shift(int(h), pod):02d}:00", "tz": ""}


def p_in_the(m, view, g):
    h = parse_number(m["h"], g)
    if h is None or not 1 <= h <= 12:
        return None
    mi = int(m["mi"]) if m["mi"] else 0
    return {"kind": "clock", "t": f"{_pm_shift(int(h), m['pod'].lower()):02d}:{mi:02d}", "tz": ""}


def p_clock_word(m, view, g):
    if m["cw"][:1].isupper() and not sentence_initial(view.text, m.start()) and not view.lower_doc:
        return None  # "High Noon"
    if prev_word(view.text, m.start()).lower() == "high":
        return None
    return {"kind": "clock", "t": g.lexicon.clock_words[m["cw"].lower()], "tz": ""}


_EDGE_PREPS = frozenset({"at", "before", "after", "by", "until", "till", "since", "around", "from", "near",
                         "towards", "toward", "through", "overnight", "early"})


def p_pod(m, view, g):
    lex = g.lexicon
    if m["ov"]:
        return {"kind": "pod", "pod": "NI"}
    if m["edge"]:
        if prev_word(view.text, m.start()).lower() not in _EDGE_PREPS:
            return None
        return {"kind": "pod", "pod": lex.parts_of_day[m["edge"].lower()]}
    word = (m["pod"] or m["pod2"]).lower()
    pod = lex.parts_of_day[word]
    before = prev_word(view.text, m.start()).lower()
    if word in ("dawn", "daybreak", "dusk", "nightfall"):
        if m["the"] and before not in _EDGE_PREPS:
            return None
    elif m["the"] and word == "night" and before not in ("during", "at", "in", "through", "overnight", "by",
                                                          "late", "into", "on", "until", "all"):
        return None
    return {"kind": "pod", "pod": pod}


#: pattern name -> parser
CLOCK_PARSERS = {
    "clock": p_clock, "clock24": p_clock24, "military": p_military, "oclock": p_oclock, "in_the": p_in_the,
    "clock_word": p_clock_word, "pod": p_pod,
}

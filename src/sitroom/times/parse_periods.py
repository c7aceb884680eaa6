"""Parsers of durations, "N units ago", vague references and sets."""
from __future__ import annotations

import re

from sitroom.times.calendar import duration
from sitroom.times.text import (
    cap_ok,
    next_word,
    parse_number,
    prev_word,
    sentence_initial,
)

_CLAUSE_END = re.compile(r"\s*(?:[.,;:)!?\"'”’—–-]|$|\band\b|\bbut\b|\bwhen\b|\bas\b)")
_NUMBER_BEFORE = re.compile(
    r"(?:\d[\d,.]*\s*%?|percent|million|billion|thousand|hundred|dozen|dozens|hundreds|thousands|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)(?:\s+[\w$€£'’-]+){0,3}\s+$", re.I)


def _amount(m, g) -> tuple[bool, float | None]:
    """(readable, number) of the num / vague / half groups; the number is None when vague."""
    if not m["num"]:
        return True, None
    n = parse_number(m["num"], g)
    if n is None:
        return False, None
    return True, n + 0.5 if m["half"] or m["half2"] else n


def p_ago(m, view, g):
    unit_name = g.lexicon.unit_of(m["unit"])
    if unit_name is None:
        return None
    readable, n = _amount(m, g)
    if not readable:
        return None
    d = re.sub(r"\s+", " ", m["dir"].lower())
    if d in ("before", "after", "prior") and not _CLAUSE_END.match(view.text, m.end()):
        return None  # "two days after the attack": a duration, not a date
    if n is None and not m["vague"] and m["unit"].lower() == unit_name:
        return None  # singular unit without a number
    if m["num"] and m["num"].strip().lower() in ("a", "an") and unit_name in ("second", "quarter"):
        return None
    if n == 0:
        return None
    return {"kind": "ago", "n": n, "unit": unit_name, "dir": d, "vague": n is None}


_AGE = re.compile(r"[\s-]+(?:old|olds)\b", re.I)


def p_duration(m, view, g):
    unit_name = g.lexicon.unit_of(m["unit"])
    if unit_name is None:
        return None
    readable, n = _amount(m, g)
    if not readable:
        return None
    num = (m["num"] or "").strip().lower()
    if num in ("a", "an", "a single") and unit_name in ("second", "quarter", "night") or \
            num in ("a", "an") and m["unit"].lower() in ("min", "sec", "hr", "yr"):
        return None
    if n == 0 or _AGE.match(view.text, m.end()):
        return None
    if m["unit"][:1].isupper() and not view.lower_doc and not sentence_initial(view.text, m.start("unit")):
        return None  # "60 Minutes"
    if unit_name == "quarter" and n is not None and (re.search(r"-quarters?$", m[0], re.I) or
                                                     re.match(r"\s+of\b", view.text[m.end():m.end() + 4])):
        return None  # "three-quarters of its food"
    if n is not None and 1800 <= n <= 2100 and re.fullmatch(r"\d{4}", num):
        return None  # "the 1988 quarter" is a year
    if num in ("a", "an") and m["unit"].lower() != unit_name:
        return None  # "a days"
    if m["num"] and re.match(r"\d", num) and m.start("num") > 0 and view.text[m.start("num") - 1] in "$£€#":
        return None
    code = g.lexicon.units[unit_name]
    return {"kind": "duration", "n": n, "code": code, "rel": (m["rel"] or "").lower() or None}


def p_unit_long(m, view, g):
    word = m["unit"].lower()
    unit_name = g.lexicon.unit_of(word)
    if unit_name is None:
        return None
    plural = word != unit_name
    return {"kind": "duration", "n": None if plural else 1, "code": g.lexicon.units[unit_name], "rel": None}


#: words before a bare plural unit that make it a duration ("for years", "within days")
_BARE_OK = frozenset({
    "for", "over", "in", "within", "after", "took", "take", "takes", "taking", "lasted", "last", "lasts",
    "lasting", "spent", "spend", "spends", "spending", "than", "nearly", "almost", "about", "span", "spanned",
    "spanning", "waited", "wait", "waiting", "few", "by",
})
_OF_SOMETHING = re.compile(r"\s+of\s+(?!the\b|his\b|her\b|its\b|their\b)")


def p_bare_units(m, view, g):
    text = view.text
    before = prev_word(text, m.start()).lower()
    if m["the"]:
        if before not in ("over", "through", "across", "during", "down"):
            return None
    elif before not in _BARE_OK and not _OF_SOMETHING.match(text, m.end()):
        return None
    word = m["unit"].lower()
    if word in ("days", "hours", "minutes") and not m["the"] and before not in _BARE_OK:
        return None
    unit_name = g.lexicon.unit_of(word)
    return {"kind": "duration", "n": None, "code": g.lexicon.units[unit_name], "rel": None}


def p_recent_coming(m, view, g):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if rel == "recent":
        return {"kind": "vague", "value": "PAST_REF"}
    if rel in ("coming", "upcoming"):
        return {"kind": "vague", "value": "FUTURE_REF"}
    unit = g.lexicon.unit_of(m["unit"])
    if unit is None:
        return None
    return {"kind": "duration", "n": None, "code": g.lexicon.units[unit], "rel": rel.split()[0]}


def p_ahead(m, view, g):
    return {"kind": "vague", "value": "FUTURE_REF"}


def p_vague(m, view, g):
    key = re.sub(r"\s+", " ", m["v"].lower().replace("’", "'"))
    value = g.lexicon.vague.get(key)
    if value is None:
        return None
    text = view.text
    after = text[m.end():m.end() + 12].lower()
    before = prev_word(text, m.start()).lower()
    if key == "now" and after.startswith("-"):
        return None  # "now-defunct"
    if key in ("soon", "shortly") and (re.match(r"\s+(?:after|before|afterwards|thereafter)\b", after)
                                       or before == "as"):
        return None
    if key == "to date" and before == "up":
        return None
    if key in ("so far", "thus far") and re.match(r"\s+(?:as|away|from|removed|apart)\b", after):
        return None
    if key in ("the future", "the past") and re.match(r"\s+of\b", after):
        return None  # "the future of our peoples"
    if key == "the past" and re.match(r"\s+(?:few|several|many|couple)\b", after):
        return None
    if key == "current" and re.match(r"\s*[,.;]|\s+(?:of|and)\b", after):
        return None  # "a strong current" / "current of the river"
    return {"kind": "vague", "value": value}


def p_every(m, view, g):
    x = m["x"].lower().rstrip(".")
    lex = g.lexicon
    other = (m["other"] or "").strip().lower()
    mult = 2 if other == "other" else parse_number(other, g) if other and other != "single" else 1
    if mult is None:
        return None
    unit = lex.unit_of(x)
    if unit is not None:
        if x != unit and mult == 1:
            return None  # "every years"
        return {"kind": "set", "value": duration(mult, lex.units[unit])}
    if x in lex.weekdays:
        return {"kind": "set", "value": f"XXXX-WXX-{lex.weekdays[x]}"}
    if x in lex.months:
        if not cap_ok(m["x"], view):
            return None
        return {"kind": "set", "value": f"XXXX-{lex.months[x]:02d}"}
    if x in lex.seasons:
        return {"kind": "set", "value": f"XXXX-{lex.seasons[x]}"}
    if x in lex.parts_of_day:
        return {"kind": "set", "value": f"XXXX-XX-XXT{lex.parts_of_day[x]}"}
    if x == "weekend":
        return {"kind": "set", "value": "XXXX-WXX-WE"}
    return None


def p_times_per(m, view, g):
    unit = g.lexicon.unit_of(m["u"])
    if unit is None:
        return None
    return {"kind": "set", "value": duration(1, g.lexicon.units[unit])}


def p_per(m, view, g):
    unit = g.lexicon.unit_of(m["u"])
    if unit is None or unit in ("second",) and m["a"].lower() != "per":
        return None
    if m["a"].lower() != "per" and not _NUMBER_BEFORE.search(view.text, max(0, m.start() - 60), m.start()):
        return None
    if re.match(r"\s+(?:ago|earlier|later|before|after|or|and|of|from|old)\b", view.text[m.end():m.end() + 8], re.I):
        return None
    return {"kind": "set", "value": duration(1, g.lexicon.units[unit])}


def p_set_adverb(m, view, g):
    x = re.sub(r"\s+", " ", m["x"].lower())
    nxt = next_word(view.text, m.end())
    if nxt[:1].isupper() and not view.lower_doc:
        return None  # "the Israeli daily Haaretz", "Daily Telegraph"
    if m["x"][:1].isupper() and not sentence_initial(view.text, m.start()) and not view.lower_doc:
        return None
    return {"kind": "set", "value": g.lexicon.set_adverbs[x]}


#: pattern name -> parser
PERIOD_PARSERS = {
    "ago": p_ago, "duration": p_duration, "unit_long": p_unit_long, "bare_units": p_bare_units,
    "recent_coming": p_recent_coming, "ahead": p_ahead, "vague": p_vague, "every": p_every,
    "times_per": p_times_per, "per": p_per, "set_adverb": p_set_adverb,
}

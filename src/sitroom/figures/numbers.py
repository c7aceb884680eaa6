"""Number expressions: digits ("1,200", "3.5 million", "7.4M"), number words ("two hundred and
fifty", "a dozen", "half a million") and vague counts ("dozens", "several hundred", "a number of").

:func:`compile_atoms` builds one case-insensitive regex from the lexicon; :func:`find_atoms` tries it
where a token can start a number (or over the whole text when no parse is given) and parses every
match into an :class:`Atom`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Atom:
    """One number mention: ``value`` for a number, ``floor`` (ACLED-style low bound) for a vague count."""

    start: int
    end: int
    value: int | float | None
    vague: bool = False
    floor: int | None = None
    #: a weak vague word ("several", "many", "a number of") or a plural count word without "of"
    #: ("dozens chanted"): reported only when a kind cue says what it counts
    weak: bool = False
    digits: bool = False
    #: the scale word or suffix that multiplied a digit number ("million", "bn"), lower-cased
    scale: str | None = None


def _alt(words) -> str:
    """A regex alternation of phrases, longest first, whitespace-tolerant between words."""
    parts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


def compile_atoms(lex: Lexicon) -> re.Pattern:
    n = lex.numbers
    units = _alt(w for w, v in n["units"].items() if 0 < v < 10)
    teens = _alt(w for w, v in n["units"].items() if v >= 10)
    tens = _alt(n["tens"])
    small = rf"(?:(?:{tens})(?:-(?:{units}))?|{teens}|{units}|zero)"
    big_scales = _alt(w for w, v in n["scales"].items() if v >= 1000)
    hund = rf"(?:(?:{small}|an?)\s+hundred(?:\s+(?:and\s+)?{small}(?![\w-]))?)"
    below_k = rf"(?:{hund}|{small})"
    big = rf"(?:(?:{below_k}|an?|half\s+an?)\s+(?:{big_scales}))"
    words = rf"(?:{big}(?:,?\s+(?:and\s+)?(?:{big}|{below_k}))*|(?:{small}|an?|half\s+an?)\s+dozen|{below_k})"
    scale_words = _alt(n["scales"])
    suffixes = _alt(n["suffix_scales"])
    # "17, 000" (a thousands comma followed by a space) occurs in wire copy; only with 000 so that
    # "May 5, 300 people" is not read as 5,300
    digits = (
        r"(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3}|,\s000)+(?!\d)|\d+)(?:\.\d+)?(?![\d:/⁄]|\.\d)"
        rf"(?:(?P<scw>(?:\s*(?:{scale_words})s?){{1,2}})(?![\w])|(?P<sfx>{suffixes})(?![\w]))?"
    )
    vague = lex.vague
    mult = _alt(vague["multipliers"])
    strong = _alt(vague["strong"])
    weak = _alt(w for w in vague["weak"] if "number" not in w)
    # one lookbehind first: inside a word or number every attempt fails at once
    pattern = (
        r"(?<![\w.:/⁄])(?:"
        rf"(?P<vs>(?<!-)(?:{strong})(?![\w-]))"
        rf"|(?P<vc>(?<!-)(?:{weak}|{strong})\s+(?:{mult})s?(?![\w-]))"
        rf"|(?P<vn>(?<!-)an?\s+(?:[a-z][\w-]*\s+){{0,2}}?number(?=\s+of\b))"
        rf"|(?P<vw>(?<!-)(?:{weak})(?![\w-]))"
        rf"|(?P<w>(?:{words})(?![\w]))"
        rf"|(?P<d>{digits}))"
    )
    return re.compile(pattern, re.IGNORECASE)


def compile_codes(lex: Lexicon) -> re.Pattern:
    """Numbers written against a currency code: "USD25m", "INR2 trillion", "RM45"."""
    scale_words = _alt(lex.numbers["scales"])
    suffixes = _alt(lex.numbers["suffix_scales"])
    return re.compile(
        r"(?<![A-Za-z])(?:USD|AUD|CAD|NZD|HKD|SGD|EUR|GBP|INR|RM|Rs)(?P<d>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)"
        rf"(?:\.\d+)?(?![\d:/⁄]|\.\d)(?:(?P<scw>(?:\s*(?:{scale_words})s?){{1,2}})(?![\w])|(?P<sfx>{suffixes})(?![\w]))?)"
    )


_NUM_TOKEN = re.compile(r"[a-z]+")


def parse_words(text: str, lex: Lexicon) -> int | float | None:
    """Value of a number-word phrase ("two hundred and fifty", "half a million"); None if not one."""
    n = lex.numbers
    total, current, half = 0, 0, False
    for word in _NUM_TOKEN.findall(text.lower()):
        if word == "and":
            continue
        if word in ("a", "an"):
            current = current or 1
        elif word == "half":
            half = True
        elif word in n["units"]:
            current += n["units"][word]
        elif word in n["tens"]:
            current += n["tens"][word]
        elif word == "dozen":
            current = (current or 1) * n["dozen"]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in n["scales"]:
            total += (current or 1) * n["scales"][word] * (0.5 if half else 1)
            current, half = 0, False
        else:
            return None
    value = total + current
    return int(value) if float(value).is_integer() else value


def parse_digits(body: str) -> int | float:
    clean = re.sub(r"[,\s]", "", body)
    value = float(clean)
    return int(value) if "." not in clean and value.is_integer() else value


_CURRENCY_TAIL = re.compile(r"(?:[$£€¥₹]|\b(?:us|usd|eur|gbp|rs|inr|rm|ps))\s*$", re.IGNORECASE)


def _atom_from_match(m: re.Match, text: str, lex: Lexicon) -> Atom | None:
    if m.re is lex.codes_re:
        s, e, kind = m.start("d"), m.end("d"), "d"
    else:
        kind = m.lastgroup
        s, e = m.span()
    if kind in ("vs", "vc", "vw", "vn"):
        phrase = " ".join(m.group().lower().split())
        strong, weak, mults = lex.vague["strong"], lex.vague["weak"], lex.vague["multipliers"]
        if kind == "vs":
            # a plural count word is a figure on its own only as "dozens of ..."; otherwise weak
            has_of = re.match(r"\s+of\b", text[e:e + 4]) is not None
            return Atom(s, e, None, vague=True, floor=strong[phrase], weak=not has_of)
        if kind == "vc":  # "several hundred", "a few thousand", "many thousands"
            head, _, mult = phrase.rpartition(" ")
            base = weak.get(head, strong.get(head)) or 1
            return Atom(s, e, None, vague=True, floor=int(base * mults[mult.rstrip("s")]))
        if kind == "vn":  # "a number of", "an unknown number of": no floor
            return Atom(s, e, None, vague=True, floor=None, weak=True)
        return Atom(s, e, None, vague=True, floor=weak[phrase], weak=True)
    if kind == "w":
        value = parse_words(m.group(), lex)
        last = m.group().lower().split()[-1]
        return None if value is None else Atom(s, e, value, scale=last if last in lex.numbers["scales"] else None)
    body_end = m.start("scw") if m.group("scw") else (m.start("sfx") if m.group("sfx") else e)
    body = text[s:body_end].rstrip()
    value = parse_digits(body)
    scale = None
    if m.group("scw"):
        words = m.group("scw").lower().split()  # "7 hundred million": scales multiply
        scale = words[-1].rstrip("s") if words[-1].rstrip("s") in lex.numbers["scales"] else words[-1]
        for word in words:
            value = value * lex.numbers["scales"][word if word in lex.numbers["scales"] else word[:-1]]
    elif m.group("sfx"):
        sfx = m.group("sfx")
        # "200m" is metres and "5b" a label unless money or a decimal says million/billion ("$2.6m", "5.8M")
        if sfx.lower() in ("m", "b") and not (
            _CURRENCY_TAIL.search(text[max(0, s - 6):s]) or "." in body or sfx.isupper()
        ):
            return Atom(s, body_end, value, digits=True)
        scale = sfx.lower()
        value = value * lex.numbers["suffix_scales"][scale]
    if isinstance(value, float) and value.is_integer() and (scale or "." not in body):
        value = int(value)
    elif isinstance(value, float):
        value = round(value, 6)
        if value.is_integer() and scale:
            value = int(value)
    return Atom(s, e, value, digits=True, scale=scale)


def find_atoms(text: str, lex: Lexicon, starts: list[int] | None = None) -> list[Atom]:
    """Number atoms in text order; with ``starts`` (offsets where one may begin, from the tokens)
    the regex is tried only there."""
    if starts is None:
        matches = list(lex.atom_re.finditer(text))
    else:
        matches, end = [], -1
        for pos in starts:
            if pos >= end:
                m = lex.atom_re.match(text, pos)
                if m is not None:
                    matches.append(m)
                    end = m.end()
    if any(ch.isdigit() for ch in text):
        taken = [(m.start(), m.end()) for m in matches]
        for m in lex.codes_re.finditer(text):
            if not any(s <= m.start("d") < e for s, e in taken):
                matches.append(m)
        matches.sort(key=lambda m: m.start("d") if m.re is lex.codes_re else m.start())
    atoms = []
    for m in matches:
        atom = _atom_from_match(m, text, lex)
        if atom is not None:
            atoms.append(atom)
    return atoms

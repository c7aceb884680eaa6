"""Name keys: the one normalisation every gazetteer name and every text mention goes through.

A key is lower case, without accents, with curly apostrophes and dashes unified, periods
dropped ("U.S." and "US" meet), hyphens as spaces ("Khan-Younis" = "Khan Younis") and a
leading "the " removed. Matching is on keys; the text decides separately whether a
capitalised span may be a place at all (sitroom.geo.recognize).
"""
from __future__ import annotations

import unicodedata

_DROP = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'", "‐": " ", "‑": " ", "–": " ",
                       "—": " ", "-": " ", ".": "", ",": " ", "ı": "i", "ł": "l", "Ł": "l", "ø": "o",
                       "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """``text`` without combining accents (Kyïv -> Kyiv, Košice -> Kosice)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(name: str) -> str:
    """The lookup key of a place name or a text span."""
    folded = name if name.isascii() else fold(name)
    k = " ".join(folded.translate(_DROP).lower().split())
    if k.startswith("the "):
        k = k[4:]
    return k


def is_latin(name: str) -> bool:
    """True when every letter is Latin (with accents): the names an English article can contain."""
    return all(ord(ch) < 0x250 or ch in "’‘ʼ" for ch in name)


def abbrev_key(text: str) -> str:
    """The key of an abbreviation keeps its periods: "La." (Louisiana), "L.A." and "LA" stay apart."""
    return fold(text).replace(" ", "").replace("’", "'").lower()

"""Where a text is written in capitals: the stretches case restoration rewrites.

A stretch is a run of at least ``min_chars`` characters with no lower-case letter and at least
``min_letters`` upper-case ones; runs separated by at most ``max_gap`` characters that hold a few
lower-case letters ("McDONALD", a stray "[Text]") join into one. A headline in capitals inside
mixed-case text is shorter than a stretch and stays as it is.

The scan is one regular expression over the text (C speed); on ordinary mixed-case text it finds
nothing after a few microseconds per kilobyte, so restoration costs nothing there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# a run without lower-case letters (Latin, Greek, Cyrillic); digits, punctuation and spaces are in it
_RUN = r"[^a-z\u00df-\u00f6\u00f8-\u00ff\u0101-\u017f\u03ac-\u03ce\u0430-\u045f]{%d,}"


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_chars: int = 60
    min_letters: int = 30
    max_gap: int = 12


def _upper_letters(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if ch.isupper())


def caps_stretches(text: str, limits: Thresholds = Thresholds()) -> list[tuple[int, int]]:
    """Character ranges [start, end) of ``text`` written in capitals, in text order."""
    runs = []
    for m in re.finditer(_RUN % max(1, limits.min_chars // 2), text):
        s, e = m.span()
        if e < len(text) and text[e].isalpha():  # the run stopped inside a mixed-case word ("It"): not that word
            while e > s and text[e - 1].isalpha():
                e -= 1
        if s > 0 and text[s - 1].isalpha():  # nor the capitals that end a mixed-case word ("McDONALD")
            while s < e and text[s].isalpha():
                s += 1
        # trim to letters so a stretch does not swallow the blank lines around it
        while s < e and not text[s].isalpha():
            s += 1
        while e > s and not text[e - 1].isalnum() and text[e - 1] not in ".!?)]\"'”’":
            e -= 1
        if e > s:
            runs.append([s, e])
    merged: list[list[int]] = []
    for run in runs:
        if merged and run[0] - merged[-1][1] <= limits.max_gap:
            merged[-1][1] = run[1]
        else:
            merged.append(run)
    return [(s, e) for s, e in merged
            if e - s >= limits.min_chars and _upper_letters(text, s, e) >= limits.min_letters]

"""Small readers of the text around a match: neighbouring words, capitalisation, numbers."""
from __future__ import annotations

import re

from sitroom.times.context import DocView
from sitroom.times.patterns import Grammar

#: words before a bare month, season, year... that mark it as a time (not "Theresa May")
TIME_PREPS = frozenset({
    "in", "since", "until", "till", "by", "of", "early", "late", "mid", "last", "next", "this", "during",
    "before", "after", "through", "from", "to", "between", "and", "or", "on", "throughout", "around",
    "about", "circa", "that", "each", "every", "as", "into", "for", "over", "past", "the",
})
#: capitalised words that may precede a month or weekday name without making it a name
FUNCTION_CAPS = frozenset(w.capitalize() for w in TIME_PREPS) | {
    "On", "At", "Late", "Early", "Mid", "Since", "Last", "Next", "By", "Until", "Through", "Before",
    "After", "And", "Or", "But", "Then", "Also", "As", "Earlier", "Later", "So", "Yet", "Even",
    "Still", "Only", "Just", "Both", "Either", "Neither", "From", "The", "This", "That",
}
_WORD = re.compile(r"([A-Za-z][\w'’.-]*)[^\w]*$")
_NEXT_WORD = re.compile(r"\W{0,2}([A-Za-z][\w'’-]*)")


def prev_word(text: str, pos: int) -> str:
    """The word just before ``pos`` ('' across a line or clause break)."""
    m = _WORD.search(text, max(0, pos - 40), pos)
    if not m or re.search(r"[!?;:\n]", text[m.end():pos]):
        return ""
    return m[1]


def next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, min(len(text), pos + 40))
    return m[1] if m else ""


def sentence_initial(text: str, pos: int) -> bool:
    """True when only spaces separate ``pos`` from the start of the text or a sentence break."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?\n\"“:(—"


def parse_number(s: str, grammar: Grammar) -> float | None:
    """Value of a number phrase: "12", "1,000", "2.5", "2 1/2", "twenty four", "a couple of", "half a"."""
    s = s.strip().lower().replace("’", "'")
    nums = grammar.lexicon.numbers
    if s in nums:
        return float(nums[s])
    s2 = re.sub(r"\s+", " ", s)
    if s2 in nums:
        return float(nums[s2])
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s*(\d)/(\d)|\s*½)?", s2)
    if m:
        value = float(m[1].replace(",", ""))
        if m[2]:
            value += int(m[2]) / int(m[3]) if int(m[3]) else 0
        elif "½" in s2:
            value += 0.5
        return value
    total = current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", s2):
        if w == "and":
            continue
        if w not in nums:
            return None
        v = nums[w]
        seen = True
        if v == 100:
            current = (current or 1) * 100
        elif v == 1000:
            total += (current or 1) * 1000
            current = 0
        else:
            current += v
    return total + current if seen else None


def cap_ok(word: str, view: DocView) -> bool:
    return view.lower_doc or word[:1].isupper()


def name_before(text: str, pos: int) -> bool:
    """True when a capitalised word that is not a function word directly precedes ``pos``
    ("Theresa May", "Bloody Sunday", "Arab Spring")."""
    gap = text[max(0, pos - 2):pos]
    if not gap or not gap[-1:].isspace() or "\n" in gap:
        return False
    w = prev_word(text, pos)
    if not w or not w[:1].isupper() or w in FUNCTION_CAPS or sentence_initial(text, pos - len(w) - 1):
        return False
    return True

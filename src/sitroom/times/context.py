"""What the time grammar reads from spaCy: sentences, entity labels and verb tense.

Everything here degrades gracefully without a parse (``doc=None``): sentences
fall back to a punctuation split, entity checks pass, tense is unknown.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from sitroom.spanindex import SpanIndex

#: governing verbs whose infinitive complement is about the future ("planned to meet on Monday")
FUTURE_GOVERNORS = frozenset({
    "plan", "schedule", "set", "expect", "due", "intend", "hope", "aim", "prepare", "agree", "vow",
    "promise", "threaten", "want", "seek", "decide", "propose", "pledge", "wish", "arrange", "likely",
    "able", "ready", "poise", "slate", "go", "call", "urge", "ask",
})
MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca", "shall"})
FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
PAST_BE = frozenset({"was", "were", "had", "did", "'d"})
_DUE = frozenset({"due", "scheduled", "set", "expected", "likely"})

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])|\n\s*\n")


class DocView:
    """Read-only helpers over one article's text and (optionally) its spaCy ``Doc``."""

    __slots__ = ("text", "doc", "lower_doc", "_sent_starts", "_ents")

    def __init__(self, text: str, doc=None) -> None:
        self.text = text
        self.doc = doc
        sample = text[:3000]
        self.lower_doc = not any(c.isupper() for c in sample) or not any(c.islower() for c in sample)
        self._sent_starts: list[int] | None = None
        self._ents: tuple[list[tuple[int, int, str]], SpanIndex] | None = None

    def sentence(self, pos: int) -> int:
        """Index of the sentence holding character ``pos``."""
        if self._sent_starts is None:
            if self.doc is not None:
                self._sent_starts = [s.start_char for s in self.doc.sents] or [0]
            else:
                self._sent_starts = [0] + [m.end() for m in _SENT_SPLIT.finditer(self.text)]
        return bisect_right(self._sent_starts, pos) - 1

    def ent_labels(self, start: int, end: int) -> set[str]:
        """Labels of spaCy entities overlapping ``[start, end)`` (empty without a parse)."""
        if self.doc is None:
            return set()
        if self._ents is None:
            ents = [(e.start_char, e.end_char, e.label_) for e in self.doc.ents]
            self._ents = (ents, SpanIndex((s, e) for s, e, _ in ents))
        ents, index = self._ents
        return {ents[k][2] for k in index.overlapping(start, end)}

    def has_parse(self) -> bool:
        return self.doc is not None

    def _span(self, start: int, end: int):
        if self.doc is None:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def head_info(self, start: int, end: int):
        """(dep, head lemma, head pos) of the root token of ``[start, end)``, or None."""
        span = self._span(start, end)
        if span is None or not len(span):
            return None
        root = span.root
        return root.dep_, root.head.lemma_.lower(), root.head.pos_

    def tense(self, start: int, end: int) -> str | None:
        """``"past"``, ``"future"`` or None (present or unknown) for the clause of ``[start, end)``."""
        span = self._span(start, end)
        if span is None or not len(span):
            return None
        tok = span.root
        verb = tok
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX"):
                break
            if verb is not tok and verb.pos_ != "ADP":
                return None  # the time qualifies a noun ("payable Dec. 7", "the June agreement")
            if verb.head is verb:
                return None
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        return verb_tense(verb)


def _auxes(tok) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def verb_tense(verb, depth: int = 0) -> str | None:
    """Tense of a spaCy verb token from its tag and auxiliaries; an infinitive takes the
    tense its governor gives it ("planned to meet" is ahead, "was forced to flee" is past)."""
    auxes = _auxes(verb)
    if auxes & FUTURE_AUX:
        return "future"
    if "going" in auxes or verb.dep_ == "xcomp" and verb.head.lower_ == "going":
        return "future"
    tag = verb.tag_
    if tag == "VB" or "to" in auxes:
        if auxes & MODALS:
            return "future"
        if "to" not in auxes:
            return None
        gov = verb.head
        if gov is verb or depth > 3:
            return "future"
        lemma = gov.lemma_.lower()
        if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "attr", "amod") and gov.head is not gov:
            gov = gov.head  # "was due to", "is likely to"
        if _auxes(gov) & {"had", "'d"}:
            return "past"
        if lemma in FUTURE_GOVERNORS or gov.lemma_.lower() in FUTURE_GOVERNORS:
            return "future"
        if gov.pos_ in ("VERB", "AUX") and verb_tense(gov, depth + 1) == "past":
            return "past"
        return "future"
    if tag in ("VBD", "VBN"):
        if tag == "VBN" and verb.lemma_.lower() in FUTURE_GOVERNORS and auxes & PRESENT_BE:
            return "future"  # "is scheduled for Monday"
        if tag == "VBN" and auxes & PRESENT_BE and not auxes & PAST_BE:
            return None  # present passive: "is held"
        return "past"
    if tag == "VBG":
        if auxes & PRESENT_BE:
            return "future"
        if auxes & PAST_BE:
            return "past"
        return None
    if tag in ("VBZ", "VBP"):
        if verb.lemma_ == "be":
            for c in verb.children:
                if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _DUE:
                    return "future"
        return None
    return None

"""The noun phrase a number counts: "30 *Kurdish fighters*", "12 of the 40 *prisoners*".

Works on spaCy's tags and parse but does not trust them in all-caps or headline sentences (wire
copy such as "FOUR GUARDS WERE KILLED"), where it falls back to the lexicon's stop words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.context import DocView
    from sitroom.figures.lexicon import Lexicon

_BREAK_POS = {"VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PRON", "DET", "PART", "INTJ", "SYM", "PUNCT", "SPACE"}
_DETERMINERS = {"the", "these", "those", "our", "their", "his", "her", "its", "all", "my", "your", "some", "most",
                "least"}
_NOUNISH = ("NOUN", "PROPN")


@dataclass(slots=True)
class NounPhrase:
    """Tokens [start, end) of the counted noun phrase (empty when the noun is elided or a pronoun).

    Words dropped from its end ("900 *injured*", "three workers *dead*") are where the search for
    what happened to the counted people starts (:attr:`after`)."""

    start: int
    end: int
    #: token where the phrase stopped
    stop: int
    partitive: bool = False  # "N of ..."
    pronoun: bool = False  # "N of them", "N of whom"
    #: the phrase was only modifiers ("14 Afghan and 9 Pakistani workers"): it shares the next one's noun
    dangling: bool = False

    @property
    def after(self) -> int:
        return self.stop if self.pronoun else self.end

    @property
    def head(self) -> int | None:
        return self.end - 1 if self.end > self.start else None


def noun_phrase(view: DocView, te: int, sent_end: int, lex: Lexicon, number_starts: set[int]) -> NounPhrase:
    """The phrase after a number ending at token ``te``; ``number_starts`` are tokens that begin other figures."""
    np = _scan(view, te, sent_end, lex, number_starts, te)
    if np.head is None and np.dangling:
        nxt = view.next_word(np.stop + 1, sent_end)
        if nxt not in number_starts:  # "a dozen Arab and European states": the noun comes after the "and"
            again = _scan(view, np.stop + 1, sent_end, lex, number_starts, te)
            if again.head is not None:
                return NounPhrase(again.start, again.end, again.stop, partitive=np.partitive)
    return np


def _tight_hyphen(view: DocView, j: int, sent_end: int) -> bool:
    return view.tok(j) in ("-", "–") and 0 < j and j + 1 < sent_end and \
        view.end_char(j - 1) == view.starts[j] and view.end_char(j) == view.starts[j + 1]


def _scan(view: DocView, j: int, sent_end: int, lex: Lexicon, number_starts: set[int], number_end: int) -> NounPhrase:
    w = lex.words
    loose = view.unreliable_case(number_end - 1)
    j = view.next_word(j, sent_end)
    partitive = False
    if j < sent_end and view.low(j) == "of":
        partitive = True
        j += 1
        while j < sent_end and (view.space(j) or view.low(j) in _DETERMINERS):
            j += 1
        if j < sent_end and view.low(j) in w["person_pronouns"]:
            return NounPhrase(j, j, j + 1, partitive=True, pronoun=True)
        while j < sent_end and (j in number_starts or view.pos(j) == "NUM" or view.tok(j) == ","):
            j += 1  # "of the 14 fishermen": the inner number is its own figure
    if j < sent_end and view.low(j) in ("more", "other", "additional", "further") and \
            not (j + 1 < sent_end and view.low(j + 1) in ("than", "then")):
        j += 1  # "35 more civilians", "two more arrests": the noun follows
    start = j
    toks: list[int] = []
    while j < sent_end and len(toks) < 6:
        if view.space(j):
            j += 1
            continue
        low = view.low(j)
        if low in w["stop_np"] or j in number_starts:
            break
        if view.punct(j):
            if toks and _tight_hyphen(view, j, sent_end) and j + 1 not in number_starts:
                toks.append(j)
                j += 1
                continue
            break
        if not loose and view.pos(j) in _BREAK_POS and not _modifier_word(view, j, sent_end) and \
                not (partitive and not toks and view.tag(j) == "VBN"):  # "of the wounded"
            break
        toks.append(j)
        j += 1
    stop = j
    if toks and not loose and not partitive and view.dep(number_end - 1) in ("nummod", "quantmod", "compound"):
        # the parse knows where the phrase ends: "one other person [last night]"; follow compounds
        # to their noun ("3 bank employees", "seven AK-47 rifles")
        head = view.head(number_end - 1)
        while view.dep(head) in ("compound", "nummod", "amod", "nmod") and view.head(head) > head \
                and view.head(head) in toks:
            head = view.head(head)
        if head in toks:
            toks = toks[:toks.index(head) + 1]
            stop = head + 1
    # an adjective or predicate word at the end is not the counted noun: "300 injured", "14 Afghan and"
    had, predicate = bool(toks), False
    # (after "of" the word names the group: "two of the wounded")
    while toks and ((_predicate_word(view, toks[-1], lex) and not partitive) or view.tok(toks[-1]) in ("-", "–")
                    or (not loose and view.pos(toks[-1]) in ("ADJ", "VERB", "NUM") and not partitive)
                    or (view.ent(toks[-1]) == "NORP" and not view.low(toks[-1]).endswith("s"))):
        predicate = predicate or _predicate_word(view, toks[-1], lex)
        toks.pop()
    if not toks:
        # only modifiers before "and": "14 Afghan and 9 Pakistani workers" shares the next phrase's noun
        dangling = had and not predicate and stop < sent_end and view.low(stop) in ("and", "or")
        return NounPhrase(start, start, stop, partitive=partitive, dangling=dangling)
    return NounPhrase(toks[0], toks[-1] + 1, stop, partitive=partitive)


def _modifier_word(view: DocView, j: int, sent_end: int) -> bool:
    """Participles and adverbs that modify the noun: "six abducted nurses", "eight heavily armed men"."""
    if j + 1 >= sent_end:
        return False
    nxt_pos = view.pos(j + 1)
    if view.tag(j) in ("VBN", "VBG"):
        return nxt_pos in ("NOUN", "PROPN", "ADJ")
    if view.pos(j) == "ADV" and (nxt_pos == "ADJ" or view.tag(j + 1) == "VBN"):
        return j + 2 < sent_end and view.pos(j + 2) in _NOUNISH
    return False


def _predicate_word(view: DocView, i: int, lex: Lexicon) -> bool:
    """Words that state what happened to the counted people rather than name them ("dead", "injured")."""
    low = view.low(i)
    return low in lex.cues["right"].single or low in lex.cues["mod"].single or low in lex.words["skip_right"]


def looks_like_person(view: DocView, i: int, lex: Lexicon) -> bool:
    low = view.low(i)
    w = lex.words
    if low in w["persons"] or view.ent(i) in ("NORP", "PERSON"):
        return True
    if low in w["property"] or low in w["units"] or low in lex.cues["nouns"].single or low in w["not_persons"]:
        return False
    return low.endswith(lex.person_suffixes) and len(low) > 3

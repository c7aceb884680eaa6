"""Hedges: words and phrases by which an article marks a stretch as unverified or alleged.

- A hedge word ("apparently", "reportedly", "alleged") covers what it modifies: the
  clause of the verb it modifies ("footage apparently showing a destroyed tank"), the
  noun phrase it qualifies ("the alleged gunman").
- A hedge phrase ("could not be independently verified") looks back: to the clause
  before it in its sentence ("Hamas said it held 30 hostages, a claim that could not
  be verified") or, when it has a sentence of its own, to the sentence before.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.model import Certainty
from sitroom.quotes.cues import CueLexicon
from sitroom.quotes.docindex import DocIndex
from sitroom.quotes.indirect import trim


@dataclass(frozen=True, slots=True)
class Hedge:
    stretch: tuple[int, int]
    cue: tuple[int, int]
    certainty: Certainty
    #: the hedge word's token and the token it modifies (None for phrases)
    token: int | None = None
    head: int | None = None


def find_hedges(doc, lexicon: CueLexicon, index: DocIndex) -> list[Hedge]:
    text = index.text
    out: list[Hedge] = []
    for i in index.where("lower", lexicon.hedge_ids):
        tok = doc[i]
        certainty = lexicon.hedges.get(tok.lower_)
        if certainty is None:
            continue
        head = tok.head
        if tok.dep_ == "amod" or (tok.dep_ == "advmod" and head.pos_ in ("NOUN", "PROPN")):
            first, last = head.left_edge.i, head.right_edge.i
        elif head is not tok and head.pos_ in ("VERB", "AUX", "ADJ"):
            first, last = head.left_edge.i, head.right_edge.i
        else:
            first, end = index.sentence_of(i)
            last = end - 1
        stretch = trim(text, doc[first].idx, doc[last].idx + len(doc[last]))
        out.append(Hedge(stretch, (tok.idx, tok.idx + len(tok)), certainty, tok.i, head.i))
    if lexicon.phrase_pattern is not None and lexicon.hedge_phrases:
        for m in lexicon.phrase_pattern.finditer(text):
            section, certainty = lexicon.phrase_certainty(m.group(0))
            if section != "hedge_phrases":
                continue
            stretch = _looked_back(doc, index, m.start())
            if stretch is not None:
                out.append(Hedge(stretch, (m.start(), m.end()), certainty))
    return sorted(out, key=lambda h: h.stretch)


def _looked_back(doc, index: DocIndex, pos: int) -> tuple[int, int] | None:
    """What a hedge phrase at ``pos`` is about: the clause before it, or the sentence before."""
    text = index.text
    at = index.token_at(pos)
    first, end = index.sentence_of(at)
    before = [doc[i] for i in range(first, at)]
    commas = [t for t in before if t.text in (",", ";", "—", "–")]
    if commas and any(t.pos_ in ("VERB", "AUX") for t in before if t.i < commas[-1].i):
        return trim(text, doc[first].idx, commas[-1].idx)
    if first == 0:
        return None
    p_first, p_end = index.sentence_of(first - 1)
    last = doc[p_end - 1]
    return trim(text, doc[p_first].idx, last.idx + len(last))

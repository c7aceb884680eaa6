"""Hand-built spaCy parses for rule tests: no model is loaded, the parse is what the test states.

    doc = parse('''
        Rebels rebel NOUN NNS nsubj 1
        shelled shell VERB VBD ROOT 1
        Kharkiv Kharkiv PROPN NNP dobj 1 GPE
    ''')

One token a row: text, lemma, coarse POS, fine tag, dependency label, index of the head (the root
points at itself) and, optionally, an entity type (consecutive tokens of one type form one entity).
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sitroom.events.dyads import dyad, share_losers, share_sources
from sitroom.events.extract import Prefilter
from sitroom.events.relations import relate
from sitroom.events.triggers import find_candidates, sentence_info

_NO_SPACE_BEFORE = {",", ".", ":", ";", "'s", "’s", ")", "!", "?", "%"}
_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, like_num), no model


def parse(rows: str) -> Doc:
    words, lemmas, pos, tags, deps, heads, ents = [], [], [], [], [], [], []
    prev = ""
    for line in rows.strip().splitlines():
        text, lemma, p, tag, dep, head, *ent = line.split()
        words.append(text)
        lemmas.append(lemma)
        pos.append(p)
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
        kind = ent[0] if ent else ""
        ents.append("O" if not kind else ("I-" if kind == prev else "B-") + kind)
        prev = kind
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))]
    return Doc(_VOCAB, words=words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags, deps=deps, heads=heads,
               ents=ents)


def roles(doc: Doc, lex) -> dict[str, tuple[list[str], list[str]]]:
    """trigger word -> (source words, target words) as the events stage finds them on ``doc``."""
    trig_at, means_at = Prefilter(lex).positions(doc)
    out: dict[str, tuple[list[str], list[str]]] = {}
    for sent in doc.sents:
        info = sentence_info(sent, lex, [i for i in means_at if sent.start <= i < sent.end])
        cands = find_candidates(info, lex, [i for i in trig_at if sent.start <= i < sent.end])
        relate(cands, lex)
        dyads = {id(c): dyad(c, lex) for c in cands if not c.absorbed}
        share_sources(cands, dyads)
        share_losers(cands, dyads, lex)
        for c in cands:
            if not c.absorbed:
                d = dyads[id(c)]
                out[c.token.text] = ([t.text for t in d.sources], [t.text for t in d.targets])
    return out

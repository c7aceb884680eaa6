"""Cheap lookups on a parsed article, built once per article.

Iterating a spaCy ``Doc`` creates a Python ``Token`` per word, which costs more than
everything else this stage does on a long article; so the stage reads the token
attributes once as arrays, finds the few candidate tokens (cue lemmas, hedge words)
with vectorised lookups, and only builds ``Token`` objects for those.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

import numpy
from spacy.attrs import DEP, IDX, LEMMA, LOWER, SENT_START
from spacy.strings import get_string_id


def string_ids(words: Iterable[str]) -> frozenset[int]:
    """The spaCy hashes of ``words``, for :meth:`DocIndex.where`."""
    return frozenset(get_string_id(w) for w in words)


class DocIndex:
    def __init__(self, doc, text: str | None = None) -> None:
        self.doc = doc
        #: Doc.text rebuilds the string from the tokens on every access: the caller passes
        #: the article text (the same string) when it has it
        self.text = doc.text if text is None else text
        n = len(doc)
        if n:
            arr = doc.to_array([LEMMA, LOWER, DEP, SENT_START, IDX])
            self.lemma, self.lower, self.dep = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist()
            starts = numpy.flatnonzero(arr[:, 3].astype(numpy.int64) == 1).tolist()
            self.idx = arr[:, 4].astype(numpy.int64)
        else:
            self.lemma, self.lower, self.dep = [], [], []
            self.idx = numpy.zeros(0, dtype=numpy.int64)
            starts = []
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        #: token index where each sentence starts, and the sentences as (first, end) token ranges
        self.sent_starts = starts
        self.sents = list(zip(starts, starts[1:] + [n]))
        self.ents = list(doc.ents)

    def where(self, column: str, ids: frozenset[int]) -> list[int]:
        """Indices of the tokens whose ``column`` ("lemma" or "lower") is one of ``ids``."""
        if not ids:
            return []
        return [i for i, v in enumerate(getattr(self, column)) if v in ids]

    def sentence_of(self, i: int) -> tuple[int, int]:
        """(first, end) token range of the sentence holding token ``i``."""
        return self.sents[bisect_right(self.sent_starts, i) - 1]

    def sentence_chars(self) -> list[tuple[int, int]]:
        doc = self.doc
        return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in self.sents if b > a]

    def token_at(self, char: int) -> int:
        """Index of the token starting at or before character ``char``."""
        return max(int(numpy.searchsorted(self.idx, char, side="right")) - 1, 0)

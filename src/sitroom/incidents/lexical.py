"""Lexical similarity of articles: TF-IDF cosine over content words and names.

The terms of an article are its named-entity mentions, actor and place names (as
whole phrases, ``e:gulf of aden``, and as words, ``w:aden``), event triggers, and,
when the text is at hand (the store has it; ``sitroom incidents --articles`` gives it),
the content words of the text. Without the text a record still carries its entity
mentions, which is what names the people, places and organisations a story is about.

Vectors are sparse dicts; weights are sublinear tf (1 + ln tf) times a smoothed IDF
(ln((N + 1) / (df + 1)) + 1), L2-normalised. An incident's lexical profile is the sum
of its documents' normalised tf vectors; IDF is applied when two are compared, so a
stored profile stays valid as the document frequencies grow.
"""
from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

#: entity labels that name nothing a story is about (numbers, times, amounts)
SKIP_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "TIME"})
#: longer "names" are mis-tagged sentences, not names (and terms must fit the store's column)
MAX_PHRASE = 80
#: a longer "word" is a run of letters, an address or a token from markup, not a word a story is
#: about (and the store's term column holds 200 characters: a 300-letter run once stopped a
#: PostgreSQL ingest)
MAX_WORD = 64
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|\d{4}", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_LEADING = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"\s*['’]s$")
_BLOCK = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
#: a line of fewer words that does not end a sentence is page furniture (a menu entry, a list of
#: countries, "Share this post"), not the story
PROSE_WORDS = 4

# English function words and reporting verbs: common to every news story, they would
# only add noise to a cosine
STOPWORDS = frozenset("""
a about above after again against all also although am among an and another any are around as at be
because been before being below between both but by can could did do does doing done down during each
either else ever every few for from further had has have having he her here hers herself him himself his
how however i if in into is it its itself just last least less let like made make many may me might more
most much must my myself near neither never new next no nor not now of off often on once one only onto or
other others our ours ourselves out over own per perhaps rather said same say says see seen several shall
she should since so some such than that the their theirs them themselves then there these they this those
though through thus to told too toward under until up upon us very was we were what whatever when where
whether which while who whom whose why will with within without would yet you your yours yourself
yourselves according added asked called came come comes get gets getting go goes going gone got just
know known like took take taken told tell telling want wanted way week weeks well year years day days
time times today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday mr mrs ms
""".split())


def normalise(text: str) -> str:
    """Lower-case, NFKC, one space, no leading article or trailing possessive."""
    t = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return _POSSESSIVE.sub("", _LEADING.sub("", t))


def words(text: str) -> list[str]:
    """Content words of ``text``: letters (3+ characters, not stopwords) and 4-digit years."""
    out = []
    for m in _WORD.finditer(unicodedata.normalize("NFKC", text).casefold()):
        w = m.group().strip("'’-")
        if len(w) > MAX_WORD:
            continue
        if (len(w) >= 3 and w not in STOPWORDS) or (len(w) == 4 and w.isdigit()):
            out.append(w)
    return out


def _name_terms(counts: Counter, name: str) -> None:
    phrase = normalise(name)
    if not phrase or len(phrase) > MAX_PHRASE:
        return
    counts["e:" + phrase] += 1
    parts = words(phrase)
    if len(parts) > 1:
        for w in parts:
            counts["w:" + w] += 1


def prose_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines of ``text`` that are prose: they end a sentence or hold at
    least ``PROSE_WORDS`` words. A page's menus and lists of links are left out, so that
    unrelated posts of one site do not read alike through their navigation."""
    out = []
    for m in _BLOCK.finditer(text):
        line = m.group()
        if _SENTENCE_END.search(line) or len(line.split()) >= PROSE_WORDS:
            out.append((m.start(), m.end()))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: Any) -> bool:
    if not isinstance(pos, int):
        return True
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def record_terms(record: Mapping[str, Any], text: str | None = None) -> Counter:
    """The term counts of one output-format.md record (and its text, when given or carried); with the
    text, only what its prose lines say (:func:`prose_lines`)."""
    counts: Counter = Counter()
    body = text if text is not None else record.get("text")
    prose = prose_lines(str(body)) if body else []
    starts = [s for s, _ in prose]

    def said(start: Any) -> bool:
        return not body or _inside(prose, starts, start)

    for ent in record.get("entities") or ():
        label = ent.get("label")
        if label in SKIP_LABELS or not said(ent.get("start")):
            continue
        mention = str(ent.get("text") or "")
        # a date names the story only when it carries a year ("2009", "March 3, 2011")
        if label == "DATE" and not _YEAR.search(mention):
            continue
        _name_terms(counts, mention)
    for key in ("actors", "places"):
        for item in record.get(key) or ():
            mentions = [m for m in item.get("mentions") or () if isinstance(m, dict)]
            if item.get("name") and (not mentions or any(said(m.get("start")) for m in mentions)):
                _name_terms(counts, str(item["name"]))
    for event in record.get("events") or ():
        trigger = (event.get("trigger") or {}).get("text")
        if trigger:
            counts.update("w:" + w for w in words(str(trigger)))
    if body:
        body = str(body)
        for start, end in prose:
            counts.update("w:" + w for w in words(body[start:end]))
    else:  # without the text, the title and quoted words are the best stand-ins
        if record.get("title"):
            counts.update("w:" + w for w in words(str(record["title"])))
        for quote in record.get("quotes") or ():
            content = (quote.get("content") or {}).get("text")
            if content:
                counts.update("w:" + w for w in words(str(content)))
    return counts


def tf_vector(counts: Mapping[str, int], *, max_terms: int = 400) -> dict[str, float]:
    """Sublinear, L2-normalised term frequencies (no IDF), keeping the ``max_terms`` strongest."""
    items = sorted(((t, 1.0 + math.log(n)) for t, n in counts.items() if n > 0), key=lambda x: (-x[1], x[0]))
    items = items[:max_terms]
    norm = math.sqrt(sum(w * w for _, w in items)) or 1.0
    return {t: w / norm for t, w in items}


class Idf:
    """Smoothed inverse document frequency from a document-frequency table."""

    __slots__ = ("df", "n")

    def __init__(self, df: Mapping[str, int] | None = None, n: int = 0) -> None:
        self.df: dict[str, int] = dict(df or {})
        self.n = n

    @classmethod
    def from_documents(cls, docs: Iterable[Iterable[str]]) -> Idf:
        idf = cls()
        for terms in docs:
            idf.add(terms)
        return idf

    def add(self, terms: Iterable[str]) -> None:
        self.n += 1
        for t in set(terms):
            self.df[t] = self.df.get(t, 0) + 1

    def __call__(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0


def weighted(vec: Mapping[str, float], idf: Idf, *, min_df: int = 1) -> dict[str, float]:
    """``vec`` times IDF, L2-normalised. Terms seen in fewer than ``min_df`` documents are
    dropped: a term only one article has cannot link it to another, it only dilutes."""
    out = {t: w * idf(t) for t, w in vec.items() if idf.df.get(t, 0) >= min_df}
    norm = math.sqrt(sum(w * w for w in out.values())) or 1.0
    return {t: w / norm for t, w in out.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two vectors, each already L2-normalised."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def add_into(total: dict[str, float], vec: Mapping[str, float], sign: float = 1.0) -> None:
    for t, w in vec.items():
        v = total.get(t, 0.0) + sign * w
        if abs(v) < 1e-12:
            total.pop(t, None)
        else:
            total[t] = v


def top_terms(vec: Mapping[str, float], k: int) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda x: (-x[1], x[0]))[:k]]

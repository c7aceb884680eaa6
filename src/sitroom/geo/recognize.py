"""Finding place mentions in a parsed article.

Two sources, one pass each over the tokens:

1. spaCy's GPE, LOC and FAC entities (trimmed of "the" and a possessive "'s");
2. gazetteer names in capitalised runs that spaCy missed or labelled otherwise
   ("Gainesville" as PERSON, "Edmonton" at the head of "Edmonton Police Service").

Gazetteer-only matches must pass the checks that keep the classic false hits out:
names listed as not places (actors such as Hamas, months, titles), surnames inside a
longer PERSON ("Michael Jordan"), demonyms and other adjectives ("Israeli"), place names
in the middle of an organisation ("Times of Israel"), and obscure places for common
capitalised words. A direction word before a place ("southern Israel", "northern Gaza")
joins the mention and makes it a region. ``X, Y`` pairs ("Alexandria, La.", "Aleppo,
Syria") tie X to the area Y that contains it, which resolution uses.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: entity labels a place name is never inside
NEVER_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"})
#: lower-case words that may sit inside a capitalised place name ("Bosnia and Herzegovina", "Deir ez-Zor")
CONNECTORS = frozenset({"of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
                        "al", "el", "ez", "es", "ash", "an", "ad", "as", "at", "ar", "bin", "ibn", "upon", "on",
                        "and", "&", "-", ",", "'s", "’s", "y", "en", "sur", "am", "im", "an der", "van",
                        "der", "den", "'", "’"})
DIRECTIONS = {
    "north": "n", "northern": "n", "south": "s", "southern": "s", "east": "e", "eastern": "e", "west": "w",
    "western": "w", "central": "c", "northeast": "ne", "northeastern": "ne", "north-east": "ne",
    "north-eastern": "ne", "northwest": "nw", "northwestern": "nw", "north-west": "nw", "north-western": "nw",
    "southeast": "se", "southeastern": "se", "south-east": "se", "south-eastern": "se", "southwest": "sw",
    "southwestern": "sw", "south-west": "sw", "south-western": "sw",
}
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS", "NNPS", "NNS"})
MAX_TOKENS = 7
#: words before a name that make it more likely a place ("in Khan Yunis", "at Kiryat Shmona")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "into", "outside", "inside", "across", "towards",
                                "toward", "around", "via", "throughout"})
#: words after a place name that make it a place's institution or people ("Torrington firefighters",
#: "Alexandria police", "a Kabul native"): the name is a place mention even inside an ORG or PERSON
LOCAL_NOUNS = frozenset({"police", "policeman", "policemen", "fire", "firefighter", "firefighters", "city", "county",
                         "school", "schools", "native", "natives", "resident", "residents", "mayor", "council",
                         "detectives", "sheriff", "hospital", "officials", "authorities", "municipality"})
#: the last word of an administrative area's name ("Laurel County", "Idlib Governorate")
ADMIN_WORDS = frozenset({"county", "parish", "province", "governorate", "district", "oblast", "region", "state",
                         "prefecture", "borough", "municipality", "township", "raion", "department", "territory"})


@dataclass(slots=True)
class Mention:
    start: int  # character offsets into the article
    end: int
    tok_start: int
    tok_end: int
    key: str
    candidates: tuple[int, ...]
    source: str  # "ner" | "gazetteer" | "abbreviation"
    label: str = ""  # the spaCy entity label around it, if any
    direction: str | None = None  # "n", "se", "c"... for "northern Gaza"
    embedded: bool = False  # at the head of an organisation's name ("Gaza Health Ministry")
    container: int | None = None  # index of the mention this one is inside ("X, Y")


class _Tokens:
    """Per-token facts read once from the Doc (indexing a spaCy Doc token by token is slow)."""

    __slots__ = ("text", "words", "lower", "caps", "starts", "sent_end")

    def __init__(self, doc, text: str) -> None:
        from spacy.attrs import IDX, LENGTH

        self.text = text
        cols = doc.to_array([IDX, LENGTH]).tolist()  # no Token objects: a tenth of the cost
        self.starts = [c[0] for c in cols]
        self.words = [text[a:a + n] for a, n in cols]
        self.lower = [w.lower() for w in self.words]
        self.caps = [w[:1].isupper() and (w.isalpha() or any(c.isalpha() for c in w)) for w in self.words]
        self.sent_end = [len(doc)] * len(doc)
        if doc.has_annotation("SENT_START"):
            for sent in doc.sents:
                for t in range(sent.start, sent.end):
                    self.sent_end[t] = sent.end


def _capitalised(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t)


def prominence(gaz: Gazetteer, candidates: tuple[int, ...], alternates: frozenset[int] = frozenset()) -> int:
    """3: a country, admin1, region, water, curated entry, capital or city of 100,000+;
    2: a town of 10,000+ or an admin2 area; 1: a town of 1,000+; 0: smaller. A place that
    bears the name only as an alternate name counts one level less."""
    best = 0
    for i in candidates:
        f = gaz.feature[i]
        pop = gaz.pop[i]
        if f in (0, 4, 5) or gaz.flags[i] & 7 or f == 1 and pop >= 100_000:
            level = 3  # country, region, water, capital, curated; an admin1 area (not a micro-state's parish)
        else:
            level = 3 if pop >= 100_000 else 2 if pop >= 10_000 or f == 2 else 1 if pop >= 1000 else 0
        if i in alternates:
            level -= 1
        best = max(best, level)
    return best


class Recognizer:
    def __init__(self, gaz: Gazetteer, *, min_prominence: int = 1) -> None:
        self.gaz = gaz
        self.min_prominence = min_prominence

    def __call__(self, doc, text: str | None = None) -> list[Mention]:
        """Mentions in ``doc`` (``text`` is ``doc.text``, passed when the caller has it)."""
        n = len(doc)
        ents = doc.ents
        ent_of: list = [None] * n
        for ent in ents:
            for t in range(ent.start, ent.end):
                ent_of[t] = ent
        persons = [e for e in ents if e.label_ == "PERSON" and len(e) > 1]
        person_keys = {key(e.text) for e in persons}
        person_parts = {key(t.text) for e in persons for t in e if key(e.text) not in self.gaz._index}
        covered = bytearray(n)
        mentions: list[Mention] = []

        for ent in ents:
            if ent.label_ in PLACE_LABELS:
                m = self._from_entity(doc, ent)
                if m is not None:
                    mentions.append(m)
                    covered[m.tok_start:m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)

        toks = _Tokens(doc, doc.text if text is None else text)
        caps = toks.caps
        i = 0
        while i < n:
            if covered[i] or not caps[i] or ent_of[i] is not None and ent_of[i].label_ in NEVER_LABELS:
                i += 1
                continue
            m = self._scan(doc, toks, i, covered, ent_of, person_keys, person_parts)
            if m is None:
                i += 1
                continue
            mentions.append(m)
            covered[m.tok_start:m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)
            i = m.tok_end

        mentions.sort(key=lambda m: m.start)
        self._directions(doc, mentions)
        return self._containers(doc, mentions, covered)

    # ---- spaCy entities -----------------------------------------------------------------

    def _from_entity(self, doc, ent) -> Mention | None:
        s, e = ent.start, ent.end
        while s < e and doc[s].lower_ in ("the", "a", "an"):
            s += 1
        while e > s and (doc[e - 1].lower_ in ("'s", "’s", "'", "’") or doc[e - 1].is_punct):
            e -= 1
        if s >= e:
            return None
        span = doc[s:e]
        k = key(span.text)
        if not k or k in self.gaz.not_places:
            return None
        cands, source = self.gaz.candidates(k), "ner"
        if "." in span.text and self.gaz.abbreviations(span.text):
            cands, source = self.gaz.abbreviations(span.text), "abbreviation"
        if not cands:
            if all(t.tag_ in ADJECTIVE_TAGS for t in span):
                return None  # an adjective or plural tagged GPE ("Palestinians")
            sub = self._longest_inside(doc, s, e)
            if sub is not None:
                return sub
        return Mention(span.start_char, span.end_char, s, e, k, cands, source, ent.label_)

    def _longest_inside(self, doc, s: int, e: int) -> Mention | None:
        """The longest gazetteer name inside an unknown GPE/LOC ("Gaza's Health Ministry")."""
        for length in range(e - s - 1, 0, -1):
            for a in range(s, e - length + 1):
                span = doc[a:a + length]
                if not _capitalised(span[0]) or not _capitalised(span[-1]):
                    continue
                k = key(span.text)
                cands = self.gaz.candidates(k) if k not in self.gaz.not_places else ()
                if cands and prominence(self.gaz, cands) >= 2:
                    return Mention(span.start_char, span.end_char, a, a + length, k, cands, "gazetteer", "")
        return None

    # ---- gazetteer names ----------------------------------------------------------------

    def _scan(self, doc, toks: _Tokens, i: int, covered, ent_of, person_keys, person_parts) -> Mention | None:
        gaz = self.gaz
        words, caps = toks.words, toks.caps
        first = key(words[i])
        dotted = "." in words[i] and bool(gaz.abbreviations(words[i]))
        if first not in gaz.first_words and not dotted:
            return None
        best = None
        begin = toks.starts[i]
        j = i
        while j < min(toks.sent_end[i], i + MAX_TOKENS):
            if j > i and (covered[j] or not (caps[j] or toks.lower[j] in CONNECTORS)):
                break
            if caps[j]:
                k = first if j == i else key(toks.text[begin:toks.starts[j] + len(words[j])])
                if k in gaz.not_places:
                    best = None if j == i else best
                elif dotted and j == i:
                    best = (j + 1, k, gaz.abbreviations(words[j]), "abbreviation")
                else:
                    cands = gaz.candidates(k)
                    if cands:
                        best = (j + 1, k, cands, "gazetteer")
            j += 1
        if best is None:
            return None
        end, k, cands, source = best
        span = doc[i:end]
        ent = ent_of[i]
        label = ent.label_ if ent is not None else ""
        cue = i > 0 and toks.lower[i - 1] in PLACE_PREPOSITIONS
        if not self._accept(span, ent, cands, k, person_keys, person_parts, cue):
            return None
        embedded = ent is not None and label not in PLACE_LABELS and len(ent) > len(span)
        return Mention(span.start_char, span.end_char, i, end, k, cands, source, label, embedded=embedded)

    def _accept(self, span, ent, cands, k, person_keys, person_parts, cue: bool = False) -> bool:
        """``cue``: a preposition that introduces places stands before the name ("in Khan Yunis")."""
        last = span[-1]
        doc = span.doc
        local = span.end < len(doc) and doc[span.end].lower_ in LOCAL_NOUNS
        # the small model tags such names NN or JJ ("Torrington firefighters"); spaCy's entity and
        # the local noun after it outweigh the tag, but never for a NORP ("Israeli police")
        named_local = local and ent is not None and ent.label_ != "NORP"
        if not (last.pos_ == "PROPN" or last.is_upper or last.tag_ == "NNP" or named_local):
            return False  # "Israeli", sentence-initial common words
        if len(span) == 1 and span[0].tag_ in ADJECTIVE_TAGS and not named_local:
            return False
        text = span.text
        if len(span) == 1 and text.isupper() and len(text) <= 4 and not self._area(cands):
            return False  # acronyms ("UN", "OAS") that happen to name a village somewhere
        level = prominence(self.gaz, cands, self.gaz.alternates(k)) + (1 if cue or local else 0)
        strong = level >= 3 or (level == 2 and last.lower_ in ADMIN_WORDS)
        if ent is None:
            return strong and k not in person_parts  # not the surname of someone named elsewhere
        label = ent.label_
        exact = ent.start == span.start and ent.end == span.end
        if label == "PERSON":  # spaCy often takes "Khan Yunis" or "Gainesville" for a person
            others = person_keys - {k}
            if local and not exact and ent.start == span.start:  # "[Alexandria Police Chief X]" as one PERSON
                others = person_keys - {key(ent.text)}
                return strong and not any(f" {k} " in f" {p} " for p in others)
            return exact and strong and not any(f" {k} " in f" {p} " for p in others)
        if label == "NORP":
            return exact and level >= 3 and last.tag_ == "NNP"
        # spaCy's ORG, FAC, EVENT...: a known place named in full or inside ("Edmonton Police Service")
        return strong

    def _area(self, cands) -> bool:
        gaz = self.gaz
        return any(gaz.feature[i] in (0, 1, 4, 5) or gaz.flags[i] & 6 for i in cands)

    # ---- direction words and "X, Y" -----------------------------------------------------

    def _directions(self, doc, mentions: list[Mention]) -> None:
        for m in mentions:
            if m.tok_start == 0 or not m.candidates:
                continue
            prev = doc[m.tok_start - 1]
            d = DIRECTIONS.get(prev.lower_)
            if d is None:
                continue
            k = key(doc[m.tok_start - 1:m.tok_end].text)
            cands = self.gaz.candidates(k)
            if cands:  # a named area: "southern Israel" (alias), "South Sudan"
                m.candidates, m.key = cands, k
            elif prev.text[0].isupper():
                continue  # "North Carolina"-like names not in the gazetteer: leave the mention alone
            else:
                m.direction = d
            m.start, m.tok_start = prev.idx, m.tok_start - 1

    def _containers(self, doc, mentions: list[Mention], covered) -> list[Mention]:
        """Add state/province abbreviations after a comma ("Alexandria, La.", "Buffalo, NY"), then
        point each mention followed by ", <mention>" at the mention that contains it."""
        gaz = self.gaz
        starts = {m.tok_start for m in mentions}
        extra: list[Mention] = []
        for m in mentions:
            t = m.tok_end
            if t + 1 >= len(doc) or doc[t].text != "," or (t + 1) in starts:
                continue
            for length in (2, 1):
                if t + 1 + length > len(doc) or 1 in covered[t + 1:t + 1 + length]:
                    continue
                span = doc[t + 1:t + 1 + length]
                if not span[0].text[0].isupper():
                    continue
                k = key(span.text)
                cands = gaz.abbreviations(span.text)
                if cands:
                    extra.append(Mention(span.start_char, span.end_char, span.start, span.end, k, cands,
                                         "abbreviation"))
                    break
        mentions = sorted(mentions + extra, key=lambda m: m.start)
        index_of = {m.tok_start: i for i, m in enumerate(mentions)}
        for m in mentions:
            t = m.tok_end
            if t + 1 < len(doc) and doc[t].text == "," and (t + 1) in index_of:
                m.container = index_of[t + 1]
        return mentions

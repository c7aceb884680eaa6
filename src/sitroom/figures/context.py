"""Which number mentions are not counts at all, and which count units rather than people or things.

Not figures (dropped): years, dates, clock times, durations ("a five-day siege", "30 years ago"), ages
("a 23-year-old", "aged 77", "Ortiz, 52,", "both 51,"), ordinals ("3rd", "2d"), decades ("the 1980s"),
fractions ("two-thirds"), phone numbers, labels and model numbers ("Gate 4", "M 16",
"Resolution 1701", "the 500 block"), family sizes ("a mother of four") and sports scores ("2-1").
Unit quantities (kept as kind ``other`` with no subject): money, percentages and measures.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from enum import Enum
from typing import TYPE_CHECKING

from sitroom.figures.subjects import looks_like_person

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.lexicon import Lexicon
    from sitroom.figures.scan import Expression


class Status(Enum):
    SKIP = "skip"  # not a figure
    UNIT = "unit"  # a quantity of a unit (money, percent, measure): kind other, no subject
    COUNT = "count"  # a count: subject and kind decided from the words around it


_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\w)")
_TIME_AFTER = re.compile(
    r"^\s*(?:[ap]\.?\s?m\b\.?|(?:h|hrs|hours)?\s*(?:gmt|utc|local\s+time|[ecmp][sd]t)\b|o'?clock\b)", re.IGNORECASE
)
_TIME_WORD_BEFORE = re.compile(r"(?<![\w])(?:at|by|around|about|until|till|from|before|after|since)\s+$", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|d)(?![a-z])", re.IGNORECASE)
_DECADE_AFTER = re.compile(r"^'?s(?![\w])", re.IGNORECASE)
_LETTERS_AFTER = re.compile(r"^[A-Za-zµ°][A-Za-z/²³]*")
_NO_ONE_BEFORE = re.compile(r"(?<![\w])(?:no|any|every|some)\s*$", re.IGNORECASE)
_NO_ONE_AFTER = re.compile(r"^(?:\s+another\b|\s+by\s+one\b|-on-one\b|\s+another's\b)", re.IGNORECASE)
_APPOSITION_BEFORE = re.compile(r"[A-Z][\w.'’-]*\s*,\s*$")
_APPOSITION_AFTER = re.compile(r"^\s*[,)]")
# "Tom and William Hakim, both 51, died": a shared age in apposition
_SHARED_AGE_BEFORE = re.compile(r",\s*(?:both|each|all|respectively)\s+$", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"(?<![\d,.])\d")
_WORD = re.compile(r"[A-Za-z][a-z]+|[A-Z]{2,}")
_SLASH_DATE = re.compile(r"^[/.-]\d|^\s*[/]")
# "He was 26 and ...", "who is 81.": a person's age stated with a copula
_AGE_COPULA_BEFORE = re.compile(r"(?<![\w])(?:he|she|who|i|you|they|we|him|her)\s+(?:was|is|were|are|turned|turns|"
                                r"had\s+turned|has\s+turned|will\s+be|would\s+have\s+been)\s+(?:only\s+|just\s+)?$",
                                re.IGNORECASE)
_AGE_COPULA_AFTER = re.compile(r"^\s*(?:[.,;:!?)\"”’]|and\b|when\b|but\b|at\s+the\s+time\b|$)", re.IGNORECASE)


class DocView:
    """Token attributes read once into lists (no spaCy Token objects in the hot loops), sentence
    bounds, per-sentence casing and lookups by character offset."""

    def __init__(self, doc, text: str) -> None:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LIKE_NUM, LOWER, POS, TAG

        self.doc = doc
        self.text = text
        attrs = [IDX, LENGTH, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, LOWER, LIKE_NUM]
        rows = doc.to_array(attrs).tolist() if len(doc) else []
        self.starts = [r[0] for r in rows]
        self._rows = rows
        self._strings = doc.vocab.strings
        self._names: dict[int, str] = {0: ""}
        self._low: dict[int, str] = {}
        self._children: list[list[int]] | None = None
        self.n = len(rows)
        self.sent_starts = [s.start for s in doc.sents] if rows else [0]
        self.sent_ends = self.sent_starts[1:] + [self.n]
        self._unreliable: dict[int, bool] = {}
        self._phones: list[tuple[int, int]] | None = None

    # ---- token attributes ------------------------------------------------------------------
    def _name(self, key: int) -> str:
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = self._strings[key]
        return name

    def tok(self, i: int) -> str:
        r = self._rows[i]
        return self.text[r[0]:r[0] + r[1]]

    def low(self, i: int) -> str:
        low = self._low.get(i)
        if low is None:
            low = self._low[i] = self.tok(i).lower()
        return low

    def space(self, i: int) -> bool:
        return self.tok(i).isspace()

    def end_char(self, i: int) -> int:
        return self._rows[i][0] + self._rows[i][1]

    def lemma(self, i: int) -> str:
        return self._name(self._rows[i][2]).lower()

    def pos(self, i: int) -> str:
        return self._name(self._rows[i][3])

    def tag(self, i: int) -> str:
        return self._name(self._rows[i][4])

    def dep(self, i: int) -> str:
        return self._name(self._rows[i][5])

    def head(self, i: int) -> int:
        offset = self._rows[i][6]
        return i + (offset if offset < 2 ** 63 else offset - 2 ** 64)

    def ent(self, i: int) -> str:
        return self._name(self._rows[i][7])

    def children(self, i: int) -> list[int]:
        if self._children is None:
            kids: list[list[int]] = [[] for _ in range(self.n)]
            for k in range(self.n):
                h = self.head(k)
                if h != k:
                    kids[h].append(k)
            self._children = kids
        return self._children[i]

    def number_starts(self, lex: Lexicon) -> list[int]:
        """Character offsets where a number expression may begin: number-like tokens, count words
        ("dozens", "several") and "a"/"an" before "dozen", "few", "number" ... (the atom regex is
        tried only there, which is much faster than running it over the whole text)."""
        text, rows = self.text, self._rows
        out = [m.start() for m in _DIGIT_RUN.finditer(text)]  # "~25", "Y=15,400": wherever digits begin
        trig, a_next, number = lex.trigger_ids, lex.a_next_ids, lex.number_id
        for i, r in enumerate(rows):
            start, low_id = r[0], r[8]
            if low_id in trig:
                out.append(start)
            elif low_id in a_next and i + 1 < self.n:
                if rows[i + 1][8] in trig or any(rows[k][8] == number for k in range(i + 1, min(self.n, i + 6))):
                    out.append(start)  # "a dozen", "a few", "an unknown number of"
        return sorted(out)

    def punct(self, i: int) -> bool:
        return self.pos(i) == "PUNCT" or not any(ch.isalnum() for ch in self.tok(i))

    # ---- positions ----------------------------------------------------------------------
    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """Token range [ts, te) covering the characters [start, end)."""
        ts = max(0, bisect_right(self.starts, start) - 1)
        te = max(ts + 1, bisect_left(self.starts, end))
        return ts, te

    def sentence(self, i: int) -> tuple[int, int, int]:
        """(index, first token, end token) of the sentence holding token ``i``."""
        k = max(0, bisect_right(self.sent_starts, i) - 1)
        return k, self.sent_starts[k], self.sent_ends[k]

    def next_word(self, i: int, end: int) -> int:
        while i < end and self.space(i):
            i += 1
        return i

    def unreliable_case(self, i: int) -> bool:
        """Headline or all-caps sentences: capitals say nothing there (wire copy, MUC-style texts)."""
        k, s, e = self.sentence(i)
        if k not in self._unreliable:
            span = self.text[self.starts[s]:self.end_char(e - 1)] if e > s else ""
            words = _WORD.findall(span)
            caps = sum(1 for w in words if w[0].isupper())
            self._unreliable[k] = bool(words) and caps > 0.6 * len(words)
        return self._unreliable[k]

    def in_phone(self, start: int) -> bool:
        if self._phones is None:
            self._phones = [m.span() for m in _PHONE.finditer(self.text)]
        return any(s <= start < e for s, e in self._phones)


def _year_like(expr: Expression, text: str) -> bool:
    """Four-digit whole numbers 1000-2100 without a qualifier: "in 2003", "between 1850 and 1870"."""
    if expr.qualifier_text is not None:
        return False
    for a in expr.atoms:
        body = text[a.start:a.end]
        if not (a.digits and body.isdigit() and len(body) == 4 and 1000 <= a.value <= 2100):
            return False
    return True


def _year_is_count(view: DocView, expr: Expression, lex: Lexicon) -> bool:
    """A four-digit number is a year unless a plural noun follows it that it counts ("2000 people")."""
    ts, te = view.tokens(expr.atoms[-1].start, expr.atoms[-1].end)
    if any(view.ent(i) in ("DATE", "TIME") for i in range(ts, te)):
        return False
    te = view.next_word(te, view.n)
    if te >= view.n:
        return False
    low = view.low(te)
    return (view.tag(te) == "NNS" or (low.isalpha() and low.endswith("s") and len(low) > 3)) and \
        low not in lex.words["durations"] and low not in lex.words["stop_np"]


def _case_label(view: DocView, expr: Expression, lex: Lexicon) -> bool:
    """A capitalised word or acronym right before a number names it: "Gate 4", "M 16", "iPhone 14"."""
    ts, _ = view.tokens(expr.start, expr.end)
    _, sent_start, _ = view.sentence(ts)
    j = ts - 1
    while j >= sent_start and view.space(j):
        j -= 1
    if j <= sent_start or view.unreliable_case(ts):
        return False
    prev = view.tok(j)
    low = view.low(j)
    if not any(c.isalpha() for c in prev):
        return False
    title = prev[0].isupper() and (len(prev) == 1 or not prev[1:].isupper())
    camel = any(ch.isupper() for ch in prev[1:]) and any(ch.islower() for ch in prev)
    acronym = prev.isupper() and len(prev) <= 5
    if not (title or camel or acronym):
        return False
    w = lex.words
    if low in w["months"] or low in w["weekdays"] or low.rstrip(".") in w["months"]:
        return False
    if any(low in idx.single or low in idx.by_last for idx in lex.cues.values()):
        return False
    return low not in w["verbs"] and low not in lex.qual_before


def _age_apposition(view: DocView, expr: Expression, lex: Lexicon, before: str) -> bool:
    if not re.search(r",\s*$", before):
        return False
    if _APPOSITION_BEFORE.search(before):
        return True
    ts, _ = view.tokens(expr.start, expr.end)
    j = ts - 1
    while j > 0 and (view.space(j) or view.tok(j) == ","):
        j -= 1
    # a singular person noun: "the gunman, 24,"; a plural one may be counted ("the men, 12,")
    return j >= 0 and view.tag(j) in ("NN", "NNP") and (looks_like_person(view, j, lex) or view.low(j).endswith("man"))


def classify(expr: Expression, view: DocView, lex: Lexicon) -> Status:
    """SKIP (not a figure), UNIT (money, percent, measure) or COUNT, from the characters and tokens around it."""
    text = view.text
    res = lex.context_res
    s, e = expr.start, expr.num_end
    _, first_tok, end_tok = view.sentence(view.tokens(s, e)[0])
    # the windows stop at the sentence: "... the officers.\n\nAt least 72" is not "Rs 72"
    before = text[max(0, s - 40, view.starts[first_tok] if first_tok < view.n else 0):s]
    after = text[e:min(e + 40, view.end_char(end_tok - 1) if end_tok > 0 else len(text))]
    first = expr.atoms[0]
    if expr.score or view.in_phone(first.start):
        return Status.SKIP
    word_one = not first.digits and not first.vague and text[first.start:first.end].lower() == "one"
    if word_one and (_NO_ONE_BEFORE.search(before) or _NO_ONE_AFTER.match(after)):
        return Status.SKIP
    last = expr.atoms[-1]
    if last.digits:
        if _ORDINAL_AFTER.match(after) or _SLASH_DATE.match(after):
            return Status.SKIP
        if _DECADE_AFTER.match(after) and last.value % 10 == 0:
            return Status.SKIP
    if _TIME_AFTER.match(after):
        return Status.SKIP
    body = text[first.start:first.end]
    if first.digits and body.isdigit() and len(body) == 4 and (
        body[0] == "0" or (_TIME_WORD_BEFORE.search(before) and first.value % 100 < 60 and first.value < 2400
                           and not _year_is_count(view, expr, lex) and not 1900 <= first.value <= 2100)
    ):
        return Status.SKIP  # "at 0645", "0710 GMT"
    if res["fraction_after"].match(after):
        return Status.SKIP
    if res["age_after"].match(after) or res["age_before"].search(before) or expr.age:
        return Status.SKIP
    if first.digits and not expr.qualifier_text and isinstance(first.value, int) and first.value <= 120 and \
            _APPOSITION_AFTER.match(after) and (_age_apposition(view, expr, lex, before)
                                                or _SHARED_AGE_BEFORE.search(before)):
        return Status.SKIP  # "Ana Ruiz, 29, was freed", "the gunman, 24, was killed"
    if first.digits and _AGE_COPULA_BEFORE.search(before) and _AGE_COPULA_AFTER.match(after):
        return Status.SKIP
    if res["family_before"].search(before):
        return Status.SKIP
    small = isinstance(first.value, int) and (first.value <= 31 or first.digits and len(body) == 2)
    if small and (res["month_before"].search(before) or res["month_after"].match(after)):
        return Status.SKIP
    if _year_like(expr, text) and not _year_is_count(view, expr, lex):
        return Status.SKIP
    if res["currency_before"].search(before) or res["currency_after"].match(after):
        return Status.UNIT
    if res["percent_after"].match(after):
        return Status.UNIT
    if res["label_before"].search(before) or res["label_after"].match(after):
        return Status.SKIP
    if first.digits and not expr.qualifier_text and _case_label(view, expr, lex):
        return Status.SKIP
    if res["duration_after"].match(text[expr.end:expr.end + 24]) or res["duration_after"].match(after):
        return Status.SKIP
    if last.digits and _LETTERS_AFTER.match(after):
        return Status.UNIT  # "1,500km", "512GB", "30g"
    return Status.COUNT

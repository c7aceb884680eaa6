"""Restore the case of ALL-CAPS wire copy, character for character (the copy has the same length).

spaCy's small English model reads capitals as names: on a text written in capitals it finds no
sentence structure and no names, so every actor and place is lost. :class:`Restorer` rewrites
each upper-case stretch (:mod:`sitroom.casing.detect`) the way an editor would. First, word by
word, the first rule that applies:

1. a name the project knows, longest first (up to six words): actor names and aliases, states,
   capitals, demonyms and the data file's names ("SHINING PATH" -> "Shining Path", "SALVADORAN"
   -> "Salvadoran"), then places of the gazetteer ("SAN SALVADOR" -> "San Salvador"). A name made
   only of common English words must be strong: a state or demonym for a one-word name of the
   dictionary ("CHAD" yes, "CAR" and "GALLANT" no), a country, a capital or a city of half a
   million for a place ("LIMA", "NEW YORK" yes; "POLICE", a town in Poland, no);
2. words kept in capitals: the data file's acronyms, words without a vowel ("PCN"), dotted
   initials ("U.S."); the suffix of an ordinal stays lower ("6TH" -> "6th");
3. months and weekdays ("JAN" -> "Jan"; "MAY", "MARCH" only beside a number);
4. common English words (spaCy's lemmatizer tables and stop words) -> lower case;
5. anything else is taken for a name -> "Cristiani".

Then what English orthography capitalises around names: an organisation or feature head after a
name, an ordinal or a proper-making modifier ("NATIONAL GUARD", "6TH INFANTRY BRIGADE",
"FELICIANO AMA FRONT", "SAN PEDRO PRISON"), a particle or a known given name before a name ("LAS
CANAS", "EL AMPARO"), a title before a name ("FOREIGN MINISTER JULIO LONDONO"), and the first word
of a sentence or of a bracket ("[TEXT]").

Only words written entirely in capitals change; the restored copy has exactly the length of the
original, so every offset computed on it points into the original text.
"""
from __future__ import annotations

import re

from sitroom.casing.data import CasingData
from sitroom.casing.detect import caps_stretches
from sitroom.casing.sources import CommonWords, Names, PlaceLookup

_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?|[^\W\d_]\.")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
_VOWELS = set("AEIOUYÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄËÏÖÜ")
_SENT_END = re.compile(r"(?:[.!?]|[.!?][\"'”’)\]])\s+[\"“]?$|^\s*$|\n\s*\n\s*$|\]\s*$|\[\s*$")
_SPLIT = re.compile(r"([-/])")
_DIGIT = re.compile(r"\d")
#: organisation heads that any subject word names ("INTERIOR MINISTRY", "MINISTRY OF DEFENSE" aside)
_MINISTRY = frozenset({"ministry", "ministries", "secretariat"})
#: connectors that never open a place name ("THE U.S."); "EL", "LA", "AL" do ("EL SALVADOR")
_NOT_FIRST = frozenset({"the", "and", "of", "on", "upon", "y", "e", "en", "am", "an", "a"})


def _same_length(original: str, cased: str) -> str:
    """``cased`` if it keeps the length of ``original`` ("ß".upper() does not), else ``original``."""
    if len(cased) == len(original):
        return cased
    return "".join(c if len(c) == 1 else o for o, c in zip(original, (ch for ch in cased)))


def _title(word: str) -> str:
    out = word[:1].upper() + word[1:].lower()
    # "O'BRIEN" -> "O'Brien", "D'AUBUISSON" -> "D'Aubuisson"; "GOVERNMENT'S" keeps "'s"
    m = re.match(r"^([A-Za-z])['’]([^\W\d_]{2,})$", word)
    if m:
        out = m.group(1).upper() + word[1] + m.group(2)[:1].upper() + m.group(2)[1:].lower()
    return _same_length(word, out)


class Restorer:
    """Case restoration for one process (built once; see :func:`load_restorer`)."""

    def __init__(self, data: CasingData, names: Names, common: CommonWords,
                 place: PlaceLookup | None = None) -> None:
        self.data = data
        self.names = names
        self.common = common
        self.place = place
        self._word_cache: dict[str, str] = {}
        self.stop_words = common.stop_words

    # ---- public ------------------------------------------------------------------------
    def stretches(self, text: str) -> list[tuple[int, int]]:
        return caps_stretches(text, self.data.thresholds)

    def restore(self, text: str, stretches: list[tuple[int, int]] | None = None) -> str:
        """``text`` with its upper-case stretches in restored case; the same string when there are none."""
        stretches = self.stretches(text) if stretches is None else stretches
        if not stretches:
            return text
        chars = list(text)
        for s, e in stretches:
            self._restore_stretch(text, s, e, chars)
        out = "".join(chars)
        assert len(out) == len(text)
        return out

    # ---- one stretch -------------------------------------------------------------------
    def _restore_stretch(self, text: str, s: int, e: int, chars: list[str]) -> None:
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, s, e)]
        # pass 1: each word (or known name) on its own; ``name`` marks words cased as names
        cased: list[str | None] = [None] * len(words)  # None: a word already in mixed case, left alone
        name = [False] * len(words)
        i = 0
        while i < len(words):
            ws, we = words[i]
            raw = text[ws:we]
            if any(ch.islower() for ch in raw):
                i += 1
                continue
            n, phrase = self._phrase(text, words, i)
            if n:
                a = words[i][0]
                for k in range(i, i + n):  # the phrase's casing, word by word
                    cased[k] = phrase[words[k][0] - a:words[k][1] - a]
                    name[k] = True
                i += n
                continue
            if ws > 0 and text[ws - 1].isdigit():
                cased[i] = raw.lower()  # "6TH", "2D", "90S"
            else:
                cased[i] = self._word(text, words, i)
            name[i] = cased[i][:1].isupper()
            i += 1
        # pass 2: what English orthography capitalises around names
        self._names_in_context(text, words, cased, name)
        for i, (ws, we) in enumerate(words):
            word = cased[i]
            if word is None:
                continue
            if self._starts_sentence(text, ws, s):
                word = word[:1].upper() + word[1:]
            self._put(chars, text, ws, we, word)
        for i in range(len(words) - 1):  # "FOREIGN MINISTER JULIO LONDONO": the title before a name
            if cased[i] is not None and self._is_title(text[words[i][0]:words[i][1]]) and name[i + 1] \
                    and self._adjacent(text, words, i):
                k = i
                while k >= 0 and cased[k] is not None and (k == i or self._adjacent(text, words, k)) and (
                        k == i or self._title_word(text[words[k][0]:words[k][1]].lower())):
                    a, b = words[k]
                    self._put(chars, text, a, b, cased[k][:1].upper() + cased[k][1:])
                    k -= 1

    def _adjacent(self, text: str, words: list[tuple[int, int]], i: int) -> bool:
        """Word ``i`` and the next are joined by a space, a hyphen or a line break (hard-wrapped copy),
        and no sentence ends between them ("SAID. SOMALI"; but "GEN. VARGAS", "U.S. TROOPS")."""
        a, b = words[i]
        gap = text[b:words[i + 1][0]]
        if not (gap in (" ", "-") or (gap.isspace() and gap.count("\n") < 2)):
            return False
        return text[b - 1] != "." or text[a:b].lower() in self.data.titles or bool(_INITIALS.fullmatch(text[a:b]))

    def _names_in_context(self, text: str, words: list[tuple[int, int]], cased: list[str | None],
                          name: list[bool]) -> None:
        """Organisation and feature names ("NATIONAL GUARD", "6TH INFANTRY BRIGADE", "CHINO HILL"),
        particles and given names before a name ("LAS CANAS", "CARLOS LOPEZ")."""
        d = self.data
        low = [text[a:b].lower().rstrip(".") for a, b in words]

        def ordinal(k: int) -> bool:
            return words[k][0] > 0 and text[words[k][0] - 1].isdigit()

        def cap(k: int) -> None:
            if cased[k] is not None:
                cased[k] = cased[k][:1].upper() + cased[k][1:]
                name[k] = True

        for i in range(len(words)):
            if cased[i] is None:
                continue
            if low[i] in d.org_heads or low[i] in d.place_heads:
                mods = []
                k = i - 1
                org = low[i] in d.org_heads
                while k >= 0 and cased[k] is not None and self._adjacent(text, words, k) and (
                        name[k] or ordinal(k) or (org and (low[k] in d.org_modifiers or low[k] in d.org_words))):
                    mods.append(k)
                    k -= 1
                named = any((name[m] and low[m] not in self.names.demonyms) or ordinal(m)
                            or (org and (low[m] in d.org_modifiers or low[i] in _MINISTRY)) for m in mods)
                if named:
                    for m in (*mods, i):
                        if not ordinal(m):
                            cap(m)
        for i in range(len(words) - 1, -1, -1):  # right to left: "LAS CANAS", "SAN JOSE DE LAS FLORES"
            if cased[i] is None or i + 1 >= len(words) or not name[i + 1] or not self._adjacent(text, words, i):
                continue
            if low[i] in d.particles or low[i] in self.names.given:
                cap(i)  # "LAS CANAS", "CARLOS LOPEZ"
            elif i > 0 and name[i - 1] and self._adjacent(text, words, i - 1) and self._name_like(low[i]):
                cap(i)  # between two names: "FARABUNDO MARTI NATIONAL LIBERATION FRONT"
        for i in range(len(words) - 1):  # a given name then a surname that is also a word: "MOHAMED ALI"
            if cased[i] is not None and low[i] in self.names.given and name[i] and cased[i + 1] is not None \
                    and self._adjacent(text, words, i) and self._name_like(low[i + 1]):
                cap(i + 1)
        for i in range(len(words) - 1):  # a title, a name, then name-like words: "COLONEL MAURICIO VARGAS"
            if cased[i] is None or low[i] not in d.titles or not name[i + 1] or not self._adjacent(text, words, i):
                continue
            k = i + 2
            while k < len(words) and k <= i + 4 and cased[k] is not None and self._adjacent(text, words, k - 1) \
                    and (name[k] or self._name_like(low[k])):
                cap(k)
                k += 1

    def _name_like(self, low: str) -> bool:
        """A common word that may be part of a name: not a function word, a verb form or a kept-lower word."""
        return self.common.noun_only(low) and low not in self.data.lower and low not in self.data.org_heads \
            and low not in self.data.titles
    @staticmethod
    def _put(chars: list[str], text: str, start: int, end: int, cased: str) -> None:
        cased = _same_length(text[start:end], cased)
        for k, ch in enumerate(cased):
            if text[start + k].isalpha():
                chars[start + k] = ch

    def _starts_sentence(self, text: str, ws: int, stretch_start: int) -> bool:
        before = text[max(0, ws - 6):ws]
        if ws == stretch_start and (ws == 0 or not text[max(0, ws - 2):ws].strip(" \t")):
            return True
        if before.rstrip().endswith("]"):  # after a tag ("-- [TEXT] THE ..."), not after a gloss ("FMLN [...] TROOPS")
            opening = text.rfind("[", 0, ws)
            lead = text[max(0, opening - 4):opening].rstrip(" \t")
            return opening >= 0 and (not lead or lead.endswith(("--", "]", "\n", ":", "-")))
        return bool(_SENT_END.search(before)) and not self._abbreviation_before(text, ws)

    def _abbreviation_before(self, text: str, ws: int) -> bool:
        """"GEN. VARGAS", "U.S. TROOPS": the period ends a title or initials, not a sentence."""
        m = re.search(r"(\S+)\s+$", text[max(0, ws - 12):ws])
        if m is None:
            return False
        prev = m.group(1).lower()
        return prev in self.data.titles or bool(re.fullmatch(r"(?:[a-z]\.){2,}", prev))

    def _is_title(self, raw: str) -> bool:
        return raw.lower() in self.data.titles

    def _title_word(self, low: str) -> bool:
        """Words of a compound title: "FOREIGN MINISTER", "VICE PRESIDENT", "MAJOR GENERAL"."""
        d = self.data
        return low in d.titles or low in d.org_words or low in d.org_modifiers or low in ("vice", "prime", "chief")

    # ---- phrases -----------------------------------------------------------------------
    def _phrase(self, text: str, words: list[tuple[int, int]], i: int) -> tuple[int, str]:
        """(number of words, cased text) of the longest known name starting at word ``i``."""
        first = text[words[i][0]:words[i][1]].lower()
        if first in _NOT_FIRST and first not in self.names.first:
            return 0, ""  # "THE U.S.": the article is not part of the name
        longest = max(self.names.first.get(first, 0), min(4, self.place.longest(first)) if self.place else 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            a, b = words[i][0], words[i + n - 1][1]
            gap_ok = all(self._adjacent(text, words, k) and text[words[k][1]:words[k + 1][0]] != ". "
                         for k in range(i, i + n - 1))
            if not gap_ok:
                continue
            span = text[a:b]
            low = " ".join(span.split()).lower()
            if low.endswith(".") and low not in self.names.cased:
                low, span = low[:-1], span[:-1]  # "IN VENEZUELA." ends a sentence
            elif low.endswith(("'s", "’s")) and low not in self.names.cased:
                low, span = low[:-2], span[:-2]  # "EL SALVADOR'S": the name without its possessive
            cased = self.names.cased.get(low)
            if cased is not None and (n > 1 or not self._blocked(low, text, words, i)):
                return n, self._align(span, cased) + text[a + len(span):b].lower()
            if self.place is not None and self._is_place(low, n):
                return n, self._align(span, self._place_case(span)) + text[a + len(span):b].lower()
        return 0, ""

    def _is_place(self, low: str, n: int) -> bool:
        """A gazetteer name; made only of common words ("NEW HOPE", "JORDAN") it must be a strong place."""
        words = low.replace("-", " ").split()
        if words[0] in _NOT_FIRST or words[-1] in self.data.connectors:
            return False  # "THE U.S.", "LIMA AND": a name neither starts nor ends with "the", "and"
        if any(w in self.data.lower or w in self.data.months for w in words) and n == 1:
            return False
        common = all(self.common(w) or w in self.data.connectors for w in words)
        if n == 1 and not common:
            return False  # an unknown word is capitalised anyway
        return self.place(low, common) is not None

    def _blocked(self, low: str, text: str, words, i) -> bool:
        """A one-word name that is also a function word or a word the data file keeps lower ("US",
        "WHO", "IS", "NO", "SAID")."""
        if low in self.data.lower or low in self.stop_words or (low in self.names.weak and self.common(low)):
            return True
        return low in self.data.months_need_number and not self._number_near(text, words, i)

    @staticmethod
    def _align(span: str, cased: str) -> str:
        """The dictionary's casing on the text's own characters (spaces and hyphens as in the text)."""
        if len(cased) == len(span) and cased.lower() == span.lower():
            return cased
        out, letters = [], iter(ch for ch in cased if ch.isalnum())
        for ch in span:
            if ch.isalnum():
                ref = next(letters, ch)
                out.append(ref if ref.lower() == ch.lower() else ch)
            else:
                out.append(ch)
        return "".join(out)

    def _place_case(self, span: str) -> str:
        parts = re.split(r"(\s+|-)", span)
        out = []
        for k, part in enumerate(parts):
            if not part.strip() or part == "-":
                out.append(part)
            elif k > 0 and part.lower() in self.data.connectors:
                out.append(part.lower())
            else:
                out.append(self._decide(part) if _INITIALS.fullmatch(part) else _title(part))
        return "".join(out)

    # ---- one word ----------------------------------------------------------------------
    def _number_near(self, text: str, words, i: int) -> bool:
        ws, we = words[i]
        return bool(_DIGIT.search(text[max(0, ws - 4):ws]) or _DIGIT.search(text[we:we + 4]))

    def _word(self, text: str, words: list[tuple[int, int]], i: int) -> str:
        ws, we = words[i]
        raw = text[ws:we]
        low = raw.lower()
        if low.endswith(".") and low not in self.data.titles and low not in self.data.lower and \
                not _INITIALS.fullmatch(raw):
            raw, low = raw[:-1], low[:-1]  # "MAY." ends a sentence: decide on "MAY"
        if low in self.data.months and (low not in self.data.months_need_number or self._number_near(text, words, i)):
            return _title(raw)
        cached = self._word_cache.get(raw)
        if cached is None:
            cached = self._word_cache[raw] = self._decide(raw)
        return cached

    def _decide(self, raw: str) -> str:
        low = raw.lower()
        if low in self.data.upper or _INITIALS.fullmatch(raw):
            return raw if low not in self.data.lower else low  # "U.S.", "FMLN"; but "A.M." -> "a.m."
        if low in self.data.lower:
            return low
        if "-" in raw or "/" in raw:  # "ANTI-GOVERNMENT", "AL-QAIDA": each part on its own
            return "".join(p if p in "-/" else self._decide(p) if p else p for p in _SPLIT.split(raw))
        m = re.match(r"^(.+?)(['’]S|['’])$", raw)
        if m and len(m.group(1)) > 1:  # "GOVERNMENT'S", "REBELS'"
            return self._decide(m.group(1)) + m.group(2).lower()
        core = low.rstrip(".")
        if core in self.data.titles or low in self.data.titles:
            return low
        if len(core) > 1 and not any(ch in _VOWELS for ch in raw.upper().rstrip(".")):
            return raw  # "PCN", "TV": no vowel, an acronym
        if self.common(core):
            return low
        return _title(raw)

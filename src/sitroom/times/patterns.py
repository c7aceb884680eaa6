"""Regular expressions of the time grammar, built once from the word tables.

Each pattern has a *name* (the parser in :mod:`sitroom.times.recognise` that reads its
groups) and a *priority* that breaks ties between equally long matches (lower wins).
Patterns are compiled case-insensitively; parsers check capitalisation where it
matters (``May``, ``March``, weekday names).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.times.lexicon import TimeLexicon


def alt(words) -> str:
    """A non-capturing alternation of words, longest first; spaces match any whitespace,
    apostrophes match straight or curly ones."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        esc = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]").replace(r"\-", "[-\\s]?")
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern
    priority: int
    #: anchor families (see ``build_grammar``): every match contains one of their words, so the
    #: pattern only runs in windows around them; None runs it over the whole text
    anchor: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Grammar:
    """The word tables and the compiled patterns built from them."""

    lexicon: TimeLexicon
    patterns: tuple[Pattern, ...]
    #: word (lower case) -> the anchor families it belongs to; digits form the family "digit"
    word_families: dict[str, frozenset[str]]
    #: modifiers taken into a date's span from its left ("early", "the end of", "around")
    mod_date: re.Pattern
    #: the same for days (no "around" / "about": "get around Wednesday's ruling")
    mod_day: re.Pattern
    #: modifiers of durations ("nearly", "more than")
    mod_duration: re.Pattern


#: pattern name -> anchor families: every match contains a word of one of them
ANCHORS: dict[str, tuple[str, ...]] = {
    "mdy": ("month",), "dmy": ("month",), "my": ("month",), "month": ("month",),
    "iso": ("digit",), "numeric": ("digit",), "year": ("digit",), "decade": ("digit",),
    "word_decade": ("decade",), "century": ("century",), "spelled_year": ("spelled",),
    "quarter": ("quarter",), "qform": ("qform",), "season": ("season",), "holiday": ("holiday",),
    "today": ("today",), "pod_anchor": ("pod",), "relunit": ("unit",), "weekday": ("weekday",),
    "end_of": ("unit",), "year_end": ("unit",), "year_earlier": ("unit",), "same_last_year": ("unit",),
    "that_unit": ("unit",), "in_the_unit": ("unit",), "year_period": ("digit",), "ago": ("unit",),
    "duration": ("unit",), "unit_long": ("unit",), "bare_units": ("unit",), "recent_coming": ("unit",),
    "ahead": ("unit",), "vague": ("vague",), "every": ("set",), "times_per": ("set",), "per": ("unit",),
    "set_adverb": ("set",), "clock": ("digit",), "clock24": ("digit",), "military": ("digit",),
    "oclock": ("clock",), "in_the": ("pod",), "clock_word": ("pod",), "pod": ("pod",),
}


def _content_words(phrases) -> set[str]:
    return {w for p in phrases for w in re.findall(r"[^\W\d_]+", p.lower())} - {"the", "a", "as", "at", "in", "of"}


def _families(lex: TimeLexicon) -> dict[str, frozenset[str]]:
    """word -> anchor families, from the word tables."""
    families: dict[str, set[str]] = {
        "unit": set(lex.units) | set(lex.unit_plurals) | {"weekend", "weekends", "end", "period", "half"},
        "month": set(lex.months),
        "weekday": set(lex.weekdays) | {w + "s" for w in lex.weekdays},
        "today": {"today", "tonight", "yesterday", "tomorrow"},
        "pod": set(lex.parts_of_day) | {p + "s" for p in lex.parts_of_day} | set(lex.clock_words),
        "vague": _content_words(lex.vague),
        "decade": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
        "season": set(lex.seasons),
        "holiday": _content_words(lex.holidays) - {"day", "eve", "new", "sunday", "monday", "friday", "may"},
        "century": {"century", "centuries"},
        "quarter": {"quarter", "quarters", "half"},
        "qform": {"q1", "q2", "q3", "q4", "h1", "h2"},
        "set": {"every", "each", "per", "once", "twice", "thrice", "times"} | _content_words(lex.set_adverbs),
        "spelled": {"nineteen", "twenty", "thousand"},
        "clock": {"clock"},
    }
    out: dict[str, frozenset[str]] = {}
    for fam, words in families.items():
        for w in words:
            for part in re.findall(r"[^\W_]+", w.lower()):
                out[part] = out.get(part, frozenset()) | {fam}
    return out


_ONE_TO_NINE = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"


def _specs(lex: TimeLexicon) -> list[tuple[str, str, int]]:
    """(name, regex, priority) of every pattern; the parser of each is named after it."""
    full_months = [w for w in lex.months if len(w) > 4 or w in ("may", "june", "july")]
    abbr_months = [w for w in lex.months if w not in full_months]
    MON = rf"(?:{alt(full_months)}\b|{alt(abbr_months)}\b\.?)"
    WD = alt(lex.weekdays)
    ORDW = alt(lex.ordinals)
    DAYNUM = rf"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.]\d)|{ORDW}\b)"
    YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d])"
    NUMW = alt([w for w in lex.numbers if " " not in w and w not in ("a", "an", "dozen")])
    NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+\d/\d|\s*½)?"
              rf"|{NUMW}(?:(?:\s+|-)(?:and\s+)?{NUMW})*\b"
              r"|a\s+couple\s+of|a\s+couple|a\s+dozen|half\s+an?|an?|a\s+single")
    VAGUE = alt(lex.vague_numbers)
    UNIT = alt(list(lex.units) + list(lex.unit_plurals))
    UNIT1 = alt(lex.units)
    SEASON = alt(lex.seasons)
    POD = alt([p for p in lex.parts_of_day if p != "overnight"])
    TZ = alt(lex.timezones)
    DREL = (r"past|last|next|first|coming|following|previous|preceding|final|latest|remaining|initial|"
            r"entire|full|whole|subsequent|intervening|ensuing|same|further|additional|another|extra|"
            r"succeeding|upcoming")
    OPT_WD = rf"(?:(?P<wd>{WD})\s*,?\s+)?"
    TZOPT = rf"(?:\s*\((?P<tz>{TZ})\)|\s*(?P<tz2>{TZ})\b)?"
    HALF = r"(?P<half>\s+and\s+a\s+half|-and-a-half)?"
    HALF2 = r"(?P<half2>\s+and\s+a\s+half)?"
    PRE = r"(?:(?P<pre>early|mid|late)[\s-]+)?"
    return [
        # --- absolute calendar dates -------------------------------------------------
        ("mdy", rf"\b{OPT_WD}(?:the\s+)?(?P<mon>{MON})\s*(?P<day>{DAYNUM})"
                rf"(?:\s*,?\s*(?P<year>{YEAR}))?", 10),
        ("dmy", rf"(?<![\d$£€.,]){OPT_WD}(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MON})"
                rf"(?:\s*,?\s*(?P<year>{YEAR}))?", 11),
        ("my", rf"\b(?P<mon>{MON})\s*,?\s*(?:of\s+)?(?P<year>{YEAR})", 12),
        ("month", rf"\b(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|previous|"
                  rf"the\s+following|the\s+previous)\s+)?(?P<mon>{MON})"
                  rf"(?:\s+(?P<yrel>this|last|next)\s+year)?", 13),
        ("iso", r"\b(?P<y>[12]\d{3})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])", 5),
        ("numeric", r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})"
                    r"(?![\d/.]\d)", 6),
        ("year", r"(?<![\w$£€#./:,'’])(?<!\d-)"
                 r"(?:(?P<pre>the\s+year|fiscal(?:\s+year)?|calendar(?:\s+year)?|FY)\s*)?"
                 rf"(?P<year>{YEAR})(?![\w%]|,\d|\.\d)", 20),
        ("decade", rf"\b(?:the\s+)?{PRE}(?:(?P<dec>1[0-9]\d0|20\d0)['’]?s|['’](?P<dd>\d0)['’]?s)\b", 14),
        ("word_decade", rf"\b(?P<the>the\s+)?{PRE}"
                        r"(?P<wdec>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", 15),
        ("century", rf"\b(?:the\s+)?{PRE}(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{ORDW}))[\s-]+century\b", 14),
        ("spelled_year", rf"\b(?:the\s+year\s+)?(?P<c>nineteen|twenty)[\s-]+"
                         rf"(?P<t>{_TEEN}|{_TENS}(?:[\s-]+{_ONE_TO_NINE})?)\b"
                         rf"|\b(?:the\s+year\s+)?two\s+thousand(?:\s+and)?"
                         rf"(?:[\s-]+(?P<u>{_ONE_TO_NINE}|{_TEEN}|twenty(?:[\s-]+{_ONE_TO_NINE})?))?\b", 16),
        ("quarter", rf"\b(?:(?:the|its|their|a)\s+)?"
                    rf"(?:(?P<ypre>{YEAR})(?:['’]s)?\s+|(?P<rpre>this|last|next)\s+year['’]s\s+)?"
                    r"(?:(?:fiscal|calendar|financial)[\s-]+)?"
                    r"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
                    r"[\s-]+(?:(?:fiscal|calendar)[\s-]+)?(?P<unit>quarter|half)(?![\w-])"
                    rf"(?:\s+of\s+(?:fiscal\s+|the\s+)?"
                    rf"(?:(?P<ypost>{YEAR})|(?P<rpost>this|last|next|the)\s+(?:fiscal\s+)?year)"
                    rf"|\s*,?\s+(?P<ypost2>{YEAR}))?", 8),
        ("qform", rf"\b(?P<ord>Q[1-4]|H[12])(?:\s*(?P<ypost>{YEAR})|\s*['’](?P<yy>\d\d))?\b", 9),
        ("season", r"\b(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+coming|the)\s+)?"
                   rf"(?:(?P<pre>early|late|mid)[\s-]*)?(?P<season>{SEASON})\b(?!-)"
                   rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?", 17),
        ("holiday", rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<hol>{alt(lex.holidays)})\b"
                    rf"(?:\s*,?\s*(?P<year>{YEAR}))?", 18),
        # --- deictic and anaphoric dates ---------------------------------------------
        ("today", r"\b(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|"
                  r"the\s+day\s+after\s+tomorrow)\b(?!['’]s\s+(?:date|time))", 30),
        ("pod_anchor", r"\b(?P<a>this|that|last|yesterday|tomorrow|today|the\s+next|the\s+following|"
                       rf"the\s+previous|that\s+same|the\s+same|(?P<wd>{WD}))\s+"
                       r"(?P<pod>morning|afternoon|evening|night)(?P<pl>s)?\b", 25),
        ("relunit", r"\b(?P<rel>this\s+past|this\s+coming|this|last|next|past|previous|coming|current|"
                    r"the\s+(?:current|past|previous|coming|next|last|latest|following|preceding|same|prior|"
                    r"present|most\s+recent)|the(?=\s+(?:weekend|quarter)\b))\s+"
                    r"(?:(?P<fiscal>fiscal|calendar)\s+)?"
                    r"(?P<unit>week|weekend|month|year|quarter|decade|century|day)\b(?!-\w)", 24),
        ("weekday", r"\b(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|"
                    rf"the\s+following|the\s+next|that)\s+)?(?P<wd>{WD})(?P<pl>s)?\b", 26),
        ("end_of", r"\b(?:the\s+)?(?P<which>end|beginning|start|middle|rest|remainder|close|balance)\s+of\s+"
                   r"(?P<rel>the|this|last|next)\s+(?P<unit>year|month|week|decade|century|quarter)\b", 22),
        ("year_end", r"\b(?:year[-\s]?end|year['’]s\s+end|end[-\s]of[-\s]year)\b", 23),
        ("year_earlier", r"\b(?:the\s+)?(?:(?:comparable|corresponding|same|prior)\s+)?year-(?:earlier|ago)"
                         r"(?:\s+(?:(?:first|second|third|fourth)[\s-]+)?(?:quarter|period|month|half))?\b", 21),
        ("same_last_year", r"\bthe\s+(?:same|corresponding|comparable)\s+(?P<what>period|quarter|month|week|time)"
                           r"\s+(?:of\s+)?(?P<rel>last|a)\s+year(?:\s+ago)?\b", 20),
        ("that_unit", r"\b(?:that|the\s+same|that\s+same)\s+(?P<unit>day|week|month|quarter|year)\b", 27),
        ("in_the_unit", r"\b(?:earlier|later)\s+in\s+the\s+(?P<unit>year|month|week|day)\b", 21),
        ("year_period", rf"\bthe\s+(?P<year>{YEAR})\s+(?:fiscal\s+)?"
                        r"(?P<unit>quarter|period|half|fiscal\s+year)\b", 19),
        ("ago", rf"(?:\b(?:(?P<num>{NUMBER})|(?P<vague>{VAGUE})){HALF}\s+)?"
                rf"(?:(?:more|additional|full|long)\s+)?(?P<unit>{UNIT})\b{HALF2}"
                r"(?:\s+or\s+(?:so|two|more))?\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|"
                r"back|previously|prior)\b", 3),
        # --- durations and vague references --------------------------------------------
        ("duration", rf"(?:\b(?P<det>the|each\s+of\s+the)\s+)?(?:\b(?P<rel>{DREL})\s+)?"
                     rf"(?:(?<![\w$£€#.,])(?P<num>{NUMBER})|\b(?P<vague>{VAGUE})){HALF}"
                     r"[\s-]+(?:(?:more|additional|extra|straight|consecutive|full|long|whole|entire|trading|"
                     rf"working|business|calendar|fiscal)\s+)?(?P<unit>{UNIT})\b{HALF2}"
                     r"(?P<tail>\s+or\s+so|\s+in\s+a\s+row|[\s-]+long\b)?", 40),
        ("unit_long", r"\b(?P<unit>years?|months?|weeks?|days?|decades?|hours?|centuries|century)-long\b", 41),
        ("bare_units", r"\b(?P<the>the\s+)?(?P<unit>years|decades|months|weeks|days|hours|centuries|minutes)\b", 60),
        ("recent_coming", r"\b(?:the\s+)?(?P<rel>recent|coming|upcoming|next\s+several|past\s+several|"
                          r"last\s+several)\s+(?P<unit>days|weeks|months|years|decades|hours|quarters|times)"
                          r"(?:\s+and\s+(?:days|weeks|months|years))?\b", 35),
        ("ahead", r"\bthe\s+(?P<unit>days|weeks|months|years|decades)\s+(?:ahead|to\s+come)\b", 36),
        ("vague", rf"\b(?P<v>{alt(lex.vague)})\b", 50),
        # --- sets --------------------------------------------------------------------
        ("every", r"\b(?P<q>every|each)\s+(?P<other>other\s+|single\s+|(?:two|three|four|five|six|\d+)\s+)?"
                  rf"(?P<x>{UNIT}|{WD}|{MON}|{SEASON}|{POD}|weekend)\b", 7),
        ("times_per", rf"\b(?P<f>once|twice|thrice|(?:{NUMBER}|several|many)\s+times)\s+"
                      rf"(?:a|an|per|each|every)\s+(?P<u>{UNIT1})\b", 6),
        ("per", rf"\b(?P<a>a|an|per)\s+(?P<u>{UNIT1})\b", 39),
        ("set_adverb", rf"\b(?P<x>{alt(lex.set_adverbs)})\b", 44),
        # --- times of day ------------------------------------------------------------
        ("clock", r"(?<![\d:.$£€])(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*"
                  rf"(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b){TZOPT}", 4),
        ("clock24", r"(?<![\d:.$£€,])(?P<h>[01]?\d|2[0-4])(?::|h)(?P<mi>[0-5]\d)(?![\d:]|\.\d)"
                    rf"(?:\s*(?P<hrs>hrs|hours|h)\b)?{TZOPT}", 4),
        ("military", r"(?<![\d:.$£€,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:(?P<hrs>hrs|hours|h)\b\s*)?"
                     rf"{TZOPT}", 4),
        ("oclock", rf"\b(?P<h>\d{{1,2}}|{NUMW})\s+o['’]clock\b"
                   r"(?:\s+in\s+the\s+(?P<pod>morning|afternoon|evening))?", 4),
        ("in_the", rf"\b(?P<h>\d{{1,2}}|{NUMW})(?:[:.](?P<mi>\d\d))?\s+in\s+the\s+"
                   r"(?P<pod>morning|afternoon|evening)\b", 5),
        ("clock_word", r"\b(?P<cw>noon|midday|midnight)\b", 28),
        ("pod", rf"\b(?:(?P<pre>early|late|mid)[\s-]*(?P<pod>{POD})|(?P<the>the)\s+(?P<pod2>{POD})"
                r"|(?P<ov>overnight)|(?P<edge>dawn|daybreak|dusk|nightfall))\b", 32),
    ]


def build_grammar(lex: TimeLexicon) -> Grammar:
    """Compile the patterns of a word table (done once per :class:`~sitroom.stages.base.Resources`)."""
    flags = re.IGNORECASE
    patterns = tuple(
        Pattern(name, re.compile(rx, 0 if name == "qform" else flags), prio, ANCHORS.get(name))
        for name, rx, prio in _specs(lex)
    )
    mods = r"early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close)\s+of"
    mod_date = re.compile(rf"(?:\b(?:{mods}|around|about|approximately|roughly|circa)[\s-]+|\bmid-)$", flags)
    mod_day = re.compile(rf"(?:\b(?:{mods})[\s-]+|\bmid-)$", flags)
    mod_duration = re.compile(
        r"\b(?:nearly|almost|about|around|approximately|roughly|some|more\s+than|less\s+than|fewer\s+than|"
        r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|just\s+over|just\s+under|"
        r"well\s+over|barely|over|under)\s+$", flags)
    return Grammar(lex, patterns, _families(lex), mod_date, mod_day, mod_duration)

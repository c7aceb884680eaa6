"""When an event happened: its date, and where in the article that date came from.

The date of an event is taken from the first of (docs/stages.md, "Events: dates"):

1. **its clause** (``date_source`` ``text``): a time expression modifying the trigger, its
   light verb or the verb a noun trigger sits in ("attacked the town on Saturday", "the
   killing eight days ago"), the time a "when" clause hangs on ("in 2003, when insurgents
   started attacking"), a coordinated verb's time ("attacked on Monday and killed");
2. **its sentence** (``text``): a time on a word that governs the trigger ("Fresh riots were
   reported on Saturday December 13", "a maneuver that began yesterday with the attack");
3. **its scope** (``scope``): the date a paragraph's or list's lead sets for what follows it
   ("On Jan. 8, coalition forces conducted 34 strikes. Near Mosul, five strikes ...") and,
   for the rest of the article, the day of its news when the lead event is that day's news;
4. **the dateline** (``dateline``) or **the publication date** (``publication``), for the
   article's lead event only, when it is undated news told in the past tense.

A time that dates the clause only vaguely ("recently", "in recent military operations", "the
past") blocks the later steps: the date stays null rather than guessed. "In recent days" is
the reference day's month when the whole window lies in that month, else null. Events inherit
a scope date only when told in the simple past (not present, perfect, pluperfect, future or
hypothetical). Weeks become their month (when inside one) and month-days without a year take
the year of the closest earlier full date of the article when there is no publication date.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.events.layout import Layout
from sitroom.events.triggers import Candidate
from sitroom.model import DateSource, TimeRef, TimeType

CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?")
CLAUSE_EDGES = {"ccomp", "xcomp", "relcl", "advcl", "acl", "conj", "csubj", "parataxis"}
FINITE_CLAUSES = {"ccomp", "relcl", "advcl", "csubj", "parataxis"}
#: how far up a trigger's governors a sentence-level time is looked for
MAX_GOVERNORS = 6
#: "in recent days / weeks": how many days back the window reaches
RECENT_WINDOW = {"day": 7, "week": 28, "month": 90}
RECENT = re.compile(r"\b(?:recent|past|last)\s+(?:few\s+|several\s+|couple\s+of\s+)?(day|week|month)s?\b", re.I)
#: deictic words re-anchored to a dateline's day when there is no publication date
DEICTIC = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
           "earlier today": 0, "yesterday": -1, "last night": -1}
#: words before a bare year that make it the bound of a stretch of time, not an event's date
BOUNDING = frozenset({"since", "until", "till", "before", "after", "from", "through"})
#: PLOVER types of material acts: a background date in scope carries to them, not to the verbal
#: acts beside them (a prosecutor's demand about a 1986 killing is the news about it)
MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID", "COOPERATE", "SANCTION"})
#: how many body sentences may open before the lead event
LEAD_SENTENCES = 3
#: a sentence "opens with" its date when the date starts within this many characters ("On Jan. 8,")
OPENING_CHARS = 12


def calendar_value(value: str) -> str | None:
    """'2023-10-07T14:00' -> '2023-10-07', '2023-08' -> '2023-08', 'XXXX-10-03' -> None."""
    m = CALENDAR.match(value or "")
    if m is None:
        return None
    return "-".join(g for g in m.groups() if g)


def latest_day(value: str) -> date | None:
    """The last day a calendar value can mean (2023-08 -> 2023-08-31)."""
    m = CALENDAR.match(value or "")
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            return date(year, int(month), calendar.monthrange(year, int(month))[1])
        return date(year, 12, 31)
    except ValueError:
        return None


def published_day(published: str | None) -> date | None:
    if not published:
        return None
    m = CALENDAR.match(published)
    if m is None or not m.group(3):
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def is_historical(value: str | None, published: date | None, days: int) -> bool:
    if value is None or published is None:
        return False
    last = latest_day(value)
    return last is not None and (published - last).days > days


def week_value(value: str) -> str | None:
    """An ISO week (or its weekend) as the month that holds all of it, else its year
    ('2004-W46' -> '2004-11', '2010-W17-WE' -> '2010-05')."""
    m = WEEK.match(value)
    if m is None:
        return None
    try:
        first = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
    except ValueError:
        return None
    last = first + timedelta(days=1 if m.group(3) else 6)
    if first.month == last.month:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}" if first.year == last.year else None


def recent_value(text: str, reference: date | None) -> str | None:
    """'in recent days' -> the reference day's month when the whole window lies inside it."""
    m = RECENT.search(text)
    if m is None or reference is None:
        return None
    first = reference - timedelta(days=RECENT_WINDOW[m.group(1).lower()])
    if (first.year, first.month) == (reference.year, reference.month):
        return f"{reference.year:04d}-{reference.month:02d}"
    return None


class TimeIndex:
    """Times of one article by token, built once per article."""

    def __init__(self, doc, times: tuple[TimeRef, ...]) -> None:
        self.by_token: dict[int, TimeRef] = {}
        for t in times:
            if t.type not in (TimeType.DATE, TimeType.TIME):
                continue
            span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, t)
        self.has_times = bool(times)

    def in_subtree(self, root, skip_clauses: bool = True, others: frozenset[int] = frozenset()) -> TimeRef | None:
        """A time among a token's own modifiers, not inside a clause nested at any depth
        ("hurled bombs at a station where the officer has now been charged": not "now") nor
        inside the phrase of another event (``others``: "in protest at the killing eight days
        ago": the killing's time, not the protest's)."""
        def keep(k, edges) -> bool:
            return not (skip_clauses and k.dep_ in edges) and k.i not in others

        stack = [k for k in reversed(list(root.children)) if keep(k, CLAUSE_EDGES)]
        while stack:
            t = stack.pop()
            hit = self.by_token.get(t.i)
            if hit is not None:
                return hit
            # deeper down, a participle describing a participant may carry the event's date ("the
            # killing of inmates held in the prison on 19 June 1986"); a finite clause does not
            stack.extend(k for k in reversed(list(t.children)) if keep(k, FINITE_CLAUSES))
        return None

    def when_clause(self, verb) -> TimeRef | None:
        """"... since 2021 when Israel and Hamas fought": the time before "when"."""
        for k in verb.children:
            if k.lower_ == "when" and k.dep_ == "advmod":
                first = verb.left_edge.i
                prev = min(first, k.i) - 1
                if prev >= 0 and prev in self.by_token:
                    return self.by_token[prev]
        return None


def _frames(c: Candidate) -> list:
    frames = [c.token]
    if c.light is not None and c.light is not c.token:
        frames.append(c.light)
    if c.noun and c.light is None:
        head = c.token.head
        while head.dep_ in ("prep", "pobj", "conj") and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head is not c.token:
            frames.append(head)
    return frames


#: verbs whose sentence only tells when (or where) something happened
HAPPEN = frozenset({"occur", "happen", "unfold"})


def happening_subject(root):
    """The definite noun whose happening a clause tells ("The intrusion occurred on 10
    November", "the raid took place at dawn"), or None."""
    lem = root.lemma_.lower()
    if not (lem in HAPPEN or lem == "take" and any(k.dep_ == "dobj" and k.lower_ == "place" for k in root.children)):
        return None
    subj = next((k for k in root.children if k.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN":
        return None
    if not any(k.dep_ == "det" and k.lower_ in ("the", "this", "that") for k in subj.children):
        return None
    return subj


def attached_time(c: Candidate, index: TimeIndex, others: frozenset[int] = frozenset()) -> TimeRef | None:
    """The time of the trigger's own clause (step 1 of the module docstring); ``others`` are
    the tokens of the sentence's other triggers, whose phrases hold their own times."""
    frames = _frames(c)
    for f in frames:
        hit = index.in_subtree(f, others=others)
        if hit is not None:
            return hit
    for f in frames:
        if f.pos_ in ("VERB", "AUX"):
            hit = index.when_clause(f)
            if hit is not None:
                return hit
            if f.dep_ == "conj" and f.head.pos_ in ("VERB", "AUX"):  # "attacked on Monday and killed"
                hit = index.in_subtree(f.head, others=others)
                if hit is not None:
                    return hit
    return None


def governing_time(c: Candidate, index: TimeIndex, others: frozenset[int] = frozenset()) -> TimeRef | None:
    """A time on a word that governs the trigger in its sentence (step 2)."""
    node = c.token
    for _ in range(MAX_GOVERNORS):
        head = node.head
        if head is node:
            return None
        hit = index.in_subtree(head, others=others | {node.i})
        if hit is not None:
            return hit
        node = head
    return None


def entity_year(c: Candidate) -> str | None:
    """Without a times layer: a bare year in a DATE entity attached to the clause ("in 2021")."""
    frames = [c.token] + ([c.light] if c.light is not None else [])
    for f in frames:
        for k in f.children:
            if k.dep_ in CLAUSE_EDGES:
                continue
            for t in k.subtree:
                if t.ent_type_ == "DATE" and (m := YEAR.fullmatch(t.text)):
                    return m.group(1)
        if f.pos_ in ("VERB", "AUX") and any(k.lower_ == "when" for k in f.children):
            prev = f.left_edge.i - 1
            if prev >= 0 and (m := YEAR.fullmatch(f.doc[prev].text)):
                return m.group(1)
    return None


# ---- tense ---------------------------------------------------------------------------------

def _finite_verb(c: Candidate):
    """The verb whose tense tells when the event is told: the trigger, its light verb, or the
    first finite verb above them ("trying to disperse the crowds with baton-charges" -> the
    verb "trying" hangs on; "were killed and wounded" -> "were killed")."""
    node = c.light if (c.noun and c.light is not None) else c.token
    for _ in range(MAX_GOVERNORS):
        if node.pos_ in ("VERB", "AUX") and (node.tag_ in ("VBD", "VBZ", "VBP", "MD") or _auxes(node)
                                             or _bare_participle(node)):
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def _bare_participle(verb) -> bool:
    """A main verb tagged as a participle with a subject and no auxiliary: the parser's
    reading of a simple past ("Riot police positioned at corners responded by ...")."""
    return verb.tag_ == "VBN" and verb.dep_ == "ROOT" and any(k.dep_ == "nsubj" for k in verb.children)


def _auxes(verb) -> list:
    """The verb's auxiliaries; the "to" of an infinitive is none: "riot police trying to
    disperse the crowds" is told in the tense of the verb the infinitive hangs on."""
    return [k for k in verb.children if k.dep_ in ("aux", "auxpass") and k.tag_ != "TO"]


def tense(c: Candidate) -> str | None:
    """'past' (attacked, were killed), 'perfect' (have killed), 'pluperfect' (had fired),
    'present', 'future' (will, modals) or None when no verb tells."""
    verb = _finite_verb(c)
    if verb is None:
        return None
    auxes = _auxes(verb)
    if any(a.tag_ == "MD" for a in auxes):
        return "future"
    have = [a for a in auxes if a.lemma_ == "have"]
    if have:
        return "pluperfect" if have[0].tag_ == "VBD" else "perfect"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        be = [a for a in auxes if a.lemma_ in ("be", "get")]
        if be:
            return "past" if be[0].tag_ == "VBD" else "present"
        return "past" if _bare_participle(verb) else None
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBG":
        be = [a for a in auxes if a.lemma_ == "be"]
        if be:
            return "past" if be[0].tag_ == "VBD" else "present"
    return None


def past_tense(c: Candidate) -> bool:
    """Told in the past: simple past, passive past or perfect (the publication default's test)."""
    return tense(c) in ("past", "perfect")


# ---- the dates of one article --------------------------------------------------------------

@dataclass(slots=True)
class ClauseDate:
    """What the trigger's clause and sentence say about its date."""

    time: TimeRef | None = None
    value: str | None = None
    vague: bool = False  # dated by the text, but not to a calendar value: no default may fill it


class ArticleDates:
    """Dates of the events of one article. Built once; :meth:`clause` per candidate while
    drafting, :meth:`assign` once over all drafts in text order (the scope, dateline and
    publication steps)."""

    def __init__(self, text: str, doc, times: tuple[TimeRef, ...], published: str | None, *,
                 reporting: frozenset[str] | set[str] = frozenset(), has_times_layer: bool = True,
                 historical_days: int = 30,
                 is_background: Callable[[str | None, date | None], bool] | None = None) -> None:
        self.text = text
        self.published = published_day(published)
        self.layout = Layout(text, self.published)
        dl = self.layout.dateline
        # the front matter's and the dateline's dates are the report's, not any clause's
        skip = max(self.layout.body_start, dl.end if dl is not None else 0)
        self.index = TimeIndex(doc, tuple(t for t in times if t.span.start >= skip))
        self.dateline_day = dl.day if dl is not None else None
        self.reference = self.published or self.dateline_day
        self.reporting = frozenset(reporting)
        self.has_times_layer = has_times_layer
        self.historical_days = historical_days
        self._background = is_background  # the events stage's own rule, when it has one
        sents = list(doc.sents) if len(doc) else []
        self._sent_starts = [s.start for s in sents]
        self._sent_chars = [s.start_char for s in sents]
        self._vague: set[int] = set()
        self._triggers: frozenset[int] = frozenset()
        self._all_triggers: set[int] = set()
        self._setters: list[tuple[int, int, str]] = []
        self._setter_sents: list[int] = []
        self._background_from: int | None = None
        self._main_dates: dict[int, str] = {}
        # the times that carry a year, by position, for month-days written without one ("on
        # November 2"): (position, year, whether the value names a month too)
        self._years = sorted((t.span.start, m.group(1), bool(m.group(2))) for t in times
                             if (m := CALENDAR.match(t.value or "")) is not None
                             and not (m.group(2) is None and self._bound(t.span.start)))
        self._year_pos = [p for p, _, _ in self._years]
        # what background is measured from: the report's day, else the latest day the text names
        # (an undated report is written after the last thing it tells of)
        self.background_ref = self.reference or self._latest_day(times, skip)

    def _latest_day(self, times: tuple[TimeRef, ...], skip: int) -> date | None:
        days = [published_day(v) for t in times if t.span.start >= skip
                and t.type in (TimeType.DATE, TimeType.TIME) and (v := self.value_of(t)[0])]
        days = [d for d in days if d is not None]
        return max(days) if days else None

    # ---- values ----------------------------------------------------------------------
    def value_of(self, t: TimeRef) -> tuple[str | None, bool]:
        """(calendar value, vague) of a time expression, anchored where the times layer could not."""
        raw = t.value or ""
        if raw.startswith("XXXX"):
            raw = self._anchor(raw, t) or raw
        if WEEK.match(raw):
            return week_value(raw), False
        value = calendar_value(raw)
        if value is not None:
            return value, False
        recent = recent_value(t.span.text, self.reference)
        if recent is not None:
            return recent, False
        return None, True

    def _anchor(self, raw: str, t: TimeRef) -> str | None:
        """Month-days without a year, and today/yesterday/weekdays without a publication date."""
        m = re.match(r"^XXXX-(\d{2})(-\d{2})?", raw)
        if m is not None:
            year = self.reference.year if self.reference is not None else self._year_before(t.span.start)
            return f"{year}-{m.group(1)}{m.group(2) or ''}" if year else None
        day = self.dateline_day if self.published is None else None
        if day is None:
            return None
        words = " ".join(t.span.text.lower().split())
        if raw.startswith("XXXX-XX-XX") and words in DEICTIC:
            return (day + timedelta(days=DEICTIC[words])).isoformat()
        w = re.match(r"^XXXX-WXX-([1-7])$", raw)
        if w is not None:
            back = (day.isoweekday() - int(w.group(1))) % 7
            return (day - timedelta(days=back)).isoformat()
        return None

    def _bound(self, start: int) -> bool:
        """A bare year that bounds a stretch of time ("in power since 1967", "until 2003")
        dates no event of the story: it neither gives nor blocks the year of a month-day."""
        words = self.text[max(0, start - 12):start].lower().split()
        return bool(words) and words[-1] in BOUNDING

    def _year_before(self, pos: int) -> str | None:
        """The year of the closest earlier time that carries one, when that time is a date of
        the story (it names a month: "September 15, 2008"); a bare year ("since 1991", "in
        1973") is more often background, and then the month-day stays without a year."""
        k = bisect_right(self._year_pos, pos) - 1
        if k >= 0 and self._years[k][2]:
            return self._years[k][1]
        return None

    # ---- steps 1 and 2: the clause and the sentence -----------------------------------
    def begin_sentence(self, cands: list[Candidate]) -> None:
        """The nominal triggers of the sentence about to be drafted: a time inside another event's
        noun phrase is that event's ("in protest at the killing eight days ago"). (A verb's own
        time is kept out by the clause edges; a participle describing a participant, "inmates
        accused of ... held on 19 June", is no phrase of its own.)"""
        self._triggers = frozenset(c.token.i for c in cands if not c.absorbed and c.noun
                                   and c.token.i not in self.index.by_token)  # "March 3"
        self._all_triggers |= self._triggers

    def clause(self, c: Candidate) -> ClauseDate:
        others = self._triggers - {c.token.i}
        t = attached_time(c, self.index, others) or governing_time(c, self.index, others)
        if t is None:
            if not self.index.has_times and not self.has_times_layer:
                year = entity_year(c)
                if year is not None:
                    return ClauseDate(None, year)
            return ClauseDate()
        value, vague = self.value_of(t)
        if vague:
            self._vague.add(c.token.i)
        return ClauseDate(t, value, vague)

    def historical(self, value: str | None) -> bool:
        """Whether a date is background to the article's news (the caller's rule, else more
        than ``historical_days`` before the reference day, else before the latest day named)."""
        # without a report's day: the rule's own fallback (the caller's latest year), or well
        # before the latest day the text names (a 15 September hijacking in a story of 19 November)
        refs = [self.reference] if self.reference is not None else [None, self.background_ref]
        rule = self._background or (lambda v, ref: is_historical(v, ref, self.historical_days))
        return any(rule(value, ref) for ref in dict.fromkeys(refs))

    # ---- steps 3 and 4: scope, dateline, publication ----------------------------------
    def _sentence_of(self, i: int) -> int:
        k = bisect_right(self._sent_starts, i) - 1
        return max(k, 0)

    def _main_clause_time(self, sent) -> TimeRef | None:
        """The time a sentence's main clause carries ("On Jan. 8, coalition forces conducted
        ...", "terrorists last Wednesday entered ..."); under a reporting verb, the time of the
        reported clause ("DeBatto explains that Ford witnessed the abuse in the spring of 2003")."""
        root = sent.root
        others = frozenset(self._all_triggers)  # a time inside another event's phrase dates that event
        if root.lemma_.lower() in self.reporting:
            reported = [k for k in root.children if k.dep_ in ("ccomp", "parataxis")]
            return self.index.in_subtree(reported[0], others=others - {reported[0].i}) if reported else None
        return self.index.in_subtree(root, others=others - {root.i})

    def _scope_setters(self, doc) -> None:
        """Sentences that set a date for the rest of their paragraph: the paragraph's first
        sentence when its main clause is dated, or any sentence that opens with its date ("On
        Jan. 8, ...", "Last Sunday, ..."). Found from the time expressions: only sentences that
        hold one are looked at."""
        seen: set[int] = set()
        setters = []
        background: list[int] = []
        dateline_end = self.layout.dateline.end if self.layout.dateline is not None else 0
        for i in sorted(self.index.by_token):
            k = self._sentence_of(i)
            day, _ = self.value_of(self.index.by_token[i])
            if day is not None and len(day) == 10 and self.historical(day):
                background.append(k)  # a day written in full, well before the news: background
            if k in seen:
                continue
            seen.add(k)
            sent = doc[i].sent
            t = self._main_clause_time(sent)
            if t is None or t.span.start < dateline_end:  # the dateline's date is not the story's
                continue
            value, _ = self.value_of(t)
            if value is None:
                continue
            para = self.layout.paragraph(sent.start_char)
            self._main_dates[k] = value
            start = max(sent.start_char, dateline_end)
            first = k == 0 or self.layout.paragraph(self._sent_chars[k - 1]) != para \
                or self._sent_chars[k] <= dateline_end
            if first or t.span.start - start <= OPENING_CHARS:
                setters.append((k, para, value))
        self._setters = setters
        self._setter_sents = [k for k, _, _ in setters]
        old = [k for k, _, v in setters if self.historical(v)] + background
        self._background_from = min(old) if old else None

    def scope(self, tok, news: str | None) -> str | None:
        """The date in scope at a token: its paragraph's latest dated lead, else the news day
        until the article turns to background (a lead dated well before the news)."""
        k = self._sentence_of(tok.i)
        j = bisect_right(self._setter_sents, k) - 1
        if j >= 0:
            _, para, value = self._setters[j]
            if para == self.layout.paragraph(tok.idx):
                return value
        if self._background_from is not None and k >= self._background_from:
            return None
        return news

    def _lead(self, drafts: list) -> tuple[object | None, str | None]:
        """The article's lead event and the day of its news (None when it is not the day's news).

        The lead is the first event of the body's first paragraph (within its first sentences)
        that is dated, vaguely dated, or told in the past or perfect; undated, it is the day's
        news. Without such an event, an opening sentence dated to the reference day ("A device
        was defused today ...") still makes the article that day's news."""
        if self.reference is None:
            return None, None
        ref = self.reference.isoformat()
        first_para = self.layout.paragraph(self.layout.body_start)
        first_sent = max(bisect_right(self._sent_chars, self.layout.body_start) - 1, 0)

        def opening(k: int, pos: int) -> bool:
            return k - first_sent < LEAD_SENTENCES and self.layout.paragraph(pos) == first_para

        for d in drafts:
            if d.trigger.start < self.layout.body_start:
                continue
            if not opening(self._sentence_of(d.cand.token.i), d.trigger.start):
                break
            if d.hypothetical or d.negated or d.historical:
                continue
            if d.date is not None:
                return d, (d.date if d.date == ref else None)
            if d.cand.token.i in self._vague:
                return None, None
            if tense(d.cand) in ("past", "perfect"):
                return d, ref
        dated = any(k >= first_sent and opening(k, self._sent_chars[k]) and value == ref
                    for k, value in self._main_dates.items())
        return None, (ref if dated else None)

    def assign(self, drafts: list) -> None:
        """Fill the dates the clause left open, in text order (``drafts`` sorted by trigger)."""
        for d in drafts:
            if d.date is not None and d.date_source is None:
                d.date_source = DateSource.TEXT
        if not drafts:
            return
        self._happenings(drafts)
        self._scope_setters(drafts[0].cand.token.doc)
        open_ = [d for d in drafts if d.date is None and not (d.hypothetical or d.historical)
                 and d.cand.token.i not in self._vague and tense(d.cand) == "past"]
        self._fill(open_, None)  # paragraph and list leads first: the text's own dates
        lead, news = self._lead(drafts)
        if lead is not None and lead.date is None and news is not None:
            lead.date = news
            lead.date_source = DateSource.DATELINE if self.dateline_day is not None else DateSource.PUBLICATION
        self._fill([d for d in open_ if d.date is None and d is not lead], news)

    def _happenings(self, drafts: list) -> None:
        """"The intrusion occurred on 10 November": a sentence that only tells when a definite
        noun happened dates the event that noun refers back to, the nearest material act told
        before it whose date the new one agrees with (none, or a coarser form of it: "last
        week" 2004-11). An event noun that is itself a trigger ("the attack took place on
        Monday") refers back to an act of its own type."""
        doc = drafts[0].cand.token.doc
        by_token = {d.cand.token.i: d for d in drafts}
        for sent in {self._sent_starts[self._sentence_of(i)] for i in self.index.by_token}:
            root = doc[sent].sent.root
            if root.lemma_.lower() in self.reporting:  # "The attack took place on Tuesday, police said."
                root = next((k for k in root.children if k.dep_ in ("ccomp", "parataxis")), root)
            subj = happening_subject(root)
            if subj is None:
                continue
            t = self.index.in_subtree(root, others=frozenset({subj.i}))
            value = self.value_of(t)[0] if t is not None else None
            if value is None:
                continue
            own = by_token.get(subj.i)
            for d in reversed(drafts):
                if d.trigger.start >= subj.idx or d.cand.token.sent.start == sent:
                    continue
                kind = str(getattr(d.plover, "value", d.plover))
                if own is not None and d.plover is not own.plover or own is None and kind not in MATERIAL:
                    continue
                if d.hypothetical or d.negated:
                    continue
                if d.date is None or d.date_source is not DateSource.TEXT or value.startswith(d.date):
                    d.date, d.time, d.date_source = value, t, DateSource.TEXT
                    d.historical = d.historical or self.historical(value)
                break

    def _fill(self, drafts: list, news: str | None) -> None:
        for d in drafts:
            scope = self.scope(d.cand.token, news)
            if scope is None:
                continue
            if self.historical(scope) and str(getattr(d.plover, "value", d.plover)) not in MATERIAL:
                continue
            d.date = scope
            d.date_source = DateSource.SCOPE
            if self.historical(scope):
                d.historical = True


SOURCE_RANK = {DateSource.TEXT: 0, DateSource.SCOPE: 1, DateSource.DATELINE: 2, DateSource.PUBLICATION: 3}


def best_date(dated: list[tuple[str | None, DateSource | None]]) -> tuple[str | None, DateSource | None]:
    """Of the (date, source) pairs of one event's mentions, the one the text supports best: the
    best source (text, scope, dateline, publication), then the most precise value that agrees
    with the others of that source ("last week" 2004-11 and "on 10 November" 2004-11-10)."""
    known = [(SOURCE_RANK.get(s, 9), i, v, s) for i, (v, s) in enumerate(dated) if v is not None]
    if not known:
        return None, None
    rank = min(k[0] for k in known)
    best = [k for k in known if k[0] == rank]
    value, source = best[0][2], best[0][3]
    for _, _, v, s in best[1:]:
        if v.startswith(value) and len(v) > len(value):
            value, source = v, s
    return value, source

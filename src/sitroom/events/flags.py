"""The three event flags, from the parse around the trigger and the cue lists of cues.json.

- negated: a negation on the trigger or its clause ("did not attack", "no attacks"),
  or a governor that says it did not happen ("denied carrying out", "failed to stop",
  "refused to release", "foiled an attack").
- hypothetical: a modal ("will bomb"), a conditional ("if X attacks"), an infinitive
  under a verb or noun of intent, threat, plan or demand ("vowed to exact a price",
  "threatening to join", "plans for talks"), or a determiner/adjective of possibility
  ("any confrontation", "a possible attack").
- historical: from the event's date (``historical_date``: at least ``historical_months``
  calendar months before the month of publication; with no publication date, a year before
  the latest year the article names), from a duration cue ("for decades", "years ago"), or
  from a dated past event told in the same sentence (``inherit_historical``: "after they
  surrendered, the inmates were murdered by troops" where the murders are those of 1986).
"""
from __future__ import annotations

import re
from datetime import date

from sitroom.events.lexicon import EventLexicon, LightVerb
from sitroom.events.syntax import kids, lemma
from sitroom.events.triggers import Candidate

#: edges climbed from a trigger to find what governs it
GOVERNING_DEPS = {"xcomp", "ccomp", "pcomp", "acl", "advcl", "dobj", "pobj", "prep", "conj", "nsubjpass",
                  "attr", "oprd", "relcl", "amod", "compound", "csubj", "nsubj"}
MAX_CLIMB = 4


def _clause_tokens(c: Candidate) -> list:
    """The trigger, its light verb, and for a noun the verb it sits in."""
    out = [c.token]
    if c.light is not None and c.light is not c.token:
        out.append(c.light)
    return out


def _has_neg(tok, lex: EventLexicon) -> bool:
    for k in tok.children:
        if k.dep_ == "neg":
            return True
        if k.dep_ == "det" and k.lower_ in lex.cue("negating_determiners"):
            return True
    return False


def _chain(tok):
    """(dep, governor) pairs from a token upwards, stopping at the sentence root."""
    cur = tok
    for _ in range(MAX_CLIMB):
        head = cur.head
        if head is cur or cur.dep_ not in GOVERNING_DEPS:
            return
        yield cur, head
        cur = head


def _nobody(tok, lex: EventLexicon) -> bool:
    """A participant that says no one took part: "no one", "nobody", "no civilians",
    "neither the army nor the police"."""
    if tok.lower_ in lex.cue("negating_pronouns"):
        return True
    return any(k.dep_ in ("det", "preconj") and k.lower_ in lex.cue("negating_determiners") for k in tok.children)


def _participant_negated(c: Candidate, lex: EventLexicon) -> bool:
    """"No one was injured", "took no prisoners", "neither ... nor ... take prisoners"."""
    verb = c.light if c.light is not None else (None if c.noun else c.token)
    if verb is None:
        return False
    return any(k.dep_ in ("nsubj", "nsubjpass", "dobj") and _nobody(k, lex) for k in verb.children)


def negated(c: Candidate, lex: EventLexicon) -> bool:
    if c.negated_by_governor:
        return True
    toks = _clause_tokens(c)
    if any(_has_neg(t, lex) for t in toks) or lemma(c.token) in lex.cue("negating_nouns"):
        return True
    if _participant_negated(c, lex):
        return True
    gov_cues = lex.cue("negating_governors")
    preps = lex.cue("negating_preps")
    for t in toks:
        for child, head in _chain(t):
            if child.dep_ in ("pobj", "pcomp") and (head.lower_ in preps or (
                    head.lower_ == "of" and any(k.lower_ in preps for k in head.children))):
                return True  # "without any attack", "instead of cracking down"
            if child.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "acl") and lemma(head) in gov_cues \
                    and not (c.noun and child is c.token and lemma(head) in ("dismiss", "reject", "decline", "refuse")):
                return True
            if child.dep_ == "conj":
                continue
            if child.dep_ in ("ccomp", "relcl", "advcl") and child is not c.token:
                break  # a new clause: its negation is not ours
    return False


#: prepositions whose clause tells what happened, not what may happen ("since agreeing a bailout")
FACTUAL_PREPS = frozenset({"since", "after", "following", "upon", "during", "despite", "amid", "by"})


def _is_infinitive(tok) -> bool:
    return tok.tag_ == "VB" and any(k.dep_ == "aux" and k.lower_ == "to" for k in tok.children)


def hypothetical(c: Candidate, lex: EventLexicon) -> bool:
    if c.governed_by is not None and not c.negated_by_governor:
        return True
    modals, marks = lex.cue("modals"), lex.cue("conditional_marks")
    governors, implicative = lex.cue("hypothetical_governors"), lex.cue("implicative_governors")
    toks = _clause_tokens(c)
    if c.light is not None and c.light.lemma_.lower() in lex.light_verbs and \
            lex.light_verbs[c.light.lemma_.lower()].hypothetical:
        return True
    if c.noun:
        for k in c.token.children:
            if k.dep_ == "det" and k.lower_ in lex.cue("hypothetical_determiners"):
                return True
            if k.dep_ == "amod" and lemma(k) in lex.cue("hypothetical_adjectives"):
                return True
    for t in toks:
        if t.pos_ in ("VERB", "AUX"):
            for k in t.children:
                if k.dep_ in ("aux", "auxpass") and (lemma(k) in modals or k.lower_ in modals):
                    return True
                if k.dep_ == "mark" and k.lower_ in marks:
                    return True
            if t.tag_ == "VBG" and t.dep_ == "xcomp" and lemma(t.head) == "go":
                return True  # "going to attack"
        for child, head in _chain(t):
            hl = lemma(head)
            if child.dep_ == "pcomp" and head.lower_ in FACTUAL_PREPS:
                break  # "..., since agreeing a bailout": the clause is told as fact
            if child.dep_ in ("xcomp", "acl", "advcl", "pcomp", "ccomp") and _is_infinitive(child):
                if hl in implicative:
                    break
                return True  # "plans to attack", "talks to normalize relations"
            if hl in governors and child.dep_ in ("xcomp", "ccomp", "pobj", "prep", "dobj", "acl", "pcomp"):
                return True
            if hl in ("commit", "committed") and child.dep_ == "prep" and child.lower_ == "to":
                return True  # "committed to carrying out attacks" (not "committed genocide")
            if head.pos_ in ("VERB", "AUX") and any(
                    k.dep_ == "aux" and (lemma(k) in modals or k.lower_ in modals) for k in head.children) \
                    and child.dep_ in ("xcomp", "dobj", "prep", "pobj", "conj"):
                return True
            if child.dep_ in ("relcl", "ccomp") or child.dep_ == "advcl" and not _is_infinitive(child):
                if any(k.dep_ == "mark" and k.lower_ in marks for k in child.children):
                    return True
                break
    return False


#: PLOVER types whose event is the speech act itself: a threat or a demand is made even when
#: what it threatens or demands is not ("vowed to strike": the vow happened)
SPEECH_ACTS = frozenset({"REQUEST", "THREATEN"})
#: expressive speech acts that a speaker performs by saying he wants to ("I want to thank")
EXPRESSIVES = frozenset({"SUPPORT", "ACCUSE", "CONCEDE", "REJECT"})
PERFORMATIVE_GOVERNORS = frozenset({"want", "wish", "like", "have"})
FIRST_PERSON = frozenset({"i", "we"})
_NO_LIGHT = LightVerb()
POSSIBILITY_MODALS = frozenset({"could", "might", "may", "would", "should", "can", "ca"})


def _own_modality(c: Candidate, lex: EventLexicon) -> bool:
    """The trigger's own clause is conditional, a possibility or a question ("could demand",
    "if they threaten", "will they demand?")."""
    marks = lex.cue("conditional_marks")
    for t in _clause_tokens(c):
        if t.pos_ not in ("VERB", "AUX"):
            continue
        for k in t.children:
            if k.dep_ in ("aux", "auxpass") and k.lower_ in POSSIBILITY_MODALS:
                return True
            if k.dep_ == "mark" and k.lower_ in marks:
                return True
    last = c.token.sent[-1]
    return last.text == "?" and c.token.sent.root in _clause_tokens(c)


def in_condition(c: Candidate, lex: EventLexicon) -> bool:
    """The trigger's own clause is a condition ("if the government does not disarm"): a
    negation inside it is part of the condition, and the event is hypothetical."""
    marks = lex.cue("conditional_marks")
    return any(t.pos_ in ("VERB", "AUX") and any(k.dep_ == "mark" and k.lower_ in marks for k in t.children)
               for t in _clause_tokens(c))


def conditional(c: Candidate, lex: EventLexicon) -> bool:
    """The event is a condition, a possibility or a question, in its own clause or in one
    that governs it ("if they meet", "talks could resume", "would have accepted")."""
    if _own_modality(c, lex):
        return True
    marks = lex.cue("conditional_marks")
    for t in _clause_tokens(c):
        for child, head in _chain(t):
            if any(k.dep_ == "mark" and k.lower_ in marks for k in child.children):
                return True
            if head.pos_ in ("VERB", "AUX") and any(
                    k.dep_ in ("aux", "auxpass") and k.lower_ in POSSIBILITY_MODALS for k in head.children):
                return True
    return False


def asserted_speech_act(c: Candidate, plover: str | None, lex: EventLexicon) -> bool:
    """A REQUEST or THREATEN event is the demand or threat itself, which the text asserts
    unless its own clause is conditional, a possibility or a question; an expressive act
    that the speaker says he wants to perform is performed ("I want to congratulate")."""
    if plover in SPEECH_ACTS:
        return not _own_modality(c, lex)
    if plover in EXPRESSIVES and c.noun and c.light is not None and not lex.light_verbs.get(
            lemma(c.light), _NO_LIGHT).hypothetical:
        return not _own_modality(c, lex)  # "offered an apology", "expressed condolences"
    if plover in EXPRESSIVES and not c.noun and c.token.dep_ == "xcomp":
        head = c.token.head
        subj = next((k for k in head.children if k.dep_ == "nsubj"), None)
        return lemma(head) in PERFORMATIVE_GOVERNORS and subj is not None and subj.lower_ in FIRST_PERSON \
            and not _own_modality(c, lex)
    return False


def historical_cue(c: Candidate, lex: EventLexicon) -> bool:
    """"for decades", "years ago", "in the past", "history" in the trigger's own clause."""
    units, words = lex.cue("historical_units"), lex.cue("historical_words")
    clause = c.light if c.light is not None else c.token
    if c.noun and c.light is None:
        head = clause.head
        clause = head if head.pos_ in ("VERB", "AUX") else clause
    for k in clause.children:
        if k.dep_ in ("ccomp", "xcomp", "relcl", "advcl", "conj", "acl"):
            continue
        for t in k.subtree:
            lem = lemma(t)
            if lem in words:
                return True
            if lem in units and t.tag_ in ("NNS", "NNPS"):
                h = t.head
                if (h.lower_ == "for" and h.dep_ == "prep") or any(x.lower_ == "ago" for x in t.children) \
                        or h.lower_ == "ago":
                    return True
            if t.lower_ == "past" and t.head.lower_ == "in" and any(x.lower_ == "the" for x in t.children):
                return True
            if t.ent_type_ == "EVENT" and t.lower_ == "war" and t.is_title and _at_the_time_of(t):
                return True  # "during World War II": told in a named war of the past
    if _defunct_state(c, lex):
        return True
    for k in kids(clause, "npadvmod", "advmod"):
        if k.lower_ == "ago" and any(lemma(x) in units for x in k.subtree):
            return True
    return False


#: prepositions that place an event inside a period ("during World War II"), not after it
#: ("for the second time since the Second World War")
DURING = frozenset({"during", "in", "throughout", "before", "amid", "at"})


def _at_the_time_of(tok) -> bool:
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj":
            return cur.head.lower_ in DURING
        if cur.dep_ not in ("compound", "amod", "nummod", "det", "flat", "appos") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _defunct_state(c: Candidate, lex: EventLexicon) -> bool:
    """A participant that no longer exists ("the Soviet Union gave military help to Cuba")."""
    names = lex.cue("defunct_states")
    if not names:
        return False
    verb = c.light if c.light is not None else c.token
    for k in verb.children:
        if k.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep", "dative", "poss", "compound", "amod"):
            words = " ".join(t.lower_ for t in k.subtree)
            if any(n in words for n in names):
                return True
    return False


def stated_intent(c: Candidate, lex: EventLexicon, strong: bool = False) -> bool:
    """A plain future or a stated plan, not a condition: "will release", "is willing to
    withdraw", "plans to visit" (CAMEO codes these as intentions or threats). ``strong``
    admits only the future and readiness ("will strike", "is ready to strike"), not plans."""
    modals, marks = lex.cue("intent_modals"), lex.cue("conditional_marks")
    governors = lex.cue("ready_governors") if strong else lex.cue("intent_governors")
    for t in _clause_tokens(c):
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if any(k.dep_ == "mark" and k.lower_ in marks for k in t.children):
            return False
        if any(k.dep_ in ("aux", "auxpass") and k.lower_ in modals for k in t.children):
            return True
        if t.dep_ == "xcomp" and (lemma(t.head) in governors or t.head.lower_ in governors):
            return True
    return False


YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?")


def historical_date(value: str | None, published: date | None, months: int, ref_year: int | None = None) -> bool:
    """Background "clearly over a month" before publication: a date at least ``months``
    calendar months before the publication month (October 3 and September are news in an
    article of October 7; August is background); a bare year before the publication year.
    Without a publication date, a year before ``ref_year`` (the latest year the article
    names: a 1989 killing in an article that also tells of 2003 is background)."""
    m = YEAR_MONTH.match(value or "")
    if m is None:
        return False
    year, month = int(m.group(1)), m.group(2)
    if published is None:
        return ref_year is not None and year < ref_year
    if month is None:
        return year < published.year
    return (published.year * 12 + published.month) - (year * 12 + int(month)) >= months


def reference_year(values) -> int | None:
    """The latest year among the article's calendar time values."""
    years = [int(m.group(1)) for v in values if (m := YEAR_MONTH.match(v or ""))]
    return max(years) if years else None


#: PLOVER types of material acts: told beside a past event, they belong to its story; a verbal
#: act (a demand, an accusation) in such a sentence is usually the news about that past
MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID", "COOPERATE", "SANCTION"})
#: adverbs that place an event right after the one told before it
SEQUENCE_ADVERBS = frozenset({"subsequently", "later", "afterwards", "afterward", "thereafter", "then"})


def _undated(d) -> bool:
    return d.date is None or d.date_soft


def _make_historical(d) -> None:
    d.historical = True
    if d.date_soft:  # the publication day was a default, and this is background
        d.date, d.time, d.date_soft = None, None, False


def inherit_historical(drafts: list) -> None:
    """An undated material event told in the same sentence as a mention of a dated past
    event is part of that past ("... after they surrendered, the inmates who had been
    rioting were forced out and murdered by troops", the murders being those of June
    1986); so is one that follows it "subsequently" or "later" in the next sentence ("The
    war was sparked in 2003, when insurgents attacked ... The government subsequently sent
    troops")."""
    past: set[int] = set()
    for d in drafts:
        if d.historical and d.date is not None and not d.date_soft:
            past |= d.sents
    starts = sorted({s for d in drafts for s in d.sents})
    for d in drafts:
        if d.historical or not _undated(d) or d.plover is None or d.plover.value not in MATERIAL \
                or not _told_in_past(d.cand):
            continue
        if d.sents & past:
            _make_historical(d)
            continue
        verb = d.cand.light if d.cand.light is not None else d.cand.token
        if any(k.dep_ == "advmod" and k.lower_ in SEQUENCE_ADVERBS for k in verb.children):
            first = min(d.sents)
            i = starts.index(first)
            if i > 0 and starts[i - 1] in past:
                _make_historical(d)


def _told_in_past(c: Candidate) -> bool:
    """The event's clause is in a past tense ("surrendered", "had been rioting"), not the
    present of a commemoration ("the protest is an annual event to commemorate ...")."""
    verb = c.light if c.light is not None else c.token
    if verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
        while verb.dep_ in ("prep", "pobj", "conj") and verb.head is not verb:
            verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb.tag_ == "VBD" or any(k.dep_ in ("aux", "auxpass") and k.tag_ == "VBD" for k in verb.children)

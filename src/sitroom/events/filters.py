"""Trigger words that do not report an event, dropped before participants are looked for.

- A word inside a name: "the Asia-Pacific Economic Cooperation summit", "the Criminal
  Investigation Division", "the first Gulf War" (an organisation, facility, law, work or
  named event is not an event of its own type).
- A command: "Meet our contributors", "Release them!" (an imperative tells someone to act;
  the action has not happened, and a demand made in a quote is the speaker's REQUEST).
- A question: "asked whether the army could take control".
- A struggle against a thing or a figure of speech: "the war against drug trafficking", "the
  verbal war".
- A patient released from hospital ("treated at a hospital and released").
- A cumulative statistic: "13,000 people have been killed since the violence began in
  1980", "a total of six engineers have been murdered this year" (a running toll, not one
  incident; the incidents it sums are coded where the article tells them).
"""
from __future__ import annotations

from sitroom.events.lexicon import EventLexicon
from sitroom.events.syntax import lemma
from sitroom.events.triggers import Candidate

#: entity labels of names that may contain an event word
NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"})
#: casualty words whose clause may state a running total
TOLL_LEMMAS = frozenset({"kill", "die", "murder", "wound", "injure", "death", "dead", "slay", "execute"})
#: words that make a casualty clause a running total
TOTAL_WORDS = frozenset({"total", "toll", "tally", "overall", "cumulative", "altogether"})
#: adverbials of a running total ("so far", "to date", "in all")
TOTAL_PHRASES = (("so", "far"), ("to", "date"), ("in", "all"), ("in", "total"), ("thus", "far"))


def in_name(c: Candidate) -> bool:
    tok = c.token
    return c.noun and tok.ent_type_ in NAME_LABELS and (tok.is_title or tok.is_upper) and tok.i != tok.sent.start


#: bodies named after what they do: "a commission of inquiry", "the court of appeal"
BODY_NOUNS = frozenset({"commission", "committee", "board", "council", "panel", "court", "tribunal", "office",
                        "bureau", "department", "ministry", "agency", "mission", "unit"})


def names_a_body(c: Candidate) -> bool:
    """A bare event noun after "of" that completes a body's name ("the commission of inquiry on Syria",
    "the Court of Appeal") names the body, not an act."""
    tok = c.token
    return c.noun and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in BODY_NOUNS \
        and not any(k.dep_ in ("det", "poss", "nummod", "amod", "compound") for k in tok.children)


def imperative(c: Candidate) -> bool:
    tok = c.token
    if c.noun or tok.tag_ != "VB" or tok.dep_ != "ROOT" or tok.i != tok.sent.start:
        return False
    return not any(k.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for k in tok.children) \
        and tok.sent[-1].text != "?"


def _has_phrase(tokens, phrase: tuple[str, ...]) -> bool:
    words = [t.lower_ for t in tokens]
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def running_total(c: Candidate) -> bool:
    """A casualty clause that sums up: "since 1980", "since the war began", "a total of",
    "the death toll", "so far" with a perfect tense."""
    tok = c.token
    if lemma(tok) not in TOLL_LEMMAS and tok.lower_ not in TOLL_LEMMAS:
        return False
    verb = tok if tok.pos_ in ("VERB", "AUX") else (c.light or tok.head)
    for k in verb.children:
        if k.lower_ == "since" and k.dep_ in ("prep", "mark"):
            return True
        if k.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in k.children):
            return True  # "killed since the insurgency began"
        if k.dep_ in ("nsubj", "nsubjpass", "dobj") and any(lemma(t) in TOTAL_WORDS for t in k.subtree):
            return True
    perfect = any(k.dep_ in ("aux", "auxpass") and lemma(k) == "have" for k in verb.children)
    if perfect:
        span = list(verb.subtree)
        return any(_has_phrase(span, p) for p in TOTAL_PHRASES)
    return False


#: struggles against a thing, not a party ("the war against drug trafficking")
STRUGGLES = frozenset({"war", "battle", "fight", "struggle", "campaign", "crusade", "offensive"})
ABSTRACT_FOES = frozenset({"drug", "drugs", "trafficking", "narcotic", "narcotics", "terrorism", "terror",
                           "corruption", "crime", "poverty", "disease", "impunity", "inflation", "hunger",
                           "extremism", "radicalism", "illiteracy", "cancer", "pandemic", "virus", "smuggling",
                           "piracy", "racism", "fascism", "communism", "injustice", "misinformation"})


def struggle_against_a_thing(c: Candidate) -> bool:
    """"the war against drug trafficking", "the fight on terrorism", "the verbal war": a
    policy or a figure of speech, not an armed event between parties."""
    tok = c.token
    if not c.noun or lemma(tok) not in STRUGGLES:
        return False
    if any(k.dep_ == "amod" and k.lower_ in ("verbal", "rhetorical", "political", "legal", "cultural", "media")
           for k in tok.children):
        return True
    for k in tok.children:
        if k.dep_ == "prep" and k.lower_ in ("against", "on"):
            for o in k.children:
                if o.dep_ == "pobj" and (lemma(o) in ABSTRACT_FOES or any(
                        lemma(x) in ABSTRACT_FOES for x in o.children if x.dep_ in ("compound", "amod"))):
                    return True
    return False


#: words of a patient leaving hospital ("treated at a hospital and released")
HOSPITAL = frozenset({"hospital", "clinic", "treat", "treatment", "discharge", "medical", "ward"})


def hospital_release(c: Candidate) -> bool:
    """"was treated at a hospital and released": a patient going home, not a prisoner freed."""
    tok = c.token
    if lemma(tok) != "release" or c.noun:
        return False
    scope = [tok] + ([tok.head] if tok.dep_ == "conj" else []) + [k for k in tok.children if k.dep_ == "conj"]
    return any(lemma(t) in HOSPITAL for v in scope for t in v.subtree if t.i < tok.i + 8)


#: verbs that ask a question when their complement is "whether", "if" or a wh-clause
ASKING = frozenset({"ask", "wonder", "inquire", "enquire", "question"})
WH = frozenset({"whether", "if", "why", "how", "what", "who", "when", "where", "which"})


def question(c: Candidate) -> bool:
    """"We often asked whether the army could take control": a question, not a request."""
    tok = c.token
    if c.noun or lemma(tok) not in ASKING:
        return False
    for k in tok.children:
        if k.dep_ in ("ccomp", "xcomp", "advcl") and any(t.lower_ in WH for t in k.subtree if t.i < k.i):
            return True
    return False


def not_an_event(c: Candidate, lex: EventLexicon) -> bool:
    return in_name(c) or imperative(c) or running_total(c) or hospital_release(c) or question(c) \
        or struggle_against_a_thing(c) or names_a_body(c)

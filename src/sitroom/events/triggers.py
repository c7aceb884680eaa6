"""Find event triggers in a sentence: verbs, nouns, light-verb constructions and
phrasal triggers ("opened fire", "taken hostage"), each with the CAMEO code of the first
lexicon entry whose constraints hold.

The lexicon (``triggers.json``) is looked up once per token by lemma; constraints are
checked only for the few tokens that are in it, so the cost is one pass per sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.events.lexicon import Entry, EventLexicon, LightVerb
from sitroom.events.syntax import (
    agent_of,
    first_kid,
    is_passive,
    kids,
    lemma,
    object_lemmas,
    passive_subject,
    prep_objects,
    subject_of,
)

HUMAN_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
NOMINAL_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "conj", "compound"}
PERSONAL = {"him", "her", "them", "us", "me", "you", "himself", "herself", "themselves"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
#: verbs whose subject is a weapon or a strike ("a U.S. strike hit the compound")
IMPACT_VERBS = frozenset({"hit", "kill", "destroy", "damage", "wound", "injure", "level", "flatten", "demolish",
                          "target", "strike"})


@dataclass(slots=True)
class Sentence:
    """What the trigger checks need about one sentence, computed once."""

    span: object  # spaCy Span
    #: (token index, means category index) for every means word/phrase, in text order
    means: list[tuple[int, int]]
    _words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """Lower-cased forms and lemmas of the sentence (only built when an entry asks)."""
        if self._words is None:
            self._words = frozenset(w for t in self.span for w in (t.lower_, t.lemma_.lower()))
        return self._words


@dataclass(slots=True)
class Candidate:
    token: object                # the trigger's head token
    entry: Entry
    code: str
    noun: bool
    first: int                   # trigger span, token indices (inclusive)
    last: int
    light: object | None = None  # the light verb a noun trigger is the object of (its frame)
    target_subject: bool = False  # "came under attack": the frame's subject undergoes it
    governed_by: Candidate | None = None   # the intent/appeal/threat... verb that governs it
    negated_by_governor: bool = False
    absorbed: bool = False       # folded into another candidate (not emitted)
    merged: list = field(default_factory=list)  # tokens of candidates folded into this one


def sentence_info(sent, lex: EventLexicon, means_at: list[int] = ()) -> Sentence:
    """``means_at``: token indices whose form or lemma starts a means phrase."""
    means: list[tuple[int, int]] = []
    doc, end = sent.doc, sent.end
    for i in means_at:
        tok = doc[i]
        if tok.pos_ == "VERB":  # "will bomb Lebanon" names no weapon
            continue
        bucket = lex.means_index.get(tok.lower_) or lex.means_index.get(tok.lemma_.lower()) or ()
        for seq, cat in bucket:
            if i + len(seq) <= end and all(
                    doc[i + j].lower_ == w or doc[i + j].lemma_.lower() == w for j, w in enumerate(seq)):
                means.append((i, cat))
                break
    return Sentence(sent, means)


# ---- constraint checks ----------------------------------------------------------------

def _subject_lemma(tok) -> str | None:
    subj = passive_subject(tok) if is_passive(tok) else subject_of(tok)
    return None if subj is None else lemma(subj)


def _has_object(tok) -> bool:
    return any(c.dep_ in ("dobj", "dative") for c in tok.children)


def _object_kind(kind: str, tok, lex: EventLexicon) -> bool:
    obj = first_kid(tok, "dobj")
    if kind == "none":
        return obj is None
    if kind == "any_object":
        return obj is not None
    if kind == "any_or_passive":
        return obj is not None or is_passive(tok)
    if obj is None and kind == "gpe" and is_passive(tok):
        ps = passive_subject(tok)  # "Sinjar has been liberated" (a place by name, not a person)
        return ps is not None and (ps.ent_type_ in PLACE_ENTS or ps.pos_ == "PROPN"
                                   and ps.ent_type_ not in ("PERSON", "NORP") and ps.lower_ not in PERSONAL)
    if obj is None:
        return False
    if kind == "gpe":
        return obj.ent_type_ in PLACE_ENTS or obj.pos_ == "PROPN"
    # actor: a name, a personal pronoun or a word for people ("called the accusations absurd" is not)
    if any(k.dep_ in ("oprd", "xcomp", "acomp") and k.pos_ == "ADJ" or k.dep_ == "oprd" and k.pos_ == "NOUN"
           for k in tok.children):
        return False  # naming, not addressing: "call Exarchia their home", "called the plan a disaster"
    return obj.ent_type_ in HUMAN_ENTS or obj.pos_ == "PROPN" or obj.lower_ in PERSONAL \
        or any(lemma(obj) in lex.role(r) for r in ("civilian", "armed", "security", "protester", "government"))


def _complement(tok):
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return c
    return None


def _modifiers(tok) -> set[str]:
    out = {lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod")}
    out |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        out.add(doc[tok.i - 2].lower_)
    return out


def _light_verb(tok, lex: EventLexicon) -> tuple[object, LightVerb] | tuple[None, None]:
    """The light verb a noun is the event of ("launched an attack", "came under fire")."""
    head, dep = tok.head, tok.dep_
    transparent = lex.cue("transparent_nouns")
    for _ in range(3):
        if dep == "conj" and head is not head.head and head.pos_ in ("NOUN", "PROPN"):
            tok, head, dep = head, head.head, head.dep_  # "launched airstrikes and raids"
        elif dep in ("compound", "nmod") and lemma(head) in transparent:
            tok, head, dep = head, head.head, head.dep_  # "launched a mediation effort"
        elif dep == "pobj" and head.lower_ == "of" and lemma(head.head) in transparent:
            tok = head.head  # "launched a wave of attacks"
            head, dep = tok.head, tok.dep_
        else:
            break
    if dep in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        lv = lex.light_verb(head)
        if lv is not None and not lv.preps:
            if lv.particle and not any(lemma(c) in lv.particle for c in kids(head, "prt")):
                return None, None
            return head, lv
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX", "NOUN"):
        verb = head.head
        lv = lex.light_verb(verb)
        if lv is not None and head.lower_ in lv.preps:
            return verb, lv
    return None, None


def _preps(tok):
    """The prepositions a verb takes, including the "for" that the parser makes the mark of an
    infinitive clause ("called for the government to resign")."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "prt"):
            if c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children):
                continue  # "called the minister on Monday": a time, not "call on"
            yield c.lower_
        elif c.dep_ == "advcl":
            yield from (k.lower_ for k in c.children if k.dep_ == "mark" and k.i < c.i and k.lower_ == "for")


PREDICATE_DEPS = ("oprd", "acomp", "advmod", "xcomp", "attr", "dobj", "ccomp", "prt")


def _predicates(tok):
    """What a verb says its object is or becomes: "set *ablaze*", "taken *hostage*",
    "considered the intrusion an act of *provocation*", "described the raid as a war *crime*"."""
    for c in tok.children:
        if c.dep_ not in PREDICATE_DEPS:
            continue
        yield c
        for k in c.children:
            if k.dep_ == "prep" and k.lower_ in ("of", "as"):
                yield from (o for o in k.children if o.dep_ == "pobj")
    for p, o in prep_objects(tok):
        if p == "as":
            yield o


def _wanted(found: set[str], required, forbidden) -> bool:
    """An entry's word condition: one of ``required`` (when given) and none of ``forbidden``."""
    return (not required or bool(found & required)) and not (forbidden and found & forbidden)


def verb_entry(tok, entries: tuple[Entry, ...], info: Sentence, lex: EventLexicon) -> Entry | None:
    objs: set[str] | None = None
    for e in entries:
        if e.passive is not None and is_passive(tok) != e.passive:
            continue
        if e.object or e.object_not:
            if objs is None:
                objs = object_lemmas(tok)
            if not _wanted(objs, e.object, e.object_not):
                continue
        if e.object_kind and not _object_kind(e.object_kind, tok, lex):
            continue
        if e.particle and not any(lemma(c) in e.particle for c in kids(tok, "prt")):
            continue
        if e.prep and not any(p in e.prep for p in _preps(tok)):
            continue
        if e.prep_object and not any(lemma(o) in e.prep_object for _, o in prep_objects(tok)):
            continue
        if e.prep_object_trigger and not any(lemma(o) in lex.nouns for _, o in prep_objects(tok)):
            continue
        if e.complement or e.complement_lemma:
            comp = _complement(tok)
            if comp is None:
                continue
            if e.complement_lemma and lemma(comp) not in e.complement_lemma:
                continue
            if e.complement and "any" not in e.complement:
                codes = {x.cameo[:2] for x in lex.verbs.get(lemma(comp), ())}
                if not codes & e.complement:
                    continue
        if e.subject or e.subject_not:
            subj = _subject_lemma(tok)
            if e.subject and subj not in e.subject:
                continue
            if e.subject_not and subj in e.subject_not:
                continue
        if e.agent:
            ag = agent_of(tok)
            if ag is None or lemma(ag) not in e.agent:
                continue
        if e.oprd and not any(lemma(c) in e.oprd or c.lower_ in e.oprd for c in _predicates(tok)):
            continue
        if e.with_means and not info.means:
            continue
        if e.needs_word and not (info.words & e.needs_word):
            continue
        return e
    return None


def noun_entry(tok, entries: tuple[Entry, ...], info: Sentence, lex: EventLexicon,
               light) -> Entry | None:
    mods: set[str] | None = None
    for e in entries:
        if e.light and light is None and not _governed(tok, lex):
            continue
        if e.light_only and (light is None or lemma(light) not in e.light_only):
            continue
        if e.plural_only and tok.tag_ not in ("NNS", "NNPS") and not tok.lower_.endswith("s"):
            continue
        if e.modifier or e.not_modifier:
            if mods is None:
                mods = _modifiers(tok)
            if not _wanted(mods, e.modifier, e.not_modifier):
                continue
        if e.governor and not (lemma(tok.head) in e.governor or (
                tok.head.dep_ == "prep" and lemma(tok.head.head) in e.governor)):
            continue
        if e.governor_prep and not (tok.dep_ == "pobj" and tok.head.lower_ in e.governor_prep):
            continue
        if e.needs_of and not any(p == "of" and lemma(o) in e.needs_of for p, o in prep_objects(tok)):
            continue
        if e.military and not (light is not None or info.means or any(
                p in ("on", "against", "at", "targeting") for p, _ in prep_objects(tok))
                or (tok.dep_ == "nsubj" and lemma(tok.head) in IMPACT_VERBS)):
            continue
        if e.with_means and not info.means:
            continue
        if e.needs_word and not (info.words & e.needs_word):
            continue
        return e
    return None


#: verbs whose object is an event they set off ("prompting calls for the government to resign")
CAUSATIVE = frozenset({"prompt", "spark", "trigger", "provoke", "draw", "fuel", "ignite", "unleash"})


def _governed(tok, lex: EventLexicon) -> bool:
    """A noun that is the object of a governing verb ("called for a ceasefire") or of a verb
    that set it off ("prompting calls for ...") counts as light."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in ("dobj", "nsubjpass", "attr"):
        return False
    return lemma(head) in CAUSATIVE and tok.dep_ == "dobj" or any(e.governs for e in lex.verbs.get(lemma(head), ()))


# ---- the scan --------------------------------------------------------------------------

def _hyphen_key(tok) -> str | None:
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ \
            and not doc[tok.i - 1].whitespace_:
        return doc[tok.i - 2].lower_ + tok.lemma_.lower()
    return None


def trigger_span(tok, e: Entry) -> tuple[int, int]:
    """Token range of a phrasal trigger: the verb with its particle and the lexical object
    its entry names, when they are close ("taken hostage", "opened fire", "gunned down")."""
    first = last = tok.i
    for c in tok.children:
        dist = abs(c.i - tok.i)
        if c.dep_ == "prt" and dist <= 2 and (e.particle or c.i == tok.i + 1):
            last = max(last, c.i)
        elif dist <= 4 and ((e.object and c.dep_ in ("dobj", "oprd", "attr", "acomp", "advmod", "xcomp")
                             and lemma(c) in e.object) or (e.oprd and (lemma(c) in e.oprd or c.lower_ in e.oprd))):
            first, last = min(first, c.i), max(last, c.i)
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ and not doc[tok.i - 1].whitespace_:
        first = min(first, tok.i - 2)
    return first, last


def find_candidates(info: Sentence, lex: EventLexicon, positions: list[int]) -> list[Candidate]:
    """Candidates at the given token positions (those the lexicon prefilter kept)."""
    out: list[Candidate] = []
    doc = info.span.doc
    for i in positions:
        tok = doc[i]
        pos = tok.pos_
        if pos == "VERB" and tok.tag_ == "VBG" and tok.dep_ in NOMINAL_DEPS and lex.nouns.get(tok.lower_):
            pos = "NOUN"  # a gerund used as a noun: "killed in police firing"
        if pos == "VERB":
            if tok.dep_ == "amod" and not any(c.dep_ == "agent" for c in tok.children):
                continue  # "Iranian-backed", "armed fighters": adjectival participles
            entries = lex.verbs.get(lemma(tok))
            if not entries:
                hk = _hyphen_key(tok)
                entries = lex.verbs.get(hk) if hk else None
                if not entries:
                    form = lex.verb_forms.get(tok.lower_)
                    entries = lex.verbs.get(form) if form else None
                    if not entries:
                        continue
            e = verb_entry(tok, entries, info, lex)
            if e is None:
                continue
            first, last = trigger_span(tok, e)
            out.append(Candidate(tok, e, e.cameo, False, first, last))
        elif pos in ("NOUN", "PROPN"):
            hk = _hyphen_key(tok)
            entries = (lex.nouns.get(hk) if hk else None) or lex.nouns.get(tok.lower_.replace("-", "")) \
                or lex.nouns.get(lemma(tok))
            if not entries:
                continue
            light, lv = _light_verb(tok, lex)
            if lv is not None and lv.blocked:
                continue
            e = noun_entry(tok, entries, info, lex, light)
            if e is None:
                continue
            first, last = trigger_span(tok, e)
            cand = Candidate(tok, e, e.cameo, True, first, last, light)
            cand.target_subject = bool(lv is not None and lv.target_subject)
            out.append(cand)
    return out

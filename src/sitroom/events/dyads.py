"""Source and target of an event from the dependency parse.

Verbs: the subject is the source and the object (or a prepositional complement such as
"on"/"against") the target; in the passive the subject is the target and the "by"
agent the source ("were killed by X"). Subjects are inherited through coordination,
control ("vowed to exact") and participles. Nouns take their own modifiers ("Israeli
attacks on PIJ", "Hamas's attack", "talks between X and Y") and otherwise the light
verb's frame ("Hamas launched an attack"). Symmetric events (clashes, talks) with a
coordinated subject and no object pair the conjuncts ("Israel and Hamas fought").
"""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.events.lexicon import Entry, EventLexicon
from sitroom.events.syntax import (
    NOMINAL,
    agent_of,
    conjuncts,
    direct_object,
    first_kid,
    governing_verb,
    is_passive,
    kids,
    lemma,
    passive_subject,
    prep_objects,
    resolve_relative,
    subject_of,
)
from sitroom.events.triggers import Candidate

VERB_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards", "targeting"})
#: a mobilization's recipient is whom it is aimed at, not where the troops go
MOBILIZE_TARGET_PREPS = frozenset({"against", "toward", "towards"})
NOUN_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "toward", "towards"})
#: right-hand dependents kept in a participant's span ("leader of Hamas", "Adviser to ..., Rahim Safavi")
SPAN_RIGHT = {"compound", "appos", "nmod", "amod", "nummod", "case", "poss", "punct", "prep", "quantmod", "flat"}
SPAN_PREPS = {"of", "to", "from"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
ACTOR_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
MAX_SPAN_TOKENS = 16
#: entity types that never name a participant ("on Saturday", "in 2021")
NOT_PARTICIPANT = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


@dataclass(slots=True)
class Dyad:
    sources: list  # head tokens
    targets: list


def _actorish(tok, lex: EventLexicon) -> bool:
    if tok.ent_type_ in ACTOR_ENTS or tok.pos_ in ("PROPN", "PRON"):
        return True
    lem = lemma(tok)
    return lem in lex.role("armed") or lem in lex.role("security") or lem in lex.role("mob") \
        or lem in lex.role("civilian") or lem in lex.role("protester")


def _usable_object(obj, lex: EventLexicon, e: Entry) -> bool:
    if obj is None:
        return False
    lem = lemma(obj)
    if lem in lex.cue("abstract_objects") or lem in e.object or lem in lex.means_index:
        return False
    if e.cameo[:2] == "15" and (lem in lex.role("armed") or lem in lex.role("security")):
        return False  # "deployed troops": the troops are the means of the mobilization
    return obj.pos_ in NOMINAL


def participant(tok) -> bool:
    if tok is None or tok.ent_type_ in NOT_PARTICIPANT:
        return False
    return tok.pos_ in NOMINAL or tok.ent_type_ == "NORP"


#: prepositions that name a target most directly come first
PREP_RANK = {"on": 1, "against": 1, "upon": 1, "targeting": 1}


def _prep_target(tok, preps: frozenset[str], explicit: frozenset[str] = frozenset()):
    best, rank = None, 9
    for p, pobj in prep_objects(tok):
        if p in preps and participant(pobj):
            r = 0 if p in explicit else PREP_RANK.get(p, 2)
            if r < rank:
                best, rank = resolve_relative(pobj), r
    if best is not None:
        return best
    for c in kids(tok, "acl"):  # "an attack targeting a convoy"
        if lemma(c) in ("target", "hit") and (obj := direct_object(c)) is not None:
            return obj
    return None


def _between(tok):
    """("between X, Y and Z") -> (X, [Y, Z]) in a token's own prepositions."""
    for p, pobj in prep_objects(tok):
        if p == "between":
            conj = conjuncts(pobj)
            if len(conj) > 1:
                return conj[0], conj[1:]
    return None


def _between_in_subtree(root):
    for t in root.subtree:
        if t.lower_ == "between" and t.dep_ == "prep":
            pobj = first_kid(t, "pobj")
            if pobj is not None and len(conj := conjuncts(pobj)) > 1:
                return conj[0], conj[1:]
    return None


def _preps(e: Entry, default: frozenset[str]) -> frozenset[str]:
    if e.target_preps is None:
        return default
    if not e.target_preps:
        return frozenset()
    return default | e.target_preps


def noun_roles(n, e: Entry, lex: EventLexicon, violent: bool):
    """(source, target) a noun trigger names with its own modifiers."""
    src = tgt = None
    for c in n.children:
        if c.dep_ == "poss":
            src = resolve_relative(c)
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < n.i and src is None:
            if c.dep_ == "amod" and c.ent_type_ != "NORP":
                continue
            if c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == "-":
                continue  # "post-Soviet wars", "anti-government protests"
            if c.ent_type_ in ("LOC", "FAC") and violent:
                tgt = tgt or c
            elif _actorish(c, lex) and (c.dep_ != "compound" or c.pos_ == "PROPN" or lemma(c) in lex.role("armed")
                                        or lemma(c) in lex.role("security") or c.ent_type_ in ACTOR_ENTS):
                src = c
    for p, pobj in prep_objects(n):
        if p == "by" and pobj.pos_ in NOMINAL and src is None:
            src = pobj
        elif p == "of" and e.of and pobj.pos_ in NOMINAL:
            if e.of == "source" and src is None:
                src = pobj
            elif e.of == "target" and tgt is None:
                tgt = pobj
    if tgt is None:
        tgt = _prep_target(n, _preps(e, NOUN_TARGET_PREPS), e.target_preps or frozenset())
    return src, tgt


def dyad(c: Candidate, lex: EventLexicon) -> Dyad:
    e = c.entry
    violent = c.code[:2] in ("18", "19", "20")
    mobilize = c.code[:2] == "15"
    src = tgt = None
    pair = None  # ("between X and Y"): participants already split
    if c.noun:
        src, tgt = noun_roles(c.token, e, lex, violent)
        frame = c.light
        if frame is not None:
            if c.target_subject:
                if tgt is None:
                    tgt = passive_subject(frame) if is_passive(frame) else subject_of(frame)
            else:
                frame_subj = agent_of(frame) if is_passive(frame) else subject_of(frame)
                if src is None or (src.tag_ == "PRP$" and frame_subj is not None):
                    src = frame_subj  # "Khamenei repeated his opposition"
                if tgt is None:
                    tgt = _prep_target(frame, _preps(e, VERB_TARGET_PREPS), e.target_preps or frozenset())
        if e.symmetric and tgt is None:
            pair = _between(c.token)
            if pair is None and src is None:
                gov = governing_verb(c.token)
                pair = _between_in_subtree(gov) if gov is not None else None
    else:
        v = c.token
        if v.dep_ == "compound" and v.head.pos_ in ("NOUN", "PROPN"):  # "Hezbollah massing forces"
            src = next((k for k in v.head.children if k.i < v.i and k.dep_ in ("compound", "poss", "nmod")
                        and _actorish(k, lex)), None)
        elif is_passive(v):
            tgt, src = passive_subject(v), agent_of(v)
            if (mobilize or c.code == "074") and src is None and tgt is not None and (
                    lemma(tgt) in lex.role("armed") or lemma(tgt) in lex.role("security")):
                src, tgt = tgt, None  # "policemen were deployed": the forces that move are the actor
            elif tgt is not None and not _usable_object(tgt, lex, e) and not e.cameo.startswith("171"):
                tgt = None  # "5,000 rockets had been launched": the means, not a target
        else:
            src = subject_of(v)
            obj = direct_object(v) or _shared_object(v)
            if _usable_object(obj, lex, e) or (obj is not None and e.cameo.startswith("171") and participant(obj)):
                tgt = obj  # a seizure's object is what it acts on, weapons included
            if e.subject_is_target:  # "four protesters died": the subject undergoes it
                src, tgt = None, src
        if tgt is None:
            dative = first_kid(v, "dative")
            if dative is not None and participant(dative) and not is_passive(v):
                tgt = dative
        if tgt is None:
            preps = _preps(e, MOBILIZE_TARGET_PREPS if mobilize else VERB_TARGET_PREPS)
            explicit = e.target_preps or frozenset()
            tgt = _prep_target(v, preps, explicit)
            obj = direct_object(v)
            if tgt is None and obj is not None:  # "fired rockets at X", "cut ties with X"
                tgt = _prep_target(obj, preps | ({"of"} if lemma(obj) == "control" else frozenset()), explicit)
        if e.symmetric and tgt is None:
            pair = _between(v)
    for m in c.merged:  # a folded noun fills what the verb lacks ("killed in an Israeli strike")
        msrc, mtgt = noun_roles(m.token, m.entry, lex, violent)
        src = src or msrc
        tgt = tgt or mtgt
    if pair is not None:
        sources, targets = [pair[0]], list(pair[1])
    else:
        sources = _coordinated(src, lex)
        targets = _coordinated(tgt, lex)
        if e.symmetric and len(sources) > 1 and not targets:
            sources, targets = sources[:1], sources[1:]
    sources = [s for s in sources if participant(s)]
    targets = [t for t in targets if participant(t)]
    trig = set(range(c.first, c.last + 1))
    sources = [s for s in sources if s.i not in trig]
    targets = [t for t in targets if t.i not in trig and all(t is not s for s in sources)]
    return Dyad(sources, targets)


def _shared_object(v):
    """"attacked and injured a demonstration": the first verb shares its partner's object."""
    for c in v.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i and c.i - v.i <= 4:
            obj = direct_object(c)
            if obj is not None and obj.i > c.i:
                return obj
    return None


def _coordinated(tok, lex: EventLexicon) -> list:
    """A participant and the actors coordinated with it ("Hamas and PIJ"); a conjunct that
    names no actor ("the liberation ... and the removal") is not one."""
    if tok is None:
        return []
    out = [tok] + [c for c in conjuncts(tok)[1:] if _actorish(c, lex)]
    if len(out) == 1:  # "Hamas and Islamic Jihad fighters": coordinated modifiers name the actors
        for c in tok.children:
            if c.dep_ in ("nmod", "compound", "amod") and c.i < tok.i and _actorish(c, lex):
                mods = [c] + [x for x in conjuncts(c)[1:] if x.i < tok.i and _actorish(x, lex)]
                if len(mods) > 1:
                    return mods
    return out


def np_span(head, avoid: set[int]) -> tuple[int, int]:
    """Character range of the noun phrase a participant heads: its left modifiers and the
    right-hand dependents that belong to the name ("leader of Hamas"), never a relative
    clause, participle or the trigger itself."""
    start = head.i
    for c in head.lefts:
        if c.dep_ in ("punct", "cc", "preconj") and c.i == head.left_edge.i:
            continue
        lo = c.left_edge.i
        if any(i in avoid for i in range(lo, head.i)):
            lo = max(i for i in range(lo, head.i) if i in avoid) + 1
        start = min(start, lo)
    end = head.i
    pending = None
    for c in head.rights:
        if c.dep_ == "punct":
            pending = pending or c
            continue
        if c.dep_ not in SPAN_RIGHT:
            break
        if c.dep_ == "prep" and c.lower_ not in SPAN_PREPS:
            break
        hi = c.right_edge.i
        if any(i in avoid for i in range(c.i, hi + 1)) or hi - start >= MAX_SPAN_TOKENS:
            break
        end = hi
        pending = None
    doc = head.doc
    while end > start and doc[end].pos_ == "PUNCT" and doc[end].text not in (")", "]", "”", '"'):
        end -= 1
    while start < end and doc[start].pos_ == "PUNCT" and doc[start].text not in ("(", "“", '"'):
        start += 1
    return doc[start].idx, doc[end].idx + len(doc[end])

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
from sitroom.events.participants import (
    ACTOR_ENTS,
    PLACE_ENTS,
    VIOLENT_ROOTS,
    actorish,
    agent_of_participle,
    is_event_noun,
    is_means,
    is_speech_act,
    locative,
    look_through,
    modifier_actor,
    not_a_source,
    person_role,
)
from sitroom.events.syntax import (
    NOMINAL,
    REPORTING,
    agent_of,
    cataphora_antecedent,
    claimant,
    conjuncts,
    direct_object,
    first_kid,
    governing_verb,
    is_passive,
    judged_party,
    kids,
    lemma,
    passive_subject,
    prep_objects,
    relative_misattached,
    reported_anchor,
    reporter_antecedent,
    resolve_relative,
    subject_of,
)
from sitroom.events.triggers import Candidate

VERB_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards", "targeting"})
#: a mobilization's recipient is whom it is aimed at, not where the troops go
MOBILIZE_TARGET_PREPS = frozenset({"against", "toward", "towards"})
NOUN_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "toward", "towards"})
#: a request is made "from" someone, a seizure takes "from" someone
FROM_TARGET_ROOTS = ("02", "171")
#: right-hand dependents kept in a participant's span ("leader of Hamas", "Adviser to ..., Rahim Safavi")
SPAN_RIGHT = {"compound", "appos", "nmod", "amod", "nummod", "case", "poss", "punct", "prep", "quantmod", "flat"}
SPAN_PREPS = {"of", "to", "from"}
MAX_SPAN_TOKENS = 16
#: entity types that never name a participant ("on Saturday", "in 2021")
NOT_PARTICIPANT = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
#: verbs by which an event noun acts on something: "A U.S. strike hit two vehicles"
IMPACT_VERBS = {"hit", "strike", "target", "destroy", "damage", "kill", "wound", "injure", "level", "flatten",
                "raze", "demolish", "struck", "claim", "leave"}
#: prepositions by which a noun names the occasion a verb's subject took part in ("died in a clash with",
#: "will travel to Berlin for talks with": the purpose of the trip)
OCCASION_PREPS = {"in", "during", "after", "amid", "following", "with", "for"}
#: nouns that need their "of" complement to name an actor ("members of Hamas")
MEMBER_NOUNS = {"member", "leader", "head", "part", "unit", "fighter", "militant", "soldier", "supporter", "official",
                "commander", "element", "remnant", "faction", "wing", "branch", "group", "army", "force", "troop",
                "people", "representative", "spokesman", "spokesperson", "agent", "officer", "chief", "men"}


@dataclass(slots=True)
class Dyad:
    sources: list  # head tokens
    targets: list


def _usable_object(obj, lex: EventLexicon, e: Entry, violent: bool) -> bool:
    if obj is None:
        return False
    lem = lemma(obj)
    if lem in lex.cue("abstract_objects") or is_means(obj, lex):
        return False
    if lem in e.object and not (violent and lem in lex.role("civilian_objects")):
        return False  # "fought gunbattles"; but "destroyed the offices" acts on the offices
    if e.cameo[:2] == "15" and person_role(obj, lex):
        return False  # "deployed troops": the troops are the means of the mobilization
    if e.cameo[:2] == "07" and not actorish(obj, lex) and _recipient(obj.head) is not None:
        return False  # "gave training to X": the object is the aid, the recipient the target
    return obj.pos_ in NOMINAL


def _recipient(v):
    """Whom a verb of giving gives to: "gave training ... to various groups"."""
    return next((pobj for p, pobj in prep_objects(v) if p in ("to", "for") and participant(pobj)), None)


def participant(tok) -> bool:
    if tok is None or tok.ent_type_ in NOT_PARTICIPANT:
        return False
    return tok.pos_ in NOMINAL or tok.ent_type_ in ("NORP", "GPE")


#: prepositions that name a target most directly come first
PREP_RANK = {"on": 1, "against": 1, "upon": 1, "targeting": 1}


def _prep_target(tok, preps: frozenset[str], explicit: frozenset[str] = frozenset()):
    best, rank = None, 9
    for p, pobj in prep_objects(tok):
        if p in preps and participant(pobj):
            if p == "from" and pobj.ent_type_ in PLACE_ENTS:
                continue  # "fired from Gaza": where from, not whom
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


def noun_roles(n, e: Entry | None, lex: EventLexicon, violent: bool):
    """(source, target) a noun trigger names with its own modifiers: a possessor or a name
    before it ("Israel's offensive", "an RSF drone strike"), "by X", "from X" (an attack from
    the sea), "of X" as the entry says, and its target prepositions ("attacks on PIJ")."""
    src = tgt = None
    for c in n.children:
        if c.dep_ == "poss":
            src = resolve_relative(c)
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < n.i and src is None:
            if c.dep_ == "amod" and c.ent_type_ not in ("NORP", "GPE") and not _force_adjective(c, lex):
                continue
            if c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == "-":
                continue  # "post-Soviet wars", "anti-government protests"
            if c.ent_type_ in ("LOC", "FAC") and violent:
                tgt = tgt or c
            elif actorish(c, lex) and (c.dep_ != "compound" or c.pos_ == "PROPN" or person_role(c, lex)
                                       or c.ent_type_ in ACTOR_ENTS):
                src = c
    of = e.of if e is not None else None
    if of is None and violent:  # "the fatal shooting of a boy": the victims
        of = "target" if any(p == "of" and _victim(pobj, lex) for p, pobj in prep_objects(n)) else None
    for p, pobj in prep_objects(n):
        if p == "by" and pobj.pos_ in NOMINAL and src is None:
            src = pobj
            if tgt is None and of == "target" and lemma(pobj) not in MEMBER_NOUNS:
                tgt = _of_object(pobj)  # "the killing by police of a boy", parsed under "police"
        elif p == "from" and violent and src is None and actorish(pobj, lex) and pobj.ent_type_ not in PLACE_ENTS:
            src = pobj  # "under attack from the sea brigands"
        elif p == "of" and of and pobj.pos_ in NOMINAL:
            if of == "source" and src is None:
                src = pobj
            elif of == "target" and tgt is None:
                tgt = pobj
    if tgt is None:
        preps = NOUN_TARGET_PREPS if e is None else _preps(e, NOUN_TARGET_PREPS)
        tgt = _prep_target(n, preps, (e.target_preps if e is not None else None) or frozenset())
        if tgt is not None and not violent and tgt.ent_type_ in PLACE_ENTS and tgt.head.lower_ == "at":
            tgt = None  # "the protest at Fort Benning": where, not whom
    return src, tgt


#: adjectives of a sector, not of a party: "a military operation", "security measures"
SECTOR_ADJECTIVES = {"military", "security", "civilian", "riot", "local", "armed", "police", "terrorist", "extremist",
                     "jihadist", "criminal"}


def _force_adjective(tok, lex: EventLexicon) -> bool:
    """A word for a party used before an event noun and tagged as an adjective: "a rebel attack",
    "a guerrilla ambush", "an insurgent offensive" (the rebels did it)."""
    return person_role(tok, lex) and lemma(tok) not in SECTOR_ADJECTIVES and tok.lower_ not in SECTOR_ADJECTIVES


def _security(tok, lex: EventLexicon) -> bool:
    return lemma(tok) in lex.role("security") or tok.lower_ in lex.role("security")


def _other_side(pair, victim, lex: EventLexicon):
    """Of the two sides of a clash ("between rebels and government troops"), the one that killed
    a victim of the other: a guerrilla killed fell to the troops, a soldier killed to the rebels;
    the first side when the victim's side is not known."""
    first, rest = pair
    if victim is None or not person_role(victim, lex) or not rest:
        return first
    sides = [first] + list(rest)
    armed = [t for t in sides if person_role(t, lex)]
    if len(armed) != 2:
        return first
    victim_security = _security(victim, lex)
    if lemma(victim) in lex.role("civilian") and not victim_security:
        return first  # a bystander: no side is known
    other = [t for t in armed if _security(t, lex) != victim_security]
    return other[0] if len(other) == 1 else first


def _victim(tok, lex: EventLexicon) -> bool:
    """A word for people or a civilian object: who or what an attack "of" it hit."""
    return tok.ent_type_ in ("PERSON", "NORP") or person_role(tok, lex) \
        or lemma(tok) in lex.role("civilian_objects") or any(c.dep_ == "nummod" for c in tok.children)


def _of_object(tok):
    for p, pobj in prep_objects(tok):
        if p == "of":
            return pobj
    return None


def own_source(noun, lex: EventLexicon):
    """The actor of an event noun ("the Israeli airstrike" -> Israeli, "the offensive launched
    by militants" -> militants), or None."""
    src = modifier_actor(noun, lex)
    if src is None:
        src, _ = noun_roles(noun, None, lex, True)
    if src is None:
        src = agent_of_participle(noun)
    if src is not None and (is_event_noun(src, lex) or is_means(src, lex)):
        return None
    return src


def _author(noun, lex: EventLexicon):
    """Who made a call, demand or proposal: "calls by opposition leaders", "Hamas's demand"."""
    src = modifier_actor(noun, lex)
    if src is not None:
        return src
    for p, pobj in prep_objects(noun):
        if p in ("by", "from") and actorish(pobj, lex):
            return pobj
    return None


def _object_target(obj, e: Entry, lex: EventLexicon, violent: bool):
    """(target, settled) from a verb's direct object; settled means no other rule may look
    further ("condemned the airstrike on the camp" aims at the airstrike's author, not the camp)."""
    if obj is None:
        return None, False
    thing = look_through(obj, lex)
    if not violent and is_speech_act(thing):
        return _author(thing, lex), True  # "rejected calls by opposition leaders"
    if not violent and (doer := _content_subject(thing)) is not None:
        return doer, True  # "welcomed the news that Kurdish fighters liberated the town"
    if is_event_noun(thing, lex):
        if not violent:
            return obj, True  # "condemned the Israeli airstrike [on the camp]": see settle()
        author = own_source(thing, lex)
        if author is not None:
            return author, True  # "repelled an attack by army units on their positions"
        _, aim = noun_roles(thing, None, lex, True)
        return aim, aim is not None  # "launching a missile attack on the city"
    if _usable_object(thing, lex, e, violent) or (e.cameo.startswith("171") and participant(obj)
                                                  and not is_means(thing, lex)):
        return obj, False  # a seizure acts on what it takes, but a weapon is nobody
    return None, False


#: nouns that stand for what their "that" clause tells: welcoming or condemning the news aims at its doer
CONTENT_NOUNS = {"news", "report", "announcement", "decision", "word", "confirmation", "fact", "information"}


def _content_subject(noun):
    """"the news that Kurdish fighters liberated the town": the subject of the clause the noun
    stands for (the party the reaction is about), or None."""
    if lemma(noun) not in CONTENT_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "appos") and c.pos_ in ("VERB", "AUX") \
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            subj = first_kid(c, "nsubj", "nsubjpass")
            if subj is not None and subj.pos_ in NOMINAL:
                return subj
    return None


def _named(tok):
    """"our ally Turkey", "the group Hamas": a common noun followed by the name it describes."""
    doc = tok.doc
    if tok.pos_ != "NOUN" or tok.i + 1 >= len(doc):
        return tok
    nxt = doc[tok.i + 1]
    if nxt.pos_ == "PROPN" and nxt.ent_type_ in ACTOR_ENTS and nxt.ent_iob_ == "B" and (
            nxt.head == tok or (nxt.head == tok.head and nxt.dep_ in ("npadvmod", "appos", "dobj", "attr"))):
        return _entity_root(nxt)
    return tok


def _entity_root(first):
    """The last token of the entity starting at ``first`` (its head in English names)."""
    doc, k = first.doc, first.i
    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
        k += 1
    return doc[k]


def _carrier_subject(noun):
    """Who took part in the occasion a noun names: "The terrorist died in a clash with army
    units", "rebels who managed to flee after a clash with the battalion"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in OCCASION_PREPS:
        return None
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return passive_subject(verb) if is_passive(verb) else subject_of(verb)


def _impact_object(noun):
    """"A U.S. strike hit two vehicles": what the verb the event noun is subject of acts on."""
    if noun.dep_ != "nsubj" or lemma(noun.head) not in IMPACT_VERBS:
        return None
    return direct_object(noun.head)


#: verbs by which an inquiry or accusation names whom it is about
IMPLICATE_VERBS = {"involve", "implicate", "target", "concern", "name", "blame", "incriminate"}


def _implicated(noun):
    """"The investigations ... involve the military authorities": whom an inquiry or accusation
    that is the subject of "involve", "implicate", "target" ... is about."""
    if noun.dep_ != "nsubj" or lemma(noun.head) not in IMPLICATE_VERBS:
        return None
    obj = direct_object(noun.head)
    return obj if obj is not None and participant(obj) else None


#: verbs by which an act makes another party act, and the responses that show it was aimed at them
PROMPT_VERBS = {"prompt", "provoke", "force", "lead", "cause", "trigger", "spark"}
RESPONSE_VERBS = {"retaliate", "respond", "react", "fire", "shoot", "strike", "hit"}


def _responder(v):
    """"They hurled stones, prompting the riot police to fire back": the party an act prompted to
    retaliate or fire back is the one it was aimed at."""
    for c in v.children:
        if c.dep_ not in ("advcl", "conj", "xcomp") or lemma(c) not in PROMPT_VERBS:
            continue
        party, reply = first_kid(c, "dobj"), first_kid(c, "xcomp", "ccomp")
        if party is None or reply is None or lemma(reply) not in RESPONSE_VERBS:
            continue
        if lemma(reply) in ("retaliate", "respond", "react") or any(k.lower_ == "back" for k in reply.children):
            return party
    return None


def _misattached_target(src, lex: EventLexicon):
    """"an attack was launched by rebels on Checkpoint 1": the target phrase parsed under the
    attacker; only a name, a place or a word for people or a civilian object counts."""
    for p, pobj in prep_objects(src):
        if p in ("on", "against") and participant(pobj) and not is_means(pobj, lex) and (
                pobj.pos_ == "PROPN" or pobj.ent_type_ in ACTOR_ENTS | PLACE_ENTS or person_role(pobj, lex)
                or lemma(pobj) in lex.role("civilian_objects")):
            return pobj
    return None


def _struck_near(v, lex: EventLexicon):
    """"A roadside bomb exploded near a police convoy": an explosion or shooting without an
    object hits the forces or civilian object it went off at, not a named place."""
    for p, pobj in prep_objects(v):
        if p in ("near", "at", "outside", "inside", "in", "beside") and pobj.ent_type_ not in PLACE_ENTS \
                and participant(pobj) and (person_role(pobj, lex) or lemma(pobj) in lex.role("civilian_objects")):
            return pobj
    return None


#: nouns for the hold a party has on a place: "liberated the town from ISIL control"
HOLD_NOUNS = {"control", "hands", "grip", "rule", "occupation", "hold"}


def _holder(v, lex: EventLexicon):
    """Whom a town is taken from: "from ISIL control", "from the hands of the rebels", "from the rebels"."""
    heads = [v] + [c for c in v.children if c.dep_ == "dobj"]
    for h in heads:
        for p, pobj in prep_objects(h):
            if p != "from":
                continue
            if lemma(pobj) in HOLD_NOUNS:
                return modifier_actor(pobj, lex) or _of_object(pobj)
            if actorish(pobj, lex) and pobj.ent_type_ not in PLACE_ENTS:
                return pobj
    return None


#: verbs by which a party answers a call or demand made of it
ANSWER_VERBS = {"reject", "refuse", "dismiss", "ignore", "heed", "accept", "answer", "meet", "resist", "rebuff",
                "spurn", "defy", "grant", "fulfil", "fulfill", "agree"}


def _answerer(noun):
    """Of whom a call or demand was made: the subject of the verb that answers it."""
    if noun.dep_ not in ("dobj", "nsubjpass") or lemma(noun.head) not in ANSWER_VERBS:
        return None
    verb = noun.head
    return agent_of(verb) if is_passive(verb) else subject_of(verb)


def _for_subject(v):
    """"appealed for the population to remain calm": the subject of the for-clause."""
    for c in v.children:
        if c.dep_ in ("advcl", "xcomp", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            subj = first_kid(c, "nsubj")
            if subj is not None:
                return subj
    return None


#: a state of affairs "in" a country stands, as a target, for the country
SITUATION_NOUNS = {"situation", "crisis", "conditions", "condition"}
#: what a prosecutor asks for against someone: "asked 15 years for X", "sought a life sentence for X"
PENALTY_NOUNS = {"year", "month", "sentence", "penalty", "term", "imprisonment", "prison", "jail", "life", "death"}


def _sentenced(v):
    """"The prosecutor asked 15 years for X": a penalty asked for a party is asked against it."""
    obj = direct_object(v)
    if obj is None or lemma(obj) not in PENALTY_NOUNS:
        return None
    for head in (v, obj):  # "for X" hangs off the verb or the penalty
        for p, pobj in prep_objects(head):
            if p == "for" and participant(pobj) and pobj.ent_type_ not in PLACE_ENTS:
                return pobj
    return None


#: verbs of meeting whose partner a conjoined act of the same subject is addressed to
MEETING_VERBS = {"meet", "visit", "host", "receive", "call"}


def _met_party(v):
    """"X met with Y and offered an apology": the apology is offered to Y."""
    if v is None or v.dep_ != "conj" or lemma(v.head) not in MEETING_VERBS or v.head.i > v.i:
        return None
    met = v.head
    obj = direct_object(met)
    if obj is not None and participant(obj) and obj.ent_type_ not in PLACE_ENTS:
        return obj  # "visited Kabul and ...": a place visited is not whom the act is addressed to
    return next((pobj for p, pobj in prep_objects(met) if p == "with" and participant(pobj)), None)


def _agreed_party(v):
    """The named party an agreement is to act for or on: the recipient or object of the verb it
    governs ("agreed to lend Ukraine billions", "agreed to send aid to Sudan"), or None."""
    act = first_kid(v, "xcomp")
    if act is None:
        return None
    names = ("GPE", "ORG", "PERSON", "NORP")
    for c in act.children:
        if c.dep_ in ("dative", "dobj") and c.ent_type_ in names:
            return c
        if c.dep_ == "dobj":  # "lend Ukraine billions", parsed as one noun phrase
            named = next((k for k in c.children if k.dep_ == "compound" and k.ent_type_ in names and k.i < c.i), None)
            if named is not None:
                return named
    for p, pobj in prep_objects(act):
        if p == "to" and pobj.ent_type_ in names:
            return pobj
    return None


def _relative_event(v, src, lex: EventLexicon):
    """"the airstrike on the camp, which killed 12": the relative's antecedent is the event,
    not the place the parser attached it to."""
    if src is None or src.ent_type_ in ACTOR_ENTS or src.dep_ != "pobj":
        return src
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that") for c in v.children):
        return src
    head = src.head.head
    if head.pos_ in ("VERB", "AUX"):  # "condemned the airstrike [on the camp], which": attached to the verb
        head = direct_object(head) or head
    return head if is_event_noun(head, lex) else src


#: verbs by which a campaign or operation begins or goes on with a particular act
PHASE_VERBS = {"begin", "start", "open", "commence", "continue", "kick", "end", "culminate"}


def _opening_act(noun, lex: EventLexicon):
    """"a new ELN offensive that began yesterday with the attack on the police headquarters":
    an act with which a campaign began (went on, ended) is the campaign author's."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "with" or lemma(noun.head.head) not in PHASE_VERBS:
        return None
    campaign = subject_of(noun.head.head)
    if campaign is None or campaign.pos_ not in ("NOUN", "PROPN") or actorish(campaign, lex):
        return None
    return modifier_actor(campaign, lex) or own_source(campaign, lex)


def _noun_judged(noun):
    """"blamed the rebels for the attack": the judged (or claiming) party did the act the noun names."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return judged_party(noun.head) or claimant(noun.head)  # "claimed responsibility for the attack"
    return None


def settle(tok, lex: EventLexicon, source: bool, depth: int = 0):
    """The actor a role's head word stands for, or None when it names none (see participants.py):
    an event noun stands for its own source ("A U.S. strike hit" -> U.S.; "repelled the offensive
    launched by militants" -> militants), a weapon for its owner ("missiles fired by the army")."""
    if tok is None:
        return None
    outer, tok = tok, look_through(tok, lex)
    if is_event_noun(tok, lex):
        # a source is the event's author or nobody; a target aims at the author when one is
        # named ("condemned the Israeli airstrike"), else at the event ("protested the assassination")
        return own_source(tok, lex) or (None if source else tok)
    if is_means(tok, lex):
        owner = modifier_actor(tok, lex) or agent_of_participle(tok)
        return settle(owner, lex, source, depth + 1) if owner is not None and depth < 2 else None
    if outer != tok and actorish(tok, lex):
        tok = outer  # "tens of thousands of people" stays whole
    if tok.tag_ == "PRP":  # "the committee said it will not ...", "after they surrendered, the inmates ..."
        tok = reporter_antecedent(tok) or cataphora_antecedent(tok) or tok
    if source and not_a_source(tok):
        return None
    if not source and locative(tok) and tok.ent_type_ in PLACE_ENTS:
        return None
    if not source and lemma(tok) in SITUATION_NOUNS:
        # "a report on the human rights situation in Syria": about Syria
        tok = next((pobj for p, pobj in prep_objects(tok) if p == "in" and pobj.ent_type_ == "GPE"), tok)
    return _named(tok)


def _thing(tok, lex: EventLexicon) -> bool:
    """A role filler that is a weapon or an event, not a participant."""
    if tok is None:
        return False
    tok = look_through(tok, lex)
    return is_means(tok, lex) or is_event_noun(tok, lex)


def dyad(c: Candidate, lex: EventLexicon) -> Dyad:
    e = c.entry
    violent = c.code[:2] in VIOLENT_ROOTS
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
                if src is None or (src.tag_ == "PRP$" or src.dep_ == "amod") and frame_subj is not None:
                    src = frame_subj  # "Khamenei repeated his opposition", "rebels staged a guerrilla raid"
                if tgt is None:
                    tgt = _prep_target(frame, _preps(e, VERB_TARGET_PREPS), e.target_preps or frozenset())
        if src is None:
            src = _noun_judged(c.token) or agent_of_participle(c.token)  # "a protest organized by X"
        if src is None:
            src = _opening_act(c.token, lex)  # "an ELN offensive that began with the attack on ..."
        if e.symmetric and tgt is None:
            pair = _between(c.token)
            if pair is None and src is None:
                gov = governing_verb(c.token)
                pair = _between_in_subtree(gov) if gov is not None else None
        if e.symmetric and pair is None and src is None and tgt is not None:
            src = _carrier_subject(c.token)
        if violent and tgt is None:
            tgt = _impact_object(c.token)
        if tgt is None and c.code[:2] in ("09", "11"):
            tgt = _implicated(c.token)  # "the investigations ... involve the military authorities"
        if tgt is None and c.code[:2] in ("02", "10"):
            tgt = _answerer(c.token)  # "rejected calls by the opposition": the calls were made of the rejecter
    else:
        v = c.token
        settled = False
        if v.dep_ == "compound" and v.head.pos_ in ("NOUN", "PROPN"):  # "Hezbollah massing forces"
            src = next((k for k in v.head.children if k.i < v.i and k.dep_ in ("compound", "poss", "nmod")
                        and actorish(k, lex)), None)
        elif is_passive(v):
            tgt, src = passive_subject(v), agent_of(v)
            if src is None and tgt is not None and (mobilize and not is_means(look_through(tgt, lex), lex)
                                                    or c.code == "074" and person_role(tgt, lex)):
                # "policemen were deployed", "the frigate, which was deployed", "warships of other
                # countries deployed on patrols": the forces that move are the actor
                src, tgt = tgt, None
            elif tgt is not None and not _usable_object(tgt, lex, e, violent) and not e.cameo.startswith("171"):
                tgt = None  # "5,000 rockets had been launched": the means, not a target
            elif tgt is not None and c.code.startswith("04") and not actorish(look_through(tgt, lex), lex):
                tgt = None  # "the reports are being discussed": a topic, not a party consulted
        else:
            src = _relative_event(v, subject_of(v), lex)
            obj = direct_object(v) or _shared_object(v)
            if obj is not None and c.first <= obj.i <= c.last and not _acted_on(c, obj, violent, lex) and (
                    lemma(obj) in e.object  # "set fire [to the banks]": a word of the phrase, even an event noun
                    or not is_event_noun(look_through(obj, lex), lex) and not is_speech_act(obj)):
                obj = None  # "threatening economic sanctions [against Sudan]": part of the trigger
            tgt, settled = _object_target(obj, e, lex, violent)
            if c.code[:2] in ("02", "10") and (accused := _sentenced(v)) is not None:
                tgt, settled = accused, True  # "asked 15 years for X": the penalty is not the target
            if e.subject_is_target:  # "four protesters died": the subject undergoes it
                src, tgt = None, src
        if tgt is None and not settled:
            dative = first_kid(v, "dative")
            if dative is not None and participant(dative) and not is_passive(v):
                tgt = dative
        if tgt is None and not settled:
            preps = _preps(e, MOBILIZE_TARGET_PREPS if mobilize else VERB_TARGET_PREPS)
            if c.code.startswith(FROM_TARGET_ROOTS):
                preps = preps | {"from"}
            explicit = e.target_preps or frozenset()
            tgt = _prep_target(v, preps, explicit)
            obj = direct_object(v)
            if tgt is None and obj is not None:  # "fired rockets at X", "cut ties with X"
                tgt = _prep_target(obj, preps | ({"of"} if lemma(obj) == "control" else frozenset()), explicit)
            for part in () if tgt is not None or obj is None else obj.conjuncts:
                # "seized rifles, a mortar and ammunition from the rebels": parsed under the last conjunct
                tgt = tgt or _prep_target(part, preps, explicit)
        if tgt is None and not settled and c.code[:2] in ("02", "10"):
            tgt = _for_subject(v)
        if c.code[:2] in ("17", "18", "19", "20") and (tgt is None or not actorish(tgt, lex)):
            holder = _holder(v, lex)  # "recaptured the town from the rebels": the rebels lose it
            if holder is not None and (tgt is None or holder.pos_ != "PRON"):
                tgt = holder
        if e.symmetric and tgt is None:
            pair = _between(v)
        if tgt is None and c.code[:2] in ("14", "17", "18", "19", "20"):
            tgt = _responder(v)  # "hurled stones, prompting the police to fire back": at the police
    if tgt is None and not violent and pair is None:
        tgt = _met_party(c.light if c.noun else c.token)
    one_source = False
    for m in c.merged:  # a folded noun fills what the verb lacks ("killed in an Israeli strike")
        msrc, mtgt = noun_roles(m.token, m.entry, lex, violent)
        if msrc is None and src is None and m.entry.symmetric and (mpair := _between(m.token)) is not None:
            # "killed in a clash between rebels and troops": the side the victim is not on
            msrc, one_source = _other_side(mpair, tgt, lex), True
        src = src or msrc
        tgt = tgt or mtgt
    if violent and tgt is None and src is not None:
        tgt = _misattached_target(src, lex)
    if violent and tgt is None and not c.noun and first_kid(c.token, "dobj") is None:
        tgt = _struck_near(c.token, lex)
    if pair is not None:
        sources, targets = [pair[0]], list(pair[1])
    else:
        sources = [src] if one_source else _coordinated(src, lex)
        targets = _coordinated(tgt, lex)
        if e.symmetric and len(sources) > 1 and not targets:
            party = None if c.noun else _agreed_party(c.token)
            # "the EU and the IMF agreed to lend Ukraine billions": both agree, about Ukraine
            sources, targets = (sources[:1], [party]) if party is not None else (sources[:1], sources[1:])
    raw_targets = targets
    sources = [s for s in (settle(t, lex, True) for t in sources)
               if participant(s) or s is not None and s.dep_ == "amod" and _force_adjective(s, lex)]
    targets = [t for t in (settle(t, lex, False) for t in targets) if participant(t)]
    trig = set(range(c.first, c.last + 1))
    sources = [s for s in sources if s.i not in trig]
    targets = [t for t in targets if (t.i not in trig or _acted_on(c, t, violent, lex))
               and all(t != s for s in sources)]
    if not sources and not targets:
        # nobody named: the thing acted on stays the target, so that the event is not lost
        # ("12 rifles were seized", "rallies against the execution of X")
        targets = [t for t in raw_targets if t.i not in trig and _thing(t, lex) and participant(t)][:1]
    return Dyad(_unique(sources), _unique(targets))


#: dependencies by which a clause hangs off the event that contains it ("opened fire on the
#: inmates, who were killed"; "the raid on the village, where five were killed")
SUBORDINATE = {"relcl", "acl", "advcl", "pobj", "prep", "dobj", "conj"}


def share_sources(cands: list[Candidate], dyads: dict) -> None:
    """A violent event told without its agent inside the clause of another violent event of the
    sentence takes that event's source: "Troops opened fire on the crowd, and three people who
    were hit died" -> troops; never the other way round, never across a reporting verb."""
    violent = [c for c in cands if not c.absorbed and c.code[:2] in VIOLENT_ROOTS and id(c) in dyads]
    for c in violent:
        d = dyads[id(c)]
        if d.sources or not is_passive(c.token) and not c.entry.subject_is_target:
            continue
        # "three people were killed and five (were) wounded in a rebel attack": coordinated
        # casualty clauses without an agent of their own share the one their partner names
        partner = next((g for g in violent if g is not c and g.token in c.token.conjuncts and not g.noun
                        and dyads[id(g)].sources and (is_passive(g.token) or g.entry.subject_is_target)), None)
        if partner is not None:
            d.sources = dyads[id(partner)].sources[:1]
            continue
        cur, seen_clause = c.token, False
        for _ in range(5):
            if cur.dep_ not in SUBORDINATE or cur.head == cur:
                break
            seen_clause = seen_clause or cur.dep_ in ("relcl", "acl", "advcl")
            cur = cur.head
            if lemma(cur) in REPORTING:
                break
            donor = next((g for g in violent if g is not c and (g.token == cur or g.light == cur)
                          and dyads[id(g)].sources), None)
            if donor is not None and seen_clause:
                d.sources = dyads[id(donor)].sources[:1]
                break


def share_losers(cands: list[Candidate], dyads: dict, lex: EventLexicon) -> None:
    """A seizure coordinated with an act against a party takes that party as its target when it
    names none itself: "troops killed one rebel and seized 400 cartridges" -> the rebels lost the
    cartridges. (A destruction keeps what it destroyed: two acts on one party would read as one.)"""
    for c in cands:
        d = dyads.get(id(c))
        if d is None or c.noun or not c.code.startswith("1711") or any(actorish(t, lex) for t in d.targets):
            continue
        donor = next((g for g in cands if g is not c and not g.noun and id(g) in dyads and g.token in
                      c.token.conjuncts and g.code[:2] in ("17", "18", "19", "20") and not g.code.startswith("1711")
                      and any(actorish(t, lex) for t in dyads[id(g)].targets)), None)
        if donor is not None:
            d.targets = [t for t in dyads[id(donor)].targets if actorish(t, lex)][:1]


def attribution_anchor(c: Candidate):
    """The token whose span carries an event's attribution: its own, or for a participle of a
    reporting verb the reported act's ("accused X of shelling Y, killing five": as alleged)."""
    return reported_anchor(c.token) or c.token


#: codes of damage to property (CAMEO 1712 destroy property, 145 riot): the object named by the
#: entry is what was damaged
PROPERTY_CODES = ("1712", "145")
#: objects of "set fire", "set ablaze": part of the phrase, not what burns
FIRE_WORDS = {"fire", "blaze", "ablaze", "alight", "flame", "flames"}


def _acted_on(c: Candidate, t, violent: bool, lex: EventLexicon) -> bool:
    """A violent verb's object inside its trigger span is still its target ("destroyed the
    offices"), unless it is the verb itself or a word of the phrase ("opened fire")."""
    if c.noun or t.dep_ != "dobj" or t.head != c.token:
        return False
    if c.code.startswith(PROPERTY_CODES) and lemma(t) in c.entry.object and lemma(t) not in FIRE_WORDS:
        return True  # "burned government buildings", "looted shops": the property is the target
    return (violent or c.code[:2] == "17") and lemma(t) in lex.role("civilian_objects")


def _unique(toks: list) -> list:
    seen: set[int] = set()
    out = []
    for t in toks:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _shared_object(v):
    """"attacked and injured a demonstration": the first verb shares its partner's object."""
    for c in v.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i and c.i - v.i <= 4 and relative_misattached(c) is None:
            obj = direct_object(c)
            if obj is not None and obj.i > c.i:
                return obj
    return None


def _coordinated(tok, lex: EventLexicon) -> list:
    """A participant and the actors coordinated with it ("Hamas and PIJ"); a conjunct that
    names no actor ("the liberation ... and the removal") is not one."""
    if tok is None:
        return []
    out = [tok] + [c for c in conjuncts(tok)[1:] if actorish(c, lex)]
    if len(out) == 1:  # "Hamas and Islamic Jihad fighters": coordinated modifiers name the actors
        for c in tok.children:
            if c.dep_ in ("nmod", "compound", "amod") and c.i < tok.i and actorish(c, lex):
                mods = [c] + [x for x in conjuncts(c)[1:] if x.i < tok.i and actorish(x, lex)]
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
        if c.dep_ == "prep" and (c.lower_ not in SPAN_PREPS or first_kid(c, "pcomp") is not None):
            break  # not "the rebels of shelling the market"
        if c.lower_ == "of" and _agent_of_noun(head) and lemma(head) not in MEMBER_NOUNS:
            break  # "the killing by police of a boy": the victim, not part of the name
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


def _agent_of_noun(tok) -> bool:
    """The object of "by" on an event noun ("the killing by police")."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.pos_ == "NOUN"

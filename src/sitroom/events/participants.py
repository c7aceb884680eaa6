"""What may fill an event's role: an actor, never the means, a place, a bare number or the event.

The dyad rules (dyads.py) pick a head token for each role from the parse; these predicates say
whether that token names an actor and, when it does not, which word in its phrase does:

- quantity nouns are looked through: "a series of U.S. airstrikes", "volleys of petrol bombs";
- a weapon or means ("rocket fire", "the bombs", "a missile") is not an actor, but the actor
  modifying it is: "Russian missiles" -> Russian, "an RSF drone" -> RSF;
- an event noun ("the attack", "these killings") is not an actor either: the actor is the
  event's own source ("A U.S. strike hit ..." -> U.S.), else nobody;
- a place used as a place ("Near Palmyra", "in Gaza") and a bare number ("More than 40") are
  never a source.
"""
from __future__ import annotations

from sitroom.events.lexicon import EventLexicon
from sitroom.events.syntax import QUANTITY, first_kid, lemma

ACTOR_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
#: prepositions that make their object a place, never a participant
LOCATIVE_PREPS = {"in", "near", "outside", "inside", "around", "across", "throughout", "within", "beyond",
                  "along", "nearby", "off", "via", "through", "amid"}
#: person roles that the means list also names ("gunmen", "snipers"): people, not weapons
PERSON_ROLES = ("armed", "security", "civilian", "protester", "mob")
#: CAMEO roots of material conflict: nouns of these codes are events, not actors
VIOLENT_ROOTS = ("18", "19", "20")
#: nouns for an act of speech or a proposal: rejecting or welcoming one targets its author
SPEECH_ACT_NOUNS = {"call", "demand", "request", "proposal", "offer", "plea", "appeal", "ultimatum", "accusation",
                    "allegation", "claim", "charge", "statement", "remark", "comment", "criticism", "plan",
                    "initiative", "suggestion", "invitation", "bid", "condition", "threat", "warning"}
#: words that stand for an actor named elsewhere: a role they fill is the antecedent's, or empty
PRONOUNS = {"i", "me", "my", "myself", "we", "us", "our", "ourselves", "you", "your", "yourselves", "he", "him",
            "his", "himself", "she", "her", "herself", "it", "its", "itself", "they", "them", "their", "themselves",
            "this", "that", "these", "those", "who", "whom", "which", "whose", "someone", "somebody"}
#: nouns that only point back to a named actor: "the group", "the movement", "this side"
GENERIC_HEADS = {"group", "movement", "organisation", "organization", "outfit", "side", "entity", "faction",
                 "network"}
_DETERMINERS = {"the", "this", "that", "these", "those", "such"}
_LOOK_LIMIT = 3
NOUN_DEPS = {"pobj", "nsubj", "nsubjpass", "dobj", "appos", "conj"}


#: means words that name people ("gunmen opened fire", "a sniper shot")
PEOPLE_MEANS = {"gunman", "gunmen", "sniper", "snipers", "bomber", "bombers", "suicide bomber", "suicide bombers"}


def person_role(tok, lex: EventLexicon) -> bool:
    """A word for people or forces ("militants", "police", "villagers"), not a vehicle or weapon
    that the role lists also hold ("drone", "tank")."""
    lem = lemma(tok)
    if not any(lem in lex.role(r) or tok.lower_ in lex.role(r) for r in PERSON_ROLES):
        return False
    return lem not in lex.role("civilian_objects") and not _means_word(tok, lex)


def _means_word(tok, lex: EventLexicon) -> bool:
    if tok.lower_ in PEOPLE_MEANS or lemma(tok) in PEOPLE_MEANS:
        return False
    return any(len(words) == 1 for form in (tok.lower_, lemma(tok)) for words, _ in lex.means_index.get(form, ()))


def actorish(tok, lex: EventLexicon) -> bool:
    """A word that can name an actor: a name, a pronoun or a word for people or forces."""
    if tok.ent_type_ in ACTOR_ENTS or tok.pos_ in ("PROPN", "PRON"):
        return True
    return person_role(tok, lex)


def is_means(tok, lex: EventLexicon) -> bool:
    """A weapon or means: a one-word means entry ("missile", "bombs") or a means phrase that
    ends at ``tok`` ("rocket fire", "fighter jets"); words for people ("gunmen") are not."""
    if tok.lower_ in PEOPLE_MEANS or lemma(tok) in PEOPLE_MEANS:
        return False
    if _means_word(tok, lex):
        return True
    return _means_phrase_start(tok, lex) < tok.i


def is_event_noun(tok, lex: EventLexicon) -> bool:
    """A noun that names a violent event ("the attack", "these killings", "an airstrike")."""
    if person_role(tok, lex) or not (tok.pos_ == "NOUN" or tok.dep_ in NOUN_DEPS and tok.pos_ == "VERB"):
        return False  # a noun, or a plural the tagger took for a verb ("U.S. airstrikes" as VBZ)
    entries = lex.nouns.get(lemma(tok)) or lex.nouns.get(tok.lower_) or ()
    return any(e.cameo[:2] in VIOLENT_ROOTS for e in entries)  # "attack" may also be verbal: still an event


def is_speech_act(tok) -> bool:
    return tok.pos_ == "NOUN" and lemma(tok) in SPEECH_ACT_NOUNS


def look_through(tok, lex: EventLexicon):
    """The noun a quantity word stands for: "a series of airstrikes" -> airstrikes, "thousands
    of protesters" -> protesters; kept when the complement says no more ("a group of cowards")."""
    start = tok
    for _ in range(_LOOK_LIMIT):
        if lemma(tok) not in QUANTITY and tok.lower_ not in QUANTITY:
            break
        of = next((p for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        pobj = first_kid(of, "pobj") if of is not None else None
        if pobj is None or pobj.pos_ in ("ADP", "PUNCT", "DET"):
            break
        tok = pobj
    if tok != start and not (actorish(tok, lex) or is_means(tok, lex) or is_event_noun(tok, lex)):
        return start
    return tok


def locative(tok) -> bool:
    """A word used as a place: the object of "in", "near", ... (through conjunctions)."""
    for _ in range(4):
        if tok.dep_ == "conj" and tok.head != tok:
            tok = tok.head
        else:
            break
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def bare_number(tok) -> bool:
    """"More than 40", "four": a count standing alone, not a named participant."""
    if tok.ent_type_ in ACTOR_ENTS:
        return False  # "the Group of Eight"
    return tok.pos_ == "NUM" or (tok.like_num and not any(c.dep_ in ("compound", "amod") for c in tok.children))


def not_a_source(tok) -> bool:
    """Words that never act: a place used as a place, a landmark, a bare number."""
    if locative(tok) or bare_number(tok):
        return True
    return tok.ent_type_ in ("LOC", "FAC") and tok.pos_ == "PROPN"


def modifier_actor(tok, lex: EventLexicon):
    """The actor a noun's own modifiers name: a possessor ("Israel's offensive"), or a name or
    force word before it ("an RSF drone strike", "Russian missiles"); None when there is none.
    Words of a means phrase ("fighter jets") and a weapon's model name ("Qaher-II missile")
    are not actors."""
    best = None
    name_start = _means_phrase_start(tok, lex)
    for c in tok.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "compound" and c.i < tok.i and best is None and (is_means(c, lex) or c.i >= name_start):
            best = modifier_actor(c, lex)  # "an RSF drone strike": the name modifies the weapon word
            continue
        if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and best is None and c.i < name_start:
            if c.dep_ == "amod" and c.ent_type_ not in ("NORP", "GPE"):
                continue
            if c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == "-":
                continue  # "anti-government", "Iranian-backed"
            named = c.ent_type_ in ACTOR_ENTS or (c.pos_ == "PROPN" and not _means_word(tok, lex))
            if named or (c.pos_ == "NOUN" and person_role(c, lex)):
                if c.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL") and not is_means(c, lex):
                    best = c
    return best


def _means_phrase_start(tok, lex: EventLexicon) -> int:
    """Index of the first word of a means phrase ending at ``tok`` ("fighter jets"), else tok.i."""
    doc = tok.doc
    for k in range(max(0, tok.i - 2), tok.i):
        for words, _ in lex.means_index.get(doc[k].lower_, ()) or lex.means_index.get(lemma(doc[k]), ()):
            if len(words) == tok.i - k + 1 and all(doc[k + j].lower_ == w or lemma(doc[k + j]) == w
                                                   for j, w in enumerate(words)):
                return k
    return tok.i


def agent_of_participle(tok):
    """"missiles fired by the warplanes", "the offensive launched by militants", "the
    assassination attributed to army officers": the agent of a participle modifying the noun."""
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN":
            agent = first_kid(c, "agent")
            pobj = first_kid(agent, "pobj") if agent is not None else None
            if pobj is None and lemma(c) in ("attribute", "blame"):
                to = next((p for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "on")), None)
                pobj = first_kid(to, "pobj") if to is not None else None
            if pobj is not None:
                return pobj
    return None


def names_nobody(span_text: str, head_text: str) -> bool:
    """A role's words that name no actor unless coreference linked them to one: a pronoun
    ("they", "We") or a generic head with only a determiner and modifiers before it
    ("the group", "the militant group"), never followed by a name or complement."""
    head = head_text.lower()
    if head in PRONOUNS or span_text.lower() in ("one", "ones"):  # not "one of the gunmen"
        return True
    words = span_text.lower().split()
    return head in GENERIC_HEADS and len(words) <= 3 and words[-1] == head and words[0] in _DETERMINERS

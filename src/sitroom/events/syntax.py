"""Small helpers over spaCy's dependency parse that the event modules share.

Everything here reads tokens only; nothing is cached on the Doc. Labels are spaCy's
English (ClearNLP-style) dependency labels.
"""
from __future__ import annotations

from collections.abc import Iterator

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "attr", "oprd", "dative")
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")
RELATIVE = {"who", "whom", "which", "that", "whose"}
#: nouns that stand for "an amount of": look through them to the "of" complement
QUANTITY = {"amount", "number", "lot", "quantity", "stockpile", "haul", "batch", "consignment", "pile", "kind",
            "type", "set", "series", "couple", "dozen", "hundred", "thousand", "cache", "stock", "supply", "load",
            "shipment", "array", "range", "variety", "bunch", "group", "barrage", "volley", "salvo", "all", "some",
            "many", "most", "several", "dozens", "hundreds", "thousands", "scores", "none", "each", "both"}
#: nouns for what someone says: a participle on them speaks for their author
SPEECH_NOUNS = {"statement", "message", "letter", "declaration", "communique", "communiqué", "video", "post",
                "tweet", "broadcast", "speech", "resolution", "report", "address", "note", "appeal", "release"}
#: governors whose object (not subject) is the understood subject of their infinitive
OBJECT_CONTROL = {"urge", "ask", "call", "order", "force", "persuade", "encourage", "invite", "tell", "allow",
                  "permit", "help", "prompt", "instruct", "compel", "pressure", "press", "push", "warn", "appeal",
                  "implore", "beg", "request", "authorize", "authorise", "enable", "lead", "convince", "oblige",
                  "command", "direct", "require", "cause", "get", "exhort", "plead", "advise"}

#: verbs that report or judge someone else's act: a participle hanging off one ("accused the
#: rebels of shelling the market, killing five") belongs to the reported act, not to the speaker
REPORTING = {"say", "tell", "report", "state", "announce", "add", "confirm", "note", "write", "tweet", "declare",
             "explain", "testify", "disclose", "reveal", "claim", "insist", "assert", "maintain", "allege",
             "accuse", "blame", "charge", "condemn", "denounce", "criticize", "criticise", "deny", "warn",
             "quote", "cite", "describe", "call", "brand", "label", "praise", "hail", "welcome", "thank"}
#: verbs whose object did the act of their "of/for/with" complement ("accused X of shelling",
#: "arrested X for killing", "thanked X for helping")
JUDGED_OBJECT = {"accuse", "blame", "charge", "condemn", "denounce", "criticize", "criticise", "fault", "suspect",
                 "praise", "thank", "congratulate", "commend", "credit", "hail", "laud", "applaud", "punish",
                 "arrest", "detain", "indict", "convict", "prosecute", "sentence", "jail", "fine", "sue", "hold",
                 "sanction", "investigate", "try", "execute", "reward", "honour", "honor", "recognize"}
JUDGED_PREPS = {"of", "for", "with", "over"}
#: governors of a clause that legitimately has no subject of its own
CLAUSE_GOVERNORS = REPORTING | {"think", "believe", "know", "fear", "hope", "expect", "feel", "see", "hear",
                                "suggest", "show", "indicate", "mean", "ensure", "insure"}


def lemma(tok) -> str:
    return tok.lemma_.lower()


def kids(tok, *deps: str) -> Iterator:
    return (c for c in tok.children if c.dep_ in deps)


def first_kid(tok, *deps: str):
    return next(kids(tok, *deps), None)


def resolve_relative(tok):
    """A relative pronoun stands for the noun its clause modifies ("militants who attacked")."""
    if tok.lower_ in RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head != tok.head:
        return tok.head.head
    return tok


def is_passive(verb) -> bool:
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "auxpass", "csubjpass", "agent"):
            return True
    if verb.tag_ == "VBN":
        if verb.dep_ in ("acl", "amod"):
            return True
        if verb.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children):
            return is_passive(verb.head) if verb.head != verb else False
    return False


def agent_of(verb):
    ag = first_kid(verb, "agent")
    if ag is not None:
        return first_kid(ag, "pobj")
    return None


def subject_of(verb, depth: int = 0):
    """The subject head of an active clause, inherited through conjunction, control and
    participles when the clause has none of its own (None when there is none)."""
    if depth > 4:
        return None
    for c in verb.children:
        if c.dep_ in SUBJ and not bracketed(c):
            return resolve_relative(c)
    head, dep = verb.head, verb.dep_
    if head == verb:
        return None
    outer = relative_misattached(verb)
    if outer is not None:  # "to congratulate the soldiers who fought to free it and thank Jordan"
        return subject_of(outer, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        stray = verb.doc[verb.i - 1] if verb.i > 0 else None
        if stray is not None and stray.pos_ in ("NOUN", "PROPN") and stray.dep_ in ("conj", "appos") \
                and stray.tag_ in ("NNS", "NNPS") and stray.head.i > head.i:
            return stray  # "..., the capital, Athens, and demonstrators tried to storm": a subject parsed as a conjunct
        if is_passive(head) and not is_passive(verb):
            return agent_of(head)
        return subject_of(head, depth + 1)
    if dep == "xcomp":
        if lemma(head) in OBJECT_CONTROL:
            return subject_of_controlled(verb, head, depth)
        if head.pos_ in ("VERB", "AUX"):
            return agent_of(head) if is_passive(head) else subject_of(head, depth + 1)
        if head.pos_ == "ADJ" and head.head != head:  # "ready to fight"
            return subject_of(head.head, depth + 1)
        return None
    if dep == "advcl" and verb.tag_ == "VB" and lemma(head) in OBJECT_CONTROL and head.pos_ == "VERB":
        return subject_of_controlled(verb, head, depth)  # "calling on Palestinians to fight" (parsed advcl)
    if dep in ("advcl", "pcomp", "acl") and verb.tag_ in ("VBG", "VB"):
        if dep == "acl" and verb.tag_ == "VB":
            return None  # "the battle to end the occupation": no understood subject
        if dep == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if lemma(head) in SPEECH_NOUNS and head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "nsubj"):
                return subject_of(head.head, depth + 1)  # "issued a statement calling for"
            return head  # "fighters engaging in gunbattles"
        if dep == "pcomp" and head.pos_ == "ADP":
            judged = judged_party(head) or claimant(head)
            if judged is not None:
                return judged  # "accused the rebels of shelling", "claimed responsibility for killing"
        target = head.head if dep == "pcomp" and head.pos_ == "ADP" else head
        if target.pos_ == "NOUN" and dep == "pcomp":  # "its policy of detaining critics": the possessor
            return resolve_relative(first_kid(target, "poss")) if first_kid(target, "poss") is not None else None
        if target.pos_ in ("VERB", "AUX") and target != verb:
            if dep == "advcl" and lemma(target) in REPORTING:
                reported = reported_act(target)  # "accused X of shelling the market, killing five"
                if reported is not None:
                    return subject_of(reported, depth + 1) if reported != verb else None
            return subject_of(target, depth + 1)
        return None
    if dep == "ccomp" and verb.tag_ in ("VBD", "VBZ", "VBP") and head.pos_ == "VERB" \
            and lemma(head) not in CLAUSE_GOVERNORS:
        # a finite clause without a subject under a verb that takes none is a misparse of a
        # reduced relative: "A former employee [let go from his job] opened fire"
        return subject_of(head, depth + 1)
    if dep == "relcl":
        return None
    return None


def relative_misattached(verb):
    """A verb the parser coordinated with a relative clause although their forms disagree: "to
    congratulate the soldiers who fought and thank Jordan" (past "fought", base "thank") coordinates
    "thank" with "congratulate"; returns that outer verb, or None."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VB", "VBP"):
        return None
    head = verb.head
    for _ in range(2):  # "the soldiers who fought to free the town and thank ...": up to the relative
        if head.dep_ in ("xcomp", "advcl") and head.head != head:
            head = head.head
    if head.dep_ != "relcl" or head.tag_ not in ("VBD", "VBZ", "VBN"):
        return None
    outer = head.head.head  # the relative clause's noun, then the verb it belongs to
    return outer if outer.pos_ in ("VERB", "AUX") and outer != head.head else None


def judged_party(prep):
    """The object of "accused X of ...", "blamed X for ...": the party whose act the
    preposition's complement names, or None."""
    if prep.lower_ not in JUDGED_PREPS:
        return None
    gov = prep.head
    if gov.pos_ in ("NOUN", "PROPN", "PRON") and gov.dep_ == "dobj" and lemma(gov.head) in JUDGED_OBJECT:
        return resolve_relative(gov)
    if gov.pos_ == "VERB" and lemma(gov) in JUDGED_OBJECT:
        obj = direct_object(gov)
        if obj is not None and obj.i < prep.i:
            return obj
        if is_passive(gov):  # "the rebels were accused of shelling"
            return passive_subject(gov)
    return None


#: "claimed responsibility for", "took credit for": the claimant did the act
CLAIMED_NOUNS = {"responsibility", "credit"}
CLAIM_VERBS = {"claim", "accept", "take", "bear", "assume", "admit", "acknowledge"}


def claimant(prep):
    """The subject of "claimed responsibility for ...", or None."""
    gov = prep.head
    if prep.lower_ != "for" or lemma(gov) not in CLAIMED_NOUNS or gov.dep_ != "dobj":
        return None
    verb = gov.head
    return subject_of(verb) if lemma(verb) in CLAIM_VERBS else None


_PLURAL_PRONOUNS = {"they", "we"}
_SINGULAR_PRONOUNS = {"it", "he", "she", "i"}
_COLLECTIVE_TAGS = {"NN", "NNP"}


def reporter_antecedent(pron):
    """"Teachers said they will not end the strike", "the committee declared that it will ...":
    the subject pronoun of a reported clause stands for the reporter when number agrees."""
    low = pron.lower_
    if pron.dep_ not in ("nsubj", "nsubjpass") or low not in _PLURAL_PRONOUNS | _SINGULAR_PRONOUNS:
        return None
    clause = pron.head
    for _ in range(3):  # up through conjoined clauses to the reporting verb, not out of "after they ..."
        if clause.dep_ in ("ccomp", "parataxis") and lemma(clause.head) in REPORTING:
            break
        if clause.dep_ not in ("conj", "xcomp") or clause.head == clause:
            return None
        clause = clause.head
    else:
        return None
    reporter = first_kid(clause.head, "nsubj")
    if reporter is None or reporter.tag_ in ("PRP", "WP", "WDT"):
        return None
    if low in _PLURAL_PRONOUNS:
        return reporter  # a group, or a speaker for their group ("the union's chairman said they ...")
    plural = reporter.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in reporter.children)
    person = reporter.ent_type_ == "PERSON"
    if low in ("he", "she", "i"):
        return reporter if person or reporter.tag_ == "NN" else None
    return reporter if not plural and not person else None


def cataphora_antecedent(pron):
    """"After they surrendered, the inmates were taken to the yard": the subject pronoun of a
    fronted adverbial clause stands for the main clause's subject when the number agrees."""
    low = pron.lower_
    if pron.dep_ not in ("nsubj", "nsubjpass") or low not in _PLURAL_PRONOUNS | _SINGULAR_PRONOUNS:
        return None
    clause = pron.head
    main = clause.head
    if clause.dep_ != "advcl" or main == clause or clause.i > main.i or first_kid(clause, "mark") is None:
        return None
    subj = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > clause.i), None)
    if subj is None or subj.tag_ in ("PRP", "WP", "WDT"):
        return None
    plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    person = subj.ent_type_ == "PERSON"
    if low in _PLURAL_PRONOUNS:
        return subj if plural or subj.ent_type_ == "ORG" else None
    if low in ("he", "she", "i"):
        return subj if person else None
    return subj if not plural and not person else None


def reported_anchor(tok):
    """The reported act that a participle of a reporting verb belongs to ("accused the rebels of
    shelling the market, killing five" -> shelling): it shares that act's attribution. None otherwise."""
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and lemma(tok.head) in REPORTING:
        act = reported_act(tok.head)
        if act is not None and act != tok:
            return act
    return None


def reported_act(verb):
    """The act a reporting or accusing verb reports: its clausal complement or the verb
    under its "of/for" complement ("accused X of shelling"), or None."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            return c
    holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    for h in holders:
        for p in kids(h, "prep"):
            if p.lower_ in JUDGED_PREPS:
                comp = first_kid(p, "pcomp")
                if comp is not None and comp.pos_ in ("VERB", "AUX"):
                    return comp
    return None


def subject_of_controlled(verb, head, depth: int):
    """Understood subject of an infinitive under an object-control verb ("urged X to")."""
    obj = first_kid(head, "dobj")
    if obj is not None:
        return obj
    for p in kids(head, "prep"):
        if p.lower_ in ("on", "upon", "to", "with"):
            pobj = first_kid(p, "pobj")
            if pobj is not None:
                return pobj
    return agent_of(head) if is_passive(head) else subject_of(head, depth + 1)


def bracketed(tok) -> bool:
    """A word alone in square brackets: an editor's note of wire copy ("[Excerpts] At least two
    people were killed", "[Report]"), which the parser may take for a subject."""
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "[" and doc[tok.i + 1].text == "]"


def passive_subject(verb):
    for c in verb.children:
        if (c.dep_ in PASS_SUBJ or c.dep_ == "nsubj") and not bracketed(c):
            return resolve_relative(c)
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "civilians killed by militants"
    if verb.dep_ == "conj" and verb.head != verb and verb.head.pos_ in ("VERB", "AUX"):
        if is_passive(verb.head):
            return passive_subject(verb.head)
        return None
    return None


def direct_object(verb):
    for c in verb.children:
        if c.dep_ == "dobj":
            return resolve_relative(c)
    return None


def object_lemmas(verb) -> set[str]:
    """Lemmas that can satisfy an entry's ``object`` constraint: objects, predicative
    complements, the passive subject, looking through quantity nouns ("a cache of arms")."""
    heads = [c for c in verb.children if c.dep_ in OBJ or c.dep_ in ("acomp", "xcomp", "ccomp", "advmod")
             and c.pos_ in ("NOUN", "ADJ", "ADV", "PROPN")]
    if is_passive(verb):
        ps = passive_subject(verb)
        if ps is not None:
            heads.append(ps)
    if verb.dep_ == "compound" and verb.head.pos_ in ("NOUN", "PROPN"):
        heads.append(verb.head)  # "Hezbollah massing forces", parsed as one noun phrase
    out: set[str] = set()
    for h in heads:
        out.add(lemma(h))
        out.add(h.lower_)
        for c in h.children:
            if c.dep_ in ("compound", "amod"):
                out.add(lemma(c))
            elif c.dep_ == "prep" and c.lower_ == "of" and lemma(h) in QUANTITY:
                pobj = first_kid(c, "pobj")
                if pobj is not None:
                    out.add(lemma(pobj))
                    out.update(lemma(x) for x in pobj.conjuncts)
        for cj in h.conjuncts:
            out.add(lemma(cj))
    return out


def prep_objects(tok) -> Iterator[tuple[str, object]]:
    """(preposition, object head) pairs of a token's prepositional children."""
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative"):
            pobj = first_kid(p, "pobj", "pcomp")
            if pobj is not None:
                yield p.lower_, pobj


def governing_verb(tok, limit: int = 6):
    """The nearest verb above a token (the clause it belongs to), or None."""
    cur = tok
    for _ in range(limit):
        if cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def conjuncts(tok, limit: int = 4) -> list:
    """The token and the nominal conjuncts coordinated with it ("Hamas and PIJ")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in NOMINAL and c.i > tok.i and len(out) < limit:
            out.append(c)
    return out

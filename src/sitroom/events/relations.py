"""How trigger candidates of one sentence relate: a noun folded into the verb that
carries it ("fought a ten-day battle", "killed in an airstrike"), and a verb of
intent, appeal, demand, rejection or threat whose code is refined by the event it
governs ("threatened to bomb" -> 1384, "called for a ceasefire" -> 0256).
"""
from __future__ import annotations

from sitroom.events.lexicon import EventLexicon
from sitroom.events.triggers import Candidate

#: prepositions by which a noun names the means or the occasion of the verb's event
MEANS_PREPS = {"in", "during", "by", "with", "after", "amid", "from", "through"}
#: governor maps whose complement did not happen
NEGATING_MAPS = {"reject"}


def refine(lex: EventLexicon, map_name: str, code: str, complement: str) -> str:
    mapping = lex.governor_maps.get(map_name, {})
    for n in (4, 3, 2):
        hit = mapping.get(complement[:n])
        if hit is not None and len(complement) >= n:
            return hit
    return code


def more_specific(a: str, b: str) -> str:
    """The more specific of two codes of the same family: more digits, then not a 0 default."""
    if len(b) != len(a):
        return b if len(b) > len(a) else a
    if a.endswith("0") and not b.endswith("0"):
        return b
    return a


def same_family(lex: EventLexicon, a: str, b: str) -> bool:
    if a[:2] in ("18", "19", "20") and b[:2] in ("18", "19", "20"):
        return True
    ia, ib = lex.code(a), lex.code(b)
    return ia is not None and ib is not None and ia.plover is not None and ia.plover == ib.plover


def _carrier(noun) -> tuple[object, str]:
    """The verb a noun attaches to and how: ("dobj"), ("nsubj"), ("prep:in")..."""
    head, dep = noun.head, noun.dep_
    while dep == "conj" and head.pos_ in ("NOUN", "PROPN") and head is not head.head:
        noun, head, dep = head, head.head, head.dep_
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        return head.head, "prep:" + head.lower_
    return head, dep


def _fold(verb: Candidate, noun: Candidate, how: str) -> None:
    """Fold a noun into the verb's event; an object noun close after the verb joins the
    trigger span ("fought gunbattles", "agreed a ceasefire")."""
    noun.absorbed = True
    verb.merged.append(noun)
    if how in ("dobj", "attr", "oprd") and 0 < noun.last - verb.last <= 5:
        verb.last = noun.last


def relate(cands: list[Candidate], lex: EventLexicon) -> None:
    verbs = {c.token.i: c for c in cands if not c.noun}
    for c in cands:
        if not c.noun:
            continue
        verb, how = _carrier(c.token)
        vc = verbs.get(verb.i)
        if vc is None or vc is c:
            continue
        e = vc.entry
        complement = how in ("dobj", "nsubjpass", "attr", "oprd") or (
            how.startswith("prep:") and (how[5:] in e.prep or how[5:] in ("for", "to", "on", "of", "against")))
        if e.governs and complement:
            vc.code = refine(lex, e.governs, vc.code, c.code)
            _fold(vc, c, how)
            continue
        if same_family(lex, vc.code, c.code) and (
                how in ("dobj", "attr", "nsubj", "agent", "nsubjpass") or how[5:] in MEANS_PREPS):
            vc.code = more_specific(vc.code, c.code)
            _fold(vc, c, how)
    for g in cands:
        if g.absorbed or not g.entry.governs or g.noun and g.light is None:
            continue
        head = g.token if not g.noun else g.light
        comps = [k for k in head.children if k.dep_ in ("xcomp", "ccomp", "acl", "advcl")
                 and k.pos_ in ("VERB", "AUX") and (k.dep_ != "advcl" or k.tag_ == "VB")]
        if g.noun:  # "issued a call for X to stop", "a threat to attack"
            comps += [k for k in g.token.children if k.dep_ in ("acl", "relcl") and k.pos_ == "VERB"]
        for comp in comps:
            target = verbs.get(comp.i)
            if target is None:  # "threatened that if..., Israel will bomb" / "vowed to launch an attack"
                target = next((c for c in cands if c.noun and c.light is comp and not c.absorbed), None)
            if target is None or target is g:
                continue
            g.code = refine(lex, g.entry.governs, g.code, target.code)
            target.governed_by = g
            target.negated_by_governor = g.entry.governs in NEGATING_MAPS
            break

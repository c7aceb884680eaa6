"""PLOVER, quad class, CAMEO and ACLED for one event.

- CAMEO: the trigger entry's code, refined by governed complements (relations.py) and,
  for generic violent codes, by the weapon or means nearest the trigger (means.json:
  "attack ... with a heavy barrage of rockets" 190 -> 194).
- PLOVER: codes.json (the PLOVER 2021 CAMEO table), or the entry's own override.
- Quad class: by CAMEO cue category (codes.json quad_class): 01/02 (statements,
  appeals) are STATEMENT; every other category takes the quad of the PLOVER type the
  manual maps the category to (08 split into CONCEDE 080-083 and RETREAT 084-087).
- ACLED: only material events ACLED codes. Remote weapons decide Explosions/Remote
  violence; otherwise who acts on whom decides between Battles, Violence against
  civilians, Protests and Riots; Strategic developments come from the code or the
  trigger entry. Negated and hypothetical events get none.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.events.lexicon import EventLexicon, MeansCategory
from sitroom.model import Acled, ActorKind, QuadClass

#: generic violent codes a weapon word may specialise
REFINABLE = {"180", "183", "190", "193", "1823", "182"}
#: violent codes whose ACLED sub-event type does not depend on the weapon
FIXED_VIOLENT = {"181", "1821", "191", "192", "196", "1711", "1712", "175", "184"}
PEACEFUL_PROTEST = ("Protests", "Peaceful protest")
INTERVENTION = ("Protests", "Protest with intervention")
EXCESSIVE = ("Protests", "Excessive force against protesters")
VIOLENT_DEMO = ("Riots", "Violent demonstration")
MOB = ("Riots", "Mob violence")
VAC_ATTACK = ("Violence against civilians", "Attack")
CLASH = ("Battles", "Armed clash")
REGAINS = ("Battles", "Government regains territory")
ARMED_KINDS = {ActorKind.MILITARY, ActorKind.POLICE, ActorKind.ARMED_GROUP}
SECURITY_KINDS = {ActorKind.MILITARY, ActorKind.POLICE}
GOVERNMENT_KINDS = {ActorKind.MILITARY, ActorKind.POLICE, ActorKind.GOVERNMENT, ActorKind.STATE}


@dataclass(frozen=True, slots=True)
class Party:
    """What the ACLED mapping needs to know about a source or target."""

    words: frozenset[str]          # lemmas of the head and its modifiers
    kind: ActorKind | None = None  # from a linked actor, when the actors stage ran
    head: str = ""                 # the head's lemma

    def has(self, lex: EventLexicon, role: str) -> bool:
        return bool(self.words & lex.role(role))


def party(head, kind: ActorKind | None) -> Party:
    words = {head.lemma_.lower(), head.lower_}
    for c in head.children:
        if c.dep_ in ("compound", "amod", "nmod", "poss") or (c.dep_ == "prep" and c.lower_ == "of"):
            words.add(c.lemma_.lower())
            if c.dep_ == "prep":
                words.update(t.lemma_.lower() for t in c.subtree)
    # proper-noun modifiers keep their plural as lemma ("Armed Forces units"): add the singular
    words |= {w[:-1] for w in words if len(w) > 3 and w.endswith("s") and not w.endswith("ss")}
    return Party(frozenset(words), kind, head.lemma_.lower())


def quad_class(lex: EventLexicon, code: str) -> QuadClass:
    return lex.quad(code) or QuadClass.STATEMENT


def refine_by_means(code: str, means: MeansCategory | None) -> str:
    if means is not None and code in REFINABLE and code[:2] in ("18", "19", "20"):
        if means.name == "firearms" and code != "190":
            return code
        return means.cameo
    return code


def _armed(p: Party | None, lex: EventLexicon) -> bool:
    return p is not None and (p.kind in ARMED_KINDS or (p.kind is None and p.has(lex, "armed")))


def _security(p: Party | None, lex: EventLexicon) -> bool:
    return p is not None and (p.kind in SECURITY_KINDS or (p.kind is None and p.has(lex, "security")))


def _civilian(p: Party | None, lex: EventLexicon) -> bool:
    if p is None:
        return False
    if p.kind is not None:
        return p.kind in (ActorKind.CIVILIANS, ActorKind.PERSON, ActorKind.MEDIA, ActorKind.ORGANIZATION) \
            and not p.has(lex, "armed")
    return p.has(lex, "civilian") and not p.has(lex, "armed")


def _armed_side(p: Party | None, lex: EventLexicon) -> bool:
    """An armed party, or a state or government (whose forces fight)."""
    return _armed(p, lex) or (p is not None and p.kind in (ActorKind.STATE, ActorKind.GOVERNMENT))


def _civilian_target(p: Party | None, lex: EventLexicon) -> bool:
    return _civilian(p, lex) or (p is not None and p.has(lex, "civilian_objects") and not p.has(lex, "armed"))


def acled_for(lex: EventLexicon, code: str, trigger_lemma: str, override: tuple[str, str] | None,
              overridden: bool, means: MeansCategory | None, src: Party | None, tgt: Party | None,
              lethal: bool, symmetric: bool = False, excessive: bool = False) -> tuple[str, str] | None:
    """The ACLED (event type, sub-event type) of a material event, or None."""
    info = lex.code(code)
    base = override if overridden else (info.acled if info is not None else None)
    root = code[:2]
    protester_tgt = tgt is not None and tgt.has(lex, "protester")
    protester_src = src is not None and src.has(lex, "protester") and not _armed(src, lex)
    mob_src = src is not None and src.has(lex, "mob") and not src.has(lex, "protester") and not _armed(src, lex)
    if overridden and base is not None and base[0] != "Battles":
        return base
    if code == "173":
        return INTERVENTION if protester_tgt else base
    if root == "14":
        if mob_src:
            return MOB
        return VIOLENT_DEMO if code.startswith("145") else base
    if root not in ("17", "18", "19", "20"):
        return base
    if protester_src and (code.startswith("171") or root in ("18", "19")):
        return VIOLENT_DEMO  # rioters torching a street, protesters fighting police
    if symmetric and (protester_tgt or protester_src):
        return VIOLENT_DEMO  # "clashes between police and protesters"
    if code == "175" or protester_tgt:
        if _armed(tgt, lex) and not protester_tgt:
            return CLASH  # "a crackdown on Taliban militants"
        if protester_tgt or tgt is None:
            if not _security(src, lex) and src is not None:
                return MOB  # "a group of Turks attacked a peaceful rally"
            return EXCESSIVE if (lethal or excessive) else INTERVENTION
        return VAC_ATTACK if _civilian_target(tgt, lex) else base
    if code in FIXED_VIOLENT or root == "17":
        if code == "192" and (_security(src, lex) or (src is not None and (
                src.kind in GOVERNMENT_KINDS or src.has(lex, "government")))):
            return REGAINS
        return base
    if means is not None and means.acled is not None:
        return means.acled
    if base is not None and base[0] == "Explosions/Remote violence":
        return base  # "shelled", "bombed": the weapon is in the verb
    if trigger_lemma in lex.role("mob_triggers") or mob_src:
        return MOB
    if _civilian_target(tgt, lex):
        return VAC_ATTACK if base is None or base[0] != "Violence against civilians" else base
    if symmetric or _armed_side(tgt, lex) or (tgt is None and _armed(src, lex)):
        return CLASH if base is None or base[0] != "Explosions/Remote violence" else base
    if _armed(src, lex) and tgt is not None:
        return VAC_ATTACK  # armed men against someone who is not a fighting party
    return base


#: CAMEO codes of a riot (PLOVER PROTEST, mode riot) and of blocking a road in protest
RIOT, OBSTRUCT = "145", "144"
#: violent codes that, done by protesters to property, are a riot
RIOTOUS = ("180", "182", "183", "190", "193", "1712", "171", "192")
#: words of the armed role that also name unarmed crowds ("a group of students")
LOOSE_ARMED = frozenset({"group", "unit", "cell", "faction", "base", "post", "position", "convoy"})


def _strongly_armed(p: Party, lex: EventLexicon) -> bool:
    return p.kind in ARMED_KINDS or p.kind in (ActorKind.STATE, ActorKind.GOVERNMENT) \
        or bool(p.words & (lex.role("armed") - LOOSE_ARMED)) or p.has(lex, "security")


def _crowd(p: Party | None, lex: EventLexicon) -> bool:
    """Protesters, rioters, youths, residents: an unarmed crowd."""
    return p is not None and (p.has(lex, "protester") or p.has(lex, "mob")) and not _strongly_armed(p, lex)


def _unarmed(p: Party | None, lex: EventLexicon) -> bool:
    return p is None or not _strongly_armed(p, lex)


def _people(p: Party | None, lex: EventLexicon) -> bool:
    """Someone, not something: an armed or security party, a person, civilians by name."""
    if p is None:
        return False
    if p.kind in ARMED_KINDS or p.kind in (ActorKind.PERSON, ActorKind.CIVILIANS):
        return True
    if p.head in lex.role("property") or (p.has(lex, "property") and not p.has(lex, "security")):
        return False  # "government buildings" are things; "a police station" is not
    return (p.has(lex, "armed") and not p.words & LOOSE_ARMED) or p.has(lex, "security") or p.has(lex, "civilian")


def _property(p: Party | None, lex: EventLexicon) -> bool:
    """A thing is named as the target: shops, banks, buildings, parliament (not "a police station")."""
    return p is not None and p.has(lex, "property") and not _people(p, lex)


def protest_code(lex: EventLexicon, code: str, src: Party | None, tgt: Party | None, context: bool) -> str | None:
    """The protest code of a violent or coercive event that is really a protest, or None.

    PLOVER codes the violence of a riot as PROTEST (mode riot) when it is aimed at property,
    and keeps ASSAULT for violence against people or against no one named: "youths hurled
    petrol bombs at banks" is a riot, "hurled petrol bombs at a police station" and "one
    protester threw a petrol bomb" assaults. The source is a crowd (protesters, youths,
    residents), or, in an article that reports a protest (``context``), anyone unarmed, named
    or not ("several shops were attacked"). Students occupying a university protest. A
    blockade by civilians is a protest that obstructs passage ("residents blockaded the
    highway")."""
    if code.startswith("191") and src is not None and (_crowd(src, lex) or _civilian(src, lex)) \
            and _unarmed(src, lex):
        return OBSTRUCT
    if code.startswith("192"):  # occupying a town is a military act; a crowd occupying a campus protests
        return RIOT if _crowd(src, lex) and (tgt is None or not _strongly_armed(tgt, lex)) else None
    if not code.startswith(RIOTOUS) or _people(tgt, lex):
        return None
    damage = code.startswith("171")  # the code itself says property was destroyed
    if (_property(tgt, lex) or damage) and (_crowd(src, lex) or (context and _unarmed(src, lex))):
        return RIOT
    return None


#: CAMEO code of seizing or damaging property, which PLOVER calls COERCE when authorities do it
SEIZE_OR_DAMAGE = "171"


def authority_code(lex: EventLexicon, code: str, src: Party | None) -> str | None:
    """Property destruction by the authorities is coercion (171), not an assault: "troops
    destroyed the rebels' hideout", "police demolished the houses"."""
    if code == "1712" and src is not None and (_security(src, lex) or src.kind in GOVERNMENT_KINDS
                                               or src.has(lex, "government")):
        return SEIZE_OR_DAMAGE
    return None


def riot_on_people(lex: EventLexicon, code: str, noun: bool, tgt: Party | None) -> bool:
    """Stones or petrol bombs thrown at people (police, a police station) are an assault, though
    thrown in a riot: PLOVER keeps PROTEST for riots against property (the CAMEO code and the
    ACLED type stay the riot's)."""
    return code.startswith(RIOT) and not noun and tgt is not None and _people(tgt, lex)


def civilian_seizure(lex: EventLexicon, code: str, src: Party | None) -> bool:
    """A civilian finding a weapon ("the bomb was found by a bank employee") seizes nothing:
    confiscation is done by an authority or an armed party."""
    return code.startswith("1711") and src is not None and _civilian(src, lex) and not _armed(src, lex) \
        and not _security(src, lex)


def make_acled(pair: tuple[str, str] | None) -> Acled | None:
    return None if pair is None else Acled(pair[0], pair[1])


def crowd_act(code: str, tok=None) -> bool:
    """A protest, riot or strike (CAMEO 14): an act of a crowd, whom the article may name elsewhere;
    not a word that only modifies another ("the protest movement", "protest leaders")."""
    return code.startswith("14") and (tok is None or tok.dep_ not in ("compound", "amod", "nmod", "poss"))

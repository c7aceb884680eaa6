"""What a count counts: killed, injured, hostage, missing, arrested, displaced, attacks, weapons, other.

The decision, in order (first that applies):

1. the counted noun itself: a unit ("four times", "three counts") is ``other``; a weapon ("2,000
   rockets") is ``weapons``; an event noun ("52 arrests", "two deaths", "45 strikes") names the kind
   (in a partitive the predicate goes first: "two of the wounded *died*" is ``killed``);
2. a modifier inside the noun phrase ("six *abducted* nurses", "three *wounded* soldiers");
3. the nearest cue word: a verb before the number that takes it as object ("*killed* eight
   guards", "the *death of* two medics") or a predicate after the noun phrase ("three porters
   *have died*", "dozens *taken hostage*", "20 rebels and 4 soldiers *dead*"); capture verbs
   ("seized", "captured", "holding") read ``arrested`` for state forces and ``hostage`` for armed groups;
4. the dependency parse (subject or object of a cue verb further away, coordinated nouns);
5. a toll ("the death toll rose to 700");
6. the figure it breaks down ("killed 30, *eight of them* women", "five medics (*three* of them nurses)").

Buildings, vehicles and other property count as ``attacks`` when attacked ("attacked nearly 100
vessels") and as ``other`` otherwise (destroyed homes). Rockets, missiles and drones are
``weapons``; air strikes, raids and attacks are ``attacks``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.figures.subjects import NounPhrase, looks_like_person
from sitroom.model import FigureKind

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.context import DocView
    from sitroom.figures.lexicon import CueIndex, Lexicon
    from sitroom.figures.scan import Expression

OTHER = FigureKind.OTHER
_DELIMS = {",", "--", "-", "—", "–", "(", ")", ";"}
_CLOSE = {"(": ")", ",": ",", "--": "--", "-": "-", "—": "—", "–": "–"}
_AUX = frozenset({"were", "was", "are", "is", "be", "been", "being", "have", "has", "had", "will", "would"})
_PARTITIVE_GAP = re.compile(r"^\s*(?:%|percent|per\s+cent)?\s+of\s+(?:the\s+|these\s+|those\s+)?$", re.IGNORECASE)
_NONE_OF = re.compile(r"(?<![\w])(?:none|neither|nobody|no\s+one|not\s+one|not\s+a\s+single\s+one)\s+of\s+"
                      r"(?:the\s+|these\s+|those\s+|its\s+|their\s+|our\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Candidate:
    """One number expression being turned into a figure."""

    expr: Expression
    ts: int  # first token (qualifier included)
    te: int  # token after the number
    sent: tuple[int, int, int]  # (index, first token, end token)
    np: NounPhrase | None = None
    #: the noun phrase the kind is read from (a dangling "14 Afghan and" uses the next one's)
    kind_np: NounPhrase | None = None
    kind: FigureKind | None = None
    explicit: bool = False  # a cue said so (not the default)
    unit: bool = False  # a quantity of a unit: no subject
    skip: bool = False
    category: str = "none"  # what the counted noun is (see noun_kind)


@dataclass(frozen=True, slots=True)
class Cue:
    kind: FigureKind
    dist: int
    left: bool
    token: int  # the cue's (last) token
    capture: bool = False
    #: a participle right after the noun, no auxiliary before it ("fishermen killed in ..."): it
    #: modifies the noun, so it is the predicate of the noun's own count, not of a partitive's outer one
    bare: bool = False


# ---- phrase matching -------------------------------------------------------------------

def _forward(view: DocView, j: int, end: int, idx: CueIndex) -> tuple[FigureKind, int] | None:
    """A cue phrase starting at token ``j``: (kind, token after it); the longest phrase wins."""
    low = view.low(j)
    best: tuple[FigureKind, int] | None = None
    for key in (low, "*"):
        for phrase, kind in idx.by_first.get(key, ()):
            k, ok = j, True
            for word in phrase:
                while k < end and view.space(k):
                    k += 1
                if k >= end or (word != "*" and view.low(k) != word):
                    ok = False
                    break
                k += 1
            if ok:
                if best is None or k > best[1]:
                    best = (kind, k)
                break
    if best is not None:
        return best
    lemma = view.lemma(j)
    if lemma != low and lemma in idx.single:
        return idx.single[lemma], j + 1
    return None


def _backward(view: DocView, j: int, start: int, idx: CueIndex) -> tuple[FigureKind, int] | None:
    """A cue phrase ending at token ``j``: (kind, its first token)."""
    low = view.low(j)
    for phrase, kind in idx.by_last.get(low, ()):
        k, ok = j, True
        for word in reversed(phrase):
            while k >= start and view.space(k):
                k -= 1
            if k < start or (word != "*" and view.low(k) != word):
                ok = False
                break
            k -= 1
        if ok:
            return kind, k + 1
    lemma = view.lemma(j)
    if lemma != low and lemma in idx.single:
        return idx.single[lemma], j
    return None


def _negated(view: DocView, i: int) -> bool:
    """"were not hurt", "did not kill": the count is of people it did not happen to."""
    if any(view.dep(ch) == "neg" for ch in view.children(i)):
        return True
    j = i - 1
    while j >= 0 and (view.space(j) or view.low(j) in ("been", "be", "being")):
        j -= 1
    return j >= 0 and view.low(j) in ("not", "never", "n't", "no")


# ---- the noun ---------------------------------------------------------------------------

def noun_kind(view: DocView, np: NounPhrase | None, lex: Lexicon) -> tuple[str, FigureKind | None]:
    """("unit"|"duration"|"property"|"noun"|"person"|"thing"|"none", kind) of the counted noun; "noun" is a
    noun that names the kind itself: an event ("deaths", "arrests", "air strikes") or a weapon ("rockets")."""
    if np is None or np.head is None:
        return "none", None
    h = np.head
    low, lemma = view.low(h), view.lemma(h)
    w = lex.words
    if low in w["durations"]:
        return "duration", None
    hit = _backward(view, h, np.start, lex.cues["nouns"])
    if hit is not None:
        return "noun", hit[0]
    if low in w["containers"] and _weapon_of(view, h, lex):
        return "noun", FigureKind.WEAPONS  # "10 units of TNT", "four crates of grenades"
    if low in w["units"]:
        return "unit", OTHER
    if low in w["property"] or lemma in w["property"]:
        return "property", None
    return ("person" if looks_like_person(view, h, lex) else "thing"), None


def _weapon_of(view: DocView, h: int, lex: Lexicon) -> bool:
    """A container noun followed by "of" and, within three words, a weapon ("units of TNT")."""
    j = view.next_word(h + 1, view.n)
    if j >= view.n or view.low(j) != "of":
        return False
    nouns = lex.cues["nouns"]
    for k in range(j + 1, min(view.n, j + 5)):
        if view.punct(k):
            return False
        if nouns.single.get(view.low(k)) is FigureKind.WEAPONS:
            return True
    return False


def _restated(c: Candidate, view: DocView, lex: Lexicon) -> FigureKind | None:
    """An elided count right after a dash or colon restates the noun before it:
    "air strikes -- eight in the last 24 hours", "arrests: 40 in the capital"."""
    first = c.sent[1]
    j = c.ts - 1
    while j >= first and view.space(j):
        j -= 1
    if j <= first or view.tok(j) not in ("--", "—", "–", ":", "-"):
        return None
    k = j - 1
    while k >= first and view.space(k):
        k -= 1
    if k < first:
        return None
    hit = _backward(view, k, first, lex.cues["nouns"])
    return hit[0] if hit is not None else None


def _modifier(view: DocView, np: NounPhrase, lex: Lexicon) -> FigureKind | None:
    mod = lex.cues["mod"].single
    for i in range(np.start, np.end - 1):
        kind = mod.get(view.low(i))
        if kind is not None:
            return kind
    return None


# ---- cues around the number ----------------------------------------------------------------

def _left(c: Candidate, view: DocView, lex: Lexicon) -> Cue | None:
    first = c.sent[1]
    skip = lex.words["skip_left"]
    j, skipped = c.ts - 1, 0
    while j >= first and (view.space(j) or (view.low(j) in skip and skipped < 2)):
        skipped += 0 if view.space(j) else 1
        j -= 1
    if j < first:
        return None
    hit = _backward(view, j, first, lex.cues["left"])
    if hit is not None:
        return Cue(hit[0], skipped, True, j)
    low, lemma = view.low(j), view.lemma(j)
    if low == "of" and j - 1 >= first:
        hit = _backward(view, j - 1, first, lex.cues["of"])
        return Cue(hit[0], skipped, True, j - 1) if hit is not None else None
    if low in lex.words["verbs"] or lemma in lex.words["verbs"]:
        return Cue(OTHER, skipped, True, j, capture=True)
    if lemma == "include":  # "those detained included 7 Chadians": the including noun says
        for ch in view.children(j):
            if view.dep(ch) in ("nsubj", "nsubjpass"):
                for role in ("nouns", "right", "mod"):
                    kind = lex.cues[role].single.get(view.low(ch))
                    if kind is not None and kind is not OTHER:
                        return Cue(kind, skipped + 1, True, ch)
    return None


def _right(c: Candidate, np: NounPhrase, view: DocView, lex: Lexicon, by_start: dict[int, Candidate]) -> Cue | None:
    """The predicate after the noun phrase, through auxiliaries, asides and coordinated figures."""
    end = c.sent[2]
    right, skip = lex.cues["right"], lex.words["skip_right"]
    j, dist, budget, jumped, aux = np.after, 0, 9, False, False
    while j < end and budget > 0:
        if view.space(j):
            j += 1
            continue
        hit = _forward(view, j, end, right)
        if hit is not None:
            if view.next_word(hit[1], end) in by_start:
                return None  # "and injured 50": the cue takes the next number as its object
            return Cue(hit[0], dist, False, j, bare=not aux and view.tag(j) == "VBN")
        low = view.low(j)
        aux = aux or low in _AUX
        budget -= 1
        if low in skip or (low.endswith("ly") and len(low) > 4 and view.pos(j) in ("ADV", "PROPN", "ADJ")):
            j, dist = j + 1, dist + 1  # "were reportedly", "had been brutally"
            continue
        if j < np.stop and not view.punct(j):
            j, dist = j + 1, dist + 1  # a modifier dropped from the phrase's end: "20 Wampis indigenous die"
            continue
        if low in _DELIMS or low in ("and", "or"):
            nxt = view.next_word(j + 1, end)
            if low not in ("and", "or") and nxt < end and nxt not in by_start and (
                    view.low(nxt) in skip or _forward(view, nxt, end, right) is not None):
                j, dist = nxt, dist + 1  # "two women, were killed"
                continue
            if low in _CLOSE and not jumped:  # an aside: "hundreds of people, many of them children, had been"
                close, k = _CLOSE[low], nxt
                while k < min(end, nxt + 12) and view.tok(k) != close:
                    k += 1
                if k < min(end, nxt + 12):
                    j, dist, jumped = k + 1, dist + 1, True
                    continue
            if nxt in by_start and by_start[nxt] is not c:  # "20 rebels and 4 soldiers dead"
                other = by_start[nxt]
                j, dist = (other.np.after if other.np else other.te), dist + 1
                continue
            if low in ("and", "or") and nxt < end and view.low(nxt) in ("a", "an", "another", "the", "one"):
                k = nxt + 1  # "two women and a man were killed"
                while k < end and k <= nxt + 3 and not view.punct(k) and view.low(k) not in skip \
                        and _forward(view, k, end, right) is None:
                    k += 1
                j, dist = k, dist + 1
                continue
        break
    return None


def _outer_of_partitive(c: Candidate, view: DocView, by_start: dict[int, Candidate]) -> bool:
    """``c`` counts a part of another count: "9 *of the 14* fishermen"."""
    j = view.next_word(c.te, c.sent[2])
    if j >= c.sent[2] or view.low(j) != "of":
        return False
    j = view.next_word(j + 1, c.sent[2])
    while j < c.sent[2] and view.low(j) in ("the", "these", "those"):
        j = view.next_word(j + 1, c.sent[2])
    return j in by_start and by_start[j] is not c


def _syntax(c: Candidate, np: NounPhrase, view: DocView, lex: Lexicon, *, modifiers: bool = True) -> Cue | None:
    """Cues the parse links to the counted noun (or to the number when the noun is elided); without
    ``modifiers`` the noun's own modifiers do not count (they are the inner count's in "9 of the 14
    fishermen killed")."""
    n = np.head if np.head is not None else c.te - 1
    for _ in range(3):
        if view.dep(n) != "conj":
            break
        n = view.head(n)
    cues = lex.cues
    for ch in view.children(n) if modifiers else ():
        if view.dep(ch) in ("acl", "relcl", "amod") and ch > n:
            kind = cues["right"].single.get(view.low(ch)) or cues["mod"].single.get(view.low(ch))
            if kind is not None:
                return Cue(kind, 5, False, ch)
    head, dep = view.head(n), view.dep(n)
    if dep in ("nsubj", "nsubjpass"):
        for tok in (head, *[ch for ch in view.children(head) if view.dep(ch) in ("acomp", "oprd", "attr")]):
            hit = _forward(view, tok, c.sent[2], cues["right"])
            if hit is not None:
                return Cue(hit[0], 5, False, tok)
    elif dep in ("dobj", "obj"):
        hit = _backward(view, head, c.sent[1], cues["left"])
        if hit is not None:
            return Cue(hit[0], 5, True, head)
        if view.low(head) in lex.words["verbs"] or view.lemma(head) in lex.words["verbs"]:
            return Cue(OTHER, 5, True, head, capture=True)
        for ch in view.children(head):
            if view.dep(ch) in ("oprd", "ccomp", "xcomp", "acomp") and ch > n:
                kind = cues["right"].single.get(view.low(ch))
                if kind is not None:
                    return Cue(kind, 5, False, ch)
    elif dep == "pobj" and view.low(head) == "of" and view.head(head) < head:
        hit = _backward(view, view.head(head), c.sent[1], cues["of"])
        if hit is not None:
            return Cue(hit[0], 5, True, view.head(head))
    return None


def _agent(view: DocView, verb: int, lex: Lexicon, sent_start: int) -> FigureKind:
    """Whoever seizes or holds people: state forces arrest, armed groups take hostages."""
    state, nonstate = lex.words["state_agents"], lex.words["nonstate_agents"]

    def judge(tokens) -> FigureKind | None:
        for t in tokens:
            low = view.low(t)
            if low in nonstate:
                return FigureKind.HOSTAGE
            if low in state:
                return FigureKind.ARRESTED
        return None

    v = verb
    for _ in range(4):
        for s in view.children(v):
            if view.dep(s) in ("nsubj", "agent"):
                found = judge([s, *view.children(s), *[g for k in view.children(s) for g in view.children(k)]])
                if found is not None:
                    return found
        if view.dep(v) not in ("advcl", "conj", "xcomp", "acl", "relcl", "pcomp") or view.head(v) == v:
            break
        v = view.head(v)
    return judge(range(verb - 1, sent_start - 1, -1)) or FigureKind.ARRESTED


def _toll(c: Candidate, view: DocView, lex: Lexicon, by_start: dict[int, Candidate]) -> FigureKind | None:
    """"the death toll rose to 700", "the toll ... passing 9,000 people": counts of the dead."""
    first = c.sent[1]
    j = c.ts - 1
    while j >= first and view.space(j):
        j -= 1
    if j < first or view.low(j) not in lex.words["toll_links"]:
        return None
    phrases, lasts = lex.phrases["toll_nouns"], lex.toll_last_words
    link_of = view.low(j) == "of"  # "a toll of 50", but not "ports of a dozen states"
    for k in range(j - 1 if link_of else j, max(first - 1, j - (2 if link_of else 30)), -1):
        if k in by_start and by_start[k] is not c:
            return None
        low = view.low(k)
        if low in lasts:
            for phrase in phrases:
                n = len(phrase)
                if phrase[-1] == low and k - n + 1 >= first and \
                        tuple(view.low(i) for i in range(k - n + 1, k + 1)) == phrase:
                    return OTHER if "casualt" in " ".join(phrase) else FigureKind.KILLED
        if low == "number" and k + 1 < j and view.low(k + 1) == "of":
            # "the number of abducted girls was well above 100": the cue inside names the kind
            for t in range(k + 2, min(j, k + 5)):
                for role in ("mod", "nouns", "right"):
                    kind = lex.cues[role].single.get(view.low(t))
                    if kind is not None:
                        return kind
            return None
    return None


def _breakdown(c: Candidate, prev: Candidate | None, view: DocView, lex: Lexicon) -> FigureKind | None:
    """A subset, breakdown or update of the figure before it takes that figure's kind."""
    if prev is None or prev.kind in (None, OTHER) or prev.sent[0] != c.sent[0]:
        return None
    if c.np is not None and c.np.pronoun:  # "eight of them", "six of whom"
        return prev.kind
    gap_from = prev.np.stop if prev.np is not None else prev.te
    words = tuple(view.low(i) for i in range(gap_from, c.ts) if not view.space(i))
    if any(words[-len(p):] == p for p in lex.phrases["include_words"] if len(words) >= len(p)):
        return prev.kind
    update = words[-2:] in (("compared", "with"), ("compared", "to")) or (
        len(words) >= 2 and words[-1] == "from" and words[-2] in lex.words["change_verbs"])
    if update and len(words) <= 6 and c.category in ("none", "person"):
        return prev.kind  # a toll update: "rose to 700 on Tuesday, up from 500"
    if words and all(w in _DELIMS or w in ("and", "or") for w in words):
        if c.np is None or c.np.head is None or c.np.dangling:
            return prev.kind
        stop = c.np.stop
        if stop >= c.sent[2] or view.pos(stop) not in ("VERB", "AUX") or view.unreliable_case(stop):
            return prev.kind
    return None


def resolve(cands: list[Candidate], view: DocView, lex: Lexicon) -> None:
    """Set ``kind`` (and ``explicit``) on every candidate, left to right."""
    by_start = {c.ts: c for c in cands if not c.skip}
    for c in cands:
        if c.expr.qualifier_text:
            by_start.setdefault(view.tokens(c.expr.num_start, c.expr.num_end)[0], c)
    prev: Candidate | None = None
    for c in cands:
        if c.skip:
            continue
        if c.unit:
            c.kind = OTHER
        else:
            _resolve_one(c, prev, view, lex, by_start)
        prev = c


def _resolve_one(c: Candidate, prev: Candidate | None, view: DocView, lex: Lexicon,
                 by_start: dict[int, Candidate]) -> None:
    np = c.kind_np or c.np
    if _NONE_OF.search(view.text[max(0, c.expr.start - 30):c.expr.start]):
        c.kind = OTHER  # "none of the 6 monks ... was hurt": the count is the zero's domain
        return
    category, kind = noun_kind(view, np, lex)
    c.category = category
    if category == "duration":
        c.skip = True
        return
    if category == "unit":
        c.kind, c.unit = OTHER, True
        return
    if kind is not None and not (np.partitive and category == "noun"):
        c.kind, c.explicit = kind, True
        return
    if np is not None and np.head is not None:
        mod = _modifier(view, np, lex)
        if mod is not None:
            c.kind, c.explicit = mod, True
            return
    # the inner number of a partitive ("three of the five hostages died") does not take the predicate
    inner = prev is not None and _PARTITIVE_GAP.match(view.text[prev.expr.end:c.expr.start]) is not None
    right = _right(c, np, view, lex, by_start) if np is not None else None
    outer = _outer_of_partitive(c, view, by_start)
    if right is not None and ((inner and not right.bare) or (not inner and right.bare and outer)):
        # "9 of the 14 fishermen killed in ...": the participle is the 14's; "three of the five hostages
        # died": the verb is the three's
        right = None
    found = [x for x in (_left(c, view, lex), right) if x]
    found.sort(key=lambda x: (x.dist, x.kind is OTHER, not x.left))
    cue = found[0] if found else (_syntax(c, np, view, lex, modifiers=not outer) if np is not None else None)
    if cue is not None and cue.kind is not OTHER and _negated(view, cue.token):
        c.kind = OTHER
        return
    if cue is not None and cue.capture:
        if np is not None and np.head is not None and looks_like_person(view, np.head, lex):
            c.kind, c.explicit = _agent(view, cue.token, lex, c.sent[1]), True
            return
        cue = None
    if cue is None and kind is not None:  # "two of the wounded", with nothing said of the two
        c.kind, c.explicit = kind, True
        return
    if cue is not None:
        if cue.kind is FigureKind.ATTACKS and category == "person":
            c.kind = OTHER  # "attacked three people": harmed, not killed or hurt
        elif category == "property" and cue.kind is not FigureKind.ATTACKS:
            c.kind = OTHER
        else:
            c.kind = cue.kind
        c.explicit = True
        return
    if category == "property":
        c.kind = OTHER
        return
    toll = _toll(c, view, lex, by_start) if category in ("none", "person") else None
    if toll is not None:
        c.kind, c.explicit = toll, True
        return
    inherited = _breakdown(c, prev, view, lex)
    if inherited is not None:
        c.kind, c.explicit = inherited, True
        return
    restated = _restated(c, view, lex) if category == "none" else None
    if restated is not None:
        c.kind, c.explicit = restated, True
        return
    c.kind = OTHER

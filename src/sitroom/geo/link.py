"""Where an event happened: the place tied to its trigger, else the article's main place.

The events stage calls :func:`event_place` for each trigger. In the trigger's sentence a
place mention counts when it is attached by a locative preposition ("in towns in southern
Israel", "inside Gaza", "near Kharkiv") to the trigger or to a word that depends on it;
the closest such attachment wins. A place that is the subject of a speech verb ("Tehran
said", "Kyiv accused") is a speaker, never the event's location, and so is a place inside
an organisation's or a person's name ("the Gaza health ministry"). When the sentence ties
no place to the trigger, the article's :func:`main_place` is used if there is a clear one.
"""
from __future__ import annotations

from sitroom.model import Place, Span

#: prepositions that place what they attach to ("from", "to" and "against" do not: "crossing from Gaza")
LOCATIVE = frozenset({"in", "inside", "near", "at", "across", "throughout", "around", "outside", "within",
                      "along", "on", "off", "into", "towards", "toward", "over", "nearby", "outskirts",
                      "between", "beyond", "by", "onto", "under", "amid", "among"})
#: verbs whose subject is a speaker ("Tehran said", "Moscow denied", "Washington warned")
SPEECH = frozenset({"say", "tell", "announce", "claim", "state", "report", "accuse", "deny", "warn", "vow",
                    "threaten", "insist", "confirm", "add", "urge", "call", "condemn", "demand", "blame",
                    "respond", "reply", "note", "argue", "declare", "allege", "praise", "welcome", "reject",
                    "dismiss", "suggest", "signal", "indicate", "acknowledge", "admit", "pledge", "promise",
                    "criticize", "criticise", "denounce", "ask", "want", "believe", "think", "hope",
                    "expect", "fear", "agree", "order", "decide", "approve"})
#: verbs whose direct object, when a place, is where they happened ("shelled Kharkiv")
TARGETING = frozenset({"hit", "strike", "shell", "bomb", "attack", "raid", "invade", "enter", "storm", "capture",
                       "seize", "besiege", "target", "bombard", "pound", "overrun", "occupy", "blockade",
                       "infiltrate", "encircle", "retake", "recapture", "liberate", "evacuate", "flee", "rock"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
OWNER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
#: how many heads up from the preposition the trigger may be ("attack on towns in southern Israel": 2)
MAX_HOPS = 4


def _tokens(doc, span: Span):
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def _mentions(places: tuple[Place, ...], doc):
    for p in places:
        for m in p.mentions:
            toks = _tokens(doc, m)
            if toks is not None and len(toks):
                yield p, toks


def _owned(toks, doc) -> bool:
    """Inside a longer organisation or person name ("Gaza health ministry", "Israel Defense Forces")."""
    for t in toks:
        if t.ent_type_ in OWNER_LABELS:
            ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
            if ent is not None and (ent.start < toks.start or ent.end > toks.end):
                return True
    return False


def is_speaker(toks) -> bool:
    """The place is (part of) the subject of a speech verb: an actor, not a location."""
    root = toks.root
    node = root
    for _ in range(3):
        if node.dep_ in SUBJECTS and node.head.lemma_.lower() in SPEECH:
            return True
        if node.dep_ in ("conj", "appos", "compound", "poss") and node.head is not node:
            node = node.head
            continue
        break
    return False


def _locative_head(toks):
    """The preposition that places this mention ("in", "inside"...), or None."""
    root = toks.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in LOCATIVE:
        return head
    # "in southern Israel's towns", "in the north of Gaza", "near the border with Lebanon":
    # the place modifies the object of the locative preposition
    if root.dep_ in ("poss", "compound", "pobj", "nmod") and head is not root:
        up = head
        if up.dep_ == "prep" and up.lower_ in ("of", "with"):
            up = up.head
        if up.dep_ == "pobj" and up.head.lower_ in LOCATIVE:
            return up.head
    if root.dep_ == "npadvmod" and root.head.lower_ in LOCATIVE:  # "near Kharkiv" parsed as adverbial
        return root.head
    return None


def _hops(start, target_tokens: set[int]) -> int | None:
    """Heads from ``start`` up to a token of the trigger (0 when ``start`` is one)."""
    node, hops = start, 0
    while hops <= MAX_HOPS:
        if node.i in target_tokens:
            return hops
        if node.head is node:
            return None
        node, hops = node.head, hops + 1
    return None


def event_place(places: tuple[Place, ...], doc, trigger: Span, *, main_place_id: str | None) -> str | None:
    """The id of the place where the event of ``trigger`` happened, or None when the text does not say.

    ``doc`` is the article's spaCy Doc (the "spacy" layer); ``main_place_id`` is what
    :func:`main_place` returned for the article (computed once per article by the caller).
    """
    trig = _tokens(doc, trigger)
    if trig is None or not len(trig):
        return main_place_id
    sent = trig.root.sent
    trigger_tokens = {t.i for t in trig}
    best: tuple[int, int, str] | None = None  # (hops, distance, place id)
    for place, toks in _mentions(places, doc):
        if toks.start < sent.start or toks.end > sent.end:
            continue
        if is_speaker(toks) or _owned(toks, doc):
            continue
        prep = _locative_head(toks)
        if prep is None:
            # "rockets hit Haifa", "troops shelled Kharkiv": the place is what the attack verb acts on
            root = toks.root
            if root.dep_ in ("dobj", "npadvmod") and root.head.i in trigger_tokens \
                    and root.head.lemma_.lower() in TARGETING:
                distance = min(abs(toks.start - trig.start), abs(trig.end - toks.end))
                key = (0, distance, place.id)
                best = key if best is None or key < best else best
            continue
        hops = _hops(prep.head if prep.head is not prep else prep, trigger_tokens)
        if hops is None:
            # the trigger is inside the preposition's phrase or attached below it
            hops = _hops(trig.root, {prep.i, prep.head.i})
            if hops is None:
                continue
        distance = min(abs(toks.start - trig.start), abs(trig.end - toks.end))
        key = (hops, distance, place.id)
        if best is None or key < best:
            best = key
    return best[2] if best is not None else main_place_id


def main_place(places: tuple[Place, ...], doc) -> str | None:
    """The place the article is about, when one clearly stands out; else None.

    Each mention counts 1, twice in the first sentence (the lede or dateline); a mention that
    is a speaker ("Tehran said") or inside a name ("Israel Defense Forces") counts a fifth.
    The leader must have at least two points and half again as many as the runner-up.
    """
    if not places:
        return None
    scores: dict[str, float] = {}
    first_end = next(iter(doc.sents)).end if len(doc) else 0
    for place, toks in _mentions(places, doc):
        w = 2.0 if toks.start < first_end else 1.0
        if is_speaker(toks) or _owned(toks, doc):
            w *= 0.2
        scores[place.id] = scores.get(place.id, 0.0) + w
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    top_id, top = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= 2.0 and top >= 1.5 * runner:
        return top_id
    return None

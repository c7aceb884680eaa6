"""Where an event happened: the place named in its clause, else its sentence, else its scope.

:class:`PlaceLinker` is built once per article (one pass over the place mentions and the
named entities, mentions indexed by sentence) and then answers each trigger by looking only
at the mentions of the trigger's own sentence, so linking an article is linear in its length.

The precedence (docs/stages.md, "Events: places"):

1. **clause**: a mention attached by a locative preposition ("in towns in southern Israel",
   "inside Gaza", "near Kharkiv") to the trigger or to a word that depends on it, or the place
   an attack verb acts on ("rockets hit Haifa"); the closest attachment wins;
2. **sentence**: a locative mention elsewhere in the trigger's sentence ("In Goma, police said
   gunmen killed two traders"), the finest feature first, then the closest;
3. **scope**: the place the caller carries from the paragraph or list lead (``scope_place``);
4. **dateline**: the place of an opening dateline ("MOSUL, Iraq (AP) -", "Lima, 10 Dec 88 --");
5. the article's :meth:`PlaceLinker.main_place`, when one clearly leads.

A place that is the subject of a speech verb ("Tehran said", "Kyiv accused") is a speaker,
never the event's location, and so is a place inside an organisation's or a person's name
("the Gaza health ministry"). A region or country is taken at the sentence step only when no
finer place of that sentence qualifies.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from sitroom.model import Feature, Place, Span

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
#: coarse features: taken from a sentence only when it names nothing finer
COARSE = frozenset({Feature.COUNTRY, Feature.ADMIN1, Feature.REGION})
#: words that make a place the reference point of a distance or bearing ("66 km west of San
#: Salvador", "41 km from Ayacucho"): what happened is elsewhere
BEARINGS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                      "north-east", "north-west", "south-east", "south-west", "km", "kms", "kilometres",
                      "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters"})
#: finer first when several places of a sentence qualify
RANK = {Feature.CITY: 0, Feature.OTHER: 1, Feature.ADMIN2: 2, Feature.WATER: 3, Feature.ADMIN1: 4,
        Feature.REGION: 5, Feature.COUNTRY: 6}


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """The place of one event and the step that chose it (clause, sentence, scope, dateline, main)."""

    place: str
    source: str


@dataclass(slots=True)
class _Mention:
    place: Place
    toks: object  # spaCy Span
    excluded: bool  # a speaker or inside a longer name
    modifier: bool = False  # a country naming a party ("U.S. airstrikes"): counts little for the main place
    bearing: object = None  # "west" of "66 km west of San Salvador": the place only locates something else


def _tokens(doc, span: Span):
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def _owner_ents(doc) -> dict[int, tuple[int, int]]:
    """Token index -> (start, end) of the organisation / person / ... entity that covers it,
    built in one pass over ``doc.ents``."""
    out: dict[int, tuple[int, int]] = {}
    for e in doc.ents:
        if e.label_ in OWNER_LABELS:
            for i in range(e.start, e.end):
                out[i] = (e.start, e.end)
    return out


def _owned(toks, owners: dict[int, tuple[int, int]]) -> bool:
    """Inside a longer organisation or person name ("Gaza health ministry", "Israel Defense Forces")."""
    for t in toks:
        ent = owners.get(t.i)
        if ent is not None and (ent[0] < toks.start or ent[1] > toks.end):
            return True
    return False


def reference_bearing(toks):
    """"66 km west of San Salvador", "3 km north of Santa Ana", "41 km from Ayacucho": the place
    locates something else; the bearing or distance word ("west", "km"), or None."""
    node = toks.root
    for _ in range(3):  # "41 km from the southern city of Ayacucho": up through "city" to "km"
        if node.dep_ != "pobj" or node.head.lower_ not in ("of", "from"):
            return None
        node = node.head.head
        if node.lower_ in BEARINGS:
            return node
    return None


def is_speaker(toks) -> bool:
    """The place is (part of) the subject of a speech verb: an actor, not a location."""
    node = toks.root
    for _ in range(3):
        if node.dep_ in SUBJECTS and node.head.lemma_.lower() in SPEECH:
            return True
        if node.dep_ in ("conj", "appos", "compound", "poss") and node.head is not node:
            node = node.head
            continue
        break
    return False


def _locative_head(toks):
    """(the preposition that places this mention, the word its phrase attaches to), or None."""
    root = toks.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in LOCATIVE:
        return head, head.head
    # "in southern Israel's towns", "in the north of Gaza", "near the border with Lebanon":
    # the place modifies the object of the locative preposition
    if root.dep_ in ("poss", "compound", "pobj", "nmod", "appos") and head is not root:
        up = head
        if up.dep_ == "prep" and up.lower_ in ("of", "with"):
            up = up.head
        if up.dep_ == "pobj" and up.head.lower_ in LOCATIVE:
            return up.head, up.head.head
    if root.dep_ == "npadvmod" and root.head.lower_ in LOCATIVE:  # "near Kharkiv" parsed as adverbial
        return root.head, root.head.head
    # "Near Dikwa, one strike destroyed ...": a capitalised preposition read as part of the name
    if toks.start > 0:
        before = toks.doc[toks.start - 1]
        if before.lower_ in LOCATIVE and before.head.i in range(toks.start, toks.end) \
                and before.dep_ in ("compound", "amod", "nmod"):
            return before, head
    return None


def talked_about(trig) -> bool:
    """The event is what a speech act is about ("In Kyiv, officials condemned the attacks",
    "denied the killings"): where the speech was made says nothing of where it happened."""
    root = trig.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":  # "accused the army of the killings"
        head = head.head
    return root.dep_ in ("dobj", "pobj", "nsubjpass") and head.lemma_.lower() in SPEECH


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


class PlaceLinker:
    """Event places of one article. Build once per article; each query reads one sentence.

    ``dateline`` is the character span of the place an opening dateline names, when the caller
    found one. ``examined`` counts the mentions looked at by queries (a guard against going
    back to a scan of the whole article per event).
    """

    def __init__(self, places: tuple[Place, ...], doc, *, dateline: tuple[int, int] | None = None) -> None:
        self.doc = doc
        self.dateline_place: str | None = None
        self.examined = 0
        self._sent_starts = [s.start for s in doc.sents] if len(doc) else []
        owners = _owner_ents(doc)
        self._by_sent: dict[int, list[_Mention]] = {}
        self.mentions: list[_Mention] = []
        for p in places:
            for m in p.mentions:
                toks = _tokens(doc, m)
                if toks is None or not len(toks):
                    continue
                root = toks.root
                mention = _Mention(p, toks, is_speaker(toks) or _owned(toks, owners),
                                   p.feature in COARSE and root.dep_ in ("compound", "amod", "nmod")
                                   and root.head.pos_ in ("NOUN", "PROPN"), reference_bearing(toks))
                self.mentions.append(mention)
                self._by_sent.setdefault(self._sentence_of(toks.start), []).append(mention)
        self.mentions.sort(key=lambda x: x.toks.start)
        if dateline is not None:
            self.dateline_place = next((m.place.id for m in self.mentions
                                        if m.toks.start_char < dateline[1] and dateline[0] < m.toks.end_char), None)
        self._main = self._main_place()
        self._features = {p.id: p.feature for p in places}
        self._country = {p.id: p.country for p in places}

    def _sentence_of(self, i: int) -> int:
        k = bisect_right(self._sent_starts, i) - 1
        return self._sent_starts[k] if k >= 0 else 0

    @property
    def main_place(self) -> str | None:
        return self._main

    def feature(self, place_id: str | None) -> Feature | None:
        return self._features.get(place_id) if place_id is not None else None

    # ---- the article's main place ----------------------------------------------------
    def _main_place(self) -> str | None:
        """The place the article is about, when one clearly stands out; else None.

        Each mention counts 1, twice in the first sentence (the lede or dateline); a mention that
        is a speaker ("Tehran said"), inside a name ("Israel Defense Forces"), a country naming a
        party ("U.S. airstrikes") or a distance's reference point counts a fifth.
        The leader must have at least two points and half again as many as the runner-up.
        """
        if not self.mentions:
            return None
        first_end = self._sent_starts[1] if len(self._sent_starts) > 1 else len(self.doc)
        scores: dict[str, float] = {}
        for m in self.mentions:
            w = 2.0 if m.toks.start < first_end else 1.0
            if m.excluded or m.modifier or m.bearing is not None:
                w *= 0.2
            scores[m.place.id] = scores.get(m.place.id, 0.0) + w
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        top_id, top = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        if top >= 2.0 and top >= 1.5 * runner:
            return top_id
        return None

    # ---- one event -------------------------------------------------------------------
    def clause_place(self, trigger: Span) -> str | None:
        """The place tied to the trigger in its clause, or None."""
        trig = _tokens(self.doc, trigger)
        if trig is None or not len(trig):
            return None
        return self._clause(trig)

    def _sentence_mentions(self, trig) -> list[_Mention]:
        found = self._by_sent.get(self._sentence_of(trig.start), [])
        self.examined += len(found)
        return found

    def _clause(self, trig) -> str | None:
        trigger_tokens = {t.i for t in trig}
        best: tuple[int, int, str] | None = None  # (hops, distance, place id)
        for m in self._sentence_mentions(trig):
            if m.excluded:
                continue
            toks = m.toks
            distance = min(abs(toks.start - trig.start), abs(trig.end - toks.end))
            if m.bearing is not None:
                # "a village 20 miles south of Goma": the nearest named place, after any place named as
                # where it happened ("in Santa Ana, 66 km west of San Salvador")
                hops = _hops(m.bearing, trigger_tokens)
                if hops is not None:
                    key = (MAX_HOPS + 1 + hops, distance, m.place.id)
                    best = key if best is None or key < best else best
                continue
            located = _locative_head(toks)
            if located is None:
                # "rockets hit Haifa", "troops shelled Kharkiv": the place is what the attack verb acts on
                root = toks.root
                if root.dep_ in ("dobj", "npadvmod") and root.head.i in trigger_tokens \
                        and root.head.lemma_.lower() in TARGETING:
                    key = (0, distance, m.place.id)
                    best = key if best is None or key < best else best
                continue
            prep, attach = located
            hops = _hops(attach if attach is not prep else prep, trigger_tokens)
            if hops is None:
                if talked_about(trig):
                    continue  # a place on the speech verb is where it was said
                # the trigger is inside the preposition's phrase or attached below it
                hops = _hops(trig.root, {prep.i, attach.i})
                if hops is None:
                    continue
            key = (hops, distance, m.place.id)
            if best is None or key < best:
                best = key
        return best[2] if best is not None else None

    def _sentence(self, trig) -> str | None:
        """A locative place on a word that governs the trigger ("In Goma, police said gunmen
        killed two traders": "said" governs "killed"); finest feature first, then the closest.
        A place inside another clause of the sentence ("the inmates held in the prison") is not
        the event's."""
        governors: set[int] = set()
        node = trig.root
        for _ in range(MAX_HOPS + 2):
            if node.head is node:
                break
            node = node.head
            governors.add(node.i)
        best: tuple[int, int, str] | None = None
        for m in self._sentence_mentions(trig):
            if m.excluded or m.bearing is not None:
                continue
            located = _locative_head(m.toks)
            if located is None or located[1].i not in governors:
                continue
            distance = min(abs(m.toks.start - trig.start), abs(trig.end - m.toks.end))
            key = (RANK.get(m.place.feature, 1), distance, m.place.id)
            if best is None or key < best:
                best = key
        return best[2] if best is not None else None

    def fallback(self) -> str | None:
        """Steps 4 and 5: the dateline's place, unless the article clearly centres on a place
        of another country (a report filed from abroad), then that place; else the main place."""
        dl, main = self.dateline_place, self._main
        if dl is None:
            return main
        if main is not None and main != dl and self._country.get(main) != self._country.get(dl):
            return main
        return dl

    def choose(self, trigger: Span, *, scope_place: str | None = None,
               use_main: bool = True) -> PlaceChoice | None:
        """The place of the event of ``trigger`` and the step that found it (module docstring)."""
        trig = _tokens(self.doc, trigger)
        if trig is not None and len(trig):
            pid = self._clause(trig)
            if pid is not None:
                return PlaceChoice(pid, "clause")
            pid = self._sentence(trig)
            if pid is not None:
                return PlaceChoice(pid, "sentence")
        if scope_place is not None:
            return PlaceChoice(scope_place, "scope")
        pid = self.fallback() if use_main else self.dateline_place
        if pid is None:
            return None
        return PlaceChoice(pid, "dateline" if pid == self.dateline_place else "main")

    def clause_or_sentence(self, trigger: Span) -> str | None:
        """The place the event's own clause or sentence names (steps 1 and 2), or None."""
        trig = _tokens(self.doc, trigger)
        if trig is None or not len(trig):
            return None
        return self._clause(trig) or (None if talked_about(trig) else self._sentence(trig))

    def scope(self, items: list, paragraph, body_start: int = 0) -> None:
        """Steps 3 to 5 for the events the clause and sentence left without a place, in text
        order: the place of the first placed event of their paragraph (its lead), else of the
        article's lead (the first placed event of the body's first paragraph), else the
        dateline's, else the article's main place. ``items`` have ``trigger`` (Span) and
        ``place`` (id or None, set here); ``paragraph`` maps a character offset to its paragraph;
        ``body_start`` is where the body begins (after a headline and date lines)."""
        first_para = paragraph(body_start)
        lead = next((k for k, it in enumerate(items) if it.place is not None and it.trigger.start >= body_start
                     and paragraph(it.trigger.start) == first_para), None)
        fallback = self.fallback()
        lead_place: dict[int, str] = {}
        for k, it in enumerate(items):
            p = paragraph(it.trigger.start)
            if it.place is not None:
                lead_place.setdefault(p, it.place)
                continue
            trig = _tokens(self.doc, it.trigger)
            if trig is not None and len(trig) and talked_about(trig):
                it.place = fallback  # "officials condemned the attacks": no lead places them
                continue
            article = items[lead].place if lead is not None and k > lead else None
            it.place = self._finer(lead_place.get(p) or article, fallback)

    def _finer(self, scoped: str | None, fallback: str | None) -> str | None:
        """A scope's country or region yields to the dateline's or main place when that is a
        finer place of the same country ("a bank in Greece" in an article about Athens)."""
        if scoped is None:
            return fallback
        if fallback is not None and self._features.get(scoped) in COARSE \
                and self._features.get(fallback) not in COARSE \
                and self._country.get(fallback) == self._country.get(scoped):
            return fallback
        return scoped

    def event_place(self, trigger: Span) -> str | None:
        """Clause, else the article's main place (the rule of :func:`event_place`)."""
        trig = _tokens(self.doc, trigger)
        pid = self._clause(trig) if trig is not None and len(trig) else None
        return pid if pid is not None else self._main


def event_place(places: tuple[Place, ...], doc, trigger: Span, *, main_place_id: str | None) -> str | None:
    """The id of the place tied to ``trigger`` in its clause, else ``main_place_id``.

    One-off helper: it indexes the whole article on every call, so a caller linking many
    events builds one :class:`PlaceLinker` instead.
    """
    pid = PlaceLinker(places, doc).clause_place(trigger)
    return pid if pid is not None else main_place_id


def main_place(places: tuple[Place, ...], doc) -> str | None:
    """The place the article is about, when one clearly stands out; else None."""
    return PlaceLinker(places, doc).main_place

"""One record per event per article: mentions of the same event become one record.

An article names its main event several times: the lead ("gunmen attacked a bank"), a
definite re-mention ("the attack", "this attack"), a casualty count of it ("two guards were
wounded"). Each mention is found where it stands; this module folds the later ones into
the first, so that the record lists every trigger span in ``mentions`` and gathers the
date, place, participants and figures that any of them gives. Distinct events stay apart:
two mentions never merge when their dates, places or linked actors disagree, or when one
is negated or hypothetical and the other is not.

A later mention joins an earlier event when

1. it hangs on the earlier one's trigger as an apposition or participle ("the first
   assassination ..., the November 16 killing of six priests", "hit Gaza, killing five");
2. it repeats it exactly: same PLOVER type, participants, date, place and flags;
3. it is a definite noun of the same type ("the attack", "this shooting", "the strike on
   the school") with nothing that contradicts the earlier event, and it does not bring a
   date of its own to an event the text has not dated ("the attack on the headquarters
   yesterday" after "guerrillas attacked a sugar mill" starts a new event); it joins the
   nearest such event named by the same word, else the nearest specific one: a word for a
   whole conflict ("the war", "the offensive") joins only its own word, a specific mention
   ("the explosion") never joins a war, and joins only an act of its own kind (a bombing) or
   one told in general words ("attacked");
4. it names the same linked actors in the same roles as the earlier event, with nothing
   that contradicts it ("troops killed 124 inmates on 19 June 1986" ... "the inmates were
   murdered by the troops");
5. it re-tells a dated past attack without a date of its own, naming the same victims
   ("killed 124 inmates on 19 June 1986" ... "the guards opened fire on the inmates");
6. it counts the casualties of an attack just reported: a verb of killing or wounding
   without an agent of its own ("two guards were wounded", "one man died") in the same
   sentence or in one of the next ``CASUALTY_WINDOW`` sentences, with nothing that
   contradicts the attack (casualties told in a relative clause of an event noun belong to
   that event: "the explosion of the airliner, in which more than 100 people died").

Such mentions are kept even when they name no participant ("The attack lasted an hour").
One that joins no event is dropped, unless it is the first of its type in the article and a
later mention of the same event names the participants ("The investigations ... involve the
military." ... "the investigations by the government"); one that fits none of the events of its
type told before it never becomes an event that later mentions join.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.events.syntax import lemma
from sitroom.events.timing import best_date
from sitroom.events.triggers import trigger_span
from sitroom.model import DateSource, Plover

#: determiners that refer back to an event already told
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})
#: verbs and nouns that count the dead and wounded of an attack
CASUALTY_LEMMAS = frozenset({"kill", "die", "wound", "injure", "hurt", "dead", "death", "injured", "wounded",
                             "killed"})
#: how many sentences after an attack a casualty count still belongs to it
CASUALTY_WINDOW = 2


def _sent_index(d) -> int:
    return d.cand.token.sent.start


@dataclass(slots=True)
class Group:
    """An event and the drafts (mentions) folded into it; ``drafts[0]`` is its record."""

    drafts: list = field(default_factory=list)
    last_sent: int = 0
    n_sent: int = 0  # ordinal of the sentence of the latest mention

    @property
    def head(self):
        return self.drafts[0]

    def absorb(self, d, n_sent: int) -> None:
        h = self.head
        self.drafts.append(d)
        self.last_sent, self.n_sent = _sent_index(d), n_sent
        h.mentions.extend(m for m in d.mentions if m not in h.mentions)
        h.sents |= d.sents
        h.figures.extend(f for f in d.figures if f not in h.figures)
        value, source = best_date([(h.date, h.date_source), (d.date, d.date_source)])
        if (value, source) != (h.date, h.date_source):  # a mention the text dates better
            if (value, source) == (d.date, d.date_source):
                h.time = d.time
            h.date, h.date_source = value, source
            h.date_soft = value is not None and source is not DateSource.TEXT
        if h.place is None or h.place_soft and d.place is not None and not d.place_soft:
            h.place, h.place_soft = d.place, d.place_soft  # the place a mention's own clause names
        if h.source is None and d.source is not None:
            h.source, h.source_actor, h.source_tok = d.source, d.source_actor, d.source_tok
        if h.target is None and d.target is not None:
            h.target, h.target_actor, h.target_tok = d.target, d.target_actor, d.target_tok
        h.historical = h.historical or d.historical


def _role_key(ref) -> str:
    if ref is None:
        return ""
    return ref.actor or " ".join(ref.span.text.lower().split())


def _key(d) -> tuple:
    return (d.plover, _role_key(d.source), _role_key(d.target), d.date, d.place, d.negated, d.hypothetical)


def _dates_agree(a, b) -> bool:
    """A date the text gives agrees with the same day or a coarser or finer form of it; the
    publication day given by default agrees with any."""
    x, y = a.date, b.date
    return x is None or y is None or a.date_soft or b.date_soft or x.startswith(y) or y.startswith(x)


def _places_agree(a, b) -> bool:
    """Places named in the two mentions' own sentences must be the same; one carried from the
    paragraph, the dateline or the article ("Lima" for a story filed there) agrees with any."""
    return a.place is None or b.place is None or a.place == b.place \
        or getattr(a, "place_soft", False) or getattr(b, "place_soft", False)


def _same_party(a, b) -> bool:
    """Two participant references may name the same party (unknown counts as may)."""
    if a is None or b is None:
        return True
    if a.actor is not None and b.actor is not None:
        return a.actor == b.actor
    if a.actor is not None or b.actor is not None:
        return True
    wa, wb = a.span.text.lower().split(), b.span.text.lower().split()
    if not wa or not wb:
        return True
    return wa[-1] == wb[-1] or " ".join(wa) in " ".join(wb) or " ".join(wb) in " ".join(wa)


def _hard_date(d) -> bool:
    return d.date is not None and not d.date_soft


def _linked_apart(a, b) -> bool:
    return a is not None and b is not None and a.actor is not None and b.actor is not None and a.actor != b.actor


def compatible(a, b, victims: bool = False, retold: bool = False) -> bool:
    """Nothing in the two drafts says they are different events. ``victims``: ``b`` counts
    the casualties of ``a``, so its target (the dead) need not be ``a``'s (the market).
    ``retold``: ``b`` re-tells ``a`` in other words ("troops" ... "the guards"), so only
    sources linked to different actors tell them apart."""
    if retold:
        source_ok = not _linked_apart(a.source, b.source)
    else:
        source_ok = _same_party(a.source, b.source)
    return (a.plover is not None and a.plover == b.plover and a.negated == b.negated
            and a.hypothetical == b.hypothetical and _dates_agree(a, b)
            and _places_agree(a, b)
            and source_ok and (victims or _same_party(a.target, b.target)))


def _anaphoric(c) -> bool:
    if not c.noun or c.light is not None:
        return False
    return any(k.dep_ == "det" and k.lower_ in ANAPHORIC_DETS for k in c.token.children)


def _casualty(c) -> bool:
    return not c.merged and (lemma(c.token) in CASUALTY_LEMMAS or c.token.lower_ in CASUALTY_LEMMAS)


def may_join(c) -> bool:
    """A candidate that may be a mention of an event told elsewhere (kept even without
    participants until the merge decides)."""
    return _anaphoric(c) or _casualty(c)


def anaphoric(d) -> bool:
    """A definite event noun that refers back: "the attack", "this shooting"."""
    return _anaphoric(d.cand)


def casualty_count(d) -> bool:
    """A killing or wounding told without its own agent: the toll of an attack."""
    return d.plover is Plover.ASSAULT and _casualty(d.cand) and d.source is None


def _linked_pair(d) -> bool:
    return d.source is not None and d.target is not None and d.source.actor is not None \
        and d.target.actor is not None


def _same_pair(a, b) -> bool:
    """The same linked actors in the same roles ("troops killed 124 inmates on 19 June" and
    "the inmates were murdered by the troops")."""
    return _linked_pair(a) and a.source.actor == b.source.actor and a.target.actor == b.target.actor


#: victims named too vaguely to tell one attack from another
VAGUE_VICTIMS = frozenset({"people", "person", "civilian", "one", "other", "man", "woman", "they", "he", "she",
                           "them", "him", "her", "who", "we", "you", "it"})


def _victim(d) -> str | None:
    tok = d.target_tok
    if tok is not None and tok.lower_ in PLURAL_PRONOUNS:
        tok = _antecedent_noun(tok)
    if tok is None or tok.pos_ == "PRON":
        return None
    head = lemma(tok)
    return None if head in VAGUE_VICTIMS else head


#: pronouns whose antecedent a victim may be ("the inmates ... were forced out to the yard, where
#: they were murdered")
PLURAL_PRONOUNS = frozenset({"they", "them"})


def _antecedent_noun(tok):
    """The plural noun a "they" / "them" refers back to: the nearest plural subject or object
    before it in its own sentence, else None (no guess across sentences)."""
    sent = tok.sent
    for t in reversed(sent[:tok.i - sent.start]):
        if t.tag_ == "NNS" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return t
    return None


def _retold(d) -> bool:
    """An assault the text does not date ("opened fire on the inmates"; the publication
    day given by default is no date of the text)."""
    return d.plover is Plover.ASSAULT and (d.date is None or d.date_soft) and _victim(d) is not None


def _past_with_victims(g: Group, d, victim: str | None = None) -> bool:
    """A dated past attack on the same victims: a later undated account of it re-tells it
    ("killed 124 inmates on 19 June 1986" ... "the guards opened fire on the inmates").
    ``victim``: ``_victim(d)``, when the caller has it."""
    if victim is None:
        victim = _victim(d)
    return any(_dated_past_assault(m) and _victim(m) == victim for m in g.drafts)


def _dated_past_assault(m) -> bool:
    return m.plover is Plover.ASSAULT and m.historical and m.date is not None and not m.date_soft


#: nouns for a whole conflict or a stretch of fighting: they name one specific event only by
#: the same word ("the war" ... "this war"), and a specific mention never joins them
GENERIC = frozenset({"war", "conflict", "battle", "fighting", "fight", "violence", "offensive", "campaign",
                     "struggle", "hostility", "unrest", "crisis", "insurgency", "operation", "uprising",
                     "rebellion", "revolt"})


#: words that can refer back to any act of their type ("the attack" after "shelled"), and the
#: toll of any act ("killed", "the massacre")
GENERAL_WORDS = frozenset({"attack", "assault", "incident", "strike", "raid", "operation", "action", "act",
                           "kill", "killing", "murder", "massacre", "assassination", "assassinate", "slaughter",
                           "execute", "execution", "die", "death", "dead", "slay", "wound", "injure", "hurt"})
#: kinds of act: a specific noun refers back to an act of its own kind or to one told in general words
KINDS = (
    frozenset({"bomb", "bombing", "explosion", "blast", "explode", "detonate", "detonation", "bomber"}),
    frozenset({"shoot", "shooting", "shot", "gunfire", "fire", "gunman", "sniper"}),
    frozenset({"kidnap", "kidnapping", "abduct", "abduction", "hijack", "hijacking", "hostage", "capture",
               "seize", "seizure"}),
    frozenset({"invade", "invasion", "incursion", "occupy", "occupation", "offensive"}),
    frozenset({"protest", "demonstration", "rally", "march", "riot", "rioting", "demonstrate", "strike"}),
)


def _words(g: Group) -> set[str]:
    """The words the event was told with, with the nouns folded into its verbs ("an explosion
    at a bank killed ...")."""
    toks = [t for m in g.drafts for t in [m.cand.token] + [x.token for x in m.cand.merged]]
    return {lemma(t) for t in toks}


def _kinds_of(g: Group) -> set[str]:
    """The words and their compounds ("bomb attacks")."""
    toks = [t for m in g.drafts for t in [m.cand.token] + [x.token for x in m.cand.merged]]
    return {lemma(k) for t in toks for k in t.children if k.dep_ == "compound"}


def _kind_agrees(g: Group, word: str) -> bool:
    """"the explosion" refers back to a bombing or to an attack told in general words, not to
    an invasion."""
    words = _words(g)
    if word in words or word in GENERAL_WORDS or words <= GENERAL_WORDS:
        return True
    kind = next((k for k in KINDS if word in k), None)
    if kind is None:
        return not any(w in k for k in KINDS for w in words - GENERAL_WORDS)
    return bool((words | _kinds_of(g)) & kind)


def _antecedent(groups: list[Group], d) -> Group | None:
    """The event a definite noun refers back to: the nearest compatible one that was named by
    the same word, else (for a specific noun) the nearest compatible specific event. A noun
    that brings a date of its own does not join an event the text has not dated."""
    lem = lemma(d.cand.token)
    specific = lem not in GENERIC
    # one pass, nearest first, testing the words before the (dearer) compatibility: the first fit
    # named by the same word wins; else the first fit of an agreeing kind, for a specific noun
    kind_fit = None
    for x in reversed(groups):
        same = any(lemma(m.cand.token) == lem for m in x.drafts)
        if not same and (not specific or kind_fit is not None or lemma(x.head.cand.token) in GENERIC
                         or not _kind_agrees(x, lem)):
            continue
        if not (_group_compatible(x, d) and (not _hard_date(d) or any(_hard_date(m) for m in x.drafts))):
            continue
        if same:
            return x
        kind_fit = x
    return kind_fit if specific else None


def _head_group(groups: list[Group], d, by_token: dict[int, list[Group]] | None = None) -> Group | None:
    """An event noun or participle that hangs on another event's trigger of the same type
    names that event again: "the first assassination ..., the November 16 killing of six
    priests" (apposition), "airstrikes hit Gaza, killing five" (participle). ``by_token``:
    the groups holding a draft of each trigger token, in order (only those can match)."""
    tok = d.cand.token
    if not (tok.dep_ in ("appos", "acl") or tok.dep_ == "advcl" and tok.tag_ == "VBG") or tok.head is tok:
        return None
    for g in reversed(groups if by_token is None else by_token.get(tok.head.i, ())):
        if any(m.cand.token.i == tok.head.i and m.plover is d.plover for m in g.drafts) \
                and _group_compatible(g, d, True, True):
            return g
    return None


def _owner(d) -> int | None:
    """The event noun whose relative clause tells the casualties ("the explosion of the
    airliner, in which more than 100 people died"): they are that event's, not another's."""
    tok = d.cand.token
    head = tok.head
    if tok.dep_ in ("relcl", "acl") and head.pos_ == "NOUN" and head.i != tok.i:
        word = lemma(head)
        if word in GENERAL_WORDS or word in GENERIC or any(word in k for k in KINDS):
            return head.i
    return None


def _bare(d) -> bool:
    return d.source is None and d.target is None


def _group_compatible(g: Group, d, victims: bool = False, retold: bool = False) -> bool:
    return all(compatible(m, d, victims, retold) for m in g.drafts)


def merge_mentions(drafts: list) -> list:
    """Drafts in text order -> one draft per event, each with every mention's span."""
    groups: list[Group] = []
    by_key: dict[tuple, Group] = {}
    # Indexes that keep the merge near-linear on long articles (issue 14) without changing it: a
    # group is compatible with a draft only if every draft in it has the draft's type, negation
    # and hypothesis (compatible()), so each search reads the groups of that kind, in order;
    # a trigger token and a linked pair of actors lead straight to the groups holding them.
    by_kind: dict[tuple, list[Group]] = {}
    by_token: dict[int, list[Group]] = {}
    by_pair: dict[tuple, list[Group]] = {}
    plovers: set = set()
    rank: dict[int, int] = {}  # id(group) -> its place in ``groups``
    by_victim: dict[str | None, list[Group]] = {}  # groups that had a dated past attack on these victims
    recent: dict[int, Group] = {}  # groups told in the last sentences (pruned as the text moves on)
    n_sent, prev_sent = -1, None
    for d in drafts:
        s = _sent_index(d)
        if s != prev_sent:
            n_sent, prev_sent = n_sent + 1, s
        kind = by_kind.get((d.plover, d.negated, d.hypothetical), [])
        g = _head_group(kind, d, by_token)
        if g is None and not _bare(d):
            g = by_key.get(_key(d))
        if g is None and anaphoric(d):
            g = _antecedent(kind, d)
        if g is None and _linked_pair(d):
            g = next((x for x in reversed(by_pair.get(_pair(d), ())) if _group_compatible(x, d)), None)
        if g is None and _retold(d):
            victim = _victim(d)
            g = next((x for x in reversed(by_victim.get(victim, ())) if _past_with_victims(x, d, victim)
                      and _group_compatible(x, d, True, True)), None)
        if g is None and casualty_count(d):
            owner = _owner(d)
            if owner is not None:
                near = by_token.get(owner, [])
            else:  # only groups told in the last CASUALTY_WINDOW sentences can qualify
                for key in [k for k, x in recent.items() if n_sent - x.n_sent > CASUALTY_WINDOW]:
                    del recent[key]
                near = sorted(recent.values(), key=lambda x: rank[id(x)])
            g = next((x for x in reversed(near) if x.head.plover is Plover.ASSAULT
                      and (owner is None or any(m.cand.token.i == owner for m in x.drafts))
                      and n_sent - x.n_sent <= CASUALTY_WINDOW and _group_compatible(x, d, True)), None)
        if g is None:
            if _bare(d) and d.plover in plovers:
                continue  # it names no one and fits none of the events of its type told before
            g = Group([d], s, n_sent)
            groups.append(g)
            plovers.add(d.plover)
            by_kind.setdefault((d.plover, d.negated, d.hypothetical), []).append(g)
            rank[id(g)] = len(groups)
        else:
            g.absorb(d, n_sent)
        recent[id(g)] = g
        _note(by_token, d.cand.token.i, g, rank)
        for m in (d, g.head):  # absorbing may give the head the pair, date or victim it lacked
            if _linked_pair(m):
                _note(by_pair, _pair(m), g, rank)
            if _dated_past_assault(m):
                _note(by_victim, _victim(m), g, rank)
        if not _bare(d):
            by_key.setdefault(_key(d), g)
    return [g.head for g in groups if not _bare(g.head)]


def _pair(d) -> tuple:
    return d.source.actor, d.target.actor


def _note(index: dict, key, g: Group, rank: dict[int, int]) -> None:
    """Add ``g`` to ``index[key]`` (once), the list kept in the order the groups were made."""
    held = index.setdefault(key, [])
    if any(x is g for x in held):
        return
    k = len(held)
    while k > 0 and rank[id(held[k - 1])] > rank[id(g)]:
        k -= 1
    held.insert(k, g)


#: CAMEO roots of speech acts a rejection answers: appeals and demands (02, 10), proposals (03)
ANSWERED = ("02", "03", "10")


def unfold_rejected_demands(cands: list) -> None:
    """"Karamanlis rejected calls by opposition leaders for early elections" tells two
    events: the opposition's demand and its rejection. The relations step folds the demand
    into the rejection that governs it; when the demand has an author of its own ("calls
    by X", "X's demands"), it is an event again."""
    for c in cands:
        if c.entry.governs != "reject":
            continue
        for m in list(c.merged):
            if m.noun and m.code[:2] in ANSWERED and any(
                    k.dep_ == "poss" or (k.dep_ in ("prep", "agent") and k.lower_ in ("by", "from"))
                    for k in m.token.children):
                m.absorbed = False
                c.merged.remove(m)
                c.first, c.last = trigger_span(c.token, c.entry)


#: verbs that answer an act of the other side: the act they repel or prevent is its own event
COUNTER_VERBS = frozenset({"repel", "repulse", "ward", "fend", "foil", "thwart", "prevent", "avert", "stop", "counter"})


def unfold_countered_acts(cands: list) -> None:
    """"The warship repulsed an attack on a merchant vessel": the pirates' attack and the
    navy's repulse are two events (the attack is negated when it was foiled or prevented,
    flags.py). The relations step folds an object noun of the same family into its verb;
    a verb that counters the act gives it back."""
    for c in cands:
        if c.noun or lemma(c.token) not in COUNTER_VERBS:
            continue
        for m in list(c.merged):
            if m.noun and m.token.dep_ in ("dobj", "nsubjpass"):
                m.absorbed = False
                c.merged.remove(m)
                c.first, c.last = trigger_span(c.token, c.entry)

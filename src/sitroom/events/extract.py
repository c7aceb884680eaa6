"""Events of one article: triggers -> relations -> dyads -> flags -> codes -> links.

One pass over the sentences; per sentence only the few trigger candidates are examined.
See docs/ontology.md for the coding rules and docs/data-files.md for the lexicons.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from sitroom.events import coding, filters, flags, timing
from sitroom.events.dedupe import dedupe
from sitroom.events.dyads import attribution_anchor, dyad, np_span, share_sources
from sitroom.events.layout import menu_spans
from sitroom.events.lexicon import EventLexicon, MeansCategory
from sitroom.events.linking import (
    ActorIndex,
    attribution_from_layer,
    attribution_from_parse,
    link_figures,
    optional_helper,
    place_for,
)
from sitroom.events.merge import may_join, merge_mentions, unfold_countered_acts, unfold_rejected_demands
from sitroom.events.relations import refine, relate
from sitroom.events.syntax import lemma
from sitroom.events.triggers import Candidate, Sentence, find_candidates, sentence_info
from sitroom.model import (
    ASSERTED,
    Actor,
    ActorRef,
    AttributedSpan,
    Attribution,
    DateSource,
    Document,
    Event,
    Figure,
    Place,
    Plover,
    Span,
    TimeRef,
)

log = logging.getLogger(__name__)

#: CAMEO roots of cooperation: refused, they are rejections; promised, intentions
COOPERATIVE = ("03", "04", "05", "06", "07", "08")
#: an upper-case dateline opening the article ("MAIDUGURI, Nigeria, April 17 —", "BEIRUT (AP) -")
DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]{2,}(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{1,20}\))?\s*(?:—|–|--|-|:)\s")


@dataclass(slots=True)
class Draft:
    cand: Candidate
    code: str
    plover: Plover | None
    trigger: Span
    frame_i: int
    source_tok: object = None
    target_tok: object = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    source_actor: Actor | None = None
    target_actor: Actor | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    means: MeansCategory | None = None
    clause_range: tuple[int, int] = (0, 0)
    time: TimeRef | None = None
    date: str | None = None
    date_source: DateSource | None = None
    acled: tuple[str, str] | None = None
    attribution: Attribution = ASSERTED
    place: str | None = None
    figures: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)  # every trigger span of the event (merge.py)
    date_soft: bool = False  # the date is the publication day by default, not from the text
    place_soft: bool = False  # the place is the paragraph's, the dateline's or the article's, not the clause's
    sents: set[int] = field(default_factory=set)  # first token of each sentence with a mention


@dataclass(slots=True)
class Inputs:
    """The layers the events stage may use; empty tuples when a stage did not run."""

    document: Document
    doc: object  # spaCy Doc
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    attributions: tuple[AttributedSpan, ...] | None = None  # None: no quotes stage, use the parse
    figures: tuple[Figure, ...] = ()
    has_times: bool = False


class Prefilter:
    """Token positions worth a look, found with one vectorised pass over the Doc's lemma
    and lower-case hashes (a lexicon key, a common inflection of one, or a means word)."""

    SUFFIXES = ("", "s", "es", "d", "ed", "ing")

    def __init__(self, lex: EventLexicon) -> None:
        from spacy.strings import hash_string

        keys = set(lex.verbs) | set(lex.nouns)
        self.lemmas = frozenset(hash_string(k) for k in keys)
        self.lowers = frozenset(hash_string(k + suf) for k in keys for suf in self.SUFFIXES) \
            | frozenset(hash_string(f) for f in lex.verb_forms)  # "liberating", "raped"
        self.means = frozenset(hash_string(k) for k in lex.means_index)

    def positions(self, doc) -> tuple[list[int], list[int]]:
        from spacy.attrs import LEMMA, LOWER

        if len(doc) == 0:
            return [], []
        lemmas, lowers = doc.to_array([LEMMA, LOWER]).T.tolist()
        trig = [i for i, (a, b) in enumerate(zip(lemmas, lowers)) if a in self.lemmas or b in self.lowers]
        means = [i for i, (a, b) in enumerate(zip(lemmas, lowers)) if a in self.means or b in self.means]
        return trig, means


class EventExtractor:
    def __init__(self, lex: EventLexicon) -> None:
        self.lex = lex
        self.historical_months = int(lex.cues.get("historical_months", 2))
        self.prefilter = Prefilter(lex)
        self._dateline_end = 0
        self._ref_year: int | None = None

    # ---- per article ---------------------------------------------------------------
    def extract(self, inp: Inputs) -> tuple[Event, ...]:
        text = inp.document.text
        actors = ActorIndex(inp.actors)
        published = timing.published_day(inp.document.published)
        self._ref_year = None if published is not None else flags.reference_year(t.value for t in inp.times)
        months, ref_year = self.historical_months, self._ref_year
        times = timing.ArticleDates(
            text, inp.doc, inp.times, inp.document.published,
            reporting=frozenset(self.lex.cues.get("reporting_verbs", ())), has_times_layer=inp.has_times,
            is_background=lambda value, ref: flags.historical_date(value, ref, months, ref_year))
        places = self._place_linker(inp, times)
        drafts: list[Draft] = []
        m = DATELINE.match(text)
        self._dateline_end = m.end() if m else 0
        trig_at, means_at = self.prefilter.positions(inp.doc)
        if not trig_at:
            return ()
        menus = menu_spans(text)  # a page's navigation left in the text tells no event
        for sent in inp.doc.sents:
            lo, hi = bisect_left(trig_at, sent.start), bisect_left(trig_at, sent.end)
            if lo == hi or menus and any(a <= sent.start_char < b for a, b in menus):
                continue
            m_lo, m_hi = bisect_left(means_at, sent.start), bisect_left(means_at, sent.end)
            info = sentence_info(sent, self.lex, means_at[m_lo:m_hi])
            cands = [c for c in find_candidates(info, self.lex, trig_at[lo:hi])
                     if not filters.not_an_event(c, self.lex)]
            if not cands:
                continue
            relate(cands, self.lex)
            unfold_rejected_demands(cands)
            unfold_countered_acts(cands)
            times.begin_sentence(cands)
            sent_drafts = self._sentence(cands, info, text, actors, times, inp, places)
            bounds = (sent.start_char, sent.end_char)
            for k, ids in link_figures(sent_drafts, inp.figures, bounds).items():
                sent_drafts[k].figures = ids
            drafts.extend(sent_drafts)
        drafts.sort(key=lambda d: (d.trigger.start, d.source.span.start if d.source else -1))
        drafts = self._recode(drafts)
        times.assign(drafts)  # scope, dateline and publication dates, in text order
        if places is not None and hasattr(places, "scope"):
            placed = {id(d) for d in drafts if d.place is not None}
            places.scope(drafts, times.layout.paragraph, times.layout.body_start)
            for d in drafts:  # a place carried from elsewhere keeps no two mentions apart
                d.place_soft = d.place is not None and id(d) not in placed
        for d in drafts:  # only a date the clause itself gives can keep two mentions apart
            d.date_soft = d.date is not None and d.date_source is not DateSource.TEXT
        drafts = merge_mentions(drafts)
        flags.inherit_historical(drafts)
        return tuple(self._event(f"E{i}", d) for i, d in enumerate(drafts, 1))

    def _place_linker(self, inp: Inputs, dates: timing.ArticleDates):
        if not inp.places:
            return None
        linker = optional_helper("sitroom.geo.link", "PlaceLinker")
        if linker is not None:  # built once per article: each event reads its own sentence
            dl = dates.layout.dateline
            return linker(inp.places, inp.doc, dateline=None if dl is None else dl.place)
        by_start = {m.start: p for p in inp.places for m in p.mentions}
        return lambda cand, trigger: place_for(cand.token, inp.places, by_start)

    # ---- per sentence ----------------------------------------------------------------
    def _sentence(self, cands: list[Candidate], info: Sentence, text: str, actors: ActorIndex,
                  times: timing.ArticleDates, inp: Inputs, places) -> list[Draft]:
        lex = self.lex
        dyads = {id(c): dyad(c, lex) for c in cands if not c.absorbed}
        share_sources(cands, dyads)  # "opened fire on the inmates, who were killed": the same shooters
        for c in cands:  # a threat or appeal without a target aims at its complement's target
            g = c.governed_by
            if g is not None and id(g) in dyads and id(c) in dyads and not dyads[id(g)].targets:
                dyads[id(g)].targets = dyads[id(c)].targets[:1]
        drafts: list[Draft] = []
        for c in cands:
            if c.absorbed:
                continue
            d = dyads[id(c)]
            if self._dateline_end:  # "MAIDUGURI, Nigeria, April 17 — ..." names no participant
                d.sources = [t for t in d.sources if t.idx >= self._dateline_end]
                d.targets = [t for t in d.targets if t.idx >= self._dateline_end]
            if not d.sources and not d.targets and not may_join(c):
                continue  # kept only to join an event told elsewhere ("The attack lasted an hour")
            drafts.extend(self._drafts(c, d, info, text, actors, times, inp, places))
        drafts = dedupe(drafts)
        self._protest_context(drafts, info)
        return drafts

    def _drafts(self, c: Candidate, d, info: Sentence, text: str, actors: ActorIndex,
                times: timing.ArticleDates, inp: Inputs, places) -> list[Draft]:
        lex = self.lex
        doc = c.token.doc
        trigger = Span.of(text, doc[c.first].idx, doc[c.last].idx + len(doc[c.last].text))
        means = self._means(c, info)
        code = coding.refine_by_means(c.code, means)
        info_code = lex.code(code)
        plover = c.entry.plover if (c.entry.plover is not None and code == c.entry.cameo) else \
            (info_code.plover if info_code else None)
        negated = flags.negated(c, lex)
        hypothetical = flags.hypothetical(c, lex) and not negated
        if negated and not c.negated_by_governor and flags.in_condition(c, lex):
            negated, hypothetical = False, True  # "if the government does not disarm"
        code, negated, hypothetical = self._stance(c, code, negated, hypothetical)
        info_code = lex.code(code)
        if code != c.entry.cameo or c.entry.plover is None:
            plover = info_code.plover if info_code else None
        if hypothetical and flags.asserted_speech_act(c, None if plover is None else plover.value, lex):
            hypothetical = False
        if hypothetical and not negated and plover is Plover.CONSULT and c.governed_by is None \
                and not flags.conditional(c, lex):
            # a meeting announced or planned ("a meeting on 17 November", "the upcoming summit",
            # "scheduled to meet") is an agreement to meet: PLOVER codes a future CONSULT as
            # AGREE; the CAMEO code stays the meeting's
            plover, hypothetical = Plover.AGREE, False
        when = times.clause(c)  # the clause's and sentence's date; scope and defaults come in times.assign
        time, date, soft = when.time, when.value, False
        historical = times.historical(date) or flags.historical_cue(c, lex)
        attribution = self._attribution(c, trigger, text, inp, actors)
        frame = c.light if c.light is not None else c.token
        clause_root = frame if frame.pos_ in ("VERB", "AUX") else (
            frame.head if frame.head.pos_ in ("VERB", "AUX") else frame)
        clause_range = (clause_root.left_edge.idx, clause_root.right_edge.idx + len(clause_root.right_edge.text))
        place = (places.clause_or_sentence(trigger) if hasattr(places, "clause_or_sentence")
                 else places(c, trigger)) if places is not None else None
        avoid = set(range(c.first, c.last + 1)) | {frame.i}
        # one record per trigger: coordinated participants ("Hamas, PIJ and the PFLP met") do not
        # multiply the event; the first conjunct of each role names it
        s = d.sources[0] if d.sources else None
        t = d.targets[0] if d.targets else None
        dr = Draft(c, code, plover, trigger, frame.i, s, t, negated=negated, hypothetical=hypothetical,
                   historical=historical, means=means, clause_range=clause_range, time=time, date=date,
                   attribution=attribution, place=place, mentions=[trigger], date_soft=soft,
                   sents={c.token.sent.start})
        if s is not None:
            dr.source, dr.source_actor = self._ref(s, text, actors, avoid)
        if t is not None:
            dr.target, dr.target_actor = self._ref(t, text, actors, avoid)
        dr.acled = self._acled(dr)
        return [dr]

    def _stance(self, c: Candidate, code: str, negated: bool, hypothetical: bool) -> tuple[str, bool, bool]:
        """CAMEO codes a refusal and a stated intention as events of their own: "will not
        lift the embargo" is a rejection (124x), "will release" an intent to cooperate
        (03x), "will impose sanctions" a threat (13x). A conditional or reported possibility
        stays hypothetical."""
        root = code[:2]
        if negated and not c.negated_by_governor and root in COOPERATIVE and (
                root in ("03", "04", "05") or code.startswith("086") or flags.stated_intent(c, self.lex)):
            return refine(self.lex, "reject", "120", code), False, False
        if hypothetical and c.governed_by is None and flags.stated_intent(c, self.lex):
            if root in COOPERATIVE[1:] and root != "05":
                return refine(self.lex, "intent", "030", code), False, False
            if root in ("16", "17", "18", "19", "20") and flags.stated_intent(c, self.lex, strong=True):
                return refine(self.lex, "threaten", "130", code), False, False
        return code, negated, hypothetical

    def _ref(self, tok, text: str, actors: ActorIndex, avoid: set[int]):
        start, end = np_span(tok, avoid)
        return actors.ref(text, start, end, (tok.idx, tok.idx + len(tok.text)))

    def _means(self, c: Candidate, info: Sentence) -> MeansCategory | None:
        if not info.means or c.code[:2] not in ("18", "19", "20"):
            return None
        scopes = [range(c.token.left_edge.i, c.token.right_edge.i + 1)]
        frame = c.light if c.light is not None else c.token.head
        if frame is not None and frame is not c.token:
            scopes.append(range(frame.left_edge.i, frame.right_edge.i + 1))
        for m in c.merged:
            scopes.insert(0, range(m.token.left_edge.i, m.token.right_edge.i + 1))
        scopes.append(range(info.span.start, info.span.end))
        for scope in scopes:
            found = [cat for i, cat in info.means if i in scope]
            if found:
                return self.lex.means[min(found)]
        return None

    def _attribution(self, c: Candidate, trigger: Span, text: str, inp: Inputs, actors: ActorIndex) -> Attribution:
        tok = attribution_anchor(c)  # "accused X of shelling Y, killing five": as alleged as the shelling
        if tok != c.token:
            trigger = Span.of(text, tok.idx, tok.idx + len(tok))
        if inp.attributions is not None:
            return attribution_from_layer(inp.attributions, trigger) or ASSERTED
        return attribution_from_parse(tok, text, self.lex, actors) or ASSERTED

    def _acled(self, d: Draft) -> tuple[str, str] | None:
        if d.negated or d.hypothetical:
            return None
        c = d.cand
        src = tgt = None
        if d.source_tok is not None:
            src = coding.party(d.source_tok, d.source_actor.kind if d.source_actor else None)
        if d.target_tok is not None:
            tgt = coding.party(d.target_tok, d.target_actor.kind if d.target_actor else None)
        lethal = c.token.lemma_.lower() in self.lex.role("lethal") or any(
            m.token.lemma_.lower() in self.lex.role("lethal") for m in c.merged)
        symmetric = c.entry.symmetric or any(m.entry.symmetric for m in c.merged)
        excessive = any(k.dep_ == "advmod" and k.lower_ in self.lex.cue("excessive_adverbs") for k in c.token.children)
        return coding.acled_for(self.lex, d.code, c.token.lemma_.lower(), c.entry.acled, c.entry.acled_set,
                                d.means, src, tgt, lethal, symmetric, excessive)

    def _protest_context(self, drafts: list[Draft], info: Sentence) -> None:
        """A protest met by security forces is a protest with intervention; one described
        as violent is a riot (ACLED's distinctions)."""
        protests = [d for d in drafts if d.acled == coding.PEACEFUL_PROTEST]
        if not protests:
            return
        intervened = any(d.acled in (coding.INTERVENTION, coding.EXCESSIVE) or (
            d.code[:2] in ("17", "18", "19") and d.source_tok is not None
            and coding.party(d.source_tok, d.source_actor.kind if d.source_actor else None).has(self.lex, "security"))
            for d in drafts)
        violent = bool(info.words & self.lex.role("riot_words"))
        for d in protests:
            if violent and not intervened:
                d.acled = coding.VIOLENT_DEMO
            elif intervened:
                d.acled = coding.INTERVENTION

    def _recode(self, drafts: list[Draft]) -> list[Draft]:
        """Article-level coding decisions that need the participants' kinds: riots and
        blockades by crowds are protests (coding.protest_code; an article that reports a
        protest makes unarmed violence against property part of it), stones thrown at people
        are an assault (coding.riot_on_people), property destroyed by the authorities is
        coercion (coding.authority_code), and a civilian who finds a weapon seizes nothing."""
        lex = self.lex
        context = any(d.plover is Plover.PROTEST and not (d.negated or d.hypothetical) for d in drafts)
        kept = []
        for d in drafts:
            src = None if d.source_tok is None else coding.party(
                d.source_tok, d.source_actor.kind if d.source_actor else None)
            tgt = None if d.target_tok is None else coding.party(
                d.target_tok, d.target_actor.kind if d.target_actor else None)
            if coding.civilian_seizure(lex, d.code, src):
                continue
            kept.append(d)
            if d.plover is Plover.PROTEST and coding.riot_on_people(lex, d.code, d.cand.noun, tgt):
                d.plover = Plover.ASSAULT
                continue
            if d.plover not in (Plover.ASSAULT, Plover.COERCE) or lemma(d.cand.token) in lex.role("lethal"):
                continue  # killing is never a riot of its own
            code = coding.protest_code(lex, d.code, src, tgt, context)
            if code is None:
                code = coding.authority_code(lex, d.code, src)
                if code is not None:
                    d.code, d.plover = code, lex.code(code).plover
                continue
            info = lex.code(code)
            d.code, d.plover = code, Plover.PROTEST
            if d.acled is None and not (d.negated or d.hypothetical) and info is not None:
                d.acled = info.acled  # ACLED's own mapping already tells riots from looting
        return kept

    # ---- records -----------------------------------------------------------------------
    def _event(self, eid: str, d: Draft) -> Event:
        return Event(
            id=eid, trigger=d.trigger, quad_class=coding.quad_class(self.lex, d.code), plover=d.plover,
            cameo=d.code, acled=coding.make_acled(d.acled), source=d.source, target=d.target,
            time=None if d.time is None else d.time.id, date=d.date, place=d.place, figures=tuple(d.figures),
            date_source=d.date_source,
            negated=d.negated, hypothetical=d.hypothetical, historical=d.historical, attribution=d.attribution,
            mentions=tuple(sorted(d.mentions or [d.trigger], key=lambda m: (m.start, m.end))),
        )

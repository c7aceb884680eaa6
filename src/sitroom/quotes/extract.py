"""One article's quotes and attributions, from its spaCy parse.

Certainty of a quote: its cue's certainty (cues.json), overridden by a hedge on the cue
or the speaker ("reportedly said", "unconfirmed reports said") or by a hedge phrase that
looks back at it ("... , which could not be independently verified").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitroom.model import Actor, ActorRef, AttributedSpan, Attribution, Quote, Span, Speaker
from sitroom.quotes.assemble import Found, assemble
from sitroom.quotes.cues import CueLexicon
from sitroom.quotes.direct import find_quotes
from sitroom.quotes.docindex import DocIndex
from sitroom.quotes.hedges import Hedge, find_hedges
from sitroom.quotes.indirect import find_reports, person_subjects
from sitroom.quotes.speakers import SpeakerResolver


def extract_quotes(doc, lexicon: CueLexicon, actors: Sequence[Actor] = (), text: str | None = None
                   ) -> tuple[tuple[Quote, ...], tuple[AttributedSpan, ...]]:
    """(quotes, attributions) of the article parsed as ``doc`` (``text`` is its text, which
    spaCy keeps exactly; passing it saves rebuilding it from the tokens)."""
    index = DocIndex(doc, text)
    text = index.text
    stretches = find_quotes(text)
    found = assemble(text, index.sentence_chars(), find_reports(doc, lexicon, index), stretches,
                     person_subjects(doc, index) if stretches else None)
    hedges = find_hedges(doc, lexicon, index)
    found, used = _apply_hedges(found, hedges)
    resolver = SpeakerResolver(doc, index, actors, [q.outer for q in stretches], lexicon)
    quotes: list[Quote] = []
    spans: list[AttributedSpan] = []
    resolved: list[Speaker] = []
    cache: dict[tuple[int, int], Speaker] = {}
    for n, f in enumerate(found, 1):
        speaker = None
        if f.speaker is not None and f.speaker[1] > f.speaker[0]:
            speaker = cache.get(f.speaker)
            if speaker is None:
                speaker = resolver.resolve(*f.speaker, f.speaker_token, resolved)
                cache[f.speaker] = speaker
            resolved.append(speaker)
        cue = Span.of(text, *f.cue) if f.cue else None
        quotes.append(Quote(f"Q{n}", f.kind, Span.of(text, *f.content), speaker, cue, f.certainty))
        attribution = Attribution(f.certainty, ActorRef(speaker.span, speaker.actor) if speaker else None, cue)
        spans.extend(AttributedSpan(Span.of(text, *frag), attribution) for frag in f.fragments if frag[1] > frag[0])
    for k, h in enumerate(hedges):
        if k in used or h.stretch[1] <= h.stretch[0]:
            continue
        # a hedge inside a quote is the speaker's hedge; elsewhere it is the article's own
        owner = next((q for q in quotes if q.content.start <= h.stretch[0] and h.stretch[1] <= q.content.end), None)
        source = ActorRef(owner.speaker.span, owner.speaker.actor) if owner and owner.speaker else None
        spans.append(AttributedSpan(Span.of(text, *h.stretch), Attribution(h.certainty, source, Span.of(text, *h.cue))))
    spans.sort(key=lambda a: (a.span.start, -a.span.end))
    return tuple(quotes), tuple(spans)


def _apply_hedges(found: list[Found], hedges: list[Hedge]) -> tuple[list[Found], set[int]]:
    """Hedges on a quote's cue or speaker, or looking back at its content, set its certainty.
    Returns the quotes and the indices of hedges spent on them."""
    used: set[int] = set()
    out = []
    for f in found:
        for k, h in enumerate(hedges):
            on_attribution = h.head is not None and h.head in (f.cue_token, f.speaker_token)
            if h.head is None:
                covered = min(h.stretch[1], f.content[1]) - max(h.stretch[0], f.content[0])
                on_content = covered >= 0.5 * (f.content[1] - f.content[0])
            else:
                on_content = False
            if on_attribution or on_content:
                f = replace(f, certainty=h.certainty)
                if on_attribution:
                    used.add(k)
        out.append(f)
    return out, used

"""Put quoted stretches and parsed reports together into quotes.

Decisions (docs/stages.md, "Quotes"):

- A report whose content is (almost) all inside quote marks is a *direct* quote and
  takes the whole quoted stretch as content, even when the quote runs over several
  sentences or paragraphs; one that mixes its own words with quoted words
  ('said Israel "is at war"') is *mixed*; the rest are *indirect*.
- A cue inside a direct quote belongs to the quoted speaker's words, not to the
  article: it makes no quote of its own.
- A quote split by its attribution ('"A," he said, "B."') is ONE quote: one speaker,
  one utterance. Its content runs from the start of A to the end of B (the contract
  has one content span), and its fragments (A and B without the attribution) are what
  the "attributions" layer attributes.
- A whole-sentence quote with no cue of its own continues the previous speaker
  (newswire quotes a speaker's next sentences without repeating "he said").
- A short quoted phrase inside a sentence with no cue (titles, scare quotes) is not a quote.
"""
from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Mapping
from dataclasses import dataclass, replace

from sitroom.model import Certainty, QuoteKind
from sitroom.quotes.direct import QuotedStretch
from sitroom.quotes.indirect import Report
from sitroom.spanindex import SpanIndex

#: at most this many characters between a quote and a bare cue that claims it
_CUE_GAP = 60
#: at most this many characters between a quote and the next piece of the same split quote
_SPLIT_GAP = 120
#: a standalone quote with fewer words is a title or a slogan, not speech
_MIN_STANDALONE_WORDS = 4
#: how far back (characters) a standalone quote looks for the speaker it continues
_INHERIT_WINDOW = 1500
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]\s")


@dataclass(frozen=True, slots=True)
class Found:
    """A quote before ids and speaker resolution; offsets are characters of the article."""

    content: tuple[int, int]
    fragments: tuple[tuple[int, int], ...]
    kind: QuoteKind
    certainty: Certainty = Certainty.REPORTED
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_token: int | None = None
    #: the speaker was carried over from an earlier quote (no cue of its own)
    inherited: bool = False
    cue_token: int | None = None


class _Quotes:
    """Quoted stretches with lookup by character offset."""

    def __init__(self, quotes: list[QuotedStretch]) -> None:
        self.items = quotes
        self.opens = [q.open for q in quotes]
        self.used: set[int] = set()
        self._outer = SpanIndex(q.outer for q in quotes)

    def overlapping(self, start: int, end: int) -> list[int]:
        return self._outer.overlapping(start, end)

    def containing(self, pos: int) -> int | None:
        k = bisect_right(self.opens, pos) - 1
        while k >= 0:
            q = self.items[k]
            if q.start <= pos < q.end:
                return k
            if q.outer[1] < pos - 5000:
                break
            k -= 1
        return None


def _outside_words(text: str, start: int, end: int, quotes: list[QuotedStretch]) -> int:
    """Alphanumeric characters of ``text[start:end]`` outside the given quotes."""
    count, pos = 0, start
    for q in sorted(quotes, key=lambda q: q.open):
        o_start, o_end = q.outer
        if o_start > pos:
            count += sum(c.isalnum() for c in text[pos:min(o_start, end)])
        pos = max(pos, o_end)
    if pos < end:
        count += sum(c.isalnum() for c in text[pos:end])
    return count


def assemble(text: str, sentences: list[tuple[int, int]], reports: list[Report],
             quotes: list[QuotedStretch], subjects: Mapping[int, Report] | None = None) -> list[Found]:
    """Quotes of one article in text order. ``sentences`` are (start, end) character ranges;
    ``subjects`` maps a sentence start to a person it is about (see ``person_subjects``)."""
    qs = _Quotes(quotes)
    found: list[Found] = []
    bare: list[Report] = []
    for r in reports:
        if qs.containing(r.cue[0]) is not None:
            continue  # a cue inside a direct quote is the quoted speaker's, not the article's
        if r.content is None or _quote_just_before(text, r, qs):
            bare.append(r)
            continue
        found.append(_from_report(text, r, qs))
    found.extend(_pair_bare_cues(text, bare, qs))
    found = _dedupe(sorted(found, key=lambda f: f.content))
    found = _merge_split(text, found, qs)
    found.extend(_standalone(text, sentences, found, qs, subjects or {}))
    return sorted(found, key=lambda f: f.content)


def _quote_just_before(text: str, r: Report, qs: _Quotes) -> bool:
    """'"...," said X, who ...': a quote closing right before the cue is its content, whatever
    the parser attached to the cue after it."""
    start, end = r.content
    if start < r.cue[0] or qs.overlapping(start, end):
        return False
    left = min(r.cue[0], r.speaker[0]) if r.speaker else r.cue[0]
    for k in qs.overlapping(left - _CUE_GAP, left):
        q = qs.items[k]
        if k not in qs.used and q.outer[1] <= left and _attribution_gap(text[q.outer[1]:left]):
            return True
    return False


def _from_report(text: str, r: Report, qs: _Quotes) -> Found:
    start, end = r.content
    hits = qs.overlapping(start, end)
    base = Found((start, end), r.fragments or ((start, end),), QuoteKind.INDIRECT, r.certainty, r.cue, r.speaker,
                 r.speaker_token, cue_token=r.cue_token)
    if not hits:
        return base
    items = [qs.items[k] for k in hits]
    qs.used.update(hits)
    if _outside_words(text, start, end, items) <= 2:
        first, last = min(q.start for q in items), max(q.end for q in items)
        frags = tuple(f for q in items for f in q.fragments)
        return replace(base, content=(first, last), fragments=frags, kind=QuoteKind.DIRECT)
    # mixed: keep the reporter's words, but never cut a quoted phrase in two
    start = min([start, *(q.open for q in items if q.open < start < q.end)])
    end = max([end, *(q.outer[1] for q in items if q.start < end < q.outer[1])])
    return replace(base, content=(start, end), kind=QuoteKind.MIXED,
                   fragments=((start, end),) if (start, end) != r.content or not r.fragments else r.fragments)


def _pair_bare_cues(text: str, bare: list[Report], qs: _Quotes) -> list[Found]:
    """'"...," he said' / 'he said: "..."' where the parse did not link the cue to the quote."""
    out = []
    for r in bare:
        if r.speaker is None:
            continue  # "the so-called “buffer zone”": a cue with no one speaking claims no quote
        c_start, c_end = r.cue
        left = min(c_start, r.speaker[0]) if r.speaker else c_start
        right = max(c_end, r.speaker[1]) if r.speaker else c_end
        best = None
        for k in qs.overlapping(left - _CUE_GAP, right + _CUE_GAP):
            if k in qs.used:
                continue
            q = qs.items[k]
            o_start, o_end = q.outer
            if o_end <= left and _attribution_gap(text[o_end:left]):
                best = k  # the nearest quote before the cue wins over earlier ones
            elif o_start >= right and _lead_in_gap(text[right:o_start]):
                best = best if best is not None else k
                break
        if best is None:
            continue
        q = qs.items[best]
        qs.used.add(best)
        out.append(Found((q.start, q.end), q.fragments, QuoteKind.DIRECT, r.certainty, r.cue, r.speaker,
                         r.speaker_token, cue_token=r.cue_token))
    return out


def _attribution_gap(gap: str) -> bool:
    """Text between a closing mark and its cue: ', he said' keeps to a few words, no sentence break."""
    return len(_WORD.findall(gap)) <= 6 and not _SENTENCE_END.search(gap) and "\n" not in gap


def _lead_in_gap(gap: str) -> bool:
    """Text between a cue and an opening mark: 'said: "', 'said on Twitter, "', 'told reporters: "'."""
    return len(_WORD.findall(gap)) <= 6 and not _SENTENCE_END.search(gap) and gap.count("\n") <= 2


def _dedupe(found: list[Found]) -> list[Found]:
    """Two cues for the same content ('according to X, Y, he said'): keep the one with a speaker."""
    out: list[Found] = []
    for f in found:
        if out:
            prev = out[-1]
            shared = min(prev.content[1], f.content[1]) - max(prev.content[0], f.content[0])
            if shared > 0.8 * max(prev.content[1] - prev.content[0], f.content[1] - f.content[0]):
                if prev.speaker is None and f.speaker is not None:
                    out[-1] = f
                continue
        out.append(f)
    return out


def _merge_split(text: str, found: list[Found], qs: _Quotes) -> list[Found]:
    """Join '"A," he said, "B."': the piece on the other side of the attribution has no cue
    of its own (the parse may have tied the cue to either piece)."""
    out = []
    for f in found:
        if f.kind is QuoteKind.DIRECT and f.cue is not None:
            left = min(f.cue[0], f.speaker[0] if f.speaker else f.cue[0])
            if f.content[0] > left:  # the cue sits before this piece: look for a piece before it
                for k in reversed(qs.overlapping(left - _CUE_GAP, left)):
                    q = qs.items[k]
                    if k not in qs.used and q.outer[1] <= left and _attribution_gap(text[q.outer[1]:left]):
                        qs.used.add(k)
                        f = replace(f, content=(q.start, f.content[1]), fragments=q.fragments + f.fragments)
                    break
            end = max(f.content[1], f.cue[1], f.speaker[1] if f.speaker else 0)
            for k in qs.overlapping(end, end + _SPLIT_GAP):
                q = qs.items[k]
                if k in qs.used or q.open < end:
                    continue
                gap = text[end:q.open]
                if len(_WORD.findall(gap)) <= 4 and gap.count("\n") <= 2 and f.cue[0] < q.open:
                    qs.used.add(k)
                    f = replace(f, content=(f.content[0], q.end), fragments=f.fragments + q.fragments)
                    end = q.outer[1]
                    continue
                break
        out.append(f)
    return out


def _standalone(text: str, sentences: list[tuple[int, int]], found: list[Found], qs: _Quotes,
                subjects: Mapping[int, Report]) -> list[Found]:
    """Whole-sentence quotes with no cue: the previous speaker goes on talking; with no
    previous speaker, the person the sentence before the quote is about."""
    starts = [s for s, _ in sentences]
    speakers = sorted(((f.content[0], f) for f in found if f.speaker is not None), key=lambda p: p[0])
    out = []
    for k, q in enumerate(qs.items):
        if k in qs.used or len(_WORD.findall(text[q.start:q.end])) < _MIN_STANDALONE_WORDS:
            continue
        o_start, o_end = q.outer
        i = bisect_right(starts, o_start) - 1
        if i >= 0 and text[sentences[i][0]:o_start].strip(" \t\r\n-—–("):
            continue  # the quote does not open its sentence: a quoted phrase, not a quotation
        tail = text[o_end:o_end + 3].lstrip(" ")
        if tail and tail[0].isalnum():
            continue
        prior = [f for pos, f in speakers if o_start - _INHERIT_WINDOW < pos < o_start]
        last = prior[-1] if prior else None
        if last is None and i >= 1 and sentences[i - 1][0] in subjects:
            r = subjects[sentences[i - 1][0]]
            last = Found(r.cue, (r.cue,), QuoteKind.DIRECT, r.certainty, None, r.speaker, r.speaker_token)
        new = Found(
            (q.start, q.end), q.fragments, QuoteKind.DIRECT,
            last.certainty if last else Certainty.REPORTED, None,
            last.speaker if last else None, last.speaker_token if last else None, inherited=last is not None,
        )
        out.append(new)
        if new.speaker is not None:  # the next cue-less quote may continue this one
            insort(speakers, (new.content[0], new), key=lambda p: p[0])
    return out

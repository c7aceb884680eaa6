"""Who says "I" and "we": the speaker of a quotation or of a statement introduced by "X said:".

Coreference (coref.py) asks :func:`speech_blocks` for the stretches of an article that a named
speaker speaks, and resolves first-person pronouns inside them: "I", "me", "my" to a speaking
person, "we", "us", "our" to a speaking organisation, state or group (a person's "we" is left
out: it may be their government, their party or the people). Two layouts are recognised, both
common in statements and transcripts:

- a paragraph that ends with a reporting verb and a colon ("Minister Ellwood said:"): the
  following paragraphs, up to the next such paragraph, are the speaker's;
- a quotation followed or preceded by its speaker ("“...,” Netanyahu said", "“...” said the
  army", "The ministry said: “...”").

Only a speaker already named (a mention of the registry) counts; no guess otherwise. A third
source is the article's title: "Statement by Secretary of Defense Ash Carter on ..." makes the
first-person singular of the body (outside quotations of others) the titled speaker's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

REPORTING = {"say", "add", "state", "declare", "tell", "write", "comment", "explain", "announce", "note",
             "continue", "conclude", "warn", "insist", "tweet", "reply", "respond"}
FIRST_SINGULAR = {"i", "me", "my", "myself", "mine"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
_WINDOW = 4
#: "Statement by X on ...", "Remarks by X at ...": the speaker's words
_TITLE = re.compile(r"^\s*(?:joint\s+)?(?:statement|remarks|message|testimony|speech|address|op-ed)\s+"
                    r"(?:by|from|of)\s+(?P<who>.+?)(?:\s+(?:on|at|to|for|regarding|about|following|after)\s.*)?$",
                    re.IGNORECASE)
_NOT_NAME = {"the", "of", "for", "and", "u.s.", "us", "uk", "deputy", "acting", "assistant", "under", "press", "office",
             "department", "ministry", "state", "defense", "defence", "foreign", "affairs", "general", "chief", "head"}


def title_speaker(title: str | None, title_words: Iterable[str]) -> str | None:
    """The person a statement's title names as its speaker ("Statement by Secretary of Defense Ash
    Carter on the Liberation of Dabiq" -> "Ash Carter"), or None (no such title, or no name in it:
    "Statement by the Press Secretary")."""
    m = _TITLE.match(title or "")
    if m is None:
        return None
    skip = _NOT_NAME | {w.lower() for w in title_words}
    words = m.group("who").replace("'s", "").split()
    name: list[str] = []
    for w in reversed(words):
        if not w[:1].isupper() or w.lower().strip(",.") in skip:
            break
        name.insert(0, w.strip(","))
    return " ".join(name) or None


def speech_blocks(doc, quotes: Iterable[tuple[int, int]], mention_at: Callable[[int], object | None]):
    """[(first token, last token, speaker mention or None)] in text order; ``quotes`` are character
    spans of quotations, ``mention_at(i)`` the mention covering token ``i`` or None. A quotation
    whose speaker is not a mention ("a witness said") has None: it hides an enclosing statement."""
    blocks = []
    colon = _colon_blocks(doc, mention_at)
    blocks.extend(colon)
    for start, end in quotes:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        after, before = _speaker_after(doc, span.end, mention_at), _speaker_before(doc, span.start, mention_at)
        if after is not False or before is not False:  # a reported quotation: its own speaker, or nobody known
            blocks.append((span.start, span.end - 1, after or before or None))
    blocks.sort(key=lambda b: (b[0], -b[1]))
    return blocks


def _reporter(verb, mention_at):
    if verb.lemma_.lower() not in REPORTING:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return mention_at(subj.i) if subj is not None else None


def _colon_blocks(doc, mention_at):
    starts = []
    for tok in doc:
        if tok.text != ":" or tok.i + 1 >= len(doc):
            continue
        after = tok.whitespace_ + (doc[tok.i + 1].text if doc[tok.i + 1].is_space else "")
        if "\n" not in after:
            continue  # "X said: ..." on the same line is a quotation, not a statement block
        verb = doc[tok.i - 1] if tok.i > 0 else None
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            speaker = _reporter(verb, mention_at)
            if speaker is not None:
                starts.append((tok.i + 1, speaker))
    out = []
    for k, (first, speaker) in enumerate(starts):
        last = starts[k + 1][0] - 1 if k + 1 < len(starts) else len(doc) - 1
        out.append((first, last, speaker))
    return out


def _speaker_after(doc, i: int, mention_at):
    """"“...,” Netanyahu said" / "“...” said the army": the speaker of the reporting verb just
    after the quote (None when the speaker is not a mention), False when there is no such verb."""
    for k in range(i, min(len(doc), i + _WINDOW)):
        tok = doc[k]
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING:
            return _reporter(tok, mention_at)
    return False


def _speaker_before(doc, i: int, mention_at):
    """"The ministry said: “...”": the same for the reporting verb just before the quote."""
    for k in range(i - 1, max(-1, i - _WINDOW), -1):
        tok = doc[k]
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING:
            return _reporter(tok, mention_at)
    return False

"""Stretches of text inside quote marks, found on the raw text (no parse needed).

Handles curly double quotes, straight double quotes (open or close decided by the
characters around them), typewriter pairs (``...'' and ''...''), guillemets, and single
quotes at the top level (curly or straight, told apart from apostrophes by their neighbours). Single quotes inside a
double-quoted stretch are nested quotes and stay part of the outer stretch.

A quote that runs over several paragraphs (the newswire convention: an opening mark
at a paragraph start with no closing mark continues in the next paragraph that opens
with a quote mark) comes back as one stretch with one fragment per paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_MARKS = re.compile(r"[“”«»„\"‘’']")
_PARAGRAPH = re.compile(r"[^\n]+")
#: characters trimmed from the inside ends of a quote ("...,” he said" keeps no comma)
_TRIM_END = " \t\r\n,;:"
_FILLER = "\u200b"
#: a quote longer than this without a closing mark is a stray mark, not a quote
_MAX_SINGLE = 400


@dataclass(frozen=True, slots=True)
class QuotedStretch:
    """One quote: ``start``/``end`` bound the quoted words (marks excluded); ``fragments``
    are the per-paragraph pieces; ``open``/``close`` are the mark offsets (close may be None
    for a quote left open at the end of a paragraph)."""

    start: int
    end: int
    open: int
    close: int | None
    fragments: tuple[tuple[int, int], ...]

    @property
    def outer(self) -> tuple[int, int]:
        """The stretch including its marks."""
        return self.open, (self.close + 1 if self.close is not None else self.end)


def _is_open(text: str, i: int) -> bool:
    """A straight or ambiguous mark opens a quote when it follows space/start and precedes a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == _FILLER):
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def find_quotes(text: str) -> list[QuotedStretch]:
    """All quoted stretches of ``text`` in order."""
    if "''" in text or "``" in text:
        # typewriter quotes (``...'' and ''...''): read each pair of marks as one double quote
        # mark followed by a zero-width filler, so that every offset stays the same
        text = text.replace("``", "“" + _FILLER).replace("''", '"' + _FILLER)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    found: list[QuotedStretch] = []
    pending: tuple[int, list[tuple[int, int]]] | None = None  # multi-paragraph quote: (open, fragments)
    for p_start, p_end in paragraphs:
        marks = [m.start() for m in _MARKS.finditer(text, p_start, p_end)]
        if pending is not None:
            # a continued quote goes on only in a paragraph that opens with a quote mark
            first = text[p_start:p_end].lstrip()
            if first[:1] and first[0] in "“\"«„'‘" and marks:
                open_at, frags = pending
                pending = None
                cont_mark = marks[0]
                close = _closing_double(text, marks[1:], cont_mark)
                if close is None:
                    frags.append(_trimmed(text, cont_mark + 1, p_end))
                    pending = (open_at, frags)
                    continue
                frags.append(_trimmed(text, cont_mark + 1, close))
                found.append(QuotedStretch(frags[0][0], frags[-1][1], open_at, close, tuple(frags)))
                marks = [m for m in marks if m > close]
            else:
                open_at, frags = pending
                pending = None
                found.append(QuotedStretch(frags[0][0], frags[-1][1], open_at, None, tuple(frags)))
        pending = _scan_paragraph(text, marks, p_start, p_end, found)
    if pending is not None:
        open_at, frags = pending
        found.append(QuotedStretch(frags[0][0], frags[-1][1], open_at, None, tuple(frags)))
    return [q for q in found if q.end > q.start]


def _closing_double(text: str, marks: list[int], open_at: int) -> int | None:
    for i in marks:
        c = text[i]
        if c in _DOUBLE_CLOSE or (c == '"' and _is_close(text, i)):
            return i
        if c == '"' and not _is_open(text, i):  # ambiguous straight mark: toggle
            return i
    return None


def _scan_paragraph(
    text: str, marks: list[int], p_start: int, p_end: int, found: list[QuotedStretch]
) -> tuple[int, list[tuple[int, int]]] | None:
    """Pair the marks of one paragraph; return a quote left open at the paragraph end
    (``find_quotes`` continues it when the next paragraph opens with a quote mark)."""
    k = 0
    while k < len(marks):
        i = marks[k]
        c = text[i]
        if c in _DOUBLE_OPEN or (c == '"' and _is_open(text, i)):
            close = _closing_double(text, marks[k + 1:], i)
            if close is None:  # may continue in the next paragraph
                return i, [_trimmed(text, i + 1, p_end)]
            start, end = _trimmed(text, i + 1, close)
            found.append(QuotedStretch(start, end, i, close, ((start, end),)))
            k = marks.index(close) + 1
            continue
        if c in "‘'" and _is_open(text, i):
            close = _closing_single(text, marks[k + 1:], i)
            if close is not None:
                start, end = _trimmed(text, i + 1, close)
                found.append(QuotedStretch(start, end, i, close, ((start, end),)))
                k = marks.index(close) + 1
                continue
        k += 1
    return None


def _closing_single(text: str, marks: list[int], open_at: int) -> int | None:
    """The mark closing a single quote; "s’ " is more often a plural possessive, so it
    closes only when no other closing mark follows."""
    possessive = None
    for i in marks:
        if i - open_at > _MAX_SINGLE:
            break
        c = text[i]
        if c in _DOUBLE_OPEN or c in _DOUBLE_CLOSE or c == '"':
            break  # a single quote does not straddle a double one
        if c in "’'" and _is_close(text, i):
            if text[i - 1] in "sS" and text[i + 1:i + 2] == " ":
                possessive = possessive if possessive is not None else i
                continue
            return i
    return possessive

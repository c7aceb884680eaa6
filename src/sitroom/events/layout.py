"""The layout of an article that dates and places depend on: front matter, dateline, paragraphs.

- **Front matter**: the short lines before the body that end without a full stop: a headline,
  a date line ("May 5, 2010", "Friday, June 5th, 2009 @ 20:54 UTC"), a byline, a page's menu.
- **Dateline**: an opening date line of the front matter, or the opening of the first body
  paragraph in wire style: "Lima, 20 Aug 88 (EFE) --", "MOSUL, Iraq, March 3 (Reuters) -",
  "BEIRUT (AP) —". It gives the report's day (when it carries a date) and the place it was
  filed from (when it names one).
- **Paragraphs**: blocks separated by blank lines, or lines when the text has no blank line
  (one sentence a line); a bulleted or numbered item belongs to the paragraph of the lead that
  introduces its list ("On Jan. 8, coalition forces conducted 34 strikes:").

This is a small reader of our own for dates and places of events; the ingest side reads
datelines for publication dates (sitroom.ingest).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec"), 1)}
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
#: "20 Aug 88", "5 November 2008", "May 5, 2010", "June 5th, 2009", "April 17" (year optional)
_DATE = re.compile(
    _WEEKDAY + r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?(?:\s+(?P<y1>\d{4}|\d{2})\b)?"
    r"|" + _MONTH.replace("mon", "mon2") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b,?(?:\s+(?P<y2>\d{4})\b)?)",
    re.IGNORECASE)
#: wire dateline: PLACE[, REGION][, DATE][.] [(AGENCY)] DASH
_WIRE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.'’ -]{1,30}?))?"
    r"(?:,\s*(?P<date>[A-Za-z0-9 .,]{3,30}?))?\.?\s*(?P<agency>\([^)\n]{1,40}\))?\s*(?:--|—|–|-|:)\s")
_FINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_ITEM = re.compile(r"\s*(?:[-*•–—]|\d{1,2}[.)])\s+")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
#: a front-matter line holds at most this many characters
FRONT_LINE = 160
#: words a date line may carry beside its date ("Updated", "UTC", "by"...)
DATE_LINE_WORDS = 4


#: a menu or tag list: at least this many bare lines in a row ...
MENU_LINES = 6
#: ... each at most this long, without a sentence's punctuation or a list bullet
MENU_CHARS = 40
_BARE = re.compile(rf"[^\n.!?:;]{{1,{MENU_CHARS}}}")


def menu_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of a web page's navigation left in an article: runs of ``MENU_LINES``
    or more short lines in a row (blank lines between them allowed) with no sentence
    punctuation and no bullet ("Afghanistan / Albania / Algeria / ...", "Breaking News /
    Feature / Protest / ..."). What they name is no place or event of the story; a bulleted
    list of the story's places ("- Kandahar") is kept."""
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n") + [None]:
        if line is not None and not line.strip():
            pos += len(line) + 1
            continue
        bare = line is not None and _BARE.fullmatch(line.strip()) is not None and _ITEM.match(line) is None
        if bare:
            run.append((pos, pos + len(line)))
        else:
            if len(run) >= MENU_LINES:
                spans.append((run[0][0], run[-1][1]))
            run = []
        if line is not None:
            pos += len(line) + 1
    return spans


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    day: date | None = None          # the report's day, when the dateline carries a full date
    place: tuple[int, int] | None = None  # character span of the filing place


def _year(text: str | None, hint: date | None) -> int | None:
    if text is None:
        return hint.year if hint is not None else None
    y = int(text)
    if len(text) == 2:  # wire copy's "88": the latest such year not after the hint's next year
        if hint is None:
            return y + (1900 if y >= 50 else 2000)
        y += (hint.year // 100) * 100
        if y > hint.year + 1:
            y -= 100
    return y


def parse_day(text: str, hint: date | None = None) -> tuple[date | None, re.Match | None]:
    """The first calendar day written in ``text`` ("20 Aug 88", "May 5, 2010"); a date without a
    year takes the hint's year (the publication date's), else it is no day."""
    m = _DATE.search(text)
    if m is None:
        return None, None
    mon = m.group("mon") or m.group("mon2")
    day = m.group("d1") or m.group("d2")
    year = _year(m.group("y1") or m.group("y2"), hint)
    if year is None:
        return None, m
    try:
        return date(year, _MONTHS[mon.lower()[:3]], int(day)), m
    except (ValueError, KeyError):
        return None, m


def _date_line(line: str, hint: date | None) -> date | None:
    """A front-matter line that is only a date ("Friday, June 5th, 2009 @ 20:54 UTC")."""
    day, m = parse_day(line, hint)
    if day is None or m is None:
        return None
    rest = line[:m.start()] + " " + line[m.end():]
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return day if len(words) <= DATE_LINE_WORDS else None


class Layout:
    """Front matter, dateline and paragraphs of one article (built once, queried by offset)."""

    def __init__(self, text: str, hint: date | None = None) -> None:
        self.text = text
        self.body_start = 0
        self.dateline: Dateline | None = None
        blocks = self._blocks(text)
        starts: list[int] = []
        prev_lead = False
        body = False
        for k, (start, end) in enumerate(blocks):
            chunk = text[start:end]
            lead = chunk.rstrip().endswith(":") and k + 1 < len(blocks) \
                and _ITEM.match(text[blocks[k + 1][0]:blocks[k + 1][1]]) is not None
            if not body and not lead and self._front(chunk):
                day = _date_line(chunk, hint)
                if day is not None and self.dateline is None:
                    self.dateline = Dateline(start, end, day)
                starts.append(start)
                continue
            if not body:
                body = True
                self.body_start = start
                self._wire(chunk, start, hint)
            item = _ITEM.match(chunk) is not None
            if not (item and prev_lead and starts):
                starts.append(start)
            prev_lead = chunk.rstrip().endswith(":") or (item and prev_lead)
        self._starts = starts or [0]

    @staticmethod
    def _blocks(text: str) -> list[tuple[int, int]]:
        """(start, end) of each paragraph block, blank-line separated, else one per line."""
        sep = _BLANK if _BLANK.search(text) else re.compile(r"\n")
        out, pos = [], 0
        for m in sep.finditer(text):
            if text[pos:m.start()].strip():
                out.append((pos, m.start()))
            pos = m.end()
        if text[pos:].strip():
            out.append((pos, len(text)))
        return out

    @staticmethod
    def _front(chunk: str) -> bool:
        s = chunk.strip()
        return "\n" not in s and len(s) <= FRONT_LINE and not _FINAL.search(s)

    def _wire(self, chunk: str, offset: int, hint: date | None) -> None:
        """A wire dateline opening the first body paragraph."""
        m = _WIRE.match(chunk)
        if m is None:
            return
        place = m.group("place").strip()
        day = None
        if m.group("date"):
            day, _ = parse_day(m.group("date"), hint)
        # a wire dateline is an upper-case place, or a place followed by a date or an agency
        if not (place.isupper() or day is not None or m.group("agency")):
            return
        if len(place.split()) > 4:
            return
        ps = offset + m.start("place")
        self.dateline = Dateline(offset + m.start(), offset + m.end(), day or (self.dateline.day if self.dateline
                                                                             else None), (ps, ps + len(place)))

    def paragraph(self, pos: int) -> int:
        """The paragraph (0, 1, ...) holding character ``pos``."""
        return max(0, bisect_right(self._starts, pos) - 1)

    def in_front(self, pos: int) -> bool:
        return pos < self.body_start

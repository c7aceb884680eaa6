"""Generated JSONL input lines: conflict-news articles and hostile variants.

A generated line is a :class:`Line`: the bytes written to the JSONL file, the fields it
was made from, and what must become of it (``expect``):

- ``stored``: a valid English article with unique id, text and URL: it must be stored,
  its metadata unchanged, whatever the lines around it hold;
- ``duplicate`` / ``conflict``: a repeat of a line sure to be stored (skipped), or its id
  with other text (rejected ``id_conflict``);
- ``rejected``: not an article (not JSON, not an object, wrong types, no text): it must
  be recorded as a rejection with a stable code, and nothing stored;
- ``either``: hostile but possibly acceptable (control characters in fields, odd dates,
  huge ids, lone surrogates): stored, or rejected with a stable code; never a crash.

The generators take a *source* of choices: :class:`HypothesisSource` (inside
``@st.composite``: the CI suite, with shrinking) or :class:`RandomSource` (a seeded
``random.Random``: benchmarks/fuzz.py, hundreds of lines a second). ``batches(kinds)`` is
the hypothesis strategy, ``random_batch(rnd, kinds, n)`` the seeded one; both end in
:func:`assemble`. Every sentence here is written for these tests.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

# ---- conflict-ish English ------------------------------------------------------------

ACTORS = (
    "Government forces", "The army", "Rebels", "Police", "Protesters", "Militants", "Troops",
    "Security forces", "Gunmen", "Soldiers", "Insurgents", "Villagers", "An armed group",
    "Peacekeepers", "Ukrainian forces", "Russian troops", "Israeli forces", "Hamas fighters",
    "The Taliban", "Al-Shabaab militants", "Boko Haram", "The Syrian army", "Sudanese paramilitaries",
    "Riot police", "Students", "Farmers", "Opposition supporters", "Kurdish fighters",
)
VERBS = (
    "attacked", "shelled", "clashed with", "fired on", "bombed", "raided", "ambushed",
    "protested against", "condemned", "met", "negotiated with", "threatened", "arrested",
    "abducted", "besieged", "did not attack", "could attack", "vowed to retaliate against",
    "accused", "signed a ceasefire with", "withdrew from", "captured",
)
TARGETS = (
    "a military convoy", "civilians", "police stations", "the rebels", "protesters", "a checkpoint",
    "government buildings", "a refugee camp", "the ministry", "aid workers", "journalists",
    "opposition leaders", "a hospital", "the border post", "villagers", "the government",
)
PLACES = (
    "Aleppo", "Kyiv", "Mogadishu", "Kabul", "Gaza", "Khartoum", "Bamako", "Goma", "Mosul",
    "Kharkiv", "Homs", "Maiduguri", "Juba", "Tripoli", "Sanaa", "the capital", "a village near Homs",
    "northern Mali", "eastern Congo", "the Donbas region", "Port-au-Prince", "Yangon", "Idlib",
)
TIMES = (
    "on Monday", "on Tuesday", "yesterday", "last week", "on 3 March", "on March 3, 2024",
    "early on Sunday", "overnight", "in 2019", "two days ago", "on Friday night", "this morning",
)
SPEAKERS = (
    "a military spokesman", "the interior minister", "a local official", "witnesses", "the UN",
    "a rebel commander", "Amnesty International", "the police chief", "a hospital director",
    "President Ruto", "Defence Minister Ali Hassan", "residents",
)
FIGURE_FORMS = (
    "{n} people were killed", "at least {n} civilians died", "{n} soldiers were wounded",
    "more than {n} people fled their homes", "{n} fighters were captured", "up to {n} homes were destroyed",
    "the death toll rose to {n}", "{n} protesters were arrested",
)
NUMBER_WORDS = ("two", "three", "a dozen", "dozens of", "hundreds of", "seven", "twenty")



class HypothesisSource:
    """Choices drawn by hypothesis (so a failing batch shrinks)."""

    def __init__(self, draw) -> None:
        self.draw = draw

    def choice(self, seq):
        return self.draw(st.sampled_from(seq))

    def int(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def bool(self) -> bool:
        return self.draw(st.booleans())

    def text(self) -> str:
        return self.draw(any_text)

    def binary(self) -> bytes:
        return self.draw(st.binary(min_size=1, max_size=60))


class RandomSource:
    """The same choices from a seeded ``random.Random`` (fast; no shrinking)."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def choice(self, seq):
        return self.rnd.choice(seq)

    def int(self, lo: int, hi: int) -> int:
        # small values (and the bounds) far more often than a uniform draw gives them, as hypothesis does
        r = self.rnd.random()
        if r < 0.1:
            return lo
        if r < 0.15:
            return hi
        if r < 0.5:
            return self.rnd.randint(lo, min(hi, lo + 10))
        return self.rnd.randint(lo, hi)

    def bool(self) -> bool:
        return self.rnd.random() < 0.5

    def text(self) -> str:
        n = self.rnd.randint(0, 30)
        return "".join(chr(self._codepoint()) for _ in range(n))

    def _codepoint(self) -> int:
        lo, hi = self.rnd.choice(_TEXT_RANGES)
        while True:
            c = self.rnd.randint(lo, hi)
            if c not in (0, 13) and not 0xD800 <= c <= 0xDFFF:
                return c

    def binary(self) -> bytes:
        return bytes(self.rnd.randint(0, 255) for _ in range(self.rnd.randint(1, 60)))


# ranges RandomSource.text picks code points from: ASCII, controls, Latin, combining marks,
# RTL scripts, CJK, specials and private use, emoji, astral planes
_TEXT_RANGES = ((0x20, 0x7E), (0x01, 0x1F), (0x7F, 0x9F), (0xA0, 0x24F), (0x300, 0x36F), (0x590, 0x6FF),
                (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xE000, 0xF8FF), (0xFE00, 0xFFFF),
                (0x1F300, 0x1FAFF), (0x10000, 0x10FFFF))
#: any code point but NUL, CR and surrogates (each has a kind of its own)
any_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00\r"), max_size=30)


def number(src) -> str:
    form = src.int(0, 2)
    if form == 0:
        return str(src.int(0, 200))
    if form == 1:
        return f"{src.int(0, 10**9):,}"
    return src.choice(NUMBER_WORDS)


def sentence(src) -> str:
    """One sentence of conflict news: an event, a figure, or a quote."""
    actor, verb, target = src.choice(ACTORS), src.choice(VERBS), src.choice(TARGETS)
    place, when = src.choice(PLACES), src.choice(TIMES)
    form = src.int(0, 5)
    if form == 0:
        return f"{actor} {verb} {target} in {place} {when}."
    if form == 1:
        figure = src.choice(FIGURE_FORMS).format(n=number(src))
        return f"{figure[0].upper()}{figure[1:]} in {place} {when}, {src.choice(SPEAKERS)} said."
    if form == 2:
        return f"\"{actor} {verb} {target} {when},\" {src.choice(SPEAKERS)} told reporters in {place}."
    if form == 3:
        return f"According to {src.choice(SPEAKERS)}, {actor.lower()} {verb} {target} near {place}."
    if form == 4:
        figure = src.choice(FIGURE_FORMS).format(n=number(src))
        return f"{actor} {verb} {target} {when}; {figure}."
    return f"{place[0].upper()}{place[1:]} was calm {when} after {actor.lower()} {verb} {target}."


def article_text(src, extra: tuple[str, ...] = ()) -> str:
    """One to four sentences, with fragments of ``extra`` (hostile text) mixed in when given."""
    parts = [sentence(src)]
    for _ in range(src.int(0, 3)):
        parts.append(src.choice(extra) if extra and src.int(0, 2) == 0 else sentence(src))
    return " ".join(parts)


# ---- hostile fragments ---------------------------------------------------------------

#: printable text that means something to a terminal, a browser, a spreadsheet or SQL: valid article text
MARKUP = (
    "[/]", "[bold red]alert[/bold red]", "[link=http://evil.example]x[/link]", "[/link]", "[", "]",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)", "＝1+1",
    "'; DROP TABLE articles; --", "\" OR 1=1 --", "%s %d %n {0} {text}", "\\", "\\u0000", "\"",
    "😀", "e\u0301", "北京", "ﬁrst", "İstanbul", "Straße", "ΣΑΣ", "x" * 300,
)
#: characters that are not printable: terminal escapes, bidirectional overrides, C1 controls
#: (a carriage return, which breaks CSV rows, has a kind of its own: ``cr``)
CONTROLS = ("\x1b[31m", "\x1b]0;pwned\x07", "\x1b[2J", "\x1b", "\u202e", "\u2066", "\u200f", "\x85",
            "\x9b", "\x07", "\x08", "\x0b", "\x0c", "\u2028", "\u2029", "\ufeff", "\u200b", "\x1c", "\n")
CARRIAGE_RETURNS = ("\r", "a\rb", "\r\n", "\n\r")
NUL = ("\x00", "a\x00b", "\x00" * 3)
SURROGATES = ("\ud800", "\udfff", "a\ud83dz", "\udc00\ud800")
ODD_DATES = ("0001-01-01", "9999-12-31", "0001-01-01T00:00:00", "9999-12-31T23:59:59",
             "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "1000-01-01", "2999-06-30")
BAD_DATES = ("2024-13-01", "2024-02-30", "yesterday", "2024/03/01", "2024-03-01T25:00", "01-03-2024",
             "2024-03-01T00:00:00+25:00", "1e9")
PLAIN_DATES = ("2024-03-01", "2023-11-15T08:30:00", "2024-01-09T23:59:59+03:00", "2022-07-04T12:00:00Z",
               "  2024-05-06  ", "")
BAD_URLS = ("http://[::1", "http://host:99999/x", "https://user:pass@news.example.org/a", "javascript:alert(1)",
            "ftp://x", "http://", "//no-scheme", "http://xn--ls8h.example/😀", "file:///etc/passwd",
            "http://127.0.0.1/admin", "", " ")
#: lines that are not a JSON object (or not even UTF-8)
NOT_OBJECTS = (b"not json", b"{", b"}", b"[]", b"[1, 2]", b"42", b"null", b'"text"', b"true",
               b'{"id": "x", "text": "unterminated', b"\xff\xfe\x00", b"\xc3\x28", b"[" * 5000,
               b'{"text": NaN}', b'{"id": "a" "text": "b"}', b"\x00", b"\x1b[2J")

#: every kind of line ``batches`` can draw, and what each is for
KINDS = {
    "good": "a valid article, plain fields",
    "markup": "printable text that means something to terminals, browsers, spreadsheets, SQL",
    "controls": "terminal escapes, bidi overrides, C1 controls in every field",
    "types": "fields of the wrong JSON type, unknown fields",
    "missing": "no text, empty or blank text, an empty object",
    "notjson": "lines that are not a JSON object or not UTF-8",
    "dates": "plain and malformed publication dates",
    "urls": "malformed, private and odd URLs",
    "dup": "repeats of earlier lines, the same id with other text",
    "anytext": "hypothesis' own text (any code point but NUL and surrogates) in fields",
    "html": "an html field instead of text: scripts, styles, comments, entities, nesting",
    "nul": "NUL characters in text, title, source and id (issue 14 defect 1)",
    "long": "ids over 255, published over 40, language over 16 characters, huge titles (defect 1)",
    "surrogate": "lone surrogates in id, title, source, url (defect 2)",
    "extreme_dates": "published 0001-01-01 or 9999-12-31 (defect 3)",
    "cr": "carriage returns in id, title, source (CSV exports do not quote them)",
}
#: kinds no known defect trips (the mix the CI suite must pass on both back ends)
CLEAN_KINDS = ("good", "markup", "controls", "types", "missing", "notjson", "dates", "dup", "anytext", "html")


@dataclass
class Line:
    """One generated JSONL line and what must become of it."""

    kind: str
    expect: str                        # stored | rejected | either
    fields: dict[str, Any] | None = None
    raw: bytes | None = None           # when set, written as is (fields ignored)
    repeat_of: int | None = None       # dup: the index of the line repeated
    note: str = ""

    def encode(self) -> bytes:
        if self.raw is not None:
            return self.raw
        return json.dumps(self.fields, ensure_ascii=bool(self.note == "ascii")).encode("utf-8", "surrogatepass")


def _sprinkle(base: str, bad: str, pos: int) -> str:
    """``base`` with ``bad`` put in at one of a few places."""
    where = (0, len(base) // 2, len(base))[pos % 3]
    return base[:where] + bad + base[where:]


def _note(src) -> str:
    """How to write a line's JSON: non-ASCII as is (``""``) or as \\u escapes (``"ascii"``)."""
    return src.choice(("", "ascii"))


def good_fields(src, i: int) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": f"good-{i}-{src.int(0, 10**6)}", "text": article_text(src)}
    if src.bool():
        fields["published"] = src.choice(PLAIN_DATES[:4])
    if src.bool():
        fields["title"] = sentence(src)[:80]
    if src.bool():
        fields["source"] = src.choice(("Reuters", "AFP", "The Daily Monitor", "Radio Free Plains"))
    if src.bool():
        fields["url"] = f"https://news.example.org/{i}/story?id={src.int(0, 999)}"
    if src.int(0, 4) == 0:
        fields["language"] = src.choice(("en", "en-GB", "EN"))
    return fields


def _good(src, i):
    return Line("good", "stored", good_fields(src, i))


def _markup(src, i):
    fields = good_fields(src, i)
    fields["text"] = article_text(src, MARKUP)
    expect = "stored"
    for key in _some(src, ("title", "source", "id")):
        # (an id over 255 characters is the "long" kind's)
        bits = MARKUP if key != "id" else tuple(m for m in MARKUP if len(m) < 100)
        fields[key] = _sprinkle(str(fields.get(key) or "x"), src.choice(bits), src.int(0, 2))
        if key == "id":
            expect = "either"  # what an id may contain is the store's rule to set
    return Line("markup", expect, fields, note=_note(src))


def _some(src, keys: tuple[str, ...], *, at_least: int = 0) -> list[str]:
    """A few of ``keys`` (at least ``at_least``), no repeats."""
    chosen = [k for k in keys if src.bool()]
    while len(chosen) < at_least:
        k = src.choice(keys)
        if k not in chosen:
            chosen.append(k)
    return chosen


def _hostile(kind: str, pool: tuple[str, ...], keys: tuple[str, ...]):
    def build(src, i):
        fields = good_fields(src, i)
        for key in _some(src, keys, at_least=1):
            fields[key] = _sprinkle(str(fields.get(key) or "x"), src.choice(pool), src.int(0, 2))
        return Line(kind, "either", fields, note=_note(src))
    return build


def _anytext(src, i):
    fields = good_fields(src, i)
    for key in _some(src, ("id", "title", "source", "text"), at_least=1):
        fields[key] = _sprinkle(str(fields.get(key) or ""), src.text(), src.int(0, 2))
    return Line("anytext", "either", fields, note=_note(src))


_WRONG_VALUES = (None, 0, -1, 1.5, True, False, [], ["a"], {}, {"a": 1}, 10**30)


def _types(src, i):
    fields = good_fields(src, i)
    key = src.choice(("id", "text", "published", "title", "source", "url", "language", "html"))
    value = src.choice(_WRONG_VALUES)
    fields[key] = value
    if src.bool():  # unknown fields are ignored
        fields[src.choice(("extra", "tags", "__proto__", "", "id "))] = src.choice(([1], "x", None))
    if key == "text":
        expect = "rejected"  # not a string, or no text at all
    elif key == "html":
        expect = "stored"  # ignored when the line has text
    elif key == "id":
        # a number is used as its string (or refused by a stricter id rule); anything else is refused
        expect = "either" if isinstance(value, (int, float)) and not isinstance(value, bool) else "rejected"
    else:
        expect = "stored" if value is None else "rejected"  # null is an absent field
    return Line("types", expect, fields)


def _missing(src, i):
    choice = src.int(0, 4)
    if choice == 0:
        fields: dict[str, Any] = {}
    elif choice == 1:
        fields = {"id": f"missing-{i}", "title": "No text here"}
    else:
        fields = {"id": f"missing-{i}", "text": src.choice(("", " ", "\n\t ", "\u3000", "\x00\x00", "\x1b" * 40))}
    return Line("missing", "rejected", fields)


def _notjson(src, i):
    raw = src.choice(NOT_OBJECTS) if src.bool() else src.binary().replace(b"\n", b" ").replace(b"\r", b" ")
    if not raw.strip():
        raw = b"{" + raw
    try:  # a random byte string that happens to be a JSON object is a different kind
        if isinstance(json.loads(raw), dict):
            raw = b"{" + raw
    except (ValueError, UnicodeDecodeError, RecursionError):
        pass
    return Line("notjson", "rejected", raw=raw)


_HTML_NOISE = ("<script>alert(1)</script>", "<style>p{color:red}</style>", "<!-- a comment -->",
               "<img src=x onerror=alert(1)>", "&amp; &lt;b&gt; &#x1F600; &nbsp;", "<nav>Home | World</nav>",
               "<![CDATA[x]]>", "<p>Advertisement</p>", "<iframe src='javascript:alert(1)'></iframe>")


def _html(src, i):
    fields = good_fields(src, i)
    body = "".join(f"<p>{sentence(src)}</p>" + (src.choice(_HTML_NOISE) if src.bool() else "")
                   for _ in range(src.int(2, 6)))
    depth = src.choice((0, 1, 5, 40))
    body = "<div>" * depth + body + "</div>" * depth
    title = f"<title>{fields.get('title') or 'News'}</title>" if src.bool() else ""
    fields["html"] = f"<html><head>{title}</head><body><article>{body}</article></body></html>"
    del fields["text"]
    return Line("html", "either", fields)


def _dates(src, i):
    fields = good_fields(src, i)
    bad = src.bool()
    fields["published"] = src.choice(BAD_DATES if bad else PLAIN_DATES)
    return Line("dates", "rejected" if bad else "stored", fields)


def _urls(src, i):
    fields = good_fields(src, i)
    fields["url"] = src.choice(BAD_URLS)
    return Line("urls", "either", fields)


def _dup(src, i):
    # resolved by ``assemble``: repeat an earlier line, or reuse its id with other text
    return Line("dup", "either", good_fields(src, i), repeat_of=src.int(0, 10**6), note=src.choice(("same", "id")))


def _long(src, i):
    fields = good_fields(src, i)
    key = src.choice(("id", "published", "language", "title", "source", "url"))
    n = src.choice((256, 300, 5000, 100_000))
    if key == "published":
        fields["published"] = "2024-03-01T10:00:00.123456+00:00" + " " * src.int(9, 40)
    elif key == "language":
        fields["language"] = "en-" + "x" * src.int(14, 300)
    elif key == "url":
        fields["url"] = f"https://news.example.org/{i}/" + "a" * n
    else:
        fields[key] = f"{key}-{i}-" + "y" * n
    return Line("long", "either", fields)


def _extreme_dates(src, i):
    fields = good_fields(src, i)
    fields["published"] = src.choice(ODD_DATES)
    return Line("extreme_dates", "either", fields)


_BUILDERS = {
    "good": _good, "markup": _markup, "types": _types, "missing": _missing, "notjson": _notjson,
    "dates": _dates, "urls": _urls, "dup": _dup, "long": _long, "extreme_dates": _extreme_dates,
    "anytext": _anytext, "html": _html,
    "controls": _hostile("controls", CONTROLS, ("id", "title", "source", "text")),
    "cr": _hostile("cr", CARRIAGE_RETURNS, ("id", "title", "source")),
    "nul": _hostile("nul", NUL, ("id", "title", "source", "url", "text")),
    "surrogate": _hostile("surrogate", SURROGATES, ("id", "title", "source", "url")),
}
assert set(_BUILDERS) == set(KINDS)


def _draw_batch(src, kinds, n: int, good_share: int, must: str | None = None) -> list[Line]:
    weighted = [k for k in kinds for _ in range(good_share if k == "good" else 1)]
    first = [_BUILDERS[must](src, 0)] if must else []
    return assemble(first + [_BUILDERS[src.choice(weighted)](src, i) for i in range(len(first), n)])


@st.composite
def batches(draw, kinds=CLEAN_KINDS, *, min_size: int = 1, max_size: int = 12, good_share: int = 3,
            must: str | None = None):
    """A list of lines of ``kinds`` (good lines ``good_share`` times as likely as each other kind);
    with ``must``, the first line is of that kind (a batch that surely holds the hostile field)."""
    src = HypothesisSource(draw)
    return _draw_batch(src, kinds, src.int(min_size, max_size), good_share, must)


def random_batch(rnd: random.Random, kinds=CLEAN_KINDS, n: int = 64, *, good_share: int = 3) -> list[Line]:
    """``n`` lines of ``kinds`` from a seeded generator: the same generators as ``batches``."""
    return _draw_batch(RandomSource(rnd), kinds, n, good_share)


def assemble(lines: list[Line]) -> list[Line]:
    """Resolve repeats and work out which ``stored`` lines are in fact duplicates of earlier ones."""
    out: list[Line] = []
    for line in lines:
        if line.kind == "dup":
            earlier = [j for j, x in enumerate(out) if x.fields is not None and x.raw is None]
            if not earlier:
                line = Line("good", "stored", line.fields)
            else:
                j = earlier[line.repeat_of % len(earlier)]
                src = out[j]
                if line.note == "same":
                    line = Line("dup", "duplicate" if src.expect == "stored" else "either", dict(src.fields),
                                repeat_of=j, note="same")
                else:
                    fields = dict(line.fields, id=src.fields.get("id"))
                    line = Line("dup", "conflict" if src.expect == "stored" else "either", fields,
                                repeat_of=j, note="id")
        out.append(line)
    # a line that an earlier line with the same text or URL may have taken is a duplicate
    # (when that line is sure to be stored) or only sure to be accounted for
    # (ingest remembers the text of every article it hands to the pipeline, even one the pipeline
    # then rejects, so a second empty or binary text is skipped as a duplicate of the first)
    seen_sure: set[str] = set()
    seen_maybe: set[str] = set()
    seen_rejected: set[str] = set()
    for line in out:
        keys = _keys(line)
        if line.expect in ("stored", "conflict", "duplicate"):
            if keys & seen_sure:
                line.expect = "duplicate"
            elif keys & seen_maybe:
                line.expect = "either"
        elif line.expect == "rejected":
            if keys & (seen_sure | seen_maybe | seen_rejected):
                line.expect = "either"
            seen_rejected.update(keys)
            continue
        if line.expect == "stored":
            seen_sure.update(keys)
        elif line.expect != "rejected":
            seen_maybe.update(keys)
    return out


def _keys(line: Line) -> set[str]:
    """The duplicate keys (text hash, URL hash) a line's article would have."""
    from sitroom.store.keys import content_hash, url_hash

    f = line.fields if line.raw is None else None
    keys: set[str] = set()
    if f and isinstance(f.get("text"), str):
        try:
            keys.add(content_hash(f["text"]))
            if isinstance(f.get("url"), str) and f["url"]:
                keys.add("u" + (url_hash(f["url"]) or ""))
        except ValueError:
            pass
    return keys



"""Checks an article must pass before any stage sees it.

Each failure raises a coded :class:`~sitroom.errors.InputError`; the pipeline turns
it into an error record for that article alone.
"""
from __future__ import annotations

import logging
import re

from sitroom.errors import BinaryContent, EmptyText, NotEnglish, TooLarge, Undecodable
from sitroom.ingest.fields import check_document
from sitroom.ingest.langid import load_language_identifier
from sitroom.model import Document
from sitroom.stages.base import Resources

log = logging.getLogger(__name__)

#: documented default (docs/input.md): about 1 MB of text; long reports fit, 5 MB dumps do not
DEFAULT_MAX_CHARS = 1_000_000
#: share of control / replacement characters above which a text is taken for binary data
BINARY_RATIO = 0.01
#: texts shorter than this skip language identification (too little evidence)
MIN_CHARS_FOR_LANGUAGE = 40
#: characters handed to the language identifier: the opening, and when that is not English,
#: as many again from LANGUAGE_WINDOWS places spread over the text (an English report that
#: opens with a long foreign quote is still English)
LANGUAGE_SAMPLE = 2000
LANGUAGE_WINDOWS = 4
# control (Cc, bar tab/newline/CR/FF/VT), surrogate (Cs), private-use (Co) and replacement characters
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                        "\U000f0000-\U000ffffd\U00100000-\U0010fffd\ufffd]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LETTER = re.compile(r"[^\W\d_]")


def decode_bytes(data: bytes, *, document_id: str | None = None) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16/32 by BOM, else the
    encoding charset-normalizer finds most plausible; raises Undecodable otherwise."""
    if not data.strip():
        raise EmptyText("the article is empty", document_id=document_id)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                       (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise Undecodable(f"bytes start with a {codec} mark but do not decode: {exc.reason}",
                                  document_id=document_id) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _control_byte_ratio(data) > BINARY_RATIO and not _looks_utf16(data):
        raise BinaryContent("the bytes are full of control bytes: not a text article", document_id=document_id)
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise Undecodable("the bytes are not UTF-8 and no other text encoding fits them",
                          document_id=document_id)
    # Short texts fit several single-byte code pages about equally; news in a legacy
    # encoding is far more often Windows-1252 / Latin-1 than, say, Windows-1250.
    best = min(matches, key=lambda m: (round(m.chaos, 2), _PREFERRED.get(m.encoding, len(_PREFERRED))))
    log.debug("decoded %s as %s", document_id, best.encoding)
    return str(best)


_PREFERRED = {name: i for i, name in enumerate(("utf_8", "cp1252", "latin_1", "iso8859_15", "utf_16", "cp1251"))}
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


def _control_byte_ratio(data: bytes) -> float:
    sample = data[:100_000]
    return sum(sample.count(b) for b in _CONTROL_BYTES) / max(1, len(sample))


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    return sample[1::2].count(0) > len(sample) * 0.3 or sample[0::2].count(0) > len(sample) * 0.3


def _bad_char_ratio(text: str) -> float:
    sample = text[:100_000]
    return len(_BAD_CHARS.findall(sample)) / max(1, len(sample))


def language_sample(text: str) -> str:
    """About LANGUAGE_SAMPLE characters from evenly spaced windows of the text's first 100,000."""
    text = text[:100_000]
    if len(text) <= LANGUAGE_SAMPLE:
        return text
    width = LANGUAGE_SAMPLE // LANGUAGE_WINDOWS
    step = (len(text) - width) / (LANGUAGE_WINDOWS - 1)
    return " ".join(text[round(i * step):round(i * step) + width] for i in range(LANGUAGE_WINDOWS))


class TextValidator:
    """Rejects empty, binary, oversized and non-English articles, and articles whose id or
    metadata break the field rules (sitroom.ingest.fields), with a stable code."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.max_chars = int(resources.option("max_chars", DEFAULT_MAX_CHARS))
        self.check_language = bool(resources.option("check_language", True))
        if self.check_language:  # loaded with the pipeline, not by the first long article
            resources.get("langid", load_language_identifier)

    def check(self, document: Document) -> None:
        text, did = document.text, document.id
        if not text or not text.strip():
            raise EmptyText("the article has no text", document_id=did)
        if len(text) > self.max_chars:
            raise TooLarge(f"the article has {len(text):,} characters; the limit is {self.max_chars:,}"
                           " (option max_chars)", document_id=did)
        check_document(document)  # the rules the store applies too: both agree on every article
        if _SURROGATE.search(text, 0, 200_000) or _bad_char_ratio(text) > BINARY_RATIO:
            raise BinaryContent("the text is mostly control or invalid characters: not a text article",
                                document_id=did)
        if self.check_language:
            self._check_language(document)

    def _check_language(self, document: Document) -> None:
        declared = (document.language or "").lower()
        if declared:
            if declared.split("-")[0] not in ("en", "eng", "english"):
                raise NotEnglish(f"the article is declared as {document.language!r}; sitroom reads English",
                                 document_id=document.id)
            return
        text = document.text
        head = text[:LANGUAGE_SAMPLE]
        if len(_LETTER.findall(head)) < MIN_CHARS_FOR_LANGUAGE:
            return
        identify = self.resources.get("langid", load_language_identifier).classify
        lang, prob = identify(head.lower())
        if lang == "en" or prob < 0.9:
            return
        # the opening may be a long foreign-language quote: an English body elsewhere still counts
        if len(text) > LANGUAGE_SAMPLE and identify(language_sample(text).lower())[0] == "en":
            return
        raise NotEnglish(f"the article looks like {lang!r} (p={prob:.2f}); sitroom reads English",
                         document_id=document.id, language=lang)

"""Input checks: every unusable article gets its own stable code."""
from __future__ import annotations

import pytest

from sitroom.errors import BinaryContent, EmptyText, NotEnglish, TooLarge, Undecodable
from sitroom.ingest.validate import TextValidator, decode_bytes
from sitroom.model import Document
from sitroom.stages.base import Resources

ENGLISH = ("Government troops shelled the rebel-held town on Monday, killing at least twelve "
           "civilians, local officials said, as fighting spread to the provincial capital.")


@pytest.fixture(scope="module")
def validator():
    return TextValidator(Resources(max_chars=5000))


def check(validator, text, **kw):
    validator.check(Document(id="t", text=text, **kw))


def test_english_passes(validator):
    check(validator, ENGLISH)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty(validator, text):
    with pytest.raises(EmptyText):
        check(validator, text)


def test_too_large(validator):
    with pytest.raises(TooLarge) as err:
        check(validator, ENGLISH * 50)
    assert err.value.code == "too_large" and err.value.document_id == "t"


def test_binary_garbage(validator):
    with pytest.raises(BinaryContent):
        check(validator, "".join(chr(i % 32) for i in range(600)))


def test_lone_surrogates_are_not_text(validator):
    with pytest.raises(BinaryContent):
        check(validator, ENGLISH + "\ud83d")


@pytest.mark.parametrize("text", [
    "Les forces gouvernementales ont bombardé la ville tenue par les rebelles lundi, tuant au moins douze civils.",
    "Die Regierungstruppen beschossen am Montag die von Rebellen gehaltene Stadt und töteten "
    "mindestens zwölf Zivilisten.",
    "政府軍は月曜日、反政府勢力が支配する町を砲撃し、少なくとも12人の民間人が死亡したと地元当局者が述べた。",
])
def test_not_english(validator, text):
    with pytest.raises(NotEnglish):
        check(validator, text)


PORTUGUESE_QUOTE = ("Os bombardeios continuaram durante toda a noite e ninguém sabe quantas pessoas "
                    "morreram nas casas destruídas perto do mercado central da cidade. ")
ENGLISH_REPORT = ("Rescue teams searched the ruins of the market district on Tuesday as officials "
                  "revised the toll upward and aid convoys waited at the checkpoint outside town. ")


def test_an_english_report_opening_with_a_long_foreign_quote_is_english():
    text = PORTUGUESE_QUOTE * 12 + ENGLISH_REPORT * 30
    TextValidator(Resources()).check(Document(id="t", text=text))


def test_a_foreign_article_with_an_english_line_is_not_english():
    text = ENGLISH_REPORT + PORTUGUESE_QUOTE * 40
    with pytest.raises(NotEnglish):
        TextValidator(Resources()).check(Document(id="t", text=text))


def test_declared_language_wins(validator):
    with pytest.raises(NotEnglish):
        check(validator, ENGLISH, language="fr")
    check(validator, ENGLISH, language="en")


def test_short_text_skips_language_check(validator):
    check(validator, "Kyiv, May 3.")


def test_language_check_can_be_switched_off():
    TextValidator(Resources(check_language=False)).check(
        Document(id="t", text="Les forces gouvernementales ont bombardé la ville lundi, tuant douze civils."))


def test_decode_utf8_bom_and_latin1():
    assert decode_bytes("Kyiv — shelling".encode("utf-8-sig")) == "Kyiv — shelling"
    assert decode_bytes("Zürich résidents fled après the blast.".encode("utf-16")) == \
        "Zürich résidents fled après the blast."
    text = "Troops entered Peñas Blancas and Zaragoza after a night of clashes near the río."
    assert decode_bytes(text.encode("latin-1")) == text


def test_decode_rejects_binary_and_empty():
    with pytest.raises(BinaryContent):
        decode_bytes(bytes(range(256)) * 20)
    with pytest.raises(EmptyText):
        decode_bytes(b"  \n")
    with pytest.raises(Undecodable):
        decode_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 mark, then half a surrogate pair

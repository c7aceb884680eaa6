"""Which stretches of a text are written in capitals (sitroom.casing.detect); no model needed."""
from __future__ import annotations

from sitroom.casing import Thresholds, caps_stretches

WIRE = ("LIMA, 10 DEC 88 (EFE) -- [TEXT] SIX ENGINEERS HAVE BEEN MURDERED THIS WEEK BY MEMBERS OF THE\n"
        "SHINING PATH GUERRILLA MOVEMENT, THE POLICE REPORTED TODAY.\n")


def test_a_text_in_capitals_is_one_stretch():
    stretches = caps_stretches(WIRE)
    assert len(stretches) == 1
    s, e = stretches[0]
    assert WIRE[s:e].startswith("LIMA") and WIRE[s:e].endswith("TODAY.")


def test_mixed_case_text_has_none():
    text = "Six engineers have been murdered this week by members of the Shining Path, the police said. " * 5
    assert caps_stretches(text) == []


def test_a_headline_in_capitals_inside_mixed_text_is_left_alone():
    text = ("REBELS SEIZE TOWN IN NORTH\n\nRebels seized the town of Kalma on Sunday after two days of "
            "fighting with the army, residents said. The UN called for calm.")
    assert caps_stretches(text) == []


def test_a_mixed_case_tag_inside_capitals_does_not_split_the_stretch():
    text = WIRE.replace("[TEXT]", "[Text]")
    assert len(caps_stretches(text)) == 1


def test_capital_paragraph_inside_mixed_text():
    mixed = "The agency released the following statement on Monday.\n\n"
    text = mixed + WIRE + "\nIt gave no further details."
    (s, e), = caps_stretches(text)
    assert s == len(mixed) and text[s:e].endswith("TODAY.")


def test_thresholds_decide():
    assert caps_stretches(WIRE, Thresholds(min_chars=500)) == []
    assert caps_stretches("ARMY KILLS 5 REBELS", Thresholds(min_chars=10, min_letters=5)) != []


def test_numbers_and_punctuation_alone_are_not_capitals():
    assert caps_stretches("1,200 - 3,400 - 5,600 - 7,800 - 9,000 - 1,100 - 2,200 - 3,300 - 4,400 - 5,500") == []

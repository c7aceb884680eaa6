"""Number words and digits, vague counts, qualifiers, bounds and ranges, without spaCy (fast).

Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from sitroom.figures.lexicon import load_lexicon
from sitroom.figures.numbers import find_atoms, parse_digits, parse_words
from sitroom.figures.qualifiers import bounds, qualifier_after, qualifier_before, qualifier_verb
from sitroom.figures.scan import scan
from sitroom.model import Qualifier
from sitroom.stages.base import Resources

Q = Qualifier


@pytest.fixture(scope="module")
def lex():
    return load_lexicon(Resources())


def atoms(text, lex):
    return [(text[a.start:a.end], a.value if not a.vague else ("vague", a.floor)) for a in find_atoms(text, lex)]


def expressions(text, lex):
    return [(text[e.start:e.end], e.qualifier, e.value, e.low, e.high) for e in scan(text, lex) if not e.score]


# ---- number words and digits ------------------------------------------------------------

@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("five", 5), ("eleven", 11), ("twenty-three", 23), ("two hundred", 200), ("a hundred", 100),
        ("two hundred and fifty", 250), ("five thousand", 5000), ("a dozen", 12), ("two dozen", 24),
        ("half a million", 500000), ("three million four hundred thousand", 3400000),
        ("thirty-one thousand four hundred twelve", 31412), ("FIFTEEN", 15),
    ],
)
def test_parse_words(words, value, lex):
    assert parse_words(words, lex) == value


def test_parse_words_rejects_non_numbers(lex):
    assert parse_words("five apples", lex) is None


@pytest.mark.parametrize(("body", "value"), [("1,200", 1200), ("23", 23), ("3.5", 3.5), ("17, 000", 17000)])
def test_parse_digits(body, value):
    assert parse_digits(body) == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Officials counted 1,200 graves.", [("1,200", 1200)]),
        ("The fund holds 3.5 million dollars.", [("3.5 million", 3500000)]),
        ("A budget of $7.4M was cut to $2.3bn.", [("7.4M", 7400000), ("2.3bn", 2300000000)]),
        ("They walked 400m to the gate.", [("400", 400)]),  # metres, not million
        ("A tally of roughly 17, 000 ballots.", [("17, 000", 17000)]),
        ("Some four hundred million people.", [("four hundred million", 400000000)]),
        ("Some 7 hundred million tonnes were shipped.", [("7 hundred million", 700000000)]),
        ("A gift of USD25m arrived.", [("25m", 25000000)]),
        ("Nine AK-47s and an M-16 were found.", [("Nine", 9)]),  # model numbers are not numbers
        ("Dozens of homes burned.", [("Dozens", ("vague", 12))]),
        ("Tens of thousands marched.", [("Tens of thousands", ("vague", 10000))]),
        ("Scores of thousands fled.", [("Scores of thousands", ("vague", 20000))]),
        ("Several hundred people and a few thousand others.",
         [("Several hundred", ("vague", 300)), ("a few thousand", ("vague", 2000))]),
        ("A handful of guards.", [("A handful", ("vague", 2))]),
        ("An unknown number of people.", [("An unknown number", ("vague", None))]),
        ("The score was 9/11 and 24/7.", []),
        ("It ended at 10:45.", []),
    ],
)
def test_atoms(text, found, lex):
    assert atoms(text, lex) == found


# ---- qualifiers and bounds -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        (Q.EXACT, 23, (23, 23, 23)),
        (Q.AT_LEAST, 100, (100, 100, None)),
        (Q.MORE_THAN, 900, (900, 901, None)),
        (Q.MORE_THAN, 2.5, (2.5, 2.5, None)),  # no "+1" for a fraction
        (Q.ABOUT, 60, (60, None, None)),
        (Q.UP_TO, 50, (50, None, 50)),
        (Q.LESS_THAN, 20, (20, None, 19)),
    ],
)
def test_bounds(qualifier, value, expected):
    assert bounds(qualifier, value) == expected


def test_bounds_range_and_vague():
    assert bounds(Q.RANGE, None, 20, 30) == (None, 20, 30)
    assert bounds(Q.VAGUE, None, 12) == (None, 12, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 140", ("at least 140", Q.AT_LEAST, 140, 140, None)),
        ("no fewer than 40", ("no fewer than 40", Q.AT_LEAST, 40, 40, None)),
        ("more than 760", ("more than 760", Q.MORE_THAN, 760, 761, None)),
        ("over 3 million", ("over 3 million", Q.MORE_THAN, 3000000, 3000001, None)),
        ("over a dozen", ("over a dozen", Q.MORE_THAN, 12, 13, None)),
        ("nearly 3,100", ("nearly 3,100", Q.UP_TO, 3100, None, 3100)),
        ("almost 450", ("almost 450", Q.UP_TO, 450, None, 450)),
        ("about 75", ("about 75", Q.ABOUT, 75, None, None)),
        ("around 130", ("around 130", Q.ABOUT, 130, None, None)),
        ("some 320", ("some 320", Q.ABOUT, 320, None, None)),
        ("roughly 35", ("roughly 35", Q.ABOUT, 35, None, None)),
        ("an estimated 6,500", ("an estimated 6,500", Q.ABOUT, 6500, None, None)),
        ("up to 45", ("up to 45", Q.UP_TO, 45, None, 45)),
        ("as many as eleven", ("as many as eleven", Q.UP_TO, 11, None, 11)),
        ("as many as an additional 600", ("as many as an additional 600", Q.UP_TO, 600, None, 600)),
        ("fewer than 25", ("fewer than 25", Q.LESS_THAN, 25, None, 24)),
        ("less than 5", ("less than 5", Q.LESS_THAN, 5, None, 4)),
        ("35 or more", ("35 or more", Q.AT_LEAST, 35, 35, None)),
        ("a 40-plus", ("40-plus", Q.AT_LEAST, 40, 40, None)),
        ("about $70 million", ("about $70 million", Q.ABOUT, 70000000, None, None)),
        ("MORE\nTHAN 2,300", ("MORE\nTHAN 2,300", Q.MORE_THAN, 2300, 2301, None)),
    ],
)
def test_qualified_expressions(text, expected, lex):
    assert expressions(f"They said {text} were there.", lex)[-1] == expected


def test_qualifier_helpers(lex):
    text = "the toll passing 9,000 by noon"
    start = text.index("9,000")
    assert qualifier_before(lex, text, start) == (None, start)
    assert qualifier_verb(lex, text, start) is Q.MORE_THAN
    assert qualifier_verb(lex, "might approach 9,000", len("might approach ")) is Q.UP_TO
    assert qualifier_after(lex, "50 or more people", 2) == (Q.AT_LEAST, len("50 or more"))


# ---- ranges, updates, scores ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between 25 and 40 people", [("between 25 and 40", Q.RANGE, None, 25, 40)]),
        ("15-25 people", [("15-25", Q.RANGE, None, 15, 25)]),
        ("40 to 60 people", [("40 to 60", Q.RANGE, None, 40, 60)]),
        ("five or six people", [("five or six", Q.RANGE, None, 5, 6)]),
        ("between 2 and 3 million people", [("between 2 and 3 million", Q.RANGE, None, 2000000, 3000000)]),
        ("six to seven thousand people", [("six to seven thousand", Q.RANGE, None, 6000, 7000)]),
        ("between 3% and 4%", [("between 3% and 4", Q.RANGE, None, 3, 4)]),
        # a toll update is two figures, not a range
        ("the toll rose from 14 to 22", [("14", Q.EXACT, 14, 14, 14), ("22", Q.EXACT, 22, 22, 22)]),
        ("it climbed 0.4% to 2,150", [("0.4", Q.EXACT, 0.4, 0.4, 0.4), ("2,150", Q.EXACT, 2150, 2150, 2150)]),
    ],
)
def test_ranges(text, expected, lex):
    assert expressions(text, lex) == expected


def test_score_is_not_a_figure(lex):
    assert [e.score for e in scan("They won 3-1 at home.", lex)] == [True]
    assert expressions("They won 3-1 at home.", lex) == []


def test_ages_joined_by_and_are_marked(lex):
    marked = [(e.start, e.age) for e in scan("who were 63 and 51 years old", lex)]
    assert [age for _, age in marked] == [True, True]


def test_qualifier_does_not_leave_a_count_word_behind(lex):
    # "as many as" contains "many": only the qualified number remains
    assert [t for t, *_ in expressions("as many as 35 people", lex)] == ["as many as 35"]

"""Which numbers are conflict figures (sitroom.figures.scope): people in a conflict role, attacks,
weapons and property something was done to; not money, measures, ages, years, things or bare numbers.

Every sentence and the article below were written for these tests (the events are invented).
"""
from __future__ import annotations

import pytest

from sitroom.figures import find_figures
from sitroom.figures.lexicon import Lexicon, _read, load_lexicon, shipped_path
from sitroom.stages.nlp import load_spacy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp(nlp_pipeline):
    return nlp_pipeline.resources.get("spacy", load_spacy)


@pytest.fixture(scope="module")
def find(nlp, nlp_pipeline):
    lex = nlp_pipeline.resources.get("figures.lexicon", load_lexicon)

    def run(text):
        return {f.span.text: f for f in find_figures(nlp(text), text, lex)}

    return run


@pytest.fixture(scope="module")
def find_all(nlp):
    lex = Lexicon([_read(shipped_path(), "shipped"),
                   {"version": "t", "description": "t", "scope": {"general_quantities": True}}])

    def run(text):
        return {f.span.text: f for f in find_figures(nlp(text), text, lex)}

    return run


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The donors pledged $35 million for reconstruction.", "35 million"),
        ("Turnout fell to 41 percent in the northern districts.", "41"),
        ("The convoy was stopped 15 km south of the border crossing.", "15"),
        ("Investigators said the device held less than 300 grams of explosive.", "less than 300"),
        ("The council passed two resolutions on the ceasefire.", "two"),
        ("The navy keeps five submarines in the gulf.", "five"),
        ("The ministry reviewed hundreds of documents about the case.", "hundreds"),
        ("Markets plunged 5 as the unrest spread.", "5"),
        ("The law raises the retirement age for soldiers to 62.", "62"),
        ("The opposition holds a one-seat majority in parliament.", "one"),
        ("One protester threw a stone at the line of riot police.", "One"),
        ("Envoys from the two countries met in Geneva.", "two"),
    ],
)
def test_quantities_that_are_not_conflict_figures(find, find_all, text, span):
    assert span not in find(text), f"{span!r} is not a conflict figure"
    assert span in find_all(text), "with scope.general_quantities every quantity stays (kind other)"
    assert find_all(text)[span].kind.value == "other"


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ("About 200 guerrillas took part in the assault on the garrison.", "About 200", "other"),
        ("Some 3,000 soldiers have been trained at the base since 2001.", "Some 3,000", "other"),
        ("Two survivors told investigators the men wore uniforms.", "Two", "other"),
        ("Rioters set fire to three banks and looted a pharmacy.", "three", "other"),
        ("At least two other buildings caught fire during the night.", "At least two", "other"),
        ("One crewman was found alive after four days adrift.", "One", "other"),
        ("The army seized 10 crates of grenades near the river.", "10", "weapons"),
        ("Engineers cleared 4 boxes of landmines from the road.", "4", "weapons"),
        ("The coalition kept up its air strikes -- nine in the last 48 hours -- around the city.", "nine",
         "attacks"),
        ("The gunmen killed one guard at the gate.", "one", "killed"),
    ],
)
def test_conflict_figures_stay(find, text, span, kind):
    found = find(text)
    assert span in found, f"{span!r} not found in {list(found)}"
    assert found[span].kind.value == kind


def test_an_elided_count_of_people_stays_with_its_antecedent(find):
    found = find("Of the 27 officers named in the report, 19 were trained abroad.")
    assert found["27"].kind.value == "other"
    assert "19" in found  # the 19 are officers: the subject of "were trained"
    found = find("The agency trained 400 police officers; about 30 of them were later dismissed.")
    assert "about 30" in found


def test_ages_in_apposition_are_not_figures(find):
    found = find("The two guards, both 51, died at the scene, and a third was wounded.")
    assert "51" not in found


def test_capture_and_property_cues(find):
    found = find("Masked youths smashed and looted dozens of shops, and 14 people were arrested.")
    assert found["dozens"].kind.value == "other"
    assert found["14"].kind.value == "arrested"


# ---- one whole article: which numbers are figures and which are not ------------------------------

ARTICLE = """\
BELDARA, March 14 - Gunmen on motorbikes attacked a market in the border town of Beldara on Friday,
killing at least 23 people and wounding more than 40 others, the provincial governor said.

The attackers, about 60 fighters of the Red Hills Front according to the army, arrived at 10:30 a.m.
and set fire to 12 shops before withdrawing 15 km into the forest. Soldiers later arrested 9 suspects,
two of them aged 17, and seized 30 rifles and 4 crates of grenades.

The governor, 58, said the town of 45,000 residents had been attacked three times since 2019. A 2021
raid killed 11 villagers. Dozens of families have fled to the provincial capital, 120 miles to the
east, where aid agencies have asked for $2.5 million. Prices of maize rose 30 percent last month.

In a vote last week the regional assembly approved the new security plan by 41 votes to 12.
"""

#: (span, kind, value) of every figure of the article
FIGURES = {
    ("at least 23", "killed", 23),
    ("more than 40", "injured", 40),
    ("about 60", "other", 60),
    ("12", "other", 12),
    ("9", "arrested", 9),
    ("two", "arrested", 2),
    ("30", "weapons", 30),
    ("4", "weapons", 4),
    ("45,000", "other", 45000),
    ("11", "killed", 11),
    ("Dozens", "displaced", None),
}
#: numbers of the article that are not figures (the number, a unique context holding it): date, clock
#: time, distances, ages, years, money, percentage, votes, a frequency
NOT_FIGURES = [("14", "March 14"), ("10", "10:30"), ("15", "15 km"), ("17", "aged 17"), ("58", "governor, 58"),
               ("2019", "since 2019"), ("2021", "A 2021"), ("120", "120 miles"), ("2.5", "$2.5 million"),
               ("30", "30 percent"), ("41", "41 votes"), ("12", "to 12."), ("three", "three times")]


def test_article_figures_and_non_figures(nlp, nlp_pipeline):
    lex = nlp_pipeline.resources.get("figures.lexicon", load_lexicon)
    found = find_figures(nlp(ARTICLE), ARTICLE, lex)
    assert {(f.span.text, f.kind.value, f.value) for f in found} == FIGURES
    for number, context in NOT_FIGURES:
        assert ARTICLE.count(context) == 1, context
        at = ARTICLE.find(context) + context.find(number)
        hits = [f.span.text for f in found if f.span.start < at + len(number) and at < f.span.end]
        assert not hits, f"{number!r} in {context!r} is not a figure: {hits}"

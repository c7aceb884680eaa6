"""Figures in parsed sentences: kind, qualifier, bounds, subject, and the numbers that are not figures.

Runs the real spaCy model (loaded once per session through the shared ``nlp_pipeline`` fixture).
Every sentence was written for these tests; facts from real events are paraphrased.
"""
from __future__ import annotations

import pytest

from sitroom.figures import find_figures
from sitroom.figures.lexicon import load_lexicon
from sitroom.stages.nlp import load_spacy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def find(nlp_pipeline):
    resources = nlp_pipeline.resources
    nlp = resources.get("spacy", load_spacy)
    lex = resources.get("figures.lexicon", load_lexicon)

    def run(text):
        return {f.span.text: f for f in find_figures(nlp(text), text, lex)}

    return run


@pytest.fixture(scope="module")
def find_all(nlp_pipeline):
    """Every quantity, as with a user lexicon that sets ``scope.general_quantities``."""
    from sitroom.figures.lexicon import Lexicon, _read, shipped_path

    nlp = nlp_pipeline.resources.get("spacy", load_spacy)
    lex = Lexicon([_read(shipped_path(), "shipped"), {"version": "t", "description": "t",
                                                     "scope": {"general_quantities": True}}])

    def run(text):
        return {f.span.text: f for f in find_figures(nlp(text), text, lex)}

    return run


def check(found, span, kind, qualifier=None, value=None, low=None, high=None, subject="-"):
    assert span in found, f"{span!r} not found in {list(found)}"
    f = found[span]
    assert f.kind.value == kind, f"{span!r}: kind {f.kind.value} != {kind}"
    if qualifier is not None:
        assert (f.qualifier.value, f.value, f.low, f.high) == (qualifier, value, low, high)
    if subject is None:
        assert f.subject is None, f"{span!r}: subject {f.subject.text!r} != None"
    elif subject != "-":  # the expected head, inside the predicted noun phrase
        assert f.subject is not None and subject in f.subject.text, f"{span!r}: subject {f.subject} !~ {subject!r}"


# ---- each kind, from the verb, the noun or the predicate ----------------------------------

@pytest.mark.parametrize(
    ("text", "span", "kind", "subject"),
    [
        ("Gunmen opened fire on a bus, killing 14 passengers.", "14", "killed", "passengers"),
        ("Two soldiers died in the ambush on Tuesday.", "Two", "killed", "soldiers"),
        ("The blast left 25 dead near the market.", "25", "killed", None),
        ("Officials confirmed 7 fatalities after the raid.", "7", "killed", None),
        ("Four miners were burned to death in the tunnel.", "Four", "killed", "miners"),
        ("The militia executed nine prisoners at dawn.", "nine", "killed", "prisoners"),
        ("At least 12 soldiers lost their lives in the clash.", "At least 12", "killed", "soldiers"),
        ("Divers recovered the bodies of five traders from the lake.", "five", "killed", "traders"),
        ("The shelling wounded 40 civilians in the old city.", "40", "injured", "civilians"),
        ("In all, 62 people were hospitalised after the fire.", "62", "injured", "people"),
        ("Three medics suffered minor injuries at the scene.", "Three", "injured", "medics"),
        ("Three wounded soldiers were evacuated by helicopter.", "Three", "injured", "wounded soldiers"),
        ("Bandits kidnapped 11 road engineers near the quarry.", "11", "hostage", "road engineers"),
        ("The gang took three bank clerks hostage.", "three", "hostage", "bank clerks"),
        ("Some 40 villagers were abducted by armed men.", "Some 40", "hostage", "villagers"),
        ("The rebels are holding 35 foreign engineers.", "35", "hostage", "foreign engineers"),
        ("Three journalists remain unaccounted for.", "Three", "missing", "journalists"),
        ("Twenty-two hikers are still missing after the avalanche.", "Twenty-two", "missing", "hikers"),
        ("Riot police detained 85 students outside the ministry.", "85", "arrested", "students"),
        ("Authorities said 300 suspects had been rounded up.", "300", "arrested", "suspects"),
        ("The coast guard captured 17 smugglers off the island.", "17", "arrested", "smugglers"),
        ("Police made 52 arrests over the weekend.", "52", "arrested", None),
        ("About 1,800 households fled their homes.", "About 1,800", "displaced", "households"),
        ("The cyclone left tens of thousands homeless.", "tens of thousands", "displaced", None),
        ("An estimated 10,000 refugees crossed the border.", "An estimated 10,000", "displaced", "refugees"),
        ("The air force carried out 45 air strikes overnight.", "45", "attacks", None),
        ("Gunmen attacked four army checkpoints in the north.", "four", "attacks", "checkpoints"),
        ("Militants fired 120 rockets at the town.", "120", "weapons", "rockets"),
        ("Houthi forces launched 20 drones and four missiles.", "20", "weapons", "drones"),
        ("Customs officers seized 14 pistols and 600 rounds of ammunition.", "600", "weapons", "rounds"),
        ("A sniper shot three people near the stadium.", "three", "other", "people"),
        ("Lifeboat crews rescued 27 migrants from the sea.", "27", "other", "migrants"),
        ("Some 180 shops were destroyed by the mob.", "Some 180", "other", "shops"),
        ("Officials reported 38 casualties.", "38", "other", None),
    ],
)
def test_kinds(find, text, span, kind, subject):
    check(find(text), span, kind, subject=subject)


@pytest.mark.parametrize(
    ("text", "span", "kind", "qualifier", "value", "low", "high"),
    [
        ("Local media said at least 140 residents have died.", "at least 140", "killed", "at_least", 140, 140, None),
        ("More than 760 were injured in the attack.", "More than 760", "injured", "more_than", 760, 761, None),
        ("Nearly 3,100 people have been detained since May.", "Nearly 3,100", "arrested", "up_to", 3100, None, 3100),
        ("Up to 45 people may have died in the landslide.", "Up to 45", "killed", "up_to", 45, None, 45),
        ("Fewer than 25 people were hurt.", "Fewer than 25", "injured", "less_than", 25, None, 24),
        ("Around 75 people were killed in the fighting.", "Around 75", "killed", "about", 75, None, None),
        ("Between 25 and 40 were reportedly wounded.", "Between 25 and 40", "injured", "range", None, 25, 40),
        ("Five or six people were wounded.", "Five or six", "injured", "range", None, 5, 6),
        ("Police said 15-25 people were arrested.", "15-25", "arrested", "range", None, 15, 25),
        ("Dozens of protesters were arrested.", "Dozens", "arrested", "vague", None, 12, None),
        ("Scores were abducted by the bandits.", "Scores", "hostage", "vague", None, 20, None),
        ("Hundreds of thousands have fled the fighting.", "Hundreds of thousands", "displaced", "vague",
         None, 100000, None),
        ("A sniper killed three guards and injured several others.", "several", "injured", "vague", None, 3, None),
        ("Militants launched three thousand rockets.", "three thousand", "weapons", "exact", 3000, 3000, 3000),
        ("Two dozen policemen were injured.", "Two dozen", "injured", "exact", 24, 24, 24),
        ("3.5 million people have been displaced.", "3.5 million", "displaced", "exact", 3500000, 3500000, 3500000),
        ("An unknown number of villagers were abducted.", "An unknown number", "hostage", "vague", None, None, None),
    ],
)
def test_qualifiers_in_sentences(find, text, span, kind, qualifier, value, low, high):
    check(find(text), span, kind, qualifier, value, low, high)


def test_elided_and_coordinated_nouns(find):
    found = find("They killed 12 and injured 47 before dawn.")
    check(found, "12", "killed", subject=None)
    check(found, "47", "injured", subject=None)
    found = find("The raid left 20 rebels and 4 soldiers dead and 9 civilians wounded.")
    check(found, "20", "killed", subject="rebels")
    check(found, "4", "killed", subject="soldiers")
    check(found, "9", "injured", subject="civilians")
    found = find("Police moved in to arrest 14 Afghan and 9 Pakistani workers.")
    check(found, "14", "arrested", subject="workers")
    check(found, "9", "arrested", subject="workers")


def test_breakdowns_take_the_kind_of_their_total(find):
    found = find("The strike killed 15 Palestinians, including six children, officials said.")
    check(found, "15", "killed", subject="Palestinians")
    check(found, "six", "killed", subject="children")
    found = find("The attack left eight people injured, two of them critically.")
    check(found, "two", "injured", subject=None)
    found = find("Five medics, three of them nurses, were killed in the strike.")
    check(found, "Five", "killed", subject="medics")
    check(found, "three", "killed", subject=None)


def test_partitives(find):
    found = find("Three of the five hostages died in captivity.")
    check(found, "Three", "killed", subject="hostages")
    check(found, "five", "hostage", subject="hostages")
    check(find("Two of the wounded later died in hospital."), "Two", "killed", subject=None)


def test_capture_reads_the_agent(find):
    check(find("Troops captured 40 rebels near the border."), "40", "arrested")
    check(find("Insurgents captured 40 soldiers near the border."), "40", "hostage")


def test_toll_updates_are_separate_figures_in_order(find):
    found = find("The death toll rose to 700 on Tuesday, up from 500 a day earlier.")
    check(found, "700", "killed", "exact", 700, 700, 700, subject=None)
    check(found, "500", "killed", "exact", 500, 500, 500, subject=None)
    found = find("The toll has continued to rise, passing 9,000 people, officials said.")
    check(found, "9,000", "killed", "more_than", 9000, 9001, None)
    check(find("Officials fear the death toll could approach 4,500."), "4,500", "killed", "up_to", 4500, None, 4500)


# ---- numbers that are not casualty figures --------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The 41-year-old was detained at 11:20 p.m. on Sunday.",  # age, time
        "A 29-year-old man was shot dead at 7:45 p.m.",
        "Seventy-year-old Maria Lopez died in 1998.",  # age, year
        "The victim, 19, died in hospital.",  # age in apposition
        "The prisoner, aged 77, was released.",
        "She was a mother of four and was killed in 2015.",  # family size, year
        "It was the third killing in four days.",  # ordinal, duration
        "The bomb went off at 0710 GMT on 14 March 1991.",  # clock time, date
        "He was sentenced to 15 years in prison.",  # duration
        "Flight 17 crashed near Gate 4.",  # labels
        "The home side won 3-1.",  # score
        "For tips call 555-123-4567.",  # phone number
        "Dozens gathered outside the courthouse.",  # a count word with nothing said of it
    ],
)
def test_hard_negatives_have_no_figures(find, text):
    assert find(text) == {}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("As many as 40 firefighters battled the fire.", "As many as 40"),
        ("The town of 250,000 residents was shaken.", "250,000"),
        ("He was charged on four counts of attempted murder.", "four"),
        ("He was stabbed five times in the chest.", "five"),
        ("The suspect had been detained seven times before.", "seven"),
        ("None of the 15 passengers was hurt.", "15"),
        ("Twelve passengers were not hurt.", "Twelve"),  # a count of the unhurt
        ("About 65 km north of the city, troops patrolled.", "About 65"),
        ("Ransom of $2 million was paid for the crew.", "2 million"),
        ("Farmers lost more than 40 percent of their harvest.", "more than 40"),
    ],
)
def test_non_casualty_quantities_are_other(find_all, text, span):
    found = find_all(text)
    check(found, span, "other")
    assert all(f.kind.value == "other" for f in found.values())


def test_money_and_percentages_keep_qualifiers_but_no_subject(find_all):
    found = find_all("Reserves fell to about $70 million, down nearly 8% this year.")
    check(found, "about $70 million", "other", "about", 70000000, None, None, subject=None)
    check(found, "nearly 8", "other", "up_to", 8, None, 8, subject=None)


def test_context_windows_stop_at_the_sentence(find):
    # "...officers." must not read as the currency code "Rs" before the next sentence's number
    found = find("Crowds jeered the officers.\n\nAt least 72 people were hurt in May.\n\n5 soldiers died.")
    check(found, "At least 72", "injured", subject="people")
    check(found, "5", "killed", subject="soldiers")


def test_all_caps_wire_copy(find):
    found = find("FOUR GUARDS HAVE DIED AND 1,300 WOUNDED -- MANY OF THEM MAIMED -- WERE TAKEN TO CLINICS.")
    check(found, "FOUR", "killed", subject="GUARDS")
    check(found, "1,300", "injured", subject=None)
    check(found, "MANY", "injured", "vague", None, None, None)


def test_a_participle_after_a_partitive_belongs_to_the_inner_count(find):
    # "killed" modifies the fishermen: the 14 were killed, the 9 were examined
    found = find("Doctors examined 9 of the 14 fishermen killed near the border.")
    check(found, "14", "killed", subject="fishermen")
    check(found, "9", "other")
    # a finite verb is the outer count's: three died, the five were hostages
    found = find("Three of the five hostages died in captivity.")
    check(found, "Three", "killed")
    check(found, "five", "hostage")
    # no partitive: the participle is the count's own predicate
    found = find("Police said 18 people had been injured and 12 arrested for carrying weapons.")
    check(found, "12", "arrested", subject=None)


def test_modifiers_dropped_from_the_phrase_do_not_hide_the_predicate(find):
    found = find("Officials said 20 Awajun indigenous died during the clashes.")
    check(found, "20", "killed")

"""The times stage: recognition, TIMEX3 types and values, anchoring, and hard negatives.

Most tests run the grammar without spaCy (fast); the ``slow`` ones run the real
``nlp`` + ``times`` pipeline once per module for tense and entity-based decisions.
All sentences are written for these tests.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from sitroom.errors import DataFileError
from sitroom.model import Document, TimeType
from sitroom.stages import STAGES
from sitroom.stages.base import Resources
from sitroom.stages.times import TimesStage, load_times_grammar
from sitroom.times import build_grammar, find_times, load_lexicon
from sitroom.times.calendar import duration, easter, fmt, holiday_date, parse_published, parse_value, weekday_near
from sitroom.times.lexicon import validate

PUB = "2023-10-07"  # a Saturday


@pytest.fixture(scope="module")
def grammar():
    return build_grammar(load_lexicon())


def times(text, grammar, published=PUB, doc=None):
    """{span text: (type, value)} of every expression found."""
    return {text[s:e]: (t.value, v) for s, e, t, v in find_times(text, grammar, published=published, doc=doc)}


# ---- the examples of the issue, without spaCy ---------------------------------------

@pytest.mark.parametrize(
    ("text", "span", "type_", "value"),
    [
        ("Gunmen crossed the border on Saturday.", "Saturday", "DATE", "2023-10-07"),
        ("The talks collapsed in August.", "August", "DATE", "2023-08"),
        ("On October 3 a shell hit the school.", "October 3", "DATE", "2023-10-03"),
        ("The army withdrew last month.", "last month", "DATE", "2023-09"),
        ("Clashes broke out in early September.", "early September", "DATE", "2023-09"),
        ("The town has been besieged since 2021.", "2021", "DATE", "2021"),
        ("The ministry said earlier this year that it would act.", "earlier this year", "DATE", "2023"),
        ("Both sides fought a ten-day battle for the bridge.", "ten-day", "DURATION", "P10D"),
        ("Aid trucks entered the city today.", "today", "DATE", "2023-10-07"),
        ("Aid trucks entered the city yesterday.", "yesterday", "DATE", "2023-10-06"),
        ("Two villages were shelled last week.", "last week", "DATE", "2023-W39"),
        ("The militia took the port two years ago.", "two years ago", "DATE", "2021"),
        ("The dispute goes back to the 1990s.", "the 1990s", "DATE", "199"),
        ("The road is now open.", "now", "DATE", "PRESENT_REF"),
        ("The road is currently closed.", "currently", "DATE", "PRESENT_REF"),
        ("Raids have multiplied in recent months.", "recent months", "DATE", "PAST_REF"),
        ("Convoys are searched every week.", "every week", "SET", "P1W"),
        ("The curfew starts at 10 a.m. in the old city.", "10 a.m.", "TIME", "2023-10-07T10:00"),
        ("The siege lasted three days.", "three days", "DURATION", "P3D"),
        ("The feud has lasted for decades.", "decades", "DURATION", "PXDE"),
        ("The sirens sounded in mid-afternoon.", "mid-afternoon", "TIME", "2023-10-07TAF"),
    ],
)
def test_issue_examples(grammar, text, span, type_, value):
    assert times(text, grammar)[span] == (type_, value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The attack began on the morning of October 7.", "the morning of October 7", "2023-10-07TMO"),
        ("Jets struck at 11 p.m. on Wednesday.", "11 p.m.", "2023-10-04T23:00"),
        ("Officials met on 15 January 2022.", "15 January 2022", "2022-01-15"),
        ("Fighting resumed on Oct. 1.", "Oct. 1", "2023-10-01"),
        ("The strike came last night.", "last night", "2023-10-06TNI"),
        ("A truce was signed in the second half of 2022.", "the second half of 2022", "2022-H2"),
        ("The ceasefire held for the past three years.", "the past three years", "P3Y"),
        ("The port reopened 48 hours later.", "48 hours later", "2023-10-07"),
        ("Rockets were fired at dawn.", "dawn", "2023-10-07TMO"),
        ("The offensive began in the fourth quarter.", "the fourth quarter", "2023-Q4"),
        ("Envoys visited twice a week.", "twice a week", "P1W"),
        ("Elections are due by 2024-03-31.", "2024-03-31", "2024-03-31"),
        ("Border shops close on Christmas Eve.", "Christmas Eve", "2023-12-24"),
        ("Rebels raided the post two nights ago.", "two nights ago", "2023-10-05"),
    ],
)
def test_more_expressions(grammar, text, span, value):
    assert times(text, grammar)[span][1] == value


def test_anaphoric_expressions_count_from_the_last_date(grammar):
    text = "The convoy left on October 3, 2021. Two days later it was stopped, and the next day it turned back."
    found = times(text, grammar)
    assert found["October 3, 2021"] == ("DATE", "2021-10-03")
    assert found["Two days later"] == ("DATE", "2021-10-05")
    assert found["the next day"] == ("DATE", "2021-10-04")


def test_a_year_earlier_keeps_the_granularity_of_the_period(grammar):
    found = times("Losses grew in the third quarter, against a profit a year earlier.", grammar)
    assert found["the third quarter"][1] == "2023-Q3"
    assert found["a year earlier"][1] == "2022-Q3"


def test_spans_are_exact_and_exclude_prepositions(grammar):
    text = "Since 2021, and again in August and on Saturday, the town was shelled for three days."
    for s, e, _, _ in find_times(text, grammar, published=PUB):
        assert text[s:e] == text[s:e].strip()
        assert not text[s:e].lower().startswith(("since ", "in ", "on ", "for "))
    assert set(times(text, grammar)) == {"2021", "August", "Saturday", "three days"}


# ---- without a publication date -------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Aid trucks entered the city yesterday.", "yesterday", "XXXX-XX-XX"),
        ("The talks collapsed in August.", "August", "XXXX-08"),
        ("Gunmen crossed the border on Saturday.", "Saturday", "XXXX-WXX-6"),
        ("The army withdrew last month.", "last month", "XXXX-XX"),
        ("The militia took the port two years ago.", "two years ago", "XXXX"),
        ("The curfew starts at 10 a.m. tomorrow.", "10 a.m. tomorrow", "XXXX-XX-XXT10:00"),
        ("A shell hit the school on October 3, 2023.", "October 3, 2023", "2023-10-03"),
        ("The dispute goes back to the 1990s.", "the 1990s", "199"),
        ("The siege lasted three days.", "three days", "P3D"),
    ],
)
def test_without_publication_date(grammar, text, span, value):
    assert times(text, grammar, published=None)[span][1] == value


def test_invalid_publication_date_is_treated_as_missing(grammar):
    assert times("It happened yesterday.", grammar, published="not a date")["yesterday"][1] == "XXXX-XX-XX"
    assert times("It happened yesterday.", grammar, published="2023-10-07T14:30:00Z")["yesterday"][1] == "2023-10-06"


# ---- hard negatives -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Militants fired 5,000 rockets at the coast.",
        "The council adopted Resolution 2334 without a vote.",
        "Theresa May visited the border crossing.",
        "Protesters may march on the ministry.",
        "The Arab Spring changed the region.",
        "The march commemorated Bloody Sunday.",
        "A 12-year-old boy was among the wounded.",
        "The country imports three-quarters of its grain.",
        "He gave a second interview to the Sunday Times.",
        "The film High Noon was shown at the festival.",
        "They discussed the future of the city.",
    ],
)
def test_hard_negatives(grammar, text):
    assert times(text, grammar) == {}


# ---- calendar arithmetic and data --------------------------------------------------------

def test_duration_values():
    assert duration(3, "D") == "P3D"
    assert duration(None, "Y") == "PXY"
    assert duration(None, "DE") == "PXDE"
    assert duration(2, "DE") == "P20Y"
    assert duration(2.5, "Y") == "P2Y6M"
    assert duration(1.5, "MIN") == "PT1M30S"
    assert duration(48, "H") == "PT48H"


def test_calendar_helpers():
    d = date(2023, 10, 7)
    assert fmt(d, "week") == "2023-W40"
    assert fmt(d, "weekend") == "2023-W40-WE"
    assert fmt(d, "quarter") == "2023-Q4"
    assert fmt(d, "decade") == "202"
    assert fmt(None, "month") == "XXXX-XX"
    assert weekday_near(d, 6, "on_or_before") == d
    assert weekday_near(d, 6, "before") == date(2023, 9, 30)
    assert weekday_near(d, 2, "after") == date(2023, 10, 10)
    assert easter(2024) == date(2024, 3, 31)
    assert holiday_date("11-thu-4", 2023) == date(2023, 11, 23)
    assert holiday_date("11-tue-after-mon-1", 2022) == date(2022, 11, 8)
    assert parse_value("2023-Q3") == (date(2023, 7, 1), "quarter")
    assert parse_value("PRESENT_REF") is None
    assert parse_published("2023-02-30") is None


def test_rules_file_is_validated(tmp_path):
    data = json.loads(json.dumps(load_lexicon().__dict__))
    data["version"] = 99
    with pytest.raises(DataFileError):
        validate(data)
    bad = tmp_path / "rules.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_times_grammar(Resources(times_rules=str(bad)))


def test_user_rules_file_extends_the_tables(tmp_path):
    lex = load_lexicon()
    data = {k: (list(v) if isinstance(v, tuple) else v) for k, v in lex.__dict__.items()}
    data["holidays"] = {**lex.holidays, "founders day": "03-15"}
    path = tmp_path / "my_rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    g = load_times_grammar(Resources(times_rules=str(path)))
    assert times("Rallies were held on Founders Day.", g)["Founders Day"][1] == "2023-03-15"


# ---- the stage in the pipeline (spaCy) --------------------------------------------------

def test_stage_declaration():
    assert STAGES["times"] is TimesStage
    assert TimesStage.name == "times"
    assert TimesStage.requires == ("spacy",)
    assert TimesStage.assigns == ("times",)


def test_grammar_is_loaded_once_per_resources():
    resources = Resources()
    assert TimesStage(resources).grammar is TimesStage(resources).grammar


@pytest.fixture(scope="module")
def pipe():
    from sitroom import Pipeline

    return Pipeline(stages=["nlp", "times"])


def extract(pipe, text, published=PUB):
    return pipe(Document(id="t", text=text, published=published))


@pytest.mark.slow
def test_stage_output_records(pipe):
    text = ("Gunmen crossed the border on Saturday and fired thousands of rockets. "
            "Last month, the army had withdrawn two battalions. Talks will resume next Tuesday.")
    result = extract(pipe, text)
    assert [t.id for t in result.times] == [f"T{i}" for i in range(1, len(result.times) + 1)]
    assert [t.span.start for t in result.times] == sorted(t.span.start for t in result.times)
    for t in result.times:
        assert t.span.text == text[t.span.start:t.span.end]
        assert isinstance(t.type, TimeType)
    values = {t.span.text: t.value for t in result.times}
    assert values == {"Saturday": "2023-10-07", "Last month": "2023-09", "next Tuesday": "2023-10-10"}


@pytest.mark.slow
def test_tense_chooses_the_occurrence(pipe):
    past = {t.span.text: t.value for t in extract(pipe, "The envoy arrived on Tuesday.").times}
    future = {t.span.text: t.value for t in extract(pipe, "The envoy will arrive on Tuesday.").times}
    assert past["Tuesday"] == "2023-10-03"
    assert future["Tuesday"] == "2023-10-10"
    deadline = {t.span.text: t.value for t in extract(pipe, "The ultimatum expires on October 20.").times}
    assert deadline["October 20"] == "2023-10-20"
    old = {t.span.text: t.value for t in extract(pipe, "The rebels seized the airport in December.").times}
    assert old["December"] == "2022-12"
    truce = {t.span.text: t.value for t in extract(pipe, "The truce collapsed on Christmas Eve.").times}
    assert truce["Christmas Eve"] == "2022-12-24"


@pytest.mark.slow
def test_counts_are_not_years(pipe):
    result = extract(pipe, "Officials said 2021 people fled and 1,500 homes were destroyed in 2022.")
    assert {t.span.text: t.value for t in result.times} == {"2022": "2022"}


@pytest.mark.slow
def test_no_publication_date_in_pipeline(pipe):
    result = extract(pipe, "Shelling resumed yesterday after a lull in August 2023.", published=None)
    assert {t.span.text: t.value for t in result.times} == {"yesterday": "XXXX-XX-XX", "August 2023": "2023-08"}


def test_an_expression_that_cannot_be_resolved_costs_only_itself(grammar, monkeypatch):
    from sitroom.times import resolve

    real = resolve.shift

    def failing_shift(d, unit, n):
        if unit == "week":
            raise ValueError("simulated calendar failure")
        return real(d, unit, n)

    monkeypatch.setattr(resolve, "shift", failing_shift)
    found = times("Three weeks ago the town fell. Two days ago talks began.", grammar)
    assert found["Two days ago"] == ("DATE", "2023-10-05")
    assert "Three weeks ago" not in found or found["Three weeks ago"][1] != "2023-09-16"

"""Event dates and where they come from (events/timing.py): hand-written sentences and short articles."""
from __future__ import annotations

from datetime import date

import pytest

from sitroom.events.timing import best_date, recent_value, week_value
from sitroom.model import DateSource
from tests.events.conftest import by_trigger, one


def test_week_and_weekend_values():
    assert week_value("2004-W46") == "2004-11"        # 8-14 November
    assert week_value("2010-W17") == "2010"           # 26 April - 2 May
    assert week_value("2010-W17-WE") == "2010-05"     # 1-2 May
    assert week_value("2023-10") is None


def test_recent_days_is_the_month_when_the_window_fits():
    assert recent_value("in recent days", date(2024, 3, 20)) == "2024-03"
    assert recent_value("in recent days", date(2024, 3, 3)) is None
    assert recent_value("in recent weeks", date(2024, 3, 20)) is None
    assert recent_value("recently", date(2024, 3, 20)) is None
    assert recent_value("in recent days", None) is None


def test_best_date_prefers_the_text():
    assert best_date([("2024-03-10", DateSource.PUBLICATION), ("2024-03-08", DateSource.TEXT)]) == \
        ("2024-03-08", DateSource.TEXT)
    assert best_date([(None, None), ("2024-03", DateSource.SCOPE)]) == ("2024-03", DateSource.SCOPE)
    assert best_date([(None, None)]) == (None, None)
    assert best_date([("2004-11", DateSource.TEXT), ("2004-11-10", DateSource.TEXT)]) == \
        ("2004-11-10", DateSource.TEXT)
    assert best_date([("2004-11-03", DateSource.TEXT), ("2004-11-10", DateSource.TEXT)]) == \
        ("2004-11-03", DateSource.TEXT)


def test_the_background_rule_can_be_the_callers():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sitroom.events.timing import ArticleDates

    doc = Doc(Vocab(), words=["Rebels", "attacked", "."], sent_starts=[True, False, False])
    default = ArticleDates("Rebels attacked .", doc, (), "2024-03-10")
    assert default.historical("2024-01") and not default.historical("2024-03-01")
    def two_months(value, ref):  # a rule counted in calendar months
        return value is not None and value < f"{ref.year}-{ref.month - 1:02d}"

    months = ArticleDates("Rebels attacked .", doc, (), "2024-03-10", is_background=two_months)
    assert not months.historical("2024-02") and months.historical("2024-01")


pytestmark = pytest.mark.slow


def _date(e: dict) -> tuple[str | None, str | None]:
    return e["date"], e["date_source"]


def test_clause_time(events_of):
    e = one(events_of("Rebels shelled the town on Monday.", published="2024-03-06"), "shelled")
    assert _date(e) == ("2024-03-04", "text")


def test_a_time_inside_a_nested_clause_is_not_the_events(events_of):
    events = events_of("Youths hurled stones at a police station where an officer has now been charged.",
                       published="2024-03-10")
    e = one(events, "hurled")
    assert _date(e) == ("2024-03-10", "publication")  # the lead, news of the day; "now" dates the charge


def test_another_events_time_is_not_taken(events_of):
    events = events_of("Students marched in protest at the killing of a farmer eight days ago.",
                       published="2024-03-10")
    assert one(events, "marched")["date"] != "2024-03-02"


def test_paragraph_lead_scopes_what_follows(events_of):
    text = "On Jan. 8, coalition forces conducted 34 strikes. Near Mosul, soldiers arrested five suspects."
    events = events_of(text, published="2016-01-10")
    assert _date(one(events, "strikes")) == ("2016-01-08", "text")
    assert _date(one(events, "arrested")) == ("2016-01-08", "scope")


def test_list_lead_scopes_its_items(events_of):
    text = ("On March 3, the coalition conducted strikes:\n- Near Raqqa, two strikes destroyed a tank.\n"
            "- Near Mosul, one strike destroyed a bunker.")
    events = events_of(text, published="2024-03-10")
    assert [_date(e) for e in by_trigger(events, "destroyed")] == [("2024-03-03", "scope")] * 2


def test_a_scope_ends_with_its_paragraph(events_of):
    events = events_of("On March 3, rebels attacked a base in the north.\n\nPolice arrested five men.",
                       published="2024-03-10")
    assert _date(one(events, "attacked")) == ("2024-03-03", "text")
    assert _date(one(events, "arrested")) == (None, None)  # the lead is not the day's news: no guess


def test_the_news_day_scopes_the_article(events_of):
    text = "Gunmen killed five villagers in Kaduna on Saturday.\n\nTroops later arrested two suspects."
    events = events_of(text, published="2024-03-09")
    assert _date(one(events, "killed")) == ("2024-03-09", "text")
    assert _date(one(events, "arrested")) == ("2024-03-09", "scope")


def test_publication_date_only_for_the_lead_and_past_tense_news(events_of):
    text = ("Gunmen kidnapped a priest in Kaduna. Police arrested a suspect. Police are searching for the gunmen. "
            "Police have arrested two others.")
    events = events_of(text, published="2024-03-09")
    assert _date(one(events, "kidnapped")) == ("2024-03-09", "publication")
    first, perfect = by_trigger(events, "arrested")
    assert _date(first) == ("2024-03-09", "scope")
    assert _date(perfect) == (None, None)  # "have arrested": when, the text does not say
    assert one(events_of("Gunmen kidnapped a priest in Kaduna.", published=None), "kidnapped")["date"] is None


def test_a_vague_time_blocks_every_default(events_of):
    events = events_of("Troops recently seized a weapons cache. Soldiers arrested three men.", published="2024-03-09")
    assert all(e["date"] is None and e["date_source"] is None for e in events)


def test_in_recent_days(events_of):
    e = one(events_of("Rebels have attacked villages in recent days.", published="2024-03-20"), "attacked")
    assert _date(e) == ("2024-03", "text")
    e = one(events_of("Rebels have attacked villages in recent days.", published="2024-03-03"), "attacked")
    assert _date(e) == (None, None)


def test_dateline_dates_the_lead_and_anchors_deictic_days(events_of):
    events = events_of("Lima, 10 Dec 88 (EFE) -- Gunmen killed two engineers. Police arrested a suspect.",
                       published=None)
    assert _date(one(events, "killed")) == ("1988-12-10", "dateline")
    assert _date(one(events, "arrested")) == ("1988-12-10", "scope")
    e = one(events_of("Lima, 10 Dec 88 (EFE) -- Gunmen killed two engineers yesterday.", published=None), "killed")
    assert _date(e) == ("1988-12-09", "text")


def test_a_month_day_takes_the_year_the_text_gives(events_of):
    text = "The navy deployed a frigate on September 15, 2008. It rescued a cargo ship on November 11."
    assert _date(one(events_of(text, published=None), "rescued")) == ("2008-11-11", "text")
    text = ("On March 3, 1998, the navy seized a boat.\n\nOn May 5, 2008, it deployed a frigate.\n\n"
            "It rescued a cargo ship on November 11.")
    assert one(events_of(text, published=None), "rescued")["date"] == "2008-11-11"  # the closest full date
    text = "Somalia has had no government since 1991. The navy rescued a cargo ship on November 11."
    assert one(events_of(text, published=None), "rescued")["date"] is None  # a bare year is background


def test_background_is_historical_and_ends_the_news_day(events_of):
    text = ("Gunmen killed five people in Kaduna on Saturday.\n\nIn 2019, the group seized a military base and "
            "its fighters killed ten soldiers. Troops then burned the village.\n\nPolice arrested a suspect.")
    events = events_of(text, published="2024-03-10")
    news, old = by_trigger(events, "killed")
    assert _date(news) == ("2024-03-09", "text") and news["historical"] is False
    assert _date(old) == ("2019", "text") and old["historical"] is True
    burned = one(events, "burned")
    assert _date(burned) == ("2019", "scope") and burned["historical"] is True
    text = "In 2019, the group seized a military base. The governor condemned the group."
    condemned = one(events_of(text, published="2024-03-10"), "condemned")
    # the news about it, not the 2019 background: the article's lead, dated to the publication day
    assert _date(condemned) == ("2024-03-10", "publication") and condemned["historical"] is False
    assert _date(one(events, "arrested")) == (None, None)


def test_a_full_date_well_before_the_news_ends_the_news_day(events_of):
    text = ("The court trying the soldiers accused over the killing of 40 prisoners on 19 June 2019 "
            "has sentenced one officer.\n\nPolice arrested two guards.")
    events = events_of(text, published="2024-03-10")
    assert _date(one(events, "sentenced")) == ("2024-03-10", "publication")
    assert _date(one(events, "arrested")) == (None, None)


def test_an_infinitive_is_told_in_the_tense_of_its_governor(events_of):
    text = ("Protesters stormed a police station in the capital. Clashes erupted outside, with riot police "
            "trying to disperse the crowds. Police plan to arrest the leaders.")
    events = events_of(text, published="2024-03-10")
    assert _date(one(events, "disperse")) == ("2024-03-10", "scope")  # "trying" hangs on "erupted"
    assert one(events, "arrest")["date"] is None  # "plan to arrest": not yet, and not dated


def test_a_bare_year_bounding_a_stretch_does_not_block_the_year(events_of):
    text = ("The navy deployed a frigate on September 15, 2008. Somalia has had no government since 1991. "
            "It rescued a cargo ship on November 11.")
    assert one(events_of(text, published=None), "rescued")["date"] == "2008-11-11"


def test_a_happening_clause_dates_the_event_it_refers_back_to(events_of):
    text = "A submarine entered Japanese waters last week. The intrusion occurred on 10 November."
    assert _date(one(events_of(text, published="2004-11-18"), "entered")) == ("2004-11-10", "text")
    text = "Gunmen attacked a police post in the north. The attack took place on Tuesday, police said."
    assert _date(one(events_of(text, published="2024-03-14"), "attacked")) == ("2024-03-12", "text")
    # a date the text already gives is kept when the new one is not a finer form of it
    text = "Rebels attacked a village on Monday. The incident occurred on 3 November."
    assert one(events_of(text, published="2004-11-18"), "attacked")["date"] == "2004-11-15"


def test_without_a_publication_date_background_is_measured_from_the_latest_day_named(events_of):
    text = ("The navy rescued a cargo ship from pirates on November 19, 2008. India had sent a frigate to the "
            "gulf after pirates hijacked a tanker on September 15, 2008.")
    events = events_of(text, published=None)
    assert one(events, "rescued")["historical"] is False
    assert one(events, "hijacked")["historical"] is True  # two months before the story's latest day
    text = "Pirates hijacked a tanker on September 15, 2008. The navy rescued a cargo ship on October 2, 2008."
    assert one(events_of(text, published=None), "hijacked")["historical"] is False  # weeks, not months

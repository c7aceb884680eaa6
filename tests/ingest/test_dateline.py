"""Datelines of wire reports: the place and the date a report was filed."""
from __future__ import annotations

from datetime import date

import pytest

from sitroom.ingest.dateline import find_dateline
from sitroom.ingest.sources import SourceReader

TODAY = date(2025, 6, 1)

DATED = [
    ("Lima, 2 Oct 88 (EFE) -- Police said a bomb exploded.", "Lima", "1988-10-02", "EFE"),
    ("   SAN SALVADOR, 12 JAN 90 (CANAL SEIS TELEVISION) -- [TEXT] The army said", "San Salvador", "1990-01-12",
     "CANAL SEIS TELEVISION"),
    ("MANAGUA (NICARAGUA), 21 MAR 89 (BARRICADA) -- [EDITORIAL] Far from", "Managua (Nicaragua)", "1989-03-21",
     "BARRICADA"),
    ("KABUL, Afghanistan, Aug. 26, 2021 (AP) — Two bombers", "Kabul, Afghanistan", "2021-08-26", "AP"),
    ("Bogota, October 18, 1989 - Gunmen killed a judge", "Bogota", "1989-10-18", None),
    ("CARACAS (VENEZUELA), 17 JUL 89 (VENEZOLANA DE TELEVISION)\n-- [INTERVIEW] The minister", "Caracas (Venezuela)",
     "1989-07-17", "VENEZOLANA DE TELEVISION"),
    ("GOMA, 28 January 2025: Fighting spread", "Goma", "2025-01-28", None),
    ("July 21, 2013\nFire crews were called to a blaze", None, "2013-07-21", None),
    ("Sunday, July 21, 2013\nFire crews", None, "2013-07-21", None),
    ("2023-10-07\nRockets were fired", None, "2023-10-07", None),
    ("BAMAKO, 17 Sept 24 (AFP) -- Jihadists attacked", "Bamako", "2024-09-17", "AFP"),
]


@pytest.mark.parametrize(("text", "place", "iso", "agency"), DATED)
def test_a_dated_dateline(text, place, iso, agency):
    found = find_dateline(text, today=TODAY)
    assert found is not None and (found.place, found.date, found.agency) == (place, iso, agency)
    assert text[found.start:found.end] == found.text


def test_a_dateline_without_a_year_has_a_place_but_no_date():
    found = find_dateline("LIMA, Oct 2 (Reuters) - Peru's president said", today=TODAY)
    assert found is not None and found.place == "Lima" and found.agency == "Reuters" and found.date is None
    found = find_dateline("BEIRUT (AP) — Israeli jets struck", today=TODAY)
    assert found is not None and (found.place, found.agency, found.date) == ("Beirut", "AP", None)


NOT_DATELINES = [
    "Police said - nothing more.",                        # a sentence with a dash
    "The army said on 2 Oct 2020 - rebels fled.",         # a date inside a sentence
    "Rebels attacked Goma, 2 October 2020 - residents",   # lower-case words are not a place
    "Updated 5/5/2010 1:41 PM\nRiots broke out",           # numeric dates are ambiguous
    "LIMA, 31 FEB 89 -- no such day",                     # not a real date
    "GENEVA, 3 March 2099 - a report from the future",    # after today
    "",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_not_a_dated_dateline(text):
    found = find_dateline(text, today=TODAY)
    assert found is None or found.date is None


def test_two_digit_years_fall_in_the_right_century():
    assert find_dateline("LIMA, 2 Oct 88 (EFE) -- x", today=TODAY).date == "1988-10-02"
    assert find_dateline("LIMA, 2 Oct 24 (EFE) -- x", today=TODAY).date == "2024-10-02"
    future = find_dateline("LIMA, 2 Oct 26 (EFE) -- x", today=TODAY)  # 2026: a report is not filed ahead
    assert future is None or future.date is None


def test_ingest_dates_a_wire_report_by_its_dateline(tmp_path):
    (tmp_path / "wire.txt").write_text("LIMA, 2 Oct 88 (EFE) -- A bomb exploded outside a bank.", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("A bomb exploded outside a bank in Lima.", encoding="utf-8")
    items = {i.origin.rsplit("/", 1)[-1]: i.document for i in SourceReader(published="2000-01-01").expand(
        [tmp_path])}
    assert items["wire.txt"].published == "1988-10-02"   # the report's own date beats --published
    assert items["plain.txt"].published == "2000-01-01"  # --published dates what has no date of its own

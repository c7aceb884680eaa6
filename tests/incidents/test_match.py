"""The matching signals: each can fail when its rule breaks."""
from __future__ import annotations

from datetime import date

import pytest

from sitroom.incidents.match import (
    PlaceView,
    date_range,
    date_signal,
    haversine_km,
    place_signal,
    type_signal,
)


def test_date_range_covers_day_month_and_year():
    assert date_range("2023-10-07") == (date(2023, 10, 7), date(2023, 10, 7))
    assert date_range("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_range("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert date_range("2023-12") == (date(2023, 12, 1), date(2023, 12, 31))
    for bad in (None, "", "XXXX-10-07", "PRESENT_REF", "P10D", "2023-13-40"):
        assert date_range(bad) is None


def test_dates_within_window_match_and_outside_conflict():
    d = lambda s: date_range(s)  # noqa: E731
    conflict, value = date_signal(d("2024-03-01"), d("2024-03-02"), 3)
    assert conflict is None and 0.5 < value < 1
    assert date_signal(d("2024-03-01"), d("2024-03-01"), 3) == (None, 1.0)
    conflict, value = date_signal(d("2024-03-01"), d("2024-03-09"), 3)
    assert conflict and value is None
    # months apart count against, years apart say nothing: neither rules a match out
    assert date_signal(d("2024-03"), d("2024-06"), 3) == (None, -1.0)
    assert date_signal(d("2021"), d("2024"), 3) == (None, None)
    # a month-wide date overlaps the day but says little
    conflict, value = date_signal(d("2024-03"), d("2024-03-09"), 3)
    assert conflict is None and value < 0.5
    assert date_signal(None, d("2024-03-09"), 3) == (None, None)


def test_haversine_is_right_in_km():
    # Paris - London, about 344 km
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)
    assert haversine_km(10, 10, 10, 10) == 0


def test_towns_far_apart_conflict_and_near_ones_match():
    kano = PlaceView("Kano", 12.0, 8.52, "NGA", "city")
    maiduguri = PlaceView("Maiduguri", 11.85, 13.16, "NGA", "city")
    kano_suburb = PlaceView("Fagge", 12.02, 8.51, "NGA", "city")
    conflict, _ = place_signal(kano, maiduguri, 50)
    assert conflict and "km apart" in conflict
    conflict, value = place_signal(kano, kano_suburb, 50)
    assert conflict is None and value > 0.9


def test_a_country_contains_its_towns_but_not_other_countries_towns():
    nigeria = PlaceView("Nigeria", 9.08, 8.68, "NGA", "country")
    kano = PlaceView("Kano", 12.0, 8.52, "NGA", "city")
    kabul = PlaceView("Kabul", 34.53, 69.17, "AFG", "city")
    assert place_signal(nigeria, kano, 50) == (None, 0.2)
    # a country is often named in passing: another country's town counts against, no veto
    assert place_signal(nigeria, kabul, 50) == (None, -1.0)


def test_types_same_related_and_different():
    assert type_signal("ASSAULT", None, "ASSAULT", None) == (None, 1.0)
    assert type_signal("ASSAULT", None, "COERCE", None) == (None, 0.0)
    assert type_signal("ASSAULT", None, "AGREE", None)[0] is not None
    assert type_signal(None, "Battles", None, "Battles") == (None, 1.0)
    assert type_signal(None, "Battles", None, "Riots")[0] is not None
    assert type_signal(None, None, "ASSAULT", None) == (None, None)

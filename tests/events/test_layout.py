"""The layout reader of the events stage: days in datelines, front matter, paragraphs and list leads."""
from __future__ import annotations

from datetime import date

import pytest

from sitroom.events.layout import Layout, parse_day


@pytest.mark.parametrize(("text", "hint", "day"), [
    ("20 Aug 88", None, date(1988, 8, 20)),
    ("20 Aug 88", date(1988, 8, 21), date(1988, 8, 20)),
    ("3 Jan 01", date(2001, 1, 4), date(2001, 1, 3)),
    ("May 5, 2010", None, date(2010, 5, 5)),
    ("Friday, June 5th, 2009 @ 20:54 UTC", None, date(2009, 6, 5)),
    ("Sept. 3, 2014", None, date(2014, 9, 3)),
    ("April 17", date(2020, 4, 20), date(2020, 4, 17)),
    ("April 17", None, None),          # no year and nothing to take one from
    ("31 Feb 2020", None, None),        # not a day
    ("the meeting", None, None),
])
def test_parse_day(text, hint, day):
    assert parse_day(text, hint)[0] == day


def _dateline(text: str, hint=None):
    d = Layout(text, hint).dateline
    return None if d is None else (d.day, None if d.place is None else text[d.place[0]:d.place[1]])


@pytest.mark.parametrize(("text", "expected"), [
    ("   Lima, 10 Dec 88 (EFE) -- [Text] Gunmen killed two engineers.", (date(1988, 12, 10), "Lima")),
    ("MAIDUGURI, Nigeria, April 17 (Reuters) — Gunmen killed five.", (date(2021, 4, 17), "MAIDUGURI")),
    ("BEIRUT (AP) - Jets struck a village.", (None, "BEIRUT")),
    ("ALMERIA, Spain. - A device was defused today.", (None, "ALMERIA")),
    ("Headline without a stop\nMOSUL, Iraq - Troops fought.", (None, "MOSUL")),
    ("May 5, 2010\nA firebomb attack on a bank killed three people today.", (date(2010, 5, 5), None)),
    ("Rebels - the armed wing - attacked the town.", None),   # a dash, but no dateline
    ("In Goma, rebels attacked a camp.", None),
])
def test_datelines(text, expected):
    assert _dateline(text, date(2021, 4, 20)) == expected


def test_front_matter_ends_where_the_body_begins():
    text = "Fighting rages in the north\nBy a staff writer\nMay 5, 2010\nRebels attacked the town. Troops fled."
    layout = Layout(text)
    assert text[layout.body_start:].startswith("Rebels attacked")
    assert layout.in_front(text.index("By a staff")) and not layout.in_front(text.index("Troops"))
    assert layout.dateline is not None and layout.dateline.day == date(2010, 5, 5)


def test_paragraphs_are_blank_line_blocks_or_lines():
    blocks = "First sentence here. Second one\nwrapped on a line.\n\nNew paragraph."
    layout = Layout(blocks)
    assert layout.paragraph(0) == layout.paragraph(blocks.index("wrapped"))
    assert layout.paragraph(blocks.index("New")) == layout.paragraph(0) + 1
    lines = "One sentence a line.\nAnother line.\nA third."
    layout = Layout(lines)
    assert len({layout.paragraph(lines.index(w)) for w in ("One", "Another", "third")}) == 3


def test_list_items_belong_to_their_lead():
    text = ("On Jan. 8, coalition forces conducted strikes:\n- Near Mosul, five strikes hit a unit.\n"
            "- Near Raqqa, two strikes hit a tank.\nOfficials said more would follow.\n- A stray item.")
    layout = Layout(text)
    lead = layout.paragraph(0)
    assert layout.body_start == 0  # a list lead is body, not a headline
    assert layout.paragraph(text.index("Near Mosul")) == lead == layout.paragraph(text.index("Near Raqqa"))
    assert layout.paragraph(text.index("Officials")) != lead
    assert layout.paragraph(text.index("A stray")) not in (lead, layout.paragraph(text.index("Officials")))


def test_a_pages_navigation_is_a_menu_and_a_bulleted_list_is_not():
    from sitroom.events.layout import menu_spans

    nav = "\n\n".join(["Home", "World", "Kenya", "Uganda", "Tanzania", "Rwanda", "Sports"])
    text = f"Rebels attacked a base in Goma. Two soldiers died.\n\n{nav}\n\nShare this story."
    (a, b), = menu_spans(text)
    assert text[a:b] == nav
    bullets = "\n".join(f"- {w}" for w in ["Kenya", "Uganda", "Tanzania", "Rwanda", "Burundi", "Somalia"])
    assert menu_spans(f"Floods hit six countries:\n{bullets}\n") == []
    short = "\n".join(["Kenya", "Uganda", "Tanzania", "Rwanda", "Burundi"])  # five lines: a short list, kept
    assert menu_spans(short) == []
    prose = "\n".join(["Rebels attacked a base.", "Two soldiers died."] * 4)  # sentences, one a line
    assert menu_spans(prose) == []


@pytest.mark.slow
def test_a_pages_navigation_tells_no_event(events_of):
    nav = "\n\n".join(["Home", "Protests", "Meet our contributors", "Attack of the week", "Sports", "About us"])
    events = events_of(f"Police arrested five protesters in Lima.\n\n{nav}\n")
    assert [e["trigger"]["text"] for e in events] == ["arrested"]

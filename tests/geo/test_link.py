"""Where an event happened (geo.link): hand-made sentences, the place tied to the trigger or none."""
from __future__ import annotations

import pytest

from sitroom.geo.link import event_place, main_place
from sitroom.model import Document, Span

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def link(places_pipeline, nlp):
    def run(text, trigger, *, main=None, nth=0):
        places = places_pipeline(Document(id="t", text=text)).places
        doc = nlp(text)
        start = -1
        for _ in range(nth + 1):
            start = text.index(trigger, start + 1)
        pid = event_place(places, doc, Span.of(text, start, start + len(trigger)), main_place_id=main)
        by_id = {p.id: p for p in places}
        return (by_id[pid].mentions[0].text if pid in by_id else pid), places, doc

    return run


@pytest.mark.parametrize("text, trigger, expected", [
    ("Gunmen attacked towns in southern Israel on Saturday, officials said.", "attacked", "southern Israel"),
    ("The army said its forces were operating inside Gaza.", "operating", "Gaza"),
    ("Missiles struck an apartment block in Kharkiv overnight, Ukraine's air force said.", "struck", "Kharkiv"),
    ("Fighters clashed near the border with Lebanon.", "clashed", "Lebanon"),
    ("Two soldiers were killed when a bomb exploded near Kandahar.", "exploded", "Kandahar"),
    ("Rockets hit Ashkelon as sirens sounded across the south.", "hit", "Ashkelon"),
])
def test_place_tied_to_the_trigger(link, text, trigger, expected):
    assert link(text, trigger)[0] == expected


def test_speaker_is_not_the_location(link):
    text = "Tehran said the strike on the convoy was a crime."
    assert link(text, "strike")[0] is None
    assert link("Moscow denied shelling the town.", "shelling")[0] is None


def test_place_inside_a_name_is_not_the_location(link):
    assert link("The Gaza health ministry reported 20 dead after the raid.", "raid")[0] is None


def test_other_sentence_falls_back_to_main_place(link):
    text = "Heavy fighting raged in Bakhmut on Monday. Bakhmut's defenders held. The assault continued."
    pid, places, doc = link(text, "assault", main="P1")
    assert pid == "Bakhmut"
    assert link(text, "assault", main=None)[0] is None


def test_main_place(places_pipeline, nlp):
    text = ("Heavy fighting raged in Bakhmut on Monday. Ukrainian troops held Bakhmut, "
            "while Kyiv said more aid would come. Shelling of Bakhmut continued.")
    places = places_pipeline(Document(id="t", text=text)).places
    mid = main_place(places, nlp(text))
    assert {p.id: p.name for p in places}[mid] == "Bakhmut"


def test_no_clear_main_place(places_pipeline, nlp):
    text = "Leaders from Kenya met counterparts from Ghana, Peru and Chile."
    places = places_pipeline(Document(id="t", text=text)).places
    assert main_place(places, nlp(text)) is None
    assert main_place((), nlp(text)) is None


def test_speaker_does_not_make_a_main_place(places_pipeline, nlp):
    text = "Tehran said the talks failed. Tehran said it would respond. Officials in Baghdad met."
    places = places_pipeline(Document(id="t", text=text)).places
    assert main_place(places, nlp(text)) is None

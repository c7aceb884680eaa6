"""Where an event happened (geo.link): hand-made sentences, the place tied to the trigger or none."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest

from sitroom.geo.link import PlaceLinker, event_place, main_place
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


@pytest.fixture(scope="module")
def choose(places_pipeline, nlp):
    """text, trigger -> (place name, step) by PlaceLinker.choose (clause, sentence, dateline, main)."""
    def run(text, trigger, dateline=None):
        places = places_pipeline(Document(id="t", text=text)).places
        linker = PlaceLinker(places, nlp(text), dateline=dateline)
        start = text.index(trigger)
        got = linker.choose(Span.of(text, start, start + len(trigger)))
        names = {p.id: p.name for p in places}
        return None if got is None else (names[got.place], got.source)

    return run


def test_place_on_a_governing_word(choose):
    assert choose("In Goma, police said gunmen killed two traders.", "killed") == ("Goma", "clause")


def test_place_of_another_clause_is_not_the_events(places_pipeline, nlp):
    text = "Officials who visited Kharkiv said rebels attacked the convoy."
    linker = PlaceLinker(places_pipeline(Document(id="t", text=text)).places, nlp(text))
    start = text.index("attacked")
    assert linker.clause_or_sentence(Span.of(text, start, start + 8)) is None
    assert linker.main_place is not None  # the article's place, the last resort


def test_where_a_speech_is_made_is_not_where_its_subject_happened(places_pipeline, nlp):
    text = "In Kyiv, officials condemned the attacks. In Kyiv, officials condemned the attacks on Kharkiv."
    linker = PlaceLinker(places_pipeline(Document(id="t", text=text)).places, nlp(text))
    first, second = (text.index("attacks"), text.rindex("attacks"))
    assert linker.clause_or_sentence(Span.of(text, first, first + 7)) is None
    names = {p.id: p.name for p in places_pipeline(Document(id="t", text=text)).places}
    assert names[linker.clause_or_sentence(Span.of(text, second, second + 7))] == "Kharkiv"


def test_a_distance_reference_point_is_only_a_last_resort(choose):
    assert choose("A soldier was killed in a clash in Bucha, 25 km northwest of Kyiv.", "killed")[0] == "Bucha"
    assert choose("Rebels attacked a village 20 miles south of Goma.", "attacked") == ("Goma", "clause")


def test_dateline_place_and_a_story_from_abroad(choose):
    text = "KHARKIV, Ukraine (Reuters) - Missiles struck an apartment block overnight. Two people were killed."
    assert choose(text, "killed", dateline=(0, 7)) == ("Kharkiv", "dateline")
    text = ("Bogota, 28 Nov 88 (Inravision) -- Soldiers killed 14 fishermen in Venezuela. Venezuela opened an "
            "inquiry, and Venezuela's army denied the killings. The army was blamed.")
    assert choose(text, "blamed", dateline=(0, 6)) == ("Venezuela", "main")


def test_places_by_scope_in_whole_articles(pipeline):
    text = ("On Monday, officials said, troops conducted strikes. Troops shelled villages near Kharkiv. "
            "Police arrested two looters.\n\nIn Kyiv, officials condemned the attacks. Protesters marched to "
            "parliament.\n\nSoldiers seized a weapons cache.")
    record = pipeline(Document(id="t", text=text, published="2024-03-10"))
    names = {p.id: p.name for p in record.places}
    where = {e.trigger.text: names.get(e.place) for e in record.events}
    assert where["shelled"] == "Kharkiv"
    assert where["arrested"] == "Kharkiv"      # the paragraph's lead
    assert where["condemned"] == "Kyiv"
    assert where["marched"] == "Kyiv"          # the paragraph's lead
    assert where["seized a weapons cache"] == "Kharkiv"  # the article's lead
    assert where["strikes"] is None            # before any lead: the text does not say where


def _copies(places_pipeline, nlp, block: str, k: int):
    """A long article of ``k`` copies of ``block``, parsed once (Doc.from_docs), with its places."""
    from spacy.tokens import Doc

    base = places_pipeline(Document(id="b", text=block)).places
    doc = Doc.from_docs([nlp(block)] * k, ensure_whitespace=False)
    text, n = doc.text, len(block)
    places = tuple(replace(p, mentions=tuple(Span.of(text, m.start + i * n, m.end + i * n)
                                            for i in range(k) for m in p.mentions)) for p in base)
    triggers = [Span.of(text, t.idx, t.idx + len(t.text)) for t in doc if t.lower_ in ("attacked", "killed", "raid")]
    return doc, places, triggers


def test_linking_stays_linear_in_article_length(places_pipeline, nlp):
    """Issue 14: a scan of every place mention per event made 400k characters take 46 s."""
    block = ("Rebels attacked a police post in Goma on Monday, officials said. Gunmen killed five traders "
             "near Beni. The governor in Kinshasa condemned the raid.\n\n")

    def run(k):
        doc, places, triggers = _copies(places_pipeline, nlp, block, k)
        best, examined = None, 0
        for _ in range(3):
            t0 = time.perf_counter()
            linker = PlaceLinker(places, doc)
            for t in triggers:
                linker.choose(t)
            best = min(best or 1e9, time.perf_counter() - t0)
            examined = linker.examined
        return best, examined / len(triggers)

    small_t, small_work = run(100)
    big_t, big_work = run(800)
    assert big_work == pytest.approx(small_work)  # each event reads its own sentence only
    assert big_t / small_t < 24, (small_t, big_t)  # 8 times the text: linear 8, quadratic 64

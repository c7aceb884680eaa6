"""Merging reports into incidents: what must merge, what must stay apart, what is kept."""
from __future__ import annotations

import time

from sitroom.incidents import MatchConfig, build_incidents, incident_to_dict
from tests.incidents.records import Rec, plain
from tests.incidents.scenarios import market_attack


def _lines(records, **kw):
    return [incident_to_dict(inc, f"I{i}") for i, inc in enumerate(build_incidents(records, **kw), 1)]


def _groups(lines):
    return sorted(sorted(x["documents"]) for x in lines)


def test_reports_of_one_attack_merge_with_their_evidence():
    recs = [market_attack("a").done(),
            market_attack("b", toll=15, said_by="police", published="2024-05-04", source="Radio Kano").done(),
            market_attack("c", town="Fagge", lat=12.02, lon=8.51, published="2024-05-04").done()]
    lines = _lines(recs)
    assert _groups(lines) == [["a", "b", "c"]]
    inc = lines[0]
    assert inc["events"] == [["a", "E1"], ["b", "E1"], ["c", "E1"]]
    assert inc["plover"] == "ASSAULT" and inc["date"] == "2024-05-03"
    assert inc["place"]["name"] in ("Kano", "Fagge") and set(inc["place"]) == {"name", "lat", "lon"}
    assert inc["acled"] == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    first, second = inc["reports"][0], inc["reports"][1]
    assert first["evidence"] == {"new": True}
    assert {"date", "place", "actors", "type"} <= set(second["evidence"]) and second["score"] >= 0.2
    assert second["trigger"] == "attacked"


def test_two_shootings_on_one_day_in_different_towns_stay_apart():
    text = "Gunmen attacked the central market in {} on Friday, killing 12 people, witnesses said."
    recs = [market_attack("kano-1", text=text.format("Kano")).done(),
            market_attack("maid-1", town="Maiduguri", lat=11.85, lon=13.16, text=text.format("Maiduguri")).done(),
            market_attack("kano-2", text=text.format("Kano")).done()]
    assert _groups(_lines(recs)) == [["kano-1", "kano-2"], ["maid-1"]]


def test_dates_outside_the_window_are_different_incidents():
    recs = [market_attack("may").done(), market_attack("june", day="2024-06-14", published="2024-06-14").done()]
    assert _groups(_lines(recs)) == [["june"], ["may"]]
    # a wider window merges them
    assert _groups(_lines(recs, config=MatchConfig(window_days=60))) == [["june", "may"]]


def test_a_country_contains_its_cities():
    whole = Rec("n", "Gunmen attacked a market in Nigeria on Friday, killing 12 people.", published="2024-05-03")
    p = whole.place("Nigeria", 9.08, 8.68, "NGA", feature="country")
    g = whole.actor("Gunmen", name="gunmen")
    whole.event("attacked", date="2024-05-03", place=p, source=g)
    recs = [market_attack("city").done(), whole.done()]
    assert _groups(_lines(recs)) == [["city", "n"]]


def test_different_event_types_do_not_merge():
    talks = Rec("t", "Gunmen and the governor of Kano agreed on Friday to a truce.", published="2024-05-03")
    p = talks.place("Kano", 12.0, 8.52, "NGA")
    g = talks.actor("Gunmen", name="gunmen")
    talks.event("agreed", plover="AGREE", quad="VERBAL_COOPERATION", date="2024-05-03", place=p, source=g)
    assert _groups(_lines([market_attack("a").done(), talks.done()])) == [["a"], ["t"]]


def test_every_document_appears_even_without_events():
    recs = [market_attack("a").done(),
            plain("p1", "The central bank of Ghana raised rates in Accra.", names=("Ghana", "Accra")),
            plain("p2", "Ghana's central bank in Accra kept rates high.", names=("Ghana", "Accra")),
            plain("p3", "A volcano erupted near Reykjavik in Iceland.", names=("Reykjavik", "Iceland")),
            {"id": "bad", "schema_version": 1, "error": {"code": "empty_text", "message": "no text"}}]
    lines = _lines(recs)
    docs = {d for x in lines for d in x["documents"]}
    assert docs == {"a", "p1", "p2", "p3"}
    assert ["p1", "p2"] in _groups(lines)
    text_only = [x for x in lines if x["basis"] == "text"]
    assert text_only and all(x["events"] == [] and x["plover"] is None for x in text_only)


def test_neutral_statements_are_not_incidents():
    r = Rec("s", "The minister said the talks would continue in Doha.")
    r.event("said", plover=None, quad="STATEMENT")
    lines = _lines([r.done()])
    assert len(lines) == 1 and lines[0]["events"] == [] and lines[0]["documents"] == ["s"]


def test_text_lets_undated_reports_merge():
    texts = {"d0": "Pirates seized the tanker Sirius Star off the coast of Somalia, the navy of India said.",
             "d1": "The Sirius Star, a tanker, was seized by pirates off Somalia; India's navy is tracking it.",
             "d2": "Pirates fired rockets at a cruise liner near the Seychelles before a French frigate "
                   "escorted the liner to Victoria harbour."}
    names = {"d0": ("Sirius Star", "Somalia", "India"), "d1": ("Sirius Star", "Somalia", "India"),
             "d2": ("Seychelles", "Victoria")}
    recs = [plain(d, texts[d], names=names[d]) for d in texts]
    groups = _groups(_lines(recs, texts=texts))
    assert ["d0", "d1"] in groups and ["d2"] in groups


def test_two_thousand_articles_are_fast():
    import random

    rng = random.Random(7)
    towns = [(f"Town{i}", rng.uniform(-30, 40), rng.uniform(-20, 60)) for i in range(300)]
    recs = []
    for n in range(2000):
        town, lat, lon = towns[n % 300]
        day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        r = market_attack(f"d{n}", town=town, lat=lat, lon=lon, day=day, published=day,
                          text=f"Gunmen attacked the central market in {town} on Friday, killing 12 people, "
                               f"{rng.choice(['police', 'witnesses', 'officials'])} said near {town}.")
        recs.append(r.done())
    t0 = time.process_time()  # CPU time: other processes on a shared machine do not count
    lines = _lines(recs)
    assert time.process_time() - t0 < 30
    assert sum(len(x["documents"]) for x in lines) == 2000


def test_an_article_recalling_an_earlier_attack_elsewhere_reports_two_incidents():
    recalled = Rec("r", "Gunmen attacked the central market in Kano on Friday, killing 12 people. In March "
                        "bandits raided Yola, killing 30.", published="2024-05-03")
    kano = recalled.place("Kano", 12.0, 8.52, "NGA")
    yola = recalled.place("Yola", 9.2, 12.48, "NGA")
    g = recalled.actor("Gunmen", name="gunmen")
    b = recalled.actor("bandits")
    recalled.event("attacked", date="2024-05-03", place=kano, source=g)
    recalled.event("raided", date="2024-03-10", place=yola, source=b, historical=True)
    march = Rec("m", "Bandits raided Yola on Sunday, killing 30 villagers.", published="2024-03-10")
    p = march.place("Yola", 9.2, 12.48, "NGA")
    march.event("raided", date="2024-03-10", place=p, source=march.actor("Bandits", name="bandits"))
    lines = _lines([market_attack("a").done(), march.done(), recalled.done()])
    assert _groups(lines) == [["a", "r"], ["m", "r"]]
    yola_incident = next(x for x in lines if "m" in x["documents"])
    assert ["r", "E2"] in yola_incident["events"] and ["r", "E1"] not in yola_incident["events"]
    # the recalled attack joined on its own evidence, not on what article r is mostly about
    assert "lexical" not in yola_incident["reports"][1]["evidence"]


def test_a_misread_place_does_not_split_an_undated_story():
    text = "Pirates seized the bulk carrier {} off Somalia after a chase, the navy of India said on {}."
    recs = []
    for doc, (place, lat, lon) in (("a", ("Gulf of Aden", 12.5, 48.0)), ("b", ("Gulf of Aden", 12.5, 48.0)),
                                   ("c", ("Aden, Ohio", 40.1, -82.9))):  # a geoparser's misreading
        r = Rec(doc, text.format("Iron Lady", "Friday" if doc != "c" else "Saturday"))
        r.entity("Iron Lady", "PRODUCT")
        r.entity("Somalia", "GPE")
        r.entity("India", "GPE")
        pid = r.place("Somalia", lat, lon, None, name=place)
        r.event("seized", plover="COERCE", place=pid, source=r.actor("Pirates", name="pirates"))
        recs.append(r.done())
    assert _groups(_lines(recs)) == [["a", "b", "c"]]



def test_what_an_incident_says_does_not_depend_on_key_order():
    from sitroom.incidents.cluster import Incident

    inc = build_incidents([market_attack("a").done()])[0]
    inc.plovers["COERCE"] = inc.plovers["ASSAULT"]  # a tie
    profile = inc.profile()
    flipped = {k: (dict(reversed(list(v.items()))) if isinstance(v, dict) else list(reversed(v))
                   if isinstance(v, list) else v) for k, v in profile.items()}
    a, b = Incident.from_profile(1, profile), Incident.from_profile(1, flipped)
    assert (a.plover, a.place, a.date) == (b.plover, b.place, b.date) == ("ASSAULT", inc.place, inc.date)


def _strike(doc_id, city, lat, lon, day, *, date_source="text", published=None):
    """A missile strike on a city told in three events, only the strike dated (a report whose
    dates are not what most of its events say)."""
    text = (f"A missile strike hit an apartment block in {city} on {day}, killing nine people. Rescuers "
            f"searched the rubble through the night and the regional governor condemned the attack.")
    r = Rec(doc_id, text, published=published or day)
    r.entity(city, "GPE")
    p = r.place(city, lat, lon, "UKR")
    r.event("strike", date=day, date_source=date_source, place=p)
    r.event("searched", plover="AID", quad="MATERIAL_COOPERATION", place=p)
    r.event("condemned", plover="ACCUSE", quad="VERBAL_CONFLICT", place=p)
    return r.done(with_text=True)


def test_strikes_on_other_days_in_other_cities_never_merge():
    """Issue 11: a strike of 1 March in one city merged with one of 16 March in another."""
    a = _strike("kharkiv", "Kharkiv", 49.99, 36.23, "2024-03-01")
    b = _strike("odesa", "Odesa", 46.48, 30.73, "2024-03-16")
    assert _groups(_lines([a, b])) == [["kharkiv"], ["odesa"]]
    # without date_source (records of an older sitroom) other days and other towns still part them
    a2 = _strike("kharkiv", "Kharkiv", 49.99, 36.23, "2024-03-01", date_source=None)
    b2 = _strike("odesa", "Odesa", 46.48, 30.73, "2024-03-16", date_source=None)
    assert _groups(_lines([a2, b2])) == [["kharkiv"], ["odesa"]]
    # the same city, the same day: one incident
    c = _strike("kharkiv-2", "Kharkiv", 49.99, 36.23, "2024-03-01")
    assert _groups(_lines([a, c])) == [["kharkiv", "kharkiv-2"]]


def test_dates_the_texts_state_rule_a_match_out():
    """Two reports whose stated days are weeks apart are two incidents even in one city."""
    a = _strike("first", "Kharkiv", 49.99, 36.23, "2024-03-01")
    b = _strike("second", "Kharkiv", 49.99, 36.23, "2024-03-16")
    assert _groups(_lines([a, b])) == [["first"], ["second"]]
    # a date only inherited from the publication day does not rule out on its own (it may be
    # the day of a follow-up report)
    c = _strike("follow-up", "Kharkiv", 49.99, 36.23, "2024-03-16", date_source="publication")
    assert _groups(_lines([a, c])) == [["first", "follow-up"]]
    # the rule can be turned off (MatchConfig.stated_dates): then dates only count against
    assert _groups(_lines([a, b], config=MatchConfig(stated_dates=False))) == [["first", "second"]]


def test_unrelated_posts_of_one_site_do_not_merge_through_their_menus():
    """Issue 11: three unrelated blog posts merged on the page furniture they share."""
    menu = "\n\n".join(["Search", "Authors", "Topics", "Countries"]
                        + "Angola Brazil Chile Egypt France Ghana India Japan Kenya Mexico Nepal Peru".split()
                        + ["Full Category List", "Breaking News", "Leave a comment"])
    stories = {
        "flood": "Floods swept through villages in northern Bangladesh, and bloggers posted pictures of "
                 "submerged rice fields.",
        "vote": "Voters in Peru queued for hours in a tight presidential runoff, and bloggers debated "
                "mining taxes.",
        "festival": "A music festival drew thousands of fans to the shores of Lake Turkana in Kenya.",
    }
    texts = {k: f"{menu}\n\n{v}\n\n{menu}" for k, v in stories.items()}
    recs = [plain(k, texts[k], names=("Kenya", "Peru")) for k in texts]
    assert _groups(_lines(recs, texts=texts)) == [["festival"], ["flood"], ["vote"]]

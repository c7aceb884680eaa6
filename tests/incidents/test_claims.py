"""Claims over time: order, latest, highest, disputed, and how they read."""
from __future__ import annotations

from sitroom.incidents import lexical
from sitroom.incidents.build import incident_claims
from sitroom.incidents.claims import Claim, figure_claims, render, summarise
from sitroom.incidents.cluster import Clusterer, MemoryIndex


def claim(value, reported, who, *, qualifier="exact", low=None, high=None, doc=None, kind="killed"):
    low = value if low is None and qualifier in ("exact", "at_least") else low
    return Claim(kind=kind, value=value, low=low, high=high if qualifier != "exact" else value,
                 qualifier=qualifier, text=str(value), document=doc or f"{who}-{reported}", figure="F1",
                 claimed_by=who, reported=reported)


def test_a_rising_toll_reads_in_order_and_is_not_a_dispute():
    claims = [claim(1200, "2023-10-11", "government"), claim(100, "2023-10-07", "Israeli media",
                                                             qualifier="at_least"),
              claim(700, "2023-10-08", "IDF")]
    out = summarise(claims)["killed"]
    assert [c["value"] for c in out["claims"]] == [100, 700, 1200]
    assert out["summary"] == ("killed: >= 100 (Israeli media, 7 Oct) -> 700 (IDF, 8 Oct) -> "
                              "1,200 (government, 11 Oct) [latest, highest]")
    assert not any(c["disputed"] for c in out["claims"])


def test_sources_that_disagree_on_one_day_are_marked():
    claims = [claim(50, "2024-01-02", "army"), claim(300, "2024-01-02", "rebels", qualifier="more_than", low=301),
              claim(55, "2024-01-03", "hospital")]
    rows = summarise(claims)["killed"]["claims"]
    by = {c["claimed_by"]: c for c in rows}
    assert by["army"]["disputed"] and by["rebels"]["disputed"]
    assert not by["hospital"]["disputed"]  # a day later: an update, not a dispute
    assert by["hospital"]["latest"] and not by["army"]["latest"]
    assert by["rebels"]["highest"]


def test_agreeing_or_overlapping_figures_are_not_disputed():
    claims = [claim(50, "2024-01-02", "army", qualifier="about"), claim(52, "2024-01-02", "hospital"),
              claim(40, "2024-01-02", "rebels", qualifier="at_least")]
    assert not any(c["disputed"] for c in summarise(claims)["killed"]["claims"])


def test_one_source_repeating_itself_is_not_a_dispute():
    claims = [claim(50, "2024-01-02", "army", doc="a"), claim(90, "2024-01-02", "army", doc="b")]
    assert not any(c["disputed"] for c in summarise(claims)["killed"]["claims"])


def test_undated_claims_keep_arrival_order_and_disagreements_show():
    claims = [claim(5, None, "a"), claim(9, None, "b")]
    rows = summarise(claims)
    assert [r["latest"] for r in rows["killed"]["claims"]] == [False, True]
    # with no dates an update cannot be told from a dispute: the difference is marked
    assert render("killed", rows["killed"]["claims"]) == \
        "killed: 5 (a) [disputed] -> 9 (b) [latest, highest, disputed]"


def test_figure_claims_take_the_attributed_source_else_the_outlet():
    figures = [{"id": "F1", "kind": "injured", "value": 30, "low": 30, "high": 30, "qualifier": "exact",
                "text": "30", "attribution": {"source": {"text": "the ministry"}, "certainty": "reported"}},
               {"id": "F2", "kind": "killed", "value": None, "low": 12, "high": None, "qualifier": "vague",
                "text": "dozens", "attribution": {"source": None, "certainty": "asserted"}}]
    out = figure_claims("doc", figures, reported="2024-02-01", outlet="Wire")
    assert [c.source for c in out] == ["the ministry", "Wire"]
    assert "dozens" in summarise(out)["killed"]["summary"]


def test_incident_claims_come_from_its_reports_figures():
    from tests.incidents.scenarios import market_attack

    recs = [market_attack("a", published="2024-05-03").done(),
            market_attack("b", toll=15, said_by="police", published="2024-05-04").done()]
    terms = [lexical.record_terms(r) for r in recs]
    idf = lexical.Idf.from_documents(terms)
    index = MemoryIndex()
    cl = Clusterer(index, idf)
    for r, t in zip(recs, terms):
        cl.add(r, t)
    (incident,) = [i for i in index.incidents if i.members]
    killed = incident_claims(incident)["killed"]
    assert [(c["value"], c["claimed_by"] or c["outlet"]) for c in killed["claims"]] == [(12, "Daily Wire"),
                                                                                          (15, "police")]
    assert killed["claims"][1]["latest"] and killed["claims"][1]["highest"]


def test_parts_of_one_article_and_counts_of_other_things_are_not_disputes():
    parts = [claim(12, "2024-01-02", "navy", doc="a"), claim(11, "2024-01-02", "ministry", doc="a")]
    assert not any(c["disputed"] for c in summarise(parts)["killed"]["claims"])
    weapons = [claim(3, "2024-01-02", "army", kind="weapons"), claim(40, "2024-01-02", "rebels", kind="weapons")]
    assert not any(c["disputed"] for c in summarise(weapons)["weapons"]["claims"])

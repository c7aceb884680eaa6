"""Reading through the REST API: filters, cursors, evidence, stats, articles, incidents, actors."""
from __future__ import annotations

import pytest

from tests.server.conftest import make_client


def ids(resp) -> list[tuple[str, str]]:
    assert resp.status_code == 200, resp.text
    return sorted((i["article_id"], i["event_id"]) for i in resp.json()["items"])


def test_every_event_is_listed_once_newest_first(client):
    items = client.get("/api/v1/events?limit=500").json()["items"]
    assert len(items) == 7
    days = [i["date"] for i in items]
    assert days == sorted(days, reverse=True)
    assert len({i["id"] for i in items}) == 7


@pytest.mark.parametrize("query, expected", [
    ("country=UKR", {("art-kharkiv", "E1"), ("art-kharkiv", "E2"), ("art-kharkiv", "E3")}),
    ("country=Mali&plover=PROTEST", set()),
    ("plover=protest,coerce", {("art-kharkiv", "E1"), ("art-kharkiv", "E2")}),
    ("since=2024-03-05&until=2024-03-31", {("art-kidal", "E3")}),
    ("bbox=0,17,3,19", {("art-kidal", "E1"), ("art-kidal", "E2")}),
    ("acled_event_type=Battles", {("art-kidal", "E2"), ("art-kidal", "E3"), ("art-hostile", "E1")}),
    ("acled_sub_event_type=Armed%20clash", {("art-kidal", "E3"), ("art-hostile", "E1")}),
    ("min_fatalities=10", {("art-kidal", "E1")}),
    ("hypothetical=only", {("art-kidal", "E3")}),
    ("negated=only", {("art-kharkiv", "E3")}),
    ("certainty=denied,reported", {("art-kharkiv", "E3"), ("art-kidal", "E1")}),
    ("q=airport", {("art-kidal", "E1"), ("art-kidal", "E2"), ("art-kidal", "E3")}),
    ("actor=rebel%20fighters", {("art-kidal", "E1"), ("art-kidal", "E3")}),
    ("article=art-hostile", {("art-hostile", "E1")}),
])
def test_filters(client, query, expected):
    assert set(ids(client.get(f"/api/v1/events?limit=500&{query}"))) == expected


def test_flags_can_be_excluded(client):
    got = set(ids(client.get("/api/v1/events?hypothetical=exclude&negated=exclude")))
    assert ("art-kidal", "E3") not in got and ("art-kharkiv", "E3") not in got and len(got) == 5


def test_actor_is_found_by_an_alias(client):
    # "The army" is coded as the state Mali; the actor dictionary knows Mali by other names too
    from sitroom.server.query import _alias_index

    other_names = sorted(k for k, v in _alias_index().items() if "Mali" in v and "mali" not in k)
    assert other_names, "the actor dictionary has another name for Mali"
    got = ids(client.get("/api/v1/events", params={"actor": other_names[0]}))
    assert ("art-kidal", "E2") in got and ("art-kharkiv", "E1") not in got


def test_incident_filter_matches_the_incident_members(client):
    ev = client.get("/api/v1/events?article=art-kharkiv").json()["items"][0]
    assert ev["incident"] is not None
    members = client.get(f"/api/v1/events?incident={ev['incident']}").json()["items"]
    assert ev["id"] in {m["id"] for m in members}
    assert all(m["incident"] == ev["incident"] for m in members)


def test_cursor_pages_cover_everything_once(client):
    seen, cursor = [], None
    for _ in range(10):
        url = "/api/v1/events?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = [i["id"] for i in client.get("/api/v1/events?limit=500").json()["items"]]
    assert seen == everything


@pytest.mark.parametrize("query", ["limit=501", "limit=0", "cursor=notacursor", "plover=BOMB", "bbox=1,2,3",
                                   "bbox=0,50,10,40", "since=2024-13-01", "since=2024-05-01&until=2024-01-01",
                                   "country=Atlantis", "min_fatalities=-1", "hypothetical=maybe", "incident=0"])
def test_bad_requests_are_clear_4xx(client, query):
    resp = client.get(f"/api/v1/events?{query}")
    assert resp.status_code == 422, (query, resp.text)
    err = resp.json()["error"]
    assert err["code"] in ("invalid_request", "invalid_field") and err["message"]


def test_unknown_ids_are_404(client):
    assert client.get("/api/v1/events/999999").status_code == 404
    assert client.get("/api/v1/incidents/999999").status_code == 404
    assert client.get("/api/v1/articles/nope").status_code == 404
    assert client.get("/api/v1/actors/Nobody%20At%20All").status_code == 404


def test_event_evidence_spans_hold_their_text(client):
    ev = client.get("/api/v1/events?article=art-kidal&plover=ASSAULT&certainty=reported").json()["items"][0]
    detail = client.get(f"/api/v1/events/{ev['id']}").json()
    article = client.get("/api/v1/articles/art-kidal").json()
    text = article["text"]
    kinds = {s["kind"] for s in detail["evidence"]["spans"]}
    assert {"trigger", "source", "target", "place", "time", "figure", "cue"} <= kinds
    for s in detail["evidence"]["spans"]:
        assert text[s["start"]:s["end"]] == s["text"]
    sentence = detail["evidence"]["sentence"]
    assert sentence["text"].startswith("Rebel fighters shelled") and sentence["text"].endswith("said.")
    assert detail["cameo"] == "195" and detail["acled"]["event_type"] == "Explosions/Remote violence"
    assert detail["fatalities"] == 12 and detail["certainty"] == "reported"


def test_article_has_text_record_events_and_spans(client):
    art = client.get("/api/v1/articles/art-kharkiv").json()
    assert art["record"]["id"] == "art-kharkiv" and len(art["events"]) == 3
    assert {s["kind"] for s in art["spans"]} >= {"actor", "place", "time", "figure", "trigger"}
    listed = client.get("/api/v1/articles?limit=1").json()
    assert listed["items"][0]["id"] == "art-hostile" and listed["next_cursor"]
    nxt = client.get(f"/api/v1/articles?limit=5&cursor={listed['next_cursor']}").json()["items"]
    assert [a["id"] for a in nxt] == ["art-kidal", "art-kharkiv"]


def test_stats_are_grouped_counts(client):
    month = client.get("/api/v1/stats?by=month&split=plover").json()
    rows = {(r["key"], r["split"]): r["n"] for r in month["rows"]}
    assert rows[("2024-03", "ASSAULT")] == 3 and rows[("2023-05", "PROTEST")] == 1
    assert month["total"] == 7
    week = client.get("/api/v1/stats?by=week").json()
    assert {r["key"] for r in week["rows"]} == {"2024-03-04", "2023-05-08", "2024-08-05"}
    country = client.get("/api/v1/stats?by=country&hypothetical=exclude").json()
    assert {r["key"]: r["n"] for r in country["rows"]} == {"MLI": 3, "UKR": 3}
    kills = {r["key"]: r["fatalities"] for r in client.get("/api/v1/stats?by=month").json()["rows"]}
    assert kills["2024-03"] == 12


def test_stats_by_cell_count_located_events(client):
    cells = client.get("/api/v1/stats?by=cell&cell=5").json()["rows"]
    assert sum(c["n"] for c in cells) == 7
    for c in cells:
        assert -90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180
    pts = client.get("/api/v1/events/points?country=UKR").json()
    assert pts["columns"][:3] == ["id", "lat", "lon"] and len(pts["rows"]) == 3 and not pts["truncated"]


def test_incident_page_has_reports_events_and_claims(client):
    ev = client.get("/api/v1/events?min_fatalities=1").json()["items"][0]
    inc = client.get(f"/api/v1/incidents/{ev['incident']}").json()
    assert inc["reports"] and inc["events"]
    assert "killed" in inc["claims"] and inc["claims"]["killed"]["claims"][0]["value"] == 12
    listed = client.get("/api/v1/incidents?limit=500").json()["items"]
    assert ev["incident"] in {i["id"] for i in listed}


def test_actors_have_counts_affiliations_and_a_network(client):
    actors = {a["name"]: a for a in client.get("/api/v1/actors?limit=500").json()["items"]}
    rebels = actors["Rebel fighters"]
    assert rebels["n_events"]["as_source"] == 2 and rebels["n_articles"] == 1
    assert rebels["affiliations"] == [{"relation": "backed_by", "actor": "Mali", "n": 1}]
    page = client.get("/api/v1/actors/Rebel%20fighters").json()
    assert {"source": "Rebel fighters", "target": "civilians", "quad_class": "MATERIAL_CONFLICT", "n": 1} \
        in page["network"]


def test_read_only_server_refuses_writes(filled):
    with make_client(filled, tokens=False) as c:
        assert c.get("/api/v1/config").json()["read_only"] is True
        resp = c.patch("/api/v1/events/1", json={"reason": "x", "fatalities": 3})
        assert resp.status_code == 403 and resp.json()["error"]["code"] == "read_only"


def test_openapi_and_docs_page_come_from_the_server(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/events" in schema["paths"] and "/api/v1/export" in schema["paths"]
    page = client.get("/api/docs")
    assert page.status_code == 200 and "http" not in page.text.replace("http-equiv", "")
    assert client.get("/docs").status_code in (404, 200) and "swagger" not in client.get("/docs").text.lower()


def test_security_headers_on_pages_and_api(client):
    for url in ("/", "/events/1", "/api/v1/events", "/static/app.js"):
        resp = client.get(url)
        policy = resp.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
        assert resp.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/static/../server/app.py", "/static/%2e%2e/server/app.py",
                                  "/static/index.html/..", "/static/nothing.js", "/static/"])
def test_static_files_stay_inside_the_web_folder(client, path):
    assert client.get(path).status_code == 404

"""The web workspace in real headless Chromium: map, timeline, list, event page, corrections,
hostile content and the network. Screenshots of the main views land in build/screenshots/."""
from __future__ import annotations

import csv
import io
import json
import time
import urllib.request
from pathlib import Path

import pytest

from tests.web.browser import unavailable

pytestmark = pytest.mark.skipif(unavailable() is not None, reason=unavailable() or "")

TOKEN = "browser-test-token-0123456789"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from sitroom.server import ServerConfig, create_app
    from sitroom.server.config import Token
    from sitroom.store import Store
    from tests.server.fixtures import fill
    from tests.web.browser import chrome, live_server

    db = f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.sqlite'}"
    with Store.open(db) as store:
        fill(store)
    app = create_app(ServerConfig(db=db, tokens=(Token("maria", TOKEN.encode()),), refresh_seconds=0))
    with live_server(app) as base, chrome() as driver:
        yield {"base": base, "driver": driver, "app": app, "seen": []}


def wait(driver, condition, timeout=15.0, what="the page"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition(driver)
        except Exception:  # element not there yet
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def open_page(site, path, ready):
    driver = site["driver"]
    driver.get(site["base"] + path)
    wait(driver, ready, what=path)
    site["seen"] += [e for e in driver.get_log("performance")]


def shot(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def api(site, path):
    with urllib.request.urlopen(site["base"] + path, timeout=20) as resp:
        return resp.read().decode("utf-8")


def event_id(site, article, eid):
    items = json.loads(api(site, f"/api/v1/events?article={article}&include_wrong=true"))["items"]
    return next(i["id"] for i in items if i["event_id"] == eid)


def test_map_shows_the_events(site):
    d = site["driver"]
    open_page(site, "/", lambda d: d.find_element("tag name", "body").get_attribute("data-list-ready"))
    canvas = d.find_element("id", "map")
    assert int(canvas.get_attribute("data-markers")) >= 3  # Mali, Ukraine and Bamako cells at least
    assert d.find_element("id", "summary").text.startswith("7 events in view")
    # zoom in on Ukraine: single markers replace the cells
    open_page(site, "/?country=UKR", lambda d: d.find_element("tag name", "body").get_attribute("data-ready"))
    import math

    from selenium.webdriver.common.action_chains import ActionChains

    canvas = d.find_element("id", "map")
    w, h = canvas.size["width"], canvas.size["height"]

    def merc(lat):  # the map's Web Mercator, world as wide as the canvas at first
        return 0.5 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)

    x = (36.23 - 20) / 360 * w  # Kharkiv, from the centre (20 E, 20 N)
    y = (merc(49.99) - merc(20)) * w
    for _ in range(2):  # the point under the cursor stays put while zooming
        ActionChains(d).move_to_element_with_offset(canvas, int(x), int(y)).double_click().perform()
        time.sleep(0.4)
    assert h > 100
    wait(d, lambda d: d.find_element("id", "map").get_attribute("data-layer") == "points", what="points")
    assert int(d.find_element("id", "map").get_attribute("data-markers")) == 3
    timing = d.execute_script("return window.__sitroomTiming")
    assert timing["map"] > 0 and timing["timeline"] > 0


def test_timeline_brushing_filters_the_list(site):
    d = site["driver"]
    open_page(site, "/", lambda d: d.find_element("tag name", "body").get_attribute("data-list-ready"))
    shot(d, "workspace")
    assert int(d.find_element("id", "list").get_attribute("data-rows")) == 7
    svg = d.find_element("css selector", "#timeline svg")
    from selenium.webdriver.common.action_chains import ActionChains

    width = svg.size["width"]
    # drag from the left edge over the first third: the 2023 events only
    ActionChains(d).move_to_element_with_offset(svg, -width // 2 + 42, 0).click_and_hold() \
        .move_by_offset(width // 3, 0).release().perform()
    wait(d, lambda d: "since=" in d.current_url and d.find_element("tag name", "body").get_attribute("data-list-ready"),
         what="the brushed list")
    query = dict(p.split("=") for p in d.current_url.split("?", 1)[1].split("&"))
    rows = d.find_elements("css selector", "#list tbody tr")
    dates = [r.find_element("css selector", "td").text for r in rows]
    assert dates and all(query["since"] <= x <= query["until"] for x in dates)
    assert len(rows) < 7 and set(dates) == {"2023-05-12"}
    assert d.find_element("css selector", "form.filters input[name=since]").get_attribute("value") == query["since"]
    shot(d, "workspace-brushed")


def test_event_page_highlights_the_evidence(site):
    d = site["driver"]
    eid = event_id(site, "art-kidal", "E1")
    open_page(site, f"/events/{eid}", lambda d: d.find_elements("css selector", "#history li"))
    marks = {m.get_attribute("data-kind"): m.text for m in d.find_elements("css selector", "#evidence mark")}
    assert marks["trigger"] == "shelled" and marks["source"] == "Rebel fighters"
    assert marks["target"] == "civilians" and marks["time"] == "on Monday" and marks["figure"] == "12"
    assert marks["place"] == "Kidal" and marks["cue"] == "said"
    emphasised = {m.text for m in d.find_elements("css selector", "#article-text mark[data-ev='1']")}
    assert {"shelled", "Rebel fighters", "Kidal", "12"} <= emphasised
    other = {m.text for m in d.find_elements("css selector", "#article-text mark:not([data-ev])")}
    assert "retook" in other  # another event's trigger, highlighted but not emphasised
    shot(d, "event")


def test_a_correction_round_trips_into_the_acled_export(site):
    d = site["driver"]
    eid = event_id(site, "art-kidal", "E1")
    open_page(site, f"/events/{eid}", lambda d: d.find_element("id", "correct-form"))
    form = d.find_element("id", "correct-form")
    form.find_element("name", "token").send_keys(TOKEN)
    field = form.find_element("name", "fatalities")
    field.clear()
    field.send_keys("21")
    form.find_element("name", "reason").send_keys("the hospital's count")
    form.find_element("css selector", "button[type=submit]").click()
    wait(d, lambda d: any("21" in li.text and "maria" in li.text
                          for li in d.find_elements("css selector", "#history li")), what="the history entry")
    incident = json.loads(api(site, f"/api/v1/events/{eid}"))["incident"]
    rows = list(csv.DictReader(io.StringIO(api(site, "/api/v1/export?format=acled"))))
    row = next(r for r in rows if r["tags"].startswith(f"sitroom:I{incident};"))
    assert row["fatalities"] == "21" and "corrected:fatalities" in row["tags"]
    shot(d, "event-corrected")


def test_the_hostile_article_stays_inert(site):
    from tests.server.fixtures import HOSTILE_TITLE

    d = site["driver"]
    eid = event_id(site, "art-hostile", "E1")
    for path in (f"/events/{eid}", "/articles/art-hostile", "/?article=art-hostile"):
        open_page(site, path, lambda d: d.find_elements("css selector", "#article-text, #list tbody tr td a"))
        time.sleep(0.3)
        assert d.execute_script("return window.__pwned === undefined")
        assert not d.find_elements("css selector", "#view img, #view script, #view b, a[href^='javascript']")
    open_page(site, "/articles/art-hostile", lambda d: d.find_element("id", "article-text"))
    assert HOSTILE_TITLE in d.find_element("css selector", "#view h1").text
    assert "<script>window.__pwned = 4</script>" in d.find_element("id", "article-text").text
    assert "javascript:window.__pwned=3" in d.find_element("css selector", "#view").text
    shot(d, "hostile")


def test_incident_and_actor_pages(site):
    d = site["driver"]
    incident = json.loads(api(site, f"/api/v1/events/{event_id(site, 'art-kharkiv', 'E2')}"))["incident"]
    open_page(site, f"/incidents/{incident}", lambda d: d.find_elements("css selector", "svg.claims-chart circle"))
    assert d.find_elements("css selector", ".reports .report")
    shot(d, "incident")
    open_page(site, "/actors/Rebel%20fighters", lambda d: d.find_elements("css selector", "svg.network line.edge"))
    labels = {t.text for t in d.find_elements("css selector", "svg.network text")}
    assert {"Rebel fighters", "civilians"} <= labels
    shot(d, "actor")
    open_page(site, "/api/docs", lambda d: d.find_elements("css selector", "section.endpoint"))
    assert any("/api/v1/events" in s.text for s in d.find_elements("css selector", "section.endpoint h2"))


def test_no_request_leaves_the_server(site):
    """Every request any page made (the performance log of every test above) went to this server."""
    d = site["driver"]
    site["seen"] += d.get_log("performance")
    urls = []
    for entry in site["seen"]:
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    assert len(urls) > 20
    # browser-internal pages (chrome://, the blank start page) are not the network
    network = [u for u in urls if u.split(":", 1)[0].lower() in ("http", "https", "ws", "wss", "ftp")]
    assert len(network) > 20
    outside = [u for u in network if not u.startswith(site["base"] + "/")]
    assert outside == []
    reports = json.loads(api(site, "/api/v1/csp-report"))
    assert reports["count"] == 0, reports["reports"]

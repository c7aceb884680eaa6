"""The first hour of a new user, driven as they would: a real `sitroom` process, real files
and real SQLite stores. Every user mistake is one coded line and the documented exit
status (sitroom.cli.exits), never a traceback; a read never creates a database; a careless
command line never destroys a file."""
from __future__ import annotations

import json
import sqlite3

import pytest

from sitroom.cli import exits
from tests.cli.helpers import make_store, sitroom
from tests.incidents.scenarios import market_attack

ARTICLE = ("Rebel fighters shelled the northern town on Saturday, killing at least nine people, "
           "a local official told reporters on Sunday.")


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.sqlite"
    make_store(path, [market_attack("ng1"), market_attack("ng2", toll=14, published="2024-05-04")])
    return path


# ---- user mistakes: one line, a code, the documented status ------------------------------------

MISTAKES = [
    (["extract", "missing.txt"], exits.USAGE, "no_such_file", "missing.txt"),
    (["extract", "--input", "missing.jsonl"], exits.USAGE, "no_such_file", "missing.jsonl"),
    (["extract"], exits.USAGE, "usage", "give FILE"),
    (["extract", "a.txt", "--published", "last tuesday"], exits.USAGE, "invalid_field", "published"),
    (["extract", "a.txt", "--output", "x.jsonl"], exits.USAGE, "usage", "--output is for batches"),
    (["extract", "a.jsonl", "--published", "2024-01-01"], exits.USAGE, "usage", "apply to one article"),
    (["extract", "--bogus"], exits.USAGE, "usage", "--bogus"),
    (["summary", "missing.jsonl"], exits.USAGE, "no_such_file", "missing.jsonl"),
    (["summary", "a.jsonl"], exits.USAGE, "malformed_json", "not the output of `sitroom extract`"),
    (["summary"], exits.USAGE, "usage", "RECORDS"),
    (["ingest", "missing-folder/", "--db", "new.sqlite"], exits.USAGE, "no_such_file", "missing-folder"),
    (["ingest", "a.txt", "--db", "new.sqlite", "--published", "soon"], exits.USAGE, "invalid_field", "soon"),
    (["incidents"], exits.USAGE, "usage", "--input"),
    (["incidents", "--input", "missing.jsonl"], exits.USAGE, "no_such_file", "missing.jsonl"),
    (["incidents", "--input", "a.txt"], exits.USAGE, "malformed_json", "a.txt:1"),
    (["incidents", "--input", "a.jsonl", "--show", "twelve"], exits.USAGE, "usage", "not an incident id"),
    (["query", "--db", "store.sqlite", "--type", "ASSULT"], exits.USAGE, "invalid_field", "did you mean 'ASSAULT'"),
    (["query", "--db", "store.sqlite", "--type", "battle"], exits.USAGE, "invalid_field", "did you mean 'Battles'"),
    (["query", "--db", "store.sqlite", "--country", "Atlantis"], exits.USAGE, "invalid_field", "Atlantis"),
    (["query", "--db", "store.sqlite", "--since", "yesterday"], exits.USAGE, "usage", "--since"),
    (["query", "--db", "store.sqlite", "--certainty", "sure"], exits.USAGE, "usage", "--certainty"),
    (["incidents", "--db", "store.sqlite", "--show", "9999"], exits.USAGE, "not_found", "I9999"),
    (["export", "--db", "store.sqlite", "--format", "geojson", "--bom"], exits.USAGE, "usage", "--bom"),
    (["export", "--db", "store.sqlite", "--format", "xml"], exits.USAGE, "usage", "xml"),
    (["export", "--db", "postgresql://nobody@127.0.0.1:9/none"], exits.USAGE, "store", "could not open"),
    (["export", "--db", "mysql://x/y"], exits.USAGE, "store", "unsupported database URL"),
]


@pytest.mark.parametrize(("args", "status", "code", "says"), MISTAKES, ids=[" ".join(m[0]) for m in MISTAKES])
def test_a_user_mistake_is_one_coded_line(tmp_path, store, args, status, code, says):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    run = sitroom(*args, cwd=tmp_path)
    assert run.rc == status, run.err
    assert run.error_line.startswith(f"sitroom: error: [{code}] "), run.err
    assert says in run.err
    assert not (tmp_path / "new.sqlite").exists()  # a mistake creates no database either


def test_no_command_prints_help_and_is_a_usage_error(tmp_path):
    run = sitroom(cwd=tmp_path)
    assert run.rc == exits.USAGE and "Commands:" in run.err + run.out and "Exit status" in run.err + run.out


# ---- reading commands never create a database ----------------------------------------------------

READS = [
    ["query", "--db", "typo.sqlite"],
    ["query", "--db", "sqlite:///typo.sqlite", "--incidents"],
    ["export", "--db", "typo.sqlite", "--format", "acled", "--output", "out.csv"],
    ["incidents", "--db", "typo.sqlite", "--show", "3"],
    ["incidents", "--db", "typo.sqlite"],
    ["incidents", "--db", "typo.sqlite", "--rebuild"],
    ["summary", "--db", "typo.sqlite"],
]


@pytest.mark.parametrize("args", READS, ids=[" ".join(a) for a in READS])
def test_a_read_refuses_a_database_that_does_not_exist(tmp_path, args):
    run = sitroom(*args, cwd=tmp_path)
    assert run.rc == exits.USAGE
    assert run.error_line.startswith("sitroom: error: [no_database] ") and "typo.sqlite" in run.err
    assert not (tmp_path / "typo.sqlite").exists() and not (tmp_path / "out.csv").exists()


def test_the_default_database_is_named_when_it_is_missing(tmp_path):
    run = sitroom("query", cwd=tmp_path)
    assert run.rc == exits.USAGE and "sitroom.sqlite" in run.err and "SITROOM_DB" in run.err
    assert not (tmp_path / "sitroom.sqlite").exists()
    run = sitroom("query", cwd=tmp_path, env={"SITROOM_DB": "from-env.sqlite"})
    assert run.rc == exits.USAGE and "from-env.sqlite (from $SITROOM_DB)" in run.err


def test_a_file_that_is_no_store_is_refused(tmp_path):
    (tmp_path / "empty.sqlite").write_bytes(b"")
    (tmp_path / "notes.sqlite").write_text("these are my notes", encoding="utf-8")
    run = sitroom("query", "--db", "empty.sqlite", cwd=tmp_path)
    assert run.rc == exits.USAGE and "[no_database]" in run.err and "holds no sitroom store" in run.err
    assert (tmp_path / "empty.sqlite").read_bytes() == b""  # not turned into a store
    run = sitroom("query", "--db", "notes.sqlite", cwd=tmp_path)
    assert run.rc == exits.USAGE and "[store]" in run.err
    assert (tmp_path / "notes.sqlite").read_text(encoding="utf-8") == "these are my notes"


# ---- careless commands destroy nothing (issue 14, item 9) -----------------------------------------

def _counts(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def test_export_refuses_to_write_over_its_store(tmp_path, store):
    before = store.read_bytes()
    for target in (str(store), f"{store}-wal", "./store.sqlite"):
        run = sitroom("export", "--db", str(store), "--format", "csv", "--output", target, cwd=tmp_path)
        assert run.rc == exits.USAGE and "[unsafe_output]" in run.err and "store" in run.err
    assert _counts(store) == 2 and store.read_bytes()[:100] == before[:100]


def test_extract_refuses_to_write_over_its_input(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(src)
    for args in (["--input", "in.jsonl", "--output", "in.jsonl"], ["in.jsonl", "--output", "./in.jsonl"],
                 ["--input", "in.jsonl", "--output", "link.jsonl"]):
        run = sitroom("extract", *args, cwd=tmp_path)
        assert run.rc == exits.USAGE and "[unsafe_output]" in run.err, args
    assert json.loads(src.read_text(encoding="utf-8"))["text"] == ARTICLE


def test_incidents_refuses_to_write_over_its_input(tmp_path):
    src = tmp_path / "out.jsonl"
    src.write_text(json.dumps(market_attack("x").done()) + "\n", encoding="utf-8")
    before = src.read_text(encoding="utf-8")
    run = sitroom("incidents", "--input", "out.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert run.rc == exits.USAGE and "[unsafe_output]" in run.err and src.read_text(encoding="utf-8") == before


def test_an_output_is_replaced_only_when_the_command_succeeds(tmp_path, store):
    keep = tmp_path / "acled.csv"
    keep.write_text("yesterday's export\n", encoding="utf-8")
    failed = sitroom("export", "--db", "typo.sqlite", "--format", "acled", "--output", "acled.csv", cwd=tmp_path)
    assert failed.rc == exits.USAGE and keep.read_text(encoding="utf-8") == "yesterday's export\n"
    done = sitroom("export", "--db", str(store), "--format", "acled", "--output", "acled.csv", cwd=tmp_path)
    assert done.rc == exits.OK and keep.read_text(encoding="utf-8").startswith("event_id_cnty,")
    assert "export: 1 incidents to acled.csv" in done.err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no temporary file left behind


def test_an_output_folder_that_does_not_exist_is_a_coded_error(tmp_path, store):
    run = sitroom("export", "--db", str(store), "--output", "nowhere/out.jsonl", cwd=tmp_path)
    assert run.rc == exits.USAGE and "[no_such_file]" in run.err and "nowhere" in run.err


# ---- exit statuses of batches and ingest ----------------------------------------------------------

def _write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")


def test_ingest_whose_every_source_is_rejected_fails(tmp_path):
    _write_jsonl(tmp_path / "bad.jsonl", ["{not json", {"id": "x", "text": 5}, {"id": "y"}])
    run = sitroom("ingest", "bad.jsonl", "--db", "new.sqlite", cwd=tmp_path)
    assert run.rc == exits.FAILURE, run.err
    assert "3 rejected" in run.err and "no article could be stored" in run.err
    with sqlite3.connect(tmp_path / "new.sqlite") as conn:  # the rejections are stored with their reasons
        codes = sorted(c for (c,) in conn.execute("select code from rejections"))
    assert codes == ["invalid_field", "invalid_field", "malformed_json"]
    summary = sitroom("summary", "--db", "new.sqlite", cwd=tmp_path)
    assert summary.rc == exits.OK and "invalid_field" in summary.out and "malformed_json" in summary.out


def test_ingest_of_articles_already_stored_is_a_success(tmp_path, store):
    _write_jsonl(tmp_path / "again.jsonl", [{"id": "ng1", "text": market_attack("ng1").text}])
    run = sitroom("ingest", "again.jsonl", "--db", str(store), cwd=tmp_path)
    assert run.rc == exits.OK and "1 skipped as duplicates" in run.err


@pytest.mark.slow
def test_batch_and_ingest_statuses_follow_the_table(tmp_path):
    good = {"id": "good", "text": ARTICLE, "published": "2024-06-09"}
    _write_jsonl(tmp_path / "mixed.jsonl", [good, {"id": "empty", "text": "  "}])
    _write_jsonl(tmp_path / "bad.jsonl", [{"id": "empty", "text": ""}, "[1, 2]"])
    _write_jsonl(tmp_path / "fine.jsonl", [good])
    assert sitroom("extract", "fine.jsonl", "--output", "o1.jsonl", cwd=tmp_path).rc == exits.OK
    mixed = sitroom("extract", "--input", "mixed.jsonl", "--output", "o2.jsonl", cwd=tmp_path)
    assert mixed.rc == exits.PARTIAL and "1 with error records" in mixed.err
    assert sitroom("extract", "bad.jsonl", "--output", "o3.jsonl", cwd=tmp_path).rc == exits.FAILURE
    assert len((tmp_path / "o3.jsonl").read_text(encoding="utf-8").splitlines()) == 2  # still one line each
    run = sitroom("ingest", "mixed.jsonl", "--db", "s.sqlite", cwd=tmp_path)
    assert run.rc == exits.PARTIAL and "1 stored" in run.err and "1 rejected" in run.err


# ---- a .jsonl given positionally is a batch -------------------------------------------------------

@pytest.mark.slow
def test_positional_jsonl_is_a_batch(tmp_path):
    rows = [{"id": "one", "text": ARTICLE, "published": "2024-06-09"},
            {"id": "two", "text": "Police arrested twelve protesters in the capital on Friday.",
             "published": "2024-06-07"}]
    _write_jsonl(tmp_path / "in.jsonl", rows)
    run = sitroom("extract", "in.jsonl", cwd=tmp_path)
    assert run.rc == exits.OK, run.err
    out = [json.loads(line) for line in run.out.splitlines()]
    assert [r["id"] for r in out] == ["one", "two"] and all(r["schema_version"] == 1 for r in out)
    assert out[0]["events"] and "error" not in out[0]
    to_file = sitroom("extract", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert to_file.rc == exits.OK and to_file.out == ""
    assert [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()] == [
        "one", "two"]


# ---- what the terminal gets --------------------------------------------------------------------

HOSTILE_ID = "x[/]y\x1b]0;pwned\x07\x1b[31mred[bold]"


def _hostile_records():
    r = market_attack(HOSTILE_ID)
    r.quotes.append({"id": "Q1", "kind": "direct", "content": r.span("The attackers fled"),
                     "speaker": None, "cue": None, "certainty": "reported"})
    return r


def test_markup_and_escapes_from_data_never_reach_the_terminal(tmp_path):
    r = _hostile_records()
    (tmp_path / "out.jsonl").write_text(json.dumps(r.done()) + "\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    # the store refuses such an id (invalid_id, sitroom.ingest.fields): its copy has markup in the
    # id and the escapes in a place's and an actor's name, which the store keeps as given
    stored = market_attack("x[/]y[bold]")
    stored.quotes = r.quotes
    stored.places[0]["name"] = "Kano\x1b]0;pwned\x07\x1b[31mred[bold]"
    stored.actors[0]["name"] = "gunmen\x1b[2J[/]"
    make_store(db, [stored])
    for args in (["summary", "out.jsonl"], ["query", "--db", str(db)], ["query", "--db", str(db), "--incidents"],
                 ["incidents", "--input", "out.jsonl", "--show", "I1"], ["incidents", "--db", str(db), "--show", "1"],
                 ["summary", "--db", str(db)]):
        run = sitroom(*args, cwd=tmp_path)
        assert run.rc == exits.OK, (args, run.err)
        assert "\x1b" not in run.out and "\x07" not in run.out, args
    shown = sitroom("summary", "out.jsonl", cwd=tmp_path).out
    assert "x[/]y\\x1b]0;pwned\\x07\\x1b[31mred[bold]" in shown  # printed as it is, escapes made visible


@pytest.mark.slow
def test_extract_table_prints_markup_from_the_article_as_text(tmp_path):
    (tmp_path / "[bold]a.txt").write_text('Rebels shelled the town on Saturday. "[bold]We[/] will return '
                                          '[/]," a rebel commander said.\x1b[2J Residents said the shelling lasted '
                                          "for three hours and destroyed a school and two shops near the market.",
                                          encoding="utf-8")
    run = sitroom("extract", "[bold]a.txt", "--format", "table", "--published", "2024-06-09", cwd=tmp_path)
    assert run.rc == exits.OK, run.err
    assert "[bold]a" in run.out and "[/]" in run.out and "\x1b" not in run.out


def test_the_output_of_a_query_can_be_cut_short(tmp_path, store):
    import subprocess
    import sys

    proc = subprocess.run(f"{sys.executable} -m sitroom query --db {store} --format jsonl | head -c 10",
                          shell=True, capture_output=True, text=True, cwd=tmp_path)
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr


# ---- logging and help ----------------------------------------------------------------------------

def test_verbose_shows_sitroom_lines_only(tmp_path):
    _write_jsonl(tmp_path / "bad.jsonl", [{"id": "y"}])
    run = sitroom("-v", "ingest", "bad.jsonl", "--db", "new.sqlite", cwd=tmp_path)
    logged = [x for x in run.err.splitlines() if x.startswith(("INFO ", "DEBUG "))]
    assert logged and all(x.split()[1].startswith("sitroom") for x in logged), logged
    quiet = sitroom("ingest", "bad.jsonl", "--db", "new2.sqlite", cwd=tmp_path)
    assert not [x for x in quiet.err.splitlines() if x.startswith("INFO ")]


@pytest.mark.parametrize("command", ["extract", "summary", "ingest", "incidents", "export", "query"])
def test_help_cites_only_files_in_the_repository(command):
    from tests.conftest import REPO

    run = sitroom(command, "--help")
    assert run.rc == exits.OK
    assert "CONTRACT.md" not in run.out
    import re

    for path in re.findall(r"\b(docs/[\w.-]+\.md|sitroom/data/[\w/.-]+\.json)", run.out):
        assert (REPO / path).exists() or (REPO / "src" / path).exists(), path


def test_summary_has_its_own_title_and_fits_80_columns(tmp_path):
    records = [market_attack("a_rather_long_article_identifier_2024").done(),
               {"id": "broken", "schema_version": 1, "error": {"code": "binary", "message": "m"}}]
    (tmp_path / "out.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    for width in ("80", "140"):
        run = sitroom("summary", "out.jsonl", cwd=tmp_path, env={"COLUMNS": width})
        assert run.rc == exits.OK
        lines = run.out.splitlines()
        assert lines[0].strip() == "summary of out.jsonl"
        assert max(len(x) for x in lines) <= int(width)
        assert any("a_rather_long_article_identifier_2024" in x.split() for x in lines)
        assert "error: binary" in run.out and "2 articles" in run.out and "…" not in run.out


def test_ingest_counts_what_it_can_count(tmp_path):
    from sitroom.cli.ingest import count_articles

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "news" / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "news" / ".hidden").mkdir()
    (tmp_path / "news" / ".hidden" / "c.txt").write_text("x", encoding="utf-8")
    _write_jsonl(tmp_path / "batch.jsonl", [{"id": "1"}, {"id": "2"}, "", {"id": "3"}])
    (tmp_path / "feed.rss").write_text("<rss/>", encoding="utf-8")
    assert count_articles([str(tmp_path / "news"), str(tmp_path / "batch.jsonl")]) == 5
    assert count_articles([str(tmp_path / "batch.jsonl"), "https://example.org/feed"]) is None
    assert count_articles([str(tmp_path / "feed.rss")]) is None


@pytest.mark.slow
def test_extract_dates_a_wire_report_by_its_dateline(tmp_path):
    (tmp_path / "wire.txt").write_text("LIMA, 2 Oct 88 (EFE) -- Guerrillas blew up two electricity pylons on "
                                       "Saturday, blacking out the capital, police said.", encoding="utf-8")
    run = sitroom("extract", "wire.txt", cwd=tmp_path)
    assert run.rc == exits.OK and json.loads(run.out)["published"] == "1988-10-02"
    times = json.loads(run.out)["times"]
    assert any(t["text"] == "Saturday" and t["value"] == "1988-10-01" for t in times)
    table = sitroom("extract", "wire.txt", "--format", "table", cwd=tmp_path)
    assert "published=1988-10-02 (from the dateline)" in table.out
    given = sitroom("extract", "wire.txt", "--published", "1988-10-03", cwd=tmp_path)
    assert json.loads(given.out)["published"] == "1988-10-03"  # what the user says wins
    (tmp_path / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    undated = sitroom("extract", "plain.txt", cwd=tmp_path)
    assert undated.rc == exits.OK and "no publication date" in undated.err

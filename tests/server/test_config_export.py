"""Write tokens, the serve command, and exports that stream instead of loading everything."""
from __future__ import annotations

import csv
import io
import json

import pytest

from sitroom.errors import ConfigError
from sitroom.server.config import ServerConfig, read_tokens


def test_tokens_from_a_file_and_the_environment(tmp_path):
    f = tmp_path / "tokens"
    f.write_text("# analysts\nmaria aaaaaaaaaaaaaaaaaaaa1\nbbbbbbbbbbbbbbbbbbbb2\n", encoding="utf-8")
    tokens = read_tokens(f, env={"SITROOM_TOKEN": "cccccccccccccccccccc3"})
    cfg = ServerConfig(tokens=tokens)
    assert cfg.author("aaaaaaaaaaaaaaaaaaaa1") == "maria"
    assert cfg.author("bbbbbbbbbbbbbbbbbbbb2") == "analyst"
    assert cfg.author("cccccccccccccccccccc3") == "analyst"
    assert cfg.author("aaaaaaaaaaaaaaaaaaaa") is None and cfg.author("") is None and cfg.author(None) is None
    assert not cfg.read_only and ServerConfig().read_only


@pytest.mark.parametrize("content", ["short\n", "a b c\n", "# only a comment\n", "bad/name aaaaaaaaaaaaaaaaaaaaaaa\n"])
def test_bad_token_files_are_config_errors(tmp_path, content):
    f = tmp_path / "tokens"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        read_tokens(f, env={})


def test_serve_refuses_a_bad_tile_url_and_documents_itself():
    from click.testing import CliRunner

    from sitroom.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--tiles", "ftp://x/{z}/{x}/{y}.png", "--db", "x.sqlite"])
    assert result.exit_code != 0 and "--tiles" in result.output
    assert "127.0.0.1" in CliRunner().invoke(cli, ["serve", "--help"]).output


def test_the_tile_host_is_the_only_other_image_source(filled):
    from tests.server.conftest import make_client

    with make_client(filled, tile_url="https://tiles.example.org/{z}/{x}/{y}.png") as c:
        policy = c.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org;" in policy
    assert "connect-src 'self';" in policy and "script-src 'self';" in policy


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "acled"])
def test_exports_parse_back(client, fmt):
    resp = client.get(f"/api/v1/export?format={fmt}&country=MLI")
    assert resp.status_code == 200 and "attachment" in resp.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(resp.text)))
        assert {r["country"] for r in rows} == {"MLI"} and len(rows) == 4
    elif fmt == "jsonl":
        rows = [json.loads(x) for x in resp.text.splitlines()]
        assert len(rows) == 4 and all(r["country"] == "MLI" for r in rows)
    elif fmt == "geojson":
        doc = json.loads(resp.text)
        assert len(doc["features"]) == 4 and doc["features"][0]["geometry"]["type"] == "Point"
    else:
        rows = list(csv.DictReader(io.StringIO(resp.text)))
        assert rows and all(r["iso"] == "466" for r in rows)  # Mali's incidents only


def test_exports_stream_in_bounded_pages(filled, monkeypatch):
    """The export reads keyset pages of a fixed size, lazily: the first chunk is out before the
    second page is read, and no query asks for more than one page (constant memory)."""
    import functools

    from sitroom.server import export as ex
    from sitroom.server import query
    from sitroom.server.query import EventFilter
    from sitroom.store.db import open_engine
    from sitroom.store.facts import refresh

    asked: list[int] = []
    real = query.list_events

    def spy(conn, flt, *, limit, cursor=None):
        asked.append(limit)
        return real(conn, flt, limit=limit, cursor=cursor)

    monkeypatch.setattr(query, "list_events", spy)
    monkeypatch.setattr(ex, "iter_events", functools.partial(query.iter_events, batch=2))
    monkeypatch.setattr(ex, "CHUNK_ROWS", 1)
    engine = open_engine(filled)
    with engine.begin() as conn:
        refresh(conn)
    chunks = ex.stream(engine, EventFilter(), "jsonl")
    first = next(chunks)
    assert asked == [2]                           # one page read so far
    rest = "".join(chunks)
    assert len((first + rest).splitlines()) == 7
    assert asked == [2, 2, 2, 2]                  # 2 + 2 + 2 + 1 rows, never more than a page
    engine.dispose()


def test_serve_refuses_a_database_that_does_not_exist(tmp_path):
    from click.testing import CliRunner

    from sitroom.cli import cli

    missing = tmp_path / "typo.sqlite"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 2 and "[no_database]" in result.output and str(missing) in result.output
    assert not missing.exists()

"""Users' own data files reach the pipeline through the extract command's flags."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.cli.options import DATA_FILE_FLAGS

pytestmark = pytest.mark.slow

TEXT = "The Lions of the River ambushed an army convoy near the village on Tuesday, residents said."


def test_user_actor_file_changes_the_record(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    desk = tmp_path / "desk.json"
    desk.write_text(json.dumps({
        "version": "test-1", "description": "a militia our desk tracks",
        "actors": [{"id": "river-lions", "name": "River Lions", "kind": "armed_group", "country": "NGA",
                    "code": "NGAREBRVL", "aliases": ["Lions of the River"]}]}), encoding="utf-8")
    run = CliRunner().invoke
    plain = json.loads(run(cli, ["extract", str(article), "--published", "2024-05-02"]).output)
    custom = run(cli, ["extract", str(article), "--published", "2024-05-02", "--actors", str(desk)])
    assert custom.exit_code == 0, custom.output
    names = {a["name"] for a in json.loads(custom.output)["actors"]}
    assert "River Lions" in names
    assert "River Lions" not in {a["name"] for a in plain["actors"]}


def test_invalid_user_file_is_a_coded_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"description": "no version", "actors": []}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--actors", str(bad)])
    assert result.exit_code == 2 and "[data_file]" in result.output


def test_every_flag_is_documented():
    from tests.conftest import REPO

    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for flag in DATA_FILE_FLAGS:
        assert flag in doc

"""The `sitroom extract` command end to end (single article, batch, errors)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from tests.conftest import EXAMPLES, all_spans

pytestmark = pytest.mark.slow

ARTICLE = ("Rebel fighters shelled the northern town on Saturday, killing at least nine people, "
           "a local official told reporters on Sunday.")


def test_single_file_json(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--published", "2024-06-09"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["id"] == "a" and record["published"] == "2024-06-09" and "text" not in record
    for _, span in all_spans(record):
        assert ARTICLE[span["start"]:span["end"]] == span["text"]


def test_single_file_table(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "table", "--published", "2024-06-09"])
    assert result.exit_code == 0 and "published=2024-06-09" in result.output


def test_stdin_and_empty_input_error():
    result = CliRunner().invoke(cli, ["extract", "-"], input="   ")
    assert result.exit_code == 2 and "[empty_text]" in result.output


def test_bad_published_is_a_clear_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--published", "last tuesday"])
    assert result.exit_code == 2 and "[invalid_field]" in result.output


def test_batch_on_examples_in_subprocess(tmp_path):
    """Real process, two workers: one line per input line, ids in order, no traceback."""
    src = EXAMPLES / "articles.jsonl"
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "sitroom", "extract", "--input", str(src), "--output", str(out),
                           "--workers", "2"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    inputs = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    outputs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in outputs] == [i["id"] for i in inputs]
    assert not [o for o in outputs if "error" in o]
    for i, o in zip(inputs, outputs):
        for path, span in all_spans(o):
            assert i["text"][span["start"]:span["end"]] == span["text"], (o["id"], path)


def test_summary_command(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "x", "schema_version": 1, "events": [{}], "figures": []}) + "\n"
                   + json.dumps({"id": "y", "schema_version": 1, "error": {"code": "binary", "message": "m"}}) + "\n")
    result = CliRunner().invoke(cli, ["summary", str(out)])
    assert result.exit_code == 0 and "binary" in result.output and "2 articles" in result.output

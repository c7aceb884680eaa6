"""The CLI side of distributed runs and Parquet: options, errors, the end-to-end path."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from tests.conftest import REPO

ARTICLES = [
    {"id": "kivu-1", "published": "2024-02-11", "text": "Rebel fighters shelled a village near Goma on Saturday, "
     "killing at least six civilians, the provincial governor said on Sunday."},
    {"id": "kivu-2", "published": "2024-02-12", "text": "Troops clashed with militiamen in North Kivu on Monday; "
     "the army said two soldiers were wounded in the fighting."},
    {"id": "empty", "text": ""},
]

BLOCK_EXTRAS = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in {'dask', 'distributed', 'pyarrow', 'pandas', 'polars', 'duckdb'}:
            raise ImportError('blocked for the test: ' + name)
sys.meta_path.insert(0, Block())
from sitroom.cli import cli
sys.exit(cli.main(sys.argv[1:], standalone_mode=True))
"""


def _input(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def _without_extras(*args):
    return subprocess.run([sys.executable, "-c", BLOCK_EXTRAS, *args], capture_output=True, text=True, cwd=REPO,
                          timeout=120)


@pytest.mark.parametrize("args,what", [
    (["extract", "--input", "{in}", "--output", "{out}", "--scheduler", "dask"], "--scheduler dask"),
    (["extract", "--input", "{in}", "--output", "{out}", "--format", "parquet"], "Parquet"),
    (["export", "--db", "{db}", "--format", "parquet", "--output", "{out}"], "Parquet"),
])
def test_without_the_extra_a_coded_error_names_it(tmp_path, args, what):
    paths = {"in": str(_input(tmp_path)), "out": str(tmp_path / "out"), "db": str(tmp_path / "s.sqlite")}
    proc = _without_extras(*[a.format(**paths) for a in args])
    assert proc.returncode == 2, proc.stderr
    assert "[missing_extra]" in proc.stderr and "sitroom[scale]" in proc.stderr and what in proc.stderr
    assert "Traceback" not in proc.stderr


def test_import_and_help_work_without_the_extra():
    proc = _without_extras("extract", "--help")
    assert proc.returncode == 0 and "--scheduler" in proc.stdout


def test_dask_options_need_the_dask_scheduler(tmp_path):
    inp = _input(tmp_path)
    for extra in (["--address", "tcp://127.0.0.1:8786"], ["--time-limit", "5"], ["--memory-limit", "100"]):
        result = CliRunner().invoke(cli, ["extract", "--input", str(inp), "--output", str(tmp_path / "o.jsonl"),
                                          *extra])
        assert result.exit_code == 2 and "apply to --scheduler dask" in result.output
    result = CliRunner().invoke(cli, ["extract", "--input", str(tmp_path), "--output", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "is a folder" in result.output


def test_ingest_with_many_writers_refuses_sqlite(tmp_path):
    pytest.importorskip("distributed")
    result = CliRunner().invoke(cli, ["ingest", str(_input(tmp_path)), "--db", str(tmp_path / "s.sqlite"),
                                      "--scheduler", "dask"])
    assert result.exit_code == 2
    assert "[store]" in result.output and "one writer at a time" in result.output and "PostgreSQL" in result.output
    assert not (tmp_path / "s.sqlite").exists()


def test_dask_cli_is_handed_the_options(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from sitroom.batch import dask_engine
    from sitroom.batch.summary import RunSummary

    seen = {}

    def fake(inputs, output, **kw):
        seen.update(kw, inputs=inputs, output=output)
        return RunSummary("dask", str(output), kw["fmt"])

    monkeypatch.setattr(dask_engine, "extract", fake)
    result = CliRunner().invoke(cli, ["extract", "--input", "shards/*.jsonl.gz", "--output", str(tmp_path / "o"),
                                      "--scheduler", "dask", "--address", "tcp://10.0.0.1:8786", "--format", "parquet",
                                      "--partition-size", "500", "--time-limit", "30", "--memory-limit", "0",
                                      "--max-chars", "5000", "--no-language-check"])
    assert result.exit_code == 0, result.output
    config = seen["config"]
    assert seen["inputs"] == ["shards/*.jsonl.gz"] and seen["address"] == "tcp://10.0.0.1:8786"
    assert (seen["fmt"], seen["partition_size"], seen["workers"]) == ("parquet", 500, None)
    assert (config.time_limit, config.memory_mb) == (30, None)
    assert config.options == {"max_chars": 5000, "check_language": False}


@pytest.mark.slow
def test_extract_on_a_local_dask_cluster_end_to_end(tmp_path):
    """The real command: a LocalCluster of one worker process, the real pipeline in its sandbox."""
    pytest.importorskip("distributed")
    inp = _input(tmp_path)
    serial = CliRunner().invoke(cli, ["extract", "--input", str(inp), "--output", str(tmp_path / "serial.jsonl")])
    assert serial.exit_code == 1, serial.output  # one article is rejected: partial success (docs/cli.md)
    proc = subprocess.run([sys.executable, "-m", "sitroom", "extract", "--input", str(inp), "--output",
                           str(tmp_path / "out"), "--scheduler", "dask", "--workers", "1"],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert proc.returncode == 1, proc.stderr  # the same exit status as the single-process run
    assert (tmp_path / "out" / "in.jsonl").read_text() == (tmp_path / "serial.jsonl").read_text()
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text())
    assert summary["articles_in"] == 3 and summary["rejections"] == {"empty_text": 1} and summary["workers"] == 1
    assert "3 articles in, 3 records out, 1 error records (empty_text 1)" in proc.stderr


@pytest.mark.slow
def test_export_parquet_command(tmp_path, pipeline):
    pytest.importorskip("pyarrow")
    from sitroom.ingest.run import ingest
    from sitroom.store import Store

    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        ingest([str(_input(tmp_path))], store, pipeline=pipeline)
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "parquet", "--output",
                                      str(tmp_path / "tables")])
    assert result.exit_code == 0, result.output
    assert "articles 2" in result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(
        ["articles", "events", "actors", "places", "figures", "quotes", "incidents", "claims"])
    again = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "parquet", "--output",
                                     str(tmp_path / "tables")])
    assert again.exit_code == 2 and "not an empty folder" in again.output

"""The Dask engine on a small LocalCluster: same records as one process, resumable, atomic,
a lost worker loses and repeats nothing, a poison article costs one record."""
from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

pytest.importorskip("distributed")

from sitroom.batch import dask_engine, local  # noqa: E402
from sitroom.batch.partition import iter_records  # noqa: E402
from sitroom.batch.runner import numbered_lines, run_batch  # noqa: E402
from sitroom.batch.sandbox import SandboxConfig  # noqa: E402
from sitroom.errors import ConfigError  # noqa: E402
from tests.batch.poison import OPTIONS, STAGES  # noqa: E402

CONFIG = SandboxConfig(stages=STAGES, options=OPTIONS, time_limit=10, memory_mb=None, batch_size=4)


def _input(path, n, poison=None, extra=""):
    lines = []
    for i in range(n):
        text = f"day {i}: {'attack ' * (1 + i % 4)}{extra}" + (f" {poison}" if poison and i == n // 2 else "")
        lines.append(json.dumps({"id": f"d{i}", "text": text, "published": f"2024-05-{1 + i % 3:02d}"}))
    lines[3] = "{not json"  # a malformed line keeps its place and its line number
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _serial(path):
    from sitroom.pipeline import Pipeline

    with open(path, "rb") as fh:
        return list(run_batch(numbered_lines(fh), pipeline=Pipeline(STAGES, **OPTIONS)))


def test_dask_run_equals_one_process_and_a_rerun_does_nothing(tmp_path):
    inp = _input(tmp_path / "in.jsonl", 30)
    out = tmp_path / "out"
    summary = dask_engine.extract([inp], out, config=CONFIG, workers=2, processes=False, partition_size=8)
    assert list(iter_records(out)) == _serial(inp)
    assert summary.partitions == 4 and summary.done_now == 4 and summary.records_out == 30
    assert summary.errors == {"malformed_json": 1}
    written = json.loads((out / "_summary.json").read_text())
    assert written["articles_in"] == 30 and written["rejections"] == {"malformed_json": 1}
    assert written["stage_seconds"]["poison"] >= 0 and written["seconds"]["extract"] > 0
    assert json.loads((out / "_progress.json").read_text())["done"] == 30
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.jsonl")}
    (out / "in.p00002.jsonl").unlink()  # as if the run had stopped before this partition
    (out / "_partitions" / "in.p00002.json").unlink()
    again = dask_engine.extract([inp], out, config=CONFIG, workers=2, processes=False, partition_size=8)
    assert (again.done_now, again.done_earlier) == (1, 3)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.jsonl") if p.name != "in.p00002.jsonl"} == {
        k: v for k, v in stamps.items() if k != "in.p00002.jsonl"}
    assert list(iter_records(out)) == _serial(inp)


def test_an_output_folder_of_another_run_is_refused(tmp_path):
    inp = _input(tmp_path / "in.jsonl", 10)
    local.extract([inp], tmp_path / "out", config=CONFIG, partition_size=4)
    with pytest.raises(ConfigError, match="another run"):
        local.extract([inp], tmp_path / "out", config=CONFIG, partition_size=5)


def test_local_partitioned_run_matches_too(tmp_path):
    inp = _input(tmp_path / "in.jsonl", 13)
    local.extract([inp], tmp_path / "out", config=CONFIG, partition_size=4)
    assert list(iter_records(tmp_path / "out")) == _serial(inp)


def test_a_crash_leaves_no_half_file(tmp_path, monkeypatch):
    from sitroom.batch import partition

    inp = _input(tmp_path / "in.jsonl", 10)
    real = partition.write_text_atomic

    def dying(path, lines):
        def some():
            yield from list(lines)[:3]
            raise OSError("disk full")
        return real(path, some())

    monkeypatch.setattr(partition, "write_text_atomic", dying)
    with pytest.raises(OSError):
        local.extract([inp], tmp_path / "out", config=CONFIG, partition_size=100)
    assert not (tmp_path / "out" / "in.jsonl").exists()
    assert not list((tmp_path / "out").glob("_partitions/*.json"))
    monkeypatch.setattr(partition, "write_text_atomic", real)
    local.extract([inp], tmp_path / "out", config=CONFIG, partition_size=100)  # the rerun cleans up and finishes
    assert not list((tmp_path / "out").glob(".*.tmp"))
    assert list(iter_records(tmp_path / "out")) == _serial(inp)


def test_a_poison_article_costs_one_record_not_its_partition(tmp_path):
    inp = _input(tmp_path / "in.jsonl", 12, poison="CRASH")
    out = tmp_path / "out"
    summary = dask_engine.extract([inp], out, config=CONFIG, workers=1, processes=False, partition_size=6)
    got = [json.loads(line) for line in iter_records(out)]
    want = [json.loads(line) for line in _serial(_input(tmp_path / "clean.jsonl", 12))]
    assert len(got) == 12 and got[6]["error"]["code"] == "crashed" and got[6]["id"] == "d6"
    assert [g for i, g in enumerate(got) if i != 6] == [w for i, w in enumerate(want) if i != 6]
    assert summary.errors["crashed"] == 1 and summary.sandbox_restarts >= 1


@pytest.mark.slow
def test_killing_a_worker_mid_run_loses_and_repeats_nothing(tmp_path):
    """Two worker processes; one is killed (SIGKILL) once the first partition is done."""
    from distributed import Client, LocalCluster

    slow = SandboxConfig(stages=STAGES, options=OPTIONS, time_limit=30, memory_mb=None, batch_size=2)
    inp = _input(tmp_path / "in.jsonl", 40, extra="SLOW")
    out = tmp_path / "out"
    killed = {}

    def killer(client):
        while not list((out / "_partitions").glob("*.json")) if (out / "_partitions").exists() else True:
            time.sleep(0.05)
        pid = sorted(client.run(os.getpid).items())[0][1]
        os.kill(pid, signal.SIGKILL)
        killed["pid"] = pid

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as client:
        threading.Thread(target=killer, args=(client,), daemon=True).start()
        summary = dask_engine.extract([inp], out, config=slow, client=client, partition_size=4)
    assert killed, "no worker was killed"
    assert summary.done_now == 10 and not summary.failed
    records = [json.loads(line) for line in iter_records(out)]
    assert [r["id"] for r in records] == [f"d{i}" if i != 3 else "line-4" for i in range(40)]
    assert list(iter_records(out)) == _serial(inp)

"""Planning partitions: the same cut every time, line numbers of the whole file, every format."""
from __future__ import annotations

import gzip
import json

import pytest

from sitroom.batch.runner import numbered_lines
from sitroom.batch.shards import Partition, discover, plan, read_partition
from sitroom.errors import ConfigError


def _lines(n, *, blank_at=()):
    return [b"" if i in blank_at else json.dumps({"id": f"d{i}", "text": f"text {i}"}).encode() for i in range(n)]


def _write(path, lines, *, final_newline=True):
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")
    if str(path).endswith(".gz"):
        with gzip.open(path, "wb") as fh:
            fh.write(data)
    else:
        path.write_bytes(data)
    return path


def _all(parts):
    return [item for p in parts for item in read_partition(p)]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
@pytest.mark.parametrize("final_newline", [True, False])
@pytest.mark.parametrize("n,size", [(10, 3), (9, 3), (1, 5), (7, 7), (2000, 128)])
def test_partitions_cover_every_line_once_with_file_line_numbers(tmp_path, suffix, final_newline, n, size):
    path = _write(tmp_path / f"day{suffix}", _lines(n, blank_at={0, n // 2}), final_newline=final_newline)
    parts = plan([path], size)
    with gzip.open(path) if suffix.endswith(".gz") else open(path, "rb") as fh:
        whole = list(numbered_lines(fh))
    total = len(whole)  # n, less a blank last line that has no newline (an empty file has no line)
    assert total in (n, n - 1)
    assert [p.count for p in parts] == [min(size, total - i) for i in range(0, total, size)]
    assert _all(parts) == whole  # same (line number, bytes) pairs as the single-process runner reads
    if len(parts) == 1:
        assert parts[0].name == "day"
    else:
        assert [p.name for p in parts] == [f"day.p{i:05d}" for i in range(len(parts))]


def test_crlf_and_no_trailing_newline(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_bytes(b'{"id":"a","text":"x"}\r\n{"id":"b","text":"y"}\r\n{"id":"c","text":"z"}')
    parts = plan([path], 2)
    assert [(p.first, p.count) for p in parts] == [(0, 2), (2, 1)]
    assert [line for _, line in _all(parts)] == [b'{"id":"a","text":"x"}', b'{"id":"b","text":"y"}',
                                                  b'{"id":"c","text":"z"}']


def test_parquet_rows_become_input_lines(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import datetime as dt

    import pyarrow.parquet as pq

    table = pa.table({"id": [f"r{i}" for i in range(5)], "text": [f"row {i}" for i in range(5)],
                      "published": [dt.date(2024, 3, i + 1) for i in range(5)]})
    pq.write_table(table, tmp_path / "rows.parquet", row_group_size=2)
    parts = plan([tmp_path / "rows.parquet"], 3)
    assert [(p.first, p.count) for p in parts] == [(0, 3), (3, 2)]
    got = [(n, json.loads(line)) for n, line in _all(parts)]
    assert [n for n, _ in got] == [1, 2, 3, 4, 5]
    assert got[3][1] == {"id": "r3", "text": "row 3", "published": "2024-03-04"}


def test_discover_folders_globs_and_bad_inputs(tmp_path):
    (tmp_path / "a").mkdir()
    _write(tmp_path / "a" / "one.jsonl", _lines(2))
    _write(tmp_path / "a" / "two.jsonl.gz", _lines(2))
    (tmp_path / "a" / "notes.txt").write_text("not a shard")
    (tmp_path / "a" / ".hidden").mkdir()
    _write(tmp_path / "a" / ".hidden" / "x.jsonl", _lines(1))
    assert [p.name for p in discover([tmp_path / "a"])] == ["one.jsonl", "two.jsonl.gz"]
    assert [p.name for p in discover([str(tmp_path / "a" / "*.jsonl*")])] == ["one.jsonl", "two.jsonl.gz"]
    with pytest.raises(ConfigError, match="no such input"):
        discover([tmp_path / "missing.jsonl"])
    with pytest.raises(ConfigError, match="not a JSONL"):
        discover([tmp_path / "a" / "notes.txt"])
    with pytest.raises(ConfigError, match="without --scheduler dask"):
        discover(["https://example.org/feed.xml"])
    with pytest.raises(ConfigError, match="matches"):
        discover([str(tmp_path / "*.parquet")])


def test_two_inputs_with_one_name_are_refused(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        _write(tmp_path / d / "day.jsonl", _lines(1))
    with pytest.raises(ConfigError, match="same output"):
        plan([tmp_path / "x" / "day.jsonl", tmp_path / "y" / "day.jsonl"], 10)


def test_partition_round_trips_as_a_dict():
    p = Partition("d.p00001", "/data/d.jsonl", "jsonl", 10, 5, 100, 50)
    assert Partition.from_dict(json.loads(json.dumps(p.to_dict()))) == p

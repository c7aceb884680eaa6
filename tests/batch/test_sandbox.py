"""The sandbox: a poison article (crash, time, memory) costs its own record and no other."""
from __future__ import annotations

import json

import pytest

from sitroom.batch.sandbox import Sandbox, SandboxConfig
from tests.batch.poison import OPTIONS, STAGES


def _items(texts):
    return [(i, json.dumps({"id": f"a{i}", "text": t}).encode()) for i, t in enumerate(texts, 1)]


def _config(**kw):
    return SandboxConfig(stages=STAGES, options=OPTIONS, **{"time_limit": 5, "memory_mb": 700, "batch_size": 4, **kw})


def test_good_articles_come_back_in_order_and_the_model_loads_once():
    texts = [f"they attack {'attack ' * (i % 3)}at dawn" for i in range(10)]
    with Sandbox(_config()) as box:
        out = [json.loads(line) for line in box.process(_items(texts))]
        stats = box.stats.take()
    assert [r["id"] for r in out] == [f"a{i}" for i in range(1, 11)]
    assert [len(r["events"]) for r in out] == [1 + i % 3 for i in range(10)]
    assert stats["restarts"] == 0 and stats["failures"] == {}
    assert stats["stages"]["poison"] > 0  # stage time is accounted for


@pytest.mark.parametrize("poison,code,limits", [("CRASH", "crashed", {}), ("HANG", "time_limit", {"time_limit": 2}),
                                                ("BLOAT", "memory_limit", {"time_limit": 60, "memory_mb": 300})])
def test_a_poison_article_becomes_an_error_record_and_the_rest_are_extracted(poison, code, limits):
    texts = ["an attack"] * 3 + [f"an attack {poison}"] + ["an attack"] * 4
    with Sandbox(_config(**limits)) as box:
        out = [json.loads(line) for line in box.process(_items(texts))]
        stats = box.stats.take()
    assert [r["id"] for r in out] == [f"a{i}" for i in range(1, 9)]
    assert out[3]["error"]["code"] == code and "line 4" in out[3]["error"]["message"]
    assert all("error" not in r and len(r["events"]) == 1 for i, r in enumerate(out) if i != 3)
    assert stats["failures"] == {{"crashed": "crash", "time_limit": "time", "memory_limit": "memory"}[code]: 1}


def test_a_poison_article_keeps_the_id_of_its_line():
    items = [(7, b'{"id": "bad one", "text": "CRASH"}'), (8, b'{"text": "CRASH too"}')]
    with Sandbox(_config(batch_size=2)) as box:
        out = [json.loads(line) for line in box.process(items)]
    assert [(r["id"], r["error"]["code"]) for r in out] == [("bad one", "crashed"), ("line-8", "crashed")]


def test_a_pipeline_that_cannot_be_built_is_a_coded_error():
    from sitroom.errors import ClusterError

    with Sandbox(SandboxConfig(stages=("no-such-stage",))) as box, pytest.raises(ClusterError, match="no-such-stage"):
        box.process(_items(["x"]))

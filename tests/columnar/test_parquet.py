"""Parquet: the examples store's export reads back in pandas, DuckDB and polars with the
documented columns and types; extract's tables hold what the records hold."""
from __future__ import annotations

import json
import re

import pytest

from sitroom.columnar.schema import RECORD_TABLES, TABLES
from tests.conftest import EXAMPLES, REPO

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

#: documented type -> (DuckDB's name for it, a check of the pandas dtype to_dataframe gives)
DUCKDB = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN",
          "date32": "DATE", "timestamp": "TIMESTAMP WITH TIME ZONE", "list<string>": "VARCHAR[]",
          "list<span>": 'STRUCT("start" INTEGER, "end" INTEGER, "text" VARCHAR)[]'}
ARROW = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
         "bool": pa.bool_(), "date32": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"),
         "list<string>": pa.list_(pa.string()),
         "list<span>": pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())]))}


def documented() -> dict[str, list[tuple[str, str]]]:
    """The tables as docs/output-format.md lists them: {table: [(column, type)]}."""
    text = (REPO / "docs" / "output-format.md").read_text(encoding="utf-8")
    section = text.split("## Parquet tables", 1)[1]
    out: dict[str, list[tuple[str, str]]] = {}
    for block in re.split(r"^### ", section, flags=re.M)[1:]:
        name = block.split("\n", 1)[0].strip()
        out[name] = re.findall(r"^\| `(\w+)` \| `([^`]+)` \|", block, flags=re.M)
    return out


def test_the_documentation_lists_every_table_and_column_of_the_schema():
    docs = documented()
    assert list(docs) == list(TABLES)
    for table, cols in TABLES.items():
        assert docs[table] == [(name, kind) for name, kind, _ in cols], table


@pytest.fixture(scope="module")
def examples_export(tmp_path_factory, pipeline):
    from sitroom.columnar.export import export_store
    from sitroom.ingest.run import ingest
    from sitroom.store import Store

    tmp = tmp_path_factory.mktemp("examples")
    with Store.open(tmp / "examples.sqlite") as store:
        ingest([str(EXAMPLES / "articles.jsonl")], store, pipeline=pipeline)
        counts = store.counts()
        with store.engine.connect() as conn:
            import sqlalchemy as sa

            from sitroom.store import schema as t

            ie = t.incident_events
            counts["events_in_incidents"] = conn.execute(
                sa.select(sa.func.count()).select_from(ie).where(ie.c.event_pk.is_not(None))).scalar_one()
        export_store(store, tmp / "tables")
        incidents = sitroom_to_dataframe(store, "incidents")
    return tmp / "tables", counts, incidents


def sitroom_to_dataframe(source, table):
    import sitroom

    return sitroom.to_dataframe(source, table=table)


@pytest.mark.slow
def test_examples_export_reads_back_in_pandas_with_the_documented_types(examples_export):
    tables, counts, incidents_from_store = examples_export
    docs = documented()
    for table in TABLES:
        df = pd.read_parquet(tables / table, dtype_backend="pyarrow")
        assert list(df.columns)[: len(docs[table])] == [c for c, _ in docs[table]]
        assert set(df.columns) - {c for c, _ in docs[table]} <= {"day"}  # the Hive folder key
        for column, kind in docs[table]:
            assert df[column].dtype == pd.ArrowDtype(ARROW[kind]), (table, column)
    for table in ("articles", "events", "actors", "places", "figures", "quotes", "incidents", "claims"):
        assert len(pd.read_parquet(tables / table)) == counts[table], table
    events = sitroom_to_dataframe(tables, "events")
    placed = events["incident_id"].dropna()
    assert len(placed) == counts["events_in_incidents"] > 0 and placed.str.fullmatch(r"I\d+").all()
    assert len(incidents_from_store) == counts["incidents"]


@pytest.mark.slow
def test_examples_export_reads_back_in_duckdb_and_polars(examples_export):
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")
    tables, counts, _ = examples_export
    con = duckdb.connect()
    for table, cols in documented().items():
        glob = str(tables / table / "**" / "*.parquet")
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{glob}', hive_partitioning = false)").fetchall()
        assert [(name, kind) for name, kind, *_ in described] == [(c, DUCKDB[k]) for c, k in cols], table
        n = con.execute(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchall()[0][0]
        assert n == counts[table]
        frame = pl.scan_parquet(glob, hive_partitioning=False).collect()
        assert frame.columns == [c for c, _ in cols] and frame.height == counts[table]
    days = con.execute(f"SELECT DISTINCT day = strftime(published_date, '%Y-%m-%d') FROM read_parquet("
                      f"'{tables / 'events' / '**' / '*.parquet'}', hive_partitioning = true) "
                      "WHERE published_date IS NOT NULL").fetchall()
    assert days == [(True,)]  # the day folders say the rows' publication day


def _record(i, *, error=False):
    if error:
        return {"id": f"bad{i}", "schema_version": 1, "error": {"code": "empty_text", "message": "no text"}}
    # the spans below are those of "Rebels attacked Goma on Monday; at least 12 people were killed, the army said."
    return {
        "id": f"a{i}", "schema_version": 1, "published": f"2024-01-0{1 + i % 2}", "language": "en",
        "entities": [], "times": [{"id": "T1", "start": 27, "end": 33, "text": "Monday", "type": "DATE",
                                   "value": "2024-01-01"}],
        "actors": [{"id": "A1", "name": "rebels", "kind": "armed_group", "country": None, "code": None,
                    "mentions": [{"start": 0, "end": 6, "text": "Rebels"}],
                    "affiliations": [{"relation": "backed_by", "actor": "A2"}]}],
        "places": [{"id": "P1", "name": "Goma", "lat": -1.68, "lon": 29.22, "country": "COD", "geonames_id": 216281,
                    "feature": "city", "mentions": [{"start": 16, "end": 20, "text": "Goma"}]}],
        "events": [{"id": "E1", "plover": "ASSAULT", "quad_class": "MATERIAL_CONFLICT", "cameo": "190",
                    "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
                    "trigger": {"start": 7, "end": 15, "text": "attacked"},
                    "source": {"actor": "A1", "start": 0, "end": 6, "text": "Rebels"}, "target": None,
                    "time": "T1", "date": "2024-01", "place": "P1", "figures": ["F1"], "negated": False,
                    "hypothetical": False, "historical": False,
                    "attribution": {"source": {"start": 66, "end": 74, "text": "the army", "actor": None},
                                    "cue": {"start": 75, "end": 79, "text": "said"}, "certainty": "reported"}}],
        "figures": [{"id": "F1", "kind": "killed", "value": 12, "low": 12, "high": None, "qualifier": "at_least",
                     "start": 35, "end": 46, "text": "at least 12", "subject": {"start": 47, "end": 53,
                                                                                 "text": "people"},
                     "event": "E1", "attribution": {"source": None, "cue": None, "certainty": "reported"}}],
        "quotes": [],
    }


def test_extract_tables_hold_what_the_records_hold(tmp_path):
    from datetime import date

    from sitroom.columnar.write import read_table, write_partition

    records = [_record(0), _record(1), _record(2, error=True)]
    counts = write_partition(records, tmp_path, "part")
    assert counts == {"articles": 3, "events": 2, "actors": 2, "places": 2, "figures": 2, "quotes": 0}
    assert sorted(p.parent.name for p in (tmp_path / "articles").rglob("*.parquet")) == [
        "day=2024-01-01", "day=2024-01-02", "day=undated"]
    events = read_table(tmp_path, "events").to_pylist()
    e = next(r for r in events if r["article_id"] == "a1")
    assert (e["trigger"], e["trigger_start"], e["trigger_end"]) == ("attacked", 7, 15)
    assert (e["date"], e["date_start"], e["date_end"]) == ("2024-01", date(2024, 1, 1), date(2024, 1, 31))
    assert (e["source_actor_id"], e["source_actor"], e["place_name"], e["country"]) == ("A1", "rebels", "Goma", "COD")
    assert e["figure_ids"] == ["F1"] and e["certainty"] == "reported" and e["attributed_to"] == "the army"
    assert e["published_date"] == date(2024, 1, 2) and e["incident_id"] is None
    arts = {r["article_id"]: r for r in read_table(tmp_path, "articles").to_pylist()}
    assert arts["bad2"]["error_code"] == "empty_text" and arts["bad2"]["n_events"] is None
    assert arts["a0"]["n_events"] == 1 and arts["a0"]["published_date"] == date(2024, 1, 1)
    actor = read_table(tmp_path, "actors").to_pylist()[0]
    assert actor["mentions"] == [{"start": 0, "end": 6, "text": "Rebels"}] and actor["affiliations"] == ["backed_by:A2"]
    fig = read_table(tmp_path, "figures").to_pylist()[0]
    assert (fig["value"], fig["low"], fig["high"], fig["qualifier"], fig["subject"]) == (12.0, 12.0, None,
                                                                                      "at_least", "people")
    import sitroom

    df = sitroom.to_dataframe(records, table="places")
    assert list(df["name"]) == ["Goma", "Goma"] and str(df["geonames_id"].dtype) == "int64[pyarrow]"
    # writing the same partition again replaces its files, it does not add rows
    write_partition(records, tmp_path, "part")
    assert len(read_table(tmp_path, "events")) == 2


def test_export_refuses_a_folder_that_holds_something(tmp_path):
    from sitroom.columnar.export import export_store
    from sitroom.errors import ConfigError
    from sitroom.store import Store

    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "mine.txt").write_text("keep me")
    with Store.open(tmp_path / "s.sqlite") as store, pytest.raises(ConfigError, match="not an empty folder"):
        export_store(store, tmp_path / "tables")
    assert (tmp_path / "tables" / "mine.txt").read_text() == "keep me"


def test_record_tables_are_the_first_six():
    assert RECORD_TABLES == tuple(TABLES)[:6]
    assert json.dumps(TABLES)  # plain data: readable without pyarrow

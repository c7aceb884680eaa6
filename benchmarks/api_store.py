"""Build a large store for the API benchmarks: real extractions plus synthetic copies.

    python benchmarks/api_store.py --db build/api-bench.sqlite --events 100000
    python benchmarks/api_store.py --db postgresql://postgres@127.0.0.1/test --events 100000

Extracts ``--articles`` articles of the corpus (../shared/corpus/ecbplus, else the bundled
examples) with the full pipeline and stores them (incidents and claims included), then adds
copies of them until the store holds ``--events`` events: each copy gets a new id, text
that differs by a marker line (so it is no duplicate), a date moved by a multiple of days
and coordinates moved by up to a degree or to another stored place, and its own incidents
and claims. Rows are written in bulk, not through ``Store.add`` (the clustering of 20,000
near-identical articles is not what is measured here). Prints what it built.
"""
from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "ecbplus" / "articles.jsonl"
EXAMPLES = REPO / "examples" / "articles.jsonl"


def extract_originals(store, source: Path, n: int) -> list[str]:
    from sitroom import Pipeline
    from sitroom.api import make_document
    from sitroom.model import Extraction

    pipe = Pipeline()
    lines = [json.loads(x) for x in source.read_text(encoding="utf-8").splitlines() if x.strip()]
    docs = []
    for row in lines:
        if row.get("language", "en") != "en" or not row.get("text"):
            continue
        docs.append(make_document(row["text"], published=row.get("published") or "2015-06-01", id=row["id"],
                                  title=row.get("title"), source=row.get("source")))
        if len(docs) >= n:
            break
    stored = []
    for result in pipe.pipe(docs):
        if isinstance(result, Extraction) and result.events:
            if store.add(result).status == "stored":
                stored.append(result.document.id)
    return stored


def _shift(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def copy_rows(engine, originals: list[str], target_events: int, seed: int = 7) -> int:
    from sitroom.store import schema as t
    from sitroom.store.keys import content_hash

    rnd = random.Random(seed)
    with engine.connect() as conn:
        arts = {r.id: dict(r._mapping)
                for r in conn.execute(sa.select(t.articles).where(t.articles.c.id.in_(originals)))}
        recs = {r.article_id: dict(r._mapping) for r in conn.execute(
            sa.select(t.extractions).where(t.extractions.c.article_id.in_(originals)))}
        layers = {name: [dict(r._mapping) for r in conn.execute(
            sa.select(tab).where(tab.c.article_id.in_(originals)).order_by(tab.c.id))]
            for name, tab in t.LAYER_TABLES.items()}
        places = [(p["lat"], p["lon"], p["country"], p["name"]) for p in layers["places"] if p["lat"] is not None]
        have = conn.execute(sa.select(sa.func.count()).select_from(t.events)).scalar_one()
    per_article: dict[str, dict[str, list]] = {a: {k: [] for k in layers} for a in originals}
    for name, rows in layers.items():
        for r in rows:
            per_article[r["article_id"]][name].append(r)
    now = datetime.now(UTC)
    k = 0
    written = have
    while written < target_events:
        batch: dict[str, list] = {"articles": [], "extractions": [], **{n: [] for n in layers}}
        incidents: list[tuple[dict, list[dict]]] = []
        while written < target_events and len(batch["events"]) < 5000:
            k += 1
            for aid in originals:
                if written >= target_events:
                    break
                new_id = f"{aid}~{k}"
                days = rnd.randint(-900, 900)
                art = dict(arts[aid])
                text = art["text"] + f"\n[synthetic copy {k}]"
                art.update(id=new_id, text=text, content_hash=content_hash(text), url=None, url_hash=None,
                           published=_shift(art["published"], days), published_date=_shift(art["published_date"], days),
                           origin="benchmark copy", ingested=now)
                batch["articles"].append(art)
                rec = copy.deepcopy(recs[aid])
                rec["article_id"] = new_id
                rec["record"] = {**rec["record"], "id": new_id, "published": art["published"]}
                batch["extractions"].append(rec)
                moved = rnd.choice(places) if places and rnd.random() < 0.4 else None
                jitter = (rnd.uniform(-1, 1), rnd.uniform(-1, 1))
                members = []
                for name, rows in per_article[aid].items():
                    for r in rows:
                        row = {key: v for key, v in r.items() if key != "id"}
                        row["article_id"] = new_id
                        if name == "events":
                            for col in ("date_start", "date_end"):
                                row[col] = _shift(row[col], days)
                            if row["date"] and len(row["date"]) == 10:
                                row["date"] = _shift(row["date"], days)
                            if row["lat"] is not None:
                                if moved:
                                    row["lat"], row["lon"], row["country"], row["place_name"] = moved
                                else:
                                    row["lat"] = max(-89.0, min(89.0, row["lat"] + jitter[0]))
                                    row["lon"] = max(-179.9, min(179.9, row["lon"] + jitter[1]))
                            members.append(row)
                            written += 1
                        batch[name].append(row)
                if members:
                    incidents.append((members[0], members))
        _write(engine, batch, incidents, now)
        print(f"copy {k}: {written:,} events", file=sys.stderr)
    return written


def _write(engine, batch, incidents, now) -> None:
    from sitroom.store import schema as t

    with engine.begin() as conn:
        conn.execute(sa.insert(t.articles), batch["articles"])
        conn.execute(sa.insert(t.extractions), batch["extractions"])
        for name, table in t.LAYER_TABLES.items():
            if batch[name] and name != "events":
                conn.execute(sa.insert(table), batch[name])
        ev = t.events
        rows = batch["events"]
        if rows:
            pks = conn.execute(sa.insert(ev).returning(ev.c.id, ev.c.article_id, ev.c.event_id,
                                                       sort_by_parameter_order=True), rows).all()
            pk = {(a, e): p for p, a, e in pks}
            inc = t.incidents
            rows = [{"plover": f["plover"], "acled_event_type": f["acled_event_type"],
                     "acled_sub_event_type": f["acled_sub_event_type"], "date": f["date"],
                     "date_start": f["date_start"], "date_end": f["date_end"], "place_name": f["place_name"],
                     "lat": f["lat"], "lon": f["lon"], "country": f["country"], "n_documents": 1,
                     "n_events": len(m), "profile": {}, "created": now, "updated": now} for f, m in incidents]
            ids = [r[0] for r in conn.execute(sa.insert(inc).returning(inc.c.id, sort_by_parameter_order=True), rows)]
            conn.execute(sa.insert(t.incident_events), [{
                "incident_id": iid, "event_pk": pk[(m["article_id"], m["event_id"])], "article_id": m["article_id"],
                "event_id": m["event_id"], "trigger": m["trigger"], "score": 1.0, "evidence": {"synthetic": True},
                "added": now} for iid, (_, members) in zip(ids, incidents) for m in members])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=40, help="corpus articles extracted for real")
    ap.add_argument("--source", type=Path, default=CORPUS if CORPUS.is_file() else EXAMPLES)
    args = ap.parse_args()
    from sitroom.store import Store
    from sitroom.store.facts import refresh, vacuum

    t0 = time.perf_counter()
    with Store.open(args.db) as store:
        originals = extract_originals(store, args.source, args.articles)
        t1 = time.perf_counter()
        print(f"extracted and stored {len(originals)} articles from {args.source} in {t1 - t0:.0f} s", file=sys.stderr)
        n = copy_rows(store.engine, originals, args.events)
        t2 = time.perf_counter()
        with store.transaction() as conn:
            refresh(conn)
        vacuum(store.engine)  # as sitroom serve does after a bulk of new facts
        t3 = time.perf_counter()
        counts = store.counts()
    print(json.dumps({"events": n, "counts": counts, "extract_s": round(t1 - t0, 1), "copy_s": round(t2 - t1, 1),
                      "facts_s": round(t3 - t2, 1)}))


if __name__ == "__main__":
    main()

"""A small ingest run for the resume test: ``python -m tests.store.ingest_child DB_URL INPUT [DELAY [WORKERS]]``.

Its pipeline is a stand-in that codes each article's one attack from the text (no
model: fast and deterministic) and sleeps a little, so the parent can kill it mid-way.
With WORKERS > 1 the articles go through ``WORKERS`` extraction processes instead, each
running the real pipeline with no stages (no model, but the pool, its ordering and its
shutdown are the real ones).
"""
from __future__ import annotations

import re
import sys
import time

from sitroom.model import Rejection
from sitroom.model.serialize import from_dict
from tests.incidents.records import Rec

TOWNS = {"Kano": (12.0, 8.52), "Jos": (9.9, 8.86), "Bauchi": (10.31, 9.84), "Yola": (9.2, 12.48),
         "Gombe": (10.29, 11.17)}
PATTERN = re.compile(r"Gunmen (attacked|raided) (?:a|the) (\w+) in (\w+) on (\d{4}-\d\d-\d\d), killing (\d+)")


class StubPipeline:
    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def pipe(self, documents, batch_size: int = 32):
        for d in documents:
            time.sleep(self.delay)
            if "REJECT" in d.text:
                yield Rejection(d.id, "not_english", "stand-in rejection")
                continue
            r = Rec(d.id, d.text, published=d.published, source=d.source)
            m = PATTERN.search(d.text)
            if m:
                verb, _, town, day, toll = m.groups()
                lat, lon = TOWNS[town]
                p = r.place(town, lat, lon, "NGA")
                g = r.actor("Gunmen", name="gunmen")
                f = r.figure(f"killing {toll}", "killed", int(toll))
                r.event(verb, date=day, place=p, source=g, figures=[f])
            yield from_dict(r.done(), d.text)


def articles(n: int = 50) -> list[dict]:
    """``n`` input lines: attacks in five towns over days, some reported twice, one
    exact duplicate, one rejected, one malformed line."""
    out = []
    for i in range(n):
        town = list(TOWNS)[i % 5]
        day = f"2024-04-{1 + (i // 10):02d}"
        verb = "attacked" if i % 2 else "raided"
        out.append({"id": f"art-{i:03d}", "published": day, "source": f"Outlet {i % 3}",
                    "text": f"Gunmen {verb} the market in {town} on {day}, killing {3 + i % 7} people, "
                            f"report number {i} said. Residents of {town} fled."})
    out[7]["text"] = out[3]["text"]          # the same article under another id
    out[11]["text"] += " REJECT"             # one the pipeline refuses
    return out


def main() -> None:
    from sitroom.ingest.run import ingest
    from sitroom.store import Store

    url, source = sys.argv[1], sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    with Store.open(url) as store:
        if workers > 1:
            report = ingest([source], store, workers=workers, stages=[], check_language=False, commit_every=3,
                            chunk_size=6)
        else:
            report = ingest([source], store, pipeline=StubPipeline(delay), commit_every=3, chunk_size=6)
    print(report.summary())


if __name__ == "__main__":
    main()

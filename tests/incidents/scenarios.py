"""Small stories told by several hand-made articles, shared by incident and store tests."""
from __future__ import annotations

from tests.incidents.records import Rec, plain


def market_attack(doc_id: str, *, town="Kano", lat=12.0, lon=8.52, day="2024-05-03", toll=12, said_by=None,
                  published="2024-05-03", source="Daily Wire", text=None):
    """An article on a gunmen attack on a market."""
    text = text or (f"Gunmen attacked the central market in {town} on Friday, killing {toll} people, "
                    f"{said_by or 'witnesses'} said. The attackers fled on motorcycles towards the forest.")
    r = Rec(doc_id, text, published=published, source=source)
    r.entity(town, "GPE")
    p = r.place(town, lat, lon, "NGA")
    gunmen = r.actor("Gunmen", name="gunmen", kind="armed_group")
    f = r.figure(f"{toll} people", "killed", toll, said_by=said_by)
    r.event("attacked", plover="ASSAULT", date=day, place=p, source=gunmen, figures=[f],
            acled=("Violence against civilians", "Attack"))
    return r


def unrelated(doc_id: str, text: str, *names: str) -> dict:
    return plain(doc_id, text, names=names)

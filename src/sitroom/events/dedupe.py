"""Drop events nobody takes part in and merge duplicates of one clause.

A trigger with neither source nor target says nothing about who did what to whom
("the attack presents the largest clash") and is not an event record, unless it may be a
mention of an event told elsewhere in the article (merge.py decides, and drops it if not) or a protest, whose
crowd the article may name elsewhere (merge.crowd_sources). Two drafts of the
same clause with the same PLOVER type and the same participants are one event (a light
verb and its noun, "launched a coordinated and large attack"); the more specific CAMEO
code is kept.
"""
from __future__ import annotations

from sitroom.events.coding import crowd_act
from sitroom.events.merge import may_join
from sitroom.events.relations import more_specific


def _key(span) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def dedupe(drafts: list) -> list:
    kept: list = []
    seen: dict[tuple, object] = {}
    for d in drafts:
        if d.source is None and d.target is None:
            if may_join(d.cand) or crowd_act(d.code, d.cand.token):
                kept.append(d)  # a re-mention or casualty count: merge.py joins it to its event or drops it
            continue
        key = (d.frame_i, d.plover, _key(d.source and d.source.span), _key(d.target and d.target.span))
        twin = seen.get(key) or seen.get((d.trigger.start,) + key[1:])
        if twin is not None:
            twin.code = more_specific(twin.code, d.code)
            continue
        seen[key] = d
        seen[(d.trigger.start,) + key[1:]] = d
        kept.append(d)
    return kept

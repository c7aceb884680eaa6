"""Test stages for the distributed engine: fast (no model), and poisonous on request.

An article whose text contains ``CRASH`` kills its process, ``HANG`` sleeps past any
limit, ``BLOAT`` allocates memory until stopped, ``SLOW`` takes a fifth of a second; each
article gets one event per word ``attack`` (so records differ and can be compared).
"""
from __future__ import annotations

import os
import time

from sitroom.model import Event, Span
from sitroom.model.vocab import Plover, QuadClass
from sitroom.stages.base import Context, Stage

#: the pipeline options the tests use with these stages (no language model, no language check)
OPTIONS = {"check_language": False}


class PoisonStage(Stage):
    name = "poison"
    requires = ()
    assigns = ("events",)

    def run(self, ctx: Context) -> dict:
        text = ctx.text
        if "CRASH" in text:
            os._exit(7)
        if "HANG" in text:
            time.sleep(3600)
        if "SLOW" in text:
            time.sleep(0.2)
        if "BLOAT" in text:
            hoard = []
            while True:
                hoard.append(bytearray(b"\x01") * 50_000_000)  # touched pages: resident
                time.sleep(0.01)
        events = []
        start = text.find("attack")
        while start >= 0:
            end = start + len("attack")
            events.append(Event(id=f"E{len(events) + 1}", plover=Plover.ASSAULT, quad_class=QuadClass.MATERIAL_CONFLICT,
                                trigger=Span(start, end, text[start:end])))
            start = text.find("attack", end)
        return {"events": tuple(events)}


STAGES = (PoisonStage,)

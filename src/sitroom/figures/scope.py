"""Which counts are conflict figures: the analyst's rule, applied after the kind is known.

A figure is a count of people killed, injured, held hostage, missing, arrested or displaced, of
attacks, of weapons, and of other people in a conflict role (``other``: "about 200 guerrillas",
"two survivors", "thousands of soldiers have been trained"), plus property that something was done
to ("setting fire to three banks"). Everything else the number scanner finds is a quantity but not
a figure, and is left out unless the lexicon's ``scope.general_quantities`` is true (then every
quantity is kept as kind ``other``, as before version 1.1 of the lexicon):

- money, percentages and measures ("$35,000", "30 percent", "15 km", "200 grams");
- counts of things and units ("two resolutions", "five submarines", "hundreds of documents",
  "two countries", "a one-seat majority");
- bare numbers whose noun is elided and that nothing ties to people or to an act
  ("stocks plunged 5", "raise the retirement age to 65");
- a single person in a role that no cue word qualifies ("one protester threw a petrol bomb"): a
  mention, not a count.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.model import FigureKind, Qualifier

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.figures.context import DocView
    from sitroom.figures.kinds import Candidate


def _single(c: Candidate) -> bool:
    e = c.expr
    return e.qualifier is Qualifier.EXACT and e.value == 1


def _people_before(c: Candidate, prev: Candidate | None, view: DocView) -> bool:
    """An elided or pronoun noun whose antecedent is the count of people just before it, in the same
    or the previous sentence: "Of the 27 soldiers ..., 19 were graduates", "about 300 of them"."""
    if prev is None or prev.category not in ("person", "people") or c.sent[0] - prev.sent[0] > 1:
        return False
    if c.np is not None and c.np.pronoun:
        return True
    nxt = view.next_word(c.te, c.sent[2])
    return nxt < c.sent[2] and view.pos(nxt) in ("AUX", "VERB")  # the count is the subject


def select(cands: list[Candidate], view: DocView) -> None:
    """Mark the candidates that are not conflict figures as ``skip`` (their ``category`` and
    ``kind`` are set by :func:`sitroom.figures.kinds.resolve`)."""
    prev: Candidate | None = None
    for c in cands:
        if c.skip or c.kind is None:
            continue
        keep = _conflict(c, prev, view)
        if keep and c.kind is FigureKind.OTHER and c.category == "none" and _people_before(c, prev, view):
            c.category = "people"  # elided: the antecedent's people
        if not keep:
            c.skip = True
        prev = c


def _conflict(c: Candidate, prev: Candidate | None, view: DocView) -> bool:
    if c.kind is not FigureKind.OTHER:
        return True
    if c.unit or c.category in ("unit", "duration", "thing"):
        return False
    if _single(c) and not c.explicit:
        return False  # "one protester threw a stone"; but "one crewman was found alive" is a figure
    if c.category == "property":
        return c.explicit  # destroyed, burned, damaged: what was done to it says so
    if c.category in ("person", "noun"):
        return True  # people in a role; "casualties", "survivors"
    # the noun is elided or a pronoun: people when the count before it was, or a cue says what happened
    return c.explicit or _people_before(c, prev, view)

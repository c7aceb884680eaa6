"""Speakers of first-person statements: the title of a statement (no spaCy needed)."""
from __future__ import annotations

import pytest

from sitroom.actors.speech import title_speaker

TITLE_WORDS = ["secretary", "president", "minister", "foreign", "general"]


@pytest.mark.parametrize(("title", "speaker"), [
    ("Statement by Secretary of Defense Ash Carter on the Liberation of Dabiq", "Ash Carter"),
    ("Remarks by President Biden at the Summit", "Biden"),
    ("Joint statement by Foreign Minister Retno Marsudi", "Retno Marsudi"),
    ("Statement by the Press Secretary", None),  # no name: nobody to point "I" at
    ("Liberation of Sinjar from ISIL terrorists", None),  # not a statement
    (None, None),
])
def test_a_statements_title_names_its_speaker(title, speaker):
    assert title_speaker(title, TITLE_WORDS) == speaker

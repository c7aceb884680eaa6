"""Dictionary matching and user-file precedence, on spaCy's blank English tokenizer (no model)."""
from __future__ import annotations

import json

import pytest
import spacy

from sitroom.actors.dictionary import build_dictionary
from sitroom.actors.match import ActorMatcher, variants


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def matcher(nlp):
    return ActorMatcher(nlp, build_dictionary())


def found(matcher, nlp, text):
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.type, m.ref) for m in matcher(doc)]


def test_longest_match_wins(matcher, nlp):
    got = found(matcher, nlp, "The Palestinian Islamic Jihad and the Islamic Republic of Iran met.")
    assert ("Palestinian Islamic Jihad", "entry", "pij") in got
    assert ("Islamic Republic of Iran", "state", "IRN") in got
    assert not any(t == "Palestinian" for t, _, _ in got)


def test_kinds_of_matches(matcher, nlp):
    got = found(matcher, nlp, "Kremlin officials said Iranian troops and the IDF clashed near Latin America.")
    assert ("Kremlin", "gov_alias", "RUS") in got
    assert ("Iranian", "demonym", "IRN") in got
    assert ("troops", "sector", "military") in got
    assert ("IDF", "mil_alias", "ISR") in got
    assert ("Latin America", "block", "") in got  # not the United States


def test_ambiguous_alias_needs_context(matcher, nlp):
    assert not any(ref == "rsf" for _, _, ref in found(matcher, nlp, "The RSF published its annual index."))
    assert ("RSF", "entry", "rsf") in found(matcher, nlp, "In Darfur the RSF shelled a camp.")


def test_variants():
    assert {"al-Qaeda", "Al-Qaeda"} <= variants("al-Qaeda")
    assert "Lions\u2019 Den" in variants("Lions' Den")
    assert variants("the Zetas") == {"Zetas"}


def test_user_file_takes_precedence(tmp_path, nlp):
    mine = {
        "version": "test-1", "description": "a desk's own additions",
        "actors": [
            {"id": "hezbollah", "name": "Hizbullah (desk spelling)", "kind": "political_party", "country": "LBN",
             "code": "LBNPTYHEZ", "aliases": ["Hezbollah"]},
            {"id": "desk-militia", "name": "Northern Hawks", "kind": "armed_group", "country": "SYR",
             "code": "SYRREBNHK", "aliases": ["Hashd"], "affiliations": [{"relation": "backed_by", "actor": "TUR"}]},
        ],
        "demonyms": [{"country": "IRQ", "label": "Kurdish", "adjectives": ["Kurdish"], "plurals": []}],
    }
    path = tmp_path / "desk.json"
    path.write_text(json.dumps(mine), encoding="utf-8")
    d = build_dictionary(user_files=[path])
    assert d.entries["hezbollah"].kind.value == "political_party"  # same id: replaced
    assert d.versions[str(path)] == "test-1"
    m = ActorMatcher(nlp, d)
    got = found(m, nlp, "Hezbollah and the Hashd met Kurdish officials.")
    assert ("Hezbollah", "entry", "hezbollah") in got
    assert ("Hashd", "entry", "desk-militia") in got  # the built-in "Hashd" pointed to the PMF
    assert ("Kurdish", "demonym", "IRQ") in got
    builtin = ActorMatcher(nlp, build_dictionary())
    assert ("Kurdish", "demonym", "~Kurdish") in found(builtin, nlp, "Kurdish officials met.")

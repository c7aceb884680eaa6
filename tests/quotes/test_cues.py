"""The cue file: schema validation, the packaged entries, and user files taking precedence."""
from __future__ import annotations

import json

import pytest

from sitroom.errors import DataFileError
from sitroom.model import Certainty
from sitroom.quotes.cues import (
    LISTS,
    SECTIONS,
    compile_lexicon,
    default_cue_path,
    load_lexicon,
    read_cue_file,
    validate_cue_data,
)


@pytest.fixture(scope="module")
def packaged():
    return json.loads(default_cue_path().read_text(encoding="utf-8"))


def write(tmp_path, data, name="mine.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_packaged_file_is_versioned_described_and_valid(packaged):
    assert packaged["version"] and len(packaged["description"]) > 100
    validate_cue_data(packaged, source="packaged")
    assert set(packaged) <= {"version", "description", *SECTIONS, *LISTS}


@pytest.mark.parametrize(
    ("section", "cue", "certainty"),
    [
        ("verbs", "say", "reported"), ("verbs", "tell", "reported"), ("verbs", "state", "reported"),
        ("verbs", "announce", "reported"), ("verbs", "add", "reported"), ("verbs", "write", "reported"),
        ("verbs", "claim", "claimed"), ("verbs", "boast", "claimed"),
        ("verbs", "allege", "alleged"), ("verbs", "accuse", "alleged"),
        ("verbs", "deny", "denied"), ("verbs", "reject", "denied"), ("verbs", "dismiss", "denied"),
        ("hedges", "apparently", "unverified"), ("hedges", "reportedly", "unverified"),
        ("hedges", "unconfirmed", "unverified"), ("hedges", "purportedly", "unverified"),
        ("hedge_phrases", "could not be verified", "unverified"),
        ("hedge_phrases", "could not be independently verified", "unverified"),
        ("phrases", "according to", "reported"),
    ],
)
def test_the_issue_cue_classes(packaged, section, cue, certainty):
    assert packaged[section][cue] == certainty


def test_every_certainty_is_in_the_vocabulary(packaged):
    values = {v for s in SECTIONS for v in packaged.get(s, {}).values()}
    assert values <= {c.value for c in Certainty}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "top level"),
        ({"description": "d", "verbs": {}}, "version"),
        ({"version": "1", "description": "d", "verbz": {}}, "unknown section"),
        ({"version": "1", "description": "d", "verbs": {"say": "sure"}}, "certainty"),
        ({"version": "1", "description": "d", "verbs": ["say"]}, "must be an object"),
        ({"version": "1", "description": "d", "verbs": {"say  so": "reported"}}, "single spaces"),
        ({"version": "1", "description": "d", "verbs": {"go on to say": "reported"}}, "one particle"),
        ({"version": "1", "description": "d", "hedges": {"so it seems": "unverified"}}, "one word"),
        ({"version": "1", "description": "d", "labels": "note"}, "list"),
    ],
)
def test_invalid_files_fail_loudly_with_the_problem(data, problem):
    with pytest.raises(DataFileError, match=problem) as info:
        validate_cue_data(data, source="x.json")
    assert info.value.code == "data_file"


def test_unreadable_file_is_a_data_file_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.json"):
        read_cue_file(bad)


def test_user_file_takes_precedence_removes_and_adds(tmp_path):
    user = write(tmp_path, {
        "version": "mine-1", "description": "desk rules",
        "verbs": {"say": "claimed", "deny": None, "trumpet": "claimed", "hand down": "reported"},
        "hedges": {"ostensibly": "unverified"},
        "labels": ["Flash"],
    })
    lexicon = load_lexicon([user])
    assert lexicon.verbs["say"] is Certainty.CLAIMED  # overridden
    assert "deny" not in lexicon.verbs  # removed by null
    assert lexicon.verbs["trumpet"] is Certainty.CLAIMED  # added
    assert lexicon.verb_particles["hand"]["down"] is Certainty.REPORTED
    assert lexicon.hedges["ostensibly"] is Certainty.UNVERIFIED
    assert {"flash", "editor's note"} <= lexicon.labels  # lists are joined
    assert lexicon.versions[-1] == "mine-1"


def test_later_user_files_win_over_earlier_ones(tmp_path):
    first = write(tmp_path, {"version": "1", "description": "a", "verbs": {"say": "claimed"}}, "a.json")
    second = write(tmp_path, {"version": "1", "description": "b", "verbs": {"say": "alleged"}}, "b.json")
    assert load_lexicon([first, second]).verbs["say"] is Certainty.ALLEGED


def test_phrase_pattern_matches_any_spacing_and_case():
    data = {"version": "1", "description": "d", "hedge_phrases": {"could not be verified": "unverified"}}
    lexicon = compile_lexicon([data])
    m = lexicon.phrase_pattern.search("The toll Could  not be\nverified today.")
    assert m is not None and lexicon.phrase_certainty(m.group(0)) == ("hedge_phrases", Certainty.UNVERIFIED)

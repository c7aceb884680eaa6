"""The figures lexicon data file: schema validation, user files, and its documentation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.errors import DataFileError
from sitroom.figures.lexicon import ROLES, Lexicon, load_lexicon, shipped_path, validate
from sitroom.model import FigureKind, Qualifier
from sitroom.stages.base import Resources

DOCS = Path(__file__).resolve().parents[2] / "docs" / "data-files.md"


@pytest.fixture(scope="module")
def shipped() -> dict:
    return json.loads(shipped_path().read_text(encoding="utf-8"))


def test_shipped_file_is_valid_and_versioned(shipped):
    validate(shipped, "shipped", complete=True)
    assert shipped["version"] and shipped["description"]
    assert set(shipped["kinds"]) == {k.value for k in FigureKind}


def test_shipped_vague_floors_follow_acled(shipped):
    strong = shipped["vague"]["strong"]
    assert (strong["dozens"], strong["scores"], strong["hundreds"], strong["thousands"]) == (12, 20, 100, 1000)
    assert strong["tens of thousands"] == 10000


def test_every_qualifier_is_reachable(shipped):
    q = shipped["qualifiers"]
    used = set(q["before"].values()) | set(q["after"].values()) | set(q["verbs"].values())
    assert used == {q.value for q in Qualifier} - {"exact", "range", "vague"}


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (lambda d: d.pop("version"), "version"),
        (lambda d: d.pop("numbers"), "numbers"),
        (lambda d: d.update(extra={}), "unknown sections"),
        (lambda d: d["qualifiers"]["before"].update({"at most": "roughly"}), "qualifiers"),
        (lambda d: d["vague"]["strong"].update({"dozens": "twelve"}), "numbers"),
        (lambda d: d["kinds"].update({"looted": {"right": ["looted"]}}), "unknown figure kind"),
        (lambda d: d["kinds"]["killed"].update({"later": ["died"]}), "kinds.killed"),
        (lambda d: d["nouns"].update({"property": "huts"}), "list of non-empty strings"),
        # one phrase, one role, two kinds: which would win depends on order
        (lambda d: d["kinds"]["injured"]["right"].append("killed"), "both"),
    ],
)
def test_invalid_files_fail_loudly(shipped, patch, message):
    data = json.loads(json.dumps(shipped))
    patch(data)
    with pytest.raises(DataFileError, match=message) as info:
        validate(data, "broken.json", complete=True)
    assert info.value.code == "data_file"


def test_user_file_extends_and_overrides(tmp_path):
    user = {
        "version": "desk-1", "description": "our desk's words",
        "kinds": {"other": {"right": ["treated"]}, "killed": {"right": ["martyred"]},
                  "weapons": {"nouns": ["technicals"]}},
        "nouns": {"property": ["yurts"]},
        "vague": {"strong": {"dozens": 24}},
    }
    path = tmp_path / "desk.json"
    path.write_text(json.dumps(user), encoding="utf-8")
    lex = load_lexicon(Resources(figure_files=[str(path)]))
    assert lex.versions[-1] == "desk-1"
    assert lex.cues["right"].single["treated"] is FigureKind.OTHER  # the user's kind wins
    assert lex.cues["right"].single["martyred"] is FigureKind.KILLED
    assert lex.cues["nouns"].single["technicals"] is FigureKind.WEAPONS
    assert lex.cues["nouns"].single["rifles"] is FigureKind.WEAPONS  # shipped words stay
    assert "yurts" in lex.words["property"] and "homes" in lex.words["property"]
    assert lex.vague["strong"]["dozens"] == 24


def test_user_file_errors_are_coded(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(DataFileError, match="not found"):
        load_lexicon(Resources(figure_files=[str(missing)]))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="JSON"):
        load_lexicon(Resources(figure_files=str(bad)))


def test_cue_index_prefers_the_longest_phrase(shipped):
    lex = Lexicon([shipped])
    phrases = [p for p, _ in lex.cues["right"].by_first["burnt"]] if "burnt" in lex.cues["right"].by_first else []
    starred = [p for p, _ in lex.cues["right"].by_first["*"]]
    assert all(len(a) >= len(b) for a, b in zip(starred, starred[1:]))
    assert all(len(a) >= len(b) for a, b in zip(phrases, phrases[1:]))


def test_data_file_is_documented(shipped):
    text = DOCS.read_text(encoding="utf-8")
    assert "## figures" in text
    section = text.split("## figures", 1)[1].split("\n## ", 1)[0]
    for key in [k for k in shipped if k not in ("version", "description")] + list(ROLES) + ["figure_files"]:
        assert f"`{key}`" in section, f"docs/data-files.md (figures) does not describe `{key}`"

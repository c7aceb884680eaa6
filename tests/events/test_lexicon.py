"""The event data files: schema, cross-file consistency, and user files taking precedence."""
from __future__ import annotations

import json

import pytest

from sitroom.errors import DataFileError
from sitroom.events.lexicon import ENTRY_KEYS, builtin_files, load_lexicon
from sitroom.model import Plover, QuadClass


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_every_builtin_file_has_version_and_description():
    for where, data in builtin_files():
        assert isinstance(data["version"], str) and data["version"], where
        assert isinstance(data["description"], str) and len(data["description"]) > 40, where


def test_every_trigger_code_exists_and_every_plover_is_valid(lex):
    for table in (lex.verbs, lex.nouns):
        for lemma, entries in table.items():
            assert entries, lemma
            for e in entries:
                assert e.cameo in lex.codes, e.where
                assert e.plover is None or isinstance(e.plover, Plover)
    for code, info in lex.codes.items():
        assert info.plover is None or info.plover in set(Plover), code
        assert isinstance(lex.quad(code), QuadClass), code


def test_only_statements_lack_a_plover_type(lex):
    for code, info in lex.codes.items():
        if info.plover is None:
            assert lex.quad(code) is QuadClass.STATEMENT, code


def test_quad_classes_follow_the_cue_category(lex):
    assert lex.quad("190") is QuadClass.MATERIAL_CONFLICT
    assert lex.quad("0841") is QuadClass.MATERIAL_COOPERATION
    assert lex.quad("081") is QuadClass.MATERIAL_COOPERATION  # all of CAMEO 08 (yield) is material
    assert lex.quad("020") is QuadClass.STATEMENT
    assert lex.quad("163") is QuadClass.VERBAL_CONFLICT  # cue category 16, SANCTION
    expect = {"01": QuadClass.STATEMENT, "02": QuadClass.STATEMENT, "03": QuadClass.VERBAL_COOPERATION,
              "04": QuadClass.VERBAL_COOPERATION, "05": QuadClass.VERBAL_COOPERATION,
              "06": QuadClass.MATERIAL_COOPERATION, "07": QuadClass.MATERIAL_COOPERATION,
              "08": QuadClass.MATERIAL_COOPERATION, "16": QuadClass.VERBAL_CONFLICT}
    expect.update({r: QuadClass.VERBAL_CONFLICT for r in ("09", "10", "11", "12", "13")})
    expect.update({r: QuadClass.MATERIAL_CONFLICT for r in ("14", "15", "17", "18", "19", "20")})
    for code in lex.codes:
        assert lex.quad(code) is expect[code[:2]], code


def test_plover_column_follows_the_plover_table_for_key_codes(lex):
    expect = {"190": Plover.ASSAULT, "173": Plover.COERCE, "0841": Plover.RETREAT, "081": Plover.CONCEDE,
              "1712": Plover.ASSAULT, "192": Plover.COERCE, "161": Plover.SANCTION, "090": Plover.ACCUSE,
              "100": Plover.REQUEST, "020": Plover.REQUEST, "010": None, "046": Plover.CONSULT}
    for code, plover in expect.items():
        assert lex.code(code).plover is plover, code


def test_acled_pairs_are_acleds_own_names(lex):
    for info in lex.codes.values():
        if info.acled is not None:
            assert info.acled[1] in lex.acled_types[info.acled[0]]
    for cat in lex.means:
        assert cat.cameo in lex.codes
        assert cat.acled is None or cat.acled[1] in lex.acled_types[cat.acled[0]]
    verbal = [c for c in lex.codes if c[:2] in ("01", "02", "03", "04", "05", "09", "10", "11", "12", "13")]
    # ACLED codes no verbal events, except signed agreements (Strategic developments)
    assert [c for c in verbal if lex.code(c).acled is not None] == ["057"]


def test_governor_maps_point_at_existing_codes(lex):
    assert lex.governor_maps
    for name, mapping in lex.governor_maps.items():
        for key, code in mapping.items():
            assert key.isdigit() and code in lex.codes, (name, key)


def test_entry_keys_are_documented():
    text = open(__file__.replace("tests/events/test_lexicon.py", "docs/data-files.md"), encoding="utf-8").read()
    for key in ENTRY_KEYS:
        assert f"`{key}`" in text, key


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_user_entries_are_tried_first(tmp_path, lex):
    assert lex.verbs["shell"][0].cameo == "194"
    user = _write(tmp_path, "mine.json", {"version": "1", "description": "test",
                                           "verbs": {"shell": [{"cameo": "195"}], "zap": [{"cameo": "190"}]}})
    mine = load_lexicon([user])
    assert mine.verbs["shell"][0].cameo == "195" and mine.verbs["shell"][1].cameo == "194"
    assert mine.verbs["zap"][0].cameo == "190"


def test_user_codes_replace_ours(tmp_path):
    user = _write(tmp_path, "codes.json", {"version": "1", "description": "test",
                                            "codes": {"190": {"label": "fight", "plover": "ASSAULT",
                                                              "acled": ["Battles", "Armed clash"]}}})
    assert load_lexicon([user]).code("190").label == "fight"


@pytest.mark.parametrize("bad", [
    {"verbs": {"zap": [{"cameo": "999"}]}},                     # unknown code
    {"verbs": {"zap": [{"cameo": "190", "colour": ["red"]}]}},  # unknown key
    {"verbs": {"zap": [{"cameo": "190", "object": "bomb"}]}},   # wrong type
    {"verbs": {"zap": [{"cameo": "190", "plover": "FIGHT"}]}},  # not a PLOVER type
    {"verbs": {"zap": [{"cameo": "190", "acled": ["Battles", "Air/drone strike"]}]}},  # not ACLED's pair
    {"codes": {"190": {"plover": "SMASH"}}},
    {"verbs": {"zap": [{"cameo": "190", "governs": "nowhere"}]}},
])
def test_bad_user_files_fail_loudly(tmp_path, bad):
    user = _write(tmp_path, "bad.json", {"version": "1", "description": "test", **bad})
    with pytest.raises(DataFileError):
        load_lexicon([user])


def test_a_file_without_version_fails(tmp_path):
    user = _write(tmp_path, "bad.json", {"verbs": {}})
    with pytest.raises(DataFileError):
        load_lexicon([user])

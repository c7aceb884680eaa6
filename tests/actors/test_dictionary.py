"""The actor dictionary files: schema, coverage and validation errors (no spaCy needed)."""
from __future__ import annotations

import json
from importlib import resources as importlib_resources

import pytest

from sitroom.actors.dictionary import BUILTIN_FILES, build_dictionary
from sitroom.errors import DataFileError
from sitroom.model.vocab import ActorKind, Relation

UN_OBSERVERS = {"PSE", "VAT"}


@pytest.fixture(scope="module")
def d():
    return build_dictionary()


def _raw(name):
    return json.loads(importlib_resources.files("sitroom").joinpath("data", "actors", name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", BUILTIN_FILES)
def test_every_file_is_versioned_and_described(name):
    doc = _raw(name)
    assert isinstance(doc["version"], str) and doc["version"]
    assert isinstance(doc["description"], str) and len(doc["description"]) > 40


ENTRY_FILES = ["nonstate.json", "institutions.json", "organizations.json", "media.json", "persons.json"]


@pytest.mark.parametrize("name", ENTRY_FILES)
def test_entry_schema(name):
    ids = set()
    for e in _raw(name)["actors"]:
        assert set(e) >= {"id", "name", "kind", "country", "code", "aliases", "affiliations"}, e
        assert e["id"] not in ids
        ids.add(e["id"])
        ActorKind(e["kind"])
        assert e["country"] is None or (len(e["country"]) == 3 and e["country"].isupper())
        assert e["code"] is None or e["code"].isupper()
        for a in e["affiliations"]:
            Relation(a["relation"])
        if e.get("ambiguous_aliases"):
            assert e.get("context"), f"{e['id']}: an ambiguous alias needs a context"
        if name == "persons.json":
            assert e["kind"] == "person" and e["gender"] in ("m", "f", None)


def test_states_cover_un_members_and_observers(d):
    members = [s for s in d.states.values() if s.status == "member"]
    assert len(members) == 193
    assert UN_OBSERVERS <= {s.id for s in d.states.values() if s.status == "observer"}
    for iso in ("ISR", "IRN", "UKR", "RUS", "SDN", "MMR", "COD", "PSE", "VAT"):
        assert iso in d.states
    assert "Tehran" in d.states["IRN"].capitals and "Kyiv" in d.states["UKR"].capitals


def test_demonyms_and_sectors(d):
    by_adj = {a: dem for dem in d.demonyms.values() for a in dem.adjectives}
    assert by_adj["Iranian"].country == "IRN"
    assert by_adj["Israeli"].country == "ISR"
    assert by_adj["Ukrainian"].country == "UKR"
    assert by_adj["Kurdish"].country is None  # a people across borders
    assert d.sector_phrase["forces"].kind is ActorKind.MILITARY
    assert d.sector_phrase["officials"].kind is ActorKind.GOVERNMENT
    assert d.sector_phrase["civilians"].kind is ActorKind.CIVILIANS
    assert d.sector_phrase["media"].kind is ActorKind.MEDIA


@pytest.mark.parametrize(("alias", "entry_id"), [
    ("Hizballah", "hezbollah"), ("PIJ", "pij"), ("Revolutionary Guard", "irgc"), ("Ansar Allah", "houthis"),
    ("Daesh", "isis"), ("ISWAP", "iswap"), ("al-Shabab", "shabaab"), ("Hayat Tahrir al-Sham", "hts"),
    ("Tatmadaw", None), ("Segunda Marquetalia", "segunda-marquetalia"), ("CJNG", "cjng"),
    ("Hashd al-Shaabi", "pmf"), ("Tasnim", "tasnim"), ("Al-Manar", "al-manar"), ("KCNA", "kcna"),
])
def test_major_actors_have_their_aliases(d, alias, entry_id):
    owner = d.phrase_owner.get(alias)
    if entry_id is None:  # a state's military name joins the state's military
        assert any(alias in s.military_aliases for s in d.states.values())
    else:
        assert owner == ("entry", entry_id)


def test_patrons_and_affiliations(d):
    assert (Relation.BACKED_BY, "IRN") in d.entries["hezbollah"].affiliations
    assert (Relation.AFFILIATED_WITH, "irgc") in d.entries["tasnim"].affiliations
    assert (Relation.PART_OF, "irgc") in d.entries["quds-force"].affiliations
    assert len(d.entries) > 450  # groups, institutions, organisations, outlets and persons


def _write(tmp_path, doc):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(("doc", "fragment"), [
    ({"description": "x", "actors": []}, "version"),
    ({"version": "1", "description": "x", "actorz": []}, "unknown top-level"),
    ({"version": "1", "description": "x", "actors": [{"id": "g", "name": "G", "kind": "rebels"}]}, "kind"),
    ({"version": "1", "description": "x", "actors": [{"id": "g", "name": "G", "kind": "armed_group",
                                                       "country": "Iran"}]}, "country"),
    ({"version": "1", "description": "x", "actors": [{"id": "g", "name": "G", "kind": "armed_group",
                                                       "ambiguous_aliases": ["GG"]}]}, "context"),
    ({"version": "1", "description": "x", "actors": [
        {"id": "g", "name": "G", "kind": "armed_group",
         "affiliations": [{"relation": "backed_by", "actor": "nobody"}]}]},
     "unknown actor"),
    ({"version": "1", "description": "x", "actors": [{"id": "g", "name": "G", "kind": "armed_group"},
                                                      {"id": "g", "name": "H", "kind": "armed_group"}]}, "duplicate"),
])
def test_invalid_user_files_fail_loudly(tmp_path, doc, fragment):
    with pytest.raises(DataFileError) as err:
        build_dictionary(user_files=[_write(tmp_path, doc)])
    assert fragment in str(err.value)
    assert err.value.code == "data_file"


def test_unreadable_user_file(tmp_path):
    with pytest.raises(DataFileError):
        build_dictionary(user_files=[tmp_path / "missing.json"])


def test_addressee_verbs_and_weapon_nouns(d, tmp_path):
    assert {"accuse", "urge", "blame"} <= d.addressee_verbs
    assert {"rocket fire", "missiles", "drones"} <= d.event_nouns  # "Russian rocket fire": the demonym is the state
    user = tmp_path / "mine.json"
    user.write_text(json.dumps({"version": "1", "description": "a user's own addressee verbs for the test",
                                "addressee_verbs": ["Summon"]}), encoding="utf-8")
    mine = build_dictionary(user_files=[user])
    assert "summon" in mine.addressee_verbs and "accuse" in mine.addressee_verbs

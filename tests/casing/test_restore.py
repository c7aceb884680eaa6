"""Case restoration word by word (sitroom.casing): names, acronyms, months, common words, sentence
starts, organisation names, titles; the copy keeps the length. Sentences written for these tests."""
from __future__ import annotations

import json

import pytest

from sitroom.casing import load_casing_data, load_restorer
from sitroom.errors import DataFileError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def restore(nlp_pipeline):
    restorer = nlp_pipeline.resources.get("casing", load_restorer)

    def run(text):
        out = restorer.restore(text)
        assert len(out) == len(text) and out.upper() == text.upper()
        return out

    return run


@pytest.mark.parametrize(
    ("caps", "cased"),
    [
        # dateline, agency acronym, bracket tag, sentence start
        ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] THE ARMY SAID TODAY THAT REBELS ATTACKED A BRIDGE.",
         "San Salvador, 3 Jan 90 (ACAN-EFE) -- [Text] The army said today that rebels attacked a bridge."),
        # names of the actor dictionary, a demonym, an unknown surname, a place of the gazetteer
        ("PRESIDENT ALFREDO CRISTIANI SAID THE SHINING PATH AND THE SALVADORAN ARMY MET IN LIMA ON MONDAY.",
         "President Alfredo Cristiani said the Shining Path and the Salvadoran army met in Lima on Monday."),
        # a common word that is also an acronym or a small place stays a word
        ("A CAR BOMB EXPLODED NEAR THE POLICE STATION, WHO SAID IT WAS THE WORST IN MONTHS.",
         "A car bomb exploded near the police station, who said it was the worst in months."),
        # months that are words only beside a number; dotted initials; ordinals
        ("THE 6TH BRIGADE MAY WITHDRAW FROM THE U.S. BASE ON 3 MAY, AFTER THE MARCH.",
         "The 6th Brigade may withdraw from the U.S. base on 3 May, after the march."),
        # organisation and feature names, particles, a title and the name after it
        ("THE NATIONAL GUARD CLASHED WITH THE FELICIANO AMA FRONT NEAR LAS CANAS, SAID GEN. JUAN OROZCO.",
         "The National Guard clashed with the Feliciano Ama Front near Las Canas, said Gen. Juan Orozco."),
        # generic sector phrases stay lower
        ("THE SECURITY FORCES AND THE ARMED FORCES DETAINED 12 PEOPLE.",
         "The security forces and the armed forces detained 12 people."),
        # possessives and hyphenated words
        ("THE GOVERNMENT'S ANTI-GUERRILLA OFFENSIVE IN EL SALVADOR'S NORTH.",
         "The government's anti-guerrilla offensive in El Salvador's north."),
    ],
)
def test_restores_like_an_editor(restore, caps, cased):
    assert restore(caps) == cased


def test_mixed_case_text_comes_back_unchanged(restore):
    text = "Rebels of the FMLN attacked a bridge near San Miguel, the army said. " * 3
    assert restore(text) is text


def test_a_short_headline_in_capitals_is_not_touched(restore):
    text = ("ARMY RETAKES TOWN\n\nThe army retook the town of Kalma on Sunday after two days of fighting, "
            "residents said.")
    assert restore(text) == text


def test_a_capital_stretch_inside_mixed_text_only(restore):
    mixed = "The station broadcast the following report.\n\n"
    caps = "GUERRILLAS OF THE FMLN ATTACKED THE GARRISON IN SAN MIGUEL TODAY, THE ARMED FORCES PRESS OFFICE REPORTED."
    out = restore(mixed + caps)
    assert out.startswith(mixed)
    assert out[len(mixed):].startswith("Guerrillas of the FMLN attacked the garrison in San Miguel today")


def test_user_casing_file(tmp_path):
    path = tmp_path / "wire.json"
    path.write_text(json.dumps({"version": "1", "description": "desk", "upper": ["ACNUR"],
                                "detect": {"min_chars": 200}}))
    data = load_casing_data([path])
    assert "acnur" in data.upper and "fmln" in data.upper
    assert data.thresholds.min_chars == 200 and data.thresholds.min_letters == 30
    assert len(data.versions) == 2


@pytest.mark.parametrize(
    "body",
    [
        {"description": "no version"},
        {"version": "1", "description": "d", "colours": ["red"]},
        {"version": "1", "description": "d", "upper": "FMLN"},
        {"version": "1", "description": "d", "detect": {"min_chars": -1}},
        {"version": "1", "description": "d", "detect": {"width": 3}},
    ],
)
def test_invalid_casing_files_fail_with_a_code(tmp_path, body):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(body))
    with pytest.raises(DataFileError) as err:
        load_casing_data([path])
    assert err.value.code == "data_file"


def test_unreadable_casing_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(DataFileError):
        load_casing_data([path])


def test_shipped_data_file_is_documented():
    from pathlib import Path

    import sitroom

    shipped = json.loads((Path(sitroom.__file__).parent / "data" / "casing" / "casing.json").read_text())
    docs = (Path(__file__).resolve().parents[2] / "docs" / "data-files.md").read_text()
    section = docs.split("## casing", 1)[1].split("\n## ", 1)[0]
    assert f"version `{shipped['version']}`" in section
    for key in shipped:
        if key not in ("version", "description"):
            assert f"`{key}`" in section, f"docs/data-files.md (casing) does not describe `{key}`"

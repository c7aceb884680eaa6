"""The actors stage on real parses: composition, metonymy, persons, coreference, affiliations.

One ``nlp`` + ``actors`` pipeline per module (spaCy loads once). All sentences are written for
these tests; facts follow real events.
"""
from __future__ import annotations

import json
import sys

import pytest

from sitroom import Pipeline
from sitroom.model import Document
from sitroom.model.vocab import ActorKind, Relation
from sitroom.stages import STAGES
from sitroom.stages.actors import ActorsStage

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(stages=["nlp", "actors"])


def actors(pipe, text):
    ex = pipe(Document(id="t", text=text))
    for a in ex.actors:  # no span, no fact: every mention is exact text
        for m in a.mentions:
            assert text[m.start:m.end] == m.text
    return ex.actors


def by_name(found, name):
    hits = [a for a in found if a.name == name]
    assert hits, f"no actor {name!r} in {[a.name for a in found]}"
    return hits[0]


def texts(actor):
    return [m.text for m in actor.mentions]


def related(found, actor, relation):
    ids = {f.actor for f in actor.affiliations if f.relation is relation}
    return {a.name for a in found if a.id in ids}


def test_registered_with_its_contract():
    assert STAGES["actors"] is ActorsStage
    assert ActorsStage.requires == ("spacy",) and ActorsStage.optional == ("places",)
    assert ActorsStage.assigns == ("actors",)


def test_named_groups_patrons_and_states(pipe):
    text = ("Iranian-backed Houthi rebels fired two missiles at a tanker off Yemen on Tuesday. "
            "The group said the ship was linked to Israel.")
    found = actors(pipe, text)
    houthis = by_name(found, "Houthis")
    assert houthis.kind is ActorKind.ARMED_GROUP and houthis.country == "YEM" and houthis.code == "YEMREBHTH"
    assert texts(houthis) == ["Houthi rebels", "group"]
    assert related(found, houthis, Relation.BACKED_BY) == {"Iran"}
    assert Relation.AFFILIATED_WITH not in {f.relation for f in houthis.affiliations}  # the ship's link
    iran = by_name(found, "Iran")
    assert iran.kind is ActorKind.STATE and iran.code == "IRN" and texts(iran) == ["Iranian"]
    assert "Yemen" not in {a.name for a in found}  # "off Yemen" is a place


def test_demonym_and_sector_composition(pipe):
    text = ("Russian-backed separatists shelled the town, and Ukrainian forces returned fire. "
            "Ukrainian officials said civilians and residents fled while Israeli media reported the news.")
    found = actors(pipe, text)
    sep = by_name(found, "separatists")
    assert sep.kind is ActorKind.ARMED_GROUP and sep.country is None
    assert related(found, sep, Relation.BACKED_BY) == {"Russia"}
    mil = by_name(found, "Ukrainian military")
    assert (mil.kind, mil.country, mil.code) == (ActorKind.MILITARY, "UKR", "UKRMIL")
    assert texts(mil) == ["Ukrainian forces"]
    gov = by_name(found, "Ukrainian government")
    assert (gov.kind, gov.code) == (ActorKind.GOVERNMENT, "UKRGOV")
    assert by_name(found, "Israeli media").kind is ActorKind.MEDIA
    assert by_name(found, "civilians").kind is ActorKind.CIVILIANS
    assert by_name(found, "residents").kind is ActorKind.CIVILIANS


def test_state_sectors_join_and_belong_to_their_state(pipe):
    text = ("Israel said its jets struck a depot. The IDF said Israeli soldiers were wounded, "
            "and Palestinians said Palestinian fighters had fired first.")
    found = actors(pipe, text)
    mil = by_name(found, "Israeli military")
    assert "IDF" in texts(mil) and "Israeli soldiers" in texts(mil)
    assert related(found, mil, Relation.PART_OF) == {"Israel"}
    assert by_name(found, "Palestinian fighters").code == "PSEREB"
    people = by_name(found, "Palestinians")  # the population: "civilians" only when the text says so
    assert texts(people) == ["Palestinians"] and people.code == "PSE" and people.kind is ActorKind.CIVILIANS
    assert "Palestinian civilians" not in {a.name for a in found}


def test_capital_stands_for_its_state_only_when_it_acts(pipe):
    found = actors(pipe, "Tehran said on Monday it would retaliate.")
    iran = by_name(found, "Iran")
    assert texts(iran) == ["Tehran", "it"]
    found = actors(pipe, "Protests were reported in Tehran, where Iranian police arrested dozens.")
    assert "Iran" not in {a.name for a in found}
    judged = actors(pipe, "Kyiv accused Moscow of shelling the port.")  # addressed or judged: the state
    assert texts(by_name(judged, "Russia")) == ["Moscow"]
    police = by_name(found, "Iranian police")
    assert (police.kind, police.country) == (ActorKind.POLICE, "IRN")


def test_persons_join_by_name_with_title_and_dictionary(pipe):
    text = ("Israeli Prime Minister Benjamin Netanyahu met his cabinet in Jerusalem. "
            "Netanyahu later said he would not resign.")
    found = actors(pipe, text)
    bibi = by_name(found, "Benjamin Netanyahu")
    assert bibi.kind is ActorKind.PERSON and bibi.country == "ISR"
    assert texts(bibi) == ["Benjamin Netanyahu", "his", "Netanyahu", "he"]
    gov = by_name(found, "Israeli government")
    assert texts(gov) == ["cabinet"]  # "his cabinet": the cabinet of Netanyahu's country
    assert related(found, bibi, Relation.LEADER_OF) == {"Israeli government"}


def test_unknown_person_gets_country_and_group_from_descriptors(pipe):
    text = ("Hamas spokesman Abdel Latif al-Qanou denied the report. "
            "Kenyan police commander Japheth Mwangi said he had sent reinforcements.")
    found = actors(pipe, text)
    qanou = by_name(found, "Abdel Latif al-Qanou")
    assert qanou.country == "PSE" and related(found, qanou, Relation.MEMBER_OF) == {"Hamas"}
    mwangi = by_name(found, "Japheth Mwangi")
    assert mwangi.country == "KEN" and texts(mwangi) == ["Japheth Mwangi", "he"]


def test_nominal_and_pronoun_coreference(pipe):
    text = ("Boko Haram attacked a village in Borno on Sunday. The jihadist group said its fighters "
            "had killed six soldiers. The militants then withdrew.")
    found = actors(pipe, text)
    bh = by_name(found, "Boko Haram")
    assert texts(bh) == ["Boko Haram", "jihadist group", "its", "fighters", "militants"]
    assert "Borno" not in {a.name for a in found}


def test_unresolvable_pronouns_are_left_out(pipe):
    text = ("Abiy Ahmed and Isaias Afwerki met in Asmara. He said the border would reopen. "
            "The report said it was unclear who fired.")
    found = actors(pipe, text)
    for name in ("Abiy Ahmed", "Isaias Afwerki"):
        assert "He" not in texts(by_name(found, name))  # two persons, both subjects: no guess
    assert all("it" not in texts(a) for a in found)  # the main subject is "the report"
    found = actors(pipe, "Abiy Ahmed met Isaias Afwerki in Asmara. He said the border would reopen.")
    assert texts(by_name(found, "Abiy Ahmed")) == ["Abiy Ahmed", "He"]  # the subject is preferred


def test_participial_affiliation_and_media(pipe):
    text = ("Mehr news agency, affiliated with the Revolutionary Guard, said the Basij had deployed. "
            "Hamas media showed the footage.")
    found = actors(pipe, text)
    mehr = by_name(found, "Mehr News Agency")
    assert mehr.kind is ActorKind.MEDIA and mehr.country == "IRN"
    assert related(found, mehr, Relation.AFFILIATED_WITH) == {"Islamic Revolutionary Guard Corps"}
    assert related(found, by_name(found, "Basij"), Relation.PART_OF) == {"Islamic Revolutionary Guard Corps"}
    hm = by_name(found, "Hamas media")
    assert hm.kind is ActorKind.MEDIA and related(found, hm, Relation.AFFILIATED_WITH) == {"Hamas"}


def test_focus_country_for_the_army(pipe):
    text = ("Fighting spread across Sudan's capital, Khartoum. The army accused the paramilitary "
            "Rapid Support Forces of looting, and the RSF denied it.")
    found = actors(pipe, text)
    army = by_name(found, "Sudanese military")
    assert texts(army) == ["army"]
    rsf = by_name(found, "Rapid Support Forces")
    assert texts(rsf) == ["Rapid Support Forces", "RSF"]
    assert "paramilitary" not in {a.name for a in found}


def test_ambiguous_alias_without_context_is_not_an_actor(pipe):
    found = actors(pipe, "The RSF index ranked the country low on press freedom.")
    assert "Rapid Support Forces" not in {a.name for a in found}


def test_user_actor_file_is_used(tmp_path):
    path = tmp_path / "desk.json"
    path.write_text(json.dumps({"version": "1", "description": "a local militia our desk tracks", "actors": [
        {"id": "river-lions", "name": "River Lions", "kind": "armed_group", "country": "NGA", "code": "NGAREBRVL",
         "aliases": ["Lions of the River"], "affiliations": [{"relation": "backed_by", "actor": "NGA"}]}]}))
    pipe = Pipeline(stages=["nlp", "actors"], actor_files=[str(path)])
    text = "Nigeria denied arming the Lions of the River, who raided a market."
    found = actors(pipe, text)
    lions = by_name(found, "River Lions")
    assert lions.code == "NGAREBRVL" and texts(lions) == ["Lions of the River"]
    assert related(found, lions, Relation.BACKED_BY) == {"Nigeria"}


@pytest.mark.shared
def test_seed_article_actors(pipe, shared_dir):
    """The eight actors of the seed's expected coding, scored by the shared scorer."""
    seed = shared_dir / "seed"
    sys.path.insert(0, str(shared_dir / "eval"))
    try:
        import score_seed
    finally:
        sys.path.pop(0)
    from sitroom.model.serialize import to_dict

    text = (seed / "iranintl-2023-10-07.txt").read_text(encoding="utf-8")
    rec = to_dict(pipe(Document(id="iranintl-2023-10-07", text=text, published="2023-10-07")))
    expected = json.loads((seed / "iranintl-2023-10-07.expected.json").read_text(encoding="utf-8"))
    metrics, _, rows = score_seed.score_seed({"actors": expected["actors"]}, rec)
    assert metrics["actors"] == 1.0, [r for r in rows if r.startswith("actors/")]


def test_first_person_in_a_named_speakers_statement_or_quotation(pipe):
    text = ("The minister visited the camp on Monday. Minister Rahimi said:\n\n"
            "I condemn the attack on the camp. We will rebuild the clinic.\n\n"
            "“We will respond to this attack,” the Afghan army said. “I saw nothing,” a witness said.")
    found = actors(pipe, text)
    rahimi = next(a for a in found if "Rahimi" in a.name)
    assert texts(rahimi).count("I") == 1  # a person's "I"; their "We" is left out
    assert "We" in texts(by_name(found, "Afghan military"))  # an institution's "we" in its quotation
    assert all("We" not in texts(a) for a in found if a.kind is ActorKind.PERSON)
    assert all("I" not in texts(a) for a in found if a is not rahimi)  # the witness is no actor: no guess


def test_a_statements_title_speaks_its_first_person(pipe):
    text = "I welcome the release of the hostages. “We are free,” one of them said."
    doc = Document(id="t", text=text, title="Statement by Foreign Minister Lina Haddad on the release")
    found = pipe(doc).actors
    haddad = by_name(found, "Lina Haddad")
    assert texts(haddad) == ["I"]  # "We" belongs to the quoted speaker, who is nobody named
    untitled = actors(pipe, text)
    assert all("I" not in texts(a) for a in untitled)

"""Roles from the clause (dyads.py, syntax.py) on hand-built parses: light verbs the tagger
lemmatises wrongly, force adjectives, coordinated casualty clauses, property targets, prepositions
parsed under an object's conjunct, misattached conjuncts of relative clauses, editors' notes."""
from __future__ import annotations

import pytest

from sitroom.events.lexicon import load_lexicon
from sitroom.events.syntax import bracketed, relative_misattached
from tests.events.handparse import parse, roles


@pytest.fixture(scope="module")
def lex():
    return load_lexicon(())


def test_a_light_verb_is_found_by_its_form_when_its_lemma_is_wrong(lex):
    doc = parse("""
        Insurgents insurgent NOUN NNS nsubj 1
        staged stag VERB VBD ROOT 1
        raids raid NOUN NNS dobj 1
        on on ADP IN prep 2
        two two NUM CD nummod 5
        outposts outpost NOUN NNS pobj 3
        . . PUNCT . punct 1
    """)
    assert lex.light_verb(doc[1]) is lex.light_verbs["stage"]
    assert roles(doc, lex)["raids"] == (["Insurgents"], ["outposts"])


REBEL_AMBUSH = """
    Two two NUM CD nummod 1 CARDINAL
    guards guard NOUN NNS nsubjpass 3
    were be AUX VBD auxpass 3
    killed kill VERB VBN ROOT 3
    in in ADP IN prep 3
    a a DET DT det 7
    {adj} {adj} ADJ JJ amod 7
    ambush ambush NOUN NN pobj 4
    . . PUNCT . punct 3
"""


def test_a_word_for_a_party_tagged_as_an_adjective_names_the_source(lex):
    found = roles(parse(REBEL_AMBUSH.format(adj="rebel")), lex)
    assert found["killed"] == (["rebel"], ["guards"])


def test_an_adjective_of_a_sector_or_a_kind_names_no_source(lex):
    for adj in ("military", "terrorist"):
        found = roles(parse(REBEL_AMBUSH.format(adj=adj)), lex)
        assert found["killed"] == ([], ["guards"]), adj


def test_coordinated_casualty_clauses_share_the_agent_one_of_them_names(lex):
    doc = parse("""
        Three three NUM CD nummod 1 CARDINAL
        villagers villager NOUN NNS nsubjpass 3
        were be AUX VBD auxpass 3
        killed kill VERB VBN ROOT 3
        and and CCONJ CC cc 3
        four four NUM CD nsubjpass 7 CARDINAL
        were be AUX VBD auxpass 7
        wounded wound VERB VBN conj 3
        by by ADP IN agent 7
        militants militant NOUN NNS pobj 8
        . . PUNCT . punct 3
    """)
    found = roles(doc, lex)
    assert found["wounded"] == (["militants"], ["four"])
    assert found["killed"] == (["militants"], ["villagers"])


def test_the_property_a_riot_or_arson_damages_is_the_target(lex):
    doc = parse("""
        Rioters rioter NOUN NNS nsubj 1
        burned burn VERB VBD ROOT 1
        tax tax NOUN NN compound 3
        offices office NOUN NNS dobj 1
        . . PUNCT . punct 1
    """)
    assert roles(doc, lex)["burned"] == (["Rioters"], ["offices"])


def test_set_fire_to_aims_at_what_burns(lex):
    doc = parse("""
        The the DET DT det 1
        mob mob NOUN NN nsubj 2
        set set VERB VBD ROOT 2
        fire fire NOUN NN dobj 2
        to to ADP IN prep 2
        two two NUM CD nummod 6 CARDINAL
        churches church NOUN NNS pobj 4
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["set"] == (["mob"], ["churches"])


def test_a_from_phrase_parsed_under_a_later_object_conjunct_names_the_loser(lex):
    doc = parse("""
        Marines marine NOUN NNS nsubj 1
        seized seize VERB VBD ROOT 1
        rifles rifle NOUN NNS dobj 1
        and and CCONJ CC cc 2
        two two NUM CD nummod 5 CARDINAL
        launchers launcher NOUN NNS conj 2
        from from ADP IN prep 5
        the the DET DT det 8
        smugglers smuggler NOUN NNS pobj 6
        . . PUNCT . punct 1
    """)
    assert roles(doc, lex)["seized"] == (["Marines"], ["smugglers"])


CONGRATULATE = parse("""
    We we PRON PRP nsubj 1
    want want VERB VBP ROOT 1
    to to PART TO aux 3
    praise praise VERB VB xcomp 1
    the the DET DT det 5
    medics medic NOUN NNS dobj 3
    who who PRON WP nsubj 7
    worked work VERB VBD relcl 5
    to to PART TO aux 9
    save save VERB VB advcl 7
    lives life NOUN NNS dobj 9
    and and CCONJ CC cc 9
    thank thank VERB VBP conj 9
    Norway Norway PROPN NNP dobj 12 GPE
    . . PUNCT . punct 1
""")


def test_a_base_verb_coordinated_into_a_past_relative_clause_belongs_to_the_outer_clause():
    assert relative_misattached(CONGRATULATE[12]).text == "praise"
    assert relative_misattached(CONGRATULATE[9]) is None  # not a conjunct


def test_the_misattached_conjunct_takes_the_outer_subject(lex):
    found = roles(CONGRATULATE, lex)
    assert found["thank"] == (["We"], ["Norway"])
    assert found["praise"][0] == ["We"]


def test_a_word_alone_in_square_brackets_is_an_editors_note_not_a_subject(lex):
    doc = parse("""
        [ [ X XX dep 6
        Excerpts excerpt NOUN NNS nsubjpass 6
        ] ] PUNCT -RRB- dep 6
        Two two NUM CD nummod 4 CARDINAL
        farmers farmer NOUN NNS nsubjpass 6
        were be AUX VBD auxpass 6
        shot shoot VERB VBN ROOT 6
        by by ADP IN agent 6
        bandits bandit NOUN NNS pobj 7
        . . PUNCT . punct 6
    """)
    assert bracketed(doc[1]) and not bracketed(doc[4])
    assert roles(doc, lex)["shot"] == (["bandits"], ["farmers"])


def test_a_mobilization_told_in_the_passive_has_the_forces_that_move_as_source(lex):
    doc = parse("""
        Two two NUM CD nummod 1 CARDINAL
        frigates frigate NOUN NNS nsubjpass 3
        were be AUX VBD auxpass 3
        deployed deploy VERB VBN ROOT 3
        to to ADP IN prep 3
        the the DET DT det 6
        strait strait NOUN NN pobj 4
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["deployed"] == (["frigates"], [])


def test_reacting_to_the_news_that_someone_acted_aims_at_the_doer(lex):
    doc = parse("""
        The the DET DT det 1
        envoy envoy NOUN NN nsubj 2
        welcomed welcome VERB VBD ROOT 2
        the the DET DT det 4
        news news NOUN NN dobj 2
        that that SCONJ IN mark 7
        rebels rebel NOUN NNS nsubj 7
        freed free VERB VBD acl 4
        the the DET DT det 9
        hostages hostage NOUN NNS dobj 7
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["welcomed"] == (["envoy"], ["rebels"])


CLASH_VICTIM = """
    A a DET DT det 1
    {victim} {victim} NOUN NN nsubjpass 3
    was be AUX VBD auxpass 3
    killed kill VERB VBN ROOT 3
    in in ADP IN prep 3
    a a DET DT det 6
    clash clash NOUN NN pobj 4
    between between ADP IN prep 6
    rebels rebel NOUN NNS pobj 7
    and and CCONJ CC cc 8
    troops troop NOUN NNS conj 8
    . . PUNCT . punct 3
"""


def test_a_victim_of_a_clash_fell_to_the_other_side(lex):
    assert roles(parse(CLASH_VICTIM.format(victim="guerrilla")), lex)["killed"] == (["troops"], ["guerrilla"])
    assert roles(parse(CLASH_VICTIM.format(victim="soldier")), lex)["killed"] == (["rebels"], ["soldier"])
    # a bystander belongs to no side: the first side named, as before
    assert roles(parse(CLASH_VICTIM.format(victim="farmer")), lex)["killed"] == (["rebels"], ["farmer"])


def test_the_outer_subject_also_when_the_parser_tags_the_infinitive_an_adjective(lex):
    doc = parse("""
        I I PRON PRP nsubj 1
        want want VERB VBP ROOT 1
        to to PART TO aux 3
        praise praise VERB VB xcomp 1
        the the DET DT det 5
        medics medic NOUN NNS dobj 3
        who who PRON WP nsubj 7
        worked work VERB VBD relcl 5
        to to AUX IN aux 9
        free free ADJ JJ advcl 7
        hostages hostage NOUN NNS dobj 9
        and and CCONJ CC cc 9
        thank thank VERB VBP conj 9
        Norway Norway PROPN NNP dobj 12 GPE
        . . PUNCT . punct 1
    """)
    assert roles(doc, lex)["thank"] == (["I"], ["Norway"])


def test_a_seizure_coordinated_with_an_act_against_a_party_takes_that_party(lex):
    doc = parse("""
        Troops troop NOUN NNS nsubj 1
        killed kill VERB VBD ROOT 1
        two two NUM CD nummod 3 CARDINAL
        rebels rebel NOUN NNS dobj 1
        and and CCONJ CC cc 1
        seized seize VERB VBD conj 1
        40 40 NUM CD nummod 7 CARDINAL
        rifles rifle NOUN NNS dobj 5
        . . PUNCT . punct 1
    """)
    assert roles(doc, lex)["seized"] == (["Troops"], ["rebels"])


def test_an_inquiry_that_involves_a_party_is_about_that_party(lex):
    doc = parse("""
        The the DET DT det 1
        inquiry inquiry NOUN NN nsubj 5
        by by ADP IN prep 1
        the the DET DT det 4
        ministry ministry NOUN NN pobj 2
        involves involve VERB VBZ ROOT 5
        two two NUM CD nummod 7 CARDINAL
        colonels colonel NOUN NNS dobj 5
        . . PUNCT . punct 5
    """)
    assert roles(doc, lex)["inquiry"] == (["ministry"], ["colonels"])


def test_the_act_a_campaign_began_with_is_the_campaign_authors(lex):
    doc = parse("""
        The the DET DT det 2
        rebel rebel NOUN NN compound 2
        campaign campaign NOUN NN nsubj 3
        began begin VERB VBD ROOT 3
        with with ADP IN prep 3
        an an DET DT det 6
        attack attack NOUN NN pobj 4
        on on ADP IN prep 6
        a a DET DT det 9
        checkpoint checkpoint NOUN NN pobj 7
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["attack"] == (["rebel"], ["checkpoint"])


def test_parties_that_agree_to_act_for_a_named_party_aim_at_it(lex):
    doc = parse("""
        Norway Norway PROPN NNP nsubj 3 GPE
        and and CCONJ CC cc 0
        Japan Japan PROPN NNP conj 0 GPE
        agreed agree VERB VBD ROOT 3
        to to PART TO aux 5
        lend lend VERB VB xcomp 3
        Chad Chad PROPN NNP dative 5 GPE
        funds fund NOUN NNS dobj 5
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["agreed"] == (["Norway"], ["Chad"])


def test_parties_that_agree_with_no_third_party_stay_a_pair(lex):
    doc = parse("""
        Norway Norway PROPN NNP nsubj 3 GPE
        and and CCONJ CC cc 0
        Japan Japan PROPN NNP conj 0 GPE
        agreed agree VERB VBD ROOT 3
        to to PART TO aux 5
        cooperate cooperate VERB VB xcomp 3
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["agreed"] == (["Norway"], ["Japan"])


def test_an_act_that_prompted_a_party_to_fire_back_was_aimed_at_it(lex):
    doc = parse("""
        Protesters protester NOUN NNS nsubj 1
        threw throw VERB VBD ROOT 1
        stones stone NOUN NNS dobj 1
        , , PUNCT , punct 1
        prompting prompt VERB VBG advcl 1
        police police NOUN NNS dobj 4
        to to PART TO aux 7
        fire fire VERB VB xcomp 4
        back back ADV RB advmod 7
        . . PUNCT . punct 1
    """)
    assert roles(doc, lex)["threw"] == (["Protesters"], ["police"])


def test_talks_a_party_travelled_for_are_its_own(lex):
    doc = parse("""
        The the DET DT det 2
        foreign foreign ADJ JJ amod 2
        minister minister NOUN NN nsubj 3
        flew fly VERB VBD ROOT 3
        to to ADP IN prep 3
        Cairo Cairo PROPN NNP pobj 4 GPE
        for for ADP IN prep 3
        talks talk NOUN NNS pobj 6
        with with ADP IN prep 7
        Egyptian egyptian ADJ JJ amod 10 NORP
        officials official NOUN NNS pobj 8
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["talks"] == (["minister"], ["officials"])


def test_a_penalty_asked_for_a_party_is_asked_against_it(lex):
    doc = parse("""
        The the DET DT det 1
        prosecutor prosecutor NOUN NN nsubj 2
        demanded demand VERB VBD ROOT 2
        a a DET DT det 5
        life life NOUN NN compound 5
        sentence sentence NOUN NN dobj 2
        for for ADP IN prep 5
        the the DET DT det 9
        former former ADJ JJ amod 9
        commander commander NOUN NN pobj 6
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["demanded"] == (["prosecutor"], ["commander"])


def test_only_a_penalty_asked_for_a_party_makes_it_the_target(lex):
    doc = parse("""
        The the DET DT det 1
        mayor mayor NOUN NN nsubj 2
        demanded demand VERB VBD ROOT 2
        funds fund NOUN NNS dobj 2
        for for ADP IN prep 2
        Gaza Gaza PROPN NNP pobj 4 GPE
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["demanded"][1] != ["Gaza"]


MET_AND = """
    The the DET DT det 1
    minister minister NOUN NN nsubj 2
    {verb} VERB VBD ROOT 2
    {partner}
    and and CCONJ CC cc 2
    offered offer VERB VBD conj 2
    an an DET DT det {apology}
    apology apology NOUN NN dobj {offered}
    . . PUNCT . punct 2
"""


def _met_and(partner_rows: str, verb: str = "met meet") -> str:
    n = len(partner_rows.strip().splitlines())
    return MET_AND.format(verb=verb, partner=partner_rows.strip(), apology=n + 6, offered=n + 4)


def test_an_act_conjoined_to_a_meeting_is_addressed_to_the_partner(lex):
    doc = parse(_met_and("""
        with with ADP IN prep 2
        the the DET DT det 5
        ambassador ambassador NOUN NN pobj 3
    """))
    assert roles(doc, lex)["apology"] == (["minister"], ["ambassador"])


def test_a_place_visited_is_not_the_partner(lex):
    doc = parse(_met_and("""
        Kabul Kabul PROPN NNP dobj 2 GPE
    """, verb="visited visit"))
    assert roles(doc, lex)["apology"] == (["minister"], [])


PASSIVE_TALK = """
    The the DET DT det 1
    {subject}
    were be AUX VBD auxpass 3
    discussed discuss VERB VBN ROOT 3
    . . PUNCT . punct 3
"""


def test_a_topic_discussed_is_no_party_consulted(lex):
    doc = parse(PASSIVE_TALK.format(subject="reports report NOUN NNS nsubjpass 3"))
    assert roles(doc, lex).get("discussed", ([], []))[1] == []


def test_people_consulted_in_the_passive_stay_the_target(lex):
    doc = parse(PASSIVE_TALK.format(subject="rebels rebel NOUN NNS nsubjpass 3"))
    assert roles(doc, lex)["discussed"] == ([], ["rebels"])


SITUATION = """
    The the DET DT det 1
    council council NOUN NN nsubj 2
    condemned condemn VERB VBD ROOT 2
    the the DET DT det 5
    humanitarian humanitarian ADJ JJ amod 5
    {noun}
    in in ADP IN prep 5
    {place}
    . . PUNCT . punct 2
"""


def test_a_situation_in_a_country_stands_for_the_country(lex):
    doc = parse(SITUATION.format(noun="situation situation NOUN NN dobj 2", place="Yemen Yemen PROPN NNP pobj 6 GPE"))
    assert roles(doc, lex)["condemned"] == (["council"], ["Yemen"])


def test_a_situation_in_a_region_stays_itself(lex):
    doc = parse(SITUATION.format(noun="situation situation NOUN NN dobj 2", place="camps camp NOUN NNS pobj 6"))
    assert roles(doc, lex)["condemned"] == (["council"], ["situation"])

"""Who did what to whom, on hand-built parses (no model): the rules of dyads.py / participants.py
over the parse a test states, so a change of the spaCy model cannot hide a broken rule."""
from __future__ import annotations

import pytest

from sitroom.events.dyads import settle
from sitroom.events.lexicon import load_lexicon
from sitroom.events.participants import bare_number, is_event_noun, is_means, look_through, names_nobody
from sitroom.events.syntax import reported_anchor
from tests.events.handparse import parse, roles


@pytest.fixture(scope="module")
def lex():
    return load_lexicon(())


ACCUSATION = parse("""
    The the DET DT det 1
    minister minister NOUN NN nsubj 2
    accused accuse VERB VBD ROOT 2
    the the DET DT det 4
    rebels rebel NOUN NNS dobj 2
    of of ADP IN prep 4
    shelling shell VERB VBG pcomp 5
    the the DET DT det 8
    market market NOUN NN dobj 6
    , , PUNCT , punct 2
    killing kill VERB VBG advcl 2
    five five NUM CD nummod 12 CARDINAL
    civilians civilian NOUN NNS dobj 10
    . . PUNCT . punct 2
""")


def test_accusation_frame_gives_the_accused_as_the_attacker(lex):
    found = roles(ACCUSATION, lex)
    assert found["accused"] == (["minister"], ["rebels"])
    assert found["shelling"] == (["rebels"], ["market"])
    # the participle hangs off "accused" but continues the alleged act: never the accuser's
    assert found["killing"] == (["rebels"], ["civilians"])


def test_participle_of_an_accusation_takes_the_reported_acts_attribution():
    assert reported_anchor(ACCUSATION[10]).text == "shelling"
    assert reported_anchor(ACCUSATION[6]) is None  # the reported act itself is anchored by its own span


def test_blame_for_an_event_noun_names_its_author(lex):
    doc = parse("""
        Rebels rebel NOUN NNS nsubj 1
        blamed blame VERB VBD ROOT 1
        the the DET DT det 3
        army army NOUN NN dobj 1
        for for ADP IN prep 1
        the the DET DT det 6
        massacre massacre NOUN NN pobj 4
        . . PUNCT . punct 1
    """)
    found = roles(doc, lex)
    assert found["blamed"] == (["Rebels"], ["army"])
    assert found["massacre"] == (["army"], [])


def test_claim_of_responsibility_names_the_attacker(lex):
    doc = parse("""
        Al Al PROPN NNP compound 2 ORG
        - - PUNCT HYPH punct 2 ORG
        Shabaab Shabaab PROPN NNP nsubj 3 ORG
        claimed claim VERB VBD ROOT 3
        responsibility responsibility NOUN NN dobj 3
        for for ADP IN prep 4
        the the DET DT det 7
        bombing bombing NOUN NN pobj 5
        of of ADP IN prep 7
        the the DET DT det 10
        checkpoint checkpoint NOUN NN pobj 8
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["bombing"][0] == ["Shabaab"]


def test_an_event_noun_subject_stands_for_its_author(lex):
    doc = parse("""
        A a DET DT det 2
        U.S. U.S. PROPN NNP compound 2 GPE
        airstrike airstrike NOUN NN nsubj 3
        hit hit VERB VBD ROOT 3
        two two NUM CD nummod 5 CARDINAL
        vehicles vehicle NOUN NNS dobj 3
        near near ADP IN prep 3
        the the DET DT det 8
        border border NOUN NN pobj 6
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["hit"] == (["U.S."], ["vehicles"])  # not "A U.S. airstrike"


def test_quantity_nouns_are_looked_through_to_the_event_and_its_author(lex):
    doc = parse("""
        A a DET DT det 1
        series series NOUN NN nsubj 5
        of of ADP IN prep 1
        Israeli israeli ADJ JJ amod 4 NORP
        airstrikes airstrike NOUN NNS pobj 2
        killed kill VERB VBD ROOT 5
        12 12 NUM CD nummod 7 CARDINAL
        fighters fighter NOUN NNS dobj 5
        . . PUNCT . punct 5
    """)
    assert roles(doc, lex)["killed"] == (["Israeli"], ["fighters"])


def test_a_weapon_is_not_an_actor_but_its_owner_is(lex):
    doc = parse("""
        Russian russian ADJ JJ amod 1 NORP
        missiles missile NOUN NNS nsubj 2
        struck strike VERB VBD ROOT 2
        Kharkiv Kharkiv PROPN NNP dobj 2 GPE
        overnight overnight ADV RB advmod 2 TIME
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["struck"] == (["Russian"], ["Kharkiv"])
    fired = parse("""
        Missiles missile NOUN NNS nsubj 5
        fired fire VERB VBN acl 0
        by by ADP IN agent 1
        the the DET DT det 4
        army army NOUN NN pobj 2
        destroyed destroy VERB VBD ROOT 5
        a a DET DT det 7
        warship warship NOUN NN dobj 5
        . . PUNCT . punct 5
    """)
    assert roles(fired, lex)["destroyed"][0] == ["army"]


def test_an_explosion_without_an_object_hits_what_it_went_off_near(lex):
    doc = parse("""
        The the DET DT det 1
        bomb bomb NOUN NN nsubj 2
        exploded explode VERB VBD ROOT 2
        near near ADP IN prep 2
        a a DET DT det 6
        police police NOUN NN compound 6
        convoy convoy NOUN NN pobj 3
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["exploded"] == ([], ["convoy"])  # the bomb is nobody


def test_nominal_event_with_agent_and_victim(lex):
    doc = parse("""
        The the DET DT det 1
        killing killing NOUN NN nsubj 7
        by by ADP IN prep 1
        police police NOUN NNS pobj 2
        of of ADP IN prep 3
        a a DET DT det 6
        teenager teenager NOUN NN pobj 4
        sparked spark VERB VBD ROOT 7
        riots riot NOUN NNS dobj 7
        . . PUNCT . punct 7
    """)
    assert roles(doc, lex)["killing"] == (["police"], ["teenager"])


def test_a_clash_is_between_the_carrier_verbs_subject_and_its_opponent(lex):
    doc = parse("""
        The the DET DT det 1
        soldier soldier NOUN NN nsubj 2
        died die VERB VBD ROOT 2
        in in ADP IN prep 2
        a a DET DT det 5
        clash clash NOUN NN pobj 3
        with with ADP IN prep 5
        insurgents insurgent NOUN NNS pobj 6
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["clash"] == (["soldier"], ["insurgents"])


def test_rejecting_a_call_targets_its_author(lex):
    doc = parse("""
        The the DET DT det 2
        prime prime ADJ JJ amod 2
        minister minister NOUN NN nsubj 3
        rejected reject VERB VBD ROOT 3
        calls call NOUN NNS dobj 3
        by by ADP IN prep 4
        opposition opposition NOUN NN compound 7
        leaders leader NOUN NNS pobj 5
        to to PART TO aux 9
        resign resign VERB VB relcl 4
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["rejected"] == (["minister"], ["leaders"])


def test_condemning_an_event_aims_at_its_author_and_which_refers_to_the_event(lex):
    doc = parse("""
        Hamas Hamas PROPN NNP nsubj 1 ORG
        condemned condemn VERB VBD ROOT 1
        the the DET DT det 4
        Israeli israeli ADJ JJ amod 4 NORP
        airstrike airstrike NOUN NN dobj 1
        on on ADP IN prep 1
        the the DET DT det 7
        camp camp NOUN NN pobj 5
        , , PUNCT , punct 7
        which which PRON WDT nsubj 10
        killed kill VERB VBD relcl 7
        12 12 NUM CD nummod 12 CARDINAL
        people people NOUN NNS dobj 10
        . . PUNCT . punct 1
    """)
    found = roles(doc, lex)
    assert found["condemned"] == (["Hamas"], ["Israeli"])  # not the camp
    assert found["killed"] == (["Israeli"], ["people"])  # the airstrike killed, not the camp


def test_repelling_an_attack_targets_the_attackers(lex):
    doc = parse("""
        Troops troop NOUN NNS nsubj 1
        repelled repel VERB VBD ROOT 1
        an an DET DT det 3
        attack attack NOUN NN dobj 1
        by by ADP IN prep 3
        militants militant NOUN NNS pobj 4
        on on ADP IN prep 5
        the the DET DT det 8
        base base NOUN NN pobj 6
        . . PUNCT . punct 1
    """)
    assert roles(doc, lex)["repelled"] == (["Troops"], ["militants"])


def test_target_parsed_under_the_agent_of_a_light_verb(lex):
    doc = parse("""
        An an DET DT det 1
        attack attack NOUN NN nsubjpass 3
        was be AUX VBD auxpass 3
        launched launch VERB VBN ROOT 3
        by by ADP IN agent 3
        rebels rebel NOUN NNS pobj 4
        on on ADP IN prep 5
        Checkpoint Checkpoint PROPN NNP pobj 6 FAC
        1 1 NUM CD nummod 7 FAC
        . . PUNCT . punct 3
    """)
    assert roles(doc, lex)["attack"] == (["rebels"], ["Checkpoint"])


def test_aid_goes_to_the_recipient_not_the_goods(lex):
    doc = parse("""
        The the DET DT det 1
        agency agency NOUN NN nsubj 2
        sent send VERB VBD ROOT 2
        food food NOUN NN dobj 2
        and and CCONJ CC cc 3
        medicine medicine NOUN NN conj 3
        to to ADP IN prep 2
        displaced displace VERB VBN amod 8
        families family NOUN NNS pobj 6
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["sent"] == (["agency"], ["families"])


def test_an_appeal_for_someone_to_act_targets_them(lex):
    doc = parse("""
        The the DET DT det 1
        governor governor NOUN NN nsubj 2
        appealed appeal VERB VBD ROOT 2
        for for SCONJ IN mark 6
        residents resident NOUN NNS nsubj 6
        to to PART TO aux 6
        stay stay VERB VB advcl 2
        indoors indoors ADV RB advmod 6
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["appealed"] == (["governor"], ["residents"])


def test_a_reported_subject_pronoun_is_the_reporter(lex):
    doc = parse("""
        The the DET DT det 1
        committee committee NOUN NN nsubj 2
        said say VERB VBD ROOT 2
        it it PRON PRP nsubj 6
        will will AUX MD aux 6
        not not PART RB neg 6
        end end VERB VB ccomp 2
        the the DET DT det 8
        strike strike NOUN NN dobj 6
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["end"][0] == ["committee"]


def test_a_fronted_clauses_pronoun_is_the_main_subject(lex):
    doc = parse("""
        After after SCONJ IN mark 2
        they they PRON PRP nsubj 2
        surrendered surrender VERB VBD advcl 7
        , , PUNCT , punct 7
        the the DET DT det 5
        rebels rebel NOUN NNS nsubjpass 7
        were be AUX VBD auxpass 7
        taken take VERB VBN ROOT 7
        to to ADP IN prep 7
        the the DET DT det 10
        yard yard NOUN NN pobj 8
        . . PUNCT . punct 7
    """)
    assert roles(doc, lex)["surrendered"][0] == ["rebels"]


def test_a_subjectless_finite_clause_is_a_reduced_relative(lex):
    # the parser's reading of "A guard [dismissed from his post] opened fire at the ceremony"
    doc = parse("""
        A a DET DT det 1
        guard guard NOUN NN nsubj 2
        dismissed dismiss VERB VBD ROOT 2
        from from ADP IN prep 2
        his his PRON PRP$ poss 5
        post post NOUN NN pobj 3
        opened open VERB VBD ccomp 2
        fire fire NOUN NN dobj 6
        at at ADP IN prep 6
        the the DET DT det 10
        ceremony ceremony NOUN NN pobj 8
        . . PUNCT . punct 2
    """)
    assert roles(doc, lex)["opened"][0] == ["guard"]


def test_an_agentless_killing_inside_a_shooting_clause_has_the_shooters(lex):
    doc = parse("""
        Troops troop NOUN NNS nsubj 1
        opened open VERB VBD ROOT 1
        fire fire NOUN NN dobj 1
        on on ADP IN prep 1
        the the DET DT det 5
        protesters protester NOUN NNS pobj 3
        , , PUNCT , punct 5
        who who PRON WP nsubjpass 9
        were be AUX VBD auxpass 9
        killed kill VERB VBN relcl 5
        almost almost ADV RB advmod 11
        instantly instantly ADV RB advmod 9
        . . PUNCT . punct 1
    """)
    found = roles(doc, lex)
    assert found["killed"] == (["Troops"], ["protesters"])
    assert found["opened"] == (["Troops"], ["protesters"])


def test_the_words_that_are_never_actors(lex):
    doc = parse("""
        Near near ADP IN prep 3
        Palmyra Palmyra PROPN NNP pobj 0 GPE
        , , PUNCT , punct 3
        militants militant NOUN NNS nsubj 4
        fired fire VERB VBD ROOT 4
        rocket rocket NOUN NN compound 6
        fire fire NOUN NN dobj 4
        and and CCONJ CC cc 4
        more more ADJ JJR amod 10
        than than ADP IN quantmod 10
        40 40 NUM CD nsubj 12 CARDINAL
        were be AUX VBD auxpass 12
        killed kill VERB VBN conj 4
        . . PUNCT . punct 4
    """)
    assert settle(doc[1], lex, source=True) is None  # a place used as a place
    assert is_means(doc[6], lex) and settle(doc[6], lex, source=True) is None  # "rocket fire"
    assert bare_number(doc[10]) and settle(doc[10], lex, source=True) is None
    assert settle(doc[3], lex, source=True).text == "militants"


def test_people_named_by_means_words_are_people(lex):
    doc = parse("""
        Gunmen gunman NOUN NNS nsubj 1
        attacked attack VERB VBD ROOT 1
        the the DET DT det 3
        drone drone NOUN NN dobj 1
        . . PUNCT . punct 1
    """)
    assert not is_means(doc[0], lex) and is_means(doc[3], lex)
    assert roles(doc, lex)["attacked"][0] == ["Gunmen"]


def test_look_through_keeps_a_group_of_people_whole(lex):
    doc = parse("""
        Thousands thousand NOUN NNS nsubj 3 CARDINAL
        of of ADP IN prep 0
        protesters protester NOUN NNS pobj 1
        marched march VERB VBD ROOT 3
        . . PUNCT . punct 3
    """)
    assert look_through(doc[0], lex).text == "protesters"
    assert settle(doc[0], lex, source=True).text == "Thousands"  # the span stays "Thousands of protesters"
    assert is_event_noun(parse("the the DET DT det 1\nattack attack NOUN NN ROOT 1")[1], lex)


@pytest.mark.parametrize(("span", "head", "nobody"), [
    ("They", "They", True), ("We", "We", True), ("the group", "group", True),
    ("the militant group", "group", True), ("one", "one", True), ("one of the gunmen", "one", False),
    ("the group of gunmen", "group", False),
    ("the army", "army", False), ("Hamas", "Hamas", False),
])
def test_pronouns_and_generic_heads_name_nobody_by_themselves(span, head, nobody):
    assert names_nobody(span, head) is nobody

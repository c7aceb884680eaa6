"""Quotes and attributions on hand-written sentences: every construction the stage handles."""
from __future__ import annotations

import pytest

from sitroom.model import ASSERTED, Certainty, QuoteKind, Span
from sitroom.quotes import attribution_at

pytestmark = pytest.mark.slow


def only(quotes):
    assert len(quotes) == 1, [q.content.text for q in quotes]
    return quotes[0]


def spans_are_exact(text, quotes, attributions):
    for q in quotes:
        for s in (q.content, q.cue, q.speaker.span if q.speaker else None):
            assert s is None or s.text == text[s.start:s.end]
    for a in attributions:
        assert a.span.text == text[a.span.start:a.span.end]


# ---- direct quotes ---------------------------------------------------------------------

def test_direct_quote_with_cue_after(run):
    text = "“We will not retreat from the ridge,” the commander said."
    q = only(run(text)[0])
    assert (q.kind, q.content.text, q.cue.text, q.speaker.span.text) == (
        QuoteKind.DIRECT, "We will not retreat from the ridge", "said", "the commander")
    assert q.certainty is Certainty.REPORTED and q.id == "Q1"


def test_direct_quote_with_cue_before_and_colon(run):
    q = only(run("The interior minister told reporters: “The border crossing is closed until further notice.”")[0])
    assert q.kind is QuoteKind.DIRECT and q.cue.text == "told"
    assert q.content.text.startswith("The border crossing") and "“" not in q.content.text
    assert q.speaker.span.text == "The interior minister"


def test_inverted_cue_and_appositive_speaker(run):
    q = only(run("“The convoy was hit twice,” said Ahmed Khalil, a driver for the aid group.")[0])
    assert q.kind is QuoteKind.DIRECT and q.speaker.name == "Ahmed Khalil"


def test_straight_quote_marks(run):
    q = only(run('"Nobody slept that night," a resident said.')[0])
    assert q.kind is QuoteKind.DIRECT and q.content.text == "Nobody slept that night"
    assert q.speaker.span.text == "a resident"


def test_quote_over_two_paragraphs_is_one_quote(run):
    text = ("The governor said: “We lost power at noon.\n\n"
            "“By night the hospital ran on generators. We had no fuel left,” she added.")
    quotes, attributions = run(text)
    q = only(quotes)
    assert q.content.text.startswith("We lost power") and q.content.text.endswith("no fuel left")
    assert q.speaker.span.text == "The governor"
    pieces = [a.span.text for a in attributions]
    assert pieces == ["We lost power at noon.", "By night the hospital ran on generators. We had no fuel left"]


def test_split_quote_is_one_quote_and_its_attribution_is_not_attributed(run):
    text = "“We buried eleven people today,” the mayor said, “and we expect to bury more tomorrow.”"
    quotes, attributions = run(text)
    q = only(quotes)
    assert q.kind is QuoteKind.DIRECT and q.speaker.span.text == "the mayor"
    assert q.content.text.startswith("We buried") and q.content.text.endswith("tomorrow.")
    assert [a.span.text for a in attributions] == ["We buried eleven people today",
                                                   "and we expect to bury more tomorrow."]
    said = Span.of(text, text.index("said"), text.index("said") + 4)
    assert attribution_at(attributions, said) is ASSERTED


def test_nested_single_quotes_stay_in_one_direct_quote(run):
    q = only(run("“They told us ‘leave now’ and we left,” said Fatima Noor, a teacher.")[0])
    assert "‘leave now’" in q.content.text and q.speaker.name == "Fatima Noor"


def test_whole_sentence_quotes_without_cue_continue_the_speaker(run):
    text = ("The spokesman, Omar Aziz, described the night. “People ran into the streets. Nobody knew where to go.”"
            "\n\n“It was chaos until morning.”")
    quotes, _ = run(text)
    assert len(quotes) == 2 and all(q.speaker and q.speaker.name == "Omar Aziz" for q in quotes)
    assert all(q.cue is None and q.kind is QuoteKind.DIRECT for q in quotes)


def test_scare_quotes_and_titles_are_not_quotes(run):
    assert run("The so-called “buffer zone” was expanded on Thursday.")[0] == ()
    assert run("Residents watched “The Evening Bulletin” on a generator-powered set.")[0] == ()


# ---- partial and indirect speech ----------------------------------------------------------

def test_partial_quote_inside_reported_speech_is_mixed(run):
    q = only(run("President Elena Markovic vowed to inflict a “heavy price” on the attackers.")[0])
    assert q.kind is QuoteKind.MIXED and q.cue.text == "vowed"
    assert q.content.text == "to inflict a “heavy price” on the attackers"
    assert q.speaker.name == "Elena Markovic"


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("The army said that two soldiers were wounded in the ambush.", "said", "The army",
         "that two soldiers were wounded in the ambush"),
        ("Two soldiers were wounded in the ambush, the army said.", "said", "the army",
         "Two soldiers were wounded in the ambush"),
        ("According to the United Nations, more than 3,000 families have fled the district.", "According to",
         "the United Nations", "more than 3,000 families have fled the district"),
        ("The police chief told reporters the curfew would be lifted on Friday.", "told", "The police chief",
         "the curfew would be lifted on Friday"),
        ("State television reported that the airport had reopened.", "reported", "State television",
         "that the airport had reopened"),
        ("In a statement, the Red Cross said its warehouse in the port had been looted.", "said", "the Red Cross",
         "its warehouse in the port had been looted"),
        ("The UN envoy warned that the ceasefire was close to collapse.", "warned", "The UN envoy",
         "that the ceasefire was close to collapse"),
        ("In the end, the negotiator said, both delegations walked out of the talks.", "said", "the negotiator",
         "In the end, the negotiator said, both delegations walked out of the talks"),
    ],
)
def test_indirect_speech(run, text, cue, speaker, content):
    q = only(run(text)[0])
    assert (q.kind, q.cue.text, q.speaker.span.text, q.content.text) == (QuoteKind.INDIRECT, cue, speaker, content)


def test_the_statement_speaks_for_the_organisation_last_quoted(run):
    from sitroom.model import Actor, ActorKind

    text = ("The Northern Front issued a statement saying its fighters had left the town. "
            "The statement added that the withdrawal was temporary.")
    start = text.index("The Northern Front")
    actors = [Actor("A1", "Northern Front", ActorKind.ARMED_GROUP, (Span.of(text, start, start + 18),))]
    quotes, _ = run(text, actors)
    assert [q.speaker.actor for q in quotes] == ["A1", "A1"]
    assert quotes[1].speaker.span.text == "The statement" and quotes[1].speaker.name == "Northern Front"


def test_statement_added_speaks_for_its_possessor(run):
    text = ("The rebel coalition issued a statement on Sunday. "
            "The coalition's statement added that its fighters had withdrawn from the town.")
    q = only(run(text)[0])
    assert q.cue.text == "added" and q.speaker.name == "rebel coalition"


def test_headline_label_line(run):
    q = only(run("Hamas: Twenty soldiers captured in the raid\n\nFighting continued overnight.")[0])
    assert (q.speaker.span.text, q.content.text) == ("Hamas", "Twenty soldiers captured in the raid")
    assert run("Editor’s note: This story has been updated with new figures.")[0] == ()
    assert run("KABUL: Gunmen attacked a checkpoint on the airport road overnight.")[0] == ()  # a dateline


def test_cue_inside_a_direct_quote_makes_no_quote_of_its_own(run):
    q = only(run("“The general said the road was safe, and it was not,” a survivor said.")[0])
    assert q.speaker.span.text == "a survivor" and q.kind is QuoteKind.DIRECT


# ---- speakers -------------------------------------------------------------------------------

def test_pronoun_speaker_resolves_to_the_last_person_named(run):
    text = "Colonel Maria Vance commanded the brigade during the siege. “We held the line for nine days,” she said."
    q = only(run(text)[0])
    assert q.speaker.span.text == "she" and q.speaker.name == "Maria Vance"


def test_pronoun_skips_names_inside_the_quote(run):
    text = ("Sergeant Paul Okafor led the patrol. “Captain Liu Wei ordered us to wait,” he said.")
    assert only(run(text)[0]).speaker.name == "Paul Okafor"


def test_surname_takes_the_full_name(run):
    text = "General Amir Haddad inspected the front on Tuesday. Haddad said the offensive would resume within a week."
    q = only(run(text)[0])
    assert q.speaker.span.text == "Haddad" and q.speaker.name == "Amir Haddad"


def test_title_noun_takes_the_person_with_that_title(run):
    text = "Defence Minister Karim Osei visited the base on Monday. The minister said more troops would be sent."
    assert only(run(text)[0]).speaker.name == "Karim Osei"


def test_group_noun_takes_the_last_organisation(run):
    text = ("The Northern Front, an armed group, attacked two checkpoints overnight. "
            "The group said it had captured six police officers.")
    assert only(run(text)[0]).speaker.name == "The Northern Front"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Local media said at least 14 people were killed in the blast.", "Local media"),
        ("A security source said the bomber had arrived by motorcycle.", "security source"),
        ("Witnesses said the explosion shattered windows across the square.", "Witnesses"),
        ("The Health Ministry said 23 people had been admitted to hospital.", "Health Ministry"),
        ("Officials said the road to the airport had been cleared.", "Officials"),
    ],
)
def test_institutional_speakers_are_kept(run, text, name):
    q = only(run(text)[0])
    assert q.speaker is not None and q.speaker.name == name


def test_actor_id_comes_from_the_actors_layer(run):
    from sitroom.model import Actor, ActorKind

    text = "General Amir Haddad inspected the front. He said the offensive would resume."
    start = text.index("Amir")
    actors = [Actor("A1", "Amir Haddad", ActorKind.PERSON, (Span.of(text, start, start + len("Amir Haddad")),))]
    q = only(run(text, actors)[0])
    assert (q.speaker.span.text, q.speaker.actor, q.speaker.name) == ("He", "A1", "Amir Haddad")


# ---- certainty and the attributions layer -----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The ministry announced that the border would reopen.", Certainty.REPORTED),
        ("The militia claimed that its fighters had shot down a helicopter.", Certainty.CLAIMED),
        ("The commander boasted that his men had taken the hill in an hour.", Certainty.CLAIMED),
        ("The opposition accused the government of starving the besieged suburbs.", Certainty.ALLEGED),
        ("Prosecutors alleged that the officer had ordered the shooting.", Certainty.ALLEGED),
        ("The ministry denied that its aircraft had struck the market.", Certainty.DENIED),
        ("The army rejected claims that it had shelled the hospital.", Certainty.DENIED),
        ("The rebels reportedly said they had seized the depot.", Certainty.UNVERIFIED),
    ],
)
def test_certainty_of_the_cue(run, text, certainty):
    quotes, attributions = run(text)
    q = only(quotes)
    assert q.certainty is certainty
    assert attribution_at(attributions, q.content).certainty is certainty


def test_could_not_be_verified_makes_the_report_before_it_unverified(run):
    text = "The army said it had killed 40 militants. The figure could not be independently verified."
    quotes, attributions = run(text)
    q = only(quotes)
    assert q.certainty is Certainty.UNVERIFIED
    got = attribution_at(attributions, q.content)
    assert got.certainty is Certainty.UNVERIFIED and got.source.span.text == "The army"


def test_hedged_stretch_in_the_articles_own_voice(run):
    text = "Footage circulated online apparently showing a burned-out armoured vehicle near the bridge."
    quotes, attributions = run(text)
    assert quotes == ()
    vehicle = Span.of(text, text.index("a burned-out"), text.index(" near"))
    got = attribution_at(attributions, vehicle)
    assert got.certainty is Certainty.UNVERIFIED and got.source is None and got.cue.text == "apparently"
    footage = Span.of(text, 0, len("Footage"))
    assert attribution_at(attributions, footage) is ASSERTED


def test_hedge_inside_a_quote_keeps_the_speaker_as_source(run):
    text = "The governor said the gunmen had apparently crossed the river at night."
    quotes, attributions = run(text)
    crossed = Span.of(text, text.index("crossed"), text.index("crossed") + 7)
    got = attribution_at(attributions, crossed)
    assert got.certainty is Certainty.UNVERIFIED and got.source.span.text == "The governor"


def test_facts_in_the_articles_own_voice_are_asserted(run):
    text = "Shelling destroyed the bakery on Main Street on Monday."
    quotes, attributions = run(text)
    assert quotes == () and attributions == ()
    assert attribution_at(attributions, Span.of(text, 0, 8)) is ASSERTED


def test_ids_in_text_order_and_exact_spans(run):
    text = ("Local media said at least 14 people were killed in the blast. "
            "“It came from a parked van,” a police officer said. "
            "The governor denied that the checkpoint had been unmanned.")
    quotes, attributions = run(text)
    assert [q.id for q in quotes] == ["Q1", "Q2", "Q3"]
    assert [q.content.start for q in quotes] == sorted(q.content.start for q in quotes)
    assert [q.certainty for q in quotes] == [Certainty.REPORTED, Certainty.REPORTED, Certainty.DENIED]
    spans_are_exact(text, quotes, attributions)

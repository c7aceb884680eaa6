"""Quote marks on raw text: pairing, multi-paragraph quotes, apostrophes (no spaCy)."""
from __future__ import annotations

from sitroom.quotes.direct import find_quotes


def quoted(text):
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_curly_and_straight_double_quotes():
    text = 'He said: “The bridge is gone.” She replied, "We will rebuild it," and left.'
    assert quoted(text) == ["The bridge is gone.", "We will rebuild it"]


def test_trailing_comma_inside_the_marks_is_not_content():
    text = "“We hold the airport,” the colonel said."
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == "We hold the airport"
    assert (q.open, q.close) == (0, text.index("”"))


def test_apostrophes_are_not_single_quotes():
    text = "The rebels’ leader said the town’s water plant was hit and called it ‘a crime’ today."
    assert quoted(text) == ["a crime"]


def test_plural_possessive_does_not_close_a_single_quote_early():
    text = "They called the raid ‘the soldiers’ revenge’ on Monday."
    assert quoted(text) == ["the soldiers’ revenge"]


def test_nested_single_quotes_stay_inside_the_double_quote():
    text = "“He told us ‘leave now’ and we left,” she said."
    assert quoted(text) == ["He told us ‘leave now’ and we left"]


def test_quote_running_over_paragraphs_is_one_stretch_with_fragments():
    text = ("The governor said: “We lost power at noon.\n\n"
            "“By night the hospital ran on generators,” she added.")
    (q,) = find_quotes(text)
    assert len(q.fragments) == 2
    assert text[q.fragments[0][0]:q.fragments[0][1]] == "We lost power at noon."
    assert text[q.fragments[1][0]:q.fragments[1][1]] == "By night the hospital ran on generators"
    assert text[q.start:q.end].startswith("We lost") and text[q.start:q.end].endswith("generators")


def test_unclosed_quote_ends_with_its_paragraph():
    text = "“We will not leave our homes\n\nThe shelling continued overnight."
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == "We will not leave our homes"
    assert q.close is None


def test_no_marks_no_quotes():
    assert find_quotes("Troops entered the village at dawn.") == []


def test_typewriter_quote_pairs_keep_offsets():
    text = "The mayor said, ''We have no water,'' and ``nobody came.'' Nobody's fault."
    assert quoted(text) == ["We have no water", "nobody came."]

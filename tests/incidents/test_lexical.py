"""TF-IDF of articles: names and content words, weighted, compared."""
from __future__ import annotations

import pytest

from sitroom.incidents import lexical
from tests.incidents.records import Rec, plain


def test_terms_come_from_names_and_text_not_numbers():
    r = Rec("a", "The Free Syrian Army shelled Aleppo on 3 May 2013, killing 14.")
    r.entity("The Free Syrian Army", "ORG")
    r.entity("Aleppo", "GPE")
    r.entity("3 May 2013", "DATE")
    r.entity("14", "CARDINAL")
    terms = lexical.record_terms(r.done())
    assert terms["e:free syrian army"] == 1 and terms["w:syrian"] == 1 and terms["e:aleppo"] == 1
    assert "e:14" not in terms and "e:3 may 2013" in terms
    with_text = lexical.record_terms(r.done(), r.text)
    assert with_text["w:shelled"] == 1 and "w:the" not in with_text and "w:on" not in with_text


def test_a_date_without_a_year_is_not_a_name():
    r = Rec("a", "Fighting resumed on Tuesday.")
    r.entity("Tuesday", "DATE")
    assert not lexical.record_terms(r.done())


def test_cosine_ranks_the_same_story_first():
    counts = [
        lexical.record_terms(plain("x", "x"), "Rebels of M23 seized Goma, its airport and the border post."),
        lexical.record_terms(plain("y", "y"), "M23 fighters held Goma airport while the border post fell."),
        lexical.record_terms(plain("z", "z"), "Parliament passed the budget after a long debate on taxes."),
    ]
    idf = lexical.Idf.from_documents(counts)
    vecs = [lexical.weighted(lexical.tf_vector(c), idf, min_df=1) for c in counts]
    same = lexical.cosine(vecs[0], vecs[1])
    other = lexical.cosine(vecs[0], vecs[2])
    assert same > 0.3 > other
    assert lexical.cosine(vecs[0], vecs[0]) == pytest.approx(1.0)


def test_rare_terms_weigh_more_and_min_df_drops_unshared_ones():
    idf = lexical.Idf.from_documents([{"w:goma": 1, "w:rare": 1}, {"w:goma": 1}, {"w:goma": 1}])
    vec = lexical.weighted({"w:goma": 0.7071, "w:rare": 0.7071}, idf)
    assert vec["w:rare"] > vec["w:goma"] > 0
    assert sum(v * v for v in vec.values()) == pytest.approx(1.0)
    only_shared = lexical.weighted({"w:goma": 0.6, "w:rare": 0.8}, idf, min_df=2)
    assert set(only_shared) == {"w:goma"} and only_shared["w:goma"] == pytest.approx(1.0)


def test_no_term_outgrows_the_store_column():
    """A run of letters (a pasted address, markup debris) is no word; every term fits the
    store's 200-character term column (the generated-input suite found one that did not)."""
    run = "x" * 300
    text = f"Troops shelled {run} near Aleppo on Monday; {'y' * 65} residents fled."
    words = lexical.words(text)
    assert "shelled" in words and "aleppo" in words
    assert all(len(w) <= lexical.MAX_WORD for w in words)
    counts = lexical.record_terms({"text": text, "title": run, "entities": [
        {"start": 15, "end": 315, "text": run, "label": "GPE"}]})
    assert counts and all(len(term) <= 200 for term in counts)

"""The Python API as the README shows it: the README's examples run, pipe() takes what a user
has at hand, every public name says what it is."""
from __future__ import annotations

import doctest
import inspect

import pytest

import sitroom
from sitroom.pipeline import as_document
from tests.conftest import REPO


@pytest.mark.slow
def test_the_readme_examples_run():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, "README.md", str(REPO / "README.md"), 0)
    assert len(test.examples) >= 10  # the Python section is there and is made of examples
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} README example(s) fail; run python -m doctest -o ELLIPSIS README.md"


def test_pipe_inputs_become_documents_or_rejections():
    doc = sitroom.make_document("Gunmen killed three people.", id="d1")
    assert as_document(doc, 1) is doc
    from_dict = as_document({"id": "a", "text": "Text.", "published": "2024-03-06", "title": "T"}, 1)
    assert isinstance(from_dict, sitroom.Document) and (from_dict.id, from_dict.published, from_dict.title) == (
        "a", "2024-03-06", "T")
    from_str = as_document("Gunmen killed three people.", 2)
    assert isinstance(from_str, sitroom.Document) and from_str.id.startswith("doc-")
    assert from_str.id == sitroom.make_document("Gunmen killed three people.").id  # the same text, the same id
    no_id = as_document({"text": "Gunmen killed three people."}, 3)
    assert no_id.id == from_str.id
    for bad, code in (({"id": "b"}, "invalid_field"), ({"id": "c", "text": "x", "published": "soon"},
                                                        "invalid_field"), (42, "invalid_field"),
                      ({"id": "d", "text": 5}, "invalid_field")):
        r = as_document(bad, 4)
        assert isinstance(r, sitroom.Rejection) and r.code == code and r.id
    with pytest.raises(sitroom.SitroomError):
        sitroom.make_document(None)


def test_results_have_an_id():
    doc = sitroom.make_document("Text.", id="x")
    assert sitroom.Extraction(document=doc).id == "x"
    assert sitroom.Rejection("y", "empty_text", "m").id == "y"


def _own_doc(obj, name) -> bool:
    doc = inspect.getdoc(obj) or ""
    return bool(doc.strip()) and not doc.startswith(f"{name}(")  # not the dataclass signature


def test_every_public_name_has_a_docstring():
    missing = []
    for name in sitroom.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(sitroom, name)
        if not _own_doc(obj, name):
            missing.append(name)
        if inspect.isclass(obj):
            for attr, value in vars(obj).items():
                if attr.startswith("_"):
                    continue
                fn = value.fget if isinstance(value, property) else value
                if (callable(fn) or isinstance(value, property)) and not (inspect.getdoc(fn) or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing

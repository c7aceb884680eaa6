"""The language identifier is cached in sitroom's cache folder and survives a bad cache file."""
from __future__ import annotations

from sitroom.ingest import langid
from sitroom.stages.base import Resources

ENGLISH = "Troops entered the town on Monday after two days of shelling, officials said."
FRENCH = "Les troupes sont entrées dans la ville lundi après deux jours de bombardements."


def _languages(identifier) -> tuple[str, str]:
    return identifier.classify(ENGLISH.lower())[0], identifier.classify(FRENCH.lower())[0]


def test_first_load_writes_the_cache_and_the_next_reads_it(tmp_path, monkeypatch):
    resources = Resources(cache_dir=str(tmp_path))
    first = langid.load_language_identifier(resources)
    cached = list(tmp_path.glob("langid-*.npz"))
    assert len(cached) == 1
    monkeypatch.setattr(langid, "_build", lambda: (_ for _ in ()).throw(AssertionError("rebuilt")))
    second = langid.load_language_identifier(Resources(cache_dir=str(tmp_path)))
    assert second is not first
    assert _languages(second) == _languages(first) == ("en", "fr")


def test_a_corrupt_cache_file_is_rebuilt(tmp_path):
    resources = Resources(cache_dir=str(tmp_path))
    path = langid._cache_path(resources)
    path.write_bytes(b"not a pickle")
    identifier = langid.load_language_identifier(resources)
    assert _languages(identifier) == ("en", "fr")
    assert path.stat().st_size > 1_000_000  # replaced by the real identifier


def test_an_unwritable_cache_folder_still_gives_an_identifier(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    identifier = langid.load_language_identifier(Resources(cache_dir=str(blocker / "cache")))
    assert _languages(identifier) == ("en", "fr")


class _Trap:
    """Unpickling this creates a file: proof that loading ran code from the cache."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_pickle_in_the_cache_folder_is_never_loaded(tmp_path):
    import pickle

    resources = Resources(cache_dir=str(tmp_path))
    path = langid._cache_path(resources)
    marker = tmp_path / "code-ran"
    path.write_bytes(pickle.dumps(_Trap(marker)))
    identifier = langid.load_language_identifier(resources)
    assert not marker.exists()
    assert _languages(identifier) == ("en", "fr")


def test_an_npz_that_needs_pickle_or_lacks_the_tag_is_rebuilt(tmp_path):
    import numpy as np

    resources = Resources(cache_dir=str(tmp_path))
    path = langid._cache_path(resources)
    marker = tmp_path / "code-ran"
    with path.open("wb") as fh:  # the right tag, but an object array (pickled) inside
        np.savez(fh, tag=np.array(langid.CACHE_TAG), ptc=np.array([_Trap(marker)], dtype=object))
    assert _languages(langid.load_language_identifier(resources)) == ("en", "fr")
    assert not marker.exists()
    with path.open("wb") as fh:  # a foreign npz
        np.savez(fh, weights=np.zeros(3))
    assert _languages(langid.load_language_identifier(resources)) == ("en", "fr")
    assert langid._read(path) is not None  # replaced by a good cache

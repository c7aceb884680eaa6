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
    cached = list(tmp_path.glob("langid-*.pickle"))
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

"""The language identifier behind the not-English check, loaded from a cache when it can be.

py3langid ships its model xz-compressed; decompressing it costs about a second in every
process (each ``--workers`` process, each single-article CLI call). The first process pickles
the ready identifier into sitroom's cache folder (the gazetteer's, see sitroom.geo.cache),
named by py3langid's version, and later processes read that in a few milliseconds. A cache that
cannot be written or read is not an error: the identifier is then built from the package.
"""
from __future__ import annotations

import logging
import os
import pickle
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sitroom.geo.cache import cache_dir
from sitroom.stages.base import Resources

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


def _cache_path(resources: Resources) -> Path:
    try:
        pkg = version("py3langid")
    except PackageNotFoundError:
        pkg = "unknown"
    return cache_dir(resources.option("cache_dir")) / f"langid-{pkg}-{CACHE_FORMAT}.pickle"


def _build():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _write(path: Path, identifier) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(identifier, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_language_identifier(resources: Resources):
    """A py3langid LanguageIdentifier with normalised probabilities."""
    from py3langid.langid import LanguageIdentifier

    path = _cache_path(resources)
    try:
        with path.open("rb") as fh:
            identifier = pickle.load(fh)  # noqa: S301 - our own file, in the user's own cache folder
        if isinstance(identifier, LanguageIdentifier):
            return identifier
        log.warning("%s is not a language identifier; rebuilding it", path)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a truncated or foreign file: rebuild it
        log.warning("could not read %s (%s); rebuilding it", path, exc)
    identifier = _build()
    try:
        _write(path, identifier)
    except OSError as exc:
        log.info("language identifier not cached (%s)", exc)
    return identifier

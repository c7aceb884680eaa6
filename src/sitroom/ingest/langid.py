"""The language identifier behind the not-English check, loaded from a cache when it can be.

py3langid ships its model xz-compressed; decompressing it costs about a second in every
process (each ``--workers`` process, each single-article CLI call). The first process writes
the model's arrays uncompressed into sitroom's cache folder (the gazetteer's, see
sitroom.geo.cache), named by py3langid's version, and later processes read them in a fraction
of that. The cache folder is the user's to choose and may be shared, so the file is a NumPy
``.npz`` read with ``allow_pickle=False``: numbers and strings only, nothing in it can run
code. It carries its format tag; a file without it, truncated or foreign, is ignored and
rebuilt. A cache that cannot be written is not an error: the identifier is then built from the
package.
"""
from __future__ import annotations

import logging
import os
import tempfile
from array import array
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sitroom.geo.cache import cache_dir
from sitroom.stages.base import Resources

log = logging.getLogger(__name__)

CACHE_FORMAT = 2
#: stored in the file: what makes it a sitroom language cache of this format
CACHE_TAG = f"sitroom-langid-{CACHE_FORMAT}"
_TYPECODE = {2: "H", 4: "I", 8: "Q"}


def _cache_path(resources: Resources) -> Path:
    try:
        pkg = version("py3langid")
    except PackageNotFoundError:
        pkg = "unknown"
    return cache_dir(resources.option("cache_dir")) / f"langid-{pkg}-{CACHE_FORMAT}.npz"


def _build():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _unsigned(values: array):
    import numpy as np

    return np.frombuffer(values, dtype=f"u{values.itemsize}")


def _write(path: Path, identifier) -> None:
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, tag=np.array(CACHE_TAG), ptc=identifier.nb_ptc, pc=identifier.nb_pc,
                     classes=np.array(identifier.nb_classes), nextmove=_unsigned(identifier.tk_nextmove),
                     row=_unsigned(identifier.tk_row), output=np.array(identifier.tk_output, dtype=np.int64))
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path):
    """The identifier of a cache file; raises (ValueError, OSError, ...) for anything else."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    def stdlib(values) -> array:
        return array(_TYPECODE[values.dtype.itemsize], values.tobytes())

    with np.load(path, allow_pickle=False) as data:  # plain arrays: loading runs no code
        if "tag" not in data.files or str(data["tag"]) != CACHE_TAG:
            raise ValueError("not a sitroom language cache of this format")
        ptc, pc = data["ptc"], data["pc"]
        classes = [str(c) for c in data["classes"]]
        nextmove, row, output = stdlib(data["nextmove"]), stdlib(data["row"]), data["output"].tolist()
    if ptc.ndim != 2 or ptc.shape[1] != len(classes) or pc.shape != (len(classes),):
        raise ValueError("the arrays do not fit together")
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def load_language_identifier(resources: Resources):
    """A py3langid LanguageIdentifier with normalised probabilities."""
    path = _cache_path(resources)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a truncated, foreign or hostile file: ignore it, rebuild
        log.warning("could not read the language cache %s (%s); rebuilding it", path, exc)
    identifier = _build()
    try:
        _write(path, identifier)
    except OSError as exc:
        log.info("language identifier not cached (%s)", exc)
    return identifier

"""Where the built gazetteer index lives on disk, and building it when it is missing.

The index file is named by a hash of everything it is built from (the source packages'
versions, the bundled place files, the build format), so upgrading any of them builds a
new one instead of reading a stale one. Directory, first match wins: the ``cache_dir``
option, ``$SITROOM_CACHE``, ``$XDG_CACHE_HOME/sitroom``, the platform's user cache folder.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from sitroom.errors import ConfigError

log = logging.getLogger(__name__)

ENV_VAR = "SITROOM_CACHE"


def cache_dir(option: str | os.PathLike | None = None) -> Path:
    """The directory sitroom keeps built indexes in (not created here)."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "sitroom"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "sitroom"
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "sitroom" / "Cache"
    return Path.home() / ".cache" / "sitroom"


def index_key() -> str:
    """A short hash of the inputs of the build: what makes a cached index valid."""
    from sitroom.geo import build, datafiles, sources

    digest = hashlib.sha256()
    digest.update(json.dumps({"format": build.BUILD_FORMAT, "packages": sources.package_versions()},
                             sort_keys=True).encode())
    for name in ("aliases.json", "centroids.json"):
        digest.update(datafiles.bundled_bytes(name))
    return digest.hexdigest()[:16]


def index_path(directory: str | os.PathLike | None = None) -> Path:
    return cache_dir(directory) / f"gazetteer-{index_key()}.pickle"


def write_index(index: dict, output: str | os.PathLike | None = None) -> Path:
    """Write atomically (a temporary file renamed into place), so readers never see half a file."""
    path = Path(output) if output else index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_index(path: Path) -> dict:
    with path.open("rb") as fh:
        index = pickle.load(fh)  # noqa: S301 - our own file, in the user's own cache directory
    if not isinstance(index, dict) or "index" not in index:
        raise ConfigError(f"{path} is not a sitroom gazetteer index; delete it to rebuild", path=str(path))
    return index


def ensure_index(directory: str | os.PathLike | None = None) -> Path:
    """The index file, built first (in a child process, to keep this one small) when missing."""
    path = index_path(directory)
    if path.is_file():
        return path
    log.info("building the gazetteer index at %s (once; about a minute)", path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the cache directory {path.parent}: {exc}; set {ENV_VAR}",
                          path=str(path.parent)) from exc
    proc = subprocess.run(
        [sys.executable, "-m", "sitroom.geo.build", "--output", str(path)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0 or not path.is_file():
        raise ConfigError(
            f"building the gazetteer index failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}",
            path=str(path),
        )
    for old in path.parent.glob("gazetteer-*.pickle"):  # indexes of earlier versions: 30 MB each
        if old != path:
            log.info("removing the outdated gazetteer index %s", old)
            old.unlink(missing_ok=True)
    return path

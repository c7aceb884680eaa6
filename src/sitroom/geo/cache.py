"""Where the built gazetteer index lives on disk, and building it when it is missing.

The index file is named by a hash of everything it is built from (the source packages'
versions, the bundled place files, the build format), so upgrading any of them builds a
new one instead of reading a stale one. Directory, first match wins: the ``cache_dir``
option, ``$SITROOM_CACHE``, ``$XDG_CACHE_HOME/sitroom``, the platform's user cache folder.

The folder is the user's to choose and may be shared, so the index is not a pickle (which
runs whatever code the file names): it is a ``.gaz`` file of plain data that only
:func:`read_index` parses. A magic line and a JSON header (with the file format) come first,
then one JSON document with the names and tables, then the numeric columns as raw bytes. A file
that is truncated, foreign or of another format is ignored and built again.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import subprocess
import sys
import tempfile
from array import array
from itertools import islice
from pathlib import Path

from sitroom.errors import ConfigError

log = logging.getLogger(__name__)

ENV_VAR = "SITROOM_CACHE"
SUFFIX = ".gaz"
MAGIC = b"SITROOM-GAZETTEER\n"
#: bump when the layout of the file (not of the index) changes
FILE_FORMAT = 1
#: the numeric columns, kept as raw bytes with their array type code
_COLUMNS = ("lat", "lon", "feature", "gid", "pop", "flags")


class CorruptIndex(ConfigError):
    """A cache file that is not a readable sitroom gazetteer index (it is rebuilt)."""


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
    return cache_dir(directory) / f"gazetteer-{index_key()}{SUFFIX}"


_SEP = "\x00"


def _is_strs(value) -> bool:
    return isinstance(value, list) and len(value) > 1000 and all(
        isinstance(v, str) and _SEP not in v for v in value)


def _is_intmap(value) -> bool:
    return isinstance(value, dict) and len(value) > 1000 and all(
        isinstance(k, str) and _SEP not in k and (isinstance(v, int) or isinstance(v, tuple)) for k, v in value.items())


def _pack_intmap(table: dict) -> bytes:
    """A name -> entry (int) or entries (tuple) table as names, counts and one flat array."""
    keys = _SEP.join(table).encode("utf-8")
    counts, flat = array("I"), array("q")
    for v in table.values():
        if isinstance(v, int):
            counts.append(1)
            flat.append(v)
        else:
            counts.append(len(v))
            flat.extend(v)
    c = counts.tobytes()
    return struct.pack("<QQ", len(keys), len(c)) + keys + c + flat.tobytes()


def _unpack_intmap(data: bytes) -> dict:
    nkeys, ncounts = struct.unpack_from("<QQ", data)
    at = 16
    keys = data[at:at + nkeys].decode("utf-8").split(_SEP) if nkeys else []
    counts = array("I", data[at + nkeys:at + nkeys + ncounts])
    flat = iter(array("q", data[at + nkeys + ncounts:]))
    if len(keys) != len(counts):
        raise ValueError("names and counts differ in length")
    return {k: next(flat) if c == 1 else tuple(islice(flat, c)) for k, c in zip(keys, counts, strict=True)}


def _encode(index: dict) -> bytes:
    """The index as sections of plain data: numeric columns as raw arrays, long lists of
    names as one separated string, big name tables as names + arrays, the rest as JSON."""
    sections: list[tuple[str, str, bytes]] = []
    small: dict = {}
    for name, value in index.items():
        if name in _COLUMNS:
            sections.append((name, "array:" + value.typecode, value.tobytes()))
        elif _is_strs(value):
            sections.append((name, "strs", _SEP.join(value).encode("utf-8")))
        elif _is_intmap(value):
            sections.append((name, "intmap", _pack_intmap(value)))
        elif name == "bbox":
            small[name] = [[k, *box] for k, box in value.items()]
        elif name == "not_places":
            small[name] = sorted(value)
        else:
            small[name] = value
    sections.append(("", "json", json.dumps(small, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
    header = json.dumps({"file_format": FILE_FORMAT, "sections": [[n, k, len(b)] for n, k, b in sections]},
                        separators=(",", ":")).encode()
    return b"".join((MAGIC, struct.pack("<I", len(header)), header, *(b for _, _, b in sections)))


def _decode(data: bytes, path: Path) -> dict:
    def bad(why: str) -> CorruptIndex:
        return CorruptIndex(f"{path} is not a readable sitroom gazetteer index ({why})", path=str(path))

    if not data.startswith(MAGIC):
        raise bad("no sitroom header")
    at = len(MAGIC) + 4
    index: dict = {}
    try:
        (size,) = struct.unpack_from("<I", data, len(MAGIC))
        header = json.loads(data[at:at + size])
        if not isinstance(header, dict) or header.get("file_format") != FILE_FORMAT:
            raise bad(f"file format {header.get('file_format') if isinstance(header, dict) else None!r}, "
                      f"not {FILE_FORMAT}")
        at += size
        for name, kind, nbytes in header["sections"]:
            if not isinstance(nbytes, int) or nbytes < 0 or at + nbytes > len(data):
                raise bad(f"section {name!r} runs past the end")
            chunk = data[at:at + nbytes]
            at += nbytes
            if kind == "json":
                index.update(json.loads(chunk))
            elif kind == "strs":
                index[name] = chunk.decode("utf-8").split(_SEP) if chunk else []
            elif kind == "intmap":
                index[name] = _unpack_intmap(chunk)
            elif kind.startswith("array:") and kind[6:] in ("b", "B", "d", "q") and name in _COLUMNS:
                index[name] = array(kind[6:], chunk)
            else:
                raise bad(f"section {name!r} of unknown kind {kind!r}")
        index["bbox"] = {int(row[0]): tuple(row[1:5]) for row in index["bbox"]}
        index["not_places"] = frozenset(index["not_places"])
    except CorruptIndex:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, StopIteration, struct.error) as exc:
        raise bad(f"{type(exc).__name__}: {exc}") from exc
    if at != len(data) or any(name not in index for name in (*_COLUMNS, "names", "index")):
        raise bad("incomplete")
    return index


def write_index(index: dict, output: str | os.PathLike | None = None) -> Path:
    """Write atomically (a temporary file renamed into place), so readers never see half a file."""
    path = Path(output) if output else index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _encode(index)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_index(path: Path) -> dict:
    """The index in ``path``; raises CorruptIndex (a ConfigError) for anything else."""
    index = _decode(Path(path).read_bytes(), Path(path))
    if "index" not in index:
        raise CorruptIndex(f"{path} is not a sitroom gazetteer index", path=str(path))
    return index


def load_index(directory: str | os.PathLike | None = None) -> tuple[Path, dict]:
    """The cached index (built when missing); a corrupt or foreign file is built again."""
    path = ensure_index(directory)
    try:
        return path, read_index(path)
    except (CorruptIndex, OSError) as exc:
        log.warning("%s; building it again", exc)
        Path(path).unlink(missing_ok=True)
    path = ensure_index(directory)
    return path, read_index(path)


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
    for old in path.parent.glob(f"gazetteer-*{SUFFIX}"):  # indexes of earlier versions: 30 MB each
        if old != path:
            log.info("removing the outdated gazetteer index %s", old)
            old.unlink(missing_ok=True)
    return path

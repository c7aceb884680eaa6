"""Files and stores as the commands use them: nothing lost by a careless command line.

- An input that does not exist is a coded error before anything is opened or written.
- An output that names one of the command's inputs, or its store, is refused.
- An output file is written to a temporary file in the same folder and renamed over the
  target only when the command succeeds: a failed command leaves the old file whole, and
  nothing is truncated before the store or the input has been opened.
- Only ``sitroom ingest`` creates a database; every other command refuses one that does
  not exist (a mistyped ``--db`` is an error, not an empty store).
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from sitroom.errors import NoDatabase, NoSuchFile, UnsafeOutput


def is_stdio(path: str | None) -> bool:
    return path in (None, "-")


def require_file(path: str, what: str = "input") -> Path:
    """``path`` as a Path when it is a readable file; a coded error otherwise."""
    p = Path(path)
    if not p.exists():
        raise NoSuchFile(f"{what} {path}: no such file")
    if p.is_dir():
        raise NoSuchFile(f"{what} {path} is a folder, not a file")
    if not os.access(p, os.R_OK):
        raise NoSuchFile(f"{what} {path}: permission denied")
    return p


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def store_files(db_url: str | None) -> list[Path]:
    """The files of a SQLite store (with its WAL and shared-memory files); none for a server."""
    from sitroom.store.db import normalise_url

    path = sqlite_path(normalise_url(db_url))
    if path is None:
        return []
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
            path.with_name(path.name + "-journal")]


def refuse_overwrite(output: str | None, inputs: Iterable[tuple[str, str | None]] = (),
                     db_url: str | None = None, *, check_store: bool = False) -> None:
    """Refuse an output that is one of ``inputs`` (pairs of description, path) or the store."""
    if is_stdio(output):
        return
    out = Path(output)
    if out.is_dir():
        raise UnsafeOutput(f"output {output} is a folder: give a file name")
    for what, path in inputs:
        if not is_stdio(path) and _same(out, Path(path)):
            raise UnsafeOutput(f"output {output} is the {what}: writing it would destroy the {what}; "
                               "give another file name")
    if check_store:
        for f in store_files(db_url):
            if _same(out, f):
                raise UnsafeOutput(f"output {output} is the database: writing it would destroy the store; "
                                   "give another file name")


@contextlib.contextmanager
def output(path: str | None, *, bom: bool = False) -> Iterator[IO[str]]:
    """A text stream for an output: stdout for ``-``/None; otherwise a temporary file in the
    target's folder, renamed over ``path`` when the block ends without an error (and
    removed when it does not), so the old file is never truncated before success."""
    if is_stdio(path):
        if bom:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise NoSuchFile(f"output {path}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            if bom:
                stream.write("\ufeff")
            yield stream
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _keep_mode(target: Path, tmp: str) -> None:
    """The new file gets the old one's permissions, or the usual ones (mkstemp makes 0600)."""
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---- stores ------------------------------------------------------------------------------

def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL; None for a server or an in-memory database."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split("://", 1)[1] if "://" in url else ""
    rest = rest[1:] if rest.startswith("/") else rest  # sqlite:///rel, sqlite:////abs
    database = rest.split("?", 1)[0]
    if not database or database == ":memory:":
        return None
    return Path(database)


def _describe(db_url: str | None) -> str:
    env = os.environ.get("SITROOM_DB")
    if db_url and db_url == env:  # click fills --db from the environment
        return f"{env} (from $SITROOM_DB)"
    if db_url:
        return db_url
    return f"{env} (from $SITROOM_DB)" if env else "sitroom.sqlite (the default; give --db or set SITROOM_DB)"


def open_store(db_url: str | None, *, create: bool = False, config=None):
    """Open the store; unless ``create``, only one that exists and holds sitroom's tables."""
    from sitroom.store import Store
    from sitroom.store.db import normalise_url

    url = normalise_url(db_url)
    if not create:
        require_store(url, shown=_describe(db_url))
    return Store.open(url, config=config)


def require_store(url: str, *, shown: str) -> None:
    """A coded error unless ``url`` names an existing database that holds a sitroom store.
    The check only reads: a file that is not a store is left exactly as it was."""
    from sitroom.errors import StoreError

    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            raise NoDatabase(f"no database at {shown}: check the path; `sitroom ingest` creates one")
        if path.is_dir():
            raise NoDatabase(f"the database {shown} is a folder, not a SQLite file")
        import sqlite3

        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                found = conn.execute("select 1 from sqlite_master where type = 'table' and name = "
                                     "'alembic_version'").fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise StoreError(f"could not open the database {shown}: {exc}") from exc
        if not found:
            raise NoDatabase(f"{shown} holds no sitroom store; `sitroom ingest` creates one")
        return
    if url.startswith("sqlite"):
        return  # in memory: nothing to refuse
    from sitroom.store.db import create_engine, current_revision, redact

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
    except Exception as exc:  # a server that does not answer, a database that does not exist
        raise StoreError(f"could not open the database {redact(url)}: {str(exc).splitlines()[0]}") from exc
    finally:
        engine.dispose()
    if revision is None:
        raise NoDatabase(f"{redact(url)} holds no sitroom store; `sitroom ingest` creates one")

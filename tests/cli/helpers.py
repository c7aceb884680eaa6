"""Running ``sitroom`` as a user does: a real process, real files, real SQLite stores."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO


@dataclass
class Run:
    rc: int
    out: str
    err: str

    @property
    def error_line(self) -> str:
        lines = [x for x in self.err.splitlines() if x.startswith("sitroom: error: [")]
        return lines[0] if lines else ""


def sitroom(*args: str, cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None,
            timeout: int = 600) -> Run:
    """``python -m sitroom ARGS`` in a child process; asserts it never prints a traceback."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("SITROOM_DB", "SITROOM_DEBUG")}
    full_env.update({"PYTHONPATH": str(REPO / "src"), "COLUMNS": "120", **(env or {})})
    proc = subprocess.run([sys.executable, "-m", "sitroom", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=full_env, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def make_store(path: Path, records) -> str:
    """A SQLite store at ``path`` holding ``records`` (tests.incidents.records.Rec objects)."""
    from sitroom.store import Store

    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        for r in records:
            store.add(r.done(), text=r.text)
    return url

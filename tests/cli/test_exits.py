"""How a command's end becomes an exit status and one line on stderr (sitroom.cli.exits)."""
from __future__ import annotations

import errno

import click
import pytest
from click.testing import CliRunner

from sitroom.cli import cli, exits
from sitroom.cli.terminal import clean
from sitroom.errors import ConfigError, ProcessingError


@pytest.fixture
def boom(monkeypatch):
    """A throwaway subcommand that ends the way the test asks."""
    def install(exc):
        @click.command("boom")
        def command():
            """Fail on purpose."""
            raise exc

        monkeypatch.setitem(cli.commands, "boom", command)
    return install


@pytest.mark.parametrize(("exc", "status", "code"), [
    (RuntimeError("a bug"), exits.FAILURE, "internal"),
    (ProcessingError("stage failed"), exits.FAILURE, "processing"),
    (ConfigError("bad stage order"), exits.USAGE, "config"),
    (OSError(errno.ENOSPC, "No space left on device", "out.csv"), exits.FAILURE, "io"),
    (PermissionError(errno.EACCES, "Permission denied", "/root/out.csv"), exits.USAGE, "io"),
    (click.ClickException("file cannot be opened"), exits.USAGE, "usage"),
])
def test_every_ending_has_a_status_and_a_coded_line(boom, exc, status, code):
    boom(exc)
    result = CliRunner().invoke(cli, ["boom"])
    assert result.exit_code == status
    assert f"sitroom: error: [{code}] " in result.output and "Traceback" not in result.output


def test_a_bug_says_how_to_see_the_traceback(boom):
    boom(RuntimeError("a bug"))
    result = CliRunner().invoke(cli, ["boom"])
    assert "-vv" in result.output and "report" in result.output


def test_interrupt(boom):
    boom(KeyboardInterrupt())
    result = CliRunner().invoke(cli, ["boom"])
    assert result.exit_code == exits.INTERRUPTED and "interrupted" in result.output


def test_for_counts():
    assert exits.for_counts(5, 0) == exits.OK
    assert exits.for_counts(0, 0) == exits.OK
    assert exits.for_counts(4, 1) == exits.PARTIAL
    assert exits.for_counts(0, 3) == exits.FAILURE


@pytest.mark.parametrize(("raw", "shown"), [
    ("plain [bold]markup[/]", "plain [bold]markup[/]"),
    ("esc\x1b[31mred", "esc\\x1b[31mred"),
    ("title\x1b]0;pwned\x07", "title\\x1b]0;pwned\\x07"),
    ("c1 \x9b31m", "c1 \\x9b31m"),
    ("bidi \u202egnp.exe", "bidi \\u202egnp.exe"),
    ("two\nlines\tand tab", "two lines and tab"),
    (None, ""),
])
def test_clean(raw, shown):
    assert clean(raw) == shown


def test_the_exit_table_is_documented():
    from tests.conftest import REPO

    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert status in doc

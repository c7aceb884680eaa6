"""Every command is documented: help text with an example, and a mention in the README."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from tests.conftest import REPO

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output or "sitroom " + name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_docs(name):
    docs = (REPO / "README.md").read_text(encoding="utf-8") + (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"sitroom {name}" in docs

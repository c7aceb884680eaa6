"""Options shared by the commands that run the pipeline: users' own data files."""
from __future__ import annotations

from typing import Any

import click

#: CLI flag -> (pipeline option, repeatable); formats in docs/data-files.md
DATA_FILE_FLAGS = {
    "--actors": ("actor_files", True, "actor dictionary"),
    "--places": ("place_files", True, "place alias"),
    "--event-patterns": ("event_files", True, "event pattern"),
    "--cues": ("cue_files", True, "reporting-cue"),
    "--figure-lexicon": ("figure_files", True, "figure lexicon"),
    "--time-rules": ("times_rules", False, "time rules"),
}


def data_file_options(f):
    """Add one option per kind of user data file; their values arrive in ``data_files``."""
    for flag, (dest, many, what) in reversed(DATA_FILE_FLAGS.items()):
        f = click.option(
            flag, dest, multiple=many, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
            help=f"Your own {what} file (docs/data-files.md){'; repeatable' if many else ''}; takes precedence.",
        )(f)
    return f


def pipeline_options(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Pop the data-file options from a command's kwargs into Pipeline options."""
    options = {}
    for dest, many, _ in DATA_FILE_FLAGS.values():
        value = kwargs.pop(dest, None)
        if value:
            options[dest] = tuple(value) if many else value
    return options

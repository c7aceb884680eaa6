"""Printing data to a terminal safely: no markup, no control sequences, tables that fit.

Article text, ids, titles and actor names come from whoever wrote the article or the
feed. Printed as they are, ``[/]`` would be read as rich markup (and crash the table),
and an ESC sequence or a bidirectional override would reach the terminal, which may
recolour, retitle or rewrite the screen. Everything printed from data goes through
:func:`clean` (control characters shown as visible escapes) and is handed to rich as
:class:`~rich.text.Text`, which is never parsed as markup.
"""
from __future__ import annotations

import os
import re
import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

# C0 and C1 controls (tab and newline handled apart), DEL, and the bidirectional
# formatting characters that can make a line display differently from its content
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[\t\n]+")


def _escape(m: re.Match[str]) -> str:
    cp = ord(m.group())
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def clean(value: Any, *, keep_newlines: bool = False) -> str:
    """``value`` as a string that is safe to print: control characters become visible
    escapes (``\\x1b``), tabs and (unless kept) newlines become spaces."""
    s = "" if value is None else str(value)
    if not keep_newlines:
        s = _SPACE.sub(" ", s)
    else:
        s = s.replace("\t", " ")
    return _UNSAFE.sub(_escape, s)


def text(value: Any, style: str = "") -> Text:
    """A rich Text of ``value``: cleaned and never parsed as markup."""
    return Text(clean(value), style=style)


def console(*, stderr: bool = False) -> Console:
    """A console for tables: the terminal's width; ``$COLUMNS``, else 120 when not a terminal."""
    stream = sys.stderr if stderr else sys.stdout
    width = None
    if not stream.isatty():
        try:
            width = int(os.environ.get("COLUMNS", ""))
        except ValueError:
            width = 120
    return Console(file=stream, width=width, highlight=False, emoji=False,
                   soft_wrap=False)


def table(title: str | None = None, *, lines: bool = False) -> Table:
    """A compact table: a simple frame so that more of an 80-column line is data
    (``lines``: a rule between rows whose cells span several lines)."""
    from rich import box

    return Table(title=Text(clean(title)) if title else None, title_justify="left",
                 box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, show_lines=lines)


def add_id_column(t: Table, header: str, ids=(), **kw) -> None:
    """A column of ids: never wrapped or cut (it is as wide as the longest of ``ids``), so
    what is printed can be copied whole."""
    width = max((len(clean(i)) for i in ids), default=0)
    t.add_column(header, no_wrap=True, overflow="ignore", min_width=max(len(header), width), **kw)


def add_text_column(t: Table, header: str, *, ratio: int | None = None, **kw) -> None:
    """A column of words: wrapped on spaces, long words folded, never cut with an ellipsis."""
    t.add_column(header, overflow="fold", ratio=ratio, **kw)


def row(*values: Any) -> list[Text]:
    return [v if isinstance(v, Text) else text(v) for v in values]


def clip(value: Any, n: int) -> str:
    """At most ``n`` characters of ``value`` (whitespace collapsed), marked when cut."""
    s = " ".join(clean(value).split())
    return s if len(s) <= n else s[: n - 1] + "…"

"""Entry point: the ``sitroom`` command group. Each subcommand lives in its own module.

Every way a command can end is turned into one of the exit statuses of
:mod:`sitroom.cli.exits` and, for errors, one line ``sitroom: error: [code] message`` on
stderr: never a traceback for something the user can fix.
"""
from __future__ import annotations

import errno
import logging
import os
import sys

import click

from sitroom import __version__
from sitroom.cli import exits
from sitroom.cli.terminal import clean
from sitroom.errors import ProcessingError, SitroomError

log = logging.getLogger("sitroom.cli")

#: OS errors that are the machine's fault, not the command line's
_FAILURES = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EROFS}


def _error(code: str, message: str, hint: str | None = None) -> None:
    click.echo(f"sitroom: error: [{code}] {clean(message)}", err=True)
    if hint:
        click.echo(hint, err=True)


def _debug() -> bool:
    return bool(os.environ.get("SITROOM_DEBUG")) or logging.getLogger("sitroom").isEnabledFor(logging.DEBUG)


class SitroomGroup(click.Group):
    """Runs a command and maps how it ended to an exit status (see sitroom.cli.exits)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        status = self._run(args, prog_name, complete_var, **extra)
        if standalone_mode:
            sys.exit(status)
        return status

    def _run(self, args, prog_name, complete_var, **extra) -> int:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
            return exits.USAGE
        except click.UsageError as exc:
            hint = None
            if exc.ctx is not None:
                hint = f"Try '{exc.ctx.command_path} --help' for help."
            _error("usage", exc.format_message(), hint)
            return exits.USAGE
        except click.ClickException as exc:  # click.File and friends: a file that cannot be opened
            _error("usage", exc.format_message())
            return exits.USAGE
        except ProcessingError as exc:
            _error(exc.code, exc.message)
            return exits.FAILURE
        except SitroomError as exc:
            _error(exc.code, exc.message)
            return exits.USAGE
        except (click.Abort, KeyboardInterrupt):
            click.echo("sitroom: interrupted", err=True)
            return exits.INTERRUPTED
        except BrokenPipeError:
            # the reader went away (`sitroom query | head`): stop quietly, and keep Python
            # from complaining again when it flushes stdout at exit
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), sys.stdout.fileno())
            return exits.OK
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            _error("io", f"{exc.strerror or exc}{':' if where else ''}{where}")
            return exits.FAILURE if exc.errno in _FAILURES else exits.USAGE
        except Exception as exc:  # a bug: say so in one line; the traceback only when asked
            if _debug():
                log.exception("internal error")
            _error("internal", f"{type(exc).__name__}: {exc}",
                   "This is a bug in sitroom; run again with -vv (or SITROOM_DEBUG=1) for the traceback "
                   "and please report it.")
            return exits.FAILURE
        return rv if isinstance(rv, int) else exits.OK


def _logging(verbose: int) -> None:
    """``-v``: sitroom's own INFO lines; ``-vv``: its DEBUG lines; ``-vvv``: every library's too.
    Other libraries stay at WARNING below ``-vvv`` (the root logger's default)."""
    root = logging.getLogger()
    if not root.handlers:  # as logging.basicConfig: a host that set up logging keeps its handlers
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    if verbose >= 3:
        root.setLevel(logging.DEBUG)
    own = logging.getLogger("sitroom")
    own.setLevel({0: logging.NOTSET, 1: logging.INFO}.get(verbose, logging.DEBUG))


@click.group(cls=SitroomGroup)
@click.version_option(__version__, prog_name="sitroom")
@click.option("-v", "--verbose", count=True,
              help="Log more to stderr: -v sitroom's steps, -vv its debug lines, -vvv every library's.")
def cli(verbose: int) -> None:
    """sitroom: sourced, structured event data from conflict news.

    \b
    Example:
      sitroom extract article.txt --published 2023-10-07
      sitroom extract --input articles.jsonl --output records.jsonl --workers 2
      sitroom ingest news/ --db store.sqlite
      sitroom query --db store.sqlite --country Syria

    \b
    Exit status: 0 success; 1 finished, but some inputs were rejected; 2 usage or
    input error (nothing done); 3 failure (could not finish, or no input usable).
    """
    _logging(verbose)


def _register() -> None:
    from sitroom.cli import export, extract, incidents, ingest, query, serve, summary

    for module in (extract, summary, ingest, incidents, export, query, serve):
        cli.add_command(getattr(module, module.__name__.rsplit(".", 1)[1]))


_register()

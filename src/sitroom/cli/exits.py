"""Exit statuses of every ``sitroom`` command, and how errors become one line on stderr.

====  =========================================================================================
0     success: every input was used (duplicates skipped on purpose count as used)
1     partial success: the command finished, but some inputs were rejected; the error records
      (``extract``), the stored rejections (``ingest``) or the summary line say which and why
2     usage or input error: nothing was done (a bad option, a missing file, a database that
      does not exist, an output that would overwrite an input, an unusable single article)
3     failure: the command could not finish (a store that cannot be written, a full disk, a bug),
      or not one of its inputs could be used (every article of a batch or ingest rejected)
130   interrupted (Ctrl-C)
====  =========================================================================================

Errors print ``sitroom: error: [code] message``; the codes are those of ``sitroom.errors``
plus ``io`` (the operating system refused a read or write) and ``internal`` (a bug: the
traceback is shown with ``-vv`` or ``SITROOM_DEBUG=1``).
"""
from __future__ import annotations

OK = 0
PARTIAL = 1
USAGE = 2
FAILURE = 3
INTERRUPTED = 130


def for_counts(used: int, rejected: int) -> int:
    """The status of a batch that used ``used`` inputs and rejected ``rejected``."""
    if not rejected:
        return OK
    return PARTIAL if used else FAILURE

"""The command-line side of distributed runs and Parquet output.

Each decorator adds the options of one command and takes over when they are used, so the
commands' own modules stay as they are:

- ``extract``: ``--scheduler dask`` (``--address``, ``--partition-size``, ``--time-limit``,
  ``--memory-limit``) and ``--format parquet`` run sitroom.batch (one output per input
  partition in the ``--output`` folder);
- ``ingest``: ``--scheduler dask`` stores from the workers into PostgreSQL;
- ``export``: ``--format parquet`` writes the eight tables (sitroom.columnar).
"""
from __future__ import annotations

import functools
import sys

import click

SCHEDULERS = ("local", "dask")


def _cluster_options(f):
    f = click.option("--memory-limit", type=click.IntRange(0), default=None, metavar="MB",
                     help="--scheduler dask: an article that takes its extraction process past MB of memory gets "
                          "a memory_limit error record (default 4000; 0: no limit).")(f)
    f = click.option("--time-limit", type=click.FloatRange(0.1), default=None, metavar="S",
                     help="--scheduler dask: an article whose extraction runs over S seconds gets a time_limit "
                          "error record (default 120).")(f)
    f = click.option("--partition-size", type=click.IntRange(1), default=None, metavar="N",
                     help="--scheduler dask / --format parquet: lines (rows) per partition, one task and one "
                          "output each (default 1024).")(f)
    f = click.option("--address", metavar="TCP://HOST:PORT",
                     help="--scheduler dask: the scheduler of a running cluster (default: a LocalCluster with "
                          "one worker per core, or --workers).")(f)
    f = click.option("--scheduler", type=click.Choice(SCHEDULERS), default="local", show_default=True,
                     help="local: this machine (--workers processes); dask: a Dask cluster (extra 'scale'; "
                          "docs/scaling.md).")(f)
    return f


def _config(kwargs, time_limit, memory_limit, options, stages=None):
    from sitroom.batch.sandbox import DEFAULT_MEMORY_MB, DEFAULT_TIME_LIMIT, SandboxConfig

    return SandboxConfig(stages=tuple(stages) if stages else None, options=options,
                         time_limit=time_limit or DEFAULT_TIME_LIMIT,
                         memory_mb=DEFAULT_MEMORY_MB if memory_limit is None else (memory_limit or None))


def _workers_given() -> bool:
    ctx = click.get_current_context()
    return ctx.get_parameter_source("workers") is not click.core.ParameterSource.DEFAULT


def _only_with_dask(scheduler, **given) -> None:
    used = [name for name, value in given.items() if value is not None]
    if scheduler != "dask" and used:
        raise click.UsageError(f"{', '.join(used)} apply to --scheduler dask")


# ---- extract --------------------------------------------------------------------------------

def extract_options(f):
    """``sitroom extract``: --scheduler dask and --format parquet (batches into a folder)."""

    @functools.wraps(f)
    def wrapper(*args, scheduler, address, partition_size, time_limit, memory_limit, **kwargs):
        fmt = kwargs.get("fmt")
        _only_with_dask(scheduler, **{"--address": address, "--time-limit": time_limit,
                                      "--memory-limit": memory_limit})
        if scheduler != "dask" and fmt != "parquet":
            if partition_size is not None:
                raise click.UsageError("--partition-size applies to --scheduler dask and --format parquet")
            _one_file(kwargs.get("input_path"), kwargs.get("output_path"))
            return f(*args, **kwargs)
        return _extract(kwargs, scheduler, address, partition_size, time_limit, memory_limit)

    return _cluster_options(wrapper)


def _one_file(input_path, output_path) -> None:
    """A plain batch reads one file (or stdin) and writes one file (or stdout)."""
    from pathlib import Path

    if input_path and input_path != "-":
        if Path(input_path).is_dir():
            raise click.BadParameter(f"{input_path} is a folder (folders and globs: --scheduler dask or "
                                     "--format parquet)", param_hint="--input")
        from sitroom.cli.files import require_file

        require_file(input_path, "input")  # a coded no_such_file error
    if output_path and output_path != "-" and Path(output_path).is_dir():
        raise click.BadParameter(f"{output_path} is a folder (a folder output: --format parquet or "
                                 "--scheduler dask)", param_hint="--output")


def _extract(kwargs, scheduler, address, partition_size, time_limit, memory_limit):
    from sitroom.batch.shards import DEFAULT_PARTITION_SIZE
    from sitroom.cli.options import pipeline_options

    input_path, output_path = kwargs.get("input_path"), kwargs.get("output_path")
    if kwargs.get("file") or not input_path:
        raise click.UsageError("--scheduler dask and --format parquet take --input (files, a folder or a "
                               "quoted glob such as 'shards/*.jsonl.gz') and --output FOLDER")
    if not output_path or output_path == "-":
        raise click.UsageError("give --output FOLDER: one output file per input partition goes there")
    options = pipeline_options(kwargs)
    if kwargs.get("max_chars") is not None:
        options["max_chars"] = kwargs["max_chars"]
    if kwargs.get("no_language_check"):
        options["check_language"] = False
    fmt = "parquet" if kwargs.get("fmt") == "parquet" else "jsonl"
    config = _config(kwargs, time_limit, memory_limit, options)
    size = partition_size or DEFAULT_PARTITION_SIZE
    with _Display("extracting") as display:
        if scheduler == "dask":
            from sitroom.batch import dask_engine

            workers = kwargs.get("workers") if _workers_given() else None
            summary = dask_engine.extract([input_path], output_path, fmt=fmt, address=address, workers=workers,
                                          partition_size=size, config=config, on_progress=display)
        else:
            from sitroom.batch import local

            summary = local.extract([input_path], output_path, fmt=fmt, workers=kwargs.get("workers") or 1,
                                    partition_size=size, config=config, on_progress=display)
    click.echo(f"extract: {summary.line()}; summary in {output_path}/_summary.json", err=True)
    return _status(summary, used=summary.records_out - sum(summary.errors.values()))


def _status(summary, *, used: int) -> int:
    """The exit status (sitroom.cli.exits) of a partitioned run: a partition that failed is a failure."""
    from sitroom.cli import exits

    if summary.failed:
        return exits.FAILURE
    return exits.for_counts(used, sum(summary.errors.values()))


# ---- ingest ---------------------------------------------------------------------------------

def ingest_options(f):
    """``sitroom ingest``: --scheduler dask (many writers, PostgreSQL)."""

    @functools.wraps(f)
    def wrapper(*args, scheduler, address, partition_size, time_limit, memory_limit, **kwargs):
        _only_with_dask(scheduler, **{"--address": address, "--partition-size": partition_size,
                                      "--time-limit": time_limit, "--memory-limit": memory_limit})
        if scheduler != "dask":
            return f(*args, **kwargs)
        from sitroom.batch import dask_ingest
        from sitroom.batch.shards import DEFAULT_PARTITION_SIZE

        options = {"check_language": False} if kwargs.get("no_language_check") else {}
        stages = [s.strip() for s in kwargs["stages"].split(",") if s.strip()] if kwargs.get("stages") else None
        config = _config(kwargs, time_limit, memory_limit, options, stages)
        workers = kwargs.get("workers") if _workers_given() else None
        with _Display("ingesting") as display:
            report = dask_ingest.ingest(kwargs["sources"], kwargs.get("db_url"), address=address, workers=workers,
                                        partition_size=partition_size or DEFAULT_PARTITION_SIZE, config=config,
                                        commit_every=kwargs.get("commit_every") or 16, on_progress=display)
        click.echo(f"ingest: {report.line()}", err=True)
        return _status(report, used=report.extra.get("stored", 0) + report.extra.get("duplicates", 0))

    return _cluster_options(wrapper)


# ---- export ---------------------------------------------------------------------------------

def export_options(f):
    """``sitroom export --format parquet --output FOLDER``."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        if kwargs.get("fmt") != "parquet":
            return f(*args, **kwargs)
        output = kwargs.get("output_path")
        if not output or output == "-":
            raise click.UsageError("--format parquet writes a folder of tables: give --output FOLDER")
        if kwargs.get("as_incidents"):
            raise click.UsageError("--format parquet writes every table, incidents included; drop --incidents")
        from sitroom.cli.files import open_store
        from sitroom.columnar.export import export_store
        from sitroom.columnar.schema import require_pyarrow

        require_pyarrow()  # before the store is opened
        with open_store(kwargs.get("db_url")) as store:  # never creates a database
            counts = export_store(store, output, with_text=bool(kwargs.get("with_text")))
        rows = ", ".join(f"{table} {n:,}" for table, n in counts.items())
        click.echo(f"export: Parquet tables in {output}: {rows}", err=True)

    return wrapper


# ---- progress on a terminal ---------------------------------------------------------------------

class _Display:
    """A progress bar on stderr when it is a terminal (articles/s, time left, errors by code);
    nothing otherwise (the run writes _progress.json beside its output either way)."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._bar = None

    def __enter__(self) -> _Display:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[info]}"),
                                 console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task(self.what, total=None, info="")
        return self

    def __call__(self, snap: dict) -> None:
        if self._bar is None:
            return
        left = snap.get("seconds_left")
        errors = " ".join(f"{code}={n}" for code, n in list(snap.get("errors", {}).items())[:4])
        info = (f"{snap['done']:,}/{snap['total']:,}  {snap['articles_per_second']:.1f} articles/s"
                + (f"  {left / 60:.0f} min left" if left is not None else "") + (f"  {errors}" if errors else ""))
        self._bar.update(self._task, completed=snap["done"], total=snap["total"] or None, info=info)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

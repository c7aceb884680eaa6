"""A child process that holds the pipeline, so that one poison article costs one record.

The distributed engine does not run the pipeline in the Dask worker itself: each worker
thread owns a :class:`Sandbox`, a child process (``python -m sitroom.batch.sandbox``) that
loads the model once and extracts the lines it is sent. The parent watches it:

- a batch (``batch_size`` lines, the single-process runner's batch) gets the per-article time
  limit as a whole; a normal batch takes a second or two;
- the child's memory (resident set) is checked four times a second against the budget;
- a child that dies (a crash in native code, the kernel's OOM killer, ``os._exit``), runs past
  the limit or over the budget is killed, and the batch's unfinished lines are run again one
  at a time, each with the limit to itself, in a fresh child. The one that fails alone gets an
  error record (``time_limit``, ``memory_limit`` or ``crashed``); the others get their records.

The child speaks length-prefixed pickles over its stdin and stdout (its own writes to stdout
are sent to stderr, so nothing a library prints can corrupt the stream). It also times each
stage, so the run summary can say where the time went.
"""
from __future__ import annotations

import json
import logging
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitroom.errors import ArticleCrashed, ArticleMemory, ArticleTimeout, ClusterError, ProcessingError
from sitroom.model import Rejection
from sitroom.model.serialize import rejection_to_dict

log = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 120.0
DEFAULT_MEMORY_MB = 4000
START_TIMEOUT = 900.0  # loading the model; a first run may build the place index (15-30 s)
_HEADER = struct.Struct("!Q")
_POLL = 0.25


@dataclass(frozen=True)
class SandboxConfig:
    """How to build the pipeline in the child, and the limits the parent enforces."""

    stages: tuple[Any, ...] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    time_limit: float = DEFAULT_TIME_LIMIT
    memory_mb: int | None = DEFAULT_MEMORY_MB
    batch_size: int = 32

    def token(self) -> str:
        """A short, stable digest of the settings (names the Dask plugin and the manifest)."""
        import hashlib

        text = json.dumps([repr(self.stages), sorted((k, repr(v)) for k, v in self.options.items()),
                           self.time_limit, self.memory_mb, self.batch_size])
        return hashlib.sha1(text.encode()).hexdigest()[:12]


@dataclass
class BoxStats:
    """What a sandbox did: seconds per stage (summed over its children), restarts, load time."""

    stages: Counter = field(default_factory=Counter)
    restarts: int = 0
    load_seconds: float = 0.0
    failures: Counter = field(default_factory=Counter)
    cpu_seconds: float = 0.0  # the children's own CPU time extracting (not waiting for a core)

    def take(self) -> dict[str, Any]:
        out = {"stages": dict(self.stages), "restarts": self.restarts, "load_seconds": round(self.load_seconds, 3),
               "failures": dict(self.failures), "cpu_seconds": round(self.cpu_seconds, 4)}
        self.stages, self.restarts, self.load_seconds, self.failures = Counter(), 0, 0.0, Counter()
        self.cpu_seconds = 0.0
        return out


class _Failure(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def _send(fh, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(_HEADER.pack(len(data)) + data)
    fh.flush()


class Sandbox:
    """The parent's handle on one child; ``process(lines)`` returns their output lines in order."""

    def __init__(self, config: SandboxConfig, *, python: str | None = None) -> None:
        self.config = config
        self.python = python or sys.executable
        self.stats = BoxStats()
        self._proc: subprocess.Popen | None = None
        self._buf = b""
        self._ready = False

    # ---- the child's life ---------------------------------------------------------------
    def start(self) -> None:
        """Start the child (it loads the model in the background; ``process`` waits for it)."""
        if self._proc is not None:
            return
        env = dict(os.environ)
        # Dask's nanny sets this for the worker's own memory management; in the extraction
        # process it only makes glibc hand memory back after every batch, which costs time
        env.pop("MALLOC_TRIM_THRESHOLD_", None)
        self._proc = subprocess.Popen([self.python, "-m", "sitroom.batch.sandbox"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, env=env)
        self._buf = b""
        self._ready = False
        _send(self._proc.stdin, {"stages": self.config.stages, "options": self.config.options})

    def _wait_ready(self) -> None:
        if self._ready:
            return
        self.start()
        t0 = time.monotonic()
        try:
            msg = self._recv(t0 + START_TIMEOUT, check_memory=False)
        except _Failure as exc:
            self.close()
            raise ClusterError(f"the extraction process did not start: {exc.detail}") from None
        if msg[0] == "error":
            self.close()
            raise ClusterError(f"the extraction process could not build the pipeline: {msg[1]}")
        self.stats.load_seconds += msg[1]
        self._ready = True

    def close(self) -> None:
        proc, self._proc = self._proc, None
        self._ready = False
        if proc is None:
            return
        try:
            if proc.poll() is None:
                proc.stdin.close()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        except OSError:
            proc.kill()
            proc.wait()
        finally:
            for fh in (proc.stdin, proc.stdout):
                try:
                    fh.close()
                except OSError:
                    pass

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        self._ready = False
        if proc is not None:
            proc.kill()
            proc.wait()
            for fh in (proc.stdin, proc.stdout):
                try:
                    fh.close()
                except OSError:
                    pass
        self.stats.restarts += 1

    # ---- talking to it ------------------------------------------------------------------
    def _recv(self, deadline: float, *, check_memory: bool = True) -> Any:
        """The next message, or a _Failure when the child dies, runs late or grows too big."""
        proc = self._proc
        assert proc is not None
        fd = proc.stdout.fileno()
        while True:
            if len(self._buf) >= _HEADER.size:
                (n,) = _HEADER.unpack_from(self._buf)
                if len(self._buf) >= _HEADER.size + n:
                    data = self._buf[_HEADER.size:_HEADER.size + n]
                    self._buf = self._buf[_HEADER.size + n:]
                    return pickle.loads(data)
            now = time.monotonic()
            if now >= deadline:
                raise _Failure("time", f"extraction ran past the time limit of {self.config.time_limit:g} s")
            if check_memory and self.config.memory_mb:
                rss = _rss_mb(proc.pid)
                if rss is not None and rss > self.config.memory_mb:
                    raise _Failure("memory", f"extraction used {rss:,.0f} MB, over the budget of "
                                              f"{self.config.memory_mb:,} MB")
            ready, _, _ = select.select([fd], [], [], min(_POLL, deadline - now))
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    code = proc.wait()
                    raise _Failure("crash", f"the extraction process died (exit status {code})")
                self._buf += chunk

    def _run(self, items: Sequence[tuple[int, Any]], out: list[str]) -> None:
        """Extract ``items`` in one batch, appending to ``out`` as records arrive; raises
        _Failure (with ``out`` holding the records of the items before the failure)."""
        self._wait_ready()
        proc = self._proc
        assert proc is not None
        try:
            _send(proc.stdin, ("lines", list(items), len(items)))
        except (BrokenPipeError, OSError):
            raise _Failure("crash", "the extraction process died") from None
        deadline = time.monotonic() + self.config.time_limit
        while True:
            msg = self._recv(deadline)
            if msg[0] == "out":
                out.append(msg[1])
            elif msg[0] == "done":
                self.stats.stages.update(msg[1])
                self.stats.cpu_seconds += msg[2]
                return
            elif msg[0] == "error":  # a bug outside any one article (e.g. in the runner)
                raise ProcessingError(f"the extraction process failed: {msg[1]}")

    def process(self, lines: Sequence[tuple[int, Any]],
                progress: Callable[[int], None] | None = None) -> list[str]:
        """Output JSON lines for ``lines`` ((line number, raw line) pairs), one each, in order."""
        out: list[str] = []
        size = max(1, self.config.batch_size)
        for start in range(0, len(lines), size):
            batch = lines[start:start + size]
            before = len(out)
            try:
                self._run(batch, out)
            except _Failure as failure:
                self._kill()
                done = len(out) - before
                log.warning("a batch of %d articles failed (%s) after %d; running the rest one at a time",
                            len(batch), failure.detail, done)
                for item in batch[done:]:
                    self._one(item, out)
            if progress:
                progress(len(out))
        return out

    def _one(self, item: tuple[int, Any], out: list[str]) -> None:
        n = len(out)
        try:
            self._run([item], out)
        except _Failure as failure:
            self._kill()
            del out[n:]
            self.stats.failures[failure.kind] += 1
            out.append(error_line(item, failure.kind, failure.detail))

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def error_line(item: tuple[int, Any], kind: str, detail: str) -> str:
    """The error record of an article that failed alone, with the id its line gives."""
    from sitroom.batch.runner import dumps

    lineno, line = item
    cls = {"time": ArticleTimeout, "memory": ArticleMemory}.get(kind, ArticleCrashed)
    doc_id = _line_id(line, lineno)
    err = cls(f"line {lineno}: {detail}; the article was set aside", document_id=doc_id)
    return dumps(rejection_to_dict(Rejection(doc_id, err.code, err.message)))


def _line_id(line: Any, lineno: int) -> str:
    """The id a line declares (as the batch runner would use it), else ``line-N``."""
    try:
        obj = json.loads(line)
    except (TypeError, ValueError, RecursionError):
        return f"line-{lineno}"
    raw = obj.get("id") if isinstance(obj, dict) else None
    if raw is None or isinstance(raw, (dict, list, bool)):
        return f"line-{lineno}"
    return str(raw)


def _rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc, else psutil; None when neither works)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 1e6
    except Exception:  # psutil missing or the process gone: no reading this time
        return None


# ---- the child ------------------------------------------------------------------------------

def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this process when its parent (the worker) dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        log.debug("prctl(PR_SET_PDEATHSIG) is not available")


def timed_stages(pipeline) -> Counter:
    """Wrap the pipeline's stages (and its input checks) so that their seconds add up in the
    returned Counter; the Pipeline itself is not changed."""
    seconds: Counter = Counter()

    def timed_call(name: str, fn: Callable) -> Callable:
        def call(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - t0
        return call

    def timed_iter(name: str, fn: Callable) -> Callable:
        def call(*args, **kwargs) -> Iterator:
            it = iter(fn(*args, **kwargs))
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    seconds[name] += time.perf_counter() - t0
                    return
                seconds[name] += time.perf_counter() - t0
                yield item
        return call

    for stage in pipeline.stages:
        stage.run = timed_call(stage.name, stage.run)
        if getattr(stage, "batched", False):
            stage.pipe = timed_iter(stage.name, stage.pipe)
    pipeline.validator.check = timed_call("input_checks", pipeline.validator.check)
    return seconds


def _child_main() -> int:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, not into the protocol
    _die_with_parent()
    inp = sys.stdin.buffer

    def recv() -> Any:
        head = inp.read(_HEADER.size)
        if len(head) < _HEADER.size:
            raise EOFError
        (n,) = _HEADER.unpack(head)
        return pickle.loads(inp.read(n))

    try:
        config = recv()
    except EOFError:
        return 0
    t0 = time.perf_counter()
    try:
        from sitroom.api import make_document
        from sitroom.batch.runner import process_lines
        from sitroom.pipeline import Pipeline

        pipeline = Pipeline(config["stages"], **config["options"])
        # one article loads whatever the stages load lazily, so batches are timed at steady state
        list(pipeline.pipe([make_document("Warm-up: troops fired on a convoy on Monday.", id="warm-up")]))
    except Exception as exc:  # reported to the parent, which raises a coded error
        _send(out, ("error", f"{type(exc).__name__}: {exc}"))
        return 1
    seconds = timed_stages(pipeline)
    _send(out, ("ready", time.perf_counter() - t0))
    while True:
        try:
            msg = recv()
        except EOFError:
            return 0
        _, items, batch_size = msg
        seconds.clear()
        cpu = time.process_time()
        try:
            for line in process_lines(items, pipeline, batch_size=batch_size):
                _send(out, ("out", line))
        except BrokenPipeError:
            return 0
        except Exception as exc:  # the runner itself failed, not one article
            _send(out, ("error", f"{type(exc).__name__}: {exc}"))
            continue
        _send(out, ("done", dict(seconds), time.process_time() - cpu))


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    sys.exit(_child_main())

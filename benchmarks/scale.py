#!/usr/bin/env python3
"""Distributed extraction: equality with a single process, scaling, Dask's overhead, a lost worker.

    .venv/bin/python benchmarks/scale.py [--n 2000] [--partition-size 128] [--no-kill] [--out build/scale]

Input: --n English articles from ../shared/corpus (wikinews_en_2004, ecbplus, re3d_official,
muc34_latam_1989, taken in turn; examples/ repeated when the corpus is absent), written once
to OUT/input.jsonl; every run reads that same file.

Runs, one after another on this machine:
  serial   `sitroom extract --workers 1` (the batch runner) in a fresh process;
  serial1  the same with one BLAS thread (OMP/MKL/OPENBLAS_NUM_THREADS=1), as Dask's nanny starts
           its workers: on a busy machine a process with more threads gets more of the CPU;
  dask-1   `--scheduler dask` on a LocalCluster of 1 single-threaded worker;
  dask-2   the same with 2 workers;
  kill     dask, 2 workers, one worker killed (SIGKILL) once a third of the partitions are done;
           its nanny starts a new one and the scheduler runs the lost partitions again.
Each timing leaves warm-up out: the serial child loads its model and extracts one article
before its clock starts; each cluster runs a one-article job first so every worker's
sandbox has loaded the model. Every dask run's records are compared with serial's, all of
them, line by line.

Reports articles/s, the scaling efficiency throughput(dask-2) / (2 x throughput(dask-1)), the
overhead time(dask-1) / time(serial) - 1, per-article costs (seconds, characters, the
extraction process's peak memory) and the load average before and after each run; writes
the same as JSON to OUT/report.json. The machine's load decides these ratios: on a shared
machine run it when it is quiet.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
ENGLISH_CORPORA = ("wikinews_en_2004", "ecbplus", "re3d_official", "muc34_latam_1989")
FIELDS = ("id", "text", "published", "title", "source", "url", "language")

SERIAL = """
import json, resource, sys, time
from sitroom.batch.runner import numbered_lines, run_batch
from sitroom.pipeline import Pipeline
import sitroom
t0 = time.perf_counter()
pipe = Pipeline()
list(pipe.pipe([sitroom.make_document("Warm-up: troops fired on a convoy on Monday.", id="warm-up")]))
t1, c1 = time.perf_counter(), time.process_time()
with open(sys.argv[1], "rb") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
    for out in run_batch(numbered_lines(src), pipeline=pipe):
        dst.write(out + "\\n")
t2, c2 = time.perf_counter(), time.process_time()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": t1 - t0, "work_s": t2 - t1, "cpu_s": c2 - c1, "peak_rss_mb": rss}))
"""


def corpus_records(n: int) -> tuple[list[dict], str]:
    streams = []
    if CORPUS.is_dir():
        for name in ENGLISH_CORPORA:
            path = CORPUS / name / "articles.jsonl"
            if path.is_file():
                streams.append(path.open(encoding="utf-8"))
    records: list[dict] = []
    while streams and len(records) < n:
        for fh in list(streams):
            line = fh.readline()
            if not line:
                streams.remove(fh)
                continue
            r = json.loads(line)
            records.append({k: r.get(k) for k in FIELDS if r.get(k) is not None})
            if len(records) >= n:
                break
    source = f"../shared/corpus ({', '.join(ENGLISH_CORPORA)})"
    if not records:
        records = [json.loads(line) for line in (REPO / "examples" / "articles.jsonl").open(encoding="utf-8")]
        source = "examples/ (repeated)"
    while len(records) < n:
        records += [dict(r, id=f"{r['id']}-{len(records) + i}") for i, r in enumerate(records)]
    return records[:n], source


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


#: what Dask's nanny sets for every worker (distributed.nanny.pre-spawn-environ): one BLAS thread
WORKER_THREADS = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def run_serial(inp: Path, out: Path, env: dict | None = None) -> dict:
    before = load()
    proc = subprocess.run([sys.executable, "-c", SERIAL, str(inp), str(out)], capture_output=True, text=True,
                          check=False, env={**os.environ, **(env or {})})
    if proc.returncode:
        sys.exit(f"serial run failed:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["load_before"], report["load_after"] = before, load()
    return report


def sandbox_peaks(client) -> dict:
    """Peak resident memory (MB) of each worker's extraction processes and of the workers."""
    def peaks(dask_worker) -> dict:
        def hwm(pid: int) -> float | None:
            try:
                for line in open(f"/proc/{pid}/status", encoding="ascii"):
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
            except OSError:
                return None
            return None
        boxes = []
        for name, plugin in dask_worker.plugins.items():
            if name.startswith("sitroom-"):
                for box in list(getattr(plugin, "_boxes", {}).values()) + list(getattr(plugin, "_spare", [])):
                    if box._proc is not None:
                        boxes.append(hwm(box._proc.pid))
        return {"worker": hwm(os.getpid()), "sandboxes": boxes}
    return client.run(peaks)


def run_dask(inp: Path, out: Path, workers: int, partition_size: int, warm: Path, kill_after: float | None):
    from distributed import Client, LocalCluster

    from sitroom.batch import dask_engine
    from sitroom.batch.sandbox import SandboxConfig

    config = SandboxConfig()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        dask_engine.extract([warm], out.parent / f"warm-{out.name}", config=config, client=client,
                            partition_size=partition_size)
        killed = {}
        if kill_after is not None:
            threading.Thread(target=_killer, args=(client, out, kill_after, killed), daemon=True).start()
        before = load()
        t0 = time.perf_counter()
        summary = dask_engine.extract([inp], out, config=config, client=client, partition_size=partition_size)
        work = time.perf_counter() - t0
        peaks = sandbox_peaks(client)
    return {"work_s": work, "load_before": before, "load_after": load(), "summary": summary.to_dict(),
            "memory_mb": peaks, "killed": killed or None}


def _killer(client, out: Path, fraction: float, killed: dict) -> None:
    """Kill one worker process (SIGKILL) once ``fraction`` of the partitions are marked done."""
    manifest = out / "_manifest.json"
    while not manifest.exists():
        time.sleep(0.2)
    total = len(json.loads(manifest.read_text())["partitions"])
    marks = out / "_partitions"
    while True:
        done = len(list(marks.glob("*.json"))) if marks.exists() else 0
        if done >= max(1, int(total * fraction)):
            break
        time.sleep(0.2)
    pids = client.run(os.getpid)
    address, pid = sorted(pids.items())[-1]
    os.kill(pid, signal.SIGKILL)
    killed.update({"worker": address, "pid": pid, "partitions_done_before": done, "partitions": total})


def compare(serial: Path, out: Path) -> dict:
    from sitroom.batch.partition import iter_records

    want = serial.read_text(encoding="utf-8").splitlines()
    got = list(iter_records(out))
    diff = [i for i, (a, b) in enumerate(zip(want, got)) if a != b]
    return {"records": len(got), "expected": len(want), "different": len(diff) + abs(len(want) - len(got)),
            "first_different_line": diff[0] + 1 if diff else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--partition-size", type=int, default=128, help="lines per partition (default 128)")
    ap.add_argument("--no-kill", action="store_true", help="leave out the lost-worker run")
    ap.add_argument("--out", default=str(REPO / "build" / "scale"), help="work folder (default build/scale)")
    args = ap.parse_args()
    work = Path(args.out)
    if work.exists():
        import shutil

        shutil.rmtree(work)
    work.mkdir(parents=True)
    records, source = corpus_records(args.n)
    inp, warm = work / "input.jsonl", work / "warm.jsonl"
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    warm.write_text(json.dumps({"id": "warm", "text": "Rebels shelled the town on Monday, killing two."}) + "\n")
    chars = sum(len(r.get("text") or "") for r in records)
    n = len(records)
    report: dict = {"articles": n, "characters": chars, "source": source, "partition_size": args.partition_size,
                    "cpus": os.cpu_count()}
    print(f"input: {n} articles, {chars:,} characters, from {source}", flush=True)

    report["serial"] = s = run_serial(inp, work / "serial.jsonl")
    print(f"serial  {n / s['work_s']:7.2f} articles/s  load {s['load_before']} -> {s['load_after']}", flush=True)
    # the same with one BLAS thread, as in a Dask worker: Dask's own overhead is measured against this
    report["serial-1thread"] = s1 = run_serial(inp, work / "serial-1thread.jsonl", WORKER_THREADS)
    print(f"serial1 {n / s1['work_s']:7.2f} articles/s  load {s1['load_before']} -> {s1['load_after']}  "
          f"(one BLAS thread, as Dask workers run)", flush=True)
    runs = [("dask-1", 1, None), ("dask-2", 2, None)] + ([] if args.no_kill else [("kill", 2, 1 / 3)])
    for name, workers, kill in runs:
        r = run_dask(inp, work / name, workers, args.partition_size, warm, kill)
        r["equality"] = compare(work / "serial.jsonl", work / name)
        report[name] = r
        print(f"{name:7} {n / r['work_s']:7.2f} articles/s  load {r['load_before']} -> {r['load_after']}  "
              f"records different from serial: {r['equality']['different']} of {r['equality']['expected']}"
              + (f"  killed {r['killed']}" if r.get("killed") else ""), flush=True)
    t_serial, t1, t2 = s["work_s"], report["dask-1"]["work_s"], report["dask-2"]["work_s"]
    report["efficiency"] = round((n / t2) / (2 * (n / t1)), 3)
    report["overhead"] = round(t1 / t_serial - 1, 3)
    report["overhead_vs_one_thread"] = round(t1 / s1["work_s"] - 1, 3)
    # CPU seconds do not depend on how busy the machine is: the extraction processes' own CPU time
    # against the single process's (work the Dask path adds, as opposed to waiting for a core)
    cpu1 = report["dask-1"]["summary"]["seconds"].get("extract_cpu")
    report["cpu_overhead"] = round(cpu1 / s1["cpu_s"] - 1, 3) if cpu1 else None
    report["per_article"] = {"seconds_serial": round(t_serial / n, 4), "characters": round(chars / n),
                             "serial_peak_rss_mb": round(s["peak_rss_mb"])}
    (work / "report.json").write_text(json.dumps(report, indent=1, default=str) + "\n")
    print(f"efficiency throughput(2)/(2 x throughput(1)) = {report['efficiency']:.3f}; "
          f"Dask overhead on one worker vs --workers 1 = {100 * report['overhead']:+.1f}% "
          f"(vs --workers 1 with one BLAS thread: {100 * report['overhead_vs_one_thread']:+.1f}%)")
    if report["cpu_overhead"] is not None:
        print(f"CPU seconds: --workers 1 (one BLAS thread) {s1['cpu_s']:.1f}, dask 1 worker's extraction process "
              f"{report['dask-1']['summary']['seconds']['extract_cpu']:.1f}: {100 * report['cpu_overhead']:+.1f}%")
    print(f"per article: {t_serial / n * 1000:.1f} ms (serial), {chars / n:,.0f} characters; "
          f"memory: {report['dask-1']['memory_mb']}")
    bad = [name for name, _, _ in runs if report[name]["equality"]["different"]]
    if bad:
        sys.exit(f"records differ from the single-process run: {', '.join(bad)}")


if __name__ == "__main__":
    main()

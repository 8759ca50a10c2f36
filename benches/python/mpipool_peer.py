"""mpi4py.futures.MPIPoolExecutor measured the way benches/benches/mpipool.rs measures mpipool, in a job of
3 ranks started with `mpiexec -n 3 python3 -m mpi4py.futures` (rank 0 submits, ranks 1 and 2 run the tasks).

Two ways to run it:
- With --serve (inside such a job) it is driven by benches/benches/mpipool.rs, so mpi4py.futures runs in
  the same paired, interleaved rounds as mpipool, whose own 3-rank job is alive beside it: each stdin line
  is `submit_result N` (every trivial task submitted, then result() in order), `map N` (chunksize 100) or
  `latency N` (one task at a time); it answers with the nanoseconds that took, timed on rank 0 here.
- Alone (`cargo xtask bench` runs it) it measures what cannot be paired: start-up to the first result,
  a whole job launched each time. Prints JSON (milliseconds, median); without mpi4py it says so and
  measures nothing."""
# tasklab: standalone peer (cargo xtask bench runs it and reads its JSON)

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

FIRST_RESULT = "first result"


def inc(x):
    return x + 1


def mpiexec(ranks):
    cmd = ["mpiexec"]
    version = subprocess.run(["mpiexec", "--version"], capture_output=True, text=True).stdout
    if "Open MPI" in version or "OpenRTE" in version:
        cmd += ["--oversubscribe", "--timeout", "900"]
        if os.geteuid() == 0:
            cmd.append("--allow-run-as-root")
    return cmd + ["-n", str(ranks)]


def run_request(ex, op, n):
    """One request of the paired rounds; returns the seconds it took."""
    start = time.perf_counter()
    if op == "submit_result":
        futures = [ex.submit(inc, i) for i in range(n)]
        total = sum(f.result() for f in futures)
    elif op == "map":
        total = sum(ex.map(inc, range(n), chunksize=100))
    elif op == "latency":
        total = sum(ex.submit(inc, i).result() for i in range(n))
    else:
        raise SystemExit(f"unknown request {op!r}")
    elapsed = time.perf_counter() - start
    assert total == n * (n + 1) // 2
    return elapsed


def serve():
    """Rank 0 of the job: the shared pool of the other ranks, serving the paired rounds."""
    from mpi4py.futures import MPIPoolExecutor

    with MPIPoolExecutor() as ex:
        list(ex.map(inc, range(64)))  # warm up: every worker rank has answered
        for line in sys.stdin:
            op, n = line.split()
            print(int(run_request(ex, op, int(n)) * 1e9), flush=True)


def probe():
    from mpi4py.futures import MPIPoolExecutor

    with MPIPoolExecutor() as ex:
        print(f"{FIRST_RESULT}: {ex.submit(inc, 41).result()}", flush=True)


def startup(args):
    times = []
    for _ in range(1 if args.smoke else 3 if args.quick else 7):
        start = time.perf_counter()
        job = subprocess.Popen(
            mpiexec(3) + [sys.executable, "-m", "mpi4py.futures", __file__, "--probe"],
            stdout=subprocess.PIPE, text=True,
        )
        for line in job.stdout:
            if FIRST_RESULT in line:
                break
        times.append((time.perf_counter() - start) * 1e3)
        job.stdout.read()
        if job.wait() != 0:
            raise SystemExit("the mpi4py start-up probe failed")
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer start-ups")
    parser.add_argument("--smoke", action="store_true", help="the fewest: only checks the peer runs")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve()
    if args.probe:
        return probe()
    result = {"python": platform.python_version(), "ranks": 3}
    try:
        import mpi4py
    except ImportError:
        result["mpi4py"] = None
        result["reason"] = "mpi4py is not installed (Debian: `apt-get install python3-mpi4py`)"
        print(json.dumps(result))
        return
    if shutil.which("mpiexec") is None:
        result["mpi4py"] = None
        result["reason"] = "mpiexec is not installed"
        print(json.dumps(result))
        return
    result["mpi4py"] = mpi4py.__version__
    result["startup_first_result_ms"] = startup(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

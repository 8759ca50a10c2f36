"""mpi4py.futures.MPIPoolExecutor measured the way benches/benches/mpipool.rs measures mpipool: a job of
3 ranks started with `mpiexec -n 3 python3 -m mpi4py.futures` (rank 0 submits, ranks 1 and 2 run the
tasks); every trivial task submitted then result() in order; map with chunksize 100; one task at a time;
and start-up to the first result (a whole job launched each time). Prints JSON (microseconds per task,
milliseconds for start-up; medians) for `cargo xtask bench`; without mpi4py it says so and measures nothing."""
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


def inner(args):
    """Rank 0 of the job: the shared pool of the other ranks."""
    from mpi4py.futures import MPIPoolExecutor

    # quick: 1,000 tasks (mpi4py takes about a millisecond each on 2 loaded cores), 3 runs (the report's
    # unpaired interval needs 3)
    n = 200 if args.smoke else 1_000 if args.quick else 10_000
    runs = 1 if args.smoke else 3 if args.quick else 5
    with MPIPoolExecutor() as ex:
        list(ex.map(inc, range(64)))  # warm up
        submit, mapped, one = [], [], []
        for _ in range(runs):
            start = time.perf_counter()
            futures = [ex.submit(inc, i) for i in range(n)]
            total = sum(f.result() for f in futures)
            submit.append((time.perf_counter() - start) / n * 1e6)
            assert total == n * (n + 1) // 2
            start = time.perf_counter()
            total = sum(ex.map(inc, range(n), chunksize=100))
            mapped.append((time.perf_counter() - start) / n * 1e6)
            assert total == n * (n + 1) // 2
            k = 20 if args.smoke else 200
            start = time.perf_counter()
            for i in range(k):
                ex.submit(inc, i).result()
            one.append((time.perf_counter() - start) / k * 1e6)
    print(json.dumps({
        "submit_result_us_per_task": statistics.median(submit),
        "map_chunksize_100_us_per_item": statistics.median(mapped),
        "one_task_latency_us": statistics.median(one),
        # Every run's value, for the report's (unpaired) interval.
        "submit_result_us_runs": submit,
    }))


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
    parser.add_argument("--quick", action="store_true", help="fewer tasks and runs")
    parser.add_argument("--smoke", action="store_true", help="the fewest: only checks the peer runs")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args)
    if args.probe:
        return probe()
    result = {"python": platform.python_version(), "ranks": 3}
    try:
        import mpi4py
    except ImportError:
        result["mpi4py"] = None
        result["reason"] = "mpi4py is not installed (building it from source takes ~14 minutes; CI skips it)"
        print(json.dumps(result))
        return
    if shutil.which("mpiexec") is None:
        result["mpi4py"] = None
        result["reason"] = "mpiexec is not installed"
        print(json.dumps(result))
        return
    result["mpi4py"] = mpi4py.__version__
    flags = ["--smoke"] if args.smoke else ["--quick"] if args.quick else []
    job = subprocess.run(
        mpiexec(3) + [sys.executable, "-m", "mpi4py.futures", __file__, "--inner"] + flags,
        capture_output=True, text=True, timeout=900,
    )
    if job.returncode != 0:
        raise SystemExit(f"the mpi4py job failed:\n{job.stderr}")
    result.update(json.loads(job.stdout.strip().splitlines()[-1]))
    result["startup_first_result_ms"] = startup(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

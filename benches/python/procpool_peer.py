"""CPython's ProcessPoolExecutor measured the way benches/benches/procpool.rs measures procpool:
2 workers; submit every trivial task then result() each in order; map with chunksize 1 and 100;
start-up to the first result with the fork, forkserver and spawn start methods; and how long a
SIGKILLed worker takes to fail the futures (CPython then breaks the whole pool). Prints JSON
(microseconds per task, milliseconds for start-up and crashes; medians) for `cargo xtask bench`.

With --serve it is driven by benches/benches/procpool.rs instead, so CPython runs in the same paired,
interleaved rounds as procpool: each stdin line is `submit_result N` or `map N CHUNKSIZE`; it answers
with the nanoseconds that took (timed here; the pool is started once, before the first request)."""
# tasklab: standalone peer (cargo xtask bench runs it and reads its JSON)

import argparse
import json
import multiprocessing as mp
import os
import platform
import signal
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def inc(x):
    return x + 1


def nap(seconds):
    time.sleep(seconds)
    return os.getpid()


def submit_result(ex, n):
    start = time.perf_counter()
    futures = [ex.submit(inc, i) for i in range(n)]
    total = sum(f.result() for f in futures)
    elapsed = time.perf_counter() - start
    assert total == n * (n + 1) // 2
    return elapsed


def map_all(ex, n, chunksize):
    start = time.perf_counter()
    total = sum(ex.map(inc, range(n), chunksize=chunksize))
    elapsed = time.perf_counter() - start
    assert total == n * (n + 1) // 2
    return elapsed


def startup(method):
    ctx = mp.get_context(method)
    start = time.perf_counter()
    ex = ProcessPoolExecutor(max_workers=2, mp_context=ctx)
    a = ex.submit(inc, 1)
    b = ex.submit(inc, 2)
    a.result()
    elapsed = time.perf_counter() - start
    b.result()
    ex.shutdown(wait=True)
    return elapsed


def crash_detection():
    ex = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
    pid = ex.submit(nap, 0).result()
    stuck = ex.submit(nap, 30)
    while not stuck.running():
        time.sleep(0.0005)
    time.sleep(0.01)  # let the worker pick the task up
    start = time.perf_counter()
    os.kill(pid, signal.SIGKILL)
    try:
        stuck.result()
    except BrokenProcessPool:
        pass
    elapsed = time.perf_counter() - start
    ex.shutdown(wait=True)
    return elapsed


def serve():
    with ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("fork")) as ex:
        submit_result(ex, 200)  # warm up: start the workers
        for line in sys.stdin:
            op, *args = line.split()
            if op == "submit_result":
                took = submit_result(ex, int(args[0]))
            elif op == "map":
                took = map_all(ex, int(args[0]), int(args[1]))
            else:
                raise SystemExit(f"procpool_peer.py: unknown request {line!r}")
            print(int(took * 1e9), flush=True)


def main():
    if "--serve" in sys.argv:
        serve()
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer tasks and runs")
    parser.add_argument("--smoke", action="store_true", help="the fewest: only checks the peer runs")
    args = parser.parse_args()
    n = 200 if args.smoke else 2_000 if args.quick else 10_000
    runs = 1 if args.smoke else 3 if args.quick else 5
    per_task = {}
    if not args.quick:
        # A quick run leaves these to the procpool bench's paired rounds (`--serve`).
        with ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("fork")) as ex:
            submit_result(ex, 200)  # warm up: start the workers
            sub = statistics.median(submit_result(ex, n) for _ in range(runs))
            map1 = statistics.median(map_all(ex, n, 1) for _ in range(runs))
            map100 = statistics.median(map_all(ex, n, 100) for _ in range(runs))
        per_task = {
            "submit_result_us_per_task": sub / n * 1e6,
            "map_chunksize_1_us_per_item": map1 / n * 1e6,
            "map_chunksize_100_us_per_item": map100 / n * 1e6,
        }
    starts = {
        method: statistics.median(startup(method) for _ in range(runs)) * 1e3
        for method in ("fork", "forkserver", "spawn")
    }
    crash = statistics.median(crash_detection() for _ in range(runs)) * 1e3
    print(json.dumps({
        "python": platform.python_version(),
        "tasks": n,
        "runs": runs,
        **per_task,
        "startup_first_result_ms": starts,
        "crash_detect_ms": crash,
        "recovers": False,
    }))


if __name__ == "__main__":
    main()

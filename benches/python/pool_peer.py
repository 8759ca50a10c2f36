"""CPython's ThreadPoolExecutor measured the way benches/benches/pool.rs measures pool: 2 workers,
submit every trivial task then result() each in order; and map over the same items. Prints JSON
(microseconds per task, median of several runs) for `cargo xtask bench`.

With --serve it is driven by benches/benches/pool.rs instead, so CPython runs in the same paired,
interleaved rounds as pool: each stdin line is `submit_result N` or `map N`; it answers with the
nanoseconds that took (timed here, so Python's start-up never counts)."""
# tasklab: standalone peer (cargo xtask bench runs it and reads its JSON)

import argparse
import json
import platform
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def inc(x):
    return x + 1


def submit_result(ex, n):
    start = time.perf_counter()
    futures = [ex.submit(inc, i) for i in range(n)]
    total = sum(f.result() for f in futures)
    elapsed = time.perf_counter() - start
    assert total == n * (n + 1) // 2
    return elapsed


def map_all(ex, n):
    start = time.perf_counter()
    total = sum(ex.map(inc, range(n)))
    elapsed = time.perf_counter() - start
    assert total == n * (n + 1) // 2
    return elapsed


def serve():
    ops = {"submit_result": submit_result, "map": map_all}
    with ThreadPoolExecutor(max_workers=2) as ex:
        submit_result(ex, 1000)  # warm up: start the threads
        for line in sys.stdin:
            op, n = line.split()
            print(int(ops[op](ex, int(n)) * 1e9), flush=True)


def main():
    if "--serve" in sys.argv:
        serve()
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer tasks and runs")
    parser.add_argument("--smoke", action="store_true", help="the fewest: only checks the peer runs")
    args = parser.parse_args()
    if args.quick:
        # The pool bench's paired rounds measure CPython beside pool (`--serve`); a quick run skips the
        # standalone copy, whose numbers the report only falls back to.
        print(json.dumps({"python": platform.python_version()}))
        return
    n = 1_000 if args.smoke else 100_000
    runs = 1 if args.smoke else 5
    with ThreadPoolExecutor(max_workers=2) as ex:
        submit_result(ex, 1000)  # warm up: start the threads
        sub = statistics.median(submit_result(ex, n) for _ in range(runs))
        mp = statistics.median(map_all(ex, n) for _ in range(runs))
    print(json.dumps({
        "python": platform.python_version(),
        "tasks": n,
        "runs": runs,
        "submit_result_us_per_task": sub / n * 1e6,
        "map_us_per_item": mp / n * 1e6,
    }))


if __name__ == "__main__":
    main()

"""CPython's os.walk on the fsutil bench tree: the Python peer of benches/benches/fsutil.rs.

Standalone it prints JSON (entries walked, median milliseconds, entries per second):
    python3 benches/python/fsutil_peer.py TREE [--quick]
With --serve it is driven by the criterion bench (so os.walk is measured in the same run and with the same
statistics as the Rust walkers): each line read from stdin is a number of walks to run; it answers with the
total nanoseconds they took (in-process, so Python's start-up of about 90 ms is not counted).
"""

import json
import os
import platform
import statistics
import sys
import time


def walk_count(top):
    """Entries os.walk sees, the top included: the number the Rust walkers count."""
    n = 1
    for _dirpath, dirnames, filenames in os.walk(top):
        n += len(dirnames) + len(filenames)
    return n


def serve(top):
    walk_count(top)  # warm-up
    for line in sys.stdin:
        iters = int(line)
        start = time.perf_counter_ns()
        for _ in range(iters):
            walk_count(top)
        print(time.perf_counter_ns() - start, flush=True)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit("usage: fsutil_peer.py TREE [--quick | --serve]")
    top = args[0]
    if not os.path.isdir(top):
        sys.exit(f"fsutil_peer.py: {top!r} is not a directory (run the fsutil bench once to generate the tree)")
    if "--serve" in sys.argv:
        serve(top)
        return
    runs = 3 if "--quick" in sys.argv else 10
    entries = walk_count(top)
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        walk_count(top)
        times.append(time.perf_counter_ns() - start)
    median_ns = statistics.median(times)
    print(json.dumps({
        "python": f"CPython {platform.python_version()}",
        "entries": entries,
        "median_ms": median_ns / 1e6,
        "entries_per_s": entries / (median_ns / 1e9),
    }))


if __name__ == "__main__":
    main()

"""CPython peer for benches/benches/evalx.rs: runs one program's `run()` (or an eval anchor) N times and
prints the total elapsed nanoseconds, excluding interpreter start-up. Usage: evalx_peer.py PROGRAM_FILE N
The program file defines `run()`; the bench passes the same source evalx runs.

With --serve it stays up for the bench's paired rounds: each stdin line is `PROGRAM_FILE N`; the program
is loaded (and `run()` warmed up once) on its first request, and each answer is the nanoseconds N calls
took."""
import sys
import time


def load(path):
    src = open(path).read()
    ns = {"__name__": "__bench__"}
    exec(compile(src, path, "exec"), ns)
    run = ns["run"]
    run()  # warm-up, as criterion does for evalx
    return run


def timed(run, n):
    t0 = time.perf_counter_ns()
    for _ in range(n):
        run()
    return time.perf_counter_ns() - t0


def serve():
    loaded = {}
    for line in sys.stdin:
        path, n = line.rsplit(maxsplit=1)
        if path not in loaded:
            loaded[path] = load(path)
        print(timed(loaded[path], int(n)), flush=True)


if "--serve" in sys.argv:
    serve()
else:
    print(timed(load(sys.argv[1]), int(sys.argv[2])))

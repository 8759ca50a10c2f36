"""CPython peer for benches/benches/evalx.rs: runs one program's `run()` (or an eval anchor) N times and
prints the total elapsed nanoseconds, excluding interpreter start-up. Usage: evalx_peer.py PROGRAM_FILE N
The program file defines `run()`; the bench passes the same source evalx runs."""
import sys
import time

src = open(sys.argv[1]).read()
n = int(sys.argv[2])
ns = {"__name__": "__bench__"}
exec(compile(src, sys.argv[1], "exec"), ns)
run = ns["run"]
run()  # warm-up, as criterion does for evalx
t0 = time.perf_counter_ns()
for _ in range(n):
    run()
print(time.perf_counter_ns() - t0)

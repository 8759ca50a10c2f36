import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.01)
time.sleep(0)
print(time.time() >= t0, time.perf_counter() - p0 >= 0.009, time.monotonic() >= m0)
print(type(time.time()).__name__, type(time.time_ns()).__name__, type(time.perf_counter_ns()).__name__)
print(time.time() > 1.6e9, abs(time.time_ns() / 1e9 - time.time()) < 5, time.monotonic_ns() >= 0)
for bad in [lambda: time.sleep(-1), lambda: time.sleep('1'), lambda: time.sleep(float('nan')), lambda: time.time(1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
from time import perf_counter
start = perf_counter()
total = sum(range(10000))
print(total, perf_counter() >= start)

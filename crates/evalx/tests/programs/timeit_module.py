# timeit: Timer/timeit/repeat/autorange with statement strings, callables and globals= (the timings
# themselves vary, so only their type, count and sign are printed).
import timeit

calls = []


def work():
    calls.append(1)


t = timeit.timeit(work, number=7)
print(type(t).__name__, t >= 0, len(calls))
calls.clear()
r = timeit.repeat(work, repeat=3, number=4)
print(len(r), all(x >= 0 for x in r), len(calls))

box = {"n": 0}
t = timeit.timeit("box['n'] += 1", number=25, globals={"box": box})
print(box["n"])
t = timeit.timeit("x.append(i)\ny = len(x)", setup="x = []\ni = 3", number=10)
print(type(t).__name__)
calls.clear()
setups = []
timer = timeit.Timer(work, setup=lambda: setups.append(1))
print(len(timer.repeat(repeat=2, number=3)), len(calls), len(setups))

ns = {"total": [0]}
tm = timeit.Timer("total[0] += k", setup="k = 2", globals=ns)
tm.timeit(number=5)
print(ns["total"])

ticks = iter(range(0, 1000, 1))
fake = timeit.Timer("pass", timer=lambda: next(ticks) * 0.01)
print(round(fake.timeit(number=3), 6))
steps = []
ticks2 = iter([0.0, 0.001, 0.0, 0.01, 0.0, 0.3])
auto = timeit.Timer("pass", timer=lambda: next(ticks2))
print(auto.autorange(lambda n, t: steps.append(n)), steps)
import time
print(timeit.default_timer is time.perf_counter, timeit.default_number, timeit.default_repeat)
for bad in [dict(stmt=5), dict(setup=5)]:
    try:
        timeit.Timer(**bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    timeit.Timer("x = (")
except SyntaxError as e:
    print("SyntaxError", e.filename)
try:
    timeit.timeit("1/0", number=1)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


def f():
    return 1


print(timeit.timeit("f()", setup="from __main__ import f", number=3) >= 0,
      timeit.timeit("f()", globals=globals(), number=3) >= 0)

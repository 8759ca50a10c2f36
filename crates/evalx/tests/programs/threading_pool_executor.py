# concurrent.futures: ThreadPoolExecutor's map/submit/as_completed/wait, Future's states and callbacks,
# exceptions carried by futures, timeouts, cancellation, shutdown, and ProcessPoolExecutor's results.
import concurrent.futures as cf
import threading
import time
from concurrent.futures import (ThreadPoolExecutor, ProcessPoolExecutor, as_completed, wait,
                                FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)


def square(x):
    return x * x


def slow(x, delay):
    time.sleep(delay)
    return x


def fails(x):
    raise ValueError("bad input %d" % x)


with ThreadPoolExecutor(max_workers=4) as ex:
    print("map:", list(ex.map(square, range(8))))
    print("map two iterables:", list(ex.map(pow, [2, 3, 4], [5, 2, 1])))
    futures = {ex.submit(square, n): n for n in range(6)}
    done = sorted((futures[f], f.result()) for f in as_completed(futures))
    print("as_completed:", done)
    f = ex.submit(fails, 7)
    e = f.exception()
    print("exception:", type(e).__name__, e, f.done(), f.cancelled())
    try:
        f.result()
    except ValueError as err:
        print("result() raises:", err)
    # Completion order follows the delays.
    order = [f.result() for f in as_completed([ex.submit(slow, "c", 0.06), ex.submit(slow, "a", 0.0),
                                               ex.submit(slow, "b", 0.03)])]
    print("completion order:", order)

# Exceptions from map surface when their result is reached.
with ThreadPoolExecutor(2) as ex:
    it = ex.map(lambda x: 10 // x, [5, 2, 0, 1])
    try:
        for v in it:
            print("value", v)
    except ZeroDivisionError as e:
        print("map raised:", e)

# wait() with each return_when.
with ThreadPoolExecutor(3) as ex:
    quick = ex.submit(slow, "quick", 0.0)
    lazy = ex.submit(slow, "lazy", 0.1)
    d, nd = wait([quick, lazy], return_when=FIRST_COMPLETED)
    print("FIRST_COMPLETED:", sorted(f.result() for f in d), len(nd))
    bad = ex.submit(fails, 1)
    d, nd = wait([bad, ex.submit(slow, "later", 0.1)], return_when=FIRST_EXCEPTION)
    print("FIRST_EXCEPTION:", [type(f.exception()).__name__ for f in d], len(nd))
    d, nd = wait([lazy, quick], return_when=ALL_COMPLETED)
    print("ALL_COMPLETED:", len(d), len(nd))
    r = wait([ex.submit(slow, 1, 0.2)], timeout=0.01)
    print("wait timeout:", len(r.done), len(r.not_done), type(r).__name__)

# Timeouts on result() and as_completed().
with ThreadPoolExecutor(1) as ex:
    f = ex.submit(slow, "x", 0.1)
    try:
        f.result(timeout=0.01)
    except cf.TimeoutError:
        print("result timed out; running:", f.running())
    try:
        for _ in as_completed([f], timeout=0.01):
            pass
    except TimeoutError as e:
        print("as_completed:", e)
    print("finally:", f.result())

# Callbacks, cancellation of pending work, and a one-worker pool's queue.
log = []
with ThreadPoolExecutor(max_workers=1) as ex:
    gate = threading.Event()
    first = ex.submit(gate.wait)
    pending = ex.submit(square, 3)
    print("cancel pending:", pending.cancel(), pending.cancelled(), pending.done())
    print("cancel running:", first.cancel())
    first.add_done_callback(lambda f: log.append(("first", f.result())))
    gate.set()
    later = ex.submit(square, 5)
    later.add_done_callback(lambda f: log.append(("later", f.result())))
print("callbacks:", sorted(log))
try:
    pending.result()
except cf.CancelledError:
    print("CancelledError")
done_f = cf.Future()
done_f.set_result(9)
done_f.add_done_callback(lambda f: print("called at once with", f.result()))

# Worker thread names and the initializer.
names = set()


def init(tag):
    names.add((tag, threading.current_thread().name.startswith("pool_")))


with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool", initializer=init,
                        initargs=("init",)) as ex:
    print(sorted(ex.map(lambda _: threading.current_thread().name[:5], range(4))))
print("initializer:", sorted(names))

# After shutdown no new work is accepted.
ex = ThreadPoolExecutor(2)
print(ex.submit(square, 4).result())
ex.shutdown(wait=True)
try:
    ex.submit(square, 5)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)

# A Future driven by hand.
f = cf.Future()
print(f.running(), f.done(), f.set_running_or_notify_cancel(), f.running())
f.set_result(None)
try:
    f.set_result(1)
except cf.InvalidStateError:
    print("InvalidStateError")
print(issubclass(cf.CancelledError, Exception), issubclass(cf.BrokenExecutor, RuntimeError))

# ProcessPoolExecutor: same results.
if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pex:
        print("process map:", list(pex.map(square, range(5))))
        print("process submit:", pex.submit(pow, 2, 10).result())

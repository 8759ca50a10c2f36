# Exceptions in threads: what threading.excepthook receives (type, value, traceback through the
# program's frames, the thread), the default hook's report on sys.stderr, SystemExit ending a thread
# quietly, exceptions carried back through futures, and a thread's failure not stopping the others.
import io
import sys
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor

MY_FILE = __file__


def level2(x):
    return 10 // x


def level1(x):
    return level2(x) + 1


def crash(x):
    level1(x)


reports = []


def hook(args):
    frames = [(f.name, f.line) for f in traceback.extract_tb(args.exc_traceback)
              if f.filename == MY_FILE]
    reports.append((args.exc_type.__name__, str(args.exc_value), args.thread.name, frames))


threading.excepthook = hook
t = threading.Thread(target=crash, args=(0,), name="crasher")
t.start()
t.join()
for r in reports:
    print(r)
print("alive after crash:", t.is_alive())

# SystemExit ends a thread without a report.
reports.clear()
t = threading.Thread(target=sys.exit, args=(3,))
t.start()
t.join()
print("SystemExit reports:", reports)

# The default hook writes "Exception in thread NAME:" and the traceback to sys.stderr.
threading.excepthook = threading.__excepthook__
saved = sys.stderr
sys.stderr = buf = io.StringIO()
try:
    t = threading.Thread(target=crash, args=(0,), name="noisy")
    t.start()
    t.join()
finally:
    sys.stderr = saved
text = buf.getvalue().splitlines()
print(text[0])
print(text[1])
print(text[-1])
print([l.strip() for l in text if l.strip() in ("level1(x)", "return level2(x) + 1", "return 10 // x")])

# A failing thread leaves the others running.
done = []


def maybe_fail(i):
    if i % 2:
        raise KeyError(i)
    done.append(i)


threading.excepthook = lambda args: done.append(("failed", args.exc_value.args[0]))
ts = [threading.Thread(target=maybe_fail, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(done, key=str))

# Futures carry the exception (and its traceback) back to the caller.
with ThreadPoolExecutor(2) as ex:
    f = ex.submit(crash, 0)
    try:
        f.result()
    except ZeroDivisionError as e:
        tb = [fr.name for fr in traceback.extract_tb(e.__traceback__) if fr.filename == MY_FILE]
        print("future raised:", repr(e), tb)

# An exception raised while handling another keeps its context inside the thread.
def chained():
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("lookup failed") from e


seen = []
threading.excepthook = lambda args: seen.append((repr(args.exc_value), repr(args.exc_value.__cause__)))
t = threading.Thread(target=chained)
t.start()
t.join()
print(seen)
# sys.exc_info() is per thread: the main thread is handling nothing here.
print(sys.exc_info())

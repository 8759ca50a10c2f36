# Thread objects: targets with args/kwargs, subclasses overriding run(), names, daemon flags, reprs,
# idents, is_alive and join with a timeout, current_thread/main_thread/enumerate/active_count,
# thread-local data, and the errors of misuse.
import threading
import time


def greet(greeting, name="world", punct="!"):
    results.append("%s, %s%s" % (greeting, name, punct))


results = []
t = threading.Thread(target=greet, args=("hello",), kwargs={"name": "threads"})
print(repr(t))
print(t.name, t.daemon, t.ident, t.native_id, t.is_alive())
t.start()
t.join()
print(results, t.is_alive(), type(t.ident) is int, type(t.native_id) is int)
print(repr(t).startswith("<Thread(Thread-1 (greet), stopped "))


class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__(name="worker-%d" % n)
        self.n = n
        self.result = None

    def run(self):
        self.result = sum(range(self.n))
        self.seen_name = threading.current_thread().name
        self.alive_inside = self.is_alive()


ws = [Worker(n) for n in (10, 100, 1000)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print([(w.name, w.result, w.seen_name, w.alive_inside) for w in ws])

# Default names count up, with the target's name.
def job():
    pass


a = threading.Thread(target=job)
b = threading.Thread(target=lambda: None)
c = threading.Thread()
print(a.name, "|", b.name, "|", c.name)
d = threading.Thread(target=job, daemon=True)
print(repr(d), d.daemon, d.isDaemon())
d.daemon = False
d.name = "renamed"
print(d.getName(), d.daemon)

# join(timeout) returns while the thread still runs (it waits for an event set only afterwards, so a
# loaded machine cannot let it finish first).
release = threading.Event()
sleeper = threading.Thread(target=release.wait, args=(30,), name="sleeper")
sleeper.start()
t0 = time.monotonic()
sleeper.join(timeout=0.01)
print("still alive after join(0.01):", sleeper.is_alive(), time.monotonic() - t0 >= 0.009)
release.set()
sleeper.join()
print("alive after join():", sleeper.is_alive())

# The module-level view of threads.
main = threading.main_thread()
print(main.name, main is threading.current_thread(), main.is_alive(), main.daemon)
print(threading.get_ident() == main.ident, threading.active_count(), len(threading.enumerate()))
seen = []
hold = threading.Event()


def observer():
    me = threading.current_thread()
    seen.append((me.name, me is not main, threading.active_count(),
                 sorted(t.name for t in threading.enumerate())))
    hold.wait()


o1 = threading.Thread(target=observer, name="o1")
o2 = threading.Thread(target=observer, name="o2")
o1.start()
o2.start()
print(seen)
print(threading.active_count(), sorted(t.name for t in threading.enumerate()))
hold.set()
o1.join()
o2.join()
print(threading.active_count())

# Thread-local data.
local = threading.local()
local.value = "main"
out = []


def use_local(v):
    out.append(getattr(local, "value", "unset"))
    local.value = v
    time.sleep(0.01)
    out.append(local.value)


ls = [threading.Thread(target=use_local, args=("t%d" % i,)) for i in range(3)]
for t in ls:
    t.start()
for t in ls:
    t.join()
print(sorted(out), local.value)


class Config(threading.local):
    def __init__(self, level):
        self.level = level
        self.items = []


cfg = Config(3)
cfg.items.append("main")


def use_cfg():
    cfg.items.append("thread")
    out2.append((cfg.level, cfg.items))


out2 = []
t = threading.Thread(target=use_cfg)
t.start()
t.join()
print(out2, cfg.items)

# Misuse.
t = threading.Thread(target=job)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
t.start()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
t.join()
print(threading.TIMEOUT_MAX > 1e6, threading.ThreadError is RuntimeError)

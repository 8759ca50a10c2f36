# Synchronisation: Lock-protected counters, RLock re-entry, Condition handshakes, Semaphore bounds,
# Event signalling, Barrier rounds (with action, abort and reset), and Timer with cancel.
import threading
import time

# A counter many threads increment under a lock.
counter = 0
lock = threading.Lock()


def add(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


threads = [threading.Thread(target=add, args=(20000,)) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter)
print("lock:", lock.locked(), lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# A bank account whose transfer takes the same RLock twice.
class Account:
    def __init__(self, balance):
        self.balance = balance
        self.lock = threading.RLock()

    def deposit(self, amount):
        with self.lock:
            self.balance += amount

    def transfer_in(self, amount, times):
        for _ in range(times):
            with self.lock:
                self.deposit(amount)


acct = Account(100)
ts = [threading.Thread(target=acct.transfer_in, args=(i, 1000)) for i in range(1, 4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("balance:", acct.balance)
r = threading.RLock()
print(r.acquire(), r.acquire(), r._is_owned())
r.release()
r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# Ping-pong: two threads strictly alternate through a Condition.
cond = threading.Condition()
turn = ["ping"]
rally = []


def player(me, other, n):
    for _ in range(n):
        with cond:
            cond.wait_for(lambda: turn[0] == me)
            rally.append(me)
            turn[0] = other
            cond.notify_all()


a = threading.Thread(target=player, args=("ping", "pong", 4))
b = threading.Thread(target=player, args=("pong", "ping", 4))
b.start()
a.start()
a.join()
b.join()
print("rally:", " ".join(rally))
with cond:
    print("wait timeout:", cond.wait(0.01))
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)

# A semaphore lets at most two workers in at once.
sem = threading.Semaphore(2)
inside = 0
most = 0
state = threading.Lock()


def limited():
    global inside, most
    with sem:
        with state:
            inside += 1
            most = max(most, inside)
        time.sleep(0.01)
        with state:
            inside -= 1


ws = [threading.Thread(target=limited) for _ in range(6)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print("at most inside:", most)
print("semaphore:", sem.acquire(blocking=False), sem.acquire(blocking=False), sem.acquire(blocking=False),
      sem.acquire(timeout=0.01))
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)

# Event: workers wait for a start signal.
go = threading.Event()
ready = []


def runner(i):
    go.wait()
    with state:
        ready.append(i)


rs = [threading.Thread(target=runner, args=(i,)) for i in range(4)]
for t in rs:
    t.start()
print("before set:", ready, go.is_set())
go.set()
for t in rs:
    t.join()
print("after set:", sorted(ready), go.is_set(), go.wait(0))
go.clear()
print("cleared:", go.is_set(), go.wait(0.01))

# Barrier: three parties, an action run once per round, indexes 0..2.
rounds = []
barrier = threading.Barrier(3, action=lambda: rounds.append("round"))
indexes = []


def party():
    for _ in range(2):
        i = barrier.wait()
        with state:
            indexes.append(i)


ps = [threading.Thread(target=party) for _ in range(3)]
for t in ps:
    t.start()
for t in ps:
    t.join()
print("barrier:", rounds, sorted(indexes), barrier.parties, barrier.n_waiting, barrier.broken)

# A party that times out breaks the barrier for the others.
b2 = threading.Barrier(2)
outcome = []
try:
    b2.wait(timeout=0.01)
except threading.BrokenBarrierError:
    outcome.append("timed out")
print("broken:", b2.broken, outcome)
b2.reset()
print("reset:", b2.broken)
t = threading.Thread(target=b2.wait)
t.start()
print("second party index:", b2.wait())
t.join()
b2.abort()
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("aborted barrier raises BrokenBarrierError")

# Timers: one fires, one is cancelled before it fires.
fired = []
t1 = threading.Timer(0.02, fired.append, args=["first"])
t2 = threading.Timer(5.0, fired.append, args=["never"])
t1.start()
t2.start()
t2.cancel()
t1.join()
t2.join()
print("timers:", fired, t1.is_alive(), t2.is_alive())

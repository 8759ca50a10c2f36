# Producer/consumer pipelines over queue.Queue: blocking get/put across threads, bounded queues,
# task_done/join, sentinels, priority and LIFO order, and the timeouts of Empty/Full.
import queue
import threading

q = queue.Queue(maxsize=3)
results = []


def producer(n):
    for i in range(n):
        q.put(i)
    q.put(None)


def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * 10)
        q.task_done()


c = threading.Thread(target=consumer)
p = threading.Thread(target=producer, args=(8,))
c.start()
p.start()
q.join()
p.join()
c.join()
print("pipeline:", results)
print("empty:", q.empty(), "size:", q.qsize(), "unfinished:", q.unfinished_tasks)

# Two stages: squares, then sums of pairs, each with its own worker pool.
stage1 = queue.Queue()
stage2 = queue.Queue()
totals = []
lock = threading.Lock()


def square_worker():
    while True:
        x = stage1.get()
        if x is None:
            break
        stage2.put(x * x)


def collect(n):
    for _ in range(n):
        v = stage2.get()
        with lock:
            totals.append(v)


workers = [threading.Thread(target=square_worker) for _ in range(3)]
collector = threading.Thread(target=collect, args=(10,))
for w in workers:
    w.start()
collector.start()
for i in range(10):
    stage1.put(i)
for _ in workers:
    stage1.put(None)
for w in workers:
    w.join()
collector.join()
print("stage totals:", sorted(totals), sum(totals))

# Priority and LIFO queues fed by one thread and drained by another.
pq = queue.PriorityQueue()
lq = queue.LifoQueue()


def feed():
    for prio, name in [(3, "low"), (1, "high"), (2, "mid")]:
        pq.put((prio, name))
        lq.put(name)


t = threading.Thread(target=feed)
t.start()
t.join()
print("priority:", [pq.get()[1] for _ in range(3)])
print("lifo:", [lq.get() for _ in range(3)])

# Timeouts and non-blocking calls.
small = queue.Queue(maxsize=1)
small.put("x")
try:
    small.put("y", timeout=0.01)
except queue.Full:
    print("Full after timeout")
try:
    small.put_nowait("y")
except queue.Full:
    print("Full at once")
print(small.get_nowait())
try:
    small.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")
try:
    small.get(block=False)
except queue.Empty:
    print("Empty at once")

# A consumer that waits with a timeout for a producer that is slow to start.
late = queue.Queue()


def slow_producer():
    import time
    time.sleep(0.02)
    late.put("late item")


sp = threading.Thread(target=slow_producer)
sp.start()
print("got:", late.get(timeout=5))
sp.join()

# SimpleQueue between threads.
sq = queue.SimpleQueue()
got = []


def drain():
    for _ in range(4):
        got.append(sq.get())


d = threading.Thread(target=drain)
d.start()
for i in "abcd":
    sq.put(i)
d.join()
print("simple:", got, sq.empty())
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)

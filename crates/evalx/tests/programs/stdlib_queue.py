import queue
q = queue.Queue()
for i in range(5):
    q.put(i)
print(q.qsize(), q.empty(), q.full(), [q.get() for _ in range(3)], q.get_nowait(), q.qsize())
q.get()
for f in [q.get_nowait, lambda: q.get(block=False), lambda: q.get(timeout=0.01)]:
    try:
        f()
    except queue.Empty as e:
        print('Empty', repr(e))
b = queue.Queue(maxsize=2)
b.put('a'); b.put_nowait('b')
print(b.full(), b.qsize(), b.maxsize)
for f in [lambda: b.put_nowait('c'), lambda: b.put('c', timeout=0)]:
    try:
        f()
    except queue.Full as e:
        print('Full', repr(e))
lq = queue.LifoQueue()
for c in 'abc':
    lq.put(c)
print([lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for item in [(3, 'low'), (1, 'high'), (2, 'mid'), (1, 'also high')]:
    pq.put(item)
print([pq.get() for _ in range(4)])
sq = queue.SimpleQueue()
sq.put(1); sq.put(2)
print(sq.qsize(), sq.get(), sq.get_nowait(), sq.empty())
t = queue.Queue()
t.put('job1'); t.put('job2')
while not t.empty():
    job = t.get()
    print('working on', job)
    t.task_done()
t.join()
print('all done', t.unfinished_tasks)
try:
    t.task_done()
except ValueError as e:
    print('ValueError', e)
try:
    t.get(timeout=-1)
except ValueError as e:
    print('ValueError', e)
print(issubclass(queue.Empty, Exception), queue.Queue.__name__)

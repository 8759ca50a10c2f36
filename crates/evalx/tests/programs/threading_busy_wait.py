# Threads that never block: a busy-wait loop on a flag another thread sets, two CPU-bound threads
# sharing the interpreter, a spinning worker stopped by the main thread, and time.sleep(0) as a yield.
import threading
import time

flag = False


def setter():
    global flag
    total = 0
    for i in range(50000):
        total += i
    flag = True


t = threading.Thread(target=setter)
t.start()
spins = 0
while not flag:
    spins += 1
t.join()
print("flag seen:", flag)

# Two CPU-bound threads both finish, whatever the interleaving.
sums = {}


def crunch(name, n):
    s = 0
    for i in range(n):
        s += i * i
    sums[name] = s


a = threading.Thread(target=crunch, args=("a", 300000))
b = threading.Thread(target=crunch, args=("b", 200000))
a.start()
b.start()
a.join()
b.join()
print(sorted(sums.items()))

# A worker that spins until told to stop.
stop = threading.Event()
count = [0]


def spinner():
    while not stop.is_set():
        count[0] += 1


s = threading.Thread(target=spinner, daemon=True)
s.start()
time.sleep(0.02)
stop.set()
s.join()
print("spinner stopped:", not s.is_alive(), count[0] > 0)

# sleep(0) hands the turn over: the two threads alternate.
trace = []


def step(name):
    for i in range(3):
        trace.append(name + str(i))
        time.sleep(0)


x = threading.Thread(target=step, args=("x",))
y = threading.Thread(target=step, args=("y",))
x.start()
y.start()
x.join()
y.join()
print(sorted(trace))

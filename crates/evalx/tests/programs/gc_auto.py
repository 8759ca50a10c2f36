# The cycle collector runs by itself (CPython's generational thresholds), and gc's settings drive it.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
        self.items = []


class Noisy:
    def __init__(self, n):
        self.n = n
        self.me = self

    def __del__(self):
        print("finalized", self.n)


print(gc.get_threshold(), gc.isenabled())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
gc.collect()

# Cycles made in a loop are freed as the program runs: a weak reference to an early one dies long
# before the loop ends, without gc.collect().
first = None
for i in range(5000):
    a = Node(i)
    b = Node(-i)
    a.peer = b
    b.peer = a
    a.items.append(b)
    a.items.append(a.items)
    if first is None:
        first = weakref.ref(a)
print("first cycle freed by itself:", first() is None)

# Disabled: nothing is collected until collect() or enable().
gc.collect()
gc.disable()
print(gc.isenabled())
refs = []
for i in range(3000):
    n = Node(i)
    n.peer = n
    refs.append(weakref.ref(n))
print("alive while disabled:", sum(r() is not None for r in refs))
print("young count grew:", gc.get_count()[0] >= 3000)
print("collected:", gc.collect() >= 3000)
print("alive after collect:", sum(r() is not None for r in refs))
gc.enable()

# Automatic collections call gc.callbacks.
phases = []
gc.callbacks.append(lambda phase, info: phases.append((phase, sorted(info))))
for i in range(2000):
    n = Node(i)
    n.peer = n
gc.callbacks.clear()
print(phases[0], phases[1])

# Finalizers of cyclic garbage run, once each, in a collection.
gc.collect()
gc.disable()
for i in range(3):
    Noisy(i)
print("before collect")
print(gc.collect())
gc.enable()

# Objects still referenced from outside survive every collection.
keep = []
for i in range(3000):
    n = Node(i)
    n.peer = n
    keep.append(n)
gc.collect()
print(len(keep), all(k.peer is k for k in keep), keep[1234].name)

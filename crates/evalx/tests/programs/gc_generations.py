# The collector's generations under churn: instances that die in any order (newest first, oldest first,
# at random) while others live on in older generations; survivors keep their attributes through many
# collections, garbage cycles in old generations are found by a full collection, and weak references
# count only the program's own.
import gc
import random
import weakref


class Cell:
    def __init__(self, n):
        self.n = n
        self.link = None


rng = random.Random(7)

# Long-lived instances, some in self-cycles, moved to the oldest generation.
keep = [Cell(i) for i in range(4000)]
for c in keep[::3]:
    c.link = c
gc.collect()
print("count after collect:", gc.get_count()[0] < 100)
print("weak refs:", weakref.getweakrefcount(keep[0]))
w = weakref.ref(keep[0])
print("weak refs now:", weakref.getweakrefcount(keep[0]))
del w

# Short-lived instances freed newest first, oldest first and at random, between automatic collections.
for rnd in range(5):
    tmp = [Cell(i) for i in range(3000)]
    if rnd % 3 == 0:
        while tmp:
            tmp.pop()
    elif rnd % 3 == 1:
        tmp.reverse()
        while tmp:
            tmp.pop()
    else:
        rng.shuffle(tmp)
        while tmp:
            tmp.pop()

# Old instances die at random; those in self-cycles become garbage of the oldest generation.
rng.shuffle(keep)
dropped = keep[2000:]
del keep[2000:]
refs = [weakref.ref(c) for c in dropped]
cyclic = sum(1 for c in dropped if c.link is c)
del dropped, c
alive = sum(1 for r in refs if r() is not None)
print("left alive by cycles:", alive == cyclic)
freed = gc.collect()
print("full collection freed them:", freed >= cyclic, sum(1 for r in refs if r() is not None))

# The survivors are intact after more churn and collections of every generation.
for rnd in range(3):
    junk = []
    for i in range(2500):
        a = Cell(i)
        a.link = Cell(-i)
        a.link.link = a
        junk.append(a)
        if i % 2:
            junk.pop(rng.randrange(len(junk)))
    del junk
    gc.collect(rnd % 3)
gc.collect()
print(len(keep), sorted(c.n for c in keep)[:5], all(c.link is None or c.link is c for c in keep))
print("sum:", sum(c.n for c in keep) == sum(sorted(c.n for c in keep)))


# A finalizer that resurrects its object: it survives the collection and is collected later.
class Phoenix:
    saved = []

    def __init__(self):
        self.me = self

    def __del__(self):
        print("phoenix del")
        Phoenix.saved.append(self)


Phoenix()
gc.collect()
print("saved:", len(Phoenix.saved))
Phoenix.saved.clear()
print("collected again:", gc.collect() >= 1)


# Instances with their own __hash__ (the collector keeps their link beside the hash) as keys, in
# cycles, through collections.
class Key:
    def __init__(self, k):
        self.k = k
        self.me = self

    def __hash__(self):
        return self.k

    def __eq__(self, other):
        return isinstance(other, Key) and other.k == self.k


d = {}
for i in range(2000):
    d[Key(i * 7919 - 10**6)] = i
gc.collect()
print(sum(d.values()), d[Key(7919 * 5 - 10**6)], Key(3) in d)
big = Key(-2**63 + 5)
print({big: 1}[big], hash(big) == hash(Key(-2**63 + 5)))
gc.collect(0)
del d, big
print("user-hashed cycles freed:", gc.collect() >= 2000)
print("end")

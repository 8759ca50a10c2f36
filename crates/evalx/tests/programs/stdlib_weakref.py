import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Node(%r)" % self.name

    def method(self):
        return "method of " + self.name


# ref: the referent while it lives, None once the last strong reference goes
n = Node("a")
r = weakref.ref(n)
print(r() is n, r(), r.__callback__, type(r).__name__, weakref.ref is weakref.ReferenceType)
print(weakref.getweakrefcount(n))
r2 = weakref.ref(n)
print(weakref.getweakrefcount(n), r == r2, hash(r) == hash(n))
alias = n
del n
print(r() is alias)
del alias
print(r() is None, r(), r == r2)
try:
    hash(weakref.ref(Node("t")))
except TypeError as e:
    print("TypeError:", e)

# callbacks receive the dead reference
events = []


def gone(ref):
    events.append(("gone", ref is r3, ref()))


n = Node("b")
r3 = weakref.ref(n, gone)
print(r3.__callback__ is gone)
del n
gc.collect()
print(events, r3())

# what cannot be weakly referenced
for v in [1, 2.5, "s", b"b", (1,), [1], {1: 2}, None, True, object(), range(3), 1j]:
    try:
        weakref.ref(v)
    except TypeError as e:
        print("TypeError:", e)
print(weakref.getweakrefcount(5), weakref.getweakrefcount([]))

# functions, classes, sets and bound methods can be
def f():
    return 42


rf = weakref.ref(f)
print(rf()(), weakref.ref(Node)().__name__, weakref.ref({1, 2})())
m = Node("c")
rm = weakref.ref(m.method)
print(rm())  # the bound method was a temporary: already gone
wm = weakref.WeakMethod(m.method)
print(wm()(), wm() == m.method, wm == weakref.WeakMethod(m.method))
del m
print(wm())
try:
    weakref.WeakMethod(f)
except TypeError as e:
    print("TypeError:", e)

# proxy
n = Node("p")
p = weakref.proxy(n)
print(p.name, p.method(), type(p).__name__, weakref.getweakrefcount(n))
p.name = "q"
print(n.name, str(p))
cp = weakref.proxy(f)
print(type(cp).__name__, cp())
lst_holder = Node("l")
del n
try:
    p.name
except ReferenceError as e:
    print("ReferenceError:", e)

# WeakValueDictionary: a cache whose entries go with their values
cache = weakref.WeakValueDictionary()
a, b = Node("x"), Node("y")
cache["x"] = a
cache["y"] = b
print(len(cache), sorted(cache.keys()), cache["x"], "x" in cache, cache.get("z", "none"))
del a
print(len(cache), list(cache.keys()), "x" in cache, cache.get("x"))
try:
    cache["x"]
except KeyError as e:
    print("KeyError:", e)
print(cache.setdefault("w", b) is b, sorted(cache), cache.pop("w"))
print(sorted(k for k, v in cache.items()), [v for v in cache.values()])
del b
print(len(cache), dict(cache.items()))

# WeakKeyDictionary: data attached to objects without keeping them alive
meta = weakref.WeakKeyDictionary()
k1, k2 = Node("k1"), Node("k2")
meta[k1] = 1
meta[k2] = 2
print(len(meta), meta[k1], k2 in meta, sorted(meta.values()), meta.get(Node("other"), "-"))
del k1
print(len(meta), list(meta.keys()), list(meta.items()))

# WeakSet
ws = weakref.WeakSet()
s1, s2 = Node("s1"), Node("s2")
ws.add(s1)
ws.add(s2)
ws.add(s1)
print(len(ws), s1 in ws, sorted(x.name for x in ws), 3 in ws)
del s2
print(len(ws), [x.name for x in ws])
ws.discard(s1)
print(len(ws), list(ws))

# finalize
log = []
obj = Node("fin")
fz = weakref.finalize(obj, log.append, "finalized")
print(fz.alive, fz.atexit, fz.peek()[2:], fz.peek()[0] is obj)
del obj
print(fz.alive, log)
print(fz(), fz.alive, log)

obj = Node("fin2")
fz = weakref.finalize(obj, lambda *a, **k: ("called", a, k), 1, 2, key="v")
print(fz(), fz.alive, fz(), fz.detach())
fz = weakref.finalize(obj, print, "never")
o2, func, args, kwargs = fz.detach()
print(o2 is obj, func is print, args, kwargs, fz.alive)
del obj, o2
gc.collect()
print("done")

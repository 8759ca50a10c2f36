# slice.indices and the set-like dict views' isdisjoint.
print(slice(1, None, -2).indices(10), slice(None).indices(0), slice(-100, 100, 3).indices(7))
print(slice(5, 1, -1).indices(3), slice(2**70).indices(5), slice(1).indices(True))
for bad in [lambda: slice(0, 1, 0).indices(5), lambda: slice(1).indices(-1), lambda: slice(1).indices("a"),
            lambda: slice("a").indices(3), lambda: slice(1).indices()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
s = slice(2, 9, 3)
print(list(range(20))[s] == [list(range(20))[i] for i in range(*s.indices(20))])
d = {1: 2, 3: 4}
print(d.keys().isdisjoint([5]), d.keys().isdisjoint({1}), d.items().isdisjoint([(1, 2)]))
print(d.items().isdisjoint([(1, 3)]), d.keys().isdisjoint(x for x in range(3, 9)))
try:
    d.keys().isdisjoint(5)
except TypeError as e:
    print(e)
print(hasattr(d.values(), "isdisjoint"), hasattr(d.keys(), "isdisjoint"))
print([n for n in dir(slice(1)) if not n.startswith("_")], [n for n in dir({}.keys()) if not n.startswith("_")])
print([n for n in dir({}.items()) if not n.startswith("_")], [n for n in dir({}.values()) if not n.startswith("_")])

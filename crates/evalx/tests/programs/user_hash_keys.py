# User classes as dict keys and set members: __hash__ is called on every lookup, __eq__ on a hash match
# (identity first), and every dict/set operation goes through them.
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        print("eq", self.x, o.x if isinstance(o, P) else o)
        return isinstance(o, P) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        print("hash", self.x)
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x}, {self.y})"

d = {P(1, 2): "a"}
print(P(1, 2) in d, P(2, 1) in d)
print(d[P(1, 2)])
print(d.get(P(1, 2)), d.get(P(3, 4), "no"))
d[P(1, 2)] = "b"
print(d, len(d))
print(d.setdefault(P(1, 2), "z"), d.setdefault(P(7, 8), "new"), len(d))
print(d.pop(P(1, 2)), d.pop(P(1, 2), "gone"))
del d[P(7, 8)]
print(d)
try:
    d[P(9, 9)]
except KeyError as e:
    print("KeyError", e)
try:
    del d[P(9, 9)]
except KeyError as e:
    print("KeyError", e)
print(P(1, 2) in d.keys(), (P(1, 2), "x") in {P(1, 2): "x"}.items())

s = {P(1, 2), P(1, 2), P(3, 4)}
print(len(s))
s.add(P(3, 4))
print(len(s), P(3, 4) in s, P(4, 3) in s)
s.discard(P(1, 2))
s.remove(P(3, 4))
print(s)
try:
    s.remove(P(3, 4))
except KeyError as e:
    print("KeyError", e)
print(len({p for p in [P(5, 5), P(5, 5)]}), len(set([P(6, 6), P(6, 6)])), len(dict.fromkeys([P(0, 0), P(0, 0)])))
print(len({P(1, 1): 1, P(1, 1): 2}), {P(1, 1): 1, P(1, 1): 2})

# The same object is found without calling __eq__ (identity first).
p = P(8, 8)
print({p: 1}[p])

# Only __hash__: instances hash by it but compare by identity.
class H:
    def __hash__(self):
        return 7
a, b = H(), H()
print(len({a, b}), a in {a}, H() in {a}, hash(a))

# Default: identity hashing, each instance its own key.
class I:
    pass
a, b = I(), I()
d = {a: 1, b: 2}
print(d[a], d[b], len(d), a in d, I() in d, hash(a) == hash(a))

# Inheriting both keeps the class hashable; equality with other types works through __eq__.
class Q(P):
    pass
print({Q(1, 2): 1}.get(P(1, 2)))

class One:
    def __eq__(self, o):
        return o == 1
    def __hash__(self):
        return 1
print({1: "int one"}[One()], One() in {1, 2})

class Neg:
    def __hash__(self):
        return -1
print(hash(Neg()), hash(True), hash(One()))

class B:
    def __hash__(self):
        return True
print(hash(B()))

# __eq__ that changes the dict while it is being searched does not break the lookup.
class M:
    def __hash__(self):
        return 3
    def __eq__(self, o):
        dd.clear()
        return False
dd = {M(): 1}
print(M() in dd, dd)

# Set membership, algebra and equality answered by the slot table: equal numbers of different types,
# members with their own __eq__/__hash__, dummies left by removals, copies and nesting.
s = {1, 2.0, True, (1, 2), frozenset({3})}
print(len(s), 1.0 in s, 2 in s, (1.0, 2) in s, frozenset([3.0]) in s)
print(sorted(x for x in s if isinstance(x, (int, float))), {1, 2} <= s, s >= {True, 2.0}, {1} < s)

class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
    def __repr__(self):
        return 'K(%r)' % self.v

a = {K(1), K(2), 3}
b = {K(2), 3, 4}
print(sorted(map(repr, a & b)), sorted(map(repr, a - b)), sorted(map(repr, a ^ b)), K(1) in a)
print(a == {3, K(2), K(1)}, a.isdisjoint({K(9)}), a.issubset(a | b))

t = set(range(40))
for i in range(0, 40, 3):
    t.discard(i)
u = t.copy()
print(list(t) == list(u), len(u), 3 in u, 4 in u)
u -= {4, 5, 100}
print(sorted(u)[:6], u <= t, t <= u, u == t - {4, 5}, frozenset(u) == u)
big = set(range(1000))
small = {10, 500, 999, 1000}
print(sorted(big & small), sorted(small - big), len(big - small), big.isdisjoint({-1, -2}))
print({frozenset({1, 2}): 'x'}[frozenset({2, 1})], hash(frozenset(u)) == hash(frozenset(sorted(u))))
d = {}
for k in range(20):
    d[frozenset(range(k))] = k
print(d[frozenset(range(7))], frozenset(range(3)) in d, len({frozenset(), frozenset()}))
p = {5, 1, 33, 2}
print(p, p.pop(), p, p - {33}, p & {1, 2, 3}, p | {40, 8})
x = {1, 2, 3}
x -= x
print(x, set() == frozenset(), {1, 2} == {2, 1}, {1, 2} != {1, 3})

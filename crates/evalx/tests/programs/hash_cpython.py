# hash() of numbers, tuples, frozensets and ranges equals CPython's (str/bytes hashes are randomized there).
for v in [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, -(2**61), 2**63 - 1, -(2**63), 2**100, -(2**100) - 7,
          10**30 + 3, True, False]:
    print(repr(v), hash(v))
for f in [0.0, -0.0, 0.5, 1.5, -1.0, -1.5, 1e100, -1e-300, 5e-324, 3.141592653589793, 1e18, 2.0**61,
          float("inf"), float("-inf"), 123456789.123, 0.1]:
    print(repr(f), hash(f))
print(hash(1) == hash(1.0) == hash(True), hash(2**70) == hash(float(2**70)))
for t in [(), (1,), (1, 2), (1, (2, 3)), (-1,), (1.5, True), ((),), (0, 0, 0), (2**64, -3.25)]:
    print(repr(t), hash(t))
for fs in [frozenset(), frozenset({1}), frozenset({1, 2, 3}), frozenset({(1, 2), 3.5}),
           frozenset({frozenset({1}), frozenset()})]:
    print(sorted(fs, key=repr), hash(fs))
print(hash(frozenset({1, 2, 3})) == hash(frozenset([3, 2, 1, 2])))
print(hash(range(5)) == hash(range(0, 5, 1)), hash(range(1, 10, 3)) == hash(range(1, 11, 3)))
class P:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v
print(hash(P(-1)), hash(P(7)), hash(P(2**61 + 5)))
print(hash((P(3), 4)) == hash((3, 4)))

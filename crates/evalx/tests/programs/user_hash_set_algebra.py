# Set algebra, comparisons and dict merges match members/keys through their class's __eq__ (stored hashes,
# no new __hash__ calls), as CPython does.
class P:
    def __init__(self, x): self.x = x
    def __eq__(self, o): print("eq", self.x); return isinstance(o, P) and self.x == o.x
    def __hash__(self): print("hash", self.x); return hash(self.x)
    def __repr__(self): return f"P({self.x})"
d = {(P(1), 2): "t"}
print((P(1), 2) in d, d[(P(1), 2)], d.get((P(1), 3)))
print({P(1)} == {P(1)}, {P(1)} == {P(2)}, {P(1)} != {P(1)})
print({P(1): 1} == {P(1): 1}, {P(1): 1} == {P(1): 2})
print({(1, 2): 1} == {(1, 2): 1}, {1, 2} == {2, 1})
class P:  # quiet variant
    def __init__(self, x): self.x = x
    def __eq__(self, o): return isinstance(o, P) and self.x == o.x
    def __hash__(self): return hash(self.x)
    def __repr__(self): return f"P({self.x})"
a, b = {P(1), P(2)}, {P(2), P(3)}
print(sorted(a | b, key=lambda p: p.x), a & b, a - b, a ^ b)
print(a.union(b) == {P(1), P(2), P(3)}, a.intersection(b), a.difference(b), a.issubset({P(1), P(2), P(9)}), a.isdisjoint({P(1)}))
c = set(a); c.update([P(1), P(5)]); print(len(c))
c.difference_update([P(1)]); print(len(c))
d = {P(1): 1}; d.update({P(1): 2}); print(d)
d.update([(P(1), 3)]); print(d)
print(dict({P(1): 1}, **{}) == {P(1): 1}, {**{P(1): 1}, **{P(1): 2}})
print(1 in {P(1)}, [P(1)].count(P(1)), P(1) in [P(1)])
print({P(1)} <= {P(1), P(2)}, {P(1), P(2)} > {P(2)}, {P(3)} < {P(3)}, {P(1)} >= {P(2)})
print(frozenset([P(1)]) == frozenset([P(1)]), {P(1)}.issuperset([P(1)]), {P(2)}.symmetric_difference([P(2), P(4)]))
print({P(1): 1} | {P(1): 2})

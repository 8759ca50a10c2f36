s = {3, 1, 2}
s.add(4); s.discard(10); s.remove(1)
print(sorted(s), len(s), 2 in s, sorted(s | {9}), sorted(s & {2, 3}), sorted(s - {2}), sorted(s ^ {2, 7}))
print(sorted(s.union([5])), sorted(s.intersection([2, 3, 8])), sorted(s.difference([2])), sorted(s.symmetric_difference([3, 9])))
print(s.issubset({1, 2, 3, 4}), s.issuperset({2}), s.isdisjoint({8}), {1, 2} <= {1, 2, 3}, {1} < {1}, set(), frozenset([1]))
t = s.copy(); t.update([8, 9]); t.intersection_update([8, 9, 2]); print(sorted(t))
t.difference_update([8]); t.symmetric_difference_update([2, 5]); print(sorted(t), t.pop() in (5, 9), len(t))
print([m for m in dir(set) if not m.startswith("_")], {x % 3 for x in range(10)}, frozenset({1}) == {1})

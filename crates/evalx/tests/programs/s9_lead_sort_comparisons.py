for xs in ([1, None], [None, 1], [1, 2, None], [3, 'a', 1], ['b', 1]):
    for rev in (False, True):
        try:
            sorted(xs, reverse=rev)
        except TypeError as e:
            print(xs, rev, e)
        try:
            xs2 = list(xs); xs2.sort(key=lambda v: v, reverse=rev)
        except TypeError as e:
            print('key', xs, rev, e)
class K:
    def __init__(self, v, tag):
        self.v = v; self.tag = tag
    def __lt__(self, other):
        print('lt', self.tag, other.tag)
        return self.v < other.v
    def __repr__(self):
        return self.tag
import random
random.seed(5)
for n in (0, 1, 2, 3, 5, 9, 17):
    vals = [K(random.randrange(4), 'k%d' % i) for i in range(n)]
    print(n, sorted(vals))
    print(n, sorted(vals, reverse=True))
    print(n, sorted(vals, key=lambda k: -k.v if k.v % 2 else k.v))
desc = [K(v, 'd%d' % v) for v in (5, 4, 3, 3, 1, 2, 0)]
print(sorted(desc))
print(sorted([(2, 'b'), (1, 'z'), (2, 'a'), (1.5, 'q')]))
print(sorted([3, 1.5, True, 2], reverse=True))
xs = [1, 3, None, 2]
try:
    xs.sort()
except TypeError as e:
    print(e)

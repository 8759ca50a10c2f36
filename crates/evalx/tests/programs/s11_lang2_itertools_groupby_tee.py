# itertools.groupby's _grouper objects and tee's copyable _tee objects, as CPython's.
import copy
import itertools
from itertools import groupby, tee

# a group stops once the outer iterator moves on
g = groupby("aabbbcd")
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, list(g1), k2, list(g2))
print(type(g1).__name__, type(g1), type(g1).__module__)
print(iter(g1) is g1)

# partly read group, then the outer moves on
g = groupby([1, 1, 1, 2, 2, 3, 3, 3, 3])
k, grp = next(g)
print(k, next(grp))
k, grp2 = next(g)
print(k, list(grp), list(grp2))
print([(k, len(list(v))) for k, v in groupby([1, 1, 1, 2, 2, 3, 3, 3, 3])])

# groups kept in a list are all empty but the last
groups = list(groupby("aaabbc"))
print([(k, list(v)) for k, v in groups])

# key function, keys that compare equal
words = ["apple", "avocado", "banana", "blueberry", "cherry", "akee"]
for k, v in groupby(words, key=lambda w: w[0]):
    print(k, list(v))
for k, v in groupby([1, 1.0, True, 2, 2.0]):
    print(repr(k), list(v))
print(list(groupby([])))

# the inner group is lazy: reading it drives the source
src = iter(range(10))
g = groupby(src, key=lambda x: x // 4)
k, grp = next(g)
print(k, next(grp), next(src))
print(list(grp), [(k, list(v)) for k, v in g])

# tee objects
a, b = tee([1, 2, 3, 4])
print(type(a).__name__, type(a), type(a).__module__)
print(next(a), next(a))
c = copy.copy(a)
d = a.__copy__()
print(type(c).__name__, list(a), list(c), list(d), list(b))

# tee of a tee copies it (the first is the tee itself)
a, b = tee(iter("xyz"))
next(a)
x, y, z = tee(a, 3)
print(x is a, y is a, list(y), list(x), list(z), list(b))

# tee of an iterator with __copy__ copies the iterator
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
    def __copy__(self):
        return Countdown(self.n)

cd = Countdown(3)
p, q = tee(cd)
print(p is cd, type(q).__name__, list(p), list(q))

# _tee built from an iterable, n = 0 and 1, errors
t = itertools._tee([5, 6])
print(type(t).__name__, list(t))
print(tee([1, 2], 0), [type(x).__name__ for x in tee([1, 2], 1)])
for bad in (-1, "2", 1.5):
    try:
        tee([1], bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# a long shared buffer
a, b = tee(range(100000))
print(sum(a), sum(b))

# neither _grouper nor _tee can be subclassed
for t in (type(next(groupby("a"))[1]), type(tee([1])[0])):
    try:
        class Sub(t):
            pass
    except TypeError as e:
        print(e)

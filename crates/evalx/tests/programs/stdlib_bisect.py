print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 2, 0, 2))
bisect.insort(a, 2.5); print(a)
bisect.insort_left(a, 0); print(a)
print(bisect.bisect_left([(1,'a'),(3,'b')], 2, key=lambda t: t[0]))
try: bisect.bisect(a, 1, -1)
except ValueError as e: print(e)
import operator
from operator import itemgetter, attrgetter, methodcaller
print(operator.add(1, 2), operator.mul('a', 3), operator.neg(3), operator.not_(0), operator.__add__(1, 1))
def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
recs = [('a', 1), ('c', 3)]
bisect.insort(recs, ('b', 2), key=lambda r: r[1]); print(recs)
print(bisect.bisect_right([1, 1, 1], 1, hi=2), bisect.bisect_left([], 5), bisect.bisect_left(x=3, a=[1, 5]))
for bad in [lambda: bisect.bisect_left([1], 1, x=2), lambda: bisect.bisect(5, 1), lambda: bisect.bisect([1]),
            lambda: bisect.bisect([1, 2], 'a')]:
    try:
        bad()
    except TypeError as e:
        print(e)

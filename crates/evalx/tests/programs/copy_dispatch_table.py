# copy and deepcopy ask copyreg.dispatch_table first; copy.copy follows __reduce_ex__ as CPython's does.
import copy
import copyreg


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
        self.tags = ['a']

    def __repr__(self):
        return 'Point(%r, %r, %r)' % (self.x, self.y, self.tags)


def reduce_point(p):
    print('reducing', p)
    return Point, (p.x * 10, p.y * 10)


copyreg.pickle(Point, reduce_point)
p = Point(1, 2)
print(copy.copy(p))
print(copy.deepcopy(p))
print(copy.deepcopy([p, p])[0] is not p)
del copyreg.dispatch_table[Point]
q = copy.copy(p)
print(q, q.tags is p.tags)
r = copy.deepcopy(p)
print(r, r.tags is p.tags)


class Reduced:
    def __init__(self, items):
        self.items = items

    def __reduce__(self):
        return (Reduced, (self.items,), {'extra': [1]})


a = Reduced([1, 2])
b = copy.copy(a)
print(b.items is a.items, b.extra)
c = copy.deepcopy(a)
print(c.items is a.items, c.items, c.extra)


class Named:
    def __reduce__(self):
        return 'Named'


n = Named()
print(copy.copy(n) is n, copy.deepcopy(n) is n)


class WithState:
    def __init__(self):
        self.v = [1]

    def __reduce_ex__(self, proto):
        return (WithState, (), {'v': self.v}, None, None)


w = WithState()
print(copy.copy(w).v is w.v, copy.deepcopy(w).v is w.v)
print(copy.copy(int) is int, copy.copy(Point) is Point)

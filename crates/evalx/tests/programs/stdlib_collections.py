from collections import deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
import collections
d = deque([1,2,3])
d.append(4); d.appendleft(0); print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.rotate(1); print(d); d.rotate(-2); print(d)
d2 = deque(range(10), maxlen=3); print(d2, d2.maxlen)
d2.appendleft(-1); print(d2)
q = deque()
for i in range(100): q.append(i)
s = 0
while q: s += q.popleft()
print(s, bool(q))
try: q.pop()
except IndexError as e: print(e)
dd = defaultdict(int)
for c in 'mississippi': dd[c] += 1
print(dd, dict(dd), sorted(dd.items()))
dl = defaultdict(list); dl['a'].append(1); print(dl, 'a' in dl, 'b' in dl, len(dl))
c = Counter('abracadabra'); print(c, c.most_common(2), c['z'])
c.update('aaz'); print(c)
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2))
print(sorted(Counter('hello').elements()), Counter('aab').total())
od = OrderedDict(); od['x'] = 1; od['y'] = 2; od['z'] = 3
od.move_to_end('x'); print(od, list(od)); od.move_to_end('z', last=False); print(od, od.popitem(last=False))
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2); print(p, p.x, p[1], p._asdict(), p._replace(x=5), Point._make([3, 4]), Point._fields)
x, y = p; print(x, y, p == (1, 2), hash(p) == hash((1, 2)), len(p))
P3 = namedtuple('P3', 'a b c', defaults=[0]); print(P3(1, 2))
try: Point(1)
except TypeError as e: print(e)
try: namedtuple('Bad', ['_a'])
except ValueError as e: print(e)
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm), sorted(cm), cm)
h = []
print(type(d).__name__, repr(deque()), deque('abc', 2), deque([1, 2]) == deque([1, 2]), 2 in deque([1, 2]))
dq = deque([1, 2, 3, 4])
dq.extendleft([0, -1]); print(dq, dq.index(2), dq.count(1))
dq.remove(2); dq.reverse(); print(dq, list(reversed(dq)), dq.copy())
del dq[0]; dq[0] = 'x'; print(dq)
for bad in [lambda: deque([], -1), lambda: deque([1]).remove(5), lambda: deque()[0], lambda: deque().popleft()]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
big = deque()
for i in range(1000):
    big.appendleft(i)
    if i % 3 == 0:
        big.pop()
print(len(big), big[0], big[-1], sum(big))
words = 'the cat and the hat and the bat'.split()
print(Counter(words).most_common(3), Counter(words)['the'])
dd2 = defaultdict(lambda: 'missing', {'a': 'x'}); print(dd2['a'], dd2['b'], sorted(dd2))
d3 = defaultdict(set); d3[1].add(2); print(d3, d3.get(5), 5 in d3)
try:
    defaultdict(None)['q']
except KeyError as e:
    print('KeyError', e)
try:
    defaultdict(5)
except TypeError as e:
    print(e)
c1 = Counter(a=2, b=-1)
print(+c1, -c1, c1 | Counter(a=5), c1 & Counter(a=1, b=3))
c1.subtract(a=1); print(c1, Counter())
od2 = OrderedDict.fromkeys('abc', 0); print(od2, od2 == OrderedDict([('a', 0), ('b', 0), ('c', 0)]))
Pt = namedtuple('Pt', 'x, y')
pts = sorted([Pt(2, 1), Pt(1, 5), Pt(1, 2)]); print(pts, pts[0] < pts[1], Pt(1, 2)._fields)
R = namedtuple('R', ['a', 'def', 'a'], rename=True); print(R._fields)
try:
    Pt(1, 2, 3)
except TypeError as e:
    print(e)
try:
    namedtuple('T', ['a', 'a'])
except ValueError as e:
    print(e)
child = cm.new_child({'c': 4}); print(child['c'], child['a'], child.parents, len(child))
cm['z'] = 0; print(cm.maps[0])
import collections.abc
from collections.abc import Iterable, Mapping
print(collections.abc.Sequence.__name__, Iterable.__name__)

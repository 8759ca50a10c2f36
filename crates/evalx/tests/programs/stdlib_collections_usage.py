from collections import Counter, defaultdict, deque, namedtuple, OrderedDict
c = Counter('hello world')
print({**c} == dict(c), max(c, key=c.get), c.most_common(1)[0])
graph = defaultdict(list)
for a, b in [(1, 2), (1, 3), (2, 4)]:
    graph[a].append(b)
    graph[b].append(a)
seen = {1}; q = deque([1]); order = []
while q:
    n = q.popleft(); order.append(n)
    for m in graph[n]:
        if m not in seen:
            seen.add(m); q.append(m)
print(order, dict(graph))
P = namedtuple('P', 'x y')
d = {P(1, 2): 'a'}
print(d[P(1, 2)], P(1, 2) in d, sorted([P(2, 0), P(1, 5)]), max(P(1, 2)), list(map(sum, [P(1, 2)])), isinstance(P(1,2), P))
x, *rest = P(3, 4); print(x, rest, '%s-%s' % tuple(P(5, 6)), P(*[7, 8]))
print(sorted(Counter([3, 1, 3]).items()), Counter(a=1) == Counter(a=1), Counter('ab') == {'a': 1, 'b': 1})
import itertools
print(list(itertools.accumulate(range(5), lambda a, b: a * (b + 1))), dict(enumerate('ab')))
for k, g in itertools.groupby(sorted(['ant', 'bee', 'bat', 'ape']), key=lambda w: w[0]):
    print(k, list(g))
od = OrderedDict(a=1); od['b'] = 2; del od['a']; print(od, list(od.items()), len(od))
dq = deque(maxlen=2); dq.extend([1, 2, 3]); print(dq, list(dq))

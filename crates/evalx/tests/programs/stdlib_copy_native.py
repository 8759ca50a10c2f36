# deepcopy's native walk and its Python-level paths: memo sharing, cycles, keep-alive, hooks, reduce.
import copy

shared = [1, 2]
data = {'a': (shared, shared), 'b': [shared] * 3, 'c': {'k': shared}}
d2 = copy.deepcopy(data)
print(d2 == data, d2['a'][0] is d2['a'][1], d2['b'][0] is d2['a'][0], d2['a'][0] is shared)

t = (1, 'x', (2, 3))
print(copy.deepcopy(t) is t, copy.deepcopy((1, [2]))[1] is not None)

cyc = [1]
cyc.append(cyc)
c2 = copy.deepcopy(cyc)
print(c2[1] is c2, c2 is cyc)

tc = ([],)
tc[0].append(tc)
tc2 = copy.deepcopy(tc)
print(tc2[0][0] is tc2, tc2 is tc)

memo = {}
x = [[1], [2]]
y = copy.deepcopy(x, memo)
print(memo[id(x)] is y, memo[id(memo)][-1] is x, len(memo[id(memo)]))
print(copy.deepcopy(x, memo=memo) is y)

class P:
    def __init__(self):
        self.a = [1]
        self.me = self
p = P()
p2 = copy.deepcopy(p)
print(type(p2).__name__, p2.a == p.a, p2.a is p.a, p2.me is p2)

class R:
    def __init__(self, v=0):
        self.v = v
        print('init', v)
    def __reduce__(self):
        return (R, (5,), {'v': [self.v]})
    def __setstate__(self, state):
        print('setstate', state)
        self.__dict__.update(state)
r2 = copy.deepcopy(R(3))
print(r2.v)

class RS:
    def __reduce__(self):
        return 'RS_global'
rs = RS()
print(copy.deepcopy(rs) is rs)

class GS:
    def __init__(self):
        self.x = 1
    def __getstate__(self):
        return {'x': self.x * 10}
print(copy.deepcopy(GS()).x)

class S:
    __slots__ = ('a', 'b')
s = S()
s.a = [1]
s2 = copy.deepcopy(s)
print(s2.a, s2.a is s.a, hasattr(s2, 'b'))

class D:
    def __init__(self, v):
        self.v = v
    def __deepcopy__(self, memo):
        print('hook', id(self) in memo)
        return D(self.v + 1)
print(copy.deepcopy([D(1)])[0].v)

class N:
    def __new__(cls):
        print('new')
        return super().__new__(cls)
n = N()
n.z = 3
print(copy.deepcopy(n).z)

fs = frozenset([1, 2])
print(copy.deepcopy(fs) == fs, copy.deepcopy({1, 2}))

class K:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return hash(self.k)
    def __eq__(self, o):
        return isinstance(o, K) and o.k == self.k
dk = copy.deepcopy({K(1): 'one'})
print([(type(k).__name__, k.k, v) for k, v in dk.items()])

def f():
    pass
print(copy.deepcopy(f) is f, copy.deepcopy(int) is int, copy.deepcopy(len) is len)

deep = []
for _ in range(5000):
    deep = [deep]
try:
    copy.deepcopy(deep)
except RecursionError as e:
    print('RecursionError')

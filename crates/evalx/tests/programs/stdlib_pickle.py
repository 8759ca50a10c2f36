import pickle
vals = [None, True, False, 0, 1, 255, 256, 65535, 65536, -1, -2**31, 2**31, 2**100, -2**70, 1.5, -0.0, float('inf'), 'hello', 'é€😀', '', b'\x00\xff', b'', bytearray(b'ab'), (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1, 'a', None], {}, {'a': 1, 'b': [2, 3]}, {1, 2, 3}, frozenset({4}), set(), [[1, 2], (3, 4), {5: 6}], 'x' * 300, list(range(1200)), {i: str(i) for i in range(5)}]
for p in (2, 3, 4, 5):
    for v in vals:
        d = pickle.dumps(v, protocol=p)
        back = pickle.loads(d)
        assert back == v and type(back) is type(v), (p, v, back)
    print(p, [pickle.dumps(v, protocol=p) for v in vals[:12]])
for v in vals[12:35]:
    print(pickle.dumps(v))
print(pickle.dumps(vals[35], 5), len(pickle.dumps(vals[-2])), pickle.dumps(vals[-1]))
shared = [1, 2]
obj = [shared, shared]
back = pickle.loads(pickle.dumps(obj))
print(back, back[0] is back[1], pickle.dumps(obj))
rec = [1]
rec.append(rec)
r = pickle.loads(pickle.dumps(rec))
print(r[1] is r, pickle.dumps(rec))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)


class Empty:
    pass


class Custom:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Custom, (self.v * 2,))


class WithState:
    def __init__(self):
        self.a = 1
        self.cache = 'big'

    def __getstate__(self):
        return {'a': self.a}

    def __setstate__(self, state):
        self.a = state['a']
        self.cache = None


def helper():
    return 42


p = Point(1, 'two')
print(pickle.dumps(p))
print(pickle.loads(pickle.dumps(p)) == p, type(pickle.loads(pickle.dumps(Empty()))).__name__)
print(pickle.loads(pickle.dumps(Custom(5))).v, vars(pickle.loads(pickle.dumps(WithState()))))
print(pickle.dumps(helper), pickle.loads(pickle.dumps(helper))(), pickle.loads(pickle.dumps(Point)) is Point, pickle.dumps(len), pickle.dumps(set))
print(pickle.dumps(Point(1, 2), protocol=2), pickle.dumps({1, 2}, protocol=2), pickle.dumps(b'ab', protocol=2))
for bad in [b'', b'\x80\x04\x95', b'\xff', 'str']:
    try:
        pickle.loads(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    pickle.dumps(lambda: 0)
except pickle.PicklingError as e:
    print('PicklingError', str(e).split(' at ')[0])
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)

class S(str): pass
a, b = S('a'), S('b')
tests = [
 lambda: ','.join([a, 'b']),
 lambda: 'abc'.replace(a, 'x'),
 lambda: 'abc'.startswith(a),
 lambda: 'abc'.split(b),
 lambda: 'abc'.find(b),
 lambda: 'abc'.count(a),
 lambda: 'abc'.strip(a),
 lambda: 'abc'.partition(b),
 lambda: a + 'x',
 lambda: 'x' + a,
 lambda: a in 'abc',
 lambda: 'abc'.index(b),
 lambda: 'abc'.endswith((S('c'),)),
 lambda: '{}-{}'.format(a, b),
 lambda: 'abc'.translate(str.maketrans(a, 'z')),
 lambda: int(S('12')),
 lambda: float(S('1.5')),
 lambda: 'a,b'.rsplit(S(',')),
 lambda: 'abc'.removeprefix(a),
 lambda: S('x').join(['1', '2']),
 lambda: 'ab'.center(5, S('*')),
 lambda: sorted([S('b'), 'a']),
 lambda: {S('k'): 1}['k'],
 lambda: 'abc'.encode().decode(S('utf-8')),
 lambda: getattr('abc', S('upper'))(),
 lambda: ord(S('a')),
 lambda: 'x%sy' % S('q'),
 lambda: str.upper(a),
 lambda: 'abc'.lstrip(a),
 lambda: 'a b'.split(S(' '), 1),
]
for i, t in enumerate(tests):
    try:
        print(i, repr(t()))
    except Exception as e:
        print(i, type(e).__name__, e)

# Instances of subclasses of hashable built-ins are the same keys as their values.
class I(int): pass
d = {'k': 1, 1: 'one', -1: 'minus', (1, 2): 'pair', b'b': 'bytes', 2.5: 'f'}
print(d.get(S('k')), d.get(I(1)), d.get(I(-1)), d.get(b'b'), S('k') in d, I(1) in d)
class T(tuple): pass
class B(bytes): pass
class F(float): pass
print(d.get(T((1, 2))), d.get(B(b'b')), d.get(F(2.5)))
e = {S('k'): 'S', I(7): 'I', T((1, 2)): 'T'}
print(e.get('k'), e.get(7), e.get((1, 2)), 'k' in e, 7 in e)
print(sorted({S('a'), 'a', 'b'}), len({I(1), 1, 1.0, True}))
print(S('a') == 'a', 'a' == S('a'), [S('x')] == ['x'], (I(3),) == (3,))
print(frozenset([S('a'), 'b']) == frozenset(['a', 'b']), {S('q'): 1} == {'q': 1})

# A subclass with its own hash and equality keeps them.
class H(str):
    def __hash__(self):
        return 7
    def __eq__(self, other):
        return other == 'zz'
print({H('k'): 1}.get('k'), H('k') in {'k'}, H('k') == 'k', H('k') == 'zz')

# Enums mixed with a data type hash as their values (the data type comes first in the MRO).
import enum
class C(str, enum.Enum):
    R = 'r'
class N(enum.IntEnum):
    A = 1
class P(enum.Enum):
    X = 'x'
print(hash(C.R) == hash('r'), hash(N.A) == 1, hash(P.X) == hash('X'))
print({'r': 5}.get(C.R), {C.R: 6}.get('r'), {1: 'one'}.get(N.A), {N.A: 'uno'}.get(1), {'x': 0}.get(P.X))
print(sorted([N.A, 0, 2]), 'r' in {C.R}, C.R in {'r'})

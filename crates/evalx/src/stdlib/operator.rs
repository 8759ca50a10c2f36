//! `operator`: every function of CPython 3.11's module and its dunder aliases, plus `itemgetter`,
//! `attrgetter` and `methodcaller`.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
def lt(a, b):
    return a < b
def le(a, b):
    return a <= b
def eq(a, b):
    return a == b
def ne(a, b):
    return a != b
def ge(a, b):
    return a >= b
def gt(a, b):
    return a > b
def add(a, b):
    return a + b
def iadd(a, b):
    a += b
    return a
def sub(a, b):
    return a - b
def isub(a, b):
    a -= b
    return a
def mul(a, b):
    return a * b
def imul(a, b):
    a *= b
    return a
def truediv(a, b):
    return a / b
def itruediv(a, b):
    a /= b
    return a
def floordiv(a, b):
    return a // b
def ifloordiv(a, b):
    a //= b
    return a
def mod(a, b):
    return a % b
def imod(a, b):
    a %= b
    return a
def pow(a, b):
    return a ** b
def ipow(a, b):
    a **= b
    return a
def lshift(a, b):
    return a << b
def ilshift(a, b):
    a <<= b
    return a
def rshift(a, b):
    return a >> b
def irshift(a, b):
    a >>= b
    return a
def and_(a, b):
    return a & b
def iand(a, b):
    a &= b
    return a
def or_(a, b):
    return a | b
def ior(a, b):
    a |= b
    return a
def xor(a, b):
    return a ^ b
def ixor(a, b):
    a ^= b
    return a
def matmul(a, b):
    return a @ b
def imatmul(a, b):
    a @= b
    return a
def is_(a, b):
    return a is b
def is_not(a, b):
    return a is not b

def not_(a):
    return not a
def truth(a):
    return True if a else False
_abs = abs
def abs(a):
    return _abs(a)
def index(a):
    return a.__index__() if not isinstance(a, int) else a
def neg(a):
    return -a
def pos(a):
    return +a
def inv(a):
    return ~a
invert = inv
def concat(a, b):
    if not hasattr(a, '__getitem__'):
        raise TypeError("'" + type(a).__name__ + "' object can't be concatenated")
    return a + b
def iconcat(a, b):
    if not hasattr(a, '__getitem__'):
        raise TypeError("'" + type(a).__name__ + "' object can't be concatenated")
    a += b
    return a
def contains(a, b):
    return b in a
def countOf(a, b):
    return sum(1 for x in a if x is b or x == b)
def indexOf(a, b):
    for i, j in enumerate(a):
        if j is b or j == b:
            return i
    raise ValueError('sequence.index(x): x not in sequence')
def getitem(a, b):
    return a[b]
def setitem(a, b, c):
    a[b] = c
def delitem(a, b):
    del a[b]
def length_hint(obj, default=0):
    try:
        return len(obj)
    except TypeError:
        return default
def call(obj, /, *args, **kwargs):
    return obj(*args, **kwargs)

class attrgetter:
    def __init__(self, attr, *attrs):
        for a in (attr,) + attrs:
            if not isinstance(a, str):
                raise TypeError('attribute name must be a string')
        self._attrs = (attr,) + attrs
        self._names = tuple([a.split('.') for a in self._attrs])
    def _get(self, obj, names):
        for n in names:
            obj = getattr(obj, n)
        return obj
    def __call__(self, obj):
        if len(self._names) == 1:
            return self._get(obj, self._names[0])
        return tuple([self._get(obj, n) for n in self._names])
    def __repr__(self):
        return 'operator.attrgetter(' + ', '.join(map(repr, self._attrs)) + ')'

class itemgetter:
    def __init__(self, item, *items):
        self._items = (item,) + items
    def __call__(self, obj):
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple([obj[i] for i in self._items])
    def __repr__(self):
        return 'operator.itemgetter(' + ', '.join(map(repr, self._items)) + ')'

class methodcaller:
    def __init__(self, name, /, *args, **kwargs):
        if not isinstance(name, str):
            raise TypeError('method name must be a string')
        self._name = name
        self._args = args
        self._kwargs = kwargs
    def __call__(self, obj):
        return getattr(obj, self._name)(*self._args, **self._kwargs)
    def __repr__(self):
        args = [repr(self._name)]
        args.extend(map(repr, self._args))
        args.extend('%s=%r' % (k, v) for k, v in self._kwargs.items())
        return 'operator.methodcaller(' + ', '.join(args) + ')'
__lt__ = lt
__le__ = le
__eq__ = eq
__ne__ = ne
__ge__ = ge
__gt__ = gt
__not__ = not_
__call__ = call
__abs__ = abs
__add__ = add
__and__ = and_
__floordiv__ = floordiv
__index__ = index
__inv__ = inv
__invert__ = invert
__lshift__ = lshift
__mod__ = mod
__mul__ = mul
__matmul__ = matmul
__neg__ = neg
__or__ = or_
__pos__ = pos
__pow__ = pow
__rshift__ = rshift
__sub__ = sub
__truediv__ = truediv
__xor__ = xor
__concat__ = concat
__contains__ = contains
__delitem__ = delitem
__getitem__ = getitem
__setitem__ = setitem
__iadd__ = iadd
__iand__ = iand
__iconcat__ = iconcat
__ifloordiv__ = ifloordiv
__ilshift__ = ilshift
__imod__ = imod
__imul__ = imul
__imatmul__ = imatmul
__ior__ = ior
__ipow__ = ipow
__irshift__ = irshift
__isub__ = isub
__itruediv__ = itruediv
__ixor__ = ixor
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "operator",
        "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience.",
        &[],
        SOURCE,
    )
}

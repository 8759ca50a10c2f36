print(sorted([(1, 'b'), (0, 'c')], key=itemgetter(1)), itemgetter(0, 2)('abc'), itemgetter(1))
print(attrgetter('real')(3), methodcaller('upper')('ab'), operator.iadd([1], [2]))
import string
print(string.ascii_letters, string.digits, string.capwords('hello  world'))
t = string.Template('$who likes ${what} $$'); print(t.substitute(who='tim', what='pie'), t.safe_substitute(who='x'))
print(operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 2), operator.pow(2, 10), operator.lshift(1, 4))
print(operator.lt(1, 2), operator.ge(1, 2), operator.is_(None, None), operator.contains([1], 1), operator.getitem({'a': 1}, 'a'))
print(operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'), operator.truth([]), operator.index(5), operator.length_hint([1, 2]))
l = [1, 2, 3]; operator.setitem(l, 0, 9); operator.delitem(l, 1); print(l)
class P:
    def __init__(self): self.name = 'n'; self.child = self
print(attrgetter('name', 'child.name')(P()), attrgetter('name'), methodcaller('split', ',', maxsplit=1)('a,b,c'))
print(methodcaller('x', 1, k=2))
try:
    operator.concat(1, 2)
except TypeError as e:
    print(e)
try:
    operator.indexOf([1], 5)
except ValueError as e:
    print(e)
from functools import reduce
print(reduce(operator.mul, range(1, 6)), list(map(operator.sub, [5, 6], [1, 2])))

# pprint's _safe_repr walk (native since issue 25) against CPython: recursion, depth limits, sorted and unsorted dicts, keys it cannot sort natively, a subclass overriding format(), underscore_numbers.
import pprint, re, builtins
_print = print
def print(*a):
    _print(*[re.sub(r'id=\d+', 'id=N', str(x)) for x in a])
from collections import OrderedDict
class P(pprint.PrettyPrinter):
    def format(self, object, context, maxlevels, level):
        if isinstance(object, str):
            return object.upper(), True, False
        return super().format(object, context, maxlevels, level)
a = [1, 2]
a.append(a)
d = {'b': 1, 'a': [1, (2,), (), {}], 'c': {3: 'x', 1: b'y', 2: None}}
d['self'] = d
t = ((1, 2),) * 3
data = [('string', (1, 2), [3, 4], {5: 6, 7: 8})] * 30
for obj in [a, d, t, data, {1: 'a', 'b': 2}, {2.5: 1, 1: 2}, [OrderedDict(a=1)], {(1, 2): 3, (0, 5): 4}, [1.5, -0.0, float('nan'), True, None, 10**30], 'x' * 100, [[[[[1]]]]], {'z': {'y': {'x': {}}}}, (1,), [set([1])]]:
    p = pprint.PrettyPrinter()
    print(p._safe_repr(obj, {}, None, 0))
    print(p._safe_repr(obj, {}, 2, 0), p._safe_repr(obj, {}, 1, 1))
    print(pprint.pformat(obj, width=40, depth=3))
    print(pprint.pformat(obj, sort_dicts=False), pprint.saferepr(obj), pprint.isreadable(obj), pprint.isrecursive(obj))
    print(P().pformat(obj))
    print(pprint.pformat(obj, underscore_numbers=True, width=30))
print(str(id(a)) in pprint.saferepr(a), str(id(d)) in pprint.pformat(d))

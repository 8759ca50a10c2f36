# OrderedDict's views (odict_keys/odict_values/odict_items), move_to_end/popitem(last=False), and the
# C type names CPython's errors show for OrderedDict and defaultdict.
from collections import OrderedDict, defaultdict
from collections.abc import KeysView, ItemsView, ValuesView, Set
import copy
import pickle

od = OrderedDict([('a', 1), ('b', 2), ('c', 3)])
k, v, i = od.keys(), od.values(), od.items()
for x in (k, v, i):
    print(type(x).__name__, repr(x), list(reversed(x)), len(x))
print(sorted(k & {'a', 'z'}), sorted(k | {'z'}), sorted(k - {'a'}), sorted(k ^ {'a', 'z'}))
print(sorted(i & {('a', 1)}), sorted(i - {('a', 1)}))
print(sorted({'a', 'q'} - k), sorted({'q'} | k), sorted(['a', 'q'] & k))
print('a' in k, ('a', 1) in i, ('a', 2) in i, 2 in v)
print(k == {'a', 'b', 'c'}, k.isdisjoint(['x']), i.isdisjoint([('a', 1)]))
print(isinstance(k, type({}.keys())), [c.__name__ for c in type(k).__mro__], type(k).__module__)
print(isinstance(k, KeysView), isinstance(i, ItemsView), isinstance(v, ValuesView), isinstance(k, Set))
print(k.mapping == od)
od.move_to_end('a')
print(k, v, i)
od.move_to_end('a', last=False)
print(k)
od.move_to_end('c', False)
print(list(od), od.popitem(last=False), od.popitem(), od)
print(repr(OrderedDict().keys()), repr(OrderedDict().items()), repr(OrderedDict().values()))

od = OrderedDict(a=1, b=2)
print(copy.deepcopy(od), copy.copy(od), pickle.loads(pickle.dumps(od)))
print(od.keys() <= {'a', 'b', 'c'}, od.keys() < {'a', 'b'}, od.keys() >= {'a'}, od.items() > {('a', 1)},
      od.keys() != {'a'})
print(od.keys() == ['a', 'b'], od.values() == od.values(), list(od.values()))
for key, val in od.items():
    print(key, val)
print(dict(od.items()), sorted(od.keys()), max(od.values()), tuple(od), list(reversed(od)))


class S(OrderedDict):
    pass


s = S(x=1)
print(s.keys(), type(s.keys()).__name__, repr(s))


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)


t(lambda: hash(OrderedDict().keys()))
t(lambda: OrderedDict.__init__(1))
t(lambda: OrderedDict.__init__(defaultdict()))
t(lambda: OrderedDict.move_to_end({}, 1))
t(lambda: OrderedDict.popitem({}))
t(lambda: OrderedDict().move_to_end('x'))
t(lambda: OrderedDict().popitem())
t(lambda: OrderedDict().popitem(last=False))
t(lambda: OrderedDict(1, 2))
t(lambda: OrderedDict().update(1, 2))
t(lambda: OrderedDict.__repr__({}))
t(lambda: OrderedDict.keys(1))
t(lambda: OrderedDict.values([]))
t(lambda: OrderedDict.items(OrderedDict()))
t(lambda: OrderedDict.copy([]))
t(lambda: OrderedDict.update({}, {}))
t(lambda: OrderedDict.__eq__({}, {}))
t(lambda: OrderedDict.__ne__({}, {}))
t(lambda: OrderedDict.__or__({}, {}))
t(lambda: OrderedDict.__ror__({}, {}))
t(lambda: OrderedDict.__ior__({}, {}))
t(lambda: OrderedDict.__reduce__({}))
t(lambda: OrderedDict.__reversed__({}))
t(lambda: OrderedDict().foo)
t(lambda: defaultdict(1))
t(lambda: defaultdict.__init__(1))
t(lambda: defaultdict.__missing__({}, 1))
t(lambda: defaultdict.copy({}))
t(lambda: defaultdict.copy(OrderedDict()))
t(lambda: defaultdict.__copy__({}))
t(lambda: defaultdict.__repr__({}))
t(lambda: defaultdict.__or__({}, {}))
t(lambda: defaultdict.__ror__({}, {}))
t(lambda: defaultdict.__reduce__({}))
t(lambda: defaultdict().foo)
t(lambda: defaultdict(list, a=1))

od = OrderedDict(a=1, b=2, c=3)
t(lambda: od.move_to_end('x', last=False))
t(lambda: od.move_to_end([], False))
t(lambda: od.move_to_end('c', 0))
t(lambda: (od.move_to_end('a', False), od)[1])


class S2(OrderedDict):
    pass


s = S2(x=1, y=2)
s.move_to_end('y', last=False)
print(s, s['y'], len(s))
print(s.popitem(False), s)

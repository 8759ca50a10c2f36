def m(x):
    s = repr(x)
    i = s.find(' at 0x')
    if i < 0:
        return s
    return s[:i] + ' at 0x...' + s[s.index('>', i):]


def t(f):
    try:
        print(m(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)


it = iter([1, 2, 3])
t(lambda: it.__length_hint__())
t(lambda: it.__next__())
t(lambda: it.__length_hint__())
t(lambda: it.__iter__() is it)
t(lambda: it.__eq__(it))
t(lambda: it.__lt__(it))
t(lambda: it.__sizeof__())
t(lambda: iter('abc').__length_hint__())
t(lambda: iter(range(0, 10, 3)).__length_hint__())
t(lambda: iter({1: 2, 3: 4}).__length_hint__())
t(lambda: iter({5, 6}).__length_hint__())
t(lambda: reversed([1, 2]).__length_hint__())
t(lambda: iter(()).__length_hint__())
t(lambda: enumerate('ab').__next__())
t(lambda: enumerate('ab').__sizeof__())
t(lambda: slice(1, 2).__eq__(slice(1, 2)))
t(lambda: ....__repr__())
t(lambda: NotImplemented.__sizeof__())
t(lambda: {1: 2}.keys().__len__())
t(lambda: {1: 2}.items().__contains__((1, 2)))
t(lambda: list(iter([1, 2]).__length_hint__.__name__))
# bool's own & | ^ and the types' docs
t(lambda: (True & False, True | False, True ^ True, True & 3))
t(lambda: True.__and__(False))
t(lambda: True.__xor__(True))
t(lambda: True.__rand__(1))
t(lambda: type([].__doc__).__name__)
t(lambda: type((1).__doc__).__name__)
t(lambda: None.__doc__)
t(lambda: list.__class__)
t(lambda: [].__class__.__class__)
t(lambda: getattr([], '__length_hint__'))
t(lambda: getattr(1, '__iter__'))
t(lambda: hasattr((), '__iadd__'))
t(lambda: [].__foo__)
t(lambda: list.__foo__)
t(lambda: slice(1, 2).__lt__(slice(1, 3)))
t(lambda: slice(1, 2).__eq__((1, 2)))
d = {1: 2, 'k': [3]}
t(lambda: (1 in d.keys(), 2 in d.values(), 3 in d.keys(), [3] in d.values()))
t(lambda: ((1, 2) in d.items(), (1, 3) in d.items(), 5 in d.items(), ('k', [3]) in d.items()))
t(lambda: d.keys().__contains__('k'))
t(lambda: [] in d.keys())
# a set probe is looked up as the frozenset of its items; the singletons' types give the singleton
t(lambda: ({1} in {frozenset({1})}, {1}.__contains__({1}), set() in {frozenset()}, {2} in {frozenset({1})}))
t(lambda: (type(None)(), type(...)(), type(NotImplemented)(), None.__class__()))
t(lambda: type(None)(1))

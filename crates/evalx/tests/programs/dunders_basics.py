def m(x):
    s = repr(x)
    i = s.find(' at 0x')
    if i < 0:
        return s
    return s[:i] + ' at 0x...' + s[s.index('>', i):]


print([1].__add__([2]), [].__len__(), (3).__add__(4), 'a'.__mul__(3), [1, 2].__getitem__(0))
x = [1]
print(x.__class__ is list, list.__add__([1], [2]), (1).__add__('a'))
print(hasattr([], '__iadd__'), getattr([5], '__len__')())
print(m([].__add__), m([].__sizeof__), m(list.__add__), m(list.__sizeof__), m([].__new__), m(list.__new__))
print(m([].__init_subclass__), m(int.__new__), m(dict.__ior__), [].__hash__, list.__hash__)
print((1).__eq__(1.0), (1.0).__eq__(1), None.__eq__(1), None.__ne__(None), [].__lt__(1), {1}.__le__(frozenset([1, 2])))

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


# list
a = [3, 1, 2]
t(lambda: a.__contains__(1))
t(lambda: a.__getitem__(slice(0, 2)))
t(lambda: a.__setitem__(0, 9))
t(lambda: a)
t(lambda: a.__delitem__(0))
t(lambda: a)
t(lambda: list(a.__iter__()))
t(lambda: list(a.__reversed__()))
t(lambda: a.__eq__([1, 2]))
t(lambda: a.__ne__([1, 2]))
t(lambda: a.__lt__([1, 3]))
t(lambda: a.__ge__((1, 2)))
t(lambda: a.__mul__(2))
t(lambda: a.__rmul__(2))
t(lambda: [].__mul__('a'))
t(lambda: [].__add__(1))
t(lambda: a.__iadd__((7, 8)))
t(lambda: a.__imul__(2))
t(lambda: a)
t(lambda: [].__iadd__(3))
t(lambda: a.__repr__())
t(lambda: a.__str__())
t(lambda: a.__format__(''))
t(lambda: a.__format__('x'))
t(lambda: [].__sizeof__())
t(lambda: [].__getstate__())
t(lambda: [].__reduce__())
t(lambda: [].__init_subclass__())
t(lambda: [].__subclasshook__())
t(lambda: [].__new__(list))
t(lambda: list.__new__(int))
t(lambda: [].__getattribute__('append'))
t(lambda: [].__setattr__('x', 1))
t(lambda: [].__delattr__('x'))
b = [1]
t(lambda: b.__init__([4, 5]))
t(lambda: b)
t(lambda: [].__hash__)
t(lambda: [].__len__.__name__)
t(lambda: sorted([].__dir__()) == dir([]))
t(lambda: list.__len__([1, 2]))
t(lambda: list.__getitem__([1, 2], -1))
t(lambda: list.__add__((1,), [2]))
# str and tuple
s = 'abc'
t(lambda: s.__add__('d'))
t(lambda: s.__add__(1))
t(lambda: s.__rmul__(2))
t(lambda: '%s-%d'.__mod__(('x', 3)))
t(lambda: s.__rmod__('<%s>'))
t(lambda: s.__rmod__(1))
t(lambda: s.__contains__('b'))
t(lambda: s.__getitem__(-1))
t(lambda: s.__hash__() == hash(s))
t(lambda: s.__lt__('abd'))
t(lambda: s.__eq__(1))
t(lambda: s.__len__())
t(lambda: s.__getnewargs__())
t(lambda: s.__format__('>5'))
t(lambda: s.__sizeof__())
t(lambda: (1, 2).__add__((3,)))
t(lambda: (1, 2).__add__([3]))
t(lambda: (1, 2).__mul__(2))
t(lambda: (1, 2).__hash__() == hash((1, 2)))
t(lambda: (1, 2).__getnewargs__())
t(lambda: (1, 2).__sizeof__())
t(lambda: tuple.__len__((1, 2, 3)))

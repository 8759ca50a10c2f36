def m(x):
    s = repr(x)
    i = s.find(' at 0x')
    if i < 0:
        return s
    return s[:i] + ' at 0x...' + s[s.index('>', i):]


print(b'ab'.__bytes__(), b'ab'.__add__(b'c'), b'ab'.__len__(), b'ab'.__getitem__(0), b'ab'.__contains__(97))
print(len.__class__, len.__eq__(len), len.__eq__(abs), len.__ne__(abs), len.__hash__() == hash(len))
print(m(len.__repr__()), len.__str__() == str(len), type(len.__doc__).__name__, m(len.__eq__))
print(len.__format__(''), len.__lt__(abs), len.__getstate__(), len.__init_subclass__(), len.__subclasshook__())
print(len.__getattribute__('__name__'), sorted(len.__dir__()) == dir(len), abs.__sizeof__() > 0)
l = [3]
print(len.__call__([1, 2]), l.append.__call__(4), l, sorted.__call__([2, 1], reverse=True))
print(l.append == [].append, l.append.__eq__(l.append), l.append.__ne__(l.pop), l.append.__qualname__, l.append.__module__)
print(type(l.append.__doc__).__name__, l.append.__class__, m(l.append.__repr__()), l.append.__hash__() == hash(l.append))
print(list.append.__qualname__)

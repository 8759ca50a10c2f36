# collections.UserDict, UserList and UserString: behaviour, subclass hooks and reprs.
from collections import UserDict, UserList, UserString
from collections.abc import MutableMapping, MutableSequence, Sequence, Mapping
import copy

d = UserDict({'a': 1}, b=2)
print(d, repr(d), len(d), d['a'], 'b' in d, d.get('z', 0), d.data)
d['c'] = 3
del d['a']
print(d, list(d), d.keys(), d.items(), d.values())
print(list(d.keys()), list(d.items()), list(d.values()), 'b' in d.keys(), ('b', 2) in d.items(), 3 in d.values())
print(d.pop('b'), d.pop('q', 'dflt'), d.setdefault('x', 9), d)
print(d.popitem(), d)
try:
    d['missing']
except KeyError as e:
    print('KeyError', e)
try:
    UserDict().popitem()
except KeyError as e:
    print('KeyError', repr(e))
try:
    d.pop('nothing')
except KeyError as e:
    print('KeyError', e)
print(d == {'c': 3}, d == UserDict(c=3), d != {'c': 4})
print(d | {'z': 1}, type(d | {'z': 1}).__name__, {'y': 0} | d, type({'y': 0} | d).__name__)
d |= {'w': 5}
print(d)
print(UserDict.fromkeys('ab', 0), d.copy(), type(d.copy()).__name__, copy.copy(d))
d.update([('k', 1)], m=2)
print(d)
d.clear()
print(d, len(d), bool(d))

class Defaulting(UserDict):
    def __missing__(self, key):
        return key * 2
dd = Defaulting(a=1)
print(dd['a'], dd['zz'], 'zz' in dd, dd.get('zz'), type(dd.copy()).__name__)

class Lower(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)
print(Lower({'A': 1, 'B': 2}), Lower(X=1))
print(isinstance(d, MutableMapping), isinstance(d, Mapping), isinstance(d, dict))
try:
    hash(d)
except TypeError as e:
    print('TypeError:', e)

l = UserList([3, 1, 2])
print(l, repr(l), len(l), l[0], l[-1], l[0:2], type(l[0:2]).__name__)
l.append(5); l.insert(0, 9); l.extend(UserList([7])); l.extend((8,))
print(l, l.pop(), l.pop(0), l.index(2), l.count(1))
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.reverse(); print(l)
l.remove(5); print(l)
print(l + [4], type(l + [4]).__name__, [0] + l, type([0] + l).__name__, l + (6,), l * 2, 2 * l)
l += [10]; l *= 2
print(l)
print(l == [1, 2, 3, 7, 10, 1, 2, 3, 7, 10], l < [2], l > UserList([0]), 7 in l)
print(list(reversed(l)), sorted(UserList('cab')))
l[0] = 100; del l[1]; l[0:2] = [0]
print(l, l.copy(), type(l.copy()).__name__, UserList(), UserList(UserList([1])))
l.clear(); print(l)
try:
    UserList([1]).remove(2)
except ValueError as e:
    print('ValueError:', e)
try:
    UserList().pop()
except IndexError as e:
    print('IndexError:', e)
print(isinstance(l, MutableSequence), isinstance(l, list))

s = UserString('Hello World')
print(s, repr(s), len(s), s[0], type(s[0]).__name__, s[1:5], s.upper(), type(s.upper()).__name__)
print(s.lower(), s.swapcase(), s.title(), s.capitalize(), s.center(15, '*'), s.ljust(13, '.'), s.rjust(13))
print(s.split(), s.split('o'), s.rsplit(' ', 1), s.partition(' '), s.rpartition('o'), s.splitlines())
print(s.find('o'), s.rfind('o'), s.index('W'), s.count('l'), s.startswith('He'), s.endswith('ld'))
print(s.replace('World', 'There'), s.strip('Hd'), s.lstrip('H'), s.rstrip('d'), s.zfill(14))
print(s + '!', type(s + '!').__name__, '>' + s, type('>' + s).__name__, s * 2, s == 'Hello World')
print('World' in s, UserString('lo') in s, s < 'Z', hash(s) == hash('Hello World'), str(s), int(UserString('42')))
print(UserString('%s-%d') % ('a', 1), type(UserString('%s') % 'x').__name__, UserString('{}!').format(3))
print(s.encode(), s.join('ab'), s.isalpha(), UserString('abc').isalpha(), s.removeprefix('Hello '))
print(s.translate(str.maketrans('lo', '01')), list(UserString('abc')), UserString(123), UserString(s))
print(isinstance(s, Sequence), isinstance(s, str))
try:
    s.index('zzz')
except ValueError as e:
    print('ValueError:', e)

# array.array: CPython's errors for bad typecodes, out-of-range items and misuse.
from array import array as A

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

for code, vals in [('b', [128, -129]), ('B', [256, -1]), ('h', [2**15, -2**15 - 1]), ('H', [2**16, -1]),
                   ('i', [2**31, -2**31 - 1]), ('I', [2**32, -1]), ('l', [2**63, -2**63 - 1]),
                   ('L', [2**64, -1]), ('q', [2**63, -2**63 - 1]), ('Q', [2**64, -1])]:
    for v in vals + [10**30, -10**30, 1.5, 'a']:
        t(lambda: A(code, [v]))
for code in 'fd':
    for v in ['a', 10**400, None]:
        t(lambda: A(code, [v]))
t(lambda: A('u', [1]))
t(lambda: A('u', ['ab']))
t(lambda: A('d', 'abc'))
t(lambda: A('x'))
t(lambda: A('dd'))
t(lambda: A(1))
t(lambda: A())
t(lambda: A('d', 1))
t(lambda: A('d', [1], 2))
t(lambda: A('d', b'1234567'))
t(lambda: A('i', A('d', [1.0])))
t(lambda: A('u', A('i', [1])))
t(lambda: A('i', A('u', 'a')))
t(lambda: A('d', typecode='d'))

a = A('d', [1, 2, 3])
def setitem(i, v):
    a[i] = v
def delitem(i):
    del a[i]
t(lambda: a[5])
t(lambda: a['x'])
t(lambda: a[1.5])
t(lambda: setitem(5, 1.0))
t(lambda: setitem('x', 1.0))
t(lambda: setitem(0, 'x'))
t(lambda: setitem(slice(0, 2), [1, 2]))
t(lambda: setitem(slice(0, 2), A('i', [1, 2])))
t(lambda: setitem(slice(0, 3, 2), A('d', [1])))
t(lambda: delitem(5))
t(lambda: delitem('x'))
t(lambda: a[0:1:0])
t(lambda: a.pop(7))
t(lambda: A('d').pop())
t(lambda: a.pop('a'))
t(lambda: a.remove(9))
t(lambda: a.index(9))
t(lambda: a.index(1, 1))
t(lambda: a + [1])
t(lambda: a + A('i'))
t(lambda: a * 'x')
t(lambda: a.frombytes(b'123'))
t(lambda: a.frombytes('ab'))
t(lambda: a.fromlist((1, 2)))
t(lambda: a.extend(A('i')))
t(lambda: a.extend(5))
t(lambda: a.tounicode())
t(lambda: a.fromunicode('a'))
t(lambda: a.append())
t(lambda: a.append(1, 2))
t(lambda: a.extend())
t(lambda: a.tobytes(1))
t(lambda: a.count())
t(lambda: a.insert(1))
def iadd():
    global a
    a += [1]
t(iadd)
def imul():
    global a
    a *= 'x'
t(imul)
b = A('b', [1])
t(lambda: b.fromlist([2, 'x']))
print(b)
t(lambda: A('i', [1]).__setitem__(0, 2**40))
print(a)

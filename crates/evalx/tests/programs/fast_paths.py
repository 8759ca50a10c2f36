# Fast paths of the interpreter keep Python semantics: int sorts (stable with key=, reverse), iterator
# objects stepped by for loops while the body advances them too, str() of ints/strs, method lookups.
a = [3, 1, 2, 3, -5, 0]
a.sort(); print(a)
a.sort(reverse=True); print(a)
words = ['bb', 'a', 'ccc', 'dd', 'e', 'fff']
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted([(1, 'a'), (0, 'b')], key=lambda p: p[0]))
it = iter(range(10))
for x in it:
    print(x, next(it, None))
lst = [1, 2, 3]
it = iter(lst)
for x in it:
    if x == 1:
        lst.append(4)
    print(x)
print([x * 2 for x in range(10, 0, -3)])
print([y for y in [5, 6, 7] if y % 2])
print(sorted([True, 2, 1]))
print(sorted([2**70, 1, -3]))
s = str(5); print(s, str(-12), str('x'), str(), str(3.5), str(b'a'))
class A:
    def m(self, x): return x + 1
a = A(); a.m = lambda x: x * 10
print(a.m(2), A().m(2))
def f():
    return len([1]), str(len('abc'))
print(f())
print(sorted(range(5), key=lambda i: -i))
for i in iter(range(2**63 - 2, 2**63 - 1)): print(i)
pairs = [(2, 'x'), (1, 'y'), (2, 'a'), (1, 'b')]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
big = [5, 2**64, -1]
big.sort(reverse=True); print(big)
g = (i * i for i in range(4))
for v in g:
    print(v, next(g, 'end'))
class B:
    def m(self):
        return 'class'
b = B()
def late(): return 'instance'
print(b.m())
b.m = late
print(b.m())
del b.m
print(b.m())
print(str(True), str(None), str([1, 'a']))
def mods(n):
    k = -7
    out = [n % 3, k % 3, n % -3, k % -3, (n * 7919) % 10007, (k * 2) % 5, n * 3, k * 4]
    if n % 2:
        out.append('odd')
    if 0:
        out.append('never')
    big = 2**62
    out.append(big * 4)
    out.append(-big * 4 % 7)
    return out
print(mods(10), mods(11))
print([x * x for x in [5, -4, 9] if x % 3])
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print(e)
def modz(n):
    return n % 0
try:
    modz(3)
except ZeroDivisionError as e:
    print(e)

# Operations that the sandbox sizes or charges in chunks (big slices, concatenations, hashes of big
# tuples and of frozensets, str/bytes methods on big data): their results must not change.
xs = list(range(200003))
ys = xs[:]
print(len(ys), ys[0], ys[-1], ys == xs, ys is xs)
print(len(xs[::3]), xs[::3][-1], len(xs[::-7]), xs[::-7][:3], xs[5:150000:2][-1])
print(len(xs[-70000:]), xs[-70000:][0], xs[150000:10], xs[::200000])
t = tuple(xs)
print(len(t[1:]), t[1:][0], len(t[::-2]), t[::-2][-1], t[10:-199990])
print(hash(t) == hash(tuple(range(200003))), hash(t[:5]) == hash((0, 1, 2, 3, 4)))
d = {t: 1}
print(d[tuple(xs)], t in {t}, len({t, tuple(xs)}))
print(len(t + t), (t + (7,))[-1], len((1, 2) + (3,)))
s = 'ab' * 100000
print(len(s + s), (s + 'z')[-3:], len(b'x' * 70000 + b'y'), s[1:][:4], s[::-99999])
u = 'é' * 70000 + 'x'
print(u[-1], u[3], len(u[1:]), u.upper()[:3], u.find('x'), u.count('é'), u.rfind('é'))
print(s.find('ba', 7), s.upper()[:4], s.title()[:4], s.swapcase()[-2:], s.casefold()[:2])
b = bytes(range(256)) * 300
print(b.hex()[:10], b.hex()[-4:], len(b.hex()), b[1:3], len(b[::2]), b.count(b'\x00'))
# Frozenset hashes are cached on the members: equal sets still hash alike, whatever their history.
a = set(range(100))
f1 = frozenset(a)
h1 = hash(f1)
a.discard(5)
f2 = frozenset(a)
a.add(5)
f3 = frozenset(a)
print(hash(f1) == h1, hash(f3) == h1, f1 == f3, hash(f2) == hash(frozenset(x for x in range(100) if x != 5)))
print(hash(frozenset()) == hash(frozenset([])), hash(frozenset([frozenset([1])])) == hash(frozenset({frozenset({1})})))
n = frozenset()
m = frozenset()
for i in range(300):
    n = frozenset([n, i])
    m = frozenset([i, m])
print(n == m, hash(n) == hash(m), len({n, m}), n in {m: 0})
s2 = {frozenset([1, 2]), frozenset([2, 1]), frozenset([3])}
print(len(s2), frozenset([2, 1]) in s2, {frozenset([1]): 'a'}[frozenset({1})])
import json, re
doc = json.dumps({'k': list(range(100000)), 's': 'é' * 10})
print(len(doc), json.loads(doc)['k'][-1], json.loads(doc)['s'][:2])
print(re.search('a[^x]*c', 'ab' * 50000 + 'c').span(), len(re.findall('ab', 'ab' * 70000)))
print(len(set(xs)), len(frozenset(xs)), len(dict.fromkeys(xs)), len(set(xs) | {-1}))

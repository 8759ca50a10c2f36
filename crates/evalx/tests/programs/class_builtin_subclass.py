class L(list):
    def extra(self): return len(self) * 2
l = L([1, 2, 3])
l.append(4)
print(l, len(l), l.extra(), l[0], l[-1], 3 in l, list(l), type(l).__name__, isinstance(l, list))
for x in l: print(x, end=' ')
print()
print(l == [1, 2, 3, 4], sorted(l, reverse=True), sum(l))
class OC(list):
    def __init__(self):
        super().__init__()
        self.tag = 't'
    def add(self, x): self.append(x)
o = OC(); o.add(5); o.add(6); print(o, o.tag, len(o), bool(o), bool(OC()))
class D(dict):
    def __missing__(self, k): return k * 2
d = D(a=1); d['b'] = 2
print(d, d['a'], len(d), list(d.items()), d.get('b'))
class S(str):
    def shout(self): return self.upper() + "!"
s = S("hi"); print(s, repr(s), s.shout(), s + "x", len(s), s == "hi", hash(s) == hash("hi"))
class I(int):
    def double(self): return self * 2
i = I(21); print(i, i.double(), i + 1, repr(i), i == 21, isinstance(i, int))
class P(tuple):
    def __new__(cls, x, y): return super().__new__(cls, (x, y))
    @property
    def x(self): return self[0]
p = P(1, 2); print(p, p.x, len(p), p[1], type(p).__name__)
class F(float): pass
print(F(1.5) * 2, F("2.5"))
class St(set): pass
st = St([1,2]); st.add(3); print(sorted(st), len(st))
class B(bytes): pass
print(B(b"ab"), len(B(b"ab")))
class Ls(list):
    def __len__(self): return 99
    def __repr__(self): return "Ls!"
print(len(Ls([1])), repr(Ls()), Ls([1,2]))
class A:
    def __new__(cls, *a):
        print("new", cls.__name__, a)
        return super().__new__(cls)
    def __init__(self, v): self.v = v
print(A(3).v)
class Sing:
    _i = None
    def __new__(cls):
        if cls._i is None: cls._i = object.__new__(cls)
        return cls._i
print(Sing() is Sing())
class Coll(list):
    def __init__(self, items=()):
        super().__init__(items)
    def __getitem__(self, i):
        return "item" + str(list.__getitem__(self, i))
c = Coll([7, 8])
print(c[0], len(c), c.count(7), isinstance(c, Coll), Coll.__mro__)
class Pt(tuple):
    __slots__ = ()
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    def __repr__(self):
        return f"Pt({self[0]}, {self[1]})"
print(Pt(3, 4), [Pt(1, 2)], Pt(1, 2) == (1, 2), hash(Pt(1, 2)) == hash((1, 2)))
class U(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
print(U("abc"), U("abc").lower(), type(U("x")).__mro__)
class Cnt(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10)
cn = Cnt(); cn["a"] = 1; print(cn, cn["a"])
class E(Exception):
    def __init__(self, code):
        super().__init__("failed", code)
        self.code = code
try:
    raise E(5)
except E as e:
    print(e.args, e.code, str(e))
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: type("B", (bool,), {}))
t(lambda: type("X", (list, dict), {}))
t(lambda: object.__new__(Coll))
t(lambda: list.__new__(Coll))

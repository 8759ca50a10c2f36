def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
class S:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = 1
s = S()
t(lambda: s.a)
t(lambda: s.b)
t(lambda: setattr(s, 'c', 1))
t(lambda: s.__dict__)
t(lambda: S.a)
def d():
    del s.b
t(d)
class S2(S):
    __slots__ = ('c',)
s2 = S2(); s2.c = 3; print(s2.a, s2.c)
t(lambda: setattr(s2, 'zz', 1))
class Free(S):
    pass
f = Free(); f.zz = 9; print(f.zz)
try:
    class V:
        __slots__ = 'x'
        x = 1
except ValueError as e:
    print("ValueError:", e)
class P:
    pass
t(lambda: P(1))
class Q:
    def __init__(self):
        pass
t(lambda: Q(1))
class R:
    def __new__(cls, *a):
        return super().__new__(cls, *a)
t(lambda: R(1))
t(lambda: object.__new__(1))
class A:
    def __new__(cls, *a):
        print("new", cls.__name__, a)
        return super().__new__(cls)
    def __init__(self, v):
        print("init", v)
        self.v = v
print(A(3).v)
class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(Other())
class Sing:
    _i = None
    def __new__(cls):
        if cls._i is None:
            cls._i = object.__new__(cls)
        return cls._i
print(Sing() is Sing())
class T:
    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        print("init_subclass", cls.__name__, tag)
        cls.tag = tag
class T2(T, tag="x"):
    pass
class T3(T2):
    pass
print(T2.tag, T3.tag)
t(lambda: type('Y', (P,), {}, x=1))
print(type("Z", (), {"a": 1}), type("Z", (), {"a": 1}).a)
class G:
    def __class_getitem__(cls, item):
        return f"G[{item.__name__}]"
print(G[int])
print(type(P.__dict__), P.__dict__["__module__"], "x" in P.__dict__)
t(lambda: P.__dict__["missing"])
class K:
    x = 1
delattr(K, "x")
t(lambda: K.x)
class Outer:
    class Inner:
        def m(self):
            pass
print(Outer.Inner.__qualname__, Outer.Inner.m.__qualname__)

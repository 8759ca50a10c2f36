class M(type):
    def __new__(mcs, name, bases, ns, **kw):
        print("M.__new__", name, kw)
        return super().__new__(mcs, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print("M.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print("M.__call__", a)
        return super().__call__(*a, **k)
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", name)
        return {}
    def hello(cls):
        return "hello " + cls.__name__
class A(metaclass=M, flag=1):
    def __init__(self, x):
        self.x = x
a = A(3)
print(a.x, type(A), A.hello(), isinstance(A, M), type(A).__name__)
class B(A):
    pass
print(type(B), B.__class__, B(4).x)
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.classes.append(name)
class Base(metaclass=Registry):
    pass
class Child(Base):
    pass
print(Registry.classes)
X = M("X", (), {"v": 5})
print(X.v, type(X))
class Positive:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name) * 10
    def __set__(self, obj, v):
        if v < 0:
            raise ValueError("negative")
        setattr(obj, self.name, v)
class E:
    d = Positive()
e = E()
e.d = 4
print(e.d, E.d.name, e._d)
try:
    e.d = -1
except ValueError as err:
    print("ValueError:", err)
class Lazy:
    def __get__(self, obj, objtype=None):
        return ("lazy", objtype.__name__)
class H:
    attr = Lazy()
h = H()
print(h.attr, H.attr)
h.__dict__
class G:
    def __getattribute__(self, n):
        if n == 'magic':
            return 42
        return object.__getattribute__(self, n)
    def __getattr__(self, n):
        return "ga:" + n
    def __setattr__(self, n, v):
        print("set", n)
        object.__setattr__(self, n, v)
    def __delattr__(self, n):
        print("del", n)
        object.__delattr__(self, n)
g = G()
g.y = 1
print(g.magic, g.y, g.zz)
del g.y
print(g.y)
class Cls:
    @property
    def p(self):
        return 1
c = Cls()
try:
    c.p = 2
except AttributeError as err:
    print("AttributeError:", err)

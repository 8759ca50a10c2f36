class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        "degrees Celsius"
        return self._c

    @celsius.setter
    def celsius(self, v):
        self._c = v

    @celsius.deleter
    def celsius(self):
        self._c = None


p = Temp.__dict__["celsius"]
print(type(p).__name__, p.__doc__, p.fget.__name__, p.fset.__name__, p.fdel.__name__)
t = Temp()
t.celsius = 5
print(t.celsius)
del t.celsius
print(t.celsius)
ro = property(lambda self: 1)
rw = ro.setter(lambda self, v: None)
print(ro is rw, ro.fset, rw.fset is not None, rw.fget is ro.fget)
g2 = rw.getter(lambda self: 2)
d2 = g2.deleter(lambda self: None)
print(g2.fget is rw.fget, d2.fdel is not None, g2.fdel)
print(property(doc="given").__doc__, property().__isabstractmethod__)


def abstract(self):
    pass


abstract.__isabstractmethod__ = True
print(property(abstract).__isabstractmethod__, property(None, abstract).__isabstractmethod__)
print(sorted(n for n in dir(p) if not n.startswith("__")))
print(slice(2, None, 3).indices(10), slice(None, None, -1).indices(4), slice(-20, 20).indices(5))
ks = {1: 2, 3: 4}.keys()
print(ks.isdisjoint([5]), ks.isdisjoint([3]), {1: 2}.items().isdisjoint([(1, 2)]), ks.mapping)
print(type.mro(bool), int.__base__, object.__base__, bool.__mro__)

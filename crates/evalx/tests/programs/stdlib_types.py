import types
import sys

def f(x):
    return x
def gen():
    yield 1
class C:
    def m(self):
        pass

print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType), isinstance(len, types.FunctionType))
print(isinstance(gen(), types.GeneratorType), isinstance(f, types.GeneratorType), isinstance(len, types.BuiltinFunctionType))
print(isinstance(C().m, types.MethodType), isinstance(C.m, types.MethodType), isinstance([].append, types.BuiltinMethodType))
print(isinstance(sys, types.ModuleType), types.NoneType is type(None), types.EllipsisType is type(...))
print(types.NotImplementedType is type(NotImplemented), types.FunctionType.__name__, types.GeneratorType.__name__)

ns = types.SimpleNamespace(a=1, b="two")
print(ns, ns.a, ns.b)
ns.c = [3]
del ns.a
print(ns, vars(ns), sorted(ns.__dict__))
print(types.SimpleNamespace() == types.SimpleNamespace(), types.SimpleNamespace(x=1) == types.SimpleNamespace(x=1))
print(types.SimpleNamespace(x=1) == types.SimpleNamespace(x=2), types.SimpleNamespace(x=1) != types.SimpleNamespace(x=1))
nested = types.SimpleNamespace(inner=types.SimpleNamespace(v=1.5), items=[1, 2])
print(nested, repr(nested))
rec = types.SimpleNamespace(name="r")
rec.me = rec
print(rec)
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print("TypeError", e.__class__.__name__)
try:
    hash(types.SimpleNamespace())
except TypeError as e:
    print("TypeError", e)
class Point(types.SimpleNamespace):
    pass
print(Point(x=1, y=2), getattr(ns, "missing", "default"))

d = {"k": 1, "j": [2]}
mp = types.MappingProxyType(d)
print(mp, mp["k"], len(mp), "k" in mp, list(mp), mp.get("zz", 0), list(mp.keys()), list(mp.values()), list(mp.items()))
d["new"] = 3
print(mp["new"], mp == d, mp.copy() == d, mp.copy() is d, mp | {"z": 0})
def setk():
    mp["k"] = 2
def delk():
    del mp["k"]
for op in (setk, delk, lambda: types.MappingProxyType([1, 2]), lambda: mp["nope"]):
    try:
        op()
    except (TypeError, KeyError) as e:
        print(type(e).__name__, e)

m = types.ModuleType("plugin", "A plugin module.")
m.value = 42
print(m.__name__, m.__doc__, m.value, isinstance(m, types.ModuleType))
exec("def hello():\n    return 'hi from ' + __name__\n", m.__dict__)
print(m.hello())
print(types.ModuleType("bare").__doc__)

Dyn = types.new_class("Dyn", (C,), exec_body=lambda ns: ns.update({"z": 26}))
print(Dyn.__name__, Dyn.z, issubclass(Dyn, C), types.resolve_bases((C, int)) == (C, int))
meta, ns2, kw = types.prepare_class("X", (), {"metaclass": type, "flag": 1})
print(meta is type, ns2, kw)

e=ImportError('m', name='x', path='p'); print(e, e.name, e.path, e.args, repr(e))
try: ImportError('m', foo=1)
except TypeError as t: print(t)
a=AttributeError('m', name='n', obj=3); print(a.name, a.obj, repr(a))
try: AttributeError('m', foo=1)
except TypeError as t: print(t)
n=NameError('m', name='q'); print(n.name, repr(n))
try: NameError('m', obj=1)
except TypeError as t: print(t)
try: ValueError('m', x=1)
except TypeError as t: print(t)
class C: pass
try: C().zz
except AttributeError as e: print(e.name, type(e.obj).__name__)
try: (1).zz
except AttributeError as e: print(e.name, e.obj)
print(ImportError().name, ImportError().path, AttributeError().obj, ModuleNotFoundError('x', name='y').name)
class MyImp(ImportError): pass
print(MyImp('a', name='b').name)
import math
for expr in ["math.nope", "[].nope", "{}.x", "(1.5).y", "'s'.z", "int.q", "None.w"]:
    try:
        eval(expr)
    except AttributeError as e:
        print(repr(e.name), repr(e.obj) if not hasattr(e.obj, '__name__') or isinstance(e.obj, type) else e.obj.__name__)
class D:
    __slots__ = ('a',)
try:
    D().a
except AttributeError as e:
    print(e, e.name, type(e.obj).__name__)
print(getattr(1, 'zz', 'default'), hasattr([], 'q'))

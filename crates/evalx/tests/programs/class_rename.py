# Assigning a class's __name__, __qualname__ and __module__ changes its repr, type(x).__name__ and tracebacks.
class A:
    class In: pass
A.__name__ = 'B'
A.__qualname__ = 'Q.B'
A.__module__ = 'mod'
print(A.__name__, A.__qualname__, A.__module__, A, type(A()).__name__, repr(A())[:12])
print('__name__' in A.__dict__, '__qualname__' in A.__dict__, A.__dict__['__module__'])
for bad in [('__name__', 5), ('__qualname__', None), ('__name__', 'a\0b')]:
    try:
        setattr(A, *bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    int.__name__ = 'x'
except TypeError as e:
    print(e)
class E(Exception): pass
E.__name__ = 'Renamed'
E.__module__ = 'pkg'
try:
    raise E('boom')
except E as e:
    import traceback
    print(traceback.format_exception_only(e))
    print(repr(e))
A.In.__qualname__ = 'Other'
print(A.In, A.In.__name__)
def f(): pass
print(type(A()).__qualname__, A().__class__.__name__)
class M(type): pass
class C(metaclass=M): pass
C.__name__ = 'D'
print(C, C.__name__)
import traceback
print(traceback.format_exception_only(type(A()), None))
print(str(A).replace('mod.', ''), A.__dict__.get('__name__'))
raise E('uncaught')

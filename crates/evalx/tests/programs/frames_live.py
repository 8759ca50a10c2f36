# Live frames: sys._getframe() and inspect.currentframe() with f_lineno at the current line, f_locals
# (one dict per frame object, refreshed on each read), f_back, f_globals and f_code; a frame object keeps
# its last line and caller after it returns.
import sys, inspect
def f(a, b=2, *args, **kw):
    c = a + b
    fr = sys._getframe()
    print(fr.f_lineno, fr.f_code.co_name, fr.f_code.co_firstlineno, fr.f_code.co_varnames, fr.f_code.co_argcount)
    print(sorted(fr.f_locals))
    print(fr.f_back.f_code.co_name, fr.f_back.f_lineno)
    print(fr.f_globals is globals(), fr.f_code.co_filename == __file__)
    d = 5
    print(sorted(fr.f_locals), fr.f_lineno)
    print(sys._getframe(1).f_code.co_name)
    cur = inspect.currentframe()
    print(cur.f_lineno, cur.f_back.f_lineno)
    return fr
def g():
    return f(1)
fr = g()
print(fr.f_lineno, fr.f_back.f_code.co_name)
print(sys._getframe().f_code.co_name, sys._getframe().f_back)
def caller_name():
    return sys._getframe(1).f_code.co_name
def outer_fn():
    return caller_name()
print(outer_fn())
def loc():
    x = 1
    fr = sys._getframe()
    l1 = fr.f_locals
    x = 2
    print(l1 is fr.f_locals, fr.f_locals['x'], sorted(fr.f_locals))
loc()
print(type(sys._getframe()).__name__, sys._getframe().f_locals is globals())
try:
    sys._getframe(100)
except ValueError as e:
    print(e)
def lineprobe():
    fr = sys._getframe()
    a = fr.f_lineno
    b = fr.f_lineno
    return a, b
print(lineprobe())
def frames():
    f = sys._getframe()
    names = []
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names
def a():
    return frames()
print(a())
print(sys._getframe(0) is sys._getframe())
print(repr(sys._getframe()).startswith('<frame at 0x'), repr(sys._getframe())[-30:])
def deep(n):
    if n == 0:
        return sys._getframe(3).f_locals['n']
    return deep(n - 1)
print(deep(5))
def kw():
    return sys._getframe(depth=0)
try:
    kw()
except TypeError as e:
    print(e)

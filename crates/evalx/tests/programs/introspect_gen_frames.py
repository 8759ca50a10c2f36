# A stackful generator (yield inside a call) delegating with yield from: gi_yieldfrom, a live gi_frame
# (the same object each read, its f_lineno moving on), f_locals, and getgeneratorlocals.
import sys, inspect
def sub():
    yield 1
    yield 2
    return 7
def stackful():
    print("got", (yield from sub()))
    print((yield 'x'))
s = stackful()
print(s.gi_yieldfrom)
next(s)
print(s.gi_yieldfrom.__name__, inspect.getgeneratorstate(s), s.gi_frame.f_lineno)
fr = s.gi_frame
print(fr is s.gi_frame, fr.f_code.co_name, fr.f_back)
next(s); next(s)
print(s.gi_yieldfrom, fr.f_lineno)
try:
    s.send(3)
except StopIteration:
    print("done", s.gi_frame, fr.f_lineno)
def counter():
    n = 0
    while True:
        n += 1
        yield n
c = counter()
next(c); next(c)
print(c.gi_frame.f_locals, inspect.getgeneratorlocals(c))
c.close()
print(inspect.getgeneratorstate(c), c.gi_frame)

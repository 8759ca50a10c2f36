def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught inside:", e)
        yield "recovered"
    finally:
        print("finally")
it = g()
print(next(it))
print(it.throw(ValueError("boom")))
try:
    next(it)
except StopIteration:
    print("stopped")
def h():
    try:
        yield 1
    finally:
        print("h cleanup")
x = h()
next(x)
x.close()
print("closed")
x.close()
def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            pass
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def fresh():
    print("never runs")
    yield 1
f = fresh()
f.close()
try:
    next(f)
except StopIteration:
    print("fresh closed")
def t():
    yield 1
tt = t()
try:
    tt.throw(KeyError("k"))
except KeyError as e:
    print("KeyError propagated", e)

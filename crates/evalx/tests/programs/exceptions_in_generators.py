def g():
    yield 1
    raise ValueError("inside")
try:
    for v in g():
        print(v)
except ValueError as e:
    print("caught", e)
def h():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in h():
    print(v)

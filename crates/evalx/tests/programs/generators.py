def gen(n):
    for i in range(n):
        yield i * i
print(list(gen(4)), sum(gen(5)))
g = gen(2)
print(next(g), next(g), next(g, "end"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def sub():
    yield 1
    yield 2
    return "done"
def main():
    r = yield from sub()
    yield r
print(list(main()))
def echo():
    x = yield "ready"
    while True:
        x = yield "got " + str(x)
e = echo()
print(next(e), e.send(1), e.send(2))
def inter():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")
for v in inter():
    print("value", v)
print(type(gen(1)).__name__, list(zip(gen(3), "abc")))

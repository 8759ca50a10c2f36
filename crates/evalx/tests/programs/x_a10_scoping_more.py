x = "global"
def show():
    return x
def shadow():
    x = "local"
    return show(), x
print(shadow())
def uses_global():
    global x
    x = "changed"
uses_global()
print(x)
def closure_loop():
    fs = [lambda i=i: i * 2 for i in range(3)]
    return [f() for f in fs]
print(closure_loop())
def gen_scope():
    y = 5
    return list(y + i for i in range(3))
print(gen_scope())
class C:
    a = 1
    b = [a * i for i in range(3)] if False else [1 * i for i in range(3)]
print(C.b)
def f():
    return [n for n in range(3) if n != missing] if False else "skipped"
print(f())

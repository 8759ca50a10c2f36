# PEP 572: a walrus inside a comprehension binds in the enclosing function or module.
def outer():
    total = 0
    def inner(xs):
        nonlocal total
        return [total := total + x for x in xs]
    return inner([1, 2, 3]), total
print(outer())
def gl():
    global G
    [G := i for i in range(3)]
    return G
print(gl(), G)
def nested():
    res = [[(last := (i, j)) for j in range(2)] for i in range(2)]
    return res, last
print(nested())
def closure():
    fs = [lambda: m for m in range(2) if (keep := m)]
    return keep, [f() for f in fs]
print(closure())
g = (mx := v for v in [3, 9, 2])
print(list(g), mx)
def counter():
    data = [1, 5, 2]
    if any((found := d) > 4 for d in data):
        return found
print(counter())
for src in ["[x := 1 for x in range(3)]", "[[(x := 1) for y in range(2)] for x in range(2)]", "class C:\n    [(q := 1) for i in range(2)]", "def f():\n    class C:\n        v = [(q := 1) for i in range(2)]"]:
    try:
        compile(src, '<s>', 'exec'); print('compiled')
    except SyntaxError as e:
        print('SyntaxError:', e.msg, e.lineno)
a = [(y := x) for x in range(3)]
print(y)
print([(q := x) for x in range(3)])
print(q)
print([(r := x) for x in range(3)], 1)
print(r)
print(len([(s := x) for x in range(3)]), s)

# One attribute load site meets instances whose dicts hold the attribute at different positions, or not
# at all (then the class attribute), and instances built from the storage of dropped ones start empty.
class P:
    kind = "class attr"
    def __init__(self, order):
        for name in order:
            setattr(self, name, name.upper())

def show(p):
    return (p.a, p.b, p.kind)

print(show(P("ab")))
print(show(P("ba")))
q = P("xab")
print(show(q))
q.kind = "own"
print(show(q))
del q.a
try:
    show(q)
except AttributeError as e:
    print("AttributeError:", e)
q.a = "again"
print(show(q), list(vars(q)))

for i in range(100):
    t = P("ab")
    t.extra = i
del t
fresh = P("")
print(vars(fresh), hasattr(fresh, "extra"))
nested = [P("ab") for _ in range(3)]
nested[0].child = nested[1]
nested[1].child = nested[2]
del nested
print(vars(P("b")))

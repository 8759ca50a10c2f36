# A user __getattr__'s own AttributeError is the one raised (evalx gave the generic text), and a property's
# AttributeError hands over to __getattr__, as CPython's __getattribute__ failing does.
class C:
    def __getattr__(self, name):
        raise AttributeError(f"custom {name}")
try: C().foo
except AttributeError as e: print(e, e.args)
print(getattr(C(), "bar", "dflt"), hasattr(C(), "x"))
class D:
    @property
    def p(self): raise AttributeError("inside property")
try: D().p
except AttributeError as e: print(e)
class E:
    @property
    def p(self): raise AttributeError("inside property")
    def __getattr__(self, n): return "fallback " + n
print(E().p)
class F:
    def __getattr__(self, name):
        if name == "boom":
            raise KeyError(name)
        raise AttributeError(name, "extra")
f = F()
for n in ["zz", "boom"]:
    try:
        getattr(f, n)
    except (AttributeError, KeyError) as e:
        print(type(e).__name__, e.args)
print(getattr(f, "q", 5), hasattr(f, "q"))
try:
    F().missing
except AttributeError as e:
    print("after", e.args)
try:
    object().nope
except AttributeError as e:
    print(e)

def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
def f(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool:
    return True
print(f.__annotations__)
def g(x, y):
    pass
print(g.__annotations__)
x: int = 5
y: str
print(__annotations__, x)
class C:
    a: int
    b: float = 1.5
    def m(self) -> None:
        pass
print(C.__annotations__, C.b, C.m.__annotations__)
def local():
    z: int = 3
    w: Undefined
    return z
print(local())
try:
    def h(a: Undefined):
        pass
except NameError as e:
    print("NameError:", e)
try:
    def h2() -> Missing:
        pass
except NameError as e:
    print("NameError:", e)
try:
    class D:
        q: Nope = 1
except NameError as e:
    print("NameError:", e)

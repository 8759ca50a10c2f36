def f(x):
    try:
        if x == 0:
            raise ValueError("zero")
        return 10 / x
    except ValueError as e:
        return f"VE {e}"
    finally:
        print("cleanup", x)
print(f(0), f(2))
class NegError(ArithmeticError):
    def __init__(self, v):
        self.v = v
    def __str__(self):
        return f"negative: {self.v}"
try:
    raise NegError(-5)
except ArithmeticError as e:
    print(e, repr(e.v), isinstance(e, NegError))
try:
    int("abc")
except (TypeError, ValueError) as e:
    print(type(e).__name__, e.args)
def deep(n):
    if n == 0:
        raise KeyError("bottom")
    deep(n - 1)
try:
    deep(5)
except KeyError as e:
    print("caught", e)
try:
    [][1]
except IndexError as e:
    print(e)
except Exception:
    print("not here")
else:
    print("not here either")
e = None
try:
    raise RuntimeError("x")
except RuntimeError as err:
    e = err
print(type(e).__name__, e)

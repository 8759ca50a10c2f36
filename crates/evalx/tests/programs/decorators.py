def deco(f):
    def wrapper(*a, **k):
        print("calling", f.__name__)
        return f(*a, **k)
    return wrapper
@deco
def add(a, b):
    return a + b
print(add(1, 2))
def repeat(n):
    def d(f):
        def w():
            return [f() for _ in range(n)]
        return w
    return d
@repeat(3)
def one():
    return 1
print(one())
class C:
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def c(cls, x):
        return cls.__name__ + str(x)
    @property
    def p(self):
        return 7
print(C.s(2), C().s(3), C.c(1), C().c(2), C().p)

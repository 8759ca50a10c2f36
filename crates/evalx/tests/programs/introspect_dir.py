# dir() of built-in values, classes, user classes and instances, and of the current scope.
print(dir())
print(dir([]))
print(len(dir([])))
for v in [1, True, 1.5, "s", (), {}, set(), frozenset(), range(3), None]:
    print(type(v).__name__, dir(v))
print(dir(int) == dir(1), dir(list) == dir([]))
print([n for n in dir(str) if not n.startswith("_")])
print([n for n in dir(dict) if not n.startswith("_")])


class K:
    """A class."""
    Zeta = 1
    _K__mangled = 2
    alpha = 3

    def method(self):
        return self

    def _priv(self):
        pass


class Sub(K):
    def extra(self):
        pass


k = Sub()
k.own = 1
print(dir(K))
print(dir(Sub))
print(dir(k))


class Custom:
    def __dir__(self):
        return ["b", "a", "a"]


print(dir(Custom()))


def f(a, b=2):
    z = a
    _q = b
    print(dir())


f(1)
exec("print(dir())", {"a": 1}, {"b": 2})
try:
    dir(1, 2)
except TypeError as e:
    print(e)
print(dir(zip) == dir(zip([])), dir(enumerate)[-3:], dir(iter([])))
print(dir(...), dir(ValueError)[:3])

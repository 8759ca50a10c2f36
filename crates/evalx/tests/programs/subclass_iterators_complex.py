# Subclassing complex and the iterator classes (enumerate, zip, map, filter, reversed), as CPython allows.


class Numbered(enumerate):
    def __next__(self):
        i, v = super().__next__()
        return i * 10, v.upper()


print(list(Numbered("abc")))
print(list(Numbered("xy", start=5)))
e = Numbered("pq")
print(isinstance(e, enumerate), type(e).__name__, iter(e) is e)
for pair in Numbered(["a"]):
    print("loop", pair)


class Counted(map):
    def __init__(self, f, *its):
        self.calls = 0

    def __next__(self):
        self.calls += 1
        return super().__next__()


m = Counted(str, [1, 2, 3])
print(list(m), m.calls)


class Pairs(zip):
    pass


z = Pairs([1, 2, 3], "ab")
print(list(z), [k.__name__ for k in type(z).__mro__])
print(list(Pairs("ab", "cd", strict=True)))


class Truthy(filter):
    def __next__(self):
        return "<%s>" % super().__next__()


print(list(Truthy(None, [0, 1, "", "x", None, 3])))


class Backwards(reversed):
    def __next__(self):
        return -super().__next__()


print(list(Backwards((1, 2, 3))), list(Backwards([1, 2, 3])), type(Backwards([1])).__name__)
print(next(Backwards(range(3))))


class StartAt(enumerate):
    def __new__(cls, it, start=100):
        return super().__new__(cls, it, start)


print(list(StartAt("ab")), dict(StartAt("z", 7)))
try:
    next(Numbered(""))
except StopIteration:
    print("StopIteration")


class Tagged(complex):
    def __repr__(self):
        return "Tagged" + super().__repr__()


c = Tagged(1, 2)
print(c, repr(c), str(c), c + 1, type(c + 1).__name__, c.real, c.imag, abs(Tagged(3, 4)))
print(isinstance(c, complex), c == complex(1, 2), c != 1, hash(c) == hash(complex(1, 2)))
print(c * c, c - 1j, 2 / Tagged(0, 1), -c, +c, c ** 2, bool(Tagged(0)), c.conjugate())
print(format(c, ".2f"), complex(c), type(complex(c)).__name__, Tagged("3-4j"))


class WithNew(complex):
    def __new__(cls, r, i=0):
        self = super().__new__(cls, r, i)
        self.tag = "t"
        return self


w = WithNew(5, 6)
print(w, w.tag, type(w).__name__, w.conjugate(), WithNew(7), w == 5 + 6j)
print(type(complex.__new__(Tagged, 2)).__name__, complex.__new__(complex, 2))
try:
    complex.__new__(int, 1)
except TypeError as err:
    print(err)
try:
    setattr(Tagged(1, 2), "real", 3)
except AttributeError as err:
    print("AttributeError", err)

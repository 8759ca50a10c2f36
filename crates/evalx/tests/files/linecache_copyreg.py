import copyreg
import copy
import linecache

print(linecache.getline("prog.py", 1), end="")
print(repr(linecache.getline("prog.py", 10**6)), repr(linecache.getline("no-such-file.py", 1)))
print(repr(linecache.getline("<string>", 1)), linecache.getlines("<stdin>"))
print(len(linecache.getlines("prog.py")) > 5, "prog.py" in linecache.cache)
linecache.checkcache("prog.py")
linecache.checkcache()
print("prog.py" in linecache.cache)
linecache.clearcache()
print(linecache.cache)
print(linecache.lazycache("<x>", {}), linecache.lazycache("prog.py", None))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


def reduce_point(p):
    print("reducing", p)
    return Point, (p.x * 10, p.y * 10)


copyreg.pickle(Point, reduce_point)
print(Point in copyreg.dispatch_table, copyreg.dispatch_table[complex](3 + 4j))
for bad in ((Point, 42), ):
    try:
        copyreg.pickle(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    copyreg.constructor(3)
except TypeError as e:
    print("TypeError", e)
copyreg.add_extension("mod", "name", 240)
copyreg.add_extension("mod", "name", 240)
for args in (("mod", "other", 240), ("mod", "name", 241), ("m", "n", 0)):
    try:
        copyreg.add_extension(*args)
    except ValueError as e:
        print("ValueError", e)
copyreg.remove_extension("mod", "name", 240)
try:
    copyreg.remove_extension("mod", "name", 240)
except ValueError as e:
    print("ValueError", e)


class Slotted:
    __slots__ = ("a", "__b")


class Sub(Slotted):
    __slots__ = "c"


print(copyreg._slotnames(Sub), type(copyreg.__newobj__(Point, 1, 2)).__name__, copyreg._reconstructor(Point, object, None).__class__.__name__)
print(copyreg.__newobj_ex__(Point, (), {}).__class__.__name__, copyreg.pickle_union(int | str)[1][1])

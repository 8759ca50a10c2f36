# __del__ runs when the last reference goes: del, reassignment, a function's locals at return,
# a container dropping its items, and the program's end (names of __main__ in order).
class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Tracked("a")
print("made a")
del a
print("after del a")

b = Tracked("b1")
b = Tracked("b2")
print("after rebinding b")


def scope():
    local = Tracked("local")
    print("in scope", local.name)
    return 7


print("scope returned", scope())

items = [Tracked("i0"), Tracked("i1"), Tracked("i2")]
items.pop()
print("popped")
del items[0]
print("deleted first")
items = None
print("list gone")

d = {"k": Tracked("dict value")}
d["k"] = 1
print("dict value replaced")


class Holder:
    def __init__(self):
        self.child = Tracked("child")

    def __del__(self):
        print("holder del, child still", self.child.name)


h = Holder()
h = None
print("holder gone")


def make():
    return Tracked("temp")


make()
print("temporary discarded")
print(make().name)
print("used temporary")


class Sub(Tracked):
    pass


s = Sub("sub")
del s
print("subclass finalized")


class Base:
    def __del__(self):
        print("base __del__ of", type(self).__name__)


class Child(Base):
    def __del__(self):
        print("child __del__")
        super().__del__()


c = Child()
del c

keep1 = Tracked("keep1")
_keep2 = Tracked("_keep2")
keep3 = [Tracked("in list at exit")]
print("end of program")

# super(C, obj).m(...) and built-in methods of container subclasses, on their fast paths and around them.
class Base(object):
    def __init__(self, x):
        super(Base, self).__init__()
        self.x = x

    def describe(self, tag):
        return "Base(%s, %s)" % (self.x, tag)


class Mid(Base):
    def __init__(self, x, y):
        super(Mid, self).__init__(x)
        self.y = y

    def describe(self, tag):
        return "Mid>" + super(Mid, self).describe(tag)


class Leaf(Mid):
    def describe(self, tag):
        return "Leaf>" + super(Leaf, self).describe(tag) + "|" + super(Mid, self).describe("skip")


leaf = Leaf(1, 2)
print(leaf.x, leaf.y, leaf.describe("t"))

class WithNew(object):
    def __init__(self):
        super(WithNew, self).__init__()
        print("WithNew init")

WithNew()


class Tracker:
    def __init__(self):
        self.calls = []

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)


class Coll(list):
    pass


class Loud(list):
    def append(self, v):
        print("Loud.append", v)
        super().append(v * 10)


c = Coll()
c.append(1)
c.append(2)
print(c, len(c), c.pop(), c, type(c).__name__)
loud = Loud()
loud.append(3)
print(loud)
shadow = Coll()
shadow.append = lambda v: print("instance append", v)
shadow.append(7)
print(shadow)


class D(dict):
    pass


d = D(a=1)
print(d.get("a"), d.get("b", 0), sorted(d.keys()), sorted(d.items()), list(d.values()))


class S(set):
    pass


s = S()
s.add(4)
s.add(4)
print(sorted(s), type(s).__name__)
try:
    Coll().pop()
except IndexError as e:
    print("IndexError:", e)

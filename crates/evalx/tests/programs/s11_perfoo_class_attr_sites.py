# Class attribute reads through one access site: the site's memory must follow every change of the
# class (rebinding, deletion, a subclass shadowing the name, an instance attribute appearing, a new class
# in place of a freed one) and must not keep a value alive.
import gc


class Direction:
    NONE = 1
    FORWARD = 2
    RATIO = 0.5
    FLAG = True
    NOTHING = None
    LABEL = "dir"


def read(c):
    return (c.NONE, c.FORWARD, c.RATIO, c.FLAG, c.NOTHING, c.LABEL)


for step in range(3):
    print(step, read(Direction))
    Direction.NONE += 10
    Direction.RATIO *= 2
    Direction.FLAG = not Direction.FLAG
    Direction.NOTHING = step
    Direction.LABEL = Direction.LABEL + "!"


class Sub(Direction):
    pass


print(read(Sub))
Sub.FORWARD = -2
print(read(Sub), read(Direction))
del Sub.FORWARD
print(read(Sub))
del Direction.FORWARD
try:
    read(Sub)
except AttributeError as e:
    print("AttributeError:", e)
Direction.FORWARD = 22
print(read(Sub))


class Node:
    LIMIT = 3

    def limit(self):
        return self.LIMIT


n = Node()
print([n.limit() for _ in range(3)])
n.LIMIT = 7
print(n.limit(), Node.LIMIT)
del n.LIMIT
print(n.limit())
Node.LIMIT = 4.25
print(n.limit())


# A class made and freed in a loop: each new class may take the old one's address.
def fresh(k):
    class K:
        VALUE = k
    return K


def value_of(c):
    return c.VALUE


print([value_of(fresh(k)) for k in range(5)])
print([value_of(fresh(str(k))) for k in range(3)])


# The site keeps no reference: an object read through it dies when the class lets go of it.
class Tracked:
    def __del__(self):
        print("freed", self.name)

    def __init__(self, name):
        self.name = name


class Holder:
    ITEM = Tracked("first")


def item_name(c):
    return c.ITEM.name


print(item_name(Holder), item_name(Holder))
Holder.ITEM = Tracked("second")
print("rebound")
print(item_name(Holder))
Holder.ITEM = 5
print("rebound again")
gc.collect()


# Methods and static methods read without a call, through an instance and through the class.
class Shape:
    SIDES = 0

    def sides(self):
        return self.SIDES

    @staticmethod
    def kind():
        return "shape"


class Square(Shape):
    SIDES = 4


for obj in [Shape(), Square(), Shape(), Square()]:
    m = obj.sides
    k = obj.kind
    print(type(obj).__name__, m(), k(), type(obj).kind())
Shape.sides = lambda self: -1
print(Square().sides(), Shape().sides())

from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
print(Color.RED, repr(Color.GREEN), Color(2), Color['BLUE'], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED in Color, Color.RED.name, Color.RED.value)
print(list(Color.__members__), type(Color.RED), isinstance(Color.RED, Color))
print(Color.RED == Color.RED, Color.RED == 1, hash(Color.RED) == hash(Color.RED), {Color.RED: 'r'}[Color.RED])
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color['NOPE']
except KeyError as e:
    print("KeyError:", e)
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE, repr(Num.TWO), Num.ONE + 1, Num.TWO == 2, Num(1), sorted([Num.TWO, Num.ONE]), int(Num.TWO))
class Auto(Enum):
    A = auto()
    B = auto()
print(Auto.A.value, Auto.B.value, repr(Auto.B))
class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), rw.value)
class P2(IntFlag):
    A = 1
    B = 2
print(P2.A | P2.B, repr(P2.A | P2.B), P2.A | 4 if False else (P2.A | P2.B) == 3)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def g(self):
        return self.mass / (self.radius ** 2)
print(Planet.EARTH.mass, Planet.EARTH.value, round(Planet.EARTH.g, 3))
class Shape(Enum):
    SQ = 'sq'
    def describe(self):
        return f"{self.name}:{self.value}"
    @classmethod
    def default(cls):
        return cls.SQ
print(Shape.SQ.describe(), Shape.default(), f"{Shape.SQ}", str(Shape.SQ), format(Num.ONE))
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)
print(Color.RED.__class__.__name__, Color.__name__, [c.name for c in Color])
E2 = Enum('E2', 'X Y Z')
print(list(E2), E2.Y.value)

# enum's 3.11 names: FlagBoundary and Flag's boundary=, verify/EnumCheck, member/nonmember,
# global_enum, show_flag_values, enum.property and the EnumMeta alias.
import enum
from enum import (Enum, Flag, IntFlag, IntEnum, EnumMeta, EnumType, FlagBoundary, STRICT, CONFORM,
                  EJECT, KEEP, verify, EnumCheck, UNIQUE, CONTINUOUS, NAMED_FLAGS, member, nonmember,
                  global_enum)

print(EnumMeta is EnumType, type(Enum) is EnumMeta)
print(repr(STRICT), str(CONFORM), EJECT, KEEP, list(FlagBoundary))
print(repr(UNIQUE), str(CONTINUOUS), NAMED_FLAGS.value, len(EnumCheck))

class Strict(Flag, boundary=STRICT):
    R = 1
    G = 2
    B = 4
for v in [9, 33]:
    try:
        Strict(v)
    except ValueError as e:
        print('ValueError:', e)
print(repr(Strict(5)), Strict._boundary_)

class Conform(Flag):
    R = 1
    G = 2
    B = 4
print(Conform._boundary_, repr(Conform(9)), repr(Conform(8)), repr(Conform(0)))

class Keep(Flag, boundary=KEEP):
    R = 1
    G = 2
print(repr(Keep(9)), str(Keep(9)), Keep(9).value, repr(Keep(12)), repr(Keep(3)))

class Eject(Flag, boundary=EJECT):
    R = 1
    G = 2
print(repr(Eject(7)), type(Eject(7)).__name__, repr(Eject(3)))

class Perm(IntFlag):
    R = 4
    W = 2
    X = 1
print(Perm._boundary_, repr(Perm(9)), Perm(9) == 9, repr(Perm.R | 8))

for checks, body in [
    ((UNIQUE,), {'A': 1, 'B': 1}),
    ((CONTINUOUS,), {'A': 1, 'B': 3, 'C': 6}),
    ((UNIQUE, CONTINUOUS), {'A': 1, 'B': 2, 'C': 3}),
]:
    try:
        E = verify(*checks)(Enum('E', body))
        print('ok', list(E))
    except ValueError as e:
        print('ValueError:', e)

try:
    @verify(NAMED_FLAGS)
    class Colour(Flag):
        R = 1
        G = 2
        ALL = 7
except ValueError as e:
    print('ValueError:', e)
try:
    @verify(NAMED_FLAGS)
    class Colour(Flag):
        R = 1
        TWO = 10
        THREE = 12
except ValueError as e:
    print('ValueError:', e)

try:
    @verify(CONTINUOUS)
    class Bits(Flag):
        A = 1
        B = 8
except ValueError as e:
    print('ValueError:', e)

@verify(UNIQUE, CONTINUOUS)
class Fine(IntEnum):
    ONE = 1
    TWO = 2
print(list(Fine))

print(enum.show_flag_values(13), enum.show_flag_values(0), enum.show_flag_values(256))

class M(Enum):
    A = 1
    f = member(lambda x: x * 10)
    n = nonmember(3)
    def method(self):
        return self.name
print([m.name for m in M], M.n, M.f.value(5), M.A.method(), len(M))

@global_enum
class Mode(Enum):
    READ = 1
    WRITE = 2
print(repr(Mode.READ), str(Mode.WRITE), READ is Mode.READ, WRITE.value, f'{Mode.READ}')

class Planet(Enum):
    MERCURY = 1
    VENUS = 2
    @enum.property
    def double(self):
        return self.value * 2
print(Planet.VENUS.double, [p.double for p in Planet])
try:
    Planet.double
except AttributeError as e:
    print('AttributeError:', e)
print(Planet.MERCURY.name, Planet.MERCURY.value)

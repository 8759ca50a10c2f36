from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, is_dataclass
@dataclass
class P:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
p = P(1, 2)
print(p, p == P(1, 2), p != P(2, 2), repr(P(3)))
print(asdict(p), astuple(p), replace(p, y=5), [f.name for f in fields(P)], is_dataclass(p))
@dataclass(order=True, frozen=True)
class V:
    a: int
    b: str = "z"
print(V(1) < V(2), sorted([V(3), V(1, "b"), V(1, "a")]), hash(V(1)) == hash(V(1)))
try:
    V(1).a = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
@dataclass
class Q:
    a: int
    b: int = field(default=4, repr=False)
    def __post_init__(self):
        self.c = self.a + self.b
q = Q(1); print(q, q.c)
try:
    P()
except TypeError as e:
    print("TypeError:", e)
@dataclass(kw_only=True)
class K:
    a: int
    b: int = 2
print(K(a=1))
@dataclass
class Child(P):
    z: int = 9
print(Child(1, 2, [3], 4))
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
@dataclass(slots=True)
class SL:
    a: int
s = SL(1); print(s, SL.__slots__)
import dataclasses
print(P.__dataclass_fields__['x'].default is dataclasses.MISSING, P.__dataclass_fields__['tags'].default_factory)
print(fields(P)[0].name, fields(P)[0].type, P.__match_args__)

# typing.get_origin/get_args on built-in generics (list[int], int | str), dataclass ClassVar through typing,
# InitVar, slots, kw_only, enums, calendar: found by probing everyday scripts.
import dataclasses as dc, typing, enum, datetime, calendar, sys
@dc.dataclass
class Item:
    name: str
    qty: int = 0
    tags: list = dc.field(default_factory=list)
    price: dc.InitVar[float] = 1.0
    kind: typing.ClassVar[str] = "item"
    total: float = dc.field(init=False, default=0.0)
    def __post_init__(self, price): self.total = price * self.qty
@dc.dataclass(slots=True, kw_only=True)
class Cfg:
    host: str = "localhost"
    port: int = 8080
it = Item("a", 3, price=2.5); print(it, it.total, Item.kind, dc.is_dataclass(it), Cfg(port=1), Cfg.__slots__)
try: Cfg("x")
except TypeError as e: print(e)
try:
    @dc.dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e: print(e)
try:
    @dc.dataclass
    class Bad2:
        a: list = []
except ValueError as e: print(e)
P = dc.make_dataclass("P", [("x", int), ("y", int, dc.field(default=5))])
print(P(1), P.__name__)
class Status(enum.Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    @property
    def label(self): return self.value.title()
    @classmethod
    def parse(cls, s): return cls(s.lower())
print(Status.parse("ACTIVE").label, Status["INACTIVE"], Status.ACTIVE.name, len(Status), Status.ACTIVE in Status, [s.value for s in Status])
try: Status("x")
except ValueError as e: print(e)
class Prio(enum.IntFlag):
    A = 1; B = 2; C = 4
print(Prio.A | Prio.C, int(Prio.B | Prio.C), Prio(6), Prio.A in (Prio.A | Prio.B))
class Dup(enum.Enum):
    X = 1; Y = 1
print(Dup.Y, Dup.X is Dup.Y, list(Dup), Dup.__members__)
@enum.unique
class U(enum.Enum):
    A = enum.auto(); B = enum.auto()
print(U.B.value, repr(U.A))
d = datetime.date(2024, 2, 29); print(d.replace(year=2025) if False else d + datetime.timedelta(days=365), d.strftime("%a %b %d"), d.toordinal(), datetime.date.fromordinal(1))
print(calendar.isleap(2024), calendar.monthrange(2024, 2), calendar.month_name[3], calendar.day_abbr[0], calendar.weekday(2024, 1, 1))
print(calendar.month(2024, 2))
dt = datetime.datetime(2024, 3, 10, 14, 5, 9, 123456); print(dt.time(), dt.date(), dt.timestamp() if dt.tzinfo else "naive", dt.replace(microsecond=0), dt.isoformat(timespec="seconds"), f"{dt:%Y/%m/%d}")
print(datetime.datetime.fromisoformat("2024-03-10T14:05:09+02:00"), datetime.datetime(2024,1,1) < datetime.datetime(2024,1,2), max(datetime.date(2020,1,1), datetime.date(2021,1,1)))
print(typing.get_origin(list[int]), typing.get_args(dict[str, int]), typing.Literal["a", "b"], typing.Callable[[int], str], typing.Any, typing.TYPE_CHECKING)
def f(x: "int", y: typing.Optional[list[int]] = None) -> typing.Iterator[int]: ...
print(f.__annotations__)
print(typing.cast(int, "x"), typing.TypedDict("TD", {"a": int})(a=1))
class Pt(typing.TypedDict, total=False):
    x: int
    y: int
print(Pt(x=1), Pt.__total__ if hasattr(Pt, "__total__") else "")
print(typing.get_origin(int | str), typing.get_args(int | None), typing.get_args(list), typing.get_origin(typing.List[int]))
import collections.abc
print(typing.get_args(collections.abc.Callable[[int, str], bool]), typing.get_args(collections.abc.Callable[..., int]))

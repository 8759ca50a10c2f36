import abc, enum, functools, itertools, collections, dataclasses, json, re, datetime, math, operator
class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
try:
    Shape()
except TypeError as e:
    print(e)
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
print(Sq(3).area(), isinstance(Sq(1), Shape))
class Planet(enum.Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass; self.radius = radius
    @property
    def gravity(self): return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.gravity, Planet.EARTH.name, Planet['MERCURY'].value)
class Lvl(enum.IntEnum):
    LOW = enum.auto(); HIGH = enum.auto()
print(Lvl.HIGH, Lvl.HIGH + 1, sorted([Lvl.HIGH, Lvl.LOW]), Lvl(1).name, [m.name for m in Lvl])
class Sz(str, enum.Enum):
    S = 's'; M = 'm'
print(Sz.S == 's', Sz('m'), f'{Sz.S}', Sz.S.value)
class C:
    @functools.cached_property
    def heavy(self):
        print('computing'); return 42
c = C(); print(c.heavy, c.heavy)
print(list(itertools.pairwise('abcd')), list(itertools.zip_longest('ab', 'xyz', fillvalue='-')), list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.compress('abcdef', [1, 0, 1])), list(itertools.repeat('x', 3)), list(itertools.dropwhile(lambda x: x < 3, [1, 4, 1])))
print(list(itertools.combinations(range(4), 2))[-2:], len(list(itertools.permutations(range(5)))), list(itertools.filterfalse(None, [0, 1, '', 'a'])))
ca = collections.Counter(a=3, b=1); cb = collections.Counter(a=1, b=2)
print(ca + cb, ca - cb, ca & cb, ca | cb, ca.total(), +collections.Counter(a=-1, b=2))
@dataclasses.dataclass
class Inv:
    name: str
    price: float = 0.0
    qty: int = 0
    tags: list = dataclasses.field(default_factory=list)
    def total(self): return self.price * self.qty
i = Inv('w', 2.5, 4); print(i, i.total(), dataclasses.replace(i, qty=1), dataclasses.fields(Inv)[0].name, Inv('a') == Inv('a'))
try:
    @dataclasses.dataclass
    class Bad:
        a: int = 0
        b: int
except TypeError as e:
    print(e)
print(json.dumps([1.0, 1e100, float('inf')], allow_nan=True), json.dumps({'b': 1, 'a': [True, None]}, separators=(',', ':')), json.dumps('é\n', ensure_ascii=False))
try:
    json.loads('{"a": }')
except json.JSONDecodeError as e:
    print(e.msg, e.pos, e.lineno, e.colno)
print(json.loads('[1, 2.5, "x", {"k": [null, true]}]', parse_float=str), json.dumps({1: 2, None: 3}))
print(re.sub(r'(?P<w>\w+)', lambda m: m.group('w')[::-1], 'ab cd'), re.fullmatch(r'\d{3}-\d{4}', '555-1234') is not None, re.findall(r'(\w)(\d)', 'a1 b2'))
print(re.search(r'(?<=@)\w+', 'me@host').group(), re.sub(r'\s+', ' ', 'a  b\t\nc'), re.split(r'(\d)', 'a1b2c'), [m.start() for m in re.finditer('a', 'banana')])
tz = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
dt = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=tz); print(dt, dt.astimezone(datetime.timezone.utc), dt.utcoffset(), dt.tzname())
print(datetime.datetime.fromtimestamp(0, datetime.timezone.utc), datetime.datetime(2024, 1, 1).timestamp() if False else '', datetime.date(2024, 1, 1).strftime('%j %U %a %b'))
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.sqrt(2), math.log(8, 2), math.log10(1000), math.exp(1), math.factorial(20), math.dist((0, 0), (3, 4)), math.inf > 1e308, math.isqrt(99))
print(operator.add(1, 2), operator.itemgetter(0, 2)('abc'), sorted([{'a': 2}, {'a': 1}], key=operator.itemgetter('a')))
print(round(123.456, 1), round(-0.5), round(1.5), round(2.675, 2), '%.2f' % 2.675, f'{2.5:.0f}', f'{3.5:.0f}', int(round(4.5)))
print('abc'.zfill(5), '-42'.zfill(5), 'Hello World'.swapcase(), 'a\tb'.expandtabs(4), 'x'.join('abc'), 'AbC'.casefold(), 'title case me'.title(), '  pad'.lstrip(), 'a-b-c'.rsplit('-', 1))
print('%-10s|%10s|' % ('left', 'right'), '{:,}'.format(10**9), '{:.3e}'.format(12345.678), '{:g}'.format(0.0001), '{:#x}'.format(255), '{:+.2%}'.format(0.256), str(12345678901234567890.0), 1e22, 123456789.0)

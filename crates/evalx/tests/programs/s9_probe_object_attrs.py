# Attribute storage where CPython has none, and what vars() of an exception shows.
sentinel = object()
for stmt in ["sentinel.tag = 'x'", "sentinel.__dict__", "vars(sentinel)"]:
    try:
        exec(stmt)
        print(stmt, "-> no error")
    except (AttributeError, TypeError) as e:
        print(stmt, "->", type(e).__name__, e)
print(hasattr(sentinel, "__dict__"), hasattr(object(), "tag"))

class ValidationError(Exception):
    def __init__(self, field, msg):
        super().__init__(f"{field}: {msg}")
        self.field = field

class HTTPError(OSError):
    def __init__(self, code):
        super().__init__(2, "not found", "/index")
        self.code = code

def check(age):
    if age < 0:
        raise ValidationError("age", "negative")

try:
    check(-1)
except ValidationError as e:
    print(vars(e), e.__dict__, e.args, e.field)
    e.add_note("while importing row 3")
    print(e.__dict__)
try:
    try:
        {}["k"]
    except KeyError as inner:
        raise ValidationError("k", "missing") from inner
except ValidationError as e:
    print(vars(e), repr(e.__cause__))
try:
    raise HTTPError(404)
except OSError as e:
    print(vars(e), e.errno, e.strerror, e.filename, e.code)
for ex in [ValueError(3), KeyError("x"), OSError(2, "gone", "f.txt"), SystemExit(1), StopIteration(5),
           AttributeError("a", name="n", obj=1), ImportError("m", name="mod"), ExceptionGroup("g", [ValueError()])]:
    print(type(ex).__name__, ex.__dict__)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e.__dict__)

# bytes + something else: CPython's message
for a, b in [(b"a", "b"), (b"a", 1), (b"a", [1]), (b"a", None)]:
    try:
        a + b
    except TypeError as e:
        print(e)
print(b"a" + bytearray(b"b"), b"a" + memoryview(b"c"), bytearray(b"x") + b"y")

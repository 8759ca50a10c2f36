# dir() of the values and types a program meets, one line per target: "## NAME<TAB>the sorted names".
# Run by tests/dir_parity.rs under evalx and compared with dir_targets.txt, recorded from CPython 3.11 by
# make_dir_expected.py.
import bisect
import cmath
import collections
import datetime
import errno
import functools
import heapq
import io
import itertools
import json
import keyword
import math
import numbers
import operator
import os
import random
import re
import string
import struct
import sys
import time
import types


def f(a, b=1, *, c=2):
    x = a

    def inner():
        return x

    return inner


lam = lambda y: y


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


class C:
    def m(self):
        pass

    @property
    def p(self):
        return 1

    @staticmethod
    def s():
        pass


class D(C):
    pass


try:
    1 / 0
except ZeroDivisionError as e:
    exc = e
    tb = e.__traceback__

g = gen()
co = coro()
ag = agen()
TARGETS = [
    ("int", lambda: int), ("float", lambda: float), ("str", lambda: str), ("bytes", lambda: bytes),
    ("bytearray", lambda: bytearray), ("list", lambda: list), ("tuple", lambda: tuple), ("dict", lambda: dict),
    ("set", lambda: set), ("frozenset", lambda: frozenset), ("bool", lambda: bool),
    ("NoneType", lambda: type(None)), ("range", lambda: range), ("slice", lambda: slice),
    ("memoryview", lambda: memoryview), ("object", lambda: object), ("type", lambda: type),
    ("int value", lambda: 5), ("float value", lambda: 1.5), ("str value", lambda: "s"), ("None", lambda: None),
    ("list value", lambda: [1]), ("dict value", lambda: {1: 2}), ("slice value", lambda: slice(1, 2)),
    ("range value", lambda: range(3)), ("Ellipsis", lambda: ...), ("NotImplemented", lambda: NotImplemented),
    ("function", lambda: f), ("closure", lambda: f(1)), ("lambda", lambda: lam), ("bound method", lambda: C().m),
    ("builtin function", lambda: len), ("builtin method", lambda: [].append), ("generator", lambda: g),
    ("coroutine", lambda: co), ("async generator", lambda: ag), ("class", lambda: C), ("subclass", lambda: D),
    ("instance", lambda: C()), ("module math", lambda: math), ("property", lambda: property),
    ("property value", lambda: C.p), ("staticmethod", lambda: staticmethod),
    ("staticmethod value", lambda: C.__dict__["s"]), ("classmethod", lambda: classmethod),
    ("dict_keys", lambda: {}.keys()), ("dict_values", lambda: {}.values()), ("dict_items", lambda: {}.items()),
    ("list_iterator", lambda: iter([])), ("tuple_iterator", lambda: iter(())),
    ("str_iterator", lambda: iter("")), ("range_iterator", lambda: iter(range(3))),
    ("dict_keyiterator", lambda: iter({})), ("set_iterator", lambda: iter(set())),
    ("exception", lambda: exc), ("traceback", lambda: tb), ("code", lambda: f.__code__),
    ("cell", lambda: f(1).__closure__[0]), ("frame", lambda: g.gi_frame), ("enumerate", lambda: enumerate([])),
    ("zip", lambda: zip()), ("map", lambda: map(abs, [])), ("filter", lambda: filter(None, [])),
    ("reversed", lambda: reversed([])), ("ValueError", lambda: ValueError), ("KeyError", lambda: KeyError),
    ("StopIteration", lambda: StopIteration), ("super", lambda: super), ("super value", lambda: super(D, D())),
    ("complex", lambda: complex), ("complex value", lambda: 1 + 2j), ("module cmath", lambda: cmath),
    ("module itertools", lambda: itertools), ("module functools", lambda: functools),
    ("module collections", lambda: collections), ("module re", lambda: re), ("module json", lambda: json),
    ("ExceptionGroup", lambda: ExceptionGroup), ("BaseExceptionGroup", lambda: BaseExceptionGroup),
    ("exception group", lambda: ExceptionGroup("eg", [ValueError(1)])), ("bytes value", lambda: b"x"),
    ("bytearray value", lambda: bytearray(b"x")), ("tuple value", lambda: (1,)), ("set value", lambda: {1}),
    ("frozenset value", lambda: frozenset()), ("bool value", lambda: True), ("memoryview value", lambda: memoryview(b"x")),
    ("classmethod value", lambda: classmethod(len)), ("genexpr", lambda: (x for x in [])),
    ("OSError", lambda: OSError), ("OSError value", lambda: OSError(2, "no")),
    ("SyntaxError value", lambda: SyntaxError("x")), ("UnicodeDecodeError", lambda: UnicodeDecodeError),
    ("KeyError value", lambda: KeyError("k")), ("StopIteration value", lambda: StopIteration(1)),
    ("BaseException", lambda: BaseException), ("Exception", lambda: Exception),
    ("builtin type method", lambda: str.join), ("classmethod of builtin", lambda: dict.fromkeys),
    ("wrapper descriptor", lambda: int.__add__), ("method-wrapper", lambda: (1).__add__),
    ("dict_values value", lambda: {1: 2}.values()), ("dict_items value", lambda: {1: 2}.items()),
    ("list_reverseiterator", lambda: reversed([1])), ("bytes_iterator", lambda: iter(b"")),
    ("module type", lambda: type(math)), ("functools.partial", lambda: functools.partial(len)),
    ("deque", lambda: collections.deque()), ("defaultdict", lambda: collections.defaultdict(int)),
    ("OrderedDict", lambda: collections.OrderedDict()), ("Counter", lambda: collections.Counter()),
    ("namedtuple value", lambda: collections.namedtuple("P", "x y")(1, 2)),
    ("re.Pattern", lambda: re.compile("a")), ("re.Match", lambda: re.match("a", "a")),
    ("itertools.count", lambda: itertools.count()), ("itertools.chain", lambda: itertools.chain()),
    ("json.JSONDecodeError", lambda: json.JSONDecodeError), ("float.hex", lambda: float.hex),
    ("int.from_bytes", lambda: int.from_bytes),
    ("Counter value", lambda: collections.Counter("ab")), ("deque value", lambda: collections.deque([1])),
    ("defaultdict type", lambda: collections.defaultdict), ("OrderedDict type", lambda: collections.OrderedDict),
    ("Counter type", lambda: collections.Counter), ("deque type", lambda: collections.deque),
    ("re.Pattern type", lambda: re.Pattern), ("re.Match type", lambda: re.Match),
    ("set_iterator value", lambda: iter({1})), ("dict_valueiterator", lambda: iter({}.values())),
    ("dict_itemiterator", lambda: iter({}.items())), ("callable_iterator", lambda: iter(lambda: 1, 2)),
    ("zip type", lambda: zip), ("map type", lambda: map), ("enumerate type", lambda: enumerate),
    ("filter type", lambda: filter), ("reversed type", lambda: reversed),
    ("generator type", lambda: type(g)), ("builtin_function_or_method", lambda: type(len)),
    ("function type", lambda: type(f)), ("TypeError value", lambda: TypeError("x")),
    ("StopAsyncIteration", lambda: StopAsyncIteration), ("NotImplementedType", lambda: type(NotImplemented)),
    ("ellipsis type", lambda: type(...)), ("StringIO", lambda: io.StringIO()), ("BytesIO", lambda: io.BytesIO()),
    ("module types", lambda: types), ("module operator", lambda: operator), ("module bisect", lambda: bisect),
    ("module errno", lambda: errno), ("module numbers", lambda: numbers), ("module keyword", lambda: keyword),
    ("module string", lambda: string), ("module heapq", lambda: heapq), ("module random", lambda: random),
    ("module struct", lambda: struct), ("module time", lambda: time), ("module datetime", lambda: datetime),
    ("module io", lambda: io), ("module os", lambda: os), ("module sys", lambda: sys),
]
for name, make in TARGETS:
    try:
        value = make()
    except Exception as err:
        print("## %s\tERROR %s: %s" % (name, type(err).__name__, err))
        continue
    print("## %s\t%s" % (name, " ".join(dir(value))))
co.close()

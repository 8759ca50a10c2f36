# Rounding to tens and hundreds, zero padding with thousands separators, and a few library answers a
# report script leans on.
import collections
import sys
import typing  # (in CPython, typing is what has imported collections.abc)

for x in [1e300, 123456.789, -4.0, 15.0, 25.0, 35.0, 1234.5, -0.5e-300, 2.5e15, 9.87654321e20]:
    print(repr(x), [round(x, n) for n in (-1, -2, -3, -300)])
try:
    round(1.7976931348623157e308, -308)
except OverflowError as e:
    print("OverflowError:", e)

for v, spec in [(123, "+08,d"), (123, "08,d"), (1234, "09_d"), (-5, "010,d"), (123, "0=+8,d"),
                (123, "*=+8,d"), (1234.5, "012,.1f"), (1234.5, "0=12,.1f"), (12, "06,"),
                (255, "#010_x"), (255, "010_b"), (1.5, "010,"), (123, "<08,d"), (12345, "0>10,d"),
                (1234567.0, "015,.2e"), (12, "08,%"), (float("inf"), "010,f"), (7, "03,")]:
    print(f"{spec:>9} {format(v, spec)!r}")
for v, spec in [("ab", "05"), ("ab", "<05"), ("ab", "^06"), (True, "05"), (12, "<05"), (1.5, "<07"),
                (-1.5, "^09"), ("x", "0>4")]:
    print(f"{spec:>9} {format(v, spec)!r}")
rows = [("north", 1234567.891), ("south", -98765.4), ("east", 0.5)]
for name, amount in rows:
    print(f"{name:<6}{amount:015,.2f}|{amount:+012_.1f}|")

# max asks the new item first: its error names '>' as CPython's does
for args in [([{}, {}],), ([1, None],)]:
    for fn in (max, min):
        try:
            fn(*args)
        except TypeError as e:
            print(fn.__name__, e)

# Counters compare with missing elements as zero; collections.abc without importing it
print(collections.Counter(a=1) == collections.Counter(a=1, b=0),
      collections.Counter(a=1) != collections.Counter(a=1, b=0),
      collections.Counter(a=1) == collections.Counter(a=2),
      collections.Counter(a=1) == {"a": 1})
print(isinstance([], collections.abc.Sequence), issubclass(dict, collections.abc.MutableMapping),
      isinstance(iter(()), collections.abc.Iterator))
try:
    collections.nothing_here
except AttributeError as e:
    print(e)
print(sys.getdefaultencoding(), sys.getfilesystemencoding())

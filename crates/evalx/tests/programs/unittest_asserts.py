# unittest: the assert* methods' failure messages (CPython's texts, with msg and longMessage).
import unittest


class T(unittest.TestCase):
    def runTest(self):
        pass


t = T()


def check(name, *args, **kw):
    try:
        getattr(t, name)(*args, **kw)
        print(name, "passed")
    except AssertionError as e:
        print(name, "->", repr(str(e)))


check("assertEqual", 1, 2)
check("assertEqual", 1, 1)
check("assertEqual", 1, 2, "custom")
check("assertEqual", 1, 2, msg="custom")
check("assertNotEqual", 3, 3)
check("assertTrue", [])
check("assertFalse", "x")
check("assertIs", 1, None)
check("assertIsNot", None, None)
check("assertIsNone", 5)
check("assertIsNotNone", None)
check("assertIn", 4, [1, 2, 3])
check("assertNotIn", 2, (1, 2))
check("assertIsInstance", 3, str)
check("assertNotIsInstance", 3, int)
check("assertAlmostEqual", 1.0, 1.1)
check("assertAlmostEqual", 1.0, 1.00000001)
check("assertAlmostEqual", 1.0, 1.1, places=3)
check("assertAlmostEqual", 1.0, 1.5, delta=0.1)
check("assertNotAlmostEqual", 1.0, 1.00000001)
check("assertGreater", 1, 2)
check("assertGreaterEqual", 1, 2)
check("assertLess", 2, 1)
check("assertLessEqual", 2, 1)
check("assertCountEqual", [1, 2, 2, 3], [3, 2, 1, 1])
check("assertCountEqual", [[1], [2]], [[2], [1]])
check("assertCountEqual", "abc", "cab")
check("assertListEqual", [1, 2, 3], [1, 2, 4])
check("assertListEqual", [1, 2, 3], [1, 2])
check("assertListEqual", [1], [1, 2, 3])
check("assertEqual", [1, 2], [1, 3])
check("assertEqual", (1, 2), (1, 3))
check("assertTupleEqual", (1,), [1])
check("assertDictEqual", {"a": 1, "b": 2}, {"a": 1, "b": 3})
check("assertEqual", {"a": 1}, {"a": 1})
check("assertEqual", {1, 2}, {2, 3})
check("assertEqual", "hello", "help")
check("assertEqual", "one\ntwo\n", "one\nthree\n")
check("assertEqual", "x" * 100, "x" * 99 + "y")
check("assertEqual", list(range(100)), list(range(99)) + [0])
check("assertRegex", "abc", r"\d+")
check("assertNotRegex", "a1c", r"\d")
check("assertSequenceEqual", [1, 2], (1, 2))
check("fail")
check("fail", "boom")

t.longMessage = False
check("assertEqual", 1, 2, "only this")
check("assertEqual", 1, 2)
t.longMessage = True

t.maxDiff = None
check("assertEqual", list(range(30)), list(range(1, 31)))

# assertRaises as a call and as a context manager
t.assertRaises(ZeroDivisionError, lambda: 1 / 0)
with t.assertRaises(KeyError) as cm:
    {}["k"]
print(type(cm.exception).__name__, cm.exception.args)
with t.assertRaises((TypeError, ValueError)) as cm:
    int("x")
print(repr(cm.exception))
with t.assertRaisesRegex(ValueError, "invalid literal") as cm:
    int("y")
print(cm.exception)
check("assertRaises", ValueError, lambda: None)
check("assertRaises", ValueError, int, "5")
check("assertRaisesRegex", ValueError, "^nope", int, "z")


def no_raise():
    with t.assertRaises(IndexError):
        pass


def no_raise_msg():
    with t.assertRaises(IndexError, msg="needed"):
        pass


for f in (no_raise, no_raise_msg):
    try:
        f()
    except AssertionError as e:
        print("AssertionError:", e)
try:
    with t.assertRaises(KeyError):
        raise TypeError("other")
except TypeError as e:
    print("propagated:", e)
try:
    t.assertAlmostEqual(1, 2, places=1, delta=1)
except TypeError as e:
    print("TypeError:", e)

# unittest.main(): loads the tests of __main__, runs them, reports on sys.stderr and exits with
# SystemExit (or returns with exit=False).
import io
import re
import sys
import unittest


def normalise(text):
    # The elapsed time varies, and CPython names the script by its absolute path.
    text = re.sub(r"in \d+\.\d+s", "in 0.000s", text)
    return re.sub(r'File "[^"]*/', 'File "', text)


class Strings(unittest.TestCase):
    def test_upper(self):
        self.assertEqual("abc".upper(), "ABC")

    def test_split(self):
        self.assertEqual("a b".split(), ["a", "b", "c"])


class Numbers(unittest.TestCase):
    def test_div(self):
        self.assertEqual(1 // 1, 1)

    def test_zero(self):
        x = 0
        print(10 / x)


def run(**kw):
    saved = sys.stderr
    sys.stderr = buf = io.StringIO()
    try:
        prog = unittest.main(**kw)
        print("returned", prog.result.testsRun)
    except SystemExit as e:
        print("SystemExit", e.code)
    finally:
        sys.stderr = saved
    print(normalise(buf.getvalue()), end="")


run(argv=["prog"])
run(argv=["prog"], exit=False)
run(argv=["prog", "-v", "Strings"])
run(argv=["prog", "Numbers.test_div"], exit=False)

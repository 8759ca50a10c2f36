# unittest: the runner's report (dots and verbose lines, failure tracebacks, summary) captured from a
# stream, with the elapsed time normalised.
import io
import re
import sys
import unittest


def normalise(text):
    # The elapsed time varies, and CPython names the script by its absolute path.
    text = re.sub(r"in \d+\.\d+s", "in 0.000s", text)
    return re.sub(r'File "[^"]*/', 'File "', text)


def report(suite, verbosity=1, **kw):
    buf = io.StringIO()
    result = unittest.TextTestRunner(stream=buf, verbosity=verbosity, **kw).run(suite)
    print(normalise(buf.getvalue()), end="")
    print("result:", result.testsRun, len(result.failures), len(result.errors), len(result.skipped),
          len(result.expectedFailures), len(result.unexpectedSuccesses), result.wasSuccessful())
    return result


events = []


class Arith(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        events.append("setUpClass")

    @classmethod
    def tearDownClass(cls):
        events.append("tearDownClass")

    def setUp(self):
        self.value = 10
        events.append("setUp")

    def tearDown(self):
        events.append("tearDown")

    def test_add(self):
        self.assertEqual(self.value + 1, 11)

    def test_fail(self):
        self.assertEqual(1, 2)

    def test_error(self):
        return {}["missing"]

    def test_msg(self):
        """Checks a message."""
        self.assertTrue(0, "zero is falsy")

    @unittest.skip("not today")
    def test_skipped(self):
        raise RuntimeError

    @unittest.skipIf(True, "condition held")
    def test_skip_if(self):
        pass

    @unittest.skipUnless(True, "never")
    def test_skip_unless_runs(self):
        self.assertIn(3, [1, 2, 3])

    @unittest.expectedFailure
    def test_expected(self):
        self.assertEqual("a", "b")

    @unittest.expectedFailure
    def test_unexpected(self):
        pass

    def test_sub(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    def test_skip_inside(self):
        self.skipTest("skipped from inside")


suite = unittest.defaultTestLoader.loadTestsFromTestCase(Arith)
print(suite.countTestCases())
report(suite)
print(events[:3], events[-1], events.count("setUpClass"))
report(unittest.TestLoader().loadTestsFromTestCase(Arith), verbosity=2)
report(unittest.TestLoader().loadTestsFromTestCase(Arith), verbosity=0)


class Broken(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise ValueError("no database")

    def test_a(self):
        pass


class Fine(unittest.TestCase):
    def test_ok(self):
        self.assertIsNone(None)


report(unittest.TestSuite([unittest.TestLoader().loadTestsFromTestCase(Broken),
                           unittest.TestLoader().loadTestsFromTestCase(Fine)]))
report(unittest.TestSuite([Fine("test_ok"), Arith("test_fail"), Arith("test_error")]), failfast=True)
r = report(unittest.TestSuite())
print(repr(Fine("test_ok")), str(Fine("test_ok")), Fine("test_ok").id())
try:
    Fine("test_nope")
except ValueError as e:
    print("ValueError:", e)


class Nested(unittest.TestCase):
    def test_nested(self):
        with self.subTest(a=1):
            with self.subTest("inner", b=2):
                self.assertEqual(1, 0)
        with self.subTest():
            self.assertIsNotNone(None)


def plain():
    raise AssertionError("plain function")


suite = unittest.TestSuite([unittest.FunctionTestCase(plain)])
suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(Nested))
result = report(suite, verbosity=2)
print(result)
print(repr(unittest.TestSuite([Fine("test_ok")])), unittest.SkipTest, unittest.TextTestRunner)

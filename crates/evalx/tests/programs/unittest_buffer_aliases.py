# unittest: buffer=True holds a test's output and shows it (under the traceback, and on the real stdout)
# only when the test fails; the deprecated assert aliases and makeSuite/findTestCases/getTestCaseNames.
import io
import re
import sys
import unittest
import warnings


def normalise(text):
    text = re.sub(r"in \d+\.\d+s", "in 0.000s", text)
    return re.sub(r'File "[^"]*/', 'File "', text)


class Loud(unittest.TestCase):
    def test_quiet_pass(self):
        print("printed by a passing test")

    def test_loud_fail(self):
        print("printed by a failing test")
        print("to stderr", file=sys.stderr)
        self.assertEqual(1, 2)


buf = io.StringIO()
result = unittest.TextTestRunner(stream=buf, buffer=True).run(unittest.TestLoader().loadTestsFromTestCase(Loud))
print(normalise(buf.getvalue()), end="")
print(result.testsRun, len(result.failures), result.buffer)
print("stdout restored:", sys.stdout is sys.__stdout__ or type(sys.stdout).__name__)


class Old(unittest.TestCase):
    def test_aliases(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.assertEquals(1, 1)
            self.failUnless(True)
            self.assert_(1)
            self.failIf(0)
            self.assertNotEquals(1, 2)
            self.assertAlmostEquals(1.0, 1.0)
            self.failUnlessRaises(ValueError, int, "x")
            self.assertRegexpMatches("abc", "b")
            self.assertRaisesRegexp(ValueError, "invalid", int, "x")
        for w in caught:
            print(w.category.__name__, w.message)
        with self.assertRaises(AssertionError):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.failUnlessEqual(1, 2)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    suite = unittest.makeSuite(Old)
    names = unittest.getTestCaseNames(Loud, "test")
    found = unittest.findTestCases(sys.modules[__name__])
print(suite.countTestCases(), names, found.countTestCases())
for w in caught:
    print(w.category.__name__, w.message)
buf = io.StringIO()
unittest.TextTestRunner(stream=buf).run(suite)
print(normalise(buf.getvalue()), end="")

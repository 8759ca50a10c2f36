# unittest: assertWarns/assertWarnsRegex and assertLogs/assertNoLogs, passing and failing.
import logging
import unittest
import warnings


class T(unittest.TestCase):
    def runTest(self):
        pass


t = T()


def attempt(label, fn):
    try:
        fn()
        print(label, "passed")
    except AssertionError as e:
        print(label, "->", e)


def warns_ok():
    with t.assertWarns(DeprecationWarning) as cm:
        warnings.warn("old api", DeprecationWarning)
    print(type(cm.warning).__name__, cm.warning, cm.lineno > 0)


def warns_missing():
    with t.assertWarns(UserWarning):
        pass


def warns_regex():
    with t.assertWarnsRegex(UserWarning, "^exact"):
        warnings.warn("not exact")


def warns_call():
    t.assertWarns(RuntimeWarning, warnings.warn, "rt", RuntimeWarning)
    t.assertWarns(RuntimeWarning, len, "abc")


def logs_ok():
    with t.assertLogs("app", level="INFO") as cm:
        logging.getLogger("app").info("first %d", 1)
        logging.getLogger("app.db").warning("second")
        logging.getLogger("app").debug("hidden")
    print(cm.output, [r.getMessage() for r in cm.records])


def logs_root():
    with t.assertLogs() as cm:
        logging.error("root message")
    print(cm.output)


def logs_missing():
    with t.assertLogs("quiet", level=logging.ERROR):
        logging.getLogger("quiet").warning("too low")


def no_logs_ok():
    with t.assertNoLogs("calm"):
        logging.getLogger("calm").debug("below INFO")


def no_logs_fail():
    with t.assertNoLogs("calm", "DEBUG"):
        logging.getLogger("calm").debug("seen")


for f in (warns_ok, warns_missing, warns_regex, warns_call, logs_ok, logs_root, logs_missing, no_logs_ok,
          no_logs_fail):
    attempt(f.__name__, f)
print(logging.getLogger("app").handlers, logging.getLogger("app").propagate)

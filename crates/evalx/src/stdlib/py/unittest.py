"""Unit testing framework (written for evalx).

TestCase with fixtures, the assert* methods with CPython's failure messages, skips, expected failures and
subTest; TestSuite, TestLoader, TextTestRunner and main(). The runner's report has CPython's layout; the
frames of this module are left out of the tracebacks it prints, as CPython leaves out unittest's own.
"""

import sys
import time
import traceback
import difflib
import pprint

__all__ = ['TestResult', 'TestCase', 'TestSuite', 'TextTestRunner', 'TestLoader', 'FunctionTestCase',
           'main', 'defaultTestLoader', 'SkipTest', 'skip', 'skipIf', 'skipUnless', 'expectedFailure',
           'TextTestResult', 'TestProgram']

_MAX_LENGTH = 80
_PLACEHOLDER_LEN = 12
_MIN_BEGIN_LEN = 5
_MIN_END_LEN = 5
_MIN_COMMON_LEN = 5
_MIN_DIFF_LEN = _MAX_LENGTH - (_MIN_BEGIN_LEN + _PLACEHOLDER_LEN + _MIN_COMMON_LEN + _PLACEHOLDER_LEN + _MIN_END_LEN)
_DIFF_OMITTED = '\nDiff is %s characters long. Set self.maxDiff to None to see it.'


class SkipTest(Exception):
    """Raise this to skip the running test."""
    __module__ = 'unittest.case'  # where CPython defines it (reprs show it)


class _ShouldStop(Exception):
    pass


class _UnexpectedSuccess(Exception):
    pass


def safe_repr(obj, short=False):
    try:
        text = repr(obj)
    except Exception:
        text = object.__repr__(obj)
    if not short or len(text) < _MAX_LENGTH:
        return text
    return text[:_MAX_LENGTH] + ' [truncated]...'


def strclass(cls):
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def _elide(text, keep_start, keep_end):
    hidden = len(text) - keep_start - keep_end
    if hidden > _PLACEHOLDER_LEN:
        return '%s[%d chars]%s' % (text[:keep_start], hidden, text[len(text) - keep_end:])
    return text


def _shared_prefix(texts):
    first = min(texts)
    last = max(texts)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def _common_shorten_repr(*objs):
    reprs = tuple(safe_repr(o) for o in objs)
    longest = max(len(r) for r in reprs)
    if longest <= _MAX_LENGTH:
        return reprs
    prefix = _shared_prefix(reprs)
    plen = len(prefix)
    room = _MAX_LENGTH - (longest - plen + _MIN_BEGIN_LEN + _PLACEHOLDER_LEN)
    if room > _MIN_COMMON_LEN:
        short = _elide(prefix, _MIN_BEGIN_LEN, room)
        return tuple(short + r[plen:] for r in reprs)
    short = _elide(prefix, _MIN_BEGIN_LEN, _MIN_COMMON_LEN)
    return tuple(short + _elide(r[plen:], _MIN_DIFF_LEN, _MIN_END_LEN) for r in reprs)


def _is_function(obj):
    return callable(obj) and not isinstance(obj, type)


# ---------------------------------------------------------------- decorators

def skip(reason):
    """Skip the decorated test (or every test of the decorated class)."""
    def mark(item):
        if not isinstance(item, type):
            inner = item

            def skipped(*args, **kwargs):
                raise SkipTest(reason)
            skipped.__name__ = getattr(inner, '__name__', 'skipped')
            skipped.__qualname__ = getattr(inner, '__qualname__', skipped.__name__)
            skipped.__doc__ = getattr(inner, '__doc__', None)
            item = skipped
        item.__unittest_skip__ = True
        item.__unittest_skip_why__ = reason
        return item
    if _is_function(reason):
        target = reason
        reason = ''
        return mark(target)
    return mark


def _keep(item):
    return item


def skipIf(condition, reason):
    """Skip the decorated test when `condition` is true."""
    if condition:
        return skip(reason)
    return _keep


def skipUnless(condition, reason):
    """Skip the decorated test unless `condition` is true."""
    if not condition:
        return skip(reason)
    return _keep


def expectedFailure(test_item):
    """Mark a test that is expected to fail: a failure is counted as expected, a pass as unexpected."""
    test_item.__unittest_expecting_failure__ = True
    return test_item


# ---------------------------------------------------------------- results

class TestResult(object):
    """Holds the outcome of the tests run."""
    __module__ = 'unittest.result'  # where CPython defines it (reprs show it)
    _previousTestClass = None
    _testRunEntered = False
    _moduleSetUpFailed = False

    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failfast = False
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False
        self.buffer = False
        self.tb_locals = False
        self._stdout_buffer = None
        self._stderr_buffer = None
        self._original_stdout = sys.stdout
        self._original_stderr = sys.stderr
        self._mirrorOutput = False

    def printErrors(self):
        pass

    def startTest(self, test):
        self.testsRun += 1
        self._mirrorOutput = False
        self._setupStdout()

    def _setupStdout(self):
        # With `buffer`, a test's output is held and shown only when the test fails or errs.
        if self.buffer:
            if self._stderr_buffer is None:
                import io
                self._stderr_buffer = io.StringIO()
                self._stdout_buffer = io.StringIO()
            sys.stdout = self._stdout_buffer
            sys.stderr = self._stderr_buffer

    def startTestRun(self):
        pass

    def stopTest(self, test):
        self._restoreStdout()
        self._mirrorOutput = False

    def _restoreStdout(self):
        if not self.buffer:
            return
        if self._mirrorOutput:
            out = sys.stdout.getvalue()
            err = sys.stderr.getvalue()
            if out:
                self._original_stdout.write('\nStdout:\n' + (out if out.endswith('\n') else out + '\n'))
            if err:
                self._original_stderr.write('\nStderr:\n' + (err if err.endswith('\n') else err + '\n'))
        sys.stdout = self._original_stdout
        sys.stderr = self._original_stderr
        for held in (self._stdout_buffer, self._stderr_buffer):
            held.seek(0)
            held.truncate()

    def stopTestRun(self):
        pass

    def _stop_if_failfast(self):
        if self.failfast:
            self.stop()

    def addError(self, test, err):
        self.errors.append((test, self._exc_info_to_string(err, test)))
        self._mirrorOutput = True
        self._stop_if_failfast()

    def addFailure(self, test, err):
        self.failures.append((test, self._exc_info_to_string(err, test)))
        self._mirrorOutput = True
        self._stop_if_failfast()

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if issubclass(err[0], test.failureException):
                self.failures.append((subtest, self._exc_info_to_string(err, test)))
            else:
                self.errors.append((subtest, self._exc_info_to_string(err, test)))
            self._stop_if_failfast()

    def addSuccess(self, test):
        pass

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, self._exc_info_to_string(err, test)))

    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)
        self._stop_if_failfast()

    def wasSuccessful(self):
        return len(self.failures) == len(self.errors) == 0 and len(self.unexpectedSuccesses) == 0

    def stop(self):
        self.shouldStop = True

    def _exc_info_to_string(self, err, test):
        value = err[1]
        lines = traceback.format_exception(value)
        kept = []
        skipping = False
        for line in lines:
            for part in line.splitlines(True):
                if part.startswith('  File "<evalx unittest>"'):
                    skipping = True
                    continue
                if skipping and part.startswith('    '):
                    continue
                skipping = False
                kept.append(part)
        if self.buffer:
            # What the failing test printed, under the traceback.
            for title, held in (('Stdout', sys.stdout), ('Stderr', sys.stderr)):
                text = held.getvalue() if hasattr(held, 'getvalue') else ''
                if text:
                    if not text.endswith('\n'):
                        text += '\n'
                    kept.append('\n%s:\n%s' % (title, text))
        return ''.join(kept)

    def __repr__(self):
        return ("<%s run=%i errors=%i failures=%i>" %
                (strclass(self.__class__), self.testsRun, len(self.errors), len(self.failures)))


class _WritelnDecorator(object):
    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, attr):
        if attr in ('stream', '__getstate__'):
            raise AttributeError(attr)
        return getattr(self.stream, attr)

    def write(self, text):
        return self.stream.write(text)

    def flush(self):
        f = getattr(self.stream, 'flush', None)
        if f is not None:
            f()

    def writeln(self, arg=None):
        if arg:
            self.stream.write(arg)
        self.stream.write('\n')


class TextTestResult(TestResult):
    """A result that reports on a stream as tests run (dots, or one line per test with verbosity 2)."""
    __module__ = 'unittest.runner'  # where CPython defines it (reprs show it)
    separator1 = '=' * 70
    separator2 = '-' * 70

    def __init__(self, stream, descriptions, verbosity):
        super().__init__(stream, descriptions, verbosity)
        self.stream = stream
        self.showAll = verbosity > 1
        self.dots = verbosity == 1
        self.descriptions = descriptions
        self._newline = True

    def getDescription(self, test):
        doc_first_line = test.shortDescription()
        if self.descriptions and doc_first_line:
            return '\n'.join((str(test), doc_first_line))
        return str(test)

    def startTest(self, test):
        super().startTest(test)
        if self.showAll:
            self.stream.write(self.getDescription(test))
            self.stream.write(" ... ")
            self.stream.flush()
            self._newline = False

    def _write_status(self, test, status):
        is_subtest = isinstance(test, _SubTest)
        if is_subtest or self._newline:
            if not self._newline:
                self.stream.writeln()
            if is_subtest:
                self.stream.write("  ")
            self.stream.write(self.getDescription(test))
            self.stream.write(" ... ")
        self.stream.writeln(status)
        self.stream.flush()
        self._newline = True

    def _dot(self, ch):
        self.stream.write(ch)
        self.stream.flush()

    def addSubTest(self, test, subtest, err):
        if err is not None:
            failed = issubclass(err[0], subtest.failureException)
            self._show(subtest, "FAIL" if failed else "ERROR", 'F' if failed else 'E')
        super().addSubTest(test, subtest, err)

    def _show(self, test, word, dot):
        # One outcome on the stream: its word on the test's line with -v, else its dot.
        if self.showAll:
            self._write_status(test, word)
        elif self.dots:
            self._dot(dot)

    def _show_plain(self, word, dot):
        # As _show, for the outcomes whose -v word stands alone on the line.
        if self.showAll:
            self.stream.writeln(word)
            self.stream.flush()
        elif self.dots:
            self._dot(dot)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._show(test, "ok", '.')

    def addError(self, test, err):
        super().addError(test, err)
        self._show(test, "ERROR", 'E')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._show(test, "FAIL", 'F')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._show(test, "skipped {0!r}".format(reason), 's')

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._show_plain("expected failure", 'x')

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._show_plain("unexpected success", 'u')

    def printErrors(self):
        if self.dots or self.showAll:
            self.stream.writeln()
            self.stream.flush()
        self.printErrorList('ERROR', self.errors)
        self.printErrorList('FAIL', self.failures)
        if self.unexpectedSuccesses:
            self.stream.writeln(self.separator1)
            for test in self.unexpectedSuccesses:
                self.stream.writeln("UNEXPECTED SUCCESS: %s" % self.getDescription(test))
            self.stream.flush()

    def printErrorList(self, flavour, errors):
        for test, err in errors:
            self.stream.writeln(self.separator1)
            self.stream.writeln("%s: %s" % (flavour, self.getDescription(test)))
            self.stream.writeln(self.separator2)
            self.stream.writeln("%s" % err)
            self.stream.flush()


# ---------------------------------------------------------------- test cases

def _add_error(result, test, exc):
    if isinstance(exc, test.failureException):
        result.addFailure(test, (type(exc), exc, exc.__traceback__))
    else:
        result.addError(test, (type(exc), exc, exc.__traceback__))


def _add_skip(result, test, reason):
    add = getattr(result, 'addSkip', None)
    if add is not None:
        add(test, reason)


class _Outcome(object):
    def __init__(self, result):
        self.result = result
        self.result_supports_subtests = hasattr(result, 'addSubTest')
        self.success = True
        self.expecting_failure = False
        self.expectedFailure = None

    def run_part(self, test_case, fn, *args, subtest=False):
        """Runs one part of a test (fixture, body or subtest body); True unless it raised."""
        before = self.success
        self.success = True
        try:
            fn(*args)
        except KeyboardInterrupt:
            raise
        except BaseException as e:
            self.handle(test_case, e, subtest)
        else:
            if subtest and self.success:
                self.result.addSubTest(test_case.test_case, test_case, None)
        self.success = self.success and before

    def handle(self, test_case, e, subtest):
        if isinstance(e, SkipTest):
            self.success = False
            _add_skip(self.result, test_case, str(e))
        elif isinstance(e, _ShouldStop):
            pass
        elif isinstance(e, (SystemExit, GeneratorExit)) and not isinstance(e, Exception):
            if isinstance(e, SystemExit):
                self._record(test_case, e, subtest)
            else:
                raise e
        else:
            self._record(test_case, e, subtest)

    def _record(self, test_case, e, subtest):
        if self.expecting_failure:
            self.expectedFailure = e
        else:
            self.success = False
            if subtest:
                self.result.addSubTest(test_case.test_case, test_case, (type(e), e, e.__traceback__))
            else:
                _add_error(self.result, test_case, e)


class _SubTestContext(object):
    def __init__(self, case, msg, params):
        self.case = case
        self.msg = msg
        self.params = params

    def __enter__(self):
        case = self.case
        outcome = case._outcome
        if outcome is None or not outcome.result_supports_subtests:
            self.active = False
            return None
        self.active = True
        self.parent = case._subtest
        # The innermost subtest's parameters come first, then its parents' others.
        params = dict(self.params)
        if self.parent is not None:
            for k, v in self.parent.params.items():
                if k not in params:
                    params[k] = v
        msg = self.msg
        if msg is _subtest_msg_sentinel and self.parent is not None:
            msg = self.parent._message
        case._subtest = _SubTest(case, msg, params)
        self.before = outcome.success
        outcome.success = True
        return None

    def __exit__(self, exc_type, exc, tb):
        if not self.active:
            return False
        case = self.case
        outcome = case._outcome
        sub = case._subtest
        try:
            if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
                return False
            if exc is not None:
                outcome.handle(sub, exc, True)
            elif outcome.success:
                outcome.result.addSubTest(sub.test_case, sub, None)
            ok = outcome.success
            outcome.success = outcome.success and self.before
            if not ok:
                if outcome.result is not None and outcome.result.failfast:
                    raise _ShouldStop
            elif outcome.expectedFailure:
                raise _ShouldStop
            return True
        finally:
            case._subtest = self.parent


_subtest_msg_sentinel = object()


class _AssertRaisesContext(object):
    def __init__(self, expected, test_case, expected_regex=None, msg=None):
        self.expected = expected
        self.test_case = test_case
        if expected_regex is not None:
            import re
            expected_regex = re.compile(expected_regex)
        self.expected_regex = expected_regex
        self.obj_name = None
        self.msg = msg
        self.exception = None

    def _fail(self, standard):
        raise self.test_case.failureException(self.test_case._formatMessage(self.msg, standard))

    def handle(self, name, args, kwargs):
        if not _is_exception_spec(self.expected):
            raise TypeError('%s() arg 1 must be an exception type or tuple of exception types' % name)
        if not args:
            self.msg = kwargs.pop('msg', None)
            if kwargs:
                raise TypeError('%r is an invalid keyword argument for this function' % (next(iter(kwargs)),))
            return self
        fn, args = args[0], args[1:]
        try:
            self.obj_name = fn.__name__
        except AttributeError:
            self.obj_name = str(fn)
        with self:
            fn(*args, **kwargs)
        return None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            try:
                name = self.expected.__name__
            except AttributeError:
                name = str(self.expected)
            if self.obj_name:
                self._fail("{} not raised by {}".format(name, self.obj_name))
            else:
                self._fail("{} not raised".format(name))
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        if self.expected_regex is None:
            return True
        if not self.expected_regex.search(str(exc_value)):
            self._fail('"{}" does not match "{}"'.format(self.expected_regex.pattern, str(exc_value)))
        return True


class _AssertWarnsContext(object):
    def __init__(self, expected, test_case, expected_regex=None):
        self.expected = expected
        self.test_case = test_case
        if expected_regex is not None:
            import re
            expected_regex = re.compile(expected_regex)
        self.expected_regex = expected_regex
        self.obj_name = None
        self.msg = None
        self.warning = None

    handle = _AssertRaisesContext.handle
    _fail = _AssertRaisesContext._fail

    def __enter__(self):
        import warnings
        for module in list(sys.modules.values()):
            if getattr(module, '__warningregistry__', None):
                module.__warningregistry__ = {}
        self._manager = warnings.catch_warnings(record=True)
        self.warnings = self._manager.__enter__()
        warnings.simplefilter("always", self.expected)
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self._manager.__exit__(exc_type, exc_value, tb)
        if exc_type is not None:
            return False
        try:
            name = self.expected.__name__
        except AttributeError:
            name = str(self.expected)
        first = None
        for m in self.warnings:
            w = m.message
            if not isinstance(w, self.expected):
                continue
            if first is None:
                first = w
            if self.expected_regex is not None and not self.expected_regex.search(str(w)):
                continue
            self.warning = w
            self.filename = m.filename
            self.lineno = m.lineno
            return None
        if first is not None:
            self._fail('"{}" does not match "{}"'.format(self.expected_regex.pattern, str(first)))
        if self.obj_name:
            self._fail("{} not triggered by {}".format(name, self.obj_name))
        self._fail("{} not triggered".format(name))


class _LoggingWatcher(object):
    def __init__(self):
        self.records = []
        self.output = []

    def __iter__(self):
        return iter((self.records, self.output))

    def __getitem__(self, i):
        return (self.records, self.output)[i]

    def __repr__(self):
        return '_LoggingWatcher(records=%r, output=%r)' % (self.records, self.output)


class _AssertLogsContext(object):
    _FORMAT = "%(levelname)s:%(name)s:%(message)s"

    def __init__(self, test_case, logger_name, level, no_logs):
        import logging
        self.test_case = test_case
        self.logger_name = logger_name
        if level:
            self.level = logging._nameToLevel.get(level, level)
        else:
            self.level = logging.INFO
        self.msg = None
        self.no_logs = no_logs

    _fail = _AssertRaisesContext._fail

    def __enter__(self):
        import logging
        watcher = self.watcher = _LoggingWatcher()

        class _Capturing(logging.Handler):
            def emit(self, record):
                watcher.records.append(record)
                watcher.output.append(self.format(record))

            def flush(self):
                pass

        if isinstance(self.logger_name, logging.Logger):
            logger = self.logger = self.logger_name
        else:
            logger = self.logger = logging.getLogger(self.logger_name)
        handler = _Capturing()
        handler.setLevel(self.level)
        handler.setFormatter(logging.Formatter(self._FORMAT))
        self.old_handlers = logger.handlers[:]
        self.old_level = logger.level
        self.old_propagate = logger.propagate
        logger.handlers = [handler]
        logger.setLevel(self.level)
        logger.propagate = False
        if self.no_logs:
            return None
        return watcher

    def __exit__(self, exc_type, exc_value, tb):
        import logging
        self.logger.handlers = self.old_handlers
        self.logger.propagate = self.old_propagate
        self.logger.setLevel(self.old_level)
        if exc_type is not None:
            return False
        if self.no_logs:
            if self.watcher.records:
                self._fail("Unexpected logs found: {!r}".format(self.watcher.output))
        elif not self.watcher.records:
            self._fail("no logs of level {} or higher triggered on {}".format(
                logging.getLevelName(self.level), self.logger.name))
        return None


def _is_exception_spec(spec):
    if isinstance(spec, tuple):
        return all(_is_exception_spec(s) for s in spec) and len(spec) > 0
    return isinstance(spec, type) and issubclass(spec, BaseException)


def _counts(items):
    """(element, count) pairs in first-seen order, for hashable or unhashable elements."""
    keys = []
    counts = []
    index = {}
    for x in items:
        try:
            pos = index.get(x)
            hashable = True
        except TypeError:
            hashable = False
            pos = None
            for i, k in enumerate(keys):
                if k == x:
                    pos = i
                    break
        if pos is None:
            pos = len(keys)
            keys.append(x)
            counts.append(0)
            if hashable:
                index[x] = pos
        counts[pos] += 1
    return keys, counts


def _count_mismatches(first, second):
    k1, c1 = _counts(first)
    k2, c2 = _counts(second)
    out = []
    used = [False] * len(k2)
    for x, n in zip(k1, c1):
        m = 0
        for j, y in enumerate(k2):
            if not used[j] and y == x:
                m = c2[j]
                used[j] = True
                break
        if n != m:
            out.append((n, m, x))
    for j, y in enumerate(k2):
        if not used[j]:
            out.append((0, c2[j], y))
    return out


class TestCase(object):
    """A class whose test_* methods are tests, with setUp/tearDown fixtures and assert* checks."""
    __module__ = 'unittest.case'  # where CPython defines it (reprs show it)
    failureException = AssertionError
    longMessage = True
    maxDiff = 80 * 8
    _diffThreshold = 2 ** 16
    _classSetupFailed = False
    _class_cleanups = []

    def __init_subclass__(cls, *args, **kwargs):
        cls._classSetupFailed = False
        cls._class_cleanups = []
        super().__init_subclass__(*args, **kwargs)

    def __init__(self, methodName='runTest'):
        self._testMethodName = methodName
        self._outcome = None
        self._testMethodDoc = 'No test'
        try:
            method = getattr(self, methodName)
        except AttributeError:
            if methodName != 'runTest':
                raise ValueError("no such test method in %s: %s" % (self.__class__, methodName))
        else:
            self._testMethodDoc = method.__doc__
        self._cleanups = []
        self._subtest = None
        self._type_equality_funcs = {}
        self.addTypeEqualityFunc(dict, 'assertDictEqual')
        self.addTypeEqualityFunc(list, 'assertListEqual')
        self.addTypeEqualityFunc(tuple, 'assertTupleEqual')
        self.addTypeEqualityFunc(set, 'assertSetEqual')
        self.addTypeEqualityFunc(frozenset, 'assertSetEqual')
        self.addTypeEqualityFunc(str, 'assertMultiLineEqual')

    def addTypeEqualityFunc(self, typeobj, function):
        self._type_equality_funcs[typeobj] = function

    def addCleanup(self, function, /, *args, **kwargs):
        self._cleanups.append((function, args, kwargs))

    def enterContext(self, cm):
        result = type(cm).__enter__(cm)
        self.addCleanup(type(cm).__exit__, cm, None, None, None)
        return result

    @classmethod
    def addClassCleanup(cls, function, /, *args, **kwargs):
        cls._class_cleanups.append((function, args, kwargs))

    def setUp(self):
        pass

    def tearDown(self):
        pass

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def countTestCases(self):
        return 1

    def defaultTestResult(self):
        return TestResult()

    def shortDescription(self):
        doc = self._testMethodDoc
        return doc.strip().split("\n")[0].strip() if doc else None

    def id(self):
        return "%s.%s" % (strclass(self.__class__), self._testMethodName)

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return self._testMethodName == other._testMethodName

    def __hash__(self):
        return hash((type(self), self._testMethodName))

    def __str__(self):
        return "%s (%s.%s)" % (self._testMethodName, strclass(self.__class__), self._testMethodName)

    def __repr__(self):
        return "<%s testMethod=%s>" % (strclass(self.__class__), self._testMethodName)

    def subTest(self, msg=_subtest_msg_sentinel, **params):
        return _SubTestContext(self, msg, params)

    def _callSetUp(self):
        self.setUp()

    def _callTestMethod(self, method):
        method()

    def _callTearDown(self):
        self.tearDown()

    def run(self, result=None):
        if result is None:
            result = self.defaultTestResult()
            start = getattr(result, 'startTestRun', None)
            stop = getattr(result, 'stopTestRun', None)
            if start is not None:
                start()
        else:
            stop = None
        result.startTest(self)
        try:
            method = getattr(self, self._testMethodName)
            if (getattr(self.__class__, "__unittest_skip__", False) or
                    getattr(method, "__unittest_skip__", False)):
                why = (getattr(self.__class__, '__unittest_skip_why__', '') or
                       getattr(method, '__unittest_skip_why__', ''))
                _add_skip(result, self, why)
                return result
            expecting = (getattr(self, "__unittest_expecting_failure__", False) or
                         getattr(method, "__unittest_expecting_failure__", False))
            outcome = _Outcome(result)
            try:
                self._outcome = outcome
                outcome.run_part(self, self._callSetUp)
                if outcome.success:
                    outcome.expecting_failure = expecting
                    outcome.run_part(self, self._callTestMethod, method)
                    outcome.expecting_failure = False
                    outcome.run_part(self, self._callTearDown)
                self.doCleanups()
                if outcome.success:
                    if expecting:
                        if outcome.expectedFailure is not None:
                            e = outcome.expectedFailure
                            result.addExpectedFailure(self, (type(e), e, e.__traceback__))
                        else:
                            result.addUnexpectedSuccess(self)
                    else:
                        result.addSuccess(self)
                return result
            finally:
                outcome.expectedFailure = None
                self._outcome = None
        finally:
            result.stopTest(self)
            if stop is not None:
                stop()

    def doCleanups(self):
        outcome = self._outcome or _Outcome(TestResult())
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            outcome.run_part(self, function, *args, **kwargs) if not kwargs else \
                outcome.run_part(self, lambda: function(*args, **kwargs))
        return outcome.success

    @classmethod
    def doClassCleanups(cls):
        cls.tearDown_exceptions = []
        while cls._class_cleanups:
            function, args, kwargs = cls._class_cleanups.pop()
            try:
                function(*args, **kwargs)
            except Exception as e:
                cls.tearDown_exceptions.append((type(e), e, e.__traceback__))

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def debug(self):
        method = getattr(self, self._testMethodName)
        if (getattr(self.__class__, "__unittest_skip__", False) or
                getattr(method, "__unittest_skip__", False)):
            why = (getattr(self.__class__, '__unittest_skip_why__', '') or
                   getattr(method, '__unittest_skip_why__', ''))
            raise SkipTest(why)
        self._callSetUp()
        self._callTestMethod(method)
        self._callTearDown()
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            function(*args, **kwargs)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        raise self.failureException(msg)

    def _formatMessage(self, msg, standardMsg):
        if not self.longMessage:
            return msg or standardMsg
        if msg is None:
            return standardMsg
        try:
            return '%s : %s' % (standardMsg, msg)
        except UnicodeDecodeError:
            return '%s : %s' % (safe_repr(standardMsg), safe_repr(msg))

    def _truncateMessage(self, message, diff):
        limit = self.maxDiff
        if limit is None or len(diff) <= limit:
            return message + diff
        return message + (_DIFF_OMITTED % len(diff))

    # -- truth, identity, membership

    def assertFalse(self, expr, msg=None):
        if expr:
            self.fail(self._formatMessage(msg, "%s is not false" % safe_repr(expr)))

    def assertTrue(self, expr, msg=None):
        if not expr:
            self.fail(self._formatMessage(msg, "%s is not true" % safe_repr(expr)))

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            self.fail(self._formatMessage(msg, '%s is not %s' % (safe_repr(expr1), safe_repr(expr2))))

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self.fail(self._formatMessage(msg, 'unexpectedly identical: %s' % (safe_repr(expr1),)))

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self.fail(self._formatMessage(msg, '%s is not None' % (safe_repr(obj),)))

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self.fail(self._formatMessage(msg, 'unexpectedly None'))

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(self._formatMessage(msg, '%s not found in %s' % (safe_repr(member), safe_repr(container))))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self.fail(self._formatMessage(
                msg, '%s unexpectedly found in %s' % (safe_repr(member), safe_repr(container))))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self.fail(self._formatMessage(msg, '%s is not an instance of %r' % (safe_repr(obj), cls)))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self.fail(self._formatMessage(msg, '%s is an instance of %r' % (safe_repr(obj), cls)))

    # -- equality

    def _getAssertEqualityFunc(self, first, second):
        if type(first) == type(second):
            f = self._type_equality_funcs.get(type(first))
            if f is not None:
                if isinstance(f, str):
                    f = getattr(self, f)
                return f
        return self._baseAssertEqual

    def _baseAssertEqual(self, first, second, msg=None):
        if not first == second:
            standard = '%s != %s' % _common_shorten_repr(first, second)
            self.fail(self._formatMessage(msg, standard))

    def assertEqual(self, first, second, msg=None):
        self._getAssertEqualityFunc(first, second)(first, second, msg=msg)

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            self.fail(self._formatMessage(msg, '%s == %s' % (safe_repr(first), safe_repr(second))))

    def assertAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if first == second:
            return
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if diff <= delta:
                return
            standard = '%s != %s within %s delta (%s difference)' % (
                safe_repr(first), safe_repr(second), safe_repr(delta), safe_repr(diff))
        else:
            if places is None:
                places = 7
            if round(diff, places) == 0:
                return
            standard = '%s != %s within %r places (%s difference)' % (
                safe_repr(first), safe_repr(second), places, safe_repr(diff))
        self.fail(self._formatMessage(msg, standard))

    def assertNotAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if not (first == second) and diff > delta:
                return
            standard = '%s == %s within %s delta (%s difference)' % (
                safe_repr(first), safe_repr(second), safe_repr(delta), safe_repr(diff))
        else:
            if places is None:
                places = 7
            if not (first == second) and round(diff, places) != 0:
                return
            standard = '%s == %s within %r places' % (safe_repr(first), safe_repr(second), places)
        self.fail(self._formatMessage(msg, standard))

    def assertSequenceEqual(self, seq1, seq2, msg=None, seq_type=None):
        if seq_type is not None:
            kind = seq_type.__name__
            if not isinstance(seq1, seq_type):
                raise self.failureException('First sequence is not a %s: %s' % (kind, safe_repr(seq1)))
            if not isinstance(seq2, seq_type):
                raise self.failureException('Second sequence is not a %s: %s' % (kind, safe_repr(seq2)))
        else:
            kind = "sequence"
        differing = None
        try:
            len1 = len(seq1)
        except (TypeError, NotImplementedError):
            differing = 'First %s has no length.    Non-sequence?' % kind
        if differing is None:
            try:
                len2 = len(seq2)
            except (TypeError, NotImplementedError):
                differing = 'Second %s has no length.    Non-sequence?' % kind
        if differing is None:
            if seq1 == seq2:
                return
            differing = '%ss differ: %s != %s\n' % ((kind.capitalize(),) + _common_shorten_repr(seq1, seq2))
            same_prefix = True
            for i in range(min(len1, len2)):
                try:
                    item1 = seq1[i]
                except (TypeError, IndexError, NotImplementedError):
                    differing += '\nUnable to index element %d of first %s\n' % (i, kind)
                    same_prefix = False
                    break
                try:
                    item2 = seq2[i]
                except (TypeError, IndexError, NotImplementedError):
                    differing += '\nUnable to index element %d of second %s\n' % (i, kind)
                    same_prefix = False
                    break
                if item1 != item2:
                    differing += '\nFirst differing element %d:\n%s\n%s\n' % ((i,) + _common_shorten_repr(item1, item2))
                    same_prefix = False
                    break
            if same_prefix and len1 == len2 and seq_type is None and type(seq1) != type(seq2):
                return
            if len1 > len2:
                differing += '\nFirst %s contains %d additional elements.\n' % (kind, len1 - len2)
                try:
                    differing += 'First extra element %d:\n%s\n' % (len2, safe_repr(seq1[len2]))
                except (TypeError, IndexError, NotImplementedError):
                    differing += 'Unable to index element %d of first %s\n' % (len2, kind)
            elif len1 < len2:
                differing += '\nSecond %s contains %d additional elements.\n' % (kind, len2 - len1)
                try:
                    differing += 'First extra element %d:\n%s\n' % (len1, safe_repr(seq2[len1]))
                except (TypeError, IndexError, NotImplementedError):
                    differing += 'Unable to index element %d of second %s\n' % (len1, kind)
        diff = '\n' + '\n'.join(difflib.ndiff(pprint.pformat(seq1).splitlines(),
                                              pprint.pformat(seq2).splitlines()))
        self.fail(self._formatMessage(msg, self._truncateMessage(differing, diff)))

    def assertListEqual(self, list1, list2, msg=None):
        self.assertSequenceEqual(list1, list2, msg, seq_type=list)

    def assertTupleEqual(self, tuple1, tuple2, msg=None):
        self.assertSequenceEqual(tuple1, tuple2, msg, seq_type=tuple)

    def assertSetEqual(self, set1, set2, msg=None):
        try:
            only1 = set1.difference(set2)
        except TypeError as e:
            self.fail('invalid type when attempting set difference: %s' % e)
        except AttributeError as e:
            self.fail('first argument does not support set difference: %s' % e)
        try:
            only2 = set2.difference(set1)
        except TypeError as e:
            self.fail('invalid type when attempting set difference: %s' % e)
        except AttributeError as e:
            self.fail('second argument does not support set difference: %s' % e)
        if not (only1 or only2):
            return
        lines = []
        if only1:
            lines.append('Items in the first set but not the second:')
            lines.extend(repr(x) for x in only1)
        if only2:
            lines.append('Items in the second set but not the first:')
            lines.extend(repr(x) for x in only2)
        self.fail(self._formatMessage(msg, '\n'.join(lines)))

    def assertDictEqual(self, d1, d2, msg=None):
        self.assertIsInstance(d1, dict, 'First argument is not a dictionary')
        self.assertIsInstance(d2, dict, 'Second argument is not a dictionary')
        if d1 != d2:
            standard = '%s != %s' % _common_shorten_repr(d1, d2)
            diff = '\n' + '\n'.join(difflib.ndiff(pprint.pformat(d1).splitlines(),
                                                  pprint.pformat(d2).splitlines()))
            self.fail(self._formatMessage(msg, self._truncateMessage(standard, diff)))

    def assertCountEqual(self, first, second, msg=None):
        mismatches = _count_mismatches(list(first), list(second))
        if mismatches:
            lines = ['First has %d, Second has %d:  %r' % m for m in mismatches]
            standard = self._truncateMessage('Element counts were not equal:\n', '\n'.join(lines))
            self.fail(self._formatMessage(msg, standard))

    def assertMultiLineEqual(self, first, second, msg=None):
        self.assertIsInstance(first, str, "First argument is not a string")
        self.assertIsInstance(second, str, "Second argument is not a string")
        if first != second:
            if len(first) > self._diffThreshold or len(second) > self._diffThreshold:
                self._baseAssertEqual(first, second, msg)
            lines1 = first.splitlines(keepends=True)
            lines2 = second.splitlines(keepends=True)
            if len(lines1) == 1 and first.strip('\r\n') == first:
                lines1 = [first + '\n']
                lines2 = [second + '\n']
            standard = '%s != %s' % _common_shorten_repr(first, second)
            diff = '\n' + ''.join(difflib.ndiff(lines1, lines2))
            self.fail(self._formatMessage(msg, self._truncateMessage(standard, diff)))

    # -- ordering

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(self._formatMessage(msg, '%s not less than %s' % (safe_repr(a), safe_repr(b))))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(self._formatMessage(msg, '%s not less than or equal to %s' % (safe_repr(a), safe_repr(b))))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(self._formatMessage(msg, '%s not greater than %s' % (safe_repr(a), safe_repr(b))))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(self._formatMessage(
                msg, '%s not greater than or equal to %s' % (safe_repr(a), safe_repr(b))))

    # -- exceptions and text

    def assertRaises(self, expected_exception, *args, **kwargs):
        return _AssertRaisesContext(expected_exception, self).handle('assertRaises', args, kwargs)

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        ctx = _AssertRaisesContext(expected_exception, self, expected_regex)
        return ctx.handle('assertRaisesRegex', args, kwargs)

    def assertWarns(self, expected_warning, *args, **kwargs):
        return _AssertWarnsContext(expected_warning, self).handle('assertWarns', args, kwargs)

    def assertWarnsRegex(self, expected_warning, expected_regex, *args, **kwargs):
        ctx = _AssertWarnsContext(expected_warning, self, expected_regex)
        return ctx.handle('assertWarnsRegex', args, kwargs)

    def assertLogs(self, logger=None, level=None):
        return _AssertLogsContext(self, logger, level, no_logs=False)

    def assertNoLogs(self, logger=None, level=None):
        return _AssertLogsContext(self, logger, level, no_logs=True)

    def assertRegex(self, text, expected_regex, msg=None):
        import re
        if isinstance(expected_regex, (str, bytes)):
            expected_regex = re.compile(expected_regex)
        if not expected_regex.search(text):
            standard = "Regex didn't match: %r not found in %r" % (expected_regex.pattern, text)
            self.fail(self._formatMessage(msg, standard))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        import re
        if isinstance(unexpected_regex, (str, bytes)):
            unexpected_regex = re.compile(unexpected_regex)
        match = unexpected_regex.search(text)
        if match:
            standard = 'Regex matched: %r matches %r in %r' % (
                text[match.start():match.end()], unexpected_regex.pattern, text)
            self.fail(self._formatMessage(msg, standard))


def _deprecated_alias(new, old_name):
    # The old names of the assert methods (removed in 3.12): they warn, then do what `new` does.
    def alias(*args, **kwargs):
        import warnings
        warnings.warn('Please use {0} instead.'.format(new.__name__), DeprecationWarning, 2)
        return new(*args, **kwargs)
    alias.__name__ = alias.__qualname__ = old_name
    return alias


for _old, _new in (('failUnlessEqual', 'assertEqual'), ('assertEquals', 'assertEqual'),
                   ('failIfEqual', 'assertNotEqual'), ('assertNotEquals', 'assertNotEqual'),
                   ('failUnlessAlmostEqual', 'assertAlmostEqual'), ('assertAlmostEquals', 'assertAlmostEqual'),
                   ('failIfAlmostEqual', 'assertNotAlmostEqual'),
                   ('assertNotAlmostEquals', 'assertNotAlmostEqual'), ('failUnless', 'assertTrue'),
                   ('assert_', 'assertTrue'), ('failUnlessRaises', 'assertRaises'), ('failIf', 'assertFalse'),
                   ('assertRaisesRegexp', 'assertRaisesRegex'), ('assertRegexpMatches', 'assertRegex'),
                   ('assertNotRegexpMatches', 'assertNotRegex')):
    setattr(TestCase, _old, _deprecated_alias(getattr(TestCase, _new), _old))
del _old, _new


class FunctionTestCase(TestCase):
    """A test case that wraps a plain function (with optional set-up and tear-down functions)."""
    __module__ = 'unittest.case'  # where CPython defines it (reprs show it)

    def __init__(self, testFunc, setUp=None, tearDown=None, description=None):
        super().__init__()
        self._setUpFunc = setUp
        self._tearDownFunc = tearDown
        self._testFunc = testFunc
        self._description = description

    def setUp(self):
        if self._setUpFunc is not None:
            self._setUpFunc()

    def tearDown(self):
        if self._tearDownFunc is not None:
            self._tearDownFunc()

    def runTest(self):
        self._testFunc()

    def id(self):
        return self._testFunc.__name__

    def __str__(self):
        return "%s (%s)" % (strclass(self.__class__), self._testFunc.__name__)

    def __repr__(self):
        return "<%s tec=%s>" % (strclass(self.__class__), self._testFunc)

    def shortDescription(self):
        if self._description is not None:
            return self._description
        doc = self._testFunc.__doc__
        return doc and doc.split("\n")[0].strip() or None


class _SubTest(TestCase):
    __module__ = 'unittest.case'  # where CPython defines it (reprs show it)
    def __init__(self, test_case, message, params):
        super().__init__()
        self._message = message
        self.test_case = test_case
        self.params = params
        self.failureException = test_case.failureException

    def runTest(self):
        raise NotImplementedError("subtests cannot be run directly")

    def _subDescription(self):
        parts = []
        if self._message is not _subtest_msg_sentinel:
            parts.append("[{}]".format(self._message))
        if self.params:
            parts.append("({})".format(', '.join("{}={!r}".format(k, v) for k, v in self.params.items())))
        return " ".join(parts) or '(<subtest>)'

    def id(self):
        return "{} {}".format(self.test_case.id(), self._subDescription())

    def shortDescription(self):
        return self.test_case.shortDescription()

    def __str__(self):
        return "{} {}".format(self.test_case, self._subDescription())


class _ErrorHolder(object):
    """Stands in for a test in the report when a class fixture fails."""
    failureException = None

    def __init__(self, description):
        self.description = description

    def id(self):
        return self.description

    def shortDescription(self):
        return None

    def __repr__(self):
        return "<ErrorHolder description=%r>" % (self.description,)

    def __str__(self):
        return self.id()

    def run(self, result):
        pass

    def __call__(self, result):
        return self.run(result)

    def countTestCases(self):
        return 0


# ---------------------------------------------------------------- suites

class BaseTestSuite(object):
    """A plain collection of tests (no class fixtures)."""
    __module__ = 'unittest.suite'  # where CPython defines it (reprs show it)
    _cleanup = True

    def __init__(self, tests=()):
        self._tests = []
        self._removed_tests = 0
        self.addTests(tests)

    def __repr__(self):
        return "<%s tests=%s>" % (strclass(self.__class__), list(self))

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return list(self) == list(other)

    def __iter__(self):
        return iter(self._tests)

    def countTestCases(self):
        cases = self._removed_tests
        for test in self:
            if test:
                cases += test.countTestCases()
        return cases

    def addTest(self, test):
        if not callable(test):
            raise TypeError("{} is not callable".format(repr(test)))
        if isinstance(test, type) and issubclass(test, (TestCase, TestSuite)):
            raise TypeError("TestCases and TestSuites must be instantiated before passing them to addTest()")
        self._tests.append(test)

    def addTests(self, tests):
        if isinstance(tests, str):
            raise TypeError("tests must be an iterable of tests, not a string")
        for test in tests:
            self.addTest(test)

    def run(self, result):
        for test in self:
            if result.shouldStop:
                break
            test(result)
        return result

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def debug(self):
        for test in self:
            test.debug()


class TestSuite(BaseTestSuite):
    """A collection of tests that also runs setUpClass/tearDownClass around each class's tests."""
    __module__ = 'unittest.suite'  # where CPython defines it (reprs show it)

    def run(self, result, debug=False):
        top = False
        if getattr(result, '_testRunEntered', False) is False:
            result._testRunEntered = top = True
        for test in self:
            if result.shouldStop:
                break
            if isinstance(test, TestSuite):
                test.run(result)
                continue
            self._tearDownPreviousClass(test, result)
            self._handleClassSetUp(test, result)
            result._previousTestClass = test.__class__
            if getattr(test.__class__, '_classSetupFailed', False):
                continue
            test(result)
        if top:
            self._tearDownPreviousClass(None, result)
            result._testRunEntered = False
        return result

    def _handleClassSetUp(self, test, result):
        previous = getattr(result, '_previousTestClass', None)
        current = test.__class__
        if current == previous:
            return
        if not isinstance(test, TestCase):
            return
        current._classSetupFailed = False
        if getattr(current, "__unittest_skip__", False):
            return
        setup = getattr(current, 'setUpClass', None)
        if setup is not None:
            try:
                setup()
            except Exception as e:
                current._classSetupFailed = True
                self._class_error(result, e, 'setUpClass', strclass(current))
                self._class_cleanups(current, result)

    def _class_cleanups(self, cls, result):
        cls.doClassCleanups()
        for exc_info in getattr(cls, 'tearDown_exceptions', []):
            self._class_error(result, exc_info[1], 'doClassCleanups', strclass(cls))

    def _class_error(self, result, exc, method_name, parent_name):
        holder = _ErrorHolder(f'{method_name} ({parent_name})')
        if isinstance(exc, SkipTest):
            _add_skip(result, holder, str(exc))
        else:
            result.addError(holder, (type(exc), exc, exc.__traceback__))

    def _tearDownPreviousClass(self, test, result):
        previous = getattr(result, '_previousTestClass', None)
        current = test.__class__ if test is not None else None
        if current == previous or previous is None:
            return
        if getattr(previous, '_classSetupFailed', False):
            return
        if getattr(previous, "__unittest_skip__", False):
            return
        teardown = getattr(previous, 'tearDownClass', None)
        if teardown is not None:
            try:
                teardown()
            except Exception as e:
                self._class_error(result, e, 'tearDownClass', strclass(previous))
            self._class_cleanups(previous, result)


# ---------------------------------------------------------------- loading

class TestLoader(object):
    """Finds the tests of a TestCase class, a module or a dotted name."""
    __module__ = 'unittest.loader'  # where CPython defines it (reprs show it)
    testMethodPrefix = 'test'
    sortTestMethodsUsing = None
    testNamePatterns = None
    suiteClass = TestSuite

    def __init__(self):
        self.errors = []

    def loadTestsFromTestCase(self, testCaseClass):
        if issubclass(testCaseClass, TestSuite):
            raise TypeError("Test cases should not be derived from TestSuite. Maybe you meant to derive "
                            "from TestCase?")
        names = self.getTestCaseNames(testCaseClass)
        if not names and hasattr(testCaseClass, 'runTest'):
            names = ['runTest']
        return self.suiteClass([testCaseClass(n) for n in names])

    def getTestCaseNames(self, testCaseClass):
        prefix = self.testMethodPrefix
        names = []
        for name in dir(testCaseClass):
            if not name.startswith(prefix):
                continue
            if not callable(getattr(testCaseClass, name)):
                continue
            if self.testNamePatterns is not None:
                import fnmatch
                full = '%s.%s.%s' % (testCaseClass.__module__, testCaseClass.__qualname__, name)
                if not any(fnmatch.fnmatchcase(full, p) for p in self.testNamePatterns):
                    continue
            names.append(name)
        if self.sortTestMethodsUsing is not None:
            import functools
            names.sort(key=functools.cmp_to_key(self.sortTestMethodsUsing))
        else:
            names.sort()
        return names

    def loadTestsFromModule(self, module, *args, pattern=None, **kws):
        tests = []
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, TestCase):
                tests.append(self.loadTestsFromTestCase(obj))
        load_tests = getattr(module, 'load_tests', None)
        suite = self.suiteClass(tests)
        if load_tests is not None:
            return load_tests(self, suite, pattern)
        return suite

    def loadTestsFromName(self, name, module=None):
        parts = name.split('.')
        if module is None:
            import importlib
            head = parts[:]
            while head:
                try:
                    module = importlib.import_module('.'.join(head))
                    break
                except ImportError:
                    head.pop()
            if module is None:
                raise ImportError('No module named %r' % name)
            parts = parts[len(head):]
        parent, obj = None, module
        for part in parts:
            parent, obj = obj, getattr(obj, part)
        if isinstance(obj, type(sys)):
            return self.loadTestsFromModule(obj)
        if isinstance(obj, type) and issubclass(obj, TestCase):
            return self.loadTestsFromTestCase(obj)
        if isinstance(parent, type) and issubclass(parent, TestCase):
            inst = parent(parts[-1])
            if not callable(getattr(inst, parts[-1])):
                return inst
            return self.suiteClass([inst])
        if isinstance(obj, TestSuite):
            return obj
        if callable(obj):
            test = obj()
            if isinstance(test, TestSuite):
                return test
            if isinstance(test, TestCase):
                return self.suiteClass([test])
            raise TypeError("calling %s returned %s, not a test" % (obj, test))
        raise TypeError("don't know how to make test from: %s" % obj)

    def loadTestsFromNames(self, names, module=None):
        return self.suiteClass([self.loadTestsFromName(n, module) for n in names])

    def discover(self, start_dir, pattern='test*.py', top_level_dir=None):
        """Finds the test modules under `start_dir` (files matching `pattern`, packages recursed into),
        imports them and returns a suite of their tests. Folders and files are read through the host's
        file policy (only what it grants is seen); a module the import policy cannot find by name is run
        from its file."""
        import os
        set_implicit_top = top_level_dir is None
        if set_implicit_top:
            top_level_dir = start_dir
        top_level_dir = os.path.abspath(top_level_dir)
        start = os.path.abspath(start_dir)
        if not os.path.isdir(start):
            if os.path.exists(start):
                raise ImportError('Start directory is not importable: %r' % start_dir)
            try:
                module = __import__(start_dir)
            except ImportError:
                raise ImportError('Start directory is not importable: %r' % start_dir)
            for part in start_dir.split('.')[1:]:
                module = getattr(module, part)
            path = getattr(module, '__file__', None)
            if path is None:
                raise TypeError("don't know how to discover from {!r}".format(module))
            start = os.path.dirname(os.path.abspath(path))
            if set_implicit_top:
                top_level_dir = os.path.dirname(start)
        elif start != top_level_dir and not os.path.isfile(os.path.join(start, '__init__.py')):
            raise ImportError('Start directory is not importable: %r' % start_dir)
        path = getattr(sys, 'path', None)
        if isinstance(path, list) and top_level_dir not in path:
            path.insert(0, top_level_dir)
        self._top_level_dir = top_level_dir
        return self.suiteClass(list(self._find_tests(start, pattern)))

    def _module_name(self, path):
        import os
        rel = os.path.relpath(os.path.splitext(os.path.normpath(path))[0], self._top_level_dir)
        if os.path.isabs(rel) or rel.startswith('..'):
            raise ImportError('path %r is not in the top-level directory' % path)
        return rel.replace(os.path.sep, '.')

    def _import_path(self, name, path):
        try:
            __import__(name)
            return sys.modules[name]
        except ModuleNotFoundError as e:
            if str(e) != "No module named %r" % name:
                raise
        import types
        with open(path) as f:
            source = f.read()
        module = types.ModuleType(name)
        module.__file__ = path
        sys.modules[name] = module
        try:
            exec(compile(source, path, 'exec'), module.__dict__)
        except BaseException:
            del sys.modules[name]
            raise
        return module

    def _find_tests(self, start_dir, pattern):
        import os
        import fnmatch
        for entry in sorted(os.listdir(start_dir)):
            full = os.path.join(start_dir, entry)
            if os.path.isfile(full):
                base, ext = os.path.splitext(entry)
                if ext != '.py' or not base.isidentifier() or not fnmatch.fnmatch(entry, pattern):
                    continue
                name = self._module_name(full)
                try:
                    module = self._import_path(name, full)
                except SkipTest as e:
                    yield _skipped_module(name, str(e), self.suiteClass)
                    continue
                except Exception as e:
                    error = traceback.format_exc()
                    self.errors.append(error)
                    yield _failed_module(name, e, self.suiteClass)
                    continue
                yield self.loadTestsFromModule(module, pattern=pattern)
            elif os.path.isdir(full) and entry.isidentifier():
                if not os.path.isfile(os.path.join(full, '__init__.py')):
                    continue
                name = self._module_name(full)
                try:
                    package = self._import_path(name, os.path.join(full, '__init__.py'))
                except Exception as e:
                    self.errors.append(traceback.format_exc())
                    yield _failed_module(name, e, self.suiteClass)
                    continue
                load_tests = getattr(package, 'load_tests', None)
                if load_tests is not None:
                    yield load_tests(self, self.suiteClass(list(self._find_tests(full, pattern))), pattern)
                    continue
                yield from self._find_tests(full, pattern)


def _failed_module(name, exception, suiteClass):
    # A module that could not be imported is one failing test, named after it (CPython's
    # unittest.loader._FailedTest).
    def testFailure(self):
        raise exception
    cls = type('_FailedTest', (_FailedTest,), {name: testFailure, '__module__': 'unittest.loader'})
    return suiteClass((cls(name),))


def _skipped_module(name, reason, suiteClass):
    def testSkipped(self):
        raise SkipTest(reason)
    cls = type('ModuleSkipped', (TestCase,), {name: testSkipped})
    return suiteClass((cls(name),))


defaultTestLoader = TestLoader()


class _FailedTest(TestCase):
    __module__ = 'unittest.loader'


# ---------------------------------------------------------------- running

class TextTestRunner(object):
    """Runs tests and reports on a stream (sys.stderr unless given)."""
    __module__ = 'unittest.runner'  # where CPython defines it (reprs show it)
    resultclass = TextTestResult

    def __init__(self, stream=None, descriptions=True, verbosity=1, failfast=False, buffer=False,
                 resultclass=None, warnings=None, *, tb_locals=False):
        if stream is None:
            stream = sys.stderr
        self.stream = _WritelnDecorator(stream)
        self.descriptions = descriptions
        self.verbosity = verbosity
        self.failfast = failfast
        self.buffer = buffer
        self.tb_locals = tb_locals
        self.warnings = warnings
        if resultclass is not None:
            self.resultclass = resultclass

    def _makeResult(self):
        return self.resultclass(self.stream, self.descriptions, self.verbosity)

    def run(self, test):
        result = self._makeResult()
        result.failfast = self.failfast
        result.buffer = self.buffer
        result.tb_locals = self.tb_locals
        start = time.perf_counter()
        start_run = getattr(result, 'startTestRun', None)
        if start_run is not None:
            start_run()
        try:
            test(result)
        finally:
            stop_run = getattr(result, 'stopTestRun', None)
            if stop_run is not None:
                stop_run()
        taken = time.perf_counter() - start
        result.printErrors()
        if hasattr(result, 'separator2'):
            self.stream.writeln(result.separator2)
        run = result.testsRun
        self.stream.writeln("Ran %d test%s in %.3fs" % (run, "s" if run != 1 else "", taken))
        self.stream.writeln()
        expected = len(getattr(result, 'expectedFailures', ()))
        unexpected = len(getattr(result, 'unexpectedSuccesses', ()))
        skipped = len(getattr(result, 'skipped', ()))
        infos = []
        if not result.wasSuccessful():
            self.stream.write("FAILED")
            if result.failures:
                infos.append("failures=%d" % len(result.failures))
            if result.errors:
                infos.append("errors=%d" % len(result.errors))
        else:
            self.stream.write("OK")
        if skipped:
            infos.append("skipped=%d" % skipped)
        if expected:
            infos.append("expected failures=%d" % expected)
        if unexpected:
            infos.append("unexpected successes=%d" % unexpected)
        if infos:
            self.stream.writeln(" (%s)" % (", ".join(infos),))
        else:
            self.stream.write("\n")
        self.stream.flush()
        return result


class TestProgram(object):
    """Loads the tests of a module (`__main__` by default), runs them and exits with their status."""
    __module__ = 'unittest.main'  # where CPython defines it (reprs show it)

    def __init__(self, module='__main__', defaultTest=None, argv=None, testRunner=None,
                 testLoader=defaultTestLoader, exit=True, verbosity=1, failfast=None, catchbreak=None,
                 buffer=None, warnings=None, *, tb_locals=False):
        if isinstance(module, str):
            self.module = sys.modules[module] if module in sys.modules else __import__(module)
            for part in module.split('.')[1:]:
                self.module = getattr(self.module, part)
        else:
            self.module = module
        if argv is None:
            argv = sys.argv
        self.exit = exit
        self.failfast = failfast
        self.catchbreak = catchbreak
        self.verbosity = verbosity
        self.buffer = buffer
        self.tb_locals = tb_locals
        self.warnings = warnings
        self.defaultTest = defaultTest
        self.testRunner = testRunner
        self.testLoader = testLoader
        self.progName = argv[0] if argv else 'python'
        self.parseArgs(argv)
        self.runTests()

    def parseArgs(self, argv):
        names = []
        for arg in list(argv[1:]):
            if arg in ('-v', '--verbose'):
                self.verbosity = 2
            elif arg in ('-q', '--quiet'):
                self.verbosity = 0
            elif arg in ('-f', '--failfast'):
                self.failfast = True
            elif arg in ('-b', '--buffer'):
                self.buffer = True
            elif arg in ('-c', '--catch'):
                self.catchbreak = True
            elif arg == '--locals':
                self.tb_locals = True
            elif arg.startswith('-'):
                print('%s: error: unrecognized arguments: %s' % (self.progName, arg), file=sys.stderr)
                sys.exit(2)
            else:
                names.append(arg)
        if names:
            self.testNames = names
        elif self.defaultTest is None:
            self.testNames = None
        elif isinstance(self.defaultTest, str):
            self.testNames = (self.defaultTest,)
        else:
            self.testNames = list(self.defaultTest)
        self.createTests()

    def createTests(self):
        if self.testNames is None:
            self.test = self.testLoader.loadTestsFromModule(self.module)
        else:
            self.test = self.testLoader.loadTestsFromNames(self.testNames, self.module)

    def runTests(self):
        runner = self.testRunner
        if runner is None:
            runner = TextTestRunner
        if isinstance(runner, type):
            try:
                runner = runner(verbosity=self.verbosity, failfast=bool(self.failfast),
                                buffer=bool(self.buffer), warnings=self.warnings, tb_locals=self.tb_locals)
            except TypeError:
                runner = runner()
        self.result = runner.run(self.test)
        if self.exit:
            sys.exit(not self.result.wasSuccessful())


main = TestProgram


def _loader_with(prefix, sortUsing, suiteClass=None):
    loader = TestLoader()
    loader.sortTestMethodsUsing = sortUsing
    loader.testMethodPrefix = prefix
    if suiteClass:
        loader.suiteClass = suiteClass
    return loader


def _warn_old_function(name, new):
    import warnings
    warnings.warn("unittest.%s() is deprecated and will be removed in Python 3.13. Please use %s instead."
                  % (name, new), DeprecationWarning, stacklevel=3)


def getTestCaseNames(testCaseClass, prefix, sortUsing=None):
    _warn_old_function('getTestCaseNames', 'unittest.TestLoader.getTestCaseNames()')
    loader = _loader_with(prefix, sortUsing)
    return loader.getTestCaseNames(testCaseClass)


def makeSuite(testCaseClass, prefix='test', sortUsing=None, suiteClass=None):
    _warn_old_function('makeSuite', 'unittest.TestLoader.loadTestsFromTestCase()')
    return _loader_with(prefix, sortUsing, suiteClass).loadTestsFromTestCase(testCaseClass)


def findTestCases(module, prefix='test', sortUsing=None, suiteClass=None):
    _warn_old_function('findTestCases', 'unittest.TestLoader.loadTestsFromModule()')
    return _loader_with(prefix, sortUsing, suiteClass).loadTestsFromModule(module)

import warnings, sys


class Err:
    # stderr, shown on stdout with this file's path as FILE (CPython prints the script's absolute path).
    def write(self, s):
        sys.stdout.write(s.replace(__file__, 'FILE'))

    def flush(self):
        pass


sys.stderr = Err()


def old():
    warnings.warn("old() is deprecated", DeprecationWarning, stacklevel=2)


def f():
    warnings.warn("careful")


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    f()
    f()
    old()
    warnings.warn("explicit", RuntimeWarning)
    warnings.warn(UserWarning("instance"))
    print(len(w), [str(x.message) for x in w], [x.category.__name__ for x in w], [x.lineno for x in w])
    print(w[0].filename == __file__, w[0].line)
with warnings.catch_warnings(record=True) as w:
    f(); f(); f()
    print(len(w))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        f()
    except UserWarning as e:
        print("raised", repr(e))
with warnings.catch_warnings(record=True) as w:
    warnings.filterwarnings("ignore", message="care")
    f()
    warnings.warn("other")
    print([str(x.message) for x in w])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("ignore", UserWarning)
    f()
    warnings.warn("rt", RuntimeWarning)
    print([str(x.message) for x in w])
print(warnings.formatwarning("msg", UserWarning, "file.py", 10, "x = 1  "), end='')
print(warnings.formatwarning("msg", UserWarning, "file.py", 10), end='')


class MyWarning(UserWarning):
    pass


warnings.warn("to stderr", MyWarning)
for i in range(3):
    warnings.warn("loop warning")
warnings.warn("dep", DeprecationWarning)
warnings.warn("pending", PendingDeprecationWarning)


def g():
    warnings.warn("in g", FutureWarning)


g()
with warnings.catch_warnings(action="ignore"):
    warnings.warn("hidden")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("once msg")
    print(len(w), str(w[0]).replace(__file__, 'FILE'))


def show(message, category, filename, lineno, file=None, line=None):
    print('custom:', message, category.__name__, lineno)


warnings.showwarning = show
warnings.warn("through a custom showwarning", RuntimeWarning)
warnings.resetwarnings()
warnings.warn("dep after reset", DeprecationWarning)
print([a for a, *_ in warnings.filters])
warnings.filterwarnings("error", category=RuntimeWarning, module="__main__")
try:
    warnings.warn("now an error", RuntimeWarning)
except RuntimeWarning as e:
    print("error:", e)
try:
    warnings.simplefilter("bogus")
except AssertionError as e:
    print("AssertionError", e)

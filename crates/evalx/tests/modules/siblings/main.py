# Module files next to the program: plain modules, a package with submodules, sys.modules.
import sys
import helper
from helper import double, COUNT
import pkg.sub
from pkg import other
from pkg.sub import triple

DIR = __file__.rsplit("/", 1)[0]


def short(path):
    return path.replace(DIR, "<dir>")


print(helper.__name__, short(helper.__file__), helper.__package__ == "")
print(double(21), COUNT, triple(5), other.NAME)
print(pkg.__name__, short(pkg.__file__), [short(p) for p in pkg.__path__], pkg.__package__)
print(pkg.sub.__name__, pkg.sub.__package__, pkg.sub is sys.modules["pkg.sub"])
print(pkg.sub is pkg.sub.me(), "pkg.other" in sys.modules, pkg.other is other)
import helper as again
print(again is helper, helper.loads)
helper.COUNT = 99
import helper
print(helper.COUNT, sys.modules["helper"] is helper)
print(sorted(k for k in sys.modules if k in ("helper", "pkg", "pkg.sub", "pkg.other", "__main__")))
import __main__
print(__main__.DIR == DIR, sys.modules["__main__"] is __main__)
from helper import *
print(exported(), "hidden" in dir())
try:
    from helper import missing
except ImportError as e:
    print(type(e).__name__, short(str(e)))
try:
    import no_such_module
except ImportError as e:
    print(type(e).__name__, e)
try:
    import pkg.nothing
except ImportError as e:
    print(type(e).__name__, e)
try:
    from pkg import nothing
except ImportError as e:
    print(type(e).__name__, short(str(e)))

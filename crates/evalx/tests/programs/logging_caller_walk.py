# Log records name their caller as CPython's findCaller does: stacklevel counts only frames outside logging,
# from functions, methods, generators, lambdas, comprehensions, wrappers and module level; stack_info text.
import logging, sys, io
s = io.StringIO()
h = logging.StreamHandler(s)
h.setFormatter(logging.Formatter("%(filename)s:%(lineno)d:%(funcName)s:%(module)s:%(message)s"))
log = logging.getLogger("x")
log.addHandler(h)
log.propagate = False

def inner():
    log.warning("inner")
    log.warning("lvl2", stacklevel=2)
    log.warning("lvl3", stacklevel=3)
    log.warning("lvl99", stacklevel=99)

def outer():
    inner()

class C:
    def meth(self):
        log.error("meth %s", 1)
    def gen(self):
        yield log.error("gen")

outer()
C().meth()
list(C().gen())
log.warning("module")
log.warning(
    "multi %s",
    "line",
)
adapter = logging.LoggerAdapter(log, {})
adapter.warning("adapter")
def wrapper(msg):
    log.warning(msg, stacklevel=2)
wrapper("via wrapper")
lam = lambda: log.critical("lambda")
lam()
[log.info("no") or log.warning("comp") for _ in range(1)]
try:
    1/0
except ZeroDivisionError:
    log.exception("exc")
log.warning("si", stack_info=True)
def deep():
    log.warning("si2", stack_info=True, stacklevel=2)
def deeper():
    deep()
deeper()
logging.basicConfig(stream=s, format="%(funcName)s %(lineno)d %(message)s")
logging.warning("root")
def f(): logging.error("root f")
f()
# Traceback and stack lines name this file as the interpreter ran it (CPython: an absolute path).
out = s.getvalue()
here = __file__.rpartition('/')[0]
if here:
    out = out.replace(here + '/', '')
print(out)

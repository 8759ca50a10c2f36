# logging: levels, loggers and their tree, handlers over StringIO, formatters, propagation, disable,
# lastResort, basicConfig and the module-level functions.
import io
import logging
import re
import sys

print(logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL, logging.NOTSET)
print(logging.getLevelName(10), logging.getLevelName(35), logging.getLevelName("ERROR"), logging.WARN)
logging.addLevelName(25, "NOTICE")
print(logging.getLevelName(25), logging.getLevelName("NOTICE"))

err = io.StringIO()
sys.stderr = err

stream = io.StringIO()
handler = logging.StreamHandler(stream=stream)
logger = logging.getLogger("bench")
logger.propagate = False
logger.addHandler(handler)
logger.setLevel(logging.WARNING)
logger.debug("hidden")
logger.warning("some important information")
logger.warning("important: %s", "formatted")
logger.error("two %d %s", 2, "args")
logger.log(25, "notice level is below warning")
logger.critical("dict %(a)s", {"a": "mapping"})
print(repr(stream.getvalue()))
print(logger.isEnabledFor(logging.INFO), logger.isEnabledFor(logging.ERROR), logger.getEffectiveLevel())
print(repr(logger), repr(handler), repr(logging.getLogger()), logger.hasHandlers())

a = logging.getLogger("a")
abc = logging.getLogger("a.b.c")
ab = logging.getLogger("a.b")
print(abc.parent.name, ab.parent.name, a.parent.name, logging.getLogger("a.b") is ab, a.getChild("b") is ab)
s2 = io.StringIO()
h2 = logging.StreamHandler(s2)
h2.setFormatter(logging.Formatter("%(levelname)s|%(name)s|%(message)s|%(levelno)d"))
a.addHandler(h2)
a.setLevel("INFO")
abc.info("from the leaf")
abc.debug("not shown")
ab.warning("from the middle %r", [1, 2])
h2.setLevel(logging.ERROR)
abc.warning("handler level filters this")
abc.error("but not this")
print(repr(s2.getvalue()))
print(abc.getEffectiveLevel(), repr(abc))

s3 = io.StringIO()
h3 = logging.StreamHandler(s3)
h3.setFormatter(logging.Formatter("{levelname}:{name}:{message}", style="{"))
f = logging.getLogger("filtered")
f.addHandler(h3)
f.propagate = False
f.addFilter(lambda r: "keep" in r.getMessage())
f.warning("keep this")
f.warning("drop this")
h3.addFilter(logging.Filter("filtered.child"))
f.warning("keep, but the handler's filter drops it")
print(repr(s3.getvalue()))

s4 = io.StringIO()
h4 = logging.StreamHandler(s4)
h4.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
t = logging.getLogger("timed")
t.addHandler(h4)
t.propagate = False
t.warning("with time")
print(re.sub(r"\d", "9", s4.getvalue()), end="")
s5 = io.StringIO()
h5 = logging.StreamHandler(s5)
h5.setFormatter(logging.Formatter("[%(asctime)s] %(message)s", datefmt="%Y"))
t.removeHandler(h4)
t.addHandler(h5)
t.warning("year only")
print(re.sub(r"\d", "9", s5.getvalue()), end="")

r = logging.LogRecord("rec", logging.INFO, "/x/y/mod.py", 12, "hello %s", ("world",), None)
print(r.getMessage(), r.levelname, r.filename, r.module, r.lineno, repr(r))
fm = logging.Formatter("%(name)s %(levelname)-8s %(message)s")
print(fm.format(r))
try:
    logging.Formatter("%(nosuch)s").format(r)
except ValueError as e:
    print("ValueError", e)
try:
    logger.setLevel("LOUD")
except ValueError as e:
    print("ValueError", e)
try:
    logger.log("x", "y")
except TypeError as e:
    print("TypeError", e)

q = logging.getLogger("quiet")
q.warning("to lastResort")
q.info("below lastResort's level")
logging.disable(logging.WARNING)
q.warning("disabled")
q.error("above the disable level")
logging.disable(logging.NOTSET)
n = logging.getLogger("nulled")
n.addHandler(logging.NullHandler())
n.error("swallowed")
print(repr(err.getvalue()))

root_out = io.StringIO()
logging.basicConfig(stream=root_out, level=logging.INFO)
logging.info("root info")
logging.debug("root debug hidden")
logging.warning("root %s", "warning")
q.error("propagates to root")
logging.basicConfig(stream=root_out, format="ignored: already configured")
logging.critical("still the basic format")
print(repr(root_out.getvalue()))
logging.basicConfig(stream=root_out, format="%(name)s>%(message)s", force=True)
logging.error("after force")
print(repr(root_out.getvalue().splitlines()[-1]))
try:
    raise ValueError("bad thing")
except ValueError as e:
    ex = e
exc_out = io.StringIO()
eh = logging.StreamHandler(exc_out)
el = logging.getLogger("exc")
el.propagate = False
el.addHandler(eh)
el.error("failed", exc_info=ex)
print(repr(exc_out.getvalue().splitlines()[0]), repr(exc_out.getvalue().splitlines()[-1]))
ad = logging.LoggerAdapter(el, {"user": "u1"})
eh.setFormatter(logging.Formatter("%(user)s %(message)s"))
ad.warning("adapted")
print(repr(exc_out.getvalue().splitlines()[-1]), repr(ad))
mr = logging.makeLogRecord({"msg": "made %s", "args": ("here",), "levelno": 40, "custom": 7})
print(mr.getMessage(), mr.custom, mr.levelno)

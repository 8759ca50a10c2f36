# Fixes found by probing everyday scripts (session 7): a dataclass's repr keeps fields that do not
# compare; logging's exc_info reads the exception being handled and prints its traceback;
# sys.exc_info() in an `except` without `as` gives the traceback object.
import dataclasses
import logging
import sys


@dataclasses.dataclass(order=True, frozen=True)
class P:
    x: int
    y: int = 0
    tags: tuple = dataclasses.field(default=(), compare=False)
    hidden: int = dataclasses.field(default=0, repr=False)


ps = sorted([P(3, 1), P(1, 2), P(1, 1, ("a",))])
print(ps)
print(dataclasses.replace(ps[2], y=9), P(1) == P(1, tags=("z",)), P(1) < P(2))

import io
import os

buf = io.StringIO()
logging.basicConfig(stream=buf, format="%(levelname)s %(name)s %(message)s")
log = logging.getLogger("app")


def work(n):
    return 10 // n


try:
    work(0)
except ZeroDivisionError:
    tb = sys.exc_info()[2]
    print(tb.tb_lineno, tb.tb_next.tb_lineno, tb.tb_next.tb_frame.f_code.co_name)
    log.exception("failed %d", 0)
    log.error("again", exc_info=True)
log.warning("outside", exc_info=True)
try:
    {}["k"]
except KeyError as e:
    log.error("given", exc_info=e)
    log.error("tuple", exc_info=sys.exc_info())
print(buf.getvalue().replace(os.path.abspath(__file__), "FILE").replace(__file__, "FILE"))

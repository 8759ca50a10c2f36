# copy.copy / copy.deepcopy of exceptions: the class called again with the args, then the attributes set
# (BaseException.__reduce__), as a job queue that keeps the errors it met would do.
import copy
class VE(Exception):
    def __init__(self, field, msg=""):
        super().__init__(msg); self.field = field
class Plain(Exception):
    pass
for e in [ValueError("x"), KeyError("k"), OSError(2, "gone", "f.txt"), Plain(1, 2), VE("age", "bad")]:
    for fn in (copy.copy, copy.deepcopy):
        try:
            c = fn(e)
            print(fn.__name__, repr(c), c.args, c.__dict__, type(c).__name__, c is e)
        except Exception as ex:
            print(fn.__name__, "!!", type(ex).__name__, ex)
try:
    raise VE("f", "boom")
except VE as err:
    d = copy.deepcopy(err); print(repr(d), d.field, d.__traceback__)

# inspect's frame functions: stack(), getouterframes(), getinnerframes(), trace(), getframeinfo().
import inspect
import os
import sys


def callee(n):
    local = n * 10
    st = inspect.stack()
    for info in st:
        print(info.function, info.lineno, os.path.basename(info.filename), info.code_context, info.index,
              info.frame.f_code.co_name, info[3], len(info))
    print(st[0].frame is sys._getframe(), st[1].frame is sys._getframe(1))
    print(st[0].frame.f_locals['local'])
    print([f.function for f in inspect.stack(0)], inspect.stack(0)[0].code_context)
    print(inspect.stack(3)[0].code_context, inspect.stack(3)[0].index)
    return st


def caller():
    return callee(4)


st = caller()
print(type(st[0]).__name__, type(st[0]).__mro__[1].__name__, st[0]._fields)
print(inspect.FrameInfo._fields, inspect.Traceback._fields)

outer = inspect.getouterframes(inspect.currentframe())
print(len(outer), outer[0].function, outer[0].lineno)

info = inspect.getframeinfo(inspect.currentframe(), context=5)
print(info.lineno, info.function, info.index, len(info.code_context), info.code_context[info.index])
print(info.filename == __file__, inspect.getlineno(inspect.currentframe()))


def fail(k):
    x = k + 1
    raise LookupError(x)


def middle():
    fail(1)


try:
    middle()
except LookupError:
    tr = inspect.trace()
    print([(t.function, t.lineno, t.code_context) for t in tr])
    print(tr[-1].frame.f_locals)
    tb = sys.exc_info()[2]
    inner = inspect.getinnerframes(tb, 0)
    print([(t.function, t.lineno, t.code_context, t.index) for t in inner])
    print(inspect.getframeinfo(tb).lineno, inspect.getframeinfo(tb.tb_next).function)

try:
    inspect.getframeinfo(42)
except (TypeError, AttributeError) as e:
    print(type(e).__name__)

print(inspect.trace())

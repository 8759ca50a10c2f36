# A traceback's frames are the real frames: their variables, callers, code and globals.
import io
import os
import sys
import traceback


def show(text):
    print(text.replace(__file__, 'FILE'), end='')


def printed(*args, **kw):
    buf = io.StringIO()
    traceback.print_exception(*args, file=buf, **kw)
    show(buf.getvalue())


def inner(a):
    b = a * 2
    return 1 / (a - a)


def outer(x):
    y = x + 1
    return inner(y)


try:
    outer(3)
except ZeroDivisionError as e:
    tb = e.__traceback__
    frames = []
    while tb is not None:
        f = tb.tb_frame
        names = sorted(k for k in f.f_locals if not k.startswith('__'))
        if f.f_code.co_name == '<module>':
            names = 'module'
        print(f.f_code.co_name, tb.tb_lineno, f.f_lineno, names, f.f_globals is globals())
        frames.append(f)
        tb = tb.tb_next
    print(frames[2].f_back is frames[1], frames[1].f_back is frames[0], frames[0].f_back)
    print(frames[2].f_locals)
    print(frames[1].f_locals)
    print(frames[0] is sys._getframe())
    print(type(frames[1]).__name__, frames[1].f_code.co_name, os.path.basename(frames[1].f_code.co_filename))
    print(sys.exc_info()[2].tb_frame is frames[0])
    try:
        frames[0].clear()
    except RuntimeError as err:
        print('RuntimeError:', err)
    frames[2].clear()
    print(frames[2].f_locals)


def catches():
    try:
        raise KeyError('k')
    except KeyError as e:
        z = 5
        return e


e = catches()
f = e.__traceback__.tb_frame
print(f.f_code.co_name, sorted(f.f_locals), f.f_back is sys._getframe(), f.f_locals['z'])


# A post-mortem walk: the innermost frame of an uncaught-looking chain, then its callers.
def deep(n):
    level = n
    if n == 0:
        raise ValueError('bottom')
    return deep(n - 1)


try:
    deep(3)
except ValueError:
    tb = sys.exc_info()[2]
while tb.tb_next is not None:
    tb = tb.tb_next
f = tb.tb_frame
chain = []
while f is not None:
    chain.append((f.f_code.co_name, f.f_locals.get('level')))
    f = f.f_back
print(chain)

# Raised again elsewhere: the frames it was first raised in are kept.
def keep():
    try:
        deep(1)
    except ValueError as err:
        saved = err
    raise saved


try:
    keep()
except ValueError as e2:
    t = e2.__traceback__
    names = []
    while t is not None:
        names.append((t.tb_frame.f_code.co_name, t.tb_lineno))
        t = t.tb_next
    print(names)

# print_exception honours its tb argument.
try:
    outer(1)
except ZeroDivisionError as e:
    printed(type(e), e, e.__traceback__.tb_next)
    printed(type(e), e, None)
    printed(e, limit=1)
    show(''.join(traceback.format_exception(type(e), e, e.__traceback__.tb_next.tb_next)))
    try:
        printed(type(e), e)
    except ValueError as v:
        print('ValueError:', v)
    show(''.join(traceback.TracebackException(type(e), e, e.__traceback__.tb_next.tb_next).format()))
    show(''.join(traceback.TracebackException(type(e), e, None).format()))
    for fr, line in traceback.walk_tb(e.__traceback__):
        print(fr.f_code.co_name, line)
    traceback.clear_frames(e.__traceback__)
    print(e.__traceback__.tb_next.tb_next.tb_frame.f_locals)

import traceback, sys


class Err:
    # stderr, shown on stdout with this file's path as FILE (CPython prints the script's absolute path).
    def write(self, s):
        sys.stdout.write(s.replace(__file__, 'FILE'))

    def flush(self):
        pass


sys.stderr = Err()


def clean(x):
    if isinstance(x, str):
        return x.replace(__file__, 'FILE')
    if isinstance(x, (list, tuple)):
        return [clean(i) for i in x]
    return x


def f(x):
    raise ValueError('bad value %r' % x)


def g():
    f(0)


try:
    g()
except ValueError:
    print(clean(traceback.format_exc()), end='')
    traceback.print_exc()
try:
    g()
except Exception as e:
    print(clean(''.join(traceback.format_exception(e))), end='')
    print(traceback.format_exception_only(type(e), e), traceback.format_exception_only(e))
    tb = e.__traceback__
    print(tb.tb_lineno, tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_code.co_name, tb.tb_next.tb_next.tb_next)
    for fs in traceback.extract_tb(tb):
        print(clean(repr(fs)), fs.lineno, fs.name, fs.line, clean(list(fs)))
    print(clean(traceback.format_tb(tb)))
    print(clean(traceback.format_tb(tb, limit=1)), clean(traceback.format_tb(tb, limit=-1)))
    traceback.print_tb(tb)
    err = e
try:
    try:
        g()
    except ValueError as e:
        raise KeyError('k') from e
except KeyError as e:
    traceback.print_exc()
    print(clean(traceback.format_exception(e)))
    traceback.print_exception(e, limit=1)
try:
    try:
        {}.__getitem__('k')
    except KeyError:
        int('x')
except ValueError:
    traceback.print_exc(file=sys.stderr)
    traceback.print_exc(chain=False)
    traceback.print_exc(limit=0)
print(repr(traceback.format_exc()))


class MyErr(Exception):
    pass


te = traceback.TracebackException.from_exception(err)
print(clean(''.join(te.format())), end='')
print(list(te.format_exception_only()), str(te), te.exc_type, len(te.stack), te.stack[-1].name)
print(traceback.format_exception_only(MyErr('x')), traceback.format_exception_only(MyErr()), traceback.format_exception(None))
traceback.print_exception(MyErr('no traceback'))
traceback.print_exception(type(err), err, err.__traceback__)
print(MyErr().__traceback__, traceback.format_exception(MyErr, MyErr('old style'), None))


def where():
    return traceback.extract_stack()


st = where()
print(len(st) >= 2, st[-1].name, st[-2].name, clean(st[-1].filename), st[-1].line)
print(clean(traceback.format_stack()[-1]))
try:
    try:
        raise MyErr('inner')
    except MyErr:
        raise
except MyErr as e:
    print(clean(traceback.format_exc()))
fs = traceback.FrameSummary('f.py', 3, 'fn', line='  x = 1  ')
print(fs, fs.line, fs == ('f.py', 3, 'fn', 'x = 1'), traceback.format_list([fs, ('g.py', 4, 'gn', 'y')]))
print(traceback.StackSummary.from_list([('a.py', 1, 'm', 'pass')]).format())

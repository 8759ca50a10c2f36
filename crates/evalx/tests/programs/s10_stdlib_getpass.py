# getpass with no terminal: CPython's fallback path (a GetPassWarning on stderr, a notice and the prompt
# on the stream, a line from stdin; end of input is EOFError). getuser() reads the environment.
import getpass
import io
import os
import sys
import warnings

# CPython's getpass reads the controlling terminal when it can open /dev/tty (a developer's shell): refuse
# it, so that CPython takes the no-terminal path wherever this runs instead of waiting for a password.
# (evalx's os has no low-level open: its getpass never looks for a terminal.)
_real_open = getattr(os, 'open', None)


def _no_tty(path, *args, **kwargs):
    if path == '/dev/tty':
        raise OSError(6, 'No such device or address', path)
    return _real_open(path, *args, **kwargs)


if _real_open is not None:
    os.open = _no_tty
print(issubclass(getpass.GetPassWarning, UserWarning))
out = io.StringIO()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    sys.stdin = io.StringIO('hunter2\nsecond\n')
    pw = getpass.getpass('Secret: ', stream=out)
    pw2 = getpass.getpass(stream=out)
    try:
        getpass.getpass('again: ', stream=out)
    except EOFError:
        print('EOFError')
    sys.stdin = sys.__stdin__
print(repr(pw), repr(pw2))
print(repr(out.getvalue()))
print([(w.category.__name__, str(w.message)) for w in caught])

for name in ('LOGNAME', 'USER', 'LNAME', 'USERNAME'):
    os.environ.pop(name, None)
os.environ['USERNAME'] = 'last'
print(getpass.getuser())
os.environ['USER'] = 'second'
print(getpass.getuser())
os.environ['LOGNAME'] = 'first'
print(getpass.getuser())

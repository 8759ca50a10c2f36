"""allow programmer to define multiple exit functions to be executed upon normal program termination.

Two public functions, register and unregister, are defined.
"""

import sys

_callbacks = []


def register(func, *args, **kwargs):
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _callbacks.append((func, args, kwargs))
    return func


def unregister(func):
    _callbacks[:] = [c for c in _callbacks if not (c[0] == func)]


def _clear():
    del _callbacks[:]


def _ncallbacks():
    return len(_callbacks)


def _run_exitfuncs():
    # Last registered, first run; a callback that raises is reported and the others still run.
    while _callbacks:
        func, args, kwargs = _callbacks.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            import traceback
            sys.stderr.write("Exception ignored in atexit callback: %r\n" % (func,))
            sys.stderr.write(''.join(traceback.format_exception(e)))

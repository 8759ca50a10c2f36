"""This module provides access to the garbage collector for reference cycles.

evalx frees an object when its last reference goes away (reference counting). Reference cycles
through instances of Python classes are found by a generational collector, run automatically by
allocation counts (as CPython's, with its thresholds) and by collect(); it runs the finalizers of the
unreachable objects and frees them. The other functions keep CPython's interface.
"""

DEBUG_STATS = 1
DEBUG_COLLECTABLE = 2
DEBUG_UNCOLLECTABLE = 4
DEBUG_SAVEALL = 32
DEBUG_LEAK = 38

garbage = []
callbacks = []
_state = {'debug': 0, 'frozen': 0}


def enable():
    import weakref as _weakref
    _weakref._gc("enable")


def disable():
    import weakref as _weakref
    _weakref._gc("disable")


def isenabled():
    import weakref as _weakref
    return _weakref._gc("isenabled")


def collect(generation=2):
    if not isinstance(generation, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(generation).__name__)
    if generation < 0 or generation > 2:
        raise ValueError("invalid generation")
    for cb in list(callbacks):
        cb("start", {"generation": generation, "collected": 0, "uncollectable": 0})
    # Reference cycles among instances whose class defines __del__ are found and freed (their
    # finalizers run); then weak-reference callbacks and finalizers of objects freed since weakref's
    # last sweep run.
    import weakref as _weakref
    n = _weakref._collect(generation)
    _weakref._sweep()
    for cb in list(callbacks):
        cb("stop", {"generation": generation, "collected": n, "uncollectable": 0})
    return n


def get_count():
    import weakref as _weakref
    return _weakref._gc("get_count")


def get_threshold():
    import weakref as _weakref
    return _weakref._gc("get_threshold")


def set_threshold(threshold0, threshold1=None, threshold2=None):
    t = list(get_threshold())
    for i, v in enumerate((threshold0, threshold1, threshold2)):
        if v is None:
            continue
        if not isinstance(v, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
        t[i] = v
    import weakref as _weakref
    _weakref._gc("set_threshold", t[0], t[1], t[2])


def get_debug():
    return _state['debug']


def set_debug(flags):
    _state['debug'] = flags


def get_stats():
    return [{'collections': 0, 'collected': 0, 'uncollectable': 0} for _ in range(3)]


def is_tracked(obj):
    return not isinstance(obj, (int, float, str, bytes, bool, type(None)))


def is_finalized(obj):
    return False


def freeze():
    pass


def unfreeze():
    pass


def get_freeze_count():
    return 0

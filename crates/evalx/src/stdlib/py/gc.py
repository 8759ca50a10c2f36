"""This module provides access to the garbage collector for reference cycles.

evalx frees an object when its last reference goes away (reference counting). collect() finds the
reference cycles that hold instances of classes defining __del__, runs their finalizers and frees
them (returning how many instances it freed); other cycles stay alive until the interpreter is
dropped. The other functions keep CPython's interface.
"""

DEBUG_STATS = 1
DEBUG_COLLECTABLE = 2
DEBUG_UNCOLLECTABLE = 4
DEBUG_SAVEALL = 32
DEBUG_LEAK = 38

garbage = []
callbacks = []
_state = {'enabled': True, 'threshold': (700, 10, 10), 'debug': 0, 'frozen': 0}


def enable():
    _state['enabled'] = True


def disable():
    _state['enabled'] = False


def isenabled():
    return _state['enabled']


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
    n = _weakref._collect()
    _weakref._sweep()
    for cb in list(callbacks):
        cb("stop", {"generation": generation, "collected": n, "uncollectable": 0})
    return n


def get_count():
    return (0, 0, 0)


def get_threshold():
    return _state['threshold']


def set_threshold(threshold0, threshold1=None, threshold2=None):
    t = list(_state['threshold'])
    t[0] = threshold0
    if threshold1 is not None:
        t[1] = threshold1
    if threshold2 is not None:
        t[2] = threshold2
    _state['threshold'] = tuple(t)


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

"""Timing small pieces of code (written for evalx).

The clock is time.perf_counter, which the host controls through its time policy. A statement given as a
string is compiled into a function that runs it `number` times in a loop (the setup once before the
loop), in the namespace `globals` (this module's own by default, as in CPython); a callable is called
instead.
"""

import time

__all__ = ["Timer", "timeit", "repeat", "default_timer"]

dummy_src_name = "<timeit-src>"
default_number = 1000000
default_repeat = 5
default_timer = time.perf_counter
# The namespace a string statement runs in when no globals= is given.
_module_ns = globals()


def _indent(src, width):
    return src.replace("\n", "\n" + " " * width)


def _code_part(code, what, width, name, local_ns):
    # A statement or setup for the timing function: its text (checked alone first, so that an error
    # names its own text) indented into place, or a call of the callable passed in as `name`.
    if isinstance(code, str):
        compile(code, dummy_src_name, "exec")
        return _indent(code, width), ""
    if callable(code):
        local_ns[name] = code
        return name + "()", ", %s=%s" % (name, name)
    raise ValueError(what + " is neither a string nor callable")


class Timer:
    """Times a statement (a string or a callable) run after a setup (a string or a callable)."""

    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        self.timer = timer
        local_ns = {}
        global_ns = _module_ns if globals is None else globals
        setup_src, setup_param = _code_part(setup, "setup", 4, "_setup", local_ns)
        stmt_src, stmt_param = _code_part(stmt, "stmt", 8, "_stmt", local_ns)
        params = setup_param + stmt_param
        src = ("def inner(_it, _timer%s):\n"
               "    %s\n"
               "    _t0 = _timer()\n"
               "    for _i in _it:\n"
               "        %s\n"
               "        pass\n"
               "    _t1 = _timer()\n"
               "    return _t1 - _t0\n") % (params, setup_src, stmt_src)
        self.src = src
        code = compile(src, dummy_src_name, "exec")
        exec(code, global_ns, local_ns)
        self.inner = local_ns["inner"]

    def print_exc(self, file=None):
        import traceback
        traceback.print_exc(file=file)

    def timeit(self, number=default_number):
        """Seconds taken by `number` runs of the statement (the setup runs once first)."""
        return self.inner(range(number), self.timer)

    def repeat(self, repeat=default_repeat, number=default_number):
        """`timeit(number)`, `repeat` times: a list of their results."""
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        """Tries 1, 2, 5, 10, 20, 50... runs until one batch takes at least 0.2 s; returns
        (number, time_taken), calling `callback(number, time_taken)` after each try."""
        scale = 1
        while True:
            for step in (1, 2, 5):
                number = scale * step
                taken = self.timeit(number)
                if callback:
                    callback(number, taken)
                if taken >= 0.2:
                    return (number, taken)
            scale *= 10


def timeit(stmt="pass", setup="pass", timer=default_timer, number=default_number, globals=None):
    """Seconds taken by `number` runs of `stmt` after `setup`."""
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer, repeat=default_repeat, number=default_number,
           globals=None):
    """A list of `repeat` timings of `number` runs of `stmt`."""
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)

# evalx's signal: CPython's names, numbers (Linux's) and handler table, kept safe for a sandbox. A program
# installs and reads handlers as in CPython (signal, getsignal, with CPython's checks), and
# raise_signal(n) runs the installed handler at once, on this thread: a callable is called with
# (signalnum, frame); SIG_IGN does nothing; SIG_DFL does the default action, which for a signal that
# would end the process raises SystemExit(128 + n) instead of killing anything (SIGINT's default handler,
# default_int_handler, raises KeyboardInterrupt). No signal ever arrives from outside: the host's
# interrupt of evalx still raises KeyboardInterrupt as before, and alarm()/setitimer() record a timer
# that never fires.
import sys as _sys
from enum import IntEnum as _IntEnum

_NAMES = [
    ('SIGHUP', 1, 'Hangup'), ('SIGINT', 2, 'Interrupt'), ('SIGQUIT', 3, 'Quit'),
    ('SIGILL', 4, 'Illegal instruction'), ('SIGTRAP', 5, 'Trace/breakpoint trap'),
    ('SIGABRT', 6, 'Aborted'), ('SIGBUS', 7, 'Bus error'), ('SIGFPE', 8, 'Floating point exception'),
    ('SIGKILL', 9, 'Killed'), ('SIGUSR1', 10, 'User defined signal 1'),
    ('SIGSEGV', 11, 'Segmentation fault'), ('SIGUSR2', 12, 'User defined signal 2'),
    ('SIGPIPE', 13, 'Broken pipe'), ('SIGALRM', 14, 'Alarm clock'), ('SIGTERM', 15, 'Terminated'),
    ('SIGSTKFLT', 16, 'Stack fault'), ('SIGCHLD', 17, 'Child exited'), ('SIGCONT', 18, 'Continued'),
    ('SIGSTOP', 19, 'Stopped (signal)'), ('SIGTSTP', 20, 'Stopped'),
    ('SIGTTIN', 21, 'Stopped (tty input)'), ('SIGTTOU', 22, 'Stopped (tty output)'),
    ('SIGURG', 23, 'Urgent I/O condition'), ('SIGXCPU', 24, 'CPU time limit exceeded'),
    ('SIGXFSZ', 25, 'File size limit exceeded'), ('SIGVTALRM', 26, 'Virtual timer expired'),
    ('SIGPROF', 27, 'Profiling timer expired'), ('SIGWINCH', 28, 'Window changed'),
    ('SIGIO', 29, 'I/O possible'), ('SIGPWR', 30, 'Power failure'), ('SIGSYS', 31, 'Bad system call'),
    ('SIGRTMIN', 34, None), ('SIGRTMAX', 64, None),
]

Signals = _IntEnum('Signals', [(n, v) for n, v, _ in _NAMES], module=__name__)
Handlers = _IntEnum('Handlers', [('SIG_DFL', 0), ('SIG_IGN', 1)], module=__name__)
Sigmasks = _IntEnum('Sigmasks', [('SIG_BLOCK', 0), ('SIG_UNBLOCK', 1), ('SIG_SETMASK', 2)],
                    module=__name__)
globals().update(Signals.__members__)
globals().update(Handlers.__members__)
globals().update(Sigmasks.__members__)
SIGIOT = Signals.SIGABRT
SIGPOLL = Signals.SIGIO
SIGCLD = Signals.SIGCHLD
NSIG = 65
ITIMER_REAL = 0
ITIMER_VIRTUAL = 1
ITIMER_PROF = 2

_DESCRIPTIONS = {v: d for _, v, d in _NAMES if d is not None}
# Signals whose default action leaves the process running (ignored, or stop/continue).
_HARMLESS = {17, 18, 19, 20, 21, 22, 23, 28}


class ItimerError(OSError):
    pass


def default_int_handler(signalnum, frame, /):
    """The default handler for SIGINT installed by Python.

It raises KeyboardInterrupt."""
    raise KeyboardInterrupt


_handlers = {n: Handlers.SIG_DFL for n in range(1, NSIG) if n not in (32, 33)}
_handlers[2] = default_int_handler
_handlers[13] = Handlers.SIG_IGN
_handlers[25] = Handlers.SIG_IGN


def _signum(signalnum):
    if isinstance(signalnum, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    n = signalnum.__index__()
    if not 1 <= n < NSIG:
        raise ValueError('signal number out of range')
    return n


def _as_signal(n):
    try:
        return Signals(n)
    except ValueError:
        return n


def getsignal(signalnum, /):
    """Return the current action for the given signal."""
    n = _signum(signalnum)
    return _handlers.get(n)


def signal(signalnum, handler, /):
    """Set the action for the given signal; return the previous one."""
    n = _signum(signalnum)
    if handler in (0, 1) and not isinstance(handler, bool) or handler is Handlers.SIG_DFL \
            or handler is Handlers.SIG_IGN:
        handler = Handlers(int(handler))
    elif not callable(handler):
        raise TypeError('signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object')
    import threading
    if threading.current_thread() is not threading.main_thread():
        raise ValueError('signal only works in main thread of the main interpreter')
    if n in (9, 19) or n not in _handlers:
        raise OSError(22, 'Invalid argument')
    old = _handlers[n]
    _handlers[n] = handler
    return old


def raise_signal(signalnum, /):
    """Send a signal to the executing process (here: run its handler now)."""
    n = _signum(signalnum)
    if n not in _handlers:
        raise OSError(22, 'Invalid argument')
    h = _handlers[n]
    if h is Handlers.SIG_IGN:
        return None
    if h is Handlers.SIG_DFL:
        if n in _HARMLESS:
            return None
        raise SystemExit(128 + n)
    h(n, _sys._getframe(1))
    return None


def strsignal(signalnum, /):
    """Return the system description of the given signal."""
    n = _signum(signalnum)
    if 34 <= n <= 64:
        return 'Real-time signal %d' % (n - 34)
    return _DESCRIPTIONS.get(n)


def valid_signals():
    """Return a set of valid signal numbers on this platform."""
    return {_as_signal(n) for n in _handlers}


_alarm = 0


def alarm(seconds, /):
    """Arrange for SIGALRM to arrive after the given number of seconds (in evalx it never does)."""
    global _alarm
    if not isinstance(seconds, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(seconds).__name__)
    old, _alarm = _alarm, seconds
    return old


_itimers = {0: (0.0, 0.0), 1: (0.0, 0.0), 2: (0.0, 0.0)}


def setitimer(which, seconds, interval=0.0, /):
    """Set an interval timer (in evalx it records the timer, which never fires)."""
    if which not in _itimers:
        raise ItimerError(22, 'Invalid argument')
    old = _itimers[which]
    _itimers[which] = (float(seconds), float(interval)) if seconds else (0.0, 0.0)
    return old


def getitimer(which, /):
    """Return the current value of the given interval timer."""
    if which not in _itimers:
        raise ItimerError(22, 'Invalid argument')
    return _itimers[which]


def siginterrupt(signalnum, flag, /):
    """Change system call restart behaviour (nothing to change in evalx)."""
    _signum(signalnum)


def set_wakeup_fd(fd, /, *, warn_on_full_buffer=True):
    """Set the fd to be written to on a signal; return the previous one (-1: none)."""
    global _wakeup_fd
    old, _wakeup_fd = _wakeup_fd, fd
    return old


_wakeup_fd = -1


def pause():
    """Wait until a signal arrives: none ever does in evalx's sandbox."""
    raise PermissionError(1, "signal.pause() would wait forever: no signal reaches evalx's sandbox")


def pthread_sigmask(how, mask, /):
    """Fetch and/or change the signal mask (evalx keeps one mask, empty at start)."""
    global _mask
    old = _mask
    mask = {_signum(m) for m in mask}
    if how == 0:
        _mask = _mask | mask
    elif how == 1:
        _mask = _mask - mask
    elif how == 2:
        _mask = mask
    else:
        raise OSError(22, 'Invalid argument')
    return {_as_signal(n) for n in old}


_mask = set()


def sigpending():
    """The signals pending for this thread: none in evalx."""
    return set()

# signal: CPython's names, numbers and handler table; raise_signal runs the installed handler.
import signal
import sys

print(signal.SIGINT, repr(signal.SIGINT), signal.SIGTERM.name, int(signal.SIGKILL))
print(repr(signal.SIG_DFL), repr(signal.SIG_IGN), signal.NSIG, signal.SIGIOT is signal.SIGABRT)
print(signal.Signals(15), signal.Signals['SIGUSR1'].value, signal.SIGCLD == signal.SIGCHLD)
# CPython installs default_int_handler only when SIGINT was not ignored at start-up (a shell's background job
# starts with it ignored): install it, so that what follows is the same wherever this runs.
signal.signal(signal.SIGINT, signal.default_int_handler)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, signal.getsignal(signal.SIGPIPE))
print(signal.strsignal(signal.SIGSEGV), signal.strsignal(2), signal.strsignal(40))
print(len(signal.valid_signals()), signal.SIGRTMAX in signal.valid_signals())
print(sorted(s.name for s in signal.Signals)[:5])

received = []


def handler(signum, frame):
    received.append((signum, type(signum).__name__, frame is not None))


old = signal.signal(signal.SIGUSR1, handler)
print('old', repr(old))
print(signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
signal.raise_signal(10)
print(received)
print(repr(signal.signal(signal.SIGUSR1, signal.SIG_IGN)) == repr(handler))
signal.raise_signal(signal.SIGUSR1)
print(received[-1], len(received))
print(repr(signal.signal(signal.SIGUSR1, 0)))
print(repr(signal.getsignal(signal.SIGUSR1)))

# SIGINT's default handler raises KeyboardInterrupt.
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as e:
    print('KeyboardInterrupt', repr(e))
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt:
    print('default_int_handler raised')


# A handler that raises: the exception comes out of raise_signal.
def boom(signum, frame):
    raise RuntimeError('got %s' % signal.Signals(signum).name)


signal.signal(signal.SIGTERM, boom)
try:
    signal.raise_signal(signal.SIGTERM)
except RuntimeError as e:
    print(e)
signal.signal(signal.SIGTERM, signal.SIG_DFL)

# Ignored-by-default signals do nothing.
signal.raise_signal(signal.SIGCHLD)
signal.raise_signal(signal.SIGWINCH)

# CPython's checks.
for call in [lambda: signal.signal(signal.SIGINT, 'nope'),
             lambda: signal.signal(0, signal.SIG_DFL),
             lambda: signal.signal(99, signal.SIG_DFL),
             lambda: signal.signal(signal.SIGKILL, handler),
             lambda: signal.signal(signal.SIGSTOP, signal.SIG_IGN),
             lambda: signal.getsignal(-1),
             lambda: signal.strsignal(100),
             lambda: signal.getsignal(2.0)]:
    try:
        call()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)

print(signal.alarm(0))
print(signal.getitimer(signal.ITIMER_REAL))
print(issubclass(signal.ItimerError, OSError))
print(signal.pthread_sigmask(signal.SIG_BLOCK, []))
print(signal.sigpending())

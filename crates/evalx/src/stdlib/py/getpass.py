# evalx's getpass: evalx has no terminal whose echo it could turn off, so getpass() takes CPython's
# fallback path every time: it warns (GetPassWarning), tells the stream the input may be echoed, writes
# the prompt and reads a line from sys.stdin (the host's stdin). getuser() reads the environment the host
# gave (LOGNAME, USER, LNAME, USERNAME).
import os as _os
import sys as _sys
import warnings as _warnings

__all__ = ["getpass", "getuser", "GetPassWarning"]


class GetPassWarning(UserWarning):
    pass


def _raw_input(prompt="", stream=None, input=None):
    if not stream:
        stream = _sys.stderr
    if not input:
        input = _sys.stdin
    prompt = str(prompt)
    if prompt:
        stream.write(prompt)
        stream.flush()
    line = input.readline()
    if not line:
        raise EOFError
    if line[-1] == '\n':
        line = line[:-1]
    return line


def fallback_getpass(prompt='Password: ', stream=None):
    _warnings.warn("Can not control echo on the terminal.", GetPassWarning, stacklevel=2)
    if not stream:
        stream = _sys.stderr
    print("Warning: Password input may be echoed.", file=stream)
    return _raw_input(prompt, stream)


def unix_getpass(prompt='Password: ', stream=None):
    """Prompt for a password; with no terminal to control, the input may be echoed."""
    if not stream:
        stream = _sys.stderr
    passwd = fallback_getpass(prompt, stream)
    stream.write('\n')
    return passwd


getpass = unix_getpass


def getuser():
    """The user's login name, from the environment the host gave."""
    for name in ('LOGNAME', 'USER', 'LNAME', 'USERNAME'):
        user = _os.environ.get(name)
        if user:
            return user
    raise OSError("No username set in the environment")

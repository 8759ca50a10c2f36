# evalx's subprocess module (written for evalx). evalx's sandbox starts no processes, as os.system() and
# os.popen() already say: importing succeeds (scripts that import subprocess for an optional feature still
# run), the constants, exceptions and CompletedProcess behave as in CPython, and every call that would start
# a process raises PermissionError naming the sandbox.

__all__ = ["Popen", "PIPE", "STDOUT", "call", "check_call", "getstatusoutput", "getoutput",
           "check_output", "run", "CalledProcessError", "DEVNULL", "SubprocessError", "TimeoutExpired",
           "CompletedProcess"]

PIPE = -1
STDOUT = -2
DEVNULL = -3


class SubprocessError(Exception):
    pass


def _get_stdout(self):
    return self.output


def _set_stdout(self, value):
    self.output = value


# `stdout` is another name for `output` on both errors; one property shared by the two classes keeps
# their MRO CPython's (no common base between them and SubprocessError).
_stdout = property(_get_stdout, _set_stdout, doc="Alias for output attribute, to match stderr")


class CalledProcessError(SubprocessError):
    """A process run by check_call()/check_output()/run(check=True) ended with a non-zero status."""

    def __init__(self, returncode, cmd, output=None, stderr=None):
        self.returncode = returncode
        self.cmd = cmd
        self.output = output
        self.stderr = stderr

    def __str__(self):
        if self.returncode and self.returncode < 0:
            return "Command '%s' died with signal %d." % (self.cmd, -self.returncode)
        return "Command '%s' returned non-zero exit status %d." % (self.cmd, self.returncode)

    stdout = _stdout


class TimeoutExpired(SubprocessError):
    """A process's timeout passed before it ended."""

    def __init__(self, cmd, timeout, output=None, stderr=None):
        self.cmd = cmd
        self.timeout = timeout
        self.output = output
        self.stderr = stderr

    def __str__(self):
        return "Command '%s' timed out after %s seconds" % (self.cmd, self.timeout)

    stdout = _stdout


class CompletedProcess(object):
    """What run() returns: the arguments, the exit status and the captured output."""

    def __init__(self, args, returncode, stdout=None, stderr=None):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self):
        parts = ['args={!r}'.format(self.args), 'returncode={!r}'.format(self.returncode)]
        if self.stdout is not None:
            parts.append('stdout={!r}'.format(self.stdout))
        if self.stderr is not None:
            parts.append('stderr={!r}'.format(self.stderr))
        return "{}({})".format(type(self).__name__, ', '.join(parts))

    def check_returncode(self):
        if self.returncode:
            raise CalledProcessError(self.returncode, self.args, self.stdout, self.stderr)


def _refuse(name):
    raise PermissionError("subprocess." + name + "() is not available: evalx's sandbox runs no processes")


class Popen(object):
    def __init__(self, args, *pargs, **kwargs):
        _refuse("Popen")


def call(*popenargs, **kwargs):
    _refuse("call")


def check_call(*popenargs, **kwargs):
    _refuse("check_call")


def check_output(*popenargs, **kwargs):
    _refuse("check_output")


def run(*popenargs, **kwargs):
    _refuse("run")


def getstatusoutput(cmd, *, encoding=None, errors=None):
    _refuse("getstatusoutput")


def getoutput(cmd, *, encoding=None, errors=None):
    _refuse("getoutput")


def list2cmdline(seq):
    """The command line Windows' rules make of an argument sequence."""
    result = []
    for arg in map(str, seq):
        backslashes = []
        if result:
            result.append(' ')
        quote = (" " in arg) or ("\t" in arg) or not arg
        if quote:
            result.append('"')
        for c in arg:
            if c == '\\':
                backslashes.append(c)
            elif c == '"':
                result.append('\\' * len(backslashes) * 2)
                backslashes = []
                result.append('\\"')
            else:
                if backslashes:
                    result.extend(backslashes)
                    backslashes = []
                result.append(c)
        if backslashes:
            result.extend(backslashes)
        if quote:
            result.extend(backslashes)
            result.append('"')
    return ''.join(result)

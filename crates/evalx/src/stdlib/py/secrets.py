"""Random numbers for secrets: tokens, choices and a constant-time comparison (written for evalx).

The bytes come from a generator of this module's own, seeded on import with 256 bits of os.urandom, the
interpreter's random source (a host that seeds `random` through its policy makes them reproducible;
otherwise that is seeded from the clock): later draws leave `random`'s own sequence alone, as CPython's
do.
"""

import base64
import os
import random as _random_mod

__all__ = ['choice', 'randbelow', 'randbits', 'SystemRandom', 'token_bytes', 'token_hex',
           'token_urlsafe', 'compare_digest']

DEFAULT_ENTROPY = 32

_source = _random_mod.Random(int.from_bytes(os.urandom(32), 'big'))


def _urandom(n):
    return _source.randbytes(n)


def _bits(k):
    if k < 0:
        raise ValueError('number of bits must be non-negative')
    if k == 0:
        return 0
    n = (k + 7) // 8
    return int.from_bytes(_urandom(n), 'big') >> (n * 8 - k)


def _below(n):
    k = n.bit_length()
    r = _bits(k)
    while r >= n:
        r = _bits(k)
    return r


class SystemRandom(_random_mod.Random):
    """A `random.Random` drawing from the module's source (it has no state to seed or save)."""

    def __init__(self, x=None):
        self.gauss_next = None

    def seed(self, *args, **kwds):
        return None

    def random(self):
        return _bits(53) * (2.0 ** -53)

    def getrandbits(self, k):
        return _bits(k)

    def randbytes(self, n):
        return _urandom(n)

    def _randbelow(self, n):
        return _below(n)

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            if start > 0:
                return _below(start)
            raise ValueError("empty range for randrange()")
        width = stop - start
        if step == 1:
            if width > 0:
                return start + _below(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (start, stop, width))
        if step > 0:
            n = (width + step - 1) // step
        elif step < 0:
            n = (width + step + 1) // step
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return start + step * _below(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[_below(len(seq))]

    def shuffle(self, x):
        for i in reversed(range(1, len(x))):
            j = _below(i + 1)
            x[i], x[j] = x[j], x[i]

    def _notimplemented(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have state.')

    getstate = setstate = _notimplemented


_sysrand = SystemRandom()
choice = _sysrand.choice


def randbelow(exclusive_upper_bound):
    """A random int in [0, exclusive_upper_bound)."""
    if exclusive_upper_bound <= 0:
        raise ValueError("Upper bound must be positive.")
    return _below(exclusive_upper_bound)


def randbits(k):
    """A random int of `k` random bits."""
    return _bits(k)


def token_bytes(nbytes=None):
    """`nbytes` random bytes (32 by default)."""
    if nbytes is None:
        nbytes = DEFAULT_ENTROPY
    return _urandom(nbytes)


def token_hex(nbytes=None):
    """A random text of hexadecimal digits, two for each of `nbytes` random bytes."""
    return token_bytes(nbytes).hex()


def token_urlsafe(nbytes=None):
    """`nbytes` random bytes in URL-safe base64, without padding."""
    return base64.urlsafe_b64encode(token_bytes(nbytes)).rstrip(b'=').decode('ascii')


def _bytes_like(x):
    return isinstance(x, (bytes, bytearray, memoryview))


def compare_digest(a, b):
    """a == b, taking a time that depends on the lengths only (str must be ASCII)."""
    if isinstance(a, str) and isinstance(b, str):
        if not (a.isascii() and b.isascii()):
            raise TypeError("comparing strings with non-ASCII characters is not supported")
        a = a.encode('ascii')
        b = b.encode('ascii')
    elif _bytes_like(a) or _bytes_like(b):
        for x in (a, b):
            if not _bytes_like(x):
                raise TypeError("a bytes-like object is required, not '%s'" % type(x).__name__)
    else:
        raise TypeError("unsupported operand types(s) or combination of types: '%s' and '%s'"
                        % (type(a).__name__, type(b).__name__))
    a = bytes(a)
    b = bytes(b)
    diff = len(a) ^ len(b)
    other = b if len(a) == len(b) else a
    for x, y in zip(a, other):
        diff |= x ^ y
    return diff == 0

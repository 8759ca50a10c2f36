"""Keyed-hashing for message authentication (RFC 2104), over this interpreter's hashlib (written for evalx)."""

import hashlib as _hashlib
from secrets import compare_digest

__all__ = ['new', 'digest', 'compare_digest', 'HMAC', 'digest_size']

trans_5C = bytes(x ^ 0x5C for x in range(256))
trans_36 = bytes(x ^ 0x36 for x in range(256))

digest_size = None


def _constructor(digestmod):
    """A callable making a fresh hash object for `digestmod` (a name, a hashlib constructor or a module)."""
    if isinstance(digestmod, str):
        try:
            _hashlib.new(digestmod)
        except ValueError:
            # CPython's message comes from OpenSSL, which keys HMAC by digest name.
            raise ValueError('[digital envelope routines] unsupported') from None
        return lambda data=b'': _hashlib.new(digestmod, data)
    if callable(digestmod):
        return digestmod
    new = getattr(digestmod, 'new', None)
    if new is None:
        raise TypeError("digestmod must be a name, a hash constructor or a module with new(), not %r"
                        % type(digestmod).__name__)
    return new


class HMAC:
    """RFC 2104 HMAC: update() with message pieces, then digest() or hexdigest()."""

    blocksize = 64

    def __init__(self, key, msg=None, digestmod=''):
        if not isinstance(key, (bytes, bytearray)):
            raise TypeError("key: expected bytes or bytearray, but got %r" % type(key).__name__)
        if not digestmod:
            raise TypeError("Missing required parameter 'digestmod'.")
        make = _constructor(digestmod)
        self._outer = make()
        self._inner = make()
        self.digest_size = self._inner.digest_size
        blocksize = getattr(self._inner, 'block_size', None)
        if blocksize is None or blocksize < 16:
            blocksize = self.blocksize
        if len(key) > blocksize:
            key = make(key).digest()
        self.block_size = blocksize
        key = bytes(key).ljust(blocksize, b'\0')
        self._outer.update(key.translate(trans_5C))
        self._inner.update(key.translate(trans_36))
        if msg is not None:
            self.update(msg)

    @property
    def name(self):
        return "hmac-" + self._inner.name

    def update(self, msg):
        """Feed more of the message."""
        self._inner.update(msg)

    def copy(self):
        """A copy of this object's state, to be continued separately."""
        other = self.__class__.__new__(self.__class__)
        other.digest_size = self.digest_size
        other.block_size = self.block_size
        other._inner = self._inner.copy()
        other._outer = self._outer.copy()
        return other

    def _current(self):
        h = self._outer.copy()
        h.update(self._inner.digest())
        return h

    def digest(self):
        """The MAC of what was fed so far, as bytes."""
        return self._current().digest()

    def hexdigest(self):
        """The MAC of what was fed so far, as a string of hex digits."""
        return self._current().hexdigest()


def new(key, msg=None, digestmod=''):
    """A new HMAC object for `key`, fed `msg` if given, hashing with `digestmod`."""
    return HMAC(key, msg, digestmod)


def digest(key, msg, digest):
    """The MAC of `msg` under `key` in one call."""
    return HMAC(key, msg, digest).digest()

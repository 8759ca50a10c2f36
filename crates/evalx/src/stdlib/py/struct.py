from array import array as _array
import sys as _sys
import math as _math

__all__ = ['calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from', 'iter_unpack', 'Struct', 'error']


class error(Exception):
    pass


error.__module__ = 'struct'

# code: (standard size, native size, native alignment)
_SIZES = {
    'x': (1, 1, 1), 'c': (1, 1, 1), 'b': (1, 1, 1), 'B': (1, 1, 1), '?': (1, 1, 1),
    'h': (2, 2, 2), 'H': (2, 2, 2), 'i': (4, 4, 4), 'I': (4, 4, 4), 'l': (4, 8, 8), 'L': (4, 8, 8),
    'q': (8, 8, 8), 'Q': (8, 8, 8), 'e': (2, 2, 2), 'f': (4, 4, 4), 'd': (8, 8, 8),
    's': (1, 1, 1), 'p': (1, 1, 1),
}
_NATIVE_ONLY = {'n': (8, 8), 'N': (8, 8), 'P': (8, 8)}
_SIGNED = set('bhilqn')
_INTS = set('bBhHiIlLqQnNP')


def _parse(fmt):
    # [(code, count, size, offset)], total size, byte order ('<' or '>')
    if isinstance(fmt, (bytes, bytearray)):
        fmt = fmt.decode('latin-1')
    elif not isinstance(fmt, str):
        raise TypeError('Struct() argument 1 must be a str or bytes object, not %s' % type(fmt).__name__)
    native = True
    order = _sys.byteorder == 'little' and '<' or '>'
    i = 0
    if fmt and fmt[0] in '@=<>!':
        c = fmt[0]
        i = 1
        if c == '@':
            native = True
        else:
            native = False
            order = {'=': order, '<': '<', '>': '>', '!': '>'}[c]
    items = []
    offset = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c.isspace():
            i += 1
            continue
        count = 1
        if c.isdigit():
            j = i
            while j < n and fmt[j].isdigit():
                j += 1
            count = int(fmt[i:j])
            i = j
            if i >= n:
                raise error('repeat count given without format specifier')
            c = fmt[i]
        i += 1
        if c in _SIZES:
            std, nat, align = _SIZES[c]
            size = nat if native else std
            if not native:
                align = 1
        elif c in _NATIVE_ONLY and native:
            size, align = _NATIVE_ONLY[c]
        else:
            raise error('bad char in struct format')
        if native and align > 1:
            offset = (offset + align - 1) // align * align
        items.append((c, count, size, offset))
        if c in 'sp':
            offset += count
        else:
            offset += size * count
    return items, offset, order


def _float_bytes(code, x, order, native=False):
    if code == 'd':
        b = _array('d', [x]).tobytes()
    elif code == 'f':
        b = _array('f', [x]).tobytes()
        if not native and not _math.isinf(x) and _math.isinf(_array('f', b)[0]):
            raise OverflowError('float too large to pack with f format')
    else:
        b = _half(x).to_bytes(2, 'little')
    if (order == '>') == (_sys.byteorder == 'little'):
        b = b[::-1]
    return b


def _half(x):
    # IEEE 754 binary16 bits of x, rounded half to even.
    sign = 0x8000 if _math.copysign(1.0, x) < 0 else 0
    if _math.isnan(x):
        return sign | 0x7e00
    x = abs(x)
    if _math.isinf(x):
        return sign | 0x7c00
    if x == 0.0:
        return sign
    m, e = _math.frexp(x)  # x = m * 2**e, 0.5 <= m < 1
    if e > -14:
        # normal: 11 significant bits
        q = round(m * 2048.0)  # round half even
        if q == 2048:
            q = 1024
            e += 1
        bits_e = e - 1 + 15
        if bits_e >= 31:
            raise OverflowError('float too large to pack with e format')
        return sign | (bits_e << 10) | (q - 1024)
    q = round(x * 2.0 ** 24)
    if q >= 1024:
        return sign | (1 << 10) | (q - 1024)
    return sign | q


def _unhalf(bits):
    sign = -1.0 if bits & 0x8000 else 1.0
    e = (bits >> 10) & 0x1f
    f = bits & 0x3ff
    if e == 0x1f:
        return sign * float('inf') if f == 0 else float('nan')
    if e == 0:
        return sign * f * 2.0 ** -24
    return sign * (1024 + f) * 2.0 ** (e - 25)


def _int_range_error(code, size, native, v):
    if size == 1:
        return error('byte format requires -128 <= number <= 127' if code == 'b'
                     else 'ubyte format requires 0 <= number <= 255')
    if size == 2:
        return error('short format requires -32768 <= number <= 32767' if code == 'h'
                     else 'ushort format requires 0 <= number <= 65535')
    if size == 4:
        if v < 0 and code not in _SIGNED:
            return error('argument out of range')
        if code in _SIGNED:
            return error("'%s' format requires -2147483648 <= number <= 2147483647" % code)
        return error("'%s' format requires 0 <= number <= 4294967295" % code)
    return error('argument out of range')


def _pack_one(code, size, v, order, native):
    if code in _INTS:
        if not isinstance(v, int):
            if hasattr(type(v), '__index__'):
                v = v.__index__()
            else:
                raise error('required argument is not an integer')
        signed = code in _SIGNED
        lo = -(1 << (8 * size - 1)) if signed else 0
        hi = (1 << (8 * size - 1)) - 1 if signed else (1 << (8 * size)) - 1
        if v < lo or v > hi:
            raise _int_range_error(code, size, native, v)
        return int(v).to_bytes(size, 'little' if order == '<' else 'big', signed=signed)
    if code == '?':
        return b'\x01' if v else b'\x00'
    if code == 'c':
        if not isinstance(v, (bytes, bytearray)) or len(v) != 1:
            raise error('char format requires a bytes object of length 1')
        return bytes(v)
    if code in 'efd':
        if not isinstance(v, (int, float)):
            if hasattr(type(v), '__float__'):
                v = float(v)
            else:
                raise error('required argument is not a float')
        return _float_bytes(code, float(v), order, native)
    raise error('bad char in struct format')


def _unpack_one(code, b, order):
    if code in _INTS:
        return int.from_bytes(b, 'little' if order == '<' else 'big', signed=code in _SIGNED)
    if code == '?':
        return b != b'\x00'
    if code == 'c':
        return bytes(b)
    if (order == '>') == (_sys.byteorder == 'little'):
        b = b[::-1]
    if code == 'd':
        return _array('d', bytes(b))[0]
    if code == 'f':
        return _array('f', bytes(b))[0]
    return _unhalf(int.from_bytes(b, 'little'))


class Struct:
    def __init__(self, format):
        self._items, self.size, self._order = _parse(format)
        self._native = not (isinstance(format, str) and format[:1] in '=<>!' or
                            isinstance(format, (bytes, bytearray)) and format[:1] in (b'=', b'<', b'>', b'!'))
        self.format = format.decode('latin-1') if isinstance(format, (bytes, bytearray)) else format
        n = 0
        for code, count, size, off in self._items:
            if code in 'sp':
                n += 1
            elif code != 'x':
                n += count
        self._nargs = n

    def __repr__(self):
        return '<_struct.Struct object at %#x>' % id(self)

    def pack(self, *values):
        if len(values) != self._nargs:
            raise error('pack expected %d items for packing (got %d)' % (self._nargs, len(values)))
        out = bytearray(self.size)
        k = 0
        for code, count, size, off in self._items:
            if code == 'x':
                continue
            if code in 'sp':
                v = values[k]
                k += 1
                if not isinstance(v, (bytes, bytearray)):
                    raise error("argument for '%s' must be a bytes object" % code)
                if code == 's':
                    data = bytes(v[:count])
                else:
                    if count == 0:
                        data = b''
                    else:
                        body = bytes(v[:count - 1])
                        data = bytes([min(len(v), 255, count - 1)]) + body
                out[off:off + len(data)] = data
                continue
            for j in range(count):
                b = _pack_one(code, size, values[k], self._order, self._native)
                k += 1
                out[off + j * size:off + (j + 1) * size] = b
        return bytes(out)

    def _unpack_at(self, buf, start):
        res = []
        for code, count, size, off in self._items:
            p = start + off
            if code == 'x':
                continue
            if code == 's':
                res.append(bytes(buf[p:p + count]))
                continue
            if code == 'p':
                if count == 0:
                    res.append(b'')
                    continue
                n = min(buf[p], count - 1)
                res.append(bytes(buf[p + 1:p + 1 + n]))
                continue
            for j in range(count):
                res.append(_unpack_one(code, buf[p + j * size:p + (j + 1) * size], self._order))
        return tuple(res)

    def unpack(self, buffer):
        buf = _as_bytes(buffer)
        if len(buf) != self.size:
            raise error('unpack requires a buffer of %d bytes' % self.size)
        return self._unpack_at(buf, 0)

    def unpack_from(self, buffer, offset=0):
        buf = _as_bytes(buffer)
        if offset < 0:
            if offset + len(buf) < 0:
                raise error('offset %d out of range for %d-byte buffer' % (offset, len(buf)))
            offset += len(buf)
        if len(buf) - offset < self.size:
            if offset == 0:
                raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes '
                            'at offset %d (actual buffer size is %d)' % (self.size, self.size, offset, len(buf)))
            raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at '
                        'offset %d (actual buffer size is %d)' % (self.size + offset, self.size, offset, len(buf)))
        return self._unpack_at(buf, offset)

    def pack_into(self, buffer, offset, *values):
        data = self.pack(*values)
        if offset < 0:
            if offset + len(buffer) < 0:
                raise error('offset %d out of range for %d-byte buffer' % (offset, len(buffer)))
            offset += len(buffer)
        if len(buffer) - offset < self.size:
            raise error('pack_into requires a buffer of at least %d bytes for packing %d bytes at offset %d '
                        '(actual buffer size is %d)' % (self.size + offset, self.size, offset, len(buffer)))
        buffer[offset:offset + self.size] = data

    def iter_unpack(self, buffer):
        buf = _as_bytes(buffer)
        if self.size == 0:
            raise error('cannot iteratively unpack with a struct of length 0')
        if len(buf) % self.size:
            raise error('iterative unpacking requires a buffer of a multiple of %d bytes' % self.size)
        return (self._unpack_at(buf, i) for i in range(0, len(buf), self.size))


def _as_bytes(b):
    if isinstance(b, (bytes, bytearray)):
        return b
    try:
        return bytes(b)
    except TypeError:
        raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__) from None


_cache = {}


def _struct(fmt):
    s = _cache.get(fmt)
    if s is None:
        s = Struct(fmt)
        if len(_cache) < 100:
            _cache[fmt] = s
    return s


def calcsize(format):
    return _struct(format).size


def pack(format, *values):
    return _struct(format).pack(*values)


def pack_into(format, buffer, offset, *values):
    return _struct(format).pack_into(buffer, offset, *values)


def unpack(format, buffer):
    return _struct(format).unpack(buffer)


def unpack_from(format, buffer, offset=0):
    return _struct(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer):
    return _struct(format).iter_unpack(buffer)

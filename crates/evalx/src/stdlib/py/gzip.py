"""gzip (RFC 1952) compression and decompression of bytes in memory (written for evalx).

compress() writes one member (no file name; `mtime`, or the host's clock when it is None; the XFL
byte for levels 1 and 9, OS byte 255; with mtime=0, zlib's own gzip framing, as CPython does);
decompress() reads any number of concatenated members, with their optional header fields, and checks
each one's CRC-32 and length. Only the in-memory functions are
provided: no GzipFile or gzip.open.
"""

import time
import zlib

__all__ = ["BadGzipFile", "compress", "decompress"]

FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT = 1, 2, 4, 8, 16
READ, WRITE = 1, 2
_COMPRESS_LEVEL_FAST = 1
_COMPRESS_LEVEL_TRADEOFF = 6
_COMPRESS_LEVEL_BEST = 9

_TRUNCATED = "Compressed file ended before the end-of-stream marker was reached"


class BadGzipFile(OSError):
    """Raised for data that is not a valid gzip stream."""


def _le32(n):
    return (n & 0xffffffff).to_bytes(4, 'little')


def compress(data, compresslevel=_COMPRESS_LEVEL_BEST, *, mtime=None):
    """`data` compressed as one gzip member."""
    if mtime is None:
        mtime = time.time()
    data = bytes(data)
    if mtime == 0:
        # zlib's own gzip framing has a zero mtime (and OS byte 3), as CPython 3.11 produces then.
        return zlib.compress(data, level=compresslevel, wbits=31)
    if compresslevel == _COMPRESS_LEVEL_BEST:
        xfl = b'\x02'
    elif compresslevel == _COMPRESS_LEVEL_FAST:
        xfl = b'\x04'
    else:
        xfl = b'\x00'
    header = b'\x1f\x8b\x08\x00' + _le32(int(mtime)) + xfl + b'\xff'
    body = zlib.compress(data, level=compresslevel, wbits=-zlib.MAX_WBITS)
    return header + body + _le32(zlib.crc32(data)) + _le32(len(data))


def _need(data, pos, n):
    if len(data) - pos < n:
        raise EOFError(_TRUNCATED)
    return data[pos:pos + n]


def _skip_zero_terminated(data, pos):
    end = data.find(b'\x00', pos)
    if end < 0:
        raise EOFError(_TRUNCATED)
    return end + 1


def _header_end(data):
    """Where the deflate data of the member at the start of `data` begins (None: no member)."""
    magic = data[:2]
    if magic == b'':
        return None
    if magic != b'\x1f\x8b':
        raise BadGzipFile('Not a gzipped file (%r)' % magic)
    fixed = _need(data, 2, 8)
    if fixed[0] != 8:
        raise BadGzipFile('Unknown compression method')
    flags = fixed[1]
    pos = 10
    if flags & FEXTRA:
        size = int.from_bytes(_need(data, pos, 2), 'little')
        pos += 2
        _need(data, pos, size)
        pos += size
    if flags & FNAME:
        pos = _skip_zero_terminated(data, pos)
    if flags & FCOMMENT:
        pos = _skip_zero_terminated(data, pos)
    if flags & FHCRC:
        _need(data, pos, 2)
        pos += 2
    return pos


def decompress(data):
    """The bytes of every gzip member in `data`, concatenated."""
    data = bytes(data)
    members = []
    while True:
        start = _header_end(data)
        if start is None:
            return b''.join(members)
        do = zlib.decompressobj(wbits=-zlib.MAX_WBITS)
        out = do.decompress(data[start:])
        rest = do.unused_data
        if not do.eof or len(rest) < 8:
            raise EOFError(_TRUNCATED)
        if int.from_bytes(rest[:4], 'little') != zlib.crc32(out):
            raise BadGzipFile("CRC check failed")
        if int.from_bytes(rest[4:8], 'little') != (len(out) & 0xffffffff):
            raise BadGzipFile("Incorrect length of data produced")
        members.append(out)
        data = rest[8:].lstrip(b'\x00')

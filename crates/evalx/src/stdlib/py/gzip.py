"""gzip (RFC 1952) compression and decompression of bytes in memory (written for evalx).

compress() writes one member (no file name; `mtime`, or the host's clock when it is None; the XFL
byte for levels 1 and 9, OS byte 255; with mtime=0, zlib's own gzip framing, as CPython does);
decompress() reads any number of concatenated members, with their optional header fields, and checks
each one's CRC-32 and length. GzipFile and open() read and write gzip files over the host's granted
files or any binary stream (io.BytesIO...): a file read is decompressed as a whole on its first read,
a file written is compressed as one member when it is closed.
"""

import builtins
import io
import os
import time
import zlib

__all__ = ["BadGzipFile", "GzipFile", "open", "compress", "decompress"]

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


def open(filename, mode="rb", compresslevel=_COMPRESS_LEVEL_BEST, encoding=None, errors=None,
         newline=None):
    """Open a gzip-compressed file in binary or text mode."""
    if "t" in mode:
        if "b" in mode:
            raise ValueError("Invalid mode: %r" % (mode,))
    else:
        if encoding is not None:
            raise ValueError("Argument 'encoding' not supported in binary mode")
        if errors is not None:
            raise ValueError("Argument 'errors' not supported in binary mode")
        if newline is not None:
            raise ValueError("Argument 'newline' not supported in binary mode")
    gz_mode = mode.replace("t", "")
    if isinstance(filename, (str, bytes, os.PathLike)):
        binary_file = GzipFile(filename, gz_mode, compresslevel)
    elif hasattr(filename, "read") or hasattr(filename, "write"):
        binary_file = GzipFile(None, gz_mode, compresslevel, filename)
    else:
        raise TypeError("filename must be a str or bytes object, or a file")
    if "t" in mode:
        return io.TextIOWrapper(binary_file, encoding, errors, newline)
    return binary_file


class GzipFile(io.BufferedIOBase):
    """A file object over a gzip stream: read() gives the decompressed bytes, write() compresses."""

    myfileobj = None

    def __init__(self, filename=None, mode=None, compresslevel=_COMPRESS_LEVEL_BEST, fileobj=None,
                 mtime=None):
        if mode and ("t" in mode or "U" in mode):
            raise ValueError("Invalid mode: {!r}".format(mode))
        if mode and "b" not in mode:
            mode += "b"
        if fileobj is None:
            fileobj = self.myfileobj = builtins.open(filename, mode or "rb")
        if filename is None:
            filename = getattr(fileobj, "name", "")
            if not isinstance(filename, (str, bytes)):
                filename = ""
        else:
            filename = os.fspath(filename)
        origmode = mode
        if mode is None:
            mode = getattr(fileobj, "mode", "rb")
        if mode.startswith("r"):
            self.mode = READ
            self._data = None
            self._pos = 0
            self.name = filename
        elif mode.startswith(("w", "a", "x")):
            if origmode is None:
                import warnings
                warnings.warn("GzipFile was opened for writing, but this will change in future "
                              "Python releases.  Specify the mode argument for opening it for writing.",
                              FutureWarning, 2)
            self.mode = WRITE
            if not isinstance(compresslevel, int) or not -1 <= compresslevel <= 9:
                raise ValueError("Invalid initialization option")
            self._pieces = []
            self._size = 0
            self.name = filename
            self._level = compresslevel
            self._write_mtime = mtime
        else:
            raise ValueError("Invalid mode: {!r}".format(mode))
        self.fileobj = fileobj
        self._last_mtime = None

    @property
    def mtime(self):
        """Last modification time read from stream, or None"""
        return self._last_mtime

    def __repr__(self):
        s = repr(self.fileobj)
        return "<gzip " + s[1:-1] + " " + hex(id(self)) + ">"

    @property
    def closed(self):
        return self.fileobj is None

    def _check_not_closed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def _check_read(self, op="read"):
        self._check_not_closed()
        if self.mode != READ:
            import errno
            raise OSError(errno.EBADF, op + "() on write-only GzipFile object")
        if self._data is None:
            raw = self.fileobj.read()
            if raw[:2] == b"\x1f\x8b" and len(raw) >= 8:
                self._last_mtime = int.from_bytes(raw[4:8], "little")
            self._data = decompress(raw)

    def _header(self):
        fname = os.path.basename(self.name)
        if not isinstance(fname, bytes):
            fname = fname.encode("latin-1")
        if fname.endswith(b".gz"):
            fname = fname[:-3]
        flags = FNAME if fname else 0
        mtime = self._write_mtime
        if mtime is None:
            mtime = time.time()
        level = self._level
        xfl = b"\002" if level == _COMPRESS_LEVEL_BEST else b"\004" if level == _COMPRESS_LEVEL_FAST else b"\000"
        head = b"\037\213\010" + bytes([flags]) + _le32(int(mtime)) + xfl + b"\377"
        if fname:
            head += fname + b"\000"
        return head

    def write(self, data):
        self._check_not_closed()
        if self.mode != WRITE:
            import errno
            raise OSError(errno.EBADF, "write() on read-only GzipFile object")
        if isinstance(data, (bytes, bytearray)):
            length = len(data)
        else:
            data = memoryview(data)
            length = data.nbytes
        if length > 0:
            self._pieces.append(bytes(data))
            self._size += length
        return length

    def read(self, size=-1):
        self._check_read()
        if size is None or size < 0:
            out = self._data[self._pos:]
        else:
            out = self._data[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def read1(self, size=-1):
        return self.read(size)

    def peek(self, n):
        self._check_read("peek")
        return self._data[self._pos:self._pos + max(n, 1)]

    def readline(self, size=-1):
        self._check_read("readline")
        end = self._data.find(b"\n", self._pos)
        end = len(self._data) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = self._data[self._pos:end]
        self._pos = end
        return out

    def close(self):
        fileobj = self.fileobj
        if fileobj is None:
            return
        try:
            if self.mode == WRITE:
                data = b"".join(self._pieces)
                self._pieces = []
                body = zlib.compress(data, level=self._level, wbits=-zlib.MAX_WBITS)
                fileobj.write(self._header() + body + _le32(zlib.crc32(data)) + _le32(len(data)))
        finally:
            self.fileobj = None
            myfileobj = self.myfileobj
            if myfileobj:
                self.myfileobj = None
                myfileobj.close()

    def flush(self, zlib_mode=None):
        self._check_not_closed()

    def fileno(self):
        return self.fileobj.fileno()

    def rewind(self):
        if self.mode != READ:
            raise OSError("Can't rewind in write mode")
        self._pos = 0

    def readable(self):
        return self.mode == READ

    def writable(self):
        return self.mode == WRITE

    def seekable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        if self.mode == WRITE:
            if whence == io.SEEK_CUR:
                offset = self._size + offset
            elif whence != io.SEEK_SET:
                raise ValueError("Seek from end not supported")
            if offset < self._size:
                raise OSError("Negative seek in write mode")
            self.write(b"\0" * (offset - self._size))
            return self._size
        self._check_read("seek")
        if whence == io.SEEK_CUR:
            offset = self._pos + offset
        elif whence == io.SEEK_END:
            offset = len(self._data) + offset
        elif whence != io.SEEK_SET:
            raise ValueError("Invalid whence value")
        self._pos = max(0, min(offset, len(self._data)))
        return self._pos

    def tell(self):
        self._check_not_closed()
        return self._size if self.mode == WRITE else self._pos

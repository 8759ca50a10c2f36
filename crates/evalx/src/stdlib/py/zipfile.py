# evalx's zipfile: reading and writing ZIP archives (stored or deflated members, through evalx's zlib) over
# io.BytesIO-like objects and the files the host's policy grants (paths go through open(), so a refused
# path raises open()'s PermissionError). An archive is read whole into memory when opened and written whole
# when closed. Not supported: encryption (reading an encrypted member raises), ZIP64 records beyond 4 GiB,
# bzip2/lzma members (evalx has no bz2/lzma module) and zipfile.Path.
import io
import os
import time
import zlib

__all__ = ["BadZipFile", "BadZipfile", "error", "ZIP_STORED", "ZIP_DEFLATED", "ZIP_BZIP2", "ZIP_LZMA",
           "is_zipfile", "ZipInfo", "ZipFile", "PyZipFile", "LargeZipFile", "Path"]
__all__.remove("PyZipFile")
__all__.remove("Path")


class BadZipFile(Exception):
    pass


class LargeZipFile(Exception):
    """The archive would need ZIP64 records, which are off (allowZip64=False) or unsupported here."""


error = BadZipfile = BadZipFile

ZIP64_LIMIT = (1 << 31) - 1
ZIP_FILECOUNT_LIMIT = (1 << 16) - 1
ZIP_MAX_COMMENT = (1 << 16) - 1

ZIP_STORED = 0
ZIP_DEFLATED = 8
ZIP_BZIP2 = 12
ZIP_LZMA = 14

DEFAULT_VERSION = 20
ZIP64_VERSION = 45
BZIP2_VERSION = 46
LZMA_VERSION = 63
MAX_EXTRACT_VERSION = 63

compressor_names = {0: "store", 1: "shrink", 2: "reduce", 3: "reduce", 4: "reduce", 5: "reduce",
                    6: "implode", 7: "tokenize", 8: "deflate", 9: "deflate64", 10: "implode", 12: "bzip2",
                    14: "lzma", 18: "terse", 19: "lz77", 97: "wavpack", 98: "ppmd"}

_LOCAL_MAGIC = b"PK\x03\x04"
_CENTRAL_MAGIC = b"PK\x01\x02"
_END_MAGIC = b"PK\x05\x06"
_END_SIZE = 22
_LOCAL_SIZE = 30
_CENTRAL_SIZE = 46


# The upper half of code page 437, the names' encoding when an entry does not set the UTF-8 flag.
_CP437_HIGH = '\xc7\xfc\xe9\xe2\xe4\xe0\xe5\xe7\xea\xeb\xe8\xef\xee\xec\xc4\xc5\xc9\xe6\xc6\xf4\xf6\xf2\xfb\xf9\xff\xd6\xdc\xa2\xa3\xa5\u20a7\u0192\xe1\xed\xf3\xfa\xf1\xd1\xaa\xba\xbf\u2310\xac\xbd\xbc\xa1\xab\xbb\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580\u03b1\xdf\u0393\u03c0\u03a3\u03c3\xb5\u03c4\u03a6\u0398\u03a9\u03b4\u221e\u03c6\u03b5\u2229\u2261\xb1\u2265\u2264\u2320\u2321\xf7\u2248\xb0\u2219\xb7\u221a\u207f\xb2\u25a0\xa0'


def _decode_name(raw, flags, encoding):
    if flags & 0x800:
        return raw.decode("utf-8")
    if encoding:
        return raw.decode(encoding)
    return "".join(chr(b) if b < 128 else _CP437_HIGH[b - 128] for b in raw)


def _u16(b, at):
    return b[at] | (b[at + 1] << 8)


def _u32(b, at):
    return int.from_bytes(b[at:at + 4], "little")


def _p16(n):
    return (n & 0xFFFF).to_bytes(2, "little")


def _p32(n):
    return (n & 0xFFFFFFFF).to_bytes(4, "little")


def _check_compression(compression):
    if compression == ZIP_STORED or compression == ZIP_DEFLATED:
        return
    if compression == ZIP_BZIP2:
        raise RuntimeError("Compression requires the (missing) bz2 module")
    if compression == ZIP_LZMA:
        raise RuntimeError("Compression requires the (missing) lzma module")
    raise NotImplementedError("That compression method is not supported")


def _filemode(mode):
    kinds = ((0o140000, "s"), (0o120000, "l"), (0o100000, "-"), (0o060000, "b"), (0o040000, "d"),
             (0o020000, "c"), (0o010000, "p"))
    out = "?"
    for bits, ch in kinds:
        if mode & 0o170000 == bits:
            out = ch
            break
    perms = ((0o400, "r"), (0o200, "w"), (0o100, "x"), (0o40, "r"), (0o20, "w"), (0o10, "x"), (0o4, "r"),
             (0o2, "w"), (0o1, "x"))
    for bits, ch in perms:
        out += ch if mode & bits else "-"
    return out


class ZipInfo(object):
    """One archive member's directory entry: name, timestamp, sizes, CRC, compression and attributes."""

    __slots__ = ("orig_filename", "filename", "date_time", "compress_type", "_compresslevel", "comment",
                 "extra", "create_system", "create_version", "extract_version", "reserved", "flag_bits",
                 "volume", "internal_attr", "external_attr", "header_offset", "CRC", "compress_size",
                 "file_size", "_raw_time")

    def __init__(self, filename="NoName", date_time=(1980, 1, 1, 0, 0, 0)):
        self.orig_filename = filename
        null = filename.find(chr(0))
        if null >= 0:
            filename = filename[0:null]
        if os.sep != "/" and os.sep in filename:
            filename = filename.replace(os.sep, "/")
        self.filename = filename
        self.date_time = date_time
        if date_time[0] < 1980:
            raise ValueError("ZIP does not support timestamps before 1980")
        self.compress_type = ZIP_STORED
        self._compresslevel = None
        self.comment = b""
        self.extra = b""
        self.create_system = 3
        self.create_version = DEFAULT_VERSION
        self.extract_version = DEFAULT_VERSION
        self.reserved = 0
        self.flag_bits = 0
        self.volume = 0
        self.internal_attr = 0
        self.external_attr = 0
        self.compress_size = 0
        self.file_size = 0
        self.header_offset = 0
        self.CRC = 0

    def __repr__(self):
        parts = ["<%s filename=%r" % (type(self).__name__, self.filename)]
        if self.compress_type != ZIP_STORED:
            parts.append(" compress_type=%s" % compressor_names.get(self.compress_type, self.compress_type))
        high, low = self.external_attr >> 16, self.external_attr & 0xFFFF
        if high:
            parts.append(" filemode=%r" % _filemode(high))
        if low:
            parts.append(" external_attr=%#x" % low)
        isdir = self.is_dir()
        if not isdir or self.file_size:
            parts.append(" file_size=%r" % self.file_size)
        if (not isdir or self.compress_size) and (self.compress_type != ZIP_STORED
                                                  or self.file_size != self.compress_size):
            parts.append(" compress_size=%r" % self.compress_size)
        parts.append(">")
        return "".join(parts)

    def _dos(self):
        dt = self.date_time
        return (dt[3] << 11 | dt[4] << 5 | (dt[5] // 2)), ((dt[0] - 1980) << 9 | dt[1] << 5 | dt[2])

    def _encoded_name(self):
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("utf-8"), self.flag_bits | 0x800

    def FileHeader(self, zip64=None):
        """The member's local file header, as bytes."""
        dostime, dosdate = self._dos()
        if self.flag_bits & 0x08:
            crc = compress_size = file_size = 0
        else:
            crc, compress_size, file_size = self.CRC, self.compress_size, self.file_size
        min_version = 0
        if self.compress_type == ZIP_DEFLATED:
            min_version = max(DEFAULT_VERSION, min_version)
        self.extract_version = max(min_version, self.extract_version)
        self.create_version = max(min_version, self.create_version)
        name, flags = self._encoded_name()
        return (_LOCAL_MAGIC + bytes([self.extract_version, self.reserved]) + _p16(flags)
                + _p16(self.compress_type) + _p16(dostime) + _p16(dosdate) + _p32(crc) + _p32(compress_size)
                + _p32(file_size) + _p16(len(name)) + _p16(len(self.extra)) + name + self.extra)

    def _central(self):
        dostime, dosdate = self._dos()
        name, flags = self._encoded_name()
        return (_CENTRAL_MAGIC + bytes([self.create_version, self.create_system, self.extract_version,
                                        self.reserved]) + _p16(flags) + _p16(self.compress_type)
                + _p16(dostime) + _p16(dosdate) + _p32(self.CRC) + _p32(self.compress_size)
                + _p32(self.file_size) + _p16(len(name)) + _p16(len(self.extra)) + _p16(len(self.comment))
                + _p16(0) + _p16(self.internal_attr) + _p32(self.external_attr) + _p32(self.header_offset)
                + name + self.extra + self.comment)

    @classmethod
    def from_file(cls, filename, arcname=None, *, strict_timestamps=True):
        """A ZipInfo describing file (or folder) `filename`, stored under `arcname`."""
        if isinstance(filename, os.PathLike):
            filename = os.fspath(filename)
        st = os.stat(filename)
        isdir = os.path.isdir(filename)
        mtime = time.localtime(st.st_mtime)
        date_time = mtime[0:6]
        if not strict_timestamps and date_time[0] < 1980:
            date_time = (1980, 1, 1, 0, 0, 0)
        elif not strict_timestamps and date_time[0] > 2107:
            date_time = (2107, 12, 31, 23, 59, 59)
        if arcname is None:
            arcname = filename
        arcname = os.path.normpath(os.path.splitdrive(arcname)[1])
        while arcname[0] in (os.sep, os.altsep):
            arcname = arcname[1:]
        if isdir:
            arcname += "/"
        info = cls(arcname, date_time)
        info.external_attr = (st.st_mode & 0xFFFF) << 16
        if isdir:
            info.file_size = 0
            info.external_attr |= 0x10
        else:
            info.file_size = st.st_size
        return info

    def is_dir(self):
        """Whether the member is a folder (its name ends in '/')."""
        return self.filename[-1] == "/"


def _find_end(data):
    """The offset of the end-of-central-directory record, or -1."""
    if len(data) >= _END_SIZE and data[-_END_SIZE:-_END_SIZE + 4] == _END_MAGIC and data[-2:] == b"\x00\x00":
        return len(data) - _END_SIZE
    at = data.rfind(_END_MAGIC, max(0, len(data) - ZIP_MAX_COMMENT - _END_SIZE))
    if at >= 0 and at + _END_SIZE <= len(data):
        return at
    return -1


def _read_all(fp):
    here = fp.tell()
    fp.seek(0)
    data = fp.read()
    fp.seek(here)
    return data


def is_zipfile(filename):
    """Whether a path or binary file object holds a ZIP archive (it has an end-of-archive record)."""
    try:
        if hasattr(filename, "read"):
            data = _read_all(filename)
        else:
            with open(filename, "rb") as fp:
                data = fp.read()
    except OSError:
        return False
    return _find_end(data) >= 0


class ZipExtFile(io.BufferedIOBase):
    """A binary file object over one member's uncompressed bytes (what ZipFile.open(name) gives)."""

    def __init__(self, data, mode, zipinfo):
        self._data = data
        self._pos = 0
        self.mode = mode
        self.name = zipinfo.filename
        self._closed = False

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def readable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")

    def read(self, n=-1):
        self._check()
        if n is None or n < 0:
            out = self._data[self._pos:]
        else:
            out = self._data[self._pos:self._pos + n]
        self._pos += len(out)
        return out

    read1 = read

    def peek(self, n=1):
        self._check()
        return self._data[self._pos:self._pos + max(n, 512)]

    def readline(self, limit=-1):
        self._check()
        end = self._data.find(b"\n", self._pos)
        end = len(self._data) if end < 0 else end + 1
        if limit is not None and limit >= 0:
            end = min(end, self._pos + limit)
        out = self._data[self._pos:end]
        self._pos = end
        return out

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, offset, whence=0):
        self._check()
        if whence == 0:
            pos = offset
        elif whence == 1:
            pos = self._pos + offset
        elif whence == 2:
            pos = len(self._data) + offset
        else:
            raise ValueError("whence must be os.SEEK_SET (0), os.SEEK_CUR (1), or os.SEEK_END (2)")
        self._pos = max(0, pos)
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        if self._closed:
            return "<zipfile.ZipExtFile [closed]>"
        return "<zipfile.ZipExtFile name=%r mode=%r>" % (self.name, self.mode)


class _ZipWriteFile(io.BufferedIOBase):
    def __init__(self, zf, zinfo):
        self._zf = zf
        self._zinfo = zinfo
        self._chunks = []
        self._size = 0
        self._closed = False

    @property
    def closed(self):
        return self._closed

    def writable(self):
        return True

    def write(self, data):
        if self._closed:
            raise ValueError("I/O operation on closed file.")
        if isinstance(data, (bytes, bytearray)):
            b = bytes(data)
        else:
            b = memoryview(data).tobytes()
        self._chunks.append(b)
        self._size += len(b)
        return len(b)

    def close(self):
        if self._closed:
            return
        self._closed = True
        self._zf._store(self._zinfo, b"".join(self._chunks))
        self._zf._writing = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class ZipFile:
    """A ZIP archive in a file or binary file object, opened to read ('r'), write ('w', 'x') or append
    ('a')."""

    fp = None

    def __init__(self, file, mode="r", compression=ZIP_STORED, allowZip64=True, compresslevel=None, *,
                 strict_timestamps=True, metadata_encoding=None):
        if mode not in ("r", "w", "x", "a"):
            raise ValueError("ZipFile requires mode 'r', 'w', 'x', or 'a'")
        _check_compression(compression)
        self._allowZip64 = allowZip64
        self.debug = 0
        self.NameToInfo = {}
        self.filelist = []
        self.compression = compression
        self.compresslevel = compresslevel
        self.mode = mode
        self.pwd = None
        self._comment = b""
        self._strict_timestamps = strict_timestamps
        self.metadata_encoding = metadata_encoding
        self._writing = False
        self._out = None
        self._modified = False
        if isinstance(file, os.PathLike):
            file = os.fspath(file)
        if isinstance(file, str):
            self._filePassed = 0
            self.filename = file
            if mode == "r":
                with open(file, "rb") as f:
                    data = f.read()
            elif mode == "w":
                open(file, "wb").close()
                data = b""
            elif mode == "x":
                open(file, "xb").close()
                data = b""
            else:
                try:
                    with open(file, "rb") as f:
                        data = f.read()
                except FileNotFoundError:
                    open(file, "wb").close()
                    data = b""
            self.fp = None
        else:
            self._filePassed = 1
            self.fp = file
            self.filename = getattr(file, "name", None)
            if mode in ("r", "a"):
                data = _read_all(file)
            else:
                data = b""
        self._closed = False
        if mode == "r":
            self._load(data)
        elif mode in ("w", "x"):
            self._out = bytearray()
            self._start = file.tell() if self._filePassed else 0
            self._modified = True
        else:
            try:
                end = self._load(data)
            except BadZipFile:
                # Not an archive: the new one is added after the file's bytes.
                self._out = bytearray(data)
                self._start = 0
            else:
                self._out = bytearray(data[:end])
                self._start = 0
            self._modified = True

    def _load(self, data):
        end = _find_end(data)
        if end < 0:
            raise BadZipFile("File is not a zip file")
        rec = data[end:end + _END_SIZE]
        count = _u16(rec, 10)
        size = _u32(rec, 12)
        offset = _u32(rec, 16)
        comment_len = _u16(rec, 20)
        self._comment = data[end + _END_SIZE:end + _END_SIZE + comment_len]
        # Bytes before the archive (a self-extracting stub) shift every offset.
        concat = end - size - offset
        if concat < 0:
            raise BadZipFile("Bad offset for central directory")
        self._data = data
        self._concat = concat
        at = offset + concat
        stop = at + size
        while at < stop:
            if data[at:at + 4] != _CENTRAL_MAGIC:
                raise BadZipFile("Bad magic number for central directory")
            c = data[at:at + _CENTRAL_SIZE]
            if len(c) != _CENTRAL_SIZE:
                raise BadZipFile("Truncated central directory")
            flags = _u16(c, 8)
            nlen, elen, clen = _u16(c, 28), _u16(c, 30), _u16(c, 32)
            raw = data[at + _CENTRAL_SIZE:at + _CENTRAL_SIZE + nlen]
            name = _decode_name(raw, flags, self.metadata_encoding)
            x = ZipInfo(name)
            x.extra = data[at + _CENTRAL_SIZE + nlen:at + _CENTRAL_SIZE + nlen + elen]
            x.comment = data[at + _CENTRAL_SIZE + nlen + elen:at + _CENTRAL_SIZE + nlen + elen + clen]
            x.header_offset = _u32(c, 42) + concat
            x.create_version, x.create_system, x.extract_version, x.reserved = c[4], c[5], c[6], c[7]
            x.flag_bits = flags
            x.compress_type = _u16(c, 10)
            t, d = _u16(c, 12), _u16(c, 14)
            x.CRC, x.compress_size, x.file_size = _u32(c, 16), _u32(c, 20), _u32(c, 24)
            x.volume, x.internal_attr, x.external_attr = _u16(c, 34), _u16(c, 36), _u32(c, 38)
            if x.extract_version > MAX_EXTRACT_VERSION:
                raise NotImplementedError("zip file version %.1f" % (x.extract_version / 10))
            x._raw_time = t
            x.date_time = ((d >> 9) + 1980, (d >> 5) & 0xF, d & 0x1F, t >> 11, (t >> 5) & 0x3F, (t & 0x1F) * 2)
            self.filelist.append(x)
            self.NameToInfo[x.filename] = x
            at += _CENTRAL_SIZE + nlen + elen + clen
        return offset + concat

    @property
    def comment(self):
        """The archive's comment (bytes)."""
        return self._comment

    @comment.setter
    def comment(self, comment):
        if not isinstance(comment, bytes):
            raise TypeError("comment: expected bytes, got %s" % type(comment).__name__)
        if len(comment) > ZIP_MAX_COMMENT:
            import warnings
            warnings.warn("Archive comment is too long; truncating to %d bytes" % ZIP_MAX_COMMENT,
                          stacklevel=2)
            comment = comment[:ZIP_MAX_COMMENT]
        self._comment = comment
        self._modified = True

    def __enter__(self):
        return self

    def __exit__(self, type, value, traceback):
        self.close()

    def __repr__(self):
        result = ["<%s.%s" % (type(self).__module__, type(self).__qualname__)]
        if not self._closed:
            if self._filePassed:
                result.append(" file=%r" % self.fp)
            elif self.filename is not None:
                result.append(" filename=%r" % self.filename)
            result.append(" mode=%r" % self.mode)
        else:
            result.append(" [closed]")
        result.append(">")
        return "".join(result)

    def namelist(self):
        """The members' names, in archive order."""
        return [data.filename for data in self.filelist]

    def infolist(self):
        """The members' ZipInfo entries, in archive order."""
        return self.filelist

    def printdir(self, file=None):
        """Prints each member's name, modification time and size."""
        print("%-46s %19s %12s" % ("File Name", "Modified    ", "Size"), file=file)
        for zinfo in self.filelist:
            date = "%d-%02d-%02d %02d:%02d:%02d" % zinfo.date_time[:6]
            print("%-46s %s %12d" % (zinfo.filename, date, zinfo.file_size), file=file)

    def testzip(self):
        """Reads every member: the name of the first one whose CRC or data is bad, else None."""
        for zinfo in self.filelist:
            try:
                self.read(zinfo)
            except BadZipFile:
                return zinfo.filename
        return None

    def getinfo(self, name):
        """The ZipInfo of member `name` (KeyError when there is none)."""
        info = self.NameToInfo.get(name)
        if info is None:
            raise KeyError("There is no item named %r in the archive" % name)
        return info

    def setpassword(self, pwd):
        """Sets the password for encrypted members (which this zipfile cannot decrypt)."""
        if pwd and not isinstance(pwd, bytes):
            raise TypeError("pwd: expected bytes, got %s" % type(pwd).__name__)
        self.pwd = pwd or None

    def read(self, name, pwd=None):
        """The uncompressed bytes of a member."""
        with self.open(name, "r", pwd) as fp:
            return fp.read()

    def _member_bytes(self, zinfo):
        data = self._data
        at = zinfo.header_offset
        head = data[at:at + _LOCAL_SIZE]
        if len(head) != _LOCAL_SIZE:
            raise BadZipFile("Truncated file header")
        if head[0:4] != _LOCAL_MAGIC:
            raise BadZipFile("Bad magic number for file header")
        nlen, elen = _u16(head, 26), _u16(head, 28)
        raw_name = data[at + _LOCAL_SIZE:at + _LOCAL_SIZE + nlen]
        flags = _u16(head, 6)
        fname = _decode_name(raw_name, flags, self.metadata_encoding)
        if fname != zinfo.orig_filename:
            raise BadZipFile("File name in directory %r and header %r differ." % (zinfo.orig_filename, raw_name))
        if zinfo.flag_bits & 0x1:
            raise RuntimeError("File %r is encrypted, password required for extraction" % zinfo.filename)
        start = at + _LOCAL_SIZE + nlen + elen
        comp = data[start:start + zinfo.compress_size]
        if zinfo.compress_type == ZIP_STORED:
            out = comp
        elif zinfo.compress_type == ZIP_DEFLATED:
            try:
                out = zlib.decompressobj(-15).decompress(comp)
            except zlib.error as e:
                raise BadZipFile("Bad compressed data for file %r: %s" % (zinfo.filename, e)) from None
        else:
            descr = compressor_names.get(zinfo.compress_type)
            if descr:
                raise NotImplementedError("compression type %d (%s)" % (zinfo.compress_type, descr))
            raise NotImplementedError("compression type %d" % (zinfo.compress_type,))
        if len(out) != zinfo.file_size or zlib.crc32(out) != zinfo.CRC:
            raise BadZipFile("Bad CRC-32 for file %r" % zinfo.filename)
        return out

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        """A binary file object reading (mode 'r') or writing (mode 'w') one member."""
        if mode not in {"r", "w"}:
            raise ValueError('open() requires mode "r" or "w"')
        if pwd and not isinstance(pwd, bytes):
            raise TypeError("pwd: expected bytes, got %s" % type(pwd).__name__)
        if pwd and (mode == "w"):
            raise ValueError("pwd is only supported for reading files")
        if self._closed:
            raise ValueError("Attempt to use ZIP archive that was already closed")
        if isinstance(name, ZipInfo):
            zinfo = name
        elif mode == "w":
            zinfo = ZipInfo(name)
            zinfo.compress_type = self.compression
            zinfo._compresslevel = self.compresslevel
        else:
            zinfo = self.getinfo(name)
        if mode == "w":
            return self._open_to_write(zinfo, force_zip64=force_zip64)
        if self._writing:
            raise ValueError("Can't read from the ZIP file while there is an open writing handle on it. "
                             "Close the writing handle before trying to read.")
        if self.mode != "r" and zinfo.header_offset >= len(getattr(self, "_data", b"")):
            self._data = bytes(self._out)
        return ZipExtFile(self._member_bytes(zinfo), mode, zinfo)

    def _open_to_write(self, zinfo, force_zip64=False):
        if self._writing:
            raise ValueError("Can't write to the ZIP file while there is another write handle open on it. "
                             "Close the first handle before opening another.")
        self._writeckeck(zinfo)
        if not zinfo.external_attr:
            zinfo.external_attr = 0o600 << 16
        self._writing = True
        return _ZipWriteFile(self, zinfo)

    def _writeckeck(self, zinfo):
        if zinfo.filename in self.NameToInfo:
            import warnings
            warnings.warn("Duplicate name: %r" % zinfo.filename, stacklevel=3)
        if self.mode not in ("w", "x", "a"):
            raise ValueError("write() requires mode 'w', 'x', or 'a'")
        if self._closed:
            raise ValueError("Attempt to write to ZIP archive that was already closed")
        _check_compression(zinfo.compress_type)
        if not self._allowZip64:
            if len(self.filelist) >= ZIP_FILECOUNT_LIMIT:
                raise LargeZipFile("Files count would require ZIP64 extensions")
            if zinfo.file_size > ZIP64_LIMIT:
                raise LargeZipFile("Filesize would require ZIP64 extensions")

    def _store(self, zinfo, data):
        zinfo.file_size = len(data)
        zinfo.CRC = zlib.crc32(data)
        if zinfo.compress_type == ZIP_DEFLATED:
            level = zinfo._compresslevel
            if level is None:
                level = zlib.Z_DEFAULT_COMPRESSION
            c = zlib.compressobj(level, zlib.DEFLATED, -15)
            comp = c.compress(data) + c.flush()
        else:
            comp = data
        zinfo.compress_size = len(comp)
        if zinfo.file_size > 0xFFFFFFFF or zinfo.compress_size > 0xFFFFFFFF:
            raise LargeZipFile("evalx's zipfile writes no ZIP64 records (a member over 4 GiB)")
        zinfo.header_offset = len(self._out)
        self._out += zinfo.FileHeader()
        self._out += comp
        self.filelist.append(zinfo)
        self.NameToInfo[zinfo.filename] = zinfo
        self._modified = True

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        """Adds file (or folder) `filename` as member `arcname` (default: the path itself)."""
        if self._closed:
            raise ValueError("Attempt to write to ZIP archive that was already closed")
        if self._writing:
            raise ValueError("Can't write to ZIP archive while an open writing handle exists")
        zinfo = ZipInfo.from_file(filename, arcname, strict_timestamps=self._strict_timestamps)
        if zinfo.is_dir():
            zinfo.compress_size = 0
            zinfo.CRC = 0
            self._writeckeck(zinfo)
            zinfo.compress_type = ZIP_STORED
            zinfo.header_offset = len(self._out)
            self._out += zinfo.FileHeader()
            self.filelist.append(zinfo)
            self.NameToInfo[zinfo.filename] = zinfo
            return
        zinfo.compress_type = compress_type if compress_type is not None else self.compression
        zinfo._compresslevel = compresslevel if compresslevel is not None else self.compresslevel
        self._writeckeck(zinfo)
        with open(filename, "rb") as src:
            data = src.read()
        self._store(zinfo, data)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        """Adds a member holding `data` (str is stored as its UTF-8 bytes)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo = ZipInfo(filename=zinfo_or_arcname, date_time=time.localtime(time.time())[:6])
            zinfo.compress_type = self.compression
            zinfo._compresslevel = self.compresslevel
            if zinfo.filename[-1] == "/":
                zinfo.external_attr = 0o40775 << 16
                zinfo.external_attr |= 0x10
            else:
                zinfo.external_attr = 0o600 << 16
        else:
            zinfo = zinfo_or_arcname
        if self._closed:
            raise ValueError("Attempt to write to ZIP archive that was already closed")
        if self._writing:
            raise ValueError("Can't write to ZIP archive while an open writing handle exists.")
        if compress_type is not None:
            zinfo.compress_type = compress_type
        if compresslevel is not None:
            zinfo._compresslevel = compresslevel
        self._writeckeck(zinfo)
        if not zinfo.external_attr:
            zinfo.external_attr = 0o600 << 16
        self._store(zinfo, bytes(data))

    def mkdir(self, zinfo_or_directory_name, mode=511):
        """Adds a folder member."""
        if isinstance(zinfo_or_directory_name, ZipInfo):
            zinfo = zinfo_or_directory_name
            if not zinfo.is_dir():
                raise ValueError("The given ZipInfo does not describe a directory")
        elif isinstance(zinfo_or_directory_name, str):
            directory_name = zinfo_or_directory_name
            if not directory_name.endswith("/"):
                directory_name += "/"
            zinfo = ZipInfo(directory_name, time.localtime(time.time())[:6])
            zinfo.compress_size = 0
            zinfo.CRC = 0
            zinfo.external_attr = ((0o40000 | mode) & 0xFFFF) << 16
            zinfo.file_size = 0
            zinfo.external_attr |= 0x10
        else:
            raise TypeError("Expected type str or ZipInfo")
        self._writeckeck(zinfo)
        self._store(zinfo, b"")

    def extract(self, member, path=None, pwd=None):
        """Writes one member under `path` (default: the working folder); returns the path written."""
        if path is None:
            path = os.getcwd()
        else:
            path = os.fspath(path)
        return self._extract_member(member, path, pwd)

    def extractall(self, path=None, members=None, pwd=None):
        """Writes every member (or those in `members`) under `path` (default: the working folder)."""
        if members is None:
            members = self.namelist()
        if path is None:
            path = os.getcwd()
        else:
            path = os.fspath(path)
        for zipinfo in members:
            self._extract_member(zipinfo, path, pwd)

    def _extract_member(self, member, targetpath, pwd):
        if not isinstance(member, ZipInfo):
            member = self.getinfo(member)
        arcname = member.filename.replace("/", os.path.sep)
        arcname = os.path.splitdrive(arcname)[1]
        invalid = ("", os.path.curdir, os.path.pardir)
        arcname = os.path.sep.join(x for x in arcname.split(os.path.sep) if x not in invalid)
        targetpath = os.path.normpath(os.path.join(targetpath, arcname))
        upperdirs = os.path.dirname(targetpath)
        if upperdirs and not os.path.exists(upperdirs):
            os.makedirs(upperdirs)
        if member.is_dir():
            if not os.path.isdir(targetpath):
                os.mkdir(targetpath)
            return targetpath
        data = self.read(member, pwd)
        with open(targetpath, "wb") as target:
            target.write(data)
        return targetpath

    def close(self):
        """Close the file, and for mode 'w', 'x' and 'a' write the ending records."""
        if self._closed:
            return
        if self._writing:
            raise ValueError("Can't close the ZIP file while there is an open writing handle on it. "
                             "Close the writing handle first.")
        self._closed = True
        if self.mode == "r" or not self._modified:
            self.fp = None
            return
        out = self._out
        start_dir = len(out)
        for zinfo in self.filelist:
            out += zinfo._central()
        size = len(out) - start_dir
        count = len(self.filelist)
        out += (_END_MAGIC + _p16(0) + _p16(0) + _p16(count) + _p16(count) + _p32(size) + _p32(start_dir)
                + _p16(len(self._comment)) + self._comment)
        if self._filePassed:
            fp = self.fp
            if self.mode == "a":
                fp.seek(0)
            else:
                fp.seek(self._start)
            fp.write(bytes(out))
            if hasattr(fp, "truncate"):
                fp.truncate()
            if hasattr(fp, "flush"):
                fp.flush()
        else:
            with open(self.filename, "wb") as f:
                f.write(bytes(out))
        self.fp = None

    def __del__(self):
        # An archive being written that the program never closed is still finished, as in CPython.
        try:
            self.close()
        except Exception:
            pass

# evalx's tarfile module (written for evalx): tar archives in ustar, GNU and pax formats, plain or
# gzip-compressed, over io.BytesIO-like objects and the files the host's policy grants (paths go through
# open(), so a refused path raises open()'s PermissionError). An archive being read is read whole when
# opened; one being written is written out when closed.

import io
import os
import stat
import time
import copy

__all__ = ["TarFile", "TarInfo", "is_tarfile", "TarError", "ReadError", "CompressionError",
           "StreamError", "ExtractError", "HeaderError", "ENCODING", "USTAR_FORMAT", "GNU_FORMAT",
           "PAX_FORMAT", "DEFAULT_FORMAT", "open", "fully_trusted_filter", "data_filter",
           "tar_filter", "FilterError", "AbsoluteLinkError", "OutsideDestinationError",
           "SpecialFileError", "AbsolutePathError", "LinkOutsideDestinationError"]

NUL = b"\0"
BLOCKSIZE = 512
RECORDSIZE = BLOCKSIZE * 20
GNU_MAGIC = b"ustar  \0"
POSIX_MAGIC = b"ustar\x0000"
LENGTH_NAME = 100
LENGTH_LINK = 100
LENGTH_PREFIX = 155

REGTYPE = b"0"
AREGTYPE = b"\0"
LNKTYPE = b"1"
SYMTYPE = b"2"
CHRTYPE = b"3"
BLKTYPE = b"4"
DIRTYPE = b"5"
FIFOTYPE = b"6"
CONTTYPE = b"7"
GNUTYPE_LONGNAME = b"L"
GNUTYPE_LONGLINK = b"K"
GNUTYPE_SPARSE = b"S"
XHDTYPE = b"x"
XGLTYPE = b"g"
SOLARIS_XHDTYPE = b"X"

USTAR_FORMAT = 0
GNU_FORMAT = 1
PAX_FORMAT = 2
DEFAULT_FORMAT = PAX_FORMAT

SUPPORTED_TYPES = (REGTYPE, AREGTYPE, LNKTYPE, SYMTYPE, DIRTYPE, FIFOTYPE, CONTTYPE, CHRTYPE,
                   BLKTYPE, GNUTYPE_LONGNAME, GNUTYPE_LONGLINK, GNUTYPE_SPARSE)
REGULAR_TYPES = (REGTYPE, AREGTYPE, CONTTYPE, GNUTYPE_SPARSE)
GNU_TYPES = (GNUTYPE_LONGNAME, GNUTYPE_LONGLINK, GNUTYPE_SPARSE)
PAX_FIELDS = ("path", "linkpath", "size", "mtime", "uid", "gid", "uname", "gname")
PAX_NAME_FIELDS = {"path", "linkpath", "uname", "gname"}
PAX_NUMBER_FIELDS = {"atime": float, "ctime": float, "mtime": float, "uid": int, "gid": int,
                     "size": int}
ENCODING = "utf-8"


class TarError(Exception):
    pass


class ExtractError(TarError):
    pass


class ReadError(TarError):
    pass


class CompressionError(TarError):
    pass


class StreamError(TarError):
    pass


class HeaderError(TarError):
    pass


class EmptyHeaderError(HeaderError):
    pass


class TruncatedHeaderError(HeaderError):
    pass


class EOFHeaderError(HeaderError):
    pass


class InvalidHeaderError(HeaderError):
    pass


class SubsequentHeaderError(HeaderError):
    pass


class FilterError(TarError):
    pass


class AbsolutePathError(FilterError):
    def __init__(self, tarinfo):
        self.tarinfo = tarinfo
        super().__init__(f'member {tarinfo.name!r} has an absolute path')


class OutsideDestinationError(FilterError):
    def __init__(self, tarinfo, path):
        self.tarinfo = tarinfo
        self._path = path
        super().__init__(f'{tarinfo.name!r} would be extracted to {path!r}, '
                         + 'which is outside the destination')


class SpecialFileError(FilterError):
    def __init__(self, tarinfo):
        self.tarinfo = tarinfo
        super().__init__(f'{tarinfo.name!r} is a special file')


class AbsoluteLinkError(FilterError):
    def __init__(self, tarinfo):
        self.tarinfo = tarinfo
        super().__init__(f'{tarinfo.name!r} is a symlink to an absolute path')


class LinkOutsideDestinationError(FilterError):
    def __init__(self, tarinfo, path):
        self.tarinfo = tarinfo
        self._path = path
        super().__init__(f'{tarinfo.name!r} would link to {path!r}, '
                         + 'which is outside the destination')


# -- field encodings
def stn(s, length, encoding, errors):
    if s is None:
        raise ValueError("metadata cannot contain None")
    s = s.encode(encoding, errors)
    return s[:length] + (length - len(s)) * NUL


def nts(s, encoding, errors):
    p = s.find(b"\0")
    if p != -1:
        s = s[:p]
    return s.decode(encoding, errors)


def nti(s):
    if s[0] in (0o200, 0o377):
        n = 0
        for b in s[1:]:
            n = (n << 8) + b
        if s[0] == 0o377:
            n = -(256 ** (len(s) - 1) - n)
        return n
    try:
        text = nts(s, "ascii", "strict")
        return int(text.strip() or "0", 8)
    except ValueError:
        raise InvalidHeaderError("invalid header")


def itn(n, digits=8, format=DEFAULT_FORMAT):
    n = int(n)
    if 0 <= n < 8 ** (digits - 1):
        return bytes("%0*o" % (digits - 1, n), "ascii") + NUL
    if format == GNU_FORMAT and -256 ** (digits - 1) <= n < 256 ** (digits - 1):
        if n < 0:
            n = 256 ** digits + n
            lead = 0o377
        else:
            lead = 0o200
        out = bytearray([lead])
        for _ in range(digits - 1):
            out.insert(1, n & 0o377)
            n >>= 8
        return out
    raise ValueError("overflow in number field")


def calc_chksums(buf):
    unsigned = 256 + sum(buf[:148]) + sum(buf[156:512])
    signed = 256 + sum(b - 256 if b > 127 else b for b in buf[:148]) + sum(
        b - 256 if b > 127 else b for b in buf[156:512])
    return unsigned, signed


class _MemberFile(io.BytesIO):
    """A member's bytes as a binary file (what extractfile() gives)."""

    def __init__(self, data, name):
        super().__init__(data)
        self.name = name
        self.mode = "rb"


class TarInfo(object):
    """One archive member: its name, size, mode, owner, times, type and link target."""

    def __init__(self, name=""):
        self.name = name
        self.mode = 0o644
        self.uid = 0
        self.gid = 0
        self.size = 0
        self.mtime = 0
        self.chksum = 0
        self.type = REGTYPE
        self.linkname = ""
        self.uname = ""
        self.gname = ""
        self.devmajor = 0
        self.devminor = 0
        self.offset = 0
        self.offset_data = 0
        self.sparse = None
        self.pax_headers = {}

    @property
    def path(self):
        return self.name

    @path.setter
    def path(self, name):
        self.name = name

    @property
    def linkpath(self):
        return self.linkname

    @linkpath.setter
    def linkpath(self, linkname):
        self.linkname = linkname

    def __repr__(self):
        return "<%s %r at %#x>" % (self.__class__.__name__, self.name, id(self))

    def replace(self, *, name=..., mtime=..., mode=..., linkname=..., uid=..., gid=..., uname=...,
                gname=..., deep=True):
        result = copy.deepcopy(self) if deep else copy.copy(self)
        for attr, value in (("name", name), ("mtime", mtime), ("mode", mode),
                            ("linkname", linkname), ("uid", uid), ("gid", gid),
                            ("uname", uname), ("gname", gname)):
            if value is not ...:
                setattr(result, attr, value)
        return result

    def get_info(self):
        mode = None if self.mode is None else self.mode & 0o7777
        info = {"name": self.name, "mode": mode, "uid": self.uid, "gid": self.gid,
                "size": self.size, "mtime": self.mtime, "chksum": self.chksum, "type": self.type,
                "linkname": self.linkname, "uname": self.uname, "gname": self.gname,
                "devmajor": self.devmajor, "devminor": self.devminor}
        if info["type"] == DIRTYPE and not info["name"].endswith("/"):
            info["name"] += "/"
        return info

    def tobuf(self, format=DEFAULT_FORMAT, encoding=ENCODING, errors="surrogateescape"):
        info = self.get_info()
        for name, value in info.items():
            if value is None:
                raise ValueError("%s may not be None" % name)
        if format == USTAR_FORMAT:
            return self.create_ustar_header(info, encoding, errors)
        if format == GNU_FORMAT:
            return self.create_gnu_header(info, encoding, errors)
        if format == PAX_FORMAT:
            return self.create_pax_header(info, encoding)
        raise ValueError("invalid format")

    def create_ustar_header(self, info, encoding, errors):
        info["magic"] = POSIX_MAGIC
        if len(info["linkname"].encode(encoding, errors)) > LENGTH_LINK:
            raise ValueError("linkname is too long")
        if len(info["name"].encode(encoding, errors)) > LENGTH_NAME:
            info["prefix"], info["name"] = self._posix_split_name(info["name"], encoding, errors)
        return self._create_header(info, USTAR_FORMAT, encoding, errors)

    def create_gnu_header(self, info, encoding, errors):
        info["magic"] = GNU_MAGIC
        buf = b""
        if len(info["linkname"].encode(encoding, errors)) > LENGTH_LINK:
            buf += self._create_gnu_long_header(info["linkname"], GNUTYPE_LONGLINK, encoding, errors)
        if len(info["name"].encode(encoding, errors)) > LENGTH_NAME:
            buf += self._create_gnu_long_header(info["name"], GNUTYPE_LONGNAME, encoding, errors)
        return buf + self._create_header(info, GNU_FORMAT, encoding, errors)

    def create_pax_header(self, info, encoding):
        info["magic"] = POSIX_MAGIC
        pax = self.pax_headers.copy()
        for name, hname, length in (("name", "path", LENGTH_NAME), ("linkname", "linkpath", LENGTH_LINK),
                                    ("uname", "uname", 32), ("gname", "gname", 32)):
            if hname in pax:
                continue
            try:
                info[name].encode("ascii", "strict")
            except UnicodeEncodeError:
                pax[hname] = info[name]
                continue
            if len(info[name]) > length:
                pax[hname] = info[name]
        for name, digits in (("uid", 8), ("gid", 8), ("size", 12), ("mtime", 12)):
            val = info[name]
            is_float = isinstance(val, float)
            as_int = round(val) if is_float else val
            needs = False
            if not 0 <= as_int < 8 ** (digits - 1):
                info[name] = 0
                needs = True
            elif is_float:
                info[name] = as_int
                needs = True
            if needs and name not in pax:
                pax[name] = str(val)
        buf = self._create_pax_generic_header(pax, XHDTYPE, encoding) if pax else b""
        return buf + self._create_header(info, USTAR_FORMAT, "ascii", "replace")

    @classmethod
    def create_pax_global_header(cls, pax_headers):
        return cls._create_pax_generic_header(pax_headers, XGLTYPE, "utf-8")

    def _posix_split_name(self, name, encoding, errors):
        components = name.split("/")
        for i in range(1, len(components)):
            prefix = "/".join(components[:i])
            rest = "/".join(components[i:])
            if (len(prefix.encode(encoding, errors)) <= LENGTH_PREFIX
                    and len(rest.encode(encoding, errors)) <= LENGTH_NAME):
                return prefix, rest
        raise ValueError("name is too long")

    @staticmethod
    def _create_header(info, format, encoding, errors):
        if info.get("type") in (CHRTYPE, BLKTYPE):
            devmajor = itn(info.get("devmajor", 0), 8, format)
            devminor = itn(info.get("devminor", 0), 8, format)
        else:
            devmajor = devminor = stn("", 8, encoding, errors)
        filetype = info.get("type", REGTYPE)
        if filetype is None:
            raise ValueError("TarInfo.type must not be None")
        parts = [
            stn(info.get("name", ""), 100, encoding, errors),
            itn(info.get("mode", 0) & 0o7777, 8, format),
            itn(info.get("uid", 0), 8, format),
            itn(info.get("gid", 0), 8, format),
            itn(info.get("size", 0), 12, format),
            itn(info.get("mtime", 0), 12, format),
            b"        ",
            filetype,
            stn(info.get("linkname", ""), 100, encoding, errors),
            info.get("magic", POSIX_MAGIC),
            stn(info.get("uname", ""), 32, encoding, errors),
            stn(info.get("gname", ""), 32, encoding, errors),
            devmajor,
            devminor,
            stn(info.get("prefix", ""), 155, encoding, errors),
        ]
        buf = b"".join(parts)
        buf = buf[:BLOCKSIZE] + NUL * (BLOCKSIZE - len(buf))
        chksum = calc_chksums(buf)[0]
        return buf[:148] + bytes("%06o\0" % chksum, "ascii") + buf[155:]

    @staticmethod
    def _create_payload(payload):
        blocks, remainder = divmod(len(payload), BLOCKSIZE)
        if remainder > 0:
            payload += (BLOCKSIZE - remainder) * NUL
        return payload

    @classmethod
    def _create_gnu_long_header(cls, name, type, encoding, errors):
        name = name.encode(encoding, errors) + NUL
        info = {"name": "././@LongLink", "type": type, "size": len(name), "magic": GNU_MAGIC}
        return cls._create_header(info, USTAR_FORMAT, encoding, errors) + cls._create_payload(name)

    @classmethod
    def _create_pax_generic_header(cls, pax_headers, type, encoding):
        binary = False
        for keyword, value in pax_headers.items():
            try:
                value.encode("utf-8", "strict")
            except UnicodeEncodeError:
                binary = True
                break
        records = b""
        if binary:
            records += b"21 hdrcharset=BINARY\n"
        for keyword, value in pax_headers.items():
            keyword = keyword.encode("utf-8")
            value = value.encode(encoding, "surrogateescape") if binary else value.encode("utf-8")
            size = len(keyword) + len(value) + 3
            n = p = 0
            while True:
                n = size + len(str(p))
                if n == p:
                    break
                p = n
            records += bytes(str(p), "ascii") + b" " + keyword + b"=" + value + b"\n"
        info = {"name": "././@PaxHeader", "type": type, "size": len(records), "magic": POSIX_MAGIC}
        return cls._create_header(info, USTAR_FORMAT, "ascii", "replace") + cls._create_payload(records)

    @classmethod
    def frombuf(cls, buf, encoding, errors):
        if len(buf) == 0:
            raise EmptyHeaderError("empty header")
        if len(buf) != BLOCKSIZE:
            raise TruncatedHeaderError("truncated header")
        if buf.count(NUL) == BLOCKSIZE:
            raise EOFHeaderError("end of file header")
        chksum = nti(buf[148:156])
        if chksum not in calc_chksums(buf):
            raise InvalidHeaderError("bad checksum")
        obj = cls()
        obj.name = nts(buf[0:100], encoding, errors)
        obj.mode = nti(buf[100:108])
        obj.uid = nti(buf[108:116])
        obj.gid = nti(buf[116:124])
        obj.size = nti(buf[124:136])
        obj.mtime = nti(buf[136:148])
        obj.chksum = chksum
        obj.type = buf[156:157]
        obj.linkname = nts(buf[157:257], encoding, errors)
        obj.uname = nts(buf[265:297], encoding, errors)
        obj.gname = nts(buf[297:329], encoding, errors)
        obj.devmajor = nti(buf[329:337])
        obj.devminor = nti(buf[337:345])
        prefix = nts(buf[345:500], encoding, errors)
        if obj.type == AREGTYPE and obj.name.endswith("/"):
            obj.type = DIRTYPE
        if obj.isdir():
            obj.name = obj.name.rstrip("/")
        if prefix and obj.type not in GNU_TYPES and buf[257:265] != GNU_MAGIC:
            obj.name = prefix + "/" + obj.name
        return obj

    def _apply_pax_info(self, pax_headers, encoding, errors):
        for keyword, value in pax_headers.items():
            if keyword == "path":
                self.path = value
            elif keyword == "linkpath":
                self.linkpath = value
            elif keyword in PAX_FIELDS:
                if keyword in PAX_NUMBER_FIELDS:
                    try:
                        value = PAX_NUMBER_FIELDS[keyword](value)
                    except ValueError:
                        value = 0
                if keyword == "path":
                    value = value.rstrip("/")
                setattr(self, keyword, value)
        self.pax_headers = pax_headers.copy()

    def isreg(self):
        return self.type in REGULAR_TYPES

    def isfile(self):
        return self.isreg()

    def isdir(self):
        return self.type == DIRTYPE

    def issym(self):
        return self.type == SYMTYPE

    def islnk(self):
        return self.type == LNKTYPE

    def ischr(self):
        return self.type == CHRTYPE

    def isblk(self):
        return self.type == BLKTYPE

    def isfifo(self):
        return self.type == FIFOTYPE

    def issparse(self):
        return self.sparse is not None

    def isdev(self):
        return self.type in (CHRTYPE, BLKTYPE, FIFOTYPE)


def _parse_pax(data, encoding, errors):
    """The records of a pax extended header block: {keyword: value}."""
    headers = {}
    pos = 0
    charset = "utf-8"
    if b"hdrcharset=BINARY" in data:
        charset = encoding
    while pos < len(data) and data[pos] != 0:
        space = data.find(b" ", pos)
        if space == -1:
            raise InvalidHeaderError("invalid header")
        try:
            length = int(data[pos:space])
        except ValueError:
            raise InvalidHeaderError("invalid header")
        if length < 1 or pos + length > len(data):
            raise InvalidHeaderError("invalid header")
        record = data[space + 1:pos + length - 1]
        keyword, _, value = record.partition(b"=")
        keyword = keyword.decode("utf-8", errors)
        if keyword in PAX_NAME_FIELDS:
            value = value.decode(charset, errors)
        else:
            value = value.decode("utf-8", errors)
        headers[keyword] = value
        pos += length
    return headers


def _check_filter_name(name):
    if isinstance(name, str):
        found = _NAMED_FILTERS.get(name)
        if found is None:
            raise ValueError(f"filter {name!r} not found")
        return found
    return name


def fully_trusted_filter(member, dest_path):
    return member


def _safe_member(member, dest_path, for_data):
    new_attrs = {}
    name = member.name
    dest_path = os.path.realpath(dest_path)
    if name.startswith(("/", os.sep)):
        name = new_attrs["name"] = member.path.lstrip("/" + os.sep)
    if os.path.isabs(name):
        raise AbsolutePathError(member)
    target = os.path.realpath(os.path.join(dest_path, name))
    if os.path.commonpath([target, dest_path]) != dest_path:
        raise OutsideDestinationError(member, target)
    mode = member.mode
    if mode is not None:
        mode = mode & 0o755
        if for_data:
            if member.isreg() or member.islnk():
                if not mode & 0o100:
                    mode &= ~0o111
                mode |= 0o600
            elif member.isdir() or member.issym():
                mode = None
            else:
                raise SpecialFileError(member)
        if mode != member.mode:
            new_attrs["mode"] = mode
    if for_data:
        if member.uid is not None:
            new_attrs["uid"] = None
        if member.gid is not None:
            new_attrs["gid"] = None
        if member.uname is not None:
            new_attrs["uname"] = None
        if member.gname is not None:
            new_attrs["gname"] = None
        if member.islnk() or member.issym():
            if os.path.isabs(member.linkname):
                raise AbsoluteLinkError(member)
            if member.issym():
                target = os.path.join(dest_path, os.path.dirname(name), member.linkname)
            else:
                target = os.path.join(dest_path, member.linkname)
            target = os.path.realpath(target)
            if os.path.commonpath([target, dest_path]) != dest_path:
                raise LinkOutsideDestinationError(member, target)
    if new_attrs:
        return member.replace(**new_attrs, deep=False)
    return member


def tar_filter(member, dest_path):
    return _safe_member(member, dest_path, False)


def data_filter(member, dest_path):
    return _safe_member(member, dest_path, True)


_NAMED_FILTERS = {"fully_trusted": fully_trusted_filter, "tar": tar_filter, "data": data_filter}


class TarFile(object):
    """A tar archive opened for reading ('r'), writing ('w', 'x') or appending ('a')."""

    debug = 0
    dereference = False
    ignore_zeros = False
    errorlevel = 1
    format = DEFAULT_FORMAT
    encoding = ENCODING
    errors = None
    tarinfo = TarInfo
    fileobject = _MemberFile
    extraction_filter = None

    def __init__(self, name=None, mode="r", fileobj=None, format=None, tarinfo=None,
                 dereference=None, ignore_zeros=None, encoding=None, errors="surrogateescape",
                 pax_headers=None, debug=None, errorlevel=None, copybufsize=None):
        modes = {"r": "rb", "a": "r+b", "w": "wb", "x": "xb"}
        if mode not in modes:
            raise ValueError("mode must be 'r', 'a', 'w' or 'x'")
        self.mode = mode
        self._mode = modes[mode]
        if name is None and fileobj is not None and hasattr(fileobj, "name") and isinstance(
                fileobj.name, (str, bytes)):
            name = fileobj.name
        self.name = os.path.abspath(name) if name is not None else None
        self.fileobj = fileobj
        self._extfileobj = fileobj is not None
        if format is not None:
            self.format = format
        if tarinfo is not None:
            self.tarinfo = tarinfo
        if dereference is not None:
            self.dereference = dereference
        if ignore_zeros is not None:
            self.ignore_zeros = ignore_zeros
        if encoding is not None:
            self.encoding = encoding
        self.errors = errors
        self.pax_headers = dict(pax_headers) if pax_headers is not None and self.format == PAX_FORMAT else {}
        if debug is not None:
            self.debug = debug
        if errorlevel is not None:
            self.errorlevel = errorlevel
        self.closed = False
        self.members = []
        self._out = []
        self._compress = getattr(self, "_compress", None)
        self.offset = 0
        data = b""
        self._base = 0
        if mode in ("r", "a"):
            if fileobj is not None:
                if mode == "a" and hasattr(fileobj, "tell"):
                    self._base = fileobj.tell()
                data = fileobj.read()
            elif mode == "a" and not os.path.exists(name):
                data = b""
            else:
                with builtins_open(name, "rb") as f:
                    data = f.read()
            self._data = data
            self._read_members(data, mode == "a")
            if mode == "a":
                # New members overwrite the end-of-archive blocks.
                self._out.append(data[:self.offset])
        elif mode == "x" and fileobj is None and os.path.exists(name):
            raise FileExistsError(17, "File exists", name)
        if mode in ("w", "x") and self.pax_headers:
            self._out.append(self.tarinfo.create_pax_global_header(self.pax_headers.copy()))
        if mode in ("w", "x") and fileobj is None:
            with builtins_open(name, self._mode) as f:
                pass

    def _read_members(self, data, appending):
        pos = 0
        pending_pax = {}
        global_pax = {}
        long_name = long_link = None
        while True:
            block = data[pos:pos + BLOCKSIZE]
            try:
                info = self.tarinfo.frombuf(block, self.encoding, self.errors)
            except EOFHeaderError as e:
                if self.ignore_zeros:
                    pos += BLOCKSIZE
                    continue
                break
            except (EmptyHeaderError, TruncatedHeaderError, InvalidHeaderError) as e:
                if pos == 0 and not appending:
                    if isinstance(e, EmptyHeaderError):
                        raise ReadError("empty file")
                    raise ReadError(str(e))
                if isinstance(e, EmptyHeaderError):
                    break
                if pos == 0:
                    raise ReadError(str(e))
                if self.ignore_zeros:
                    pos += BLOCKSIZE
                    continue
                raise ReadError(str(e))
            header_at = pos
            pos += BLOCKSIZE
            size_blocks = -(-info.size // BLOCKSIZE) * BLOCKSIZE
            if info.type in (XHDTYPE, XGLTYPE, SOLARIS_XHDTYPE):
                headers = _parse_pax(data[pos:pos + info.size], self.encoding, self.errors)
                pos += size_blocks
                if info.type == XGLTYPE:
                    global_pax.update(headers)
                    self.pax_headers = dict(global_pax)
                else:
                    pending_pax.update(headers)
                continue
            if info.type in (GNUTYPE_LONGNAME, GNUTYPE_LONGLINK):
                text = nts(data[pos:pos + info.size], self.encoding, self.errors)
                pos += size_blocks
                if info.type == GNUTYPE_LONGNAME:
                    long_name = text
                else:
                    long_link = text
                continue
            info.offset = header_at
            info.offset_data = pos
            if long_name is not None:
                info.name = long_name.rstrip("/") if info.isdir() else long_name
                long_name = None
            if long_link is not None:
                info.linkname = long_link
                long_link = None
            merged = dict(global_pax)
            merged.update(pending_pax)
            if merged:
                info._apply_pax_info(merged, self.encoding, self.errors)
                if info.isdir():
                    info.name = info.name.rstrip("/")
            pending_pax = {}
            if info.isreg() or info.type not in SUPPORTED_TYPES:
                pos += size_blocks
            info._data = data[info.offset_data:info.offset_data + info.size] if info.isreg() else b""
            self.members.append(info)
        self.offset = pos

    # -- opening
    @classmethod
    def open(cls, name=None, mode="r", fileobj=None, bufsize=RECORDSIZE, **kwargs):
        if not name and not fileobj:
            raise ValueError("nothing to open")
        if mode in ("r", "r:*") or mode.startswith("r|"):
            comp = mode.split("|", 1)[1] if "|" in mode else "*"
            if comp not in ("*", "", "gz"):
                return cls._unsupported(comp)
            if fileobj is None:
                with builtins_open(name, "rb") as f:
                    data = f.read()
            else:
                data = fileobj.read()
            if comp == "":
                return cls._from_bytes(name, "r", data, None, fileobj, kwargs)
            if comp == "gz":
                return cls._from_bytes(name, "r", cls._gunzip(data), "gz", fileobj, kwargs)
            errors = []
            for method in ("gz", "bz2", "xz", "tar"):
                try:
                    if method == "gz":
                        return cls._from_bytes(name, "r", cls._gunzip(data), "gz", fileobj, kwargs)
                    if method == "bz2":
                        cls._other_magic(data, b"BZh", "bz2", "not a bzip2 file")
                    elif method == "xz":
                        cls._other_magic(data, b"\xfd7zXZ\x00", "lzma", "not an lzma file")
                    else:
                        return cls._from_bytes(name, "r", data, None, fileobj, kwargs)
                except (ReadError, CompressionError) as e:
                    errors.append(f"- method {method}: {e!r}")
            raise ReadError("file could not be opened successfully:\n" + "\n".join(errors))
        if ":" in mode or "|" in mode:
            filemode, comp = mode.split(":" if ":" in mode else "|", 1)
            filemode = filemode or "r"
            comp = comp or "tar"
            if filemode not in ("r", "w", "x", "a"):
                raise ValueError("mode must be 'r', 'w' or 'x'" if ":" in mode else "mode must be 'r' or 'w'")
            if comp == "tar":
                return cls.taropen(name, filemode, fileobj, **kwargs)
            if comp == "gz":
                return cls.gzopen(name, filemode, fileobj, **kwargs)
            if comp in ("bz2", "xz"):
                return cls._unsupported(comp)
            raise CompressionError("unknown compression type %r" % comp)
        if mode in ("a", "w", "x"):
            return cls.taropen(name, mode, fileobj, **kwargs)
        raise ValueError("undiscernible mode")

    @staticmethod
    def _unsupported(comp):
        raise CompressionError("%s module is not available" % ("bz2" if comp == "bz2" else "lzma"))

    @staticmethod
    def _other_magic(data, magic, module, text):
        if data.startswith(magic):
            raise CompressionError(module + " module is not available")
        raise ReadError(text)

    @staticmethod
    def _gunzip(data):
        import gzip
        if not data:
            raise ReadError("empty file")
        if not data.startswith(b"\x1f\x8b"):
            raise ReadError("not a gzip file")
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, Exception) as e:
            raise ReadError("not a gzip file") from e

    @classmethod
    def _from_bytes(cls, name, mode, data, comp, fileobj, kwargs):
        t = cls(name, mode, io.BytesIO(data), **kwargs)
        if fileobj is None:
            t.name = os.path.abspath(name) if name is not None else None
            t._extfileobj = False
        else:
            t._extfileobj = True
        t.fileobj = fileobj
        t._compress = comp
        return t

    @classmethod
    def taropen(cls, name, mode="r", fileobj=None, **kwargs):
        if mode not in ("r", "a", "w", "x"):
            raise ValueError("mode must be 'r', 'a', 'w' or 'x'")
        return cls(name, mode, fileobj, **kwargs)

    @classmethod
    def gzopen(cls, name, mode="r", fileobj=None, compresslevel=9, **kwargs):
        if mode not in ("r", "w", "x"):
            raise ValueError("mode must be 'r', 'w' or 'x'")
        if mode == "r":
            data = fileobj.read() if fileobj is not None else builtins_open(name, "rb").read()
            return cls._from_bytes(name, "r", cls._gunzip(data), "gz", fileobj, kwargs)
        t = cls(name, mode, fileobj, **kwargs)
        t._compress = "gz"
        t._compresslevel = compresslevel
        return t

    OPEN_METH = {"tar": "taropen", "gz": "gzopen"}

    # -- reading
    def _check(self, mode=None):
        if self.closed:
            raise OSError("%s is closed" % self.__class__.__name__)
        if mode is not None and self.mode not in mode:
            raise OSError("bad operation for mode %r" % self.mode)

    def getmember(self, name):
        self._check()
        name = name.rstrip("/")
        for member in reversed(self.members):
            if member.name == name:
                return member
        raise KeyError("filename %r not found" % name)

    def getmembers(self):
        self._check()
        return list(self.members)

    def getnames(self):
        return [m.name for m in self.getmembers()]

    def __iter__(self):
        return iter(self.getmembers())

    def next(self):
        self._check("ra")
        i = getattr(self, "_next_index", 0)
        if i >= len(self.members):
            return None
        self._next_index = i + 1
        return self.members[i]

    def extractfile(self, member):
        self._check("r")
        if isinstance(member, str):
            member = self.getmember(member)
        if member.isreg() or member.type not in SUPPORTED_TYPES:
            return self.fileobject(getattr(member, "_data", b""), member.name)
        if member.islnk() or member.issym():
            return self.extractfile(self._find_link_target(member))
        return None

    def _find_link_target(self, tarinfo):
        if tarinfo.issym():
            linkname = "/".join(p for p in (os.path.dirname(tarinfo.name), tarinfo.linkname) if p)
        else:
            linkname = tarinfo.linkname
        wanted = os.path.normpath(linkname)
        for m in reversed(self.members):
            if m is tarinfo:
                continue
            if os.path.normpath(m.name) == wanted:
                return m
        raise KeyError("linkname %r not found" % linkname)

    def _filter(self, filter):
        if filter is None:
            filter = self.extraction_filter
            if filter is None:
                return fully_trusted_filter
            if isinstance(filter, str):
                raise TypeError("String names are not supported for TarFile.extraction_filter. "
                                + f"Use a function such as tarfile.{filter}_filter directly.")
            return filter
        return _check_filter_name(filter)

    def extractall(self, path=".", members=None, *, numeric_owner=False, filter=None):
        chosen = self._filter(filter)
        dirs = []
        for member in (members if members is not None else self):
            info = self._apply_filter(member, path, chosen)
            if info is None:
                continue
            if info.isdir():
                dirs.append(info)
            self._extract_one(info, path, set_attrs=not info.isdir())
        dirs.sort(key=lambda a: a.name, reverse=True)
        for info in dirs:
            target = os.path.join(path, info.name)
            try:
                os.utime(target, (info.mtime, info.mtime))
            except Exception:
                pass

    def extract(self, member, path="", set_attrs=True, *, numeric_owner=False, filter=None):
        chosen = self._filter(filter)
        if isinstance(member, str):
            member = self.getmember(member)
        info = self._apply_filter(member, path, chosen)
        if info is not None:
            self._extract_one(info, path, set_attrs)

    def _apply_filter(self, member, path, chosen):
        if isinstance(member, str):
            member = self.getmember(member)
        try:
            return chosen(member, path)
        except (OSError, FilterError) as e:
            if self.errorlevel > 1 or isinstance(e, FilterError):
                raise
        return None

    def _extract_one(self, info, path, set_attrs):
        self._check("r")
        target = os.path.join(path, info.name)
        parent = os.path.dirname(target)
        if parent and not os.path.exists(parent):
            os.makedirs(parent)
        if info.isdir():
            if not os.path.isdir(target):
                os.mkdir(target)
        elif info.islnk() or info.issym():
            source = self._find_link_target(info)
            with builtins_open(target, "wb") as f:
                f.write(getattr(source, "_data", b""))
        elif info.isreg() or info.type not in SUPPORTED_TYPES:
            with builtins_open(target, "wb") as f:
                f.write(getattr(info, "_data", b""))
        else:
            raise ExtractError("special file %r cannot be extracted in the sandbox" % info.name)
        if set_attrs and info.mtime is not None:
            try:
                os.utime(target, (info.mtime, info.mtime))
            except Exception:
                pass

    # -- writing
    def addfile(self, tarinfo, fileobj=None):
        self._check("awx")
        tarinfo = copy.copy(tarinfo)
        buf = tarinfo.tobuf(self.format, self.encoding, self.errors)
        self._out.append(buf)
        data = b""
        if fileobj is not None:
            data = fileobj.read(tarinfo.size)
            if len(data) < tarinfo.size:
                raise OSError("unexpected end of data")
            self._out.append(data)
            remainder = tarinfo.size % BLOCKSIZE
            if remainder:
                self._out.append(NUL * (BLOCKSIZE - remainder))
        tarinfo._data = data
        self.members.append(tarinfo)

    def gettarinfo(self, name=None, arcname=None, fileobj=None):
        self._check("awx")
        if fileobj is not None:
            name = fileobj.name
        if arcname is None:
            arcname = name
        drv, arcname = os.path.splitdrive(arcname)
        arcname = arcname.replace(os.sep, "/").lstrip("/")
        st = os.lstat(name) if not self.dereference else os.stat(name)
        info = self.tarinfo()
        mode = st.st_mode
        if stat.S_ISREG(mode):
            info.type = REGTYPE
            info.size = st.st_size
        elif stat.S_ISDIR(mode):
            info.type = DIRTYPE
        elif stat.S_ISLNK(mode):
            info.type = SYMTYPE
            info.linkname = os.readlink(name)
        else:
            return None
        info.name = arcname
        info.mode = mode
        info.uid = st.st_uid
        info.gid = st.st_gid
        info.mtime = st.st_mtime
        return info

    def add(self, name, arcname=None, recursive=True, *, filter=None):
        self._check("awx")
        if arcname is None:
            arcname = name
        if self.name is not None and os.path.abspath(name) == self.name:
            return
        info = self.gettarinfo(name, arcname)
        if info is None:
            return
        if filter is not None:
            info = filter(info)
            if info is None:
                return
        if info.isreg():
            with builtins_open(name, "rb") as f:
                self.addfile(info, f)
        elif info.isdir():
            self.addfile(info)
            if recursive:
                for f in sorted(os.listdir(name)):
                    self.add(os.path.join(name, f), os.path.join(arcname, f), recursive,
                             filter=filter)
        else:
            self.addfile(info)

    def list(self, verbose=True, *, members=None):
        self._check()
        for info in (members if members is not None else self):
            if verbose:
                if info.mode is None:
                    print("??????????", end=' ')
                else:
                    print(stat.filemode(info.mode), end=' ')
                print("%s/%s" % (info.uname or info.uid, info.gname or info.gid), end=' ')
                if info.ischr() or info.isblk():
                    print("%10s" % ("%d,%d" % (info.devmajor, info.devminor)), end=' ')
                else:
                    print("%10d" % info.size, end=' ')
                if info.mtime is None:
                    print("????-??-?? ??:??:??", end=' ')
                else:
                    print("%d-%02d-%02d %02d:%02d:%02d" % time.localtime(info.mtime)[:6], end=' ')
            print(info.name + ("/" if info.isdir() else ""), end=' ')
            if verbose:
                if info.issym():
                    print("->", info.linkname, end=' ')
                if info.islnk():
                    print("link to", info.linkname, end=' ')
            print()

    def close(self):
        if self.closed:
            return
        self.closed = True
        if self.mode in ("a", "w", "x"):
            data = b"".join(self._out) + NUL * (BLOCKSIZE * 2)
            blocks, remainder = divmod(len(data), RECORDSIZE)
            if remainder > 0:
                data += NUL * (RECORDSIZE - remainder)
            if self._compress == "gz":
                import gzip
                data = gzip.compress(data, getattr(self, "_compresslevel", 9))
            if self.fileobj is not None:
                if self.mode == "a":
                    self.fileobj.seek(self._base)
                self.fileobj.write(data)
            else:
                with builtins_open(self.name, "wb") as f:
                    f.write(data)

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, type, value, traceback):
        if type is None:
            self.close()
        else:
            self.closed = True


builtins_open = open


def is_tarfile(name):
    """Whether name (a path or a file object) holds a tar archive this module can read."""
    try:
        if hasattr(name, "read"):
            pos = name.tell()
            t = TarFile.open(fileobj=name)
            name.seek(pos)
        else:
            t = TarFile.open(name)
        t.close()
        return True
    except TarError:
        return False


open = TarFile.open

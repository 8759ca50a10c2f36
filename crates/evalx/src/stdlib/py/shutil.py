# evalx's shutil: high-level file operations written for evalx over its `os` and `open()`, so every path goes
# through the host's file policy (a path no mount grants raises open()'s PermissionError). The sandbox's
# files carry no owners or mode bits, so `chown` is absent and copymode/copystat change nothing; `disk_usage` reports nothing the host did not grant and is
# absent too; archives are the zip format (through evalx's zipfile).
import os
import sys
import fnmatch
import collections

__all__ = ["copyfileobj", "copyfile", "copymode", "copystat", "copy", "copy2", "copytree", "move", "rmtree",
           "Error", "SpecialFileError", "ExecError", "make_archive", "get_archive_formats",
           "register_archive_format", "unregister_archive_format", "get_unpack_formats",
           "register_unpack_format", "unregister_unpack_format", "unpack_archive", "ignore_patterns",
           "chown", "which", "get_terminal_size", "SameFileError", "disk_usage"]
__all__.remove("chown")
__all__.remove("disk_usage")

COPY_BUFSIZE = 64 * 1024


class Error(OSError):
    pass


class SameFileError(Error):
    """copyfile() was asked to copy a file onto itself."""


class SpecialFileError(OSError):
    """The operation cannot work on this kind of file (a pipe, a device)."""


class ExecError(OSError):
    """A command could not run (evalx runs no processes)."""


class ReadError(OSError):
    """The archive is not one of the registered formats, or is damaged."""


class RegistryError(Exception):
    """A format clashes with one already registered."""


def copyfileobj(fsrc, fdst, length=0):
    """Copies everything fsrc.read() yields into fdst.write(), `length` at a time."""
    if not length:
        length = COPY_BUFSIZE
    fsrc_read = fsrc.read
    fdst_write = fdst.write
    while True:
        buf = fsrc_read(length)
        if not buf:
            break
        fdst_write(buf)


def _samefile(src, dst):
    try:
        return os.path.samefile(src, dst)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(src)) == os.path.normcase(os.path.abspath(dst))


def _fspath(p):
    return os.fspath(p)


def copyfile(src, dst, *, follow_symlinks=True):
    """Copies the bytes of file src into file dst (created or truncated); returns dst."""
    if _samefile(src, dst):
        raise SameFileError("{!r} and {!r} are the same file".format(src, dst))
    with open(src, "rb") as fsrc:
        with open(dst, "wb") as fdst:
            copyfileobj(fsrc, fdst)
    return dst


def copymode(src, dst, *, follow_symlinks=True):
    """Copy mode bits from src to dst. The sandbox's files keep no mode bits of their own (evalx's `os`
    has no chmod), so this checks that both paths exist and are granted, and changes nothing."""
    os.stat(src)
    os.stat(dst)


def copystat(src, dst, *, follow_symlinks=True):
    """Copy file metadata. The sandbox's files keep no permission bits or settable times (evalx's `os`
    has no chmod or utime), so this checks that both paths exist and are granted, and changes nothing."""
    os.stat(src)
    os.stat(dst)


def copy(src, dst, *, follow_symlinks=True):
    """Copies file src to dst (a file path, or a folder to copy into); returns the path written."""
    if os.path.isdir(dst):
        dst = os.path.join(dst, os.path.basename(src))
    copyfile(src, dst, follow_symlinks=follow_symlinks)
    copymode(src, dst, follow_symlinks=follow_symlinks)
    return dst


def copy2(src, dst, *, follow_symlinks=True):
    """Like copy(), keeping metadata where the sandbox has any; returns the path written."""
    if os.path.isdir(dst):
        dst = os.path.join(dst, os.path.basename(src))
    copyfile(src, dst, follow_symlinks=follow_symlinks)
    copystat(src, dst, follow_symlinks=follow_symlinks)
    return dst


def ignore_patterns(*patterns):
    """An `ignore` callable for copytree() that leaves out names matching any of the glob patterns."""
    def _ignore_patterns(path, names):
        ignored_names = []
        for pattern in patterns:
            ignored_names.extend(fnmatch.filter(names, pattern))
        return set(ignored_names)
    return _ignore_patterns


def copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2,
             ignore_dangling_symlinks=False, dirs_exist_ok=False):
    """Copies folder src and everything below it to dst; returns dst. Failures are gathered into one Error."""
    entries = list(os.scandir(src))
    if ignore is not None:
        ignored_names = ignore(os.fspath(src), [x.name for x in entries])
    else:
        ignored_names = set()
    os.makedirs(dst, exist_ok=dirs_exist_ok)
    errors = []
    for srcentry in entries:
        if srcentry.name in ignored_names:
            continue
        srcname = os.path.join(src, srcentry.name)
        dstname = os.path.join(dst, srcentry.name)
        try:
            if srcentry.is_dir():
                copytree(srcname, dstname, symlinks, ignore, copy_function,
                         ignore_dangling_symlinks, dirs_exist_ok)
            else:
                copy_function(srcname, dstname)
        except Error as err:
            errors.extend(err.args[0])
        except OSError as why:
            errors.append((srcname, dstname, str(why)))
    try:
        copystat(src, dst)
    except OSError as why:
        errors.append((src, dst, str(why)))
    if errors:
        raise Error(errors)
    return dst


def _rmtree(path, onerror):
    try:
        entries = list(os.scandir(path))
    except OSError:
        onerror(os.scandir, path, sys.exc_info())
        entries = []
    for entry in entries:
        fullname = entry.path
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            _rmtree(fullname, onerror)
        else:
            try:
                os.unlink(fullname)
            except OSError:
                onerror(os.unlink, fullname, sys.exc_info())
    try:
        os.rmdir(path)
    except OSError:
        onerror(os.rmdir, path, sys.exc_info())


def rmtree(path, ignore_errors=False, onerror=None, *, dir_fd=None):
    """Deletes folder `path` and everything in it. A failure raises, or is passed to
    onerror(function, path, sys.exc_info()), or is skipped when ignore_errors is true."""
    if ignore_errors:
        def onerror(*args):
            pass
    elif onerror is None:
        def onerror(*args):
            raise
    try:
        os.lstat(path)
    except OSError:
        onerror(os.lstat, path, sys.exc_info())
        return
    try:
        if os.path.islink(path):
            raise OSError("Cannot call rmtree on a symbolic link")
    except OSError:
        onerror(os.path.islink, path, sys.exc_info())
        return
    _rmtree(path, onerror)


rmtree.avoids_symlink_attacks = False


def _basename(path):
    sep = os.path.sep + (os.path.altsep or "")
    return os.path.basename(path.rstrip(sep))


def _destinsrc(src, dst):
    src = os.path.abspath(src)
    dst = os.path.abspath(dst)
    if not src.endswith(os.path.sep):
        src += os.path.sep
    if not dst.endswith(os.path.sep):
        dst += os.path.sep
    return dst.startswith(src)


def move(src, dst, copy_function=copy2):
    """Moves a file or folder (a rename where possible, else copy then delete); returns where it went."""
    real_dst = dst
    if os.path.isdir(dst):
        if _samefile(src, dst):
            os.rename(src, dst)
            return
        real_dst = os.path.join(dst, _basename(os.fspath(src)))
        if os.path.exists(real_dst):
            raise Error("Destination path '%s' already exists" % real_dst)
    try:
        os.rename(src, real_dst)
    except OSError:
        if os.path.isdir(src):
            if _destinsrc(src, dst):
                raise Error("Cannot move a directory '%s' into itself '%s'." % (src, dst))
            copytree(src, real_dst, copy_function=copy_function, symlinks=True)
            rmtree(src)
        else:
            copy_function(src, real_dst)
            os.unlink(src)
    return real_dst


def which(cmd, mode=os.F_OK | os.X_OK, path=None):
    """The first file named `cmd` along `path` (default: $PATH) that `mode` allows, or None."""
    def _access_check(fn, mode):
        return os.path.exists(fn) and os.access(fn, mode) and not os.path.isdir(fn)

    if os.path.dirname(cmd):
        if _access_check(cmd, mode):
            return cmd
        return None
    if path is None:
        path = os.environ.get("PATH", None)
        if path is None:
            path = os.defpath
    if not path:
        return None
    seen = set()
    for dir in path.split(os.pathsep):
        normdir = os.path.normcase(dir)
        if normdir not in seen:
            seen.add(normdir)
            name = os.path.join(dir, cmd)
            try:
                if _access_check(name, mode):
                    return name
            except OSError:
                pass
    return None


class terminal_size(tuple):
    """A terminal's size: (columns, lines)."""

    def __new__(cls, size):
        size = tuple(size)
        if len(size) != 2:
            raise TypeError("os.terminal_size takes a 2-sequence (%d-sequence given)" % len(size))
        return tuple.__new__(cls, size)

    @property
    def columns(self):
        return self[0]

    @property
    def lines(self):
        return self[1]

    def __repr__(self):
        return "os.terminal_size(columns=%r, lines=%r)" % (self[0], self[1])


terminal_size.__module__ = "os"


def get_terminal_size(fallback=(80, 24)):
    """Get the size of the terminal window: the COLUMNS and LINES environment variables when they are set
    and positive, else `fallback` (a sandboxed program's output is never a terminal it can measure)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0:
        columns = fallback[0]
    if lines <= 0:
        lines = fallback[1]
    return terminal_size((columns, lines))


# Archives: the zip format, over evalx's zipfile.

def _make_zipfile(base_name, base_dir, verbose=0, dry_run=0, logger=None, owner=None, group=None,
                  root_dir=None):
    import zipfile
    zip_filename = base_name + ".zip"
    archive_dir = os.path.dirname(base_name)
    if archive_dir and not os.path.exists(archive_dir):
        if not dry_run:
            os.makedirs(archive_dir)
    if not dry_run:
        with zipfile.ZipFile(zip_filename, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            top = os.path.join(root_dir, base_dir) if root_dir else base_dir
            path = os.path.normpath(base_dir)
            if path != os.curdir:
                zf.write(top, path)
            for dirpath, dirnames, filenames in os.walk(top):
                rel = os.path.relpath(dirpath, root_dir) if root_dir else dirpath
                for name in sorted(dirnames):
                    zf.write(os.path.join(dirpath, name), os.path.normpath(os.path.join(rel, name)))
                for name in filenames:
                    full = os.path.join(dirpath, name)
                    if os.path.isfile(full):
                        zf.write(full, os.path.normpath(os.path.join(rel, name)))
    return zip_filename


_ARCHIVE_FORMATS = {"zip": (_make_zipfile, [], "ZIP file")}


def get_archive_formats():
    """The archive formats make_archive() can write: (name, description) pairs, sorted."""
    formats = [(name, registry[2]) for name, registry in _ARCHIVE_FORMATS.items()]
    formats.sort()
    return formats


def register_archive_format(name, function, extra_args=None, description=""):
    """Adds (or replaces) a format make_archive() can write."""
    if extra_args is None:
        extra_args = []
    if not callable(function):
        raise TypeError("The %s object is not callable" % function)
    if not isinstance(extra_args, (tuple, list)):
        raise TypeError("extra_args needs to be a sequence")
    for element in extra_args:
        if not isinstance(element, (tuple, list)) or len(element) != 2:
            raise TypeError("extra_args elements are : (arg_name, value)")
    _ARCHIVE_FORMATS[name] = (function, extra_args, description)


def unregister_archive_format(name):
    del _ARCHIVE_FORMATS[name]


def make_archive(base_name, format, root_dir=None, base_dir=None, verbose=0, dry_run=0, owner=None,
                 group=None, logger=None):
    """Writes an archive of root_dir/base_dir named base_name plus the format's extension; returns its name."""
    try:
        format_info = _ARCHIVE_FORMATS[format]
    except KeyError:
        raise ValueError("unknown archive format '%s'" % format) from None
    if base_dir is None:
        base_dir = os.curdir
    base_name = os.fspath(base_name)
    if root_dir is not None:
        base_name = os.path.abspath(base_name)
    func = format_info[0]
    kwargs = dict(format_info[1])
    kwargs["dry_run"] = dry_run
    kwargs["owner"] = owner
    kwargs["group"] = group
    if func is _make_zipfile:
        return func(base_name, base_dir, root_dir=root_dir, **kwargs)
    save_cwd = None
    if root_dir is not None:
        save_cwd = os.getcwd()
        os.chdir(root_dir)
    try:
        return func(base_name, base_dir, **kwargs)
    finally:
        if save_cwd is not None:
            os.chdir(save_cwd)


def _unpack_zipfile(filename, extract_dir):
    import zipfile
    if not zipfile.is_zipfile(filename):
        raise ReadError("%s is not a zip file" % filename)
    with zipfile.ZipFile(filename) as zf:
        for info in zf.infolist():
            name = info.filename
            if name.startswith("/") or ".." in name.split("/"):
                continue
            targetpath = os.path.join(extract_dir, *name.split("/"))
            if not targetpath:
                continue
            if name.endswith("/"):
                os.makedirs(targetpath, exist_ok=True)
                continue
            d = os.path.dirname(targetpath)
            if d:
                os.makedirs(d, exist_ok=True)
            with open(targetpath, "wb") as f:
                f.write(zf.read(info.filename))


_UNPACK_FORMATS = {"zip": ([".zip"], _unpack_zipfile, [], "ZIP file")}


def get_unpack_formats():
    """The formats unpack_archive() can read: (name, extensions, description), sorted."""
    formats = [(name, info[0], info[3]) for name, info in _UNPACK_FORMATS.items()]
    formats.sort()
    return formats


def register_unpack_format(name, extensions, function, extra_args=None, description=""):
    """Adds a format unpack_archive() can read."""
    if extra_args is None:
        extra_args = []
    existing = {}
    for n, info in _UNPACK_FORMATS.items():
        for ext in info[0]:
            existing[ext] = n
    for extension in extensions:
        if extension in existing:
            msg = '%s is already registered for "%s"'
            raise RegistryError(msg % (extension, existing[extension]))
    if not callable(function):
        raise TypeError("The registered function must be a callable")
    _UNPACK_FORMATS[name] = (extensions, function, extra_args, description)


def unregister_unpack_format(name):
    """Forgets an unpack format."""
    del _UNPACK_FORMATS[name]


def unpack_archive(filename, extract_dir=None, format=None):
    """Extracts an archive into extract_dir (default: the working folder), its format from `format` or the name."""
    if extract_dir is None:
        extract_dir = os.getcwd()
    extract_dir = os.fspath(extract_dir)
    filename = os.fspath(filename)
    if format is not None:
        try:
            format_info = _UNPACK_FORMATS[format]
        except KeyError:
            raise ValueError("Unknown unpack format '{0}'".format(format)) from None
        func = format_info[1]
        func(filename, extract_dir, **dict(format_info[2]))
    else:
        format = None
        for name, info in _UNPACK_FORMATS.items():
            for extension in info[0]:
                if filename.endswith(extension):
                    format = name
        if format is None:
            raise ReadError("Unknown archive format '{0}'".format(filename))
        func = _UNPACK_FORMATS[format][1]
        kwargs = dict(_UNPACK_FORMATS[format][2])
        func(filename, extract_dir, **kwargs)

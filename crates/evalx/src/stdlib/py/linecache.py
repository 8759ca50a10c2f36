# evalx's linecache: random access to the lines of text files, cached. Files are read through open(), so
# only what the host's file policy grants can be seen; anything else reads as no lines (like a missing
# file), never as an error.
import os
import sys

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

# filename -> (size, mtime, lines, fullname); a lazily loadable entry is a 1-tuple of a loader.
cache = {}


def clearcache():
    """Clear the cache entirely."""
    cache.clear()


def getline(filename, lineno, module_globals=None):
    """Get a line for a Python source file from the cache. Update the cache if it doesn't contain an
    entry for this file already."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ""


def getlines(filename, module_globals=None):
    """Get the lines for a Python source file from the cache. Update the cache if it doesn't contain an
    entry for this file already."""
    if filename in cache:
        entry = cache[filename]
        if len(entry) != 1:
            return cache[filename][2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []


def checkcache(filename=None):
    """Discard cache entries that are out of date. (This is not checked upon each call!)"""
    if filename is None:
        filenames = list(cache.keys())
    elif filename in cache:
        filenames = [filename]
    else:
        return
    for filename in filenames:
        entry = cache[filename]
        if len(entry) == 1:
            continue
        size, mtime, lines, fullname = entry
        if mtime is None:
            continue
        try:
            stat = os.stat(fullname)
        except OSError:
            cache.pop(filename, None)
            continue
        if size != stat.st_size or mtime != stat.st_mtime:
            cache.pop(filename, None)


def _loader_source(filename, module_globals):
    if filename in cache and len(cache[filename]) == 1:
        try:
            return cache[filename][0]()
        except (ImportError, OSError):
            return None
    if module_globals and "__loader__" in module_globals:
        loader = module_globals.get("__loader__")
        get_source = getattr(loader, "get_source", None)
        name = module_globals.get("__name__")
        if name and get_source:
            try:
                return get_source(name)
            except (ImportError, OSError):
                return None
    return None


def updatecache(filename, module_globals=None):
    """Update a cache entry and return its list of lines. If something's wrong, print a message, discard
    the cache entry, and return an empty list."""
    if filename in cache:
        if len(cache[filename]) != 1:
            cache.pop(filename, None)
    if not filename or (filename.startswith("<") and filename.endswith(">")):
        return []
    fullname = filename
    try:
        stat = os.stat(fullname)
    except OSError:
        basename = filename
        data = _loader_source(filename, module_globals)
        if data is not None:
            lines = data.splitlines(True)
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            cache[filename] = (len(data), None, lines, fullname)
            return cache[filename][2]
        if os.path.isabs(filename):
            return []
        for dirname in sys.path:
            try:
                fullname = os.path.join(dirname, basename)
            except (TypeError, AttributeError):
                continue
            try:
                stat = os.stat(fullname)
                break
            except OSError:
                pass
        else:
            return []
    try:
        with open(fullname, "r", encoding="utf-8") as fp:
            lines = fp.readlines()
    except (OSError, UnicodeDecodeError, SyntaxError):
        return []
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    cache[filename] = (stat.st_size, stat.st_mtime, lines, fullname)
    return lines


def lazycache(filename, module_globals):
    """Seed the cache for filename with module_globals (whose __loader__ can give the source later).
    Return True if a lazy load is registered in the cache, otherwise False."""
    if filename in cache:
        if len(cache[filename]) == 1:
            return True
        return False
    if not filename or (filename.startswith("<") and filename.endswith(">")):
        return False
    if module_globals and "__name__" in module_globals:
        name = module_globals["__name__"]
        loader = module_globals.get("__loader__")
        get_source = getattr(loader, "get_source", None)
        if name and get_source:
            def get_lines(name=name, *args, **kwargs):
                return get_source(name, *args, **kwargs)
            cache[filename] = (get_lines,)
            return True
    return False

from datetime import tzinfo as _tzinfo, datetime as _datetime, timedelta as _timedelta

__all__ = ["ZoneInfo", "reset_tzpath", "available_timezones", "TZPATH", "ZoneInfoNotFoundError", "InvalidTZPathWarning"]

TZPATH = ()


class ZoneInfoNotFoundError(KeyError):
    pass


class InvalidTZPathWarning(RuntimeWarning):
    pass


ZoneInfoNotFoundError.__module__ = "zoneinfo"
InvalidTZPathWarning.__module__ = "zoneinfo"

_EPOCH = _datetime(1970, 1, 1)


def _wall_seconds(dt):
    d = dt.replace(tzinfo=None, fold=0) - _EPOCH
    return d.days * 86400 + d.seconds


def _validate(key):
    if not isinstance(key, str):
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(key).__name__)
    if key.startswith("/"):
        raise ValueError("ZoneInfo keys may not be absolute paths, got: " + key)
    if ".." in key.split("/") or key.endswith("/") or not key:
        raise ValueError("ZoneInfo keys must be normalized relative paths, got: " + key)
    try:
        _check(key)
    except KeyError:
        raise ZoneInfoNotFoundError("No time zone found with key " + key) from None


class ZoneInfo(_tzinfo):
    _cache = {}

    def __new__(cls, key):
        found = cls._cache.get(key) if isinstance(key, str) else None
        if found is not None:
            return found
        _validate(key)
        self = object.__new__(cls)
        self._key = key
        cls._cache[key] = self
        return self

    @classmethod
    def no_cache(cls, key):
        _validate(key)
        self = object.__new__(cls)
        self._key = key
        return self

    @classmethod
    def from_file(cls, fobj, /, key=None):
        raise ValueError("evalx's zoneinfo reads only its bundled database, not TZif files")

    @classmethod
    def clear_cache(cls, *, only_keys=None):
        if only_keys is None:
            cls._cache.clear()
        else:
            for k in only_keys:
                cls._cache.pop(k, None)

    @property
    def key(self):
        return self._key

    def _info(self, dt):
        return _local(self._key, _wall_seconds(dt), dt.fold)

    def utcoffset(self, dt):
        if dt is None:
            return None
        return _timedelta(seconds=self._info(dt)[0])

    def dst(self, dt):
        if dt is None:
            return None
        return _timedelta(seconds=self._info(dt)[1])

    def tzname(self, dt):
        if dt is None:
            return None
        return self._info(dt)[2]

    def fromutc(self, dt):
        if not isinstance(dt, _datetime):
            raise TypeError("fromutc() requires a datetime argument")
        if dt.tzinfo is not self:
            raise ValueError("dt.tzinfo is not self")
        off = _utc(self._key, _wall_seconds(dt))[0]
        out = dt + _timedelta(seconds=off)
        # The second of two wall times that read the same: fold=1.
        if _local(self._key, _wall_seconds(out), 0)[0] != off:
            out = out.replace(fold=1)
        return out

    def __str__(self):
        return self._key

    def __repr__(self):
        return type(self).__module__ + "." + type(self).__qualname__ + "(key=" + repr(self._key) + ")"

    def __reduce__(self):
        return (type(self)._unpickle, (self._key, 1))

    @classmethod
    def _unpickle(cls, key, from_cache, /):
        return cls(key) if from_cache else cls.no_cache(key)


ZoneInfo.__module__ = "zoneinfo"


def available_timezones():
    return set(_available())


def reset_tzpath(to=None):
    pass

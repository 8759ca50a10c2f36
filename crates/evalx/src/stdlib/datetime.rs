//! `datetime`: `timedelta`, `date`, `time`, `datetime`, `tzinfo`, `timezone` (and `MINYEAR`/`MAXYEAR`)
//! with CPython 3.11's arithmetic, comparisons, hashing, `repr`/`str`, `isoformat`/`fromisoformat` (3.11's
//! wider ISO 8601 forms), `strftime`/`strptime` (the common directives, C-locale names), and timestamps.
//!
//! Written in evalx: dates are proleptic-Gregorian ordinals (day 1 = 0001-01-01), times whole
//! microseconds. `now()`/`today()` read `time.time()`, the clock the host controls, and treat local time
//! as UTC (a sandboxed program sees no host time zone).

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import time as _time

MINYEAR = 1
MAXYEAR = 9999

_DIM = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DBM = [0, 0]
for _m in range(2, 13):
    _DBM.append(_DBM[-1] + _DIM[_m - 1])
del _m
_MAXORDINAL = 3652059
_US_DAY = 86400000000
_EPOCH_ORD = 719163

_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
_MONTHNAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
               'October', 'November', 'December']
_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
_DAYNAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

def _leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

def _days_before_year(y):
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400

def _dim(y, m):
    if m == 2 and _leap(y):
        return 29
    return _DIM[m]

def _ymd2ord(y, m, d):
    return _days_before_year(y) + _DBM[m] + (1 if m > 2 and _leap(y) else 0) + d

def _ord2ymd(n):
    y = (n - 1) * 400 // 146097 + 1
    while _days_before_year(y + 1) < n:
        y += 1
    while _days_before_year(y) >= n:
        y -= 1
    n -= _days_before_year(y)
    m = 1
    while n > _dim(y, m):
        n -= _dim(y, m)
        m += 1
    return y, m, n

def _int(name, v):
    if isinstance(v, bool) or not isinstance(v, int):
        if hasattr(v, '__index__') and not isinstance(v, float):
            return v.__index__()
        raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")
    return v

def _check_date(y, m, d):
    y = _int('year', y)
    m = _int('month', m)
    d = _int('day', d)
    if not MINYEAR <= y <= MAXYEAR:
        raise ValueError('year ' + str(y) + ' is out of range')
    if not 1 <= m <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= d <= _dim(y, m):
        raise ValueError('day is out of range for month')
    return y, m, d

def _check_time(h, mi, s, us, fold):
    h = _int('hour', h)
    mi = _int('minute', mi)
    s = _int('second', s)
    us = _int('microsecond', us)
    if not 0 <= h <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= mi <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= s <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= us <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold not in (0, 1):
        raise ValueError('fold must be either 0 or 1')
    return h, mi, s, us

def _check_tz(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '" + type(tz).__name__ + "'")

def _div_round(a, b):
    # a / b rounded to the nearest int, ties to even (b > 0 or b < 0).
    q, r = divmod(a, b)
    r2 = 2 * r
    if b > 0:
        up = r2 > b or (r2 == b and q % 2 == 1)
    else:
        up = r2 < b or (r2 == b and q % 2 == 1)
    return q + 1 if up else q

def _name(o):
    return 'datetime.' + type(o).__qualname__

# ------------------------------------------------------------------------------------ timedelta

class timedelta:
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        exact = 0
        frac = 0.0
        for name, v, unit in (('days', days, _US_DAY), ('seconds', seconds, 1000000),
                              ('microseconds', microseconds, 1), ('milliseconds', milliseconds, 1000),
                              ('minutes', minutes, 60000000), ('hours', hours, 3600000000),
                              ('weeks', weeks, 7 * _US_DAY)):
            if isinstance(v, int):
                exact += v * unit
            elif isinstance(v, float):
                whole = int(v)
                exact += whole * unit
                frac += (v - whole) * unit
            else:
                raise TypeError('unsupported type for timedelta ' + name + ' component: ' + type(v).__name__)
        # The fractional parts round once, half to even, on the whole count.
        whole = int(frac // 1)
        rest = frac - whole
        us = exact + whole
        if rest > 0.5 or (rest == 0.5 and us % 2 == 1):
            us += 1
        d = us // _US_DAY
        if abs(d) > 999999999:
            raise OverflowError('days=' + str(d) + '; must have magnitude <= 999999999')
        self._us = us

    @property
    def days(self):
        return self._us // _US_DAY

    @property
    def seconds(self):
        return self._us % _US_DAY // 1000000

    @property
    def microseconds(self):
        return self._us % 1000000

    def total_seconds(self):
        return self._us / 10**6

    def __repr__(self):
        parts = []
        if self.days:
            parts.append('days=' + str(self.days))
        if self.seconds:
            parts.append('seconds=' + str(self.seconds))
        if self.microseconds:
            parts.append('microseconds=' + str(self.microseconds))
        if not parts:
            parts.append('0')
        return _name(self) + '(' + ', '.join(parts) + ')'

    def __str__(self):
        mm, ss = divmod(self.seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self.days:
            s = '%d day%s, ' % (self.days, '' if abs(self.days) == 1 else 's') + s
        if self.microseconds:
            s = s + '.%06d' % self.microseconds
        return s

    def __format__(self, spec):
        if not isinstance(spec, str):
            raise TypeError('must be str, not ' + type(spec).__name__)
        return format(str(self), spec)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _td(self._us + other._us)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _td(self._us - other._us)
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return _td(other._us - self._us)
        return NotImplemented

    def __neg__(self):
        return _td(-self._us)

    def __pos__(self):
        return self

    def __abs__(self):
        return _td(abs(self._us))

    def __mul__(self, other):
        if isinstance(other, int):
            return _td(self._us * other)
        if isinstance(other, float):
            a, b = other.as_integer_ratio()
            return _td(_div_round(self._us * a, b))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us / other._us
        if isinstance(other, int):
            return _td(_div_round(self._us, other))
        if isinstance(other, float):
            a, b = other.as_integer_ratio()
            return _td(_div_round(b * self._us, a))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us // other._us
        if isinstance(other, int):
            return _td(self._us // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return _td(self._us % other._us)
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._us, other._us)
            return q, _td(r)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._us == other._us
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timedelta):
            return self._us != other._us
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._us < other._us
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._us <= other._us
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._us > other._us
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._us >= other._us
        return NotImplemented

    def __hash__(self):
        return hash(('timedelta', self._us))

    def __bool__(self):
        return self._us != 0

    def __reduce__(self):
        return (type(self), (self.days, self.seconds, self.microseconds))

def _td(us):
    t = timedelta()
    d = us // _US_DAY
    if abs(d) > 999999999:
        raise OverflowError('days=' + str(d) + '; must have magnitude <= 999999999')
    t._us = us
    return t

timedelta.min = _td(-999999999 * _US_DAY)
timedelta.max = _td(1000000000 * _US_DAY - 1)
timedelta.resolution = _td(1)

# ----------------------------------------------------------------------------------- strftime

def _yday(y, m, d):
    return _ymd2ord(y, m, d) - _ymd2ord(y, 1, 1) + 1

def _fmt_offset(off, sep):
    if off is None:
        return ''
    us = off._us
    sign = '+'
    if us < 0:
        sign = '-'
        us = -us
    hh, rest = divmod(us, 3600000000)
    mm, rest = divmod(rest, 60000000)
    ss, frac = divmod(rest, 1000000)
    s = sign + '%02d%s%02d' % (hh, sep, mm)
    if ss or frac:
        s += sep + '%02d' % ss
        if frac:
            s += '.%06d' % frac
    return s

def _strftime(fmt, y, mo, d, h, mi, s, us, obj, kind):
    if not isinstance(fmt, str):
        raise TypeError("strftime() argument 1 must be str, not " + type(fmt).__name__)
    out = []
    i = 0
    n = len(fmt)
    wd = (_ymd2ord(y, mo, d) + 6) % 7
    while i < n:
        c = fmt[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        k = fmt[i + 1]
        i += 2
        if k == 'a':
            out.append(_DAYS[wd])
        elif k == 'A':
            out.append(_DAYNAMES[wd])
        elif k == 'w':
            out.append(str((wd + 1) % 7))
        elif k == 'u':
            out.append(str(wd + 1))
        elif k == 'd':
            out.append('%02d' % d)
        elif k == 'e':
            out.append('%2d' % d)
        elif k == 'b' or k == 'h':
            out.append(_MONTHS[mo - 1])
        elif k == 'B':
            out.append(_MONTHNAMES[mo - 1])
        elif k == 'm':
            out.append('%02d' % mo)
        elif k == 'y':
            out.append('%02d' % (y % 100))
        elif k == 'Y':
            out.append(str(y))
        elif k == 'C':
            out.append('%02d' % (y // 100))
        elif k == 'H':
            out.append('%02d' % h)
        elif k == 'I':
            out.append('%02d' % (h % 12 or 12))
        elif k == 'p':
            out.append('AM' if h < 12 else 'PM')
        elif k == 'M':
            out.append('%02d' % mi)
        elif k == 'S':
            out.append('%02d' % s)
        elif k == 'f':
            out.append('%06d' % us)
        elif k == 'j':
            out.append('%03d' % _yday(y, mo, d))
        elif k == 'U':
            out.append('%02d' % ((_yday(y, mo, d) - 1 + 7 - (wd + 1) % 7) // 7))
        elif k == 'W':
            out.append('%02d' % ((_yday(y, mo, d) - 1 + 7 - wd) // 7))
        elif k == 'G' or k == 'V':
            iy, iw, _ = _isocal(y, mo, d)
            out.append(str(iy) if k == 'G' else '%02d' % iw)
        elif k == 'c':
            out.append('%s %s %2d %02d:%02d:%02d %d' % (_DAYS[wd], _MONTHS[mo - 1], d, h, mi, s, y))
        elif k == 'x':
            out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif k == 'X':
            out.append('%02d:%02d:%02d' % (h, mi, s))
        elif k == 'D':
            out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif k == 'F':
            out.append('%d-%02d-%02d' % (y, mo, d))
        elif k == 'T':
            out.append('%02d:%02d:%02d' % (h, mi, s))
        elif k == 'R':
            out.append('%02d:%02d' % (h, mi))
        elif k == 'n':
            out.append('\n')
        elif k == 't':
            out.append('\t')
        elif k == 'z':
            out.append(_fmt_offset(obj.utcoffset(), '') if kind != 'date' else '')
        elif k == 'Z':
            if kind != 'date':
                name = obj.tzname()
                out.append('' if name is None else name.replace('%', '%%'))
        elif k == '%':
            out.append('%')
        else:
            out.append('%' + k)
    return ''.join(out)

def _isocal(y, m, d):
    def week1_monday(year):
        first = _ymd2ord(year, 1, 1)
        wd = (first + 6) % 7
        monday = first - wd
        if wd > 3:
            monday += 7
        return monday
    today = _ymd2ord(y, m, d)
    year = y
    w1 = week1_monday(year)
    if today < w1:
        year -= 1
        w1 = week1_monday(year)
    else:
        nxt = week1_monday(year + 1)
        if today >= nxt:
            year += 1
            w1 = nxt
    week, day = divmod(today - w1, 7)
    return year, week + 1, day + 1

class IsoCalendarDate:
    def __init__(self, year, week, weekday):
        self.year = year
        self.week = week
        self.weekday = weekday
    def _t(self):
        return (self.year, self.week, self.weekday)
    def __getitem__(self, i):
        return self._t()[i]
    def __len__(self):
        return 3
    def __iter__(self):
        return iter(self._t())
    def __eq__(self, other):
        if isinstance(other, IsoCalendarDate):
            other = other._t()
        return self._t() == other
    def __hash__(self):
        return hash(self._t())
    def __repr__(self):
        return 'datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)' % self._t()

# ----------------------------------------------------------------------------------- ISO parsing

def _digits(s, i, n):
    part = s[i:i + n]
    if len(part) != n or not part.isdigit() or not part.isascii():
        raise ValueError
    return int(part)

def _parse_isodate(s):
    # -> (y, m, d); raises ValueError on any malformation.
    if len(s) == 10 and s[4] == '-' and s[7] == '-':
        return _digits(s, 0, 4), _digits(s, 5, 2), _digits(s, 8, 2)
    if len(s) == 8 and s.isdigit():
        return _digits(s, 0, 4), _digits(s, 4, 2), _digits(s, 6, 2)
    # ISO week dates: YYYY-Www[-D] or YYYYWww[D]
    if len(s) in (8, 10) and s[4] == '-' and s[5] == 'W':
        y = _digits(s, 0, 4)
        w = _digits(s, 6, 2)
        day = 1
        if len(s) == 10:
            if s[8] != '-':
                raise ValueError
            day = _digits(s, 9, 1)
        return _from_isoweek(y, w, day)
    if len(s) in (7, 8) and s[4] == 'W':
        y = _digits(s, 0, 4)
        w = _digits(s, 5, 2)
        day = _digits(s, 7, 1) if len(s) == 8 else 1
        return _from_isoweek(y, w, day)
    raise ValueError

def _from_isoweek(y, w, day):
    if not 0 < w < 53:
        last_week = 52
        first_wd = (_ymd2ord(y, 1, 1) + 6) % 7
        if first_wd == 3 or (first_wd == 2 and _leap(y)):
            last_week = 53
        if not (w == 53 and last_week == 53):
            raise ValueError
    if not 0 < day < 8:
        raise ValueError
    first = _ymd2ord(y, 1, 1)
    wd = (first + 6) % 7
    monday = first - wd + (7 if wd > 3 else 0)
    return _ord2ymd(monday + (w - 1) * 7 + day - 1)

def _parse_isotime(s):
    # -> (h, m, s, us, tz or None)
    tz = None
    for k, ch in enumerate(s):
        if ch in '+-Z':
            tz = _parse_isotz(s[k:])
            s = s[:k]
            break
    if not s:
        raise ValueError
    frac = 0
    for sepch in '.,':
        if sepch in s:
            s, f = s.split(sepch, 1)
            if not f or not f.isdigit() or len(f) > 9 or len(f) in (4, 5) and False:
                raise ValueError
            f = (f + '000000')[:6]
            frac = int(f)
            break
    if ':' in s:
        parts = s.split(':')
        if len(parts) > 3 or any(len(p) != 2 for p in parts):
            raise ValueError
        nums = [_digits(p, 0, 2) for p in parts]
    else:
        if len(s) not in (2, 4, 6):
            raise ValueError
        nums = [_digits(s, k, 2) for k in range(0, len(s), 2)]
    while len(nums) < 3:
        nums.append(0)
    return nums[0], nums[1], nums[2], frac, tz

def _parse_isotz(s):
    if s == 'Z':
        return timezone.utc
    sign = -1 if s[0] == '-' else 1
    h, m, sec, us, tz = _parse_isotime(s[1:])
    if tz is not None:
        raise ValueError
    off = timedelta(hours=h, minutes=m, seconds=sec, microseconds=us)
    if not off:
        return timezone.utc
    return timezone(off * sign)

def _fromtimestamp_fields(t, off=0):
    if isinstance(t, float):
        if t != t or t in (float('inf'), float('-inf')):
            raise ValueError('Invalid value ' + repr(t))
        us = round(t * 1000000)
    else:
        us = _int('timestamp', t) * 1000000
    # `off`: the host's local time, seconds east of UTC (time._utc_offset()).
    us += off * 1000000
    days, rest = divmod(us, _US_DAY)
    o = days + _EPOCH_ORD
    if not 1 <= o <= _MAXORDINAL:
        raise ValueError('year is out of range')
    y, m, d = _ord2ymd(o)
    h, rest = divmod(rest, 3600000000)
    mi, rest = divmod(rest, 60000000)
    s, rest = divmod(rest, 1000000)
    return y, m, d, h, mi, s, rest

# ----------------------------------------------------------------------------------------- date

class date:
    def __init__(self, year, month=None, day=None):
        if month is None or day is None:
            raise TypeError("function missing required argument '" + ('month' if month is None else 'day') + "' (pos " + ('2' if month is None else '3') + ")")
        self._y, self._m, self._d = _check_date(year, month, day)

    @property
    def year(self):
        return self._y

    @property
    def month(self):
        return self._m

    @property
    def day(self):
        return self._d

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d, *_ = _fromtimestamp_fields(t, _time._utc_offset())
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        n = _int('ordinal', n)
        if not 1 <= n <= _MAXORDINAL:
            raise ValueError('ordinal must be >= 1')
        return cls(*_ord2ymd(n))

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            return cls(*_parse_isodate(s))
        except ValueError:
            raise ValueError('Invalid isoformat string: ' + repr(s)) from None

    @classmethod
    def fromisocalendar(cls, year, week, day):
        try:
            return cls(*_from_isoweek(year, week, day))
        except ValueError:
            if not 0 < day < 8:
                raise ValueError('Invalid weekday: ' + str(day) + ' (range is [1, 7])') from None
            raise ValueError('Invalid week: ' + str(week)) from None

    def toordinal(self):
        return _ymd2ord(self._y, self._m, self._d)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.weekday() + 1

    def isocalendar(self):
        return IsoCalendarDate(*_isocal(self._y, self._m, self._d))

    def isoformat(self):
        return '%04d-%02d-%02d' % (self._y, self._m, self._d)

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        return '%s(%d, %d, %d)' % (_name(self), self._y, self._m, self._d)

    def ctime(self):
        return '%s %s %2d 00:00:00 %04d' % (_DAYS[self.weekday()], _MONTHS[self._m - 1], self._d, self._y)

    def strftime(self, fmt):
        return _strftime(fmt, self._y, self._m, self._d, 0, 0, 0, 0, self, 'date')

    def __format__(self, spec):
        if not isinstance(spec, str):
            raise TypeError('must be str, not ' + type(spec).__name__)
        if spec:
            return self.strftime(spec)
        return str(self)

    def timetuple(self):
        return (self._y, self._m, self._d, 0, 0, 0, self.weekday(), _yday(self._y, self._m, self._d), -1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._y if year is None else year, self._m if month is None else month,
                          self._d if day is None else day)

    def _cmpkey(self):
        return (self._y, self._m, self._d)

    def _cmp_ok(self, other):
        return isinstance(other, date) and not isinstance(other, datetime)

    def __eq__(self, other):
        if self._cmp_ok(other):
            return self._cmpkey() == other._cmpkey()
        return NotImplemented

    def __ne__(self, other):
        if self._cmp_ok(other):
            return self._cmpkey() != other._cmpkey()
        return NotImplemented

    def _order(self, other):
        if isinstance(other, datetime):
            raise TypeError("can't compare " + _name(other) + " to " + _name(self))
        return self._cmp_ok(other)

    def __lt__(self, other):
        if self._order(other):
            return self._cmpkey() < other._cmpkey()
        return NotImplemented

    def __le__(self, other):
        if self._order(other):
            return self._cmpkey() <= other._cmpkey()
        return NotImplemented

    def __gt__(self, other):
        if self._order(other):
            return self._cmpkey() > other._cmpkey()
        return NotImplemented

    def __ge__(self, other):
        if self._order(other):
            return self._cmpkey() >= other._cmpkey()
        return NotImplemented

    def __hash__(self):
        return hash(('date',) + self._cmpkey())

    def __add__(self, other):
        if isinstance(other, timedelta):
            o = self.toordinal() + other.days
            if not 1 <= o <= _MAXORDINAL:
                raise OverflowError('date value out of range')
            return type(self)(*_ord2ymd(o))
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented

    def __reduce__(self):
        return (type(self), (self._y, self._m, self._d))

date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)

# ----------------------------------------------------------------------------------- tzinfo

class tzinfo:
    def tzname(self, dt):
        raise NotImplementedError('tzinfo subclass must override tzname()')

    def utcoffset(self, dt):
        raise NotImplementedError('tzinfo subclass must override utcoffset()')

    def dst(self, dt):
        raise NotImplementedError('tzinfo subclass must override dst()')

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() requires a datetime argument')
        if dt.tzinfo is not self:
            raise ValueError('dt.tzinfo is not self')
        off = dt.utcoffset()
        if off is None:
            raise ValueError('fromutc() requires a non-None utcoffset() result')
        dst = dt.dst()
        if dst is None:
            raise ValueError('fromutc() requires a non-None dst() result')
        delta = off - dst
        if delta:
            dt += delta
            dst = dt.dst()
            if dst is None:
                raise ValueError('fromutc(): dt.dst gave inconsistent results; cannot convert')
        return dt + dst

def _check_offset(name, off):
    if off is None:
        return None
    if not isinstance(off, timedelta):
        raise TypeError('tzinfo.' + name + '() must return None or timedelta, not ' + "'" + type(off).__name__ + "'")
    if not -timedelta(1) < off < timedelta(1):
        raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ' + repr(off) + '.')
    return off

class timezone(tzinfo):
    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError("timezone() argument 1 must be datetime.timedelta, not " + type(offset).__name__)
        if name is not None and not isinstance(name, str):
            raise TypeError("timezone() argument 2 must be str, not " + type(name).__name__)
        if not -timedelta(1) < offset < timedelta(1):
            raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ' + repr(offset) + '.')
        self._offset = offset
        self._tzname = name

    def utcoffset(self, dt):
        if dt is None or isinstance(dt, datetime):
            return self._offset
        raise TypeError('utcoffset() argument must be a datetime instance or None')

    def dst(self, dt):
        if dt is None or isinstance(dt, datetime):
            return None
        raise TypeError('dst() argument must be a datetime instance or None')

    def tzname(self, dt):
        if dt is None or isinstance(dt, datetime):
            if self._tzname is not None:
                return self._tzname
            return self._default_name()
        raise TypeError('tzname() argument must be a datetime instance or None')

    def _default_name(self):
        if not self._offset:
            return 'UTC'
        return 'UTC' + _fmt_offset(self._offset, ':')

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() argument must be a datetime instance or None')
        if dt.tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        return dt + self._offset

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self._tzname is None and not self._offset:
            return 'datetime.timezone.utc'
        if self._tzname is None:
            return 'datetime.timezone(' + repr(self._offset) + ')'
        return 'datetime.timezone(' + repr(self._offset) + ', ' + repr(self._tzname) + ')'

    def __str__(self):
        return self.tzname(None)

    def __reduce__(self):
        if self._tzname is None:
            return (timezone, (self._offset,))
        return (timezone, (self._offset, self._tzname))

timezone.utc = timezone(timedelta(0))
timezone.min = timezone(timedelta(hours=-23, minutes=-59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = timezone.utc

# ----------------------------------------------------------------------------------------- time

class time:
    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        self._h, self._mi, self._s, self._us = _check_time(hour, minute, second, microsecond, fold)
        _check_tz(tzinfo)
        self._tz = tzinfo
        self._fold = fold

    hour = property(lambda self: self._h)
    minute = property(lambda self: self._mi)
    second = property(lambda self: self._s)
    microsecond = property(lambda self: self._us)
    tzinfo = property(lambda self: self._tz)
    fold = property(lambda self: self._fold)

    def utcoffset(self):
        if self._tz is None:
            return None
        return _check_offset('utcoffset', self._tz.utcoffset(None))

    def dst(self):
        if self._tz is None:
            return None
        return _check_offset('dst', self._tz.dst(None))

    def tzname(self):
        if self._tz is None:
            return None
        return self._tz.tzname(None)

    def isoformat(self, timespec='auto'):
        s = _fmt_time(self._h, self._mi, self._s, self._us, timespec)
        off = self.utcoffset()
        if off is not None:
            s += _fmt_offset(off, ':')
        return s

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        if self._us:
            s = '%d, %d, %d, %d' % (self._h, self._mi, self._s, self._us)
        elif self._s:
            s = '%d, %d, %d' % (self._h, self._mi, self._s)
        else:
            s = '%d, %d' % (self._h, self._mi)
        if self._tz is not None:
            s += ', tzinfo=' + repr(self._tz)
        if self._fold:
            s += ', fold=1'
        return _name(self) + '(' + s + ')'

    def strftime(self, fmt):
        return _strftime(fmt, 1900, 1, 1, self._h, self._mi, self._s, self._us, self, 'time')

    def __format__(self, spec):
        if not isinstance(spec, str):
            raise TypeError('must be str, not ' + type(spec).__name__)
        if spec:
            return self.strftime(spec)
        return str(self)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            t = s[1:] if s[:1] == 'T' else s
            h, m, sec, us, tz = _parse_isotime(t)
            return cls(h, m, sec, us, tz)
        except (ValueError, IndexError):
            raise ValueError('Invalid isoformat string: ' + repr(s)) from None

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._h if hour is None else hour, self._mi if minute is None else minute,
                          self._s if second is None else second,
                          self._us if microsecond is None else microsecond,
                          self._tz if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def _key(self, other):
        if not isinstance(other, time):
            return None
        mine = (self._h, self._mi, self._s, self._us)
        theirs = (other._h, other._mi, other._s, other._us)
        if self._tz is other._tz:
            return mine, theirs
        a = self.utcoffset()
        b = other.utcoffset()
        if a == b:
            return mine, theirs
        if (a is None) != (b is None):
            return 'mixed'
        def shift(t, off):
            return (t[0] * 3600 + t[1] * 60 + t[2]) * 1000000 + t[3] - off._us
        return shift(mine, a), shift(theirs, b)

    def __eq__(self, other):
        k = self._key(other)
        if k is None:
            return NotImplemented
        if k == 'mixed':
            return False
        return k[0] == k[1]

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def _ordered(self, other):
        k = self._key(other)
        if k == 'mixed':
            raise TypeError("can't compare offset-naive and offset-aware times")
        return k

    def __lt__(self, other):
        k = self._ordered(other)
        return NotImplemented if k is None else k[0] < k[1]

    def __le__(self, other):
        k = self._ordered(other)
        return NotImplemented if k is None else k[0] <= k[1]

    def __gt__(self, other):
        k = self._ordered(other)
        return NotImplemented if k is None else k[0] > k[1]

    def __ge__(self, other):
        k = self._ordered(other)
        return NotImplemented if k is None else k[0] >= k[1]

    def __hash__(self):
        off = self.utcoffset()
        us = (self._h * 3600 + self._mi * 60 + self._s) * 1000000 + self._us
        if off is not None:
            us -= off._us
        return hash(('time', us))

    def __bool__(self):
        return True

    def __reduce__(self):
        return (type(self), (self._h, self._mi, self._s, self._us, self._tz))

time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)

def _fmt_time(h, m, s, us, timespec):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    if timespec == 'hours':
        return '%02d' % h
    if timespec == 'minutes':
        return '%02d:%02d' % (h, m)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (h, m, s)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (h, m, s, us // 1000)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (h, m, s, us)
    raise ValueError('Unknown timespec value')

# ------------------------------------------------------------------------------------- datetime

class datetime(date):
    def __init__(self, year, month=None, day=None, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        date.__init__(self, year, month, day)
        self._h, self._mi, self._s, self._us = _check_time(hour, minute, second, microsecond, fold)
        _check_tz(tzinfo)
        self._tz = tzinfo
        self._fold = fold

    hour = property(lambda self: self._h)
    minute = property(lambda self: self._mi)
    second = property(lambda self: self._s)
    microsecond = property(lambda self: self._us)
    tzinfo = property(lambda self: self._tz)
    fold = property(lambda self: self._fold)

    def _total(self):
        # microseconds since 0001-01-01T00:00 (local fields)
        return ((self.toordinal() * 86400 + self._h * 3600 + self._mi * 60 + self._s) * 1000000 + self._us)

    @classmethod
    def _from_total(cls, us, tz):
        days, rest = divmod(us, _US_DAY)
        if not 1 <= days <= _MAXORDINAL:
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(days)
        h, rest = divmod(rest, 3600000000)
        mi, rest = divmod(rest, 60000000)
        s, rest = divmod(rest, 1000000)
        return cls(y, m, d, h, mi, s, rest, tz)

    @classmethod
    def now(cls, tz=None):
        _check_tz(tz)
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def utcnow(cls):
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        _check_tz(tz)
        y, m, d, h, mi, s, us = _fromtimestamp_fields(t, 0 if tz is not None else _time._utc_offset())
        if tz is None:
            return cls(y, m, d, h, mi, s, us)
        utc = cls(y, m, d, h, mi, s, us, tz)
        return tz.fromutc(utc)

    @classmethod
    def utcfromtimestamp(cls, t):
        y, m, d, h, mi, s, us = _fromtimestamp_fields(t)
        return cls(y, m, d, h, mi, s, us)

    @classmethod
    def combine(cls, date_, time_, tzinfo=True):
        if not isinstance(date_, date):
            raise TypeError("combine() argument 1 must be datetime.date, not " + type(date_).__name__)
        if not isinstance(time_, time):
            raise TypeError("combine() argument 2 must be datetime.time, not " + type(time_).__name__)
        if tzinfo is True:
            tzinfo = time_.tzinfo
        return cls(date_.year, date_.month, date_.day, time_.hour, time_.minute, time_.second,
                   time_.microsecond, tzinfo, fold=time_.fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            if len(s) < 7:
                raise ValueError
            n = 10 if len(s) >= 10 and s[4] == '-' and s[7:8] == '-' else None
            if n is None:
                if len(s) >= 8 and s[4] == '-' and s[5] == 'W':
                    n = 10 if len(s) >= 10 and s[8] == '-' else 8
                elif s[4] == 'W':
                    n = 8 if len(s) >= 8 and s[7].isdigit() else 7
                else:
                    n = 8
            y, m, d = _parse_isodate(s[:n])
            rest = s[n:]
            if not rest:
                return cls(y, m, d)
            h, mi, sec, us, tz = _parse_isotime(rest[1:])
            return cls(y, m, d, h, mi, sec, us, tz)
        except (ValueError, IndexError):
            raise ValueError('Invalid isoformat string: ' + repr(s)) from None

    @classmethod
    def strptime(cls, data, fmt):
        return cls(*_strptime(data, fmt))

    def date(self):
        return date(self._y, self._m, self._d)

    def time(self):
        return time(self._h, self._mi, self._s, self._us, fold=self._fold)

    def timetz(self):
        return time(self._h, self._mi, self._s, self._us, self._tz, fold=self._fold)

    def utcoffset(self):
        if self._tz is None:
            return None
        return _check_offset('utcoffset', self._tz.utcoffset(self))

    def dst(self):
        if self._tz is None:
            return None
        return _check_offset('dst', self._tz.dst(self))

    def tzname(self):
        if self._tz is None:
            return None
        return self._tz.tzname(self)

    def timestamp(self):
        off = self.utcoffset()
        us = self._total() - _EPOCH_ORD * _US_DAY
        if off is not None:
            us -= off._us
        else:
            us -= _time._utc_offset() * 10**6
        return us / 10**6

    def utctimetuple(self):
        off = self.utcoffset()
        t = self - off if off else self
        return (t._y, t._m, t._d, t._h, t._mi, t._s, t.weekday(), _yday(t._y, t._m, t._d), 0)

    def timetuple(self):
        return (self._y, self._m, self._d, self._h, self._mi, self._s, self.weekday(),
                _yday(self._y, self._m, self._d), -1)

    def astimezone(self, tz=None):
        local = timedelta(seconds=_time._utc_offset())
        if tz is None:
            tz = timezone(local, _time.tzname[0])
        elif not isinstance(tz, tzinfo):
            raise TypeError('tzinfo argument must be an instance of tzinfo')
        off = self.utcoffset()
        if off is None:
            off = local
        if self._tz is tz:
            return self
        utc = type(self)._from_total(self._total() - off._us, tz)
        return tz.fromutc(utc)

    def isoformat(self, sep='T', timespec='auto'):
        s = '%04d-%02d-%02d%s' % (self._y, self._m, self._d, sep) + _fmt_time(self._h, self._mi, self._s, self._us, timespec)
        off = self.utcoffset()
        if off is not None:
            s += _fmt_offset(off, ':')
        return s

    def __str__(self):
        return self.isoformat(sep=' ')

    def __repr__(self):
        L = [self._y, self._m, self._d, self._h, self._mi, self._s, self._us]
        if L[-1] == 0:
            del L[-1]
        if L[-1] == 0:
            del L[-1]
        s = _name(self) + '(' + ', '.join(map(str, L))
        if self._tz is not None:
            s += ', tzinfo=' + repr(self._tz)
        if self._fold:
            s += ', fold=1'
        return s + ')'

    def ctime(self):
        return '%s %s %2d %02d:%02d:%02d %04d' % (_DAYS[self.weekday()], _MONTHS[self._m - 1], self._d,
                                                 self._h, self._mi, self._s, self._y)

    def strftime(self, fmt):
        return _strftime(fmt, self._y, self._m, self._d, self._h, self._mi, self._s, self._us, self, 'datetime')

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._y if year is None else year, self._m if month is None else month,
                          self._d if day is None else day, self._h if hour is None else hour,
                          self._mi if minute is None else minute, self._s if second is None else second,
                          self._us if microsecond is None else microsecond,
                          self._tz if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def _cmp(self, other, ordering):
        # -> (a, b) comparable keys, or None (not a datetime), or 'mixed'
        if not isinstance(other, datetime):
            if isinstance(other, date) and ordering:
                raise TypeError("can't compare " + _name(self) + " to " + _name(other))
            return None
        if self._tz is other._tz:
            return self._total(), other._total()
        a = self.utcoffset()
        b = other.utcoffset()
        if (a is None) != (b is None):
            if ordering:
                raise TypeError("can't compare offset-naive and offset-aware datetimes")
            return 'mixed'
        if a is None:
            return self._total(), other._total()
        return self._total() - a._us, other._total() - b._us

    def __eq__(self, other):
        k = self._cmp(other, False)
        if k is None:
            return NotImplemented if not isinstance(other, date) else False
        if k == 'mixed':
            return False
        return k[0] == k[1]

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        k = self._cmp(other, True)
        return NotImplemented if k is None else k[0] < k[1]

    def __le__(self, other):
        k = self._cmp(other, True)
        return NotImplemented if k is None else k[0] <= k[1]

    def __gt__(self, other):
        k = self._cmp(other, True)
        return NotImplemented if k is None else k[0] > k[1]

    def __ge__(self, other):
        k = self._cmp(other, True)
        return NotImplemented if k is None else k[0] >= k[1]

    def __hash__(self):
        off = self.utcoffset()
        us = self._total()
        if off is not None:
            us -= off._us
        return hash(('datetime', us))

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_total(self._total() + other._us, self._tz)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_total(self._total() - other._us, self._tz)
        if isinstance(other, datetime):
            a = self.utcoffset()
            b = other.utcoffset()
            if self._tz is other._tz:
                return _td(self._total() - other._total())
            if (a is None) != (b is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            x = self._total() - (a._us if a is not None else 0)
            y = other._total() - (b._us if b is not None else 0)
            return _td(x - y)
        return NotImplemented

    def __reduce__(self):
        return (type(self), (self._y, self._m, self._d, self._h, self._mi, self._s, self._us, self._tz))

datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)

# ------------------------------------------------------------------------------------ strptime

def _strptime(data, fmt):
    if not isinstance(data, str):
        raise TypeError('strptime() argument 1 must be str, not ' + type(data).__name__)
    if not isinstance(fmt, str):
        raise TypeError('strptime() argument 2 must be str, not ' + type(fmt).__name__)
    fail = ValueError('time data ' + repr(data) + ' does not match format ' + repr(fmt))
    pos = 0
    n = len(data)
    year = None
    month = day = 1
    hour = minute = second = us = 0
    ampm = None
    yday = None
    tz = None
    i = 0

    def num(maxw, minw=1):
        nonlocal pos
        j = pos
        while j < n and j - pos < maxw and data[j].isdigit():
            j += 1
        if j - pos < minw:
            raise fail
        v = int(data[pos:j])
        pos = j
        return v

    def name(options):
        nonlocal pos
        low = data[pos:].lower()
        best = None
        for k, o in enumerate(options):
            if low.startswith(o.lower()) and (best is None or len(o) > len(options[best])):
                best = k
        if best is None:
            raise fail
        pos += len(options[best])
        return best

    while i < len(fmt):
        c = fmt[i]
        if c == '%' and i + 1 < len(fmt):
            k = fmt[i + 1]
            i += 2
            if k == 'Y':
                year = num(4, 4)
            elif k == 'y':
                v = num(2, 2)
                year = v + (1900 if v >= 69 else 2000)
            elif k == 'm':
                month = num(2)
                if not 1 <= month <= 12:
                    raise fail
            elif k == 'd':
                if pos < n and data[pos] == ' ':
                    pos += 1
                day = num(2)
                if not 1 <= day <= 31:
                    raise fail
            elif k == 'H':
                hour = num(2)
                if hour > 23:
                    raise fail
            elif k == 'I':
                hour = num(2)
                if not 1 <= hour <= 12:
                    raise fail
                if ampm is None:
                    ampm = 'AM'
            elif k == 'M':
                minute = num(2)
                if minute > 59:
                    raise fail
            elif k == 'S':
                second = num(2)
                if second > 61:
                    raise fail
            elif k == 'f':
                start = pos
                v = num(6)
                us = v * 10 ** (6 - (pos - start))
            elif k == 'j':
                yday = num(3)
                if not 1 <= yday <= 366:
                    raise fail
            elif k == 'b' or k == 'B' or k == 'h':
                month = name(_MONTHNAMES + _MONTHS) % 12 + 1
            elif k == 'a' or k == 'A':
                name(_DAYNAMES + _DAYS)
            elif k == 'w' or k == 'u':
                num(1)
            elif k == 'U' or k == 'W':
                num(2)
            elif k == 'p':
                ampm = ['AM', 'PM'][name(['AM', 'PM'])]
                if 'I' not in fmt.replace('%%', ''):
                    ampm = ampm + '!'
            elif k == 'z':
                if pos < n and data[pos] == 'Z':
                    pos += 1
                    tz = timezone.utc
                else:
                    if pos >= n or data[pos] not in '+-':
                        raise fail
                    sign = -1 if data[pos] == '-' else 1
                    pos += 1
                    hh = num(2, 2)
                    if pos < n and data[pos] == ':':
                        pos += 1
                    mm = num(2, 2)
                    ss = 0
                    if pos < n and (data[pos].isdigit() or data[pos] == ':'):
                        if data[pos] == ':':
                            pos += 1
                        ss = num(2, 2)
                    off = timedelta(hours=hh, minutes=mm, seconds=ss) * sign
                    tz = timezone(off)
            elif k == 'Z':
                for z in ('UTC', 'GMT'):
                    if data[pos:pos + 3].upper() == z:
                        pos += 3
                        break
                else:
                    raise fail
            elif k == '%':
                if pos < n and data[pos] == '%':
                    pos += 1
                else:
                    raise fail
            else:
                raise ValueError("'" + k + "' is a bad directive in format '" + fmt + "'")
        elif c.isspace():
            i += 1
            if pos >= n or not data[pos].isspace():
                raise fail
            while pos < n and data[pos].isspace():
                pos += 1
        else:
            i += 1
            if pos < n and data[pos].lower() == c.lower():
                pos += 1
            else:
                raise fail
    if pos < n:
        raise ValueError('unconverted data remains: ' + data[pos:])
    if ampm is not None and not ampm.endswith('!'):
        if ampm == 'AM' and hour == 12:
            hour = 0
        elif ampm == 'PM' and hour != 12:
            hour += 12
    if year is None:
        year = 1900
    if yday is not None:
        year, month, day = _ord2ymd(_ymd2ord(year, 1, 1) + yday - 1)
    if day > _dim(year, month):
        raise ValueError('day is out of range for month')
    return (year, month, day, hour, minute, second, us, tz)
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "datetime",
        "Fast implementation of the datetime type.",
        &[],
        SOURCE,
    )
}

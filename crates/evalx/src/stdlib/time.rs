//! `time`: the clocks (`time`, `time_ns`, `perf_counter[_ns]`, `monotonic[_ns]`, the CPU-time
//! `process_time[_ns]`/`thread_time[_ns]`, `clock_gettime[_ns]`/`clock_getres` with the `CLOCK_*` ids,
//! `get_clock_info`), `strptime` (datetime's parser, giving a `struct_time`), `sleep`, which a
//! host's wall-clock deadline ([`crate::interp::Limits::deadline`]) bounds (a sleep that would pass it
//! sleeps until the deadline and stops the program there), and the calendar functions (`gmtime`,
//! `localtime`, `mktime`, `strftime`, `asctime`, `ctime`, `struct_time`, `timezone`, `tzname`).
//!
//! The host controls what they read ([`crate::hostenv`]): the clock (`Clock::Fixed`/`Offset`), the local
//! timezone (`ModulePolicy::utc_offset`, UTC by default) and `sleep` (`Sleep::Virtual` returns at once and
//! moves every clock forward by the time slept).

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use std::time::{Duration, Instant};

thread_local! {
    /// The reference point of `perf_counter`/`monotonic` (fixed the first time a clock is read).
    static ORIGIN: Instant = Instant::now();
}

/// The monotonic clocks: real time since the first reading, plus what virtual sleeps added.
fn since_origin(it: &Interp) -> Duration {
    let slept = Duration::try_from_secs_f64(it.policy.host_time.slept.get()).unwrap_or_default();
    ORIGIN.with(|o| o.elapsed()) + slept
}

/// `time.time()` as the host's clock says ([`crate::hostenv::Clock`]).
fn wall(it: &Interp) -> f64 {
    it.policy.host_time.now()
}

fn time(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.time", args, kw, 0, 0)?;
    Ok(Value::float(wall(it)))
}

fn time_ns(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.time_ns", args, kw, 0, 0)?;
    let ns = (wall(it) * 1e9) as i128;
    Ok(Value::from_big(ns.into()))
}

fn perf_counter(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.perf_counter", args, kw, 0, 0)?;
    Ok(Value::float(since_origin(it).as_secs_f64()))
}

fn perf_counter_ns(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.perf_counter_ns", args, kw, 0, 0)?;
    Ok(Value::from_big(since_origin(it).as_nanos().into()))
}

fn monotonic(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.monotonic", args, kw, 0, 0)?;
    Ok(Value::float(since_origin(it).as_secs_f64()))
}

fn monotonic_ns(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.monotonic_ns", args, kw, 0, 0)?;
    Ok(Value::from_big(since_origin(it).as_nanos().into()))
}

/// `_cpu_ns(which)`: the process's (`which` 2) or the calling thread's (3) CPU time in nanoseconds, as
/// the host's `clock_gettime` counts it (CPU time is the program's own work: no host clock policy moves it).
fn cpu_ns(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_cpu_ns", args, kw, 1, 1)?;
    let which = match &args[0] {
        Value::Int(i) => *i,
        _ => return Err(Exc::type_err("an integer is required")),
    };
    cpu_clock(which)
}

#[cfg(unix)]
fn cpu_clock(which: i64) -> PyResult<Value> {
    use nix::time::{ClockId, clock_gettime};
    let id = match which {
        2 => ClockId::CLOCK_PROCESS_CPUTIME_ID,
        3 => ClockId::CLOCK_THREAD_CPUTIME_ID,
        _ => return Err(Exc::new("OSError", "[Errno 22] Invalid argument")),
    };
    let t = clock_gettime(id).map_err(|e| Exc::new("OSError", e.to_string()))?;
    let ns = i128::from(t.tv_sec()) * 1_000_000_000 + i128::from(t.tv_nsec());
    Ok(Value::from_big(ns.into()))
}

#[cfg(not(unix))]
fn cpu_clock(_which: i64) -> PyResult<Value> {
    Err(Exc::new(
        "OSError",
        "CPU-time clocks are not available on this host",
    ))
}

/// Seconds east of UTC of the program's local time (the host's `ModulePolicy::utc_offset`).
fn utc_offset(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_utc_offset", args, kw, 0, 0)?;
    Ok(Value::Int(i64::from(it.policy.host_time.utc_offset)))
}

fn sleep(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("sleep", args, kw, 1, 1)?;
    let secs = match &args[0] {
        Value::Int(i) => *i as f64,
        Value::Bool(b) => **b as i64 as f64,
        Value::Float(f) => f.get(),
        Value::Big(_) => {
            return Err(Exc::new(
                "OverflowError",
                "timestamp too large to convert to C _PyTime_t",
            ));
        }
        other => {
            return Err(Exc::type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::builtins::type_name(other)
            )));
        }
    };
    if secs.is_nan() {
        return Err(Exc::value_err("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(Exc::value_err("sleep length must be non-negative"));
    }
    let want = Duration::try_from_secs_f64(secs).map_err(|_| {
        Exc::new(
            "OverflowError",
            "timestamp too large to convert to C _PyTime_t",
        )
    })?;
    if it.threads_alive() {
        // Other green threads run meanwhile (`interp/threads.rs`), under the same clock and deadline.
        return it.sleep_thread(want.as_secs_f64()).map(|()| Value::None);
    }
    if it.policy.host_time.sleep == crate::hostenv::Sleep::Virtual {
        let t = &it.policy.host_time.slept;
        t.set(t.get() + want.as_secs_f64());
        return Ok(Value::None);
    }
    let now = Instant::now();
    if let Some(deadline) = it.limits.deadline {
        if now + want >= deadline {
            std::thread::sleep(deadline.saturating_duration_since(now));
            return Err(crate::interp::limit("wall-clock deadline passed".into()));
        }
    }
    std::thread::sleep(want);
    Ok(Value::None)
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "time",
        "This module provides various functions to manipulate time values.",
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", perf_counter),
            ("perf_counter_ns", perf_counter_ns),
            ("monotonic", monotonic),
            ("monotonic_ns", monotonic_ns),
            ("sleep", sleep),
            ("_utc_offset", utc_offset),
            ("_cpu_ns", cpu_ns),
        ],
        SOURCE,
    )
}

const SOURCE: &str = r#"
CLOCK_REALTIME = 0
CLOCK_MONOTONIC = 1
CLOCK_PROCESS_CPUTIME_ID = 2
CLOCK_THREAD_CPUTIME_ID = 3
CLOCK_MONOTONIC_RAW = 4
CLOCK_BOOTTIME = 7
CLOCK_TAI = 11

def process_time_ns():
    return _cpu_ns(CLOCK_PROCESS_CPUTIME_ID)

def process_time():
    return _cpu_ns(CLOCK_PROCESS_CPUTIME_ID) / 1e9

def thread_time_ns():
    return _cpu_ns(CLOCK_THREAD_CPUTIME_ID)

def thread_time():
    return _cpu_ns(CLOCK_THREAD_CPUTIME_ID) / 1e9

def _clock_id(clk_id):
    if not isinstance(clk_id, int):
        raise TypeError("'" + type(clk_id).__name__ + "' object cannot be interpreted as an integer")
    if clk_id not in (0, 1, 2, 3, 4, 7, 11):
        raise OSError(22, 'Invalid argument')
    return clk_id

def clock_gettime_ns(clk_id, /):
    # The wall and monotonic clocks are the ones time() and monotonic() read (the host decides them).
    clk_id = _clock_id(clk_id)
    if clk_id in (CLOCK_REALTIME, CLOCK_TAI):
        return time_ns()
    if clk_id in (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID):
        return _cpu_ns(clk_id)
    return monotonic_ns()

def clock_gettime(clk_id, /):
    return clock_gettime_ns(clk_id) / 1e9

def clock_getres(clk_id, /):
    _clock_id(clk_id)
    return 1e-09

_CLOCKS = {
    'time': (True, 'clock_gettime(CLOCK_REALTIME)', False),
    'monotonic': (False, 'clock_gettime(CLOCK_MONOTONIC)', True),
    'perf_counter': (False, 'clock_gettime(CLOCK_MONOTONIC)', True),
    'process_time': (False, 'clock_gettime(CLOCK_PROCESS_CPUTIME_ID)', True),
    'thread_time': (False, 'clock_gettime(CLOCK_THREAD_CPUTIME_ID)', True),
}

def get_clock_info(name, /):
    if not isinstance(name, str):
        raise TypeError('get_clock_info() argument 1 must be str, not ' + type(name).__name__)
    if name not in _CLOCKS:
        raise ValueError('unknown clock')
    import types as _types
    adjustable, implementation, mono = _CLOCKS[name]
    return _types.SimpleNamespace(implementation=implementation, monotonic=mono,
                                  adjustable=adjustable, resolution=1e-09)

def strptime(data_string, format="%a %b %d %H:%M:%S %Y", /):
    for k, v in enumerate((data_string, format)):
        if not isinstance(v, str):
            raise TypeError('strptime() argument ' + str(k) + ' must be str, not ' + str(type(v)))
    import datetime as _datetime
    y, m, d, hh, mi, ss, _us, tz = _datetime._strptime(data_string, format)
    wday = (_days_from_civil(y, m, d) + 3) % 7
    yday = _days_from_civil(y, m, d) - _days_from_civil(y, 1, 1) + 1
    zone = off = None
    if tz is not None:
        delta = tz.utcoffset(None)
        off = delta.days * 86400 + delta.seconds
        zone = tz.tzname(None)
    return struct_time((y, m, d, hh, mi, ss, wday, yday, -1), zone, off)

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FULL_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")

def _zone_name(off):
    if off == 0:
        return "UTC"
    sign = "+" if off > 0 else "-"
    h, m = divmod(abs(off) // 60, 60)
    return sign + ("%02d" % h) + ("%02d" % m if m else "")

timezone = -_utc_offset()
altzone = timezone
daylight = 0
tzname = (_zone_name(_utc_offset()), _zone_name(_utc_offset()))

class struct_time:
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    _names = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst")
    def __init__(self, seq, zone=None, gmtoff=None):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError("time.struct_time() takes an at least 9-sequence (" + str(len(seq)) + "-sequence given)")
        if len(seq) > 11:
            raise TypeError("time.struct_time() takes an at most 11-sequence (" + str(len(seq)) + "-sequence given)")
        self._t = seq[:9]
        (self.tm_year, self.tm_mon, self.tm_mday, self.tm_hour, self.tm_min, self.tm_sec,
         self.tm_wday, self.tm_yday, self.tm_isdst) = self._t
        self.tm_zone = seq[9] if len(seq) > 9 else zone
        self.tm_gmtoff = seq[10] if len(seq) > 10 else gmtoff
    def __getitem__(self, i):
        return self._t[i]
    def __len__(self):
        return 9
    def __iter__(self):
        return iter(self._t)
    def __eq__(self, other):
        if isinstance(other, struct_time):
            return self._t == other._t
        if isinstance(other, tuple):
            return self._t == other
        return NotImplemented
    def __hash__(self):
        return hash(self._t)
    def __repr__(self):
        return "time.struct_time(" + ", ".join(n + "=" + repr(v) for n, v in zip(self._names, self._t)) + ")"

def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468

def _fields(secs, off, zone):
    if secs is None:
        secs = time()
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        secs = int(secs // 1) if secs >= 0 else -int((-secs) // 1) if secs == int(secs) else int(secs // 1)
    elif not isinstance(secs, int):
        raise TypeError("'" + type(secs).__name__ + "' object cannot be interpreted as an integer")
    t = secs + off
    days, rest = divmod(t, 86400)
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    if m <= 2:
        y += 1
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    yday = _days_from_civil(y, m, d) - _days_from_civil(y, 1, 1) + 1
    wday = (days + 3) % 7
    h, rest = divmod(rest, 3600)
    mi, s = divmod(rest, 60)
    return struct_time((y, m, d, h, mi, s, wday, yday, 0), zone, off)

def gmtime(secs=None):
    return _fields(secs, 0, "GMT")

def localtime(secs=None):
    return _fields(secs, _utc_offset(), tzname[0])

def mktime(t):
    t = tuple(t)
    if len(t) != 9:
        raise TypeError("mktime(): illegal time tuple argument")
    y, m, d, h, mi, s = t[:6]
    y += (m - 1) // 12
    m = (m - 1) % 12 + 1
    return float(_days_from_civil(y, m, 1) * 86400 + (d - 1) * 86400 + h * 3600 + mi * 60 + s - _utc_offset())

def asctime(t=None):
    if t is None:
        t = localtime()
    t = tuple(t)
    return "%s %s %2d %02d:%02d:%02d %d" % (_DAYS[t[6]], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])

def ctime(secs=None):
    return asctime(localtime(secs))

def strftime(fmt, t=None):
    if t is None:
        t = localtime()
    zone = getattr(t, "tm_zone", None) or tzname[0]
    off = getattr(t, "tm_gmtoff", None)
    if off is None:
        off = _utc_offset()
    t = tuple(t)
    y, m, d, h, mi, s, wd, yd = t[:8]
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != "%" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        k = fmt[i + 1]
        i += 2
        if k == "Y": out.append(str(y))
        elif k == "m": out.append("%02d" % m)
        elif k == "d": out.append("%02d" % d)
        elif k == "H": out.append("%02d" % h)
        elif k == "M": out.append("%02d" % mi)
        elif k == "S": out.append("%02d" % s)
        elif k == "y": out.append("%02d" % (y % 100))
        elif k == "b" or k == "h": out.append(_MONTHS[m - 1])
        elif k == "B": out.append(_FULL_MONTHS[m - 1])
        elif k == "a": out.append(_DAYS[wd])
        elif k == "A": out.append(_FULL_DAYS[wd])
        elif k == "j": out.append("%03d" % yd)
        elif k == "w": out.append(str((wd + 1) % 7))
        elif k == "u": out.append(str(wd + 1))
        elif k == "I": out.append("%02d" % ((h % 12) or 12))
        elif k == "p": out.append("AM" if h < 12 else "PM")
        elif k == "Z": out.append(zone)
        elif k == "z":
            sign = "+" if off >= 0 else "-"
            hh, mm = divmod(abs(off) // 60, 60)
            out.append(sign + "%02d%02d" % (hh, mm))
        elif k == "e": out.append("%2d" % d)
        elif k == "D": out.append("%02d/%02d/%02d" % (m, d, y % 100))
        elif k == "F": out.append("%d-%02d-%02d" % (y, m, d))
        elif k == "T": out.append("%02d:%02d:%02d" % (h, mi, s))
        elif k == "R": out.append("%02d:%02d" % (h, mi))
        elif k == "c": out.append(asctime(t))
        elif k == "x": out.append("%02d/%02d/%02d" % (m, d, y % 100))
        elif k == "X": out.append("%02d:%02d:%02d" % (h, mi, s))
        elif k == "n": out.append("\n")
        elif k == "t": out.append("\t")
        elif k == "%": out.append("%")
        else: out.append("%" + k)
    return "".join(out)
"#;

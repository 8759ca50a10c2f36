//! `json`'s submodules, as CPython's `json` package has them: `json.decoder` (`JSONDecoder`,
//! `JSONDecodeError`, `scanstring`), `json.encoder` (`JSONEncoder`, `encode_basestring`,
//! `encode_basestring_ascii`) and `json.scanner` (`make_scanner`). They hold the very classes of `json`
//! (`json.decoder.JSONDecodeError is json.JSONDecodeError`), so an `except` naming either catches both.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const DECODER: &str = r#"
import re

__all__ = ['JSONDecoder', 'JSONDecodeError']

NaN = float('nan')
PosInf = float('inf')
NegInf = float('-inf')


def scanstring(s, end, strict=True):
    # The string whose opening quote is at end - 1: (its value, the index after its closing quote).
    if not isinstance(s, str):
        raise TypeError("first argument must be a string, not " + type(s).__name__)
    i = end
    while True:
        j = s.find('"', i)
        if j < 0:
            raise JSONDecodeError("Unterminated string starting at", s, end - 1)
        k = j - 1
        while k >= end and s[k] == '\\':
            k -= 1
        if (j - 1 - k) % 2 == 0:
            break
        i = j + 1
    try:
        value = JSONDecoder(strict=strict).decode('"' + s[end:j + 1])
    except JSONDecodeError as e:
        raise JSONDecodeError(e.msg, s, e.pos + end - 1) from None
    return value, j + 1
"#;

const ENCODER: &str = r#"
import re

INFINITY = float('inf')


def _check(s):
    if not isinstance(s, str):
        raise TypeError("first argument must be a string, not " + type(s).__name__)


def encode_basestring(s):
    """Return a JSON representation of a Python string"""
    _check(s)
    return _dumps(s, ensure_ascii=False)


def encode_basestring_ascii(s):
    """Return an ASCII-only JSON representation of a Python string"""
    _check(s)
    return _dumps(s)


py_encode_basestring = encode_basestring
py_encode_basestring_ascii = encode_basestring_ascii
"#;

const SCANNER: &str = r#"
__all__ = ['make_scanner']


def make_scanner(context):
    # scan_once(string, idx) -> (value, end) for the JSON value at idx, decoded with context's options.
    def scan_once(string, idx):
        try:
            return context.raw_decode(string, idx)
        except ValueError:
            raise StopIteration(idx) from None
    return scan_once
"#;

/// The submodules, made while `json` is built (CPython's `json/__init__.py` imports them too): each
/// starts with the `json` objects its source names, and becomes an attribute of `json` and an entry of
/// `sys.modules`.
pub(crate) fn add_submodules(it: &mut Interp, json: Value) -> PyResult<Value> {
    let Value::Module(pkg) = &json else {
        return Ok(json);
    };
    let subs: [(&str, &str, &str, &[(&str, &str)]); 3] = [
        (
            "decoder",
            "Implementation of JSONDecoder\n",
            DECODER,
            &[
                ("JSONDecodeError", "JSONDecodeError"),
                ("JSONDecoder", "JSONDecoder"),
            ],
        ),
        (
            "encoder",
            "Implementation of JSONEncoder\n",
            ENCODER,
            &[("JSONEncoder", "JSONEncoder"), ("_dumps", "dumps")],
        ),
        ("scanner", "JSON token scanner\n", SCANNER, &[]),
    ];
    for (short, doc, source, names) in subs {
        let full = format!("json.{short}");
        let m = super::module_from(it, &full, doc, &[], "")?;
        if let Value::Module(md) = &m {
            for (as_name, name) in names {
                if let Some(v) = pkg.dict.borrow().get_str(name) {
                    md.dict.borrow_mut().set_str(as_name, v.clone());
                }
            }
            super::run_in(it, md, &full, source)?;
        }
        it.modules.borrow_mut().set_str(&full, m.clone());
        pkg.dict.borrow_mut().set_str(short, m);
    }
    Ok(json)
}

/// `import json.decoder` (and the others): the submodule `json` made.
fn submodule(it: &mut Interp, short: &str) -> PyResult<Value> {
    let json = it.import("json")?;
    it.get_attr(&json, short)
}

pub(crate) fn build_decoder(it: &mut Interp) -> PyResult<Value> {
    submodule(it, "decoder")
}

pub(crate) fn build_encoder(it: &mut Interp) -> PyResult<Value> {
    submodule(it, "encoder")
}

pub(crate) fn build_scanner(it: &mut Interp) -> PyResult<Value> {
    submodule(it, "scanner")
}

//! `unicodedata`: the Unicode Character Database. Names and name lookup come from `unicode_names2`;
//! categories, bidirectional classes, East Asian widths and mirroring from ICU4X's `icu_properties`;
//! normalization and combining classes from `unicode-normalization`; numeric values from a table generated
//! from the UCD (`ucd.rs`, see `tools/gen_unicode_numeric.py`), since no well-kept crate has
//! them. The crates follow newer Unicode versions than CPython 3.11's 14.0.0, so characters assigned since
//! then are known here and unassigned there.

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use icu_properties::props::{BidiClass, BidiMirrored, EastAsianWidth, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData, PropertyNamesShortBorrowed};
use unicode_normalization::UnicodeNormalization;

/// The one character a function takes, with CPython's text when it is not one.
fn one_char(fname: &str, args: &[Value], kw: Kw<'_>, max: usize) -> PyResult<char> {
    super::arity(fname, args, kw, 1, max)?;
    // Functions of several parameters number the one they complain about.
    let which = if max > 1 { " 1" } else { "" };
    match &args[0] {
        Value::Str(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(Exc::type_err(format!(
                    "{fname}() argument{which} must be a unicode character, not str"
                ))),
            }
        }
        other => Err(Exc::type_err(format!(
            "{fname}() argument{which} must be a unicode character, not {}",
            crate::builtins::type_name(other)
        ))),
    }
}

fn gc(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

fn category_str(c: char) -> &'static str {
    PropertyNamesShortBorrowed::<GeneralCategory>::new()
        .get(gc(c))
        .unwrap_or("Cn")
}

fn name(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let c = one_char("name", args, kw, 2)?;
    match unicode_names2::name(c) {
        Some(n) => Ok(Value::str(&n.to_string())),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(Exc::value_err("no such name")),
        },
    }
}

fn lookup(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("lookup", args, kw, 1, 1)?;
    let n = match &args[0] {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => {
            return Err(Exc::type_err(format!(
                "lookup() argument must be str, not {}",
                crate::builtins::type_name(other)
            )));
        }
    };
    match crate::lexer::char_by_name(&n) {
        Some(c) => Ok(Value::str(&c.to_string())),
        None => Err(Exc::with_args(
            "KeyError",
            vec![Value::str(&format!("undefined character name '{n}'"))],
        )),
    }
}

fn category(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let c = one_char("category", args, kw, 1)?;
    Ok(Value::str(category_str(c)))
}

fn bidirectional(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let c = one_char("bidirectional", args, kw, 1)?;
    // CPython's table records no class for unassigned code points.
    if gc(c) == GeneralCategory::Unassigned {
        return Ok(Value::str(""));
    }
    let b = CodePointMapData::<BidiClass>::new().get(c);
    Ok(Value::str(
        PropertyNamesShortBorrowed::<BidiClass>::new()
            .get(b)
            .unwrap_or(""),
    ))
}

fn east_asian_width(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let c = one_char("east_asian_width", args, kw, 1)?;
    // CPython answers from its empty record for unassigned code points: "F".
    if gc(c) == GeneralCategory::Unassigned {
        return Ok(Value::str("F"));
    }
    let w = CodePointMapData::<EastAsianWidth>::new().get(c);
    Ok(Value::str(
        PropertyNamesShortBorrowed::<EastAsianWidth>::new()
            .get(w)
            .unwrap_or("N"),
    ))
}

fn mirrored(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let c = one_char("mirrored", args, kw, 1)?;
    Ok(Value::Int(
        CodePointSetData::new::<BidiMirrored>().contains(c) as i64,
    ))
}

fn combining(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let c = one_char("combining", args, kw, 1)?;
    Ok(Value::Int(
        unicode_normalization::char::canonical_combining_class(c) as i64,
    ))
}

/// (kind, numerator, denominator) of `c`'s numeric value, if it has one.
fn numeric_value(c: char) -> Option<(u8, i64, u32)> {
    let cp = c as u32;
    let table = crate::ucd::NUMERIC;
    let i = table.partition_point(|r| r.1 < cp);
    let r = table.get(i)?;
    (r.0 <= cp).then_some((r.2, r.3, r.4))
}

fn numeric_fn(fname: &str, max_kind: u8, msg: &str, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let c = one_char(fname, args, kw, 2)?;
    match numeric_value(c) {
        Some((kind, n, d)) if kind <= max_kind => Ok(if max_kind == 2 {
            Value::Float((n as f64 / d as f64).into())
        } else {
            Value::Int(n)
        }),
        _ => match args.get(1) {
            Some(v) => Ok(v.clone()),
            None => Err(Exc::value_err(msg)),
        },
    }
}

fn decimal(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    numeric_fn("decimal", 0, "not a decimal", args, kw)
}

fn digit(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    numeric_fn("digit", 1, "not a digit", args, kw)
}

fn numeric(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    numeric_fn("numeric", 2, "not a numeric character", args, kw)
}

fn form_and_text(fname: &str, args: &[Value], kw: Kw<'_>) -> PyResult<(String, String)> {
    super::arity(fname, args, kw, 2, 2)?;
    let form = match &args[0] {
        Value::Str(s) => s.to_string(),
        other => {
            return Err(Exc::type_err(format!(
                "{fname}() argument 1 must be str, not {}",
                crate::builtins::type_name(other)
            )));
        }
    };
    let text = match &args[1] {
        Value::Str(s) => s.to_string(),
        other => {
            return Err(Exc::type_err(format!(
                "{fname}() argument 2 must be str, not {}",
                crate::builtins::type_name(other)
            )));
        }
    };
    if !matches!(form.as_str(), "NFC" | "NFD" | "NFKC" | "NFKD") {
        return Err(Exc::value_err("invalid normalization form"));
    }
    Ok((form, text))
}

fn normalized(form: &str, text: &str) -> String {
    match form {
        "NFC" => text.nfc().collect(),
        "NFD" => text.nfd().collect(),
        "NFKC" => text.nfkc().collect(),
        _ => text.nfkd().collect(),
    }
}

fn normalize(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (form, text) = form_and_text("normalize", args, kw)?;
    let out = normalized(&form, &text);
    if out == text {
        return Ok(args[1].clone());
    }
    Ok(Value::str(&out))
}

fn is_normalized(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (form, text) = form_and_text("is_normalized", args, kw)?;
    Ok(Value::bool(normalized(&form, &text) == text))
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "unicodedata",
        "This module provides access to the Unicode Character Database which\ndefines character properties for all Unicode characters.",
        &[
            ("name", name),
            ("lookup", lookup),
            ("category", category),
            ("bidirectional", bidirectional),
            ("east_asian_width", east_asian_width),
            ("mirrored", mirrored),
            ("combining", combining),
            ("decimal", decimal),
            ("digit", digit),
            ("numeric", numeric),
            ("normalize", normalize),
            ("is_normalized", is_normalized),
        ],
        "",
    )?;
    if let Value::Module(md) = &m {
        md.dict
            .borrow_mut()
            .set_str("unidata_version", Value::str(crate::ucd::VERSION));
    }
    Ok(m)
}

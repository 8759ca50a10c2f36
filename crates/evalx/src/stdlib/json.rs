//! `json`: `dumps`/`dump` with CPython's exact text (`indent`, `separators`, `sort_keys`, `ensure_ascii`,
//! `allow_nan`, `skipkeys`, `default`, `check_circular`) and `loads`/`load` with its `JSONDecodeError`
//! messages and positions (`object_hook`, `object_pairs_hook`, `parse_float`, `parse_int`,
//! `parse_constant`, `strict`). String escaping and the whole decoder are in Rust.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use std::fmt::Write;

/// `_encode_str(s, ensure_ascii)`: the JSON text of a str, quotes included.
fn encode_str(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_encode_str", args, kw, 2, 2)?;
    // A str subclass's instance encodes as the str it carries (CPython's encoder reads the str's data).
    let s = match &args[0] {
        Value::Str(s) => s,
        v => match crate::builtins::native_value(v) {
            Some(Value::Str(s)) => s,
            _ => return Err(Exc::type_err("_encode_str needs a str")),
        },
    };
    let ascii = args[1].truthy_basic().unwrap_or(true);
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s, ascii);
    Ok(Value::Str(out.into()))
}

/// Appends the JSON text of a str, quotes included.
fn quote_into(out: &mut String, s: &str, ascii: bool) {
    out.push('"');
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let esc: &str = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7e) => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        plain = i + c.len_utf8();
        if esc.is_empty() {
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push_str(esc);
        }
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// How deep [`Encoder`] follows containers before leaving the value to the Python encoder (which reports
/// a circular reference or a recursion error in CPython's words).
const FAST_DEPTH: usize = 200;
/// The longest text [`Encoder`] builds before leaving the value to the Python encoder (which checks the
/// interpreter's memory budget as it goes).
const FAST_MAX: usize = 1 << 24;

/// `JSONEncoder`'s settings for the native encoder.
struct Encoder<'a> {
    ascii: bool,
    allow_nan: bool,
    skipkeys: bool,
    sort_keys: bool,
    indent: Option<&'a str>,
    item_sep: &'a str,
    key_sep: &'a str,
    /// The host's deadline: the fast pass gives up there (and the Python encoder's first tick stops
    /// the program), checked every 4,096 values.
    deadline: Option<std::time::Instant>,
    seen: std::cell::Cell<u32>,
}

impl Encoder<'_> {
    /// Appends the JSON text of `o`; `None` (and a partial text) when `o` holds anything but exact dicts,
    /// lists, tuples, strs, ints, floats, bools and None, or a value the Python encoder answers with an
    /// error, or nests deeper than [`FAST_DEPTH`].
    fn value(&self, out: &mut String, o: &Value, level: usize) -> Option<()> {
        if out.len() > FAST_MAX {
            return None;
        }
        let n = self.seen.get().wrapping_add(1);
        self.seen.set(n);
        if n % 4096 == 0
            && self
                .deadline
                .is_some_and(|d| std::time::Instant::now() >= d)
        {
            return None;
        }
        match o {
            Value::Str(s) => quote_into(out, s, self.ascii),
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if b.get() { "true" } else { "false" }),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Big(b) => {
                crate::num::check_int_to_str(b).ok()?;
                let _ = write!(out, "{b}");
            }
            Value::Float(f) => self.float(out, f.get())?,
            Value::List(l) => self.seq(out, &l.borrow(), level)?,
            Value::Tuple(t) => self.seq(out, t, level)?,
            Value::Dict(d) => self.dict(out, &d.borrow(), level)?,
            _ => return None,
        }
        Some(())
    }

    fn float(&self, out: &mut String, f: f64) -> Option<()> {
        if f.is_finite() {
            out.push_str(&crate::format::repr_float(f));
            return Some(());
        }
        if !self.allow_nan {
            return None;
        }
        out.push_str(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
        Some(())
    }

    /// Opens a container: its bracket, and with an indent the new line; the separator between items.
    fn open(&self, out: &mut String, bracket: char, level: usize) -> Option<String> {
        if level >= FAST_DEPTH {
            return None;
        }
        out.push(bracket);
        Some(match self.indent {
            Some(ind) => {
                let mut nl = String::from("\n");
                for _ in 0..=level {
                    nl.push_str(ind);
                }
                out.push_str(&nl);
                format!("{}{nl}", self.item_sep)
            }
            None => self.item_sep.to_string(),
        })
    }

    fn close(&self, out: &mut String, bracket: char, level: usize) {
        if let Some(ind) = self.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(ind);
            }
        }
        out.push(bracket);
    }

    fn seq(&self, out: &mut String, items: &[Value], level: usize) -> Option<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Some(());
        }
        let sep = self.open(out, '[', level)?;
        for (k, v) in items.iter().enumerate() {
            if k > 0 {
                out.push_str(&sep);
            }
            self.value(out, v, level + 1)?;
        }
        self.close(out, ']', level);
        Some(())
    }

    fn dict(&self, out: &mut String, d: &crate::value::Dict, level: usize) -> Option<()> {
        if d.map().is_empty() {
            out.push_str("{}");
            return Some(());
        }
        let sep = self.open(out, '{', level)?;
        let mut pairs: Vec<(&Value, &Value)> = d.map().iter().map(|(k, v)| (&k.0, v)).collect();
        if self.sort_keys {
            // Sorting keys of mixed types can raise: only all-str keys are sorted here.
            if !pairs.iter().all(|(k, _)| matches!(k, Value::Str(_))) {
                return None;
            }
            pairs.sort_by(|a, b| match (a.0, b.0) {
                (Value::Str(x), Value::Str(y)) => x.as_bytes().cmp(y.as_bytes()),
                _ => std::cmp::Ordering::Equal,
            });
        }
        let mut first = true;
        let mut key = String::new();
        for (k, v) in pairs {
            let k: &str = match k {
                Value::Str(s) => s,
                Value::Float(f) => {
                    key.clear();
                    self.float(&mut key, f.get())?;
                    &key
                }
                Value::Bool(b) => {
                    if b.get() {
                        "true"
                    } else {
                        "false"
                    }
                }
                Value::None => "null",
                Value::Int(i) => {
                    key.clear();
                    let _ = write!(key, "{i}");
                    &key
                }
                Value::Big(b) => {
                    crate::num::check_int_to_str(b).ok()?;
                    key.clear();
                    let _ = write!(key, "{b}");
                    &key
                }
                _ if self.skipkeys => continue,
                _ => return None,
            };
            if !first {
                out.push_str(&sep);
            }
            first = false;
            quote_into(out, k, self.ascii);
            out.push_str(self.key_sep);
            self.value(out, v, level + 1)?;
        }
        self.close(out, '}', level);
        Some(())
    }
}

/// `_encode_fast(o, ensure_ascii, allow_nan, skipkeys, sort_keys, indent, item_separator, key_separator)`:
/// the JSON text of `o` as `JSONEncoder` writes it (`indent` a str or None), or None when `o` needs the
/// Python encoder (objects other than the exact built-in types, `default`, errors, deep nesting).
fn encode_fast(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_encode_fast", args, kw, 8, 8)?;
    let flag = |v: &Value| v.truthy_basic();
    let (Some(ascii), Some(allow_nan), Some(skipkeys), Some(sort_keys)) = (
        flag(&args[1]),
        flag(&args[2]),
        flag(&args[3]),
        flag(&args[4]),
    ) else {
        return Ok(Value::None);
    };
    let indent = match &args[5] {
        Value::None => None,
        Value::Str(s) => Some(&**s),
        _ => return Ok(Value::None),
    };
    let (Value::Str(item_sep), Value::Str(key_sep)) = (&args[6], &args[7]) else {
        return Ok(Value::None);
    };
    let enc = Encoder {
        ascii,
        allow_nan,
        skipkeys,
        sort_keys,
        indent,
        item_sep,
        key_sep,
        deadline: it.limits.deadline,
        seen: std::cell::Cell::new(0),
    };
    let mut out = String::new();
    if enc.value(&mut out, &args[0], 0).is_none() {
        return Ok(Value::None);
    }
    it.check_len(out.len())?;
    Ok(Value::Str(out.into()))
}

/// The decoder's hooks (`None` when not given).
struct Hooks {
    strict: bool,
    object_hook: Value,
    pairs_hook: Value,
    parse_float: Value,
    parse_int: Value,
    parse_constant: Value,
}

/// A decode failure: a message and the char position CPython reports (or a hook's exception).
enum DecErr {
    At(usize, &'static str),
    Raised(Box<Exc>),
}

impl From<Box<Exc>> for DecErr {
    fn from(e: Box<Exc>) -> Self {
        DecErr::Raised(e)
    }
}

struct Decoder<'a> {
    /// The document's UTF-8 bytes: every structural character is ASCII, so the walk reads bytes and
    /// copies string runs whole; positions are byte offsets, turned into the char positions CPython
    /// reports only where one is returned.
    s: &'a [u8],
    h: Hooks,
    /// Object keys met so far, so that repeated keys share one str (as CPython's decoder memoizes them).
    keys: std::cell::RefCell<Vec<crate::thin::RcStr>>,
}

/// Nesting counts against the recursion limit, as in CPython's C scanner.
fn nesting(it: &Interp, depth: usize, what: &str) -> Result<(), DecErr> {
    if depth + it.depth() >= it.limits.recursion {
        return Err(DecErr::Raised(Exc::new(
            "RecursionError",
            format!(
                "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
            ),
        )));
    }
    Ok(())
}

/// How many keys a decode remembers for sharing (a linear search: documents repeat a few names).
const KEY_MEMO: usize = 64;

impl Decoder<'_> {
    #[inline]
    fn skip(&self, mut i: usize) -> usize {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(i) {
            i += 1;
        }
        i
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        self.s
            .get(i..i + word.len())
            .is_some_and(|w| w == word.as_bytes())
    }

    fn constant(&self, it: &mut Interp, name: &str, v: f64) -> Result<Value, DecErr> {
        if matches!(self.h.parse_constant, Value::None) {
            return Ok(Value::float(v));
        }
        Ok(it.call(&self.h.parse_constant, vec![Value::str(name)], vec![])?)
    }

    fn value(&self, it: &mut Interp, i: usize, depth: usize) -> Result<(Value, usize), DecErr> {
        let Some(&c) = self.s.get(i) else {
            return Err(DecErr::At(i, "Expecting value"));
        };
        match c {
            b'"' => self.string(i + 1, false),
            b'{' => self.object(it, i + 1, depth),
            b'[' => self.array(it, i + 1, depth),
            b'n' if self.starts(i, "null") => Ok((Value::None, i + 4)),
            b't' if self.starts(i, "true") => Ok((Value::bool(true), i + 4)),
            b'f' if self.starts(i, "false") => Ok((Value::bool(false), i + 5)),
            b'N' if self.starts(i, "NaN") => Ok((self.constant(it, "NaN", f64::NAN)?, i + 3)),
            b'I' if self.starts(i, "Infinity") => {
                Ok((self.constant(it, "Infinity", f64::INFINITY)?, i + 8))
            }
            b'-' if self.starts(i, "-Infinity") => {
                Ok((self.constant(it, "-Infinity", f64::NEG_INFINITY)?, i + 9))
            }
            _ => self.number(it, i),
        }
    }

    fn number(&self, it: &mut Interp, i: usize) -> Result<(Value, usize), DecErr> {
        let s = self.s;
        let digit = |k: usize| s.get(k).is_some_and(|c| c.is_ascii_digit());
        let mut j = i;
        if s.get(j) == Some(&b'-') {
            j += 1;
        }
        if s.get(j) == Some(&b'0') {
            j += 1;
        } else if s.get(j).is_some_and(|c| (b'1'..=b'9').contains(c)) {
            while digit(j) {
                j += 1;
            }
        } else {
            return Err(DecErr::At(i, "Expecting value"));
        }
        let int_end = j;
        let mut is_float = false;
        if s.get(j) == Some(&b'.') && digit(j + 1) {
            j += 2;
            while digit(j) {
                j += 1;
            }
            is_float = true;
        }
        if matches!(s.get(j), Some(b'e' | b'E')) {
            let mut k = j + 1;
            if matches!(s.get(k), Some(b'+' | b'-')) {
                k += 1;
            }
            if digit(k) {
                while digit(k) {
                    k += 1;
                }
                j = k;
                is_float = true;
            }
        }
        // The number is ASCII digits, signs, '.' and 'e' only.
        let text = std::str::from_utf8(&s[i..if is_float { j } else { int_end }]).unwrap_or("");
        let v = if is_float {
            if matches!(self.h.parse_float, Value::None) {
                Value::float(text.parse::<f64>().unwrap_or(f64::NAN))
            } else {
                it.call(&self.h.parse_float, vec![Value::str(text)], vec![])?
            }
        } else if matches!(self.h.parse_int, Value::None) {
            match text.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => {
                    it.check_len(text.len() / 2)?;
                    match text.parse::<num_bigint::BigInt>() {
                        Ok(b) => Value::from_big(b),
                        Err(_) => return Err(DecErr::At(i, "Expecting value")),
                    }
                }
            }
        } else {
            it.call(&self.h.parse_int, vec![Value::str(text)], vec![])?
        };
        Ok((v, j))
    }

    /// The string whose opening quote is just before `start`, and the position after its closing quote
    /// (`key`: an object key, shared with an equal key met before).
    fn string(&self, start: usize, key: bool) -> Result<(Value, usize), DecErr> {
        let s = self.s;
        let begin = start.saturating_sub(1);
        // The common case: no escape before the closing quote; the run is copied (or shared) whole.
        let mut i = start;
        while let Some(&c) = s.get(i) {
            if c == b'"' {
                let run = std::str::from_utf8(&s[start..i]).unwrap_or("");
                return Ok((self.finish_str(run, key), i + 1));
            }
            if c == b'\\' || (c < 0x20 && self.h.strict) {
                break;
            }
            i += 1;
        }
        let hex = |at: usize| -> Option<u32> {
            let h = s.get(at..at + 4)?;
            h.iter()
                .try_fold(0u32, |acc, &c| Some(acc * 16 + (c as char).to_digit(16)?))
        };
        let mut out: Vec<u8> = s[start..i].to_vec();
        loop {
            let Some(&c) = s.get(i) else {
                return Err(DecErr::At(begin, "Unterminated string starting at"));
            };
            match c {
                b'"' => {
                    let text = String::from_utf8(out).unwrap_or_default();
                    return Ok((self.finish_str(&text, key), i + 1));
                }
                b'\\' => {
                    let Some(&e) = s.get(i + 1) else {
                        return Err(DecErr::At(begin, "Unterminated string starting at"));
                    };
                    let simple = match e {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        _ => None,
                    };
                    if let Some(ch) = simple {
                        out.push(ch);
                        i += 2;
                        continue;
                    }
                    if e != b'u' {
                        return Err(DecErr::At(i, "Invalid \\escape"));
                    }
                    let Some(u) = hex(i + 2) else {
                        return Err(DecErr::At(i + 1, "Invalid \\uXXXX escape"));
                    };
                    i += 6;
                    let mut code = u;
                    if (0xd800..0xdc00).contains(&u)
                        && s.get(i) == Some(&b'\\')
                        && s.get(i + 1) == Some(&b'u')
                    {
                        if let Some(lo) = hex(i + 2) {
                            if (0xdc00..0xe000).contains(&lo) {
                                code = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                                i += 6;
                            }
                        }
                    }
                    // A lone surrogate has no Rust `char` (evalx's str is UTF-8): it decodes to U+FFFD.
                    let ch = char::from_u32(code).unwrap_or('\u{fffd}');
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                c if self.h.strict && c < 0x20 => {
                    return Err(DecErr::At(i, "Invalid control character at"));
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    fn finish_str(&self, text: &str, key: bool) -> Value {
        if !key {
            return Value::str(text);
        }
        let mut keys = self.keys.borrow_mut();
        if let Some(k) = keys.iter().find(|k| &***k == text) {
            return Value::Str(k.clone());
        }
        let k: crate::thin::RcStr = text.into();
        if keys.len() < KEY_MEMO {
            keys.push(k.clone());
        }
        Value::Str(k)
    }

    fn object(&self, it: &mut Interp, i: usize, depth: usize) -> Result<(Value, usize), DecErr> {
        nesting(it, depth, "object")?;
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut i = self.skip(i);
        if self.s.get(i) == Some(&b'}') {
            return Ok((self.finish_object(it, pairs)?, i + 1));
        }
        loop {
            if self.s.get(i) != Some(&b'"') {
                return Err(DecErr::At(
                    i,
                    "Expecting property name enclosed in double quotes",
                ));
            }
            let (k, j) = self.string(i + 1, true)?;
            i = self.skip(j);
            if self.s.get(i) != Some(&b':') {
                return Err(DecErr::At(i, "Expecting ':' delimiter"));
            }
            i = self.skip(i + 1);
            let (v, j) = self.value(it, i, depth + 1)?;
            pairs.push((k, v));
            i = self.skip(j);
            match self.s.get(i) {
                Some(b'}') => return Ok((self.finish_object(it, pairs)?, i + 1)),
                Some(b',') => i = self.skip(i + 1),
                _ => return Err(DecErr::At(i, "Expecting ',' delimiter")),
            }
        }
    }

    fn finish_object(&self, it: &mut Interp, pairs: Vec<(Value, Value)>) -> Result<Value, DecErr> {
        if !matches!(self.h.pairs_hook, Value::None) {
            let list = Value::list(
                pairs
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            );
            return Ok(it.call(&self.h.pairs_hook, vec![list], vec![])?);
        }
        let mut map = indexmap::IndexMap::with_capacity_and_hasher(pairs.len(), Default::default());
        for (k, v) in pairs {
            map.insert(crate::value::Key(k), v);
        }
        let d = Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(
            crate::value::Dict::from_map(map),
        )));
        if !matches!(self.h.object_hook, Value::None) {
            return Ok(it.call(&self.h.object_hook, vec![d], vec![])?);
        }
        Ok(d)
    }

    fn array(&self, it: &mut Interp, i: usize, depth: usize) -> Result<(Value, usize), DecErr> {
        nesting(it, depth, "array")?;
        let mut items = Vec::new();
        let mut i = self.skip(i);
        if self.s.get(i) == Some(&b']') {
            return Ok((Value::list(items), i + 1));
        }
        loop {
            let (v, j) = self.value(it, i, depth + 1)?;
            items.push(v);
            i = self.skip(j);
            match self.s.get(i) {
                Some(b']') => return Ok((Value::list(items), i + 1)),
                Some(b',') => i = self.skip(i + 1),
                _ => return Err(DecErr::At(i, "Expecting ',' delimiter")),
            }
        }
    }
}

/// The byte offset of char position `pos` in `text` (its end when `pos` is past it).
fn byte_at(text: &str, pos: usize) -> usize {
    if text.is_ascii() {
        return pos.min(text.len());
    }
    text.char_indices().nth(pos).map_or(text.len(), |(b, _)| b)
}

/// The char position of byte offset `b` in `text`.
fn char_at(text: &str, b: usize) -> usize {
    let b = b.min(text.len());
    if text.is_ascii() {
        return b;
    }
    // Error positions may point into the middle of a multi-byte char (a stray non-ASCII byte where a
    // value is expected): count the chars that start before it.
    text.as_bytes()[..b]
        .iter()
        .filter(|&&c| (c as i8) >= -0x40)
        .count()
}

/// `_decode(s, idx, whole, strict, object_hook, object_pairs_hook, parse_float, parse_int,
/// parse_constant)`: `(value, end)`, or `(None, pos, message)` for a `JSONDecodeError`. With `whole`, the
/// document must be only whitespace around one value (else "Extra data").
fn decode(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_decode", args, kw, 9, 9)?;
    let (Value::Str(text), Value::Int(idx)) = (&args[0], &args[1]) else {
        return Err(Exc::type_err("_decode needs (str, int, ...)"));
    };
    let whole = args[2].truthy_basic().unwrap_or(true);
    let hooks = Hooks {
        strict: args[3].truthy_basic().unwrap_or(true),
        object_hook: args[4].clone(),
        pairs_hook: args[5].clone(),
        parse_float: args[6].clone(),
        parse_int: args[7].clone(),
        parse_constant: args[8].clone(),
    };
    let start = byte_at(text, (*idx).max(0) as usize);
    match run_decode(it, text, start, whole, hooks) {
        Ok((v, end)) => Ok(Value::tuple(vec![v, Value::Int(end as i64)])),
        Err(DecErr::At(pos, msg)) => Ok(Value::tuple(vec![
            Value::None,
            Value::Int(pos as i64),
            Value::str(msg),
        ])),
        Err(DecErr::Raised(e)) => Err(e),
    }
}

/// Decodes `text` from byte offset `start`: the value and the char position after it, or the error with
/// its char position.
fn run_decode(
    it: &mut Interp,
    text: &str,
    start: usize,
    whole: bool,
    h: Hooks,
) -> Result<(Value, usize), DecErr> {
    // The scan builds the document's values in one native pass: sized against the limits first.
    it.admit_pass(text.len() - start.min(text.len()), 30.0)
        .map_err(DecErr::Raised)?;
    it.check_memory(text.len().saturating_mul(4))
        .map_err(DecErr::Raised)?;
    let d = Decoder {
        s: text.as_bytes(),
        h,
        keys: Default::default(),
    };
    let start = if whole { d.skip(start) } else { start };
    let r = d.value(it, start, 0).and_then(|(v, end)| {
        if whole {
            let e = d.skip(end);
            if e != text.len() {
                return Err(DecErr::At(e, "Extra data"));
            }
        }
        Ok((v, end))
    });
    match r {
        Ok((v, end)) => Ok((v, char_at(text, end))),
        Err(DecErr::At(pos, msg)) => Err(DecErr::At(char_at(text, pos), msg)),
        Err(e) => Err(e),
    }
}

/// `loads(s)` with no options: a str decoded natively; anything else (bytes, options, an error to raise
/// as `JSONDecodeError`) through the Python-level `_loads`.
fn loads(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let ([Value::Str(text)], true) = (args, kw.iter().all(|(_, v)| matches!(v, Value::None))) {
        if kw.iter().all(|(k, _)| LOADS_OPTIONS.contains(&&**k)) && !text.starts_with('\u{feff}') {
            let hooks = Hooks {
                strict: true,
                object_hook: Value::None,
                pairs_hook: Value::None,
                parse_float: Value::None,
                parse_int: Value::None,
                parse_constant: Value::None,
            };
            match run_decode(it, text, 0, true, hooks) {
                Ok((v, _)) => return Ok(v),
                Err(DecErr::Raised(e)) => return Err(e),
                Err(DecErr::At(..)) => {}
            }
        }
    }
    let f = python_loads(it)?;
    it.call(&f, args.to_vec(), kw.to_vec())
}

/// `loads`'s keyword options whose `None` means the default.
const LOADS_OPTIONS: [&str; 6] = [
    "cls",
    "object_hook",
    "parse_float",
    "parse_int",
    "parse_constant",
    "object_pairs_hook",
];

/// The module's Python-level `_loads`.
fn python_loads(it: &mut Interp) -> PyResult<Value> {
    let m = it.modules.borrow().get_str("json").cloned();
    let m = match m {
        Some(m) => m,
        None => it.import("json")?,
    };
    if let Value::Module(md) = &m {
        if let Some(f) = md.dict.borrow().get_str("_loads") {
            return Ok(f.clone());
        }
    }
    Err(Exc::new("ImportError", "evalx's json._loads is missing"))
}

const SOURCE: &str = r#"
class JSONDecodeError(ValueError):
    __module__ = 'json.decoder'
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

def _float_text(o, allow_nan):
    if o != o:
        text = 'NaN'
    elif o == float('inf'):
        text = 'Infinity'
    elif o == float('-inf'):
        text = '-Infinity'
    else:
        return float.__repr__(o)
    if not allow_nan:
        raise ValueError("Out of range float values are not JSON compliant")
    return text

class JSONEncoder:
    __module__ = 'json.encoder'
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError("Object of type " + type(o).__name__ + " is not JSON serializable")

    def encode(self, o):
        if isinstance(o, str):
            return _encode_str(o, self.ensure_ascii)
        cls = type(self)
        if cls is JSONEncoder or (cls.iterencode is JSONEncoder.iterencode and cls._enc is JSONEncoder._enc
                                  and cls._key is JSONEncoder._key):
            indent = self.indent
            if indent is None or type(indent) is str or type(indent) is int:
                if type(indent) is int:
                    indent = ' ' * indent
                text = _encode_fast(o, self.ensure_ascii, self.allow_nan, self.skipkeys, self.sort_keys,
                                    indent, self.item_separator, self.key_separator)
                if text is not None:
                    return text
        return ''.join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        out = []
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self._enc(o, out, indent, 0, {} if self.check_circular else None)
        return out

    def _key(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return _float_text(key, self.allow_nan)
        if key is True:
            return 'true'
        if key is False:
            return 'false'
        if key is None:
            return 'null'
        if isinstance(key, int):
            return int.__repr__(key)
        if self.skipkeys:
            return _SKIP
        raise TypeError("keys must be str, int, float, bool or None, not " + type(key).__name__)

    def _enc(self, o, out, indent, level, markers):
        if isinstance(o, str):
            out.append(_encode_str(o, self.ensure_ascii))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            out.append(_float_text(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            if not o:
                out.append('[]')
                return
            self._mark(o, markers)
            out.append('[')
            if indent is not None:
                level += 1
                nl = '\n' + indent * level
                sep = self.item_separator + nl
                out.append(nl)
            else:
                sep = self.item_separator
            first = True
            for v in o:
                if not first:
                    out.append(sep)
                first = False
                self._enc(v, out, indent, level, markers)
            if indent is not None:
                level -= 1
                out.append('\n' + indent * level)
            out.append(']')
            self._unmark(o, markers)
        elif isinstance(o, dict):
            if not o:
                out.append('{}')
                return
            self._mark(o, markers)
            out.append('{')
            if indent is not None:
                level += 1
                nl = '\n' + indent * level
                sep = self.item_separator + nl
                out.append(nl)
            else:
                sep = self.item_separator
            items = sorted(o.items()) if self.sort_keys else o.items()
            first = True
            for k, v in items:
                k = self._key(k)
                if k is _SKIP:
                    continue
                if not first:
                    out.append(sep)
                first = False
                out.append(_encode_str(k, self.ensure_ascii))
                out.append(self.key_separator)
                self._enc(v, out, indent, level, markers)
            if indent is not None:
                level -= 1
                out.append('\n' + indent * level)
            out.append('}')
            self._unmark(o, markers)
        elif _tuple_like(o):
            self._enc(o._t, out, indent, level, markers)
        else:
            self._mark(o, markers)
            self._enc(self.default(o), out, indent, level, markers)
            self._unmark(o, markers)

    def _mark(self, o, markers):
        if markers is not None:
            if id(o) in markers:
                raise ValueError("Circular reference detected")
            markers[id(o)] = o

    def _unmark(self, o, markers):
        if markers is not None:
            del markers[id(o)]

_SKIP = object()

def _tuple_like(o):
    # A namedtuple encodes as the tuple it is.
    return hasattr(type(o), '_fields') and hasattr(type(o), '_make') and hasattr(o, '_t')

def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False, **kw):
    if cls is None and default is None and not kw and (indent is None or type(indent) is str):
        # The plain encoder's settings, without building one (the common `json.dumps(obj)`).
        if separators is None:
            seps = (', ' if indent is None else ',', ': ')
        else:
            seps = separators
        if type(seps) is tuple and len(seps) == 2:
            text = _encode_fast(obj, ensure_ascii, allow_nan, skipkeys, sort_keys, indent, seps[0], seps[1])
            if text is not None:
                return text
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)

def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))

class JSONDecoder:
    __module__ = 'json.decoder'
    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
                 strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float
        self.parse_int = parse_int
        self.parse_constant = parse_constant
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def _run(self, s, idx, whole):
        r = _decode(s, idx, whole, self.strict, self.object_hook, self.object_pairs_hook,
                    self.parse_float, self.parse_int, self.parse_constant)
        if len(r) == 3:
            raise JSONDecodeError(r[2], s, r[1])
        return r

    def decode(self, s):
        return self._run(s, 0, True)[0]

    def raw_decode(self, s, idx=0):
        return self._run(s, idx, False)

def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, **kw):
    if isinstance(s, (bytes, bytearray)):
        s = bytes(s).decode('utf-8')
    elif not isinstance(s, str):
        raise TypeError("the JSON object must be str, bytes or bytearray, not " + type(s).__name__)
    if s.startswith('\ufeff'):
        raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    if cls is None:
        cls = JSONDecoder
    return cls(object_hook=object_hook, parse_float=parse_float, parse_int=parse_int,
               parse_constant=parse_constant, object_pairs_hook=object_pairs_hook, **kw).decode(s)

_loads = loads
loads = _loads_native

def load(fp, **kw):
    return loads(fp.read(), **kw)
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "json",
        "JSON (JavaScript Object Notation) <https://json.org> is a subset of\nJavaScript syntax (ECMA-262 3rd edition) used as a lightweight data\ninterchange format.",
        &[
            ("_encode_str", encode_str),
            ("_encode_fast", encode_fast),
            ("_decode", decode),
            ("_loads_native", loads),
        ],
        SOURCE,
    )
    .and_then(|m| super::json_pkg::add_submodules(it, m))
}

//! Methods of `str`.

use super::*;

/// Character count and char-index helpers for str.
pub(crate) fn chars_of(s: &str) -> Vec<char> {
    s.chars().collect()
}

pub(crate) fn slice_bounds(
    len: i64,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<(i64, i64)> {
    let norm = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = to_index(v)?;
                Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
            }
        }
    };
    Ok((norm(start, 0)?, norm(end, len)?))
}

pub(crate) fn str_find(
    hay: &str,
    needle: &str,
    start: Option<&Value>,
    end: Option<&Value>,
    rev: bool,
) -> PyResult<i64> {
    let cs = chars_of(hay);
    let (a, b) = slice_bounds(cs.len() as i64, start, end)?;
    if a > b {
        return Ok(-1);
    }
    let sub: String = cs[a as usize..b as usize].iter().collect();
    let found = if rev {
        sub.rfind(needle)
    } else {
        sub.find(needle)
    };
    Ok(match found {
        Some(byte) => a + sub[..byte].chars().count() as i64,
        None => -1,
    })
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

pub(crate) fn split_ws(s: &str, max: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if max >= 0 && out.len() as i64 >= max {
            out.push(Value::str(rest));
            return out;
        }
        match rest.find(is_space) {
            Some(i) => {
                out.push(Value::str(&rest[..i]));
                rest = rest[i..].trim_start_matches(is_space);
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out
}

pub(crate) fn rsplit_ws(s: &str, max: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if max >= 0 && out.len() as i64 >= max {
            out.push(Value::str(rest));
            break;
        }
        match rest.rfind(is_space) {
            Some(i) => {
                let ch = rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                out.push(Value::str(&rest[i + ch..]));
                rest = rest[..i].trim_end_matches(is_space);
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out.reverse();
    out
}

pub(crate) fn strip_chars<'a>(
    s: &'a str,
    chars: Option<&Value>,
    left: bool,
    right: bool,
) -> PyResult<&'a str> {
    match chars {
        None | Some(Value::None) => {
            let mut r = s;
            if left {
                r = r.trim_start_matches(is_space);
            }
            if right {
                r = r.trim_end_matches(is_space);
            }
            Ok(r)
        }
        Some(Value::Str(cs)) => {
            let set: Vec<char> = cs.chars().collect();
            let mut r = s;
            if left {
                r = r.trim_start_matches(|c| set.contains(&c));
            }
            if right {
                r = r.trim_end_matches(|c| set.contains(&c));
            }
            Ok(r)
        }
        Some(v) => Err(Exc::type_err(format!(
            "strip arg must be None or str, not {}",
            type_name(v)
        ))),
    }
}

pub(crate) fn pad_arg(args: &[Value], name: &str) -> PyResult<(usize, char)> {
    arity(name, args, 1, 2)?;
    let w = to_index(&args[0])?.max(0) as usize;
    let fill = match args.get(1) {
        None => ' ',
        Some(Value::Str(s)) if s.chars().count() == 1 => s.chars().next().unwrap_or(' '),
        Some(Value::Str(_)) => {
            return Err(Exc::type_err(
                "The fill character must be exactly one character long",
            ));
        }
        Some(v) => {
            return Err(Exc::type_err(format!(
                "{name}() argument 2 must be str, not {}",
                type_name(v)
            )));
        }
    };
    Ok((w, fill))
}

pub(crate) fn prefix_test(
    it: &mut Interp,
    s: &str,
    args: &[Value],
    name: &str,
    starts: bool,
) -> PyResult<Value> {
    arity_parse(name, args, 1, 3)?;
    let cs = chars_of(s);
    let (a, b) = slice_bounds(cs.len() as i64, args.get(1), args.get(2))?;
    let sub: String = if a <= b {
        cs[a as usize..b as usize].iter().collect()
    } else {
        String::new()
    };
    if a > b {
        return Ok(Value::bool(false));
    }
    let test = |p: &str| {
        if starts {
            sub.starts_with(p)
        } else {
            sub.ends_with(p)
        }
    };
    match &args[0] {
        Value::Str(p) => Ok(Value::bool(test(p))),
        Value::Tuple(t) => {
            for x in t.iter() {
                let p = as_str(x, "tuple for startswith")?;
                if test(p) {
                    return Ok(Value::bool(true));
                }
            }
            Ok(Value::bool(false))
        }
        v => {
            let _ = it;
            Err(Exc::type_err(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                type_name(v)
            )))
        }
    }
}

/// The str an instance of a str subclass carries.
pub(crate) fn str_of_subclass(v: &Value) -> Option<&RcStr> {
    match crate::builtins::newobj::native_value(v) {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    }
}

/// The str a str or an instance of a str subclass holds.
fn plain_or_sub_str(x: &Value) -> Option<&RcStr> {
    match x {
        Value::Str(s) => Some(s),
        _ => str_of_subclass(x),
    }
}

/// Whether `a`, an argument of str method `name`, is (or, for `startswith`/`endswith`, a tuple holds) an
/// instance of a str subclass.
fn str_sub_arg(a: &Value, name: &str) -> bool {
    match a {
        Value::Instance(_) => str_of_subclass(a).is_some(),
        Value::Tuple(t) if matches!(name, "startswith" | "endswith") => {
            t.iter().any(|x| str_of_subclass(x).is_some())
        }
        _ => false,
    }
}

/// `a` with instances of str subclasses replaced by their strs (see [`str_sub_arg`]).
fn str_sub_unwrapped(a: &Value, name: &str) -> Value {
    match a {
        Value::Tuple(t) if matches!(name, "startswith" | "endswith") => Value::tuple(
            t.iter()
                .map(|x| str_of_subclass(x).map_or_else(|| x.clone(), |s| Value::Str(s.clone())))
                .collect::<Vec<_>>(),
        ),
        _ => str_of_subclass(a).map_or_else(|| a.clone(), |s| Value::Str(s.clone())),
    }
}

pub(crate) fn str_method(
    it: &mut Interp,
    s: &RcStr,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    // An argument that is an instance of a str subclass is read as its str (CPython reads the str data
    // of any str instance), except where the object itself is asked for (formatting).
    if !matches!(
        name,
        "format" | "format_map" | "__mod__" | "__rmod__" | "__format__"
    ) && (args.iter().any(|a| str_sub_arg(a, name))
        || kw.iter().any(|(_, a)| str_sub_arg(a, name)))
    {
        let args: Vec<Value> = args.iter().map(|a| str_sub_unwrapped(a, name)).collect();
        let kw: Vec<(RcStr, Value)> = kw
            .iter()
            .map(|(k, a)| (k.clone(), str_sub_unwrapped(a, name)))
            .collect();
        return str_method(it, s, name, &args, &kw);
    }
    // Most str methods walk the whole string: work in proportion to its length, for the limits.
    it.charge((s.len() >> 6) as u64)?;
    let sv = |x: String| -> PyResult<Value> { Ok(Value::Str(x.into())) };
    if !kw.is_empty()
        && !matches!(
            name,
            "split" | "rsplit" | "format" | "splitlines" | "expandtabs" | "encode" | "replace"
        )
        && !crate::dunders::is_dunder(name)
    {
        no_kw(name, kw)?;
    }
    match name {
        "upper" => {
            arity_of("str", name, args, 0, 0)?;
            if s.is_ascii() {
                return Ok(Value::Str(RcStr::ascii_case(s, true)));
            }
            sv(s.to_uppercase())
        }
        "lower" => {
            arity_of("str", name, args, 0, 0)?;
            if s.is_ascii() {
                return Ok(Value::Str(RcStr::ascii_case(s, false)));
            }
            sv(s.to_lowercase())
        }
        "casefold" => {
            arity_of("str", name, args, 0, 0)?;
            sv(s.to_lowercase().replace('ß', "ss"))
        }
        "capitalize" => {
            arity_of("str", name, args, 0, 0)?;
            sv(super::titlecase::capitalize(s))
        }
        "swapcase" => {
            arity_of("str", name, args, 0, 0)?;
            sv(s.chars()
                .flat_map(|c| -> Vec<char> {
                    if c.is_uppercase() {
                        c.to_lowercase().collect()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect())
        }
        "title" => {
            arity_of("str", name, args, 0, 0)?;
            sv(super::titlecase::title_case(s))
        }
        "strip" | "lstrip" | "rstrip" => {
            arity(name, args, 0, 1)?;
            let r = strip_chars(s, args.first(), name != "rstrip", name != "lstrip")?;
            sv(r.to_string())
        }
        "split" | "rsplit" => {
            let sep = pos_or_kw(args, kw, 0, "sep")
                .cloned()
                .unwrap_or(Value::None);
            let max = match pos_or_kw(args, kw, 1, "maxsplit") {
                Some(v) => to_index_of(it, v)?,
                None => -1,
            };
            let parts = match &sep {
                Value::None => {
                    if name == "split" {
                        split_ws(s, max)
                    } else {
                        rsplit_ws(s, max)
                    }
                }
                Value::Str(sep) => {
                    if sep.is_empty() {
                        return Err(Exc::value_err("empty separator"));
                    }
                    let v: Vec<&str> = if name == "split" {
                        if max < 0 {
                            s.split(&**sep).collect()
                        } else {
                            s.splitn(max as usize + 1, &**sep).collect()
                        }
                    } else {
                        let mut v: Vec<&str> = if max < 0 {
                            s.rsplit(&**sep).collect()
                        } else {
                            s.rsplitn(max as usize + 1, &**sep).collect()
                        };
                        v.reverse();
                        v
                    };
                    // Each piece is a new str: charged as they are made.
                    let mut out = it.alloc_vec(v.len())?;
                    for (i, p) in v.into_iter().enumerate() {
                        out.push(Value::str(p));
                        if i & (crate::interp::COPY_CHUNK - 1) == crate::interp::COPY_CHUNK - 1 {
                            it.charge_or_bury((crate::interp::COPY_CHUNK >> 4) as u64, &mut out)?;
                        }
                    }
                    out
                }
                v => {
                    return Err(Exc::type_err(format!(
                        "must be str or None, not {}",
                        type_name(v)
                    )));
                }
            };
            Ok(Value::list(parts))
        }
        "splitlines" => {
            let keep = match pos_or_kw(args, kw, 0, "keepends") {
                Some(v) => it.truthy(v)?,
                None => false,
            };
            let mut out = Vec::new();
            let cs = chars_of(s);
            let mut start = 0;
            let mut i = 0;
            while i < cs.len() {
                let c = cs[i];
                if matches!(
                    c,
                    '\n' | '\r'
                        | '\x0b'
                        | '\x0c'
                        | '\x1c'
                        | '\x1d'
                        | '\x1e'
                        | '\u{85}'
                        | '\u{2028}'
                        | '\u{2029}'
                ) {
                    let mut end = i + 1;
                    if c == '\r' && cs.get(i + 1) == Some(&'\n') {
                        end = i + 2;
                    }
                    let line: String = cs[start..if keep { end } else { i }].iter().collect();
                    out.push(Value::Str(line.into()));
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < cs.len() {
                out.push(Value::Str(cs[start..].iter().collect::<String>().into()));
            }
            Ok(Value::list(out))
        }
        "join" => {
            arity_of("str", name, args, 1, 1)?;
            let items = it.collect(&args[0])?;
            let r = join_strs(it, s, &items);
            match &r {
                // A limit stopped it: freeing millions of items waits (see `Interp::bury`).
                Err(e) => it.bury(e, items),
                Ok(_) => it.drop_ticking(items),
            }
            sv(r?)
        }
        "replace" => {
            arity(name, args, 2, 3)?;
            let old = as_str(&args[0], "replace() argument 1")?;
            let new = as_str(&args[1], "replace() argument 2")?;
            let count = match pos_or_kw(args, kw, 2, "count") {
                Some(v) => to_index_of(it, v)?,
                None => -1,
            };
            let count = if count < 0 {
                usize::MAX
            } else {
                count as usize
            };
            sv(replace_ticking(it, s, old, new, count)?)
        }
        "find" | "rfind" | "index" | "rindex" => {
            arity_parse(name, args, 1, 3)?;
            let sub = as_str(&args[0], "must be str")?;
            let r = str_find(s, sub, args.get(1), args.get(2), name.starts_with('r'))?;
            if r < 0 && name.ends_with("index") {
                return Err(Exc::value_err("substring not found"));
            }
            Ok(Value::Int(r))
        }
        "count" => {
            arity_parse(name, args, 1, 3)?;
            let sub = as_str(&args[0], "must be str")?;
            let cs = chars_of(s);
            let (a, b) = slice_bounds(cs.len() as i64, args.get(1), args.get(2))?;
            if a > b {
                return Ok(Value::Int(0));
            }
            let region: String = cs[a as usize..b as usize].iter().collect();
            Ok(Value::Int(if sub.is_empty() {
                region.chars().count() as i64 + 1
            } else {
                region.matches(&**sub).count() as i64
            }))
        }
        "startswith" => prefix_test(it, s, args, name, true),
        "endswith" => prefix_test(it, s, args, name, false),
        "isdigit" | "isdecimal" | "isnumeric" => {
            arity_of("str", name, args, 0, 0)?;
            // CPython's rule: the Unicode numeric type of every character (decimal < digit < numeric).
            let most = match name {
                "isdecimal" => 0,
                "isdigit" => 1,
                _ => 2,
            };
            let table = crate::ucd::NUMERIC;
            Ok(Value::bool(
                !s.is_empty()
                    && s.chars().all(|c| {
                        if c.is_ascii() {
                            return c.is_ascii_digit();
                        }
                        let cp = c as u32;
                        let at = table.partition_point(|&(_, last, ..)| last < cp);
                        matches!(table.get(at), Some(&(first, _, kind, ..)) if first <= cp && kind <= most)
                    }),
            ))
        }
        "isalpha" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                !s.is_empty() && s.chars().all(char::is_alphabetic),
            ))
        }
        "isalnum" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                !s.is_empty() && s.chars().all(char::is_alphanumeric),
            ))
        }
        "isascii" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(s.is_ascii()))
        }
        "isspace" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(!s.is_empty() && s.chars().all(is_space)))
        }
        "islower" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase),
            ))
        }
        "isupper" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
            ))
        }
        "istitle" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(super::titlecase::is_title(s)))
        }
        "isidentifier" => {
            arity_of("str", name, args, 0, 0)?;
            let mut cs = s.chars();
            Ok(Value::bool(
                cs.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                    && cs.all(|c| c == '_' || c.is_alphanumeric()),
            ))
        }
        "isprintable" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(s.chars().all(crate::format::is_printable)))
        }
        "center" | "ljust" | "rjust" => {
            let (w, fill) = pad_arg(args, name)?;
            it.check_len(w)?;
            let n = s.chars().count();
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            let total = w - n;
            let (l, r) = match name {
                "ljust" => (0, total),
                "rjust" => (total, 0),
                _ => {
                    let l = total / 2 + (total & w & 1);
                    (l, total - l)
                }
            };
            let f = |k: usize| fill.to_string().repeat(k);
            sv(format!("{}{s}{}", f(l), f(r)))
        }
        "zfill" => {
            arity_of("str", name, args, 1, 1)?;
            let w = to_index_of(it, &args[0])?.max(0) as usize;
            it.check_len(w)?;
            let n = s.chars().count();
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            let (sign, rest) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            sv(format!("{sign}{}{rest}", "0".repeat(w - n)))
        }
        "partition" | "rpartition" => {
            arity_of("str", name, args, 1, 1)?;
            let sep = as_str(&args[0], "must be str")?;
            if sep.is_empty() {
                return Err(Exc::value_err("empty separator"));
            }
            let found = if name == "partition" {
                s.find(&**sep)
            } else {
                s.rfind(&**sep)
            };
            Ok(Value::tuple(match found {
                Some(i) => vec![
                    Value::str(&s[..i]),
                    Value::Str(sep.clone()),
                    Value::str(&s[i + sep.len()..]),
                ],
                None if name == "partition" => {
                    vec![Value::Str(s.clone()), Value::str(""), Value::str("")]
                }
                None => vec![Value::str(""), Value::str(""), Value::Str(s.clone())],
            }))
        }
        "removeprefix" => {
            arity_of("str", name, args, 1, 1)?;
            let p = as_str(&args[0], "removeprefix() argument")?;
            sv(s.strip_prefix(&**p).unwrap_or(s).to_string())
        }
        "removesuffix" => {
            arity_of("str", name, args, 1, 1)?;
            let p = as_str(&args[0], "removesuffix() argument")?;
            sv(s.strip_suffix(&**p).unwrap_or(s).to_string())
        }
        "expandtabs" => {
            let ts = match pos_or_kw(args, kw, 0, "tabsize") {
                Some(v) => to_index_of(it, v)?,
                None => 8,
            };
            it.check_len(
                (ts.max(1) as usize)
                    .saturating_mul(s.matches('\t').count())
                    .saturating_add(s.len()),
            )?;
            let mut out = String::new();
            let mut col = 0i64;
            for c in s.chars() {
                match c {
                    '\t' => {
                        if ts > 0 {
                            let n = ts - col % ts;
                            out.push_str(&" ".repeat(n as usize));
                            col += n;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    c => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            sv(out)
        }
        "format" => Ok(Value::Str(
            crate::format::str_format(it, s, args, kw)?.into(),
        )),
        "format_map" => {
            arity_of("str", name, args, 1, 1)?;
            let Value::Dict(d) = &args[0] else {
                return Err(Exc::type_err("format_map() argument must be a mapping"));
            };
            let kw: Vec<(RcStr, Value)> = d
                .borrow()
                .map()
                .iter()
                .filter_map(|(k, v)| {
                    if let Value::Str(s) = &k.0 {
                        Some((s.clone(), v.clone()))
                    } else {
                        None
                    }
                })
                .collect();
            Ok(Value::Str(
                crate::format::str_format(it, s, &[], &kw)?.into(),
            ))
        }
        "encode" => {
            let enc = codec_call("encode()", args, kw)?;
            Ok(Value::Bytes(enc.encode_in(it, s)?.into()))
        }
        "maketrans" => str_maketrans(it, args),
        "translate" => {
            arity_of("str", name, args, 1, 1)?;
            let table = args[0].clone();
            let mut out = String::new();
            for (k, c) in s.chars().enumerate() {
                // A lookup per char (a raised KeyError for each unmapped one through `__getitem__`):
                // charged as it goes, so the limits stop a translation of a big str midway.
                if k & 0xfff == 0xfff {
                    it.charge(256)?;
                }
                // A plain dict (what `str.maketrans` makes) is read directly: an unmapped char
                // costs no exception.
                let got = match &table {
                    Value::Dict(d) => match d.borrow().map().get(&Key(Value::Int(c as i64))) {
                        Some(v) => Ok(v.clone()),
                        None => {
                            out.push(c);
                            continue;
                        }
                    },
                    _ => it.get_item(&table, &Value::Int(c as i64)),
                };
                match got {
                    Ok(Value::None) => {}
                    Ok(Value::Str(r)) => out.push_str(&r),
                    Ok(Value::Int(i)) => out.push(char::from_u32(i as u32).unwrap_or(c)),
                    Ok(_) => {
                        return Err(Exc::type_err(
                            "character mapping must return integer, None or str",
                        ));
                    }
                    Err(e) if it.exc_class(&e).is_subclass(&it.types.exc["LookupError"]) => {
                        out.push(c)
                    }
                    Err(e) => return Err(e),
                }
            }
            sv(out)
        }
        "__len__" => Ok(Value::Int(s.chars().count() as i64)),
        _ => crate::dunders::call(it, &Value::Str(s.clone()), name, args, kw),
    }
}

pub(crate) fn str_maketrans(it: &mut Interp, args: &[Value]) -> PyResult<Value> {
    if args.iter().any(|a| str_of_subclass(a).is_some()) {
        let args: Vec<Value> = args
            .iter()
            .map(|a| str_sub_unwrapped(a, "maketrans"))
            .collect();
        return str_maketrans(it, &args);
    }
    let mut d = Dict::new();
    match args {
        [Value::Dict(src)] => {
            for (k, v) in src.borrow().map().iter() {
                let key = match &k.0 {
                    Value::Str(s) if s.chars().count() == 1 => {
                        Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0))
                    }
                    other => other.clone(),
                };
                d.map_mut().insert(Key(key), v.clone());
            }
        }
        [Value::Str(a), Value::Str(b), rest @ ..] => {
            if a.chars().count() != b.chars().count() {
                return Err(Exc::value_err(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (x, y) in a.chars().zip(b.chars()) {
                d.map_mut()
                    .insert(Key(Value::Int(x as i64)), Value::Int(y as i64));
            }
            if let Some(Value::Str(z)) = rest.first() {
                for c in z.chars() {
                    d.map_mut().insert(Key(Value::Int(c as i64)), Value::None);
                }
            }
        }
        _ => {
            return Err(Exc::type_err(
                "maketrans() arguments must be a dict or two strings",
            ));
        }
    }
    let _ = it;
    Ok(Value::dict(d))
}

// ------------------------------------------------------------------------------------------- list

/// `sep.join(items)`, with the limits checked as it goes: sizing the result reads every item, and copying
/// charges the bytes it copies.
fn join_strs(it: &mut Interp, sep: &str, items: &[Value]) -> PyResult<String> {
    // The result's size first, so that a join too big for the limits is refused before it is built.
    let mut total = sep.len().saturating_mul(items.len());
    for chunk in items.chunks(crate::interp::COPY_CHUNK) {
        for x in chunk {
            if let Some(p) = plain_or_sub_str(x) {
                total = total.saturating_add(p.len());
            }
        }
        it.charge((chunk.len() >> 4) as u64)?;
    }
    it.check_len(total)?;
    let mut out = String::new();
    out.try_reserve(total)
        .map_err(|_| crate::interp::no_memory(total))?;
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match plain_or_sub_str(x) {
            Some(p) => {
                // The copying is work the limits see as it goes (a tick per 64 bytes, a check
                // of the clock at least every 64 KiB copied), not only up front.
                it.charge(1 + (p.len() as u64 >> 6))?;
                out.push_str(p)
            }
            None => {
                let v = x;
                return Err(Exc::type_err(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(v)
                )));
            }
        }
    }
    it.check_len(out.len())?;
    it.admit_copy(out.len())?;
    Ok(out)
}

/// `s.replace(old, new, count)`, with the limits checked as the result grows (a replace over a few
/// hundred megabytes takes seconds).
fn replace_ticking(
    it: &mut Interp,
    s: &str,
    old: &str,
    new: &str,
    count: usize,
) -> PyResult<String> {
    if s.len() < crate::interp::COPY_CHUNK {
        let r = s.replacen(old, new, count);
        it.check_len(r.len())?;
        return Ok(r);
    }
    let mut out = String::new();
    let (mut last, mut since) = (0, 0usize);
    for (i, m) in s.match_indices(old).take(count) {
        out.push_str(&s[last..i]);
        out.push_str(new);
        since += i - last + new.len() + 16;
        last = i + m.len();
        if since >= crate::interp::COPY_CHUNK {
            it.charge((since >> 6) as u64)?;
            it.check_len(out.len())?;
            since = 0;
        }
    }
    out.push_str(&s[last..]);
    it.check_len(out.len())?;
    it.admit_copy(out.len())?;
    Ok(out)
}

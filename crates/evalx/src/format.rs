//! Text conversions: `repr` of every value, float repr (shortest round-trip, CPython's layout), the format
//! mini-language (`format(x, spec)`, f-strings), `str.format` and `%`-formatting.

use crate::builtins::type_name;
use crate::interp::{Exc, Interp, PyResult};
use crate::num;
use crate::thin::RcStr;
use crate::value::*;
use num_traits::Signed;

pub(crate) use crate::textrepr::{ascii, is_printable, repr_bytes, repr_float, repr_str};

/// A repr that needs no interpreter (used by Debug and the host's `Value::repr`); user instances print
/// as `<Class object at ...>` and containers nested deeper than 50 levels as `...`.
pub fn repr_plain(v: &Value) -> String {
    repr_plain_depth(v, 0)
}

fn repr_plain_depth(v: &Value, depth: usize) -> String {
    if depth > 50 {
        return "...".into();
    }
    let join = |items: &mut dyn Iterator<Item = &Value>| -> String {
        items
            .map(|x| repr_plain_depth(x, depth + 1))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match v {
        Value::List(l) => return format!("[{}]", join(&mut l.borrow().iter())),
        Value::Tuple(t) if t.len() == 1 => {
            return format!("({},)", repr_plain_depth(&t[0], depth + 1));
        }
        Value::Tuple(t) => return format!("({})", join(&mut t.iter())),
        Value::Dict(d) => {
            let parts: Vec<String> = d
                .borrow()
                .map()
                .iter()
                .map(|(k, x)| {
                    format!(
                        "{}: {}",
                        repr_plain_depth(&k.0, depth + 1),
                        repr_plain_depth(x, depth + 1)
                    )
                })
                .collect();
            return format!("{{{}}}", parts.join(", "));
        }
        Value::Set(s) if !s.items.borrow().is_empty() && !s.frozen => {
            let items: Vec<Value> = s.items.borrow().keys().map(|k| k.0.clone()).collect();
            return format!("{{{}}}", join(&mut items.iter()));
        }
        _ => {}
    }
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if b.get() { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Big(b) => b.to_string(),
        Value::Float(f) => repr_float(f.get()),
        Value::Complex(c) => crate::complex::repr(crate::complex::C::new(c.0, c.1)),
        Value::Str(s) => repr_str(s),
        Value::Bytes(b) => repr_bytes(b),
        Value::Ellipsis => "Ellipsis".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Func(f) => format!("<function {} at 0x{:x}>", f.qualname, v.identity()),
        Value::Builtin(b) => match &b.this {
            Some(Value::Module(_) | Value::Int(_)) | None => {
                format!("<built-in function {}>", b.name)
            }
            Some(t) => format!(
                "<built-in method {} of {} object at 0x{:x}>",
                b.name,
                type_name(t),
                t.identity()
            ),
        },
        Value::Class(c) => {
            if c.kind == Kind::User || &*c.module != "builtins" {
                format!("<class '{}.{}'>", c.module, c.qualname)
            } else {
                format!("<class '{}'>", c.name)
            }
        }
        Value::Module(m) => format!("<module '{}' (built-in)>", m.name),
        // A built-in class's instance shows no module (`<object object at 0x...>`), as CPython's.
        Value::Instance(i) if &*i.class.module == "builtins" => {
            format!("<{} object at 0x{:x}>", i.class.qualname, v.identity())
        }
        Value::Instance(i) => format!(
            "<{}.{} object at 0x{:x}>",
            i.class.module,
            i.class.qualname,
            v.identity()
        ),
        Value::BigRange(r) => {
            if r.step == num_bigint::BigInt::from(1) {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Value::Range(r) => {
            if r.2 == 1 {
                format!("range({}, {})", r.0, r.1)
            } else {
                format!("range({}, {}, {})", r.0, r.1, r.2)
            }
        }
        Value::Iter(i) => match &*i.borrow() {
            Iter::Generator(g) => format!(
                "<{} object {} at 0x{:x}>",
                g.kind.type_name(),
                g.qualname,
                v.identity()
            ),
            _ => format!("<{} object at 0x{:x}>", type_name(v), v.identity()),
        },
        // CPython's `<cell at 0x...: int object at 0x...>` (`empty` before the variable is bound).
        Value::Cell(c) => match &*c.borrow() {
            Value::Undef => format!("<cell at 0x{:x}: empty>", v.identity()),
            x => format!(
                "<cell at 0x{:x}: {} object at 0x{:x}>",
                v.identity(),
                type_name(x),
                x.identity()
            ),
        },
        _ => format!("<{} object at 0x{:x}>", type_name(v), v.identity()),
    }
}

/// `repr(v)`, calling `__repr__` on instances and guarding against recursive containers.
pub fn repr(it: &mut Interp, v: &Value) -> PyResult<String> {
    if let Value::Big(b) = v {
        crate::num::check_int_to_str(b)?;
        it.charge(int_str_ticks(b.bits() as usize / 3, 10))?;
    }
    // A class whose metaclass defines `__repr__` (`<enum 'Color'>`).
    if let Value::Class(c) = v
        && let Some(m) = c.meta.as_ref().and_then(|m| m.lookup("__repr__"))
    {
        return match it.call(&m, vec![v.clone()], Vec::new())? {
            Value::Str(s) => Ok(s.to_string()),
            other => Err(Exc::type_err(format!(
                "__repr__ returned non-string (type {})",
                type_name(&other)
            ))),
        };
    }
    // `object.__str__`: a slot wrapper (or method descriptor) of the class that holds it.
    if let Value::Builtin(b) = v
        && b.this.is_none()
        && crate::builtins::is_slot_builtin(b)
    {
        let owner = crate::builtins::slot_owner(it, b, None);
        return Ok(match crate::builtins::native_slot_type(b.name) {
            "method_descriptor" => format!("<method '{}' of '{}' objects>", b.name, owner.name),
            _ => format!("<slot wrapper '{}' of '{}' objects>", b.name, owner.name),
        });
    }
    thread_local! {
        static ACTIVE: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let id = v.identity();
    let container = matches!(
        v,
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Instance(_)
    );
    if container && ACTIVE.with(|a| a.borrow().contains(&id)) {
        return Ok(match v {
            Value::List(_) => "[...]".into(),
            Value::Dict(_) => "{...}".into(),
            _ => "...".into(),
        });
    }
    if it.depth() > it.limits.recursion || crate::guard::stack_low() {
        return Err(Exc::new(
            "RecursionError",
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    if container {
        ACTIVE.with(|a| a.borrow_mut().push(id));
    }
    it.depth += 1;
    let r = repr_inner(it, v);
    it.depth -= 1;
    if container {
        ACTIVE.with(|a| {
            a.borrow_mut().pop();
        });
    }
    r
}

/// Each item of a container's repr is work for the limits, and the text so far is an object being built
/// (`max_len`, `max_memory`): a repr of a million items stops at its deadline, not a second after it.
#[inline]
fn repr_progress(it: &mut Interp, i: usize, len: usize) -> PyResult<()> {
    it.charge(1)?;
    if i & 1023 == 1023 {
        it.check_len(len)?;
    }
    Ok(())
}

fn join_reprs(it: &mut Interp, items: &[Value]) -> PyResult<String> {
    let mut s = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr(it, x)?);
        repr_progress(it, i, s.len())?;
    }
    Ok(s)
}

fn repr_inner(it: &mut Interp, v: &Value) -> PyResult<String> {
    // Escaping a big str or bytes is one pass that runs to its end: sized against the limits first.
    match v {
        Value::Str(s) => it.admit_pass(s.len(), 6.0)?,
        Value::Bytes(b) => it.admit_pass(b.len(), 6.0)?,
        _ => {}
    }
    Ok(match v {
        Value::List(_) => {
            // A copy (an item's `__repr__` may change the list), made in chunks the limits can stop.
            let items = it.collect(v)?;
            let r = join_reprs(it, &items);
            match &r {
                Err(e) => it.bury(e, items),
                Ok(_) => it.drop_ticking(items),
            }
            format!("[{}]", r?)
        }
        Value::Tuple(t) => {
            if t.len() == 1 {
                format!("({},)", repr(it, &t[0])?)
            } else {
                format!("({})", join_reprs(it, t)?)
            }
        }
        Value::Dict(d) => {
            // A copy (an item's `__repr__` may change the dict), made in charged chunks, and freed in
            // chunks (or later, when a limit stopped the repr): ten million pairs are a tenth of a second
            // either way.
            let n = d.borrow().map().len();
            let mut items: Vec<(Value, Value)> = it.alloc_vec(n)?;
            for (i, (k, x)) in d.borrow().map().iter().enumerate() {
                items.push((k.0.clone(), x.clone()));
                if i & (crate::interp::COPY_CHUNK - 1) == crate::interp::COPY_CHUNK - 1 {
                    if let Err(e) = it.charge((crate::interp::COPY_CHUNK >> 4) as u64) {
                        it.bury(&e, items);
                        return Err(e);
                    }
                }
            }
            let mut s = String::from("{");
            let mut r = Ok(());
            for (i, (k, x)) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                r = repr(it, k)
                    .map(|t| s.push_str(&t))
                    .and_then(|()| repr(it, x))
                    .map(|t| {
                        s.push_str(": ");
                        s.push_str(&t);
                    })
                    .and_then(|()| repr_progress(it, i, s.len()));
                if r.is_err() {
                    break;
                }
            }
            match r {
                Err(e) => {
                    it.bury(&e, items);
                    return Err(e);
                }
                Ok(()) => it.drop_ticking(items),
            }
            s.push('}');
            s
        }
        Value::Set(st) => {
            let mut items: Vec<Value> = it.alloc_vec(st.items.borrow().len())?;
            for (i, k) in st.items.borrow().keys().enumerate() {
                items.push(k.0.clone());
                if i & (crate::interp::COPY_CHUNK - 1) == crate::interp::COPY_CHUNK - 1 {
                    if let Err(e) = it.charge((crate::interp::COPY_CHUNK >> 4) as u64) {
                        it.bury(&e, items);
                        return Err(e);
                    }
                }
            }
            if items.is_empty() {
                if st.frozen {
                    "frozenset()".into()
                } else {
                    "set()".into()
                }
            } else if st.frozen {
                format!("frozenset({{{}}})", join_reprs(it, &items)?)
            } else {
                format!("{{{}}}", join_reprs(it, &items)?)
            }
        }
        Value::View(vw) => {
            let name = ["dict_keys", "dict_values", "dict_items"][vw.1.min(2) as usize];
            let items: Vec<Value> =
                vw.0.borrow()
                    .map()
                    .iter()
                    .map(|(k, x)| match vw.1 {
                        0 => k.0.clone(),
                        1 => x.clone(),
                        _ => Value::tuple(vec![k.0.clone(), x.clone()]),
                    })
                    .collect();
            format!("{name}([{}])", join_reprs(it, &items)?)
        }
        Value::Slice(s) => format!(
            "slice({}, {}, {})",
            repr(it, &s.0)?,
            repr(it, &s.1)?,
            repr(it, &s.2)?
        ),
        Value::Bound(b) => match &b.1 {
            Value::Str(name) => match &b.0 {
                Value::Class(c) if crate::dunders::is_type_bound(name) => format!(
                    "<built-in method {name} of type object at 0x{:x}>",
                    b.0.identity()
                ),
                Value::Class(c) if crate::dunders::class_is_slot_wrapper(c, name) => {
                    format!("<slot wrapper '{name}' of '{}' objects>", c.name)
                }
                Value::Class(c) => format!("<method '{name}' of '{}' objects>", c.name),
                recv if crate::dunders::is_slot_wrapper(recv, name) => format!(
                    "<method-wrapper '{name}' of {} object at 0x{:x}>",
                    type_name(recv),
                    recv.identity()
                ),
                recv => format!(
                    "<built-in method {name} of {} object at 0x{:x}>",
                    type_name(recv),
                    recv.identity()
                ),
            },
            Value::Func(f) => format!("<bound method {} of {}>", f.qualname, repr(it, &b.0)?),
            // `object().__str__`: a method-wrapper (or, for a method, a built-in method).
            Value::Builtin(f) if f.this.is_none() && crate::builtins::is_slot_builtin(f) => {
                let what = match crate::builtins::native_slot_bound_type(f.name) {
                    "method-wrapper" => format!("<method-wrapper '{}' of", f.name),
                    _ => format!("<built-in method {} of", f.name),
                };
                format!(
                    "{what} {} object at 0x{:x}>",
                    type_name(&b.0),
                    b.0.identity()
                )
            }
            other => format!("<bound method {}>", repr(it, other)?),
        },
        Value::Instance(i) => {
            if let Some(m) = it.lookup_special(v, "__repr__") {
                let r = it.call(&m, vec![v.clone()], Vec::new())?;
                return match r {
                    Value::Str(s) => Ok(s.to_string()),
                    other => Err(Exc::type_err(format!(
                        "__repr__ returned non-string (type {})",
                        type_name(&other)
                    ))),
                };
            }
            match &**i.class.name {
                "property" => format!("<property object at 0x{:x}>", v.identity()),
                "super" => "<super object>".into(),
                "code" if crate::builtins::code_repr(v).is_some() => {
                    crate::builtins::code_repr(v).unwrap_or_default()
                }
                "frame" if i.class.kind == Kind::Object => {
                    let live = crate::builtins::frame_live_attr(it, i, "f_lineno");
                    let d = |k: &str| match (k, &live) {
                        ("f_lineno", Some(n)) => n.clone(),
                        _ => i.dict.get_str(k).unwrap_or(Value::None),
                    };
                    let (file, name) = match crate::builtins::code_of(&d("f_code")) {
                        Some((code, _)) => (code.filename.to_string(), code.name.to_string()),
                        None => (String::new(), String::new()),
                    };
                    format!(
                        "<frame at 0x{:x}, file {}, line {}, code {name}>",
                        v.identity(),
                        repr_plain(&Value::str(&file)),
                        repr_plain(&d("f_lineno"))
                    )
                }
                "member_descriptor" => {
                    let d = i.dict.borrow();
                    let g = |k: &str| match d.get_str(k) {
                        Some(Value::Str(s)) => s.to_string(),
                        _ => String::new(),
                    };
                    format!(
                        "<member '{}' of '{}' objects>",
                        g("__name__"),
                        g("__objclass_name__")
                    )
                }
                "getset_descriptor" | "classmethod_descriptor" => {
                    let d = i.dict.borrow();
                    let g = |k: &str| match d.get_str(k) {
                        Some(Value::Str(s)) => s.to_string(),
                        _ => String::new(),
                    };
                    let what = if &*i.class.name == "getset_descriptor" {
                        "attribute"
                    } else {
                        "method"
                    };
                    format!(
                        "<{what} '{}' of '{}' objects>",
                        g("__name__"),
                        g("__objclass_name__")
                    )
                }
                "mappingproxy" if i.native.is_some() => {
                    let p = i.native.clone().unwrap_or(Value::None);
                    format!("mappingproxy({})", repr(it, &p)?)
                }
                _ => repr_plain(v),
            }
        }
        // A native iterator with a repr of its own (`count(5)`, `repeat(1, 3)`).
        Value::Iter(i) if matches!(&*i.borrow(), Iter::Native(n) if n.repr.is_some()) => {
            let show = match &*i.borrow() {
                Iter::Native(n) => n.repr,
                _ => None,
            };
            match show {
                Some(f) => f(it, i)?,
                None => repr_plain(v),
            }
        }
        // `classmethod(f)` / `staticmethod(f)`: CPython 3.10+ shows the wrapped callable.
        Value::Builtin(b) if matches!(b.name, "<classmethod>" | "<staticmethod>") => {
            let inner = b.this.clone().unwrap_or(Value::None);
            format!(
                "<{}({})>",
                b.name.trim_matches(|c| c == '<' || c == '>'),
                repr(it, &inner)?
            )
        }
        _ => repr_plain(v),
    })
}

// ------------------------------------------------------------------------------------ format spec

#[derive(Default, Debug)]
pub(crate) struct Spec {
    pub(crate) fill: char,
    /// The spec names its fill character (`*<10`); otherwise the `0` flag makes the fill `0`.
    pub(crate) fill_given: bool,
    pub(crate) align: Option<char>,
    pub(crate) sign: Option<char>,
    pub(crate) alt: bool,
    /// `z`: a float that rounds to zero prints without its minus sign (PEP 682).
    pub(crate) z: bool,
    pub(crate) zero: bool,
    pub(crate) width: usize,
    pub(crate) grouping: Option<char>,
    pub(crate) precision: Option<usize>,
    pub(crate) ty: Option<char>,
}

pub(crate) fn parse_spec(s: &str) -> PyResult<Spec> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp = Spec {
        fill: ' ',
        ..Default::default()
    };
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    if c.len() >= 2 && is_align(c[1]) {
        sp.fill = c[0];
        sp.fill_given = true;
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        sp.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let mut w = String::new();
    while i < c.len() && c[i].is_ascii_digit() {
        w.push(c[i]);
        i += 1;
    }
    sp.width = w.parse().unwrap_or(0);
    if i < c.len() && matches!(c[i], ',' | '_') {
        sp.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < c.len() && c[i].is_ascii_digit() {
            p.push(c[i]);
            i += 1;
        }
        if p.is_empty() {
            return Err(Exc::value_err("Format specifier missing precision"));
        }
        sp.precision = p.parse().ok();
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(Exc::value_err("Invalid format specifier"));
    }
    if sp.width > 1_000_000 || sp.precision.is_some_and(|p| p > 1_000_000) {
        return Err(Exc::value_err("Too many decimal digits in format string"));
    }
    Ok(sp)
}

pub(crate) fn group(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn pad(body: String, sign: &str, sp: &Spec, default_align: char) -> String {
    let len = body.chars().count() + sign.chars().count();
    if sp.width <= len {
        return format!("{sign}{body}");
    }
    let fill_n = sp.width - len;
    let (fill, align) = fill_align(sp, default_align);
    let f = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{body}{}", f(fill_n)),
        '^' => format!("{}{sign}{body}{}", f(fill_n / 2), f(fill_n - fill_n / 2)),
        '=' => format!("{sign}{}{body}", f(fill_n)),
        _ => format!("{}{sign}{body}", f(fill_n)),
    }
}

/// The fill character and alignment a spec pads with: the `0` flag fills with `0` unless the spec names a
/// fill, and for numbers (right-aligned by default) pads after the sign unless it names an alignment.
fn fill_align(sp: &Spec, default_align: char) -> (char, char) {
    if sp.zero && !sp.fill_given {
        let align = match sp.align {
            Some(a) => a,
            None if default_align == '>' => '=',
            None => default_align,
        };
        ('0', align)
    } else {
        (sp.fill, sp.align.unwrap_or(default_align))
    }
}

/// Groups `digits` with `sep` every `every` digits; when the spec pads with `0` after the sign, the padding
/// is made of grouped digits too (`format(123, '08,d')` is `0,000,123`), taking `min_width` characters at
/// least, as CPython's `_PyUnicode_InsertThousandsGrouping`.
fn group_padded(digits: &str, sep: char, every: usize, sp: &Spec, others: usize) -> String {
    let grouped = group(digits, sep, every);
    if digits.is_empty() || fill_align(sp, '>') != ('0', '=') {
        return grouped;
    }
    let min_width = sp.width.saturating_sub(others);
    let mut padded = digits.to_string();
    let mut out = grouped;
    while out.chars().count() < min_width {
        padded.insert(0, '0');
        out = group(&padded, sep, every);
    }
    out
}

fn sign_str(neg: bool, sp: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// The most fractional digits a finite f64 has in decimal (its exact expansion ends within 1074 digits): more
/// precision only appends zeros, which is how precisions past what `format!` takes (65535) are written.
const EXACT_DIGITS: usize = 1100;

/// `format!("{:.prec$}", x)` for any precision.
fn fixed(x: f64, prec: usize) -> String {
    if prec <= EXACT_DIGITS {
        return format!("{:.*}", prec, x);
    }
    let mut s = format!("{:.*}", EXACT_DIGITS, x);
    s.extend(std::iter::repeat_n('0', prec - EXACT_DIGITS));
    s
}

/// `format!("{:.prec$e}", x)` for any precision.
fn sci(x: f64, prec: usize) -> String {
    if prec <= EXACT_DIGITS {
        return format!("{:.*e}", prec, x);
    }
    let s = format!("{:.*e}", EXACT_DIGITS, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let mut out = String::with_capacity(prec + 8);
    out.push_str(m);
    out.extend(std::iter::repeat_n('0', prec - EXACT_DIGITS));
    out.push('e');
    out.push_str(e);
    out
}

/// Formats a float with 'e', 'f', 'g' or '%' rules; returns the digits without sign.
pub(crate) fn fmt_float(x: f64, ty: char, prec: usize, alt: bool) -> String {
    let x = x.abs();
    if x.is_nan() {
        return if ty.is_uppercase() {
            "NAN".into()
        } else {
            "nan".into()
        };
    }
    if x.is_infinite() {
        return if ty.is_uppercase() {
            "INF".into()
        } else {
            "inf".into()
        };
    }
    match ty {
        'f' | 'F' => {
            let s = fixed(x, prec);
            if alt && prec == 0 { format!("{s}.") } else { s }
        }
        '%' => {
            let s = fixed(x * 100.0, prec);
            format!("{s}%")
        }
        'e' | 'E' => {
            let s = sci(x, prec);
            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
            let e: i32 = e.parse().unwrap_or(0);
            let m = if alt && prec == 0 {
                format!("{m}.")
            } else {
                m.to_string()
            };
            let r = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
            if ty == 'E' { r.to_uppercase() } else { r }
        }
        _ => {
            // 'g' / 'G'
            let p = prec.max(1);
            if x == 0.0 {
                return if alt {
                    format!("0.{}", "0".repeat(p - 1))
                } else {
                    "0".into()
                };
            }
            let s = sci(x, p - 1);
            let (_, e) = s.split_once('e').unwrap_or((&s, "0"));
            let exp: i32 = e.parse().unwrap_or(0);
            let mut r = if exp >= -4 && exp < p as i32 {
                fixed(x, (p as i32 - 1 - exp).max(0) as usize)
            } else {
                fmt_float(x, 'e', p - 1, alt)
            };
            if !alt {
                if let Some(epos) = r.find('e') {
                    let (m, e) = r.split_at(epos);
                    let m = if m.contains('.') {
                        m.trim_end_matches('0').trim_end_matches('.')
                    } else {
                        m
                    };
                    r = format!("{m}{e}");
                } else if r.contains('.') {
                    r = r.trim_end_matches('0').trim_end_matches('.').to_string();
                }
            }
            if ty == 'G' { r.to_uppercase() } else { r }
        }
    }
}

/// A float under a spec with a precision and no type: like 'g', but scientific from exponent `prec - 1`
/// on and with at least one digit after the point (CPython's `Py_DTSF_ADD_DOT_0`): `format(21.5, '.2')` is
/// `2.2e+01`, `format(1.0, '.3')` is `1.0`.
fn fmt_float_no_type(x: f64, prec: usize, alt: bool) -> String {
    if !x.is_finite() {
        return fmt_float(x, 'g', prec, alt);
    }
    let x = x.abs();
    let p = prec.max(1);
    let s = sci(x, p - 1);
    let exp: i32 = s
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    if exp < -4 || exp >= p as i32 - 1 {
        let r = fmt_float(x, 'e', p - 1, alt);
        if alt {
            return r;
        }
        return match r.split_once('e') {
            Some((m, e)) if m.contains('.') => {
                format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.'))
            }
            _ => r,
        };
    }
    let mut r = fixed(x, (p as i32 - 1 - exp).max(0) as usize);
    if !alt && r.contains('.') {
        r = r.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if !r.contains('.') {
        r.push_str(".0");
    }
    r
}

/// Whether a formatted float's digits are all zero (what `z` looks at).
fn rounds_to_zero(body: &str) -> bool {
    let mant = body.split(['e', 'E']).next().unwrap_or(body);
    mant.chars().any(|c| c == '0') && mant.chars().all(|c| matches!(c, '0' | '.' | '%'))
}

/// `format(v, spec)` for built-in values.
pub fn format_spec(it: &mut Interp, v: &Value, spec: &str) -> PyResult<String> {
    let out = format_spec_inner(it, v, spec)?;
    // The text made is work in proportion to its length (`f'{x:.70000f}'`).
    it.charge((out.len() >> 4) as u64)?;
    Ok(out)
}

fn format_spec_inner(it: &mut Interp, v: &Value, spec: &str) -> PyResult<String> {
    if let Value::Complex(c) = v {
        return crate::complex::format(crate::complex::C::new(c.0, c.1), spec);
    }
    let sp = parse_spec(spec)?;
    match v {
        Value::Str(s) => {
            if let Some(t) = sp.ty {
                if t != 's' {
                    return Err(Exc::value_err(format!(
                        "Unknown format code '{t}' for object of type 'str'"
                    )));
                }
            }
            if sp.sign.is_some() {
                return Err(Exc::value_err(
                    "Sign not allowed in string format specifier",
                ));
            }
            if sp.z {
                return Err(Exc::value_err(
                    "Negative zero coercion (z) not allowed in string format specifier",
                ));
            }
            if sp.align == Some('=') {
                return Err(Exc::value_err(
                    "'=' alignment not allowed in string format specifier",
                ));
            }
            let body: String = match sp.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s.to_string(),
            };
            Ok(pad(body, "", &sp, '<'))
        }
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => {
            // Converting and grouping a big int's digits is work in proportion to its size (uncharged,
            // a loop of `'{:,}'.format(n)` on 4,300 digits ran a thousand of them between two checks).
            if let Value::Big(x) = v {
                it.charge(int_str_ticks(x.bits() as usize / 3, 10))?;
            }
            let b = num::to_big(v).unwrap_or_default();
            let ty = sp.ty.unwrap_or('d');
            if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
                let f = num::big_to_f64(&b)?;
                return format_spec(it, &Value::float(f), spec);
            }
            if matches!(v, Value::Bool(_)) && sp.ty.is_none() && spec.is_empty() {
                return it.to_str(v);
            }
            if sp.precision.is_some() {
                return Err(Exc::value_err(
                    "Precision not allowed in integer format specifier",
                ));
            }
            if sp.z {
                return Err(Exc::value_err(
                    "Negative zero coercion (z) not allowed in integer format specifier",
                ));
            }
            let neg = b.is_negative();
            let a = b.abs();
            let (digits, prefix) = match ty {
                'd' | 'n' => {
                    crate::num::check_int_to_str(&a)?;
                    (a.to_string(), "")
                }
                'x' => (a.to_str_radix(16), "0x"),
                'X' => (a.to_str_radix(16).to_uppercase(), "0X"),
                'o' => (a.to_str_radix(8), "0o"),
                'b' => (a.to_str_radix(2), "0b"),
                'c' => {
                    let c = a
                        .to_string()
                        .parse::<u32>()
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| {
                            Exc::new("OverflowError", "%c arg not in range(0x110000)")
                        })?;
                    return Ok(pad(c.to_string(), "", &sp, '<'));
                }
                's' => {
                    return Err(Exc::value_err(
                        "Unknown format code 's' for object of type 'int'",
                    ));
                }
                t => {
                    return Err(Exc::value_err(format!(
                        "Unknown format code '{t}' for object of type 'int'"
                    )));
                }
            };
            let sign = format!("{}{}", sign_str(neg, &sp), if sp.alt { prefix } else { "" });
            let digits = match sp.grouping {
                Some(g) => {
                    let every = if matches!(ty, 'd' | 'n') { 3 } else { 4 };
                    group_padded(&digits, g, every, &sp, sign.chars().count())
                }
                None => digits,
            };
            Ok(pad(digits, &sign, &sp, '>'))
        }
        Value::Float(f) => {
            let f = *f;
            let neg = f.is_sign_negative() && !f.is_nan();
            let body = match sp.ty {
                None => match sp.precision {
                    None => {
                        let r = repr_float(f.get());
                        r.trim_start_matches('-').to_string()
                    }
                    Some(p) => fmt_float_no_type(f.get(), p, sp.alt),
                },
                Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => {
                    fmt_float(f.get(), t, sp.precision.unwrap_or(6), sp.alt)
                }
                Some('n') => fmt_float(f.get(), 'g', sp.precision.unwrap_or(6), sp.alt),
                Some(t) => {
                    return Err(Exc::value_err(format!(
                        "Unknown format code '{t}' for object of type 'float'"
                    )));
                }
            };
            // `z`: a result that rounded to zero loses its minus sign.
            let neg = neg && !(sp.z && rounds_to_zero(&body));
            let sign = sign_str(neg, &sp);
            let body = match sp.grouping {
                Some(g) => {
                    let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                        Some(i) => body.split_at(i),
                        None => (body.as_str(), ""),
                    };
                    let others = sign.chars().count() + rest.chars().count();
                    format!("{}{}", group_padded(int_part, g, 3, &sp, others), rest)
                }
                None => body,
            };
            Ok(pad(body, sign, &sp, '>'))
        }
        _ => {
            if spec.is_empty() {
                return it.to_str(v);
            }
            Err(Exc::type_err(format!(
                "unsupported format string passed to {}.__format__",
                type_name(v)
            )))
        }
    }
}

// ------------------------------------------------------------------------------------ str.format

/// `template.format(*args, **kwargs)`.
pub fn str_format(
    it: &mut Interp,
    tpl: &str,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> PyResult<String> {
    let (mut auto, mut manual) = (0usize, false);
    str_format_numbered(it, tpl, args, kw, &mut auto, &mut manual)
}

/// `str_format` with the automatic field counter passed in: a nested spec (`'{:{}.{}}'`) numbers its
/// fields on from the outer ones, as CPython does.
fn str_format_numbered(
    it: &mut Interp,
    tpl: &str,
    args: &[Value],
    kw: &[(RcStr, Value)],
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<String> {
    let c: Vec<char> = tpl.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '{' if c.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if c.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '}' => return Err(Exc::value_err("Single '}' encountered in format string")),
            '{' => {
                let mut depth = 1;
                let mut j = i + 1;
                while j < c.len() {
                    if c[j] == '{' {
                        depth += 1;
                    } else if c[j] == '}' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    j += 1;
                }
                if j >= c.len() {
                    return Err(Exc::value_err("expected '}' before end of string"));
                }
                let field: String = c[i + 1..j].iter().collect();
                i = j + 1;
                let (name_part, spec) = match field.find(':') {
                    Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
                    None => (field.clone(), String::new()),
                };
                let (name_part, conv) = match name_part.find('!') {
                    Some(p) => (
                        name_part[..p].to_string(),
                        name_part[p + 1..].chars().next(),
                    ),
                    None => (name_part, None),
                };
                let first_end = name_part.find(['.', '[']).unwrap_or(name_part.len());
                let first = &name_part[..first_end];
                let mut v = if first.is_empty() {
                    if *manual {
                        return Err(Exc::value_err(
                            "cannot switch from manual field specification to automatic field numbering",
                        ));
                    }
                    let v = args.get(*auto).cloned().ok_or_else(|| {
                        Exc::new(
                            "IndexError",
                            format!(
                                "Replacement index {auto} out of range for positional args tuple"
                            ),
                        )
                    })?;
                    *auto += 1;
                    v
                } else if let Ok(n) = first.parse::<usize>() {
                    if *auto > 0 {
                        return Err(Exc::value_err(
                            "cannot switch from automatic field numbering to manual field specification",
                        ));
                    }
                    *manual = true;
                    args.get(n).cloned().ok_or_else(|| {
                        Exc::new(
                            "IndexError",
                            format!("Replacement index {n} out of range for positional args tuple"),
                        )
                    })?
                } else {
                    kw.iter()
                        .find(|(k, _)| &**k == first)
                        .map(|(_, v)| v.clone())
                        .ok_or_else(|| Exc::with_args("KeyError", vec![Value::str(first)]))?
                };
                let mut rest = &name_part[first_end..];
                while !rest.is_empty() {
                    if let Some(r) = rest.strip_prefix('.') {
                        let end = r.find(['.', '[']).unwrap_or(r.len());
                        v = it.get_attr(&v, &r[..end])?;
                        rest = &r[end..];
                    } else if let Some(r) = rest.strip_prefix('[') {
                        let end = r
                            .find(']')
                            .ok_or_else(|| Exc::value_err("Missing ']' in format string"))?;
                        let key = &r[..end];
                        let k = match key.parse::<i64>() {
                            Ok(n) => Value::Int(n),
                            Err(_) => Value::str(key),
                        };
                        v = it.get_item(&v, &k)?;
                        rest = &r[end + 1..];
                    } else {
                        break;
                    }
                }
                let v = match conv {
                    Some('r') => Value::Str(it.repr(&v)?.into()),
                    Some('s') => Value::Str(it.to_str(&v)?.into()),
                    Some('a') => Value::Str(ascii(&it.repr(&v)?).into()),
                    Some(x) => {
                        return Err(Exc::value_err(format!("Unknown conversion specifier {x}")));
                    }
                    None => v,
                };
                // The spec's own fields are filled after the field's value is taken (CPython's order).
                let spec = if spec.contains('{') {
                    str_format_numbered(it, &spec, args, kw, auto, manual)?
                } else {
                    spec
                };
                out.push_str(&it.format_value(&v, &spec)?);
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------ % formatting

/// Ticks for converting an int of `digits` digits in `base` to or from text: linear for a base that is a
/// power of two, quadratic in num-bigint's decimal conversion (about 100 µs for CPython's limit of 4,300
/// digits in a release build). Uncharged, a loop of `str(n)` or `int(s)` at that limit checked the clock
/// once in 1,024 conversions, a tenth of a second apart.
pub(crate) fn int_str_ticks(digits: usize, base: u32) -> u64 {
    let d = digits as u64;
    if base.is_power_of_two() {
        d >> 2
    } else {
        d / 4 + d * d / 2048
    }
}

/// `fmt % args`.
pub fn percent_format(it: &mut Interp, fmt: &str, args: &Value) -> PyResult<String> {
    if let Some(r) = percent_plain(it, fmt, args) {
        return r;
    }
    let c: Vec<char> = fmt.chars().collect();
    let out = percent(it, &c, args, false)?;
    // The text made is work in proportion to its length (`'%.70000f' % x`).
    it.charge((out.len() >> 4) as u64)?;
    Ok(out)
}

/// Whether every conversion of `fmt` is `%s` or `%(key)s` with no flags, width or precision, or `%%`:
/// `Some(whether a positional %s is among them)`, `None` for any other format.
fn plain_format(fmt: &str) -> Option<bool> {
    let b = fmt.as_bytes();
    let mut positional = false;
    let mut k = 0;
    while let Some(p) = b[k..].iter().position(|&x| x == b'%') {
        let j = k + p + 1;
        k = match b.get(j)? {
            b'%' => j + 1,
            b's' => {
                positional = true;
                j + 1
            }
            b'(' => {
                let end = b[j..].iter().position(|&x| x == b')')? + j;
                // A key with a `(` of its own is balanced by [`percent`], not here.
                if b.get(end + 1) != Some(&b's') || b[j + 1..end].contains(&b'(') {
                    return None;
                }
                end + 2
            }
            _ => return None,
        };
    }
    Some(positional)
}

/// A [`plain_format`] filled: positional values from `items`, keyed ones from `key`; `mapping` says
/// whether unused `items` are allowed (a mapping argument), as [`percent`] decides.
fn plain_fill(
    it: &mut Interp,
    fmt: &str,
    items: &[Value],
    mapping: bool,
    mut key: impl FnMut(&mut Interp, &str) -> PyResult<Value>,
) -> PyResult<String> {
    let b = fmt.as_bytes();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut idx = 0;
    // After a `%(key)` conversion CPython has no positional arguments left.
    let mut keyed = false;
    let mut k = 0;
    while let Some(p) = b[k..].iter().position(|&x| x == b'%') {
        out.push_str(&fmt[k..k + p]);
        let j = k + p + 1;
        let v = match b.get(j) {
            Some(b'%') => {
                out.push('%');
                k = j + 1;
                continue;
            }
            Some(b's') => {
                k = j + 1;
                let v = items
                    .get(idx)
                    .filter(|_| !keyed)
                    .ok_or_else(|| Exc::type_err("not enough arguments for format string"))?;
                idx += 1;
                v.clone()
            }
            _ => {
                let end = b[j..].iter().position(|&x| x == b')').unwrap_or(0) + j;
                k = end + 2;
                keyed = true;
                key(it, fmt.get(j + 1..end).unwrap_or_default())?
            }
        };
        match &v {
            Value::Str(s) => out.push_str(s),
            _ => out.push_str(&it.to_str(&v)?),
        }
    }
    out.push_str(fmt.get(k..).unwrap_or_default());
    if !mapping && idx < items.len() {
        return Err(Exc::type_err(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

/// Whether `%` formatting takes `args` as its mapping, as CPython decides: a value whose type has
/// `__getitem__` and is not a tuple or str (nor bytes, for bytes formatting). `%(key)s` looks keys up in it
/// (`__missing__` and a list's index error included), and positional arguments left over are no error.
fn percent_mapping(it: &Interp, args: &Value, bytes: bool) -> bool {
    match args {
        Value::Tuple(_) | Value::Str(_) => false,
        Value::Bytes(_) => !bytes,
        Value::Dict(_) | Value::List(_) | Value::Range(_) => true,
        Value::Instance(_) | Value::Class(_) => it.lookup_special(args, "__getitem__").is_some(),
        _ => false,
    }
}

/// `fmt % args` for a [`plain_format`] (logging's formats, most messages): the text between the
/// conversions is copied whole and each value's `str` appended, with what [`percent`] gives, errors
/// included. `None` (decided from the format alone, before any value is converted) for any other format.
fn percent_plain(it: &mut Interp, fmt: &str, args: &Value) -> Option<PyResult<String>> {
    plain_format(fmt)?;
    let (items, mapping): (&[Value], Option<&Value>) = match args {
        Value::Tuple(t) => (&t[..], None),
        other => (
            std::slice::from_ref(other),
            percent_mapping(it, other, false).then_some(other),
        ),
    };
    Some(plain_fill(it, fmt, items, mapping.is_some(), |it, k| {
        let m = mapping.ok_or_else(|| Exc::type_err("format requires a mapping"))?;
        it.get_item(m, &Value::str(k))
    }))
}

/// `fmt % inst.__dict__` for a [`plain_format`] with keyed conversions only, read from the instance's
/// attributes without making its `__dict__` (logging's `PercentStyle` formatting a record); a missing
/// name raises `KeyError(name)` as the dict would. `None` for any other format.
pub(crate) fn percent_attrs(
    it: &mut Interp,
    fmt: &str,
    inst: &Instance,
) -> Option<PyResult<String>> {
    if plain_format(fmt)? {
        return None;
    }
    Some(plain_fill(it, fmt, &[], true, |_, k| {
        inst.dict
            .get_str(k)
            .ok_or_else(|| Exc::with_args("KeyError", vec![Value::str(k)]))
    }))
}

/// `fmt % args` for bytes and bytearray (PEP 461): the format's bytes are read as latin-1 characters, `%s`
/// and `%b` take bytes-likes (or `__bytes__`), `%r`/`%a` give `ascii(repr(x))`, `%c` an int below 256 or a
/// single byte; the result's characters are the bytes.
pub(crate) fn percent_format_bytes(it: &mut Interp, fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    let c: Vec<char> = fmt.iter().map(|&b| char::from(b)).collect();
    let s = percent(it, &c, args, true)?;
    Ok(s.chars().map(|ch| ch as u32 as u8).collect())
}

/// The bytes `%s`/`%b` inserts: a bytes-like's own, or what `__bytes__` returns, as latin-1 characters.
fn percent_bytes_arg(it: &mut Interp, v: &Value) -> PyResult<String> {
    let raw = match crate::methods::bytes_like(v) {
        Some(b) => b,
        None => {
            let hook = match v {
                Value::Instance(_) => it.lookup_special(v, "__bytes__"),
                _ => None,
            };
            let Some(f) = hook else {
                return Err(Exc::type_err(format!(
                    "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                    type_name(v)
                )));
            };
            match it.call(&f, vec![v.clone()], vec![])? {
                Value::Bytes(b) => b.to_vec(),
                other => {
                    return Err(Exc::type_err(format!(
                        "__bytes__ returned non-bytes (type {})",
                        type_name(&other)
                    )));
                }
            }
        }
    };
    Ok(raw.iter().map(|&b| char::from(b)).collect())
}

/// `%.Nd`/`%.Nx`/`%.No` (printf's precision on an integer: at least N digits, zero-filled), with the
/// conversion's flags: `sign` ("+", " " or ""), `#` (the 0x/0X/0o prefix), `0` and `-`, and the width.
#[allow(
    clippy::too_many_arguments,
    reason = "printf's flags, each its own argument"
)]
fn percent_int_precision(
    it: &mut Interp,
    n: &num_bigint::BigInt,
    ty: char,
    prec: usize,
    sign: &str,
    alt: bool,
    zero: bool,
    left: bool,
    width: usize,
) -> PyResult<String> {
    it.check_len(prec.max(width))?;
    let mag = n.magnitude();
    let mut digits = match ty {
        'x' => mag.to_str_radix(16),
        'X' => mag.to_str_radix(16).to_ascii_uppercase(),
        'o' => mag.to_str_radix(8),
        _ => mag.to_str_radix(10),
    };
    if digits.len() < prec {
        digits = "0".repeat(prec - digits.len()) + &digits;
    }
    let sgn = if n.is_negative() { "-" } else { sign };
    let prefix = match (alt, ty) {
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        (true, 'o') => "0o",
        _ => "",
    };
    let len = sgn.len() + prefix.len() + digits.len();
    let fill = width.saturating_sub(len);
    Ok(if fill == 0 {
        format!("{sgn}{prefix}{digits}")
    } else if left {
        format!("{sgn}{prefix}{digits}{}", " ".repeat(fill))
    } else if zero {
        format!("{sgn}{prefix}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{sgn}{prefix}{digits}", " ".repeat(fill))
    })
}

fn percent(it: &mut Interp, c: &[char], args: &Value, bytes: bool) -> PyResult<String> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mapping = percent_mapping(it, args, bytes).then(|| args.clone());
    let mut idx = 0;
    let mut out = String::new();
    let mut i = 0;
    // After a `%(key)` conversion CPython has no positional arguments left (`'%(a)s %s' % d`).
    let mut keyed = false;
    let next_arg = |idx: &mut usize, keyed: bool| -> PyResult<Value> {
        let v = items
            .get(*idx)
            .filter(|_| !keyed)
            .cloned()
            .ok_or_else(|| Exc::type_err("not enough arguments for format string"))?;
        *idx += 1;
        Ok(v)
    };
    while i < c.len() {
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= c.len() {
            return Err(Exc::value_err("incomplete format"));
        }
        let mut key_val = None;
        if c[i] == '(' {
            // The key runs to the `)` that balances its `(` (`%(a(b))s` has the key `a(b)`).
            let mut depth = 0usize;
            let end = c[i..]
                .iter()
                .position(|&x| {
                    match x {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .ok_or_else(|| Exc::value_err("incomplete format key"))?
                + i;
            let key: String = c[i + 1..end].iter().collect();
            let m = mapping
                .clone()
                .ok_or_else(|| Exc::type_err("format requires a mapping"))?;
            let key = if bytes {
                Value::Bytes(
                    key.chars()
                        .map(|ch| ch as u32 as u8)
                        .collect::<Vec<u8>>()
                        .into(),
                )
            } else {
                Value::str(&key)
            };
            key_val = Some(it.get_item(&m, &key)?);
            keyed = true;
            i = end + 1;
        }
        let mut flags = String::new();
        while i < c.len() && matches!(c[i], '-' | '+' | ' ' | '#' | '0') {
            flags.push(c[i]);
            i += 1;
        }
        let mut width = String::new();
        if i < c.len() && c[i] == '*' {
            let w = crate::builtins::to_index_of(it, &next_arg(&mut idx, keyed)?)?;
            // A negative `*` width left-aligns, as the `-` flag does.
            if w < 0 {
                flags.push('-');
            }
            width = w.unsigned_abs().to_string();
            i += 1;
        }
        while i < c.len() && c[i].is_ascii_digit() {
            width.push(c[i]);
            i += 1;
        }
        // A width or precision past what CPython's Py_ssize_t holds is refused as CPython refuses it.
        if !width.is_empty() && width.parse::<i64>().is_err() {
            return Err(Exc::value_err("width too big"));
        }
        let mut prec = None;
        if i < c.len() && c[i] == '.' && c.get(i + 1) == Some(&'*') {
            // `%.*f`: the precision is the next argument (a negative one counts as 0).
            i += 2;
            let p = crate::builtins::to_index_of(it, &next_arg(&mut idx, keyed)?)?;
            prec = Some(usize::try_from(p).unwrap_or(0));
        } else if i < c.len() && c[i] == '.' {
            i += 1;
            let mut p = String::new();
            while i < c.len() && c[i].is_ascii_digit() {
                p.push(c[i]);
                i += 1;
            }
            prec = Some(if p.is_empty() {
                0
            } else {
                p.parse::<i64>().map_err(|_| {
                    Exc::value_err(if bytes {
                        "prec too big"
                    } else {
                        "precision too big"
                    })
                })? as usize
            });
        }
        let Some(&ty) = c.get(i) else {
            return Err(Exc::value_err("incomplete format"));
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        let v = match key_val.take() {
            Some(v) => v,
            None => next_arg(&mut idx, keyed)?,
        };
        let align = if flags.contains('-') { "<" } else { "" };
        let zero = if flags.contains('0') && !flags.contains('-') {
            "0"
        } else {
            ""
        };
        let sign = if flags.contains('+') {
            "+"
        } else if flags.contains(' ') {
            " "
        } else {
            ""
        };
        let alt = if flags.contains('#') { "#" } else { "" };
        let p = prec.map(|p| format!(".{p}")).unwrap_or_default();
        let s = match ty {
            's' | 'r' | 'a' | 'b' if bytes || ty != 'b' => {
                let s = match ty {
                    's' | 'b' if bytes => percent_bytes_arg(it, &v)?,
                    's' => it.to_str(&v)?,
                    'r' if !bytes => it.repr(&v)?,
                    _ => ascii(&it.repr(&v)?),
                };
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                format_spec(
                    it,
                    &Value::Str(s.into()),
                    &format!("{}{width}", if align.is_empty() { ">" } else { "<" }),
                )?
            }
            'd' | 'i' | 'u' => {
                // An int or float subclass's instance formats as the number it carries.
                let v = match crate::builtins::native_value(&v) {
                    Some(
                        n @ (Value::Int(_) | Value::Big(_) | Value::Bool(_) | Value::Float(_)),
                    ) => n.clone(),
                    _ => v,
                };
                // Any other number: its `__index__`, else its `__int__` (as CPython's `%d` asks).
                let v = match crate::methods::index_value(it, &v)? {
                    Some(n) => n,
                    None => match it.lookup_special(&v, "__int__") {
                        Some(m) if matches!(v, Value::Instance(_)) => {
                            it.call(&m, vec![v], Vec::new())?
                        }
                        _ => v,
                    },
                };
                let n = match &v {
                    Value::Float(f) => Value::from_big(crate::builtins::float_to_big(f.trunc())),
                    Value::Int(_) | Value::Big(_) | Value::Bool(_) => v.clone(),
                    _ => {
                        // bytes formatting names `%i` as `%d`, as CPython's does.
                        let ty = if bytes && ty == 'i' { 'd' } else { ty };
                        return Err(Exc::type_err(format!(
                            "%{ty} format: a real number is required, not {}",
                            type_name(&v)
                        )));
                    }
                };
                match (prec, num::to_big(&n)) {
                    (Some(pr), Some(big)) => percent_int_precision(
                        it,
                        &big,
                        'd',
                        pr,
                        sign,
                        false,
                        !zero.is_empty(),
                        !align.is_empty(),
                        width.parse().unwrap_or(0),
                    )?,
                    _ => format_spec(it, &n, &format!("{align}{sign}{zero}{width}d"))?,
                }
            }
            'x' | 'X' | 'o' => {
                let v = crate::methods::index_value(it, &v)?.unwrap_or(v);
                if num::to_big(&v).is_none() {
                    return Err(Exc::type_err(format!(
                        "%{ty} format: an integer is required, not {}",
                        type_name(&v)
                    )));
                }
                match (prec, num::to_big(&v)) {
                    (Some(pr), Some(n)) => percent_int_precision(
                        it,
                        &n,
                        ty,
                        pr,
                        sign,
                        !alt.is_empty(),
                        !zero.is_empty(),
                        !align.is_empty(),
                        width.parse().unwrap_or(0),
                    )?,
                    _ => format_spec(it, &v, &format!("{align}{sign}{alt}{zero}{width}{ty}"))?,
                }
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let f = match num::to_f64(&v)? {
                    Some(f) => f,
                    None => {
                        return Err(Exc::type_err(format!(
                            "must be real number, not {}",
                            type_name(&v)
                        )));
                    }
                };
                format_spec(
                    it,
                    &Value::float(f),
                    &format!("{align}{sign}{alt}{zero}{width}{p}{ty}"),
                )?
            }
            'c' if bytes => match &v {
                Value::Int(n) if (0..256).contains(n) => char::from(*n as u8).to_string(),
                Value::Int(_) | Value::Big(_) => {
                    return Err(Exc::new("OverflowError", "%c arg not in range(256)"));
                }
                v => match crate::methods::bytes_like(v) {
                    Some(b) if b.len() == 1 => char::from(b[0]).to_string(),
                    _ => {
                        return Err(Exc::type_err(
                            "%c requires an integer in range(256) or a single byte",
                        ));
                    }
                },
            },
            'c' => match &v {
                Value::Str(s) if s.chars().count() == 1 => s.to_string(),
                Value::Int(n) => char::from_u32(*n as u32)
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                _ => return Err(Exc::type_err("%c requires int or char")),
            },
            other => {
                return Err(Exc::value_err(format!(
                    "unsupported format character '{other}' (0x{:x}) at index {}",
                    other as u32,
                    i - 1
                )));
            }
        };
        out.push_str(&s);
    }
    if mapping.is_none() && idx < items.len() {
        return Err(Exc::type_err(if bytes {
            "not all arguments converted during bytes formatting"
        } else {
            "not all arguments converted during string formatting"
        }));
    }
    Ok(out)
}

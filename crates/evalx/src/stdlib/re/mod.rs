//! `re`: CPython 3.11's regular expressions. Patterns are parsed with Python's syntax and error texts
//! (`syntax`), then run by the `fancy-regex` crate: it hands every part without backreferences or
//! lookaround to the `regex` crate (linear time), and runs the rest on a backtracking VM whose backtrack
//! limit ends a catastrophic pattern with an evalx limit error instead of hanging the host.
//!
//! Natives do the matching and hand back spans in code points (the engine works in UTF-8 byte offsets;
//! bytes subjects are mapped one byte to one char); `Pattern` and `Match` are evalx classes over them.
//! Compiled engines are cached per (pattern, flags), as CPython caches compiled patterns.

mod syntax;

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Dict, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use syntax::{F_ASCII, F_LOCALE, F_UNICODE, Mode, Parsed};

/// How many backtracking steps one search may take before it is stopped as catastrophic.
const BACKTRACK_LIMIT: usize = 5_000_000;
/// Compiled patterns kept before the cache starts over (CPython keeps 512).
const CACHE_MAX: usize = 512;

struct Compiled {
    parsed: Parsed,
    bytes: bool,
    /// The enclosing group of each group (0: none), for `lastindex`.
    parent: Vec<u32>,
    /// Whether the pattern uses `\B` (which never matches in an empty text).
    not_boundary: bool,
    /// Whether every character the pattern names is ASCII (a str pattern): an ASCII text then gets an
    /// engine with the ASCII part of the Unicode classes (`syntax::emit`'s `ascii_text`).
    ascii_only: bool,
    /// Engines by (mode, text ends in newline, ASCII text engine), built on first use.
    engines: RefCell<[Option<Rc<fancy_regex::Regex>>; 16]>,
}

type CacheKey = (bool, String, u32);

thread_local! {
    static CACHE: RefCell<HashMap<CacheKey, Rc<Compiled>>> = RefCell::new(HashMap::new());
}

/// A pattern or subject as chars: a str as is, bytes one char per byte.
fn text_of(v: &Value) -> Option<(String, bool)> {
    match v {
        Value::Str(s) => Some((s.to_string(), false)),
        Value::Bytes(b) => Some((b.iter().map(|&c| c as char).collect(), true)),
        _ => None,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Str(_) => "str",
        Value::Bytes(_) => "bytes",
        Value::Int(_) | Value::Big(_) => "int",
        Value::Float(_) => "float",
        Value::None => "NoneType",
        Value::List(_) => "list",
        Value::Tuple(_) => "tuple",
        Value::Dict(_) => "dict",
        _ => "object",
    }
}

/// Raises `re.error(msg, pattern, pos)`.
fn re_error(it: &mut Interp, msg: &str, pattern: &Value, pos: Option<usize>) -> Box<Exc> {
    let made = (|| -> PyResult<Box<Exc>> {
        let m = it.import("re")?;
        let cls = it.get_attr(&m, "error")?;
        let args = match pos {
            Some(p) => vec![Value::str(msg), pattern.clone(), Value::Int(p as i64)],
            None => vec![Value::str(msg)],
        };
        let e = it.call(&cls, args, Vec::new())?;
        it.exc_from_value(e)
    })();
    match made {
        Ok(e) | Err(e) => e,
    }
}

fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(**b as i64),
        Value::Big(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
        other => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            type_name(other)
        ))),
    }
}

/// How many recently used pattern objects [`compiled`] recognises by identity.
const RECENT_MAX: usize = 8;

thread_local! {
    /// The last pattern objects looked up, by identity (each held, so that its address is not reused): the
    /// natives are called with the same `Pattern.pattern` str every time, which then needs no copy or hash.
    static RECENT: RefCell<Vec<(Value, u32, Rc<Compiled>)>> = const { RefCell::new(Vec::new()) };
}

fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => crate::thin::RcStr::ptr_eq(x, y),
        (Value::Bytes(x), Value::Bytes(y)) => crate::thin::RcSlice::ptr_eq(x, y),
        _ => false,
    }
}

/// Finds or builds the compiled pattern; `Err` carries a ready exception.
fn compiled(it: &mut Interp, pattern: &Value, flags: u32) -> PyResult<Rc<Compiled>> {
    let recent = RECENT.with(|r| {
        r.borrow()
            .iter()
            .find(|(p, f, _)| *f == flags && same_object(p, pattern))
            .map(|(_, _, c)| c.clone())
    });
    if let Some(c) = recent {
        return Ok(c);
    }
    let c = compiled_by_text(it, pattern, flags)?;
    if matches!(pattern, Value::Str(_) | Value::Bytes(_)) {
        RECENT.with(|r| {
            let mut r = r.borrow_mut();
            if r.len() >= RECENT_MAX {
                r.remove(0);
            }
            r.push((pattern.clone(), flags, c.clone()));
        });
    }
    Ok(c)
}

fn compiled_by_text(it: &mut Interp, pattern: &Value, flags: u32) -> PyResult<Rc<Compiled>> {
    let Some((text, bytes)) = text_of(pattern) else {
        return Err(Exc::type_err(
            "first argument must be string or compiled pattern",
        ));
    };
    let key = (bytes, text, flags);
    if let Some(c) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(c);
    }
    let (bytes, text, flags) = key;
    if bytes {
        if flags & F_UNICODE != 0 {
            return Err(Exc::value_err(
                "cannot use UNICODE flag with a bytes pattern",
            ));
        }
        if flags & F_LOCALE != 0 && flags & F_ASCII != 0 {
            return Err(Exc::value_err("ASCII and LOCALE flags are incompatible"));
        }
    } else {
        if flags & F_LOCALE != 0 {
            return Err(Exc::value_err("cannot use LOCALE flag with a str pattern"));
        }
        if flags & F_ASCII != 0 && flags & F_UNICODE != 0 {
            return Err(Exc::value_err("ASCII and UNICODE flags are incompatible"));
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut parsed = match syntax::parse(&chars, flags, bytes) {
        Ok(p) => p,
        Err(e) if e.overflow => return Err(Exc::new("OverflowError", e.msg)),
        Err(e) => return Err(re_error(it, &e.msg, pattern, e.pos)),
    };
    if !bytes {
        if parsed.flags & F_ASCII != 0 && parsed.flags & F_UNICODE != 0 {
            return Err(re_error(
                it,
                "ASCII and UNICODE flags are incompatible",
                pattern,
                None,
            ));
        }
        if parsed.flags & F_ASCII == 0 {
            parsed.flags |= F_UNICODE;
        }
    }
    let mut parent = vec![0u32; parsed.groups as usize + 1];
    parents(&parsed.node, 0, &mut parent);
    let not_boundary = uses_not_boundary(&parsed.node);
    let ascii_only = !bytes && syntax::ascii_only(&parsed.node);
    let c = Rc::new(Compiled {
        parsed,
        bytes,
        parent,
        not_boundary,
        ascii_only,
        engines: RefCell::new(Default::default()),
    });
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert((bytes, text, flags), c.clone());
    });
    Ok(c)
}

fn uses_not_boundary(n: &syntax::Node) -> bool {
    use syntax::Node::*;
    match n {
        At(syntax::At::NotBoundary) => true,
        Cat(v) | Alt(v) => v.iter().any(uses_not_boundary),
        Group(_, x) | Scoped(_, _, x) | Atomic(x) => uses_not_boundary(x),
        Look { node, .. } | Repeat { node, .. } => uses_not_boundary(node),
        Cond(_, a, b) => uses_not_boundary(a) || uses_not_boundary(b),
        _ => false,
    }
}

fn parents(n: &syntax::Node, up: u32, out: &mut Vec<u32>) {
    use syntax::Node::*;
    match n {
        Group(g, x) => {
            if let Some(s) = out.get_mut(*g as usize) {
                *s = up;
            }
            parents(x, *g, out);
        }
        Cat(v) | Alt(v) => v.iter().for_each(|x| parents(x, up, out)),
        Scoped(_, _, x) | Atomic(x) => parents(x, up, out),
        Look { node, .. } | Repeat { node, .. } => parents(node, up, out),
        Cond(_, a, b) => {
            parents(a, up, out);
            parents(b, up, out);
        }
        _ => {}
    }
}

impl Compiled {
    fn engine(
        &self,
        pattern: &Value,
        it: &mut Interp,
        mode: Mode,
        nl_end: bool,
        empty: bool,
        ascii_text: bool,
    ) -> PyResult<Rc<fancy_regex::Regex>> {
        let ascii_text = ascii_text && self.ascii_only;
        let idx = mode as usize * 2 + nl_end as usize + 8 * ascii_text as usize;
        // An empty text changes what `\B` means: that engine is built for the call and not kept.
        let one_off = empty && self.not_boundary;
        if !one_off {
            if let Some(e) = &self.engines.borrow()[idx] {
                return Ok(e.clone());
            }
        }
        let src = syntax::emit(&self.parsed, self.bytes, mode, nl_end, one_off, ascii_text);
        let re = fancy_regex::RegexBuilder::new(&src)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map_err(|e| {
                re_error(
                    it,
                    &format!("pattern too complex for evalx's engine: {e}"),
                    pattern,
                    None,
                )
            })?;
        let re = Rc::new(re);
        if !one_off {
            self.engines.borrow_mut()[idx] = Some(re.clone());
        }
        Ok(re)
    }
}

/// A subject prepared for the engine: its text (a str as is, bytes one char per byte), and how chars map
/// to byte offsets.
struct Subject {
    text: crate::thin::RcStr,
    /// Byte offset of each char (with the end appended); `None` when the text is ASCII.
    starts: Option<Rc<Vec<usize>>>,
}

thread_local! {
    /// The last non-ASCII subject's char offsets, kept with the str (strs are immutable, and holding it keeps
    /// its address from being reused): a scanner calling `match(text, pos)` in a loop maps the text once.
    static LAST_STARTS: RefCell<Option<(crate::thin::RcStr, Rc<Vec<usize>>)>> = const { RefCell::new(None) };
}

impl Subject {
    fn new(text: crate::thin::RcStr) -> Subject {
        if text.is_ascii() {
            return Subject { text, starts: None };
        }
        let cached = LAST_STARTS.with(|l| {
            l.borrow()
                .as_ref()
                .filter(|(t, _)| crate::thin::RcStr::ptr_eq(t, &text))
                .map(|(_, s)| s.clone())
        });
        let starts = cached.unwrap_or_else(|| {
            let v: Rc<Vec<usize>> = Rc::new(
                text.char_indices()
                    .map(|(b, _)| b)
                    .chain(std::iter::once(text.len()))
                    .collect(),
            );
            LAST_STARTS.with(|l| *l.borrow_mut() = Some((text.clone(), v.clone())));
            v
        });
        Subject {
            text,
            starts: Some(starts),
        }
    }
    fn chars(&self) -> usize {
        match &self.starts {
            None => self.text.len(),
            Some(s) => s.len() - 1,
        }
    }
    fn byte(&self, ch: usize) -> usize {
        match &self.starts {
            None => ch,
            Some(s) => s[ch],
        }
    }
    fn char_at(&self, byte: usize) -> usize {
        match &self.starts {
            None => byte,
            Some(s) => s.partition_point(|&b| b < byte),
        }
    }
}

/// The (pos, endpos) of a call, clamped as CPython clamps them.
fn bounds(args: &[Value], n: usize) -> PyResult<(usize, usize)> {
    let pos = int_arg(&args[3], "")?;
    let end = if matches!(args[4], Value::None) {
        n as i64
    } else {
        int_arg(&args[4], "")?
    };
    let pos = pos.clamp(0, n as i64) as usize;
    let end = end.clamp(0, n as i64) as usize;
    Ok((pos, end.max(pos)))
}

/// Bytes as the engine's text: one char per byte (an ASCII text is copied as it is).
fn latin1(b: &[u8]) -> crate::thin::RcStr {
    match std::str::from_utf8(b) {
        Ok(t) if b.is_ascii() => crate::thin::RcStr::from(t),
        _ => b.iter().map(|&x| x as char).collect(),
    }
}

fn subject_arg(c: &Compiled, v: &Value) -> PyResult<crate::thin::RcStr> {
    match (v, c.bytes) {
        (Value::Str(s), false) => Ok(s.clone()),
        (Value::Bytes(b), true) => Ok(latin1(b)),
        (v, true) if crate::methods::is_bytearray(v) => Ok(latin1(
            &crate::methods::bytearray_data(v).unwrap_or_default(),
        )),
        (Value::Str(_), true) => Err(Exc::type_err(
            "cannot use a bytes pattern on a string-like object",
        )),
        (Value::Bytes(_), false) => Err(Exc::type_err(
            "cannot use a string pattern on a bytes-like object",
        )),
        (other, _) => Err(Exc::type_err(format!(
            "expected string or bytes-like object, got '{}'",
            type_name(other)
        ))),
    }
}

/// One search in `hay` (the subject cut at endpos) from byte `from`: the spans of group 0 and the
/// program's groups in chars, then `lastindex` (0: none).
/// An engine failure as evalx raises it: the backtracking limit as a limit error.
fn engine_error(e: fancy_regex::Error) -> Box<Exc> {
    match e {
        fancy_regex::Error::RuntimeError(_) => crate::interp::limit(format!(
            "regular expression backtracking limit exceeded ({BACKTRACK_LIMIT} steps): the pattern backtracks catastrophically on this input"
        )),
        e => Exc::new("RuntimeError", format!("regular expression failed: {e}")),
    }
}

fn run_one(
    it: &mut Interp,
    c: &Compiled,
    pattern: &Value,
    s: &Subject,
    end_byte: usize,
    from: usize,
    mode: Mode,
) -> PyResult<Option<Vec<i64>>> {
    let hay = &s.text[..end_byte];
    let nl_end = hay.ends_with('\n');
    let re = c.engine(
        pattern,
        it,
        mode,
        nl_end,
        hay.is_empty(),
        s.starts.is_none(),
    )?;
    // One search cannot stop midway: sized against the deadline by the text it may scan (its ticks are
    // charged below, by the distance it did scan).
    it.admit_time(end_byte.saturating_sub(from) as f64 * 8.0)?;
    // A search for a pattern without groups needs only where the match lies: the engine finds it
    // without resolving captures (for a pattern the `regex` crate runs, its lazy DFA alone, where
    // capture positions cost a backtracking pass over the match).
    if mode == Mode::Search && c.parsed.groups == 0 {
        let found = match re.find_from_pos(hay, from) {
            Ok(x) => x,
            Err(e) => return Err(engine_error(e)),
        };
        let Some(whole) = found else {
            it.charge(1 + (end_byte.saturating_sub(from) / 32) as u64)?;
            return Ok(None);
        };
        it.charge(1 + (whole.end().saturating_sub(from) / 32) as u64)?;
        return Ok(Some(vec![
            s.char_at(whole.start()) as i64,
            s.char_at(whole.end()) as i64,
            0,
        ]));
    }
    let caps = match re.captures_from_pos(hay, from) {
        Ok(x) => x,
        Err(e) => return Err(engine_error(e)),
    };
    let Some(caps) = caps else {
        it.charge(1 + (end_byte.saturating_sub(from) / 32) as u64)?;
        return Ok(None);
    };
    let Some(whole) = caps.get(1) else {
        return Ok(None);
    };
    // Charged by the distance searched, so a long scan costs its length once, not once per match.
    it.charge(1 + (whole.end().saturating_sub(from) / 32) as u64)?;
    let n = c.parsed.groups as usize;
    let mut out = Vec::with_capacity(2 * n + 3);
    out.push(s.char_at(whole.start()) as i64);
    out.push(s.char_at(whole.end()) as i64);
    let mut last = 0usize;
    let mut last_end = -1i64;
    for g in 1..=n {
        match caps.get(g + 1) {
            Some(m) => {
                let (a, b) = (s.char_at(m.start()) as i64, s.char_at(m.end()) as i64);
                out.push(a);
                out.push(b);
                // The last group to close: the furthest end; at a tie, the enclosing group closed later.
                if b > last_end || (b == last_end && !encloses(c, last, g)) {
                    last = g;
                    last_end = b;
                }
            }
            None => {
                out.push(-1);
                out.push(-1);
            }
        }
    }
    out.push(last as i64);
    Ok(Some(out))
}

/// The subject's text between two byte offsets, as a str or bytes.
fn piece(c: &Compiled, s: &Subject, a: usize, b: usize) -> Value {
    let t = &s.text[a..b];
    if c.bytes {
        if s.starts.is_none() {
            // An ASCII text: its bytes are the subject's.
            return Value::Bytes(t.as_bytes().to_vec().into());
        }
        Value::Bytes(
            t.chars()
                .map(|ch| ch as u32 as u8)
                .collect::<Vec<u8>>()
                .into(),
        )
    } else {
        Value::str(t)
    }
}

/// One item of `findall`: the whole match without groups, the one group's text, or a tuple of them
/// (`''` for a group that did not take part).
fn findall_item(c: &Compiled, s: &Subject, v: &[i64]) -> Value {
    let text = |g: usize| {
        let (a, b) = (v[2 * g], v[2 * g + 1]);
        if a < 0 {
            piece(c, s, 0, 0)
        } else {
            piece(c, s, s.byte(a as usize), s.byte(b as usize))
        }
    };
    match c.parsed.groups as usize {
        0 => text(0),
        1 => text(1),
        n => Value::tuple((1..=n).map(text).collect()),
    }
}

/// A match as the evalx side holds it: the spans and `lastindex` (see `run_one`), then each group's text
/// (None when it did not take part), cut here from the UTF-8 text so that no code-point slicing of a long
/// str is needed later.
fn match_tuple(c: &Compiled, s: &Subject, v: Vec<i64>) -> Value {
    let groups = v.len() / 2;
    let mut out: Vec<Value> = Vec::with_capacity(v.len() + groups);
    for g in 0..groups {
        let (a, b) = (v[2 * g], v[2 * g + 1]);
        out.push(if a < 0 {
            Value::None
        } else {
            piece(c, s, s.byte(a as usize), s.byte(b as usize))
        });
    }
    let mut all: Vec<Value> = v.into_iter().map(Value::Int).collect();
    all.extend(out);
    Value::tuple(all)
}

/// Whether group `outer` encloses group `inner`.
fn encloses(c: &Compiled, outer: usize, inner: usize) -> bool {
    let mut g = inner;
    while g != 0 {
        g = c.parent.get(g).copied().unwrap_or(0) as usize;
        if g == outer && g != 0 {
            return true;
        }
    }
    false
}

fn flags_arg(v: &Value) -> PyResult<u32> {
    Ok(int_arg(v, "")? as u32)
}

/// `_compile(pattern, flags)`: `(flags, groups, groupindex)` after checking the pattern.
fn compile(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_compile", args, kw, 2, 2)?;
    let flags = flags_arg(&args[1])?;
    let c = compiled(it, &args[0], flags)?;
    let mut d = Dict::new();
    for (name, n) in &c.parsed.names {
        d.set_str(name, Value::Int(*n as i64));
    }
    Ok(Value::tuple(vec![
        Value::Int(c.parsed.flags as i64),
        Value::Int(c.parsed.groups as i64),
        Value::dict(d),
    ]))
}

fn mode_of(v: &Value) -> Mode {
    match v {
        Value::Int(1) => Mode::Match,
        Value::Int(2) => Mode::Full,
        _ => Mode::Search,
    }
}

/// `_exec(pattern, flags, string, pos, endpos, mode)`: the spans of one match (see `run_one`), or None.
fn exec(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_exec", args, kw, 6, 6)?;
    let c = compiled(it, &args[0], flags_arg(&args[1])?)?;
    let s = Subject::new(subject_arg(&c, &args[2])?);
    let (pos, end) = bounds(args, s.chars())?;
    let r = run_one(
        it,
        &c,
        &args[0],
        &s,
        s.byte(end),
        s.byte(pos),
        mode_of(&args[5]),
    )?;
    Ok(match r {
        Some(v) => match_tuple(&c, &s, v),
        None => Value::None,
    })
}

/// `_scan(pattern, flags, string, pos, endpos, count[, gaps])`: successive matches (count 0: all; each as
/// `match_tuple` makes it), with CPython's rule for empty matches (one may follow a non-empty match, never
/// another empty one at the same place). With `gaps`: `(matches, texts around them)` for `sub`/`split`.
fn scan(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_scan", args, kw, 6, 7)?;
    // What to hand back: 0 the matches, 1 also the text between them, 2 what `findall` returns.
    let what = match args.get(6) {
        Some(Value::Int(k)) => *k,
        Some(Value::Bool(b)) => **b as i64,
        _ => 0,
    };
    let want_gaps = what == 1;
    let c = compiled(it, &args[0], flags_arg(&args[1])?)?;
    let s = Subject::new(subject_arg(&c, &args[2])?);
    let (pos, end) = bounds(args, s.chars())?;
    let count = int_arg(&args[5], "")?.max(0) as usize;
    let mut out = Vec::new();
    let mut gaps = Vec::new();
    let mut last_b = 0usize;
    each_match(it, &c, &args[0], &s, pos, end, count, |it, v| {
        if want_gaps {
            let (a, b) = (v[0] as usize, v[1] as usize);
            gaps.push(piece(&c, &s, last_b, s.byte(a)));
            last_b = s.byte(b);
        }
        out.push(if what == 2 {
            findall_item(&c, &s, &v)
        } else {
            match_tuple(&c, &s, v)
        });
        it.check_len(out.len())
    })?;
    if want_gaps {
        gaps.push(piece(&c, &s, last_b, s.text.len()));
        return Ok(Value::tuple(vec![Value::list(out), Value::list(gaps)]));
    }
    Ok(Value::list(out))
}

/// Runs `f` on each successive match of `c` in `s` between the chars `pos` and `end` (at most `count`,
/// 0: all), with CPython's rule for empty matches (one may follow a non-empty match, never another empty
/// one at the same place); `f` gets the match's spans as [`run_one`] gives them. The number of matches.
#[allow(clippy::too_many_arguments)]
fn each_match(
    it: &mut Interp,
    c: &Compiled,
    pattern: &Value,
    s: &Subject,
    pos: usize,
    end: usize,
    count: usize,
    mut f: impl FnMut(&mut Interp, Vec<i64>) -> PyResult<()>,
) -> PyResult<usize> {
    let end_b = s.byte(end);
    let mut at = pos;
    let mut after_empty = false;
    let mut n = 0usize;
    while at <= end && (count == 0 || n < count) {
        let r = if after_empty {
            match run_one(it, c, pattern, s, end_b, s.byte(at), Mode::NonEmpty)? {
                Some(v) => Some(v),
                None => {
                    if at >= end {
                        break;
                    }
                    run_one(it, c, pattern, s, end_b, s.byte(at + 1), Mode::Search)?
                }
            }
        } else {
            run_one(it, c, pattern, s, end_b, s.byte(at), Mode::Search)?
        };
        let Some(v) = r else { break };
        let (a, b) = (v[0] as usize, v[1] as usize);
        after_empty = a == b;
        at = b;
        n += 1;
        f(it, v)?;
    }
    Ok(n)
}

/// `_template(pattern, flags, repl)`: the replacement template as a list of literal pieces and group
/// numbers, or `(None, message, pos)` for a `re.error`.
fn template(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_template", args, kw, 3, 3)?;
    let c = compiled(it, &args[0], flags_arg(&args[1])?)?;
    let bytes = c.bytes;
    let Some((repl, rb)) = text_of(&args[2]) else {
        return Err(Exc::type_err(format!(
            "expected str instance, {} found",
            type_name(&args[2])
        )));
    };
    if rb != bytes {
        return Err(Exc::type_err(if bytes {
            format!(
                "expected a bytes-like object, {} found",
                type_name(&args[2])
            )
        } else {
            format!("expected str instance, {} found", type_name(&args[2]))
        }));
    }
    let p: Vec<char> = repl.chars().collect();
    let mut parts: Vec<Value> = Vec::new();
    let mut lit = String::new();
    let fail = |msg: String, pos: usize| -> PyResult<Value> {
        Ok(Value::tuple(vec![
            Value::None,
            Value::str(&msg),
            Value::Int(pos as i64),
        ]))
    };
    let mut i = 0;
    let groups = c.parsed.groups;
    let flush = |lit: &mut String, parts: &mut Vec<Value>| {
        if !lit.is_empty() {
            parts.push(if bytes {
                Value::Bytes(
                    lit.chars()
                        .map(|c| c as u32 as u8)
                        .collect::<Vec<u8>>()
                        .into(),
                )
            } else {
                Value::str(lit)
            });
            lit.clear();
        }
    };
    while i < p.len() {
        let ch = p[i];
        if ch != '\\' {
            lit.push(ch);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = p.get(i) else {
            return fail("bad escape (end of pattern)".into(), start);
        };
        i += 1;
        let group = match e {
            'g' => {
                if p.get(i) != Some(&'<') {
                    return fail("missing <".into(), i);
                }
                let s = i + 1;
                let mut j = s;
                while j < p.len() && p[j] != '>' {
                    j += 1;
                }
                if j >= p.len() {
                    return fail("missing >, unterminated name".into(), s);
                }
                let name: String = p[s..j].iter().collect();
                i = j + 1;
                if name.is_empty() {
                    return fail("missing group name".into(), s);
                }
                if name.chars().all(|c| c.is_ascii_digit()) {
                    let n: u64 = name.parse().unwrap_or(u64::MAX);
                    if n > groups as u64 {
                        return fail(format!("invalid group reference {name}"), s);
                    }
                    n as u32
                } else {
                    let ok = {
                        let mut cs = name.chars();
                        cs.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                            && cs.all(|c| c == '_' || c.is_alphanumeric())
                    };
                    if !ok {
                        return fail(format!("bad character in group name '{name}'"), s);
                    }
                    match c.parsed.names.iter().find(|(k, _)| *k == name) {
                        Some(&(_, n)) => n,
                        None => {
                            return Err(Exc::with_args(
                                "IndexError",
                                vec![Value::str(&format!("unknown group name '{name}'"))],
                            ));
                        }
                    }
                }
            }
            '0' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && p.get(i).is_some_and(|c| ('0'..='7').contains(c)) {
                    v = v * 8 + (p[i] as u32 - '0' as u32);
                    i += 1;
                    n += 1;
                }
                lit.push(char::from_u32(v).unwrap_or('\0'));
                continue;
            }
            '1'..='9' => {
                let oct = |c: Option<&char>| c.is_some_and(|c| ('0'..='7').contains(c));
                if ('1'..='7').contains(&e) && oct(p.get(i)) && oct(p.get(i + 1)) {
                    let v = (e as u32 - 48) * 64 + (p[i] as u32 - 48) * 8 + (p[i + 1] as u32 - 48);
                    i += 2;
                    if v > 0o377 {
                        let txt: String = p[start..i].iter().collect();
                        return fail(
                            format!("octal escape value {txt} outside of range 0-0o377"),
                            start,
                        );
                    }
                    lit.push(char::from_u32(v).unwrap_or('\0'));
                    continue;
                }
                let mut n = e as u32 - 48;
                if p.get(i).is_some_and(|c| c.is_ascii_digit()) {
                    n = n * 10 + (p[i] as u32 - 48);
                    i += 1;
                }
                if n > groups {
                    return fail(format!("invalid group reference {n}"), start + 1);
                }
                n
            }
            'a' => {
                lit.push('\x07');
                continue;
            }
            'b' => {
                lit.push('\x08');
                continue;
            }
            'f' => {
                lit.push('\x0c');
                continue;
            }
            'n' => {
                lit.push('\n');
                continue;
            }
            'r' => {
                lit.push('\r');
                continue;
            }
            't' => {
                lit.push('\t');
                continue;
            }
            'v' => {
                lit.push('\x0b');
                continue;
            }
            '\\' => {
                lit.push('\\');
                continue;
            }
            e if e.is_ascii_alphabetic() => {
                return fail(format!("bad escape \\{e}"), start);
            }
            e => {
                lit.push('\\');
                lit.push(e);
                continue;
            }
        };
        flush(&mut lit, &mut parts);
        parts.push(Value::Int(group as i64));
    }
    flush(&mut lit, &mut parts);
    Ok(Value::list(parts))
}

/// `_expand(parts, string, spans)`: a template filled in from one match.
fn expand(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_expand", args, kw, 3, 3)?;
    let (Value::List(parts), Value::Tuple(sp)) = (&args[0], &args[2]) else {
        return Err(Exc::type_err("_expand(parts, string, match)"));
    };
    // The groups' texts follow the spans and lastindex (see `match_tuple`).
    let texts = sp.len() / 3 * 2 + 1;
    let text = |g: i64| sp.get(texts + g as usize);
    match &args[1] {
        Value::Str(_) => {
            let mut out = String::new();
            for p in parts.borrow().iter() {
                match p {
                    Value::Str(l) => out.push_str(l),
                    Value::Int(g) => {
                        if let Some(Value::Str(t)) = text(*g) {
                            out.push_str(t);
                        }
                    }
                    _ => {}
                }
            }
            Ok(Value::str(&out))
        }
        Value::Bytes(_) => {
            let mut out: Vec<u8> = Vec::new();
            for p in parts.borrow().iter() {
                match p {
                    Value::Bytes(l) => out.extend_from_slice(l),
                    Value::Int(g) => {
                        if let Some(Value::Bytes(t)) = text(*g) {
                            out.extend_from_slice(t);
                        }
                    }
                    _ => {}
                }
            }
            Ok(Value::Bytes(out.into()))
        }
        _ => Err(Exc::type_err("_expand needs str or bytes")),
    }
}

/// `_subn(pattern, flags, repl, string, count)`: `sub`/`subn` with a str or bytes template, all here:
/// `(result, replacements)`, or `_template`'s `(None, message, pos)` for a `re.error`.
fn subn(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_subn", args, kw, 5, 5)?;
    let parts = template(it, &args[..3], &[])?;
    let Value::List(parts_l) = &parts else {
        return Ok(parts);
    };
    if let Value::Str(_) = &args[3] {
        return subn_str(it, args, &parts_l.borrow());
    }
    let found = scan(
        it,
        &[
            args[0].clone(),
            args[1].clone(),
            args[3].clone(),
            Value::Int(0),
            Value::None,
            args[4].clone(),
            Value::Int(1),
        ],
        &[],
    )?;
    let Value::Tuple(fg) = &found else {
        return Err(Exc::type_err("_scan returned no gaps"));
    };
    let (Value::List(matches), Value::List(gaps)) = (&fg[0], &fg[1]) else {
        return Err(Exc::type_err("_scan returned no gaps"));
    };
    let matches = matches.borrow();
    let gaps = gaps.borrow();
    let n = matches.len();
    // A template with no group references is the same text at every match.
    let literal = {
        let p = parts_l.borrow();
        match p.as_slice() {
            [] => Some(None),
            [one @ (Value::Str(_) | Value::Bytes(_))] => Some(Some(one.clone())),
            _ => None,
        }
    };
    let fill = |it: &mut Interp, sp: &Value| -> PyResult<Option<Value>> {
        match &literal {
            Some(l) => Ok(l.clone()),
            None => expand(it, &[parts.clone(), args[3].clone(), sp.clone()], &[]).map(Some),
        }
    };
    let out = match &args[3] {
        Value::Str(_) => {
            let mut out = String::new();
            for k in 0..n {
                if let Value::Str(g) = &gaps[k] {
                    out.push_str(g);
                }
                if let Some(Value::Str(r)) = fill(it, &matches[k])? {
                    out.push_str(&r);
                }
                it.check_len(out.len())?;
            }
            if let Some(Value::Str(g)) = gaps.last() {
                out.push_str(g);
            }
            Value::str(&out)
        }
        _ => {
            let mut out: Vec<u8> = Vec::new();
            for k in 0..n {
                if let Value::Bytes(g) = &gaps[k] {
                    out.extend_from_slice(g);
                }
                if let Some(Value::Bytes(r)) = fill(it, &matches[k])? {
                    out.extend_from_slice(&r);
                }
                it.check_len(out.len())?;
            }
            if let Some(Value::Bytes(g)) = gaps.last() {
                out.extend_from_slice(g);
            }
            Value::Bytes(out.into())
        }
    };
    Ok(Value::tuple(vec![out, Value::Int(n as i64)]))
}

/// `_subn` over a str subject: the output written as the matches are found (the text before each match,
/// then the template filled in from the match's spans), with no match tuples or gap strings in between.
fn subn_str(it: &mut Interp, args: &[Value], parts: &[Value]) -> PyResult<Value> {
    let c = compiled(it, &args[0], flags_arg(&args[1])?)?;
    let s = Subject::new(subject_arg(&c, &args[3])?);
    let count = int_arg(&args[4], "")?.max(0) as usize;
    let text: &str = &s.text;
    let mut out = String::new();
    let mut last_b = 0usize;
    let n = each_match(it, &c, &args[0], &s, 0, s.chars(), count, |it, v| {
        let (a, b) = (s.byte(v[0] as usize), s.byte(v[1] as usize));
        out.push_str(&text[last_b..a]);
        last_b = b;
        for p in parts {
            match p {
                Value::Str(l) => out.push_str(l),
                Value::Int(g) => {
                    let g = *g as usize;
                    if let (Some(&ga), Some(&gb)) = (v.get(2 * g), v.get(2 * g + 1)) {
                        if ga >= 0 {
                            out.push_str(&text[s.byte(ga as usize)..s.byte(gb as usize)]);
                        }
                    }
                }
                _ => {}
            }
        }
        it.check_len(out.len())
    })?;
    out.push_str(&text[last_b..]);
    Ok(Value::tuple(vec![Value::str(&out), Value::Int(n as i64)]))
}

/// `_run_m(pattern_object, string, pos, endpos, mode)`: `Pattern.search`/`match`/`fullmatch`: the `Match`
/// (made here, its attributes set as `Match.__init__` sets them), or None.
fn run_m(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_run_m", args, kw, 5, 5)?;
    let Value::Instance(p) = &args[0] else {
        return Err(Exc::type_err("_run_m needs a Pattern"));
    };
    let (Some(pattern), Some(flags)) = (p.dict.get_str("pattern"), p.dict.get_str("_flags")) else {
        return Err(Exc::type_err("_run_m needs a Pattern"));
    };
    let spans = exec(
        it,
        &[
            pattern,
            flags,
            args[1].clone(),
            args[2].clone(),
            args[3].clone(),
            args[4].clone(),
        ],
        &[],
    )?;
    if matches!(spans, Value::None) {
        return Ok(Value::None);
    }
    let m = it.modules.borrow().get_str("re").cloned();
    let cls = match &m {
        Some(Value::Module(md)) => md.dict.borrow().get_str("Match").cloned(),
        _ => None,
    };
    let Some(Value::Class(cls)) = cls else {
        return Err(Exc::new("ImportError", "evalx's re.Match is missing"));
    };
    let inst = crate::value::Instance {
        class: cls.clone(),
        dict: crate::value::Instance::new_dict(&cls),
        hash: crate::value::no_user_hash(),
        native: None,
    };
    inst.dict.set_str("re", args[0].clone());
    inst.dict.set_str("string", args[1].clone());
    inst.dict.set_str("_pos", args[2].clone());
    inst.dict.set_str("_endpos", args[3].clone());
    inst.dict.set_str("_spans", spans);
    Ok(Value::Instance(Rc::new(inst)))
}

/// A `Pattern` method's arguments after `self`: `names` in order, positional or by keyword, the last
/// `defaults.len()` of them optional.
fn method_args(
    what: &str,
    args: &[Value],
    kw: Kw<'_>,
    names: &[&str],
    defaults: &[Value],
) -> PyResult<Vec<Value>> {
    let given = args.len().saturating_sub(1);
    if given > names.len() {
        return Err(Exc::type_err(format!(
            "{what}() takes at most {} arguments ({given} given)",
            names.len()
        )));
    }
    let mut out: Vec<Option<Value>> = args.iter().skip(1).cloned().map(Some).collect();
    out.resize(names.len(), None);
    for (k, v) in kw {
        let Some(i) = names.iter().position(|n| *n == &**k) else {
            return Err(Exc::type_err(format!(
                "{what}() got an unexpected keyword argument '{k}'"
            )));
        };
        if out[i].is_some() {
            return Err(Exc::type_err(format!(
                "argument for {what}() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        out[i] = Some(v.clone());
    }
    let first_optional = names.len() - defaults.len();
    out.into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            Some(v) => Ok(v),
            None if i >= first_optional => Ok(defaults[i - first_optional].clone()),
            None => Err(Exc::type_err(format!(
                "{what}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            ))),
        })
        .collect()
}

fn pattern_run(
    it: &mut Interp,
    args: &[Value],
    kw: Kw<'_>,
    what: &str,
    mode: i64,
) -> PyResult<Value> {
    let a = method_args(
        what,
        args,
        kw,
        &["string", "pos", "endpos"],
        &[Value::Int(0), Value::None],
    )?;
    let [string, pos, endpos] =
        <[Value; 3]>::try_from(a).map_err(|_| Exc::type_err(what.to_string()))?;
    run_m(
        it,
        &[args[0].clone(), string, pos, endpos, Value::Int(mode)],
        &[],
    )
}

/// `Pattern.search(string, pos=0, endpos=None)`.
fn pattern_search(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pattern_run(it, args, kw, "search", 0)
}

/// `Pattern.match(string, pos=0, endpos=None)`.
fn pattern_match(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pattern_run(it, args, kw, "match", 1)
}

/// `Pattern.fullmatch(string, pos=0, endpos=None)`.
fn pattern_fullmatch(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pattern_run(it, args, kw, "fullmatch", 2)
}

/// `Pattern.sub`/`subn`: a str or bytes template on a str or bytes subject with an int count here, the
/// rest (a function, a bytearray, a negative count) through the evalx-level `_subx`.
fn pattern_subx(
    it: &mut Interp,
    args: &[Value],
    kw: Kw<'_>,
    what: &str,
    n: bool,
) -> PyResult<Value> {
    let a = method_args(
        what,
        args,
        kw,
        &["repl", "string", "count"],
        &[Value::Int(0)],
    )?;
    let [repl, string, count] =
        <[Value; 3]>::try_from(a).map_err(|_| Exc::type_err(what.to_string()))?;
    let this = &args[0];
    let native = matches!(repl, Value::Str(_) | Value::Bytes(_))
        && matches!(string, Value::Str(_) | Value::Bytes(_))
        && matches!(count, Value::Int(c) if c >= 0);
    if let (true, Value::Instance(p)) = (native, this) {
        if let (Some(pattern), Some(flags)) = (p.dict.get_str("pattern"), p.dict.get_str("_flags"))
        {
            let r = subn(
                it,
                &[pattern, flags, repl.clone(), string.clone(), count.clone()],
                &[],
            )?;
            if let Value::Tuple(t) = &r {
                if t.len() == 2 {
                    return Ok(if n { r.clone() } else { t[0].clone() });
                }
                // A bad template: `_subx` raises the `re.error` for it.
            }
        }
    }
    it.call_method(this, "_subx", vec![repl, string, count, Value::bool(n)])
}

/// `Pattern.sub(repl, string, count=0)`.
fn pattern_sub(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pattern_subx(it, args, kw, "sub", false)
}

/// `Pattern.subn(repl, string, count=0)`.
fn pattern_subn(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pattern_subx(it, args, kw, "subn", true)
}

/// `Pattern`'s methods implemented here (they replace the evalx-level definitions).
const PATTERN_METHODS: &[(&str, &str, crate::value::NativeFn)] = &[
    ("search", "Pattern.search", pattern_search),
    ("match", "Pattern.match", pattern_match),
    ("fullmatch", "Pattern.fullmatch", pattern_fullmatch),
    ("sub", "Pattern.sub", pattern_sub),
    ("subn", "Pattern.subn", pattern_subn),
];

fn purge(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_purge", args, kw, 0, 0)?;
    CACHE.with(|c| c.borrow_mut().clear());
    RECENT.with(|r| r.borrow_mut().clear());
    Ok(Value::None)
}

const SOURCE: &str = include_str!("re.py");

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "re",
        "Support for regular expressions (RE).",
        &[
            ("_compile", compile),
            ("_exec", exec),
            ("_scan", scan),
            ("_template", template),
            ("_expand", expand),
            ("_purge", purge),
            ("_subn", subn),
            ("_run_m", run_m),
        ],
        SOURCE,
    )?;
    super::add_methods(&m, "Pattern", PATTERN_METHODS)?;
    Ok(m)
}

//! What the debugger shows: frame snapshots ([`FrameView`]) and pdb's text formats — the location line,
//! the `l` listing, ipdb's three-line context, `w` entries, `reprlib`-style return values, `pprint`-style
//! values and `cmd`'s column table for `h`.

use crate::compile::Code;
use crate::interp::{Frame, Interp, PyResult};
use crate::value::{Dict, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// Identifies a live frame: its index on the shadow stack and its address (pdb compares frame objects).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FrameId {
    pub depth: usize,
    pub addr: usize,
}

impl FrameId {
    /// The id of `fr` running at `depth`. A generator's frame keeps its address while suspended but may be
    /// resumed at another depth, so its id leaves the depth out.
    pub fn of(fr: &Frame, depth: usize) -> FrameId {
        FrameId {
            depth: if fr.code.is_generator {
                usize::MAX
            } else {
                depth
            },
            addr: fr as *const Frame as usize,
        }
    }
}

/// A frame as the debugger sees it: copied out of the running frame (or kept after it unwound, for
/// post-mortem). `locals` is the frame's `f_locals`: its own mapping for module and exec scopes, a dict
/// built from the slots for functions (writes reach the running frame only for the current frame, as in
/// CPython 3.11).
#[derive(Debug, Clone)]
pub(crate) struct FrameView {
    pub id: FrameId,
    pub code: Rc<Code>,
    pub line: u32,
    pub globals: Rc<RefCell<Dict>>,
    pub locals: Rc<RefCell<Dict>>,
    /// True when `locals` was built from slots (a function frame).
    pub from_slots: bool,
    /// The line where the exception passed this frame (post-mortem), for the `>>` marker.
    pub exc_line: Option<u32>,
    /// The value the frame is returning, when stopped at its return (`__return__`).
    pub ret: Option<Value>,
}

impl FrameView {
    pub fn of(fr: &Frame, depth: usize) -> FrameView {
        let (locals, from_slots) = match &fr.locals {
            Some(l) => (l.clone(), false),
            None if fr.code.kind != crate::compile::ScopeKind::Function => {
                (fr.globals.clone(), false)
            }
            None => (Rc::new(RefCell::new(slot_dict(fr))), true),
        };
        FrameView {
            id: FrameId::of(fr, depth),
            code: fr.code.clone(),
            line: fr.line,
            globals: fr.globals.clone(),
            locals,
            from_slots,
            exc_line: None,
            ret: None,
        }
    }

    /// The mapping code typed at the prompt runs with as its locals (`None`: the globals are the locals).
    pub fn exec_locals(&self) -> Option<Rc<RefCell<Dict>>> {
        (!Rc::ptr_eq(&self.locals, &self.globals)).then(|| self.locals.clone())
    }

    /// `__return__` when the frame is stopped at its return.
    pub fn return_value(&self) -> Option<Value> {
        self.ret.clone()
    }

    /// `file(line)func()` plus `->value` when stopped at a return.
    pub fn location(&self, it: &mut Interp) -> String {
        let mut s = format!("{}({}){}()", self.code.filename, self.line, self.code.name);
        if let Some(v) = self.return_value() {
            s.push_str("->");
            s.push_str(&short_repr(it, &v));
        }
        s
    }

    /// Source line `n` (1-based) of the frame's file, without its line end.
    pub fn source_line(&self, n: u32) -> Option<&str> {
        // Code compiled from a string has no source to show (linecache knows no "<string>").
        if &*self.code.filename == "<string>" {
            return None;
        }
        source_lines(&self.code.source).nth((n as usize).checked_sub(1)?)
    }

    pub fn source_len(&self) -> usize {
        source_lines(&self.code.source).count()
    }
}

fn source_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
}

/// A function frame's slots as a dict (cells read through; unbound names left out).
fn slot_dict(fr: &Frame) -> Dict {
    let mut d = Dict::new();
    for (name, v) in fr.code.slot_names.iter().zip(&fr.slots) {
        let v = match v {
            Value::Cell(c) => c.borrow().clone(),
            v => v.clone(),
        };
        if !matches!(v, Value::Undef) {
            d.set_str(name, v);
        }
    }
    d
}

/// Writes a function frame's (possibly edited) locals dict back into its slots, as CPython 3.11's
/// `PyFrame_LocalsToFast` does after a debugger command.
pub(crate) fn write_back(view: &FrameView, fr: &mut Frame) {
    if !view.from_slots {
        return;
    }
    let d = view.locals.borrow();
    let code = fr.code.clone();
    for (i, name) in code.slot_names.iter().enumerate() {
        let new = d.get_str(name).cloned().unwrap_or(Value::Undef);
        if let Some(slot) = fr.slots.get_mut(i) {
            match slot {
                Value::Cell(c) => *c.borrow_mut() = new,
                s => *s = new,
            }
        }
    }
}

/// The lines `(first, last)` (1-based, inclusive) of the block that starts at `first`: a `def` or `class`
/// line (with its decorators above left out) and the indented lines after it — what `ll` and `source` show.
pub(crate) fn block_range(source: &str, first: usize) -> (usize, usize) {
    let lines: Vec<&str> = source.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = lines.get(first.saturating_sub(1)).map_or(0, |l| indent(l));
    let mut last = first;
    let mut in_body = false;
    for (i, l) in lines.iter().enumerate().skip(first) {
        if l.trim().is_empty() {
            continue;
        }
        if indent(l) <= base && in_body {
            break;
        }
        if indent(l) > base {
            in_body = true;
        }
        last = i + 1;
    }
    (first, last.min(lines.len()))
}

/// pdb's `l` line: `str(n).rjust(3)`, a space if shorter than 4, `B` or a space, `->`/`>>`, a tab, the text.
pub(crate) fn list_line(n: u32, text: &str, bp: bool, current: bool, exc: bool) -> String {
    let mut s = format!("{n:>3}");
    if s.len() < 4 {
        s.push(' ');
    }
    s.push(if bp { 'B' } else { ' ' });
    if current {
        s.push_str("->");
    } else if exc {
        s.push_str(">>");
    }
    s.push('\t');
    s.push_str(text.trim_end());
    s.push('\n');
    s
}

/// ipdb's context line: the number right-aligned in 7 columns (a breakpoint's number before it), the
/// current line marked `---->`, then a space and the text.
pub(crate) fn context_line(n: u32, text: &str, bp: Option<usize>, current: bool) -> String {
    let mark = bp.map(|b| b.to_string()).unwrap_or_default();
    let width = 7usize.saturating_sub(mark.len());
    let num = if current {
        let pad = width.saturating_sub(n.to_string().len());
        let arrow = match pad {
            0 => String::new(),
            1 => ">".to_string(),
            p => format!("{}> ", "-".repeat(p - 2)),
        };
        format!("{arrow}{n}")
    } else {
        format!("{n:>width$}")
    };
    format!("{mark}{num} {}\n", text.trim_end())
}

/// `reprlib.repr`: long strings, ints and sequences shortened with `...`, as pdb shows return values.
pub(crate) fn short_repr(it: &mut Interp, v: &Value) -> String {
    match v {
        Value::Str(s) => {
            let head: String = s.chars().take(30).collect();
            let r = Value::str(&head).repr();
            if s.chars().count() > 30 || r.chars().count() > 30 {
                squeeze(&r, 30)
            } else {
                r
            }
        }
        Value::Int(_) | Value::Big(_) => squeeze(&v.repr(), 40),
        Value::List(l) => seq_repr(it, &l.borrow().clone(), "[", "]", 6, false),
        Value::Tuple(t) => seq_repr(it, t, "(", ")", 6, true),
        // reprlib's `repr_instance`: a failing `__repr__` shows the class and the address.
        _ => it.repr(v).unwrap_or_else(|_| {
            let class = it.type_of(v).name.clone();
            format!("<{class} instance at {:#x}>", v.identity())
        }),
    }
}

fn squeeze(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return s.to_string();
    }
    let i = (max - 3) / 2;
    let j = max - 3 - i;
    let head: String = chars[..i].iter().collect();
    let tail: String = chars[chars.len() - j..].iter().collect();
    format!("{head}...{tail}")
}

fn seq_repr(it: &mut Interp, items: &[Value], l: &str, r: &str, max: usize, tuple: bool) -> String {
    let mut parts: Vec<String> = items.iter().take(max).map(|x| short_repr(it, x)).collect();
    if items.len() > max {
        parts.push("...".into());
    }
    let trail = if tuple && items.len() == 1 { "," } else { "" };
    format!("{l}{}{trail}{r}", parts.join(", "))
}

/// `pprint.pformat` for the built-in containers (width 80, dicts sorted by key, one item per line when
/// the repr does not fit).
pub(crate) fn pformat(it: &mut Interp, v: &Value) -> PyResult<String> {
    pformat_at(it, v, 0, 80)
}

fn pformat_at(it: &mut Interp, v: &Value, indent: usize, width: usize) -> PyResult<String> {
    let flat = match v {
        Value::Dict(d) => {
            let items = sorted_items(it, &d.borrow());
            let mut parts = Vec::with_capacity(items.len());
            for (k, v) in &items {
                parts.push(format!("{}: {}", it.repr(k)?, it.repr(v)?));
            }
            format!("{{{}}}", parts.join(", "))
        }
        _ => it.repr(v)?,
    };
    if flat.chars().count() + indent <= width {
        return Ok(flat);
    }
    let pad = " ".repeat(indent + 1);
    match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            wrap(it, &items, "[", "]", indent, width, &pad, false)
        }
        Value::Tuple(t) => wrap(it, t, "(", ")", indent, width, &pad, true),
        Value::Dict(d) => {
            let items = sorted_items(it, &d.borrow());
            let mut parts = Vec::new();
            for (k, val) in &items {
                let key = it.repr(k)?;
                let inner = pformat_at(it, val, indent + 1 + key.len() + 2, width)?;
                parts.push(format!("{key}: {inner}"));
            }
            Ok(format!("{{{}}}", parts.join(&format!(",\n{pad}"))))
        }
        _ => Ok(flat),
    }
}

#[allow(clippy::too_many_arguments)]
fn wrap(
    it: &mut Interp,
    items: &[Value],
    l: &str,
    r: &str,
    indent: usize,
    width: usize,
    pad: &str,
    tuple: bool,
) -> PyResult<String> {
    let mut parts = Vec::with_capacity(items.len());
    for x in items {
        parts.push(pformat_at(it, x, indent + 1, width)?);
    }
    let trail = if tuple && items.len() == 1 { "," } else { "" };
    Ok(format!("{l}{}{trail}{r}", parts.join(&format!(",\n{pad}"))))
}

fn sorted_items(it: &mut Interp, d: &Dict) -> Vec<(Value, Value)> {
    let mut items: Vec<(Value, Value)> = d
        .map()
        .iter()
        .map(|(k, v)| (k.0.clone(), v.clone()))
        .collect();
    // pprint sorts keys that compare; keys of mixed types keep their order.
    let mut ok = true;
    items.sort_by(|a, b| {
        if !ok {
            return std::cmp::Ordering::Equal;
        }
        match it.less(&a.0, &b.0) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match it.less(&b.0, &a.0) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(_) => {
                    ok = false;
                    std::cmp::Ordering::Equal
                }
            },
            Err(_) => {
                ok = false;
                std::cmp::Ordering::Equal
            }
        }
    });
    if !ok {
        items = d
            .map()
            .iter()
            .map(|(k, v)| (k.0.clone(), v.clone()))
            .collect();
    }
    items
}

/// `cmd.Cmd.columnize`: the words in as few rows as fit in `width` columns, two spaces apart.
pub(crate) fn columnize(words: &[&str], width: usize) -> String {
    if words.is_empty() {
        return "<empty>\n".into();
    }
    let size = words.len();
    for nrows in 1..size {
        let ncols = size.div_ceil(nrows);
        let mut colwidths = Vec::new();
        let mut total: isize = -2;
        for col in 0..ncols {
            let w = (0..nrows)
                .filter_map(|row| words.get(row + nrows * col))
                .map(|s| s.len())
                .max()
                .unwrap_or(0);
            colwidths.push(w);
            total += w as isize + 2;
            if total > width as isize {
                break;
            }
        }
        if total <= width as isize && colwidths.len() == ncols {
            return rows(words, nrows, &colwidths);
        }
    }
    rows(words, size, &[0])
}

fn rows(words: &[&str], nrows: usize, colwidths: &[usize]) -> String {
    let mut out = String::new();
    for row in 0..nrows {
        let mut texts: Vec<&str> = (0..colwidths.len())
            .map(|col| words.get(row + nrows * col).copied().unwrap_or(""))
            .collect();
        while texts.last().is_some_and(|t| t.is_empty()) {
            texts.pop();
        }
        let padded: Vec<String> = texts
            .iter()
            .zip(colwidths)
            .map(|(t, w)| format!("{t:<w$}"))
            .collect();
        out.push_str(&padded.join("  "));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_lines_use_pdbs_columns() {
        assert_eq!(
            list_line(3, "    return c", false, false, false),
            "  3  \t    return c\n"
        );
        assert_eq!(
            list_line(8, "    y = add(x, 2)", false, true, false),
            "  8  ->\t    y = add(x, 2)\n"
        );
        assert_eq!(list_line(12, "x", true, false, true), " 12 B>>\tx\n");
        assert_eq!(list_line(1234, "x", false, false, false), "1234 \tx\n");
    }

    #[test]
    fn context_lines_use_ipdbs_arrow() {
        assert_eq!(
            context_line(8, "    y = 1", None, true),
            "----> 8     y = 1\n"
        );
        assert_eq!(
            context_line(7, "    x = 1", None, false),
            "      7     x = 1\n"
        );
        assert_eq!(context_line(10, "z", Some(1), false), "1    10 z\n");
        assert_eq!(context_line(10, "z", Some(1), true), "1--> 10 z\n");
    }

    #[test]
    fn squeeze_keeps_both_ends_as_reprlib() {
        let s = format!("'{}'", "a".repeat(40));
        assert_eq!(squeeze(&s, 30), "'aaaaaaaaaaaa...aaaaaaaaaaaaa'");
        assert_eq!(squeeze("'short'", 30), "'short'");
    }

    #[test]
    fn columnize_fills_columns_first() {
        let words = ["a", "bb", "c", "dd", "e"];
        assert_eq!(columnize(&words, 80), "a  bb  c  dd  e\n");
        assert_eq!(columnize(&words, 6), "a   dd\nbb  e \nc \n");
    }
}

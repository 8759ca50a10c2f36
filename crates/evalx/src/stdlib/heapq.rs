//! `heapq`: the heap operations in Rust (CPython's exact sift order, so equal keys come out as in CPython),
//! `nlargest`/`nsmallest`/`merge` on top of them.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

type List = Rc<RefCell<crate::value::PyList>>;

fn list_arg(name: &str, v: &Value, what: &str) -> PyResult<List> {
    match v {
        Value::List(l) => Ok(l.clone()),
        other => Err(Exc::type_err(format!(
            "{name}() {what} must be list, not {}",
            crate::builtins::type_name(other)
        ))),
    }
}

fn get(h: &List, i: usize) -> PyResult<Value> {
    h.borrow()
        .get(i)
        .cloned()
        .ok_or_else(|| Exc::new("RuntimeError", "list changed size during iteration"))
}

fn set(h: &List, i: usize, v: Value) -> PyResult<()> {
    match h.borrow_mut().get_mut(i) {
        Some(slot) => {
            *slot = v;
            Ok(())
        }
        None => Err(Exc::new(
            "RuntimeError",
            "list changed size during iteration",
        )),
    }
}

/// CPython's `_siftdown`: moves the item at `pos` up towards `start` while it is smaller than its parent.
fn sift_down(it: &mut Interp, h: &List, start: usize, mut pos: usize) -> PyResult<()> {
    let newitem = get(h, pos)?;
    while pos > start {
        it.charge(1)?;
        let parentpos = (pos - 1) >> 1;
        let parent = get(h, parentpos)?;
        if it.less(&newitem, &parent)? {
            set(h, pos, parent)?;
            pos = parentpos;
            continue;
        }
        break;
    }
    set(h, pos, newitem)
}

/// CPython's `_siftup`: sends the item at `pos` to a leaf along smaller children, then sifts it back.
fn sift_up(it: &mut Interp, h: &List, mut pos: usize) -> PyResult<()> {
    let endpos = h.borrow().len();
    let startpos = pos;
    let newitem = get(h, pos)?;
    let mut childpos = 2 * pos + 1;
    while childpos < endpos {
        // One tick a level (about a comparison and a move), so that `heapify` of ten million items, a
        // native loop of some 20 million levels, stops at the deadline like the code around it.
        it.charge(1)?;
        let rightpos = childpos + 1;
        if rightpos < endpos {
            let (r, c) = (get(h, rightpos)?, get(h, childpos)?);
            if !it.less(&c, &r)? {
                childpos = rightpos;
            }
        }
        let c = get(h, childpos)?;
        set(h, pos, c)?;
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    set(h, pos, newitem)?;
    sift_down(it, h, startpos, pos)
}

fn heappush(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("heappush", args, kw, 2, 2)?;
    let h = list_arg("heappush", &args[0], "argument 1")?;
    h.borrow_mut().push(args[1].clone());
    let n = h.borrow().len();
    sift_down(it, &h, 0, n - 1)?;
    Ok(Value::None)
}

fn heappop(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("heappop", args, kw, 1, 1)?;
    let h = list_arg("heappop", &args[0], "argument")?;
    let last = h
        .borrow_mut()
        .pop()
        .ok_or_else(|| Exc::new("IndexError", "index out of range"))?;
    if h.borrow().is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut h.borrow_mut()[0], last);
    sift_up(it, &h, 0)?;
    Ok(top)
}

fn heapreplace(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("heapreplace", args, kw, 2, 2)?;
    let h = list_arg("heapreplace", &args[0], "argument 1")?;
    if h.borrow().is_empty() {
        return Err(Exc::new("IndexError", "index out of range"));
    }
    let top = std::mem::replace(&mut h.borrow_mut()[0], args[1].clone());
    sift_up(it, &h, 0)?;
    Ok(top)
}

fn heappushpop(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("heappushpop", args, kw, 2, 2)?;
    let h = list_arg("heappushpop", &args[0], "argument 1")?;
    let item = args[1].clone();
    let first = h.borrow().first().cloned();
    match first {
        Some(top) if it.less(&top, &item)? => {
            if h.borrow().is_empty() {
                return Ok(item);
            }
            let top = std::mem::replace(&mut h.borrow_mut()[0], item);
            sift_up(it, &h, 0)?;
            Ok(top)
        }
        _ => Ok(item),
    }
}

fn heapify(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("heapify", args, kw, 1, 1)?;
    let h = list_arg("heapify", &args[0], "argument")?;
    let n = h.borrow().len();
    for i in (0..n / 2).rev() {
        sift_up(it, &h, i)?;
    }
    Ok(Value::None)
}

const SOURCE: &str = r#"
def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    if key is None:
        return sorted(iterable)[:n]
    return sorted(iterable, key=key)[:n]

def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    if key is None:
        return sorted(iterable, reverse=True)[:n]
    return sorted(iterable, key=key, reverse=True)[:n]

def merge(*iterables, key=None, reverse=False):
    h = []
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            k = value if key is None else key(value)
            h.append([k if not reverse else _Rev(k), order, value, it])
            break
    heapify(h)
    while h:
        entry = h[0]
        yield entry[2]
        for value in entry[3]:
            k = value if key is None else key(value)
            entry[0] = k if not reverse else _Rev(k)
            entry[2] = value
            heapreplace(h, entry)
            break
        else:
            heappop(h)

class _Rev:
    __slots__ = ('k',)
    def __init__(self, k):
        self.k = k
    def __lt__(self, other):
        return other.k < self.k
    def __eq__(self, other):
        return self.k == other.k
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "heapq",
        "Heap queue algorithm (a.k.a. priority queue).",
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapify", heapify),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
        ],
        SOURCE,
    )
}

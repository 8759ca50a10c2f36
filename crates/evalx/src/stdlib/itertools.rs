//! `itertools`: every function of CPython 3.11's module. The iterators are classes with CPython's names
//! (`type(count())` is `itertools.count`, `isinstance(x, chain)` holds, `chain.from_iterable` is a class
//! method), reprs (`count(5)`, `repeat(1, 3)`) and error texts; their instances are native iterators
//! ([`Iter::Native`]) that step in Rust with CPython's algorithms, so a `for` loop over `product` or
//! `chain` costs one native step per item. `groupby` (with its `_grouper`s, invalidated when
//! the outer iterator moves on, as CPython's) and `tee` (copyable `_tee` objects sharing one buffer; a tee
//! of a copyable iterator copies it) are evalx-level code.

use super::{Kw, native};
use crate::ast::BinOp;
use crate::builtins::type_name;
use crate::interp::{Exc, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::{Builtin, Class, Iter, Kind, NativeIter, NativeNext, NativeRepr, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// The state of one itertools iterator.
enum St {
    Count {
        n: Value,
        step: Value,
    },
    /// `left`: items still to give; `None`: forever.
    Repeat {
        obj: Value,
        left: Option<i64>,
    },
    /// `it`: the source until it is exhausted; then the saved items are replayed from `idx`.
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        idx: usize,
    },
    Accumulate {
        it: Value,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    /// `source`: the iterator of iterables (`None` once exhausted); `active`: the iterator being read.
    Chain {
        source: Option<Value>,
        active: Option<Value>,
    },
    Compress {
        data: Option<Value>,
        sel: Value,
    },
    DropWhile {
        func: Value,
        it: Value,
        dropping: bool,
    },
    TakeWhile {
        func: Value,
        it: Value,
        done: bool,
    },
    FilterFalse {
        func: Value,
        it: Value,
    },
    StarMap {
        func: Value,
        it: Value,
    },
    /// CPython's islice: `next` is the index of the next item to give, `cnt` how many were read.
    ISlice {
        it: Option<Value>,
        next: usize,
        stop: Option<usize>,
        step: usize,
        cnt: usize,
    },
    Pairwise {
        it: Option<Value>,
        old: Option<Value>,
    },
    ZipLongest {
        its: Vec<Option<Value>>,
        active: usize,
        fill: Value,
    },
    /// product, permutations, combinations, combinations_with_replacement.
    Comb(Box<Comb>),
}

#[derive(Clone, Copy, PartialEq)]
enum CombKind {
    Product,
    Permutations,
    Combinations,
    Cwr,
}

struct Comb {
    kind: CombKind,
    /// One pool (the permutations and combinations), or one per position (product).
    pools: Vec<Vec<Value>>,
    r: usize,
    /// 0: nothing given yet, 1: running, 2: exhausted.
    phase: u8,
    idx: Vec<usize>,
    cyc: Vec<usize>,
}

/// The itertools classes: (name, CPython's type name, has a repr of its own).
const CLASSES: &[(&str, &str)] = &[
    ("count", "itertools.count"),
    ("repeat", "itertools.repeat"),
    ("cycle", "itertools.cycle"),
    ("accumulate", "itertools.accumulate"),
    ("chain", "itertools.chain"),
    ("compress", "itertools.compress"),
    ("dropwhile", "itertools.dropwhile"),
    ("takewhile", "itertools.takewhile"),
    ("filterfalse", "itertools.filterfalse"),
    ("starmap", "itertools.starmap"),
    ("islice", "itertools.islice"),
    ("pairwise", "itertools.pairwise"),
    ("zip_longest", "itertools.zip_longest"),
    ("product", "itertools.product"),
    ("permutations", "itertools.permutations"),
    ("combinations", "itertools.combinations"),
    (
        "combinations_with_replacement",
        "itertools.combinations_with_replacement",
    ),
];

/// A fresh native iterator of class `c` in state `st`.
fn make(c: &Rc<Class>, st: St) -> Value {
    let tp_name = CLASSES
        .iter()
        .find(|(n, _)| **n == **c.name)
        .map_or("itertools.iterator", |(_, t)| *t);
    let repr: Option<NativeRepr> = match &st {
        St::Count { .. } => Some(count_repr),
        St::Repeat { .. } => Some(repeat_repr),
        _ => None,
    };
    let next: NativeNext = match &st {
        St::Comb(_) => comb_next,
        _ => step,
    };
    Value::Iter(Rc::new(RefCell::new(Iter::Native(Box::new(NativeIter {
        class: c.clone(),
        tp_name,
        next,
        repr,
        state: Box::new(st),
    })))))
}

/// Runs `f` on the state of `r` (borrowed only while `f` runs: `f` runs no Python code).
#[inline]
fn with<R>(r: &Rc<RefCell<Iter>>, f: impl FnOnce(&mut St) -> R) -> Option<R> {
    let mut b = r.try_borrow_mut().ok()?;
    match &mut *b {
        Iter::Native(n) => n.state.downcast_mut::<St>().map(f),
        _ => None,
    }
}

/// What one step needs that may run Python code, taken out of the state first.
enum Todo {
    Done(Option<Value>),
    Count(Value, Value),
    Cycle(Value),
    Accumulate(Value, Value, Option<Value>),
    Chain(Option<Value>, Option<Value>),
    Compress(Value, Value),
    DropWhile(Value, Value, bool),
    TakeWhile(Value, Value),
    FilterFalse(Value, Value),
    StarMap(Value, Value),
    ISlice(Value, usize, Option<usize>, usize, usize),
    Pairwise(Value, Option<Value>),
    ZipLongest(Vec<Option<Value>>, Value),
}

fn step(it: &mut Interp, r: &Rc<RefCell<Iter>>) -> PyResult<Option<Value>> {
    let todo = with(r, |st| match st {
        St::Count {
            n: Value::Int(i),
            step: Value::Int(s),
        } => match i.checked_add(*s) {
            Some(nx) => Todo::Done(Some(Value::Int(std::mem::replace(i, nx)))),
            None => Todo::Count(Value::Int(*i), Value::Int(*s)),
        },
        St::Count { n, step } => Todo::Count(n.clone(), step.clone()),
        St::Repeat { obj, left } => match left {
            None => Todo::Done(Some(obj.clone())),
            Some(0) => Todo::Done(None),
            Some(k) => {
                *k -= 1;
                Todo::Done(Some(obj.clone()))
            }
        },
        St::Cycle { it: Some(src), .. } => Todo::Cycle(src.clone()),
        St::Cycle {
            it: None,
            saved,
            idx,
        } => {
            if saved.is_empty() {
                return Todo::Done(None);
            }
            if *idx >= saved.len() {
                *idx = 0;
            }
            *idx += 1;
            Todo::Done(saved.get(*idx - 1).cloned())
        }
        St::Accumulate {
            it,
            func,
            total,
            initial,
        } => match initial.take() {
            Some(v) => {
                *total = Some(v.clone());
                Todo::Done(Some(v))
            }
            None => Todo::Accumulate(it.clone(), func.clone(), total.clone()),
        },
        St::Chain { source, active } => Todo::Chain(source.clone(), active.clone()),
        St::Compress { data: None, .. } => Todo::Done(None),
        St::Compress { data: Some(d), sel } => Todo::Compress(d.clone(), sel.clone()),
        St::DropWhile { func, it, dropping } => {
            Todo::DropWhile(func.clone(), it.clone(), *dropping)
        }
        St::TakeWhile { done: true, .. } => Todo::Done(None),
        St::TakeWhile { func, it, .. } => Todo::TakeWhile(func.clone(), it.clone()),
        St::FilterFalse { func, it } => Todo::FilterFalse(func.clone(), it.clone()),
        St::StarMap { func, it } => Todo::StarMap(func.clone(), it.clone()),
        St::ISlice { it: None, .. } => Todo::Done(None),
        St::ISlice {
            it: Some(src),
            next,
            stop,
            step,
            cnt,
        } => Todo::ISlice(src.clone(), *next, *stop, *step, *cnt),
        St::Pairwise { it: None, .. } => Todo::Done(None),
        St::Pairwise { it: Some(src), old } => Todo::Pairwise(src.clone(), old.clone()),
        St::ZipLongest { active: 0, .. } => Todo::Done(None),
        St::ZipLongest { its, fill, .. } => Todo::ZipLongest(its.clone(), fill.clone()),
        St::Comb(_) => Todo::Done(None),
    });
    let Some(todo) = todo else {
        return Err(Exc::new(
            "RuntimeError",
            "itertools iterator already executing",
        ));
    };
    match todo {
        Todo::Done(v) => Ok(v),
        Todo::Count(n, s) => {
            let nx = it.binop(&n, BinOp::Add, &s)?;
            with(r, |st| {
                if let St::Count { n, .. } = st {
                    *n = nx;
                }
            });
            Ok(Some(n))
        }
        Todo::Cycle(src) => match it.next(&src)? {
            Some(v) => {
                with(r, |st| {
                    if let St::Cycle { saved, .. } = st {
                        saved.push(v.clone());
                    }
                });
                Ok(Some(v))
            }
            None => {
                let again = with(r, |st| match st {
                    St::Cycle { it, saved, idx } => {
                        *it = None;
                        *idx = 1;
                        saved.first().cloned()
                    }
                    _ => None,
                });
                Ok(again.flatten())
            }
        },
        Todo::Accumulate(src, func, total) => {
            let Some(v) = it.next(&src)? else {
                return Ok(None);
            };
            let nx = match total {
                None => v,
                Some(t) if matches!(func, Value::None) => it.binop(&t, BinOp::Add, &v)?,
                Some(t) => it.call(&func, vec![t, v], Vec::new())?,
            };
            with(r, |st| {
                if let St::Accumulate { total, .. } = st {
                    *total = Some(nx.clone());
                }
            });
            Ok(Some(nx))
        }
        Todo::Chain(mut source, mut active) => loop {
            if let Some(a) = &active {
                if let Some(v) = it.next(a)? {
                    return Ok(Some(v));
                }
                active = None;
                with(r, |st| {
                    if let St::Chain { active, .. } = st {
                        *active = None;
                    }
                });
            }
            let Some(src) = source.clone() else {
                return Ok(None);
            };
            match it.next(&src)? {
                Some(iterable) => {
                    let a = it.iter(&iterable)?;
                    with(r, |st| {
                        if let St::Chain { active, .. } = st {
                            *active = Some(a.clone());
                        }
                    });
                    active = Some(a);
                }
                None => {
                    source = None;
                    with(r, |st| {
                        if let St::Chain { source, .. } = st {
                            *source = None;
                        }
                    });
                }
            }
        },
        Todo::Compress(data, sel) => loop {
            let Some(d) = it.next(&data)? else {
                break Ok(None);
            };
            let Some(s) = it.next(&sel)? else {
                break Ok(None);
            };
            if it.truthy(&s)? {
                break Ok(Some(d));
            }
        },
        Todo::DropWhile(func, src, dropping) => {
            if !dropping {
                return it.next(&src);
            }
            loop {
                let Some(v) = it.next(&src)? else {
                    return Ok(None);
                };
                let t = it.call(&func, vec![v.clone()], Vec::new())?;
                if !it.truthy(&t)? {
                    with(r, |st| {
                        if let St::DropWhile { dropping, .. } = st {
                            *dropping = false;
                        }
                    });
                    return Ok(Some(v));
                }
            }
        }
        Todo::TakeWhile(func, src) => {
            let Some(v) = it.next(&src)? else {
                return Ok(None);
            };
            let t = it.call(&func, vec![v.clone()], Vec::new())?;
            if it.truthy(&t)? {
                return Ok(Some(v));
            }
            with(r, |st| {
                if let St::TakeWhile { done, .. } = st {
                    *done = true;
                }
            });
            Ok(None)
        }
        Todo::FilterFalse(func, src) => loop {
            let Some(v) = it.next(&src)? else {
                return Ok(None);
            };
            let keep = if matches!(func, Value::None) {
                !it.truthy(&v)?
            } else {
                let t = it.call(&func, vec![v.clone()], Vec::new())?;
                !it.truthy(&t)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Todo::StarMap(func, src) => {
            let Some(a) = it.next(&src)? else {
                return Ok(None);
            };
            let args = match a {
                Value::Tuple(t) => t.to_vec(),
                other => {
                    let i = it.iter(&other)?;
                    it.collect(&i)?
                }
            };
            it.call(&func, args, Vec::new()).map(Some)
        }
        Todo::ISlice(src, next, stop, step, mut cnt) => {
            let end = |r: &Rc<RefCell<Iter>>| {
                with(r, |st| {
                    if let St::ISlice { it, .. } = st {
                        *it = None;
                    }
                });
                Ok(None)
            };
            while cnt < next {
                if it.next(&src)?.is_none() {
                    return end(r);
                }
                cnt += 1;
                with(r, |st| {
                    if let St::ISlice { cnt: c, .. } = st {
                        *c = cnt;
                    }
                });
            }
            if stop.is_some_and(|s| cnt >= s) {
                return end(r);
            }
            let Some(v) = it.next(&src)? else {
                return end(r);
            };
            cnt += 1;
            let mut nx = next.saturating_add(step);
            if let Some(s) = stop
                && nx > s
            {
                nx = s;
            }
            with(r, |st| {
                if let St::ISlice { cnt: c, next, .. } = st {
                    *c = cnt;
                    *next = nx;
                }
            });
            Ok(Some(v))
        }
        Todo::Pairwise(src, old) => {
            let old = match old {
                Some(o) => o,
                None => match it.next(&src)? {
                    Some(o) => o,
                    None => {
                        with(r, |st| {
                            if let St::Pairwise { it, .. } = st {
                                *it = None;
                            }
                        });
                        return Ok(None);
                    }
                },
            };
            let Some(new) = it.next(&src)? else {
                with(r, |st| {
                    if let St::Pairwise { it, old } = st {
                        *it = None;
                        *old = None;
                    }
                });
                return Ok(None);
            };
            with(r, |st| {
                if let St::Pairwise { old: o, .. } = st {
                    *o = Some(new.clone());
                }
            });
            Ok(Some(Value::tuple(vec![old, new])))
        }
        Todo::ZipLongest(its, fill) => {
            let mut row = Vec::with_capacity(its.len());
            for (i, x) in its.iter().enumerate() {
                let Some(x) = x else {
                    row.push(fill.clone());
                    continue;
                };
                match it.next(x)? {
                    Some(v) => row.push(v),
                    None => {
                        let left = with(r, |st| match st {
                            St::ZipLongest { its, active, .. } => {
                                if let Some(slot) = its.get_mut(i) {
                                    *slot = None;
                                }
                                *active = active.saturating_sub(1);
                                *active
                            }
                            _ => 0,
                        });
                        if left.unwrap_or(0) == 0 {
                            return Ok(None);
                        }
                        row.push(fill.clone());
                    }
                }
            }
            Ok(Some(Value::tuple(row)))
        }
    }
}

/// One step of product/permutations/combinations/combinations_with_replacement: runs no Python code,
/// so the state is borrowed for the whole step.
fn comb_next(_it: &mut Interp, r: &Rc<RefCell<Iter>>) -> PyResult<Option<Value>> {
    let out = with(r, |st| match st {
        St::Comb(c) => c.next(),
        _ => None,
    });
    match out {
        Some(v) => Ok(v.map(Value::tuple)),
        None => Err(Exc::new(
            "RuntimeError",
            "itertools iterator already executing",
        )),
    }
}

impl Comb {
    fn next(&mut self) -> Option<Vec<Value>> {
        if self.phase == 2 {
            return None;
        }
        let out = match self.kind {
            CombKind::Product => self.product(),
            CombKind::Permutations => self.perm(),
            CombKind::Combinations => self.comb(),
            CombKind::Cwr => self.cwr(),
        };
        self.phase = if out.is_some() { 1 } else { 2 };
        if out.is_none() {
            self.pools = Vec::new();
        }
        out
    }

    fn pick(&self) -> Vec<Value> {
        let pool = self.pools.first().map_or(&[][..], |p| &p[..]);
        self.idx[..self.r.min(self.idx.len())]
            .iter()
            .filter_map(|&i| pool.get(i).cloned())
            .collect()
    }

    fn perm(&mut self) -> Option<Vec<Value>> {
        let n = self.pools.first().map_or(0, |p| p.len());
        let r = self.r;
        if self.phase == 0 {
            if r > n {
                return None;
            }
            self.idx = (0..n).collect();
            self.cyc = (0..r).map(|i| n - i).collect();
            return Some(self.pick());
        }
        if n == 0 {
            return None;
        }
        for i in (0..r).rev() {
            self.cyc[i] -= 1;
            if self.cyc[i] == 0 {
                self.idx[i..].rotate_left(1);
                self.cyc[i] = n - i;
            } else {
                let j = self.cyc[i];
                self.idx.swap(i, n - j);
                return Some(self.pick());
            }
        }
        None
    }

    fn comb(&mut self) -> Option<Vec<Value>> {
        let n = self.pools.first().map_or(0, |p| p.len());
        let r = self.r;
        if self.phase == 0 {
            if r > n {
                return None;
            }
            self.idx = (0..r).collect();
            return Some(self.pick());
        }
        let i = (0..r).rev().find(|&i| self.idx[i] != i + n - r)?;
        self.idx[i] += 1;
        for j in i + 1..r {
            self.idx[j] = self.idx[j - 1] + 1;
        }
        Some(self.pick())
    }

    fn cwr(&mut self) -> Option<Vec<Value>> {
        let n = self.pools.first().map_or(0, |p| p.len());
        let r = self.r;
        if self.phase == 0 {
            if n == 0 && r > 0 {
                return None;
            }
            self.idx = vec![0; r];
            return Some(self.pick());
        }
        let i = (0..r).rev().find(|&i| self.idx[i] != n - 1)?;
        let v = self.idx[i] + 1;
        for x in &mut self.idx[i..] {
            *x = v;
        }
        Some(self.pick())
    }

    fn product(&mut self) -> Option<Vec<Value>> {
        let row = |pools: &[Vec<Value>], idx: &[usize]| -> Vec<Value> {
            idx.iter()
                .zip(pools)
                .filter_map(|(&i, p)| p.get(i).cloned())
                .collect()
        };
        if self.phase == 0 {
            if self.pools.iter().any(|p| p.is_empty()) {
                return None;
            }
            self.idx = vec![0; self.pools.len()];
            return Some(row(&self.pools, &self.idx));
        }
        let mut i = self.pools.len();
        loop {
            if i == 0 {
                return None;
            }
            i -= 1;
            self.idx[i] += 1;
            if self.idx[i] < self.pools[i].len() {
                return Some(row(&self.pools, &self.idx));
            }
            self.idx[i] = 0;
        }
    }
}

// ------------------------------------------------------------------------------------ reprs

fn state_of<R>(r: &Rc<RefCell<Iter>>, f: impl FnOnce(&St) -> R) -> Option<R> {
    let b = r.try_borrow().ok()?;
    match &*b {
        Iter::Native(n) => n.state.downcast_ref::<St>().map(f),
        _ => None,
    }
}

fn count_repr(it: &mut Interp, r: &Rc<RefCell<Iter>>) -> PyResult<String> {
    let Some((n, step)) = state_of(r, |st| match st {
        St::Count { n, step } => Some((n.clone(), step.clone())),
        _ => None,
    })
    .flatten() else {
        return Ok("count(...)".into());
    };
    let start = it.repr(&n)?;
    if matches!(
        step,
        Value::Int(1) | Value::Bool(crate::value::PyBool::True)
    ) {
        return Ok(format!("count({start})"));
    }
    Ok(format!("count({start}, {})", it.repr(&step)?))
}

fn repeat_repr(it: &mut Interp, r: &Rc<RefCell<Iter>>) -> PyResult<String> {
    let Some((obj, left)) = state_of(r, |st| match st {
        St::Repeat { obj, left } => Some((obj.clone(), *left)),
        _ => None,
    })
    .flatten() else {
        return Ok("repeat(...)".into());
    };
    let o = it.repr(&obj)?;
    Ok(match left {
        None => format!("repeat({o})"),
        Some(k) => format!("repeat({o}, {k})"),
    })
}

/// `repeat.__length_hint__(self)`.
fn repeat_length_hint(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let left = match args.first() {
        Some(Value::Iter(r)) => state_of(r, |st| match st {
            St::Repeat { left, .. } => Some(*left),
            _ => None,
        })
        .flatten(),
        _ => None,
    };
    match left {
        Some(Some(k)) => Ok(Value::Int(k)),
        Some(None) => Err(Exc::type_err("len() of unsized object")),
        None => Err(Exc::type_err(
            "descriptor '__length_hint__' requires a 'itertools.repeat' object",
        )),
    }
}

// ------------------------------------------------------------------------------------ constructors

/// Keyword-or-positional arguments with CPython's `PyArg_ParseTupleAndKeywords` texts.
fn parse(
    f: &str,
    args: &[Value],
    kw: Kw<'_>,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let given = args.len() + kw.len();
    if given > names.len() {
        return Err(Exc::type_err(format!(
            "{f}() takes at most {} argument{} ({given} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut out: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
    out.resize(names.len(), None);
    for (k, v) in kw {
        match names.iter().position(|n| **n == **k) {
            Some(i) if out[i].is_some() => {
                return Err(Exc::type_err(format!(
                    "argument for {f}() given by name ('{k}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(v.clone()),
            None => {
                return Err(Exc::type_err(format!(
                    "'{k}' is an invalid keyword argument for {f}()"
                )));
            }
        }
    }
    for (i, v) in out.iter().enumerate().take(required) {
        if v.is_none() {
            return Err(Exc::type_err(format!(
                "{f}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// Exactly `n` positional arguments and no keywords (CPython's `PyArg_UnpackTuple` texts).
fn exactly(f: &str, args: &[Value], kw: Kw<'_>, n: usize) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(Exc::type_err(format!("{f}() takes no keyword arguments")));
    }
    if args.len() != n {
        return Err(Exc::type_err(format!(
            "{f} expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

fn is_number(it: &Interp, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Big(_) | Value::Bool(_) | Value::Float(_) | Value::Complex(_) => {
            true
        }
        Value::Instance(_) => ["__index__", "__int__", "__float__", "__complex__"]
            .iter()
            .any(|n| it.lookup_special(v, n).is_some()),
        _ => false,
    }
}

/// An `r` argument: a non-negative int (`TypeError` through `__index__` otherwise).
fn r_arg(it: &mut Interp, v: &Value) -> PyResult<usize> {
    let r = crate::builtins::to_index_of(it, v)?;
    if r < 0 {
        return Err(Exc::value_err("r must be non-negative"));
    }
    Ok(r as usize)
}

/// A tuple of an iterable's items (the pools of the combinatoric iterators).
fn pool(it: &mut Interp, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::Tuple(t) => Ok(t.to_vec()),
        Value::List(l) => Ok(l.borrow().0.clone()),
        _ => {
            let i = it.iter(v)?;
            it.collect(&i)
        }
    }
}

fn comb(kind: CombKind, pools: Vec<Vec<Value>>, r: usize) -> St {
    St::Comb(Box::new(Comb {
        kind,
        pools,
        r,
        phase: 0,
        idx: Vec::new(),
        cyc: Vec::new(),
    }))
}

/// Calling an itertools class: checks the arguments as CPython does and makes the iterator.
pub(crate) fn construct(
    it: &mut Interp,
    c: &Rc<Class>,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> PyResult<Value> {
    let name: &str = &c.name;
    let st = match name {
        "count" => {
            let a = parse("count", args, kw, &["start", "step"], 0)?;
            let n = a[0].clone().unwrap_or(Value::Int(0));
            let step = a[1].clone().unwrap_or(Value::Int(1));
            if !is_number(it, &n) || !is_number(it, &step) {
                return Err(Exc::type_err("a number is required"));
            }
            let norm = |v: Value| match v {
                Value::Bool(b) => Value::Int(b.get() as i64),
                v => v,
            };
            St::Count { n: norm(n), step }
        }
        "repeat" => {
            let a = parse("repeat", args, kw, &["object", "times"], 1)?;
            let left = match &a[1] {
                None => None,
                Some(t) => Some(crate::builtins::to_index_of(it, t)?.max(0)),
            };
            St::Repeat {
                obj: a[0].clone().unwrap_or(Value::None),
                left,
            }
        }
        "cycle" => {
            exactly("cycle", args, kw, 1)?;
            St::Cycle {
                it: Some(it.iter(&args[0])?),
                saved: Vec::new(),
                idx: 0,
            }
        }
        "accumulate" => {
            if args.len() > 2 {
                return Err(Exc::type_err(format!(
                    "accumulate() takes at most 2 positional arguments ({} given)",
                    args.len()
                )));
            }
            let a = parse("accumulate", args, kw, &["iterable", "func", "initial"], 1)?;
            let src = it.iter(a[0].as_ref().unwrap_or(&Value::None))?;
            St::Accumulate {
                it: src,
                func: a[1].clone().unwrap_or(Value::None),
                total: None,
                initial: a[2].clone().filter(|v| !matches!(v, Value::None)),
            }
        }
        "chain" => {
            if !kw.is_empty() {
                return Err(Exc::type_err("chain() takes no keyword arguments"));
            }
            St::Chain {
                source: Some(it.iter(&Value::tuple(args.to_vec()))?),
                active: None,
            }
        }
        "compress" => {
            let a = parse("compress", args, kw, &["data", "selectors"], 2)?;
            let d = it.iter(a[0].as_ref().unwrap_or(&Value::None))?;
            let s = it.iter(a[1].as_ref().unwrap_or(&Value::None))?;
            St::Compress {
                data: Some(d),
                sel: s,
            }
        }
        "dropwhile" | "takewhile" | "filterfalse" | "starmap" => {
            exactly(name, args, kw, 2)?;
            let func = args[0].clone();
            let src = it.iter(&args[1])?;
            match name {
                "dropwhile" => St::DropWhile {
                    func,
                    it: src,
                    dropping: true,
                },
                "takewhile" => St::TakeWhile {
                    func,
                    it: src,
                    done: false,
                },
                "filterfalse" => St::FilterFalse { func, it: src },
                _ => St::StarMap { func, it: src },
            }
        }
        "islice" => {
            if !kw.is_empty() {
                return Err(Exc::type_err("islice() takes no keyword arguments"));
            }
            if args.len() < 2 {
                return Err(Exc::type_err(format!(
                    "islice expected at least 2 arguments, got {}",
                    args.len()
                )));
            }
            if args.len() > 4 {
                return Err(Exc::type_err(format!(
                    "islice expected at most 4 arguments, got {}",
                    args.len()
                )));
            }
            // CPython's order of checks and texts (an index that is no int counts as -1).
            let stop_msg =
                "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
            let mut ssize = |v: &Value| crate::builtins::to_index_of(it, v).unwrap_or(-1);
            let mut start = 0;
            let mut stop = -1;
            if args.len() > 2 && !matches!(args[1], Value::None) {
                start = ssize(&args[1]);
            }
            let stop_arg = if args.len() == 2 { &args[1] } else { &args[2] };
            if !matches!(stop_arg, Value::None) {
                stop = ssize(stop_arg);
                if stop == -1 {
                    return Err(Exc::value_err(stop_msg));
                }
            }
            if start < 0 || stop < -1 {
                return Err(Exc::value_err(
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                ));
            }
            let step = match args.get(3) {
                None | Some(Value::None) => 1,
                Some(v) => ssize(v),
            };
            if step < 1 {
                return Err(Exc::value_err(
                    "Step for islice() must be a positive integer or None.",
                ));
            }
            let (start, stop, step) = (
                start as usize,
                (stop >= 0).then_some(stop as usize),
                step as usize,
            );
            let src = it.iter(&args[0])?;
            St::ISlice {
                it: Some(src),
                next: start,
                stop,
                step,
                cnt: 0,
            }
        }
        "pairwise" => {
            exactly("pairwise", args, kw, 1)?;
            St::Pairwise {
                it: Some(it.iter(&args[0])?),
                old: None,
            }
        }
        "zip_longest" => {
            let mut fill = Value::None;
            for (k, v) in kw {
                if &**k == "fillvalue" {
                    fill = v.clone();
                } else {
                    return Err(Exc::type_err(
                        "zip_longest() got an unexpected keyword argument",
                    ));
                }
            }
            let mut its = Vec::with_capacity(args.len());
            for a in args {
                its.push(Some(it.iter(a)?));
            }
            St::ZipLongest {
                active: its.len(),
                its,
                fill,
            }
        }
        "product" => {
            let mut repeat = 1usize;
            for (k, v) in kw {
                if &**k != "repeat" {
                    return Err(Exc::type_err(format!(
                        "'{k}' is an invalid keyword argument for product()"
                    )));
                }
                let n = crate::builtins::to_index_of(it, v)?;
                if n < 0 {
                    return Err(Exc::value_err("repeat argument cannot be negative"));
                }
                repeat = n as usize;
            }
            let mut pools = Vec::with_capacity(args.len());
            for a in args {
                pools.push(pool(it, a)?);
            }
            let total = pools.len().saturating_mul(repeat);
            it.check_len(total)?;
            let mut all = Vec::with_capacity(total);
            for _ in 0..repeat {
                all.extend(pools.iter().cloned());
            }
            comb(CombKind::Product, all, 0)
        }
        "permutations" => {
            let a = parse("permutations", args, kw, &["iterable", "r"], 1)?;
            let p = pool(it, a[0].as_ref().unwrap_or(&Value::None))?;
            let r = match &a[1] {
                None | Some(Value::None) => p.len(),
                Some(v @ (Value::Int(_) | Value::Big(_) | Value::Bool(_))) => r_arg(it, v)?,
                Some(Value::Instance(i)) if i.native.is_some() => {
                    r_arg(it, &Value::Instance(i.clone()))?
                }
                Some(_) => return Err(Exc::type_err("Expected int as r")),
            };
            comb(CombKind::Permutations, vec![p], r)
        }
        "combinations" | "combinations_with_replacement" => {
            let a = parse(name, args, kw, &["iterable", "r"], 2)?;
            let p = pool(it, a[0].as_ref().unwrap_or(&Value::None))?;
            let r = r_arg(it, a[1].as_ref().unwrap_or(&Value::None))?;
            let kind = if name == "combinations" {
                CombKind::Combinations
            } else {
                CombKind::Cwr
            };
            comb(kind, vec![p], r)
        }
        _ => {
            return Err(Exc::type_err(format!(
                "cannot create '{}' instances",
                type_name(&Value::Class(c.clone()))
            )));
        }
    };
    Ok(make(c, st))
}

/// `chain.from_iterable(iterable)` (a class method: `cls` first).
fn chain_from_iterable(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (Some(Value::Class(c)), rest) = (args.first(), args.get(1..).unwrap_or(&[])) else {
        return Err(Exc::type_err("from_iterable() needs a class"));
    };
    if !kw.is_empty() {
        return Err(Exc::type_err(
            "chain.from_iterable() takes no keyword arguments",
        ));
    }
    if rest.len() != 1 {
        return Err(Exc::type_err(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            rest.len()
        )));
    }
    let source = it.iter(&rest[0])?;
    Ok(make(
        c,
        St::Chain {
            source: Some(source),
            active: None,
        },
    ))
}

/// `chain.__reduce__(self)`: CPython's `(chain, (), (source, active))` (shorter once exhausted).
fn chain_reduce(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let st = match args.first() {
        Some(Value::Iter(r)) => state_of(r, |st| match st {
            St::Chain { source, active } => Some((source.clone(), active.clone())),
            _ => None,
        })
        .flatten(),
        _ => None,
    };
    let Some((source, active)) = st else {
        return Err(Exc::type_err(
            "descriptor '__reduce__' requires a 'itertools.chain' object",
        ));
    };
    let cls = Value::Class(it.type_of(&args[0]));
    let mut out = vec![cls, Value::tuple(Vec::new())];
    if let Some(s) = source {
        let mut state = vec![s];
        state.extend(active);
        out.push(Value::tuple(state));
    }
    Ok(Value::tuple(out))
}

/// `chain.__setstate__(self, (source[, active]))`: both must be iterators.
fn chain_setstate(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [Value::Iter(r), state] = args else {
        return Err(Exc::type_err(
            "descriptor '__setstate__' requires a 'itertools.chain' object",
        ));
    };
    let Value::Tuple(t) = state else {
        return Err(Exc::type_err("state is not a tuple"));
    };
    if t.is_empty() || t.len() > 2 {
        return Err(Exc::type_err(format!(
            "function takes at {} {} argument{} ({} given)",
            if t.is_empty() { "least" } else { "most" },
            if t.is_empty() { 1 } else { 2 },
            if t.is_empty() { "" } else { "s" },
            t.len()
        )));
    }
    let is_iter = |it: &Interp, v: &Value| {
        matches!(v, Value::Iter(_)) || it.lookup_special(v, "__next__").is_some()
    };
    if !t.iter().all(|v| is_iter(it, v)) {
        return Err(Exc::type_err("Arguments must be iterators."));
    }
    let (s, a) = (t[0].clone(), t.get(1).cloned());
    with(r, |st| {
        if let St::Chain { source, active } = st {
            *source = Some(s);
            *active = a;
        }
    });
    Ok(Value::None)
}

/// `chain[int]`: a `types.GenericAlias`.
fn chain_class_getitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [cls, item] = args else {
        return Err(Exc::type_err(format!(
            "__class_getitem__ expected 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    };
    super::types::generic_alias(it, cls, item)
}

fn classmethod(name: &'static str, func: crate::value::NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: "<classmethod>",
        func,
        this: Some(native(name, func)),
    }))
}

const DOCS: &[(&str, &str)] = &[
    (
        "count",
        "Return a count object whose .__next__() method returns consecutive values.",
    ),
    (
        "repeat",
        "repeat(object [,times]) -> create an iterator which returns the object\nfor the specified number of times.  If not specified, returns the object\nendlessly.",
    ),
    (
        "cycle",
        "Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely.",
    ),
    (
        "accumulate",
        "Return series of accumulated sums (or other binary function results).",
    ),
    (
        "chain",
        "Return a chain object whose .__next__() method returns elements from the\nfirst iterable until it is exhausted, then elements from the next\niterable, until all of the iterables are exhausted.",
    ),
    (
        "compress",
        "Return data elements corresponding to true selector elements.",
    ),
    (
        "dropwhile",
        "Drop items from the iterable while predicate(item) is true.",
    ),
    (
        "takewhile",
        "Return successive entries from an iterable as long as the predicate evaluates to true for each entry.",
    ),
    (
        "filterfalse",
        "Return those items of iterable for which function(item) is false.",
    ),
    (
        "starmap",
        "Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence.",
    ),
    (
        "islice",
        "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) --> islice object",
    ),
    (
        "pairwise",
        "Return an iterator of overlapping pairs taken from the input iterator.",
    ),
    (
        "zip_longest",
        "zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object",
    ),
    (
        "product",
        "Cartesian product of input iterables.  Equivalent to nested for-loops.",
    ),
    (
        "permutations",
        "Return successive r-length permutations of elements in the iterable.",
    ),
    (
        "combinations",
        "Return successive r-length combinations of elements in the iterable.",
    ),
    (
        "combinations_with_replacement",
        "Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats.",
    ),
];

/// The itertools classes, made once per module: `__iter__`/`__next__` (as `map`'s), the extra methods.
fn make_classes(it: &Interp, d: &mut crate::value::Dict) {
    for (name, _) in CLASSES {
        let c = crate::builtins::class(name, Kind::Iterator, vec![it.types.object.clone()]);
        c.module.set("itertools".into());
        {
            let mut a = c.attrs.borrow_mut();
            a.set_str("__iter__", native("__iter__", crate::builtins::iter_self));
            a.set_str(
                "__next__",
                native("__next__", crate::builtins::iter_class_next),
            );
            if let Some((_, doc)) = DOCS.iter().find(|(n, _)| n == name) {
                a.set_str("__doc__", Value::str(doc));
            }
            match *name {
                "repeat" => a.set_str(
                    "__length_hint__",
                    native("repeat.__length_hint__", repeat_length_hint),
                ),
                "chain" => {
                    a.set_str(
                        "from_iterable",
                        classmethod("from_iterable", chain_from_iterable),
                    );
                    a.set_str("__reduce__", native("chain.__reduce__", chain_reduce));
                    a.set_str("__setstate__", native("chain.__setstate__", chain_setstate));
                    a.set_str(
                        "__class_getitem__",
                        classmethod("__class_getitem__", chain_class_getitem),
                    );
                }
                _ => {}
            }
        }
        d.set_str(name, Value::Class(c));
    }
}

const SOURCE: &str = r#"
_MARK = object()

class groupby:
    def __init__(self, iterable, key=None):
        self._keyfunc = key
        self._it = iter(iterable)
        self._tgtkey = self._currkey = self._currvalue = _MARK
        self._currgrouper = None

    def __iter__(self):
        return self

    def _step(self):
        value = next(self._it)
        self._currkey = value if self._keyfunc is None else self._keyfunc(value)
        self._currvalue = value

    def __next__(self):
        # The group handed out before is invalidated: it stops even if it was not read to its end.
        self._currgrouper = None
        while True:
            if self._currkey is _MARK:
                pass
            elif self._tgtkey is _MARK:
                break
            elif not (self._tgtkey is self._currkey or self._tgtkey == self._currkey):
                break
            self._step()
        self._tgtkey = self._currkey
        grouper = _grouper(self, self._tgtkey)
        self._currgrouper = grouper
        return (self._currkey, grouper)

class _grouper:
    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'itertools._grouper' is not an acceptable base type")

    def __init__(self, parent, tgtkey):
        self._parent = parent
        self._tgtkey = tgtkey

    def __iter__(self):
        return self

    def __next__(self):
        gb = self._parent
        if gb._currgrouper is not self:
            raise StopIteration
        if gb._currvalue is _MARK:
            gb._step()
        key = gb._currkey
        if not (self._tgtkey is key or self._tgtkey == key):
            raise StopIteration
        value = gb._currvalue
        gb._currvalue = _MARK
        return value

class _TeeLink:
    __slots__ = ('value', 'next')

    def __init__(self):
        self.value = None
        self.next = None

class _tee:
    """Iterator wrapped to make it copyable."""

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'itertools._tee' is not an acceptable base type")

    def __init__(self, iterable):
        it = iter(iterable)
        if type(it) is _tee:
            self._it, self._link = it._it, it._link
        else:
            self._it, self._link = it, _TeeLink()

    def __iter__(self):
        return self

    def __next__(self):
        link = self._link
        if link.next is None:
            value = next(self._it)
            link.value = value
            link.next = _TeeLink()
        self._link = link.next
        return link.value

    def __copy__(self):
        return _tee(self)

def tee(iterable, n=2, /):
    if not isinstance(n, int):
        raise TypeError("'" + type(n).__name__ + "' object cannot be interpreted as an integer")
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return ()
    it = iter(iterable)
    first = it if hasattr(it, '__copy__') else _tee(it)
    return (first,) + tuple([first.__copy__() for _ in range(n - 1)])

groupby.__module__ = _grouper.__module__ = _tee.__module__ = 'itertools'
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "itertools",
        "Functional tools for creating and using iterators.",
        &[],
        SOURCE,
    )?;
    if let Value::Module(md) = &m {
        make_classes(it, &mut md.dict.borrow_mut());
    }
    Ok(m)
}

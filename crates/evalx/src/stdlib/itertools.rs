//! `itertools`: every function of CPython 3.11's module, with its arguments checked when it is called (as
//! CPython does) and its items produced lazily. The combinatoric iterators (`product`, `permutations`,
//! `combinations`, `combinations_with_replacement`) step in Rust: each is `iter(step, None)` over a native
//! `step` bound to the iterator's state (a list), which makes the next tuple in place with CPython's
//! algorithm (so the order is CPython's); the others are evalx generators.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Builtin, NativeFn, Value};
use std::rc::Rc;

/// The state list: `[pools, phase, r, indices, cycles]`; phase 0 = nothing yielded yet, 1 = running,
/// 2 = exhausted.
const POOLS: usize = 0;
const PHASE: usize = 1;
const R: usize = 2;
const IDX: usize = 3;
const CYC: usize = 4;

fn int_of(v: &Value) -> usize {
    match v {
        Value::Int(i) => (*i).max(0) as usize,
        _ => 0,
    }
}

fn ints(v: &Value) -> Vec<usize> {
    match v {
        Value::List(l) => l.borrow().iter().map(int_of).collect(),
        _ => Vec::new(),
    }
}

fn to_list(v: &[usize]) -> Value {
    Value::list(v.iter().map(|&i| Value::Int(i as i64)).collect())
}

/// Runs one step of a combinatoric iterator: `f(pools, phase, r, indices, cycles)` returns the next
/// tuple (or `None` when exhausted) and updates the state it was given.
fn step_with(
    args: &[Value],
    kw: Kw<'_>,
    f: fn(&[Value], u8, usize, &mut Vec<usize>, &mut Vec<usize>) -> Option<Vec<Value>>,
) -> PyResult<Value> {
    arity("step", args, kw, 1, 1)?;
    let Value::List(st) = &args[0] else {
        return Err(Exc::type_err("invalid iterator state"));
    };
    let mut s = st.borrow_mut();
    if s.len() != 5 {
        return Err(Exc::type_err("invalid iterator state"));
    }
    let phase = int_of(&s[PHASE]) as u8;
    if phase == 2 {
        return Ok(Value::None);
    }
    let r = int_of(&s[R]);
    let (mut idx, mut cyc) = (ints(&s[IDX]), ints(&s[CYC]));
    // The pools are read in place (no copy per step); `f` runs no Python code.
    let out = match &s[POOLS] {
        Value::Tuple(t) => f(t, phase, r, &mut idx, &mut cyc),
        Value::List(l) => f(&l.borrow(), phase, r, &mut idx, &mut cyc),
        _ => None,
    };
    s[PHASE] = Value::Int(if out.is_some() { 1 } else { 2 });
    s[IDX] = to_list(&idx);
    s[CYC] = to_list(&cyc);
    Ok(out.map(Value::tuple).unwrap_or(Value::None))
}

fn pick(pool: &[Value], idx: &[usize]) -> Vec<Value> {
    idx.iter().filter_map(|&i| pool.get(i).cloned()).collect()
}

fn perm(
    pools: &[Value],
    phase: u8,
    r: usize,
    idx: &mut Vec<usize>,
    cyc: &mut Vec<usize>,
) -> Option<Vec<Value>> {
    let n = pools.len();
    if phase == 0 {
        if r > n {
            return None;
        }
        *idx = (0..n).collect();
        *cyc = (0..r).map(|i| n - i).collect();
        return Some(pick(pools, &idx[..r]));
    }
    if n == 0 {
        return None;
    }
    for i in (0..r).rev() {
        cyc[i] -= 1;
        if cyc[i] == 0 {
            idx[i..].rotate_left(1);
            cyc[i] = n - i;
        } else {
            let j = cyc[i];
            idx.swap(i, n - j);
            return Some(pick(pools, &idx[..r]));
        }
    }
    None
}

fn comb(
    pools: &[Value],
    phase: u8,
    r: usize,
    idx: &mut Vec<usize>,
    _c: &mut Vec<usize>,
) -> Option<Vec<Value>> {
    let n = pools.len();
    if phase == 0 {
        if r > n {
            return None;
        }
        *idx = (0..r).collect();
        return Some(pick(pools, idx));
    }
    let i = (0..r).rev().find(|&i| idx[i] != i + n - r)?;
    idx[i] += 1;
    for j in i + 1..r {
        idx[j] = idx[j - 1] + 1;
    }
    Some(pick(pools, idx))
}

fn cwr(
    pools: &[Value],
    phase: u8,
    r: usize,
    idx: &mut Vec<usize>,
    _c: &mut Vec<usize>,
) -> Option<Vec<Value>> {
    let n = pools.len();
    if phase == 0 {
        if n == 0 && r > 0 {
            return None;
        }
        *idx = vec![0; r];
        return Some(pick(pools, idx));
    }
    let i = (0..r).rev().find(|&i| idx[i] != n - 1)?;
    let v = idx[i] + 1;
    for x in &mut idx[i..] {
        *x = v;
    }
    Some(pick(pools, idx))
}

fn prod(
    pools: &[Value],
    phase: u8,
    _r: usize,
    idx: &mut Vec<usize>,
    _c: &mut Vec<usize>,
) -> Option<Vec<Value>> {
    let pool = |i: usize| -> &[Value] {
        match &pools[i] {
            Value::Tuple(t) => t,
            _ => &[],
        }
    };
    let row = |idx: &[usize]| -> Vec<Value> {
        idx.iter()
            .enumerate()
            .filter_map(|(p, &i)| pool(p).get(i).cloned())
            .collect()
    };
    if phase == 0 {
        if (0..pools.len()).any(|p| pool(p).is_empty()) {
            return None;
        }
        *idx = vec![0; pools.len()];
        return Some(row(idx));
    }
    let mut i = pools.len();
    loop {
        if i == 0 {
            return None;
        }
        i -= 1;
        idx[i] += 1;
        if idx[i] < pool(i).len() {
            return Some(row(idx));
        }
        idx[i] = 0;
    }
}

fn perm_step(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    step_with(args, kw, perm)
}
fn comb_step(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    step_with(args, kw, comb)
}
fn cwr_step(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    step_with(args, kw, cwr)
}
fn prod_step(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    step_with(args, kw, prod)
}

/// `_stepper(kind, pools, r)`: the native step of a combinatoric iterator, bound to a fresh state.
fn stepper(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_stepper", args, kw, 3, 3)?;
    let (name, func): (&'static str, NativeFn) = match &args[0] {
        Value::Str(s) if &**s == "permutations" => ("permutations", perm_step),
        Value::Str(s) if &**s == "combinations" => ("combinations", comb_step),
        Value::Str(s) if &**s == "combinations_with_replacement" => {
            ("combinations_with_replacement", cwr_step)
        }
        Value::Str(s) if &**s == "product" => ("product", prod_step),
        _ => return Err(Exc::value_err("unknown iterator kind")),
    };
    let state = Value::list(vec![
        args[1].clone(),
        Value::Int(0),
        args[2].clone(),
        Value::list(Vec::new()),
        Value::list(Vec::new()),
    ]);
    Ok(Value::Builtin(Rc::new(Builtin {
        name,
        func,
        this: Some(state),
    })))
}

const SOURCE: &str = r#"
def _index(v, what):
    if v is None:
        return None
    if type(v) is bool or not isinstance(v, int):
        try:
            v = v.__index__()
        except AttributeError:
            raise ValueError(what)
    return v

def count(start=0, step=1):
    for v in (start, step):
        if not isinstance(v, (int, float)):
            raise TypeError("a number is required")
    return _count(start, step)

def _count(n, step):
    while True:
        yield n
        n += step

def cycle(iterable):
    return _cycle(iter(iterable))

def _cycle(it):
    saved = []
    for x in it:
        yield x
        saved.append(x)
    if not saved:
        return
    while True:
        for x in saved:
            yield x

def repeat(object, times=None):
    if times is None:
        return _repeat_forever(object)
    if not isinstance(times, int):
        raise TypeError("'" + type(times).__name__ + "' object cannot be interpreted as an integer")
    return _repeat(object, times)

def _repeat_forever(x):
    while True:
        yield x

def _repeat(x, n):
    for _ in range(n):
        yield x

def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func, initial)

def _accumulate(it, func, total):
    if total is None:
        for total in it:
            break
        else:
            return
    yield total
    if func is None:
        for x in it:
            total = total + x
            yield total
    else:
        for x in it:
            total = func(total, x)
            yield total

def chain(*iterables):
    return _from_iterable(iter(iterables))

def _from_iterable(its):
    for i in its:
        yield from i

def _chain_from_iterable(iterable):
    return _from_iterable(iter(iterable))

chain.from_iterable = _chain_from_iterable

def compress(data, selectors):
    return _compress(iter(data), iter(selectors))

def _compress(d, s):
    for x, keep in zip(d, s):
        if keep:
            yield x

def dropwhile(predicate, iterable):
    return _dropwhile(predicate, iter(iterable))

def _dropwhile(pred, it):
    for x in it:
        if not pred(x):
            yield x
            break
    for x in it:
        yield x

def takewhile(predicate, iterable):
    return _takewhile(predicate, iter(iterable))

def _takewhile(pred, it):
    for x in it:
        if pred(x):
            yield x
        else:
            break

def filterfalse(function, iterable):
    return _filterfalse(function, iter(iterable))

def _filterfalse(f, it):
    if f is None:
        for x in it:
            if not x:
                yield x
    else:
        for x in it:
            if not f(x):
                yield x

def starmap(function, iterable):
    return _starmap(function, iter(iterable))

def _starmap(f, it):
    for args in it:
        yield f(*args)

def islice(iterable, *args):
    if len(args) == 0:
        raise TypeError("islice expected at least 2 arguments, got 1")
    if len(args) > 3:
        raise TypeError("islice expected at most 4 arguments, got " + str(len(args) + 1))
    it = iter(iterable)
    if len(args) == 1:
        start, stop, step = None, args[0], None
    elif len(args) == 2:
        start, stop, step = args[0], args[1], None
    else:
        start, stop, step = args
    if len(args) == 1:
        stop = _index(stop, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        if stop is not None and stop < 0:
            raise ValueError("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    else:
        msg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        start = _index(start, msg)
        stop = _index(stop, msg)
        if (start is not None and start < 0) or (stop is not None and stop < 0):
            raise ValueError(msg)
    step = _index(step, "Step for islice() must be a positive integer or None.")
    if step is not None and step <= 0:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice(it, start or 0, stop, step or 1)

def _islice(it, start, stop, step):
    i = 0
    nxt = start
    if stop is not None and stop <= start:
        for x in it:
            i += 1
            if i >= stop:
                break
        return
    for x in it:
        if i == nxt:
            yield x
            nxt += step
        i += 1
        if stop is not None and i >= stop:
            return

def pairwise(iterable):
    return _pairwise(iter(iterable))

def _pairwise(it):
    for a in it:
        break
    else:
        return
    for b in it:
        yield a, b
        a = b

def zip_longest(*iterables, fillvalue=None):
    return _zip_longest([iter(i) for i in iterables], fillvalue)

def _zip_longest(its, fill):
    n = len(its)
    if n == 0:
        return
    active = n
    done = [False] * n
    while True:
        row = []
        for i in range(n):
            if done[i]:
                row.append(fill)
                continue
            for x in its[i]:
                row.append(x)
                break
            else:
                done[i] = True
                active -= 1
                if active == 0:
                    return
                row.append(fill)
        yield tuple(row)

def product(*iterables, repeat=1):
    if not isinstance(repeat, int):
        raise TypeError("'" + type(repeat).__name__ + "' object cannot be interpreted as an integer")
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(p) for p in iterables] * repeat
    return iter(_stepper("product", pools, 0), None)

def _r_arg(r):
    if not isinstance(r, int):
        raise TypeError("'" + type(r).__name__ + "' object cannot be interpreted as an integer")
    if r < 0:
        raise ValueError("r must be non-negative")
    return r

def permutations(iterable, r=None):
    pool = tuple(iterable)
    r = len(pool) if r is None else _r_arg(r)
    return iter(_stepper("permutations", pool, r), None)

def combinations(iterable, r):
    pool = tuple(iterable)
    return iter(_stepper("combinations", pool, _r_arg(r)), None)

def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    return iter(_stepper("combinations_with_replacement", pool, _r_arg(r)), None)

_MARK = object()

class groupby:
    def __init__(self, iterable, key=None):
        self._key = key
        self._it = iter(iterable)
        self._tgt = self._cur = self._val = _MARK
        self._id = None

    def __iter__(self):
        return self

    def __next__(self):
        self._id = object()
        while self._cur is _MARK or (self._tgt is not _MARK and self._cur == self._tgt):
            self._val = next(self._it)
            self._cur = self._val if self._key is None else self._key(self._val)
            if self._tgt is _MARK:
                break
        self._tgt = self._cur
        return (self._cur, self._grouper(self._tgt, self._id))

    def _grouper(self, tgt, id):
        while self._id is id and self._cur == tgt:
            yield self._val
            try:
                self._val = next(self._it)
            except StopIteration:
                self._cur = _MARK
                self._tgt = _MARK
                return
            self._cur = self._val if self._key is None else self._key(self._val)

class _TeeLink:
    def __init__(self):
        self.value = None
        self.next = None

def tee(iterable, n=2):
    if not isinstance(n, int):
        raise TypeError("'" + type(n).__name__ + "' object cannot be interpreted as an integer")
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    head = _TeeLink()
    return tuple([_tee(it, head) for _ in range(n)])

def _tee(it, link):
    while True:
        if link.next is None:
            for x in it:
                link.value = x
                link.next = _TeeLink()
                break
            else:
                return
        yield link.value
        link = link.next
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "itertools",
        "Functional tools for creating and using iterators.",
        &[("_stepper", stepper)],
        SOURCE,
    )
}

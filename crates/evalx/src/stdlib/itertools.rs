//! `itertools`: every function of CPython 3.11's module, with its arguments checked when it is called (as
//! CPython does) and its items produced lazily by evalx generators.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

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
    return _product(pools)

def _product(pools):
    for p in pools:
        if not p:
            return
    n = len(pools)
    idx = [0] * n
    yield tuple([p[0] for p in pools])
    while True:
        i = n - 1
        while i >= 0:
            idx[i] += 1
            if idx[i] < len(pools[i]):
                break
            idx[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple([pools[j][idx[j]] for j in range(n)])

def _r_arg(r):
    if not isinstance(r, int):
        raise TypeError("'" + type(r).__name__ + "' object cannot be interpreted as an integer")
    if r < 0:
        raise ValueError("r must be non-negative")
    return r

def permutations(iterable, r=None):
    pool = tuple(iterable)
    r = len(pool) if r is None else _r_arg(r)
    return _permutations(pool, r)

def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple([pool[i] for i in indices[:r]])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple([pool[i] for i in indices[:r]])
                break
        else:
            return

def combinations(iterable, r):
    pool = tuple(iterable)
    return _combinations(pool, _r_arg(r))

def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple([pool[i] for i in indices])
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple([pool[i] for i in indices])

def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    return _cwr(pool, _r_arg(r))

def _cwr(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple([pool[i] for i in indices])
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple([pool[i] for i in indices])

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
        &[],
        SOURCE,
    )
}

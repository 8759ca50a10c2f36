//! Operators: binary and unary arithmetic, comparisons, equality, membership.

use super::*;

impl Interp {
    /// `a op b` with Python's dispatch (numbers, sequences, then `__op__`/`__rop__`).
    pub fn binop(&mut self, a: &Value, op: BinOp, b: &Value) -> PyResult<Value> {
        // Bigint work is sized before it runs (`big_guard`); an int power or shift can make a huge int
        // from small operands.
        if matches!(a, Value::Big(_))
            || matches!(b, Value::Big(_))
            || (matches!(op, BinOp::Pow | BinOp::LShift) && matches!(a, Value::Int(_)))
        {
            self.big_guard(a, op, b)?;
        }
        if let Some(r) = num::arith(a, op, b) {
            return r;
        }
        // s7-decimal: a `Decimal` operand goes straight to the module's native core.
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            if let Some(r) = crate::stdlib::decimal::fast_binop(self, a, op, b) {
                return r;
            }
        }
        if let Some(r) = crate::methods::seq_binop(self, a, op, b) {
            return r;
        }
        let (l, r) = op.dunder();
        if let Some(m) = self.lookup_special(a, l) {
            let res = self.call_special2(&m, a, b)?;
            if !matches!(res, Value::NotImplemented) {
                return Ok(res);
            }
        }
        if let Some(m) = self.lookup_special(b, r) {
            let res = self.call_special2(&m, b, a)?;
            if !matches!(res, Value::NotImplemented) {
                return Ok(res);
            }
        }
        // Both dunders declined (`Counter() | {}`: `Counter.__or__` returns NotImplemented): a built-in
        // type's subclass still has its base's slot, which CPython tries next, on the carried values.
        if let Some((x, y)) = carried_pair(a, b) {
            if let Some(r) = num::arith(&x, op, &y) {
                return r;
            }
            if let Some(r) = crate::methods::seq_binop(self, &x, op, &y) {
                return r;
            }
        }
        if op == BinOp::Add {
            match a {
                Value::Str(_) => {
                    return Err(Exc::type_err(format!(
                        "can only concatenate str (not \"{}\") to str",
                        tname(b)
                    )));
                }
                Value::List(_) => {
                    return Err(Exc::type_err(format!(
                        "can only concatenate list (not \"{}\") to list",
                        tname(b)
                    )));
                }
                Value::Tuple(_) => {
                    return Err(Exc::type_err(format!(
                        "can only concatenate tuple (not \"{}\") to tuple",
                        tname(b)
                    )));
                }
                Value::Bytes(x) => {
                    // bytes + any other bytes-like (a memoryview, an array) is bytes.
                    if let Some(y) = crate::methods::bytes_like(b) {
                        let mut v = x.to_vec();
                        v.extend_from_slice(&y);
                        return Ok(Value::Bytes(v.into()));
                    }
                    return Err(Exc::type_err(format!("can't concat {} to bytes", tname(b))));
                }
                _ => {}
            }
        }
        if op == BinOp::Mul {
            let seq = |v: &Value| {
                matches!(
                    v,
                    Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
                )
            };
            // A sequence times an object with `__index__` repeats it, as CPython's sequence repeat asks
            // the count for its index.
            if seq(a) && matches!(b, Value::Instance(_)) {
                if let Some(n) = crate::methods::index_value(self, b)? {
                    return self.binop(a, op, &n);
                }
            }
            if seq(b) && matches!(a, Value::Instance(_)) {
                if let Some(n) = crate::methods::index_value(self, a)? {
                    return self.binop(&n, op, b);
                }
            }
            if seq(a) && !matches!(b, Value::Instance(_)) {
                return Err(Exc::type_err(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    tname(b)
                )));
            }
            if seq(b) && !matches!(a, Value::Instance(_)) {
                return Err(Exc::type_err(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    tname(a)
                )));
            }
        }
        if op == BinOp::Mod {
            if let Value::Str(s) = a {
                return crate::format::percent_format(self, s, b).map(|s| Value::Str(s.into()));
            }
            if let Value::Bytes(s) = a {
                return crate::format::percent_format_bytes(self, s, b)
                    .map(|r| Value::Bytes(r.into()));
            }
        }
        // `int | None`: `type.__or__` makes a `types.UnionType`.
        if op == BinOp::BitOr && (matches!(a, Value::Class(_)) || matches!(b, Value::Class(_))) {
            if let Some(u) = crate::stdlib::types::union(self, a, b)? {
                return Ok(u);
            }
        }
        Err(num::unsupported(op, &tname(a), &tname(b)))
    }

    pub(crate) fn unary(&mut self, op: UnOp, v: &Value) -> PyResult<Value> {
        if op == UnOp::Not {
            return Ok(Value::bool(!self.truthy(v)?));
        }
        if let Some(r) = num::unary_num(op, v) {
            return Ok(r);
        }
        let name = match op {
            UnOp::Neg => "__neg__",
            UnOp::Pos => "__pos__",
            _ => "__invert__",
        };
        if let Some(m) = self.lookup_special(v, name) {
            return self.call_special1(&m, v);
        }
        let sym = match op {
            UnOp::Neg => "-",
            UnOp::Pos => "+",
            _ => "~",
        };
        Err(Exc::type_err(format!(
            "bad operand type for unary {sym}: '{}'",
            tname(v)
        )))
    }

    /// Rich comparison returning a value.
    pub fn compare(&mut self, a: &Value, op: CmpOp, b: &Value) -> PyResult<Value> {
        // Identity first: `task is None` never reaches the `Decimal` check below (it was a few percent of
        // richards, whose instances are compared with `is` all the time).
        match op {
            CmpOp::Is => return Ok(Value::bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::bool(!a.is(b))),
            _ => {}
        }
        // s7-decimal: a `Decimal` operand goes straight to the module's native core.
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            if let Some(r) = crate::stdlib::decimal::fast_compare(a, op, b) {
                return Ok(r);
            }
        }
        Ok(Value::bool(match op {
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Eq => return self.rich_eq(a, b, false),
            CmpOp::Ne => return self.rich_eq(a, b, true),
            _ => return self.rich_order(a, op, b),
        }))
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if matches!(
            a,
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_)
        ) && !matches!(b, Value::Int(_) | Value::Str(_) | Value::None)
        {
            // Comparing containers recurses into their items: nested comparisons count against the
            // recursion limit, as in CPython (and the stack floor backs it up).
            if self.depth() > self.limits.recursion || crate::guard::stack_low() {
                return Err(recursion_in_comparison());
            }
            self.depth += 1;
            let r = self.eq_items(a, b);
            self.depth -= 1;
            return r;
        }
        self.eq_items(a, b)
    }

    pub(crate) fn eq_items(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                let r = self.rich_eq(a, b, false)?;
                self.truthy(&r)
            }
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                // Item by item over the live lists, as CPython compares them (no copies: two copies of
                // ten million items took longer than a deadline's tolerance, and charged nothing).
                if x.borrow().len() != y.borrow().len() {
                    return Ok(false);
                }
                let mut i = 0;
                loop {
                    let (p, q) = match (x.borrow().get(i), y.borrow().get(i)) {
                        (Some(p), Some(q)) => (p.clone(), q.clone()),
                        _ => break,
                    };
                    if !p.is(&q) && !self.eq(&p, &q)? {
                        return Ok(false);
                    }
                    i += 1;
                    if i & (COPY_CHUNK - 1) == 0 {
                        self.charge((COPY_CHUNK >> 4) as u64)?;
                    }
                }
                Ok(x.borrow().len() == y.borrow().len())
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                self.seq_eq(&x, &y)
            }
            (Value::Dict(x), Value::Dict(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (xi, yd) = (x.borrow().map().clone(), y.borrow().map().clone());
                if xi.len() != yd.len() {
                    return Ok(false);
                }
                for (k, v) in xi.iter() {
                    let found = if k.by_eq() {
                        let cands = crate::value::same_hash_keys(&yd, k);
                        let k = self.pick_key(k.clone(), cands)?;
                        yd.get(&k)
                    } else {
                        yd.get(k)
                    };
                    match found {
                        Some(w) => {
                            if !self.eq(v, w)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                Ok(true)
            }
            // Members whose class defines __eq__ are matched through it (stored hashes, no new __hash__ call).
            (Value::Set(x), Value::Set(y))
                if !Rc::ptr_eq(x, y) && x.items.borrow().keys().any(|k| k.by_eq()) =>
            {
                let (xs, ys) = (x.items.borrow().clone(), y.items.borrow().clone());
                if xs.len() != ys.len() {
                    return Ok(false);
                }
                for k in xs.keys() {
                    let cands = crate::value::same_hash_keys(&ys, k);
                    let k = self.pick_key(k.clone(), cands)?;
                    if !ys.contains_key(&k) {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => Ok(value_eq(a, b)),
        }
    }

    /// `sub in s`: a long haystack is searched in windows of a megabyte (overlapping by the probe's
    /// length, so no match is missed) with the limits charged between them.
    fn str_contains(&mut self, s: &str, sub: &str) -> PyResult<bool> {
        const W: usize = 1 << 20;
        self.charge((s.len().min(W) >> 6) as u64)?;
        if s.len() <= W {
            return Ok(s.contains(sub));
        }
        let mut start = 0;
        while start < s.len() {
            // A match starts on a character boundary: moving the window's ends to boundaries loses none.
            let mut a = start;
            while !s.is_char_boundary(a) {
                a += 1;
            }
            let mut b = (start + W + sub.len()).min(s.len());
            while !s.is_char_boundary(b) {
                b += 1;
            }
            if s[a..b].contains(sub) {
                return Ok(true);
            }
            if b == s.len() {
                break;
            }
            start += W;
            self.charge((W >> 6) as u64)?;
        }
        Ok(false)
    }

    pub(crate) fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        self.charge((x.len().min(COPY_CHUNK) >> 4) as u64)?;
        for (i, (p, q)) in x.iter().zip(y).enumerate() {
            if !p.is(q) && !self.eq(p, q)? {
                return Ok(false);
            }
            // A long comparison of plain items runs no code that ticks: charged as it goes.
            if i & (COPY_CHUNK - 1) == COPY_CHUNK - 1 {
                self.charge((COPY_CHUNK >> 4) as u64)?;
            }
        }
        Ok(true)
    }

    pub(crate) fn rich_eq(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
        let (name, rname) = if negate {
            ("__ne__", "__ne__")
        } else {
            ("__eq__", "__eq__")
        };
        if let Some(m) = self.lookup_special(a, name) {
            let r = self.call_special2(&m, a, b)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        } else if negate {
            if let Some(m) = self.lookup_special(a, "__eq__") {
                let r = self.call_special2(&m, a, b)?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Value::bool(!self.truthy(&r)?));
                }
            }
        }
        if let Some(m) = self.lookup_special(b, rname) {
            let r = self.call_special2(&m, b, a)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        // Both `__eq__`s declined (`Counter() == {}`): a built-in type's subclass compares by the value it
        // carries, as its base's slot does in CPython.
        if let Some((x, y)) = carried_pair(a, b) {
            let e = self.eq(&x, &y)?;
            return Ok(Value::bool(e != negate));
        }
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            let same = a.is(b);
            return Ok(Value::bool(same != negate));
        }
        let e = self.eq(a, b)?;
        Ok(Value::bool(e != negate))
    }

    pub(crate) fn rich_order(&mut self, a: &Value, op: CmpOp, b: &Value) -> PyResult<Value> {
        if matches!(a, Value::List(_) | Value::Tuple(_)) {
            if self.depth() > self.limits.recursion || crate::guard::stack_low() {
                return Err(recursion_in_comparison());
            }
            self.depth += 1;
            let r = self.rich_order_items(a, op, b);
            self.depth -= 1;
            return r;
        }
        self.rich_order_items(a, op, b)
    }

    pub(crate) fn rich_order_items(&mut self, a: &Value, op: CmpOp, b: &Value) -> PyResult<Value> {
        use std::cmp::Ordering::*;
        let test = |o: std::cmp::Ordering| match op {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            _ => o != Less,
        };
        if let Some(o) = num::num_cmp(a, b) {
            return Ok(Value::bool(test(o)));
        }
        if num::as_num(a).is_some() && num::as_num(b).is_some() {
            return Ok(Value::bool(false)); // NaN
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(Value::bool(test(x.cmp(y)))),
            (Value::Bytes(x), Value::Bytes(y)) => {
                return Ok(Value::bool(test(x.cmp(y))));
            }
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let x = self.seq_items(a);
                let y = self.seq_items(b);
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.eq(p, q)? {
                        return self.rich_order(p, op, q);
                    }
                }
                return Ok(Value::bool(test(x.len().cmp(&y.len()))));
            }
            (Value::Set(x), Value::Set(y)) if !x.items.may_need_eq() && !y.items.may_need_eq() => {
                // Plain members: one direction of membership tests, after the sizes (as CPython's).
                let (lx, ly) = (x.items.len(), y.items.len());
                return Ok(Value::bool(match op {
                    CmpOp::Le => x.items.is_subset_of(&y.items),
                    CmpOp::Lt => lx < ly && x.items.is_subset_of(&y.items),
                    CmpOp::Ge => y.items.is_subset_of(&x.items),
                    _ => lx > ly && y.items.is_subset_of(&x.items),
                }));
            }
            (Value::Set(x), Value::Set(y)) => {
                // Members whose class defines __eq__ are matched through it first.
                let canon = if y.items.borrow().keys().any(|k| k.by_eq()) {
                    let xs = x.items.borrow().clone();
                    let ys = y.items.borrow().clone();
                    Some(self.canon_keys(ys, &xs)?)
                } else {
                    None
                };
                let (xs, yb) = (x.items.borrow(), y.items.borrow());
                let ys = canon.as_ref().unwrap_or(&*yb);
                let sub = xs.keys().all(|k| ys.contains_key(k));
                let sup = ys.keys().all(|k| xs.contains_key(k));
                return Ok(Value::bool(match op {
                    CmpOp::Le => sub,
                    CmpOp::Lt => sub && xs.len() < ys.len(),
                    CmpOp::Ge => sup,
                    _ => sup && xs.len() > ys.len(),
                }));
            }
            _ => {}
        }
        let (name, rname) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Some(m) = self.lookup_special(a, name) {
            let r = self.call_special2(&m, a, b)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if let Some(m) = self.lookup_special(b, rname) {
            let r = self.call_special2(&m, b, a)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        Err(Exc::type_err(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            tname(a),
            tname(b)
        )))
    }

    pub(crate) fn seq_items(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::List(l) => l.borrow().0.clone(),
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        }
    }

    /// `a < b` as a bool (used by sort, min, max).
    pub fn less(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x < y),
            (Value::Float(x), Value::Float(y)) => Ok(**x < **y),
            _ => {
                let r = self.rich_order(a, CmpOp::Lt, b)?;
                self.truthy(&r)
            }
        }
    }

    /// `a > b` as a bool (used by max, which asks the new item first, as CPython's `Py_GT` does).
    pub fn greater(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x > y),
            (Value::Str(x), Value::Str(y)) => Ok(x > y),
            (Value::Float(x), Value::Float(y)) => Ok(**x > **y),
            _ => {
                let r = self.rich_order(a, CmpOp::Gt, b)?;
                self.truthy(&r)
            }
        }
    }

    /// `x in container`.
    pub fn contains(&mut self, container: &Value, x: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match x {
                Value::Str(sub) => self.str_contains(s, sub),
                _ if crate::methods::text::str_of_subclass(x).is_some() => {
                    let sub = crate::methods::text::str_of_subclass(x)
                        .cloned()
                        .unwrap_or_default();
                    self.str_contains(s, &sub)
                }
                _ => Err(Exc::type_err(format!(
                    "'in <string>' requires string as left operand, not {}",
                    tname(x)
                ))),
            },
            Value::Dict(d) => {
                let k = self.dict_key(x.clone(), d)?;
                Ok(d.borrow().map().contains_key(&k))
            }
            Value::Set(s) => {
                let k = match x {
                    // CPython looks a set up as the frozenset of its items.
                    Value::Set(probe) if !probe.frozen => {
                        self.key(Value::Set(Rc::new(SetObj {
                            items: probe.items.clone(),
                            frozen: true,
                        })))?
                    }
                    _ => self.set_key(x.clone(), s)?,
                };
                Ok(s.items.contains(&k))
            }
            Value::List(_) | Value::Tuple(_) => {
                // Work as it goes: a tick per item (the clock is read every 1,024), and a long str
                // probe's comparisons in proportion to its length. The list is read an item at a time (no
                // copy of it first, which for ten million items was itself longer than a deadline's
                // tolerance), as CPython does: an `__eq__` that changes the list sees its change.
                let per = 1 + match x {
                    Value::Str(s) => (s.len() >> 10) as u64,
                    _ => 0,
                };
                // An int or str probe is compared inline with the ints and strs it meets (no other
                // code can run meanwhile); the first item of another kind hands over to the loop below.
                let mut i = 0;
                loop {
                    let scan = match container {
                        Value::List(l) => scan_plain(l.borrow().get(i..).unwrap_or(&[]), x),
                        Value::Tuple(t) => scan_plain(t.get(i..).unwrap_or(&[]), x),
                        _ => Scan::Stopped(0),
                    };
                    match scan {
                        Scan::Found(n) => {
                            self.charge(n as u64 * per)?;
                            return Ok(true);
                        }
                        Scan::Chunk(n) => {
                            self.charge(n as u64 * per)?;
                            i += n;
                        }
                        Scan::Stopped(n) => {
                            self.charge(n as u64 * per)?;
                            i += n;
                            break;
                        }
                    }
                }
                loop {
                    let item = match container {
                        Value::List(l) => l.borrow().0.get(i).cloned(),
                        Value::Tuple(t) => t.get(i).cloned(),
                        _ => None,
                    };
                    let Some(item) = item else {
                        return Ok(false);
                    };
                    self.charge(per)?;
                    if item.is(x) || self.eq(&item, x)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Value::BigRange(_) if matches!(x, Value::Int(_) | Value::Big(_) | Value::Bool(_)) => {
                Ok(crate::methods::bigrange::position(container, x).is_some())
            }
            Value::BigRange(_) => {
                let it = self.iter(container)?;
                while let Some(v) = self.next(&it)? {
                    if self.eq(&v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Range(r) => match x {
                Value::Int(i) => {
                    let (a, b, s) = **r;
                    Ok(if s > 0 {
                        *i >= a && *i < b && (i - a) % s == 0
                    } else {
                        *i <= a && *i > b && (a - i) % (-s) == 0
                    })
                }
                _ => {
                    let it = self.iter(container)?;
                    while let Some(v) = self.next(&it)? {
                        if self.eq(&v, x)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            Value::Instance(_) | Value::Class(_) => {
                if let Some(m) = self.lookup_special(container, "__contains__") {
                    let r = self.call_special2(&m, container, x)?;
                    return self.truthy(&r);
                }
                let it = self.iter(container)?;
                while let Some(v) = self.next(&it)? {
                    if self.eq(&v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Iter(_) => {
                while let Some(v) = self.next(container)? {
                    if self.eq(&v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Bytes(b) => match x {
                Value::Int(i) => {
                    self.admit_pass(b.len(), 0.5)?;
                    Ok(memchr::memchr(*i as u8, b).is_some())
                }
                // Linear in the haystack (a naive window scan is quadratic on hostile input).
                Value::Bytes(sub) => {
                    self.admit_pass(b.len() + sub.len(), 2.0)?;
                    Ok(memchr::memmem::find(b, sub).is_some())
                }
                _ => Err(Exc::type_err("a bytes-like object is required")),
            },
            // dict views: keys hash the probe like the dict does; items look the key up and compare the
            // value (anything but a pair is simply absent); values compare one by one.
            Value::View(vw) => match vw.1 {
                0 => {
                    let k = self.dict_key(x.clone(), &vw.0)?;
                    Ok(vw.0.borrow().map().contains_key(&k))
                }
                2 => {
                    let Value::Tuple(pair) = x else {
                        return Ok(false);
                    };
                    if pair.len() != 2 {
                        return Ok(false);
                    }
                    let k = self.dict_key(pair[0].clone(), &vw.0)?;
                    let found = vw.0.borrow().map().get(&k).cloned();
                    match found {
                        Some(v) => Ok(v.is(&pair[1]) || self.eq(&v, &pair[1])?),
                        None => Ok(false),
                    }
                }
                _ => {
                    let values: Vec<Value> = vw.0.borrow().map().values().cloned().collect();
                    for v in &values {
                        if v.is(x) || self.eq(v, x)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            _ => Err(Exc::type_err(format!(
                "argument of type '{}' is not iterable",
                tname(container)
            ))),
        }
    }
}

/// Where [`scan_plain`] stopped.
enum Scan {
    /// The probe equals the item at this index (the count of items read, that one included).
    Found(usize),
    /// Items before this index were read and are unequal; the rest need the general comparison.
    Stopped(usize),
    /// A whole chunk of this many items was read, all unequal, and more may follow.
    Chunk(usize),
}

/// `x in items` for an int or str probe, as far as the items are ints and strs (an int never equals a
/// str, and a str equals a str by its text). Stops at the first item of another kind (a bool, a float,
/// an instance with `__eq__`...) and at a chunk's end, so the caller can charge the work as it goes.
#[inline]
fn scan_plain(items: &[Value], x: &Value) -> Scan {
    let end = items.len().min(COPY_CHUNK);
    let more = end < items.len();
    match x {
        Value::Int(k) => {
            for (n, v) in items[..end].iter().enumerate() {
                match v {
                    Value::Int(j) if j == k => return Scan::Found(n + 1),
                    Value::Int(_) | Value::Str(_) | Value::None => {}
                    _ => return Scan::Stopped(n),
                }
            }
        }
        Value::Str(s) => {
            for (n, v) in items[..end].iter().enumerate() {
                match v {
                    Value::Str(t) if t.as_str() == s.as_str() => return Scan::Found(n + 1),
                    Value::Int(_) | Value::Str(_) | Value::None => {}
                    _ => return Scan::Stopped(n),
                }
            }
        }
        _ => return Scan::Stopped(0),
    }
    if more {
        Scan::Chunk(end)
    } else {
        Scan::Stopped(end)
    }
}

/// `(a, b)` with an instance of a built-in type's subclass replaced by the value it carries, when at
/// least one operand is such an instance: the operands the base type's own slot works on.
fn carried_pair(a: &Value, b: &Value) -> Option<(Value, Value)> {
    let carried = |v: &Value| match v {
        Value::Instance(i) => i.native.clone(),
        _ => None,
    };
    match (carried(a), carried(b)) {
        (None, None) => None,
        (x, y) => Some((
            x.unwrap_or_else(|| a.clone()),
            y.unwrap_or_else(|| b.clone()),
        )),
    }
}

//! Truth and iteration: `bool()`, `iter()`, `next()`, collecting an iterable.

use super::*;

impl Interp {
    /// Truthiness (`__bool__`, then `__len__`): bools, `None` and ints are answered inline at the caller
    /// (the `while`/`and`/`or`/`not` conditions of object-heavy code are mostly bools), the rest out of line.
    #[inline(always)]
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::Bool(b) => Ok(b.get()),
            Value::None => Ok(false),
            Value::Int(i) => Ok(*i != 0),
            _ => self.truthy_slow(v),
        }
    }

    #[inline(never)]
    fn truthy_slow(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(b) = v.truthy_basic() {
            return Ok(b);
        }
        // A user class without `__bool__` and `__len__` (cached per class epoch): always true.
        let plain = match v {
            Value::Instance(i) if i.class.kind == Kind::User => match i.class.always_true() {
                Some(true) => return Ok(true),
                Some(false) => None,
                None => Some(&i.class),
            },
            _ => None,
        };
        if let Some(c) = plain {
            let t = self.lookup_special(v, "__bool__").is_none()
                && self.lookup_special(v, "__len__").is_none();
            c.set_always_true(t);
            if t {
                return Ok(true);
            }
        }
        if let Some(m) = self.lookup_special(v, "__bool__") {
            let r = self.call(&m, vec![v.clone()], Vec::new())?;
            return match r {
                Value::Bool(b) => Ok(b.get()),
                other => Err(Exc::type_err(format!(
                    "__bool__ should return bool, returned {}",
                    tname(&other)
                ))),
            };
        }
        if let Some(m) = self.lookup_special(v, "__len__") {
            let r = self.call(&m, vec![v.clone()], Vec::new())?;
            return Ok(!matches!(r, Value::Int(0)));
        }
        Ok(true)
    }

    // ------------------------------------------------------------------ iteration

    pub(crate) fn is_iterable(&self, v: &Value) -> bool {
        match v {
            Value::Instance(_) | Value::Class(_) => {
                self.lookup_special(v, "__iter__").is_some()
                    || self.lookup_special(v, "__getitem__").is_some()
            }
            Value::Str(_)
            | Value::Bytes(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(_)
            | Value::BigRange(_)
            | Value::Iter(_) => true,
            _ => false,
        }
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::List(_) | Value::Tuple(_) | Value::Bytes(_) => Iter::Seq {
                seq: v.clone(),
                idx: 0,
            },
            Value::Str(s) => Iter::Str {
                s: s.clone(),
                byte: 0,
            },
            Value::Range(r) => Iter::Range {
                cur: r.0,
                stop: r.1,
                step: r.2,
            },
            Value::BigRange(r) => return Ok(crate::methods::bigrange::iter(self, r, false)),
            Value::Dict(d) => Iter::DictKeys {
                d: d.clone(),
                idx: 0,
                len: d.borrow().map().len(),
                what: 0,
            },
            Value::View(v) => Iter::DictKeys {
                d: v.0.clone(),
                idx: 0,
                len: v.0.borrow().map().len(),
                what: v.1,
            },
            Value::Set(s) => Iter::SetItems {
                items: s.items.values_in_order(),
                idx: 0,
                set: Some(s.clone()),
            },
            Value::Iter(i) => {
                if let Iter::Generator(g) = &*i.borrow()
                    && matches!(g.kind, GenKind::Coroutine | GenKind::AsyncGen)
                {
                    return Err(Exc::type_err(format!(
                        "'{}' object is not iterable",
                        g.kind.type_name()
                    )));
                }
                return Ok(v.clone());
            }
            Value::Instance(_) | Value::Class(_) => {
                if let Some(n) = self.native_unshadowed(v, "__iter__") {
                    return self.iter(n);
                }
                if let Some(m) = self.lookup_special(v, "__iter__") {
                    let r = self.call(&m, vec![v.clone()], Vec::new())?;
                    if let Value::Instance(_) = &r {
                        if self.lookup_special(&r, "__next__").is_none() {
                            return Err(Exc::type_err(format!(
                                "iter() returned non-iterator of type '{}'",
                                tname(&r)
                            )));
                        }
                    }
                    return Ok(r);
                }
                if self.lookup_special(v, "__getitem__").is_some() {
                    Iter::Seq {
                        seq: v.clone(),
                        idx: 0,
                    }
                } else {
                    return Err(Exc::type_err(format!(
                        "'{}' object is not iterable",
                        tname(v)
                    )));
                }
            }
            _ => {
                return Err(Exc::type_err(format!(
                    "'{}' object is not iterable",
                    tname(v)
                )));
            }
        };
        Ok(Value::Iter(Rc::new(RefCell::new(it))))
    }

    /// `next(it)` returning `None` at the end.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // Builtins that consume iterators (`sum`, `all`, `in`, `list`...) step here: each item is a tick, so
        // `sum(range(10**18))` meets the budget and the deadline like a Python loop.
        self.tick()?;
        match self.next_gen_aware(it)? {
            Ok(v) => Ok(Some(v)),
            Err(_) => Ok(None),
        }
    }

    /// Like `next`, but also gives a finished generator's return value (`Err(ret)`).
    pub fn next_gen_aware(&mut self, it: &Value) -> PyResult<Result<Value, Value>> {
        match it {
            Value::Iter(r) => crate::builtins::iter_next(self, r),
            Value::Instance(_) => {
                let Some(m) = self.lookup_special(it, "__next__") else {
                    return Err(Exc::type_err(format!(
                        "'{}' object is not an iterator",
                        tname(it)
                    )));
                };
                match self.call(&m, vec![it.clone()], Vec::new()) {
                    Ok(v) => Ok(Ok(v)),
                    Err(mut e) => {
                        if self
                            .exc_class(&e)
                            .is_subclass(&self.types.exc["StopIteration"])
                        {
                            let inst = self.materialize(&mut e);
                            let v = match inst.dict.borrow().get_str("args") {
                                Some(Value::Tuple(t)) if !t.is_empty() => t[0].clone(),
                                _ => Value::None,
                            };
                            Ok(Err(v))
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            _ => Err(Exc::type_err(format!(
                "'{}' object is not an iterator",
                tname(it)
            ))),
        }
    }

    /// Collects an iterable into a Vec.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => {
                let n = l.borrow().len();
                if n <= COPY_CHUNK {
                    self.charge((n >> 4) as u64)?;
                    return Ok(l.borrow().0.clone());
                }
                // A long list is copied in chunks with the limits checked between them (a list can change
                // while a check runs code: the copy reads it afresh each time).
                let mut out = self.alloc_vec(n)?;
                loop {
                    let done = out.len();
                    {
                        let b = l.borrow();
                        let end = b.len().min(done + COPY_CHUNK);
                        if done >= end {
                            break;
                        }
                        if out.len() + (end - done) > out.capacity() {
                            drop(b);
                            self.grow_vec(&mut out, COPY_CHUNK)?;
                            continue;
                        }
                        out.extend_from_slice(&b.0[done..end]);
                    }
                    self.charge_or_bury((COPY_CHUNK >> 4) as u64, &mut out)?;
                }
                return Ok(out);
            }
            Value::Tuple(t) => {
                if t.len() <= COPY_CHUNK {
                    self.charge((t.len() >> 4) as u64)?;
                    return Ok(t.to_vec());
                }
                let mut out = self.alloc_vec(t.len())?;
                for c in t.chunks(COPY_CHUNK) {
                    out.extend_from_slice(c);
                    self.charge_or_bury((c.len() >> 4) as u64, &mut out)?;
                }
                return Ok(out);
            }
            // A set's members in its table order, in one presized copy (no iterator object, no growth).
            Value::Set(s) if s.items.len() <= COPY_CHUNK => {
                self.charge((s.items.len() >> 4) as u64)?;
                return Ok(s.items.values_in_order());
            }
            // A big set is copied a chunk at a time with the limits charged between chunks (checking the
            // limits runs no Python code, so the set cannot change meanwhile).
            Value::Set(s) => {
                let n = s.items.len();
                let mut out = self.alloc_vec(n)?;
                let mut slot = 0;
                while slot < s.items.slot_count() {
                    slot = s.items.values_from(slot, &mut out, COPY_CHUNK);
                    self.charge_or_bury((COPY_CHUNK >> 3) as u64, &mut out)?;
                }
                return Ok(out);
            }
            Value::Range(r) => {
                let n = crate::builtins::range_len(r);
                let mut out = self.alloc_vec(n as usize)?;
                let mut c = r.0;
                for i in 0..n {
                    out.push(Value::Int(c));
                    c = c.wrapping_add(r.2);
                    if i & (COPY_CHUNK as i64 - 1) == COPY_CHUNK as i64 - 1 {
                        self.charge_or_bury((COPY_CHUNK >> 4) as u64, &mut out)?;
                    }
                }
                return Ok(out);
            }
            _ => {}
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        loop {
            let x = match self.next(&it) {
                Ok(Some(x)) => x,
                Ok(None) => break,
                Err(e) => {
                    self.bury(&e, out);
                    return Err(e);
                }
            };
            if out.len() == out.capacity() {
                if let Err(e) = self.grow_list(&mut out) {
                    self.bury(&e, out);
                    return Err(e);
                }
            }
            out.push(x);
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ str / repr
}

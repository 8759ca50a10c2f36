//! Assignment targets: plain, unpacking, augmented assignment, `del`.

use super::*;

/// Stores into a frame slot; over a value with nothing to drop (an int, float, bool, None or an unbound slot)
/// the old value is overwritten without the out-of-line drop call.
#[inline(always)]
fn store_slot(slot: &mut Value, v: Value) {
    if matches!(
        slot,
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Undef
    ) {
        // SAFETY: the old value owns nothing (these variants hold no pointer), so skipping its drop
        // leaks nothing.
        unsafe { std::ptr::write(slot, v) }
    } else {
        *slot = v;
    }
}

/// `xs[k]` for a list and an int index within its bounds (negative ones count from the end); `None` for
/// anything else (the general path raises the errors).
#[inline]
fn list_item(o: &Value, i: &Value) -> Option<Value> {
    if let (Value::List(l), Value::Int(k)) = (o, i) {
        let b = l.borrow();
        let n = b.len() as i64;
        let k = if *k < 0 { k + n } else { *k };
        if k >= 0 && k < n {
            return Some(b[k as usize].clone());
        }
        return None;
    }
    crate::stdlib::array::item_fast(o, i)
}

/// `xs[k] = v` for a list and an int index within its bounds; gives `v` back for anything else (the general
/// path stores it or raises). The old item is dropped after the list's borrow ends (its drop may run code
/// that reaches the list).
#[inline]
fn list_store(o: &Value, i: &Value, v: Value) -> Result<(), Value> {
    if let (Value::List(l), Value::Int(k)) = (o, i) {
        let old = {
            let Ok(mut b) = l.try_borrow_mut() else {
                return Err(v);
            };
            let n = b.len() as i64;
            let k = if *k < 0 { k + n } else { *k };
            if k < 0 || k >= n {
                return Err(v);
            }
            std::mem::replace(&mut b[k as usize], v)
        };
        drop(old);
        return Ok(());
    }
    crate::stdlib::array::store_fast(o, i, v)
}

impl Interp {
    /// Stores `v` into a target.
    #[inline]
    pub fn assign(&mut self, t: &Target, v: Value, fr: &mut Frame) -> PyResult<()> {
        if let Target::Local(i) = t {
            store_slot(&mut fr.slots[*i as usize], v);
            return Ok(());
        }
        self.assign_slow(t, v, fr)
    }

    /// `a, b = x, y` (a tuple display into as many targets): the values go to the targets in order once
    /// all are evaluated, as CPython's, with no tuple built (s9-decimal: decimal_pi's
    /// `n, na = n + na, na + 8`). A starred item, or more than three, takes the general path.
    #[inline(never)]
    pub(crate) fn assign_parallel(
        &mut self,
        t: &Target,
        ts: &[Target],
        items: &[ArgX],
        e: &Ex,
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let [ArgX::Pos(x), ArgX::Pos(y), rest @ ..] = items else {
            let v = self.eval(e, fr)?;
            self.assign(t, v, fr)?;
            return Ok(Flow::Normal);
        };
        match rest {
            [] => {
                let a = self.eval(x, fr)?;
                let b = self.eval(y, fr)?;
                self.assign(&ts[0], a, fr)?;
                self.assign(&ts[1], b, fr)?;
            }
            [ArgX::Pos(z)] => {
                let a = self.eval(x, fr)?;
                let b = self.eval(y, fr)?;
                let c = self.eval(z, fr)?;
                self.assign(&ts[0], a, fr)?;
                self.assign(&ts[1], b, fr)?;
                self.assign(&ts[2], c, fr)?;
            }
            _ => {
                let v = self.eval(e, fr)?;
                self.assign(t, v, fr)?;
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    pub(crate) fn assign_slow(&mut self, t: &Target, v: Value, fr: &mut Frame) -> PyResult<()> {
        match t {
            Target::Local(i) => fr.slots[*i as usize] = v,
            Target::Deref(i) => match &fr.slots[*i as usize] {
                Value::Cell(c) => *c.borrow_mut() = v,
                _ => fr.slots[*i as usize] = Value::Cell(Rc::new(RefCell::new(v))),
            },
            Target::Global(n) => {
                fr.globals
                    .borrow_mut()
                    .map_mut()
                    .insert(Key(Value::Str(n.clone())), v);
            }
            Target::Name(n) => {
                let d = fr.locals.as_ref().unwrap_or(&fr.globals);
                d.borrow_mut()
                    .map_mut()
                    .insert(Key(Value::Str(n.clone())), v);
            }
            Target::Attr(o, n, h, c) => {
                // `self.x = v` on a plain user instance in a local: stored through the slot, without taking
                // a reference to the instance.
                if let Ex::Local(i, _) = o
                    && let Value::Instance(inst) = &fr.slots[*i as usize]
                    && inst.class.kind == Kind::User
                    && inst.class.plain_store(n)
                {
                    let old = inst.dict.set_cached(n, *h, v, c);
                    drop(old);
                    return Ok(());
                }
                let ov = self.eval(o, fr)?;
                if let Value::Instance(inst) = &ov {
                    if inst.class.kind == Kind::User && inst.class.plain_store(n) {
                        let old = inst.dict.set_cached(n, *h, v, c);
                        drop(old);
                        return Ok(());
                    }
                }
                self.set_attr(&ov, n, v)?;
            }
            Target::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                // `xs[a:b] = v` on a list: the bounds stay on the stack (no slice object).
                if let (Value::List(l), Ex::Slice(a, b, c)) = (&ov, i) {
                    let mut f = |x: &Option<Box<Ex>>, s: &mut Self| -> PyResult<Value> {
                        match x {
                            Some(x) => s.eval(x, fr),
                            None => Ok(Value::None),
                        }
                    };
                    let bounds = (f(a, self)?, f(b, self)?, f(c, self)?);
                    return crate::methods::list_set_slice(self, l, &bounds, v);
                }
                let iv = self.eval(i, fr)?;
                if let Err(v) = list_store(&ov, &iv, v) {
                    self.set_item(&ov, iv, v)?;
                }
            }
            // `a, b, c = t` with a tuple or list of exactly that length: its items go straight to the targets
            // (a tuple cannot change meanwhile; a list's items are first copied into a pooled vector, since a
            // target such as `xs[0]` may change the list).
            Target::Unpack(ts, None) if matches!(&v, Value::Tuple(t) if t.len() == ts.len()) => {
                if let Value::Tuple(t) = &v {
                    for (tg, x) in ts.iter().zip(t.iter()) {
                        match tg {
                            Target::Local(i) => store_slot(&mut fr.slots[*i as usize], x.clone()),
                            _ => self.assign(tg, x.clone(), fr)?,
                        }
                    }
                }
            }
            Target::Unpack(ts, None) if matches!(&v, Value::List(l) if l.borrow().len() == ts.len()) =>
            {
                let mut items = self.take_vec();
                if let Value::List(l) = &v {
                    items.extend_from_slice(&l.borrow());
                }
                drop(v);
                for (tg, x) in ts.iter().zip(items.drain(..)) {
                    match tg {
                        Target::Local(i) => store_slot(&mut fr.slots[*i as usize], x),
                        _ => self.assign(tg, x, fr)?,
                    }
                }
                self.give_vec(items);
            }
            Target::Unpack(ts, star) => {
                let items = self.unpack_exact(v, ts.len(), *star)?;
                for (t, v) in ts.iter().zip(items) {
                    self.assign(t, v, fr)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn unpack_exact(
        &mut self,
        v: Value,
        n: usize,
        star: Option<usize>,
    ) -> PyResult<Vec<Value>> {
        let items: Vec<Value> = match &v {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().0.clone(),
            _ => {
                if let Value::Int(_) | Value::Float(_) | Value::None | Value::Bool(_) = v {
                    return Err(Exc::type_err(format!(
                        "cannot unpack non-iterable {} object",
                        tname(&v)
                    )));
                }
                self.collect(&v)?
            }
        };
        match star {
            None => {
                if items.len() != n {
                    if items.len() > n {
                        return Err(Exc::value_err(format!(
                            "too many values to unpack (expected {n})"
                        )));
                    }
                    return Err(Exc::value_err(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    )));
                }
                Ok(items)
            }
            Some(s) => {
                if items.len() < n - 1 {
                    return Err(Exc::value_err(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        n - 1,
                        items.len()
                    )));
                }
                let after = n - 1 - s;
                let mut out: Vec<Value> = items[..s].to_vec();
                out.push(Value::list(items[s..items.len() - after].to_vec()));
                out.extend_from_slice(&items[items.len() - after..]);
                Ok(out)
            }
        }
    }

    pub(crate) fn aug_assign(
        &mut self,
        t: &Target,
        op: BinOp,
        e: &Ex,
        fr: &mut Frame,
    ) -> PyResult<()> {
        match t {
            Target::Local(i) => {
                let rhs = self.eval(e, fr)?;
                let i = *i as usize;
                if let (Value::Int(a), Value::Int(b)) = (&fr.slots[i], &rhs) {
                    let r = match op {
                        BinOp::Add => a.checked_add(*b),
                        BinOp::Sub => a.checked_sub(*b),
                        BinOp::Mul => a.checked_mul(*b),
                        _ => None,
                    };
                    if let Some(r) = r {
                        fr.slots[i] = Value::Int(r);
                        return Ok(());
                    }
                } else if let Some(r) = num::float_fast(&fr.slots[i], op, &rhs) {
                    fr.slots[i] = r;
                    return Ok(());
                }
                self.aug_assign_local(i, op, rhs, fr)
            }
            Target::Attr(o, n, h, c) => {
                let ov = self.eval(o, fr)?;
                // `self.v += k` on a plain user instance that has `v` in its dict: read and write the dict
                // entry by its precomputed hash (the conditions of the plain attribute load and store paths).
                if let Value::Instance(inst) = &ov {
                    if inst.class.kind == Kind::User && inst.class.plain_store(n) {
                        let cur = inst.dict.get_cached(n, *h, c);
                        if let Some(cur) = cur {
                            let rhs = self.eval(e, fr)?;
                            let r = match (&cur, &rhs) {
                                (Value::Int(a), Value::Int(b)) => match op {
                                    BinOp::Add => a.checked_add(*b).map(Value::Int),
                                    BinOp::Sub => a.checked_sub(*b).map(Value::Int),
                                    _ => None,
                                },
                                _ => num::float_fast(&cur, op, &rhs),
                            };
                            let r = match r {
                                Some(r) => r,
                                None => self.inplace(cur, op, rhs)?,
                            };
                            let old = inst.dict.set_cached(n, *h, r, c);
                            drop(old);
                            return Ok(());
                        }
                    }
                }
                let cur = self.get_attr(&ov, n)?;
                let rhs = self.eval(e, fr)?;
                let r = self.inplace(cur, op, rhs)?;
                self.set_attr(&ov, n, r)
            }
            Target::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                let iv = self.eval(i, fr)?;
                let cur = match list_item(&ov, &iv) {
                    Some(v) => v,
                    None => self.get_item(&ov, &iv)?,
                };
                let rhs = self.eval(e, fr)?;
                let r = self.inplace(cur, op, rhs)?;
                match list_store(&ov, &iv, r) {
                    Ok(()) => Ok(()),
                    Err(r) => self.set_item(&ov, iv, r),
                }
            }
            other => {
                let cur = match other {
                    Target::Deref(i) => self.load_deref(*i, fr)?,
                    Target::Global(n) => self.load_global(n, fr, None)?,
                    Target::Name(n) => self.load_name(n, fr, None)?,
                    _ => return Err(Exc::new("SystemError", "bad augmented assignment target")),
                };
                let rhs = self.eval(e, fr)?;
                let r = self.inplace(cur, op, rhs)?;
                self.assign(other, r, fr)
            }
        }
    }

    /// `slot op= rhs` once the right-hand side is evaluated (any types).
    #[inline(never)]
    pub(crate) fn aug_assign_local(
        &mut self,
        i: usize,
        op: BinOp,
        rhs: Value,
        fr: &mut Frame,
    ) -> PyResult<()> {
        // `x += dx * m` on a float (or an int with a float): in place, nothing to drop (both are numbers).
        if let Some(r) = num::float_fast(&fr.slots[i], op, &rhs) {
            std::mem::forget(rhs);
            store_slot(&mut fr.slots[i], r);
            return Ok(());
        }
        let cur = fr.slots[i].clone();
        if matches!(cur, Value::Undef) {
            let n = fr.code.slot_names[i].clone();
            return Err(unbound_local(&n));
        }
        fr.slots[i] = self.inplace(cur, op, rhs)?;
        Ok(())
    }

    /// `a op= b`: mutates lists/dicts/sets in place where Python does.
    pub(crate) fn inplace(&mut self, a: Value, op: BinOp, b: Value) -> PyResult<Value> {
        // Numbers first (`v[0] -= dx * m`, `x += 0.5`): ints and floats without the operator dispatch.
        match (&a, &b) {
            (Value::Int(x), Value::Int(y)) => {
                let r = match op {
                    BinOp::Add => x.checked_add(*y),
                    BinOp::Sub => x.checked_sub(*y),
                    BinOp::Mul => x.checked_mul(*y),
                    _ => None,
                };
                if let Some(r) = r {
                    return Ok(Value::Int(r));
                }
            }
            (Value::Float(_), Value::Float(_) | Value::Int(_))
            | (Value::Int(_), Value::Float(_)) => {
                if let Some(r) = num::float_fast(&a, op, &b) {
                    // Ints and floats own nothing: no drop calls for them.
                    std::mem::forget(a);
                    std::mem::forget(b);
                    return Ok(r);
                }
            }
            _ => {}
        }
        match (&a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.collect(&b)?;
                l.borrow_mut().extend(items);
                return Ok(a);
            }
            (Value::List(l), BinOp::Mul) => {
                let n = match b {
                    Value::Int(n) => n,
                    Value::Bool(x) => x as i64,
                    _ => {
                        return Err(Exc::type_err(format!(
                            "can't multiply sequence by non-int of type '{}'",
                            tname(&b)
                        )));
                    }
                };
                let cur = l.borrow().clone();
                let mut out = Vec::new();
                self.check_len(cur.len().saturating_mul(n.max(0) as usize))?;
                for _ in 0..n.max(0) {
                    out.extend(cur.iter().cloned());
                }
                *l.borrow_mut() = out.into();
                return Ok(a);
            }
            (Value::Set(_), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor)
                if matches!(b, Value::Set(_)) =>
            {
                if let Value::Set(s) = &a {
                    if !s.frozen {
                        let name = match op {
                            BinOp::BitOr => "update",
                            BinOp::BitAnd => "intersection_update",
                            BinOp::Sub => "difference_update",
                            _ => "symmetric_difference_update",
                        };
                        crate::methods::set_method(self, s, name, std::slice::from_ref(&b), &[])?;
                        return Ok(a);
                    }
                }
                return self.binop(&a, op, &b);
            }
            (Value::Dict(d), BinOp::BitOr) => {
                crate::methods::dict_update(self, d, &[b], &[])?;
                return Ok(a);
            }
            (Value::Instance(_), _) => {
                let name = match op {
                    BinOp::Add => "__iadd__",
                    BinOp::Sub => "__isub__",
                    BinOp::Mul => "__imul__",
                    BinOp::Div => "__itruediv__",
                    BinOp::FloorDiv => "__ifloordiv__",
                    BinOp::Mod => "__imod__",
                    BinOp::BitOr => "__ior__",
                    BinOp::BitAnd => "__iand__",
                    _ => "",
                };
                if !name.is_empty() {
                    if let Some(m) = self.lookup_special(&a, name) {
                        let r = self.call(&m, vec![a.clone(), b.clone()], Vec::new())?;
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(r);
                        }
                    }
                }
            }
            _ => {}
        }
        self.binop(&a, op, &b).map_err(|e| {
            if let ExcKind::Lazy("TypeError", args) = &e.kind {
                if let Some(Value::Str(s)) = args.first() {
                    if s.starts_with("unsupported operand type(s) for ") {
                        let fixed = s.replacen(
                            &format!("for {}:", op.symbol()),
                            &format!("for {}=:", op.symbol().split(' ').next().unwrap_or("")),
                            1,
                        );
                        return Exc::type_err(fixed);
                    }
                }
            }
            e
        })
    }

    pub(crate) fn delete(&mut self, t: &Target, fr: &mut Frame) -> PyResult<()> {
        match t {
            Target::Local(i) => {
                if matches!(fr.slots[*i as usize], Value::Undef) {
                    return Err(unbound_local(&fr.code.slot_names[*i as usize].clone()));
                }
                fr.slots[*i as usize] = Value::Undef;
            }
            Target::Deref(i) => {
                if let Value::Cell(c) = &fr.slots[*i as usize] {
                    *c.borrow_mut() = Value::Undef;
                }
            }
            Target::Global(n) | Target::Name(n) => {
                let d = if matches!(t, Target::Name(_)) {
                    fr.locals.clone().unwrap_or_else(|| fr.globals.clone())
                } else {
                    fr.globals.clone()
                };
                if d.borrow_mut().remove(&Value::Str(n.clone())).is_none() {
                    return Err(Exc::new("NameError", format!("name '{n}' is not defined")));
                }
            }
            Target::Attr(o, n, ..) => {
                let ov = self.eval(o, fr)?;
                self.del_attr(&ov, n)?;
            }
            Target::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                let iv = self.eval(i, fr)?;
                self.del_item(&ov, &iv)?;
            }
            Target::Unpack(ts, _) => {
                for t in ts {
                    self.delete(t, fr)?;
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ names
}

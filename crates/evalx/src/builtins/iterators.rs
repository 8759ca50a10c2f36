//! `next()` for every built-in iterator kind (ranges, zips, maps, dict views, generators...).

use super::*;

/// The next pair of a `for a, b in enumerate(xs)` or `for a, b in zip(xs, ys)` loop, without building the
/// pair's tuple: `Some(Ok(None))` at the end, `None` when `r` is no such iterator (the caller steps it with
/// [`iter_next`]). Steps the inner iterators exactly as `iter_next` does.
pub(crate) fn iter_next_pair(
    it: &mut Interp,
    r: &Rc<RefCell<Iter>>,
) -> Option<PyResult<Option<(Value, Value)>>> {
    let b = r.try_borrow().ok()?;
    match &*b {
        Iter::Enumerate { inner, n } => {
            let (inner, cur) = (inner.clone(), n.clone());
            drop(b);
            Some((|| match it.next(&inner)? {
                Some(v) => {
                    let nx = match &cur {
                        Value::Int(c) if *c < i64::MAX => Value::Int(c + 1),
                        _ => it.binop(&cur, crate::ast::BinOp::Add, &Value::Int(1))?,
                    };
                    if let Iter::Enumerate { n, .. } = &mut *r.borrow_mut() {
                        *n = nx;
                    }
                    Ok(Some((cur, v)))
                }
                None => Ok(None),
            })())
        }
        Iter::Zip {
            inners,
            strict: false,
        } if inners.len() == 2 => {
            let (x, y) = (inners[0].clone(), inners[1].clone());
            drop(b);
            Some((|| {
                let Some(a) = it.next(&x)? else {
                    *r.borrow_mut() = Iter::Done;
                    return Ok(None);
                };
                match it.next(&y)? {
                    Some(c) => Ok(Some((a, c))),
                    None => {
                        *r.borrow_mut() = Iter::Done;
                        Ok(None)
                    }
                }
            })())
        }
        _ => None,
    }
}

/// Advances an iterator: `Ok(Ok(v))` yields, `Ok(Err(ret))` ends (ret = a generator's return value).
pub fn iter_next(it: &mut Interp, r: &Rc<RefCell<Iter>>) -> PyResult<Result<Value, Value>> {
    let mut b = r.borrow_mut();
    let end = Ok(Err(Value::None));
    match &mut *b {
        Iter::Range { cur, stop, step } => {
            if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                let v = *cur;
                *cur = cur.saturating_add(*step);
                if v == *cur {
                    *cur = *stop;
                }
                Ok(Ok(Value::Int(v)))
            } else {
                end
            }
        }
        Iter::Seq { seq, idx } => {
            let i = *idx;
            let v = match seq {
                Value::List(l) => l.borrow().get(i).cloned(),
                Value::Tuple(t) => t.get(i).cloned(),
                Value::Bytes(bs) => bs.get(i).map(|x| Value::Int(*x as i64)),
                Value::Instance(_) => {
                    let s = seq.clone();
                    drop(b);
                    return match it.get_item(&s, &Value::Int(i as i64)) {
                        Ok(v) => {
                            if let Iter::Seq { idx, .. } = &mut *r.borrow_mut() {
                                *idx += 1;
                            }
                            Ok(Ok(v))
                        }
                        Err(e)
                            if it.exc_class(&e).is_subclass(&it.types.exc["IndexError"])
                                || it.exc_class(&e).is_subclass(&it.types.exc["StopIteration"]) =>
                        {
                            *r.borrow_mut() = Iter::Done;
                            Ok(Err(Value::None))
                        }
                        Err(e) => Err(e),
                    };
                }
                _ => None,
            };
            match v {
                Some(v) => {
                    *idx += 1;
                    Ok(Ok(v))
                }
                None => {
                    *b = Iter::Done;
                    end
                }
            }
        }
        Iter::Str { s, byte } => match s[*byte..].chars().next() {
            Some(c) => {
                *byte += c.len_utf8();
                let mut buf = [0u8; 4];
                Ok(Ok(Value::Str((&*c.encode_utf8(&mut buf)).into())))
            }
            None => end,
        },
        Iter::DictKeys { d, idx, len, what } => {
            let dd = d.borrow();
            if dd.map().len() != *len {
                return Err(Exc::new(
                    "RuntimeError",
                    "dictionary changed size during iteration",
                ));
            }
            match dd.map().get_index(*idx) {
                Some((k, v)) => {
                    *idx += 1;
                    Ok(Ok(match what {
                        0 => k.0.clone(),
                        1 => v.clone(),
                        _ => Value::tuple(vec![k.0.clone(), v.clone()]),
                    }))
                }
                None => end,
            }
        }
        Iter::SetItems { set, items, idx }
            if set.as_ref().is_some_and(|s| s.items.len() != items.len()) =>
        {
            // Exhausted from here on, as CPython's iterator is after the error.
            *set = None;
            *items = Vec::new();
            *idx = 0;
            Err(Exc::new(
                "RuntimeError",
                "Set changed size during iteration",
            ))
        }
        Iter::SetItems { items, idx, .. } => match items.get(*idx) {
            Some(v) => {
                *idx += 1;
                Ok(Ok(v.clone()))
            }
            None => end,
        },
        Iter::Vec { items } => match items.next() {
            Some(v) => Ok(Ok(v)),
            None => end,
        },
        Iter::Reversed { seq, idx } => {
            if *idx == 0 {
                return end;
            }
            *idx -= 1;
            let i = *idx;
            let s = seq.clone();
            drop(b);
            match &s {
                Value::List(l) => Ok(l
                    .borrow()
                    .get(i)
                    .cloned()
                    .map(Ok)
                    .unwrap_or(Err(Value::None))),
                Value::Tuple(t) => Ok(t.get(i).cloned().map(Ok).unwrap_or(Err(Value::None))),
                Value::Bytes(bs) => Ok(bs
                    .get(i)
                    .map(|x| Ok(Value::Int(*x as i64)))
                    .unwrap_or(Err(Value::None))),
                _ => it.get_item(&s, &Value::Int(i as i64)).map(Ok),
            }
        }
        Iter::Enumerate { inner, n } => {
            let inner = inner.clone();
            let cur = n.clone();
            drop(b);
            match it.next(&inner)? {
                Some(v) => {
                    let nx = it.binop(&cur, crate::ast::BinOp::Add, &Value::Int(1))?;
                    if let Iter::Enumerate { n, .. } = &mut *r.borrow_mut() {
                        *n = nx;
                    }
                    Ok(Ok(Value::tuple(vec![cur, v])))
                }
                None => Ok(Err(Value::None)),
            }
        }
        Iter::Zip { inners, strict } => {
            let inners = inners.clone();
            let strict = *strict;
            drop(b);
            if inners.is_empty() {
                return Ok(Err(Value::None));
            }
            let mut out = Vec::with_capacity(inners.len());
            for (i, x) in inners.iter().enumerate() {
                match it.next(x)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict {
                            if i > 0 {
                                return Err(Exc::value_err(format!(
                                    "zip() argument {} is shorter than argument{} {}",
                                    i + 1,
                                    if i == 1 { "" } else { "s" },
                                    if i == 1 {
                                        "1".to_string()
                                    } else {
                                        format!("1-{i}")
                                    }
                                )));
                            }
                            for (j, y) in inners.iter().enumerate().skip(1) {
                                if it.next(y)?.is_some() {
                                    return Err(Exc::value_err(format!(
                                        "zip() argument {} is longer than argument{} {}",
                                        j + 1,
                                        if j == 1 { "" } else { "s" },
                                        if j == 1 {
                                            "1".to_string()
                                        } else {
                                            format!("1-{j}")
                                        }
                                    )));
                                }
                            }
                        }
                        *r.borrow_mut() = Iter::Done;
                        return Ok(Err(Value::None));
                    }
                }
            }
            Ok(Ok(Value::tuple(out)))
        }
        Iter::Map { f, inners } => {
            let f = f.clone();
            let inners = inners.clone();
            drop(b);
            let mut args = Vec::with_capacity(inners.len());
            for x in &inners {
                match it.next(x)? {
                    Some(v) => args.push(v),
                    None => return Ok(Err(Value::None)),
                }
            }
            it.call(&f, args, Vec::new()).map(Ok)
        }
        Iter::Filter { f, inner } => {
            let f = f.clone();
            let inner = inner.clone();
            drop(b);
            while let Some(v) = it.next(&inner)? {
                let keep = if matches!(f, Value::None) {
                    it.truthy(&v)?
                } else {
                    let r = it.call(&f, vec![v.clone()], Vec::new())?;
                    it.truthy(&r)?
                };
                if keep {
                    return Ok(Ok(v));
                }
            }
            Ok(Err(Value::None))
        }
        Iter::Callable { f, sentinel } => {
            let f = f.clone();
            let s = sentinel.clone();
            drop(b);
            let v = it.call(&f, Vec::new(), Vec::new())?;
            if it.eq(&v, &s)? {
                *r.borrow_mut() = Iter::Done;
                return Ok(Err(Value::None));
            }
            Ok(Ok(v))
        }
        Iter::Generator(_) => {
            drop(b);
            it.resume_gen(r, Value::None)
        }
        Iter::AsyncOp(_) => {
            drop(b);
            it.step_op(r, Value::None, None)
        }
        Iter::Native(n) => {
            let step = n.next;
            drop(b);
            Ok(step(it, r)?.ok_or(Value::None))
        }
        Iter::Done => end,
    }
}

/// `enumerate.__iter__(self)` (and `zip`'s, `map`'s, `filter`'s, `reversed`'s): the iterator itself.
pub(crate) fn iter_self(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match args {
        [s] => Ok(s.clone()),
        _ => Err(Exc::type_err(format!(
            "expected 1 argument, got {}",
            args.len()
        ))),
    }
}

/// `enumerate.__next__(self)` (and the other iterator classes'): steps the iterator itself, or the one
/// an instance of a subclass carries; StopIteration at the end.
pub(crate) fn iter_class_next(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let r = match args {
        [Value::Iter(r)] => r.clone(),
        [Value::Instance(i)] => match &i.native {
            Some(Value::Iter(r)) => r.clone(),
            _ => {
                return Err(Exc::type_err(format!(
                    "descriptor '__next__' requires an iterator, not '{}'",
                    i.class.name
                )));
            }
        },
        _ => return Err(Exc::type_err("__next__() takes no arguments")),
    };
    match iter_next(it, &r)? {
        Ok(v) => Ok(v),
        Err(_) => Err(crate::methods::stop_iteration(Value::None)),
    }
}

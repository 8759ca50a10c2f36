//! Methods of `list` and `tuple` (`count`/`index` shared with other sequences).

use super::*;
use crate::interp::COPY_CHUNK;

pub(crate) fn seq_count_index(
    it: &mut Interp,
    items: &[Value],
    tname: &str,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kw(name, kw)?;
    match name {
        "count" => {
            arity_of(tname, name, args, 1, 1)?;
            let mut n = 0;
            for (i, x) in items.iter().enumerate() {
                if x.is(&args[0]) || it.eq(x, &args[0])? {
                    n += 1;
                }
                // Plain comparisons run no code that ticks: the scan is charged as it goes.
                if i & (COPY_CHUNK - 1) == COPY_CHUNK - 1 {
                    it.charge((COPY_CHUNK >> 4) as u64)?;
                }
            }
            Ok(Value::Int(n))
        }
        "index" => {
            arity(name, args, 1, 3)?;
            // The bounds may be any object with `__index__` (CPython's slice-index conversion).
            let mut bound = |v: Option<&Value>| -> PyResult<Option<Value>> {
                match v {
                    Some(x) => Ok(Some(
                        super::index_value(it, x)?.unwrap_or_else(|| x.clone()),
                    )),
                    None => Ok(None),
                }
            };
            let (lo, hi) = (bound(args.get(1))?, bound(args.get(2))?);
            let (a, b) = slice_bounds(items.len() as i64, lo.as_ref(), hi.as_ref())?;
            for i in a..b.max(a) {
                let x = &items[i as usize];
                if x.is(&args[0]) || it.eq(x, &args[0])? {
                    return Ok(Value::Int(i));
                }
                if i & (COPY_CHUNK as i64 - 1) == COPY_CHUNK as i64 - 1 {
                    it.charge((COPY_CHUNK >> 4) as u64)?;
                }
            }
            if tname == "tuple" {
                return Err(Exc::value_err("tuple.index(x): x not in tuple"));
            }
            Err(Exc::value_err(format!(
                "{} is not in list",
                it.repr(&args[0])?
            )))
        }
        _ => Err(Exc::new(
            "AttributeError",
            format!("'{tname}' object has no attribute '{name}'"),
        )),
    }
}

pub(crate) fn list_method(
    it: &mut Interp,
    l: &Rc<RefCell<PyList>>,
    recv: &Value,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    // count/index/remove/sort/copy... walk the list: work in proportion to its length, for the limits.
    let n = l.borrow().len();
    it.charge((n >> 4) as u64)?;
    if !kw.is_empty() && name != "sort" && !crate::dunders::is_dunder(name) {
        no_kw(name, kw)?;
    }
    match name {
        "append" => {
            arity_of("list", name, args, 1, 1)?;
            let mut b = l.borrow_mut();
            if let Some(m) = it.limits.max_len {
                if b.len() >= m {
                    return Err(Exc::new(
                        "MemoryError",
                        format!("list longer than the host limit of {m}"),
                    ));
                }
            }
            if b.len() == b.capacity() {
                it.grow_list(&mut b)?;
            }
            b.push(args[0].clone());
            Ok(Value::None)
        }
        "extend" => {
            arity_of("list", name, args, 1, 1)?;
            let items = it.collect(&args[0])?;
            let mut b = l.borrow_mut();
            it.grow_vec(&mut b, items.len())?;
            if items.len() <= crate::interp::COPY_CHUNK {
                b.extend(items);
                return Ok(Value::None);
            }
            // A big argument moves in chunks with the limits charged between them (a check runs no
            // Python code, so the list cannot change meanwhile); what a limit leaves is freed later.
            let mut items = items.into_iter();
            while items.len() > 0 {
                b.extend(items.by_ref().take(crate::interp::COPY_CHUNK));
                if let Err(e) = it.charge((crate::interp::COPY_CHUNK >> 5) as u64) {
                    crate::teardown::release(items);
                    return Err(e);
                }
            }
            Ok(Value::None)
        }
        "insert" => {
            arity(name, args, 2, 2)?;
            let n = l.borrow().len() as i64;
            let i = to_index_of(it, &args[0])?;
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
            // Inserting shifts the items after `i` in one move that cannot stop midway: admitted against
            // the deadline first when big (16 bytes an item, about 0.25 ns a byte).
            it.admit_pass((n - i) as usize * 16, 0.25)?;
            let mut b = l.borrow_mut();
            let i = (i as usize).min(b.len());
            b.insert(i, args[1].clone());
            Ok(Value::None)
        }
        "pop" => {
            arity(name, args, 0, 1)?;
            let mut b = l.borrow_mut();
            if b.is_empty() {
                return Err(Exc::new("IndexError", "pop from empty list"));
            }
            let n = b.len() as i64;
            let i = match args.first() {
                Some(v) => to_index_of(it, v)?,
                None => n - 1,
            };
            let i = if i < 0 { i + n } else { i };
            if i < 0 || i >= n {
                return Err(Exc::new("IndexError", "pop index out of range"));
            }
            // Removing shifts the items after `i` in one move (see `insert`).
            if ((n - i) as usize) > crate::interp::COPY_CHUNK {
                drop(b);
                it.admit_pass((n - i) as usize * 16, 0.25)?;
                b = l.borrow_mut();
                if i as usize >= b.len() {
                    return Err(Exc::new("IndexError", "pop index out of range"));
                }
            }
            Ok(b.remove(i as usize))
        }
        "remove" => {
            arity_of("list", name, args, 1, 1)?;
            // A copy (an `__eq__` may change the list), made in charged chunks, and a scan charged as it
            // goes: a big list's `remove` is no single uncharged pass.
            let items = it.collect(recv)?;
            for (i, x) in items.iter().enumerate() {
                if x.is(&args[0]) || it.eq(x, &args[0])? {
                    l.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
                if i & (COPY_CHUNK - 1) == COPY_CHUNK - 1 {
                    it.charge((COPY_CHUNK >> 4) as u64)?;
                }
            }
            Err(Exc::value_err("list.remove(x): x not in list"))
        }
        "clear" => {
            arity_of("list", name, args, 0, 0)?;
            // Freeing ten million items takes tens of milliseconds: in charged chunks, from the last item
            // (CPython's order).
            let old = std::mem::take(&mut l.borrow_mut().0);
            it.drop_rev_ticking(old);
            Ok(Value::None)
        }
        "copy" => {
            arity_of("list", name, args, 0, 0)?;
            // A big list is copied in charged chunks.
            Ok(Value::list(it.collect(recv)?))
        }
        "reverse" => {
            arity_of("list", name, args, 0, 0)?;
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        "sort" => {
            if !args.is_empty() {
                return Err(Exc::type_err("sort() takes no positional arguments"));
            }
            for (k, _) in kw {
                if &**k != "key" && &**k != "reverse" {
                    return Err(Exc::type_err(format!(
                        "sort() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
            let reverse = match kwarg(kw, "reverse") {
                Some(v) => it.truthy(v)?,
                None => false,
            };
            let mut items = std::mem::take(&mut *l.borrow_mut());
            let r = sort_values(it, &mut items, kwarg(kw, "key"), reverse);
            let modified = !l.borrow().is_empty();
            *l.borrow_mut() = items;
            r?;
            if modified {
                return Err(Exc::value_err("list modified during sort"));
            }
            Ok(Value::None)
        }
        "count" | "index" => {
            // A copy (an item's `__eq__` may change the list), made in chunks the limits can stop.
            let items = it.collect(&Value::List(l.clone()))?;
            let r = seq_count_index(it, &items, "list", name, args, kw);
            match &r {
                Err(e) => it.bury(e, items),
                Ok(_) => it.drop_ticking(items),
            }
            r
        }
        _ => crate::dunders::call(it, recv, name, args, kw),
    }
}

// ------------------------------------------------------------------------------------------- dict

//! Name lookup: locals, cells, globals and builtins with their inline caches.

use super::*;

impl Interp {
    #[inline]
    pub(crate) fn load_deref(&self, i: u32, fr: &Frame) -> PyResult<Value> {
        match &fr.slots[i as usize] {
            Value::Cell(c) => {
                let v = c.borrow().clone();
                if matches!(v, Value::Undef) {
                    let n = &fr.code.slot_names[i as usize];
                    return Err(if (i as usize) < fr.code.free_start {
                        unbound_local(n)
                    } else {
                        Exc::new(
                            "NameError",
                            format!(
                                "cannot access free variable '{n}' where it is not associated with a value in enclosing scope"
                            ),
                        )
                    });
                }
                Ok(v)
            }
            Value::Undef => Err(unbound_local(&fr.code.slot_names[i as usize])),
            v => Ok(v.clone()),
        }
    }

    #[inline]
    pub(crate) fn dict_cached(d: &Dict, n: &RcStr, cache: Option<&NameCache>) -> Option<Value> {
        if let Some(c) = cache {
            let i = c.0.get() as usize;
            if let Some((k, v)) = d.map().get_index(i) {
                if let Value::Str(s) = &k.0 {
                    if RcStr::ptr_eq(s, n) || **s == **n {
                        return Some(v.clone());
                    }
                }
            }
            let (i, v) = d.get_h(n, c.2)?;
            c.0.set(i as u32);
            return Some(v.clone());
        }
        d.get_str(n).cloned()
    }

    pub(crate) fn load_builtin(
        &self,
        n: &RcStr,
        fr: &Frame,
        cache: Option<&NameCache>,
    ) -> PyResult<Value> {
        // Fast path: the globals' `__builtins__` (found at its cached index, by key address) is this
        // interpreter's builtins dict and the name sits at its cached index there: no Rc traffic but the result.
        if let Some(c) = cache {
            let g = fr.globals.borrow();
            if let Some((Key(Value::Str(k)), Value::Dict(d))) =
                g.map().get_index(self.builtins_idx.get() as usize)
            {
                if RcStr::as_ptr(k) as usize == self.builtins_key.get()
                    && Rc::ptr_eq(d, &self.builtins)
                {
                    let bd = d.borrow();
                    // Versions are globally unique and change with every key added or removed, so while the
                    // builtins dict keeps the version seen when `c.1` was found, that entry is still the name's.
                    if bd.version() == c.4.get() {
                        if let Some((_, v)) = bd.map().get_index(c.1.get() as usize) {
                            return Ok(v.clone());
                        }
                    }
                }
            }
        }
        self.load_builtin_slow(n, fr, cache)
    }

    #[inline(never)]
    pub(crate) fn load_builtin_slow(
        &self,
        n: &RcStr,
        fr: &Frame,
        cache: Option<&NameCache>,
    ) -> PyResult<Value> {
        let b = {
            let g = fr.globals.borrow();
            let i = self.builtins_idx.get() as usize;
            match g.map().get_index(i) {
                Some((k, v))
                    if matches!(&k.0, Value::Str(s) if RcStr::as_ptr(s) as usize == self.builtins_key.get()
                        || &**s == "__builtins__") =>
                {
                    if let Value::Str(s) = &k.0 {
                        self.builtins_key.set(RcStr::as_ptr(s) as usize);
                    }
                    Some(v.clone())
                }
                _ => g.get_h("__builtins__", self.builtins_hash).map(|(i, v)| {
                    self.builtins_idx.set(i as u32);
                    if let Some((Key(Value::Str(s)), _)) = g.map().get_index(i) {
                        self.builtins_key.set(RcStr::as_ptr(s) as usize);
                    }
                    v.clone()
                }),
            }
        };
        let found = match b {
            Some(Value::Dict(d)) => {
                if Rc::ptr_eq(&d, &self.builtins) {
                    match cache {
                        Some(c) => {
                            let bd = d.borrow();
                            let i = c.1.get() as usize;
                            match bd.map().get_index(i) {
                                Some((k, v)) if matches!(&k.0, Value::Str(s) if RcStr::ptr_eq(s, n) || **s == **n) =>
                                {
                                    c.4.set(bd.version());
                                    Some(v.clone())
                                }
                                _ => bd.get_h(n, c.2).map(|(i, v)| {
                                    c.1.set(i as u32);
                                    c.4.set(bd.version());
                                    v.clone()
                                }),
                            }
                        }
                        None => d.borrow().get_str(n).cloned(),
                    }
                } else {
                    d.borrow().get_str(n).cloned()
                }
            }
            Some(Value::Module(m)) => m.dict.borrow().get_str(n).cloned(),
            None => self.builtins.borrow().get_str(n).cloned(),
            // Anything else is what CPython 3.11 subscripts for the name: a host restricting a program with
            // `{'__builtins__': None}` gives it no builtins at all.
            Some(other) => {
                return Err(Exc::type_err(format!(
                    "'{}' object is not subscriptable",
                    tname(&other)
                )));
            }
        };
        found.ok_or_else(|| Exc::new("NameError", format!("name '{n}' is not defined")))
    }

    pub(crate) fn load_global(
        &self,
        n: &RcStr,
        fr: &Frame,
        cache: Option<&NameCache>,
    ) -> PyResult<Value> {
        if let Some(c) = cache {
            let g = fr.globals.borrow();
            // The common case first: the name is at the index where it was last found.
            if let Some((Key(Value::Str(k)), v)) = g.map().get_index(c.0.get() as usize) {
                if RcStr::ptr_eq(k, n) {
                    return Ok(v.clone());
                }
            }
            let stamp = (Rc::as_ptr(&fr.globals) as usize, g.version());
            // "Not in these globals" stays true until the dict gains a key (its version changes).
            if c.3.get() != stamp {
                if let Some(v) = Self::dict_cached(&g, n, cache) {
                    return Ok(v);
                }
                c.3.set(stamp);
            }
            drop(g);
            return self.load_builtin(n, fr, cache);
        }
        if let Some(v) = Self::dict_cached(&fr.globals.borrow(), n, cache) {
            return Ok(v);
        }
        self.load_builtin(n, fr, cache)
    }

    pub(crate) fn load_name(
        &self,
        n: &RcStr,
        fr: &Frame,
        cache: Option<&NameCache>,
    ) -> PyResult<Value> {
        if let Some(l) = &fr.locals {
            if let Some(v) = l.borrow().get_str(n) {
                return Ok(v.clone());
            }
            return self.load_global(n, fr, None);
        }
        self.load_global(n, fr, cache)
    }

    // ------------------------------------------------------------------ expressions
}

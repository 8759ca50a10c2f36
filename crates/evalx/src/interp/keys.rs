//! Hashing: turning values into dict and set keys, user `__hash__`/`__eq__`.

use super::*;

impl Interp {
    /// Makes a dict key, raising `TypeError: unhashable type` when needed.
    pub fn key(&mut self, v: Value) -> PyResult<Key> {
        match &v {
            Value::Str(_) | Value::Int(_) => Ok(Key(v)),
            Value::List(_) | Value::Dict(_) | Value::Slice(_) => {
                Err(Exc::type_err(format!("unhashable type: '{}'", tname(&v))))
            }
            Value::Set(s) if !s.frozen => Err(Exc::type_err("unhashable type: 'set'")),
            Value::Tuple(t) => {
                if crate::guard::stack_low() {
                    return Err(Exc::new(
                        "RecursionError",
                        "maximum recursion depth exceeded while calling a Python object",
                    ));
                }
                // A big tuple: its items are checked and then hashed (twice, for the table and for
                // `hash()`), passes charged in chunks and sized against the deadline.
                if t.len() > COPY_CHUNK {
                    self.admit_pass(t.len(), 8.0)?;
                    for part in t.chunks(COPY_CHUNK) {
                        for x in part {
                            self.key(x.clone())?;
                        }
                        self.charge((part.len() >> 4) as u64)?;
                    }
                    return Ok(Key(v));
                }
                for x in t.iter() {
                    self.key(x.clone())?;
                }
                Ok(Key(v))
            }
            Value::Instance(i) => {
                match self.lookup_special(&v, "__hash__") {
                    Some(Value::None) => {
                        return Err(Exc::type_err(format!(
                            "unhashable type: '{}'",
                            i.class.name
                        )));
                    }
                    Some(m) => self.user_hash(&m, &v, i)?,
                    None => {}
                }
                Ok(Key(v))
            }
            _ => Ok(Key(v)),
        }
    }

    /// Calls the class's `__hash__` `m` on `v` (instance `i`) and records the int it returns on `i`.
    #[inline(never)]
    pub(crate) fn user_hash(&mut self, m: &Value, v: &Value, i: &Instance) -> PyResult<()> {
        let r = self.call(m, vec![v.clone()], Vec::new())?;
        let h = match r {
            Value::Int(x) => x,
            Value::Bool(b) => b as i64,
            Value::Big(_) => crate::builtins::hash_of(self, &r)?,
            _ => {
                return Err(Exc::type_err("__hash__ method should return an integer"));
            }
        };
        i.set_user_hash(h);
        Ok(())
    }

    /// Makes a key for a lookup in (or a change to) `d`: when its class defines `__hash__`, a stored key of
    /// the same hash that is it or `==` it (CPython's order: identity, then `stored == key`) stands in for it.
    #[inline]
    pub fn dict_key(&mut self, v: Value, d: &RefCell<Dict>) -> PyResult<Key> {
        if matches!(v, Value::Str(_) | Value::Int(_)) {
            return Ok(Key(v));
        }
        self.dict_key_slow(v, d)
    }

    #[inline(never)]
    pub(crate) fn dict_key_slow(&mut self, v: Value, d: &RefCell<Dict>) -> PyResult<Key> {
        let k = self.key(v)?;
        if !k.by_eq() {
            return Ok(k);
        }
        let cands = crate::value::same_hash_keys(d.borrow().map(), &k);
        self.pick_key(k, cands)
    }

    /// [`Interp::dict_key`] for a set.
    #[inline]
    pub fn set_key(&mut self, v: Value, s: &SetObj) -> PyResult<Key> {
        if matches!(v, Value::Str(_) | Value::Int(_)) {
            return Ok(Key(v));
        }
        self.set_key_slow(v, s)
    }

    #[inline(never)]
    pub(crate) fn set_key_slow(&mut self, v: Value, s: &SetObj) -> PyResult<Key> {
        self.items_key(v, &s.items)
    }

    /// [`Interp::set_key`] for a set table being built.
    pub(crate) fn items_key(&mut self, v: Value, s: &crate::settable::SetItems) -> PyResult<Key> {
        // Building a set from a collection inserts key by key: each is work for the limits.
        self.tick()?;
        let k = self.key(v)?;
        if !k.by_eq() {
            return Ok(k);
        }
        let cands = crate::value::same_hash_keys(&s.unordered(), &k);
        self.pick_key(k, cands)
    }

    /// [`Interp::dict_key`] for a map being built (not shared, so no borrow to release).
    pub fn map_key<V>(
        &mut self,
        v: Value,
        m: &indexmap::IndexMap<Key, V, FxBuild>,
    ) -> PyResult<Key> {
        // Building a dict or set from a collection inserts key by key: each is work for the limits.
        self.tick()?;
        let k = self.key(v)?;
        if !k.by_eq() {
            return Ok(k);
        }
        let cands = crate::value::same_hash_keys(m, &k);
        self.pick_key(k, cands)
    }

    /// `o` with each key that is `==` a key of `a` (through its class's `__eq__`, using the stored hashes)
    /// replaced by `a`'s key, so that set algebra and merges between the two can match keys by identity.
    /// `o` comes back as it was when none of its keys needs `__eq__`.
    pub fn canon_keys<V, W>(
        &mut self,
        o: indexmap::IndexMap<Key, V, FxBuild>,
        a: &indexmap::IndexMap<Key, W, FxBuild>,
    ) -> PyResult<indexmap::IndexMap<Key, V, FxBuild>> {
        if !o.keys().any(|k| k.by_eq()) {
            return Ok(o);
        }
        let mut out = indexmap::IndexMap::with_capacity_and_hasher(o.len(), FxBuild::default());
        for (k, v) in o {
            let k = if k.by_eq() {
                let cands = crate::value::same_hash_keys(a, &k);
                self.pick_key(k, cands)?
            } else {
                k
            };
            out.insert(k, v);
        }
        Ok(out)
    }

    /// The first of `cands` (stored keys of `k`'s hash) that is `k` or equal to it, else `k` itself.
    pub fn pick_key(&mut self, k: Key, cands: Vec<Value>) -> PyResult<Key> {
        for c in cands {
            if c.is(&k.0) || self.eq(&c, &k.0)? {
                return Ok(Key(c));
            }
        }
        Ok(k)
    }

    // ------------------------------------------------------------------ operators
}

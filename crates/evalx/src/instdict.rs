//! Instance attribute storage: key-sharing dicts.
//!
//! The instances of a class usually get the same attributes in the same order (`__init__` sets them). Each
//! class keeps one append-only list of attribute names, its [`SharedKeys`]; an instance whose attributes are
//! a prefix of that list, in that order, stores only their values, in a `Vec` indexed like the list
//! ([`InstDict`]'s shared form). Anything else (a key set out of order, a deletion, a non-str key, more than
//! [`MAX_SHARED`] names, or code that asks for the instance's dict as a [`Dict`]) turns that instance's
//! storage into an ordinary dict, once, keeping the insertion order: what Python sees is always a dict with
//! CPython's order. That dict is shared (`Rc<RefCell<Dict>>`): `obj.__dict__` and `vars(obj)` hand out the
//! very dict the instance reads, so writing or deleting through it changes the attributes.
//!
//! Since a class's list only grows, the position of a name in it never changes: an attribute access site
//! remembers (list id, position) in an [`AttrCache`] and later reads the value at that position with no
//! lookup, when the instance's list is the same and holds that many values.

use crate::thin::RcStr;
use crate::value::{Dict, FxBuild, Key, Value, str_key_hash};
use indexmap::IndexMap;
use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;

/// The most names a class's shared list holds; instances that set more turn into dicts.
pub const MAX_SHARED: usize = 30;

thread_local! {
    static NEXT_KEYS_ID: Cell<u64> = const { Cell::new(1) };
}

/// How many branches ([`SharedKeys::forks`]) one family of lists may grow, all together.
pub const MAX_FORKS: u32 = 16;

/// A class's shared attribute names, in the order its instances set them (append-only).
#[derive(Debug)]
pub struct SharedKeys {
    /// Unique for the thread's lifetime (never reused, unlike an address): what caches compare.
    id: u64,
    keys: RefCell<Vec<(RcStr, u64)>>,
    /// Branches: (position, name, list) where an instance holding this list's first `position` values set
    /// `name` while the list has another name there. The branch list starts with those `position` names
    /// and `name`, so the instance moves to it without touching its values. A subclass starts with its
    /// base's list (instances set the base's attributes first, in `__init__`), and a subclass that sets
    /// its own attributes in another order gets a branch instead of turning its instances into dicts.
    forks: RefCell<Vec<(u32, RcStr, Rc<SharedKeys>)>>,
    /// Branches left to the family of lists this one belongs to (shared with its branches), so that a
    /// program setting attributes in ever new orders makes dicts, not lists without end.
    budget: Rc<Cell<u32>>,
}

fn next_keys_id() -> u64 {
    NEXT_KEYS_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

impl SharedKeys {
    /// A new, empty list.
    pub fn new() -> Rc<SharedKeys> {
        Rc::new(SharedKeys {
            id: next_keys_id(),
            keys: RefCell::new(Vec::new()),
            forks: RefCell::new(Vec::new()),
            budget: Rc::new(Cell::new(MAX_FORKS)),
        })
    }

    /// The branch of this list (whose names are `names`) for an instance holding `n` values that sets
    /// `k` (hash `h`) where the list has another name: found, or made while the family's budget lasts.
    fn fork(&self, names: &[(RcStr, u64)], n: usize, k: &RcStr, h: u64) -> Option<Rc<SharedKeys>> {
        let mut forks = self.forks.borrow_mut();
        if let Some((_, _, f)) = forks
            .iter()
            .find(|(p, s, _)| *p as usize == n && **s == **k)
        {
            return Some(f.clone());
        }
        let left = self.budget.get();
        if left == 0 {
            return None;
        }
        self.budget.set(left - 1);
        let mut ks = names[..n].to_vec();
        ks.push((k.clone(), h));
        let f = Rc::new(SharedKeys {
            id: next_keys_id(),
            keys: RefCell::new(ks),
            forks: RefCell::new(Vec::new()),
            budget: self.budget.clone(),
        });
        forks.push((n as u32, k.clone(), f.clone()));
        Some(f)
    }
}

/// An access site's memory of where a name sits in a class's shared list: (list id, position); id 0
/// matches no list.
#[derive(Debug, Default)]
pub struct AttrCache(pub Cell<(u64, u32)>);

/// Where the first `n` names of `keys` hold `k` (hash `h`).
#[inline]
fn position(keys: &[(RcStr, u64)], n: usize, k: &str, h: u64) -> Option<usize> {
    keys[..n].iter().position(|(s, kh)| {
        *kh == h && ((s.as_ptr() == k.as_ptr() && s.len() == k.len()) || **s == *k)
    })
}

enum Store {
    /// Values of the list's first `len` names.
    Shared(Rc<SharedKeys>, Vec<Value>),
    /// Once a dict, always this dict (never replaced through `&self`): what `__dict__` hands out.
    Dict(Rc<RefCell<Dict>>),
}

/// An instance's attributes (its `__dict__`): shared-key values, or a dict.
pub struct InstDict(RefCell<Store>);

impl std::fmt::Debug for InstDict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<instance dict>")
    }
}

impl InstDict {
    /// Empty storage sharing `keys` (a class's list).
    #[inline]
    pub fn shared(keys: &Rc<SharedKeys>) -> InstDict {
        InstDict(RefCell::new(Store::Shared(keys.clone(), Vec::new())))
    }
    /// Shared storage holding `vals` as the values of the first `vals.len()` names of `keys`, when the
    /// access caches `cs` (one per value) place their names at positions 0, 1, ... of that list (a
    /// native type building its instances whole: s7-decimal); the values back otherwise.
    #[inline]
    pub fn shared_filled(
        keys: &Rc<SharedKeys>,
        cs: &[&AttrCache],
        vals: Vec<Value>,
    ) -> Result<InstDict, Vec<Value>> {
        if cs.len() != vals.len()
            || !cs
                .iter()
                .enumerate()
                .all(|(k, c)| c.0.get() == (keys.id, k as u32))
        {
            return Err(vals);
        }
        Ok(InstDict(RefCell::new(Store::Shared(keys.clone(), vals))))
    }

    /// Runs `f` on the first stored values when the access caches `cs` place their names at positions
    /// 0, 1, ... of this storage's list and it holds that many values (one borrow for several reads:
    /// s7-decimal); `None` otherwise.
    #[inline(always)]
    pub fn with_prefix_cached<R>(
        &self,
        cs: &[&AttrCache],
        f: impl FnOnce(&[Value]) -> R,
    ) -> Option<R> {
        if let Store::Shared(keys, vals) = &*self.0.borrow() {
            if vals.len() >= cs.len()
                && cs
                    .iter()
                    .enumerate()
                    .all(|(k, c)| c.0.get() == (keys.id, k as u32))
            {
                return Some(f(&vals[..cs.len()]));
            }
        }
        None
    }

    /// Swaps `vals` with the stored values when the storage holds exactly that many, under names the
    /// access caches `cs` place at positions 0, 1, ... (a native type reusing an instance nothing else
    /// holds: s9-decimal); the old values come back in `vals`. `false` (nothing swapped) otherwise.
    #[inline]
    pub fn swap_all_cached(&self, cs: &[&AttrCache], vals: &mut [Value]) -> bool {
        if let Ok(mut s) = self.0.try_borrow_mut() {
            if let Store::Shared(keys, stored) = &mut *s {
                if stored.len() == cs.len()
                    && vals.len() == cs.len()
                    && cs
                        .iter()
                        .enumerate()
                        .all(|(k, c)| c.0.get() == (keys.id, k as u32))
                {
                    stored.swap_with_slice(vals);
                    return true;
                }
            }
        }
        false
    }

    /// Storage that is a dict from the start.
    pub fn from_dict(d: Dict) -> InstDict {
        InstDict(RefCell::new(Store::Dict(Rc::new(RefCell::new(d)))))
    }

    /// The attributes as the shared dict itself (`obj.__dict__`): shared storage becomes a dict first.
    pub fn live(&self) -> Rc<RefCell<Dict>> {
        self.materialize();
        match &*self.0.borrow() {
            Store::Dict(d) => d.clone(),
            Store::Shared(..) => unreachable!("materialized above"),
        }
    }

    /// Makes `d` the attributes (`obj.__dict__ = d`). Refused (`false`) while the current dict is
    /// borrowed, which is what keeps [`InstDict::dict_cell`] sound.
    #[must_use]
    pub fn replace(&self, d: Rc<RefCell<Dict>>) -> bool {
        if let Store::Dict(old) = &*self.0.borrow()
            && old.try_borrow_mut().is_err()
        {
            return false;
        }
        let old = std::mem::replace(&mut *self.0.borrow_mut(), Store::Dict(d));
        drop(old);
        true
    }

    /// The dict of dict storage, for the lifetime of `&self`.
    fn dict_cell(&self) -> Option<&RefCell<Dict>> {
        match &*self.0.borrow() {
            // SAFETY: the `Rc` is stored until `replace` swaps it (nothing else replaces dict storage
            // through `&self`; `take_values` needs `&mut self`). The reference returned here is only ever
            // used to take a `Ref`/`RefMut` at once (this function is private to `borrow`/`borrow_mut`), and
            // `replace` refuses while any such guard is alive, so the dict outlives every use.
            Store::Dict(d) => Some(unsafe { &*Rc::as_ptr(d) }),
            Store::Shared(..) => None,
        }
    }

    /// Turns shared storage into a dict (same order).
    fn materialize(&self) {
        if !matches!(&*self.0.borrow(), Store::Shared(..)) {
            return;
        }
        let mut s = self.0.borrow_mut();
        if let Store::Shared(keys, vals) = &mut *s {
            let names = keys.keys.borrow();
            let mut map = IndexMap::with_capacity_and_hasher(vals.len(), FxBuild::default());
            for ((name, _), v) in names.iter().zip(vals.drain(..)) {
                map.insert(Key(Value::Str(name.clone())), v);
            }
            drop(names);
            *s = Store::Dict(Rc::new(RefCell::new(Dict::from_map(map))));
        }
    }

    /// The attributes as a [`Dict`], read-only (shared storage becomes a dict first).
    pub fn borrow(&self) -> Ref<'_, Dict> {
        self.materialize();
        self.dict_cell().expect("materialized above").borrow()
    }
    /// The attributes as a [`Dict`], for changes (shared storage becomes a dict first).
    pub fn borrow_mut(&self) -> RefMut<'_, Dict> {
        self.materialize();
        self.dict_cell().expect("materialized above").borrow_mut()
    }

    /// A copy of the attributes as a dict (the storage stays as it is).
    pub fn to_dict(&self) -> Dict {
        match &*self.0.borrow() {
            Store::Dict(d) => d.borrow().clone(),
            Store::Shared(keys, vals) => {
                let names = keys.keys.borrow();
                let mut map = IndexMap::with_capacity_and_hasher(vals.len(), FxBuild::default());
                for ((name, _), v) in names.iter().zip(vals.iter()) {
                    map.insert(Key(Value::Str(name.clone())), v.clone());
                }
                Dict::from_map(map)
            }
        }
    }

    /// The value of str key `k` (hash `h`: [`str_key_hash`]).
    #[inline]
    pub fn get(&self, k: &str, h: u64) -> Option<Value> {
        match &*self.0.borrow() {
            Store::Shared(keys, vals) => {
                position(&keys.keys.borrow(), vals.len(), k, h).map(|i| vals[i].clone())
            }
            Store::Dict(d) => d.borrow().get_h(k, h).map(|(_, v)| v.clone()),
        }
    }
    /// [`InstDict::get`] by a str key whose hash is not known.
    pub fn get_str(&self, k: &str) -> Option<Value> {
        self.get(k, str_key_hash(k))
    }

    /// [`InstDict::get`] through an access site's cache.
    #[inline]
    pub fn get_cached(&self, k: &str, h: u64, c: &AttrCache) -> Option<Value> {
        if let Store::Shared(keys, vals) = &*self.0.borrow() {
            let (id, i) = c.0.get();
            if id == keys.id {
                if let Some(v) = vals.get(i as usize) {
                    return Some(v.clone());
                }
            }
        }
        self.get_cached_miss(k, h, c)
    }

    /// Runs `f` on the value at the access site's remembered position when the cache holds for this
    /// instance (`None` otherwise, with no lookup): a read that needs no reference of its own.
    #[inline(always)]
    pub fn with_cached<R>(&self, c: &AttrCache, f: impl FnOnce(&Value) -> R) -> Option<R> {
        if let Store::Shared(keys, vals) = &*self.0.borrow() {
            let (id, i) = c.0.get();
            if id == keys.id {
                if let Some(v) = vals.get(i as usize) {
                    return Some(f(v));
                }
            }
        }
        None
    }

    #[inline(never)]
    fn get_cached_miss(&self, k: &str, h: u64, c: &AttrCache) -> Option<Value> {
        match &*self.0.borrow() {
            Store::Shared(keys, vals) => {
                let i = position(&keys.keys.borrow(), vals.len(), k, h)?;
                c.0.set((keys.id, i as u32));
                Some(vals[i].clone())
            }
            Store::Dict(d) => d.borrow().get_h(k, h).map(|(_, v)| v.clone()),
        }
    }

    /// Whether str key `k` is absent, through a cache that remembers (list id, how many names of the
    /// list were found not to be `k`).
    #[inline]
    pub fn lacks_cached(&self, k: &str, h: u64, c: &AttrCache) -> bool {
        if let Store::Shared(keys, vals) = &*self.0.borrow() {
            let (id, n) = c.0.get();
            if id == keys.id && vals.len() <= n as usize {
                return true;
            }
        }
        self.lacks_cached_miss(k, h, c)
    }

    #[inline(never)]
    fn lacks_cached_miss(&self, k: &str, h: u64, c: &AttrCache) -> bool {
        match &*self.0.borrow() {
            Store::Shared(keys, vals) => {
                let names = keys.keys.borrow();
                if position(&names, names.len(), k, h).is_some() {
                    return position(&names, vals.len(), k, h).is_none();
                }
                c.0.set((keys.id, names.len() as u32));
                true
            }
            Store::Dict(d) => d.borrow().get_h(k, h).is_none(),
        }
    }

    /// Sets str key `k` (hash `h`); returns the value it replaces (for the caller to drop after the
    /// borrow ends).
    #[inline]
    pub fn set(&self, k: &RcStr, h: u64, v: Value) -> Option<Value> {
        self.set_cached(k, h, v, &AttrCache::default())
    }

    /// [`InstDict::set`] by a name that is not shared yet (copied when it becomes a key).
    pub fn set_str(&self, k: &str, v: Value) -> Option<Value> {
        let h = str_key_hash(k);
        match &mut *self.0.borrow_mut() {
            Store::Dict(d) => {
                d.borrow_mut().set_str(k, v);
                return None;
            }
            Store::Shared(keys, vals) => {
                if let Some(i) = position(&keys.keys.borrow(), vals.len(), k, h) {
                    return Some(std::mem::replace(&mut vals[i], v));
                }
            }
        }
        self.set(&RcStr::from(k), h, v)
    }

    /// [`InstDict::set`] through an access site's cache.
    #[inline]
    pub fn set_cached(&self, k: &RcStr, h: u64, v: Value, c: &AttrCache) -> Option<Value> {
        if let Store::Shared(keys, vals) = &mut *self.0.borrow_mut() {
            let (id, i) = c.0.get();
            let i = i as usize;
            if id == keys.id {
                // The list is append-only: position `i` is this name in every instance that shares it.
                if let Some(slot) = vals.get_mut(i) {
                    return Some(std::mem::replace(slot, v));
                }
                if i == vals.len() {
                    if vals.capacity() == 0 {
                        vals.reserve_exact(keys.keys.borrow().len());
                    }
                    vals.push(v);
                    return None;
                }
            }
        }
        self.set_cached_miss(k, h, v, c)
    }

    #[inline(never)]
    fn set_cached_miss(&self, k: &RcStr, h: u64, v: Value, c: &AttrCache) -> Option<Value> {
        let mut s = self.0.borrow_mut();
        match &mut *s {
            Store::Shared(keys, vals) => {
                let n = vals.len();
                let mut names = keys.keys.borrow_mut();
                if let Some(i) = position(&names, n, k, h) {
                    c.0.set((keys.id, i as u32));
                    return Some(std::mem::replace(&mut vals[i], v));
                }
                let next = match names.get(n) {
                    Some((s, kh)) => *kh == h && **s == **k,
                    None if n < MAX_SHARED => {
                        names.push((k.clone(), h));
                        true
                    }
                    None => false,
                };
                if next {
                    if vals.capacity() == 0 {
                        vals.reserve_exact(names.len());
                    }
                    vals.push(v);
                    c.0.set((keys.id, n as u32));
                    return None;
                }
                // Another name stands at position `n`: the instance moves to the branch of the list that
                // has `k` there (its first `n` names are the same, so the values stay as they are).
                if n < names.len()
                    && let Some(f) = keys.fork(&names, n, k, h)
                {
                    drop(names);
                    *keys = f;
                    vals.push(v);
                    c.0.set((keys.id, n as u32));
                    return None;
                }
            }
            Store::Dict(d) => {
                d.borrow_mut().set_h(k, h, v);
                return None;
            }
        }
        drop(s);
        self.borrow_mut().set_h(k, h, v);
        None
    }

    /// Removes str key `k`, keeping the order of the others (the storage becomes a dict).
    pub fn remove(&self, k: &str) -> Option<Value> {
        self.borrow_mut().remove(&Value::str(k))
    }

    /// Empties the storage, returning the values (for a drop that avoids deep recursion).
    pub(crate) fn take_values(&mut self) -> Vec<Value> {
        match self.0.get_mut() {
            Store::Shared(_, vals) => std::mem::take(vals),
            // A dict someone else still holds (`obj.__dict__` kept alive) keeps its values.
            Store::Dict(d) if Rc::strong_count(d) == 1 => {
                d.borrow_mut().map_mut().drain(..).map(|(_, v)| v).collect()
            }
            Store::Dict(_) => Vec::new(),
        }
    }

    /// Empties the storage through a shared reference (the cycle collector breaking a cycle), returning
    /// what it held; nothing while borrowed. A dict storage is emptied in place (it may be held elsewhere).
    pub(crate) fn clear_values(&self) -> Vec<Value> {
        let Ok(mut s) = self.0.try_borrow_mut() else {
            return Vec::new();
        };
        match &mut *s {
            Store::Shared(_, vals) => std::mem::take(vals),
            Store::Dict(d) => match d.try_borrow_mut() {
                Ok(mut d) => vec![Value::Dict(Rc::new(RefCell::new(std::mem::take(&mut *d))))],
                Err(_) => Vec::new(),
            },
        }
    }

    /// Calls `f` with the stored values (shared storage) or the dict (dict storage), without copying
    /// them (the cycle finder counts references: a copy would count as one). `None` while borrowed.
    pub(crate) fn with_store<R>(
        &self,
        f: impl FnOnce(Result<&[Value], &Rc<RefCell<Dict>>>) -> R,
    ) -> Option<R> {
        let s = self.0.try_borrow().ok()?;
        Some(match &*s {
            Store::Shared(_, vals) => f(Ok(vals)),
            Store::Dict(d) => f(Err(d)),
        })
    }

    /// Whether any stored value may own other values (see `value::nests`).
    pub(crate) fn any_value(&mut self, f: impl Fn(&Value) -> bool) -> bool {
        match self.0.get_mut() {
            Store::Shared(_, vals) => vals.iter().any(f),
            Store::Dict(d) => d.borrow().map().values().any(f),
        }
    }
}

// The shared form is a list pointer and a `Vec` (with the borrow flag, 40 bytes); a dict is boxed, so it costs
// a shared instance nothing.
const _: () = assert!(size_of::<InstDict>() <= 40);

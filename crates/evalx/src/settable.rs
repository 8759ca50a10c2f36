//! The storage of `set` and `frozenset`: CPython 3.11's open-addressing set table, simulated so that sets
//! iterate (and print) in the order CPython's do for keys whose hashes CPython fixes (numbers, tuples,
//! frozensets, `None`; strs are randomized in CPython, so any order is CPython-like for them).
//!
//! The table: a power-of-two array of slots (at least 8); a key starts at `hash & mask`, looks at the
//! following 9 slots when they fit before the end, then jumps to `(i * 5 + 1 + perturb) & mask` with
//! `perturb >>= 5`. Removing leaves a dummy; a new key reuses the first dummy on its path. When `fill`
//! (used + dummies) reaches 3/5 of the mask the table regrows to `used * 4` (`used * 2` past 50,000 keys),
//! reinserting in slot order. Copies and merges presize and reinsert like CPython's `set_merge`.
//!
//! Membership is a probe of the table (with the hash stored beside each key, so set algebra between two
//! sets never hashes a key again). An `IndexMap` view of the keys in slot order, for the callers that want
//! a map, is built lazily, the first time something asks for it after a change.

use std::cell::{Cell, Ref, RefCell};

use indexmap::IndexMap;

use crate::pyhash::py_hash;
use crate::value::{FxBuild, Key};

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MINSIZE: usize = 8;
const DUMMY: i64 = -1;

/// The keys of a set: the table that answers membership and gives CPython's order, and a map view of it.
#[derive(Debug)]
pub struct SetItems {
    /// The keys in slot order, as a map: valid only while `dirty` is false.
    map: RefCell<IndexMap<Key, (), FxBuild>>,
    table: RefCell<Table>,
    /// Whether `map` is stale (the table changed since it was built).
    dirty: Cell<bool>,
    /// Whether a key that compares through a class's `__eq__` ([`Key::by_eq`]) may be a member (set when
    /// one is added, cleared only when the set empties), so that the common sets skip the scan for them.
    by_eq: Cell<bool>,
    /// A frozenset's two hashes once computed (CPython caches a frozenset's hash too): `(py_hash,
    /// key hash)`, each `None` until known; every change to the members clears them. Without the cache,
    /// hashing frozensets nested n deep costs n^2.
    hashes: Cell<(Option<i64>, Option<u64>)>,
}

#[derive(Debug, Clone)]
struct Table {
    /// `(hash, key)`: empty is `(0, None)`, a dummy `(-1, None)`.
    slots: Vec<(i64, Option<Key>)>,
    fill: usize,
    used: usize,
    finger: usize,
}

impl Default for Table {
    fn default() -> Self {
        Table {
            slots: vec![(0, None); MINSIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

impl Table {
    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Adds `k`; false when an equal key is already there.
    fn add(&mut self, k: Key, h: i64) -> bool {
        let mask = self.mask();
        let mut i = h as u64 as usize & mask;
        let mut perturb = h as u64;
        let mut free: Option<usize> = None;
        let at = loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut found = None;
            for j in i..=i + probes {
                let (eh, ek) = &self.slots[j];
                match ek {
                    None if *eh == 0 => {
                        found = Some(j);
                        break;
                    }
                    None => {
                        if free.is_none() {
                            free = Some(j);
                        }
                    }
                    Some(ek) if *eh == h && *ek == k => return false,
                    Some(_) => {}
                }
            }
            if let Some(j) = found {
                break j;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        if let Some(f) = free {
            self.used += 1;
            self.slots[f] = (h, Some(k));
            return true;
        }
        self.fill += 1;
        self.used += 1;
        self.slots[at] = (h, Some(k));
        if self.fill * 5 >= mask * 3 {
            self.resize(if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
        true
    }

    fn find(&self, k: &Key, h: i64) -> Option<usize> {
        let mask = self.mask();
        let mut i = h as u64 as usize & mask;
        let mut perturb = h as u64;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let (eh, ek) = &self.slots[j];
                match ek {
                    None if *eh == 0 => return None,
                    Some(ek) if *eh == h && ek == k => return Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn discard(&mut self, k: &Key, h: i64) -> bool {
        match self.find(k, h) {
            Some(j) => {
                self.slots[j] = (DUMMY, None);
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    fn insert_clean(slots: &mut [(i64, Option<Key>)], k: Key, h: i64) {
        let mask = slots.len() - 1;
        let mut i = h as u64 as usize & mask;
        let mut perturb = h as u64;
        loop {
            if slots[i].1.is_none() {
                slots[i] = (h, Some(k));
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if slots[j].1.is_none() {
                        slots[j] = (h, Some(k));
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut size = MINSIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![(0, None); size]);
        self.fill = self.used;
        for (h, k) in old {
            if let Some(k) = k {
                Self::insert_clean(&mut self.slots, k, h);
            }
        }
    }

    /// CPython's `set_merge`: the keys of `other` added in its slot order, after one presize.
    fn merge(&mut self, other: &Table) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots.clone_from(&other.slots);
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (h, k) in &other.slots {
                if let Some(k) = k {
                    Self::insert_clean(&mut self.slots, k.clone(), *h);
                }
            }
            return;
        }
        for (h, k) in &other.slots {
            if let Some(k) = k {
                self.add(k.clone(), *h);
            }
        }
    }

    fn pop(&mut self) -> Option<Key> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while self.slots[i].1.is_none() {
            i = if i == mask { 0 } else { i + 1 };
        }
        let k = self.slots[i].1.take();
        self.slots[i].0 = DUMMY;
        self.used -= 1;
        self.finger = i + 1;
        k
    }

    fn keys(&self) -> impl Iterator<Item = &Key> {
        self.slots.iter().filter_map(|(_, k)| k.as_ref())
    }

    /// The keys with their stored hashes, in slot order.
    fn entries(&self) -> impl Iterator<Item = (i64, &Key)> {
        self.slots
            .iter()
            .filter_map(|(h, k)| k.as_ref().map(|k| (*h, k)))
    }
}

impl Default for SetItems {
    fn default() -> Self {
        SetItems {
            map: RefCell::new(IndexMap::with_hasher(FxBuild::default())),
            table: RefCell::new(Table::default()),
            dirty: Cell::new(false),
            by_eq: Cell::new(false),
            hashes: Cell::new((None, None)),
        }
    }
}

impl Clone for SetItems {
    /// CPython's `set_copy`: a fresh set merged from this one (one copy of the slots when the table has no
    /// dummies); the map view is built again only if something asks for it.
    fn clone(&self) -> Self {
        let mut table = Table::default();
        table.merge(&self.table.borrow());
        SetItems {
            map: RefCell::new(IndexMap::with_hasher(FxBuild::default())),
            table: RefCell::new(table),
            dirty: Cell::new(true),
            by_eq: Cell::new(self.by_eq.get()),
            hashes: Cell::new(self.hashes.get()),
        }
    }
}

impl Drop for SetItems {
    fn drop(&mut self) {
        // A big table under a deadline is freed a chunk at a time (see `teardown`).
        if crate::teardown::wants(self.table.get_mut().used) {
            let (slots, map) = self.take_parts();
            crate::teardown::defer(slots.into_iter());
            crate::teardown::defer(map.into_iter());
        }
    }
}

impl SetItems {
    /// A set of `keys` added one by one in order (what `set(iterable)` and set displays do).
    pub fn from_keys(keys: impl IntoIterator<Item = Key>) -> Self {
        let out = SetItems::default();
        for k in keys {
            out.add(k);
        }
        out
    }

    /// The keys in CPython's iteration order, as a map (built from the table the first time something
    /// asks after a change).
    pub fn borrow(&self) -> Ref<'_, IndexMap<Key, (), FxBuild>> {
        if self.dirty.get() {
            let t = self.table.borrow();
            let mut m = self.map.borrow_mut();
            m.clear();
            m.reserve(t.used);
            m.extend(t.keys().map(|k| (k.clone(), ())));
            self.dirty.set(false);
        }
        self.map.borrow()
    }

    /// The keys as a map, for lookups that need candidates by hash (the same map as [`SetItems::borrow`]).
    pub fn unordered(&self) -> Ref<'_, IndexMap<Key, (), FxBuild>> {
        self.borrow()
    }

    /// Whether `k` is a member (a probe of the table).
    #[inline]
    pub fn contains(&self, k: &Key) -> bool {
        self.table.borrow().find(k, py_hash(&k.0)).is_some()
    }

    /// The number of keys.
    #[inline]
    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    /// Whether the set is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether a member may compare through a class's `__eq__` (false: none does).
    #[inline]
    pub fn may_need_eq(&self) -> bool {
        self.by_eq.get()
    }

    /// The keys in CPython's iteration order, read from the table.
    pub fn keys_in_order(&self) -> Vec<Key> {
        let t = self.table.borrow();
        let mut out = Vec::with_capacity(t.used);
        out.extend(t.keys().cloned());
        out
    }

    /// The members in CPython's iteration order, read from the table.
    pub fn values_in_order(&self) -> Vec<crate::value::Value> {
        let t = self.table.borrow();
        let mut out = Vec::with_capacity(t.used);
        out.extend(t.keys().map(|k| k.0.clone()));
        out
    }

    /// Appends up to `max` members to `out` in CPython's iteration order, starting at table slot `slot`;
    /// returns the slot to start from next time (the table's length when every member was read). For
    /// copying a big set in chunks, with nothing changing the set between two calls.
    pub fn values_from(
        &self,
        slot: usize,
        out: &mut Vec<crate::value::Value>,
        max: usize,
    ) -> usize {
        let t = self.table.borrow();
        let mut i = slot;
        let mut got = 0;
        while i < t.slots.len() && got < max {
            if let Some(k) = &t.slots[i].1 {
                out.push(k.0.clone());
                got += 1;
            }
            i += 1;
        }
        i
    }

    /// The number of slots of the table (see [`SetItems::values_from`]).
    pub fn slot_count(&self) -> usize {
        self.table.borrow().slots.len()
    }

    /// Whether any member satisfies `f` (in table order, stopping at the first).
    pub fn any_key(&self, f: impl FnMut(&Key) -> bool) -> bool {
        self.table.borrow().keys().any(f)
    }

    /// Kept for callers that size ahead (the table grows as CPython's does, so the order is unchanged).
    pub fn reserve(&self, _n: usize) {}

    /// An empty set (the table still grows as CPython's does, so the order is unchanged).
    pub fn with_capacity(_n: usize) -> Self {
        SetItems::default()
    }

    /// Whether every key of this set is in `other` (plain membership: no `__eq__` calls; the stored
    /// hashes are reused).
    pub fn is_subset_of(&self, other: &SetItems) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        let (a, b) = (self.table.borrow(), other.table.borrow());
        a.used <= b.used && a.entries().all(|(h, k)| b.find(k, h).is_some())
    }

    /// Whether no key of this set is in `other` (plain membership: no `__eq__` calls).
    pub fn is_disjoint(&self, other: &SetItems) -> bool {
        let (a, b) = (self.table.borrow(), other.table.borrow());
        let (small, big) = if a.used <= b.used { (&a, &b) } else { (&b, &a) };
        !small.entries().any(|(h, k)| big.find(k, h).is_some())
    }

    /// CPython's `set_intersection` over two sets of plain members: the keys of the smaller (`self`) that
    /// `other` holds, in `self`'s table order, added with their stored hashes.
    pub fn intersection_plain(&self, other: &SetItems) -> SetItems {
        let out = SetItems::default();
        {
            let (a, b) = (self.table.borrow(), other.table.borrow());
            let mut t = out.table.borrow_mut();
            for (h, k) in a.entries() {
                if b.find(k, h).is_some() {
                    t.add(k.clone(), h);
                }
            }
        }
        out.dirty.set(true);
        out.by_eq.set(self.by_eq.get());
        out
    }

    /// CPython's `set_difference` over two sets of plain members, walking `self`: its keys that `other`
    /// does not hold, added with their stored hashes.
    pub fn difference_plain(&self, other: &SetItems) -> SetItems {
        let out = SetItems::default();
        {
            let (a, b) = (self.table.borrow(), other.table.borrow());
            let mut t = out.table.borrow_mut();
            for (h, k) in a.entries() {
                if b.find(k, h).is_none() {
                    t.add(k.clone(), h);
                }
            }
        }
        out.dirty.set(true);
        out.by_eq.set(self.by_eq.get());
        out
    }

    /// CPython's `set_difference_update` by a set of plain members: each of `other`'s keys leaves this set.
    pub fn discard_plain(&self, other: &SetItems) {
        if std::ptr::eq(self, other) {
            self.clear();
            return;
        }
        self.hashes.set((None, None));
        let b = other.table.borrow();
        let mut t = self.table.borrow_mut();
        for (h, k) in b.entries() {
            t.discard(k, h);
        }
        self.dirty.set(true);
    }

    /// Adds `k`; false when an equal key was there.
    pub fn add(&self, k: Key) -> bool {
        self.hashes.set((None, None));
        let h = py_hash(&k.0);
        let by_eq = k.by_eq();
        if !self.table.borrow_mut().add(k, h) {
            return false;
        }
        if by_eq {
            self.by_eq.set(true);
        }
        self.dirty.set(true);
        true
    }

    /// Removes `k`; false when it was not there.
    pub fn discard(&self, k: &Key) -> bool {
        self.hashes.set((None, None));
        if !self.table.borrow_mut().discard(k, py_hash(&k.0)) {
            return false;
        }
        self.dirty.set(true);
        true
    }

    /// Removes and returns a key the way CPython's `set.pop` picks it (a finger that walks the table).
    pub fn pop(&self) -> Option<Key> {
        self.hashes.set((None, None));
        let k = self.table.borrow_mut().pop()?;
        self.dirty.set(true);
        Some(k)
    }

    /// Empties the set (a fresh 8-slot table).
    pub fn clear(&self) {
        self.hashes.set((None, None));
        self.map.borrow_mut().clear();
        *self.table.borrow_mut() = Table::default();
        self.dirty.set(false);
        self.by_eq.set(false);
    }

    /// Adds the keys of `other` as CPython's `set_merge` does (`set.update(a_set)`, `a | b`, `set(a_set)`).
    pub fn merge(&self, other: &SetItems) {
        if std::ptr::eq(self, other) {
            return;
        }
        self.hashes.set((None, None));
        let ot = other.table.borrow();
        self.table.borrow_mut().merge(&ot);
        self.dirty.set(true);
        if other.by_eq.get() {
            self.by_eq.set(true);
        }
    }

    /// Grows the table ahead of adding `n` keys from a dict, as `set.update(a_dict)` does.
    pub fn presize(&self, n: usize) {
        let mut t = self.table.borrow_mut();
        if (t.fill + n) * 5 >= t.mask() * 3 {
            let used = t.used;
            t.resize((used + n) * 2);
            self.dirty.set(true);
        }
    }

    /// Replaces this set's keys with `other`'s (CPython swaps the two tables).
    pub fn replace(&self, mut other: SetItems) {
        self.hashes.set((None, None));
        // The old keys go to `other` and are freed with it (a chunk at a time when big, see `teardown`).
        std::mem::swap(&mut *self.map.borrow_mut(), other.map.get_mut());
        std::mem::swap(&mut *self.table.borrow_mut(), other.table.get_mut());
        self.dirty.set(other.dirty.get());
        self.by_eq.set(other.by_eq.get());
    }

    /// The cached CPython hash of these members as a frozenset, computing it with `f` the first time.
    pub fn py_hash_cached(&self, f: impl FnOnce() -> i64) -> i64 {
        let (h, k) = self.hashes.get();
        if let Some(h) = h {
            return h;
        }
        let h = f();
        self.hashes.set((Some(h), k));
        h
    }

    /// CPython's frozenset hash of these members, from the hashes the table stores: no member is hashed
    /// again and no other view of the set is built (a million members hash in one pass over the slots).
    pub fn members_hash(&self) -> i64 {
        let t = self.table.borrow();
        crate::pyhash::hash_frozenset_of(t.used, t.entries().map(|(h, _)| h))
    }

    /// Folds `f` over the members in slot order, straight from the table (no other view is built); stops
    /// at the first `None`.
    pub fn try_fold_keys<A>(&self, init: A, mut f: impl FnMut(A, &Key) -> Option<A>) -> Option<A> {
        let t = self.table.borrow();
        let mut acc = init;
        for k in t.keys() {
            acc = f(acc, k)?;
        }
        Some(acc)
    }

    /// The cached dict-key hash of these members as a frozenset (see [`SetItems::py_hash_cached`]).
    pub fn key_hash_cached(&self, f: impl FnOnce() -> Option<u64>) -> Option<u64> {
        if let (_, Some(k)) = self.hashes.get() {
            return Some(k);
        }
        let k = f()?;
        self.hashes.set((self.hashes.get().0, Some(k)));
        Some(k)
    }

    /// Takes the table's slots and the map view out whole, without visiting a key (for freeing them a
    /// chunk at a time, see [`crate::teardown`]): the set is left empty.
    #[allow(clippy::type_complexity)]
    pub(crate) fn take_parts(&mut self) -> (Vec<(i64, Option<Key>)>, IndexMap<Key, (), FxBuild>) {
        self.hashes.set((None, None));
        self.dirty.set(false);
        let map = std::mem::take(self.map.get_mut());
        let t = std::mem::take(self.table.get_mut());
        (t.slots, map)
    }

    /// What adding one more new key would cost in nanoseconds when it regrows the table (0 when it would
    /// not): a pass that cannot stop midway, for the caller to admit against the deadline first. Both
    /// halves are upper estimates for a release build: about 10 ns a key reinserted, and about half a
    /// nanosecond a byte of the new table, whose first write page-faults it in (at ten million keys the
    /// page faults of a 400 MB table cost more than the reinsertion).
    pub fn regrow_cost_ns(&self) -> f64 {
        let t = self.table.borrow();
        if (t.fill + 1) * 5 < t.mask() * 3 {
            return 0.0;
        }
        let used = t.used + 1;
        let minused = if used > 50_000 { used * 2 } else { used * 4 };
        let slots = (minused + 1)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX);
        let bytes = slots as f64 * size_of::<(i64, Option<Key>)>() as f64;
        10.0 * t.used as f64 + 0.5 * bytes
    }

    /// Takes every key out (for dropping without recursion): the set is left empty.
    pub fn take_keys(&mut self) -> Vec<Key> {
        self.hashes.set((None, None));
        self.map.get_mut().clear();
        self.dirty.set(false);
        let t = std::mem::take(self.table.get_mut());
        t.slots.into_iter().filter_map(|(_, k)| k).collect()
    }
}

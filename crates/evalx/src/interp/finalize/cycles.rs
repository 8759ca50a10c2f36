//! The cycle collector: which instances only reference cycles keep alive, found among CPython's three
//! generations, automatically (by allocation counts, as CPython's collector) and by `gc.collect()`.
//!
//! Every instance of a Python class is registered in generation 0 when it is created ([`register`]): its
//! address goes at the end of the generation's list and the instance keeps its place there (its
//! [`GcLink`]: generation and index). When it is freed it leaves the list at once ([`unlink`]: its
//! slot is emptied, O(1); a list mostly made of empty slots is compacted), as CPython's objects unlink
//! themselves from their generation: a generation never keeps a dead instance's memory, and nothing
//! has to be pruned. The allocation count is CPython 3.11's: each new instance adds one to generation
//! 0's count, each freed one takes one away, and when the count passes the first threshold (700) the
//! next safe point collects generation 0; every 10th such collection (the second threshold) takes
//! generation 1 too, and every 10th of those generation 2 when, as in CPython, what survived into
//! generation 2 since its last collection is at least a quarter of what it held then. The survivors of
//! a collection move one generation up.
//!
//! A collection's candidates are the instances of the collected generations and the containers (lists,
//! dicts, tuples, bound methods) reached from them; a full collection (generation 2, `gc.collect()`) also
//! goes through instances of no generation. As CPython's collector does, each candidate's reference count
//! is compared with the number of references it receives from other candidates: one with more is
//! referenced from outside (a variable, a running frame, a module, an older object, a value the
//! evaluator holds), and so is everything it reaches. The rest is unreachable. An edge this walk does
//! not know (a closure cell, a set) only makes its target look referenced from outside, so an unknown
//! edge can keep garbage alive but never frees a live object.
//!
//! The search keeps its state small, as CPython's does in the objects' headers: a candidate instance's
//! link holds its index in the candidate table while the search runs (so finding a candidate is one
//! load, with no table keyed by address; only the few containers are), and the candidates' references
//! are walked again rather than stored: a candidate costs its table entry (one value), a 32-bit count
//! and a place in the order lists.

use super::*;
use crate::value::GcLink;
use std::collections::{HashMap, HashSet};

type FxMap<K, V> = HashMap<K, V, crate::thin::FxBuild>;
type FxSet<K> = HashSet<K, crate::thin::FxBuild>;

/// CPython's default thresholds.
const THRESHOLDS: [u32; 3] = [700, 10, 10];

/// [`GcLink`] of an instance in no generation.
pub(crate) const UNTRACKED: u32 = u32::MAX;
/// A link is the generation (top two bits: 0, 1, 2; 3 while a search uses it) and an index.
const GEN_SHIFT: u32 = 30;
const INDEX: u32 = (1 << GEN_SHIFT) - 1;
/// The tag of a link that holds a candidate's index in a running search.
const SEARCH: u32 = 3 << GEN_SHIFT;

/// The generations: the addresses of the instances each holds (a freed instance's slot is null), and
/// CPython's counts.
struct Gens {
    lists: [Vec<*const Instance>; 3],
    /// Null slots in each list.
    holes: [usize; 3],
    /// Generation 0's count (CPython's: allocations minus deallocations since its last collection), then
    /// the collections of generation 0 since generation 1's, and of generation 1 since generation 2's.
    count: [u32; 3],
    threshold: [u32; 3],
    /// CPython's `long_lived_total` (survivors of the last full collection) and `long_lived_pending`
    /// (what moved into generation 2 since).
    long_lived_total: usize,
    long_lived_pending: usize,
}

thread_local! {
    static GENS: RefCell<Gens> = const {
        RefCell::new(Gens {
            lists: [Vec::new(), Vec::new(), Vec::new()],
            holes: [0; 3],
            count: [0; 3],
            threshold: THRESHOLDS,
            long_lived_total: 0,
            long_lived_pending: 0,
        })
    };
    /// Links of instances freed while the generations were borrowed (none should be: nothing is freed
    /// inside a borrow; kept so that such a slot is emptied before anything reads the lists).
    static LATE: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    /// `gc.enable()` / `gc.disable()`.
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    /// A collection waits for the next safe point (it counts once in `PENDING`).
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
    /// A collection runs now (finalizers it calls do not start another).
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on the generations (after emptying the slots of instances freed during another borrow).
/// `f` must free no instance.
fn with_gens<R>(f: impl FnOnce(&mut Gens) -> R) -> Option<R> {
    GENS.try_with(|g| {
        let mut g = g.try_borrow_mut().ok()?;
        let late = LATE.try_with(|l| l.try_borrow_mut().map(|mut l| std::mem::take(&mut *l)));
        if let Ok(Ok(late)) = late {
            for link in late {
                g.unlink(link);
            }
        }
        Some(f(&mut g))
    })
    .ok()
    .flatten()
}

/// Registers a new instance at the end of generation 0 and counts it; asks for a collection at the
/// next safe point when the count passes the first threshold (CPython's `_PyObject_GC_Link`).
#[inline]
pub(crate) fn register(inst: &Rc<Instance>) {
    with_gens(|g| {
        let list = &mut g.lists[0];
        if list.len() >= INDEX as usize {
            return;
        }
        inst.gc.0.set(list.len() as u32);
        list.push(Rc::as_ptr(inst));
        g.count[0] = g.count[0].saturating_add(1);
        let t = g.threshold[0];
        if g.count[0] > t && t != 0 && ENABLED.with(Cell::get) {
            request();
        }
    });
}

/// Called by a tracked instance's drop: it leaves its generation (CPython's `PyObject_GC_Del`: generation
/// 0's count goes down by one).
#[cold]
pub(crate) fn unlink(link: &GcLink) {
    let l = link.0.replace(UNTRACKED);
    let done = GENS.try_with(|g| match g.try_borrow_mut() {
        Ok(mut g) => {
            g.unlink(l);
            true
        }
        Err(_) => false,
    });
    if done == Ok(false) {
        let _ = LATE.try_with(|late| late.borrow_mut().push(l));
    }
}

impl Gens {
    fn unlink(&mut self, link: u32) {
        let generation = (link >> GEN_SHIFT) as usize;
        let i = (link & INDEX) as usize;
        if generation > 2 {
            return;
        }
        self.count[0] = self.count[0].saturating_sub(1);
        let list = &mut self.lists[generation];
        let Some(slot) = list.get_mut(i) else {
            return;
        };
        *slot = std::ptr::null();
        self.holes[generation] += 1;
        if i + 1 == list.len() {
            // The newest instance of the list: its slot goes (short-lived objects leave no holes).
            while list.last().is_some_and(|p| p.is_null()) {
                list.pop();
                self.holes[generation] -= 1;
            }
        } else if self.holes[generation] > 64 && self.holes[generation] * 2 > list.len() {
            self.compact(generation);
        }
    }

    /// Removes the empty slots of a list, giving each instance its new index.
    #[cold]
    fn compact(&mut self, generation: usize) {
        let list = &mut self.lists[generation];
        list.retain(|p| !p.is_null());
        for (i, &p) in list.iter().enumerate() {
            // SAFETY: a slot that is not null holds a live instance (its drop empties the slot first).
            unsafe { (*p).gc.0.set(((generation as u32) << GEN_SHIFT) | i as u32) };
        }
        self.holes[generation] = 0;
        if list.capacity() > 4 * list.len().max(256) {
            list.shrink_to(2 * list.len().max(256));
        }
    }

    /// Appends a live instance to a generation.
    fn push(&mut self, generation: usize, inst: &Rc<Instance>) {
        let list = &mut self.lists[generation];
        if list.len() >= INDEX as usize {
            inst.gc.0.set(UNTRACKED);
            return;
        }
        inst.gc
            .0
            .set(((generation as u32) << GEN_SHIFT) | list.len() as u32);
        list.push(Rc::as_ptr(inst));
    }

    fn live(&self, generation: usize) -> usize {
        self.lists[generation].len() - self.holes[generation]
    }
}

fn request() {
    if !REQUESTED.with(Cell::get) && !COLLECTING.with(Cell::get) {
        REQUESTED.with(|r| r.set(true));
        PENDING.fetch_add(1, Relaxed);
    }
}

/// Takes the request for an automatic collection, if one waits (and none runs).
pub(crate) fn take_request() -> bool {
    if REQUESTED.try_with(Cell::get).unwrap_or(false) && !COLLECTING.with(Cell::get) {
        REQUESTED.with(|r| r.set(false));
        PENDING.fetch_sub(1.min(PENDING.load(Relaxed)), Relaxed);
        // `gc.disable()` since the request: nothing runs.
        return ENABLED.with(Cell::get);
    }
    false
}

/// Asks for a collection when the count has passed the threshold (after a change of settings).
fn check_count(g: &Gens) {
    let t = g.threshold[0];
    if t != 0 && g.count[0] > t && ENABLED.with(Cell::get) {
        request();
    }
}

/// `gc.enable()` (`true`) / `gc.disable()`.
pub(crate) fn set_enabled(on: bool) {
    ENABLED.with(|e| e.set(on));
    with_gens(|g| check_count(g));
}

pub(crate) fn is_enabled() -> bool {
    ENABLED.with(Cell::get)
}

/// `gc.get_threshold()`.
pub(crate) fn thresholds() -> [u32; 3] {
    with_gens(|g| g.threshold).unwrap_or(THRESHOLDS)
}

/// `gc.set_threshold()` (0 for the first turns automatic collection off, as in CPython).
pub(crate) fn set_thresholds(t: [u32; 3]) {
    with_gens(|g| {
        g.threshold = t;
        check_count(g);
    });
}

/// `gc.get_count()`: CPython's three counts.
pub(crate) fn counts() -> [u32; 3] {
    with_gens(|g| g.count).unwrap_or_default()
}

/// The generation an automatic collection takes now (CPython's `gc_collect_generations`).
pub(crate) fn generation_due() -> usize {
    with_gens(|g| {
        // Generation 2 only when enough survived into it since its last collection.
        if g.count[2] > g.threshold[2] && g.long_lived_pending >= g.long_lived_total / 4 {
            2
        } else if g.count[1] > g.threshold[1] {
            1
        } else {
            0
        }
    })
    .unwrap_or(0)
}

/// Marks the start and end of a collection (see [`COLLECTING`]); `true` when one already runs.
pub(crate) fn set_collecting(on: bool) -> bool {
    COLLECTING.with(|c| c.replace(on))
}

/// Takes the instances of generations `0..=generation` out of their lists (they are in none while the
/// collection runs), in CPython's order (the collected generation first, then the younger ones from 0
/// up), and updates the counts as a collection does.
pub(crate) fn take_generations(generation: usize) -> Vec<Value> {
    with_gens(|g| {
        let live: usize = (0..=generation).map(|i| g.live(i)).sum();
        let mut out = Vec::with_capacity(live);
        let order = std::iter::once(generation).chain(0..generation);
        for i in order {
            for p in std::mem::take(&mut g.lists[i]) {
                if p.is_null() {
                    continue;
                }
                // SAFETY: a slot that is not null holds a live instance, whose address came from
                // `Rc::as_ptr`: one more strong reference is taken for the returned `Rc`.
                let inst = unsafe {
                    Rc::increment_strong_count(p);
                    Rc::from_raw(p)
                };
                inst.gc.0.set(UNTRACKED);
                out.push(Value::Instance(inst));
            }
            g.holes[i] = 0;
        }
        if generation + 1 < 3 {
            g.count[generation + 1] = g.count[generation + 1].saturating_add(1);
        }
        for c in &mut g.count[..=generation] {
            *c = 0;
        }
        out
    })
    .unwrap_or_default()
}

/// Puts what survived a collection of `generation` into the next one (or back into 2).
pub(crate) fn promote(generation: usize, survivors: Vec<Rc<Instance>>) {
    with_gens(|g| {
        let to = (generation + 1).min(2);
        let n = survivors.len();
        for s in &survivors {
            g.push(to, s);
        }
        if generation == 2 {
            g.long_lived_total = g.live(2);
            g.long_lived_pending = 0;
        } else if generation == 1 {
            g.long_lived_pending += n;
        }
    });
    // Dropped outside the borrow (the caller holds them too: none is freed here).
    drop(survivors);
}

/// The address of a container candidate (instances are found through their link).
fn addr(v: &Value) -> Option<usize> {
    Some(match v {
        Value::List(l) => Rc::as_ptr(l) as usize,
        Value::Dict(d) => Rc::as_ptr(d) as usize,
        Value::Tuple(t) if !t.is_empty() => crate::thin::RcSlice::as_ptr(t) as usize,
        Value::Bound(b) => Rc::as_ptr(b) as usize,
        _ => return None,
    })
}

fn strong(v: &Value) -> usize {
    match v {
        Value::Instance(i) => Rc::strong_count(i),
        Value::List(l) => Rc::strong_count(l),
        Value::Dict(d) => Rc::strong_count(d),
        Value::Tuple(t) => crate::thin::RcSlice::strong_count(t),
        Value::Bound(b) => Rc::strong_count(b),
        _ => usize::MAX,
    }
}

/// The values `v` references directly (by reference where it can). `false`: not readable now (then
/// the node counts as referenced from outside).
fn children(v: &Value, f: &mut dyn FnMut(&Value)) -> bool {
    match v {
        Value::Instance(i) => {
            let ok = i
                .dict
                .with_store(|s| match s {
                    Ok(vals) => vals.iter().for_each(&mut *f),
                    // The dict storage is a node of its own (`obj.__dict__` may be held elsewhere).
                    Err(d) => f(&Value::Dict(d.clone())),
                })
                .is_some();
            if let Some(n) = &i.native {
                f(n);
            }
            ok
        }
        Value::List(l) => match l.try_borrow() {
            Ok(l) => {
                l.iter().for_each(f);
                true
            }
            Err(_) => false,
        },
        Value::Dict(d) => match d.try_borrow() {
            Ok(d) => {
                for (k, v) in d.map() {
                    f(&k.0);
                    f(v);
                }
                true
            }
            Err(_) => false,
        },
        Value::Tuple(t) => {
            t.iter().for_each(f);
            true
        }
        Value::Bound(b) => {
            f(&b.0);
            f(&b.1);
            true
        }
        _ => true,
    }
}

/// Whether `inst` can be in no reference cycle (see [`unreachable`]).
fn is_leaf(inst: &Instance) -> bool {
    inst.native.as_ref().is_none_or(|n| !crate::value::nests(n))
        && inst
            .dict
            .with_store(|s| s.is_ok_and(|vals| !vals.iter().any(crate::value::nests)))
            .unwrap_or(false)
        && !(ANY_DEL.load(Relaxed) && del_of(&inst.class).is_some())
}

/// What a search for unreachable objects found.
pub(crate) struct Found {
    /// The unreachable instances, in the order they were set aside (the order finalizers run in).
    pub garbage: Vec<Rc<Instance>>,
    /// The unreachable lists and dicts (emptied when the garbage is freed).
    pub containers: Vec<Value>,
    /// The seeds that are reachable, in order (they move one generation up).
    pub survivors: Vec<Rc<Instance>>,
    /// CPython's count of unreachable containers (lists, dicts, tuples, instances).
    pub count: usize,
}

/// A candidate's count once it is set aside as unreachable (CPython's `NEXT_MASK_UNREACHABLE`).
const ASIDE: i32 = i32::MIN;

/// The candidate table of one search: the objects (each held once, by the table) and the index of
/// each container among them.
struct Table {
    objs: Vec<Value>,
    containers: FxMap<usize, u32>,
    /// The table holds instances of no generation too (a full collection).
    all: bool,
}

impl Table {
    /// The index of candidate `c`, if it is one.
    #[inline]
    fn find(&self, c: &Value) -> Option<usize> {
        match c {
            Value::Instance(i) => {
                let l = i.gc.0.get();
                (l != UNTRACKED && l & SEARCH == SEARCH).then_some((l & INDEX) as usize)
            }
            _ => addr(c).and_then(|a| self.containers.get(&a).map(|&j| j as usize)),
        }
    }

    /// The index of `c`, made a candidate when it is a container (or, in a full collection, an instance)
    /// met for the first time.
    fn find_or_add(&mut self, c: &Value) -> Option<usize> {
        let next = self.objs.len();
        match c {
            Value::Instance(i) => {
                let l = i.gc.0.get();
                if l != UNTRACKED && l & SEARCH == SEARCH {
                    return Some((l & INDEX) as usize);
                }
                // An instance of an older generation (or of none): outside the candidates, unless the
                // collection is a full one (then `l` is UNTRACKED: every tracked instance is a seed).
                if !self.all || l != UNTRACKED || next >= INDEX as usize {
                    return None;
                }
                i.gc.0.set(SEARCH | next as u32);
            }
            _ => {
                let a = addr(c)?;
                if let Some(&j) = self.containers.get(&a) {
                    return Some(j as usize);
                }
                self.containers.insert(a, next as u32);
            }
        }
        self.objs.push(c.clone());
        Some(next)
    }
}

/// The objects among `seeds` (instances, and what they reach) that nothing but reference cycles keeps
/// alive. `all`: the walk goes through every instance it meets (a full collection); otherwise only
/// through the seeds (an instance of an older generation is outside the candidates). `held`:
/// instances the caller holds one reference to (not counted as outside ones). The seeds are in no
/// generation (their links are free for the search).
pub(crate) fn unreachable(mut seeds: Vec<Value>, all: bool, held: &FxSet<usize>) -> Found {
    let mut found = Found {
        garbage: Vec::new(),
        containers: Vec::new(),
        survivors: Vec::new(),
        count: 0,
    };
    // An instance whose attributes hold nothing that can hold it back (numbers, strings...) is in no
    // cycle: it survives (CPython untracks such dicts and tuples). One whose class has `__del__` stays a
    // candidate, so that finalizers run in CPython's order; and all stay candidates in the search again
    // after finalizers (`held`), so that the count of what is freed is CPython's.
    seeds.retain(|s| match s {
        Value::Instance(i) if held.is_empty() && is_leaf(i) => {
            found.survivors.push(i.clone());
            false
        }
        Value::Instance(_) => true,
        _ => false,
    });
    if seeds.is_empty() {
        return found;
    }
    // (Past what a link can index, the seeds survive.)
    let nseeds = seeds.len().min(INDEX as usize);
    for s in seeds.drain(nseeds..) {
        if let Value::Instance(i) = s {
            found.survivors.push(i);
        }
    }
    for (k, s) in seeds.iter().enumerate() {
        if let Value::Instance(i) = s {
            i.gc.0.set(SEARCH | k as u32);
        }
    }
    let mut t = Table {
        objs: seeds,
        containers: FxMap::default(),
        all,
    };
    // The candidates: the seeds and what they reach (breadth first).
    let mut opaque = Vec::new();
    let mut k = 0;
    while k < t.objs.len() {
        let obj = t.objs[k].clone();
        if !children(&obj, &mut |c| {
            t.find_or_add(c);
        }) {
            opaque.push(k);
        }
        k += 1;
    }
    let n = t.objs.len();
    // Each candidate's references from outside: its count, less the table's own reference (and the
    // caller's), less the references from the other candidates (CPython's `subtract_refs`).
    let mut refs: Vec<i32> = t
        .objs
        .iter()
        .map(|o| {
            let mine = 1 + usize::from(
                matches!(o, Value::Instance(i) if held.contains(&(Rc::as_ptr(i) as usize))),
            );
            (strong(o).saturating_sub(mine)).min(i32::MAX as usize / 2) as i32
        })
        .collect();
    for o in &t.objs {
        children(o, &mut |c| {
            if let Some(j) = t.find(c) {
                refs[j] -= 1;
            }
        });
    }
    for &k in &opaque {
        refs[k] = refs[k].max(1);
    }
    // CPython's `move_unreachable`: scan the candidates in order; one referenced from outside keeps its
    // place and makes what it references reachable (sending back to the end of the scan those already
    // set aside); one with no outside reference is set aside, in order, and is garbage unless reached
    // later. The order of both lists is CPython's: what survives comes first at the next collection,
    // and the finalizers run in the order garbage was set aside.
    let mut aside: Vec<u32> = Vec::new();
    let mut again: Vec<u32> = Vec::new();
    let mut pos = 0;
    let next = |pos: &mut usize, again: &Vec<u32>| -> Option<usize> {
        let x = if *pos < n {
            Some(*pos)
        } else {
            again.get(*pos - n).map(|&x| x as usize)
        };
        *pos += 1;
        x
    };
    while let Some(x) = next(&mut pos, &again) {
        if refs[x] > 0 {
            if let (true, Value::Instance(inst)) = (x < nseeds, &t.objs[x]) {
                found.survivors.push(inst.clone());
            }
            // (What an unreadable candidate references is not known: it was not subtracted either.)
            children(&t.objs[x], &mut |c| {
                if let Some(j) = t.find(c) {
                    if refs[j] == ASIDE {
                        refs[j] = 1;
                        again.push(j as u32);
                    } else if refs[j] <= 0 {
                        refs[j] = 1;
                    }
                }
            });
        } else {
            refs[x] = ASIDE;
            aside.push(x as u32);
        }
    }
    drop(again);
    // The links are the generations' again (the caller puts the survivors back into one).
    for o in &t.objs {
        if let Value::Instance(i) = o {
            i.gc.0.set(UNTRACKED);
        }
    }
    aside.retain(|&x| refs[x as usize] == ASIDE);
    drop(refs);
    if aside.is_empty() {
        return found;
    }
    // CPython counts the unreachable containers (lists, dicts, tuples, instances); an instance's own
    // attribute storage is part of the instance there.
    let mut storage: FxSet<usize> = FxSet::default();
    for &x in &aside {
        if let Value::Instance(i) = &t.objs[x as usize] {
            if i.native.is_none() {
                i.dict.with_store(|s| {
                    if let Err(d) = s {
                        storage.insert(Rc::as_ptr(d) as usize);
                    }
                });
            }
        }
    }
    let Table { mut objs, .. } = t;
    for x in aside {
        let v = std::mem::replace(&mut objs[x as usize], Value::None);
        let is_storage =
            matches!(&v, Value::Dict(d) if storage.contains(&(Rc::as_ptr(d) as usize)));
        if !is_storage {
            found.count += 1;
        }
        match v {
            Value::Instance(inst) => found.garbage.push(inst),
            v @ (Value::List(_) | Value::Dict(_)) if !is_storage => found.containers.push(v),
            _ => {}
        }
    }
    found
}

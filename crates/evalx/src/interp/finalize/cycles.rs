//! The cycle collector: which instances only reference cycles keep alive, found among CPython's three
//! generations, automatically (by allocation counts, as CPython's collector) and by `gc.collect()`.
//!
//! Every instance of a Python class is registered in generation 0 when it is created ([`register`]): its
//! address goes at the end of the generation's list and the instance keeps its place there (its
//! link ([`Instance::gc_link`], kept in its hash word): generation and index). When it is freed it leaves the list at once ([`unlink`]: its
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
//! The search keeps its state small, as CPython's does in the objects' headers: the collected
//! generation's list itself (taken in place) is the table of seeds, a candidate instance's link holds
//! its index in the search while it runs (so finding a candidate is one load, with no table keyed by
//! address; only the few containers reached are), and the candidates' references are walked again
//! rather than stored: an instance costs the search a 32-bit count, whatever its attributes. Every
//! instance is a candidate, as in CPython (one referenced only by garbage is garbage too, and counted).

use super::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicBool;

type FxMap<K, V> = HashMap<K, V, crate::thin::FxBuild>;
type FxSet<K> = HashSet<K, crate::thin::FxBuild>;

/// CPython's default thresholds.
const THRESHOLDS: [u32; 3] = [700, 10, 10];

/// The link of an instance in no generation (the complement of 0: see [`Instance::hash`]).
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
        inst.set_gc_link(list.len() as u32);
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
pub(crate) fn unlink(inst: &Instance) {
    let l = inst.gc_link();
    if l == UNTRACKED {
        return;
    }
    inst.set_gc_link(UNTRACKED);
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

thread_local! {
    /// The links of instances whose hash word holds a user hash (see [`Instance::hash`]), by address.
    static LINKS_ASIDE: RefCell<FxMap<usize, u32>> = RefCell::new(FxMap::default());
}
/// Whether any link was ever put aside (until then a user-hashed instance's drop looks up nothing).
static ANY_ASIDE: AtomicBool = AtomicBool::new(false);

#[inline]
pub(crate) fn any_link_aside() -> bool {
    ANY_ASIDE.load(Relaxed)
}

/// The link of an instance whose hash word holds a user hash.
pub(crate) fn link_aside(inst: &Instance) -> u32 {
    if !any_link_aside() {
        return UNTRACKED;
    }
    let a = inst as *const Instance as usize;
    LINKS_ASIDE
        .try_with(|m| m.try_borrow().ok().and_then(|m| m.get(&a).copied()))
        .ok()
        .flatten()
        .unwrap_or(UNTRACKED)
}

/// Sets the link of an instance whose hash word holds a user hash (or is about to: its link moves here).
pub(crate) fn set_link_aside(inst: &Instance, link: u32) {
    if link == UNTRACKED && !any_link_aside() {
        return;
    }
    ANY_ASIDE.store(true, Relaxed);
    let a = inst as *const Instance as usize;
    let _ = LINKS_ASIDE.try_with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            if link == UNTRACKED {
                m.remove(&a);
            } else {
                m.insert(a, link);
            }
        }
    });
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
            unsafe { (*p).set_gc_link(((generation as u32) << GEN_SHIFT) | i as u32) };
        }
        self.holes[generation] = 0;
        if list.capacity() > 4 * list.len().max(256) {
            list.shrink_to(2 * list.len().max(256));
        }
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
/// up), and updates the counts as a collection does. The collected generation's list becomes the
/// returned one in place (no copy of the oldest, largest list).
pub(crate) fn take_generations(generation: usize) -> Vec<Rc<Instance>> {
    with_gens(|g| {
        // SAFETY (both): a slot that is not null holds a live instance, whose address came from
        // `Rc::as_ptr`: one more strong reference is taken for each returned `Rc`.
        let own = |p: *const Instance| unsafe {
            Rc::increment_strong_count(p);
            Rc::from_raw(p)
        };
        let first = std::mem::take(&mut g.lists[generation]);
        let mut out: Vec<Rc<Instance>> = first
            .into_iter()
            .filter(|p| !p.is_null())
            .map(own)
            .collect();
        for i in 0..generation {
            let young = std::mem::take(&mut g.lists[i]);
            out.extend(young.into_iter().filter(|p| !p.is_null()).map(own));
        }
        for inst in &out {
            inst.set_gc_link(UNTRACKED);
        }
        for h in &mut g.holes[..=generation] {
            *h = 0;
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
    let n = survivors.len();
    // The collection's references go first, outside the borrow (in place: the list is reused). A
    // survivor is referenced from outside, so none is freed here; one that would be is left out.
    let ptrs: Vec<*const Instance> = survivors
        .into_iter()
        .filter_map(|s| {
            let keep = Rc::strong_count(&s) > 1;
            let p = Rc::as_ptr(&s);
            drop(s);
            keep.then_some(p)
        })
        .collect();
    with_gens(|g| {
        let to = (generation + 1).min(2);
        let base = g.lists[to].len();
        if base + ptrs.len() >= INDEX as usize {
            return;
        }
        for (i, &p) in ptrs.iter().enumerate() {
            // SAFETY: each survivor lives (another reference than the collection's held it above, and
            // nothing ran since).
            unsafe { (*p).set_gc_link(((to as u32) << GEN_SHIFT) | (base + i) as u32) };
        }
        if base == 0 {
            g.lists[to] = ptrs;
        } else {
            g.lists[to].extend_from_slice(&ptrs);
        }
        if generation == 2 {
            g.long_lived_total = g.live(2);
            g.long_lived_pending = 0;
        } else if generation == 1 {
            g.long_lived_pending += n;
        }
    });
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

/// The values an instance references directly. `false`: its attributes are not readable now.
fn inst_children(i: &Instance, f: &mut dyn FnMut(&Value)) -> bool {
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

/// The values `v` references directly (by reference where it can). `false`: not readable now (then
/// the node counts as referenced from outside).
fn children(v: &Value, f: &mut dyn FnMut(&Value)) -> bool {
    match v {
        Value::Instance(i) => inst_children(i, f),
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

/// What a search for unreachable objects found.
#[derive(Default)]
pub(crate) struct Found {
    /// The unreachable instances, in the order they were set aside (the order finalizers run in).
    pub garbage: Vec<Rc<Instance>>,
    /// The unreachable lists and dicts (emptied when the garbage is freed).
    pub containers: Vec<Value>,
    /// The seeds that are reachable, in CPython's order (they move one generation up).
    pub survivors: Vec<Rc<Instance>>,
    /// CPython's count of unreachable containers (lists, dicts, tuples, instances).
    pub count: usize,
}

/// A candidate's count once it is set aside as unreachable (CPython's `NEXT_MASK_UNREACHABLE`).
const ASIDE: i32 = i32::MIN;
/// A candidate's count once it was set aside and then reached (it goes to the end of the scan).
const AGAIN: i32 = i32::MAX;

/// The candidates of one search besides the seeds: the containers and (in a full collection) instances
/// of no generation they reach, each held once by the table, and the index of each container.
struct Table {
    /// How many seeds come first (candidate `j >= seeds` is `objs[j - seeds]`).
    seeds: usize,
    objs: Vec<Value>,
    containers: FxMap<usize, u32>,
    /// The table takes instances of no generation too (a full collection).
    all: bool,
}

impl Table {
    /// The index of candidate `c`, if it is one.
    #[inline]
    fn find(&self, c: &Value) -> Option<usize> {
        match c {
            Value::Instance(i) => {
                let l = i.gc_link();
                (l != UNTRACKED && l & SEARCH == SEARCH).then_some((l & INDEX) as usize)
            }
            _ => addr(c).and_then(|a| self.containers.get(&a).map(|&j| j as usize)),
        }
    }

    /// The index of `c`, made a candidate when it is a container (or, in a full collection, an instance
    /// of no generation) met for the first time.
    fn find_or_add(&mut self, c: &Value) {
        let next = self.seeds + self.objs.len();
        if next >= INDEX as usize {
            // Past what a link can index: not a candidate (it counts as referenced from outside).
            return;
        }
        match c {
            Value::Instance(i) => {
                // An instance of an older generation (or of none): outside the candidates, unless the
                // collection is a full one (then every tracked instance is a seed already).
                if !self.all || i.gc_link() != UNTRACKED {
                    return;
                }
                i.set_gc_link(SEARCH | next as u32);
            }
            _ => {
                let Some(a) = addr(c) else {
                    return;
                };
                if self.containers.contains_key(&a) {
                    return;
                }
                self.containers.insert(a, next as u32);
            }
        }
        self.objs.push(c.clone());
    }
}

/// The objects among `seeds` (instances in no generation, and what they reach) that nothing but
/// reference cycles keeps alive. `all`: the walk goes through every instance it meets (a full
/// collection); otherwise only through the seeds (an instance of an older generation is outside the
/// candidates). `held`: instances the caller holds one reference to besides `seeds` (not counted as
/// outside ones).
pub(crate) fn unreachable(seeds: Vec<Rc<Instance>>, all: bool, held: &FxSet<usize>) -> Found {
    let mut found = Found::default();
    let n = seeds.len();
    if n == 0 || n >= INDEX as usize {
        // (Past what a link can index, the seeds survive.)
        found.survivors = seeds;
        return found;
    }
    for (k, s) in seeds.iter().enumerate() {
        s.set_gc_link(SEARCH | k as u32);
    }
    let mut t = Table {
        seeds: n,
        objs: Vec::new(),
        containers: FxMap::default(),
        all,
    };
    // The candidates: the seeds and what they reach (breadth first). A candidate instance's link holds
    // its index until the search ends.
    // A seed whose attributes hold no instance or container (numbers, strings...) is `bare`: the
    // passes below skip its attributes (most instances of programs keeping many alive).
    let mut opaque = Vec::new();
    let mut bare = vec![0u64; n.div_ceil(64)];
    for (k, s) in seeds.iter().enumerate() {
        let mut nested = false;
        if !inst_children(s, &mut |c| {
            nested |= matches!(c, Value::Instance(_)) || addr(c).is_some();
            t.find_or_add(c)
        }) {
            opaque.push(k);
        } else if !nested {
            bare[k / 64] |= 1 << (k % 64);
        }
    }
    let is_bare = |k: usize| k < n && bare[k / 64] & (1 << (k % 64)) != 0;
    let mut k = 0;
    while k < t.objs.len() {
        let obj = t.objs[k].clone();
        if !children(&obj, &mut |c| t.find_or_add(c)) {
            opaque.push(n + k);
        }
        k += 1;
    }
    let total = n + t.objs.len();
    // Each candidate's references from outside: its count, less the collection's own reference (and the
    // caller's), less the references from the other candidates (CPython's `subtract_refs`).
    let clamp = |c: usize| c.min(i32::MAX as usize / 2) as i32;
    let mut refs: Vec<i32> = Vec::with_capacity(total);
    refs.extend(seeds.iter().map(|s| {
        let mine = 1 + usize::from(held.contains(&(Rc::as_ptr(s) as usize)));
        clamp(Rc::strong_count(s).saturating_sub(mine))
    }));
    refs.extend(t.objs.iter().map(|o| clamp(strong(o).saturating_sub(1))));
    {
        let mut sub = |c: &Value| {
            if let Some(j) = t.find(c) {
                refs[j] -= 1;
            }
        };
        for (k, s) in seeds.iter().enumerate() {
            if !is_bare(k) {
                inst_children(s, &mut sub);
            }
        }
        for o in &t.objs {
            children(o, &mut sub);
        }
    }
    for &k in &opaque {
        refs[k] = refs[k].max(1);
    }
    // CPython's `move_unreachable`: scan the candidates in order; one referenced from outside keeps its
    // place and makes what it references reachable (sending back to the end of the scan those already
    // set aside); one with no outside reference is set aside, in order, and is garbage unless reached
    // later. The order of both lists is CPython's: what survives comes first at the next collection,
    // and the finalizers run in the order garbage was set aside. (What an unreadable candidate
    // references is not known: it was not subtracted either.)
    let mut aside: Vec<u32> = Vec::new();
    let mut again: Vec<u32> = Vec::new();
    let mut pos = 0;
    loop {
        let x = if pos < total {
            pos
        } else if let Some(&x) = again.get(pos - total) {
            x as usize
        } else {
            break;
        };
        pos += 1;
        if refs[x] > 0 {
            let mut mark = |c: &Value| {
                if let Some(j) = t.find(c) {
                    if refs[j] == ASIDE {
                        refs[j] = AGAIN;
                        again.push(j as u32);
                    } else if refs[j] <= 0 {
                        refs[j] = 1;
                    }
                }
            };
            if x >= n {
                children(&t.objs[x - n], &mut mark);
            } else if !is_bare(x) {
                inst_children(&seeds[x], &mut mark);
            }
        } else {
            refs[x] = ASIDE;
            aside.push(x as u32);
        }
    }
    // The non-seed instances' links are free again (they were in no generation).
    for o in &t.objs {
        if let Value::Instance(i) = o {
            i.set_gc_link(UNTRACKED);
        }
    }
    aside.retain(|&x| refs[x as usize] == ASIDE);
    // The survivors, in place in the seeds' list: the seeds reached in the first scan, in order, then
    // those reached after they had been set aside, in the order they were reached; the garbage seeds
    // last, in the order they were set aside. Each seed's link holds its rank for this reordering (no
    // table: a structure built bottom up has nearly every seed set aside, then reached again).
    const KEPT: u32 = 0;
    const LATE: u32 = 1 << 30;
    const GONE: u32 = 2 << 30;
    for s in &seeds {
        s.set_gc_link(KEPT);
    }
    let mut n_late = 0u32;
    for &j in &again {
        if let Some(s) = seeds.get(j as usize) {
            s.set_gc_link(LATE | n_late);
            n_late += 1;
        }
    }
    let mut n_gone = 0u32;
    for &x in &aside {
        if let Some(s) = seeds.get(x as usize) {
            s.set_gc_link(GONE | n_gone);
            n_gone += 1;
        }
    }
    drop(again);
    drop(refs);
    let mut seeds = seeds;
    let mut w = 0;
    for x in 0..n {
        if seeds[x].gc_link() == KEPT {
            seeds.swap(w, x);
            w += 1;
        }
    }
    // Each of the others to its place after them: the late survivors by rank, then the garbage by rank
    // (every swap puts one in its place).
    let n_late = n_late as usize;
    let place = |s: &Rc<Instance>| {
        let l = s.gc_link();
        (l & INDEX) as usize + if l & GONE == GONE { n_late } else { 0 }
    };
    for i in 0..n - w {
        loop {
            let p = place(&seeds[w + i]);
            if p == i || p >= n - w {
                break;
            }
            seeds.swap(w + i, w + p);
        }
    }
    for s in &seeds {
        s.set_gc_link(UNTRACKED);
    }
    let gone = seeds.split_off(w + n_late);
    found.survivors = seeds;
    if aside.is_empty() {
        return found;
    }
    let Table { mut objs, .. } = t;
    // CPython counts the unreachable containers (lists, dicts, tuples, instances); an instance's own
    // attribute storage is part of the instance there.
    let mut storage: FxSet<usize> = FxSet::default();
    for i in gone
        .iter()
        .map(|s| &**s)
        .chain(objs.iter().filter_map(|o| match o {
            Value::Instance(i) => Some(&**i),
            _ => None,
        }))
    {
        if i.native.is_none() {
            i.dict.with_store(|s| {
                if let Err(d) = s {
                    storage.insert(Rc::as_ptr(d) as usize);
                }
            });
        }
    }
    let mut gone = gone.into_iter();
    for x in aside {
        let v = if (x as usize) < n {
            match gone.next() {
                Some(s) => Value::Instance(s),
                None => continue,
            }
        } else {
            match objs.get_mut(x as usize - n) {
                Some(slot) => std::mem::replace(slot, Value::None),
                None => continue,
            }
        };
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

//! The cycle collector: which instances only reference cycles keep alive, found among CPython's three
//! generations, automatically (by allocation counts, as CPython's collector) and by `gc.collect()`.
//!
//! Every instance of a Python class is registered, weakly, in generation 0 when it is created
//! ([`register`]). When more of generation 0's instances live than the first threshold (700, CPython's:
//! its allocations minus deallocations), the next safe point collects generation 0; every 10th such
//! collection (the second threshold) takes generation 1 too, and every 10th of those generation 2 when,
//! as in CPython 3.11, what survived into generation 2 since its last collection is at least a quarter of
//! what it held then. The survivors of a collection move one generation up.
//!
//! A collection's candidates are the instances of the collected generations and the containers (lists,
//! dicts, tuples, bound methods) reached from them; a full collection (generation 2, `gc.collect()`) also
//! goes through instances of no generation. As CPython's collector does, each candidate's reference count
//! is compared with the number of references it receives from other candidates: one with more is
//! referenced from outside (a variable, a running frame, a module, an older object, a value the
//! evaluator holds), and so is everything it reaches. The rest is unreachable. An edge this walk does
//! not know (a closure cell, a set) only makes its target look referenced from outside, so an unknown
//! edge can keep garbage alive but never frees a live object.

use super::*;
use std::collections::{HashMap, HashSet};
use std::rc::Weak;

type FxMap<K, V> = HashMap<K, V, crate::thin::FxBuild>;
type FxSet<K> = HashSet<K, crate::thin::FxBuild>;

/// CPython's default thresholds.
const THRESHOLDS: [u32; 3] = [700, 10, 10];

/// The generations: the instances each holds (weakly, pruned as they die) and the length of each that
/// triggers its next pruning.
struct Gens {
    gens: [Vec<Weak<Instance>>; 3],
    prune_at: [usize; 3],
    /// Collections of generation 0 since generation 1's, and of generation 1 since generation 2's.
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
            gens: [Vec::new(), Vec::new(), Vec::new()],
            prune_at: [THRESHOLDS[0] as usize + 1, 1024, 1024],
            count: [0; 3],
            threshold: THRESHOLDS,
            long_lived_total: 0,
            long_lived_pending: 0,
        })
    };
    /// `gc.enable()` / `gc.disable()`.
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    /// A collection waits for the next safe point (it counts once in `PENDING`).
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
    /// A collection runs now (finalizers it calls do not start another).
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// Registers a new instance in generation 0. CPython collects generation 0 when its allocations minus
/// its deallocations pass the first threshold: that is how many of generation 0's instances live, which
/// a pruning of its list counts. The list is pruned when it could have passed the threshold (and, at the
/// latest, when it has doubled), so that a collection is asked for at the next safe point.
#[inline]
pub(crate) fn register(inst: &Rc<Instance>) {
    let _ = GENS.try_with(|g| {
        if let Ok(mut g) = g.try_borrow_mut() {
            g.gens[0].push(Rc::downgrade(inst));
            if g.gens[0].len() >= g.prune_at[0] {
                g.check_young();
            }
        }
    });
}

impl Gens {
    /// Prunes generation 0's list; asks for a collection when more of it live than the threshold.
    #[cold]
    fn check_young(&mut self) {
        let young = &mut self.gens[0];
        young.retain(|w| w.strong_count() > 0);
        let live = young.len();
        let t = self.threshold[0] as usize;
        let on = t != 0 && ENABLED.with(Cell::get);
        if on && live > t {
            request();
        }
        // The next check: when the live ones could pass the threshold (a quarter of it apart at least,
        // so that the pruning costs a few steps per allocation at most), or when the list has doubled.
        self.prune_at[0] = if on {
            live + (t + 1).saturating_sub(live).max(t / 4).max(16)
        } else {
            (live * 2).max(1024)
        };
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

/// `gc.enable()` (`true`) / `gc.disable()`.
pub(crate) fn set_enabled(on: bool) {
    ENABLED.with(|e| e.set(on));
    GENS.with(|g| g.borrow_mut().check_young());
}

pub(crate) fn is_enabled() -> bool {
    ENABLED.with(Cell::get)
}

/// `gc.get_threshold()`.
pub(crate) fn thresholds() -> [u32; 3] {
    GENS.with(|g| g.borrow().threshold)
}

/// `gc.set_threshold()` (0 for the first turns automatic collection off, as in CPython).
pub(crate) fn set_thresholds(t: [u32; 3]) {
    GENS.with(|g| {
        let mut g = g.borrow_mut();
        g.threshold = t;
        g.check_young();
    });
}

/// `gc.get_count()` (the first: how many of generation 0's instances live).
pub(crate) fn counts() -> [u32; 3] {
    GENS.with(|g| {
        let g = g.borrow();
        let live = g.gens[0].iter().filter(|w| w.strong_count() > 0).count();
        [live as u32, g.count[1], g.count[2]]
    })
}

/// The generation an automatic collection takes now (CPython's `gc_collect_generations`).
pub(crate) fn generation_due() -> usize {
    GENS.with(|g| {
        let g = g.borrow();
        // Generation 2 only when enough survived into it since its last collection.
        if g.count[2] > g.threshold[2] && g.long_lived_pending >= g.long_lived_total / 4 {
            2
        } else if g.count[1] > g.threshold[1] {
            1
        } else {
            0
        }
    })
}

/// How many of the `Weak`s pointing at `inst` are the generations' own (0 or 1; `weakref.getweakrefcount`
/// counts the program's only).
pub(crate) fn own_weaks(inst: &Rc<Instance>) -> usize {
    let p = Rc::as_ptr(inst);
    GENS.try_with(|g| {
        g.try_borrow().map_or(0, |g| {
            g.gens
                .iter()
                .flatten()
                .filter(|w| std::ptr::eq(w.as_ptr(), p))
                .count()
        })
    })
    .unwrap_or(0)
}

/// Marks the start and end of a collection (see [`COLLECTING`]); `true` when one already runs.
pub(crate) fn set_collecting(on: bool) -> bool {
    COLLECTING.with(|c| c.replace(on))
}

/// Takes the instances of generations `0..=generation` out of their lists, in CPython's order (the collected
/// generation first, then the younger ones from 0 up), and updates the counts as a collection does.
pub(crate) fn take_generations(generation: usize) -> Vec<Rc<Instance>> {
    GENS.with(|g| {
        let mut g = g.borrow_mut();
        let mut out = Vec::new();
        let order = std::iter::once(generation).chain(0..generation);
        for i in order {
            out.extend(
                std::mem::take(&mut g.gens[i])
                    .iter()
                    .filter_map(Weak::upgrade),
            );
            g.prune_at[i] = if i == 0 {
                g.threshold[0] as usize + 1
            } else {
                1024
            };
        }
        if generation + 1 < 3 {
            g.count[generation + 1] += 1;
        }
        for c in &mut g.count[1..=generation] {
            *c = 0;
        }
        out
    })
}

/// Puts what survived a collection of `generation` into the next one (or back into 2).
pub(crate) fn promote(generation: usize, survivors: Vec<Weak<Instance>>) {
    GENS.with(|g| {
        let mut g = g.borrow_mut();
        let g = &mut *g;
        let to = (generation + 1).min(2);
        let n = survivors.len();
        if generation == 2 {
            g.long_lived_total = n + g.gens[2].len();
            g.long_lived_pending = 0;
        } else if generation == 1 {
            g.long_lived_pending += n;
        }
        let list = &mut g.gens[to];
        list.extend(survivors);
        // A dead instance's memory stays allocated while a generation's weak pointer to it does: the
        // older lists are pruned when they have grown by a quarter.
        if list.len() >= g.prune_at[to] {
            list.retain(|w| w.strong_count() > 0);
            g.prune_at[to] = (list.len() + list.len() / 4).max(1024);
        }
    });
}

/// One candidate: the object (held once, by this table), the candidates it references, and whether it
/// was one of the collected generations' instances.
struct Node {
    obj: Value,
    edges: Vec<usize>,
    seed: bool,
}

fn addr(v: &Value) -> Option<usize> {
    Some(match v {
        Value::Instance(i) => Rc::as_ptr(i) as usize,
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
    pub survivors: Vec<Weak<Instance>>,
    /// CPython's count of unreachable containers (lists, dicts, tuples, instances).
    pub count: usize,
}

/// The objects among `seeds` (and what they reach) that nothing but reference cycles keeps alive.
/// `all`: the walk goes through every instance it meets (a full collection); otherwise only through
/// the seeds (an instance of an older generation is outside the candidates). `held`: instances the
/// caller holds one reference to (not counted as outside ones).
pub(crate) fn unreachable(seeds: Vec<Rc<Instance>>, all: bool, held: &FxSet<usize>) -> Found {
    let mut found = Found {
        garbage: Vec::new(),
        containers: Vec::new(),
        survivors: Vec::new(),
        count: 0,
    };
    if seeds.is_empty() {
        return found;
    }
    let mut index: FxMap<usize, usize> = FxMap::default();
    let mut nodes: Vec<Node> = Vec::with_capacity(seeds.len());
    for s in seeds {
        // An instance whose attributes hold nothing that can hold it back (numbers, strings...) is in
        // no cycle: it survives (CPython untracks such dicts and tuples). One whose class has `__del__`
        // stays a candidate, so that finalizers run in CPython's order; and all stay candidates in the
        // search again after finalizers (`held`), so that the count of what is freed is CPython's.
        if held.is_empty() && is_leaf(&s) {
            found.survivors.push(Rc::downgrade(&s));
            continue;
        }
        let a = Rc::as_ptr(&s) as usize;
        if let std::collections::hash_map::Entry::Vacant(e) = index.entry(a) {
            e.insert(nodes.len());
            nodes.push(Node {
                obj: Value::Instance(s),
                edges: Vec::new(),
                seed: true,
            });
        }
    }
    let mut k = 0;
    let mut opaque = Vec::new();
    let mut met: Vec<(usize, Option<Value>)> = Vec::new();
    while k < nodes.len() {
        met.clear();
        let readable = children(&nodes[k].obj, &mut |c| {
            if let Some(a) = addr(c) {
                if !all && matches!(c, Value::Instance(_)) && !index.contains_key(&a) {
                    // An instance of an older generation (or of none): outside the candidates.
                    return;
                }
                // Only a child met for the first time is cloned (into the table, its one holder).
                let fresh =
                    !index.contains_key(&a) && !met.iter().any(|(b, v)| *b == a && v.is_some());
                met.push((a, fresh.then(|| c.clone())));
            }
        });
        if !readable {
            opaque.push(k);
        }
        let mut edges = Vec::with_capacity(met.len());
        for (a, c) in met.drain(..) {
            let j = match (index.get(&a), c) {
                (Some(&j), _) => j,
                (None, Some(c)) => {
                    index.insert(a, nodes.len());
                    nodes.push(Node {
                        obj: c,
                        edges: Vec::new(),
                        seed: false,
                    });
                    nodes.len() - 1
                }
                (None, None) => continue,
            };
            edges.push(j);
        }
        nodes[k].edges = edges;
        k += 1;
    }
    // Each node is held once by the table now (and a dict storage reached through `with_store` was
    // cloned once, into the table, like any child).
    let mut refs: Vec<i64> = nodes
        .iter()
        .map(|n| {
            let mine = 1 + addr(&n.obj).is_some_and(|a| held.contains(&a)) as i64;
            strong(&n.obj) as i64 - mine
        })
        .collect();
    for n in &nodes {
        for &j in &n.edges {
            refs[j] -= 1;
        }
    }
    // CPython's `move_unreachable`: scan the candidates in order; one referenced from outside keeps its
    // place and makes what it references reachable (moving back to the end of the scan those already set
    // aside); one with no outside reference is set aside, in order, and is garbage unless reached later.
    // The order of both lists is CPython's: what survives comes first at the next collection, and the
    // finalizers run in the order garbage was set aside.
    for &k in &opaque {
        refs[k] = refs[k].max(1);
    }
    let mut young: Vec<usize> = (0..nodes.len()).collect();
    let mut aside: Vec<Option<usize>> = Vec::new();
    let mut aside_at: Vec<Option<usize>> = vec![None; nodes.len()];
    let mut pos = 0;
    while pos < young.len() {
        let x = young[pos];
        pos += 1;
        if refs[x] > 0 {
            if let (true, Value::Instance(inst)) = (nodes[x].seed, &nodes[x].obj) {
                found.survivors.push(Rc::downgrade(inst));
            }
            for &j in &nodes[x].edges {
                if let Some(at) = aside_at[j].take() {
                    aside[at] = None;
                    young.push(j);
                    refs[j] = 1;
                } else if refs[j] <= 0 {
                    refs[j] = 1;
                }
            }
        } else {
            aside_at[x] = Some(aside.len());
            aside.push(Some(x));
        }
    }
    let order: Vec<usize> = aside.iter().flatten().copied().collect();
    if order.is_empty() {
        return found;
    }
    // CPython counts the unreachable containers (lists, dicts, tuples, instances); an instance's own
    // attribute storage is part of the instance there.
    let mut storage = vec![false; nodes.len()];
    for n in &nodes {
        if let (Value::Instance(i), Some(&j)) = (&n.obj, n.edges.last()) {
            if i.native.is_none() && i.dict.with_store(|s| s.is_err()).unwrap_or(false) {
                storage[j] = true;
            }
        }
    }
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    for i in order {
        if !storage[i] {
            found.count += 1;
        }
        match slots[i].take().map(|n| n.obj) {
            Some(Value::Instance(inst)) => found.garbage.push(inst),
            Some(v @ (Value::List(_) | Value::Dict(_))) if !storage[i] => found.containers.push(v),
            _ => {}
        }
    }
    found
}

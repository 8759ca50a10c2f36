//! The cycle finder behind `gc.collect()`: which instances only reference cycles keep alive.
//!
//! Candidates start from the live instances whose class defines `__del__` (registered when they are
//! created: [`register`]) and grow through what they reference (instances, lists, dicts, tuples, bound
//! methods). As CPython's collector does, each candidate's reference count is compared with the number
//! of references it receives from other candidates: one with more is referenced from outside (a
//! variable, a running frame, a module), and so is everything it reaches. The rest is unreachable.
//! An edge this walk does not know (a closure cell, a set) only makes its target look referenced from
//! outside, so an unknown edge can keep garbage alive but never frees a live object.

use super::*;
use std::collections::{HashMap, HashSet};
use std::rc::Weak;

thread_local! {
    /// The instances of classes with `__del__`, weakly (pruned as they die), and the length that
    /// triggers the next pruning.
    static REGISTRY: RefCell<(Vec<Weak<Instance>>, usize)> = const { RefCell::new((Vec::new(), 1024)) };
}

/// Registers a new instance when its class defines `__del__` (one load when no class ever did).
#[inline]
pub(crate) fn register(inst: &Rc<Instance>) {
    if !ANY_DEL.load(Relaxed) || del_of(&inst.class).is_none() {
        return;
    }
    let _ = REGISTRY.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            let (list, cap) = &mut *r;
            if list.len() >= *cap {
                list.retain(|w| w.strong_count() > 0);
                *cap = (list.len() * 2).max(1024);
            }
            list.push(Rc::downgrade(inst));
        }
    });
}

/// One candidate: the object (held once, by this table) and the candidates it references.
struct Node {
    obj: Value,
    edges: Vec<usize>,
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

/// The instances that nothing but reference cycles keeps alive, and how many containers that makes
/// (CPython's count). `held`: instances the caller holds one reference to (not counted as outside ones).
pub(crate) fn unreachable(held: &HashSet<usize>) -> (Vec<Rc<Instance>>, usize) {
    let seeds: Vec<Rc<Instance>> = REGISTRY
        .try_with(|r| {
            r.try_borrow_mut()
                .map(|mut r| {
                    r.0.retain(|w| w.strong_count() > 0);
                    r.0.iter().filter_map(Weak::upgrade).collect()
                })
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if seeds.is_empty() {
        return (Vec::new(), 0);
    }
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut nodes: Vec<Node> = Vec::new();
    for s in seeds {
        let a = Rc::as_ptr(&s) as usize;
        if let std::collections::hash_map::Entry::Vacant(e) = index.entry(a) {
            e.insert(nodes.len());
            nodes.push(Node {
                obj: Value::Instance(s),
                edges: Vec::new(),
            });
        }
    }
    let mut k = 0;
    let mut opaque = Vec::new();
    while k < nodes.len() {
        let mut found: Vec<(usize, Option<Value>)> = Vec::new();
        let readable = children(&nodes[k].obj, &mut |c| {
            if let Some(a) = addr(c) {
                // Only a child met for the first time is cloned (into the table, its one holder).
                let fresh =
                    !index.contains_key(&a) && !found.iter().any(|(b, v)| *b == a && v.is_some());
                found.push((a, fresh.then(|| c.clone())));
            }
        });
        if !readable {
            opaque.push(k);
        }
        let mut edges = Vec::with_capacity(found.len());
        for (a, c) in found {
            let j = match (index.get(&a), c) {
                (Some(&j), _) => j,
                (None, Some(c)) => {
                    index.insert(a, nodes.len());
                    nodes.push(Node {
                        obj: c,
                        edges: Vec::new(),
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
    let mut kept: Vec<usize> = Vec::new();
    let mut pos = 0;
    while pos < young.len() {
        let x = young[pos];
        pos += 1;
        if refs[x] > 0 {
            kept.push(x);
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
    let survivors: Vec<Weak<Instance>> = kept
        .iter()
        .chain(aside.iter().flatten())
        .filter_map(|&i| match &nodes[i].obj {
            Value::Instance(inst) if del_of(&inst.class).is_some() => Some(Rc::downgrade(inst)),
            _ => None,
        })
        .collect();
    let _ = REGISTRY.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            // Instances registered since the seeds were read (none: nothing ran) stay after these.
            let (list, _) = &mut *r;
            let known: HashSet<usize> = survivors.iter().map(|w| w.as_ptr() as usize).collect();
            let newer: Vec<Weak<Instance>> = list
                .drain(..)
                .filter(|w| !known.contains(&(w.as_ptr() as usize)))
                .collect();
            *list = survivors;
            list.extend(newer);
        }
    });
    let order: Vec<usize> = aside.iter().flatten().copied().collect();
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
    let mut count = 0;
    let mut out = Vec::new();
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    for i in order {
        if !storage[i] {
            count += 1;
        }
        if let Some(Node {
            obj: Value::Instance(inst),
            ..
        }) = slots[i].take()
        {
            out.push(inst);
        }
    }
    (out, count)
}

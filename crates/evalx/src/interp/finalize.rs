//! Finalizers: `__del__`, as CPython 3.11 calls it.
//!
//! evalx frees an instance when its last `Rc` goes (reference counting, as CPython), but a Rust drop
//! cannot run Python code: it has no access to the interpreter, and it may happen in the middle of any
//! operation. So the drop of an instance whose class defines `__del__` *moves* the instance's contents
//! (class, attributes, native value) into a new `Rc` and queues it; the interpreter runs the queue at the
//! next safe point: after each statement and after each function call returns (when the callee's locals
//! are gone), which is where CPython's immediate `__del__` becomes observable. The finalizer gets that
//! object as `self`, so what it reads is what the dying object held; when it returns, the object dies for
//! good (its address is remembered, so that second drop does not queue it again), unless the finalizer
//! stored `self` somewhere: then the object is resurrected, and, as in CPython (PEP 442), its `__del__`
//! is not called a second time when it dies again.
//!
//! - An exception leaving `__del__` is printed as CPython's `Exception ignored in: <function C.__del__
//!   ...>` and its traceback, to `sys.stderr`, and does not propagate. A host limit (instruction budget,
//!   deadline, memory) does propagate: finalizers are Python code and run under the same limits.
//! - `gc.collect()` finds reference cycles among instances (CPython's algorithm: the references each
//!   candidate receives from inside the candidate set, against its reference count), calls the `__del__`
//!   of the unreachable ones, then clears their attributes so that the cycle is freed.
//! - [`Interp::shutdown`] (the end of a program) clears `__main__`'s namespace name by name as CPython's
//!   interpreter exit does, then collects cycles, running the finalizers that this frees.
//! - Finalizers run only while an interpreter runs code on the thread ([`Active`]): an instance dropped
//!   with its interpreter after the program ended is freed silently.

use super::*;
use std::cell::Cell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// Whether any class ever defined `__del__` (until then an instance's drop costs one load here).
pub(crate) static ANY_DEL: AtomicBool = AtomicBool::new(false);
/// How many finalizers wait in the queues of all threads (the safe points check this one load).
pub(crate) static PENDING: AtomicUsize = AtomicUsize::new(0);

#[derive(Default)]
struct State {
    /// Dead instances (their contents in a new `Rc`) whose `__del__` has yet to run, each with the id
    /// of the interpreter that ran when it died (0: none did, a host dropped it between runs).
    queue: Vec<(u64, Rc<Instance>)>,
    /// Addresses of live instances whose `__del__` already ran (or runs now).
    finalized: HashSet<usize>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
    /// How many interpreters live on this thread.
    static ACTIVE: Cell<u32> = const { Cell::new(0) };
    /// How many `run_finalizers` are running on this thread, one inside another.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// How deep finalizers run inside finalizers (see [`Interp::run_finalizers`]).
const MAX_NESTED: u32 = 4;

/// Records that a class defining `__del__` exists (called when a class gets that attribute).
pub(crate) fn note_del_defined() {
    ANY_DEL.store(true, Relaxed);
}

/// Whether finalizers wait to run (one relaxed load: the check at every safe point).
#[inline(always)]
pub(crate) fn pending() -> bool {
    PENDING.load(Relaxed) != 0
}

/// An interpreter now lives on this thread (finalizers may run).
pub(crate) fn activate() {
    let _ = ACTIVE.try_with(|a| a.set(a.get() + 1));
}

/// Interpreter `id` ends: what it queued is dropped without running, and when it was the thread's last,
/// the whole queue is.
pub(crate) fn deactivate(id: u64) {
    let left = ACTIVE
        .try_with(|a| {
            a.set(a.get().saturating_sub(1));
            a.get()
        })
        .unwrap_or(0);
    if left == 0 {
        discard_queue();
    } else {
        drop(take_queue_of(id, false));
    }
}

/// Marks the thread as running interpreter code while it lives.
pub(crate) struct Active;

impl Active {
    pub(crate) fn enter() -> Active {
        ACTIVE.with(|a| a.set(a.get() + 1));
        Active
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        ACTIVE.with(|a| a.set(a.get().saturating_sub(1)));
    }
}

/// `__del__` along the class's MRO, read without panicking should a borrow be held (then: none).
fn del_of(class: &Rc<Class>) -> Option<Value> {
    let mro = class.mro.try_borrow().ok()?;
    for c in mro.iter() {
        let attrs = c.attrs.try_borrow().ok()?;
        if let Some(v) = attrs.get_str("__del__") {
            return (!matches!(v, Value::None)).then(|| v.clone());
        }
    }
    None
}

/// Called from `Instance`'s drop: queues the instance's contents when its class defines `__del__`.
pub(crate) fn on_drop(inst: &mut Instance) {
    let addr = inst as *const Instance as usize;
    let _ = STATE.try_with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else {
            return;
        };
        if s.finalized.remove(&addr) {
            return;
        }
        if ACTIVE.try_with(Cell::get).unwrap_or(0) == 0 || del_of(&inst.class).is_none() {
            return;
        }
        let moved = Rc::new(Instance {
            class: inst.class.clone(),
            dict: std::mem::replace(&mut inst.dict, Instance::new_dict(&inst.class)),
            hash: Cell::new(inst.user_hash().unwrap_or(crate::value::NO_USER_HASH)),
            native: inst.native.take(),
        });
        s.queue.push((crate::owner::current(), moved));
        PENDING.fetch_add(1, Relaxed);
    });
}

/// Forgets the instances finalized on this thread and drops the queue without running it (an
/// interpreter's end: what is left is freed silently).
pub(crate) fn discard_queue() {
    let q = STATE
        .try_with(|s| {
            s.try_borrow_mut()
                .map(|mut s| std::mem::take(&mut s.queue))
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if !q.is_empty() {
        PENDING.fetch_sub(q.len().min(PENDING.load(Relaxed)), Relaxed);
    }
    drop(q);
}

/// Takes what interpreter `id` queued (with `hosts`, also what died while no interpreter ran), in the
/// order the instances died; another interpreter's entries stay for it.
fn take_queue_of(id: u64, hosts: bool) -> Vec<Rc<Instance>> {
    let q = STATE
        .try_with(|s| {
            s.try_borrow_mut()
                .map(|mut s| {
                    let (mine, rest) = std::mem::take(&mut s.queue)
                        .into_iter()
                        .partition(|(o, _)| *o == id || (hosts && *o == 0));
                    s.queue = rest;
                    mine
                })
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if !q.is_empty() {
        PENDING.fetch_sub(q.len().min(PENDING.load(Relaxed)), Relaxed);
    }
    q.into_iter().map(|(_, i)| i).collect::<Vec<Rc<Instance>>>()
}

fn mark_finalized(inst: &Rc<Instance>) {
    let addr = Rc::as_ptr(inst) as usize;
    let _ = STATE.try_with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.finalized.insert(addr);
        }
    });
}

fn is_finalized(inst: &Rc<Instance>) -> bool {
    let addr = Rc::as_ptr(inst) as usize;
    STATE
        .try_with(|s| s.try_borrow().is_ok_and(|s| s.finalized.contains(&addr)))
        .unwrap_or(true)
}

impl Interp {
    /// Runs the queued finalizers (a safe point: no borrow of interpreter state is held). Only a host
    /// limit raised inside a finalizer comes back as an error.
    #[cold]
    #[inline(never)]
    pub(crate) fn run_finalizers(&mut self) -> PyResult<()> {
        // A finalizer's own safe points may run the ones it caused (CPython runs them inside it), a
        // few levels deep; further down, the outermost loop takes them, so a long chain of dying
        // objects never recurses.
        // An automatic collection asked for by the allocation count runs first (it runs the queue too).
        if cycles::take_request() {
            let generation = cycles::generation_due();
            self.collect_generation(generation, true)?;
        }
        let depth = DEPTH.with(Cell::get);
        if depth >= MAX_NESTED {
            return Ok(());
        }
        DEPTH.with(|d| d.set(depth + 1));
        let r = self.run_finalizer_queue();
        DEPTH.with(|d| d.set(depth));
        r
    }

    fn run_finalizer_queue(&mut self) -> PyResult<()> {
        loop {
            let q = take_queue_of(self.id, true);
            if q.is_empty() {
                return Ok(());
            }
            let mut err = None;
            for inst in q {
                if err.is_none() {
                    if let Err(e) = self.finalize_one(inst) {
                        err = Some(e);
                    }
                } else {
                    mark_finalized(&inst);
                }
            }
            if let Some(e) = err {
                return Err(e);
            }
        }
    }

    /// Calls `inst.__del__()` once, reporting what it raises as CPython's unraisable exception.
    fn finalize_one(&mut self, inst: Rc<Instance>) -> PyResult<()> {
        mark_finalized(&inst);
        let Some(del) = del_of(&inst.class) else {
            return Ok(());
        };
        let r = self.call(&del, vec![Value::Instance(inst)], Vec::new());
        match r {
            Ok(_) => Ok(()),
            Err(e) if matches!(e.kind, ExcKind::Limit(_)) => Err(e),
            Err(e) => {
                self.report_unraisable(&del, e);
                Ok(())
            }
        }
    }

    /// Prints an exception nobody can catch (raised by a finalizer) as CPython does: `Exception ignored
    /// in: <repr of obj>`, then its traceback, on `sys.stderr`.
    pub(crate) fn report_unraisable(&mut self, obj: &Value, e: Box<Exc>) {
        let what =
            crate::format::repr(self, obj).unwrap_or_else(|_| "<object repr() failed>".into());
        let text = self.to_host_exception(e, None).render();
        let msg = format!("Exception ignored in: {what}\n{text}");
        let sys = self.modules.borrow().get_str("sys").cloned();
        let stderr = sys.and_then(|m| self.get_attr(&m, "stderr").ok());
        // When `sys.stderr` is gone or cannot write (a limit stopped the program, or it was replaced by
        // something broken), the report is lost, as CPython loses it. It never goes to the process's own
        // stderr: a captured (sandboxed) interpreter's output stays within its sink and its output limit.
        if let Some(s) = stderr {
            let _ = self.call_method(&s, "write", vec![Value::str(&msg)]);
        }
    }

    /// `gc.collect()`: a full collection (see [`Interp::collect_generation`]).
    pub(crate) fn collect_cycles(&mut self) -> PyResult<usize> {
        self.collect_generation(2, false)
    }

    /// Collects generation `gen` (and the younger ones): finds the instances that only reference
    /// cycles keep alive, runs their finalizers, then breaks the cycles (clears their attributes and the
    /// unreachable lists and dicts). Returns CPython's count of what it freed. `auto`: an automatic
    /// collection (it calls `gc.callbacks` and weak-reference callbacks itself).
    pub(crate) fn collect_generation(&mut self, generation: usize, auto: bool) -> PyResult<usize> {
        if cycles::set_collecting(true) {
            return Ok(0);
        }
        let r = self.collect_generation_now(generation.min(2), auto);
        cycles::set_collecting(false);
        r
    }

    fn collect_generation_now(&mut self, generation: usize, auto: bool) -> PyResult<usize> {
        self.run_finalizers()?;
        let callbacks = if auto {
            self.gc_callbacks()
        } else {
            Vec::new()
        };
        self.gc_notify(&callbacks, "start", generation, 0)?;
        let seeds = cycles::take_generations(generation);
        let found = cycles::unreachable(seeds, generation == 2, &Default::default());
        cycles::promote(generation, found.survivors);
        if found.garbage.is_empty() && found.containers.is_empty() {
            self.gc_notify(&callbacks, "stop", generation, 0)?;
            return Ok(0);
        }
        let cycles::Found {
            garbage,
            containers: found_containers,
            count: found_count,
            ..
        } = found;
        let _active = Active::enter();
        let mut ran = false;
        for inst in &garbage {
            if is_finalized(inst) {
                continue;
            }
            if del_of(&inst.class).is_some() {
                ran = true;
                self.finalize_one(inst.clone())?;
            }
        }
        // A finalizer may have resurrected part of the garbage: only what is still unreachable is freed
        // (and CPython's count is of what is freed).
        let (still, containers, n) = if ran {
            // The first search's containers are let go first: held here, they would look referenced.
            drop(found_containers);
            let held = garbage.iter().map(|i| Rc::as_ptr(i) as usize).collect();
            let again = cycles::unreachable(garbage.clone(), false, &held);
            cycles::promote(generation, again.survivors);
            let still: HashSet<usize> = again
                .garbage
                .iter()
                .map(|i| Rc::as_ptr(i) as usize)
                .collect();
            (Some(still), again.containers, again.count)
        } else {
            (None, found_containers, found_count)
        };
        let mut values = Vec::new();
        for inst in &garbage {
            if still
                .as_ref()
                .is_none_or(|s| s.contains(&(Rc::as_ptr(inst) as usize)))
            {
                // Break the cycle through the attributes; the instances then free each other.
                values.extend(inst.dict.clear_values());
                if let Some(native) = &inst.native {
                    clear_native(native, &mut values);
                }
            }
        }
        for c in &containers {
            clear_native(c, &mut values);
        }
        drop(containers);
        drop(garbage);
        drop(values);
        if auto {
            self.gc_sweep_weakrefs()?;
        }
        self.gc_notify(&callbacks, "stop", generation, n)?;
        self.run_finalizers()?;
        Ok(n)
    }

    /// `gc.callbacks` when the program imported `gc` and registered some (an automatic collection calls
    /// them as CPython's does).
    fn gc_callbacks(&mut self) -> Vec<Value> {
        let gc = self.modules.borrow().get_str("gc").cloned();
        let Some(gc) = gc else {
            return Vec::new();
        };
        match self.get_attr(&gc, "callbacks") {
            Ok(Value::List(l)) => l.borrow().iter().cloned().collect(),
            _ => Vec::new(),
        }
    }

    fn gc_notify(
        &mut self,
        cbs: &[Value],
        phase: &str,
        generation: usize,
        n: usize,
    ) -> PyResult<()> {
        for cb in cbs {
            let mut info = Dict::new();
            info.set_str("generation", Value::Int(generation as i64));
            info.set_str("collected", Value::Int(n as i64));
            info.set_str("uncollectable", Value::Int(0));
            let info = Value::Dict(Rc::new(RefCell::new(info)));
            if let Err(e) = self.call(cb, vec![Value::str(phase), info], Vec::new()) {
                if matches!(e.kind, ExcKind::Limit(_)) {
                    return Err(e);
                }
                self.report_unraisable(cb, e);
            }
        }
        Ok(())
    }

    /// Runs the weak-reference callbacks of what an automatic collection freed (`weakref._sweep()`, when
    /// the program imported `weakref`).
    fn gc_sweep_weakrefs(&mut self) -> PyResult<()> {
        let w = self.modules.borrow().get_str("weakref").cloned();
        if let Some(w) = w {
            if let Ok(sweep) = self.get_attr(&w, "_sweep") {
                if let Err(e) = self.call(&sweep, Vec::new(), Vec::new()) {
                    if matches!(e.kind, ExcKind::Limit(_)) {
                        return Err(e);
                    }
                    self.report_unraisable(&sweep, e);
                }
            }
        }
        Ok(())
    }

    /// The end of a program, as CPython's interpreter exit: the names of `__main__` are removed one by
    /// one in their order (each object freed at once runs its `__del__`), then cycles are collected.
    /// Output of the finalizers goes where the program's went; errors are reported, never returned.
    pub(crate) fn shutdown_main(&mut self, main: &Rc<RefCell<Dict>>) {
        let _active = Active::enter();
        if !ANY_DEL.load(Relaxed) {
            return;
        }
        let keys: Vec<Value> = main.borrow().map().keys().map(|k| k.0.clone()).collect();
        for k in keys {
            if matches!(&k, Value::Str(s) if s.as_str() == "__builtins__") {
                continue;
            }
            let v = main.borrow_mut().remove(&k);
            drop(v);
            if pending() && self.run_finalizers().is_err() {
                return;
            }
        }
        let _ = self.collect_cycles();
    }
}

/// Empties a container an instance carries as its native value (a `list`/`dict` subclass), so that
/// cycles through it are broken too.
fn clear_native(native: &Value, out: &mut Vec<Value>) {
    match native {
        Value::List(l) => {
            if let Ok(mut l) = l.try_borrow_mut() {
                out.extend(std::mem::take(&mut l.0));
            }
        }
        Value::Dict(d) => {
            if let Ok(mut d) = d.try_borrow_mut() {
                out.push(Value::Dict(Rc::new(RefCell::new(std::mem::take(&mut *d)))));
            }
        }
        _ => {}
    }
}

mod cycles;
pub(crate) use cycles::{
    any_link_aside, counts, is_enabled, link_aside, register, set_enabled, set_link_aside,
    set_thresholds, thresholds, unlink,
};

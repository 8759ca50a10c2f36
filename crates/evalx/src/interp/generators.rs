//! Generators: creating, resuming, throwing into and closing them (stackful coroutines).

use super::genstack::GenStack;
use super::*;

/// Generator stacks kept for reuse. Mapping a fresh stack costs an `mmap`, an `mprotect` (its guard page) and
/// later an `munmap`, about 27 µs together, far more than running a short generator; so every stack a generator
/// leaves behind (it returned, or was closed or dropped before it finished) comes back here.
const STACK_POOL_MAX: usize = 64;

/// A generator dropped while suspended, waiting to be finished off: its owner (see [`GenState::owner`]),
/// coroutine and shadow-stack entries.
type Abandoned = (
    u64,
    Coroutine<GenIn, Value, PyResult<Value>, GenStack>,
    Vec<*const Frame>,
);

/// The parked generators of a thread. When the thread ends with some still parked, they are leaked rather
/// than unwound: the values on their stacks may need other thread-locals that are already gone.
struct Parked(RefCell<Vec<Abandoned>>);

impl Drop for Parked {
    fn drop(&mut self) {
        for a in self.0.get_mut().drain(..) {
            std::mem::forget(a);
        }
    }
}

thread_local! {
    static STACK_POOL: RefCell<Vec<GenStack>> = const { RefCell::new(Vec::new()) };
    /// Emptied shadow-stack vectors of finished-off generators (see [`spare_frames`]), kept with their
    /// capacity for the next generator's first suspension.
    static FRAME_VECS: RefCell<Vec<Vec<*const Frame>>> = const { RefCell::new(Vec::new()) };
    /// Generators dropped while suspended. Their stacks are unwound by [`Interp::reap_generators`] at the
    /// next generator creation, by resuming them with an uncatchable error ([`ABANDON_MARK`]) that returns
    /// through the frames on their stack as any error does. (Dropping the coroutine itself would unwind
    /// those frames with a panic, which costs tens of microseconds per generator in the unwinder.)
    static ABANDONED: Parked = const { Parked(RefCell::new(Vec::new())) };
    /// The interpreters alive on this thread, by [`Interp::id`].
    static LIVE: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// The next [`Interp::id`] (ids are never reused, so a dead interpreter's id names no live one).
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A new interpreter's id, counted among the live ones of this thread.
pub(crate) fn register_interp() -> u64 {
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let _ = LIVE.try_with(|l| l.borrow_mut().push(id));
    id
}

fn is_live(id: u64) -> bool {
    LIVE.try_with(|l| l.borrow().contains(&id)).unwrap_or(false)
}

/// Disposes of a suspended coroutine whose interpreter is gone: the frames on its stack hold that
/// interpreter's address, so it is never resumed. Unwinding it only drops the values its frames own (no
/// interpreter code runs, and no drop on a generator's stack reads the interpreter); while the thread
/// panics a second unwind would abort, so it is leaked instead.
fn dispose_orphan(mut co: Coroutine<GenIn, Value, PyResult<Value>, GenStack>) {
    if std::thread::panicking() {
        std::mem::forget(co);
    } else {
        co.force_unwind();
        recycle(co);
    }
}

impl Drop for Interp {
    fn drop(&mut self) {
        // The generators this interpreter abandoned are finished off while it is whole (their frames run
        // on its state). A debugger's tracing would see them return: it is over.
        self.tracing = false;
        if !std::thread::panicking() {
            self.reap_generators();
        }
        let id = self.id;
        let _ = LIVE.try_with(|l| l.borrow_mut().retain(|&x| x != id));
        // Any still parked (the thread panics) are orphans now; the generators its fields still hold are
        // disposed of as orphans when those fields drop (see `GenState`'s drop).
        let orphans: Vec<Abandoned> = ABANDONED
            .try_with(|a| {
                let mut a = a.0.borrow_mut();
                let (mine, rest) = std::mem::take(&mut *a).into_iter().partition(|e| e.0 == id);
                *a = rest;
                mine
            })
            .unwrap_or_default();
        for (_, co, _) in orphans {
            dispose_orphan(co);
        }
    }
}

/// The message of the uncatchable error that finishes an abandoned generator: no `except` catches it and
/// no `finally` runs for it (as when its stack was unwound by a panic), it only returns through the frames.
pub(crate) const ABANDON_MARK: &str = "\u{0}evalx: generator abandoned";

pub(crate) fn is_abandon(e: &Exc) -> bool {
    matches!(&e.kind, ExcKind::Limit(m) if m == ABANDON_MARK)
}

fn take_stack(max_memory: Option<usize>) -> PyResult<GenStack> {
    match STACK_POOL.try_with(|p| p.borrow_mut().pop()).ok().flatten() {
        Some(s) => Ok(s),
        None => GenStack::new(max_memory),
    }
}

/// An empty shadow-stack vector with room, for a generator's first suspension: an abandoned generator's
/// vector when one was finished off, else a new (unallocated) one. A generator created and dropped after
/// one `next` otherwise allocated its vector at the `yield` and freed it when it was finished off.
fn spare_frames() -> Vec<*const Frame> {
    FRAME_VECS
        .try_with(|p| p.borrow_mut().pop())
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Keeps an emptied shadow-stack vector for [`spare_frames`] (at most [`STACK_POOL_MAX`] of them).
fn keep_frames(v: Vec<*const Frame>) {
    debug_assert!(v.is_empty());
    if v.capacity() == 0 {
        return;
    }
    let _ = FRAME_VECS.try_with(|p| {
        let mut p = p.borrow_mut();
        if p.len() < STACK_POOL_MAX {
            p.push(v);
        }
    });
}

/// Gives a finished coroutine's stack back to the pool (or unmaps it when the pool is full).
fn recycle(co: Coroutine<GenIn, Value, PyResult<Value>, GenStack>) {
    if co.done() {
        let stack = co.into_stack();
        let _ = STACK_POOL.try_with(|p| {
            let mut p = p.borrow_mut();
            if p.len() < STACK_POOL_MAX {
                p.push(stack);
            }
        });
    }
}

impl Drop for GenState {
    fn drop(&mut self) {
        if let Some(mut co) = self.co.take() {
            if co.started() && !co.done() && !is_live(self.owner) {
                dispose_orphan(co);
            } else if co.started() && !co.done() {
                // Suspended at a `yield`: finished off at the next safe point (no interpreter code may run
                // inside a drop).
                let frames = std::mem::take(&mut self.frames);
                let mut parked = Some((self.owner, co, frames));
                let _ = ABANDONED.try_with(|a| {
                    if let Some(p) = parked.take() {
                        a.0.borrow_mut().push(p);
                    }
                });
                // While the thread ends (the list already gone) it is leaked, as the parked ones are.
                std::mem::forget(parked);
            } else {
                // Never started (only its initial closure to drop) or finished: the stack is reusable now.
                co.force_unwind();
                recycle(co);
            }
        }
    }
}

impl Interp {
    /// Finishes the generators dropped while suspended (see `ABANDONED`) and pools their stacks.
    pub(crate) fn reap_generators(&mut self) {
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            // The debugger would see their frames run; they wait (or unwind when the thread ends).
            return;
        }
        // Only this interpreter's own: another's frames hold that interpreter's address.
        let id = self.id;
        let take_own = || {
            ABANDONED
                .try_with(|a| {
                    let mut a = a.0.borrow_mut();
                    let i = a.iter().rposition(|e| e.0 == id)?;
                    Some(a.remove(i))
                })
                .ok()
                .flatten()
        };
        while let Some((_, mut co, mut frames)) = take_own() {
            let saved_y = self.yielder;
            let saved_floor = self.stack_floor;
            let saved_depth = self.depth;
            let saved_frames = self.frames.len();
            let saved_handling = self.handling.len();
            let saved_ret = std::mem::take(&mut self.ret);
            self.frames.append(&mut frames);
            keep_frames(frames);
            let ip = self as *mut Interp as usize;
            self.stack_floor = 0;
            crate::guard::set_floor(self.stack_floor);
            let r = co.resume((ip, Value::None, Some(limit(ABANDON_MARK.to_string()))));
            self.yielder = saved_y;
            self.stack_floor = saved_floor;
            crate::guard::set_floor(self.stack_floor);
            self.depth = saved_depth;
            self.frames.truncate(saved_frames);
            self.handling.truncate(saved_handling);
            self.ret = saved_ret;
            if let CoroutineResult::Yield(_) = r {
                // It cannot yield again (nothing catches the error); should it, unwinding is the fallback.
                co.force_unwind();
            }
            recycle(co);
        }
    }

    pub(crate) fn make_generator(&mut self, frame: Frame) -> PyResult<Value> {
        if frame.code.coro != 0 || frame.code.iterable_coro.get() {
            return self.make_coroutine(frame);
        }
        let name = frame.code.name.clone();
        let qualname = frame.code.qualname.clone();
        let code = Some(frame.code.clone());
        let (co, flat) = if super::genflat::yield_sites(&frame.code).is_some() {
            self.reap_generators();
            (None, Some(Box::new(super::genflat::Flat::new(frame))))
        } else {
            (Some(self.new_gen_co(frame)?), None)
        };
        Ok(Value::Iter(Rc::new(RefCell::new(Iter::Generator(
            Box::new(GenState {
                co,
                name,
                qualname,
                finished: false,
                kind: GenKind::Generator,
                pending: None,
                code,
                frames: Vec::new(),
                owner: self.id,
                flat,
            }),
        )))))
    }

    /// The stackful coroutine that runs a generator's (or coroutine's) frame, on a pooled stack.
    pub(crate) fn new_gen_co(
        &mut self,
        frame: Frame,
    ) -> PyResult<Coroutine<GenIn, Value, PyResult<Value>, GenStack>> {
        self.reap_generators();
        let stack = take_stack(self.limits.max_memory)?;
        let co = Coroutine::with_stack(stack, move |y: &Yielder<GenIn, Value>, input: GenIn| {
            let (ip, _first, thrown) = input;
            // SAFETY: `ip` is the address of the `Interp` that called `resume`; it stays borrowed by that
            // call (and unused by it) for as long as this coroutine runs, and every later resume passes the
            // same address.
            let it: &mut Interp = unsafe { &mut *(ip as *mut Interp) };
            it.yielder = y as *const Yielder<GenIn, Value> as usize;
            let mut frame = frame;
            if let Some(e) = thrown {
                return Err(e);
            }
            it.run_function_frame_gen(&mut frame)
        });
        Ok(co)
    }

    pub(crate) fn yield_value(&mut self, v: Value, fr: &mut Frame) -> PyResult<Value> {
        if let Some(s) = &self.sink {
            if std::ptr::eq(s.frame, fr) {
                return self.sink_item(v);
            }
        }
        if self.yielder == 0 {
            return Err(Exc::new("SystemError", "yield outside a running generator"));
        }
        // A traced generator reports each `yield` as a return and each resumption as a call (CPython's
        // trace events), so `s` shows `--Return--` at the yield and `--Call--` when it runs again.
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            self.trace_yield(fr, &v)?;
        }
        let me = self.yielder;
        let floor = self.stack_floor;
        let depth = self.depth;
        // SAFETY: `me` was set from the live `Yielder` of the coroutine we are running on.
        let y: &Yielder<GenIn, Value> = unsafe { &*(me as *const Yielder<GenIn, Value>) };
        let (_ip, sent, thrown) = y.suspend(v);
        if let Some(e) = thrown {
            if is_abandon(&e) {
                // Being finished off by `reap_generators`, which restores the interpreter's state itself.
                return Err(e);
            }
            return self
                .resumed_with(me, floor, depth, fr, Some(e))
                .map(|()| Value::None);
        }
        self.resumed_with(me, floor, depth, fr, None).map(|()| sent)
    }

    #[inline(always)]
    fn resumed_with(
        &mut self,
        me: usize,
        floor: usize,
        depth: usize,
        fr: &mut Frame,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<()> {
        // Whoever resumed us changed this interpreter's state while we were suspended; `black_box` makes the
        // compiler treat `self` as modified, so the restores below really happen and no field is reused
        // from before the suspension.
        let this: &mut Interp = std::hint::black_box(self);
        this.yielder = me;
        this.stack_floor = floor;
        crate::guard::set_floor(this.stack_floor);
        this.depth = depth;
        #[cfg(not(feature = "untraced"))]
        if this.tracing {
            this.trace_call(fr)?;
        }
        let _ = &fr;
        match thrown {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// `generator.throw(exc)`: raises `exc` at the suspended `yield`.
    pub fn throw_gen(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        exc: Box<Exc>,
    ) -> PyResult<Result<Value, Value>> {
        let finished = matches!(&*g.borrow(), Iter::Generator(st) if st.finished);
        if finished {
            return Err(exc);
        }
        self.resume_gen_with(g, Value::None, Some(exc))
    }

    /// `generator.close()`: raises `GeneratorExit` at the `yield` so `finally` blocks run.
    pub fn close_gen(&mut self, g: &Rc<RefCell<Iter>>) -> PyResult<()> {
        let started = match &mut *g.borrow_mut() {
            Iter::Generator(st) => {
                if st.finished {
                    return Ok(());
                }
                let started = st.co.as_ref().is_some_and(|c| c.started())
                    || st.flat.as_ref().is_some_and(|f| f.started);
                if !started {
                    st.finished = true;
                    st.co = None;
                    st.flat = None;
                    st.pending = None;
                }
                started
            }
            _ => return Ok(()),
        };
        if !started {
            return Ok(());
        }
        match self.resume_gen_with(g, Value::None, Some(Exc::new("GeneratorExit", ""))) {
            Ok(Ok(_)) => {
                let noun = match &*g.borrow() {
                    Iter::Generator(st) => st.kind.noun(),
                    _ => "generator",
                };
                Err(Exc::new(
                    "RuntimeError",
                    format!("{noun} ignored GeneratorExit"),
                ))
            }
            Ok(Err(_)) => Ok(()),
            Err(e) => {
                let cls = self.exc_class(&e);
                if cls.is_subclass(&self.types.exc["GeneratorExit"])
                    || cls.is_subclass(&self.types.exc["StopIteration"])
                {
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Resumes a generator; `Ok(Ok(v))` = yielded, `Ok(Err(ret))` = finished with return value.
    pub fn resume_gen(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        sent: Value,
    ) -> PyResult<Result<Value, Value>> {
        self.resume_gen_with(g, sent, None)
    }

    pub(crate) fn resume_gen_with(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Result<Value, Value>> {
        let flat = match &mut *g.borrow_mut() {
            Iter::Generator(st) if !st.finished => st.flat.take(),
            _ => None,
        };
        if let Some(fl) = flat {
            return self
                .resume_flat(g, fl, sent, thrown)
                .map_err(|e| self.gen_escape(e, GenKind::Generator));
        }
        let saved_frames = self.frames.len();
        let (co, qn) = {
            let mut b = g.borrow_mut();
            match &mut *b {
                Iter::Generator(st) => {
                    if st.finished {
                        return Ok(Err(Value::None));
                    }
                    match st.co.take() {
                        Some(co) if co.started() && st.owner != self.id => {
                            // Its frames run on the interpreter that started it (they hold its address).
                            st.co = Some(co);
                            return Err(Exc::new(
                                "RuntimeError",
                                format!(
                                    "cannot resume {} '{}': it was started by another interpreter \
                                     (run it to the end in the interpreter that created it)",
                                    st.kind.noun(),
                                    st.qualname
                                ),
                            ));
                        }
                        Some(co) => {
                            // Not started yet: it starts (and then stays) on this interpreter.
                            st.owner = self.id;
                            // The generator's shadow-stack entries go back on the stack; its vector keeps
                            // its capacity for the next suspension (no allocation per resume).
                            self.frames.append(&mut st.frames);
                            (co, st.kind)
                        }
                        None => match st.pending.take() {
                            // A coroutine's first step: its stack is made now.
                            Some(f) => {
                                let kind = st.kind;
                                st.owner = self.id;
                                drop(b);
                                let co = match self.new_gen_co(*f) {
                                    Ok(co) => co,
                                    Err(e) => {
                                        if let Iter::Generator(st) = &mut *g.borrow_mut() {
                                            st.finished = true;
                                        }
                                        return Err(e);
                                    }
                                };
                                (co, kind)
                            }
                            None => {
                                return Err(Exc::value_err(format!(
                                    "{} already executing",
                                    st.kind.noun()
                                )));
                            }
                        },
                    }
                }
                _ => return Err(Exc::type_err("not a generator")),
            }
        };
        let mut co = co;
        if !co.started() && !matches!(sent, Value::None) {
            if let Iter::Generator(st) = &mut *g.borrow_mut() {
                st.co = Some(co);
                st.frames.extend(self.frames.drain(saved_frames..));
            }
            return Err(Exc::type_err(format!(
                "can't send non-None value to a just-started {}",
                qn.noun()
            )));
        }
        let saved_y = self.yielder;
        let saved_floor = self.stack_floor;
        let saved_depth = self.depth;
        let saved_handling = self.handling.len();
        {
            let _ = &co;
        }
        let ip = self as *mut Interp as usize;
        self.stack_floor = 0;
        crate::guard::set_floor(self.stack_floor);
        let r = co.resume((ip, sent, thrown));
        self.yielder = saved_y;
        self.stack_floor = saved_floor;
        crate::guard::set_floor(self.stack_floor);
        self.depth = saved_depth;
        let keep = saved_frames.min(self.frames.len());
        self.handling.truncate(saved_handling);
        match r {
            CoroutineResult::Yield(v) => {
                if let Iter::Generator(st) = &mut *g.borrow_mut() {
                    st.co = Some(co);
                    if st.frames.capacity() == 0 {
                        st.frames = spare_frames();
                    }
                    st.frames.extend(self.frames.drain(keep..));
                }
                self.frames.truncate(keep);
                Ok(Ok(v))
            }
            CoroutineResult::Return(res) => {
                self.frames.truncate(keep);
                if let Iter::Generator(st) = &mut *g.borrow_mut() {
                    st.finished = true;
                }
                recycle(co);
                match res {
                    Ok(v) => Ok(Err(v)),
                    Err(e) => Err(self.gen_escape(e, qn)),
                }
            }
        }
    }

    /// An exception leaving a generator's frame: `StopIteration` (and an async generator's
    /// `StopAsyncIteration`) becomes `RuntimeError`, as in CPython.
    fn gen_escape(&mut self, mut e: Box<Exc>, qn: GenKind) -> Box<Exc> {
        let cls = self.exc_class(&e);
        if cls.is_subclass(&self.types.exc["StopIteration"]) {
            e = Exc::new(
                "RuntimeError",
                format!("{} raised StopIteration", qn.noun()),
            );
        } else if qn == GenKind::AsyncGen && cls.is_subclass(&self.types.exc["StopAsyncIteration"])
        {
            e = Exc::new("RuntimeError", "async generator raised StopAsyncIteration");
        }
        e
    }

    pub(crate) fn run_function_frame_gen(&mut self, fr: &mut Frame) -> PyResult<Value> {
        // Our own stack floor: the current stack pointer minus what a generator stack safely holds.
        self.stack_floor = sp().saturating_sub(GEN_STACK - STACK_MARGIN);
        crate::guard::set_floor(self.stack_floor);
        self.run_function_frame_ref(fr)
    }

    // ------------------------------------------------------------------ calls
}

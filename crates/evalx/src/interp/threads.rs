//! Green threads: what `threading`, `_thread`, `queue` and `concurrent.futures` run on.
//!
//! One interpreter runs every thread. A thread other than the main one is a stackful coroutine on a stack
//! of its own (the [`GenStack`] generators use, counted against the same budget), and the main thread is
//! the hub: only it resumes threads, and a thread only ever suspends back to it. A switch happens where
//! CPython's GIL would change hands:
//!
//! - at a blocking point: a lock that is held, a `time.sleep`, and what is built on locks (`join`,
//!   `Condition.wait`, `Event.wait`, `Queue.get`...);
//! - every [`SLICE`] ticks (loop iterations and calls), as CPython's switch interval does, so a busy-wait
//!   loop cannot starve the thread it waits for; never inside a long built-in operation (only the ticks of
//!   loops and calls switch, not the charges of built-ins), so no Rust code is interrupted midway;
//! - when a thread starts: the new thread runs first, until it blocks or its turn ends, then the starter
//!   goes on. CPython's `start()` waits for the new thread to run, which then keeps the GIL until it
//!   blocks: a thread that computes, logs or takes work from a queue does that before `start()`
//!   returns. CPython's starter takes the GIL when the new thread first writes to stdout, so the new
//!   thread's first `print` to stdout hands the turn to the starter first ([`Interp::stdout_turn`]).
//!
//! The scheduler is deterministic: runnable threads take turns in the order they became runnable, and a
//! woken waiter queues behind them. When no thread can run, the scheduler sleeps until the earliest
//! timeout (really, bounded by the host's deadline, or virtually under `Sleep::Virtual`); when no thread
//! can run and none has a timeout, every thread waits for another forever: the main thread gets a
//! `RuntimeError` naming each thread and where it waits, instead of hanging.
//!
//! Each thread has its own shadow frame stack, exceptions being handled, recursion depth and stack floor
//! ([`Ctx`]), exchanged with the interpreter's live fields at every switch. The limits (deadline,
//! instruction budget, memory) are the program's, shared by all its threads: a limit stops the whole
//! program, whichever thread meets it.

use super::genstack::GenStack;
use super::*;
use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

/// Ticks a thread runs before another runnable thread gets its turn.
pub(crate) const SLICE: u64 = 100_000;

/// The main thread's number.
const MAIN: u64 = 0;

/// What a thread receives when resumed: the interpreter's address and an error to raise where it waits
/// (the abandon mark, when the interpreter disposes of it).
type ThreadIn = (usize, Option<Box<Exc>>);
type ThreadCo = Coroutine<ThreadIn, (), PyResult<Value>, GenStack>;

/// The interpreter state that belongs to one thread.
#[derive(Default)]
struct Ctx {
    frames: Vec<*const Frame>,
    // The interpreter's own field's type, exchanged with it.
    #[allow(clippy::vec_box)]
    handling: Vec<Box<Exc>>,
    depth: usize,
    stack_floor: usize,
    yielder: usize,
    ret: Value,
    agen_yield: bool,
    sink: Option<Box<genexpr::GenSink>>,
    caught_line: u32,
    /// Above zero while this thread builds a standard-library module (whose own imports bypass the
    /// policy): per thread, so no other thread's imports pass while one is inside such a build.
    std_building: u32,
    initializing: Vec<crate::thin::RcStr>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum State {
    Ready,
    Running,
    /// Waiting to be notified on `key` (0: only the timeout ends it), or until `until` (scheduler seconds).
    Blocked {
        key: usize,
        until: Option<f64>,
        seq: u64,
        what: &'static str,
    },
}

struct Green {
    name: String,
    co: Option<ThreadCo>,
    /// The address of the thread coroutine's `Yielder` (set when it first runs).
    yielder: usize,
    ctx: Ctx,
    state: State,
    /// Whether the last wait ended by a notification (not by its timeout).
    woken: bool,
    /// The thread that started this one, until this one's first turn ends (see `Interp::stdout_turn`).
    starter: Option<u64>,
}

/// The threads of one interpreter.
pub(crate) struct Sched {
    threads: BTreeMap<u64, Green>,
    current: u64,
    ready: VecDeque<u64>,
    next_tid: u64,
    seq: u64,
    /// The tick at which the running thread's turn ends.
    switch_at: u64,
    origin: Instant,
}

impl Drop for Sched {
    fn drop(&mut self) {
        // Threads still suspended are normally finished off by `Interp::dispose_threads`; a stack left
        // here is leaked rather than unwound (unwinding would run their frames' drops without an
        // interpreter).
        for g in self.threads.values_mut() {
            if let Some(co) = g.co.take() {
                if co.started() && !co.done() {
                    std::mem::forget(co);
                }
            }
        }
    }
}

impl Sched {
    fn new() -> Sched {
        let mut threads = BTreeMap::new();
        threads.insert(
            MAIN,
            Green {
                name: "MainThread".into(),
                co: None,
                yielder: 0,
                ctx: Ctx::default(),
                state: State::Running,
                woken: false,
                starter: None,
            },
        );
        Sched {
            threads,
            current: MAIN,
            ready: VecDeque::new(),
            next_tid: 1,
            seq: 0,
            switch_at: u64::MAX,
            origin: Instant::now(),
        }
    }
}

/// The `get_ident()` of thread number `tid`.
fn ident_of(tid: u64) -> i64 {
    (tid as i64) + 1
}

impl Interp {
    fn sched(&mut self) -> &mut Sched {
        self.green.get_or_insert_with(|| Box::new(Sched::new()))
    }

    /// `threading.get_ident()` of the running thread.
    pub(crate) fn thread_ident(&self) -> i64 {
        ident_of(self.green.as_ref().map_or(MAIN, |s| s.current))
    }

    /// Whether the running thread is the main one.
    pub(crate) fn in_main_thread(&self) -> bool {
        self.green.as_ref().is_none_or(|s| s.current == MAIN)
    }

    /// The threads alive (the main one included).
    pub(crate) fn thread_count(&self) -> usize {
        self.green.as_ref().map_or(1, |s| s.threads.len())
    }

    /// Whether threads other than the main one exist (so waits and sleeps go through the scheduler).
    pub(crate) fn threads_alive(&self) -> bool {
        self.thread_count() > 1
    }

    /// The scheduler's clock, in seconds: real time plus what virtual sleeps added.
    fn green_now(&mut self) -> f64 {
        let slept = self.policy.host_time.slept.get();
        self.sched().origin.elapsed().as_secs_f64() + slept
    }

    /// The tick at which the running thread yields its turn (`u64::MAX` when it is the only thread):
    /// the limit checks come at least this often.
    #[inline]
    pub(crate) fn green_switch_at(&self) -> u64 {
        match &self.green {
            Some(s) if s.threads.len() > 1 => s.switch_at,
            _ => u64::MAX,
        }
    }

    fn start_turn(&mut self) {
        let at = self.ticks.saturating_add(SLICE);
        self.sched().switch_at = at;
        self.next_check = self.next_check.min(at);
    }

    /// Starts a thread that calls `f()`, named `name` in error messages: it runs at once until it blocks
    /// or its turn ends, then the starter goes on. Returns its `get_ident()`.
    pub(crate) fn start_thread(&mut self, f: Value, name: String) -> PyResult<i64> {
        let stack = GenStack::new(self.limits.max_memory).map_err(|e| {
            let why = match &e.kind {
                ExcKind::Lazy(_, a) => match a.first() {
                    Some(Value::Str(s)) => format!(": {s}"),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            Exc::new("RuntimeError", format!("can't start new thread{why}"))
        })?;
        let s = self.sched();
        let tid = s.next_tid;
        s.next_tid += 1;
        let co = Coroutine::with_stack(stack, move |y: &Yielder<ThreadIn, ()>, input: ThreadIn| {
            let (ip, thrown) = input;
            // SAFETY: `ip` is the address of the `Interp` whose hub resumed this thread; the hub's own
            // borrow of it is unused until the thread suspends or returns, and every resume passes it.
            let it: &mut Interp = unsafe { &mut *(ip as *mut Interp) };
            if let Some(g) = it.green.as_mut().and_then(|s| s.threads.get_mut(&tid)) {
                g.yielder = y as *const Yielder<ThreadIn, ()> as usize;
            }
            if let Some(e) = thrown {
                return Err(e);
            }
            it.stack_floor = sp().saturating_sub(GEN_STACK - STACK_MARGIN);
            crate::guard::set_floor(it.stack_floor);
            it.call(&f, Vec::new(), Vec::new())
        });
        let ident = ident_of(tid);
        let cur = s.current;
        s.threads.insert(
            tid,
            Green {
                name,
                co: Some(co),
                yielder: 0,
                ctx: Ctx::default(),
                state: State::Ready,
                woken: false,
                starter: Some(cur),
            },
        );
        // The new thread first, then the starter, ahead of the threads already waiting for a turn.
        if let Some(g) = s.threads.get_mut(&cur) {
            g.state = State::Ready;
        }
        s.ready.push_front(cur);
        s.ready.push_front(tid);
        self.switch_away()?;
        Ok(ident)
    }

    /// Renames the running thread (for the deadlock report).
    pub(crate) fn set_thread_name(&mut self, name: String) {
        let s = self.sched();
        let cur = s.current;
        if let Some(g) = s.threads.get_mut(&cur) {
            g.name = name;
        }
    }

    /// Leaves the running thread (whose state is already set: queued or blocked) until the scheduler
    /// gives it a turn again.
    fn switch_away(&mut self) -> PyResult<()> {
        let cur = self.sched().current;
        if cur == MAIN {
            let r = self.hub();
            let s = self.sched();
            s.current = MAIN;
            if let Some(g) = s.threads.get_mut(&MAIN) {
                if r.is_err() {
                    // Stopped by a limit or a deadlock: the main thread runs on with the error.
                    g.state = State::Running;
                }
            }
            if r.is_err() {
                s.ready.retain(|&t| t != MAIN);
            }
            r?;
            self.start_turn();
            return Ok(());
        }
        let y = self
            .green
            .as_ref()
            .and_then(|s| s.threads.get(&cur))
            .map_or(0, |g| g.yielder);
        if y == 0 {
            return Err(Exc::new(
                "SystemError",
                "evalx: a thread lost its scheduler",
            ));
        }
        // SAFETY: `y` is the live `Yielder` of the coroutine this thread runs on (set when it started).
        let yielder: &Yielder<ThreadIn, ()> = unsafe { &*(y as *const Yielder<ThreadIn, ()>) };
        let (_ip, thrown) = yielder.suspend(());
        // The hub changed this interpreter's state while we were away and restored ours before resuming
        // us: make the compiler read it afresh.
        let this: &mut Interp = std::hint::black_box(self);
        if let Some(e) = thrown {
            return Err(e);
        }
        this.start_turn();
        Ok(())
    }

    /// The main thread's scheduling loop: runs other threads until the main one is picked again.
    fn hub(&mut self) -> PyResult<()> {
        loop {
            let next = self.pick()?;
            if next == MAIN {
                if let Some(g) = self.sched().threads.get_mut(&MAIN) {
                    g.state = State::Running;
                }
                return Ok(());
            }
            self.run_green(next)?;
        }
    }

    /// Moves the waits whose timeout passed to the run queue (earliest timeout first).
    fn expire_timeouts(&mut self) {
        let now = self.green_now();
        let s = self.sched();
        let mut due: Vec<(f64, u64, u64)> = s
            .threads
            .iter()
            .filter_map(|(&t, g)| match g.state {
                State::Blocked {
                    until: Some(u),
                    seq,
                    ..
                } if u <= now => Some((u, seq, t)),
                _ => None,
            })
            .collect();
        due.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (_, _, t) in due {
            if let Some(g) = s.threads.get_mut(&t) {
                g.state = State::Ready;
                g.woken = false;
            }
            s.ready.push_back(t);
        }
    }

    /// The next thread to run: the first runnable one, after sleeping until a timeout when none is.
    fn pick(&mut self) -> PyResult<u64> {
        loop {
            self.check_limits()?;
            self.expire_timeouts();
            if let Some(t) = self.sched().ready.pop_front() {
                return Ok(t);
            }
            let earliest = self
                .sched()
                .threads
                .values()
                .filter_map(|g| match g.state {
                    State::Blocked { until: Some(u), .. } => Some(u),
                    _ => None,
                })
                .min_by(f64::total_cmp);
            let Some(w) = earliest else {
                return Err(self.deadlock());
            };
            let wait = (w - self.green_now()).max(0.0);
            let d = Duration::try_from_secs_f64(wait).unwrap_or(Duration::MAX);
            if self.policy.host_time.sleep == crate::hostenv::Sleep::Virtual {
                let t = &self.policy.host_time.slept;
                t.set(t.get() + wait);
                continue;
            }
            // Real time, in short steps so the deadline and the host's interrupt are seen.
            let step = d.min(Duration::from_millis(50));
            if let Some(deadline) = self.limits.deadline {
                let now = Instant::now();
                if now + step >= deadline {
                    std::thread::sleep(deadline.saturating_duration_since(now));
                    return Err(limit("wall-clock deadline passed".into()));
                }
            }
            std::thread::sleep(step);
        }
    }

    /// The error of a program whose every thread waits for another with no timeout.
    fn deadlock(&mut self) -> Box<Exc> {
        let live = self.frames.clone();
        let s = self.sched();
        let mut parts = Vec::new();
        for (&t, g) in &s.threads {
            let what = match g.state {
                State::Blocked { what, .. } => what,
                _ => continue,
            };
            let frames = if t == MAIN { &live } else { &g.ctx.frames };
            let at = frames
                .iter()
                .rev()
                // SAFETY: a suspended thread's shadow-stack entries are frames alive on its stack (the
                // main thread's on the running stack), as `Interp::frame_at` relies on.
                .map(|&p| unsafe { &*p })
                .find(|f| !f.code.filename.starts_with("<evalx"))
                .map(|f| format!(" at {}:{}", f.code.filename, f.line))
                .unwrap_or_default();
            parts.push(format!("{} {what}{at}", g.name));
        }
        Exc::new(
            "RuntimeError",
            format!(
                "deadlock: every thread is waiting and none has a timeout, so none can go on ({})",
                parts.join("; ")
            ),
        )
    }

    /// Gives thread `tid` its turn (on the main thread's stack) and takes back what it left when it
    /// suspends or ends.
    fn run_green(&mut self, tid: u64) -> PyResult<()> {
        let s = self.sched();
        let Some(g) = s.threads.get_mut(&tid) else {
            return Ok(());
        };
        let Some(mut co) = g.co.take() else {
            return Ok(());
        };
        let mut ctx = std::mem::take(&mut g.ctx);
        g.state = State::Running;
        s.current = tid;
        self.swap_ctx(&mut ctx);
        crate::guard::set_floor(self.stack_floor);
        self.start_turn();
        let ip = self as *mut Interp as usize;
        let r = co.resume((ip, None));
        let this: &mut Interp = std::hint::black_box(self);
        this.swap_ctx(&mut ctx);
        crate::guard::set_floor(this.stack_floor);
        let s = this.sched();
        s.current = MAIN;
        match r {
            CoroutineResult::Yield(()) => {
                if let Some(g) = s.threads.get_mut(&tid) {
                    g.co = Some(co);
                    g.ctx = ctx;
                    g.starter = None;
                }
                Ok(())
            }
            CoroutineResult::Return(res) => {
                s.threads.remove(&tid);
                s.ready.retain(|&t| t != tid);
                drop(co);
                drop(ctx);
                match res {
                    Ok(_) => Ok(()),
                    // A limit ends the program, whichever thread met it.
                    Err(e) if matches!(e.kind, ExcKind::Limit(_)) => Err(e),
                    // The thread's own bootstrap reports its exceptions; one escaping it is dropped
                    // (CPython's threads end silently on what their excepthook lets through).
                    Err(_) => Ok(()),
                }
            }
        }
    }

    fn swap_ctx(&mut self, c: &mut Ctx) {
        std::mem::swap(&mut self.frames, &mut c.frames);
        std::mem::swap(&mut self.handling, &mut c.handling);
        std::mem::swap(&mut self.depth, &mut c.depth);
        std::mem::swap(&mut self.stack_floor, &mut c.stack_floor);
        std::mem::swap(&mut self.yielder, &mut c.yielder);
        std::mem::swap(&mut self.ret, &mut c.ret);
        std::mem::swap(&mut self.agen_yield, &mut c.agen_yield);
        std::mem::swap(&mut self.sink, &mut c.sink);
        std::mem::swap(&mut self.caught_line, &mut c.caught_line);
        std::mem::swap(&mut self.std_building, &mut c.std_building);
        std::mem::swap(&mut self.initializing, &mut c.initializing);
    }

    /// Blocks the running thread until [`Interp::notify_waiters`] wakes it on `key` (an address the
    /// waiter keeps alive), or `timeout` seconds pass. `true` when it was woken, `false` on the timeout.
    /// `what` says what it waits for, in the deadlock report.
    pub(crate) fn wait_on(
        &mut self,
        key: usize,
        timeout: Option<f64>,
        what: &'static str,
    ) -> PyResult<bool> {
        let until = timeout.map(|t| self.green_now() + t.max(0.0));
        let s = self.sched();
        s.seq += 1;
        let seq = s.seq;
        let cur = s.current;
        if let Some(g) = s.threads.get_mut(&cur) {
            g.state = State::Blocked {
                key,
                until,
                seq,
                what,
            };
            g.woken = false;
        }
        self.switch_away()?;
        let s = self.sched();
        let cur = s.current;
        Ok(s.threads.get(&cur).is_some_and(|g| g.woken))
    }

    /// Wakes up to `n` threads waiting on `key`, the longest-waiting first; returns how many.
    pub(crate) fn notify_waiters(&mut self, key: usize, n: usize) -> usize {
        let Some(s) = self.green.as_mut() else {
            return 0;
        };
        let mut waiting: Vec<(u64, u64)> = s
            .threads
            .iter()
            .filter_map(|(&t, g)| match g.state {
                State::Blocked { key: k, seq, .. } if k == key => Some((seq, t)),
                _ => None,
            })
            .collect();
        waiting.sort_unstable();
        let mut woke = 0;
        for (_, t) in waiting.into_iter().take(n) {
            if let Some(g) = s.threads.get_mut(&t) {
                g.state = State::Ready;
                g.woken = true;
                s.ready.push_back(t);
                woke += 1;
            }
        }
        woke
    }

    /// `print` to the host's stdout: a thread in its first turn (its starter still waiting in `start()`)
    /// lets the starter go on before its line is written, then writes it when the starter blocks or its
    /// turn ends. That is what CPython shows nearly every time: the starter, woken by the new thread,
    /// takes the GIL when the new thread writes to stdout, so `t.start(); print("main")` prints `main`
    /// before the thread's first line (while a thread that computes, logs to stderr or takes work from a
    /// queue runs on first). Later writes never switch.
    pub(crate) fn stdout_turn(&mut self) -> PyResult<()> {
        let Some(s) = self.green.as_mut() else {
            return Ok(());
        };
        let cur = s.current;
        let Some(g) = s.threads.get_mut(&cur) else {
            return Ok(());
        };
        let Some(starter) = g.starter.take() else {
            return Ok(());
        };
        if !s.ready.contains(&starter) {
            return Ok(());
        }
        g.state = State::Ready;
        s.ready.retain(|&t| t != starter);
        s.ready.push_front(starter);
        s.ready.push_back(cur);
        self.switch_away()
    }

    /// `time.sleep(secs)` while other threads exist: they run meanwhile.
    pub(crate) fn sleep_thread(&mut self, secs: f64) -> PyResult<()> {
        if secs <= 0.0 {
            return self.yield_turn();
        }
        self.wait_on(0, Some(secs), "sleeps").map(|_| ())
    }

    /// Lets the other runnable threads have a turn first (`time.sleep(0)`).
    pub(crate) fn yield_turn(&mut self) -> PyResult<()> {
        if !self.threads_alive() {
            return Ok(());
        }
        self.expire_timeouts();
        let s = self.sched();
        if s.ready.is_empty() {
            return Ok(());
        }
        let cur = s.current;
        if let Some(g) = s.threads.get_mut(&cur) {
            g.state = State::Ready;
        }
        s.ready.push_back(cur);
        self.switch_away()
    }

    /// Called from the ticks of loops and calls once `green_switch_at` is reached: the running thread's
    /// turn is over, and it yields to the runnable threads (if any).
    #[cold]
    pub(crate) fn preempt(&mut self) -> PyResult<()> {
        if self.ticks < self.green_switch_at() {
            return Ok(());
        }
        self.yield_turn()?;
        self.start_turn();
        Ok(())
    }

    /// Finishes off every thread still suspended (daemon threads at the interpreter's end, threads a
    /// limit left behind): each is resumed with an uncatchable error that returns through its frames
    /// without running their `finally` blocks, as CPython's daemon threads stop at exit.
    pub(crate) fn dispose_threads(&mut self) {
        let Some(s) = self.green.as_mut() else {
            return;
        };
        if s.current != MAIN {
            return;
        }
        let tids: Vec<u64> = s.threads.keys().copied().filter(|&t| t != MAIN).collect();
        for tid in tids {
            let Some(s) = self.green.as_mut() else {
                return;
            };
            let Some(mut g) = s.threads.remove(&tid) else {
                continue;
            };
            s.ready.retain(|&t| t != tid);
            let Some(mut co) = g.co.take() else {
                continue;
            };
            if !co.started() {
                continue;
            }
            s.current = tid;
            let mut ctx = std::mem::take(&mut g.ctx);
            // The thread's record stays reachable while it unwinds (its `switch_away` reads it).
            s.threads.insert(tid, g);
            self.swap_ctx(&mut ctx);
            crate::guard::set_floor(self.stack_floor);
            let ip = self as *mut Interp as usize;
            let mark = limit(super::generators::ABANDON_MARK.to_string());
            let r = co.resume((ip, Some(mark)));
            let this: &mut Interp = std::hint::black_box(self);
            this.swap_ctx(&mut ctx);
            crate::guard::set_floor(this.stack_floor);
            if let Some(s) = this.green.as_mut() {
                s.current = MAIN;
                s.threads.remove(&tid);
            }
            if let CoroutineResult::Yield(()) = r {
                // It cannot wait again (nothing catches the error); should it, it is leaked.
                std::mem::forget(co);
            }
        }
        self.green = None;
    }

    /// At the end of a run, as CPython's interpreter exit: waits for the threads `threading` started
    /// that are not daemons (`threading._shutdown`).
    pub(crate) fn join_threads(&mut self) -> PyResult<()> {
        if !self.threads_alive() || !self.in_main_thread() {
            return Ok(());
        }
        let m = self.modules.borrow().get_str("threading").cloned();
        if let Some(m) = m {
            if let Some(f) = self.get_attr_opt(&m, "_shutdown")? {
                self.call(&f, Vec::new(), Vec::new())?;
            }
        }
        Ok(())
    }
}

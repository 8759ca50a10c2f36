//! Budgets and limits: instruction ticks, the deadline, memory and length checks, output.

use super::*;

impl Interp {
    /// Counts one tick (a loop iteration or a call): one compare unless a limit check is due.
    #[inline]
    pub(crate) fn tick(&mut self) -> PyResult<()> {
        self.ticks += 1;
        if self.ticks >= self.next_check {
            return self.tick_slow();
        }
        Ok(())
    }

    /// The limit checks of a loop's or a call's tick, then the green-thread switch when the running
    /// thread's turn is over (`interp/threads.rs`): only here, at the start of an iteration or a call,
    /// never from [`Interp::charge`] inside a built-in operation.
    #[cold]
    pub(crate) fn tick_slow(&mut self) -> PyResult<()> {
        self.limits_slow()?;
        if self.ticks >= self.green_switch_at() {
            self.preempt()?;
        }
        Ok(())
    }

    #[cold]
    pub(crate) fn limits_slow(&mut self) -> PyResult<()> {
        if let Some(max) = self.limits.instructions {
            if self.ticks - self.tick_base > max {
                return Err(limit(format!("instruction budget of {max} exhausted")));
            }
        }
        self.check_limits()?;
        // Big containers freed under a deadline are torn down here a chunk at a time (`teardown`): about
        // as many items as the work charged since the last check, so freeing keeps pace with building.
        if crate::teardown::pending() {
            let since = self.ticks.saturating_sub(self.teardown_at);
            crate::teardown::free_some((since.saturating_mul(16) as usize).clamp(4096, 1 << 18));
        }
        self.teardown_at = self.ticks;
        let budget = self
            .limits
            .instructions
            .map(|m| self.tick_base.saturating_add(m).saturating_add(1))
            .unwrap_or(u64::MAX);
        // The clock, the interrupt flag and the memory count are read every CHECK_EVERY ticks; long
        // operations charge ticks in proportion to their work (`charge`), so the interval stays short in time.
        let deadline = if self.limits.deadline.is_some()
            || self.interrupt.is_some()
            || self.limits.max_memory.is_some()
        {
            self.ticks + CHECK_EVERY
        } else {
            u64::MAX
        };
        // While tracing is on, every tick comes here: loops report their header line from `loop_tick`, and
        // calls learn that their frame must be traced.
        #[cfg(not(feature = "untraced"))]
        if self.poll_sigint {
            self.sigint_check();
        }
        #[cfg(not(feature = "untraced"))]
        let deadline = if self.tracing {
            0
        } else if self.poll_sigint {
            deadline.min(self.ticks + 1024)
        } else {
            deadline
        };
        self.next_check = budget
            .min(deadline)
            .min(self.green_switch_at())
            .max(self.ticks + 1);
        Ok(())
    }

    /// Counts a loop iteration's tick. After the first iteration (`again`), a traced frame reports the loop
    /// header's line here, as CPython does when a loop goes back to its header; tracing being on keeps every
    /// tick on the slow path, so when it is off this costs nothing beyond the tick itself. Only for loops
    /// whose step cannot run Python code (range and list steps), since the event comes after the step.
    #[inline(always)]
    pub(crate) fn loop_tick(&mut self, fr: &mut Frame, line: u32, again: bool) -> PyResult<()> {
        self.ticks += 1;
        if self.ticks >= self.next_check {
            return self.loop_tick_slow(fr, line, again);
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn loop_tick_slow(
        &mut self,
        fr: &mut Frame,
        line: u32,
        again: bool,
    ) -> PyResult<()> {
        if again {
            self.loop_line(fr, line)?;
        }
        self.tick_slow()
    }

    /// Ctrl-C during the debugger's `c`: the tracer decides where to stop.
    #[cfg(not(feature = "untraced"))]
    #[cold]
    pub(crate) fn sigint_check(&mut self) {
        if crate::debugger::sigint_pending() {
            if let Some(h) = self.line_hook.clone() {
                h.interrupt(self);
            }
        }
    }

    /// Whether statements report line events to the tracer.
    pub fn tracing(&self) -> bool {
        self.tracing
    }

    /// Turns tracing on or off (the debugger does this; a host with its own [`Tracer`] may too).
    pub fn set_tracing(&mut self, on: bool) {
        self.tracing = on;
        // The next tick re-reads the state (see `tick_slow`).
        self.next_check = 0;
    }

    /// Call after changing `limits` so the next tick re-reads them (and `max_memory` and the instruction
    /// budget count from now).
    pub fn limits_changed(&mut self) {
        self.next_check = 0;
        self.tick_base = self.ticks;
        self.mem_base = crate::alloc::live_bytes().unwrap_or(0);
        self.out_bytes = 0;
    }

    /// The handle that stops the running program from another thread (see [`InterruptHandle`]).
    pub fn interrupt_handle(&mut self) -> InterruptHandle {
        self.next_check = 0;
        self.interrupt
            .get_or_insert_with(InterruptHandle::default)
            .clone()
    }

    /// What a compilation checks as it goes (see [`crate::guard::CompileLimits`]).
    pub(crate) fn compile_limits(&self) -> crate::guard::CompileLimits {
        let cap = match (self.limits.max_memory, crate::alloc::live_bytes()) {
            (Some(m), Some(_)) => Some(self.mem_base.saturating_add(m as isize)),
            _ => None,
        };
        crate::guard::CompileLimits::enter(
            self.limits.deadline,
            self.interrupt.as_ref().map(|h| h.0.clone()),
            cap,
        )
    }

    /// The error a compilation stopped by [`crate::guard::compile_must_stop`] ends in: the limit's own,
    /// or `MemoryError` (`oom`) when memory stopped it.
    pub(crate) fn compile_stopped(&mut self, oom: bool) -> Box<Exc> {
        if oom {
            // The tokens and tree are freed by now: say which bound stopped it.
            let msg = match self.limits.max_memory {
                Some(m) => {
                    format!("compiling the source passed the host's memory limit of {m} bytes")
                }
                None => "no memory left to compile the source".to_string(),
            };
            return Exc::new("MemoryError", msg);
        }
        self.check_limits()
            .err()
            .unwrap_or_else(|| limit("wall-clock deadline passed".into()))
    }

    /// Counts `units` ticks of work done inside one operation (a builtin consuming an iterator, a long
    /// bigint or string operation, a compilation), so that the instruction budget, the deadline and the
    /// interrupt flag see it.
    #[inline]
    pub fn charge(&mut self, units: u64) -> PyResult<()> {
        self.ticks = self.ticks.saturating_add(units);
        if self.ticks >= self.next_check {
            return self.limits_slow();
        }
        Ok(())
    }

    /// Like [`Interp::charge`], for an operation holding a big partial result `v`: when a limit stops it,
    /// `v` goes to the graveyard (see [`Interp::bury`]) rather than being freed on the way out.
    #[inline]
    pub(crate) fn charge_or_bury(&mut self, units: u64, v: &mut Vec<Value>) -> PyResult<()> {
        self.charge(units)
            .inspect_err(|e| self.bury(e, std::mem::take(v)))
    }

    /// Takes a big partial result of an operation a limit error stopped: freeing millions of values takes
    /// tens of milliseconds, so it waits for the next top-level run or the interpreter's drop, and the
    /// host gets its error at the deadline. A small one, or one dropped on any other error `e` (an
    /// exception the program may catch and go on with), is freed at once.
    pub(crate) fn bury<T: 'static>(&mut self, e: &Exc, v: Vec<T>) {
        if matches!(e.kind, ExcKind::Limit(_)) && v.len() >= BURY_AT && self.graveyard.len() < 64 {
            self.graveyard.push(Box::new(v));
        }
    }

    /// Like [`Interp::bury`], for the partly written block of a copy a limit stopped
    /// ([`crate::thin::RcSlice::try_concat_ticking`]).
    pub(crate) fn bury_block(&mut self, e: &Exc, b: Option<crate::thin::Unfilled>) {
        if let Some(b) = b {
            if matches!(e.kind, ExcKind::Limit(_)) && self.graveyard.len() < 64 {
                self.graveyard.push(Box::new(b));
            }
        }
    }

    /// Copies `parts` (together `len` bytes) into a new str, in pieces of [`COPY_CHUNK`] bytes charged as
    /// they go, so the deadline and the interrupt stop a copy of hundreds of megabytes midway (a
    /// repetition, a concatenation); the copy lands in the object itself, with no final copy to admit.
    pub(crate) fn concat_str_ticking<'a>(
        &mut self,
        len: usize,
        parts: impl IntoIterator<Item = &'a str>,
    ) -> PyResult<RcStr> {
        crate::thin::RcStr::try_concat_ticking(
            len,
            parts,
            COPY_CHUNK * 4,
            |n| self.charge((n >> 6) as u64),
            || no_memory(len),
        )
        .map_err(|(e, b)| {
            self.bury_block(&e, b);
            e
        })
    }

    /// [`Interp::concat_str_ticking`] for bytes.
    pub(crate) fn concat_bytes_ticking<'a>(
        &mut self,
        len: usize,
        parts: impl IntoIterator<Item = &'a [u8]>,
    ) -> PyResult<crate::thin::RcSlice<u8>> {
        crate::thin::RcSlice::try_concat_ticking(
            len,
            parts,
            COPY_CHUNK * 4,
            |n| self.charge((n >> 6) as u64),
            || no_memory(len),
        )
        .map_err(|(e, b)| {
            self.bury_block(&e, b);
            e
        })
    }

    /// Frees a big temporary in chunks with the limits checked between them; what is left when a limit
    /// stops it is buried. The limit error is not returned: the caller's next check sees it again.
    pub(crate) fn drop_ticking<T: 'static>(&mut self, mut v: Vec<T>) {
        while v.len() > COPY_CHUNK {
            v.truncate(v.len() - COPY_CHUNK);
            if let Err(e) = self.charge((COPY_CHUNK >> 4) as u64) {
                self.bury(&e, v);
                // Seen again at the next tick.
                self.next_check = 0;
                return;
            }
        }
    }

    /// Frees `v` from its last item to its first (CPython's order for the items of a deleted slice), with
    /// the limits checked every [`COPY_CHUNK`] items; what is left when a limit stops it is buried, and the
    /// limit error is seen again at the next tick.
    pub(crate) fn drop_rev_ticking(&mut self, mut v: Vec<Value>) {
        let mut since = 0;
        while let Some(x) = v.pop() {
            drop(x);
            since += 1;
            if since == COPY_CHUNK {
                since = 0;
                if let Err(e) = self.charge((COPY_CHUNK >> 4) as u64) {
                    self.bury(&e, v);
                    self.next_check = 0;
                    return;
                }
            }
        }
    }

    /// Drops a list an expression statement discarded (`sorted(xs)` on its own line): one of more than
    /// [`COPY_CHUNK`] items held nowhere else is freed in charged chunks, from its last item as CPython
    /// frees a list, rather than in one pass between two checks of the limits.
    #[cold]
    #[inline(never)]
    pub(crate) fn discard_list(&mut self, v: Value) {
        if let Value::List(l) = &v {
            if std::rc::Rc::strong_count(l) == 1 && l.borrow().len() > COPY_CHUNK {
                let items = std::mem::take(&mut l.borrow_mut().0);
                self.drop_rev_ticking(items);
            }
        }
    }

    /// Frees what [`Interp::bury`] kept (at the start of a top-level run).
    pub(crate) fn free_graveyard(&mut self) {
        self.graveyard.clear();
        crate::teardown::free_all();
    }

    pub(crate) fn check_limits(&mut self) -> PyResult<()> {
        if let Some(d) = self.limits.deadline {
            if std::time::Instant::now() >= d {
                return Err(limit("wall-clock deadline passed".into()));
            }
        }
        if let Some(h) = &self.interrupt {
            if h.take() {
                self.interrupted = true;
                self.next_check = self.ticks + 1;
                return Err(Exc::new("KeyboardInterrupt", ""));
            }
        }
        if self.interrupted {
            return Err(limit(
                "interrupted by the host (the program caught KeyboardInterrupt and went on)".into(),
            ));
        }
        self.check_memory(0)
    }

    /// `MemoryError` if holding `extra` more bytes would pass `max_memory`.
    pub fn check_memory(&self, extra: usize) -> PyResult<()> {
        if let Some(max) = self.limits.max_memory {
            if let Some(live) = crate::alloc::live_bytes() {
                let mut used = live.saturating_sub(self.mem_base).max(0) as usize;
                // What the deferred teardown still holds is freed first, a chunk at a time with the
                // clock checked, before the limit is declared reached.
                while used.saturating_add(extra) > max && crate::teardown::pending() {
                    crate::teardown::free_some(crate::teardown::DEFER_AT);
                    if self
                        .limits
                        .deadline
                        .is_some_and(|d| std::time::Instant::now() >= d)
                    {
                        return Err(limit("wall-clock deadline passed".into()));
                    }
                    let live = crate::alloc::live_bytes().unwrap_or(live);
                    used = live.saturating_sub(self.mem_base).max(0) as usize;
                }
                if used.saturating_add(extra) > max {
                    return Err(Exc::new(
                        "MemoryError",
                        format!(
                            "the program would hold {} bytes, over the host's limit of {max}",
                            used.saturating_add(extra)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks a size against the host's memory limit.
    pub fn check_len(&mut self, n: usize) -> PyResult<()> {
        // Building an object of `n` items is work in proportion to `n`.
        self.charge((n >> 4) as u64)?;
        // Every object created with a size goes through here: a big one must also fit the memory budget
        // (counted as a byte per item here, as strs and bytes are; vectors of values are counted at their
        // real size in `alloc_vec`/`grow_vec`).
        if n >= 4096 {
            self.check_memory(n)?;
        }
        if let Some(m) = self.limits.max_len {
            if n > m {
                return Err(Exc::new(
                    "MemoryError",
                    format!("object of size {n} exceeds the host limit of {m}"),
                ));
            }
        }
        // Without a host limit, refuse sizes that could only end in an allocation failure (an abort).
        if self.limits.max_len.is_none() && n > DEFAULT_MAX_LEN {
            return Err(Exc::new(
                "MemoryError",
                format!(
                    "object of size {n} exceeds evalx's default limit of {DEFAULT_MAX_LEN}; raise Limits::max_len"
                ),
            ));
        }
        // Filling it is at least a pass over its memory that may not stop midway (`bytes(n)`, a copy): sized
        // against the deadline once it is known to fit in memory (a size that cannot fit is a MemoryError,
        // as CPython's, however long it would take).
        if n >= PASS_SMALL {
            self.admit_time(n as f64 * 0.25)?;
        }
        Ok(())
    }

    /// An empty vector with room for `n` items, or `MemoryError` (the host's limits, or no memory left).
    pub fn alloc_vec<T>(&mut self, n: usize) -> PyResult<Vec<T>> {
        self.check_len(n)?;
        self.check_memory(n.saturating_mul(size_of::<T>()))?;
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| no_memory(n))?;
        Ok(v)
    }

    /// Doubles a full list's room (as `push` would), fallibly and within the limits: `MemoryError` instead of
    /// an aborting allocation when a program appends without end.
    #[cold]
    pub fn grow_list(&mut self, v: &mut Vec<Value>) -> PyResult<()> {
        let more = v.len().max(4);
        self.grow_vec(v, more)
    }

    /// Makes room for `more` items in `v`, or `MemoryError`.
    pub fn grow_vec<T>(&mut self, v: &mut Vec<T>, more: usize) -> PyResult<()> {
        let n = v.len().saturating_add(more);
        self.check_len(n)?;
        self.check_memory(more.saturating_mul(size_of::<T>()))?;
        v.try_reserve(more).map_err(|_| no_memory(n))
    }

    // ------------------------------------------------------------------ statements

    /// Writes program output.
    pub fn write(&mut self, s: &str) -> PyResult<()> {
        self.out_bytes = self.out_bytes.saturating_add(s.len() as u64);
        if let Some(m) = self.limits.max_output {
            if self.out_bytes > m as u64 {
                return Err(limit(format!("output limit of {m} bytes exceeded")));
            }
        }
        self.charge(s.len() as u64 >> 12)?;
        self.out.write_all(s.as_bytes()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::OutOfMemory {
                Exc::new("MemoryError", "no memory left for the captured output")
            } else {
                Exc::new("OSError", e.to_string())
            }
        })
    }
}

/// The bytes of a str, bytes, bytearray or memoryview, read without copying them (0 for anything else).
pub(crate) fn data_len(v: &Value) -> usize {
    match v {
        Value::Str(s) => s.len(),
        Value::Bytes(b) => b.len(),
        Value::Instance(_) => crate::methods::bytearray_len(v)
            .or_else(|| crate::methods::memoryview_nbytes(v))
            .unwrap_or(0),
        _ => 0,
    }
}

/// How much longer than its own running time the program's work takes in wall time now: about 1 on an
/// idle machine, about 4 where it gets a quarter of a core. The deadline's admission of a pass that cannot
/// stop midway ([`Interp::admit_time`]) multiplies its CPU-time estimate by it, so a pass admitted on a
/// loaded machine still ends before the deadline. Measured from the kernel's scheduler statistics for the
/// thread (`/proc/thread-self/schedstat`: time running, and time runnable but waiting for a CPU), so time
/// the thread spent idle or asleep does not count; windows of at least [`Pace::WINDOW`] of that time,
/// the first from the interpreter's creation (a host's setup run measures the machine before the first
/// deadline), read only when a long pass is admitted under a deadline. Where the statistics are missing
/// (not Linux), the ratio is 1.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pace {
    /// Where the open window started: the thread's running and running-or-waiting time, in ns.
    from: Option<(u64, u64)>,
    /// The last closed window's ratio.
    ratio: f64,
}

impl Default for Pace {
    fn default() -> Pace {
        Pace::started()
    }
}

impl Pace {
    /// Running-or-waiting time a window spans before its ratio is taken.
    const WINDOW_NS: u64 = 20_000_000;
    /// The ratio's upper bound (a machine where the program gets less than a sixteenth of a core).
    const MAX: f64 = 16.0;

    /// A window opening now, starting from the last ratio any interpreter of this process measured (the
    /// load is the machine's, not the interpreter's).
    pub(crate) fn started() -> Pace {
        Pace {
            from: sched(),
            ratio: f64::from_bits(LAST_RATIO.load(std::sync::atomic::Ordering::Relaxed)).max(1.0),
        }
    }

    /// The current ratio, closing the open window when it is long enough.
    pub(crate) fn factor(&mut self, _now: std::time::Instant) -> f64 {
        let Some((run, total)) = sched() else {
            return self.ratio;
        };
        match self.from {
            None => self.from = Some((run, total)),
            Some((r0, t0)) => {
                let (dr, dt) = (run.saturating_sub(r0), total.saturating_sub(t0));
                if dt >= Self::WINDOW_NS && dr > 0 {
                    self.ratio = (dt as f64 / dr as f64).clamp(1.0, Self::MAX);
                    LAST_RATIO.store(self.ratio.to_bits(), std::sync::atomic::Ordering::Relaxed);
                    self.from = Some((run, total));
                }
            }
        }
        self.ratio
    }
}

/// The last ratio a [`Pace`] window measured in this process (an `f64`'s bits; 0 before one closed).
static LAST_RATIO: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The calling thread's time running and time running or waiting for a CPU, in nanoseconds, from the
/// kernel's scheduler statistics (Linux).
fn sched() -> Option<(u64, u64)> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut f = s.split_ascii_whitespace().map(|x| x.parse::<u64>().ok());
    let run = f.next()??;
    let wait = f.next()??;
    Some((run, run.saturating_add(wait)))
}

/// Items a long native pass (a copy, a permutation, a comparison of two sequences) handles between two
/// charges: about 0.1-0.3 ms of work in a release build.
pub(crate) const COPY_CHUNK: usize = 1 << 16;
/// Data under this many bytes is not sized by [`Interp::admit_pass`] (well under the deadline's slack).
const PASS_SMALL: usize = 1 << 16;
/// Partial results at least this long are buried rather than freed while a limit error unwinds.
const BURY_AT: usize = 1 << 16;

// ---------------------------------------------------------------------------------------------- bigints

/// The most bits an int may have when the host set no `Limits::max_len` (as `num`'s own cap).
pub(crate) const BIG_MAX_BITS: f64 = 64_000_000.0;
/// Nanoseconds one tick stands for when a long native operation charges its estimated time (an interpreted
/// tick costs about this in a release build), so the instruction budget counts work, not calls.
const NS_PER_TICK: f64 = 16.0;
/// An operation estimated under this many nanoseconds is not compared with the deadline (the next tick's
/// check is soon enough).
const DEADLINE_SLACK_NS: f64 = 2_000_000.0;

/// How much slower num-bigint runs in this build than in the release build the estimates come from (an
/// unoptimised build is about 20-50 times slower): the deadline is compared with the time this build will
/// take. Ticks stay those of the release estimate, so the instruction budget counts the same in every build.
const BUILD_SLOWDOWN: f64 = if cfg!(debug_assertions) { 20.0 } else { 1.0 };

/// The bits of an int's magnitude; `None` for anything that is not an int.
fn int_bits(v: &Value) -> Option<u64> {
    match v {
        Value::Int(n) => Some(64 - n.unsigned_abs().leading_zeros() as u64),
        Value::Bool(b) => Some(b.get() as u64),
        Value::Big(b) => Some(b.bits()),
        _ => None,
    }
}

/// Estimated nanoseconds of a product of `a` and `b` limbs (64 bits) in num-bigint, a lower bound
/// measured on the release build (schoolbook under 32 limbs, Karatsuba/Toom-3 beyond: n^1.585 for a
/// balanced product, split into balanced pieces otherwise).
pub(crate) fn mul_ns(a: f64, b: f64) -> f64 {
    let (n, m) = if a >= b { (a, b) } else { (b, a) };
    let m = m.max(1.0);
    if m <= 32.0 {
        n * m * 0.5
    } else {
        (n / m) * 2.5 * m.powf(1.585)
    }
}

/// Estimated nanoseconds of one modular square-and-multiply step with a modulus of `limbs` limbs (a
/// square, half a multiplication, and their reductions).
pub(crate) fn modstep_ns(limbs: f64) -> f64 {
    40.0 + 3.0 * mul_ns(limbs, limbs)
}

impl Interp {
    /// Sizes a bigint operation before it runs, from its operands' sizes: `MemoryError` when the result
    /// cannot fit `max_len` (bits of an int) or the memory limit, ticks for its estimated time (so the
    /// instruction budget counts it), and the limit error at once when that time would pass the deadline
    /// (one num-bigint call cannot be stopped midway). Cheap for small operands.
    pub(crate) fn big_guard(&mut self, a: &Value, op: BinOp, b: &Value) -> PyResult<()> {
        let (Some(ba), Some(bb)) = (int_bits(a), int_bits(b)) else {
            return Ok(());
        };
        let limbs = |bits: u64| (bits / 64 + 1) as f64;
        let (la, lb) = (limbs(ba), limbs(bb));
        let (bits, ns) = match op {
            BinOp::Mul => ((ba + bb) as f64, mul_ns(la, lb)),
            BinOp::Pow => {
                // Only a non-negative int exponent makes an int; |a| <= 1 is trivial.
                let e = match b {
                    Value::Int(e) if *e >= 0 => *e as f64,
                    Value::Bool(e) => e.get() as u64 as f64,
                    Value::Big(e) if !num_traits::Signed::is_negative(&**e) => f64::INFINITY,
                    _ => return Ok(()),
                };
                if ba <= 1 {
                    return Ok(());
                }
                let log2a = match a {
                    Value::Int(n) => (n.unsigned_abs() as f64).log2(),
                    _ => ba as f64 - 0.5,
                };
                let bits = log2a * e;
                if bits < 4096.0 {
                    return Ok(());
                }
                // Repeated squaring: the last squarings dominate (a geometric sum of products).
                let l = bits / 64.0 + 1.0;
                (bits, 2.0 * mul_ns(l, l))
            }
            BinOp::LShift => {
                let s = match b {
                    Value::Int(s) if *s >= 0 => *s as f64,
                    Value::Big(s) if !num_traits::Signed::is_negative(&**s) => f64::INFINITY,
                    _ => return Ok(()),
                };
                let bits = ba as f64 + s;
                (bits, bits / 64.0)
            }
            BinOp::Div | BinOp::FloorDiv | BinOp::Mod => {
                // num-bigint's Burnikel-Ziegler division of a long quotient measured 2-4 times the product
                // of the quotient's and the divisor's sizes (a 6.3-million-bit int by one of 2.8 million
                // bits: 236 ms against 71 ms estimated).
                let q = (la - lb).max(1.0);
                let factor = if q > 32.0 && lb > 32.0 { 4.0 } else { 1.0 };
                (ba as f64, factor * mul_ns(q, lb))
            }
            _ => ((ba.max(bb) + 1) as f64, la + lb),
        };
        // Shifts past what an i64 count can say stay num's OverflowError, as in CPython.
        if op == BinOp::LShift && bits.is_infinite() {
            return Ok(());
        }
        self.big_admit(bits, ns)
    }

    /// Admits an int operation making an int of about `bits` bits in about `ns` nanoseconds (see
    /// [`Interp::big_guard`]).
    pub(crate) fn big_admit(&mut self, bits: f64, ns: f64) -> PyResult<()> {
        let cap = self.limits.max_len.map_or(BIG_MAX_BITS, |m| m as f64);
        if bits > cap {
            let what = if self.limits.max_len.is_some() {
                "the host limit of"
            } else {
                "evalx's default limit of"
            };
            return Err(Exc::new(
                "MemoryError",
                format!("an int of about {bits:.0} bits exceeds {what} {cap:.0} bits"),
            ));
        }
        // The result and a temporary as big.
        self.check_memory((bits / 4.0) as usize)?;
        self.admit_work(ns)
    }

    /// Admits one native operation estimated at `ns` nanoseconds (release build) that cannot check the
    /// limits while it runs: ticks for the instruction budget, and the limit error before it starts when
    /// it would pass the deadline.
    pub(crate) fn admit_work(&mut self, ns: f64) -> PyResult<()> {
        self.charge((ns / NS_PER_TICK) as u64)?;
        self.admit_time(ns)
    }

    /// Admits the final copy of a built str or bytes of `bytes` bytes into its object (one memcpy that
    /// cannot stop midway, about half a nanosecond a byte with its page faults).
    pub(crate) fn admit_copy(&mut self, bytes: usize) -> PyResult<()> {
        self.admit_time(bytes as f64 * 0.5)
    }

    /// Admits one native pass over `bytes` bytes of data (a str or bytes method, a slice, a concatenation,
    /// a conversion) that runs to its end once started, at about `ns_per_byte` nanoseconds a byte (an upper
    /// estimate for the release build): ticks in proportion for the instruction budget, and the limit error
    /// before it starts when it would pass the deadline. Free for small data.
    #[inline]
    pub(crate) fn admit_pass(&mut self, bytes: usize, ns_per_byte: f64) -> PyResult<()> {
        if bytes < PASS_SMALL {
            return Ok(());
        }
        self.admit_pass_slow(bytes, ns_per_byte)
    }

    #[cold]
    fn admit_pass_slow(&mut self, bytes: usize, ns_per_byte: f64) -> PyResult<()> {
        self.charge((bytes >> 6) as u64)?;
        self.admit_time(bytes as f64 * ns_per_byte)
    }

    /// The limit error at once when an operation estimated at `ns` nanoseconds (release build) that
    /// cannot stop midway would pass the deadline; no ticks. The estimate is CPU time: on a loaded
    /// machine, where the program gets a fraction of a core, it is scaled by the wall time the program has
    /// recently taken per second of its own CPU time (see [`Pace`]).
    pub(crate) fn admit_time(&mut self, ns: f64) -> PyResult<()> {
        let here = ns * BUILD_SLOWDOWN;
        if here > DEADLINE_SLACK_NS {
            if let Some(d) = self.limits.deadline {
                let now = std::time::Instant::now();
                let left = d.saturating_duration_since(now);
                let wall = here * self.pace.factor(now);
                if wall * 1e-9 > left.as_secs_f64() {
                    return Err(limit(format!(
                        "wall-clock deadline: an operation estimated at {:.3} s would pass it",
                        wall * 1e-9
                    )));
                }
            }
        }
        Ok(())
    }

    /// Sizes a native function that makes one pass over its data arguments (a codec, a checksum, a
    /// normalization) before it runs: the str/bytes/bytearray/memoryview bytes of `args` and `kw`, read at
    /// about `ns_per_byte` nanoseconds a byte (an upper estimate, release build), and a result of about
    /// `out_per_byte` bytes a byte, which must fit `max_len` and the memory limit. Ticks for the budget, and
    /// the limit error before it starts when it would pass the deadline. Free for small data.
    pub(crate) fn admit_data(
        &mut self,
        args: &[Value],
        kw: &[(RcStr, Value)],
        ns_per_byte: f64,
        out_per_byte: f64,
    ) -> PyResult<()> {
        let n: usize = args
            .iter()
            .chain(kw.iter().map(|(_, v)| v))
            .map(data_len)
            .fold(0, usize::saturating_add);
        if n < PASS_SMALL {
            return Ok(());
        }
        let out = (n as f64 * out_per_byte) as usize;
        if out > 0 {
            self.check_len(out)?;
        }
        self.admit_pass(n, ns_per_byte)
    }

    /// `pow(b, e, m)` for a non-negative exponent and a nonzero modulus, with Python's sign for the
    /// result. A long one (a huge exponent with a big modulus) runs in chunks of exponent bits with the
    /// limits checked between them, so the deadline, the budget and the interrupt handle can stop it.
    pub(crate) fn modpow_bounded(
        &mut self,
        b: &num_bigint::BigInt,
        e: &num_bigint::BigInt,
        m: &num_bigint::BigInt,
    ) -> PyResult<num_bigint::BigInt> {
        use num_bigint::BigInt;
        use num_integer::Integer;
        use num_traits::{One, Signed, Zero};
        let mm = m.abs();
        let limbs = (mm.bits() / 64 + 1) as f64;
        let step = modstep_ns(limbs);
        let nbits = e.bits();
        let total = step * nbits as f64;
        // The limits are checked about every millisecond of this build's time.
        let chunk = ((1e6 / (step * BUILD_SLOWDOWN)) as u64).clamp(1, 1 << 20);
        let r = if total * BUILD_SLOWDOWN < DEADLINE_SLACK_NS {
            self.charge((total / NS_PER_TICK) as u64)?;
            b.mod_floor(&mm).modpow(e, &mm)
        } else {
            // Left-to-right square-and-multiply with plain reductions (num-bigint's own `modpow` cannot
            // be stopped, and its Montgomery form is slower than Karatsuba products and a division for
            // big moduli), with the limits checked every `chunk` exponent bits.
            let base = b.mod_floor(&mm);
            let mut r = BigInt::one();
            let mut since = 0u64;
            for i in (0..nbits).rev() {
                r = (&r * &r) % &mm;
                if e.bit(i) {
                    r = (r * &base) % &mm;
                }
                since += 1;
                if since >= chunk {
                    since = 0;
                    self.charge((step * chunk as f64 / NS_PER_TICK) as u64)?;
                    self.check_limits()?;
                }
            }
            r
        };
        Ok(if m.is_negative() && !r.is_zero() {
            r - mm
        } else {
            r
        })
    }
}

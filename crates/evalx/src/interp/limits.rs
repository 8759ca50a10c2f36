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

    #[cold]
    pub(crate) fn tick_slow(&mut self) -> PyResult<()> {
        if let Some(max) = self.limits.instructions {
            if self.ticks > max {
                return Err(limit(format!("instruction budget of {max} exhausted")));
            }
        }
        self.check_limits()?;
        let budget = self.limits.instructions.map(|m| m + 1).unwrap_or(u64::MAX);
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
        self.next_check = budget.min(deadline).max(self.ticks + 1);
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

    /// Call after changing `limits` so the next tick re-reads them (and `max_memory` counts from now).
    pub fn limits_changed(&mut self) {
        self.next_check = 0;
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

    /// Counts `units` ticks of work done inside one operation (a builtin consuming an iterator, a long
    /// bigint or string operation, a compilation), so that the instruction budget, the deadline and the
    /// interrupt flag see it.
    #[inline]
    pub fn charge(&mut self, units: u64) -> PyResult<()> {
        self.ticks = self.ticks.saturating_add(units);
        if self.ticks >= self.next_check {
            return self.tick_slow();
        }
        Ok(())
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
                let used = live.saturating_sub(self.mem_base).max(0) as usize;
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

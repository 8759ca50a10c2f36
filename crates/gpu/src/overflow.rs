//! A simulated thread that overflows its coroutine stack (a closure kernel's local arrays larger than the
//! stack: `launch_sim` cannot know their size) fails the launch with a clear error instead of killing the
//! process with SIGSEGV.
//!
//! While the scheduler runs a block it notes the trap handlers of the block's coroutines in thread-local
//! memory (once per block, nothing per resume). A SIGSEGV/SIGBUS handler (installed once, chaining to the
//! one it replaces: Rust's own stack-overflow report for OS threads, or the default action) looks for the
//! coroutine whose stack holds the stack pointer and checks that the fault hit that stack's guard page; then
//! it redirects the coroutine to return at once (corosensei's trap support), and the scheduler records the
//! fault with the thread's indices. Anything else goes to the
//! previous handler, unchanged.
//!
//! What is given up: the frames of the overflowing thread are discarded without running destructors (their
//! memory is leaked, as the process would otherwise have died). Stack probes make the overflow happen at the
//! entry of the function whose frame does not fit, before its body runs, so no lock or borrow of that frame
//! is held. Linux on x86-64 and AArch64; elsewhere an overflow stays a crash.

use corosensei::trap::CoroutineTrapHandler;
use std::cell::Cell;

/// A coroutine's trap handler and the lowest address of its stack mapping (its guard page first).
#[derive(Clone, Copy)]
pub(crate) struct Running {
    pub(crate) trap: CoroutineTrapHandler<()>,
    pub(crate) limit: usize,
}

thread_local! {
    /// The coroutines of the block this OS thread runs (a pointer and a length into the block's table).
    static BLOCK: Cell<(*const Running, usize)> = const { Cell::new((std::ptr::null(), 0)) };
    /// Set by the handler when it made a coroutine return after an overflow.
    static OVERFLOWED: Cell<bool> = const { Cell::new(false) };
}

/// Makes `coroutines` the ones a stack overflow on this OS thread is looked up in, until the guard drops;
/// installs the handler (once per process) and this OS thread's alternate signal stack (once per thread).
pub(crate) fn watch(coroutines: &[Running]) -> Watch<'_> {
    imp::install();
    let previous = BLOCK.with(|b| b.replace((coroutines.as_ptr(), coroutines.len())));
    Watch {
        previous,
        _table: std::marker::PhantomData,
    }
}

/// Keeps a block's table watched (see [`watch`]); dropped, it restores the table watched before (a launch
/// made from inside a simulated kernel watches its own blocks meanwhile).
pub(crate) struct Watch<'a> {
    previous: (*const Running, usize),
    _table: std::marker::PhantomData<&'a [Running]>,
}

impl Drop for Watch<'_> {
    fn drop(&mut self) {
        BLOCK.with(|b| b.set(self.previous));
    }
}

/// Whether the coroutine resumed last returned because its stack overflowed (and forgets it).
#[inline]
pub(crate) fn overflowed() -> bool {
    OVERFLOWED.with(|o| {
        let hit = o.get();
        if hit {
            o.set(false);
        }
        hit
    })
}

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod imp {
    use super::{BLOCK, OVERFLOWED};
    use std::sync::OnceLock;

    /// The handlers replaced for SIGSEGV and SIGBUS, called for faults that are not a coroutine's overflow.
    static PREVIOUS: OnceLock<[libc::sigaction; 2]> = OnceLock::new();

    /// Installs the handler once per process, and an alternate signal stack once per OS thread (Rust gives
    /// its own threads one; a foreign thread may have none, and the handler cannot run on the overflowed
    /// stack).
    pub(super) fn install() {
        PREVIOUS.get_or_init(|| {
            // SAFETY: plain sigaction calls with zeroed, then filled, structures; `on_fault` is an
            // `extern "C"` function of the signature SA_SIGINFO requires.
            unsafe {
                let mut handler: libc::sigaction = std::mem::zeroed();
                handler.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                handler.sa_sigaction = on_fault as *const () as usize;
                libc::sigemptyset(&mut handler.sa_mask);
                let mut previous: [libc::sigaction; 2] = std::mem::zeroed();
                libc::sigaction(libc::SIGSEGV, &handler, &mut previous[0]);
                libc::sigaction(libc::SIGBUS, &handler, &mut previous[1]);
                previous
            }
        });
        thread_local! {
            static ALTSTACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        }
        if !ALTSTACK.with(|a| a.replace(true)) {
            // SAFETY: query the current alternate stack; install a leaked one if there is none.
            unsafe {
                let mut current: libc::stack_t = std::mem::zeroed();
                if libc::sigaltstack(std::ptr::null(), &mut current) == 0
                    && current.ss_flags & libc::SS_DISABLE != 0
                {
                    let size = 64 * 1024;
                    let memory = Box::leak(vec![0u8; size].into_boxed_slice());
                    let stack = libc::stack_t {
                        ss_sp: memory.as_mut_ptr().cast(),
                        ss_flags: 0,
                        ss_size: size,
                    };
                    libc::sigaltstack(&stack, std::ptr::null_mut());
                }
            }
        }
    }

    fn page_size() -> usize {
        // SAFETY: sysconf is async-signal-safe and has no preconditions.
        let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        usize::try_from(n).unwrap_or(4096)
    }

    unsafe extern "C" fn on_fault(
        signal: libc::c_int,
        info: *mut libc::siginfo_t,
        context: *mut libc::c_void,
    ) {
        // SAFETY: the kernel passes a valid siginfo and ucontext to an SA_SIGINFO handler.
        let (addr, uc) = unsafe {
            (
                (*info).si_addr() as usize,
                &mut *context.cast::<libc::ucontext_t>(),
            )
        };
        let sp = stack_pointer(uc);
        let (table, len) = BLOCK.with(|b| b.get());
        let coroutines: &[super::Running] = if table.is_null() {
            &[]
        } else {
            // SAFETY: the table of the block running on this OS thread, alive while `BLOCK` points to it.
            unsafe { std::slice::from_raw_parts(table, len) }
        };
        if let Some(running) = coroutines.iter().find(|c| c.trap.stack_ptr_in_bounds(sp)) {
            let guard = running.limit..running.limit + page_size();
            if guard.contains(&addr) {
                OVERFLOWED.with(|o| o.set(true));
                // SAFETY: the stack pointer is inside the running coroutine (checked above), whose frames
                // are abandoned: it returns `()` to the scheduler, which records the fault.
                let regs = unsafe { running.trap.setup_trap_handler(|| ()) };
                set_registers(uc, regs);
                return;
            }
        }
        let which = usize::from(signal == libc::SIGBUS);
        let Some(previous) = PREVIOUS.get().map(|p| p[which]) else {
            return;
        };
        match previous.sa_sigaction {
            libc::SIG_DFL | libc::SIG_IGN => {
                // Restore the default action and return: the access faults again and the process dies as
                // it would have without this handler.
                // SAFETY: resetting a signal's disposition.
                unsafe { libc::signal(signal, libc::SIG_DFL) };
            }
            f if previous.sa_flags & libc::SA_SIGINFO != 0 => {
                // SAFETY: the previous handler, called as it was installed (SA_SIGINFO form).
                let f: unsafe extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                    unsafe { std::mem::transmute(f) };
                unsafe { f(signal, info, context) };
            }
            f => {
                // SAFETY: the previous handler, called in its plain form.
                let f: unsafe extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(f) };
                unsafe { f(signal) };
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    fn stack_pointer(uc: &libc::ucontext_t) -> usize {
        uc.uc_mcontext.gregs[libc::REG_RSP as usize] as usize
    }

    #[cfg(target_arch = "x86_64")]
    fn set_registers(uc: &mut libc::ucontext_t, regs: corosensei::trap::TrapHandlerRegs) {
        let corosensei::trap::TrapHandlerRegs {
            rip,
            rsp,
            rbp,
            rdi,
            rsi,
        } = regs;
        let g = &mut uc.uc_mcontext.gregs;
        g[libc::REG_RIP as usize] = rip as i64;
        g[libc::REG_RSP as usize] = rsp as i64;
        g[libc::REG_RBP as usize] = rbp as i64;
        g[libc::REG_RDI as usize] = rdi as i64;
        g[libc::REG_RSI as usize] = rsi as i64;
    }

    #[cfg(target_arch = "aarch64")]
    fn stack_pointer(uc: &libc::ucontext_t) -> usize {
        uc.uc_mcontext.sp as usize
    }

    #[cfg(target_arch = "aarch64")]
    fn set_registers(uc: &mut libc::ucontext_t, regs: corosensei::trap::TrapHandlerRegs) {
        let corosensei::trap::TrapHandlerRegs {
            pc,
            sp,
            x0,
            x1,
            x29,
            lr,
        } = regs;
        let m = &mut uc.uc_mcontext;
        m.pc = pc;
        m.sp = sp;
        m.regs[0] = x0;
        m.regs[1] = x1;
        m.regs[29] = x29;
        m.regs[30] = lr;
    }
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
mod imp {
    pub(super) fn install() {}
}

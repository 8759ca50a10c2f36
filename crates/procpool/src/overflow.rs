//! Telling a stack overflow from any other crash in a worker. A worker branches off before Rust's
//! runtime sets up its own guard-page handler, so a task that recursed too deep would just die of
//! SIGSEGV. This installs a SIGSEGV/SIGBUS handler on an alternate stack that recognises a fault next
//! to the stack pointer (or in the main thread's guard region), writes the worker's last words into
//! the memory it shares with the pool — one atomic store, which is async-signal-safe — says so on
//! stderr, and lets the signal kill the process as before. The pool then reports the task's
//! `WorkerDied` with the cause "stack overflow".
//!
//! Only the thread that runs tasks (the worker's main thread) gets the alternate stack; a thread a task
//! spawns itself still dies of a plain SIGSEGV.

use crate::claims::LAST_WORDS_STACK_OVERFLOW;
use std::sync::atomic::{AtomicPtr, AtomicU64, AtomicUsize, Ordering};

static LAST_WORDS: AtomicPtr<AtomicU64> = AtomicPtr::new(std::ptr::null_mut());
/// The lowest address of the main thread's stack (0: unknown).
static STACK_LOW: AtomicUsize = AtomicUsize::new(0);
/// How far from the stack limit (or below the stack pointer) a fault counts as an overflow.
const NEAR: usize = 256 * 1024;

const MESSAGE: &[u8] =
    b"procpool worker: a task overflowed its stack (stack overflow); the worker dies\n";

/// Installs the handler; `last_words` must stay valid for the life of the process.
pub(crate) fn install(last_words: *const AtomicU64) {
    LAST_WORDS.store(last_words.cast_mut(), Ordering::Release);
    // SAFETY: plain libc calls on properly initialised local structures; the alternate stack is a
    // fresh anonymous mapping that is never unmapped.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) == 0 {
            let mut addr: *mut libc::c_void = std::ptr::null_mut();
            let mut size: libc::size_t = 0;
            if libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0 {
                STACK_LOW.store(addr as usize, Ordering::Relaxed);
            }
            libc::pthread_attr_destroy(&mut attr);
        }
        let alt_size = 64 * 1024;
        let alt = libc::mmap(
            std::ptr::null_mut(),
            alt_size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if alt == libc::MAP_FAILED {
            return;
        }
        let stack = libc::stack_t {
            ss_sp: alt,
            ss_flags: 0,
            ss_size: alt_size,
        };
        if libc::sigaltstack(&stack, std::ptr::null_mut()) != 0 {
            return;
        }
        for sig in [libc::SIGSEGV, libc::SIGBUS] {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = handler as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut());
        }
    }
}

/// The stack pointer at the fault, where the platform lets us read it.
///
/// # Safety
/// `context` is the `ucontext_t` the kernel passed to a signal handler.
#[allow(unused_variables)]
unsafe fn stack_pointer(context: *mut libc::c_void) -> usize {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        let uc = context.cast::<libc::ucontext_t>();
        // SAFETY: per the contract, a valid ucontext_t.
        return unsafe { (*uc).uc_mcontext.gregs[libc::REG_RSP as usize] as usize };
    }
    #[cfg(all(target_arch = "aarch64", target_os = "linux"))]
    {
        let uc = context.cast::<libc::ucontext_t>();
        // SAFETY: per the contract, a valid ucontext_t.
        return unsafe { (*uc).uc_mcontext.sp as usize };
    }
    #[allow(unreachable_code)]
    0
}

/// Whether a fault at `addr` with the stack pointer at `sp` is the stack running out.
fn is_overflow(addr: usize, sp: usize, stack_low: usize) -> bool {
    let near_sp = sp != 0 && addr <= sp.saturating_add(4096) && addr >= sp.saturating_sub(NEAR);
    let near_limit = stack_low != 0
        && addr < stack_low.saturating_add(4096)
        && addr >= stack_low.saturating_sub(NEAR);
    near_sp || near_limit
}

extern "C" fn handler(_sig: libc::c_int, info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo_t and ucontext_t to an SA_SIGINFO handler.
    let (addr, sp) = unsafe { ((*info).si_addr() as usize, stack_pointer(context)) };
    if is_overflow(addr, sp, STACK_LOW.load(Ordering::Relaxed)) {
        let words = LAST_WORDS.load(Ordering::Acquire);
        if !words.is_null() {
            // SAFETY: set by `install` to a word that lives as long as the process.
            unsafe { (*words).store(LAST_WORDS_STACK_OVERFLOW, Ordering::Release) };
        }
        // SAFETY: write(2) is async-signal-safe; a short write is harmless.
        unsafe { libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len()) };
    }
    // SA_RESETHAND restored the default action: returning re-runs the faulting instruction, and the
    // signal kills the process as it would have without us.
}

#[cfg(test)]
mod tests {
    use super::is_overflow;

    #[test]
    fn only_faults_next_to_the_stack_are_overflows() {
        let sp = 0x7fff_0000_8000;
        assert!(is_overflow(sp - 8, sp, 0));
        assert!(is_overflow(sp, sp, 0));
        assert!(
            !is_overflow(0, sp, 0),
            "a null dereference is not an overflow"
        );
        assert!(!is_overflow(0x5555_0000, sp, 0));
        let low = 0x7ffe_0000_0000;
        assert!(is_overflow(low - 16, 0, low));
        assert!(!is_overflow(low + (1 << 20), 0, low));
    }
}

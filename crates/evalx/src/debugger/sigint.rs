//! Ctrl-C while a continued program runs (pdb's `sigint_handler`): `c` installs a SIGINT handler that only
//! records the signal; the interpreter polls the record at its limit checks (every few thousand loop
//! iterations or calls, and at every tick while tracing) and the debugger then stops at the next line with
//! "Program interrupted. (Use 'cont' to resume).". The previous handler comes back at the next stop, as pdb
//! restores it at its prompt.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static PENDING: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
static SAVED: Mutex<Option<nix::sys::signal::SigAction>> = Mutex::new(None);
#[cfg(not(unix))]
static SAVED: Mutex<Option<()>> = Mutex::new(None);

#[cfg(unix)]
extern "C" fn on_sigint(_: nix::libc::c_int) {
    PENDING.store(true, Ordering::SeqCst);
}

/// Installs the handler (once; the handler it replaces is kept for [`disarm`]). False when it could not be
/// installed (then Ctrl-C keeps its previous meaning).
pub(crate) fn arm() -> bool {
    let Ok(mut saved) = SAVED.lock() else {
        return false;
    };
    if saved.is_some() {
        return true;
    }
    PENDING.store(false, Ordering::SeqCst);
    #[cfg(unix)]
    {
        use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
        let sa = SigAction::new(
            SigHandler::Handler(on_sigint),
            SaFlags::SA_RESTART,
            SigSet::empty(),
        );
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        match unsafe { sigaction(Signal::SIGINT, &sa) } {
            Ok(old) => {
                *saved = Some(old);
                true
            }
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Puts back the handler [`arm`] replaced.
pub(crate) fn disarm() {
    let Ok(mut saved) = SAVED.lock() else {
        return;
    };
    #[cfg(unix)]
    if let Some(old) = saved.take() {
        // SAFETY: restoring the disposition sigaction returned earlier.
        let _ = unsafe { nix::sys::signal::sigaction(nix::sys::signal::Signal::SIGINT, &old) };
    }
    #[cfg(not(unix))]
    {
        saved.take();
    }
}

/// Whether a SIGINT arrived since the last call (clears the record).
#[cfg_attr(feature = "untraced", allow(dead_code))]
pub(crate) fn take() -> bool {
    PENDING.swap(false, Ordering::SeqCst)
}

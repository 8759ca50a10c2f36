//! Sending functions to another process. A worker is the same executable re-executed, so every function
//! sits at the same offset from a fixed anchor function in both processes (procspawn's approach). A task
//! travels as two offsets: a monomorphised trampoline that decodes the argument, calls the function,
//! catches a panic and encodes the result; and, for `fn` pointers, the pointer itself.
//!
//! Only code in the main executable can be sent (checked against `/proc/self/maps`), and only
//! functions that carry no data: `fn` items and non-capturing closures (zero-sized types, conjured in
//! the worker) and `fn(A) -> R` pointers. A capturing closure is refused with a typed error.

use crate::error::ProcessError;
use crate::proto::{Outcome, Payload};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::any::TypeId;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

/// A function, as offsets from [`anchor`] in the executable.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Call {
    trampoline: i64,
    /// For a `fn` pointer task: the pointer's offset.
    fn_ptr: Option<i64>,
}

/// What a task trampoline looks like: (absolute `fn` pointer or 0, argument bytes) -> outcome.
type TaskTrampoline = fn(usize, &[u8]) -> Outcome;
/// What an initializer trampoline looks like.
type InitTrampoline = fn(usize, &[u8]) -> Result<(), String>;

/// The fixed point offsets are measured from. Never inlined, so it has an address of its own.
#[inline(never)]
fn anchor() -> u8 {
    std::hint::black_box(7)
}

fn anchor_addr() -> usize {
    anchor as fn() -> u8 as usize
}

/// The address range of the main executable's mappings, when `/proc/self/maps` can be read.
fn exe_range() -> Option<(usize, usize)> {
    static RANGE: OnceLock<Option<(usize, usize)>> = OnceLock::new();
    *RANGE.get_or_init(|| {
        let exe = std::fs::read_link("/proc/self/exe").ok()?;
        let exe = exe.to_str()?;
        let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
        let mut range: Option<(usize, usize)> = None;
        for line in maps.lines() {
            // start-end perms offset dev inode path
            let mut cols = line.splitn(6, ' ');
            let span = cols.next()?;
            let path = cols.nth(4).map(str::trim_start).unwrap_or("");
            if path != exe {
                continue;
            }
            let (lo, hi) = span.split_once('-')?;
            let lo = usize::from_str_radix(lo, 16).ok()?;
            let hi = usize::from_str_radix(hi, 16).ok()?;
            range = Some(match range {
                Some((a, b)) => (a.min(lo), b.max(hi)),
                None => (lo, hi),
            });
        }
        let (lo, hi) = range?;
        (lo..hi).contains(&anchor_addr()).then_some((lo, hi))
    })
}

fn offset_of(addr: usize, type_name: &'static str) -> Result<i64, ProcessError> {
    if let Some((lo, hi)) = exe_range() {
        if !(lo..hi).contains(&addr) {
            return Err(ProcessError::NotSendable {
                type_name,
                why: "its code is not in the main executable (a shared library?), so a re-executed worker cannot find it",
            });
        }
    }
    Ok((addr as i64).wrapping_sub(anchor_addr() as i64))
}

fn address_of(offset: i64) -> usize {
    (anchor_addr() as i64).wrapping_add(offset) as usize
}

/// Describes `f` for a worker. `P` is the matching `fn` pointer type, `trampoline` the monomorphised
/// trampoline for a zero-sized `F`, and `ptr_trampoline` the one for a `P` pointer.
fn describe<F: Copy + 'static, P: 'static>(
    f: &F,
    zst_trampoline: usize,
    ptr_trampoline: usize,
) -> Result<Call, ProcessError> {
    let type_name = std::any::type_name::<F>();
    if size_of::<F>() == 0 {
        return Ok(Call {
            trampoline: offset_of(zst_trampoline, type_name)?,
            fn_ptr: None,
        });
    }
    if TypeId::of::<F>() == TypeId::of::<P>() && size_of::<F>() == size_of::<usize>() {
        // SAFETY: F is the fn pointer type P, which is one pointer wide.
        let ptr: usize = unsafe { std::mem::transmute_copy(f) };
        return Ok(Call {
            trampoline: offset_of(ptr_trampoline, type_name)?,
            fn_ptr: Some(offset_of(ptr, type_name)?),
        });
    }
    Err(ProcessError::NotSendable {
        type_name,
        why: "it is a closure that captures variables (its captures cannot be sent)",
    })
}

/// Describes a task function `F: Fn(A) -> R`.
pub(crate) fn task_call<F, A, R>(f: &F) -> Result<Call, ProcessError>
where
    F: Fn(A) -> R + Copy + 'static,
    A: DeserializeOwned + 'static,
    R: Serialize + 'static,
{
    describe::<F, fn(A) -> R>(
        f,
        task_trampoline::<F, A, R> as TaskTrampoline as usize,
        task_trampoline::<fn(A) -> R, A, R> as TaskTrampoline as usize,
    )
}

/// Describes a map chunk: `F` applied to each item of a `Vec<A>`, each panic caught on its own.
pub(crate) fn chunk_call<F, A, R>(f: &F) -> Result<Call, ProcessError>
where
    F: Fn(A) -> R + Copy + 'static,
    A: DeserializeOwned + 'static,
    R: Serialize + 'static,
{
    describe::<F, fn(A) -> R>(
        f,
        chunk_trampoline::<F, A, R> as TaskTrampoline as usize,
        chunk_trampoline::<fn(A) -> R, A, R> as TaskTrampoline as usize,
    )
}

/// Describes an initializer `F: Fn(A) -> Result<(), E>`.
pub(crate) fn init_call<F, A, E>(f: &F) -> Result<Call, ProcessError>
where
    F: Fn(A) -> Result<(), E> + Copy + 'static,
    A: DeserializeOwned + 'static,
    E: std::fmt::Display + 'static,
{
    describe::<F, fn(A) -> Result<(), E>>(
        f,
        init_trampoline::<F, A, E> as InitTrampoline as usize,
        init_trampoline::<fn(A) -> Result<(), E>, A, E> as InitTrampoline as usize,
    )
}

/// Rebuilds the function value in the worker.
///
/// # Safety
/// `fn_ptr` must be 0 for a zero-sized `F`, and otherwise the address of a function of type `F`.
unsafe fn conjure<F: Copy>(fn_ptr: usize) -> F {
    if size_of::<F>() == 0 {
        // SAFETY: a zero-sized closure or fn item has exactly one value and no bytes to initialise.
        unsafe { std::mem::zeroed() }
    } else {
        // SAFETY: the caller promises F is a fn pointer type and fn_ptr points at such a function.
        unsafe { std::mem::transmute_copy(&fn_ptr) }
    }
}

fn task_trampoline<F, A, R>(fn_ptr: usize, input: &[u8]) -> Outcome
where
    F: Fn(A) -> R + Copy,
    A: DeserializeOwned,
    R: Serialize,
{
    let arg: A = match postcard::from_bytes(input) {
        Ok(a) => a,
        Err(e) => return Outcome::BadArgument(e.to_string()),
    };
    // SAFETY: `describe` produced fn_ptr for exactly this F (0 when zero-sized).
    let f: F = unsafe { conjure(fn_ptr) };
    match catch_panic(|| f(arg)) {
        Ok(value) => match crate::encode::to_bytes(&value) {
            Ok(bytes) => Outcome::Ok(Payload::new(bytes)),
            Err(message) => Outcome::BadResult(message),
        },
        Err(message) => Outcome::Panicked(message),
    }
}

fn chunk_trampoline<F, A, R>(fn_ptr: usize, input: &[u8]) -> Outcome
where
    F: Fn(A) -> R + Copy,
    A: DeserializeOwned,
    R: Serialize,
{
    let items: Vec<A> = match postcard::from_bytes(input) {
        Ok(a) => a,
        Err(e) => return Outcome::BadArgument(e.to_string()),
    };
    // SAFETY: `describe` produced fn_ptr for exactly this F (0 when zero-sized).
    let f: F = unsafe { conjure(fn_ptr) };
    let results: Vec<Result<R, String>> = items.into_iter().map(|a| catch_panic(|| f(a))).collect();
    match crate::encode::to_bytes(&results) {
        Ok(bytes) => Outcome::Ok(Payload::new(bytes)),
        Err(message) => Outcome::BadResult(message),
    }
}

fn init_trampoline<F, A, E>(fn_ptr: usize, input: &[u8]) -> Result<(), String>
where
    F: Fn(A) -> Result<(), E> + Copy,
    A: DeserializeOwned,
    E: std::fmt::Display,
{
    let arg: A = postcard::from_bytes(input)
        .map_err(|e| format!("could not decode the initializer's argument: {e}"))?;
    // SAFETY: as in task_trampoline.
    let f: F = unsafe { conjure(fn_ptr) };
    match catch_panic(|| f(arg)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(format!("it panicked: {panic}")),
    }
}

impl Call {
    /// Runs a task in the worker.
    pub(crate) fn run_task(&self, arg: &[u8]) -> Outcome {
        // SAFETY: the offset was made by `task_call` in the same executable, so it names a
        // `TaskTrampoline` here too.
        let t: TaskTrampoline = unsafe { std::mem::transmute(address_of(self.trampoline)) };
        t(self.fn_ptr.map_or(0, address_of), arg)
    }

    /// Runs an initializer in the worker.
    pub(crate) fn run_init(&self, arg: &[u8]) -> Result<(), String> {
        // SAFETY: as in run_task, made by `init_call`.
        let t: InitTrampoline = unsafe { std::mem::transmute(address_of(self.trampoline)) };
        t(self.fn_ptr.map_or(0, address_of), arg)
    }
}

thread_local! {
    /// Where the last panic in a task happened, filled by the worker's panic hook.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
    static IN_TASK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs the worker's panic hook: a panic inside a task is recorded (its message and location go back
/// to the parent as the task's error) instead of printed; any other panic is printed as usual.
pub(crate) fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IN_TASK.with(|t| t.get()) {
            let loc = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
            PANIC_LOCATION.with(|p| *p.borrow_mut() = loc);
        } else {
            default(info);
        }
    }));
}

/// Runs `f`, turning a panic into its message (with the location, when the hook recorded it).
fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    IN_TASK.with(|t| t.set(true));
    let out = catch_unwind(AssertUnwindSafe(f));
    IN_TASK.with(|t| t.set(false));
    out.map_err(|payload| {
        let msg = if let Some(s) = payload.downcast_ref::<&'static str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "<non-string panic payload>".to_string()
        };
        match PANIC_LOCATION.with(|p| p.borrow_mut().take()) {
            Some(loc) => format!("{msg} (at {loc}, in worker process {})", std::process::id()),
            None => format!("{msg} (in worker process {})", std::process::id()),
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn double(x: u32) -> u32 {
        x * 2
    }

    fn round_trip(call: Call, arg: u32) -> u32 {
        match call.run_task(&postcard::to_stdvec(&arg).unwrap()) {
            Outcome::Ok(p) => postcard::from_bytes(p.as_slice()).unwrap(),
            _ => panic!("task failed"),
        }
    }

    #[test]
    fn fn_items_pointers_and_closures_round_trip() {
        assert_eq!(round_trip(task_call(&double).unwrap(), 21), 42);
        let ptr: fn(u32) -> u32 = double;
        assert_eq!(round_trip(task_call(&ptr).unwrap(), 4), 8);
        assert_eq!(round_trip(task_call(&|x: u32| x + 1).unwrap(), 1), 2);
    }

    #[test]
    fn capturing_closures_are_refused() {
        let k = 3u32;
        let err = task_call(&move |x: u32| x + k).unwrap_err();
        assert!(matches!(err, ProcessError::NotSendable { .. }), "{err}");
        assert!(err.to_string().contains("captures"), "{err}");
    }

    #[test]
    fn the_executable_range_is_found() {
        assert!(exe_range().is_some());
    }
}

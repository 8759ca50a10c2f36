//! Faults of simulated kernels: an index out of bounds, a misused `syncthreads` or shared array, a data race.
//!
//! A fault is *recorded*, never raised as a panic: the first one of a launch is kept with the simulated thread
//! and block that caused it and the kernel's source line (`#[track_caller]`), the faulting access reads zero
//! or writes nothing, the thread runs on to its end (kernels written with `#[gpu::kernel]` return at their
//! next loop test), no further block starts, and the launch returns [`crate::Error::KernelFailed`]. So a fault
//! is an `Err` under `panic = "abort"` too, and the panic hook never prints "thread 'main' panicked" for an
//! error the program handles.

use crate::launch::Dim3;
use std::cell::Cell;
use std::panic::Location;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// An integer usable as an array index in a simulated kernel. Signed indices are accepted so that a negative
/// one is reported as negative (`index -1 is out of bounds`), not as 18446744073709551615; a `usize` that
/// wrapped below zero is reported as the negative number it came from.
pub trait Idx: Copy {
    /// The index as a signed 64-bit number.
    fn index_i64(self) -> i64;
}

macro_rules! idx {
    ($($t:ty),*) => {$(
        impl Idx for $t {
            #[inline(always)]
            fn index_i64(self) -> i64 {
                self as i64
            }
        }
    )*};
}
idx!(usize, isize, u8, i8, u16, i16, u32, i32, u64, i64);

/// The position `k` in an axis of `len` elements, or `None` when out of bounds (negative included).
#[inline(always)]
pub(crate) fn in_bounds(k: i64, len: usize) -> Option<usize> {
    if (k as u64) < len as u64 {
        Some(k as usize)
    } else {
        None
    }
}

/// Which simulated thread (or span of threads) is running on this OS thread.
#[derive(Clone, Copy)]
pub(crate) enum Site {
    Host,
    /// Per-thread kernels: the indices are read from the context when a fault is recorded.
    Thread {
        thread: Dim3,
        block: Dim3,
    },
    /// Span kernels: a run of threads along x of one grid row.
    Span {
        x: (usize, usize),
        y: usize,
        z: usize,
        block_dim: Dim3,
        grid_dim: Dim3,
    },
}

/// The faults of one launch, shared by every OS thread working on it.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    failed: AtomicBool,
    first: Mutex<Option<String>>,
    /// The launch's number, counted over the process from 1, for the race check's stamps.
    pub(crate) launch: u64,
    /// The launch's `(grid, block)` extents, to name the threads of a race check's stamp.
    pub(crate) dims: Option<(Dim3, Dim3)>,
    /// Whether the launch checks shared memory for data races.
    pub(crate) racecheck: bool,
}

impl Faults {
    /// A new record for a launch of `grid` blocks of `block` threads, numbered for the race check.
    pub(crate) fn new(grid: Dim3, block: Dim3) -> Faults {
        static LAUNCHES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Faults {
            launch: LAUNCHES.fetch_add(1, Ordering::Relaxed),
            dims: Some((grid, block)),
            ..Faults::default()
        }
    }

    /// Whether a fault was recorded.
    pub(crate) fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// The first fault's message.
    pub(crate) fn take(&self) -> Option<String> {
        self.first
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

thread_local! {
    static LAUNCH: Cell<*const Faults> = const { Cell::new(std::ptr::null()) };
    static SITE: Cell<Site> = const { Cell::new(Site::Host) };
    static STAMP: Cell<u64> = const { Cell::new(0) };
    /// In a span kernel written with `#[gpu::kernel]`: the x index of the simulated thread running now.
    static SPAN_X: Cell<usize> = const { Cell::new(usize::MAX) };
    /// An out-of-bounds access recorded by a fast accessor and not yet reported ([`defer_out_of_bounds`]).
    static DEFERRED: Cell<Option<Deferred>> = const { Cell::new(None) };
}

/// An out-of-bounds access noted in a kernel's hot loop, reported when the simulated thread stops running.
#[derive(Clone, Copy)]
struct Deferred {
    at: &'static Location<'static>,
    index: [i64; 3],
    shape: [usize; 3],
    /// 1-3: an array of that many axes; 0: a kernel's local array (`index[0]`, `shape[0]`).
    axes: u8,
    span_x: usize,
}

/// Notes an out-of-bounds access of `index[..axes]` in an array of `shape[..axes]` (`axes` 0: `index[0]` in a
/// kernel's local array of `shape[0]` elements) by the thread of x index `span_x` of the running span
/// (`usize::MAX`: the running per-thread kernel's thread) for the launch to report
/// with the thread's indices when the simulated thread next stops (its return, a barrier, the end of its span;
/// [`flush_deferred`]). The accessors of kernels written with `#[gpu::kernel]` call this on their cold path: it
/// only stores to thread-local memory, no call, so the kernel's loop keeps its floating-point values in
/// registers (a call would clobber them all). Outside a launch (host code) it panics, as slice indexing does.
#[inline(always)]
pub(crate) fn defer_out_of_bounds(
    index: [i64; 3],
    shape: [usize; 3],
    axes: u8,
    at: &'static Location<'static>,
    span_x: usize,
) {
    let launch = LAUNCH.with(Cell::get);
    if launch.is_null() {
        host_out_of_bounds(index, shape, axes, at);
    }
    // SAFETY: see `failed`. The launch fails now (its loops stop); the text follows at the flush.
    unsafe { &*launch }.failed.store(true, Ordering::Relaxed);
    DEFERRED.with(|d| {
        if d.get().is_none() {
            d.set(Some(Deferred {
                at,
                index,
                shape,
                axes,
                span_x: match span_x {
                    usize::MAX => SPAN_X.with(Cell::get),
                    x => x,
                },
            }));
        }
    });
}

#[cold]
#[inline(never)]
fn host_out_of_bounds(
    index: [i64; 3],
    shape: [usize; 3],
    axes: u8,
    at: &'static Location<'static>,
) -> ! {
    report(index, shape, axes, at);
    unreachable!("reporting outside a launch panics")
}

fn report(index: [i64; 3], shape: [usize; 3], axes: u8, at: &'static Location<'static>) {
    if axes == 0 {
        fault(
            at,
            format_args!(
                "index {} is out of bounds for local array of size {}",
                index[0], shape[0]
            ),
        );
    } else {
        let n = usize::from(axes).min(3);
        crate::sim::report_out_of_bounds(&index[..n], &shape[..n], at);
    }
}

/// Reports the access [`defer_out_of_bounds`] noted on this OS thread, if any, as the running simulated
/// thread's fault. The simulator calls it whenever a simulated thread stops running.
#[inline]
pub(crate) fn flush_deferred() {
    if DEFERRED.with(|d| d.get().is_some()) {
        flush_slow();
    }
}

#[cold]
#[inline(never)]
fn flush_slow() {
    let Some(d) = DEFERRED.with(|c| c.take()) else {
        return;
    };
    let x = SPAN_X.with(|s| s.replace(d.span_x));
    report(d.index, d.shape, d.axes, d.at);
    SPAN_X.with(|s| s.set(x));
}

/// Makes `faults` the launch this OS thread records into until the guard drops.
pub(crate) struct Enter {
    previous: *const Faults,
}

pub(crate) fn enter(faults: &Faults) -> Enter {
    Enter {
        previous: LAUNCH.with(|l| l.replace(faults)),
    }
}

impl Drop for Enter {
    fn drop(&mut self) {
        flush_deferred();
        LAUNCH.with(|l| l.set(self.previous));
        SITE.with(|s| s.set(Site::Host));
        STAMP.with(|s| s.set(0));
        SPAN_X.with(|s| s.set(usize::MAX));
    }
}

/// The `threadIdx` of the per-thread kernel's thread running on this OS thread (zeros outside one).
pub(crate) fn running_thread() -> Dim3 {
    match SITE.with(Cell::get) {
        Site::Thread { thread, .. } => thread,
        _ => Dim3::new(0, 0, 0),
    }
}

/// Says which simulated thread runs next on this OS thread, and its race-check stamp.
#[inline(always)]
pub(crate) fn set_site(site: Site, stamp: u64) {
    SITE.with(|s| s.set(site));
    STAMP.with(|s| s.set(stamp));
    SPAN_X.with(|s| s.set(usize::MAX));
}

/// Runs `report` with `span_x` as the running span's thread (`usize::MAX`: leave it as it is), for the cold
/// paths of accessors that were told which thread of the span faulted instead of reading it from
/// thread-local memory (the span loops of `#[gpu::kernel]` do not store every thread's x there).
#[cold]
#[inline(never)]
pub(crate) fn as_span_thread(span_x: usize, report: impl FnOnce()) {
    if span_x == usize::MAX {
        return report();
    }
    let before = SPAN_X.with(|s| s.replace(span_x));
    report();
    SPAN_X.with(|s| s.set(before));
}

/// Says which thread of the running span runs now (kernels written with `#[gpu::kernel]` in span form).
#[inline(always)]
pub(crate) fn set_span_x(x: usize) {
    SPAN_X.with(|s| s.set(x));
}

/// The race-check stamp of the running simulated thread (0 in host code).
#[inline]
pub(crate) fn current_stamp() -> u64 {
    let stamp = STAMP.with(Cell::get);
    match SPAN_X.with(Cell::get) {
        usize::MAX => stamp,
        x => match SITE.with(Cell::get) {
            Site::Span {
                y,
                z,
                block_dim,
                grid_dim,
                ..
            } => crate::race::span_thread(stamp, (x, y, z), block_dim, grid_dim),
            _ => crate::race::with_thread(stamp, x as u64),
        },
    }
}

/// The running launch's full number (0 outside a launch).
#[inline]
pub(crate) fn current_launch() -> u64 {
    let launch = LAUNCH.with(Cell::get);
    // SAFETY: see `failed`.
    if launch.is_null() {
        0
    } else {
        unsafe { &*launch }.launch
    }
}

/// The running launch's `(grid, block)` extents, where known.
pub(crate) fn current_dims() -> Option<(Dim3, Dim3)> {
    let launch = LAUNCH.with(Cell::get);
    // SAFETY: see `failed`.
    if launch.is_null() {
        None
    } else {
        unsafe { &*launch }.dims
    }
}

/// Whether the launch running on this OS thread has faulted (false outside a launch). Loops of kernels
/// written with `#[gpu::kernel]` test it, so that a faulted thread returns promptly.
#[inline]
pub fn failed() -> bool {
    LAUNCH.with(|l| {
        let p = l.get();
        // SAFETY: a non-null pointer is the `Faults` of a launch still running on this OS thread (`Enter`).
        !p.is_null() && unsafe { &*p }.failed()
    })
}

/// `[x, y, z]`, numba's way of printing an index triple.
pub(crate) fn triple(d: Dim3) -> String {
    format!("[{}, {}, {}]", d.x, d.y, d.z)
}

/// Where the running simulated thread is, as numba says it: `tid=[4, 2, 0] ctaid=[0, 0, 0]`.
pub(crate) fn site_text() -> String {
    match SITE.with(Cell::get) {
        Site::Host => "host code".to_string(),
        Site::Thread { thread, block } => format!("tid={} ctaid={}", triple(thread), triple(block)),
        Site::Span {
            x, y, z, block_dim, ..
        } => match SPAN_X.with(Cell::get) {
            gx if (x.0..x.1).contains(&gx) => {
                let d = block_dim;
                let (dx, dy, dz) = (d.x as usize, d.y as usize, d.z as usize);
                let tid = Dim3::new((gx % dx) as u32, (y % dy) as u32, (z % dz) as u32);
                let ctaid = Dim3::new((gx / dx) as u32, (y / dy) as u32, (z / dz) as u32);
                format!("tid={} ctaid={}", triple(tid), triple(ctaid))
            }
            _ => format!(
                "threads with grid x in {}..{}, y={y}, z={z} (a span kernel)",
                x.0, x.1
            ),
        },
    }
}

/// Records a fault of the running simulated thread at `location`. Outside a launch (a view used by host
/// code) it panics with the message, as indexing a slice out of bounds does.
#[cold]
#[inline(never)]
pub(crate) fn fault(location: &'static Location<'static>, message: std::fmt::Arguments<'_>) {
    let launch = LAUNCH.with(Cell::get);
    let text = format!(
        "{}: {message} (at {}:{}:{})",
        site_text(),
        location.file(),
        location.line(),
        location.column()
    );
    if launch.is_null() {
        panic!("{text}");
    }
    // SAFETY: see `failed`.
    let faults = unsafe { &*launch };
    let mut first = faults
        .first
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if first.is_none() {
        *first = Some(text);
    }
    faults.failed.store(true, Ordering::Relaxed);
}

/// Records a fault found by the simulator itself (not at a kernel's access), with its own text.
#[cold]
pub(crate) fn fault_text(text: String) {
    let launch = LAUNCH.with(Cell::get);
    if launch.is_null() {
        panic!("{text}");
    }
    // SAFETY: see `failed`.
    let faults = unsafe { &*launch };
    let mut first = faults
        .first
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if first.is_none() {
        *first = Some(text);
    }
    faults.failed.store(true, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_and_wrapped_indices_are_out_of_bounds() {
        assert_eq!(in_bounds((-1i32).index_i64(), 4), None);
        assert_eq!(usize::MAX.index_i64(), -1);
        assert_eq!(in_bounds(3usize.index_i64(), 4), Some(3));
        assert_eq!(in_bounds(4u32.index_i64(), 4), None);
    }

    #[test]
    fn a_fault_is_kept_with_its_thread_and_line_and_only_the_first() {
        let faults = Faults::default();
        {
            let _in = enter(&faults);
            assert!(!failed());
            set_site(
                Site::Thread {
                    thread: Dim3::new(4, 2, 0),
                    block: Dim3::new(0, 1, 0),
                },
                0,
            );
            fault(Location::caller(), format_args!("first"));
            fault(Location::caller(), format_args!("second"));
            assert!(failed());
        }
        assert!(!failed(), "outside the launch");
        let text = faults.take().expect("recorded");
        assert!(
            text.starts_with("tid=[4, 2, 0] ctaid=[0, 1, 0]: first (at crates/gpu/src/fault.rs:"),
            "{text}"
        );
    }
}

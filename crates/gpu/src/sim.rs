//! The CPU simulator backend (numba's `NUMBA_ENABLE_CUDASIM`): runs a kernel written in Rust over a CUDA grid.
//!
//! A kernel comes in one of two forms, and the form decides how the simulator runs it:
//! - **Per thread** (`Fn(&ThreadCtx)`, numba's model), through [`run`]. Blocks run in parallel. Launched
//!   with [`Barriers::None`], a block's threads run one after another in a loop, one kernel call per
//!   simulated thread. Launched with [`Barriers::Sync`] (needed by kernels that call
//!   [`ThreadCtx::syncthreads`]), each thread runs as a stackful coroutine (corosensei): `syncthreads`
//!   suspends it, and the block's scheduler resumes every live thread in turn until all have arrived — a
//!   thread that has returned counts as arrived, as on CUDA. No OS thread per GPU thread; stacks are reused.
//! - **Per span** (`Fn(&ThreadSpan)`), through [`run_spans`], for kernels with no barrier and no shared
//!   memory. One call covers a run of consecutive threads along x (whole blocks, all with the same y and z),
//!   so the kernel body is an ordinary loop over an index range: no per-thread call or context, bounds
//!   checks hoisted out of the loop by [`View::range`]. Spans run in parallel.
//!
//! Both forms share the scheduling rule: the first block (or span) runs on the calling thread and is timed;
//! when all of them together would take less than [`PARALLEL_MIN`], the rest follow on the calling thread,
//! since waking rayon's workers would cost more than it saves. Otherwise the calling thread keeps working
//! through them while rayon's workers join in as they wake ([`share`]): it never waits for a worker that has
//! not started, only for runs a worker has claimed. Simulator memory is relaxed atomics (see
//! `dtype.rs`), which keeps racing simulated threads sound but which compilers do not vectorise: on
//! cache-resident data a span loop runs at about a third of the speed of a vectorised plain loop per core.

use crate::dtype::Element;
use crate::fault::{self, Faults, Idx, Site, in_bounds};
use crate::launch::{Dim3, LaunchConfig};
use crate::overflow;
use crate::race::{Races, stamp};
use crate::share::share;
use crate::warp::{self, Wait};
use crate::{Error, Result};
use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, Location, catch_unwind, resume_unwind};
use std::rc::Rc;
use std::time::{Duration, Instant};

mod span;
pub use span::ThreadSpan;
pub(crate) use span::run_spans;
#[cfg(test)]
use span::{SpanPlan, run_spans_scheduled};

/// Whether a simulated kernel synchronises its block's threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Barriers {
    /// The kernel never calls `syncthreads`: its threads run in a plain loop (fast).
    None,
    /// The kernel calls `syncthreads`: its threads run as coroutines.
    Sync,
}

/// Stack size of one simulated thread run as a coroutine ([`Barriers::Sync`]): CUDA allows 512 KiB of local
/// memory per thread, and a debug build may hold a local array twice while it moves; the stack is reserved,
/// not committed, so only the pages a kernel touches cost memory. Kernels written with `#[gpu::kernel]` get a
/// stack sized from their declared local arrays ([`stack_bytes_for`]).
pub(crate) const STACK_BYTES: usize = 2 * 1024 * 1024;
/// CUDA's limit on local memory per thread.
pub const MAX_LOCAL_BYTES: usize = 512 * 1024;
/// Static shared memory per block, as on CUDA (dynamic shared memory is checked by `LaunchConfig::validate`).
const MAX_SHARED_BYTES: usize = 48 * 1024;

/// What one simulated GPU thread sees: its indices, the launch's dimensions, its block's shared memory and
/// the block barrier. numba's `cuda.grid`, `cuda.gridsize`, `cuda.threadIdx`... are methods here.
pub struct ThreadCtx<'a> {
    thread_idx: Dim3,
    /// `linear_thread_idx()`, kept for the barrier and the warp functions.
    linear: usize,
    block_idx: Dim3,
    block_dim: Dim3,
    grid_dim: Dim3,
    block: &'a BlockState,
    yielder: Option<&'a Yielder<(), ()>>,
}

impl std::fmt::Debug for ThreadCtx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadCtx")
            .field("thread_idx", &self.thread_idx)
            .field("block_idx", &self.block_idx)
            .field("block_dim", &self.block_dim)
            .field("grid_dim", &self.grid_dim)
            .finish_non_exhaustive()
    }
}

impl ThreadCtx<'_> {
    /// `threadIdx`.
    #[inline]
    pub fn thread_idx(&self) -> Dim3 {
        self.thread_idx
    }
    /// `blockIdx`.
    #[inline]
    pub fn block_idx(&self) -> Dim3 {
        self.block_idx
    }
    /// `blockDim`.
    #[inline]
    pub fn block_dim(&self) -> Dim3 {
        self.block_dim
    }
    /// `gridDim`.
    #[inline]
    pub fn grid_dim(&self) -> Dim3 {
        self.grid_dim
    }

    /// `cuda.grid(1)`: the thread's absolute x index.
    #[inline]
    pub fn grid1(&self) -> usize {
        self.thread_idx.x as usize + self.block_idx.x as usize * self.block_dim.x as usize
    }
    /// `cuda.grid(2)`: `(x, y)` absolute indices (x runs fastest: numba's `j, i = cuda.grid(2)`).
    #[inline]
    pub fn grid2(&self) -> (usize, usize) {
        let y = self.thread_idx.y as usize + self.block_idx.y as usize * self.block_dim.y as usize;
        (self.grid1(), y)
    }
    /// `cuda.grid(3)`: `(x, y, z)` absolute indices.
    #[inline]
    pub fn grid3(&self) -> (usize, usize, usize) {
        let z = self.thread_idx.z as usize + self.block_idx.z as usize * self.block_dim.z as usize;
        let (x, y) = self.grid2();
        (x, y, z)
    }
    /// `cuda.gridsize(1)`: threads in the whole grid along x (the stride of a grid-stride loop).
    #[inline]
    pub fn gridsize1(&self) -> usize {
        self.grid_dim.x as usize * self.block_dim.x as usize
    }
    /// `cuda.gridsize(2)`.
    #[inline]
    pub fn gridsize2(&self) -> (usize, usize) {
        (
            self.gridsize1(),
            self.grid_dim.y as usize * self.block_dim.y as usize,
        )
    }
    /// `cuda.gridsize(3)`.
    #[inline]
    pub fn gridsize3(&self) -> (usize, usize, usize) {
        let (x, y) = self.gridsize2();
        (x, y, self.grid_dim.z as usize * self.block_dim.z as usize)
    }
    /// The thread's index within its block, x fastest (`tid` in most reductions).
    #[inline]
    pub fn linear_thread_idx(&self) -> usize {
        self.linear
    }

    /// The coroutine's yielder (`None` in a kernel launched with [`Barriers::None`]).
    pub(crate) fn yielder(&self) -> Option<&Yielder<(), ()>> {
        self.yielder
    }

    /// The block's state (its threads' waits and warp results).
    pub(crate) fn block(&self) -> &BlockState {
        self.block
    }

    /// `cuda.syncthreads()`: waits until every live thread of the block has arrived (threads that returned
    /// count as arrived).
    ///
    /// Every live thread of the block must wait at the same `syncthreads` call: threads waiting at different
    /// ones (a barrier inside divergent code) fail the launch, as compute-sanitizer's synccheck reports it.
    /// In a kernel launched with [`Barriers::None`] the call fails the launch (it cannot wait there).
    #[track_caller]
    pub fn syncthreads(&self) {
        match self.yielder {
            Some(yielder) => {
                let at = Location::caller();
                self.block.waits[self.linear].set(Some(Wait::Barrier(at)));
                yielder.suspend(());
            }
            None => fault::fault(
                Location::caller(),
                format_args!(
                    "syncthreads() was called in a kernel launched with Barriers::None; launch it with Barriers::Sync"
                ),
            ),
        }
    }

    /// `cuda.shared.array(len, T)`: the block's shared array number `slot`, created zeroed by the first thread
    /// that asks. Every thread of the block sees the same memory.
    ///
    /// When `slot` was created with another type or length, or the block's static shared memory would exceed
    /// 48 KiB, the launch fails with a clear error (and this thread gets a scratch array).
    #[track_caller]
    pub fn shared_array<T: Element>(&self, slot: usize, len: usize) -> SharedArray<T> {
        self.block
            .shared(slot, len, "shared_array", Location::caller())
    }

    /// `cuda.shared.array(0, T)` / CUDA's `extern __shared__`: the launch's dynamic shared memory seen as `T`s
    /// (`shared_bytes / size_of::<T>()` of them).
    ///
    /// When an earlier thread of the block took it as another type, the launch fails with a clear error.
    #[track_caller]
    pub fn dynamic_shared<T: Element>(&self) -> SharedArray<T> {
        let len = self.block.dynamic_bytes / std::mem::size_of::<T>();
        self.block
            .shared(usize::MAX, len, "dynamic_shared", Location::caller())
    }
}

/// A block's shared array (from [`ThreadCtx::shared_array`] or [`ThreadCtx::dynamic_shared`]).
///
/// Every access is checked for data races between the block's threads (compute-sanitizer's racecheck): two
/// threads touching one element between the same two barriers, one of them writing, fail the launch naming
/// both threads. Atomic operations ([`crate::atomic`]) never race.
#[derive(Debug, Clone)]
pub struct SharedArray<T: Element> {
    inner: Rc<SharedCells<T>>,
}

#[derive(Debug)]
struct SharedCells<T: Element> {
    cells: Vec<T::Cell>,
    /// Per element, the last plain write and the last plain read, each `(barrier interval + 1) << 32 |
    /// thread` (0 for none); a read's thread is [`MANY`] when several threads read it in one interval.
    meta: Vec<[Cell<u64>; 2]>,
    clock: Rc<BlockClock>,
    /// Whether accesses are checked for races.
    check: bool,
    name: &'static str,
    slot: usize,
}

/// A thread number meaning "several threads".
const MANY: u32 = u32::MAX;

/// The block's barrier interval and running thread, for the race check.
#[derive(Debug)]
struct BlockClock {
    interval: Cell<u32>,
    thread: Cell<u32>,
    /// `(interval + 1) << 32 | thread`, kept up to date by `set`.
    stamp: Cell<u64>,
    block_dim: Dim3,
}

impl BlockClock {
    fn set(&self, interval: u32, thread: u32) {
        self.interval.set(interval);
        self.thread.set(thread);
        self.stamp
            .set((u64::from(interval) + 1) << 32 | u64::from(thread));
    }

    fn thread_text(&self, linear: u32) -> String {
        let d = self.block_dim;
        let (x, y, z) = (linear % d.x, linear / d.x % d.y, linear / (d.x * d.y));
        format!("tid={}", fault::triple(Dim3::new(x, y, z)))
    }
}

impl<T: Element> SharedCells<T> {
    #[inline(always)]
    fn meta(&self, k: usize) -> &[Cell<u64>; 2] {
        // SAFETY: `k` was checked against `cells`, and `meta` has as many entries.
        unsafe { self.meta.get_unchecked(k) }
    }

    #[inline(always)]
    fn check_read(&self, k: usize, location: &'static Location<'static>) {
        let now = self.clock.stamp.get();
        let [w, r] = self.meta(k);
        let (w, r_now) = (w.get(), r.get());
        if w >> 32 == now >> 32 && w != now {
            self.race(k, "reads", w as u32, "wrote", location);
        }
        let many = (now & !0xffff_ffff) | u64::from(MANY);
        if r_now != now && r_now != many {
            r.set(if r_now >> 32 == now >> 32 { many } else { now });
        }
    }

    #[inline(always)]
    fn check_write(&self, k: usize, location: &'static Location<'static>) {
        let now = self.clock.stamp.get();
        let [w_cell, r_cell] = self.meta(k);
        let (w, r) = (w_cell.get(), r_cell.get());
        if (w >> 32 == now >> 32 && w != now) || (r >> 32 == now >> 32 && r != now) {
            self.write_race(k, w, r, now, location);
        }
        w_cell.set(now);
    }

    #[cold]
    #[inline(never)]
    fn write_race(&self, k: usize, w: u64, r: u64, now: u64, location: &'static Location<'static>) {
        if w >> 32 == now >> 32 && w != now {
            self.race(k, "writes", w as u32, "wrote", location);
        } else {
            self.race(k, "writes", r as u32, "read", location);
        }
    }

    #[cold]
    #[inline(never)]
    fn race(
        &self,
        k: usize,
        access: &str,
        other: u32,
        other_access: &str,
        location: &'static Location<'static>,
    ) {
        let who = if other == MANY {
            "other threads".to_string()
        } else {
            self.clock.thread_text(other)
        };
        let array = if self.slot == usize::MAX {
            "dynamic shared memory".to_string()
        } else {
            format!("{} slot {}", self.name, self.slot)
        };
        fault::fault(
            location,
            format_args!(
                "data race on {array} element {k}: this thread {access} it after {who} {other_access} it with no syncthreads() between (use a barrier, or an atomic)"
            ),
        );
    }
}

impl<T: Element> SharedArray<T> {
    /// Element `i` (an index out of bounds fails the launch with the thread and line; it reads as zero).
    #[inline(always)]
    #[track_caller]
    pub fn get<I: Idx>(&self, i: I) -> T {
        let k = i.index_i64();
        match in_bounds(k, self.inner.cells.len()) {
            Some(k) => {
                if self.inner.check {
                    self.inner.check_read(k, Location::caller());
                }
                T::load(&self.inner.cells[k])
            }
            None => {
                out_of_bounds(k, self.inner.cells.len(), Location::caller());
                T::default()
            }
        }
    }
    /// Sets element `i` (out of bounds: the launch fails, nothing is written).
    #[inline(always)]
    #[track_caller]
    pub fn set<I: Idx>(&self, i: I, value: T) {
        let k = i.index_i64();
        match in_bounds(k, self.inner.cells.len()) {
            Some(k) => {
                if self.inner.check {
                    self.inner.check_write(k, Location::caller());
                }
                T::store(&self.inner.cells[k], value)
            }
            None => out_of_bounds(k, self.inner.cells.len(), Location::caller()),
        }
    }
    /// The cell at `k` (already checked) for atomics.
    #[inline]
    pub(crate) fn cell(&self, k: usize) -> &T::Cell {
        &self.inner.cells[k]
    }
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.inner.cells.len()
    }
    /// Whether it has no elements.
    pub fn is_empty(&self) -> bool {
        self.inner.cells.is_empty()
    }
}

/// A block's shared array without the race check, for kernels written with `#[gpu::kernel]` when the check
/// is off: the cells' address and length in registers, no per-access branch on the check and no reload
/// through the `Rc` (which keeps the cells alive).
#[derive(Debug)]
pub struct FastShared<T: Element> {
    ptr: *const T::Cell,
    len: usize,
    keep: SharedArray<T>,
}

impl<T: Element> FastShared<T> {
    pub(crate) fn new(keep: SharedArray<T>) -> FastShared<T> {
        let (ptr, len) = (keep.inner.cells.as_ptr(), keep.inner.cells.len());
        FastShared { ptr, len, keep }
    }
    /// Element `i` (out of bounds: the launch fails with the thread and line, and it reads as zero).
    #[inline(always)]
    #[track_caller]
    pub fn get<I: Idx>(&self, i: I) -> T {
        let k = i.index_i64();
        if (k as u64) < self.len as u64 {
            // SAFETY: `k < len`, the length of the cells `keep` holds alive.
            T::load(unsafe { &*self.ptr.add(k as usize) })
        } else {
            fault::defer_out_of_bounds(
                [k, 0, 0],
                [self.len, 0, 0],
                1,
                Location::caller(),
                usize::MAX,
            );
            T::default()
        }
    }
    /// Sets element `i` (out of bounds: the launch fails, nothing is written).
    #[inline(always)]
    #[track_caller]
    pub fn set<I: Idx>(&self, i: I, value: T) {
        let k = i.index_i64();
        if (k as u64) < self.len as u64 {
            // SAFETY: as in `get`.
            T::store(unsafe { &*self.ptr.add(k as usize) }, value)
        } else {
            fault::defer_out_of_bounds(
                [k, 0, 0],
                [self.len, 0, 0],
                1,
                Location::caller(),
                usize::MAX,
            )
        }
    }
    /// Number of elements.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether it has no elements.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The shared array itself (for atomics).
    pub(crate) fn array(&self) -> &SharedArray<T> {
        &self.keep
    }
}

/// `cells[k]` for an offset the caller has checked (every axis in bounds, and a view's extents multiply to
/// its length, which `View::new` asserts).
#[inline(always)]
pub(crate) fn unchecked<C>(cells: &[C], k: usize) -> &C {
    debug_assert!(k < cells.len());
    // SAFETY: `k < cells.len()` by the caller's bounds check (see above).
    unsafe { cells.get_unchecked(k) }
}

#[cold]
#[inline(never)]
fn out_of_bounds(k: i64, len: usize, location: &'static Location<'static>) {
    fault::fault(
        location,
        format_args!("index {k} is out of bounds for axis 0 with size {len}"),
    )
}

/// Records an out-of-bounds access of `index` in an array of `shape` (1-3 axes).
#[cold]
#[inline(never)]
pub(crate) fn report_out_of_bounds(
    index: &[i64],
    shape: &[usize],
    location: &'static Location<'static>,
) {
    if index.len() == 1 {
        out_of_bounds(index[0], shape[0], location)
    } else {
        axis_out_of_bounds(index, shape, location)
    }
}

#[cold]
#[inline(never)]
fn axis_out_of_bounds(index: &[i64], shape: &[usize], location: &'static Location<'static>) {
    let axis = (0..index.len())
        .find(|&a| in_bounds(index[a], shape[a]).is_none())
        .unwrap_or(0);
    fault::fault(
        location,
        format_args!(
            "index {} is out of bounds for axis {axis} with size {} (index {index:?}, shape {shape:?})",
            index[axis], shape[axis]
        ),
    )
}

#[cold]
#[inline(never)]
fn range_out_of_bounds(range: Range<usize>, len: usize, location: &'static Location<'static>) {
    fault::fault(
        location,
        format_args!("range {range:?} is out of bounds for length {len}"),
    )
}

/// A simulator array as a kernel sees it: shared by every thread, readable and writable from any of them.
/// Get one with [`crate::DeviceArray::view`]. It is a borrowed handle, `Copy` like a slice reference, so one
/// view can go into several kernels.
#[derive(Debug)]
pub struct View<'a, T: Element> {
    cells: &'a [T::Cell],
    dims: [usize; 3],
    races: Option<Races<'a>>,
}

// Written out because `derive` would ask the atomic cells themselves to be `Copy`.
impl<T: Element> Clone for View<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Element> Copy for View<'_, T> {}

impl<'a, T: Element> View<'a, T> {
    pub(crate) fn new(cells: &'a [T::Cell], dims: [usize; 3]) -> View<'a, T> {
        // The accessors rely on it: an in-bounds index of every axis is a flat offset below `cells.len()`.
        assert_eq!(
            dims.iter().product::<usize>(),
            cells.len(),
            "a view's extents match its cells"
        );
        View {
            cells,
            dims,
            races: None,
        }
    }
    /// The cells and extents (for the race-free span form of `#[gpu::kernel]`).
    pub(crate) fn parts(&self) -> (&'a [T::Cell], [usize; 3]) {
        (self.cells, self.dims)
    }
    /// The same view with its accesses checked for data races.
    pub(crate) fn with_races(mut self, races: Option<Races<'a>>) -> View<'a, T> {
        self.races = races;
        self
    }
    #[inline(always)]
    fn load(&self, k: usize, at: &'static Location<'static>) -> T {
        if let Some(races) = self.races {
            races.read(k, at);
        }
        T::load(unchecked(self.cells, k))
    }
    #[inline(always)]
    fn store(&self, k: usize, value: T, at: &'static Location<'static>) {
        // Writing the value an element already holds changes nothing a reader could see: threads storing
        // the same result (an overhanging grid, a z extent the kernel ignores) are not reported. Whether the
        // store changed the element is decided by the store itself (an atomic swap, bit for bit), so of two
        // threads storing one value at once on two OS threads exactly one changes it, in every interleaving;
        // a separate load and store let both see the old value and report each other.
        if let Some(races) = self.races {
            let old = T::update(unchecked(self.cells, k), |_| value);
            if old.to_bits64() != value.to_bits64() {
                races.write(k, at);
            }
            return;
        }
        T::store(unchecked(self.cells, k), value)
    }
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.cells.len()
    }
    /// Whether it has no elements.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
    /// The `[d0, d1, d2]` extents (trailing 1s for fewer dimensions).
    pub fn dims(&self) -> [usize; 3] {
        self.dims
    }
    /// The flat elements `range` as a 1-D view (`view.range(a..b).get(0)` is `view.get(a)`): a span kernel's
    /// inner loop indexes these from 0, which lets the compiler drop the per-element bounds checks.
    ///
    /// A range out of bounds or decreasing fails the launch with the range in its error, and gives an empty
    /// view (in host code, outside a launch, it panics as slice indexing does).
    #[inline(always)]
    #[track_caller]
    pub fn range(&self, range: Range<usize>) -> View<'a, T> {
        match self.cells.get(range.clone()) {
            Some(cells) => View {
                cells,
                dims: [cells.len(), 1, 1],
                races: self.races.map(|r| r.range(range)),
            },
            None => {
                range_out_of_bounds(range, self.cells.len(), Location::caller());
                View {
                    cells: &[],
                    dims: [0, 1, 1],
                    races: None,
                }
            }
        }
    }
    /// Element `i` of the flat (row-major) array. Out of bounds (a negative index included), the launch fails
    /// with the thread's indices and this call's source line, and the read gives zero.
    #[inline(always)]
    #[track_caller]
    pub fn get<I: Idx>(&self, i: I) -> T {
        let k = i.index_i64();
        match in_bounds(k, self.cells.len()) {
            Some(k) => self.load(k, Location::caller()),
            None => {
                out_of_bounds(k, self.cells.len(), Location::caller());
                T::default()
            }
        }
    }
    /// Sets element `i` of the flat array (out of bounds: the launch fails, nothing is written).
    #[inline(always)]
    #[track_caller]
    pub fn set<I: Idx>(&self, i: I, value: T) {
        let k = i.index_i64();
        match in_bounds(k, self.cells.len()) {
            Some(k) => self.store(k, value, Location::caller()),
            None => out_of_bounds(k, self.cells.len(), Location::caller()),
        }
    }
    /// Element `[i, j]` of a 2-D array (numpy's `A[i, j]`: row `i`, column `j`); out of bounds as
    /// [`View::get`], the error naming the axis.
    #[inline(always)]
    #[track_caller]
    pub fn get2<I: Idx, J: Idx>(&self, i: I, j: J) -> T {
        match self.offset2(i.index_i64(), j.index_i64(), Location::caller()) {
            Some(k) => self.load(k, Location::caller()),
            None => T::default(),
        }
    }
    /// Sets element `[i, j]`.
    #[inline(always)]
    #[track_caller]
    pub fn set2<I: Idx, J: Idx>(&self, i: I, j: J, value: T) {
        if let Some(k) = self.offset2(i.index_i64(), j.index_i64(), Location::caller()) {
            self.store(k, value, Location::caller())
        }
    }
    /// Element `[i, j, k]` of a 3-D array.
    #[inline(always)]
    #[track_caller]
    pub fn get3<I: Idx, J: Idx, K: Idx>(&self, i: I, j: J, k: K) -> T {
        match self.offset3(
            i.index_i64(),
            j.index_i64(),
            k.index_i64(),
            Location::caller(),
        ) {
            Some(k) => self.load(k, Location::caller()),
            None => T::default(),
        }
    }
    /// Sets element `[i, j, k]`.
    #[inline(always)]
    #[track_caller]
    pub fn set3<I: Idx, J: Idx, K: Idx>(&self, i: I, j: J, k: K, value: T) {
        if let Some(k) = self.offset3(
            i.index_i64(),
            j.index_i64(),
            k.index_i64(),
            Location::caller(),
        ) {
            self.store(k, value, Location::caller())
        }
    }
    /// The cell at flat offset `k` (already checked) for atomics.
    #[inline(always)]
    pub(crate) fn cell(&self, k: usize) -> &T::Cell {
        &self.cells[k]
    }

    #[inline(always)]
    pub(crate) fn offset2(
        &self,
        i: i64,
        j: i64,
        location: &'static Location<'static>,
    ) -> Option<usize> {
        let [rows, cols, _] = self.dims;
        match (in_bounds(i, rows), in_bounds(j, cols)) {
            (Some(i), Some(j)) => Some(i * cols + j),
            _ => {
                axis_out_of_bounds(&[i, j], &[rows, cols], location);
                None
            }
        }
    }

    #[inline(always)]
    pub(crate) fn offset3(
        &self,
        i: i64,
        j: i64,
        k: i64,
        location: &'static Location<'static>,
    ) -> Option<usize> {
        let [a, b, c] = self.dims;
        match (in_bounds(i, a), in_bounds(j, b), in_bounds(k, c)) {
            (Some(i), Some(j), Some(k)) => Some((i * b + j) * c + k),
            _ => {
                axis_out_of_bounds(&[i, j, k], &[a, b, c], location);
                None
            }
        }
    }
}

/// One block's shared memory (lives for the block's run, on the OS thread that runs it).
pub(crate) struct BlockState {
    dynamic_bytes: usize,
    static_bytes: Cell<usize>,
    arrays: RefCell<Vec<(usize, Rc<dyn Any>)>>,
    /// What each suspended thread waits for (`None` while it runs and once it has returned).
    pub(crate) waits: Vec<Cell<Option<Wait>>>,
    /// Each thread's result of the warp function it waited at.
    pub(crate) results: Vec<Cell<u64>>,
    clock: Rc<BlockClock>,
    /// Whether shared arrays check for data races (the device's race check).
    racecheck: bool,
}

impl BlockState {
    fn new(dynamic_bytes: usize, block_dim: Dim3, racecheck: bool) -> BlockState {
        BlockState {
            racecheck,
            dynamic_bytes,
            static_bytes: Cell::new(0),
            arrays: RefCell::new(Vec::new()),
            waits: Vec::new(),
            results: Vec::new(),
            clock: Rc::new(BlockClock {
                interval: Cell::new(0),
                thread: Cell::new(0),
                stamp: Cell::new(1 << 32),
                block_dim,
            }),
        }
    }

    /// Sets the running thread (its linear index in the block), for the race check.
    #[inline]
    fn running(&self, linear: u32) {
        self.clock.set(self.clock.interval.get(), linear);
    }

    fn fresh<T: Element>(&self, what: &'static str, slot: usize, len: usize) -> Rc<SharedCells<T>> {
        Rc::new(SharedCells {
            cells: (0..len).map(|_| T::cell(T::default())).collect(),
            meta: (0..len).map(|_| [Cell::new(0), Cell::new(0)]).collect(),
            clock: Rc::clone(&self.clock),
            check: self.racecheck,
            name: what,
            slot,
        })
    }

    fn shared<T: Element>(
        &self,
        slot: usize,
        len: usize,
        what: &'static str,
        location: &'static Location<'static>,
    ) -> SharedArray<T> {
        let mut arrays = self.arrays.borrow_mut();
        if let Some((_, any)) = arrays.iter().find(|(s, _)| *s == slot) {
            let Ok(inner) = Rc::clone(any).downcast::<SharedCells<T>>() else {
                fault::fault(
                    location,
                    format_args!(
                        "{what} slot {slot} was first created with another element type than {}",
                        T::DTYPE
                    ),
                );
                return SharedArray {
                    inner: self.fresh(what, slot, len),
                };
            };
            if inner.cells.len() != len {
                fault::fault(
                    location,
                    format_args!(
                        "{what} slot {slot} has {} elements, asked for {len}",
                        inner.cells.len()
                    ),
                );
            }
            return SharedArray { inner };
        }
        if slot != usize::MAX {
            let bytes = self.static_bytes.get() + len * std::mem::size_of::<T>();
            if bytes + self.dynamic_bytes > MAX_SHARED_BYTES {
                fault::fault(
                    location,
                    format_args!(
                        "shared memory of the block would reach {} bytes (static {bytes} + dynamic {}), over the {MAX_SHARED_BYTES}-byte limit",
                        bytes + self.dynamic_bytes,
                        self.dynamic_bytes
                    ),
                );
                return SharedArray {
                    inner: self.fresh(what, slot, 0),
                };
            }
            self.static_bytes.set(bytes);
        }
        let inner = self.fresh::<T>(what, slot, len);
        arrays.push((slot, inner.clone() as Rc<dyn Any>));
        SharedArray { inner }
    }
}

/// Below this estimated run time (the first work item's time times the number of items) a launch runs on the
/// calling thread: waking rayon's workers and joining them costs several microseconds (more on a busy
/// machine), so on 2 cores splitting pays only above about twice that. Measured with the mat_add bench:
/// 128x128 (about 5 µs of work) runs faster inline, 256x256 (about 20 µs) faster on two threads.
const PARALLEL_MIN: Duration = Duration::from_micros(15);
/// From this many simulated threads (or with coroutines, from two blocks) a launch surely outlasts
/// [`PARALLEL_MIN`] (at 0.3 ns a thread, the cheapest span loop, 65536 threads take 20 µs), so its helpers
/// are woken before the first item instead of after timing it: they get its duration to wake up, which
/// matters most when there are few, long items (the tiled matmul's 16 blocks at 64x64).
const EAGER_THREADS: u64 = 65536;

/// Where a launch's work items run: `Auto` decides from the first item's time, `Eager` shares them from the
/// start (see [`EAGER_THREADS`]); `Parallel` and `Inline` are for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Schedule {
    Auto,
    Eager,
    #[cfg_attr(not(test), allow(dead_code))]
    Parallel,
    #[cfg_attr(not(test), allow(dead_code))]
    Inline,
}

/// Runs `item(i)` for every `i` in `0..count`. `Auto`: item 0 on the calling thread, timed, then the rest
/// either shared with rayon's workers ([`share`]) or, when the whole launch looks shorter than
/// [`PARALLEL_MIN`] or the pool has one thread, on the calling thread alone. `Eager`: all shared at once.
fn for_each_item(count: usize, schedule: Schedule, item: impl Fn(usize) + Sync) {
    if count == 0 {
        return;
    }
    let helpers = rayon::current_num_threads().saturating_sub(1);
    match schedule {
        Schedule::Parallel => share(0..count, helpers.max(1), &item),
        Schedule::Eager => share(0..count, helpers, &item),
        Schedule::Inline => (0..count).for_each(item),
        Schedule::Auto => {
            let started = Instant::now();
            item(0);
            let estimate = started
                .elapsed()
                .saturating_mul(count.try_into().unwrap_or(u32::MAX));
            if estimate < PARALLEL_MIN || helpers == 0 {
                (1..count).for_each(item);
            } else {
                share(1..count, helpers, &item);
            }
        }
    }
}

/// Runs the per-thread `kernel` over the grid of `cfg` (already validated), block by block.
#[cfg(test)]
pub(crate) fn run<F>(name: &str, cfg: &LaunchConfig, barriers: Barriers, kernel: &F) -> Result<()>
where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    run_with_stack(name, cfg, barriers, STACK_BYTES, true, kernel)
}

/// [`run`] with coroutine stacks of `stack_bytes`.
pub(crate) fn run_with_stack<F>(
    name: &str,
    cfg: &LaunchConfig,
    barriers: Barriers,
    stack_bytes: usize,
    racecheck: bool,
    kernel: &F,
) -> Result<()>
where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    let eager = cfg.grid.count().saturating_mul(cfg.block.count()) >= u128::from(EAGER_THREADS)
        || (barriers == Barriers::Sync && cfg.grid.count() >= 2);
    let schedule = if eager {
        Schedule::Eager
    } else {
        Schedule::Auto
    };
    run_scheduled(
        name,
        cfg,
        barriers,
        schedule,
        stack_bytes,
        racecheck,
        kernel,
    )
}

/// The coroutine stack for a kernel whose local arrays take `local_bytes` per thread, or an error past CUDA's
/// 512 KiB limit.
pub(crate) fn stack_bytes_for(name: &str, local_bytes: usize) -> Result<usize> {
    if local_bytes > MAX_LOCAL_BYTES {
        return Err(Error::BadLaunch {
            kernel: name.to_string(),
            why: format!(
                "its local arrays take {local_bytes} bytes per thread, over CUDA's limit of {MAX_LOCAL_BYTES} (512 KiB); use a device array or shared memory"
            ),
        });
    }
    Ok(STACK_BYTES.max(4 * local_bytes + 256 * 1024))
}

pub(crate) fn run_scheduled<F>(
    name: &str,
    cfg: &LaunchConfig,
    barriers: Barriers,
    schedule: Schedule,
    stack_bytes: usize,
    racecheck: bool,
    kernel: &F,
) -> Result<()>
where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    check_extents(name, cfg)?;
    let grid = cfg.grid;
    let blocks = usize::try_from(grid.count()).map_err(|_| too_big(name, cfg))?;
    let mut faults = Faults::new(cfg.grid, cfg.block);
    faults.racecheck = racecheck;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        for_each_item(blocks, schedule, |b| {
            if faults.failed() {
                return;
            }
            let _in = fault::enter(&faults);
            let x = (b % grid.x as usize) as u32;
            let y = ((b / grid.x as usize) % grid.y as usize) as u32;
            let z = (b / (grid.x as usize * grid.y as usize)) as u32;
            let block_idx = Dim3::new(x, y, z);
            match barriers {
                Barriers::None => {
                    run_block_loop_on_stack(cfg, block_idx, b, &faults, stack_bytes, kernel)
                }
                Barriers::Sync => {
                    run_block_coroutines(cfg, block_idx, b, &faults, stack_bytes, kernel)
                }
            }
        });
    }));
    finish(name, &faults, outcome)
}

/// The launch's outcome: the first recorded fault, else a panic of the kernel's own code, else success.
fn finish(name: &str, faults: &Faults, outcome: std::thread::Result<()>) -> Result<()> {
    if let Some(message) = faults.take() {
        return Err(Error::KernelFailed {
            kernel: name.to_string(),
            message,
        });
    }
    outcome.map_err(|payload| failed(name, &*payload))
}

/// Whether every index the simulator computes for a launch of `cfg` fits in a `usize`: the grid's threads
/// along each axis (`gridsize`, and so every `grid1/2/3` index), its blocks along x and y together, and
/// its threads in all (so the linear block and thread indices too). A launch failing it is refused with
/// [`Error::BadLaunch`] before any thread runs, never wrapped or left to panic. On 64-bit targets it
/// refuses only grids of more than 2^64 threads, past CUDA's limits in all but the last factors (a grid of
/// that many threads would not finish on the simulator anyway).
pub(crate) fn check_extents(name: &str, cfg: &LaunchConfig) -> Result<()> {
    let (g, b) = (cfg.grid, cfg.block);
    let fits = |n: u128| usize::try_from(n).is_ok();
    let ok = [(g.x, b.x), (g.y, b.y), (g.z, b.z)]
        .iter()
        .all(|&(g, b)| fits(u128::from(g) * u128::from(b)))
        && fits(u128::from(g.x) * u128::from(g.y))
        && fits(g.count().saturating_mul(b.count()));
    if ok { Ok(()) } else { Err(too_big(name, cfg)) }
}

fn too_big(name: &str, cfg: &LaunchConfig) -> Error {
    Error::BadLaunch {
        kernel: name.to_string(),
        why: format!(
            "grid {:?} of blocks {:?} has more threads than the simulator can count on this machine",
            cfg.grid, cfg.block
        ),
    }
}

fn failed(name: &str, payload: &(dyn Any + Send)) -> Error {
    Error::KernelFailed {
        kernel: name.to_string(),
        message: panic_message(payload),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "the kernel panicked with a non-text payload".to_string()
    }
}

fn thread_indices(block: Dim3) -> impl Iterator<Item = Dim3> {
    (0..block.z).flat_map(move |z| {
        (0..block.y).flat_map(move |y| (0..block.x).map(move |x| Dim3::new(x, y, z)))
    })
}

fn run_block_loop<F>(
    cfg: &LaunchConfig,
    block_idx: Dim3,
    block_linear: usize,
    faults: &Faults,
    kernel: &F,
) where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    let state = BlockState::new(cfg.shared_bytes as usize, cfg.block, faults.racecheck);
    let mut ctx = ThreadCtx {
        thread_idx: Dim3::new(0, 0, 0),
        linear: 0,
        block_idx,
        block_dim: cfg.block,
        grid_dim: cfg.grid,
        block: &state,
        yielder: None,
    };
    let mut linear = 0;
    for z in 0..cfg.block.z {
        for y in 0..cfg.block.y {
            for x in 0..cfg.block.x {
                ctx.thread_idx = Dim3::new(x, y, z);
                ctx.linear = linear as usize;
                fault::set_site(
                    Site::Thread {
                        thread: ctx.thread_idx,
                        block: block_idx,
                    },
                    stamp(faults.launch, block_linear as u64, u64::from(linear), 0),
                );
                state.running(linear);
                linear += 1;
                kernel(&ctx);
                fault::flush_deferred();
                if faults.failed() {
                    return;
                }
            }
        }
    }
}

/// [`run_block_loop`] on a simulated thread's stack (one coroutine for the block, reusing the pool's
/// stacks): a kernel whose local arrays overflow it fails the launch naming the thread, as in a kernel with
/// barriers, instead of overflowing the OS thread's stack.
fn run_block_loop_on_stack<F>(
    cfg: &LaunchConfig,
    block_idx: Dim3,
    block_linear: usize,
    faults: &Faults,
    stack_bytes: usize,
    kernel: &F,
) where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    let stack = take_stack(stack_bytes);
    let limit = corosensei::stack::Stack::limit(&stack).get();
    let body =
        move |_: &Yielder<(), ()>, ()| run_block_loop(cfg, block_idx, block_linear, faults, kernel);
    // SAFETY: the coroutine borrows `cfg`, `faults` and `kernel`, which outlive it: it is run to completion
    // (the loop never suspends: its context has no yielder) or unwound by its panic, before this returns.
    let mut block = unsafe { Coroutine::with_stack_unchecked(stack, body) };
    let table = [overflow::Running {
        trap: block.trap_handler(),
        limit,
    }];
    let watch = overflow::watch(&table);
    let resumed = catch_unwind(AssertUnwindSafe(|| block.resume(())));
    drop(watch);
    if overflow::overflowed() {
        overflowed_stack(fault::running_thread(), block_idx, stack_bytes);
    }
    match resumed {
        Ok(CoroutineResult::Return(())) => give_back_stack(block.into_stack(), stack_bytes),
        Ok(CoroutineResult::Yield(())) => unreachable!("a block loop never suspends"),
        Err(payload) => resume_unwind(payload),
    }
}

type SimThread = Coroutine<(), (), (), DefaultStack>;

thread_local! {
    /// Stacks of finished simulated threads, reused by the next block run on this OS thread.
    static STACKS: RefCell<Vec<DefaultStack>> = const { RefCell::new(Vec::new()) };
}

fn take_stack(bytes: usize) -> DefaultStack {
    if bytes == STACK_BYTES {
        if let Some(stack) = STACKS.with(|s| s.borrow_mut().pop()) {
            return stack;
        }
    }
    match DefaultStack::new(bytes) {
        Ok(stack) => stack,
        Err(err) => {
            panic!("could not allocate a {bytes}-byte stack for a simulated thread: {err}")
        }
    }
}

fn give_back_stack(stack: DefaultStack, bytes: usize) {
    // Stacks of the default size are kept for the next block; larger ones (a kernel's big local arrays) are
    // unmapped.
    if bytes == STACK_BYTES {
        STACKS.with(|s| s.borrow_mut().push(stack));
    }
}

fn run_block_coroutines<F>(
    cfg: &LaunchConfig,
    block_idx: Dim3,
    block_linear: usize,
    faults: &Faults,
    stack_bytes: usize,
    kernel: &F,
) where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    let indices: Vec<Dim3> = thread_indices(cfg.block).collect();
    let mut state = BlockState::new(cfg.shared_bytes as usize, cfg.block, faults.racecheck);
    state.waits = indices.iter().map(|_| Cell::new(None)).collect();
    state.results = indices.iter().map(|_| Cell::new(0)).collect();
    let state = state;
    let mut threads: Vec<Option<SimThread>> = Vec::with_capacity(indices.len());
    // The lowest address of each thread's stack mapping (its guard page), for the overflow check.
    let mut limits: Vec<usize> = Vec::with_capacity(indices.len());
    for (linear, &thread_idx) in indices.iter().enumerate() {
        let state = &state;
        let body = move |yielder: &Yielder<(), ()>, ()| {
            let ctx = ThreadCtx {
                thread_idx,
                linear,
                block_idx,
                block_dim: cfg.block,
                grid_dim: cfg.grid,
                block: state,
                yielder: Some(yielder),
            };
            kernel(&ctx);
        };
        // SAFETY: the coroutine borrows `state`, `cfg` and `kernel`, which outlive `threads`:
        // every coroutine is either run to completion below or dropped (unwound) before this function returns,
        // never forgotten.
        let stack = take_stack(stack_bytes);
        limits.push(corosensei::stack::Stack::limit(&stack).get());
        threads.push(Some(unsafe {
            Coroutine::with_stack_unchecked(stack, body)
        }));
    }
    // Each round resumes the runnable threads until their next `syncthreads` or warp function, or their
    // return. Then warp functions whose lanes have all arrived complete (`warp::resolve`) and their threads
    // run on; when none can, a barrier releases once every live thread has reached it (threads that returned
    // count as arrived); a warp function that can never complete fails the launch instead of hanging.
    let mut live: Vec<usize> = (0..threads.len()).collect();
    let mut runnable = live.clone();
    // How many threads wait at a warp function (without any, a round needs no warp resolution) and at a
    // barrier (when all live threads do, it releases).
    let (mut at_warp, mut at_barrier) = (0usize, 0usize);
    let table: Vec<overflow::Running> = threads
        .iter()
        .zip(&limits)
        .filter_map(|(t, &limit)| {
            t.as_ref().map(|t| overflow::Running {
                trap: t.trap_handler(),
                limit,
            })
        })
        .collect();
    let _watch = overflow::watch(&table);
    loop {
        for &i in &runnable {
            let Some(thread) = threads[i].as_mut() else {
                continue;
            };
            fault::set_site(
                Site::Thread {
                    thread: indices[i],
                    block: block_idx,
                },
                stamp(
                    faults.launch,
                    block_linear as u64,
                    i as u64,
                    u64::from(state.clock.interval.get()),
                ),
            );
            state.running(i as u32);
            let resumed = catch_unwind(AssertUnwindSafe(|| thread.resume(())));
            if overflow::overflowed() {
                overflowed_stack(indices[i], block_idx, stack_bytes);
            }
            fault::flush_deferred();
            match resumed {
                Ok(CoroutineResult::Yield(())) => match state.waits[i].get() {
                    Some(Wait::Warp(_)) => at_warp += 1,
                    _ => at_barrier += 1,
                },
                Ok(CoroutineResult::Return(())) => {
                    state.waits[i].set(None);
                    if let Some(done) = threads[i].take() {
                        give_back_stack(done.into_stack(), stack_bytes);
                    }
                }
                Err(payload) => {
                    // Unwind the other threads' stacks now, while this OS thread is not panicking.
                    drop(threads);
                    resume_unwind(payload);
                }
            }
        }
        live.retain(|&i| threads[i].is_some());
        if live.is_empty() {
            break;
        }
        runnable.clear();
        if at_warp > 0 {
            runnable = warp::resolve(&state.waits, &state.results);
            at_warp -= runnable.len();
        }
        if runnable.is_empty() {
            if at_barrier == live.len() {
                check_barriers(&live, &indices, &state.waits, block_idx);
                runnable.extend_from_slice(&live);
                at_barrier = 0;
            } else {
                runnable = warp::release_stuck(&state.waits, &state.results, &indices, block_idx);
                at_warp -= runnable.len();
            }
        }
        state
            .clock
            .set(state.clock.interval.get() + 1, state.clock.thread.get());
    }
}

/// Records that simulated thread `thread` of `block` overflowed its coroutine stack of `stack_bytes`.
#[cold]
fn overflowed_stack(thread: Dim3, block: Dim3, stack_bytes: usize) {
    fault::fault_text(format!(
        "tid={} ctaid={}: the simulated thread overflowed its stack of {} KiB: its local arrays (or its \
         recursion) need more. CUDA allows {} KiB of local memory per thread; launch a kernel with large local \
         arrays with `Device::launch_sim_local` and their size, which sizes the stacks from it (or refuses \
         more than CUDA allows), or keep the data in a device array",
        fault::triple(thread),
        fault::triple(block),
        stack_bytes / 1024,
        MAX_LOCAL_BYTES / 1024
    ));
}

/// synccheck: every thread waiting at this barrier must wait at the same `syncthreads` call.
fn check_barriers(
    waiting: &[usize],
    indices: &[Dim3],
    waits: &[Cell<Option<Wait>>],
    block_idx: Dim3,
) {
    let barrier_at = |i: usize| match waits[i].get() {
        Some(Wait::Barrier(at)) => Some(at),
        _ => None,
    };
    let Some(&first) = waiting.first() else {
        return;
    };
    let at = barrier_at(first);
    // Call sites compare by address: one `syncthreads()` call has one `Location`.
    let same = |l: Option<&'static Location<'static>>| match (l, at) {
        (Some(a), Some(b)) => std::ptr::eq(a, b) || a == b,
        (None, None) => true,
        _ => false,
    };
    if let Some(&other) = waiting.iter().find(|&&i| !same(barrier_at(i))) {
        let place = |l: Option<&'static Location<'static>>| match l {
            Some(l) => format!("{}:{}:{}", l.file(), l.line(), l.column()),
            None => "an unknown place".to_string(),
        };
        fault::fault_text(format!(
            "ctaid={}: barrier divergence: tid={} waits at syncthreads() at {} while tid={} waits at {}; every thread of a block must reach the same syncthreads() (or return)",
            fault::triple(block_idx),
            fault::triple(indices[first]),
            place(at),
            fault::triple(indices[other]),
            place(barrier_at(other))
        ));
    }
}

#[cfg(test)]
mod tests;

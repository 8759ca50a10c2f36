//! The CPU simulator backend (numba's `NUMBA_ENABLE_CUDASIM`): runs a kernel written in Rust over a CUDA grid.
//!
//! Blocks are independent, so they run in parallel on rayon's pool. Inside a block, a kernel launched with
//! [`Barriers::None`] runs its threads one after another in a plain loop (the fast path). A kernel that calls
//! [`ThreadCtx::syncthreads`] must be launched with [`Barriers::Sync`]: each of its threads then runs as a
//! stackful coroutine (corosensei), `syncthreads` suspends it, and the block's scheduler resumes every live
//! thread in turn until all have arrived — a thread that has returned counts as arrived, as on CUDA.
//! No OS thread is created per GPU thread, and stacks are reused between blocks.

use crate::dtype::Element;
use crate::launch::{Dim3, LaunchConfig};
use crate::{Error, Result};
use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};
use rayon::prelude::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::rc::Rc;

/// Whether a simulated kernel synchronises its block's threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Barriers {
    /// The kernel never calls `syncthreads`: its threads run in a plain loop (fast).
    None,
    /// The kernel calls `syncthreads`: its threads run as coroutines.
    Sync,
}

/// Stack size of one simulated thread. Kernels are small functions; 256 KiB leaves room for debug builds.
const STACK_BYTES: usize = 256 * 1024;
/// Static shared memory per block, as on CUDA (dynamic shared memory is checked by `LaunchConfig::validate`).
const MAX_SHARED_BYTES: usize = 48 * 1024;

/// What one simulated GPU thread sees: its indices, the launch's dimensions, its block's shared memory and
/// the block barrier. numba's `cuda.grid`, `cuda.gridsize`, `cuda.threadIdx`... are methods here.
pub struct ThreadCtx<'a> {
    thread_idx: Dim3,
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
    pub fn thread_idx(&self) -> Dim3 {
        self.thread_idx
    }
    /// `blockIdx`.
    pub fn block_idx(&self) -> Dim3 {
        self.block_idx
    }
    /// `blockDim`.
    pub fn block_dim(&self) -> Dim3 {
        self.block_dim
    }
    /// `gridDim`.
    pub fn grid_dim(&self) -> Dim3 {
        self.grid_dim
    }

    /// `cuda.grid(1)`: the thread's absolute x index.
    pub fn grid1(&self) -> usize {
        self.thread_idx.x as usize + self.block_idx.x as usize * self.block_dim.x as usize
    }
    /// `cuda.grid(2)`: `(x, y)` absolute indices (x runs fastest: numba's `j, i = cuda.grid(2)`).
    pub fn grid2(&self) -> (usize, usize) {
        let y = self.thread_idx.y as usize + self.block_idx.y as usize * self.block_dim.y as usize;
        (self.grid1(), y)
    }
    /// `cuda.grid(3)`: `(x, y, z)` absolute indices.
    pub fn grid3(&self) -> (usize, usize, usize) {
        let z = self.thread_idx.z as usize + self.block_idx.z as usize * self.block_dim.z as usize;
        let (x, y) = self.grid2();
        (x, y, z)
    }
    /// `cuda.gridsize(1)`: threads in the whole grid along x (the stride of a grid-stride loop).
    pub fn gridsize1(&self) -> usize {
        self.grid_dim.x as usize * self.block_dim.x as usize
    }
    /// `cuda.gridsize(2)`.
    pub fn gridsize2(&self) -> (usize, usize) {
        (
            self.gridsize1(),
            self.grid_dim.y as usize * self.block_dim.y as usize,
        )
    }
    /// `cuda.gridsize(3)`.
    pub fn gridsize3(&self) -> (usize, usize, usize) {
        let (x, y) = self.gridsize2();
        (x, y, self.grid_dim.z as usize * self.block_dim.z as usize)
    }
    /// The thread's index within its block, x fastest (`tid` in most reductions).
    pub fn linear_thread_idx(&self) -> usize {
        let (t, d) = (self.thread_idx, self.block_dim);
        t.x as usize + d.x as usize * (t.y as usize + d.y as usize * t.z as usize)
    }

    /// `cuda.syncthreads()`: waits until every live thread of the block has arrived (threads that returned
    /// count as arrived).
    ///
    /// # Panics
    /// In a kernel launched with [`Barriers::None`]; the launch then fails with a clear error.
    pub fn syncthreads(&self) {
        match self.yielder {
            Some(yielder) => yielder.suspend(()),
            None => panic!(
                "syncthreads() was called in a kernel launched with Barriers::None; launch it with Barriers::Sync"
            ),
        }
    }

    /// `cuda.shared.array(len, T)`: the block's shared array number `slot`, created zeroed by the first thread
    /// that asks. Every thread of the block sees the same memory.
    ///
    /// # Panics
    /// When `slot` was created with another type or length, or the block's static shared memory would exceed
    /// 48 KiB; the launch then fails with a clear error.
    pub fn shared_array<T: Element>(&self, slot: usize, len: usize) -> SharedArray<T> {
        self.block.shared(slot, len, "shared_array")
    }

    /// `cuda.shared.array(0, T)` / CUDA's `extern __shared__`: the launch's dynamic shared memory seen as `T`s
    /// (`shared_bytes / size_of::<T>()` of them).
    ///
    /// # Panics
    /// When an earlier thread of the block took it as another type.
    pub fn dynamic_shared<T: Element>(&self) -> SharedArray<T> {
        let len = self.block.dynamic_bytes / std::mem::size_of::<T>();
        self.block.shared(usize::MAX, len, "dynamic_shared")
    }
}

/// A block's shared array (from [`ThreadCtx::shared_array`] or [`ThreadCtx::dynamic_shared`]).
#[derive(Debug, Clone)]
pub struct SharedArray<T: Element> {
    cells: Rc<Vec<T::Cell>>,
}

impl<T: Element> SharedArray<T> {
    /// Element `i`.
    ///
    /// # Panics
    /// When `i` is out of bounds (the launch then fails with the index in its error).
    #[inline]
    pub fn get(&self, i: usize) -> T {
        T::load(index(&self.cells, i))
    }
    /// Sets element `i`.
    ///
    /// # Panics
    /// When `i` is out of bounds.
    #[inline]
    pub fn set(&self, i: usize, value: T) {
        T::store(index(&self.cells, i), value)
    }
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.cells.len()
    }
    /// Whether it has no elements.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

#[inline(always)]
fn index<C>(cells: &[C], i: usize) -> &C {
    match cells.get(i) {
        Some(cell) => cell,
        None => out_of_bounds(i, cells.len()),
    }
}

#[cold]
#[inline(never)]
fn out_of_bounds(i: usize, len: usize) -> ! {
    panic!("index {i} is out of bounds for length {len}")
}

/// A simulator array as a kernel sees it: shared by every thread, readable and writable from any of them.
/// Get one with [`crate::DeviceArray::view`].
#[derive(Debug, Clone, Copy)]
pub struct View<'a, T: Element> {
    cells: &'a [T::Cell],
    dims: [usize; 3],
}

impl<'a, T: Element> View<'a, T> {
    pub(crate) fn new(cells: &'a [T::Cell], dims: [usize; 3]) -> View<'a, T> {
        View { cells, dims }
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
    /// Element `i` of the flat (row-major) array.
    ///
    /// # Panics
    /// When `i` is out of bounds (the launch then fails with the index in its error).
    #[inline]
    pub fn get(&self, i: usize) -> T {
        T::load(index(self.cells, i))
    }
    /// Sets element `i` of the flat array.
    ///
    /// # Panics
    /// When `i` is out of bounds.
    #[inline]
    pub fn set(&self, i: usize, value: T) {
        T::store(index(self.cells, i), value)
    }
    /// Element `[i, j]` of a 2-D array (numpy's `A[i, j]`: row `i`, column `j`).
    ///
    /// # Panics
    /// When `i` or `j` is out of bounds.
    #[inline]
    pub fn get2(&self, i: usize, j: usize) -> T {
        self.get(self.offset2(i, j))
    }
    /// Sets element `[i, j]`.
    ///
    /// # Panics
    /// When `i` or `j` is out of bounds.
    #[inline]
    pub fn set2(&self, i: usize, j: usize, value: T) {
        self.set(self.offset2(i, j), value)
    }
    /// Element `[i, j, k]` of a 3-D array.
    ///
    /// # Panics
    /// When an index is out of bounds.
    #[inline]
    pub fn get3(&self, i: usize, j: usize, k: usize) -> T {
        self.get(self.offset3(i, j, k))
    }
    /// Sets element `[i, j, k]`.
    ///
    /// # Panics
    /// When an index is out of bounds.
    #[inline]
    pub fn set3(&self, i: usize, j: usize, k: usize, value: T) {
        self.set(self.offset3(i, j, k), value)
    }

    #[inline]
    fn offset2(&self, i: usize, j: usize) -> usize {
        let [rows, cols, _] = self.dims;
        if i >= rows || j >= cols {
            panic!("index [{i}, {j}] is out of bounds for shape ({rows}, {cols})");
        }
        i * cols + j
    }

    #[inline]
    fn offset3(&self, i: usize, j: usize, k: usize) -> usize {
        let [a, b, c] = self.dims;
        if i >= a || j >= b || k >= c {
            panic!("index [{i}, {j}, {k}] is out of bounds for shape ({a}, {b}, {c})");
        }
        (i * b + j) * c + k
    }
}

/// One block's shared memory (lives for the block's run, on the OS thread that runs it).
struct BlockState {
    dynamic_bytes: usize,
    static_bytes: Cell<usize>,
    arrays: RefCell<Vec<(usize, Rc<dyn Any>)>>,
}

impl BlockState {
    fn new(dynamic_bytes: usize) -> BlockState {
        BlockState {
            dynamic_bytes,
            static_bytes: Cell::new(0),
            arrays: RefCell::new(Vec::new()),
        }
    }

    fn shared<T: Element>(&self, slot: usize, len: usize, what: &str) -> SharedArray<T> {
        let mut arrays = self.arrays.borrow_mut();
        if let Some((_, any)) = arrays.iter().find(|(s, _)| *s == slot) {
            let Ok(cells) = Rc::clone(any).downcast::<Vec<T::Cell>>() else {
                panic!(
                    "{what} slot {slot} was first created with another element type than {}",
                    T::DTYPE
                );
            };
            if cells.len() != len {
                panic!(
                    "{what} slot {slot} has {} elements, asked for {len}",
                    cells.len()
                );
            }
            return SharedArray { cells };
        }
        if slot != usize::MAX {
            let bytes = self.static_bytes.get() + len * std::mem::size_of::<T>();
            if bytes + self.dynamic_bytes > MAX_SHARED_BYTES {
                panic!(
                    "shared memory of the block would reach {} bytes (static {bytes} + dynamic {}), over the {MAX_SHARED_BYTES}-byte limit",
                    bytes + self.dynamic_bytes,
                    self.dynamic_bytes
                );
            }
            self.static_bytes.set(bytes);
        }
        let cells: Rc<Vec<T::Cell>> = Rc::new((0..len).map(|_| T::cell(T::default())).collect());
        arrays.push((slot, cells.clone() as Rc<dyn Any>));
        SharedArray { cells }
    }
}

/// Runs `kernel` over the grid of `cfg` (already validated) on rayon's pool, block by block.
pub(crate) fn run<F>(name: &str, cfg: &LaunchConfig, barriers: Barriers, kernel: &F) -> Result<()>
where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    let grid = cfg.grid;
    let blocks = grid.count() as usize;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        (0..blocks).into_par_iter().for_each(|b| {
            let x = (b % grid.x as usize) as u32;
            let y = ((b / grid.x as usize) % grid.y as usize) as u32;
            let z = (b / (grid.x as usize * grid.y as usize)) as u32;
            let block_idx = Dim3::new(x, y, z);
            match barriers {
                Barriers::None => run_block_loop(cfg, block_idx, kernel),
                Barriers::Sync => run_block_coroutines(cfg, block_idx, kernel),
            }
        });
    }));
    outcome.map_err(|payload| Error::KernelFailed {
        kernel: name.to_string(),
        message: panic_message(&*payload),
    })
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

fn run_block_loop<F>(cfg: &LaunchConfig, block_idx: Dim3, kernel: &F)
where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    let state = BlockState::new(cfg.shared_bytes as usize);
    let mut ctx = ThreadCtx {
        thread_idx: Dim3::new(0, 0, 0),
        block_idx,
        block_dim: cfg.block,
        grid_dim: cfg.grid,
        block: &state,
        yielder: None,
    };
    for z in 0..cfg.block.z {
        for y in 0..cfg.block.y {
            for x in 0..cfg.block.x {
                ctx.thread_idx = Dim3::new(x, y, z);
                kernel(&ctx);
            }
        }
    }
}

type SimThread = Coroutine<(), (), (), DefaultStack>;

thread_local! {
    /// Stacks of finished simulated threads, reused by the next block run on this OS thread.
    static STACKS: RefCell<Vec<DefaultStack>> = const { RefCell::new(Vec::new()) };
}

fn take_stack() -> DefaultStack {
    if let Some(stack) = STACKS.with(|s| s.borrow_mut().pop()) {
        return stack;
    }
    match DefaultStack::new(STACK_BYTES) {
        Ok(stack) => stack,
        Err(err) => {
            panic!("could not allocate a {STACK_BYTES}-byte stack for a simulated thread: {err}")
        }
    }
}

fn give_back_stack(stack: DefaultStack) {
    STACKS.with(|s| s.borrow_mut().push(stack));
}

fn run_block_coroutines<F>(cfg: &LaunchConfig, block_idx: Dim3, kernel: &F)
where
    F: Fn(&ThreadCtx<'_>) + Sync,
{
    let state = BlockState::new(cfg.shared_bytes as usize);
    let mut threads: Vec<Option<SimThread>> = Vec::with_capacity(cfg.block.count() as usize);
    for thread_idx in thread_indices(cfg.block) {
        let state = &state;
        let body = move |yielder: &Yielder<(), ()>, ()| {
            let ctx = ThreadCtx {
                thread_idx,
                block_idx,
                block_dim: cfg.block,
                grid_dim: cfg.grid,
                block: state,
                yielder: Some(yielder),
            };
            kernel(&ctx);
        };
        // SAFETY: the coroutine borrows `state`, `cfg` and `kernel`, which outlive `threads`: every coroutine is
        // either run to completion below or dropped (unwound) before this function returns, never forgotten.
        threads.push(Some(unsafe {
            Coroutine::with_stack_unchecked(take_stack(), body)
        }));
    }
    // Each round resumes every live thread until its next `syncthreads` or its return: a barrier releases
    // once every live thread has reached it, and threads that returned count as arrived.
    let mut live: Vec<usize> = (0..threads.len()).collect();
    while !live.is_empty() {
        let mut still = Vec::with_capacity(live.len());
        for &i in &live {
            let Some(thread) = threads[i].as_mut() else {
                continue;
            };
            match catch_unwind(AssertUnwindSafe(|| thread.resume(()))) {
                Ok(CoroutineResult::Yield(())) => still.push(i),
                Ok(CoroutineResult::Return(())) => {
                    if let Some(done) = threads[i].take() {
                        give_back_stack(done.into_stack());
                    }
                }
                Err(payload) => {
                    // Unwind the other threads' stacks now, while this OS thread is not panicking.
                    drop(threads);
                    resume_unwind(payload);
                }
            }
        }
        live = still;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::launch::LaunchConfig;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn every_thread_of_every_block_runs_once_with_its_indices() {
        let cfg = LaunchConfig::new((3, 2, 2), (4, 2, 3));
        let seen: Vec<AtomicUsize> = (0..12 * 24).map(|_| AtomicUsize::new(0)).collect();
        let kernel = |ctx: &ThreadCtx<'_>| {
            let (x, y, z) = ctx.grid3();
            let (sx, sy, _) = ctx.gridsize3();
            seen[(z * sy + y) * sx + x].fetch_add(1, Ordering::Relaxed);
        };
        run("count", &cfg, Barriers::None, &kernel).expect("runs");
        assert!(seen.iter().all(|c| c.load(Ordering::Relaxed) == 1));
        run("count", &cfg, Barriers::Sync, &kernel).expect("runs");
        assert!(seen.iter().all(|c| c.load(Ordering::Relaxed) == 2));
    }

    #[test]
    fn barrier_orders_writes_before_reads_and_early_returns_count_as_arrived() {
        // Each thread writes its slot, waits, then reads its neighbour's; odd threads of the second half
        // return before the barrier, yet the others are released.
        let cfg = LaunchConfig::new(2, 64);
        let out: Vec<AtomicUsize> = (0..128).map(|_| AtomicUsize::new(usize::MAX)).collect();
        let kernel = |ctx: &ThreadCtx<'_>| {
            let t = ctx.thread_idx().x as usize;
            let shared = ctx.shared_array::<u32>(0, 64);
            shared.set(t, t as u32 * 10);
            if t >= 32 && t % 2 == 1 {
                return;
            }
            ctx.syncthreads();
            let neighbour = shared.get((t + 1) % 64) as usize;
            ctx.syncthreads();
            out[ctx.grid1()].store(neighbour, Ordering::Relaxed);
        };
        run("neighbours", &cfg, Barriers::Sync, &kernel).expect("runs");
        for (g, slot) in out.iter().enumerate() {
            let t = g % 64;
            let expected = if t >= 32 && t % 2 == 1 {
                usize::MAX
            } else {
                ((t + 1) % 64) * 10
            };
            assert_eq!(slot.load(Ordering::Relaxed), expected, "thread {g}");
        }
    }

    #[test]
    fn misuse_becomes_an_error_not_a_crash() {
        let cfg = LaunchConfig::new(1, 8);
        let err = run("nosync", &cfg, Barriers::None, &|ctx: &ThreadCtx<'_>| {
            ctx.syncthreads()
        })
        .expect_err("no barriers");
        assert!(err.to_string().contains("Barriers::Sync"), "{err}");
        let err = run("types", &cfg, Barriers::Sync, &|ctx: &ThreadCtx<'_>| {
            if ctx.thread_idx().x == 0 {
                ctx.shared_array::<u32>(0, 4);
            } else {
                ctx.shared_array::<f64>(0, 4);
            }
        })
        .expect_err("type clash");
        assert!(err.to_string().contains("another element type"), "{err}");
        let err = run("big", &cfg, Barriers::None, &|ctx: &ThreadCtx<'_>| {
            ctx.shared_array::<f64>(0, 7000);
        })
        .expect_err("too much shared memory");
        assert!(err.to_string().contains("limit"), "{err}");
        let cfg = LaunchConfig::new(1, 4).with_shared_bytes(16);
        run("dyn", &cfg, Barriers::Sync, &|ctx: &ThreadCtx<'_>| {
            let d = ctx.dynamic_shared::<f32>();
            assert_eq!(d.len(), 4);
            d.set(ctx.linear_thread_idx(), 1.0);
        })
        .expect("dynamic shared memory of 4 floats");
    }
}

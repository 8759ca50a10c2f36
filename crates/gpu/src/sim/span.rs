//! The span form of barrier-free kernels: one call per run of consecutive threads along x (whole blocks
//! of one grid row), the kernel's body a loop over them ([`crate::Device::launch_sim_span`]).

use super::{EAGER_THREADS, Schedule, check_extents, finish, for_each_item, too_big};
use crate::Result;
use crate::fault::{self, Faults, Site};
use crate::launch::{Dim3, LaunchConfig};
use crate::race::span_stamp;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Threads a span aims at when a grid row is long enough to be split (whole blocks, at least one).
const SPAN_THREADS: usize = 4096;

/// What one call of a span kernel covers: the threads `grid_x()` (absolute x indices, consecutive, whole blocks)
/// of the grid row `(grid_y(), grid_z())`. Get one in a kernel passed to [`crate::Device::launch_sim_span`].
///
/// A span kernel is the simulator's fast form of a kernel that uses no `syncthreads` and no shared memory:
/// where a per-thread kernel reads its index with `let (j, i) = t.grid2()` and checks `j < cols`, a span kernel
/// loops `for j in s.grid_x_below(cols)` with `i = s.grid_y()`. Every thread of the grid is in exactly one
/// span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadSpan {
    x: Range<usize>,
    y: usize,
    z: usize,
    block_dim: Dim3,
    grid_dim: Dim3,
}

impl ThreadSpan {
    /// The span's threads as `cuda.grid(1)` indices (absolute x). Starts at a block boundary and covers whole
    /// blocks, so it may run past the end of your array: check the bound, as a CUDA kernel does.
    #[inline]
    pub fn grid_x(&self) -> Range<usize> {
        self.x.clone()
    }
    /// The part of [`ThreadSpan::grid_x`] below `len` (empty when none is): the indices a kernel guarded by
    /// `if x < len` works on, e.g. `for j in s.grid_x_below(cols)`.
    #[inline]
    pub fn grid_x_below(&self, len: usize) -> Range<usize> {
        self.x.start.min(len)..self.x.end.min(len)
    }
    /// The span's absolute y index (the second value of every thread's `cuda.grid(2)`).
    #[inline]
    pub fn grid_y(&self) -> usize {
        self.y
    }
    /// The span's absolute z index (the third value of every thread's `cuda.grid(3)`).
    #[inline]
    pub fn grid_z(&self) -> usize {
        self.z
    }
    /// How many threads the span covers.
    #[inline]
    pub fn len(&self) -> usize {
        self.x.len()
    }
    /// Whether the span covers no thread (never, for spans the simulator hands out).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
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
    /// `blockIdx` of the span's thread with absolute x index `x` (from [`ThreadSpan::grid_x`]).
    #[inline]
    pub fn block_idx_of(&self, x: usize) -> Dim3 {
        let d = self.block_dim;
        Dim3::new(
            (x / d.x as usize) as u32,
            (self.y / d.y as usize) as u32,
            (self.z / d.z as usize) as u32,
        )
    }
    /// `threadIdx` of the span's thread with absolute x index `x` (from [`ThreadSpan::grid_x`]).
    #[inline]
    pub fn thread_idx_of(&self, x: usize) -> Dim3 {
        let d = self.block_dim;
        Dim3::new(
            (x % d.x as usize) as u32,
            (self.y % d.y as usize) as u32,
            (self.z % d.z as usize) as u32,
        )
    }
}

/// Runs the span `kernel` over the grid of `cfg` (already validated): every thread of the grid in exactly one
/// span, spans in parallel.
pub(crate) fn run_spans<F>(name: &str, cfg: &LaunchConfig, kernel: &F) -> Result<()>
where
    F: Fn(&ThreadSpan) + Sync,
{
    let eager = cfg.grid.count().saturating_mul(cfg.block.count()) >= u128::from(EAGER_THREADS);
    let schedule = if eager {
        Schedule::Eager
    } else {
        Schedule::Auto
    };
    run_spans_scheduled(name, cfg, schedule, kernel)
}

pub(crate) fn run_spans_scheduled<F>(
    name: &str,
    cfg: &LaunchConfig,
    schedule: Schedule,
    kernel: &F,
) -> Result<()>
where
    F: Fn(&ThreadSpan) + Sync,
{
    check_extents(name, cfg)?;
    let plan = SpanPlan::new(cfg).ok_or_else(|| too_big(name, cfg))?;
    let faults = Faults::new(cfg.grid, cfg.block);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        for_each_item(plan.count, schedule, |i| {
            if faults.failed() {
                return;
            }
            let _in = fault::enter(&faults);
            let span = plan.span(i);
            fault::set_site(
                Site::Span {
                    x: (span.x.start, span.x.end),
                    y: span.y,
                    z: span.z,
                    block_dim: span.block_dim,
                    grid_dim: span.grid_dim,
                },
                span_stamp(faults.launch, i as u64),
            );
            kernel(&span)
        });
    }));
    finish(name, &faults, outcome)
}

/// How a launch is cut into spans: each grid row `(y, z)` into `chunks` runs of `chunk` threads (whole blocks),
/// the last one shorter when the row is.
pub(super) struct SpanPlan {
    block_dim: Dim3,
    grid_dim: Dim3,
    width: usize,
    rows_y: usize,
    chunk: usize,
    chunks: usize,
    count: usize,
}

impl SpanPlan {
    /// `None` when the grid has more spans (or threads along an axis) than a `usize` counts.
    pub(super) fn new(cfg: &LaunchConfig) -> Option<SpanPlan> {
        let (g, b) = (cfg.grid, cfg.block);
        let width = (g.x as usize).checked_mul(b.x as usize)?;
        let rows_y = (g.y as usize).checked_mul(b.y as usize)?;
        let rows = rows_y.checked_mul((g.z as usize).checked_mul(b.z as usize)?)?;
        let blocks_per_chunk = (SPAN_THREADS / b.x as usize).max(1);
        let chunk = blocks_per_chunk * b.x as usize;
        let chunks = width.div_ceil(chunk);
        Some(SpanPlan {
            block_dim: b,
            grid_dim: g,
            width,
            rows_y,
            chunk,
            chunks,
            count: rows.checked_mul(chunks)?,
        })
    }

    fn span(&self, i: usize) -> ThreadSpan {
        // Without the divisions in the usual cases (one span per row; a grid of one layer along z): they
        // cost as much as a short span's loop.
        let (row, c) = if self.chunks == 1 {
            (i, 0)
        } else {
            (i / self.chunks, i % self.chunks)
        };
        let (y, z) = if row < self.rows_y {
            (row, 0)
        } else {
            (row % self.rows_y, row / self.rows_y)
        };
        let start = c * self.chunk;
        ThreadSpan {
            x: start..(start + self.chunk).min(self.width),
            y,
            z,
            block_dim: self.block_dim,
            grid_dim: self.grid_dim,
        }
    }
}

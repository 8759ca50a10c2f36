//! Warp-level functions in the simulator: shuffles, votes, `activemask` and `syncwarp`, with CUDA's masks.
//!
//! A warp is 32 consecutive threads of a block (linear thread index, x fastest); the last warp of a block
//! whose size is not a multiple of 32 has fewer lanes. A thread calling a warp function suspends (kernels with
//! warp functions run as coroutines, like kernels with barriers) and says what it waits for; once every
//! thread of its block has run to a suspension point or its end, the block's scheduler resolves each call
//! whose lanes have all arrived:
//!
//! - a call with a mask completes when every lane named in the mask (that exists in the block and has not
//!   returned) waits at the same call site with the same mask — CUDA's rule that all threads named in the
//!   mask execute the same intrinsic with the same mask. A lane that waits elsewhere (a barrier, another warp
//!   function, another mask) is an error naming both threads, as is a mask that leaves out the calling lane;
//!   the simulator never hangs on them;
//! - `activemask()` completes, once no other warp function can, for the lanes of a warp that wait at that
//!   call together: the threads that took the same path to it (CUDA's converged threads);
//! - a shuffle whose source lane is outside the mask, has returned or is past the warp gives the caller's own
//!   value (CUDA leaves that value undefined; `shfl_down` past lane 31 and `shfl_up` below lane 0 give the
//!   caller's own value on the GPU too).
//!
//! Lanes that returned before a call are left out of it, as numba's simulator counts returned threads as
//! arrived at a barrier.

use crate::dtype::Element;
use crate::fault;
use crate::launch::Dim3;
use crate::sim::ThreadCtx;
use std::cell::Cell;
use std::panic::Location;

/// A full warp's mask.
pub const FULL_MASK: u32 = u32::MAX;

/// The warp functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WarpOp {
    /// `shfl_sync`: the value of lane `arg % 32`.
    Idx,
    /// `shfl_up_sync`: the value of lane `lane - arg`.
    Up,
    /// `shfl_down_sync`: the value of lane `lane + arg`.
    Down,
    /// `shfl_xor_sync`: the value of lane `lane ^ arg`.
    Xor,
    All,
    Any,
    /// `eq_sync`: whether the predicate is the same in every lane.
    Uni,
    Ballot,
    ActiveMask,
    Sync,
}

impl WarpOp {
    fn name(self) -> &'static str {
        match self {
            WarpOp::Idx => "shfl_sync",
            WarpOp::Up => "shfl_up_sync",
            WarpOp::Down => "shfl_down_sync",
            WarpOp::Xor => "shfl_xor_sync",
            WarpOp::All => "all_sync",
            WarpOp::Any => "any_sync",
            WarpOp::Uni => "eq_sync",
            WarpOp::Ballot => "ballot_sync",
            WarpOp::ActiveMask => "activemask",
            WarpOp::Sync => "syncwarp",
        }
    }
}

/// A warp function call a thread waits at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WarpCall {
    pub(crate) at: &'static Location<'static>,
    pub(crate) op: WarpOp,
    pub(crate) mask: u32,
    /// The value shuffled (`Element::to_bits64`) or the predicate (0 or 1).
    pub(crate) value: u64,
    /// The source lane, delta or lane mask of a shuffle.
    pub(crate) arg: u32,
}

/// What a suspended simulated thread waits for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Wait {
    Barrier(&'static Location<'static>),
    Warp(WarpCall),
}

fn same_site(a: &'static Location<'static>, b: &'static Location<'static>) -> bool {
    std::ptr::eq(a, b) || a == b
}

fn place(at: &'static Location<'static>) -> String {
    format!("{}:{}:{}", at.file(), at.line(), at.column())
}

/// Where thread `i` waits, in words.
fn describe(wait: Option<Wait>) -> String {
    match wait {
        None => "has returned".to_string(),
        Some(Wait::Barrier(at)) => format!("waits at syncthreads() at {}", place(at)),
        Some(Wait::Warp(c)) if c.op == WarpOp::ActiveMask => {
            format!("waits at warp::activemask() at {}", place(c.at))
        }
        Some(Wait::Warp(c)) => format!(
            "waits at warp::{}(mask {:#010x}) at {}",
            c.op.name(),
            c.mask,
            place(c.at)
        ),
    }
}

/// The result of `call` for `lane`, given the values of the lanes in `group` (bit per lane).
fn result(call: &WarpCall, lane: u32, group: u32, values: &[u64; 32]) -> u64 {
    let from = |src: Option<u32>| match src {
        Some(s) if s < 32 && group & (1 << s) != 0 => values[s as usize],
        _ => values[lane as usize],
    };
    let preds = (0..32)
        .filter(|&l| group & (1 << l) != 0)
        .map(|l| values[l as usize] != 0);
    let ballot = (0..32u32)
        .filter(|&l| group & (1 << l) != 0 && values[l as usize] != 0)
        .fold(0u32, |m, l| m | (1 << l));
    match call.op {
        WarpOp::Idx => from(Some(call.arg % 32)),
        WarpOp::Up => from(lane.checked_sub(call.arg)),
        WarpOp::Down => from(lane.checked_add(call.arg)),
        WarpOp::Xor => from(Some(lane ^ call.arg)),
        WarpOp::All => u64::from(preds.clone().all(|p| p)),
        WarpOp::Any => u64::from(preds.clone().any(|p| p)),
        WarpOp::Uni => u64::from(ballot == 0 || ballot == group),
        WarpOp::Ballot => u64::from(ballot),
        WarpOp::ActiveMask => u64::from(group),
        WarpOp::Sync => 0,
    }
}

/// Resolves the warp calls of a settled block (every thread suspended or returned; `waits[i]` is `None` for
/// a returned thread): each call whose lanes have all arrived gets its result in `results`. Returns the
/// threads released, in order. A call that cannot complete because a lane it names waits elsewhere is not
/// released here (see [`release_stuck`]).
pub(crate) fn resolve(waits: &[Cell<Option<Wait>>], results: &[Cell<u64>]) -> Vec<usize> {
    // `activemask` waits until nothing else can move: lanes still on their way to it (behind a vote of
    // their own branch) get there first, as a warp reconverges before the call on a GPU.
    let released = resolve_calls(waits, results, false);
    if released.is_empty() {
        resolve_calls(waits, results, true)
    } else {
        released
    }
}

fn resolve_calls(
    waits: &[Cell<Option<Wait>>],
    results: &[Cell<u64>],
    activemask: bool,
) -> Vec<usize> {
    let mut released = Vec::new();
    for base in (0..waits.len()).step_by(32) {
        let lanes = (waits.len() - base).min(32);
        let wait = |l: usize| waits[base + l].get();
        let mut returned = 0u32;
        for l in 0..lanes {
            if wait(l).is_none() {
                returned |= 1 << l;
            }
        }
        let exists = if lanes == 32 {
            u32::MAX
        } else {
            (1 << lanes) - 1
        };
        let mut done = 0u32;
        for lane in 0..lanes {
            if done & (1 << lane) != 0 {
                continue;
            }
            let Some(Wait::Warp(call)) = wait(lane) else {
                continue;
            };
            if (call.op == WarpOp::ActiveMask) != activemask {
                continue;
            }
            let group = if call.op == WarpOp::ActiveMask {
                (0..lanes)
                    .filter(|&l| {
                        matches!(wait(l), Some(Wait::Warp(c)) if c.op == WarpOp::ActiveMask && same_site(c.at, call.at))
                    })
                    .fold(0u32, |m, l| m | (1 << l))
            } else {
                if call.mask & (1 << lane) == 0 {
                    continue;
                }
                let group = call.mask & exists & !returned;
                let ready = (0..lanes).filter(|&l| group & (1 << l) != 0).all(|l| {
                    matches!(wait(l), Some(Wait::Warp(c)) if c.op == call.op && c.mask == call.mask && same_site(c.at, call.at))
                });
                if !ready {
                    continue;
                }
                group
            };
            let mut values = [0u64; 32];
            for l in (0..lanes).filter(|&l| group & (1 << l) != 0) {
                if let Some(Wait::Warp(c)) = wait(l) {
                    values[l] = c.value;
                }
            }
            for l in (0..lanes).filter(|&l| group & (1 << l) != 0) {
                if let Some(Wait::Warp(c)) = wait(l) {
                    results[base + l].set(result(&c, l as u32, group, &values));
                    released.push(base + l);
                }
            }
            done |= group;
        }
    }
    released.sort_unstable();
    released
}

/// When no warp call can complete and not every live thread waits at a barrier: fails the launch naming the
/// first stuck call and a lane that keeps it waiting, and releases every thread waiting at a warp call (each
/// gets its own value) so that the block runs to its end instead of hanging. Returns the threads released.
pub(crate) fn release_stuck(
    waits: &[Cell<Option<Wait>>],
    results: &[Cell<u64>],
    indices: &[Dim3],
    block_idx: Dim3,
) -> Vec<usize> {
    let stuck: Vec<usize> = (0..waits.len())
        .filter(|&i| matches!(waits[i].get(), Some(Wait::Warp(_))))
        .collect();
    if let Some(&first) = stuck.first() {
        if let Some(Wait::Warp(call)) = waits[first].get() {
            let base = first / 32 * 32;
            let lane = (first % 32) as u32;
            let text = if call.mask & (1 << lane) == 0 {
                format!(
                    "ctaid={} tid={}: warp::{}() at {} is called with mask {:#010x}, which leaves out the calling lane {lane}",
                    fault::triple(block_idx),
                    fault::triple(indices[first]),
                    call.op.name(),
                    place(call.at),
                    call.mask
                )
            } else {
                let other = (0..32)
                    .map(|l| base + l)
                    .filter(|&i| i < waits.len() && call.mask & (1 << (i - base)) != 0)
                    .find(|&i| match waits[i].get() {
                        None => false,
                        Some(Wait::Warp(c)) => {
                            !(c.op == call.op && c.mask == call.mask && same_site(c.at, call.at))
                        }
                        Some(Wait::Barrier(_)) => true,
                    })
                    .unwrap_or(first);
                format!(
                    "ctaid={}: warp divergence: tid={} {}, while tid={} (lane {}, named in its mask) {}; every lane named in a warp function's mask must call it at the same place with the same mask (or return)",
                    fault::triple(block_idx),
                    fault::triple(indices[first]),
                    describe(Some(Wait::Warp(call))),
                    fault::triple(indices[other]),
                    other - base,
                    describe(waits[other].get())
                )
            };
            fault::fault_text(text);
        }
    }
    for &i in &stuck {
        if let Some(Wait::Warp(c)) = waits[i].get() {
            let own = if c.op == WarpOp::Ballot {
                u64::from(c.value != 0) << (i % 32)
            } else {
                c.value
            };
            results[i].set(own);
        }
    }
    stuck
}

/// Warp functions of a per-thread kernel (they need [`crate::Barriers::Sync`]).
impl ThreadCtx<'_> {
    /// Suspends at a warp call and returns its result once every lane it names has arrived.
    fn warp_call(
        &self,
        op: WarpOp,
        mask: u32,
        value: u64,
        arg: u32,
        at: &'static Location<'static>,
    ) -> u64 {
        let Some(yielder) = self.yielder() else {
            fault::fault(
                at,
                format_args!(
                    "warp::{}() was called in a kernel launched with Barriers::None; launch it with Barriers::Sync",
                    op.name()
                ),
            );
            return value;
        };
        let me = self.linear_thread_idx();
        let block = self.block();
        block.waits[me].set(Some(Wait::Warp(WarpCall {
            at,
            op,
            mask,
            value,
            arg,
        })));
        yielder.suspend(());
        block.results[me].get()
    }

    fn shuffle_masked<T: Element>(
        &self,
        op: WarpOp,
        mask: u32,
        value: T,
        arg: u32,
        at: &'static Location<'static>,
    ) -> T {
        T::from_bits64(self.warp_call(op, mask, value.to_bits64(), arg, at))
    }

    /// `__shfl_down_sync(full mask, value, delta)`: the value of the lane `delta` above this one in the warp
    /// (32 consecutive threads of the block, x fastest), or this thread's own when that lane is past the warp.
    /// Needs [`crate::Barriers::Sync`], as every warp function (see [`ThreadCtx::shfl_down_sync`]).
    #[track_caller]
    pub fn shfl_down<T: Element>(&self, value: T, delta: u32) -> T {
        self.shuffle_masked(WarpOp::Down, FULL_MASK, value, delta, Location::caller())
    }

    /// `__shfl_up_sync(full mask, value, delta)`: the value of the lane `delta` below this one, or this
    /// thread's own below lane 0.
    #[track_caller]
    pub fn shfl_up<T: Element>(&self, value: T, delta: u32) -> T {
        self.shuffle_masked(WarpOp::Up, FULL_MASK, value, delta, Location::caller())
    }

    /// `__shfl_xor_sync(full mask, value, mask)`: the value of lane `lane ^ mask` (a butterfly exchange).
    #[track_caller]
    pub fn shfl_xor<T: Element>(&self, value: T, lane_mask: u32) -> T {
        self.shuffle_masked(WarpOp::Xor, FULL_MASK, value, lane_mask, Location::caller())
    }

    /// `__shfl_sync(full mask, value, lane)`: the value of lane `src_lane % 32` (a broadcast when all ask one).
    #[track_caller]
    pub fn shfl<T: Element>(&self, value: T, src_lane: u32) -> T {
        self.shuffle_masked(WarpOp::Idx, FULL_MASK, value, src_lane, Location::caller())
    }

    /// `cuda.shfl_sync(mask, value, src_lane)`: [`ThreadCtx::shfl`] among the lanes of `mask` only (the others
    /// need not call it). Every lane named in `mask` must call it here with the same mask, and the calling
    /// lane must be in it; a source lane outside the mask gives the caller's own value (undefined on CUDA).
    #[track_caller]
    pub fn shfl_sync<T: Element>(&self, mask: u32, value: T, src_lane: u32) -> T {
        self.shuffle_masked(WarpOp::Idx, mask, value, src_lane, Location::caller())
    }

    /// `cuda.shfl_up_sync(mask, value, delta)`, as [`ThreadCtx::shfl_sync`] for its mask.
    #[track_caller]
    pub fn shfl_up_sync<T: Element>(&self, mask: u32, value: T, delta: u32) -> T {
        self.shuffle_masked(WarpOp::Up, mask, value, delta, Location::caller())
    }

    /// `cuda.shfl_down_sync(mask, value, delta)`, as [`ThreadCtx::shfl_sync`] for its mask.
    #[track_caller]
    pub fn shfl_down_sync<T: Element>(&self, mask: u32, value: T, delta: u32) -> T {
        self.shuffle_masked(WarpOp::Down, mask, value, delta, Location::caller())
    }

    /// `cuda.shfl_xor_sync(mask, value, lane_mask)`, as [`ThreadCtx::shfl_sync`] for its mask.
    #[track_caller]
    pub fn shfl_xor_sync<T: Element>(&self, mask: u32, value: T, lane_mask: u32) -> T {
        self.shuffle_masked(WarpOp::Xor, mask, value, lane_mask, Location::caller())
    }

    /// `cuda.all_sync(mask, predicate)`: whether `predicate` holds in every lane of `mask` (lanes that
    /// returned left out).
    #[track_caller]
    pub fn all_sync(&self, mask: u32, predicate: bool) -> bool {
        self.warp_call(WarpOp::All, mask, predicate.into(), 0, Location::caller()) != 0
    }

    /// `cuda.any_sync(mask, predicate)`: whether `predicate` holds in some lane of `mask`.
    #[track_caller]
    pub fn any_sync(&self, mask: u32, predicate: bool) -> bool {
        self.warp_call(WarpOp::Any, mask, predicate.into(), 0, Location::caller()) != 0
    }

    /// `cuda.eq_sync(mask, predicate)`: whether `predicate` is the same in every lane of `mask`.
    #[track_caller]
    pub fn eq_sync(&self, mask: u32, predicate: bool) -> bool {
        self.warp_call(WarpOp::Uni, mask, predicate.into(), 0, Location::caller()) != 0
    }

    /// `cuda.ballot_sync(mask, predicate)`: bit `l` set for each lane `l` of `mask` whose `predicate` holds.
    #[track_caller]
    pub fn ballot_sync(&self, mask: u32, predicate: bool) -> u32 {
        self.warp_call(
            WarpOp::Ballot,
            mask,
            predicate.into(),
            0,
            Location::caller(),
        ) as u32
    }

    /// `cuda.activemask()`: the lanes of this warp that call it here together (the threads that took the
    /// same path to this call).
    #[track_caller]
    pub fn activemask(&self) -> u32 {
        self.warp_call(WarpOp::ActiveMask, 0, 0, 0, Location::caller()) as u32
    }

    /// `cuda.syncwarp(mask)`: waits until every lane of `mask` has arrived here.
    #[track_caller]
    pub fn syncwarp(&self, mask: u32) {
        self.warp_call(WarpOp::Sync, mask, 0, 0, Location::caller());
    }

    /// The thread's lane in its warp: `linear_thread_idx() % 32`.
    #[inline]
    pub fn lane_id(&self) -> u32 {
        (self.linear_thread_idx() % 32) as u32
    }
}

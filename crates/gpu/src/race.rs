//! Data-race detection on device arrays in the simulator (compute-sanitizer's racecheck, for global memory).
//!
//! The simulator runs a block's threads one after another, so a kernel that reads an element, adds to it and
//! writes it back (a histogram without atomics) gives the right answer every time, where a GPU loses updates.
//! With race checking on, every plain read and write of a device array records who made it — the launch, the
//! block, the thread and the block's barrier interval — and an access that conflicts with an earlier one of
//! the same launch fails the launch: two different blocks touching one element, one of them writing (blocks
//! never synchronise within a launch), or two threads of a block doing so between the same two barriers.
//! Atomic operations are not recorded and never conflict.
//!
//! It is on by default in debug builds (where tests run) and off in release builds, where it would cost
//! speed; `TASKLAB_CUDASIM_RACECHECK=1` or `=0`, or [`crate::Device::set_racecheck`], overrides that.

use crate::fault;
use std::panic::Location;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Environment variable that turns the simulator's race check on (`1`) or off (`0`).
pub const RACECHECK_ENV: &str = "TASKLAB_CUDASIM_RACECHECK";

// A stamp: launch (13 bits) | block (22) | across blocks (1) | many threads (1) | thread (10) | interval (17).
const INTERVAL_BITS: u32 = 17;
const THREAD_SHIFT: u32 = INTERVAL_BITS;
const MANY: u64 = 1 << (THREAD_SHIFT + 10);
const CROSS: u64 = MANY << 1;
const BLOCK_SHIFT: u32 = THREAD_SHIFT + 12;
const LAUNCH_SHIFT: u32 = BLOCK_SHIFT + 22;

/// The stamp of thread `thread` of block `block` in barrier interval `interval` of launch `launch`.
pub(crate) fn stamp(launch: u64, block: u64, thread: u64, interval: u64) -> u64 {
    (launch << LAUNCH_SHIFT)
        | ((block & ((1 << 22) - 1)) << BLOCK_SHIFT)
        | ((thread & 0x3ff) << THREAD_SHIFT)
        | (interval & ((1 << INTERVAL_BITS) - 1))
}

/// `stamp` with its thread replaced by `thread` (the low bits of a span thread's x index).
pub(crate) fn with_thread(stamp: u64, thread: u64) -> u64 {
    (stamp & !(0x3ff << THREAD_SHIFT)) | ((thread & 0x3ff) << THREAD_SHIFT)
}

fn launch(s: u64) -> u64 {
    s >> LAUNCH_SHIFT
}
fn block(s: u64) -> u64 {
    (s >> BLOCK_SHIFT) & ((1 << 22) - 1)
}
fn thread(s: u64) -> u64 {
    (s >> THREAD_SHIFT) & 0x3ff
}
fn interval(s: u64) -> u64 {
    s & ((1 << INTERVAL_BITS) - 1)
}

/// Whether an earlier access stamped `earlier` and one stamped `now`, of the same launch, may run
/// concurrently on a GPU: different blocks, or different threads of a block between the same barriers.
fn concurrent(earlier: u64, now: u64) -> bool {
    launch(earlier) == launch(now)
        && (earlier & CROSS != 0
            || block(earlier) != block(now)
            || (interval(earlier) == interval(now)
                && (earlier & MANY != 0 || thread(earlier) != thread(now))))
}

/// Who made the access stamped `s`, for the error.
fn who(s: u64) -> String {
    if s & CROSS != 0 {
        "threads of several blocks".to_string()
    } else if s & MANY != 0 {
        format!("several threads of block #{}", block(s))
    } else {
        format!("thread #{} of block #{}", thread(s), block(s))
    }
}

/// The last write and read of each element of one device array.
#[derive(Debug)]
pub(crate) struct RaceMeta {
    writes: Box<[AtomicU64]>,
    reads: Box<[AtomicU64]>,
}

impl RaceMeta {
    pub(crate) fn new(len: usize) -> RaceMeta {
        RaceMeta {
            writes: (0..len).map(|_| AtomicU64::new(0)).collect(),
            reads: (0..len).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    pub(crate) fn slices(&self) -> Races<'_> {
        Races {
            writes: &self.writes,
            reads: &self.reads,
        }
    }
}

/// A view's part of its array's [`RaceMeta`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Races<'a> {
    writes: &'a [AtomicU64],
    reads: &'a [AtomicU64],
}

impl<'a> Races<'a> {
    pub(crate) fn range(self, r: std::ops::Range<usize>) -> Races<'a> {
        Races {
            writes: &self.writes[r.clone()],
            reads: &self.reads[r],
        }
    }

    /// Records a read of element `k` (in bounds), failing the launch if it races with a write.
    #[inline(never)]
    pub(crate) fn read(self, k: usize, at: &'static Location<'static>) {
        let now = fault::current_stamp();
        if now == 0 {
            return; // host code
        }
        let w = self.writes[k].load(Relaxed);
        if w != 0 && w != now && concurrent(w, now) {
            race(k, "reads", &who(w), "wrote", at);
        }
        let r = self.reads[k].load(Relaxed);
        if r != now {
            let merged = if r == 0 || launch(r) != launch(now) {
                now
            } else if block(r) != block(now) || r & CROSS != 0 {
                now | CROSS
            } else if interval(r) == interval(now) {
                now | MANY
            } else {
                now
            };
            self.reads[k].store(merged, Relaxed);
        }
    }

    /// Records a write of element `k` (in bounds), failing the launch if it races with a read or write.
    #[inline(never)]
    pub(crate) fn write(self, k: usize, at: &'static Location<'static>) {
        #[cfg(test)]
        tests::meanwhile();
        let now = fault::current_stamp();
        if now == 0 {
            return;
        }
        let w = self.writes[k].load(Relaxed);
        if w != 0 && w != now && concurrent(w, now) {
            race(k, "writes", &who(w), "wrote", at);
        }
        let r = self.reads[k].load(Relaxed);
        if r != 0 && r != now && concurrent(r, now) {
            race(k, "writes", &who(r), "read", at);
        }
        self.writes[k].store(now, Relaxed);
    }
}

#[cold]
fn race(k: usize, access: &str, other: &str, other_access: &str, at: &'static Location<'static>) {
    fault::fault(
        at,
        format_args!(
            "data race on device array element {k}: this thread {access} it after {other} {other_access} it in the same launch, with no barrier between (a GPU may lose or reorder the update: use an atomic)"
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::{Faults, Site};
    use crate::{Device, DeviceArray, Dim3};
    use std::cell::RefCell;

    thread_local! {
        /// What another simulated thread does while this one is inside [`Races::write`] (once).
        static MEANWHILE: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
    }

    /// Runs the access [`MEANWHILE`] holds, if any: the other OS thread's whole store, landing between this
    /// thread's decision to record a write and the end of its store.
    pub(super) fn meanwhile() {
        if let Some(other) = MEANWHILE.with(|m| m.borrow_mut().take()) {
            other()
        }
    }

    /// Block `b`'s thread 0 of launch 7, as the simulator names it before running it.
    fn run_as(b: u32) {
        let site = Site::Thread {
            thread: Dim3::new(0, 0, 0),
            block: Dim3::new(b, 0, 0),
        };
        fault::set_site(site, stamp(7, u64::from(b), 0, 0));
    }

    /// The flaky `mat_add` failure, made deterministic: with a z extent, threads `(x, y, 0)` and
    /// `(x, y, 1)` of a kernel that ignores z store the same value in the same element, and when the two
    /// run at once on two OS threads, the second used to see the element still unwritten, decide its
    /// store changed it, and report the first one's write as a race. Here block 1's whole store runs in the
    /// middle of block 0's, which is that interleaving; one value is no race in any order, and two
    /// values are one in every order.
    #[test]
    fn threads_storing_one_value_never_race_whatever_the_interleaving() {
        let device = Device::simulator();
        device.set_racecheck(true);
        let c: &'static DeviceArray<f32> =
            Box::leak(Box::new(device.zeros::<f32>(&[4]).expect("zeros")));
        let (_claim, view) = c.view_claimed().expect("view");
        for (other, races) in [(1.5f32, false), (2.5, true)] {
            c.copy_from_host(&[0.0; 4]).expect("reset");
            let mut faults = Faults::default();
            faults.launch = 7;
            let _in = fault::enter(&faults);
            run_as(0);
            MEANWHILE.with(|m| {
                *m.borrow_mut() = Some(Box::new(move || {
                    run_as(1);
                    view.set(2, other);
                    run_as(0);
                }))
            });
            view.set(2, 1.5);
            assert!(MEANWHILE.with(|m| m.borrow().is_none()), "block 1 ran");
            let report = faults.take();
            assert_eq!(faults.failed(), races, "{other}: {report:?}");
            if races {
                let report = report.expect("a report");
                assert!(
                    report.contains("data race on device array element 2"),
                    "{report}"
                );
            }
        }
    }

    #[test]
    fn stamps_of_the_same_thread_never_conflict_and_blocks_always_do() {
        let a = stamp(1, 3, 5, 0);
        assert!(!concurrent(a, a));
        assert!(concurrent(a, stamp(1, 4, 5, 0)), "another block");
        assert!(
            concurrent(a, stamp(1, 3, 6, 0)),
            "another thread, same interval"
        );
        assert!(!concurrent(a, stamp(1, 3, 6, 1)), "after a barrier");
        assert!(!concurrent(a, stamp(2, 4, 5, 0)), "another launch");
        assert!(concurrent(a | MANY, stamp(1, 3, 5, 0)), "several readers");
    }
}

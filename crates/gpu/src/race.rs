//! Data-race detection on device arrays in the simulator (compute-sanitizer's racecheck, for global memory).
//!
//! The simulator runs a block's threads one after another, so a kernel that reads an element, adds to it and
//! writes it back (a histogram without atomics) gives the right answer every time, where a GPU loses updates.
//! With race checking on, every plain read and write of a device array records who made it — the launch, the
//! block, the thread and the block's barrier interval — and an access that conflicts with an earlier one of
//! the same launch fails the launch: two different blocks touching one element, one of them writing (blocks
//! never synchronise within a launch), or two threads of a block doing so between the same two barriers.
//! Atomic operations are not recorded and never conflict. A store that leaves an element as it was (bit for
//! bit, decided by the store itself) is not recorded either: threads storing the same result, such as the
//! threads of a z extent a 2-D kernel ignores, change nothing a GPU could order differently. A report names
//! the earlier thread as CUDA does (`tid=[..] ctaid=[..]`), in span form too.
//!
//! It is on by default in debug builds (where tests run) and off in release builds, where it would cost
//! speed; `TASKLAB_CUDASIM_RACECHECK=1` or `=0`, or [`crate::Device::set_racecheck`], overrides that.

use crate::fault;
use crate::launch::Dim3;
use std::panic::Location;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Acquire, Ordering::Relaxed, Ordering::Release};

/// Environment variable that turns the simulator's race check on (`1`) or off (`0`).
pub const RACECHECK_ENV: &str = "TASKLAB_CUDASIM_RACECHECK";

// A stamp: launch (10 bits) | block (21) | span (1) | across blocks (1) | many threads (1) | thread (10) |
// barrier interval (20). Launch numbers repeat every 1,023 launches, which the arrays' windows make safe
// ([`RaceMeta`]); intervals every 2^20 barriers of a block.
const INTERVAL_BITS: u32 = 20;
const THREAD_SHIFT: u32 = INTERVAL_BITS;
const MANY: u64 = 1 << (THREAD_SHIFT + 10);
const CROSS: u64 = MANY << 1;
/// The access of a hand-written span kernel (the whole span one thread of execution; `block` is the span).
const SPAN: u64 = CROSS << 1;
const BLOCK_BITS: u32 = 21;
const BLOCK_SHIFT: u32 = THREAD_SHIFT + 13;
const LAUNCH_SHIFT: u32 = BLOCK_SHIFT + BLOCK_BITS;
/// Launch numbers a stamp tells apart: launches `n` and `n + ALIASES` share a stamp's launch field. An
/// array's stamps are cleared before they could span that many launches (see [`RaceMeta`]): a clear of the
/// array at most once per `ALIASES` launches that touch it.
const ALIASES: u64 = (1 << (64 - LAUNCH_SHIFT)) - 1;

/// The stamp of thread `thread` of block `block` in barrier interval `interval` of launch `launch` (the
/// launch's full number; never 0).
pub(crate) fn stamp(launch: u64, block: u64, thread: u64, interval: u64) -> u64 {
    ((launch % ALIASES + 1) << LAUNCH_SHIFT)
        | ((block & ((1 << BLOCK_BITS) - 1)) << BLOCK_SHIFT)
        | ((thread & 0x3ff) << THREAD_SHIFT)
        | (interval & ((1 << INTERVAL_BITS) - 1))
}

/// The stamp of span `span` of a launch of a span kernel: its accesses come from one thread of execution.
pub(crate) fn span_stamp(launch: u64, span: u64) -> u64 {
    stamp(launch, span, 0, 0) | SPAN
}

/// `stamp` (a [`span_stamp`]) for the thread of absolute indices `(x, y, z)` of a launch of `block` blocks
/// in a grid of `grid`: what a `#[gpu::kernel]` span loop's thread is, as CUDA numbers blocks and threads.
pub(crate) fn span_thread(
    stamp: u64,
    (x, y, z): (usize, usize, usize),
    block: Dim3,
    grid: Dim3,
) -> u64 {
    let (bx, by, bz) = (block.x as usize, block.y as usize, block.z as usize);
    let linear_block = x / bx + grid.x as usize * (y / by + grid.y as usize * (z / bz));
    let linear_thread = x % bx + bx * (y % by + by * (z % bz));
    (stamp & !(SPAN | (((1 << BLOCK_BITS) - 1) << BLOCK_SHIFT) | (0x3ff << THREAD_SHIFT)))
        | (((linear_block as u64) & ((1 << BLOCK_BITS) - 1)) << BLOCK_SHIFT)
        | (((linear_thread as u64) & 0x3ff) << THREAD_SHIFT)
}

/// `stamp` with its thread replaced by `thread`.
pub(crate) fn with_thread(stamp: u64, thread: u64) -> u64 {
    (stamp & !(0x3ff << THREAD_SHIFT)) | ((thread & 0x3ff) << THREAD_SHIFT)
}

fn launch(s: u64) -> u64 {
    s >> LAUNCH_SHIFT
}
fn block(s: u64) -> u64 {
    (s >> BLOCK_SHIFT) & ((1 << BLOCK_BITS) - 1)
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

/// Who made the access stamped `s` in a launch of `dims` (`(grid, block)`, when known), for the error:
/// numba's `tid=[x, y, z] ctaid=[x, y, z]` where the stamp holds them.
fn who(s: u64, dims: Option<(Dim3, Dim3)>) -> String {
    let (b, t) = (block(s), thread(s) as u32);
    // The block's indices, where its linear number fits the stamp (else it is the number's low bits).
    let ctaid = match dims {
        Some((g, _)) if g.count() <= 1 << BLOCK_BITS => {
            let (gx, gy) = (u64::from(g.x), u64::from(g.y));
            let d = Dim3::new(
                (b % gx) as u32,
                (b / gx % gy) as u32,
                (b / (gx * gy)) as u32,
            );
            format!("ctaid={}", fault::triple(d))
        }
        Some(_) => format!("of block #{b} (modulo 2^{BLOCK_BITS})"),
        None => format!("of block #{b}"),
    };
    if s & SPAN != 0 {
        format!("the span of threads #{b} of this span kernel")
    } else if s & CROSS != 0 {
        "threads of several blocks".to_string()
    } else if s & MANY != 0 {
        format!("several threads {ctaid}")
    } else {
        match dims {
            Some((_, d)) => {
                let d = Dim3::new(t % d.x, t / d.x % d.y, t / (d.x * d.y));
                format!("the thread tid={} {ctaid}", fault::triple(d))
            }
            None => format!("thread #{t} {ctaid}"),
        }
    }
}

/// The last write and read of each element of one device array, and the launches they may come from.
///
/// A stamp keeps 10 bits of its launch's number, so stamps of launches [`ALIASES`] apart would look alike:
/// an element written in one launch and read by another block 1,023 launches later would be reported as a
/// race. The array remembers the range of launches (full numbers) that have stamped it since its stamps
/// were last cleared, and clears them when a launch would stretch that range to `ALIASES`: within it, equal
/// launch fields are equal launches.
#[derive(Debug)]
pub(crate) struct RaceMeta {
    writes: Box<[AtomicU64]>,
    reads: Box<[AtomicU64]>,
    /// The launch that last stamped the array (the fast path's test: `window` holds it).
    last: AtomicU64,
    /// The oldest and newest launches whose stamps the array may hold (0: none).
    window: Mutex<(u64, u64)>,
}

impl RaceMeta {
    pub(crate) fn new(len: usize) -> RaceMeta {
        RaceMeta {
            writes: (0..len).map(|_| AtomicU64::new(0)).collect(),
            reads: (0..len).map(|_| AtomicU64::new(0)).collect(),
            last: AtomicU64::new(0),
            window: Mutex::new((0, 0)),
        }
    }

    pub(crate) fn slices(&self) -> Races<'_> {
        Races {
            meta: self,
            start: 0,
            len: self.writes.len(),
        }
    }

    /// Makes the array's stamps safe to compare in launch `launch` (its full number), clearing them when
    /// they could come from a launch whose stamps look like this one's.
    #[cold]
    #[inline(never)]
    fn enter(&self, launch: u64) {
        let mut window = self
            .window
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (oldest, newest) = match *window {
            (0, _) => (launch, launch),
            (o, n) => (o.min(launch), n.max(launch)),
        };
        *window = if newest - oldest >= ALIASES {
            // Another launch running on this array at the same time loses its stamps so far: a race it
            // had would go unreported, none is invented.
            for s in self.writes.iter().chain(self.reads.iter()) {
                s.store(0, Relaxed);
            }
            (launch, launch)
        } else {
            (oldest, newest)
        };
        self.last.store(launch, Release);
    }
}

/// A view's part of its array's [`RaceMeta`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Races<'a> {
    meta: &'a RaceMeta,
    start: usize,
    len: usize,
}

impl<'a> Races<'a> {
    /// The part for elements `r` of this one (in bounds: the view checked them).
    pub(crate) fn range(self, r: std::ops::Range<usize>) -> Races<'a> {
        debug_assert!(r.start <= r.end && r.end <= self.len);
        Races {
            meta: self.meta,
            start: self.start + r.start,
            len: r.len(),
        }
    }

    /// The running simulated thread's stamp, with the array ready for it; `None` in host code.
    #[inline(always)]
    fn now(self) -> Option<u64> {
        let now = fault::current_stamp();
        if now == 0 {
            return None;
        }
        let launch = fault::current_launch();
        if self.meta.last.load(Acquire) != launch {
            self.meta.enter(launch);
        }
        Some(now)
    }

    /// Records a read of element `k` (in bounds), failing the launch if it races with a write.
    #[inline(never)]
    pub(crate) fn read(self, k: usize, at: &'static Location<'static>) {
        let Some(now) = self.now() else {
            return; // host code
        };
        let k = self.start + k;
        let w = self.meta.writes[k].load(Relaxed);
        if w != 0 && w != now && concurrent(w, now) {
            race(k, "reads", w, "wrote", at);
        }
        let r = self.meta.reads[k].load(Relaxed);
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
            self.meta.reads[k].store(merged, Relaxed);
        }
    }

    /// Records a write of element `k` (in bounds), failing the launch if it races with a read or write.
    #[inline(never)]
    pub(crate) fn write(self, k: usize, at: &'static Location<'static>) {
        #[cfg(test)]
        tests::meanwhile();
        let Some(now) = self.now() else {
            return;
        };
        let k = self.start + k;
        let w = self.meta.writes[k].load(Relaxed);
        if w != 0 && w != now && concurrent(w, now) {
            race(k, "writes", w, "wrote", at);
        }
        let r = self.meta.reads[k].load(Relaxed);
        if r != 0 && r != now && concurrent(r, now) {
            race(k, "writes", r, "read", at);
        }
        self.meta.writes[k].store(now, Relaxed);
    }
}

#[cold]
fn race(k: usize, access: &str, other: u64, other_access: &str, at: &'static Location<'static>) {
    let other = who(other, fault::current_dims());
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

    /// Block `b`'s thread 0 of launch `launch`, as the simulator names it before running it.
    fn run_as(launch: u64, b: u32) {
        let site = Site::Thread {
            thread: Dim3::new(0, 0, 0),
            block: Dim3::new(b, 0, 0),
        };
        fault::set_site(site, stamp(launch, u64::from(b), 0, 0));
    }

    /// Runs `access` as block `block`'s thread 0 of launch `launch` (its full number); the launch's fault.
    fn in_launch(launch: u64, block: u32, access: impl FnOnce()) -> Option<String> {
        let mut faults = Faults::default();
        faults.launch = launch;
        let _in = fault::enter(&faults);
        run_as(launch, block);
        access();
        faults.take()
    }

    /// A stamp keeps a few bits of its launch's number: an element block 0 wrote in one launch, read by
    /// block 1 of the launch 8,191 later (a long program's array, many launches on), looked like a race
    /// within one launch (when stamps kept 13 bits). The array now clears its stamps before they can alias.
    #[test]
    fn launches_any_number_apart_never_share_stamps() {
        let device = Device::simulator();
        device.set_racecheck(true);
        let c = device.zeros::<f32>(&[4]).expect("zeros");
        let (_claim, view) = c.view_claimed().expect("view");
        let first = 5;
        assert_eq!(in_launch(first, 0, || view.set(1, 2.0)), None);
        let same = in_launch(first, 1, || {
            view.get(1);
        });
        assert!(
            same.is_some_and(|r| r.contains("element 1")),
            "in one launch it is a race"
        );
        for later in [
            first + 1,
            first + 4000,
            first + ALIASES,
            first + 3 * ALIASES,
        ] {
            let report = in_launch(later, 1, || {
                view.get(1);
            });
            assert_eq!(report, None, "launch {later}");
        }
        // The window slides: a write in a late launch still races within that launch.
        let late = first + 3 * ALIASES + 7;
        assert_eq!(in_launch(late, 0, || view.set(2, 1.0)), None);
        assert!(in_launch(late, 1, || view.set(2, 3.0)).is_some());
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
            run_as(7, 0);
            MEANWHILE.with(|m| {
                *m.borrow_mut() = Some(Box::new(move || {
                    run_as(7, 1);
                    view.set(2, other);
                    run_as(7, 0);
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
        assert!(
            !concurrent(a, stamp(1, 3, 6, 1 << 17)),
            "2^17 barriers later (the interval field once wrapped there)"
        );
        assert!(!concurrent(a, stamp(2, 4, 5, 0)), "another launch");
        assert!(concurrent(a | MANY, stamp(1, 3, 5, 0)), "several readers");
    }
}

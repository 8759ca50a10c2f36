//! The plain form of barrier-free `#[gpu::kernel]` launches: the span loop over ordinary (non-atomic) memory,
//! which the compiler vectorises, instead of the relaxed atomics every other access uses.
//!
//! # Why it is sound
//! Plain loads and stores are undefined behaviour when they race with any other access that writes. A plain
//! launch rules races out in two steps, both enforced here, in safe API, whatever the caller does:
//!
//! 1. **Nothing outside the launch touches its arrays.** [`PlainLaunch::write`] takes an array exclusively
//!    and [`PlainLaunch::read`] as a plain reader through the array's lock (`access.rs`); both only try,
//!    and fail for an array that is held otherwise, whose view was handed to the user (escaped), or whose
//!    memory is foreign (only memory the array owns qualifies). Every other access waits for, or is
//!    refused by, that lock, and the locks are given back only when the [`PlainLaunch`] drops, after every
//!    borrow of the memory it lent has ended (the borrow checker sees to it). Distinct owned arrays never
//!    overlap, and an alias of an array shares its lock, so an array passed twice is caught by the lock.
//! 2. **Inside the launch, no two OS threads reach one written element.** The launch runs as spans (runs of
//!    consecutive threads along x of one grid row, `sim/span.rs`), which partition the grid, one OS thread
//!    per span at a time. A span reaches a written array only through [`PlainWrite::own`], which hands it
//!    the elements whose index is the span's own threads' coordinates, `(z, y, x)` read from the array's
//!    last axes: for an array of rank `r` and a grid of one thread along every axis from `r` on (checked by
//!    `write`, else it fails), distinct spans get disjoint ranges. Those come as `&[Cell<T>]`, which can
//!    neither leave the span's call nor cross to another thread (`Cell` is not `Sync`; the token naming
//!    the span is neither). Arrays only read are shared as `&[T]`: nobody writes them.
//!
//! Which kernels take this form is the macro's choice (`gpu-macros`: a kernel whose every access to a
//! written array is at the thread's own index); the soundness above does not rest on it. A kernel that
//! reaches another thread's element of a written array in plain form fails with a fault naming the thread
//! and line, as an out-of-bounds index does.

use crate::access::AccessState;
use crate::dtype::Element;
use crate::fault::{self, Idx, in_bounds};
use crate::private::{Access, Access2, Here};
use crate::{Device, DeviceArray, LaunchConfig, Result, ThreadSpan};
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::panic::Location;
use std::sync::atomic::{AtomicU64, Ordering};

/// A launch in plain form: the arrays it has taken, released when it drops (see the module documentation).
#[derive(Debug)]
pub struct PlainLaunch<'a> {
    id: u64,
    cfg: LaunchConfig,
    device: &'a Device,
    held: RefCell<Vec<(&'a AccessState, bool)>>,
}

impl<'a> PlainLaunch<'a> {
    /// A plain launch of `cfg` on `device`, or `None` where the plain form does not apply (the race check is
    /// on: it needs every access recorded; or the device is not the simulator).
    pub fn new(device: &'a Device, cfg: &LaunchConfig) -> Option<PlainLaunch<'a>> {
        static LAUNCHES: AtomicU64 = AtomicU64::new(1);
        if device.racecheck() || device.backend() != crate::Backend::Simulator {
            return None;
        }
        Some(PlainLaunch {
            id: LAUNCHES.fetch_add(1, Ordering::Relaxed),
            cfg: *cfg,
            device,
            held: RefCell::new(Vec::new()),
        })
    }

    /// `array` for reading in plain form, or `None` when it cannot be taken (see the module documentation).
    pub fn read<'p, T: Element>(&'p self, array: &'a DeviceArray<T>) -> Option<PlainRead<'p, T>> {
        let (cells, access, dims) = array.plain_parts()?;
        if !access.try_reader() {
            return None;
        }
        self.held.borrow_mut().push((access, false));
        Some(PlainRead {
            // SAFETY: a plain reader's lock excludes every writer until this launch drops, which outlives
            // `'p`; `T` has the size of its cell and no stricter alignment (checked in `as_plain`).
            cells: unsafe { std::slice::from_raw_parts(as_plain::<T>(cells), cells.len()) },
            dims,
        })
    }

    /// `array` for writing in plain form (each span its own elements), or `None` when it cannot be taken or
    /// when the grid has more than one thread along an axis the array's index does not use (threads that
    /// differ only there would write the same element).
    pub fn write<'p, T: Element>(&'p self, array: &'a DeviceArray<T>) -> Option<PlainWrite<'p, T>> {
        let rank = array.ndim();
        let extents = [
            self.cfg.grid.y as usize * self.cfg.block.y as usize,
            self.cfg.grid.z as usize * self.cfg.block.z as usize,
        ];
        // Axis 1 (y) must be single unless the array has 2 or 3 axes; axis 2 (z) unless it has 3.
        if (rank < 2 && extents[0] != 1) || (rank < 3 && extents[1] != 1) {
            return None;
        }
        let (cells, access, dims) = array.plain_parts()?;
        if !access.try_exclusive() {
            return None;
        }
        self.held.borrow_mut().push((access, true));
        Some(PlainWrite {
            ptr: as_plain::<T>(cells).cast_mut(),
            len: cells.len(),
            dims,
            rank,
            launch: self.id,
            _borrow: PhantomData,
        })
    }

    /// Runs `body` once per span of the launch's grid, spans in parallel, as [`Device::launch_sim_span`].
    ///
    /// # Errors
    /// As [`Device::launch_sim_span`].
    pub fn run(&self, name: &str, body: impl Fn(&SpanToken<'_>) + Sync) -> Result<()> {
        let id = self.id;
        self.device.count_plain_launch();
        self.device.launch_sim_span(name, &self.cfg, move |span| {
            body(&SpanToken {
                span,
                launch: id,
                _one_thread: PhantomData,
            })
        })
    }
}

impl Drop for PlainLaunch<'_> {
    fn drop(&mut self) {
        for (access, exclusive) in self.held.get_mut().drain(..) {
            if exclusive {
                access.release_exclusive();
            } else {
                access.release_reader();
            }
        }
    }
}

/// The cells as plain elements. Element cells are the atomics of the same size (`dtype.rs`), whose memory
/// is an `UnsafeCell`, so a pointer from the shared slice may write it.
fn as_plain<T: Element>(cells: &[T::Cell]) -> *const T {
    const {
        assert!(size_of::<T::Cell>() == size_of::<T>() && align_of::<T::Cell>() >= align_of::<T>());
    }
    cells.as_ptr().cast::<T>()
}

/// One span of a running [`PlainLaunch`], handed to its body: the key to the span's own elements. Neither
/// `Send` nor `Sync`, so what it opens stays on the span's OS thread.
#[derive(Debug)]
pub struct SpanToken<'s> {
    span: &'s ThreadSpan,
    launch: u64,
    _one_thread: PhantomData<Cell<()>>,
}

impl SpanToken<'_> {
    /// The span.
    #[inline(always)]
    pub fn span(&self) -> &ThreadSpan {
        self.span
    }
}

/// The element range of the span's own row of an array with extents `dims` indexed by the last `rank` of
/// the thread's coordinates `(z, y, x)`: `(first flat index, count)`, empty when the row is out of bounds.
#[inline(always)]
fn own_row(span: &ThreadSpan, dims: [usize; 3], rank: usize) -> (usize, usize) {
    let x = span.grid_x();
    let (y, z) = (span.grid_y(), span.grid_z());
    let (valid, base, cols) = match rank {
        1 => (true, 0, dims[0]),
        2 => (y < dims[0], y * dims[1], dims[1]),
        _ => (
            z < dims[0] && y < dims[1],
            (z * dims[1] + y) * dims[2],
            dims[2],
        ),
    };
    if !valid || x.start >= cols {
        return (base, 0);
    }
    (base + x.start, x.end.min(cols) - x.start)
}

/// The element range of a 1-D array of `len` elements the span's threads own in pass `pass` of a grid-stride
/// loop: indices `x + pass * S` for the span's threads `x`, `S` the grid's size along x. Empty when out of
/// bounds or past `usize`. Distinct spans of a launch own disjoint ranges in every pass (their `x` are
/// distinct modulo `S`, since every `x < S`), and pass 0 is [`own_row`]'s range.
#[inline(always)]
fn own_pass(span: &ThreadSpan, len: usize, pass: usize) -> (usize, usize) {
    let x = span.grid_x();
    let Some(start) = pass
        .checked_mul(span.gridsize1())
        .and_then(|o| o.checked_add(x.start))
    else {
        return (0, 0);
    };
    if start >= len {
        return (0, 0);
    }
    (start, x.len().min(len - start))
}

/// An array a plain launch writes (see [`PlainLaunch::write`]).
#[derive(Debug)]
pub struct PlainWrite<'p, T: Element> {
    ptr: *mut T,
    len: usize,
    dims: [usize; 3],
    rank: usize,
    launch: u64,
    _borrow: PhantomData<&'p [Cell<T>]>,
}

// SAFETY: the pointer is only turned into memory through `own`, which gives each span (one OS thread at a
// time) its own disjoint range, as `&[Cell<T>]` that cannot leave that thread.
unsafe impl<T: Element> Send for PlainWrite<'_, T> {}
unsafe impl<T: Element> Sync for PlainWrite<'_, T> {}

impl<'p, T: Element> PlainWrite<'p, T> {
    /// The span's own elements of the array (empty for a token of another launch).
    #[inline(always)]
    pub fn own<'s>(&'s self, token: &'s SpanToken<'_>) -> Own<'s, T> {
        let (start, count) = if token.launch == self.launch {
            own_row(token.span, self.dims, self.rank)
        } else {
            (0, 0)
        };
        debug_assert!(count == 0 || start + count <= self.len);
        let cells: &[Cell<T>] = if count == 0 || start + count > self.len {
            &[]
        } else {
            // SAFETY: in bounds (checked above); no other span of this launch gets an overlapping range and
            // nothing outside the launch touches the array (module documentation); the `Cell`s stay on this
            // thread for the token's borrow.
            Cell::from_mut(unsafe { std::slice::from_raw_parts_mut(self.ptr.add(start), count) })
                .as_slice_of_cells()
        };
        Own {
            cells,
            start,
            dims: self.dims,
        }
    }

    /// The span's own elements of a 1-D array in pass `pass` of a grid-stride loop (see [`own_pass`]): the
    /// indices `x + pass * S` of the span's threads `x`. Empty for a token of another launch or an array of
    /// another rank.
    #[inline(always)]
    pub fn own_pass<'s>(&'s self, token: &'s SpanToken<'_>, pass: usize) -> Own<'s, T> {
        let (start, count) = if token.launch == self.launch && self.rank == 1 {
            own_pass(token.span, self.len, pass)
        } else {
            (0, 0)
        };
        let cells: &[Cell<T>] = if count == 0 || start + count > self.len {
            &[]
        } else {
            // SAFETY: as in `own`: in bounds, and no other span of this launch gets an overlapping range in
            // any pass (`own_pass`); a 1-D array is written only from a grid one thread high and deep
            // (`PlainLaunch::write`), so the spans are the grid's x ranges.
            Cell::from_mut(unsafe { std::slice::from_raw_parts_mut(self.ptr.add(start), count) })
                .as_slice_of_cells()
        };
        Own {
            cells,
            start,
            dims: self.dims,
        }
    }

    /// The extents, padded with 1s.
    #[inline(always)]
    pub fn dims(&self) -> [usize; 3] {
        self.dims
    }

    /// Number of elements.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the array has no elements.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A span's own elements of a written array (see [`PlainWrite::own`]): read and written with the same
/// checked accessors as a view; an index of another thread's element is a fault.
#[derive(Debug, Clone, Copy)]
pub struct Own<'s, T: Element> {
    cells: &'s [Cell<T>],
    start: usize,
    dims: [usize; 3],
}

impl<'s, T: Element> Own<'s, T> {
    /// How many of the span's threads, from its first, have their element in bounds.
    #[inline(always)]
    pub fn in_bounds(&self) -> usize {
        self.cells.len()
    }
    /// The first `n` of the span's elements, for the part of the span loop where every thread's own index
    /// is in bounds (`n` at most [`Own::in_bounds`]).
    #[inline(always)]
    pub fn first(&self, n: usize) -> &'s [Cell<T>] {
        &self.cells[..n]
    }
    #[inline(always)]
    pub fn dims(&self) -> [usize; 3] {
        self.dims
    }
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.dims[0] * self.dims[1] * self.dims[2]
    }
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell of flat index `k` (already in bounds of the array), or a fault when it is not the span's.
    #[inline(always)]
    fn cell(&self, k: usize, at: &'static Location<'static>, x: usize) -> Option<&'s Cell<T>> {
        match self.cells.get(k.wrapping_sub(self.start)) {
            Some(c) => Some(c),
            None => {
                not_own(k, at, x);
                None
            }
        }
    }
}

#[cold]
#[inline(never)]
fn not_own(k: usize, at: &'static Location<'static>, x: usize) {
    fault::as_span_thread(x, || {
        fault::fault(
            at,
            format_args!(
                "element {k} of an array this kernel writes belongs to another thread: in the simulator's \
                 plain form a thread reaches only its own element of a written array"
            ),
        )
    })
}

/// An array a plain launch only reads (see [`PlainLaunch::read`]): the checked accessors of a view, over
/// plain memory.
#[derive(Debug, Clone, Copy)]
pub struct PlainRead<'p, T: Element> {
    cells: &'p [T],
    dims: [usize; 3],
}

impl<'p, T: Element> PlainRead<'p, T> {
    /// The span's own elements (indexed by the thread's coordinates as in [`PlainWrite::own`]) when the
    /// kernel reads the array at its own index, all in bounds: the first [`Own::in_bounds`]-like count.
    #[inline(always)]
    pub fn own(&self, token: &SpanToken<'_>, rank: usize) -> &'p [T] {
        let (start, count) = own_row(token.span, self.dims, rank);
        self.cells.get(start..start + count).unwrap_or(&[])
    }
    /// The span's elements of a 1-D array in pass `pass` of a grid-stride loop (as
    /// [`PlainWrite::own_pass`]).
    #[inline(always)]
    pub fn own_pass(&self, token: &SpanToken<'_>, pass: usize) -> &'p [T] {
        let (start, count) = own_pass(token.span, self.cells.len(), pass);
        self.cells.get(start..start + count).unwrap_or(&[])
    }
    #[inline(always)]
    pub fn dims(&self) -> [usize; 3] {
        self.dims
    }
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.cells.len()
    }
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// The flat index of `index` in an array of `dims` (`n` axes used), or an out-of-bounds fault.
#[inline(always)]
fn flat(
    index: &[i64],
    dims: [usize; 3],
    at: &'static Location<'static>,
    x: usize,
) -> Option<usize> {
    let mut k = 0usize;
    for (axis, &i) in index.iter().enumerate() {
        match in_bounds(i, dims[axis]) {
            Some(i) => k = k * dims[axis] + i,
            None => {
                crate::private::report_now(index, &dims[..index.len()], at, x);
                return None;
            }
        }
    }
    Some(k)
}

impl<T: Element> Access<T> for PlainRead<'_, T> {
    #[inline(always)]
    fn get<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I) -> T {
        let k = i.index_i64();
        match in_bounds(k, self.cells.len()) {
            Some(k) => self.cells[k],
            None => {
                crate::private::report_now(
                    &[k],
                    &[self.cells.len()],
                    Location::caller(),
                    here.span_x(),
                );
                T::default()
            }
        }
    }
    #[inline(always)]
    fn set<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I, _: T) {
        // The macro never writes an array it took for reading; this is a fault, not a write.
        not_own(i.index_i64() as usize, Location::caller(), here.span_x())
    }
}

impl<T: Element> Access2<T> for PlainRead<'_, T> {
    #[inline(always)]
    fn get2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, j: J) -> T {
        flat(
            &[i.index_i64(), j.index_i64()],
            self.dims,
            Location::caller(),
            here.span_x(),
        )
        .map_or_else(T::default, |k| self.cells[k])
    }
    #[inline(always)]
    fn set2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, _: J, _: T) {
        not_own(i.index_i64() as usize, Location::caller(), here.span_x())
    }
    #[inline(always)]
    fn get3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, j: J, k: K) -> T {
        flat(
            &[i.index_i64(), j.index_i64(), k.index_i64()],
            self.dims,
            Location::caller(),
            here.span_x(),
        )
        .map_or_else(T::default, |k| self.cells[k])
    }
    #[inline(always)]
    fn set3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, _: J, _: K, _: T) {
        not_own(i.index_i64() as usize, Location::caller(), here.span_x())
    }
}

impl<T: Element> Access<T> for Own<'_, T> {
    #[inline(always)]
    fn get<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I) -> T {
        let (at, x) = (Location::caller(), here.span_x());
        flat(&[i.index_i64()], [self.len(), 1, 1], at, x)
            .and_then(|k| self.cell(k, at, x))
            .map_or_else(T::default, Cell::get)
    }
    #[inline(always)]
    fn set<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I, value: T) {
        let (at, x) = (Location::caller(), here.span_x());
        if let Some(c) =
            flat(&[i.index_i64()], [self.len(), 1, 1], at, x).and_then(|k| self.cell(k, at, x))
        {
            c.set(value)
        }
    }
}

impl<T: Element> Access2<T> for Own<'_, T> {
    #[inline(always)]
    fn get2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, j: J) -> T {
        let (at, x) = (Location::caller(), here.span_x());
        flat(&[i.index_i64(), j.index_i64()], self.dims, at, x)
            .and_then(|k| self.cell(k, at, x))
            .map_or_else(T::default, Cell::get)
    }
    #[inline(always)]
    fn set2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, j: J, value: T) {
        let (at, x) = (Location::caller(), here.span_x());
        if let Some(c) = flat(&[i.index_i64(), j.index_i64()], self.dims, at, x)
            .and_then(|k| self.cell(k, at, x))
        {
            c.set(value)
        }
    }
    #[inline(always)]
    fn get3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, j: J, k: K) -> T {
        let (at, x) = (Location::caller(), here.span_x());
        flat(
            &[i.index_i64(), j.index_i64(), k.index_i64()],
            self.dims,
            at,
            x,
        )
        .and_then(|k| self.cell(k, at, x))
        .map_or_else(T::default, Cell::get)
    }
    #[inline(always)]
    fn set3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, j: J, k: K, value: T) {
        let (at, x) = (Location::caller(), here.span_x());
        if let Some(c) = flat(
            &[i.index_i64(), j.index_i64(), k.index_i64()],
            self.dims,
            at,
            x,
        )
        .and_then(|k| self.cell(k, at, x))
        {
            c.set(value)
        }
    }
}

/// `cells[k]` of the fast part of a plain span loop (`k` below the slice's length by the loop's bound).
#[inline(always)]
pub fn fast_get<T: Copy>(cells: &[Cell<T>], k: usize) -> T {
    cells[k].get()
}

/// `cells[k] = value` of the fast part of a plain span loop.
#[inline(always)]
pub fn fast_set<T: Copy>(cells: &[Cell<T>], k: usize, value: T) {
    cells[k].set(value)
}

/// `slice[k]` of an array the fast part of a plain span loop reads at the thread's own index.
#[inline(always)]
pub fn fast_read<T: Copy>(slice: &[T], k: usize) -> T {
    slice[k]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LaunchConfig;

    #[test]
    fn a_span_reaches_only_its_own_elements() -> Result<()> {
        let device = Device::simulator();
        device.set_racecheck(false);
        let c = device.zeros::<i32>(&[2, 8])?;
        let a = device.to_device(&[5i32; 16], &[2, 8])?;
        let cfg = LaunchConfig::new((2, 1), (4, 2));
        let launch = PlainLaunch::new(&device, &cfg).expect("racecheck off");
        let (w, r) = (
            launch.write(&c).expect("free"),
            launch.read(&a).expect("free"),
        );
        // Taken: nobody else gets them in plain form, and a second launch's token opens nothing.
        assert!(launch.write(&a).is_none() && launch.read(&c).is_none());
        let other = PlainLaunch::new(&device, &cfg).expect("racecheck off");
        other.run("other", |tok| assert_eq!(w.own(tok).in_bounds(), 0))?;
        launch.run("own", |tok| {
            let own = w.own(tok);
            let s = tok.span();
            for x in s.grid_x() {
                own.set2(
                    &Here0,
                    s.grid_y(),
                    x,
                    r.get2(&Here0, s.grid_y(), x) + x as i32,
                );
            }
        })?;
        let err = launch
            .run("neighbour", |tok| {
                let s = tok.span();
                w.own(tok).set2(&Here0, (s.grid_y() + 1) % 2, 0, 0);
            })
            .expect_err("another row's element");
        assert!(
            err.to_string().contains("belongs to another thread"),
            "{err}"
        );
        drop(launch);
        assert_eq!(
            c.copy_to_host()?,
            [5, 6, 7, 8, 9, 10, 11, 12, 5, 6, 7, 8, 9, 10, 11, 12]
        );
        // A 1-D array written from a grid of two rows is refused.
        let one = device.zeros::<i32>(&[8])?;
        let launch = PlainLaunch::new(&device, &cfg).expect("racecheck off");
        assert!(launch.write(&one).is_none());
        Ok(())
    }

    #[test]
    fn grid_stride_passes_give_spans_disjoint_ranges() -> Result<()> {
        let device = Device::simulator();
        device.set_racecheck(false);
        let n = 1000;
        let c = device.zeros::<i64>(&[n])?;
        // 3 blocks of 32: 96 threads, 11 passes, the last one ragged; spans of whole blocks.
        let cfg = LaunchConfig::new(3, 32);
        let launch = PlainLaunch::new(&device, &cfg).expect("racecheck off");
        let w = launch.write(&c).expect("free");
        launch.run("passes", |tok| {
            let s = tok.span();
            for pass in 0..12 {
                let own = w.own_pass(tok, pass);
                for x in s.grid_x().take(own.in_bounds()) {
                    let i = x + pass * s.gridsize1();
                    own.set(&Here0, i, own.get(&Here0, i) + i as i64 + 1);
                }
            }
            // Far passes are empty, never wrapped round.
            assert_eq!(w.own_pass(tok, usize::MAX).in_bounds(), 0);
        })?;
        // The next pass's element is another span's or out of this pass: a fault.
        let err = launch
            .run("ahead", |tok| {
                let s = tok.span();
                w.own_pass(tok, 0)
                    .set(&Here0, s.grid_x().start + s.gridsize1(), 0);
            })
            .expect_err("pass 1's element");
        assert!(
            err.to_string().contains("belongs to another thread"),
            "{err}"
        );
        drop(launch);
        let want: Vec<i64> = (1..=n as i64).collect();
        assert_eq!(c.copy_to_host()?, want);
        Ok(())
    }

    /// The thread of a report: none in particular (a per-thread kernel's).
    struct Here0;
    impl Here for Here0 {
        fn span_x(&self) -> usize {
            usize::MAX
        }
    }
}

//! Support for the code `#[gpu::kernel]` generates; not a public API (hidden from the docs, may change).

use crate::dtype::{DType, Element};
use crate::fault::{self, Idx, in_bounds};
use crate::{Device, DeviceArray, Dim3, Error, KernelArg, Result, ThreadSpan};
use std::panic::Location;

/// Element types a generic kernel can be instantiated with: the arithmetic its body may use.
pub trait KernelScalar:
    Element
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + PartialOrd
    + ToArg
{
}
impl<T> KernelScalar for T where
    T: Element
        + std::ops::Add<Output = T>
        + std::ops::Sub<Output = T>
        + std::ops::Mul<Output = T>
        + std::ops::Div<Output = T>
        + PartialOrd
        + ToArg
{
}

/// A scalar kernel argument as the launch passes it.
pub trait ToArg: Copy {
    fn to_arg(self) -> KernelArg;
}
macro_rules! to_arg {
    ($($t:ty => $v:ident as $as:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(self) -> KernelArg {
                KernelArg::$v(self as $as)
            }
        }
    )*};
}
to_arg!(u8 => U32 as u32, i32 => I32 as i32, u32 => U32 as u32, i64 => I64 as i64, u64 => U64 as u64,
    usize => U64 as u64, f32 => F32 as f32, f64 => F64 as f64);

fn rust_name(d: DType) -> &'static str {
    match d {
        DType::U8 => "u8",
        DType::I32 => "i32",
        DType::U32 => "u32",
        DType::I64 => "i64",
        DType::U64 => "u64",
        DType::F32 => "f32",
        DType::F64 => "f64",
    }
}

/// The PTX entry of a generic kernel for `T`, or an error naming the types it was compiled for.
pub fn entry_for<T: Element>(kernel: &str, types: &[&str]) -> Result<String> {
    let name = rust_name(T::DTYPE);
    if types.contains(&name) {
        Ok(format!("{kernel}_{name}"))
    } else {
        Err(Error::BadArguments {
            kernel: kernel.to_string(),
            why: format!(
                "it is compiled for {} only, not {name}; add {name} to its #[gpu::kernel(T = [...])] list",
                types.join(", ")
            ),
        })
    }
}

/// A launch's hold on an array it runs on in the atomic form (see `access.rs`): plain launches wait for it.
#[derive(Debug)]
pub struct Claim<'a> {
    _claim: crate::access::SharedClaim<'a>,
}

/// The view a launch in the atomic form uses, with its claim: keep the claim until the launch ends. Unlike
/// [`DeviceArray::view`], it does not mark the array escaped.
///
/// # Errors
/// As [`DeviceArray::view`].
pub fn claimed_view<T: Element>(array: &DeviceArray<T>) -> Result<(Claim<'_>, crate::View<'_, T>)> {
    let (claim, view) = array.view_claimed()?;
    Ok((Claim { _claim: claim }, view))
}

/// Checks an array argument: on the launch's device, with the declared number of dimensions.
pub fn check_array<T: Element>(
    kernel: &str,
    name: &str,
    array: &DeviceArray<T>,
    device: &Device,
    ndim: usize,
) -> Result<()> {
    array.check_device(device, &format!("argument `{name}` of `{kernel}`"))?;
    if array.ndim() != ndim {
        return Err(Error::BadArguments {
            kernel: kernel.to_string(),
            why: format!(
                "`{name}` is declared Array{ndim} but the array passed has shape {:?} ({} dimension(s))",
                array.shape(),
                array.ndim()
            ),
        });
    }
    Ok(())
}

/// `a[i]` of a kernel's local array: out of bounds fails the launch (and reads zero) instead of panicking.
#[inline]
#[track_caller]
pub fn local_get<T: Copy + Default, H: Here + ?Sized, I: Idx, const N: usize>(
    a: &[T; N],
    here: &H,
    i: I,
) -> T {
    let k = i.index_i64();
    match in_bounds(k, N) {
        Some(k) => a[k],
        None => {
            local_out_of_bounds(here.span_x(), k, N, Location::caller());
            T::default()
        }
    }
}

/// `a[i] = v` of a kernel's local array.
#[inline]
#[track_caller]
pub fn local_set<T: Copy, H: Here + ?Sized, I: Idx, const N: usize>(
    a: &mut [T; N],
    here: &H,
    i: I,
    v: T,
) {
    let k = i.index_i64();
    match in_bounds(k, N) {
        Some(k) => a[k] = v,
        None => local_out_of_bounds(here.span_x(), k, N, Location::caller()),
    }
}

#[cold]
#[inline(never)]
fn local_out_of_bounds(span_x: usize, k: i64, n: usize, at: &'static Location<'static>) {
    fault::as_span_thread(span_x, || {
        fault::fault(
            at,
            format_args!("index {k} is out of bounds for local array of size {n}"),
        )
    })
}

/// Which simulated thread a kernel body's access runs for, as its fault report needs it: the thread of a
/// span kernel's loop is a register there, never stored to thread-local memory per thread.
pub trait Here {
    /// The running thread's x index in its span, `usize::MAX` for a per-thread kernel.
    fn span_x(&self) -> usize;
}

impl Here for SpanThread {
    #[inline(always)]
    fn span_x(&self) -> usize {
        self.x
    }
}
impl Here for crate::ThreadCtx<'_> {
    #[inline(always)]
    fn span_x(&self) -> usize {
        usize::MAX
    }
}
impl Here for FastCtx<'_, '_> {
    #[inline(always)]
    fn span_x(&self) -> usize {
        usize::MAX
    }
}

/// The element accesses a `#[gpu::kernel]` body is rewritten into (`a[i]` becomes `Access::get(&a, __t, i)`)
/// for every kind of array a body can hold: checked views and shared arrays (race check on), and their fast
/// forms.
pub trait Access<T: Element> {
    #[track_caller]
    fn get<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I) -> T;
    #[track_caller]
    fn set<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I, value: T);
}

/// The accesses of 2-D and 3-D device arrays (`a[(i, j)]` becomes `Access2::get2(&a, __t, i, j)`).
pub trait Access2<T: Element> {
    #[track_caller]
    fn get2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, j: J) -> T;
    #[track_caller]
    fn set2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, j: J, value: T);
    #[track_caller]
    fn get3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, j: J, k: K) -> T;
    #[track_caller]
    fn set3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, j: J, k: K, value: T);
}

// The race-checked arrays read their thread from thread-local memory (their kernels store it).
impl<T: Element> Access<T> for crate::View<'_, T> {
    #[inline(always)]
    fn get<H: Here + ?Sized, I: Idx>(&self, _: &H, i: I) -> T {
        crate::View::get(self, i)
    }
    #[inline(always)]
    fn set<H: Here + ?Sized, I: Idx>(&self, _: &H, i: I, value: T) {
        crate::View::set(self, i, value)
    }
}

impl<T: Element> Access2<T> for crate::View<'_, T> {
    #[inline(always)]
    fn get2<H: Here + ?Sized, I: Idx, J: Idx>(&self, _: &H, i: I, j: J) -> T {
        crate::View::get2(self, i, j)
    }
    #[inline(always)]
    fn set2<H: Here + ?Sized, I: Idx, J: Idx>(&self, _: &H, i: I, j: J, value: T) {
        crate::View::set2(self, i, j, value)
    }
    #[inline(always)]
    fn get3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, _: &H, i: I, j: J, k: K) -> T {
        crate::View::get3(self, i, j, k)
    }
    #[inline(always)]
    fn set3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, _: &H, i: I, j: J, k: K, value: T) {
        crate::View::set3(self, i, j, k, value)
    }
}

impl<T: Element> Access<T> for crate::SharedArray<T> {
    #[inline(always)]
    fn get<H: Here + ?Sized, I: Idx>(&self, _: &H, i: I) -> T {
        crate::SharedArray::get(self, i)
    }
    #[inline(always)]
    fn set<H: Here + ?Sized, I: Idx>(&self, _: &H, i: I, value: T) {
        crate::SharedArray::set(self, i, value)
    }
}

impl<T: Element> Access<T> for FastShared<T> {
    #[inline(always)]
    fn get<H: Here + ?Sized, I: Idx>(&self, _: &H, i: I) -> T {
        FastShared::get(self, i)
    }
    #[inline(always)]
    fn set<H: Here + ?Sized, I: Idx>(&self, _: &H, i: I, value: T) {
        FastShared::set(self, i, value)
    }
}

/// Refuses a kernel whose local arrays exceed CUDA's 512 KiB per thread (span kernels run on OS stacks).
pub fn check_local(kernel: &str, local_bytes: usize) -> Result<()> {
    crate::sim::stack_bytes_for(kernel, local_bytes).map(|_| ())
}

/// One simulated thread of a span, as the body of a barrier-free `#[gpu::kernel]` sees it: the same index
/// functions as [`crate::ThreadCtx`]. It holds the span's values itself (not a reference to the span), so
/// that the optimiser keeps them in registers across the body's stores.
#[derive(Debug, Clone, Copy)]
pub struct SpanThread {
    x: usize,
    y: usize,
    z: usize,
    block_dim: Dim3,
    grid_dim: Dim3,
}

impl SpanThread {
    /// The span's first thread (for values the same in every thread, such as a grid-stride loop's bound).
    pub fn first(span: &ThreadSpan) -> SpanThread {
        SpanThread {
            x: span.grid_x().start,
            ..SpanThread::new(span)
        }
    }
    fn new(span: &ThreadSpan) -> SpanThread {
        SpanThread {
            x: 0,
            y: span.grid_y(),
            z: span.grid_z(),
            block_dim: span.block_dim(),
            grid_dim: span.grid_dim(),
        }
    }
    #[inline(always)]
    pub fn grid1(&self) -> usize {
        self.x
    }
    #[inline(always)]
    pub fn grid2(&self) -> (usize, usize) {
        (self.x, self.y)
    }
    #[inline(always)]
    pub fn grid3(&self) -> (usize, usize, usize) {
        (self.x, self.y, self.z)
    }
    #[inline(always)]
    pub fn gridsize1(&self) -> usize {
        self.grid_dim.x as usize * self.block_dim.x as usize
    }
    #[inline(always)]
    pub fn gridsize2(&self) -> (usize, usize) {
        (
            self.gridsize1(),
            self.grid_dim.y as usize * self.block_dim.y as usize,
        )
    }
    #[inline(always)]
    pub fn gridsize3(&self) -> (usize, usize, usize) {
        let (x, y) = self.gridsize2();
        (x, y, self.grid_dim.z as usize * self.block_dim.z as usize)
    }
    #[inline(always)]
    pub fn thread_idx(&self) -> Dim3 {
        let d = self.block_dim;
        Dim3::new(
            (self.x % d.x as usize) as u32,
            (self.y % d.y as usize) as u32,
            (self.z % d.z as usize) as u32,
        )
    }
    #[inline(always)]
    pub fn block_idx(&self) -> Dim3 {
        let d = self.block_dim;
        Dim3::new(
            (self.x / d.x as usize) as u32,
            (self.y / d.y as usize) as u32,
            (self.z / d.z as usize) as u32,
        )
    }
    #[inline(always)]
    pub fn block_dim(&self) -> Dim3 {
        self.block_dim
    }
    #[inline(always)]
    pub fn grid_dim(&self) -> Dim3 {
        self.grid_dim
    }
}

/// Runs a barrier-free kernel body for every thread of a span, one after another, storing each thread's x
/// where the race check's stamps and the fault reports of atomics read it (the race-checked views, and the
/// fast views of a body with atomics); an out-of-bounds access a fast view noted is reported at the end.
#[inline(always)]
pub fn run_span(span: &ThreadSpan, body: impl Fn(&SpanThread)) {
    let mut t = SpanThread::new(span);
    for x in span.grid_x() {
        t.x = x;
        fault::set_span_x(x);
        body(&t);
    }
    fault::flush_deferred();
}

/// The span loop of a plain-form launch (`plain.rs`): `fast_body(thread, k)` for the first threads of the
/// span, up to `fast_max` (the length of the span's fast slices, which `k` indexes) and as far as every
/// array of `own` (its extents and the rank of the thread's own index into it) has the thread's own element
/// in bounds; then `body(thread)` for the rest.
///
/// In the fast part the optimiser is told what this function has just checked: `k` is below `fast_max`
/// and each coordinate is below the extent of its axis in every array of `own`. So the kernel's own bounds
/// tests (`if i < c.shape(0) && j < c.shape(1)`) and the slices' checks fold away and the loop vectorises.
#[inline(always)]
pub fn run_plain_span<const N: usize>(
    span: &ThreadSpan,
    fast_max: usize,
    own: [([usize; 3], usize); N],
    fast_body: impl Fn(&SpanThread, usize),
    body: impl Fn(&SpanThread),
) {
    let mut t = SpanThread::new(span);
    let x = span.grid_x();
    let (y, z) = (span.grid_y(), span.grid_z());
    // Whether the thread's own element of an array of `dims` indexed with `rank` coordinates is in bounds.
    let inside = |xx: usize, (dims, rank): ([usize; 3], usize)| match rank {
        1 => xx < dims[0],
        2 => xx < dims[1] && y < dims[0],
        _ => xx < dims[2] && y < dims[1] && z < dims[0],
    };
    // More arrays than the facts below state (8) keep the checked form: the fast part is for the usual few.
    let mut n = if N <= 8 { fast_max.min(x.len()) } else { 0 };
    for &(dims, rank) in &own {
        let cols = match rank {
            1 => dims[0],
            2 => dims[1],
            _ => dims[2],
        };
        n = if inside(x.start, (dims, rank)) {
            n.min(cols - x.start)
        } else {
            0
        };
    }
    for k in 0..n {
        let xx = x.start + k;
        // SAFETY: `k < n <= fast_max`; `n` stops the loop before the first thread whose own element of any
        // array of `own` is out of bounds (the extents grow with nothing but `xx`, checked at `x.start`
        // and bounded by `cols - x.start`).
        unsafe {
            std::hint::assert_unchecked(k < fast_max);
            // Written out per array (constant indices; `N` is a constant): the optimiser drops facts stated
            // in a loop over `own` before it has unrolled that loop.
            macro_rules! facts {
                ($($i:literal)*) => {$(
                    if $i < N {
                        let (dims, rank) = own[$i];
                        // One fact per comparison: each one matches a test the kernel may make.
                        match rank {
                            1 => std::hint::assert_unchecked(xx < dims[0]),
                            2 => {
                                std::hint::assert_unchecked(xx < dims[1]);
                                std::hint::assert_unchecked(y < dims[0]);
                            }
                            _ => {
                                std::hint::assert_unchecked(xx < dims[2]);
                                std::hint::assert_unchecked(y < dims[1]);
                                std::hint::assert_unchecked(z < dims[0]);
                            }
                        }
                    }
                )*};
            }
            facts!(0 1 2 3 4 5 6 7);
        }
        t.x = xx;
        fast_body(&t, k);
    }
    for xx in x.start + n..x.end {
        t.x = xx;
        body(&t);
    }
    fault::flush_deferred();
}

/// One pass of a grid-stride loop in plain form: the span's first `fast_max` threads (at most) run
/// `fast_body(thread, k)`, `k` the thread's place in the span, whose own elements of this pass are all in
/// bounds (the slices the macro took are at least `fast_max` long); the rest run `body` with the checked
/// accessors.
#[inline(always)]
pub fn run_plain_pass(
    span: &ThreadSpan,
    fast_max: usize,
    fast_body: impl Fn(&SpanThread, usize),
    body: impl Fn(&SpanThread),
) {
    let mut t = SpanThread::new(span);
    let x = span.grid_x();
    let n = fast_max.min(x.len());
    for k in 0..n {
        // SAFETY: `k < n <= fast_max`.
        unsafe { std::hint::assert_unchecked(k < fast_max) };
        t.x = x.start + k;
        fast_body(&t, k);
    }
    for xx in x.start + n..x.end {
        t.x = xx;
        body(&t);
    }
    fault::flush_deferred();
}

/// [`run_span`] for the fast views: the thread's x stays in a register (the accessors are handed it, see
/// [`Here`]); an out-of-bounds access noted on the way is reported when the span ends.
#[inline(always)]
pub fn run_span_fast(span: &ThreadSpan, body: impl Fn(&SpanThread)) {
    let mut t = SpanThread::new(span);
    for x in span.grid_x() {
        t.x = x;
        body(&t);
    }
    fault::flush_deferred();
}

/// A simulator view without the race check's bookkeeping, for the span form of barrier-free kernels when
/// the race check is off: the same checked accessors as [`crate::View`], with no per-access branch on the
/// check, so the loop keeps its values in registers.
///
/// With `DEFER` (per-thread kernels), an access out of bounds is noted in thread-local memory and reported
/// when the simulated thread stops (`fault.rs`), with no call in the kernel's loop, which would clobber
/// every floating-point register (an accumulator would then live on the stack). Span kernels report it at
/// once: their loop holds few values across threads, and an out-of-line report keeps it shortest.
#[derive(Debug)]
pub struct FastView<'a, T: Element, const DEFER: bool = false> {
    cells: &'a [T::Cell],
    dims: [usize; 3],
}

impl<T: Element, const DEFER: bool> Clone for FastView<'_, T, DEFER> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Element, const DEFER: bool> Copy for FastView<'_, T, DEFER> {}

/// The race-free accessors of a view (it must have no race check attached), for span kernels.
pub fn fast<'a, T: Element>(view: crate::View<'a, T>) -> FastView<'a, T> {
    let (cells, dims) = view.parts();
    FastView { cells, dims }
}

/// The race-free accessors of a view for per-thread kernels: out-of-bounds accesses deferred.
pub fn fast_deferred<'a, T: Element>(view: crate::View<'a, T>) -> FastView<'a, T, true> {
    let (cells, dims) = view.parts();
    FastView { cells, dims }
}

/// Records an out-of-bounds access of a [`FastView`] (`index` and `shape` of 1-3 axes) by the thread
/// `span_x` of the running span (`usize::MAX`: the running per-thread kernel's thread): deferred, or reported
/// now (out of line).
#[inline(always)]
fn out_of_bounds<const DEFER: bool>(
    index: &[i64],
    shape: &[usize],
    at: &'static Location<'static>,
    span_x: usize,
) {
    if DEFER {
        let (mut i, mut s) = ([0; 3], [0; 3]);
        let n = index.len().min(3);
        i[..n].copy_from_slice(&index[..n]);
        s[..n].copy_from_slice(&shape[..n]);
        fault::defer_out_of_bounds(i, s, n as u8, at, span_x)
    } else {
        report_now(index, shape, at, span_x)
    }
}

#[cold]
#[inline(never)]
pub(crate) fn report_now(
    index: &[i64],
    shape: &[usize],
    at: &'static Location<'static>,
    span_x: usize,
) {
    fault::as_span_thread(span_x, || {
        crate::sim::report_out_of_bounds(index, shape, at)
    })
}

impl<T: Element, const DEFER: bool> FastView<'_, T, DEFER> {
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.cells.len()
    }
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
    #[inline(always)]
    pub fn dims(&self) -> [usize; 3] {
        self.dims
    }
    /// The same view with `dims` as its extents and their product as its length: a span kernel whose arrays
    /// of one rank share a shape rebuilds each of them from one copy of the extents, so that the optimiser
    /// sees one bound where the kernel tests `i < c.shape(0)` and indexes `a[(i, j)]`, `b[(i, j)]`,
    /// `c[(i, j)]`, and tests it once. `dims` are the view's own extents (the launcher compares them); they
    /// are not compared here, as an equality the optimiser could see would let it use either copy again.
    /// Extents past the cells panic (the accessors' unchecked reads rely on the product fitting).
    #[inline(always)]
    pub fn uniform(self, dims: [usize; 3]) -> Self {
        FastView {
            cells: &self.cells[..dims[0] * dims[1] * dims[2]],
            dims,
        }
    }
    #[inline(always)]
    fn at2(&self, i: i64, j: i64, at: &'static Location<'static>, x: usize) -> Option<usize> {
        // One branch per axis (not both tested together), so that the optimiser can take a test of an
        // index that stays the same through a span (a row) out of the loop.
        let [rows, cols, _] = self.dims;
        let Some(r) = in_bounds(i, rows) else {
            out_of_bounds::<DEFER>(&[i, j], &[rows, cols], at, x);
            return None;
        };
        let Some(c) = in_bounds(j, cols) else {
            out_of_bounds::<DEFER>(&[i, j], &[rows, cols], at, x);
            return None;
        };
        Some(r * cols + c)
    }
    #[inline(always)]
    fn at3(
        &self,
        i: i64,
        j: i64,
        k: i64,
        at: &'static Location<'static>,
        x: usize,
    ) -> Option<usize> {
        let [a, b, c] = self.dims;
        if let Some(p) = in_bounds(i, a) {
            if let Some(q) = in_bounds(j, b) {
                if let Some(r) = in_bounds(k, c) {
                    return Some((p * b + q) * c + r);
                }
            }
        }
        out_of_bounds::<DEFER>(&[i, j, k], &[a, b, c], at, x);
        None
    }
}

impl<T: Element, const DEFER: bool> Access<T> for FastView<'_, T, DEFER> {
    #[inline(always)]
    fn get<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I) -> T {
        let k = i.index_i64();
        match in_bounds(k, self.cells.len()) {
            Some(k) => T::load(crate::sim::unchecked(self.cells, k)),
            None => {
                out_of_bounds::<DEFER>(
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
    fn set<H: Here + ?Sized, I: Idx>(&self, here: &H, i: I, value: T) {
        let k = i.index_i64();
        match in_bounds(k, self.cells.len()) {
            Some(k) => T::store(crate::sim::unchecked(self.cells, k), value),
            None => {
                out_of_bounds::<DEFER>(&[k], &[self.cells.len()], Location::caller(), here.span_x())
            }
        }
    }
}

impl<T: Element, const DEFER: bool> Access2<T> for FastView<'_, T, DEFER> {
    #[inline(always)]
    fn get2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, j: J) -> T {
        match self.at2(
            i.index_i64(),
            j.index_i64(),
            Location::caller(),
            here.span_x(),
        ) {
            Some(k) => T::load(crate::sim::unchecked(self.cells, k)),
            None => T::default(),
        }
    }
    #[inline(always)]
    fn set2<H: Here + ?Sized, I: Idx, J: Idx>(&self, here: &H, i: I, j: J, value: T) {
        if let Some(k) = self.at2(
            i.index_i64(),
            j.index_i64(),
            Location::caller(),
            here.span_x(),
        ) {
            T::store(crate::sim::unchecked(self.cells, k), value)
        }
    }
    #[inline(always)]
    fn get3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, j: J, k: K) -> T {
        match self.at3(
            i.index_i64(),
            j.index_i64(),
            k.index_i64(),
            Location::caller(),
            here.span_x(),
        ) {
            Some(k) => T::load(crate::sim::unchecked(self.cells, k)),
            None => T::default(),
        }
    }
    #[inline(always)]
    fn set3<H: Here + ?Sized, I: Idx, J: Idx, K: Idx>(&self, here: &H, i: I, j: J, k: K, value: T) {
        if let Some(k) = self.at3(
            i.index_i64(),
            j.index_i64(),
            k.index_i64(),
            Location::caller(),
            here.span_x(),
        ) {
            T::store(crate::sim::unchecked(self.cells, k), value)
        }
    }
}

impl<T: Element, const DEFER: bool> crate::atomic::AtomicTarget<T> for FastView<'_, T, DEFER> {
    fn atomic_cell(
        &self,
        index: impl crate::atomic::AtomicIndex,
        at: &'static Location<'static>,
    ) -> Option<&T::Cell> {
        let k = index.offset(self.dims, self.cells.len(), at)?;
        Some(&self.cells[k])
    }
}

/// Whether a kernel's `while`/`loop` should stop because the launch has faulted; `passes` counts the loop's
/// passes, and the launch is asked every 1024.
#[inline(always)]
pub fn loop_guard(passes: &mut u32) -> bool {
    *passes = passes.wrapping_add(1);
    *passes % 1024 == 0 && crate::fault::failed()
}

pub use crate::plain::{
    Own, PlainLaunch, PlainRead, PlainWrite, SpanToken, fast_get, fast_read, fast_set,
};
pub use crate::sim::FastShared;

/// The context of a per-thread `#[gpu::kernel]` body when the race check is off: the same index functions
/// and barrier as [`crate::ThreadCtx`] (through `Deref`), but its shared arrays are [`FastShared`].
#[derive(Debug)]
pub struct FastCtx<'c, 'a>(pub &'c crate::ThreadCtx<'a>);

impl<'a> std::ops::Deref for FastCtx<'_, 'a> {
    type Target = crate::ThreadCtx<'a>;
    #[inline(always)]
    fn deref(&self) -> &crate::ThreadCtx<'a> {
        self.0
    }
}

impl FastCtx<'_, '_> {
    /// [`crate::ThreadCtx::shared_array`] without the race check's bookkeeping.
    #[inline]
    #[track_caller]
    pub fn shared_array<T: Element>(&self, slot: usize, len: usize) -> FastShared<T> {
        FastShared::new(self.0.shared_array(slot, len))
    }
}

impl<T: Element> crate::atomic::AtomicTarget<T> for FastShared<T> {
    fn atomic_cell(
        &self,
        index: impl crate::atomic::AtomicIndex,
        at: &'static Location<'static>,
    ) -> Option<&T::Cell> {
        self.array().atomic_cell(index, at)
    }
}

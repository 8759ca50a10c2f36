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
pub fn local_get<T: Copy + Default, I: Idx, const N: usize>(a: &[T; N], i: I) -> T {
    let k = i.index_i64();
    match in_bounds(k, N) {
        Some(k) => a[k],
        None => {
            fault::fault(
                Location::caller(),
                format_args!("index {k} is out of bounds for local array of size {N}"),
            );
            T::default()
        }
    }
}

/// `a[i] = v` of a kernel's local array.
#[inline]
#[track_caller]
pub fn local_set<T: Copy, I: Idx, const N: usize>(a: &mut [T; N], i: I, v: T) {
    let k = i.index_i64();
    match in_bounds(k, N) {
        Some(k) => a[k] = v,
        None => fault::fault(
            Location::caller(),
            format_args!("index {k} is out of bounds for local array of size {N}"),
        ),
    }
}

/// Refuses a kernel whose local arrays exceed CUDA's 512 KiB per thread (span kernels run on OS stacks).
pub fn check_local(kernel: &str, local_bytes: usize) -> Result<()> {
    crate::sim::stack_bytes_for(kernel, local_bytes).map(|_| ())
}

/// One simulated thread of a span, as the body of a barrier-free `#[gpu::kernel]` sees it: the same index
/// functions as [`crate::ThreadCtx`].
#[derive(Debug)]
pub struct SpanThread<'a> {
    span: &'a ThreadSpan,
    x: usize,
}

impl SpanThread<'_> {
    #[inline(always)]
    pub fn grid1(&self) -> usize {
        self.x
    }
    #[inline(always)]
    pub fn grid2(&self) -> (usize, usize) {
        (self.x, self.span.grid_y())
    }
    #[inline(always)]
    pub fn grid3(&self) -> (usize, usize, usize) {
        (self.x, self.span.grid_y(), self.span.grid_z())
    }
    #[inline(always)]
    pub fn gridsize1(&self) -> usize {
        self.span.gridsize1()
    }
    #[inline(always)]
    pub fn gridsize2(&self) -> (usize, usize) {
        self.span.gridsize2()
    }
    #[inline(always)]
    pub fn gridsize3(&self) -> (usize, usize, usize) {
        self.span.gridsize3()
    }
    #[inline(always)]
    pub fn thread_idx(&self) -> Dim3 {
        self.span.thread_idx_of(self.x)
    }
    #[inline(always)]
    pub fn block_idx(&self) -> Dim3 {
        self.span.block_idx_of(self.x)
    }
    #[inline(always)]
    pub fn block_dim(&self) -> Dim3 {
        self.span.block_dim()
    }
    #[inline(always)]
    pub fn grid_dim(&self) -> Dim3 {
        self.span.grid_dim()
    }
}

/// Runs a barrier-free kernel body for every thread of a span, one after another.
#[inline(always)]
pub fn run_span(span: &ThreadSpan, body: impl Fn(&SpanThread<'_>)) {
    let mut t = SpanThread { span, x: 0 };
    for x in span.grid_x() {
        t.x = x;
        fault::set_span_x(x);
        body(&t);
    }
}

/// A simulator view without the race check's bookkeeping, for the span form of barrier-free kernels when
/// the race check is off: the same checked accessors as [`crate::View`], with no per-access branch on the
/// check, so the loop keeps its values in registers.
///
/// With `DEFER` (per-thread kernels), an access out of bounds is noted in thread-local memory and reported
/// when the simulated thread stops ([`crate::fault`]), with no call in the kernel's loop, which would clobber
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

/// Records an out-of-bounds access of a [`FastView`] (`index` and `shape` of 1-3 axes): deferred, or reported
/// now (out of line).
#[inline(always)]
fn out_of_bounds<const DEFER: bool>(
    index: &[i64],
    shape: &[usize],
    at: &'static Location<'static>,
) {
    if DEFER {
        let (mut i, mut s) = ([0; 3], [0; 3]);
        let n = index.len().min(3);
        i[..n].copy_from_slice(&index[..n]);
        s[..n].copy_from_slice(&shape[..n]);
        fault::defer_out_of_bounds(i, s, n as u8, at)
    } else {
        crate::sim::report_out_of_bounds(index, shape, at)
    }
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
    #[inline(always)]
    #[track_caller]
    pub fn get<I: Idx>(&self, i: I) -> T {
        let k = i.index_i64();
        match in_bounds(k, self.cells.len()) {
            Some(k) => T::load(crate::sim::unchecked(self.cells, k)),
            None => {
                out_of_bounds::<DEFER>(&[k], &[self.cells.len()], Location::caller());
                T::default()
            }
        }
    }
    #[inline(always)]
    #[track_caller]
    pub fn set<I: Idx>(&self, i: I, value: T) {
        let k = i.index_i64();
        match in_bounds(k, self.cells.len()) {
            Some(k) => T::store(crate::sim::unchecked(self.cells, k), value),
            None => out_of_bounds::<DEFER>(&[k], &[self.cells.len()], Location::caller()),
        }
    }
    #[inline(always)]
    fn at2(&self, i: i64, j: i64, at: &'static Location<'static>) -> Option<usize> {
        let [rows, cols, _] = self.dims;
        match (in_bounds(i, rows), in_bounds(j, cols)) {
            (Some(i), Some(j)) => Some(i * cols + j),
            _ => {
                out_of_bounds::<DEFER>(&[i, j], &[rows, cols], at);
                None
            }
        }
    }
    #[inline(always)]
    fn at3(&self, i: i64, j: i64, k: i64, at: &'static Location<'static>) -> Option<usize> {
        let [a, b, c] = self.dims;
        match (in_bounds(i, a), in_bounds(j, b), in_bounds(k, c)) {
            (Some(i), Some(j), Some(k)) => Some((i * b + j) * c + k),
            _ => {
                out_of_bounds::<DEFER>(&[i, j, k], &[a, b, c], at);
                None
            }
        }
    }
    #[inline(always)]
    #[track_caller]
    pub fn get2<I: Idx, J: Idx>(&self, i: I, j: J) -> T {
        match self.at2(i.index_i64(), j.index_i64(), Location::caller()) {
            Some(k) => T::load(crate::sim::unchecked(self.cells, k)),
            None => T::default(),
        }
    }
    #[inline(always)]
    #[track_caller]
    pub fn set2<I: Idx, J: Idx>(&self, i: I, j: J, value: T) {
        if let Some(k) = self.at2(i.index_i64(), j.index_i64(), Location::caller()) {
            T::store(crate::sim::unchecked(self.cells, k), value)
        }
    }
    #[inline(always)]
    #[track_caller]
    pub fn get3<I: Idx, J: Idx, K: Idx>(&self, i: I, j: J, k: K) -> T {
        match self.at3(
            i.index_i64(),
            j.index_i64(),
            k.index_i64(),
            Location::caller(),
        ) {
            Some(k) => T::load(crate::sim::unchecked(self.cells, k)),
            None => T::default(),
        }
    }
    #[inline(always)]
    #[track_caller]
    pub fn set3<I: Idx, J: Idx, K: Idx>(&self, i: I, j: J, k: K, value: T) {
        if let Some(k) = self.at3(
            i.index_i64(),
            j.index_i64(),
            k.index_i64(),
            Location::caller(),
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

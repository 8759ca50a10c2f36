//! The names of the kernel language that appear in a `#[gpu::kernel]` signature.

/// A 1-D device array parameter of a `#[gpu::kernel]` (`a[i]`, `a.len()`, `a.shape(0)`); launch with a
/// `&DeviceArray<T>` of one dimension. Only the attribute reads this type: it is never constructed.
#[derive(Debug)]
pub struct Array1<T>(std::marker::PhantomData<T>);
/// A 2-D device array parameter of a `#[gpu::kernel]` (`a[(i, j)]`, `a.shape(0)` rows, `a.shape(1)` columns).
#[derive(Debug)]
pub struct Array2<T>(std::marker::PhantomData<T>);
/// A 3-D device array parameter of a `#[gpu::kernel]` (`a[(i, j, k)]`, `a.shape(k)`).
#[derive(Debug)]
pub struct Array3<T>(std::marker::PhantomData<T>);

//! Atomic operations in simulated kernels: numba's `cuda.atomic.add(array, index, value)` and its siblings.
//!
//! Each function works on a device array's [`View`] or a block's [`SharedArray`], takes a flat index (any
//! integer) or a `(i, j)` / `(i, j, k)` tuple, and returns the element's old value, as CUDA's `atomicAdd` does.
//! Integer arithmetic wraps, as on the GPU. An index out of bounds fails the launch (see [`crate::View::get`])
//! and the operation does nothing (it returns zero). Atomics never count as a data race.
//!
//! ```
//! use gpu::{Barriers, Device, LaunchConfig, atomic};
//! let device = Device::simulator();
//! let data: Vec<u32> = (0..1000).map(|i| i * 7 % 10).collect();
//! let input = device.to_device(&data, &[1000])?;
//! let bins = device.zeros::<u32>(&[10])?;
//! let (x, h) = (input.view()?, bins.view()?);
//! device.launch_sim("histogram", &LaunchConfig::for_elements(1000, 128), Barriers::None, |t| {
//!     let i = t.grid1();
//!     if i < x.len() {
//!         atomic::add(&h, x.get(i), 1); // cuda.atomic.add(bins, x[i], 1)
//!     }
//! })?;
//! assert_eq!(bins.copy_to_host()?, [100; 10]);
//! # Ok::<(), gpu::Error>(())
//! ```

use crate::dtype::Element;
use crate::fault::{Idx, in_bounds};
use crate::sim::{SharedArray, View};
use std::panic::Location;

/// An index for an atomic operation: a flat integer index, or a `(i, j)` / `(i, j, k)` tuple.
pub trait AtomicIndex: Copy {
    /// The flat offset in an array of `dims` holding `len` elements, or `None` after recording the fault.
    #[doc(hidden)]
    fn offset(self, dims: [usize; 3], len: usize, at: &'static Location<'static>) -> Option<usize>;
}

impl<I: Idx> AtomicIndex for I {
    fn offset(
        self,
        _dims: [usize; 3],
        len: usize,
        at: &'static Location<'static>,
    ) -> Option<usize> {
        let k = self.index_i64();
        let found = in_bounds(k, len);
        if found.is_none() {
            crate::fault::fault(
                at,
                format_args!("index {k} is out of bounds for axis 0 with size {len}"),
            );
        }
        found
    }
}

fn axes(index: &[i64], dims: &[usize], at: &'static Location<'static>) -> Option<usize> {
    let mut flat = 0;
    for (axis, (&k, &d)) in index.iter().zip(dims).enumerate() {
        match in_bounds(k, d) {
            Some(k) => flat = flat * d + k,
            None => {
                crate::fault::fault(
                    at,
                    format_args!(
                        "index {k} is out of bounds for axis {axis} with size {d} (index {index:?}, shape {dims:?})"
                    ),
                );
                return None;
            }
        }
    }
    Some(flat)
}

impl<I: Idx, J: Idx> AtomicIndex for (I, J) {
    fn offset(
        self,
        dims: [usize; 3],
        _len: usize,
        at: &'static Location<'static>,
    ) -> Option<usize> {
        axes(&[self.0.index_i64(), self.1.index_i64()], &dims[..2], at)
    }
}

impl<I: Idx, J: Idx, K: Idx> AtomicIndex for (I, J, K) {
    fn offset(
        self,
        dims: [usize; 3],
        _len: usize,
        at: &'static Location<'static>,
    ) -> Option<usize> {
        axes(
            &[self.0.index_i64(), self.1.index_i64(), self.2.index_i64()],
            &dims,
            at,
        )
    }
}

/// Memory an atomic operation can target: a device array's [`View`] or a [`SharedArray`].
pub trait AtomicTarget<T: Element> {
    /// The cell at `index`, or `None` after recording an out-of-bounds fault.
    #[doc(hidden)]
    fn atomic_cell(
        &self,
        index: impl AtomicIndex,
        at: &'static Location<'static>,
    ) -> Option<&T::Cell>;
}

impl<T: Element> AtomicTarget<T> for View<'_, T> {
    fn atomic_cell(
        &self,
        index: impl AtomicIndex,
        at: &'static Location<'static>,
    ) -> Option<&T::Cell> {
        let k = index.offset(self.dims(), self.len(), at)?;
        Some(self.cell(k))
    }
}

impl<T: Element> AtomicTarget<T> for SharedArray<T> {
    fn atomic_cell(
        &self,
        index: impl AtomicIndex,
        at: &'static Location<'static>,
    ) -> Option<&T::Cell> {
        let k = index.offset([self.len(), 1, 1], self.len(), at)?;
        Some(self.cell(k))
    }
}

/// Element types with the arithmetic atomics: integers wrap, floats round as IEEE arithmetic does.
pub trait AtomicNum: Element {
    #[doc(hidden)]
    fn add(self, other: Self) -> Self;
    #[doc(hidden)]
    fn sub(self, other: Self) -> Self;
    #[doc(hidden)]
    fn max(self, other: Self) -> Self;
    #[doc(hidden)]
    fn min(self, other: Self) -> Self;
}

/// Integer element types, which also have the bitwise atomics and `inc`/`dec`.
pub trait AtomicInt: AtomicNum + Ord {
    #[doc(hidden)]
    fn and(self, other: Self) -> Self;
    #[doc(hidden)]
    fn or(self, other: Self) -> Self;
    #[doc(hidden)]
    fn xor(self, other: Self) -> Self;
    #[doc(hidden)]
    fn one() -> Self;
}

macro_rules! ints {
    ($($t:ty),*) => {$(
        impl AtomicNum for $t {
            fn add(self, other: Self) -> Self { self.wrapping_add(other) }
            fn sub(self, other: Self) -> Self { self.wrapping_sub(other) }
            fn max(self, other: Self) -> Self { Ord::max(self, other) }
            fn min(self, other: Self) -> Self { Ord::min(self, other) }
        }
        impl AtomicInt for $t {
            fn and(self, other: Self) -> Self { self & other }
            fn or(self, other: Self) -> Self { self | other }
            fn xor(self, other: Self) -> Self { self ^ other }
            fn one() -> Self { 1 }
        }
    )*};
}
ints!(u8, i32, u32, i64, u64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl AtomicNum for $t {
            fn add(self, other: Self) -> Self { self + other }
            fn sub(self, other: Self) -> Self { self - other }
            // CUDA's fmax/fmin: a NaN operand loses to a number.
            fn max(self, other: Self) -> Self { <$t>::max(self, other) }
            fn min(self, other: Self) -> Self { <$t>::min(self, other) }
        }
    )*};
}
floats!(f32, f64);

#[inline]
#[track_caller]
fn rmw<T: Element>(
    target: &impl AtomicTarget<T>,
    index: impl AtomicIndex,
    f: impl FnMut(T) -> T,
) -> T {
    match target.atomic_cell(index, Location::caller()) {
        Some(cell) => T::update(cell, f),
        None => T::default(),
    }
}

/// `cuda.atomic.add(array, index, value)`: adds `value` to the element, returns the old value.
#[track_caller]
pub fn add<T: AtomicNum>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| old.add(value))
}

/// `cuda.atomic.sub`: subtracts `value`, returns the old value.
#[track_caller]
pub fn sub<T: AtomicNum>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| old.sub(value))
}

/// `cuda.atomic.max`: stores the larger of the element and `value`, returns the old value.
#[track_caller]
pub fn max<T: AtomicNum>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| old.max(value))
}

/// `cuda.atomic.min`: stores the smaller of the element and `value`, returns the old value.
#[track_caller]
pub fn min<T: AtomicNum>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| old.min(value))
}

/// `cuda.atomic.exch`: stores `value`, returns the old value.
#[track_caller]
pub fn exch<T: Element>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |_| value)
}

/// `cuda.atomic.compare_and_swap` (CUDA's `atomicCAS`): stores `value` when the element equals `expected`
/// (bit for bit), returns the old value.
#[track_caller]
pub fn cas<T: Element>(
    target: &impl AtomicTarget<T>,
    index: impl AtomicIndex,
    expected: T,
    value: T,
) -> T {
    match target.atomic_cell(index, Location::caller()) {
        Some(cell) => T::compare_exchange(cell, expected, value),
        None => T::default(),
    }
}

/// `cuda.atomic.and_`: bitwise and, returns the old value.
#[track_caller]
pub fn and<T: AtomicInt>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| old.and(value))
}

/// `cuda.atomic.or_`: bitwise or, returns the old value.
#[track_caller]
pub fn or<T: AtomicInt>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| old.or(value))
}

/// `cuda.atomic.xor`: bitwise exclusive or, returns the old value.
#[track_caller]
pub fn xor<T: AtomicInt>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| old.xor(value))
}

/// `cuda.atomic.inc` (CUDA's `atomicInc`): stores `old >= value ? 0 : old + 1`, returns the old value.
#[track_caller]
pub fn inc<T: AtomicInt>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| {
        if old >= value {
            T::default()
        } else {
            old.add(T::one())
        }
    })
}

/// `cuda.atomic.dec` (CUDA's `atomicDec`): stores `(old == 0 || old > value) ? value : old - 1`, returns the
/// old value.
#[track_caller]
pub fn dec<T: AtomicInt>(target: &impl AtomicTarget<T>, index: impl AtomicIndex, value: T) -> T {
    rmw(target, index, |old| {
        if old == T::default() || old > value {
            value
        } else {
            old.sub(T::one())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Barriers, Device, LaunchConfig};

    #[test]
    fn every_operation_returns_the_old_value_and_updates_like_cuda() -> crate::Result<()> {
        let device = Device::simulator();
        let a = device.to_device(&[5u32, 0b1100, 7, 0], &[2, 2])?;
        let v = a.view()?;
        let olds = (
            add(&v, (0, 0), 3),
            sub(&v, 0, 1),
            max(&v, 2, 9),
            min(&v, 2, 4),
            and(&v, 1, 0b1010),
            or(&v, 1, 1),
            xor(&v, 1, 0b1111),
            exch(&v, 3, 42),
            cas(&v, 3, 41, 0),
            cas(&v, (1, 1), 42, 43),
        );
        assert_eq!(olds, (5, 8, 7, 9, 0b1100, 0b1000, 0b1001, 0, 42, 42));
        assert_eq!(a.copy_to_host()?, [7, 0b0110, 4, 43]);
        let c = device.to_device(&[3u32, 0, 5], &[3])?;
        let w = c.view()?;
        assert_eq!((inc(&w, 0, 3), inc(&w, 1, 3)), (3, 0));
        assert_eq!((dec(&w, 1, 9), dec(&w, 2, 4)), (1, 5));
        assert_eq!(c.copy_to_host()?, [0, 0, 4]);
        let u = device.to_device(&[u32::MAX], &[1])?;
        add(&u.view()?, 0, 2);
        assert_eq!(u.copy_to_host()?, [1], "wraps");
        let f = device.to_device(&[1.5f64], &[1])?;
        assert_eq!(add(&f.view()?, 0, 0.25), 1.5);
        assert_eq!(f.copy_to_host()?, [1.75]);
        Ok(())
    }

    #[test]
    fn shared_atomics_count_without_races_and_out_of_bounds_fails() -> crate::Result<()> {
        let device = Device::simulator();
        let out = device.zeros::<i32>(&[2])?;
        let o = out.view()?;
        device.launch_sim("count", &LaunchConfig::new(2, 64), Barriers::Sync, |t| {
            let s = t.shared_array::<i32>(0, 1);
            add(&s, 0, 1);
            t.syncthreads();
            if t.thread_idx().x == 0 {
                o.set(t.block_idx().x, s.get(0));
            }
        })?;
        assert_eq!(out.copy_to_host()?, [64, 64]);
        let err = device
            .launch_sim("oob", &LaunchConfig::new(1, 4), Barriers::None, |t| {
                add(&o, (t.grid1(), 0), 1);
            })
            .expect_err("a 1-D array indexed as 2-D by rows 0..4");
        assert!(err.to_string().contains("out of bounds"), "{err}");
        Ok(())
    }

    #[test]
    fn the_racecheck_catches_a_get_set_histogram_and_passes_the_atomic_one() -> crate::Result<()> {
        let device = Device::simulator();
        device.set_racecheck(true);
        let data: Vec<u32> = (0..512).map(|i| i * 5 % 8).collect();
        let input = device.to_device(&data, &[512])?;
        let bins = device.zeros::<u32>(&[8])?;
        let (x, h) = (input.view()?, bins.view()?);
        let cfg = LaunchConfig::for_elements(512, 64);
        for barriers in [Barriers::None, Barriers::Sync] {
            let err = device
                .launch_sim("racy", &cfg, barriers, |t| {
                    let bin = x.get(t.grid1());
                    h.set(bin, h.get(bin) + 1);
                })
                .expect_err("get + set from many threads");
            assert!(
                err.to_string()
                    .contains("data race on device array element"),
                "{err}"
            );
        }
        bins.copy_from_host(&[0; 8])?;
        let h = bins.view()?;
        device.launch_sim("atomic", &cfg, Barriers::None, |t| {
            add(&h, x.get(t.grid1()), 1);
        })?;
        assert_eq!(bins.copy_to_host()?, [64; 8]);
        // Across launches there is no race: each launch reads what the previous one wrote.
        for _ in 0..2 {
            device.launch_sim("inc", &LaunchConfig::new(1, 8), Barriers::None, |t| {
                h.set(t.grid1(), h.get(t.grid1()) + 1);
            })?;
        }
        assert_eq!(bins.copy_to_host()?, [66; 8]);
        Ok(())
    }
}

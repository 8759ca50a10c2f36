//! Element types a device array can hold, and the atomic cells the simulator stores them in.
//!
//! The simulator lets every simulated GPU thread read and write any element, as CUDA does. To keep that sound
//! in Rust, simulator memory is made of atomics accessed with `Relaxed` ordering, which compile to plain loads
//! and stores: racing writes give some value, as on a GPU, never undefined behaviour.

use std::fmt::{Debug, Display};
use std::sync::atomic::{AtomicI32, AtomicI64, AtomicU8, AtomicU32, AtomicU64, Ordering::Relaxed};

/// The element type of an array, as PTX, numpy and DLPack name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DType {
    U8,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
}

impl DType {
    /// numpy's name for the type (`"float32"`...).
    pub fn name(self) -> &'static str {
        match self {
            DType::U8 => "uint8",
            DType::I32 => "int32",
            DType::U32 => "uint32",
            DType::I64 => "int64",
            DType::U64 => "uint64",
            DType::F32 => "float32",
            DType::F64 => "float64",
        }
    }

    /// Size of one element in bytes.
    pub fn size(self) -> usize {
        match self {
            DType::U8 => 1,
            DType::I32 | DType::U32 | DType::F32 => 4,
            DType::I64 | DType::U64 | DType::F64 => 8,
        }
    }

    /// DLPack's `(code, bits)`: code 0 is signed int, 1 unsigned int, 2 float.
    pub fn dlpack(self) -> (u8, u8) {
        let code = match self {
            DType::I32 | DType::I64 => 0,
            DType::U8 | DType::U32 | DType::U64 => 1,
            DType::F32 | DType::F64 => 2,
        };
        (code, (self.size() * 8) as u8)
    }
}

impl Display for DType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A type that device arrays can hold: plain numbers with the same layout on host and device.
pub trait Element:
    sealed::Sealed + Copy + Default + PartialEq + Debug + Display + Send + Sync + 'static
{
    /// The type's [`DType`].
    const DTYPE: DType;
    /// The atomic the simulator stores an element in (same size and alignment as `Self`).
    type Cell: Send + Sync + Debug + 'static;
    /// A cell holding `value`.
    fn cell(value: Self) -> Self::Cell;
    /// Reads a cell (a plain load).
    fn load(cell: &Self::Cell) -> Self;
    /// Writes a cell (a plain store).
    fn store(cell: &Self::Cell, value: Self);
    /// The value's bits, widened to 64 (for the simulator's warp shuffles).
    fn to_bits64(self) -> u64;
    /// The value back from [`Element::to_bits64`].
    fn from_bits64(bits: u64) -> Self;
    /// Atomically replaces the cell's value `v` with `f(v)` and returns `v` (a compare-and-swap loop).
    fn update(cell: &Self::Cell, f: impl FnMut(Self) -> Self) -> Self;
    /// Atomically stores `new` when the cell holds `current` (compared bit for bit); returns the old value.
    fn compare_exchange(cell: &Self::Cell, current: Self, new: Self) -> Self;
}

macro_rules! element {
    ($t:ty, $dtype:ident, $cell:ty, $to:expr, $from:expr) => {
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            type Cell = $cell;
            #[inline(always)]
            fn cell(value: Self) -> Self::Cell {
                <$cell>::new($to(value))
            }
            #[inline(always)]
            fn load(cell: &Self::Cell) -> Self {
                $from(cell.load(Relaxed))
            }
            #[inline(always)]
            fn store(cell: &Self::Cell, value: Self) {
                cell.store($to(value), Relaxed)
            }
            #[inline]
            fn to_bits64(self) -> u64 {
                $to(self) as u64
            }
            #[inline]
            fn from_bits64(bits: u64) -> Self {
                let narrow = bits as _;
                $from(narrow)
            }
            #[inline]
            fn update(cell: &Self::Cell, mut f: impl FnMut(Self) -> Self) -> Self {
                let old = cell.fetch_update(Relaxed, Relaxed, |bits| Some($to(f($from(bits)))));
                $from(old.unwrap_or_else(|bits| bits))
            }
            #[inline]
            fn compare_exchange(cell: &Self::Cell, current: Self, new: Self) -> Self {
                match cell.compare_exchange($to(current), $to(new), Relaxed, Relaxed) {
                    Ok(bits) | Err(bits) => $from(bits),
                }
            }
        }
    };
}

element!(u8, U8, AtomicU8, |v| v, |v| v);
element!(i32, I32, AtomicI32, |v| v, |v| v);
element!(u32, U32, AtomicU32, |v| v, |v| v);
element!(i64, I64, AtomicI64, |v| v, |v| v);
element!(u64, U64, AtomicU64, |v| v, |v| v);
element!(f32, F32, AtomicU32, f32::to_bits, f32::from_bits);
element!(f64, F64, AtomicU64, f64::to_bits, f64::from_bits);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip_and_keep_the_layout() {
        let c = f32::cell(1.5);
        f32::store(&c, -2.25);
        assert_eq!(f32::load(&c), -2.25);
        assert_eq!(std::mem::size_of::<<f64 as Element>::Cell>(), 8);
        assert_eq!(
            std::mem::align_of::<<i64 as Element>::Cell>(),
            std::mem::align_of::<i64>()
        );
        assert_eq!(DType::F32.dlpack(), (2, 32));
        assert_eq!(DType::U8.dlpack(), (1, 8));
        assert_eq!(i64::DTYPE.name(), "int64");
    }
}

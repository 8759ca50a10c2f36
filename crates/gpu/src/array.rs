//! Device arrays of 1-3 dimensions (numba's `DeviceNDArray`): `to_device`, `zeros`, `device_array_like`,
//! `copy_to_host`, shape checks, and numpy-style printing of host results.

use crate::access::SharedClaim;
use crate::device::{Backend, Device};
use crate::driver::{self, Driver};
use crate::dtype::{DType, Element};
use crate::foreign::DlpackOwner;
use crate::sim::View;
use crate::{Error, Result};
use std::fmt::Write as _;
use std::ptr::NonNull;

mod on_stream;
pub use on_stream::HostCopy;

/// An array in device memory (or simulator memory), row-major, with 1-3 dimensions.
///
/// ```
/// let device = gpu::Device::simulator();
/// let a = device.to_device(&[1i64, 2, 3, 4, 5, 6], &[2, 3])?;
/// assert_eq!(a.shape(), [2, 3]);
/// assert_eq!(a.copy_to_host()?, [1, 2, 3, 4, 5, 6]);
/// # Ok::<(), gpu::Error>(())
/// ```
#[derive(Debug)]
pub struct DeviceArray<T: Element> {
    device: Device,
    shape: Vec<usize>,
    storage: Storage<T>,
    /// The race check's record of accesses, made on the first view taken with the check on.
    races: std::sync::OnceLock<crate::race::RaceMeta>,
    /// Who may touch the memory now (`access.rs`); shared with the crate's aliases of the array.
    access: std::sync::Arc<crate::access::AccessState>,
    _owner: Option<DlpackOwner>,
}

#[derive(Debug)]
enum Storage<T: Element> {
    /// Simulator memory this array owns.
    Sim(Box<[T::Cell]>),
    /// Host memory owned by someone else, used by the simulator.
    SimForeign { ptr: NonNull<T::Cell>, len: usize },
    /// Device memory; freed on drop when `owned`.
    Cuda { ptr: u64, owned: bool },
}

// SAFETY: simulator cells are atomics; foreign memory is only accepted through `unsafe` constructors whose
// contract makes it valid and shared for the array's lifetime; device pointers are plain addresses.
unsafe impl<T: Element> Send for Storage<T> {}
unsafe impl<T: Element> Sync for Storage<T> {}

/// Checks a shape and returns its element count.
pub(crate) fn check_shape(shape: &[usize]) -> Result<usize> {
    let bad = |why: &str| {
        Err(Error::BadShape {
            shape: shape.to_vec(),
            why: why.to_string(),
        })
    };
    if shape.is_empty() || shape.len() > 3 {
        return bad("device arrays have 1, 2 or 3 dimensions");
    }
    let mut n: usize = 1;
    for &d in shape {
        n = match n.checked_mul(d) {
            Some(n) => n,
            None => return bad("the element count overflows"),
        };
    }
    if n.checked_mul(16).is_none() {
        return bad("the array is too large to address");
    }
    Ok(n)
}

impl Device {
    /// `cuda.to_device`: copies `host` (row-major, `shape` elements) to a new device array.
    ///
    /// # Errors
    /// [`Error::BadShape`], [`Error::LengthMismatch`], or a CUDA allocation/copy failure.
    pub fn to_device<T: Element>(&self, host: &[T], shape: &[usize]) -> Result<DeviceArray<T>> {
        let n = check_shape(shape)?;
        if host.len() != n {
            return Err(Error::LengthMismatch {
                shape: shape.to_vec(),
                expected: n,
                got: host.len(),
            });
        }
        let array = match self.cuda_parts() {
            None => DeviceArray::new(
                self,
                shape,
                Storage::Sim(host.iter().map(|&v| T::cell(v)).collect()),
            ),
            Some(_) => {
                let array = self.alloc_cuda::<T>(shape, n, false)?;
                array.write_cuda(host)?;
                array
            }
        };
        self.count_copy(true, n * size_of::<T>());
        Ok(array)
    }

    /// `cuda.device_array(shape)`: a new zero-filled array.
    ///
    /// # Errors
    /// [`Error::BadShape`] or a CUDA allocation failure.
    pub fn zeros<T: Element>(&self, shape: &[usize]) -> Result<DeviceArray<T>> {
        let n = check_shape(shape)?;
        match self.cuda_parts() {
            None => Ok(DeviceArray::new(
                self,
                shape,
                Storage::Sim((0..n).map(|_| T::cell(T::default())).collect()),
            )),
            Some(_) => self.alloc_cuda::<T>(shape, n, true),
        }
    }

    /// `cuda.device_array_like(other)`: a new array of `other`'s shape (zero-filled here, so that nothing
    /// uninitialised is ever read back).
    ///
    /// # Errors
    /// A CUDA allocation failure.
    pub fn device_array_like<T: Element, U: Element>(
        &self,
        other: &DeviceArray<U>,
    ) -> Result<DeviceArray<T>> {
        self.zeros(other.shape())
    }

    fn alloc_cuda<T: Element>(
        &self,
        shape: &[usize],
        n: usize,
        zero: bool,
    ) -> Result<DeviceArray<T>> {
        let cuda_dev = self.require_cuda("allocating device memory")?;
        cuda_dev.make_current()?;
        let bytes = (n * size_of::<T>()).max(1);
        let d = cuda_dev.driver;
        let mut ptr: driver::DevicePtr = 0;
        // SAFETY: plain driver calls on a current context with valid out-pointers.
        unsafe {
            d.check("cuMemAlloc", (d.mem_alloc)(&mut ptr, bytes))?;
            let array = DeviceArray::new(self, shape, Storage::Cuda { ptr, owned: true });
            if zero {
                d.check("cuMemsetD8", (d.memset_d8)(ptr, 0, bytes))?;
            }
            Ok(array)
        }
    }

    /// Wraps memory owned by someone else; see [`Device::as_cuda_array`].
    pub(crate) fn wrap_foreign<T: Element>(
        &self,
        ptr: u64,
        shape: &[usize],
        owner: Option<DlpackOwner>,
    ) -> Result<DeviceArray<T>> {
        let n = check_shape(shape)?;
        if ptr == 0 && n > 0 {
            return Err(Error::Foreign("the pointer is null".into()));
        }
        if ptr % align_of::<T>() as u64 != 0 {
            return Err(Error::Foreign(format!(
                "pointer {ptr:#x} is not aligned for {}",
                T::DTYPE
            )));
        }
        let storage = match self.cuda_parts() {
            None => match NonNull::new(ptr as usize as *mut T::Cell) {
                Some(p) => Storage::SimForeign { ptr: p, len: n },
                None => Storage::SimForeign {
                    ptr: NonNull::dangling(),
                    len: 0,
                },
            },
            Some(cuda_dev) => {
                cuda_dev.make_current()?;
                check_device_range(cuda_dev.driver, ptr, n * size_of::<T>())?;
                Storage::Cuda { ptr, owned: false }
            }
        };
        let mut array = DeviceArray::new(self, shape, storage);
        array._owner = owner;
        Ok(array)
    }
}

/// Checks that `[ptr, ptr + bytes)` lies in one device allocation of the current context.
fn check_device_range(d: &Driver, ptr: u64, bytes: usize) -> Result<()> {
    let (Some(get_attribute), Some(address_range)) =
        (d.pointer_get_attribute, d.mem_get_address_range)
    else {
        return Err(Error::Foreign(
            "this CUDA driver cannot describe pointers (no cuPointerGetAttribute)".into(),
        ));
    };
    let mut memory_type: u32 = 0;
    // SAFETY: driver queries with valid out-pointers.
    let kind = unsafe {
        get_attribute(
            (&mut memory_type as *mut u32).cast(),
            driver::POINTER_ATTRIBUTE_MEMORY_TYPE,
            ptr,
        )
    };
    if kind != 0 {
        return Err(Error::Foreign(format!(
            "pointer {ptr:#x} is not memory the CUDA driver knows ({}); pass a device pointer such as tensor.data_ptr() of a CUDA tensor",
            d.describe(kind)
        )));
    }
    if memory_type != driver::MEMORYTYPE_DEVICE && memory_type != driver::MEMORYTYPE_UNIFIED {
        return Err(Error::Foreign(format!(
            "pointer {ptr:#x} is host memory (memory type {memory_type}), not device memory"
        )));
    }
    let (mut base, mut size): (driver::DevicePtr, usize) = (0, 0);
    // SAFETY: as above.
    d.check("cuMemGetAddressRange", unsafe {
        address_range(&mut base, &mut size, ptr)
    })?;
    if ptr + bytes as u64 > base + size as u64 {
        return Err(Error::Foreign(format!(
            "{bytes} bytes from {ptr:#x} run past the end of its allocation ({size} bytes from {base:#x}); check the shape"
        )));
    }
    Ok(())
}

/// What [`DeviceArray::plain_parts`] gives: the cells, the lock, the extents.
pub(crate) type PlainParts<'a, T> = (
    &'a [<T as Element>::Cell],
    &'a crate::access::AccessState,
    [usize; 3],
);

impl<T: Element> DeviceArray<T> {
    fn new(device: &Device, shape: &[usize], storage: Storage<T>) -> DeviceArray<T> {
        DeviceArray {
            device: device.clone(),
            shape: shape.to_vec(),
            storage,
            races: std::sync::OnceLock::new(),
            access: Default::default(),
            _owner: None,
        }
    }

    /// The same memory seen with another shape of as many elements (never freed through the alias). Only for
    /// the crate's own launches, which drop the alias before `self`.
    pub(crate) fn reshaped(&self, shape: &[usize]) -> Result<DeviceArray<T>> {
        if check_shape(shape)? != self.len() {
            return Err(Error::LengthMismatch {
                shape: shape.to_vec(),
                expected: check_shape(shape)?,
                got: self.len(),
            });
        }
        let storage = match &self.storage {
            Storage::Sim(cells) => match NonNull::new(cells.as_ptr().cast_mut()) {
                Some(ptr) => Storage::SimForeign {
                    ptr,
                    len: cells.len(),
                },
                None => Storage::SimForeign {
                    ptr: NonNull::dangling(),
                    len: 0,
                },
            },
            Storage::SimForeign { ptr, len } => Storage::SimForeign {
                ptr: *ptr,
                len: *len,
            },
            Storage::Cuda { ptr, .. } => Storage::Cuda {
                ptr: *ptr,
                owned: false,
            },
        };
        let mut alias = DeviceArray::new(&self.device, shape, storage);
        alias.access = self.access.clone();
        Ok(alias)
    }

    /// The extents, one per dimension (numpy's `.shape`).
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Number of dimensions (1-3).
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The element type.
    pub fn dtype(&self) -> DType {
        T::DTYPE
    }

    /// The device the array lives on.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Whether the array owns its memory (false for [`Device::as_cuda_array`] and DLPack views).
    pub fn owns_memory(&self) -> bool {
        matches!(
            self.storage,
            Storage::Sim(_) | Storage::Cuda { owned: true, .. }
        )
    }

    /// The device address of the first element (CUDA arrays; `None` on the simulator).
    pub fn device_ptr(&self) -> Option<u64> {
        match self.storage {
            Storage::Cuda { ptr, .. } => Some(ptr),
            _ => None,
        }
    }

    /// The `[d0, d1, d2]` extents padded with 1s.
    pub fn dims3(&self) -> [usize; 3] {
        let mut dims = [1; 3];
        dims[..self.shape.len()].copy_from_slice(&self.shape);
        dims
    }

    /// The simulator view kernels written in Rust read and write (numba's array inside a simulated kernel).
    ///
    /// A view is a `Copy` handle the simulator cannot follow, so an array you have taken a view of stays in
    /// the atomic form for its whole life: `#[gpu::kernel]` launches never use it as plain memory (see the
    /// crate documentation's "Plain form").
    ///
    /// # Errors
    /// [`Error::WrongBackend`] for a CUDA array.
    pub fn view(&self) -> Result<View<'_, T>> {
        let view = self.view_unclaimed()?;
        self.access.escape();
        Ok(view)
    }

    /// A view for the crate's own use, with the shared claim that keeps plain launches off the array while
    /// the claim lives (`access.rs`): hold the claim as long as the view is used.
    pub(crate) fn view_claimed(&self) -> Result<(SharedClaim<'_>, View<'_, T>)> {
        let view = self.view_unclaimed()?;
        Ok((self.access.shared(), view))
    }

    fn view_unclaimed(&self) -> Result<View<'_, T>> {
        let cells: &[T::Cell] = match &self.storage {
            Storage::Sim(cells) => cells,
            // SAFETY: the constructor's contract: `len` valid, aligned elements for the array's lifetime.
            Storage::SimForeign { ptr, len } => unsafe {
                std::slice::from_raw_parts(ptr.as_ptr(), *len)
            },
            Storage::Cuda { .. } => {
                return Err(Error::WrongBackend {
                    operation: "a simulator view of an array".into(),
                    needed: "simulator",
                    actual: "CUDA",
                });
            }
        };
        let races = self.device.racecheck().then(|| {
            self.races
                .get_or_init(|| crate::race::RaceMeta::new(cells.len()))
                .slices()
        });
        Ok(View::new(cells, self.dims3()).with_races(races))
    }

    /// The memory a plain launch may take (`plain.rs`): only simulator memory this array owns (never foreign
    /// memory, which others may reach without this array's lock), with its lock and extents.
    pub(crate) fn plain_parts(&self) -> Option<PlainParts<'_, T>> {
        match &self.storage {
            Storage::Sim(cells) => Some((cells, &self.access, self.dims3())),
            _ => None,
        }
    }

    /// `copy_to_host()`: the array's elements, row-major.
    ///
    /// # Errors
    /// A CUDA copy failure (including errors of kernels still running on the device).
    pub fn copy_to_host(&self) -> Result<Vec<T>> {
        let mut host = vec![T::default(); self.len()];
        self.copy_to_host_into(&mut host)?;
        Ok(host)
    }

    /// Copies the elements into `host`, which must have exactly [`DeviceArray::len`] elements.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] or a CUDA copy failure.
    pub fn copy_to_host_into(&self, host: &mut [T]) -> Result<()> {
        if host.len() != self.len() {
            return Err(Error::LengthMismatch {
                shape: self.shape.clone(),
                expected: self.len(),
                got: host.len(),
            });
        }
        match &self.storage {
            Storage::Cuda { ptr, .. } => {
                let d = self.make_current()?;
                let bytes = std::mem::size_of_val(host);
                // SAFETY: `host` has room for `bytes`; the device range was allocated or checked on wrapping.
                d.check("cuMemcpyDtoH", unsafe {
                    (d.memcpy_dtoh)(host.as_mut_ptr().cast(), *ptr, bytes)
                })?;
            }
            _ => {
                let (_claim, view) = self.view_claimed()?;
                for (i, slot) in host.iter_mut().enumerate() {
                    *slot = view.get(i);
                }
            }
        }
        self.device.count_copy(false, self.len() * size_of::<T>());
        Ok(())
    }

    /// `copy_to_device(host)`: overwrites the array with `host` (same number of elements).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] or a CUDA copy failure.
    pub fn copy_from_host(&self, host: &[T]) -> Result<()> {
        if host.len() != self.len() {
            return Err(Error::LengthMismatch {
                shape: self.shape.clone(),
                expected: self.len(),
                got: host.len(),
            });
        }
        match &self.storage {
            Storage::Cuda { .. } => self.write_cuda(host)?,
            _ => {
                let (_claim, view) = self.view_claimed()?;
                for (i, &v) in host.iter().enumerate() {
                    view.set(i, v);
                }
            }
        }
        self.device.count_copy(true, std::mem::size_of_val(host));
        Ok(())
    }

    /// `copy_to_device(other)` between device arrays: overwrites this array with `source`'s elements without
    /// passing through the host (a device-to-device copy on CUDA, queued on the device's stream like a kernel;
    /// not counted as a host transfer).
    ///
    /// # Errors
    /// [`Error::WrongDevice`], [`Error::LengthMismatch`], or a CUDA copy failure.
    pub fn copy_from_device(&self, source: &DeviceArray<T>) -> Result<()> {
        source.check_device(&self.device, "the source array")?;
        if source.len() != self.len() {
            return Err(Error::LengthMismatch {
                shape: self.shape.clone(),
                expected: self.len(),
                got: source.len(),
            });
        }
        match (&self.storage, &source.storage) {
            (Storage::Cuda { ptr: dst, .. }, Storage::Cuda { ptr: src, .. }) => {
                let d = self.make_current()?;
                let bytes = self.len() * size_of::<T>();
                let stream = self.device.require_cuda("a device-to-device copy")?.stream;
                // SAFETY: both ranges hold `len` elements (allocated or checked on wrapping); the copy is queued
                // on the device's stream, after the kernels launched before it, like a launch.
                d.check("cuMemcpyDtoDAsync", unsafe {
                    (d.memcpy_dtod_async)(*dst, *src, bytes, stream)
                })
            }
            _ => {
                let ((_d, dst), (_s, src)) = (self.view_claimed()?, source.view_claimed()?);
                for i in 0..self.len() {
                    dst.set(i, src.get(i));
                }
                Ok(())
            }
        }
    }

    fn write_cuda(&self, host: &[T]) -> Result<()> {
        let Storage::Cuda { ptr, .. } = self.storage else {
            return Ok(());
        };
        let d = self.make_current()?;
        // SAFETY: the device range holds `host.len()` elements (checked by the callers).
        d.check("cuMemcpyHtoD", unsafe {
            (d.memcpy_htod)(ptr, host.as_ptr().cast(), std::mem::size_of_val(host))
        })
    }

    /// Makes the array's CUDA context current and returns its driver.
    fn make_current(&self) -> Result<&'static Driver> {
        let cuda_dev = self.device.require_cuda("a device memory operation")?;
        cuda_dev.make_current()?;
        Ok(cuda_dev.driver)
    }

    /// Checks that the array lives on `device`; `what` names it in the error.
    pub fn check_device(&self, device: &Device, what: &str) -> Result<()> {
        if self.device.same_as(device) {
            return Ok(());
        }
        Err(Error::WrongDevice {
            what: what.to_string(),
            array: self.device.name().into(),
            device: device.name().into(),
        })
    }

    /// Checks that the array has shape `expected`; `what` names it in the error.
    pub fn check_shape(&self, expected: &[usize], what: &str) -> Result<()> {
        if self.shape == expected {
            return Ok(());
        }
        Err(Error::ShapeMismatch {
            context: what.to_string(),
            expected: expected.to_vec(),
            got: self.shape.clone(),
        })
    }
}

impl<T: Element> Drop for DeviceArray<T> {
    fn drop(&mut self) {
        if let Storage::Cuda {
            ptr, owned: true, ..
        } = self.storage
        {
            if let Some(cuda_dev) = self.device.cuda_parts() {
                if cuda_dev.make_current().is_ok() {
                    // SAFETY: we allocated `ptr` with cuMemAlloc in this context and free it once.
                    unsafe {
                        let _ = (cuda_dev.driver.mem_free)(ptr);
                    }
                }
            }
        }
    }
}

impl<T: Element> From<&DeviceArray<T>> for crate::KernelArg {
    fn from(array: &DeviceArray<T>) -> crate::KernelArg {
        crate::KernelArg::Pointer(array.device_ptr().unwrap_or(0))
    }
}

/// Formats row-major `data` of `shape` as numpy's `print` does: `[[12 14 16 18]\n [20 22 24 26]]`, every
/// element right-aligned to the widest.
///
/// ```
/// assert_eq!(gpu::numpy_str(&[1, 20, 3, 4], &[2, 2]), "[[ 1 20]\n [ 3  4]]");
/// ```
pub fn numpy_str<T: std::fmt::Display>(data: &[T], shape: &[usize]) -> String {
    let cells: Vec<String> = data.iter().map(ToString::to_string).collect();
    let width = cells.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    format_level(&cells, shape, width, 0, &mut out);
    out
}

fn format_level(cells: &[String], shape: &[usize], width: usize, depth: usize, out: &mut String) {
    out.push('[');
    match shape {
        [] => {}
        [_] => {
            for (i, c) in cells.iter().enumerate() {
                let _ = write!(out, "{}{c:>width$}", if i > 0 { " " } else { "" });
            }
        }
        [n, rest @ ..] => {
            let chunk = rest.iter().product::<usize>();
            for i in 0..*n {
                if i > 0 {
                    out.push_str(&"\n".repeat(rest.len()));
                    out.push_str(&" ".repeat(depth + 1));
                }
                let part = cells.get(i * chunk..(i + 1) * chunk).unwrap_or(&[]);
                format_level(part, rest, width, depth + 1, out);
            }
        }
    }
    out.push(']');
}

/// One line naming the backend that ran: `backend: CUDA (NVIDIA H100 80GB HBM3)` or
/// `backend: simulator (CPU, 2 threads)` (what the examples print last).
pub fn backend_line(device: &Device) -> String {
    match device.backend() {
        Backend::Cuda => format!("backend: CUDA ({})", device.name()),
        Backend::Simulator => format!(
            "backend: simulator (CPU, {} threads)",
            rayon::current_num_threads()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_round_trip_and_count_copies() {
        let device = Device::simulator();
        let a = device
            .to_device(&[1.5f32, 2.5, 3.5], &[3])
            .expect("to_device");
        assert_eq!((a.ndim(), a.len(), a.dtype()), (1, 3, DType::F32));
        a.copy_from_host(&[4.0, 5.0, 6.0]).expect("same length");
        assert_eq!(a.copy_to_host().expect("copy"), [4.0, 5.0, 6.0]);
        let z: DeviceArray<i32> = device.device_array_like(&a).expect("like");
        assert_eq!(z.copy_to_host().expect("copy"), [0, 0, 0]);
        let t = device.transfers();
        assert_eq!(
            (t.host_to_device, t.device_to_host, t.host_to_device_bytes),
            (2, 2, 24)
        );
        device.reset_transfers();
        assert_eq!(device.transfers(), crate::Transfers::default());
        a.copy_from_device(&device.to_device(&[7.0, 8.0, 9.0], &[3]).expect("to_device"))
            .expect("d2d");
        assert_eq!(a.copy_to_host().expect("copy"), [7.0, 8.0, 9.0]);
        let short = device.zeros::<f32>(&[2]).expect("zeros");
        assert!(matches!(
            a.copy_from_device(&short),
            Err(Error::LengthMismatch { .. })
        ));
    }

    #[test]
    fn bad_shapes_and_lengths_are_typed_errors() {
        let device = Device::simulator();
        assert!(matches!(
            device.zeros::<u8>(&[]),
            Err(Error::BadShape { .. })
        ));
        assert!(matches!(
            device.zeros::<u8>(&[1, 2, 3, 4]),
            Err(Error::BadShape { .. })
        ));
        assert!(matches!(
            device.zeros::<u8>(&[usize::MAX, 2]),
            Err(Error::BadShape { .. })
        ));
        let err = device
            .to_device(&[1u32, 2, 3], &[2, 2])
            .expect_err("3 != 4");
        assert_eq!(
            err.to_string(),
            "host data has 3 elements but shape [2, 2] needs 4; pass a slice of matching length"
        );
        let a = device.zeros::<u32>(&[2, 2]).expect("zeros");
        assert!(matches!(
            a.copy_to_host_into(&mut [0; 3]),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(a.check_shape(&[2, 2], "a").is_ok());
        assert!(matches!(
            a.check_shape(&[4], "a"),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            a.check_device(&Device::simulator(), "a"),
            Err(Error::WrongDevice { .. })
        ));
    }

    #[test]
    fn prints_like_numpy() {
        let data: Vec<i64> = (12..24).map(|v| v * 2 - 12).collect();
        assert_eq!(
            numpy_str(&data, &[3, 4]),
            "[[12 14 16 18]\n [20 22 24 26]\n [28 30 32 34]]"
        );
        assert_eq!(numpy_str(&[1, 2], &[2]), "[1 2]");
        assert_eq!(
            numpy_str(&[1, 2, 3, 4], &[2, 1, 2]),
            "[[[1 2]]\n\n [[3 4]]]"
        );
    }
}

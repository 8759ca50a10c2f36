//! Zero-copy views of memory owned by someone else: numba's `as_cuda_array(torch_tensor)`. A raw device
//! pointer with a shape, or a DLPack tensor, becomes a [`DeviceArray`] that reads and writes the same memory
//! and never frees it.

use crate::array::DeviceArray;
use crate::device::{Backend, Device};
use crate::dtype::Element;
use crate::{Error, Result};
use std::ffi::c_void;

/// DLPack's `DLDevice`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DLDevice {
    /// 1 = CPU, 2 = CUDA, 13 = CUDA managed.
    pub device_type: i32,
    pub device_id: i32,
}

/// DLPack's `DLDataType`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DLDataType {
    /// 0 = int, 1 = uint, 2 = float.
    pub code: u8,
    pub bits: u8,
    pub lanes: u16,
}

/// DLPack's `DLTensor`.
#[repr(C)]
#[derive(Debug)]
pub struct DLTensor {
    pub data: *mut c_void,
    pub device: DLDevice,
    pub ndim: i32,
    pub dtype: DLDataType,
    pub shape: *mut i64,
    pub strides: *mut i64,
    pub byte_offset: u64,
}

/// DLPack's `DLManagedTensor`: what `torch.utils.dlpack.to_dlpack` hands out in its capsule.
#[repr(C)]
#[derive(Debug)]
pub struct DLManagedTensor {
    pub dl_tensor: DLTensor,
    pub manager_ctx: *mut c_void,
    pub deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

const DL_CPU: i32 = 1;
const DL_CUDA: i32 = 2;
const DL_CUDA_MANAGED: i32 = 13;

/// Keeps a consumed DLPack tensor alive and calls its deleter (the producer's release) when dropped.
#[derive(Debug)]
pub(crate) struct DlpackOwner(*mut DLManagedTensor);

// SAFETY: DLPack deleters may be called from any thread.
unsafe impl Send for DlpackOwner {}
unsafe impl Sync for DlpackOwner {}

impl Drop for DlpackOwner {
    fn drop(&mut self) {
        // SAFETY: `from_dlpack`'s contract: the tensor stays valid until its deleter is called, once, here.
        unsafe {
            if let Some(deleter) = (*self.0).deleter {
                deleter(self.0);
            }
        }
    }
}

impl Device {
    /// numba's `as_cuda_array`: views `shape` elements of type `T` at device address `ptr` (for example
    /// `tensor.data_ptr()` of a contiguous PyTorch CUDA tensor) without copying. The array never frees the
    /// memory. On CUDA the driver checks that the pointer is device memory and that the whole shape fits in
    /// its allocation. On the simulator, "device memory" is host memory and `ptr` a host address.
    ///
    /// ```
    /// let device = gpu::Device::simulator();
    /// let mut host = vec![1.0f32, 2.0, 3.0, 4.0];
    /// // SAFETY: `host` outlives `view` and nothing else touches it meanwhile.
    /// let view = unsafe { device.as_cuda_array::<f32>(host.as_mut_ptr() as u64, &[2, 2])? };
    /// view.copy_from_host(&[5.0, 6.0, 7.0, 8.0])?;
    /// drop(view);
    /// assert_eq!(host, [5.0, 6.0, 7.0, 8.0]); // the same memory, no copy
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Safety
    /// `ptr` must point to memory of at least `shape`'s element count of `T`, valid (and not freed by its
    /// owner) for as long as the returned array lives. Kernels may write it concurrently with its owner only as
    /// far as the owner tolerates (as with numba).
    ///
    /// # Errors
    /// [`Error::Foreign`] for a null, misaligned, non-device or too-short pointer; [`Error::BadShape`].
    pub unsafe fn as_cuda_array<T: Element>(
        &self,
        ptr: u64,
        shape: &[usize],
    ) -> Result<DeviceArray<T>> {
        self.wrap_foreign(ptr, shape, None)
    }

    /// Consumes a DLPack tensor (a CUDA tensor on CUDA, a CPU tensor on the simulator) as a zero-copy array;
    /// its deleter runs when the array is dropped. Only C-contiguous tensors of 1-3 dimensions are accepted.
    ///
    /// # Safety
    /// `tensor` must be a valid `DLManagedTensor` that nothing else will release. On success the array owns
    /// it (and calls its deleter once); on error it is left untouched and still the caller's.
    ///
    /// # Errors
    /// [`Error::Foreign`] saying which property (device, dtype, layout) does not fit.
    pub unsafe fn from_dlpack<T: Element>(
        &self,
        tensor: *mut DLManagedTensor,
    ) -> Result<DeviceArray<T>> {
        let bad = |why: String| Err(Error::Foreign(format!("DLPack tensor: {why}")));
        if tensor.is_null() {
            return bad("the pointer is null".into());
        }
        // SAFETY: caller's contract.
        let t = unsafe { &(*tensor).dl_tensor };
        let wanted = match self.backend() {
            Backend::Cuda => [DL_CUDA, DL_CUDA_MANAGED],
            Backend::Simulator => [DL_CPU, DL_CPU],
        };
        if !wanted.contains(&t.device.device_type) {
            return bad(format!(
                "device type {} does not fit the {} backend (CUDA tensors need CUDA, CPU tensors the simulator)",
                t.device.device_type,
                self.backend()
            ));
        }
        if let Some(cuda) = self.cuda_parts() {
            if t.device.device_id as i64 != i64::from(cuda.ordinal) {
                return bad(format!(
                    "the tensor is on CUDA device {}, this is device {}",
                    t.device.device_id, cuda.ordinal
                ));
            }
        }
        let (code, bits) = T::DTYPE.dlpack();
        if (t.dtype.code, t.dtype.bits, t.dtype.lanes) != (code, bits, 1) {
            return bad(format!(
                "its dtype (code {}, {} bits, {} lanes) is not {}",
                t.dtype.code,
                t.dtype.bits,
                t.dtype.lanes,
                T::DTYPE
            ));
        }
        if !(1..=3).contains(&t.ndim) || t.shape.is_null() {
            return bad(format!(
                "it has {} dimensions; 1 to 3 are supported",
                t.ndim
            ));
        }
        // SAFETY: DLPack: `shape` (and `strides` when not null) hold `ndim` entries.
        let dims = unsafe { std::slice::from_raw_parts(t.shape, t.ndim as usize) };
        let Ok(shape) = dims
            .iter()
            .map(|&d| usize::try_from(d))
            .collect::<std::result::Result<Vec<usize>, _>>()
        else {
            return bad(format!("negative extent in shape {dims:?}"));
        };
        if !t.strides.is_null() {
            let strides = unsafe { std::slice::from_raw_parts(t.strides, t.ndim as usize) };
            let mut expected: i64 = 1;
            for (&d, &s) in dims.iter().zip(strides).rev() {
                if d > 1 && s != expected {
                    return bad(format!(
                        "strides {strides:?} are not C-contiguous for shape {dims:?}; call .contiguous() first"
                    ));
                }
                expected *= d;
            }
        }
        let ptr = (t.data as u64).wrapping_add(t.byte_offset);
        self.wrap_foreign(ptr, &shape, Some(DlpackOwner(tensor)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static DELETED: AtomicUsize = AtomicUsize::new(0);

    unsafe extern "C" fn count_delete(_: *mut DLManagedTensor) {
        DELETED.fetch_add(1, Ordering::SeqCst);
    }

    fn tensor(
        data: &mut [f32],
        shape: &mut [i64],
        strides: *mut i64,
        device_type: i32,
        bits: u8,
    ) -> DLManagedTensor {
        DLManagedTensor {
            dl_tensor: DLTensor {
                data: data.as_mut_ptr().cast(),
                device: DLDevice {
                    device_type,
                    device_id: 0,
                },
                ndim: shape.len() as i32,
                dtype: DLDataType {
                    code: 2,
                    bits,
                    lanes: 1,
                },
                shape: shape.as_mut_ptr(),
                strides,
                byte_offset: 0,
            },
            manager_ctx: std::ptr::null_mut(),
            deleter: Some(count_delete),
        }
    }

    #[test]
    fn dlpack_tensors_are_viewed_without_copying_and_released_once() {
        let device = Device::simulator();
        let mut data = vec![1.0f32; 6];
        let mut shape = [2i64, 3];
        let mut strides = [3i64, 1];
        let mut t = tensor(&mut data, &mut shape, strides.as_mut_ptr(), DL_CPU, 32);
        let before = DELETED.load(Ordering::SeqCst);
        // SAFETY: `t`, `data`, `shape` outlive the array.
        let array =
            unsafe { device.from_dlpack::<f32>(&mut t) }.expect("a contiguous CPU f32 tensor");
        assert_eq!(array.shape(), [2, 3]);
        assert!(!array.owns_memory());
        array.view().expect("sim").set2(1, 2, 9.0);
        drop(array);
        assert_eq!(data[5], 9.0);
        assert_eq!(DELETED.load(Ordering::SeqCst), before + 1);
    }

    #[test]
    fn unsuitable_dlpack_tensors_are_refused_with_the_reason() {
        let device = Device::simulator();
        let mut data = vec![0.0f32; 6];
        let mut shape = [2i64, 3];
        let mut t = tensor(&mut data, &mut shape, std::ptr::null_mut(), DL_CUDA, 32);
        let err =
            unsafe { device.from_dlpack::<f32>(&mut t) }.expect_err("CUDA tensor on the simulator");
        assert!(err.to_string().contains("device type 2"), "{err}");
        let mut t = tensor(&mut data, &mut shape, std::ptr::null_mut(), DL_CPU, 64);
        let err = unsafe { device.from_dlpack::<f32>(&mut t) }.expect_err("f64 tensor as f32");
        assert!(err.to_string().contains("float32"), "{err}");
        let mut strides = [1i64, 2];
        let mut t = tensor(&mut data, &mut shape, strides.as_mut_ptr(), DL_CPU, 32);
        let err = unsafe { device.from_dlpack::<f32>(&mut t) }.expect_err("transposed");
        assert!(err.to_string().contains("contiguous"), "{err}");
        let err = unsafe { device.from_dlpack::<f32>(std::ptr::null_mut()) }.expect_err("null");
        assert!(err.to_string().contains("null"), "{err}");
    }

    #[test]
    fn raw_pointers_are_checked() {
        let device = Device::simulator();
        let err = unsafe { device.as_cuda_array::<f32>(0, &[4]) }.expect_err("null");
        assert!(matches!(err, Error::Foreign(_)));
        let err = unsafe { device.as_cuda_array::<f32>(2, &[4]) }.expect_err("misaligned");
        assert!(err.to_string().contains("aligned"), "{err}");
    }
}

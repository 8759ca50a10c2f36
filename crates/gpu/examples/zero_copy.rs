//! A C-ABI library (cdylib) for numba's `as_cuda_array` scenario: Python hands it PyTorch tensors' device
//! pointers, or DLPack capsules, and `mat_add` runs on that memory in place — no copy either way.
//! `crates/gpu/tests/zero_copy.py` loads it with ctypes and checks the results from PyTorch's side.
//!
//! ```sh
//! cargo build --release -p gpu --example zero_copy   # target/release/examples/libzero_copy.so
//! python3 crates/gpu/tests/zero_copy.py target/release/examples/libzero_copy.so
//! ```

use gpu::{DLManagedTensor, Device, LaunchConfig, kernels};
use std::ffi::{CString, c_char};
use std::sync::{Mutex, OnceLock};

fn device() -> &'static Device {
    static DEVICE: OnceLock<Device> = OnceLock::new();
    DEVICE.get_or_init(Device::new)
}

static LAST_ERROR: Mutex<Option<CString>> = Mutex::new(None);

fn report(outcome: Result<(), gpu::Error>) -> i32 {
    match outcome {
        Ok(()) => 0,
        Err(err) => {
            if let Ok(mut last) = LAST_ERROR.lock() {
                *last = CString::new(err.to_string()).ok();
            }
            1
        }
    }
}

/// The message of the last failed call (valid until the next failure), or null.
#[unsafe(no_mangle)]
pub extern "C" fn tasklab_last_error() -> *const c_char {
    LAST_ERROR
        .lock()
        .ok()
        .and_then(|l| l.as_ref().map(|s| s.as_ptr()))
        .unwrap_or(std::ptr::null())
}

/// 1 when the library runs on CUDA, 0 on the simulator.
#[unsafe(no_mangle)]
pub extern "C" fn tasklab_uses_cuda() -> i32 {
    i32::from(device().backend() == gpu::Backend::Cuda)
}

/// `c = a + b` on three contiguous int64 `rows x cols` tensors given by their device pointers; waits for the
/// kernel. Returns 0, or 1 with `tasklab_last_error()` saying why.
///
/// # Safety
/// The pointers must address `rows * cols` int64 elements of live device memory each.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tasklab_mat_add_i64(a: u64, b: u64, c: u64, rows: u64, cols: u64) -> i32 {
    let dev = device();
    let shape = [rows as usize, cols as usize];
    report((|| {
        // SAFETY: the caller's contract.
        let (a, b, c) = unsafe {
            (
                dev.as_cuda_array::<i64>(a, &shape)?,
                dev.as_cuda_array::<i64>(b, &shape)?,
                dev.as_cuda_array::<i64>(c, &shape)?,
            )
        };
        kernels::mat_add(&kernels::cover_2d(shape[0], shape[1]), &a, &b, &c)?;
        dev.synchronize()
    })())
}

/// `c = a + b` on three float32 DLPack tensors, which it consumes (their deleters run before it returns).
///
/// # Safety
/// Each pointer must be a valid `DLManagedTensor` that the caller hands over.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tasklab_mat_add_dlpack_f32(
    a: *mut DLManagedTensor,
    b: *mut DLManagedTensor,
    c: *mut DLManagedTensor,
) -> i32 {
    let dev = device();
    report((|| {
        // SAFETY: the caller's contract.
        let (a, b, c) = unsafe {
            (
                dev.from_dlpack::<f32>(a)?,
                dev.from_dlpack::<f32>(b)?,
                dev.from_dlpack::<f32>(c)?,
            )
        };
        let shape = a.shape().to_vec();
        let cfg = match shape.as_slice() {
            &[rows, cols] => kernels::cover_2d(rows, cols),
            _ => LaunchConfig::new(1, 1),
        };
        kernels::mat_add(&cfg, &a, &b, &c)?;
        dev.synchronize()
    })())
}

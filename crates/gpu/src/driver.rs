//! The CUDA driver API, loaded at run time: `libcuda.so.1` is opened with `dlopen` the first time CUDA is asked
//! for, and the few driver functions the crate calls are looked up with `dlsym`.
//!
//! Nothing about CUDA is needed to *build* the crate (no toolkit, no build script, no `-lcuda`), so any crate
//! can depend on `gpu` with nothing but the dependency line; and a binary has no `NEEDED libcuda`, so it starts
//! on a machine without the NVIDIA driver and reports that as an ordinary [`Error::CudaUnavailable`].
//! Result codes stay plain integers, so a newer driver's code (CUDA 13's 46, 222...) is reported with the
//! driver's own text instead of being forced into an older enum.

use crate::{Error, Result};
use std::ffi::{CStr, c_char, c_int, c_uint, c_void};
use std::sync::OnceLock;

/// `CUresult`: 0 is success; the driver's `cuGetErrorString` describes the rest.
pub(crate) type CuResult = c_int;
/// `CUdeviceptr`.
pub(crate) type DevicePtr = u64;
/// `CUcontext`, `CUstream`, `CUmodule`, `CUfunction`: opaque driver handles.
pub(crate) type Handle = *mut c_void;

/// `CU_POINTER_ATTRIBUTE_MEMORY_TYPE`.
pub(crate) const POINTER_ATTRIBUTE_MEMORY_TYPE: c_int = 2;
/// `CU_MEMORYTYPE_DEVICE`.
pub(crate) const MEMORYTYPE_DEVICE: u32 = 2;
/// `CU_MEMORYTYPE_UNIFIED`.
pub(crate) const MEMORYTYPE_UNIFIED: u32 = 4;

/// `CUdevice_attribute` values the crate reads.
pub(crate) mod attribute {
    pub(crate) const MAX_THREADS_PER_BLOCK: i32 = 1;
    pub(crate) const MAX_BLOCK_DIM_X: i32 = 2;
    pub(crate) const MAX_BLOCK_DIM_Y: i32 = 3;
    pub(crate) const MAX_BLOCK_DIM_Z: i32 = 4;
    pub(crate) const MAX_GRID_DIM_X: i32 = 5;
    pub(crate) const MAX_GRID_DIM_Y: i32 = 6;
    pub(crate) const MAX_GRID_DIM_Z: i32 = 7;
    pub(crate) const MAX_SHARED_MEMORY_PER_BLOCK: i32 = 8;
}

macro_rules! driver_api {
    ($( $field:ident = $symbol:literal : fn($($arg:ty),*) ;)*) => {
        /// The driver functions the crate calls, looked up in `libcuda.so.1`.
        pub(crate) struct Driver {
            $( pub(crate) $field: unsafe extern "C" fn($($arg),*) -> CuResult, )*
            /// Optional: only used to check foreign pointers (absent from some mock drivers).
            pub(crate) pointer_get_attribute:
                Option<unsafe extern "C" fn(*mut c_void, c_int, DevicePtr) -> CuResult>,
            /// Optional, as above.
            pub(crate) mem_get_address_range:
                Option<unsafe extern "C" fn(*mut DevicePtr, *mut usize, DevicePtr) -> CuResult>,
        }

        impl Driver {
            /// Looks every function up in the opened library `lib`.
            ///
            /// # Safety
            /// `lib` must be a handle from `dlopen` of a CUDA driver, kept open for the program's life.
            #[cfg(unix)]
            unsafe fn load(lib: *mut c_void) -> std::result::Result<Driver, String> {
                Ok(Driver {
                    // SAFETY: each symbol is the driver function of that name, with the C signature declared
                    // here (CUDA's cuda.h); a function pointer and a data pointer have the same size on the
                    // platforms where dlsym is used.
                    $( $field: unsafe {
                        std::mem::transmute::<*mut c_void, unsafe extern "C" fn($($arg),*) -> CuResult>(
                            symbol(lib, concat!($symbol, "\0"))?,
                        )
                    }, )*
                    // SAFETY: as above.
                    pointer_get_attribute: unsafe {
                        symbol(lib, "cuPointerGetAttribute\0").ok().map(|p| std::mem::transmute::<
                            *mut c_void,
                            unsafe extern "C" fn(*mut c_void, c_int, DevicePtr) -> CuResult,
                        >(p))
                    },
                    // SAFETY: as above.
                    mem_get_address_range: unsafe {
                        symbol(lib, "cuMemGetAddressRange_v2\0").ok().map(|p| std::mem::transmute::<
                            *mut c_void,
                            unsafe extern "C" fn(*mut DevicePtr, *mut usize, DevicePtr) -> CuResult,
                        >(p))
                    },
                })
            }
        }
    };
}

driver_api! {
    init = "cuInit": fn(c_uint);
    get_error_string = "cuGetErrorString": fn(CuResult, *mut *const c_char);
    get_error_name = "cuGetErrorName": fn(CuResult, *mut *const c_char);
    device_get_count = "cuDeviceGetCount": fn(*mut c_int);
    device_get = "cuDeviceGet": fn(*mut c_int, c_int);
    device_get_name = "cuDeviceGetName": fn(*mut c_char, c_int, c_int);
    device_get_attribute = "cuDeviceGetAttribute": fn(*mut c_int, c_int, c_int);
    primary_ctx_retain = "cuDevicePrimaryCtxRetain": fn(*mut Handle, c_int);
    primary_ctx_release = "cuDevicePrimaryCtxRelease_v2": fn(c_int);
    ctx_set_current = "cuCtxSetCurrent": fn(Handle);
    stream_create = "cuStreamCreateWithPriority": fn(*mut Handle, c_uint, c_int);
    stream_destroy = "cuStreamDestroy_v2": fn(Handle);
    stream_synchronize = "cuStreamSynchronize": fn(Handle);
    stream_query = "cuStreamQuery": fn(Handle);
    stream_wait_event = "cuStreamWaitEvent": fn(Handle, Handle, c_uint);
    event_create = "cuEventCreate": fn(*mut Handle, c_uint);
    event_destroy = "cuEventDestroy_v2": fn(Handle);
    event_record = "cuEventRecord": fn(Handle, Handle);
    event_synchronize = "cuEventSynchronize": fn(Handle);
    event_query = "cuEventQuery": fn(Handle);
    event_elapsed_time = "cuEventElapsedTime": fn(*mut f32, Handle, Handle);
    module_load_data = "cuModuleLoadDataEx": fn(*mut Handle, *const c_void, c_uint, *mut c_int, *mut *mut c_void);
    module_unload = "cuModuleUnload": fn(Handle);
    module_get_function = "cuModuleGetFunction": fn(*mut Handle, Handle, *const c_char);
    mem_alloc = "cuMemAlloc_v2": fn(*mut DevicePtr, usize);
    mem_free = "cuMemFree_v2": fn(DevicePtr);
    memset_d8 = "cuMemsetD8_v2": fn(DevicePtr, u8, usize);
    memcpy_htod = "cuMemcpyHtoD_v2": fn(DevicePtr, *const c_void, usize);
    memcpy_dtoh = "cuMemcpyDtoH_v2": fn(*mut c_void, DevicePtr, usize);
    memcpy_dtod_async = "cuMemcpyDtoDAsync_v2": fn(DevicePtr, DevicePtr, usize, Handle);
    memcpy_htod_async = "cuMemcpyHtoDAsync_v2": fn(DevicePtr, *const c_void, usize, Handle);
    memcpy_dtoh_async = "cuMemcpyDtoHAsync_v2": fn(*mut c_void, DevicePtr, usize, Handle);
    launch_kernel = "cuLaunchKernel": fn(
        Handle, c_uint, c_uint, c_uint, c_uint, c_uint, c_uint, c_uint, Handle, *mut *mut c_void, *mut *mut c_void
    );
}

impl std::fmt::Debug for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Driver(libcuda.so.1)")
    }
}

/// Looks `name` (NUL-terminated) up in `lib`.
///
/// # Safety
/// `lib` must be a live `dlopen` handle.
#[cfg(unix)]
unsafe fn symbol(lib: *mut c_void, name: &str) -> std::result::Result<*mut c_void, String> {
    // SAFETY: `name` is NUL-terminated (the callers append "\0"); `lib` is live by the contract.
    let ptr = unsafe { libc::dlsym(lib, name.as_ptr().cast()) };
    if ptr.is_null() {
        Err(format!(
            "the CUDA driver has no `{}`; it is older than this crate needs (CUDA 11 or newer)",
            name.trim_end_matches('\0')
        ))
    } else {
        Ok(ptr)
    }
}

/// The driver, loaded once: `Err` says why it could not be (no `libcuda.so.1`, a function missing, or
/// `cuInit` failing).
pub(crate) fn driver() -> std::result::Result<&'static Driver, String> {
    static DRIVER: OnceLock<std::result::Result<Driver, String>> = OnceLock::new();
    DRIVER.get_or_init(open).as_ref().map_err(Clone::clone)
}

#[cfg(unix)]
fn open() -> std::result::Result<Driver, String> {
    // SAFETY: dlopen with a constant, NUL-terminated name; the handle is never closed (the driver stays loaded
    // for the program's life, as a linked libcuda would).
    let lib = unsafe { libc::dlopen(c"libcuda.so.1".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if lib.is_null() {
        // SAFETY: dlerror returns null or a valid C string describing the last dlopen failure.
        let why = unsafe {
            let e = libc::dlerror();
            if e.is_null() {
                "unknown reason".to_string()
            } else {
                CStr::from_ptr(e).to_string_lossy().into_owned()
            }
        };
        return Err(format!(
            "no CUDA driver: libcuda.so.1 could not be loaded ({why}); install the NVIDIA driver, or use the CPU simulator"
        ));
    }
    // SAFETY: `lib` was just opened and is never closed.
    let driver = unsafe { Driver::load(lib)? };
    // SAFETY: cuInit takes flags (0) and may be called more than once.
    let code = unsafe { (driver.init)(0) };
    if code != 0 {
        return Err(driver.describe(code));
    }
    Ok(driver)
}

#[cfg(not(unix))]
fn open() -> std::result::Result<Driver, String> {
    Err("no CUDA driver: this crate loads libcuda.so.1, which exists on Linux only; use the CPU simulator".into())
}

impl Driver {
    /// The driver's text for `code`, with the code and its name: "out of memory (CUDA error 2,
    /// CUDA_ERROR_OUT_OF_MEMORY)".
    pub(crate) fn describe(&self, code: CuResult) -> String {
        let text = |f: unsafe extern "C" fn(CuResult, *mut *const c_char) -> CuResult| {
            let mut out: *const c_char = std::ptr::null();
            // SAFETY: a valid out-pointer; the driver stores a static string or leaves it null.
            let status = unsafe { f(code, &mut out) };
            if status != 0 || out.is_null() {
                None
            } else {
                // SAFETY: a NUL-terminated string owned by the driver.
                Some(
                    unsafe { CStr::from_ptr(out) }
                        .to_string_lossy()
                        .into_owned(),
                )
            }
        };
        let name = text(self.get_error_name).unwrap_or_else(|| "unnamed".into());
        match text(self.get_error_string) {
            Some(message) => format!("{message} (CUDA error {code}, {name})"),
            None => format!("CUDA error {code} (this driver has no description for it)"),
        }
    }

    /// `Ok` for success, else [`Error::Cuda`] naming `call` with the driver's description.
    pub(crate) fn check(&self, call: &'static str, code: CuResult) -> Result<()> {
        if code == 0 {
            Ok(())
        } else {
            Err(Error::Cuda {
                call,
                message: self.describe(code),
            })
        }
    }
}

//! The device handle: CUDA through the driver API (loaded at run time) when a driver and GPU exist, else the CPU simulator, chosen at run
//! time, with counters of host-device copies so that benchmarks and users can see what crossed the bus.

use crate::driver::{self, Driver, Handle, attribute};
use crate::launch::{LaunchConfig, Limits};
use crate::sim::{self, Barriers, ThreadCtx, ThreadSpan};
use crate::{Error, Result};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

/// Which implementation a [`Device`] runs kernels on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// An NVIDIA GPU through the CUDA driver.
    Cuda,
    /// The CPU simulator (numba's `NUMBA_ENABLE_CUDASIM`): kernels written in Rust, run on rayon's threads.
    Simulator,
}

impl Backend {
    /// `"CUDA"` or `"simulator"`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Cuda => "CUDA",
            Backend::Simulator => "simulator",
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Host-device copies made through a device since it was opened (or since [`Device::reset_transfers`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Transfers {
    pub host_to_device: u64,
    pub host_to_device_bytes: u64,
    pub device_to_host: u64,
    pub device_to_host_bytes: u64,
}

#[derive(Debug, Default)]
struct Counters {
    htod: AtomicU64,
    htod_bytes: AtomicU64,
    dtoh: AtomicU64,
    dtoh_bytes: AtomicU64,
}

/// A handle to the device kernels run on; cheap to clone (all clones are the same device).
///
/// ```
/// let device = gpu::Device::new(); // CUDA when a GPU and driver exist, else the simulator
/// println!("running on {} ({})", device.name(), device.backend());
/// # assert!(!device.name().is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Device {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    kind: Kind,
    name: String,
    limits: Limits,
    fallback_reason: Option<String>,
    counters: Counters,
    racecheck: std::sync::atomic::AtomicBool,
    /// Launches that ran in plain form (`plain.rs`), for tests and diagnostics.
    plain_launches: std::sync::atomic::AtomicU64,
}

#[derive(Debug)]
enum Kind {
    Simulator,
    Cuda(CudaDevice),
}

/// The CUDA side of a device: the primary context, a stream, and the modules loaded so far.
#[derive(Debug)]
pub(crate) struct CudaDevice {
    pub(crate) driver: &'static Driver,
    pub(crate) modules: Mutex<HashMap<&'static str, Arc<LoadedModule>>>,
    pub(crate) stream: Handle,
    pub(crate) ordinal: u32,
    pub(crate) context: Handle,
}

// SAFETY: the handles are driver objects usable from any thread once their context is current, which every
// use makes it first (`make_current`).
unsafe impl Send for CudaDevice {}
unsafe impl Sync for CudaDevice {}

impl CudaDevice {
    /// Makes this device's context current on the calling thread (every CUDA call needs it).
    pub(crate) fn make_current(&self) -> Result<()> {
        // SAFETY: a context retained for this device's lifetime.
        let code = unsafe { (self.driver.ctx_set_current)(self.context) };
        self.driver.check("cuCtxSetCurrent", code)
    }

    /// Loads PTX text into this device's context.
    pub(crate) fn load_module(&self, ptx: &str) -> Result<LoadedModule> {
        self.make_current()?;
        let text = std::ffi::CString::new(ptx).map_err(|_| Error::BadPtx {
            kernel: String::new(),
            why: "the PTX text contains a NUL byte".into(),
        })?;
        let mut handle: Handle = std::ptr::null_mut();
        // SAFETY: a NUL-terminated image and a valid out-pointer; no JIT options.
        let code = unsafe {
            (self.driver.module_load_data)(
                &mut handle,
                text.as_ptr().cast(),
                0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        self.driver.check("cuModuleLoadData", code)?;
        Ok(LoadedModule {
            driver: self.driver,
            context: self.context,
            handle,
        })
    }
}

/// A module loaded in a device's context, unloaded on drop.
#[derive(Debug)]
pub(crate) struct LoadedModule {
    driver: &'static Driver,
    context: Handle,
    pub(crate) handle: Handle,
}

// SAFETY: as for `CudaDevice`.
unsafe impl Send for LoadedModule {}
unsafe impl Sync for LoadedModule {}

impl Drop for LoadedModule {
    fn drop(&mut self) {
        // SAFETY: the module was loaded in `context`, which the device keeps retained while modules live.
        unsafe {
            (self.driver.ctx_set_current)(self.context);
            (self.driver.module_unload)(self.handle);
        }
    }
}

impl Drop for CudaDevice {
    fn drop(&mut self) {
        // Modules and the stream are destroyed in this context; the primary context is then released.
        let _ = self.make_current();
        if let Ok(modules) = self.modules.get_mut() {
            modules.clear();
        }
        // SAFETY: the stream was created in this context and is destroyed once; the primary context was
        // retained once for this device.
        unsafe {
            (self.driver.stream_destroy)(self.stream);
            (self.driver.primary_ctx_release)(self.ordinal as i32);
        }
    }
}

/// Environment variable that makes [`Device::new`] choose the simulator even where CUDA works (numba's
/// `NUMBA_ENABLE_CUDASIM`).
pub const SIMULATOR_ENV: &str = "TASKLAB_CUDASIM";

impl Device {
    /// CUDA device 0 when a driver and a GPU exist, else the simulator ([`Device::fallback_reason`] says
    /// why). Setting `TASKLAB_CUDASIM=1` forces the simulator.
    pub fn new() -> Device {
        if std::env::var(SIMULATOR_ENV).is_ok_and(|v| v == "1") {
            return Device::simulator_because(Some(format!("{SIMULATOR_ENV}=1 is set")));
        }
        match Device::cuda() {
            Ok(device) => device,
            Err(err) => Device::simulator_because(Some(err.to_string())),
        }
    }

    /// The CPU simulator.
    pub fn simulator() -> Device {
        Device::simulator_because(None)
    }

    fn simulator_because(fallback_reason: Option<String>) -> Device {
        let threads = rayon::current_num_threads();
        Device::wrap(
            Kind::Simulator,
            format!("CPU simulator ({threads} threads)"),
            Limits::default(),
            fallback_reason,
        )
    }

    /// CUDA device 0, or [`Error::CudaUnavailable`] saying why not (no driver, no device...).
    pub fn cuda() -> Result<Device> {
        Device::cuda_ordinal(0)
    }

    /// CUDA device number `ordinal`.
    pub fn cuda_ordinal(ordinal: u32) -> Result<Device> {
        let unavailable = |reason: String| Error::CudaUnavailable { reason };
        let driver = driver::driver().map_err(unavailable)?;
        let mut count = 0;
        // SAFETY: valid out-pointers throughout; the driver was initialised by `driver()`.
        driver.check("cuDeviceGetCount", unsafe {
            (driver.device_get_count)(&mut count)
        })?;
        if i64::from(ordinal) >= i64::from(count) {
            return Err(unavailable(format!(
                "device {ordinal} was asked for but the driver sees {count} device(s)"
            )));
        }
        let mut dev = 0;
        // SAFETY: as above.
        driver.check("cuDeviceGet", unsafe {
            (driver.device_get)(&mut dev, ordinal as i32)
        })?;
        let mut context: Handle = std::ptr::null_mut();
        // SAFETY: as above; the retained primary context is released when the device drops.
        driver.check("cuDevicePrimaryCtxRetain", unsafe {
            (driver.primary_ctx_retain)(&mut context, dev)
        })?;
        let mut stream: Handle = std::ptr::null_mut();
        // SAFETY: as above; the context is made current before the stream is created in it.
        let created = unsafe {
            let code = (driver.ctx_set_current)(context);
            if code == 0 {
                (driver.stream_create)(&mut stream, 0, 0)
            } else {
                code
            }
        };
        if let Err(err) = driver.check("cuStreamCreate", created) {
            // SAFETY: the context retained above.
            unsafe { (driver.primary_ctx_release)(dev) };
            return Err(err);
        }
        let cuda = CudaDevice {
            driver,
            modules: Mutex::new(HashMap::new()),
            stream,
            ordinal,
            context,
        };
        let mut raw_name = [0 as std::ffi::c_char; 256];
        // SAFETY: a buffer of the length passed.
        driver.check("cuDeviceGetName", unsafe {
            (driver.device_get_name)(raw_name.as_mut_ptr(), raw_name.len() as i32, dev)
        })?;
        // SAFETY: the driver NUL-terminates the name within the buffer; the last byte is kept NUL.
        raw_name[255] = 0;
        let name = unsafe { std::ffi::CStr::from_ptr(raw_name.as_ptr()) }
            .to_string_lossy()
            .into_owned();
        let attr = |a: i32| -> Result<u32> {
            let mut v = 0;
            // SAFETY: a valid out-pointer.
            driver.check("cuDeviceGetAttribute", unsafe {
                (driver.device_get_attribute)(&mut v, a, dev)
            })?;
            Ok(v.max(0) as u32)
        };
        let limits = Limits {
            max_threads_per_block: attr(attribute::MAX_THREADS_PER_BLOCK)?,
            max_block: [
                attr(attribute::MAX_BLOCK_DIM_X)?,
                attr(attribute::MAX_BLOCK_DIM_Y)?,
                attr(attribute::MAX_BLOCK_DIM_Z)?,
            ],
            max_grid: [
                attr(attribute::MAX_GRID_DIM_X)?,
                attr(attribute::MAX_GRID_DIM_Y)?,
                attr(attribute::MAX_GRID_DIM_Z)?,
            ],
            max_shared_bytes: attr(attribute::MAX_SHARED_MEMORY_PER_BLOCK)?,
        };
        Ok(Device::wrap(Kind::Cuda(cuda), name, limits, None))
    }

    fn wrap(kind: Kind, name: String, limits: Limits, fallback_reason: Option<String>) -> Device {
        Device {
            inner: Arc::new(Inner {
                kind,
                name,
                limits,
                fallback_reason,
                counters: Counters::default(),
                racecheck: std::sync::atomic::AtomicBool::new(racecheck_default()),
                plain_launches: std::sync::atomic::AtomicU64::new(0),
            }),
        }
    }

    /// Which backend this device is.
    pub fn backend(&self) -> Backend {
        match self.inner.kind {
            Kind::Simulator => Backend::Simulator,
            Kind::Cuda(_) => Backend::Cuda,
        }
    }

    /// The GPU's name (`"NVIDIA H100 80GB HBM3"`) or `"CPU simulator (N threads)"`.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The launch limits kernels are checked against.
    pub fn limits(&self) -> Limits {
        self.inner.limits
    }

    /// Why [`Device::new`] chose the simulator (`None` when CUDA was chosen or the simulator was asked for).
    pub fn fallback_reason(&self) -> Option<&str> {
        self.inner.fallback_reason.as_deref()
    }

    /// Whether the simulator checks kernels' device-array accesses for data races (see
    /// [`Device::set_racecheck`]).
    pub fn racecheck(&self) -> bool {
        self.inner.racecheck.load(Relaxed)
    }

    /// Turns the simulator's data-race check on device arrays on or off (compute-sanitizer's racecheck):
    /// with it on, a plain read or write of an element that another block, or another thread of the same
    /// block between the same two barriers, wrote (or read, for a write) in the same launch fails the launch
    /// with both threads named — so a histogram updated with `get` + `set` instead of
    /// [`crate::atomic::add`] is an error, not a lucky right answer. A store that leaves the element as it was
    /// (threads storing one result) is no access to conflict with. Views taken afterwards are checked. It is
    /// on by default in debug builds and off in release builds (it slows every access);
    /// `TASKLAB_CUDASIM_RACECHECK=1`/`0` sets the default. Shared memory is always checked.
    ///
    /// ```
    /// use gpu::{Barriers, Device, LaunchConfig};
    /// let device = Device::simulator();
    /// device.set_racecheck(true);
    /// let bins = device.zeros::<u32>(&[4])?;
    /// let h = bins.view()?;
    /// let err = device
    ///     .launch_sim("racy_histogram", &LaunchConfig::new(2, 32), Barriers::None, |t| {
    ///         let bin = t.grid1() % 4;
    ///         h.set(bin, h.get(bin) + 1); // not atomic: a GPU loses updates
    ///     })
    ///     .expect_err("a data race");
    /// assert!(err.to_string().contains("data race"));
    /// # Ok::<(), gpu::Error>(())
    /// ```
    pub fn set_racecheck(&self, on: bool) {
        self.inner.racecheck.store(on, Relaxed);
    }

    /// How many `#[gpu::kernel]` launches on this simulator ran in plain form (non-atomic memory, see the
    /// crate documentation): for tests and diagnostics.
    #[doc(hidden)]
    pub fn plain_launches(&self) -> u64 {
        self.inner.plain_launches.load(Relaxed)
    }

    pub(crate) fn count_plain_launch(&self) {
        self.inner.plain_launches.fetch_add(1, Relaxed);
    }

    /// Host-device copies made through this device so far.
    pub fn transfers(&self) -> Transfers {
        let c = &self.inner.counters;
        Transfers {
            host_to_device: c.htod.load(Relaxed),
            host_to_device_bytes: c.htod_bytes.load(Relaxed),
            device_to_host: c.dtoh.load(Relaxed),
            device_to_host_bytes: c.dtoh_bytes.load(Relaxed),
        }
    }

    /// Sets the copy counters back to zero.
    pub fn reset_transfers(&self) {
        let c = &self.inner.counters;
        for counter in [&c.htod, &c.htod_bytes, &c.dtoh, &c.dtoh_bytes] {
            counter.store(0, Relaxed);
        }
    }

    pub(crate) fn count_copy(&self, to_device: bool, bytes: usize) {
        let c = &self.inner.counters;
        let (n, b) = if to_device {
            (&c.htod, &c.htod_bytes)
        } else {
            (&c.dtoh, &c.dtoh_bytes)
        };
        n.fetch_add(1, Relaxed);
        b.fetch_add(bytes as u64, Relaxed);
    }

    /// Waits until every kernel launched on this device has finished (CUDA launches are asynchronous; copies to
    /// the host wait by themselves). Errors from a kernel that failed while running show up here.
    pub fn synchronize(&self) -> Result<()> {
        match &self.inner.kind {
            Kind::Simulator => Ok(()),
            Kind::Cuda(cuda) => {
                cuda.make_current()?;
                // SAFETY: the device's own stream.
                let code = unsafe { (cuda.driver.stream_synchronize)(cuda.stream) };
                cuda.driver.check("cuStreamSynchronize", code)
            }
        }
    }

    /// Whether `other` is this same device (a clone of this handle).
    pub fn same_as(&self, other: &Device) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    pub(crate) fn cuda_parts(&self) -> Option<&CudaDevice> {
        match &self.inner.kind {
            Kind::Cuda(cuda) => Some(cuda),
            Kind::Simulator => None,
        }
    }

    pub(crate) fn require_cuda(&self, operation: &str) -> Result<&CudaDevice> {
        self.cuda_parts().ok_or_else(|| Error::WrongBackend {
            operation: operation.to_string(),
            needed: "CUDA",
            actual: "simulator",
        })
    }

    /// Runs a kernel written in Rust on the simulator over the grid of `cfg`: numba's simulated
    /// `kernel[grid, block](...)`, called once per simulated thread with its [`ThreadCtx`]. Kernels that call
    /// `syncthreads` need [`Barriers::Sync`] (each thread then runs as a coroutine); with [`Barriers::None`]
    /// a block's threads run in a loop. A barrier-free kernel that uses no shared memory runs 2-3x faster
    /// written for [`Device::launch_sim_span`] when its per-thread work is cheap.
    ///
    /// ```
    /// use gpu::{Barriers, Device, LaunchConfig};
    /// let device = gpu::Device::simulator();
    /// let out = device.zeros::<u32>(&[8])?;
    /// let view = out.view()?;
    /// device.launch_sim("iota", &LaunchConfig::new(2, 4), Barriers::None, |t| {
    ///     view.set(t.grid1(), t.grid1() as u32)
    /// })?;
    /// assert_eq!(out.copy_to_host()?, [0, 1, 2, 3, 4, 5, 6, 7]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::WrongBackend`] on a CUDA device, [`Error::BadLaunch`] for a configuration outside the limits,
    /// [`Error::KernelFailed`] when the kernel panics (an index out of bounds, `syncthreads` without
    /// [`Barriers::Sync`]...).
    pub fn launch_sim<F>(
        &self,
        name: &str,
        cfg: &LaunchConfig,
        barriers: Barriers,
        kernel: F,
    ) -> Result<()>
    where
        F: Fn(&ThreadCtx<'_>) + Sync,
    {
        self.check_sim_launch(name, cfg)?;
        sim::run_with_stack(
            name,
            cfg,
            barriers,
            sim::STACK_BYTES,
            self.racecheck(),
            &kernel,
        )
    }

    /// [`Device::launch_sim`] for a kernel whose local arrays take `local_bytes` per thread: with
    /// [`Barriers::Sync`] each thread's coroutine stack is sized from it (the default stack, 2 MiB, holds
    /// CUDA's whole 512 KiB limit in optimised builds), and more than CUDA's 512 KiB is refused before the
    /// launch. Kernels written with `#[gpu::kernel]` launch this way with their declared local arrays.
    ///
    /// # Errors
    /// As [`Device::launch_sim`], and [`Error::BadLaunch`] when `local_bytes` is over 512 KiB.
    pub fn launch_sim_local<F>(
        &self,
        name: &str,
        cfg: &LaunchConfig,
        barriers: Barriers,
        local_bytes: usize,
        kernel: F,
    ) -> Result<()>
    where
        F: Fn(&ThreadCtx<'_>) + Sync,
    {
        self.check_sim_launch(name, cfg)?;
        let stack = sim::stack_bytes_for(name, local_bytes)?;
        sim::run_with_stack(name, cfg, barriers, stack, self.racecheck(), &kernel)
    }

    /// Runs a barrier-free kernel written in Rust on the simulator over the grid of `cfg`, called once per
    /// [`ThreadSpan`]: a run of consecutive threads along x (whole blocks sharing one y and z), so the kernel
    /// body is a loop over `span.grid_x()` instead of one call per simulated thread. This is the simulator's
    /// fast form for kernels that need neither `syncthreads` nor shared memory — a span has neither: on cheap
    /// elementwise kernels, where the per-thread call and context dominate, it is 2-3x faster than
    /// [`Device::launch_sim`] (mat_add 256x256 on one core: 0.6 ns per element instead of 1.4-1.7). Every thread
    /// of the grid is covered exactly once; the order of spans is unspecified, as the order of threads is on a
    /// GPU. The kernel library's `mat_add`, `saxpy` and `mandelbrot` use this form. On CUDA a kernel is PTX
    /// ([`Device::load_ptx`]), so this form, like [`Device::launch_sim`], is the simulator's.
    ///
    /// ```
    /// use gpu::{Device, LaunchConfig};
    /// let device = gpu::Device::simulator();
    /// let out = device.zeros::<u32>(&[10])?;
    /// let view = out.view()?;
    /// // Per thread this is `let i = t.grid1(); if i < 10 { view.set(i, 2 * i as u32) }`.
    /// device.launch_sim_span("double", &LaunchConfig::new(3, 4), |s| {
    ///     for i in s.grid_x_below(view.len()) {
    ///         view.set(i, 2 * i as u32);
    ///     }
    /// })?;
    /// assert_eq!(out.copy_to_host()?, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::WrongBackend`] on a CUDA device, [`Error::BadLaunch`] for a configuration outside the limits,
    /// [`Error::KernelFailed`] when the kernel panics (an index out of bounds...).
    pub fn launch_sim_span<F>(&self, name: &str, cfg: &LaunchConfig, kernel: F) -> Result<()>
    where
        F: Fn(&ThreadSpan) + Sync,
    {
        self.check_sim_launch(name, cfg)?;
        sim::run_spans(name, cfg, &kernel)
    }

    fn check_sim_launch(&self, name: &str, cfg: &LaunchConfig) -> Result<()> {
        if self.backend() != Backend::Simulator {
            return Err(Error::WrongBackend {
                operation: format!("launching the Rust kernel `{name}`"),
                needed: "simulator",
                actual: "CUDA",
            });
        }
        cfg.validate(name, &self.inner.limits)
    }
}

/// The race check's default: `TASKLAB_CUDASIM_RACECHECK` when set to 0 or 1, else on in debug builds.
fn racecheck_default() -> bool {
    match std::env::var(crate::race::RACECHECK_ENV).as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => cfg!(debug_assertions),
    }
}

impl Default for Device {
    fn default() -> Device {
        Device::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demanding_cuda_without_a_driver_is_a_clear_error_and_new_falls_back() {
        // This machine may or may not have a GPU; either way the outcome is consistent and explained.
        match Device::cuda() {
            Ok(device) => assert_eq!(device.backend(), Backend::Cuda),
            Err(err) => {
                assert!(matches!(err, Error::CudaUnavailable { .. }));
                assert!(err.to_string().contains("simulator"), "{err}");
                let device = Device::new();
                assert_eq!(device.backend(), Backend::Simulator);
                assert!(device.fallback_reason().is_some());
            }
        }
        assert!(Device::cuda_ordinal(4096).is_err());
    }

    #[test]
    fn a_cuda_only_operation_on_the_simulator_names_the_backends() {
        let device = Device::simulator();
        let err = device.require_cuda("loading PTX").expect_err("simulator");
        assert_eq!(
            err.to_string(),
            "loading PTX needs the CUDA backend, but this device is the simulator"
        );
        assert!(device.same_as(&device.clone()));
        assert!(!device.same_as(&Device::simulator()));
    }
}

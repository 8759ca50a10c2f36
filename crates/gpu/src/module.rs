//! PTX modules on the CUDA backend: load PTX (numba's compiled `@cuda.jit` kernel), look up an entry, and
//! launch it with arguments checked against the entry's PTX parameter list and the device's limits.

use crate::device::{Device, LoadedModule};
use crate::launch::{KernelArg, LaunchConfig, check_args, ptx_params};
use crate::{Error, Result};
use std::ffi::c_void;
use std::sync::Arc;

/// A loaded PTX module (CUDA backend only).
#[derive(Debug, Clone)]
pub struct Module {
    device: Device,
    module: Arc<LoadedModule>,
    ptx: Arc<str>,
}

impl Device {
    /// Loads PTX text (for example from `nvcc -ptx`) into this device's context.
    ///
    /// # Errors
    /// [`Error::WrongBackend`] on the simulator; [`Error::Cuda`] when the driver rejects the PTX (a PTX ISA
    /// newer than the driver, a target newer than the GPU...).
    pub fn load_ptx(&self, ptx: &str) -> Result<Module> {
        let cuda = self.require_cuda("loading PTX")?;
        let module = cuda.load_module(ptx)?;
        Ok(Module {
            device: self.clone(),
            module: Arc::new(module),
            ptx: ptx.into(),
        })
    }

    /// The module of a `#[gpu::kernel]` (its generated PTX), loaded once per device.
    #[doc(hidden)]
    pub fn __kernel_module(&self, key: &'static str, ptx: &'static str) -> Result<Module> {
        self.library_module(key, ptx)
    }

    /// The library module `file` (embedded PTX), loaded once per device.
    pub(crate) fn library_module(&self, file: &'static str, ptx: &'static str) -> Result<Module> {
        let cuda = self.require_cuda("loading PTX")?;
        let mut modules = cuda.modules.lock().map_err(|_| Error::Cuda {
            call: "module cache",
            message: "a thread panicked while loading a module; open a new Device".into(),
        })?;
        let module = match modules.get(file) {
            Some(m) => m.clone(),
            None => {
                let m = Arc::new(cuda.load_module(ptx)?);
                modules.insert(file, m.clone());
                m
            }
        };
        Ok(Module {
            device: self.clone(),
            module,
            ptx: ptx.into(),
        })
    }
}

impl Module {
    /// Launches entry `kernel` over `cfg` with `args`, asynchronously on the device's stream.
    ///
    /// # Errors
    /// [`Error::BadPtx`] for an unknown entry, [`Error::BadArguments`] when `args` do not match its PTX
    /// parameters in number or type, [`Error::BadLaunch`] for a configuration outside the device's limits,
    /// [`Error::Cuda`] when the driver refuses the launch.
    pub fn launch(&self, kernel: &str, cfg: &LaunchConfig, args: &[KernelArg]) -> Result<()> {
        self.launch_stream(None, kernel, cfg, args)
    }

    /// [`Module::launch`] on `stream` (numba's `kernel[grid, block, stream](...)`): it runs after the work
    /// queued on that stream before it, and concurrently with other streams' work.
    ///
    /// # Errors
    /// As [`Module::launch`], and [`Error::WrongDevice`] for a stream of another device.
    pub fn launch_on(
        &self,
        stream: &crate::Stream,
        kernel: &str,
        cfg: &LaunchConfig,
        args: &[KernelArg],
    ) -> Result<()> {
        self.launch_stream(Some(stream), kernel, cfg, args)
    }

    fn launch_stream(
        &self,
        stream: Option<&crate::Stream>,
        kernel: &str,
        cfg: &LaunchConfig,
        args: &[KernelArg],
    ) -> Result<()> {
        let stream = match stream {
            Some(s) => s.handle_for(&self.device, &format!("the launch of `{kernel}`"))?,
            None => None,
        };
        let params = ptx_params(&self.ptx, kernel)?;
        check_args(kernel, &params, args)?;
        cfg.validate(kernel, &self.device.limits())?;
        let cuda = self.device.require_cuda("launching a PTX kernel")?;
        cuda.make_current()?;
        let driver = cuda.driver;
        let entry = std::ffi::CString::new(kernel).map_err(|_| Error::BadPtx {
            kernel: kernel.to_string(),
            why: "the entry name contains a NUL byte".into(),
        })?;
        let mut function: crate::driver::Handle = std::ptr::null_mut();
        // SAFETY: a loaded module of this context and a NUL-terminated name.
        driver.check("cuModuleGetFunction", unsafe {
            (driver.module_get_function)(&mut function, self.module.handle, entry.as_ptr())
        })?;
        let mut values: Vec<u64> = args.iter().map(|a| a.bits()).collect();
        // Every parameter is at most 8 bytes and little-endian, so a pointer to the widened value is a pointer
        // to the value itself.
        let mut pointers: Vec<*mut c_void> =
            values.iter_mut().map(|v| (v as *mut u64).cast()).collect();
        let (g, b) = (cfg.grid, cfg.block);
        // SAFETY: argument count and sizes were checked against the entry's PTX parameters above; `values`
        // outlives the call, which copies the parameters.
        let code = unsafe {
            (driver.launch_kernel)(
                function,
                g.x,
                g.y,
                g.z,
                b.x,
                b.y,
                b.z,
                cfg.shared_bytes,
                stream.unwrap_or(cuda.stream),
                pointers.as_mut_ptr(),
                std::ptr::null_mut(),
            )
        };
        driver.check("cuLaunchKernel", code)
    }

    /// The PTX parameter types of entry `kernel`.
    ///
    /// # Errors
    /// [`Error::BadPtx`] when there is no such entry.
    pub fn params(&self, kernel: &str) -> Result<Vec<String>> {
        ptx_params(&self.ptx, kernel)
    }
}

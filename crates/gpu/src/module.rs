//! PTX modules on the CUDA backend: load PTX (numba's compiled `@cuda.jit` kernel), look up an entry, and
//! launch it with arguments checked against the entry's PTX parameter list and the device's limits.

use crate::device::Device;
use crate::launch::{KernelArg, LaunchConfig, check_args, ptx_params};
use crate::{Error, Result};
use std::ffi::c_void;
use std::sync::Arc;

/// A loaded PTX module (CUDA backend only).
#[derive(Debug, Clone)]
pub struct Module {
    device: Device,
    module: Arc<cust::module::Module>,
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
        cuda.make_current()?;
        let module = cust::module::Module::from_ptx(ptx, &[])
            .map_err(|e| Error::cuda("cuModuleLoadData", e))?;
        Ok(Module {
            device: self.clone(),
            module: Arc::new(module),
            ptx: ptx.into(),
        })
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
                cuda.make_current()?;
                let m = Arc::new(
                    cust::module::Module::from_ptx(ptx, &[])
                        .map_err(|e| Error::cuda("cuModuleLoadData", e))?,
                );
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

impl Drop for Module {
    fn drop(&mut self) {
        // cust unloads the module in the *current* context: make it this device's before the fields drop.
        if let Some(cuda) = self.device.cuda_parts() {
            let _ = cuda.make_current();
        }
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
        let params = ptx_params(&self.ptx, kernel)?;
        check_args(kernel, &params, args)?;
        cfg.validate(kernel, &self.device.limits())?;
        let cuda = self.device.require_cuda("launching a PTX kernel")?;
        cuda.make_current()?;
        let function = self
            .module
            .get_function(kernel)
            .map_err(|e| Error::cuda("cuModuleGetFunction", e))?;
        let mut values: Vec<u64> = args.iter().map(|a| a.bits()).collect();
        // Every parameter is at most 8 bytes and little-endian, so a pointer to the widened value is a pointer
        // to the value itself.
        let pointers: Vec<*mut c_void> =
            values.iter_mut().map(|v| (v as *mut u64).cast()).collect();
        let (g, b) = (cfg.grid, cfg.block);
        // SAFETY: argument count and sizes were checked against the entry's PTX parameters above.
        unsafe {
            cuda.stream
                .launch(
                    &function,
                    (g.x, g.y, g.z),
                    (b.x, b.y, b.z),
                    cfg.shared_bytes,
                    &pointers,
                )
                .map_err(|e| Error::cuda("cuLaunchKernel", e))
        }
    }

    /// The PTX parameter types of entry `kernel`.
    ///
    /// # Errors
    /// [`Error::BadPtx`] when there is no such entry.
    pub fn params(&self, kernel: &str) -> Result<Vec<String>> {
        ptx_params(&self.ptx, kernel)
    }
}

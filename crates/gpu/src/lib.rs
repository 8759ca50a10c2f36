//! numba.cuda for Rust: device arrays and kernel launches over [cust](https://crates.io/crates/cust), with a
//! CPU simulator backend so the same program runs on machines without a GPU.
//!
//! ```
//! use gpu::{Device, LaunchConfig, kernels};
//!
//! let device = Device::new(); // CUDA when a driver and GPU exist, else the simulator
//! let a = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
//! let b = device.to_device(&(12..24).collect::<Vec<i64>>(), &[3, 4])?;
//! let c = device.device_array_like(&a)?;
//! kernels::mat_add(&LaunchConfig::new((1, 1), (4, 3)), &a, &b, &c)?; // mat_add[blocks, threads](a, b, c)
//! println!("{}", gpu::numpy_str(&c.copy_to_host()?, c.shape()));
//! # assert_eq!(c.copy_to_host()?, (0..12).map(|v| 2 * v + 12).collect::<Vec<i64>>());
//! # Ok::<(), gpu::Error>(())
//! ```
//!
//! # The model
//! - A [`Device`] is chosen at run time: [`Device::new`] takes CUDA device 0 when it can and otherwise the
//!   simulator ([`Device::backend`] says which, [`Device::fallback_reason`] why). [`Device::cuda`] demands CUDA
//!   and answers "no CUDA driver" / "no device" as an [`Error`]: the binary does not link `libcuda` (see
//!   `crates/find_cuda_helper`), so it starts everywhere.
//! - [`DeviceArray`]s have 1-3 dimensions: [`Device::to_device`], [`Device::zeros`],
//!   [`Device::device_array_like`], [`DeviceArray::copy_to_host`]. [`Device::transfers`] counts the copies.
//! - The [`kernels`] library (the seed's `mat_add`, `saxpy`, tiled `matmul`, `block_sum`/`sum`, `mandelbrot`)
//!   exists as CUDA C (PTX embedded in the crate) and as Rust for the simulator, with identical results.
//! - Your own kernels: PTX through [`Device::load_ptx`] and [`Module::launch`], whose arguments are checked
//!   against the PTX parameter list; Rust closures through [`Device::launch_sim`], which gives each simulated
//!   thread a [`ThreadCtx`] with `grid1/2/3`, `gridsize1/2/3`, indices, shared arrays and `syncthreads`.
//! - Memory owned by someone else (a PyTorch tensor) is viewed without copying: [`Device::as_cuda_array`]
//!   and [`Device::from_dlpack`].
//!
//! # The simulator
//! Blocks run in parallel on rayon's pool. A kernel launched with [`Barriers::None`] runs each block's threads
//! in a loop; one launched with [`Barriers::Sync`] runs them as coroutines, so `syncthreads` costs a context
//! switch, not an OS thread, and threads that return early count as arrived.

mod array;
mod device;
mod dtype;
mod error;
mod foreign;
pub mod kernels;
mod launch;
mod module;
mod sim;

pub use array::{DeviceArray, backend_line, numpy_str};
pub use device::{Backend, Device, SIMULATOR_ENV, Transfers};
pub use dtype::{DType, Element};
pub use error::{Error, Result};
pub use foreign::{DLDataType, DLDevice, DLManagedTensor, DLTensor};
pub use launch::{Dim3, KernelArg, LaunchConfig, Limits, check_args, ptx_params};
pub use module::Module;
pub use sim::{Barriers, SharedArray, ThreadCtx, View};

#[cfg(test)]
mod tests {
    #[test]
    fn handles_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<crate::Device>();
        shareable::<crate::DeviceArray<f32>>();
        shareable::<crate::View<'static, u8>>();
        shareable::<crate::Module>();
    }
}

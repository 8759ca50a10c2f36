//! numba.cuda for Rust: device arrays and kernel launches over the CUDA driver API (loaded at run time, so no
//! CUDA toolkit is needed to build), with a CPU simulator backend so the same program runs on machines without a GPU.
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
//! # Writing kernels
//! [`macro@kernel`] compiles a Rust function of the kernel language (see the crate README: scalars, 1-3-D
//! array views indexed `a[(i, j)]`, the index functions, `if`/`for`/`while`, local and shared arrays,
//! `syncthreads`, atomics, math functions) into a launcher that runs it on either backend: the simulator
//! runs the Rust body with every access checked, CUDA the PTX the attribute generated at build time.
//!
//! ```
//! use gpu::{Array1, Device, LaunchConfig, atomic, kernel};
//!
//! /// numba: `cuda.atomic.add(bins, x[i], 1)` over a grid-stride loop.
//! #[kernel]
//! fn histogram(x: Array1<u32>, bins: Array1<u32>) {
//!     let mut i = grid1();
//!     while i < x.len() {
//!         atomic::add(&bins, x[i] as usize, 1);
//!         i += gridsize1();
//!     }
//! }
//!
//! let device = Device::new();
//! let x = device.to_device(&[0u32, 1, 1, 3, 3, 3], &[6])?;
//! let bins = device.zeros::<u32>(&[4])?;
//! histogram.launch(&LaunchConfig::new(2, 2), (&x, &bins))?; // type-, shape- and device-checked
//! assert_eq!(bins.copy_to_host()?, [1, 2, 0, 3]);
//! assert!(histogram::PTX.contains("atom.global.add.u32"));
//! # Ok::<(), gpu::Error>(())
//! ```
//!
//! A fault in a simulated kernel (an index out of bounds, a data race, divergent barriers or warps, a stack
//! overflow) is an [`Error::KernelFailed`] naming the thread, the block and the kernel's line, never a panic.
//!
//! # The model
//! - A [`Device`] is chosen at run time: [`Device::new`] takes CUDA device 0 when it can and otherwise the
//!   simulator ([`Device::backend`] says which, [`Device::fallback_reason`] why). [`Device::cuda`] demands CUDA
//!   and answers "no CUDA driver" / "no device" as an [`Error`]: the binary does not link `libcuda` (it is
//!   `dlopen`ed on first use), so it builds and starts everywhere.
//! - [`DeviceArray`]s have 1-3 dimensions: [`Device::to_device`], [`Device::zeros`],
//!   [`Device::device_array_like`], [`DeviceArray::copy_to_host`]. [`Device::transfers`] counts the copies.
//! - The [`kernels`] library (the seed's `mat_add`, `saxpy`, tiled `matmul`, `block_sum`/`sum`, `mandelbrot`),
//!   each written once with [`macro@kernel`]; the CUDA C they replace stays as [`kernels::PTX`].
//! - Your own kernels: [`macro@kernel`] for both backends; PTX through [`Device::load_ptx`] and
//!   [`Module::launch`], whose arguments are checked against the PTX parameter list; Rust closures for the
//!   simulator in one of two forms:
//!   [`Device::launch_sim`] calls the kernel once per simulated thread with a [`ThreadCtx`] (`grid1/2/3`,
//!   `gridsize1/2/3`, indices, shared arrays, `syncthreads`), numba's model; [`Device::launch_sim_span`] calls
//!   it once per [`ThreadSpan`], a run of consecutive threads along x, for kernels with no barrier and no
//!   shared memory — the body is a loop, 2-3x faster on cheap elementwise work.
//! - Warp functions (shuffles, votes, `activemask`, `syncwarp`, with CUDA's masks: [`warp`]) in both kernel
//!   forms; [`Stream`]s and [`Event`]s ([`Device::stream`], [`Device::event`]) to order and time launches
//!   and copies queued on a stream ([`DeviceArray::copy_from_host_on`], [`DeviceArray::copy_to_host_on`]
//!   and its [`HostCopy`]), with simulator stand-ins so the same program runs on both backends.
//! - Memory owned by someone else (a PyTorch tensor) is viewed without copying: [`Device::as_cuda_array`]
//!   and [`Device::from_dlpack`].
//!
//! # The simulator
//! The kernel's form picks how it runs. Per-thread kernels run block by block, blocks in parallel on rayon's
//! pool: with [`Barriers::None`] each block's threads in a loop, one call each; with [`Barriers::Sync`] as
//! coroutines, so `syncthreads` costs a context switch, not an OS thread, and threads that return early count
//! as arrived. Span kernels run span by span in parallel, one call per run of threads. Launches too short to
//! gain from threads (judged by timing the first block or span) run on the calling thread.
//!
//! # Plain form
//! Simulator memory is atomics accessed with `Relaxed` ordering, so simulated threads racing on an element
//! (as a buggy or deliberately racy GPU kernel does) stay sound: some value wins, never undefined behaviour.
//! Compilers do not vectorise atomic accesses, though, so a barrier-free `#[gpu::kernel]` whose race freedom
//! can be shown runs in *plain form* instead: over ordinary memory, with the in-bounds part of each span loop
//! indexing plain slices the compiler vectorises. The macro picks that form for kernels without barriers,
//! shared memory or atomics whose every access to an array they write is at the thread's own index — the
//! grid coordinates bound once, immutably (`let i = grid1();`, `let (x, y) = grid2();`), used in reverse
//! order as the index (`c[i]`, `c[(y, x)]`, `c[(z, y, x)]`); arrays only read may be read anywhere. So do
//! grid-stride loops in their canonical shapes — `let s = gridsize1(); let mut i = grid1(); while i < BOUND
//! { ...; i += s; }` (or `i += gridsize1()`), `for i in (grid1()..BOUND).step_by(gridsize1())` — when they
//! are the whole body, `BOUND` reads only parameters, and the loop's body never assigns `i`, shadows it or
//! the stride, or leaves early, with writes only at `c[i]` of 1-D arrays: thread `x` owns exactly the
//! indices `x + k * S` (`S` the grid's size), and the span runs the loop pass by pass, its threads' indices
//! of pass `k` consecutive, each pass a vectorised span loop as above. Results and fault reports are those
//! of the atomic form. Why no data race is possible from safe code, whatever the
//! kernel and the rest of the program do:
//! - **Between the launch and everything else.** Each array has an access lock. A plain launch tries to take
//!   the arrays it writes exclusively and those it reads as a reader, and runs atomic instead when any is
//!   held otherwise; every other access to an array's memory (a launch in atomic form, a host copy) holds a
//!   shared claim, which waits while a plain launch holds the array (a plain launch runs only the kernel's
//!   own code and waits for nothing but its own threads, so the wait ends). A [`View`] handed to the program
//!   ([`DeviceArray::view`]) is a `Copy` handle whose life cannot be followed, so viewing an array marks it
//!   for the atomic form for good; memory owned by someone else ([`Device::from_dlpack`]) is never plain. An
//!   array passed as two arguments, or an alias of one, meets its own lock.
//! - **Between simulated threads of the launch.** Spans partition the grid and each runs on one OS thread. A
//!   span reaches a written array only through its own elements — indexed by its threads' coordinates, on a
//!   grid of one thread along every axis the index does not use (else the launch runs atomic) — given as
//!   `Cell` slices that cannot leave the span's thread (for pass `k` of a grid-stride loop, the elements
//!   `x + k * S` of its threads `x`, disjoint from every other span's in every pass since each `x < S`).
//!   Distinct spans get disjoint elements; an index to
//!   another thread's element of a written array is a fault, not an access. Read-only arrays are shared
//!   slices nobody writes.
//!
//! The choice of form rests on the macro's analysis, the soundness only on the checks above (`src/plain.rs`,
//! `src/access.rs`). The race check ([`Device::set_racecheck`], on by default in debug builds) needs every
//! access recorded, so with it on every launch runs in atomic form.
//!
//! ```
//! use gpu::{Barriers, Device, LaunchConfig};
//! let device = Device::simulator();
//! let (rows, cols) = (3, 5);
//! let a = device.to_device(&[1.5f32; 15], &[rows, cols])?;
//! let out = device.zeros::<f32>(&[rows, cols])?;
//! let (va, vo) = (a.view()?, out.view()?);
//! let cfg = LaunchConfig::for_matrix(rows, cols, (4, 2)); // overhangs: 8 x 4 threads for 5 x 3
//! // Per thread, as in numba: `j, i = cuda.grid(2); if i < rows and j < cols: out[i, j] = 2 * a[i, j]`.
//! device.launch_sim("double", &cfg, Barriers::None, |t| {
//!     let (j, i) = t.grid2();
//!     if i < rows && j < cols {
//!         vo.set2(i, j, 2.0 * va.get2(i, j));
//!     }
//! })?;
//! // The same kernel per span: row `i`, the span's columns below `cols`.
//! device.launch_sim_span("double", &cfg, |s| {
//!     let (i, j) = (s.grid_y(), s.grid_x_below(cols));
//!     if i < rows && !j.is_empty() {
//!         let r = i * cols + j.start..i * cols + j.end;
//!         let (a, o) = (va.range(r.clone()), vo.range(r));
//!         for k in 0..o.len() {
//!             o.set(k, 2.0 * a.get(k));
//!         }
//!     }
//! })?;
//! assert_eq!(out.copy_to_host()?, [3.0; 15]);
//! # Ok::<(), gpu::Error>(())
//! ```

extern crate self as gpu;

mod access;
mod array;
pub mod atomic;
mod device;
mod driver;
mod dtype;
mod error;
mod fault;
mod foreign;
mod kernel_lang;
pub mod kernels;
mod launch;
pub mod math;
mod module;
mod overflow;
mod plain;
#[doc(hidden)]
pub mod __private {
    pub use crate::private::*;
}
mod private;
mod race;
mod share;
mod sim;
mod stream;
pub mod warp;

pub use array::{DeviceArray, HostCopy, backend_line, numpy_str};
pub use device::{Backend, Device, SIMULATOR_ENV, Transfers};
pub use dtype::{DType, Element};
pub use error::{Error, Result};
pub use fault::{Idx, failed as sim_failed};
pub use foreign::{DLDataType, DLDevice, DLManagedTensor, DLTensor};
pub use gpu_macros::kernel;
pub use kernel_lang::{Array1, Array2, Array3};
pub use launch::{Dim3, KernelArg, LaunchConfig, Limits, check_args, ptx_params};
pub use module::Module;
pub use race::RACECHECK_ENV;
pub use sim::{Barriers, MAX_LOCAL_BYTES, SharedArray, ThreadCtx, ThreadSpan, View};
pub use stream::{Event, Stream};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;

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

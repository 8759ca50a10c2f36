//! The seed's numba section, in Rust: `mat_add` over a 3x4 array with blocks (1, 1) and threads (4, 3),
//! printed as numpy prints it, then the backend that ran it. Runs on the simulator where there is no GPU.
//!
//! ```sh
//! cargo run -p gpu --example mat_add
//! ```

use gpu::{Device, LaunchConfig, kernels};

fn main() -> Result<(), gpu::Error> {
    let device = Device::new();

    let a: Vec<i64> = (0..12).collect(); // np.arange(12).reshape(3, 4)
    let b: Vec<i64> = (12..24).collect(); // np.arange(12, 24).reshape(3, 4)

    let a_dev = device.to_device(&a, &[3, 4])?; // cuda.to_device(a)
    let b_dev = device.to_device(&b, &[3, 4])?;
    let c = device.device_array_like(&a_dev)?; // cuda.device_array_like(a)

    let blocks = (1, 1);
    let threads_per_block = (4, 3);
    // mat_add[blocks, threads_per_block](a_dev, b_dev, c)
    kernels::mat_add(
        &LaunchConfig::new(blocks, threads_per_block),
        &a_dev,
        &b_dev,
        &c,
    )?;

    println!("{}", gpu::numpy_str(&c.copy_to_host()?, c.shape())); // print(c.copy_to_host())
    println!("{}", gpu::backend_line(&device));
    Ok(())
}

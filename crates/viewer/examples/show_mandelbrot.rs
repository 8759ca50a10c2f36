//! The Mandelbrot set computed by the `gpu` crate's `mandelbrot` kernel (on CUDA where a GPU and driver
//! exist, else on its CPU simulator) and shown in a window; any key or the close button quits. With no
//! display it says why and saves `mandelbrot.png` in the temporary directory instead. (Named
//! `show_mandelbrot` so that its binary does not collide with the `gpu` crate's `mandelbrot` example.)
//!
//! ```sh
//! cargo run --release -p viewer --example show_mandelbrot
//! ```

use gpu::kernels::{self, Region};
use gpu::{Device, backend_line};
use std::process::ExitCode;
use viewer::{Image, destroy_all_windows, imshow, imwrite, wait_key};

const WIDTH: usize = 900;
const HEIGHT: usize = 750;
const MAX_ITER: u32 = 256;

/// Escape-time counts from the gpu crate's kernel, `HEIGHT x WIDTH`, row-major.
fn counts(device: &Device) -> Result<Vec<u32>, gpu::Error> {
    let out = device.zeros::<u32>(&[HEIGHT, WIDTH])?;
    kernels::mandelbrot(
        &kernels::cover_2d(HEIGHT, WIDTH),
        &out,
        &Region::FULL,
        MAX_ITER,
    )?;
    out.copy_to_host()
}

/// Points inside the set are black; outside, a smooth blue-to-orange ramp by escape time.
fn colour(count: u32) -> [u8; 3] {
    if count >= MAX_ITER {
        return [0, 0, 0];
    }
    let t = (count as f32 / MAX_ITER as f32).sqrt();
    let ramp = |a: f32, b: f32| (255.0 * (a + (b - a) * t)).clamp(0.0, 255.0) as u8;
    [ramp(0.05, 1.0), ramp(0.1, 0.65), ramp(0.35, 0.1)]
}

fn main() -> ExitCode {
    let device = Device::new();
    let counts = match counts(&device) {
        Ok(counts) => counts,
        Err(err) => {
            eprintln!("mandelbrot: the gpu crate failed: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", backend_line(&device));
    let rgb: Vec<u8> = counts.iter().flat_map(|&c| colour(c)).collect();
    let image = match Image::rgb(&rgb, WIDTH, HEIGHT) {
        Ok(image) => image,
        Err(err) => {
            eprintln!("mandelbrot: {err}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(err) = imshow("mandelbrot", &image) {
        eprintln!("mandelbrot: {err}");
        let path = std::env::temp_dir().join("mandelbrot.png");
        return match imwrite(&path, &image) {
            Ok(()) => {
                eprintln!("saved the image to {} instead", path.display());
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("mandelbrot: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let _ = wait_key(0);
    destroy_all_windows();
    ExitCode::SUCCESS
}

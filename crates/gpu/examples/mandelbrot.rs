//! Renders the Mandelbrot set with the library's `mandelbrot` kernel on whichever backend this machine has,
//! writes it as a greyscale PGM image (viewable by any image viewer, or by the `viewer` crate), and prints
//! the backend and the time the kernel took.
//!
//! ```sh
//! cargo run --release -p gpu --example mandelbrot -- [out.pgm] [width] [height]
//! ```

use gpu::Device;
use gpu::kernels::{self, Region};
use std::io::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "mandelbrot.pgm".into());
    let width: usize = args.next().map_or(Ok(960), |w| w.parse())?;
    let height: usize = args.next().map_or(Ok(800), |h| h.parse())?;
    let max_iter = 255;

    let device = Device::new();
    let image = device.zeros::<u32>(&[height, width])?;
    let start = std::time::Instant::now();
    kernels::mandelbrot(
        &kernels::cover_2d(height, width),
        &image,
        &Region::FULL,
        max_iter,
    )?;
    device.synchronize()?;
    let elapsed = start.elapsed();

    let counts = image.copy_to_host()?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    write!(file, "P5\n{width} {height}\n255\n")?;
    // Points in the set (max_iter) are black; outside, the later a point escapes the brighter it is.
    let shade = |c: u32| {
        if c >= max_iter {
            0
        } else {
            (255.0 * (c as f32 / max_iter as f32).sqrt()) as u8
        }
    };
    file.write_all(&counts.iter().map(|&c| shade(c)).collect::<Vec<u8>>())?;
    file.flush()?;
    println!("wrote {path} ({width}x{height}) in {elapsed:.2?}");
    println!("{}", gpu::backend_line(&device));
    Ok(())
}

//! Two kernels a user would write, once each in Rust with `#[gpu::kernel]`, run on whatever `Device::new()`
//! finds (CUDA, else the simulator): a histogram with atomics and a 2-D blur with a shared-memory tile.
//! `cargo run -p gpu --example kernel`.

use gpu::{Array1, Array2, Device, LaunchConfig, atomic, kernel};

/// `cuda.atomic.add(bins, x[i], 1)` over a grid-stride loop.
#[kernel]
fn histogram(x: Array1<u32>, bins: Array1<u32>) {
    let mut i = grid1();
    while i < x.len() {
        atomic::add(&bins, x[i] as usize, 1);
        i += gridsize1();
    }
}

/// A 3 x 3 box blur: each 16 x 16 block stages its pixels in shared memory, then averages the neighbours it
/// holds (edge pixels of the tile read the image directly).
#[kernel]
fn blur(src: Array2<f32>, dst: Array2<f32>) {
    const T: usize = 16;
    let tile = shared::array::<f32, 256>();
    let tx = thread_idx().x as usize;
    let ty = thread_idx().y as usize;
    let (x, y) = grid2();
    let (h, w) = (src.shape(0), src.shape(1));
    tile[ty * T + tx] = if y < h && x < w { src[(y, x)] } else { 0.0 };
    syncthreads();
    if y < h && x < w {
        let mut sum = 0.0f32;
        let mut n = 0.0f32;
        for dy in 0..3 {
            for dx in 0..3 {
                let (yy, xx) = (y + dy, x + dx);
                if yy >= 1 && xx >= 1 && yy - 1 < h && xx - 1 < w {
                    let (ly, lx) = (ty + dy, tx + dx);
                    let v = if ly >= 1 && lx >= 1 && ly - 1 < T && lx - 1 < T {
                        tile[(ly - 1) * T + lx - 1]
                    } else {
                        src[(yy - 1, xx - 1)]
                    };
                    sum += v;
                    n += 1.0;
                }
            }
        }
        dst[(y, x)] = sum / n;
    }
}

fn main() -> Result<(), gpu::Error> {
    // `cargo xtask kernels` validates these kernels' generated PTX with ptxas.
    if let Ok(dir) = std::env::var("GPU_DUMP_PTX") {
        for (name, ptx) in [
            ("example_histogram", histogram::PTX),
            ("example_blur", blur::PTX),
        ] {
            std::fs::write(format!("{dir}/{name}.ptx"), ptx).expect("write the PTX");
        }
    }
    let device = Device::new();
    let data: Vec<u32> = (0..10_000u32).map(|i| i * 7 % 16).collect();
    let x = device.to_device(&data, &[data.len()])?;
    let bins = device.zeros::<u32>(&[16])?;
    histogram.launch(&LaunchConfig::new(8, 128), (&x, &bins))?;
    println!("histogram: {:?}", bins.copy_to_host()?);

    let (h, w) = (5, 6);
    let img: Vec<f32> = (0..h * w).map(|i| (i % 7) as f32).collect();
    let src = device.to_device(&img, &[h, w])?;
    let dst = device.zeros::<f32>(&[h, w])?;
    blur.launch(&LaunchConfig::for_matrix(h, w, (16, 16)), (&src, &dst))?;
    println!(
        "blur:\n{}",
        gpu::numpy_str(&dst.copy_to_host()?, dst.shape())
    );
    println!("{}", gpu::backend_line(&device));
    Ok(())
}

//! The kernel library, each kernel written once in Rust with [`macro@crate::kernel`]: the simulator runs the
//! Rust body, CUDA the PTX the attribute generates at build time. The functions here check shapes and
//! choose launches around the generated launchers.
//!
//! The CUDA C these kernels replace stays under `crates/gpu/kernels/` (compiled to PTX by `cargo xtask
//! kernels`, exported as [`PTX`]): it is the hand-written reference the generated PTX is measured against on
//! a GPU, and an example of [`crate::Device::load_ptx`].
//!
//! Floating-point arithmetic is written in the order the references in [`reference`](mod@reference) use, and the generated
//! PTX rounds every multiply and add separately (no FMA contraction), so both backends give the same bits.

use crate::array::DeviceArray;
use crate::launch::{Dim3, LaunchConfig};
use crate::{Error, Result};

/// The hand-written CUDA C versions of the library's kernels, compiled to PTX by `cargo xtask kernels`: one
/// module per `.cu` file, `(file stem, PTX text)`. Load them with [`crate::Device::load_ptx`].
pub const PTX: [(&str, &str); 5] = [
    ("mat_add", include_str!("../kernels/mat_add.ptx")),
    ("saxpy", include_str!("../kernels/saxpy.ptx")),
    ("matmul", include_str!("../kernels/matmul.ptx")),
    ("block_sum", include_str!("../kernels/block_sum.ptx")),
    ("mandelbrot", include_str!("../kernels/mandelbrot.ptx")),
];

/// The PTX `#[gpu::kernel]` generated for the library's kernels, `(kernel, PTX text)`: what runs on CUDA.
/// `cargo xtask kernels` validates each with ptxas.
pub const GENERATED_PTX: [(&str, &str); 5] = [
    ("mat_add", source::mat_add::PTX),
    ("saxpy", source::saxpy::PTX),
    ("matmul", source::matmul::PTX),
    ("block_sum", source::block_sum::PTX),
    ("mandelbrot", source::mandelbrot::PTX),
];

/// Side of the square tile of [`matmul`]; its launches use `TILE x TILE` blocks.
pub const TILE: usize = 16;

/// The kernels themselves, in the kernel language (see [`macro@crate::kernel`]).
pub mod source {
    use crate::{Array1, Array2, kernel};

    /// The seed's `mat_add`: `c[i, j] = a[i, j] + b[i, j]` with `j, i = cuda.grid(2)`.
    #[kernel(T = [i32, i64, f32, f64])]
    pub fn mat_add<T>(a: Array2<T>, b: Array2<T>, c: Array2<T>) {
        let (j, i) = grid2();
        if i < c.shape(0) && j < c.shape(1) {
            c[(i, j)] = a[(i, j)] + b[(i, j)];
        }
    }

    /// `out[i] = alpha * x[i] + y[i]` with a grid-stride loop.
    #[kernel]
    pub fn saxpy(alpha: f32, x: Array1<f32>, y: Array1<f32>, out: Array1<f32>) {
        let stride = gridsize1();
        let mut i = grid1();
        while i < out.len() {
            out[i] = alpha * x[i] + y[i];
            i += stride;
        }
    }

    /// `c = a @ b`, tiled through shared memory: each 16 x 16 block stages a tile of `a` and one of `b`,
    /// synchronises, accumulates, synchronises again.
    #[kernel]
    pub fn matmul(a: Array2<f32>, b: Array2<f32>, c: Array2<f32>) {
        const TILE: usize = 16;
        let ta = shared::array::<f32, 256>();
        let tb = shared::array::<f32, 256>();
        let tx = thread_idx().x as usize;
        let ty = thread_idx().y as usize;
        let col = block_idx().x as usize * TILE + tx;
        let row = block_idx().y as usize * TILE + ty;
        let (m, k, n) = (a.shape(0), a.shape(1), b.shape(1));
        let mut acc = 0.0f32;
        for t in 0..(k + TILE - 1) / TILE {
            let ac = t * TILE + tx;
            let br = t * TILE + ty;
            ta[ty * TILE + tx] = if row < m && ac < k { a[(row, ac)] } else { 0.0 };
            tb[ty * TILE + tx] = if br < k && col < n { b[(br, col)] } else { 0.0 };
            syncthreads();
            for e in 0..TILE {
                acc += ta[ty * TILE + e] * tb[e * TILE + tx];
            }
            syncthreads();
        }
        if row < m && col < n {
            c[(row, col)] = acc;
        }
    }

    /// Block `b` sums its grid-stride share of `x` in shared memory (a tree, one barrier per level) and
    /// writes it to `partial[b]`. Blocks are 1-D powers of two up to 1024 threads.
    #[kernel]
    pub fn block_sum(x: Array1<f32>, partial: Array1<f32>) {
        let sh = shared::array::<f32, 1024>();
        let tid = thread_idx().x as usize;
        let stride = gridsize1();
        let mut acc = 0.0f32;
        let mut i = grid1();
        while i < x.len() {
            acc += x[i];
            i += stride;
        }
        sh[tid] = acc;
        syncthreads();
        let mut s = block_dim().x as usize / 2;
        while s > 0 {
            if tid < s {
                sh[tid] += sh[tid + s];
            }
            syncthreads();
            s >>= 1;
        }
        if tid == 0 {
            partial[block_idx().x as usize] = sh[0];
        }
    }

    /// Escape-time counts of the Mandelbrot set, one thread per pixel of `out` (height x width); pixel
    /// `(px, py)` is the point `(x0 + px * dx, y0 + py * dy)`.
    #[kernel]
    pub fn mandelbrot(out: Array2<u32>, x0: f32, y0: f32, dx: f32, dy: f32, max_iter: u32) {
        let (px, py) = grid2();
        if px >= out.shape(1) || py >= out.shape(0) {
            return;
        }
        let cr = x0 + px as f32 * dx;
        let ci = y0 + py as f32 * dy;
        let mut zr = 0.0f32;
        let mut zi = 0.0f32;
        let mut it = 0u32;
        while it < max_iter && zr * zr + zi * zi <= 4.0 {
            let t = zr * zr - zi * zi + cr;
            zi = 2.0 * zr * zi + ci;
            zr = t;
            it += 1;
        }
        out[(py, px)] = it;
    }
}

fn same_device<T: Element>(
    device: &crate::Device,
    arrays: &[(&DeviceArray<T>, &str)],
) -> Result<()> {
    arrays
        .iter()
        .try_for_each(|(a, what)| a.check_device(device, what))
}

use crate::dtype::Element;

/// Element types [`mat_add`] is compiled for.
pub trait AddElement: crate::__private::KernelScalar {}
impl AddElement for i32 {}
impl AddElement for i64 {}
impl AddElement for f32 {}
impl AddElement for f64 {}

/// The seed's `mat_add[blocks, threads](A, B, C)`: `C[i, j] = A[i, j] + B[i, j]` for 2-D arrays of one shape,
/// with `j, i = cuda.grid(2)`; threads outside the array do nothing.
///
/// ```
/// use gpu::{Device, LaunchConfig, kernels};
/// let device = Device::simulator();
/// let a = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
/// let b = device.to_device(&(12..24).collect::<Vec<i64>>(), &[3, 4])?;
/// let c = device.device_array_like(&a)?;
/// kernels::mat_add(&LaunchConfig::new((1, 1), (4, 3)), &a, &b, &c)?;
/// assert_eq!(c.copy_to_host()?[..4], [12, 14, 16, 18]);
/// # Ok::<(), gpu::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] unless all three are 2-D of one shape; [`Error::WrongDevice`]; launch errors.
pub fn mat_add<T: AddElement>(
    cfg: &LaunchConfig,
    a: &DeviceArray<T>,
    b: &DeviceArray<T>,
    c: &DeviceArray<T>,
) -> Result<()> {
    same_device(a.device(), &[(b, "B"), (c, "C")])?;
    if a.ndim() != 2 {
        return Err(Error::ShapeMismatch {
            context: "mat_add needs 2-D arrays".into(),
            expected: vec![0, 0],
            got: a.shape().to_vec(),
        });
    }
    b.check_shape(a.shape(), "mat_add: B against A")?;
    c.check_shape(a.shape(), "mat_add: C against A")?;
    source::mat_add.launch(cfg, (a, b, c))
}

/// `out[i] = alpha * x[i] + y[i]` with a grid-stride loop: any 1-D grid covers any length.
///
/// # Errors
/// [`Error::ShapeMismatch`] unless the three have one length; [`Error::WrongDevice`]; launch errors.
pub fn saxpy(
    cfg: &LaunchConfig,
    alpha: f32,
    x: &DeviceArray<f32>,
    y: &DeviceArray<f32>,
    out: &DeviceArray<f32>,
) -> Result<()> {
    same_device(x.device(), &[(y, "y"), (out, "out")])?;
    y.check_shape(x.shape(), "saxpy: y against x")?;
    out.check_shape(x.shape(), "saxpy: out against x")?;
    if x.ndim() == 1 {
        // The arrays themselves: a reshaped alias does not own its memory, so it never runs in plain form.
        return source::saxpy.launch(cfg, (alpha, x, y, out));
    }
    let flat = |a: &DeviceArray<f32>| a.reshaped(&[a.len()]);
    source::saxpy.launch(cfg, (alpha, &flat(x)?, &flat(y)?, &flat(out)?))
}

/// `C = A @ B` for `f32` matrices (m x k times k x n), tiled through shared memory with two barriers per
/// tile. The launch is chosen here: `TILE x TILE` blocks covering C.
///
/// # Errors
/// [`Error::ShapeMismatch`] for shapes that do not multiply; [`Error::WrongDevice`]; launch errors.
pub fn matmul(a: &DeviceArray<f32>, b: &DeviceArray<f32>, c: &DeviceArray<f32>) -> Result<()> {
    same_device(a.device(), &[(b, "B"), (c, "C")])?;
    let (m, k) = match a.shape() {
        &[m, k] => (m, k),
        other => {
            return Err(Error::ShapeMismatch {
                context: "matmul: A must be 2-D".into(),
                expected: vec![0, 0],
                got: other.to_vec(),
            });
        }
    };
    let n = match b.shape() {
        &[bk, n] if bk == k => n,
        other => {
            return Err(Error::ShapeMismatch {
                context: "matmul: B's rows must equal A's columns".into(),
                expected: vec![k, 0],
                got: other.to_vec(),
            });
        }
    };
    c.check_shape(&[m, n], "matmul: C must be A's rows x B's columns")?;
    let cfg = LaunchConfig::for_matrix(m, n, (TILE as u32, TILE as u32));
    source::matmul.launch(&cfg, (a, b, c))
}

/// Block sum reduction: block `b` writes the sum of its grid-stride share of `x` to `partial[b]`, reducing in
/// shared memory (4 KiB, static). `cfg` must be 1-D with a power-of-two block of at most 1024 threads;
/// `partial` needs one element per block. [`sum`] wraps it.
///
/// # Errors
/// [`Error::BadLaunch`] for a block that is not a 1-D power of two up to 1024, [`Error::ShapeMismatch`] for a
/// `partial` of the wrong length; [`Error::WrongDevice`]; launch errors.
pub fn block_sum(
    cfg: &LaunchConfig,
    x: &DeviceArray<f32>,
    partial: &DeviceArray<f32>,
) -> Result<()> {
    same_device(x.device(), &[(partial, "partial")])?;
    let (grid, block) = (cfg.grid, cfg.block);
    if grid.y != 1
        || grid.z != 1
        || block.y != 1
        || block.z != 1
        || !block.x.is_power_of_two()
        || block.x > 1024
    {
        return Err(Error::BadLaunch {
            kernel: "block_sum".into(),
            why: format!(
                "needs a 1-D grid of 1-D power-of-two blocks of at most 1024 threads, got grid {grid:?} block {block:?}"
            ),
        });
    }
    partial.check_shape(
        &[grid.x as usize],
        "block_sum: partial needs one element per block",
    )?;
    source::block_sum.launch(cfg, (&x.reshaped(&[x.len()])?, partial))
}

/// The sum of `x`: [`block_sum`] with 256 threads per block (at most 1024 blocks), then the partial sums
/// added on the host in block order.
///
/// # Errors
/// Launch and copy errors.
pub fn sum(x: &DeviceArray<f32>) -> Result<f32> {
    let blocks = x.len().div_ceil(256).clamp(1, 1024) as u32;
    let cfg = LaunchConfig::new(blocks, 256);
    let partial = x.device().zeros::<f32>(&[blocks as usize])?;
    block_sum(&cfg, x, &partial)?;
    Ok(partial.copy_to_host()?.iter().sum())
}

/// The rectangle of the complex plane a Mandelbrot image shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
}

impl Region {
    /// The classic view of the whole set.
    pub const FULL: Region = Region {
        x_min: -2.0,
        x_max: 1.0,
        y_min: -1.25,
        y_max: 1.25,
    };

    /// `(x0, y0, dx, dy)` for an image of `width x height` pixels.
    pub fn steps(&self, width: usize, height: usize) -> (f32, f32, f32, f32) {
        let dx = (self.x_max - self.x_min) / width.max(1) as f32;
        let dy = (self.y_max - self.y_min) / height.max(1) as f32;
        (self.x_min, self.y_min, dx, dy)
    }
}

/// Escape-time iteration counts (at most `max_iter`) of `region` into the 2-D `out` (`height x width`), one
/// thread per pixel over a 2-D grid.
///
/// # Errors
/// [`Error::ShapeMismatch`] unless `out` is 2-D; launch errors.
pub fn mandelbrot(
    cfg: &LaunchConfig,
    out: &DeviceArray<u32>,
    region: &Region,
    max_iter: u32,
) -> Result<()> {
    let (height, width) = match out.shape() {
        &[h, w] => (h, w),
        other => {
            return Err(Error::ShapeMismatch {
                context: "mandelbrot: out must be 2-D (height x width)".into(),
                expected: vec![0, 0],
                got: other.to_vec(),
            });
        }
    };
    let (x0, y0, dx, dy) = region.steps(width, height);
    source::mandelbrot.launch(cfg, (out, x0, y0, dx, dy, max_iter))
}

/// A 2-D launch covering `rows x cols` with 16 x 16 blocks (a good default for the 2-D kernels).
pub fn cover_2d(rows: usize, cols: usize) -> LaunchConfig {
    LaunchConfig::for_matrix(rows, cols, (16, 16))
}

/// The default block for 1-D kernels.
pub const THREADS_1D: Dim3 = Dim3::new(256, 1, 1);

/// Plain Rust loops computing what each kernel computes (the tests' references and the benches' CPU rows).
pub mod reference {
    /// `a + b` elementwise.
    pub fn mat_add<T: Copy + std::ops::Add<Output = T>>(a: &[T], b: &[T], out: &mut [T]) {
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            *o = x + y;
        }
    }

    /// `alpha * x + y` elementwise.
    pub fn saxpy(alpha: f32, x: &[f32], y: &[f32], out: &mut [f32]) {
        for ((o, &x), &y) in out.iter_mut().zip(x).zip(y) {
            *o = alpha * x + y;
        }
    }

    /// `C = A @ B` (m x k times k x n), accumulating each dot product in `k` order.
    pub fn matmul(a: &[f32], b: &[f32], c: &mut [f32], m: usize, k: usize, n: usize) {
        for i in 0..m {
            for j in 0..n {
                let mut acc = 0.0f32;
                for e in 0..k {
                    acc += a[i * k + e] * b[e * n + j];
                }
                c[i * n + j] = acc;
            }
        }
    }

    /// `C = A @ B` in the cache-friendly i-k-j order (what a performance-minded plain loop does).
    pub fn matmul_ikj(a: &[f32], b: &[f32], c: &mut [f32], m: usize, k: usize, n: usize) {
        c.iter_mut().for_each(|v| *v = 0.0);
        for i in 0..m {
            for e in 0..k {
                let aie = a[i * k + e];
                let (row, brow) = (&mut c[i * n..(i + 1) * n], &b[e * n..(e + 1) * n]);
                for (cv, &bv) in row.iter_mut().zip(brow) {
                    *cv += aie * bv;
                }
            }
        }
    }

    /// Escape-time count of the point `(cr, ci)`, the same steps as the kernel.
    #[inline]
    pub fn escape_time(cr: f32, ci: f32, max_iter: u32) -> u32 {
        let (mut zr, mut zi, mut it) = (0.0f32, 0.0f32, 0);
        while it < max_iter && zr * zr + zi * zi <= 4.0 {
            let t = zr * zr - zi * zi + cr;
            zi = 2.0 * zr * zi + ci;
            zr = t;
            it += 1;
        }
        it
    }

    /// A whole Mandelbrot image, `height x width`, row-major.
    pub fn mandelbrot(
        region: &super::Region,
        width: usize,
        height: usize,
        max_iter: u32,
    ) -> Vec<u32> {
        let (x0, y0, dx, dy) = region.steps(width, height);
        (0..height * width)
            .map(|p| {
                escape_time(
                    x0 + (p % width) as f32 * dx,
                    y0 + (p / width) as f32 * dy,
                    max_iter,
                )
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod test_common;

#[cfg(test)]
mod tests {
    //! Each library kernel against its plain-loop reference, bit for bit, on launches whose grid overhangs
    //! the array, whose rows split into several spans, and with a z extent (threads writing one element).

    use super::test_common::{POISON_F32, POISON_U32, Rng};
    use super::*;
    use crate::Device;

    /// Poisons `out`, runs `launch`, and returns what it wrote.
    fn written<T: Element>(
        out: &DeviceArray<T>,
        poison: T,
        launch: impl FnOnce() -> Result<()>,
    ) -> Vec<T> {
        out.copy_from_host(&vec![poison; out.len()])
            .expect("poison the output");
        launch().expect("the kernel runs");
        out.copy_to_host().expect("read the output")
    }

    fn bits(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    #[test]
    fn mat_add_equals_the_loop_on_any_launch() {
        let mut rng = Rng::fresh("mat_add_launches");
        let device = Device::simulator();
        let (rows, cols) = (1 + rng.below(60), 1 + rng.below(60));
        for (rows, cols, cfg) in [
            (rows, cols, cover_2d(rows, cols)),
            (rows, cols, LaunchConfig::for_matrix(rows, cols, (5, 3))),
            (rows, cols, LaunchConfig::new((20, 20), (8, 8))),
            // A z extent: mat_add reads only `grid2()`, so threads (x, y, 0) and (x, y, 1) both store
            // `a + b` into the same element. That is no race: both store the same value, and a GPU ends
            // with that value whatever the order (numba's simulator runs it too). The race check does not
            // report a store that leaves an element as it was, decided atomically with the store, so this
            // case passes in every interleaving (it failed about 1 run in 20 when two OS threads ran both
            // rows at once: `race::tests::threads_storing_one_value_never_race_whatever_the_interleaving`).
            (rows, cols, LaunchConfig::new((9, 16), (8, 4, 2))),
            (3, 5000, LaunchConfig::for_matrix(3, 5000, (256, 1))),
        ] {
            let n = rows * cols;
            let (a, b) = (rng.f32s(n), rng.f32s(n));
            let mut expected = vec![0.0; n];
            reference::mat_add(&a, &b, &mut expected);
            let da = device.to_device(&a, &[rows, cols]).expect("to_device");
            let db = device.to_device(&b, &[rows, cols]).expect("to_device");
            let dc = device.zeros::<f32>(&[rows, cols]).expect("zeros");
            let got = written(&dc, POISON_F32, || mat_add(&cfg, &da, &db, &dc));
            assert_eq!(bits(&got), bits(&expected), "{rows}x{cols} {cfg:?}");
        }
    }

    #[test]
    fn mat_add_works_for_integers_and_in_place() {
        let device = Device::simulator();
        let (rows, cols) = (7, 13);
        let a: Vec<i64> = (0..91).map(|v| v * 3 - 100).collect();
        let da = device.to_device(&a, &[rows, cols]).expect("to_device");
        let db = device.to_device(&a, &[rows, cols]).expect("to_device");
        // C is A: every element reads its own slot before writing it, as on a GPU.
        mat_add(&LaunchConfig::for_matrix(rows, cols, (4, 3)), &da, &db, &da).expect("mat_add");
        let doubled: Vec<i64> = a.iter().map(|v| 2 * v).collect();
        assert_eq!(da.copy_to_host().expect("copy"), doubled);
    }

    #[test]
    fn saxpy_equals_the_loop_on_any_grid() {
        let mut rng = Rng::fresh("saxpy_launches");
        let device = Device::simulator();
        for cfg in [
            LaunchConfig::new(3, 32),
            LaunchConfig::for_elements(9000, 256),
            LaunchConfig::new(1, 1),
            LaunchConfig::new(40, 256),
        ] {
            let n = 1 + rng.below(9000);
            let (x, y) = (rng.f32s(n), rng.f32s(n));
            let alpha = rng.f32s(1)[0] * 4.0;
            let mut expected = vec![0.0; n];
            reference::saxpy(alpha, &x, &y, &mut expected);
            let dx = device.to_device(&x, &[n]).expect("x");
            let dy = device.to_device(&y, &[n]).expect("y");
            let out = device.zeros::<f32>(&[n]).expect("zeros");
            let got = written(&out, POISON_F32, || saxpy(&cfg, alpha, &dx, &dy, &out));
            assert_eq!(bits(&got), bits(&expected), "n = {n} {cfg:?}");
        }
    }

    #[test]
    fn mandelbrot_equals_the_loop() {
        let device = Device::simulator();
        let (width, height, max_iter) = (37, 29, 60);
        let region = Region {
            x_min: -1.8,
            x_max: 0.6,
            y_min: -1.1,
            y_max: 1.3,
        };
        let expected = reference::mandelbrot(&region, width, height, max_iter);
        let out = device.zeros::<u32>(&[height, width]).expect("zeros");
        for cfg in [
            cover_2d(height, width),
            LaunchConfig::for_matrix(height, width, (7, 5)),
        ] {
            let got = written(&out, POISON_U32, || {
                mandelbrot(&cfg, &out, &region, max_iter)
            });
            assert_eq!(got, expected, "{cfg:?}");
        }
    }

    #[test]
    fn the_generated_ptx_has_the_entries_the_launchers_use() {
        for (ptx, entries) in [
            (source::mat_add::PTX, source::mat_add::ENTRIES),
            (source::saxpy::PTX, source::saxpy::ENTRIES),
            (source::matmul::PTX, source::matmul::ENTRIES),
            (source::block_sum::PTX, source::block_sum::ENTRIES),
            (source::mandelbrot::PTX, source::mandelbrot::ENTRIES),
        ] {
            for entry in entries {
                assert!(crate::ptx_params(ptx, entry).is_ok(), "{entry}");
            }
        }
        assert!(source::matmul::PTX.contains("bar.sync 0;"));
        assert!(source::block_sum::PTX.contains(".shared .align 4 .b8"));
    }
}

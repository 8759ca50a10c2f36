//! The kernel library. Each kernel exists twice: in CUDA C under `crates/gpu/kernels/` (compiled to the PTX
//! embedded here by `cargo xtask kernels`) and in Rust below for the simulator. Both follow the same steps in
//! the same order (and the PTX is built with `-fmad=false`), so the two backends give identical results; the
//! tests hold the simulator to plain-Rust references and, on a GPU, the device to the simulator.
//!
//! The barrier-free kernels (`mat_add`, `saxpy`, `mandelbrot`) are written for the simulator in span form
//! ([`crate::Device::launch_sim_span`]: one call per run of threads along x, the body a loop), the ones with
//! barriers (`matmul`, `block_sum`) per thread with `syncthreads` ([`crate::Device::launch_sim`] with
//! [`Barriers::Sync`]). The unit tests below also keep each span kernel's per-thread twin, the line-by-line
//! transcription of the CUDA C, and require both forms to write the same bits.

use crate::array::DeviceArray;
use crate::device::{Backend, Device};
use crate::dtype::Element;
use crate::launch::{Dim3, KernelArg, LaunchConfig};
use crate::sim::{Barriers, ThreadCtx, ThreadSpan, View};
use crate::{Error, Result};

/// The embedded PTX, one module per `.cu` file: `(file stem, PTX text)`.
pub const PTX: [(&str, &str); 5] = [
    ("mat_add", include_str!("../kernels/mat_add.ptx")),
    ("saxpy", include_str!("../kernels/saxpy.ptx")),
    ("matmul", include_str!("../kernels/matmul.ptx")),
    ("block_sum", include_str!("../kernels/block_sum.ptx")),
    ("mandelbrot", include_str!("../kernels/mandelbrot.ptx")),
];

/// Side of the square tile of [`matmul`]; its launches use `TILE x TILE` blocks.
pub const TILE: usize = 16;

fn ptx(file: &'static str) -> &'static str {
    PTX.iter().find(|(f, _)| *f == file).map_or("", |(_, p)| p)
}

fn launch_cuda(
    device: &Device,
    file: &'static str,
    entry: &str,
    cfg: &LaunchConfig,
    args: &[KernelArg],
) -> Result<()> {
    device
        .library_module(file, ptx(file))?
        .launch(entry, cfg, args)
}

fn same_device<T: Element>(device: &Device, arrays: &[(&DeviceArray<T>, &str)]) -> Result<()> {
    arrays
        .iter()
        .try_for_each(|(a, what)| a.check_device(device, what))
}

fn dim_u32(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::BadShape {
        shape: vec![n],
        why: format!("{what} must be below 2^32 for this kernel"),
    })
}

/// Element types [`mat_add`] is compiled for.
pub trait AddElement: Element + std::ops::Add<Output = Self> {
    /// The PTX entry for this type.
    const MAT_ADD: &'static str;
}

impl AddElement for i32 {
    const MAT_ADD: &'static str = "mat_add_i32";
}
impl AddElement for i64 {
    const MAT_ADD: &'static str = "mat_add_i64";
}
impl AddElement for f32 {
    const MAT_ADD: &'static str = "mat_add_f32";
}
impl AddElement for f64 {
    const MAT_ADD: &'static str = "mat_add_f64";
}

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
    let device = a.device();
    same_device(device, &[(b, "B"), (c, "C")])?;
    if a.ndim() != 2 {
        return Err(Error::ShapeMismatch {
            context: "mat_add needs 2-D arrays".into(),
            expected: vec![0, 0],
            got: a.shape().to_vec(),
        });
    }
    b.check_shape(a.shape(), "mat_add: B against A")?;
    c.check_shape(a.shape(), "mat_add: C against A")?;
    let (rows, cols) = (a.shape()[0], a.shape()[1]);
    match device.backend() {
        Backend::Cuda => launch_cuda(
            device,
            "mat_add",
            T::MAT_ADD,
            cfg,
            &[
                a.into(),
                b.into(),
                c.into(),
                KernelArg::U32(dim_u32(rows, "rows")?),
                KernelArg::U32(dim_u32(cols, "cols")?),
            ],
        ),
        Backend::Simulator => {
            let (a, b, c) = (a.view()?, b.view()?, c.view()?);
            device.launch_sim_span(T::MAT_ADD, cfg, mat_add_span(a, b, c, rows, cols))
        }
    }
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
    let device = x.device();
    same_device(device, &[(y, "y"), (out, "out")])?;
    y.check_shape(x.shape(), "saxpy: y against x")?;
    out.check_shape(x.shape(), "saxpy: out against x")?;
    let n = x.len();
    match device.backend() {
        Backend::Cuda => launch_cuda(
            device,
            "saxpy",
            "saxpy",
            cfg,
            &[
                KernelArg::F32(alpha),
                x.into(),
                y.into(),
                out.into(),
                KernelArg::U64(n as u64),
            ],
        ),
        Backend::Simulator => {
            let (x, y, out) = (x.view()?, y.view()?, out.view()?);
            device.launch_sim_span("saxpy", cfg, saxpy_span(alpha, x, y, out))
        }
    }
}

/// `C = A @ B` for `f32` matrices (m x k times k x n), tiled through shared memory with two barriers per
/// tile. The launch is chosen here: `TILE x TILE` blocks covering C.
///
/// # Errors
/// [`Error::ShapeMismatch`] for shapes that do not multiply; [`Error::WrongDevice`]; launch errors.
pub fn matmul(a: &DeviceArray<f32>, b: &DeviceArray<f32>, c: &DeviceArray<f32>) -> Result<()> {
    let device = a.device();
    same_device(device, &[(b, "B"), (c, "C")])?;
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
    match device.backend() {
        Backend::Cuda => {
            let dims = [
                KernelArg::U32(dim_u32(m, "m")?),
                KernelArg::U32(dim_u32(k, "k")?),
                KernelArg::U32(dim_u32(n, "n")?),
            ];
            launch_cuda(
                device,
                "matmul",
                "matmul_f32",
                &cfg,
                &[a.into(), b.into(), c.into(), dims[0], dims[1], dims[2]],
            )
        }
        Backend::Simulator => {
            let (a, b, c) = (a.view()?, b.view()?, c.view()?);
            device.launch_sim(
                "matmul_f32",
                &cfg,
                Barriers::Sync,
                move |t: &ThreadCtx<'_>| {
                    let ta = t.shared_array::<f32>(0, TILE * TILE);
                    let tb = t.shared_array::<f32>(1, TILE * TILE);
                    let (tx, ty) = (t.thread_idx().x as usize, t.thread_idx().y as usize);
                    let col = t.block_idx().x as usize * TILE + tx;
                    let row = t.block_idx().y as usize * TILE + ty;
                    let mut acc = 0.0f32;
                    for tile in 0..k.div_ceil(TILE) {
                        let (ac, br) = (tile * TILE + tx, tile * TILE + ty);
                        ta.set(
                            ty * TILE + tx,
                            if row < m && ac < k {
                                a.get(row * k + ac)
                            } else {
                                0.0
                            },
                        );
                        tb.set(
                            ty * TILE + tx,
                            if br < k && col < n {
                                b.get(br * n + col)
                            } else {
                                0.0
                            },
                        );
                        t.syncthreads();
                        for e in 0..TILE {
                            acc += ta.get(ty * TILE + e) * tb.get(e * TILE + tx);
                        }
                        t.syncthreads();
                    }
                    if row < m && col < n {
                        c.set(row * n + col, acc);
                    }
                },
            )
        }
    }
}

/// Block sum reduction: block `b` writes the sum of its grid-stride share of `x` to `partial[b]`, reducing in
/// dynamic shared memory. `cfg` must be 1-D with a power-of-two block and `shared_bytes >= 4 * block.x`;
/// `partial` needs one element per block. [`sum`] wraps it.
///
/// # Errors
/// [`Error::BadLaunch`] for a block that is not a 1-D power of two or too little shared memory,
/// [`Error::ShapeMismatch`] for a `partial` of the wrong length; [`Error::WrongDevice`]; launch errors.
pub fn block_sum(
    cfg: &LaunchConfig,
    x: &DeviceArray<f32>,
    partial: &DeviceArray<f32>,
) -> Result<()> {
    let device = x.device();
    same_device(device, &[(partial, "partial")])?;
    let (grid, block) = (cfg.grid, cfg.block);
    let bad = |why: String| {
        Err(Error::BadLaunch {
            kernel: "block_sum_f32".into(),
            why,
        })
    };
    if grid.y != 1 || grid.z != 1 || block.y != 1 || block.z != 1 || !block.x.is_power_of_two() {
        return bad(format!(
            "needs a 1-D grid of 1-D power-of-two blocks, got grid {grid:?} block {block:?}"
        ));
    }
    if (cfg.shared_bytes as usize) < 4 * block.x as usize {
        return bad(format!(
            "needs {} bytes of dynamic shared memory (4 per thread), got {}",
            4 * block.x,
            cfg.shared_bytes
        ));
    }
    partial.check_shape(
        &[grid.x as usize],
        "block_sum: partial needs one element per block",
    )?;
    let n = x.len();
    match device.backend() {
        Backend::Cuda => launch_cuda(
            device,
            "block_sum",
            "block_sum_f32",
            cfg,
            &[x.into(), partial.into(), KernelArg::U64(n as u64)],
        ),
        Backend::Simulator => {
            let (x, partial) = (x.view()?, partial.view()?);
            device.launch_sim(
                "block_sum_f32",
                cfg,
                Barriers::Sync,
                move |t: &ThreadCtx<'_>| {
                    let sh = t.dynamic_shared::<f32>();
                    let tid = t.thread_idx().x as usize;
                    let stride = t.gridsize1();
                    let mut acc = 0.0f32;
                    let mut i = t.grid1();
                    while i < n {
                        acc += x.get(i);
                        i += stride;
                    }
                    sh.set(tid, acc);
                    t.syncthreads();
                    let mut s = t.block_dim().x as usize / 2;
                    while s > 0 {
                        if tid < s {
                            sh.set(tid, sh.get(tid) + sh.get(tid + s));
                        }
                        t.syncthreads();
                        s >>= 1;
                    }
                    if tid == 0 {
                        partial.set(t.block_idx().x as usize, sh.get(0));
                    }
                },
            )
        }
    }
}

/// The sum of `x`: [`block_sum`] with 256 threads per block (at most 1024 blocks), then the partial sums
/// added on the host in block order.
///
/// # Errors
/// Launch and copy errors.
pub fn sum(x: &DeviceArray<f32>) -> Result<f32> {
    let blocks = x.len().div_ceil(256).clamp(1, 1024) as u32;
    let cfg = LaunchConfig::new(blocks, 256).with_shared_bytes(256 * 4);
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
    let device = out.device();
    match device.backend() {
        Backend::Cuda => launch_cuda(
            device,
            "mandelbrot",
            "mandelbrot",
            cfg,
            &[
                out.into(),
                KernelArg::U32(dim_u32(width, "width")?),
                KernelArg::U32(dim_u32(height, "height")?),
                KernelArg::F32(x0),
                KernelArg::F32(y0),
                KernelArg::F32(dx),
                KernelArg::F32(dy),
                KernelArg::U32(max_iter),
            ],
        ),
        Backend::Simulator => {
            let out = out.view()?;
            let steps = (x0, y0, dx, dy);
            device.launch_sim_span(
                "mandelbrot",
                cfg,
                mandelbrot_span(out, width, height, steps, max_iter),
            )
        }
    }
}

/// `mat_add` for the simulator, one call per span: row `i = grid_y`, columns `grid_x` clipped to the array.
fn mat_add_span<'a, T: AddElement>(
    a: View<'a, T>,
    b: View<'a, T>,
    c: View<'a, T>,
    rows: usize,
    cols: usize,
) -> impl Fn(&ThreadSpan) + Sync + 'a {
    move |s: &ThreadSpan| {
        let (i, j) = (s.grid_y(), s.grid_x_below(cols));
        if i >= rows || j.is_empty() {
            return;
        }
        let r = i * cols + j.start..i * cols + j.end;
        let (a, b, c) = (a.range(r.clone()), b.range(r.clone()), c.range(r));
        for k in 0..c.len() {
            c.set(k, a.get(k) + b.get(k));
        }
    }
}

/// `saxpy` for the simulator, one call per span: each pass of the grid-stride loop covers the span's run of
/// indices shifted by one grid width, as each of its threads would.
fn saxpy_span<'a>(
    alpha: f32,
    x: View<'a, f32>,
    y: View<'a, f32>,
    out: View<'a, f32>,
) -> impl Fn(&ThreadSpan) + Sync + 'a {
    move |s: &ThreadSpan| {
        let n = out.len();
        let stride = s.gridsize1();
        let mut run = s.grid_x();
        while run.start < n {
            let r = run.start..run.end.min(n);
            let (x, y, out) = (x.range(r.clone()), y.range(r.clone()), out.range(r));
            for k in 0..out.len() {
                out.set(k, alpha * x.get(k) + y.get(k));
            }
            run = run.start.saturating_add(stride)..run.end.saturating_add(stride);
        }
    }
}

/// `mandelbrot` for the simulator, one call per span: pixel row `py = grid_y`, columns `grid_x`.
fn mandelbrot_span(
    out: View<'_, u32>,
    width: usize,
    height: usize,
    (x0, y0, dx, dy): (f32, f32, f32, f32),
    max_iter: u32,
) -> impl Fn(&ThreadSpan) + Sync + '_ {
    move |s: &ThreadSpan| {
        let (py, px) = (s.grid_y(), s.grid_x_below(width));
        if py >= height || px.is_empty() {
            return;
        }
        let row = out.range(py * width + px.start..py * width + px.end);
        let ci = y0 + py as f32 * dy;
        for (k, px) in px.enumerate() {
            row.set(k, reference::escape_time(x0 + px as f32 * dx, ci, max_iter));
        }
    }
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
    //! Each span kernel against its per-thread twin (the CUDA C transcribed line by line, run one call per
    //! simulated thread) and the plain loop, bit for bit, on launches whose grid overhangs the array, whose
    //! rows split into several spans, and on both schedules.

    use super::test_common::{POISON_F32, POISON_U32, Rng};
    use super::*;
    use crate::sim::{self, Schedule};

    fn mat_add_thread<'a, T: AddElement>(
        a: View<'a, T>,
        b: View<'a, T>,
        c: View<'a, T>,
        rows: usize,
        cols: usize,
    ) -> impl Fn(&ThreadCtx<'_>) + Sync + 'a {
        move |t: &ThreadCtx<'_>| {
            let (j, i) = t.grid2();
            if i < rows && j < cols {
                let k = i * cols + j;
                c.set(k, a.get(k) + b.get(k));
            }
        }
    }

    fn saxpy_thread<'a>(
        alpha: f32,
        x: View<'a, f32>,
        y: View<'a, f32>,
        out: View<'a, f32>,
    ) -> impl Fn(&ThreadCtx<'_>) + Sync + 'a {
        move |t: &ThreadCtx<'_>| {
            let stride = t.gridsize1();
            let mut i = t.grid1();
            while i < out.len() {
                out.set(i, alpha * x.get(i) + y.get(i));
                i += stride;
            }
        }
    }

    fn mandelbrot_thread(
        out: View<'_, u32>,
        width: usize,
        height: usize,
        (x0, y0, dx, dy): (f32, f32, f32, f32),
        max_iter: u32,
    ) -> impl Fn(&ThreadCtx<'_>) + Sync + '_ {
        move |t: &ThreadCtx<'_>| {
            let (px, py) = t.grid2();
            if px < width && py < height {
                let c = (x0 + px as f32 * dx, y0 + py as f32 * dy);
                out.set(py * width + px, reference::escape_time(c.0, c.1, max_iter));
            }
        }
    }

    /// Poisons `out`, runs `launch` (which returns the launch's result), and returns what it wrote.
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

    const SCHEDULES: [Schedule; 2] = [Schedule::Parallel, Schedule::Inline];

    #[test]
    fn mat_add_spans_equal_the_per_thread_kernel_and_the_loop() {
        let mut rng = Rng::fresh("mat_add_spans");
        let device = Device::simulator();
        let (rows, cols) = (1 + rng.below(60), 1 + rng.below(60));
        for (rows, cols, cfg) in [
            (rows, cols, cover_2d(rows, cols)),
            (rows, cols, LaunchConfig::for_matrix(rows, cols, (5, 3))),
            (rows, cols, LaunchConfig::new((20, 20), (8, 8))),
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
            let views = || {
                let v = (da.view(), db.view(), dc.view());
                (v.0.expect("a"), v.1.expect("b"), v.2.expect("c"))
            };
            let (va, vb, vc) = views();
            let per_thread = written(&dc, POISON_F32, || {
                let kernel = mat_add_thread(va, vb, vc, rows, cols);
                sim::run("mat_add", &cfg, Barriers::None, &kernel)
            });
            assert_eq!(bits(&per_thread), bits(&expected), "{rows}x{cols} {cfg:?}");
            for schedule in SCHEDULES {
                let spans = written(&dc, POISON_F32, || {
                    let kernel = mat_add_span(va, vb, vc, rows, cols);
                    sim::run_spans_scheduled("mat_add", &cfg, schedule, &kernel)
                });
                assert_eq!(
                    bits(&spans),
                    bits(&per_thread),
                    "{rows}x{cols} {cfg:?} {schedule:?}"
                );
            }
        }
    }

    #[test]
    fn mat_add_spans_work_for_integers_and_in_place() {
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
    fn saxpy_spans_equal_the_per_thread_kernel_and_the_loop() {
        let mut rng = Rng::fresh("saxpy_spans");
        let device = Device::simulator();
        for cfg in [
            LaunchConfig::new(3, 32),
            LaunchConfig::for_elements(9000, 256),
            LaunchConfig::new(1, 1),
            LaunchConfig::new((2, 2), (16, 2)),
            LaunchConfig::new(40, 256),
        ] {
            let n = 1 + rng.below(9000);
            let (x, y) = (rng.f32s(n), rng.f32s(n));
            let alpha = rng.f32s(1)[0] * 4.0;
            let mut expected = vec![0.0; n];
            reference::saxpy(alpha, &x, &y, &mut expected);
            let (dx, dy) = (
                device.to_device(&x, &[n]).expect("x"),
                device.to_device(&y, &[n]).expect("y"),
            );
            let out = device.zeros::<f32>(&[n]).expect("zeros");
            let (vx, vy, vo) = (
                dx.view().expect("x"),
                dy.view().expect("y"),
                out.view().expect("out"),
            );
            let per_thread = written(&out, POISON_F32, || {
                sim::run(
                    "saxpy",
                    &cfg,
                    Barriers::None,
                    &saxpy_thread(alpha, vx, vy, vo),
                )
            });
            assert_eq!(bits(&per_thread), bits(&expected), "n = {n} {cfg:?}");
            for schedule in SCHEDULES {
                let spans = written(&out, POISON_F32, || {
                    let kernel = saxpy_span(alpha, vx, vy, vo);
                    sim::run_spans_scheduled("saxpy", &cfg, schedule, &kernel)
                });
                assert_eq!(
                    bits(&spans),
                    bits(&per_thread),
                    "n = {n} {cfg:?} {schedule:?}"
                );
            }
        }
    }

    #[test]
    fn mandelbrot_spans_equal_the_per_thread_kernel_and_the_loop() {
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
        let view = out.view().expect("view");
        let steps = region.steps(width, height);
        for cfg in [
            cover_2d(height, width),
            LaunchConfig::for_matrix(height, width, (7, 5)),
        ] {
            let per_thread = written(&out, POISON_U32, || {
                let kernel = mandelbrot_thread(view, width, height, steps, max_iter);
                sim::run("mandelbrot", &cfg, Barriers::None, &kernel)
            });
            assert_eq!(per_thread, expected, "{cfg:?}");
            for schedule in SCHEDULES {
                let spans = written(&out, POISON_U32, || {
                    let kernel = mandelbrot_span(view, width, height, steps, max_iter);
                    sim::run_spans_scheduled("mandelbrot", &cfg, schedule, &kernel)
                });
                assert_eq!(spans, per_thread, "{cfg:?} {schedule:?}");
            }
        }
    }
}

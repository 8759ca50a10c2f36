//! Launch configurations (numba's `kernel[blocks, threads]`), their validation against the device's limits,
//! kernel arguments, and the check of arguments against a kernel's PTX parameter list.

use crate::{Error, Result};

/// A 1-3 dimensional size or index, as CUDA's `dim3`. Build it from `u32`, `(x, y)` or `(x, y, z)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dim3 {
    pub x: u32,
    pub y: u32,
    pub z: u32,
}

impl Dim3 {
    /// A size of `x * y * z`.
    pub const fn new(x: u32, y: u32, z: u32) -> Dim3 {
        Dim3 { x, y, z }
    }

    /// How many elements (threads or blocks) the size covers (exact for every size: at most 2^96).
    pub fn count(self) -> u128 {
        u128::from(self.x) * u128::from(self.y) * u128::from(self.z)
    }
}

impl From<u32> for Dim3 {
    fn from(x: u32) -> Dim3 {
        Dim3::new(x, 1, 1)
    }
}

impl From<(u32, u32)> for Dim3 {
    fn from((x, y): (u32, u32)) -> Dim3 {
        Dim3::new(x, y, 1)
    }
}

impl From<(u32, u32, u32)> for Dim3 {
    fn from((x, y, z): (u32, u32, u32)) -> Dim3 {
        Dim3::new(x, y, z)
    }
}

/// What a kernel launch needs besides its arguments: numba's `kernel[blocks, threads, stream, shared_bytes]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaunchConfig {
    /// Blocks in the grid.
    pub grid: Dim3,
    /// Threads in each block.
    pub block: Dim3,
    /// Bytes of dynamic shared memory per block (CUDA's `extern __shared__`).
    pub shared_bytes: u32,
}

impl LaunchConfig {
    /// A launch of `grid` blocks of `block` threads and no dynamic shared memory.
    pub fn new(grid: impl Into<Dim3>, block: impl Into<Dim3>) -> LaunchConfig {
        LaunchConfig {
            grid: grid.into(),
            block: block.into(),
            shared_bytes: 0,
        }
    }

    /// The same launch with `bytes` of dynamic shared memory per block.
    pub fn with_shared_bytes(mut self, bytes: u32) -> LaunchConfig {
        self.shared_bytes = bytes;
        self
    }

    /// A 1-D launch covering `n` elements with `threads` threads per block (at least one block).
    pub fn for_elements(n: usize, threads: u32) -> LaunchConfig {
        let threads = threads.max(1);
        let blocks = n.div_ceil(threads as usize).clamp(1, u32::MAX as usize) as u32;
        LaunchConfig::new(blocks, threads)
    }

    /// A 2-D launch covering a `rows x cols` array with `(bx, by)` threads per block: x runs along columns.
    pub fn for_matrix(rows: usize, cols: usize, (bx, by): (u32, u32)) -> LaunchConfig {
        let (bx, by) = (bx.max(1), by.max(1));
        let gx = cols.div_ceil(bx as usize).clamp(1, u32::MAX as usize) as u32;
        let gy = rows.div_ceil(by as usize).clamp(1, u32::MAX as usize) as u32;
        LaunchConfig::new((gx, gy), (bx, by))
    }

    /// Checks the configuration against `limits`; `kernel` names the kernel in the error.
    pub fn validate(&self, kernel: &str, limits: &Limits) -> Result<()> {
        let bad = |why: String| {
            Err(Error::BadLaunch {
                kernel: kernel.to_string(),
                why,
            })
        };
        let (g, b) = (self.grid, self.block);
        if g.count() == 0 || b.count() == 0 {
            return bad(format!(
                "grid {g:?} and block {b:?} must have every dimension >= 1"
            ));
        }
        if b.count() > u128::from(limits.max_threads_per_block) {
            return bad(format!(
                "a block of {}x{}x{} = {} threads exceeds the device's {} threads per block",
                b.x,
                b.y,
                b.z,
                b.count(),
                limits.max_threads_per_block
            ));
        }
        let [mx, my, mz] = limits.max_block;
        if b.x > mx || b.y > my || b.z > mz {
            return bad(format!(
                "block {b:?} exceeds the per-dimension limits ({mx}, {my}, {mz})"
            ));
        }
        let [gx, gy, gz] = limits.max_grid;
        if g.x > gx || g.y > gy || g.z > gz {
            return bad(format!(
                "grid {g:?} exceeds the per-dimension limits ({gx}, {gy}, {gz})"
            ));
        }
        if self.shared_bytes > limits.max_shared_bytes {
            return bad(format!(
                "{} bytes of dynamic shared memory exceed the device's {} bytes per block",
                self.shared_bytes, limits.max_shared_bytes
            ));
        }
        Ok(())
    }
}

/// A device's launch limits (CUDA's defaults for compute capability 7.5 and later on the simulator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_threads_per_block: u32,
    pub max_block: [u32; 3],
    pub max_grid: [u32; 3],
    /// Shared memory per block without opting in to more (48 KiB on every current GPU).
    pub max_shared_bytes: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_threads_per_block: 1024,
            max_block: [1024, 1024, 64],
            max_grid: [i32::MAX as u32, 65535, 65535],
            max_shared_bytes: 48 * 1024,
        }
    }
}

/// One kernel argument for [`crate::Module::launch`]: a device array's pointer or a scalar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KernelArg {
    /// A device pointer (what a `T*` parameter receives); build it with `KernelArg::from(&array)`.
    Pointer(u64),
    I32(i32),
    U32(u32),
    I64(i64),
    U64(u64),
    F32(f32),
    F64(f64),
}

impl KernelArg {
    /// The PTX parameter types this argument may be passed as.
    fn fits(self, param: &str) -> bool {
        match self {
            KernelArg::Pointer(_) | KernelArg::I64(_) | KernelArg::U64(_) => {
                matches!(param, ".u64" | ".s64" | ".b64")
            }
            KernelArg::I32(_) | KernelArg::U32(_) => matches!(param, ".u32" | ".s32" | ".b32"),
            KernelArg::F32(_) => matches!(param, ".f32" | ".b32"),
            KernelArg::F64(_) => matches!(param, ".f64" | ".b64"),
        }
    }

    /// The argument's bytes, widened to 8 (the launch passes a pointer to them).
    pub(crate) fn bits(self) -> u64 {
        match self {
            KernelArg::Pointer(p) | KernelArg::U64(p) => p,
            KernelArg::I64(v) => v as u64,
            KernelArg::I32(v) => u64::from(v as u32),
            KernelArg::U32(v) => u64::from(v),
            KernelArg::F32(v) => u64::from(v.to_bits()),
            KernelArg::F64(v) => v.to_bits(),
        }
    }
}

/// The parameter types (`.u64`, `.f32`...) of PTX entry `kernel`, in order.
pub fn ptx_params(ptx: &str, kernel: &str) -> Result<Vec<String>> {
    let bad = |why: String| Error::BadPtx {
        kernel: kernel.to_string(),
        why,
    };
    let header = format!(".entry {kernel}(");
    let start = ptx.find(&header).ok_or_else(|| {
        bad("no `.entry` of that name in the PTX (is it declared `extern \"C\"`?)".into())
    })?;
    let body = &ptx[start + header.len()..];
    let end = body
        .find(')')
        .ok_or_else(|| bad("unterminated parameter list".into()))?;
    let mut types = Vec::new();
    for param in body[..end]
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let mut words = param.split_whitespace();
        if words.next() != Some(".param") {
            return Err(bad(format!("cannot read parameter `{param}`")));
        }
        match words.next() {
            Some(t @ (".u64" | ".s64" | ".b64" | ".u32" | ".s32" | ".b32" | ".f32" | ".f64")) => {
                types.push(t.to_string());
            }
            _ => {
                return Err(bad(format!(
                    "parameter `{param}` has a type launches do not support (structs, arrays)"
                )));
            }
        }
    }
    Ok(types)
}

/// Checks `args` against the PTX parameter types `params` of `kernel`.
pub fn check_args(kernel: &str, params: &[String], args: &[KernelArg]) -> Result<()> {
    let bad = |why: String| {
        Err(Error::BadArguments {
            kernel: kernel.to_string(),
            why,
        })
    };
    if params.len() != args.len() {
        return bad(format!(
            "the kernel takes {} parameters ({}), {} were given",
            params.len(),
            params.join(", "),
            args.len()
        ));
    }
    for (index, (param, arg)) in params.iter().zip(args).enumerate() {
        if !arg.fits(param) {
            return bad(format!(
                "argument {index} is {arg:?} but the PTX parameter is `{param}`"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PTX: &str = ".visible .entry saxpy(\n\t.param .f32 saxpy_param_0,\n\t.param .u64 .ptr .align 4 saxpy_param_1,\n\t.param .u32 saxpy_param_2\n)\n{\n}\n.visible .entry odd(\n\t.param .align 8 .b8 odd_param_0[16]\n)\n";

    #[test]
    fn reads_the_parameter_list_of_an_entry() {
        assert_eq!(
            ptx_params(PTX, "saxpy").expect("saxpy is there"),
            [".f32", ".u64", ".u32"]
        );
        assert!(matches!(
            ptx_params(PTX, "nothing"),
            Err(Error::BadPtx { .. })
        ));
        assert!(matches!(ptx_params(PTX, "odd"), Err(Error::BadPtx { .. })));
    }

    #[test]
    fn arguments_must_match_in_number_and_type() {
        let params = ptx_params(PTX, "saxpy").expect("saxpy is there");
        let good = [
            KernelArg::F32(2.0),
            KernelArg::Pointer(64),
            KernelArg::U32(3),
        ];
        assert!(check_args("saxpy", &params, &good).is_ok());
        let err = check_args("saxpy", &params, &good[..2]).expect_err("too few");
        assert!(err.to_string().contains("takes 3 parameters"), "{err}");
        let swapped = [
            KernelArg::F64(2.0),
            KernelArg::Pointer(64),
            KernelArg::U32(3),
        ];
        let err = check_args("saxpy", &params, &swapped).expect_err("f64 for f32");
        assert!(err.to_string().contains("argument 0"), "{err}");
    }

    #[test]
    fn launch_limits_are_enforced() {
        let limits = Limits::default();
        assert!(
            LaunchConfig::new((2, 2), (32, 32))
                .validate("k", &limits)
                .is_ok()
        );
        let too_many = LaunchConfig::new(1, (32, 33))
            .validate("k", &limits)
            .expect_err("1056 threads");
        assert!(too_many.to_string().contains("1056 threads"), "{too_many}");
        assert!(
            LaunchConfig::new(1, (1, 1, 65))
                .validate("k", &limits)
                .is_err()
        );
        assert!(LaunchConfig::new((1, 0), 1).validate("k", &limits).is_err());
        assert!(
            LaunchConfig::new((1, 65536), 1)
                .validate("k", &limits)
                .is_err()
        );
        let shared = LaunchConfig::new(1, 32).with_shared_bytes(48 * 1024 + 1);
        assert!(shared.validate("k", &limits).is_err());
        // Sizes whose products overflow 64 bits are counted exactly and refused, never wrapped.
        let max = Dim3::new(u32::MAX, u32::MAX, u32::MAX);
        assert_eq!(max.count(), u128::from(u32::MAX).pow(3));
        for cfg in [
            LaunchConfig::new(max, max),
            LaunchConfig::new(1, max),
            LaunchConfig::new(max, 1),
        ] {
            let err = cfg.validate("k", &limits).expect_err("past the limits");
            assert!(matches!(err, Error::BadLaunch { .. }), "{err}");
        }
    }

    #[test]
    fn covering_launches_round_up() {
        assert_eq!(
            LaunchConfig::for_elements(1000, 256).grid,
            Dim3::new(4, 1, 1)
        );
        assert_eq!(LaunchConfig::for_elements(0, 256).grid, Dim3::new(1, 1, 1));
        let m = LaunchConfig::for_matrix(3, 40, (16, 16));
        assert_eq!(
            (m.grid, m.block),
            (Dim3::new(3, 1, 1), Dim3::new(16, 16, 1))
        );
        assert_eq!(KernelArg::F32(1.0).bits(), u64::from(1.0f32.to_bits()));
        assert_eq!(KernelArg::I32(-1).bits(), 0xffff_ffff);
    }
}

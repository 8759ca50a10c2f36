//! The crate's error type: every public entry point returns [`Error`], which says what was wrong and what to do.

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `gpu`, each variant saying what was wrong and what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// CUDA was demanded (`Device::cuda`) but there is no usable driver or device.
    #[error(
        "CUDA is unavailable: {reason}. Use `Device::simulator()`, or `Device::new()`, which falls back to it"
    )]
    CudaUnavailable { reason: String },
    /// A CUDA driver call failed.
    #[error("CUDA call `{call}` failed: {message}")]
    Cuda { call: &'static str, message: String },
    /// A shape is not a 1-3 dimensional shape the device can hold.
    #[error("invalid shape {shape:?}: {why}")]
    BadShape { shape: Vec<usize>, why: String },
    /// Host data and the requested shape disagree in length.
    #[error(
        "host data has {got} elements but shape {shape:?} needs {expected}; pass a slice of matching length"
    )]
    LengthMismatch {
        shape: Vec<usize>,
        expected: usize,
        got: usize,
    },
    /// Two arrays (or an array and a kernel's expectation) have different shapes.
    #[error("shape mismatch in {context}: expected {expected:?}, got {got:?}")]
    ShapeMismatch {
        context: String,
        expected: Vec<usize>,
        got: Vec<usize>,
    },
    /// An array was used with a device of another backend (or another device).
    #[error(
        "{what} belongs to another device ({array}) than the one used ({device}); copy it to the host and back with `to_device`"
    )]
    WrongDevice {
        what: String,
        array: String,
        device: String,
    },
    /// An operation that only one backend supports was asked of the other.
    #[error("{operation} needs the {needed} backend, but this device is the {actual}")]
    WrongBackend {
        operation: String,
        needed: &'static str,
        actual: &'static str,
    },
    /// The grid, block or shared-memory size of a launch is outside what the device allows.
    #[error("invalid launch configuration for `{kernel}`: {why}")]
    BadLaunch { kernel: String, why: String },
    /// The arguments of a launch do not match the kernel's PTX parameter list.
    #[error("bad arguments for kernel `{kernel}`: {why}")]
    BadArguments { kernel: String, why: String },
    /// A PTX module has no entry of that name, or its parameter list cannot be read.
    #[error("PTX problem with `{kernel}`: {why}")]
    BadPtx { kernel: String, why: String },
    /// A simulated kernel panicked (an out-of-bounds index, a misuse of `syncthreads` or shared memory...).
    #[error("simulated kernel `{kernel}` failed: {message}")]
    KernelFailed { kernel: String, message: String },
    /// An event was used before it was recorded, or timed before it completed.
    #[error("event problem: {why}")]
    Event { why: String },
    /// A foreign pointer or DLPack tensor cannot be wrapped as described.
    #[error("cannot wrap foreign memory: {0}")]
    Foreign(String),
}

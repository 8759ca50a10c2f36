//! `cargo xtask`: the project's automation, in Rust (rust-analyzer's model: no Makefiles, no loose scripts).
//!
//! - `cargo xtask test` runs everything CI runs: formatting, clippy with `-D warnings`, the whole test suite.
//! - `cargo xtask bench` runs the criterion benches and writes `docs/benchmarks.md`.
//! - `cargo xtask suite` runs pyperformance's benchmarks (fetched from PyPI) under evalx and CPython.
//! - `cargo xtask fuzz` fuzzes evalx (seeded programs in a worker process; failures saved for replay).
//! - `cargo xtask kernels` compiles the gpu crate's CUDA kernels to PTX (`--check`: fail when stale).

mod bench;
mod fuzz;
mod kernels;
mod mpi;
mod outside;
mod pgo;
mod report;
mod suite;
mod test;
mod util;
mod xvfb;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "tasklab's project automation", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the whole test suite: rustfmt check, clippy -D warnings, cargo test --workspace.
    Test(test::TestArgs),
    /// Run the criterion benches and write the benchmark report under docs/.
    Bench(bench::BenchArgs),
    /// Compile crates/gpu/kernels/*.cu to the PTX the gpu crate embeds (--check: fail when it is stale).
    Kernels(kernels::KernelsArgs),
    /// Fuzz evalx: seeded random and mutated programs in a worker process (failures saved for replay).
    Fuzz(fuzz::FuzzArgs),
    /// Run pyperformance's benchmarks (fetched from PyPI) under evalx and CPython and compare their output.
    Suite(suite::SuiteArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Test(args) => test::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Kernels(args) => kernels::run(&args),
        Command::Fuzz(args) => fuzz::run(&args),
        Command::Suite(args) => suite::run(&args),
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

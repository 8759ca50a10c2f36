//! `cargo xtask fuzz`: evalx's fuzz loop (crates/evalx/examples/fuzz.rs) on an optimised build, for as many
//! cases as asked. Seeded random programs run under tight limits in a worker process; a panic, abort, signal
//! or overrun fails the run and the program is saved under `--out` for replay.

use crate::util::{cargo, run_step};
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct FuzzArgs {
    /// How many programs to run.
    #[arg(long, default_value_t = 200_000)]
    pub cases: u64,
    /// The seed (the same seed runs the same programs).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where failing programs are saved.
    #[arg(long, default_value = "target/fuzz-failures")]
    pub out: String,
}

/// The command that runs `cases` fuzz cases from `seed` (also `cargo xtask test`'s step).
pub fn command(cases: u64, seed: u64, out: &str) -> std::process::Command {
    let mut c = cargo();
    c.args([
        "run",
        "--release",
        "--package",
        "evalx",
        "--example",
        "fuzz",
        "--",
    ])
    .args([
        "--cases",
        &cases.to_string(),
        "--seed",
        &seed.to_string(),
        "--out",
        out,
    ]);
    c
}

pub fn run(args: &FuzzArgs) -> Result<()> {
    run_step(
        &format!(
            "fuzzing evalx: {} cases from seed {}",
            args.cases, args.seed
        ),
        &mut command(args.cases, args.seed, &args.out),
    )
}

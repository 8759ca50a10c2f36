//! Shared helpers for the criterion benches under `benches/benches/`; the benches themselves are run and
//! summarised by `cargo xtask bench`, which writes `docs/benchmarks.md`.

use std::time::{Duration, Instant};

/// A deterministic CPU-bound unit of work: `rounds` steps of an integer hash, returned so the optimiser
/// cannot drop it. One round is about a nanosecond.
pub fn spin(rounds: u64) -> u64 {
    let mut x = rounds ^ 0x9E37_79B9_7F4A_7C15;
    for i in 0..rounds {
        x = std::hint::black_box(x.rotate_left(7).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ i);
    }
    x
}

/// How many [`spin`] rounds take `target` on this machine (the fastest of several probes, so a busy
/// moment does not inflate the work).
pub fn rounds_for(target: Duration) -> u64 {
    const PROBE: u64 = 200_000;
    let best = (0..7)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(spin(PROBE));
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::from_millis(1))
        .max(Duration::from_nanos(1));
    ((PROBE as f64) * target.as_secs_f64() / best.as_secs_f64()).ceil() as u64
}

/// Whether `cargo xtask bench --smoke` runs this bench: the test suite's check that every bench runs and
/// the report renders. Benches then shrink their inputs (fewer tasks, smaller trees) so the whole smoke
/// run takes about a minute; the numbers it produces are never the committed report's.
pub fn smoke() -> bool {
    std::env::var_os("TASKLAB_BENCH_SMOKE").is_some_and(|v| v == "1")
}

/// Where criterion writes its results, and so where a bench puts the extra JSON the report reads beside
/// them: `$CRITERION_HOME` (a smoke run sets it) or `<target>/criterion`. `target` is the bench binary's
/// target directory.
pub fn criterion_dir(target: &std::path::Path) -> std::path::PathBuf {
    std::env::var_os("CRITERION_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| target.join("criterion"))
}

/// `full` normally, `small` in a smoke run (see [`smoke`]).
pub fn sized<T>(full: T, small: T) -> T {
    if smoke() { small } else { full }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spin_is_deterministic_and_calibration_scales() {
        assert_eq!(spin(1000), spin(1000));
        assert_ne!(spin(1000), spin(1001));
        let short = rounds_for(Duration::from_micros(100));
        let long = rounds_for(Duration::from_millis(2));
        assert!(short >= 1 && long > short, "{short} < {long}");
    }
}

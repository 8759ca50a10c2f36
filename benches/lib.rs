//! Shared helpers for the criterion benches under `benches/benches/`; the benches themselves are run and
//! summarised by `cargo xtask bench`, which writes `docs/benchmarks.md`.

/// A deterministic CPU-bound unit of work: `rounds` steps of an integer hash, returned so the optimiser
/// cannot drop it. One round is a few nanoseconds, so `spin(50_000)` is on the order of 100 µs.
pub fn spin(rounds: u64) -> u64 {
    let mut x = rounds ^ 0x9E37_79B9_7F4A_7C15;
    for i in 0..rounds {
        x = x.rotate_left(7).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ i;
    }
    x
}

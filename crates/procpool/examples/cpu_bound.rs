//! The seed's advice, measured: "for CPU-bound work prefer ProcessPoolExecutor ... but starting
//! processes and talking to them costs more, so for work that is not clearly CPU-bound processes are
//! not necessarily faster". The same jobs run on a thread pool and a process pool of `cpu_count()`
//! workers, for a few task sizes; the last column says which won.
//!
//! In Rust threads run in parallel (there is no GIL), so processes win only on isolation, never on
//! speed: this example shows how much the isolation costs per task size.

use pool::ThreadPoolExecutor;
use procpool::ProcessPoolExecutor;
use std::time::Instant;

/// A deterministic CPU-bound job: `rounds` steps of an integer hash.
fn spin(rounds: u64) -> u64 {
    let mut x = rounds ^ 0x9E37_79B9_7F4A_7C15;
    for i in 0..rounds {
        x = x.rotate_left(7).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ i;
    }
    x
}

fn main() -> Result<(), pool::Error> {
    procpool::init();
    let workers = pool::usable_cpu_count();
    let threads = ThreadPoolExecutor::new(workers)?;
    let processes = ProcessPoolExecutor::new(workers)?;
    // Start the workers before timing (Python users time a warm pool too).
    processes.map(spin, vec![1; workers])?.for_each(drop);

    println!("{workers} workers; 64 tasks per size");
    println!(
        "{:>12} {:>12} {:>12}  faster",
        "rounds/task", "threads", "processes"
    );
    for rounds in [100u64, 10_000, 1_000_000, 10_000_000] {
        let jobs = vec![rounds; 64];
        let start = Instant::now();
        let a: Vec<_> = jobs
            .iter()
            .map(|&r| threads.submit(move || spin(r)))
            .collect::<Result<_, _>>()?;
        let a: u64 = a.iter().map(|f| f.result(None)).sum::<Result<u64, _>>()?;
        let t_threads = start.elapsed();

        let start = Instant::now();
        let b: Vec<_> = jobs
            .iter()
            .map(|&r| processes.submit(spin, r))
            .collect::<Result<_, _>>()?;
        let b: u64 = b.iter().map(|f| f.result(None)).sum::<Result<u64, _>>()?;
        let t_processes = start.elapsed();

        assert_eq!(a, b, "both pools computed the same thing");
        let winner = if t_threads <= t_processes {
            "threads"
        } else {
            "processes"
        };
        println!("{rounds:>12} {t_threads:>12.2?} {t_processes:>12.2?}  {winner}");
    }
    Ok(())
}

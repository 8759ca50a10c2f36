//! Isolated mode: untrusted programs in worker processes. Runs a few programs — one ordinary, one runaway,
//! one hostile — then times a warm worker on a trivial program (median of 1,000 round trips).
//!
//! `cargo run --release -p evalx --example isolated`

use evalx::isolated::{IsolatedLimits, IsolatedPool};
use std::time::{Duration, Instant};

fn main() -> Result<(), evalx::isolated::IsolatedError> {
    procpool::init(); // first thing in main: a worker process turns into a worker here
    let pool = IsolatedPool::new(2)?;
    let limits = IsolatedLimits {
        time: Duration::from_millis(200),
        ..IsolatedLimits::default()
    };
    for src in [
        "print(sum(i * i for i in range(10)))",
        "while True:\n    pass\n",
        "a = []\na.append(a)\nb = []\nb.append(b)\nprint(a == b)\n",
    ] {
        let out = pool.run(src, &limits)?;
        let last = out.error.as_deref().and_then(|e| e.lines().last());
        println!(
            "{:?} -> output {:?}, error {:?} ({:.1?})",
            src.lines().next().unwrap_or(""),
            out.output,
            last,
            out.elapsed
        );
    }
    let mut times = Vec::new();
    for _ in 0..1000 {
        let t = Instant::now();
        pool.run("x = 1 + 1", &limits)?;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "warm worker, trivial program: median {:.1?}, p99 {:.1?} per round trip",
        times[times.len() / 2],
        times[times.len() * 99 / 100]
    );
    Ok(())
}

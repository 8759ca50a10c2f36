//! Isolated mode: untrusted programs in worker processes. Runs a few programs — one ordinary, one runaway,
//! one hostile — then times a warm worker on a trivial program (median of 1,000 round trips), and measures
//! what an idle pool costs: the CPU time of the host process and of its workers over two idle seconds
//! (read from `/proc`, in clock ticks of 10 ms).
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
    // What an idle pool costs: the CPU time the host process (all its threads) and its worker processes
    // use while no program runs, over two seconds.
    let idle = Duration::from_secs(2);
    let (host0, workers0) = (cpu_ticks("self"), children_ticks());
    std::thread::sleep(idle);
    let (host1, workers1) = (cpu_ticks("self"), children_ticks());
    let ms = |t: u64| t as f64 * 1000.0 / clock_ticks_per_s() as f64;
    println!(
        "idle pool ({} s, 2 warm workers): host {:.1} ms of CPU, workers {:.1} ms of CPU (clock tick {:.0} ms)",
        idle.as_secs(),
        ms(host1.saturating_sub(host0)),
        ms(workers1.saturating_sub(workers0)),
        ms(1)
    );
    drop(pool);
    Ok(())
}

/// User + system CPU time of process `pid` ("self" for this one), in clock ticks, from `/proc/PID/stat`.
fn cpu_ticks(pid: &str) -> u64 {
    stat_fields(pid).map_or(0, |f| {
        f.get(11).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0)
            + f.get(12).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0)
    })
}

/// The fields of `/proc/PID/stat` after the command name (the state is the first).
fn stat_fields(pid: &str) -> Option<Vec<String>> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &s[s.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// CPU ticks of every live child of this process (the pool's workers).
fn children_ticks() -> u64 {
    let me = std::process::id().to_string();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0;
    };
    dir.filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
        .filter(|p| stat_fields(p).is_some_and(|f| f.get(1) == Some(&me)))
        .map(|p| cpu_ticks(&p))
        .sum()
}

/// The kernel's clock ticks per second for `/proc` CPU times (100 on Linux's usual configuration).
fn clock_ticks_per_s() -> u64 {
    100
}

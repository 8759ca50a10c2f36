//! The seed's "how many threads?" section: `os.cpu_count()`, and what to use for CPU-bound versus
//! I/O-bound work. `usable_cpu_count()` also honours `taskset` and container CPU quotas.

use pool::{Workload, cpu_count, recommend_workers, usable_cpu_count};

fn main() -> Result<(), pool::Error> {
    println!("CPU核心数: {}", cpu_count());
    println!("usable by this process: {}", usable_cpu_count());
    println!(
        "CPU-bound workers: {}",
        recommend_workers(Workload::cpu_bound())
    );
    println!(
        "I/O-bound workers (2 x cores): {}",
        recommend_workers(Workload::io_bound())
    );
    println!(
        "tasks waiting 90% of the time: {}",
        recommend_workers(Workload::waiting(0.9)?)
    );
    Ok(())
}

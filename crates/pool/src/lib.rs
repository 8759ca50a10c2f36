//! Python's `concurrent.futures.ThreadPoolExecutor` for Rust.

mod error;
mod sizing;

pub use error::Error;
pub use sizing::{Workload, cpu_count, default_max_workers, recommend_workers, usable_cpu_count};

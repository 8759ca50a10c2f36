//! The seed's ProcessPoolExecutor remark, made concrete: the thread pool's square program (three
//! one-second tasks, results collected with `result()`), on worker processes. "The interface is the
//! same as ThreadPoolExecutor": only the executor type and `procpool::init()` change.
//!
//! Python:
//! ```python
//! with ProcessPoolExecutor(max_workers=3) as executor:
//!     future1 = executor.submit(calculate_square, 2)
//!     ...
//!     print(f"2的平方: {future1.result()}")
//! ```

use procpool::ProcessPoolExecutor;
use std::time::Duration;

fn calculate_square(number: u64) -> u64 {
    std::thread::sleep(Duration::from_secs(1)); // simulate slow work
    number * number
}

fn main() -> Result<(), pool::Error> {
    procpool::init(); // first thing: in a worker process, this is where it becomes a worker

    let executor = ProcessPoolExecutor::new(3)?;
    let future1 = executor.submit(calculate_square, 2)?;
    let future2 = executor.submit(calculate_square, 3)?;
    let future3 = executor.submit(calculate_square, 4)?;

    // result() blocks until each task is done.
    println!("2的平方: {}", future1.result(None)?);
    println!("3的平方: {}", future2.result(None)?);
    println!("4的平方: {}", future3.result(None)?);
    Ok(())
} // `executor` is dropped here: Python's `with` exit, which waits for every task and reaps every worker.

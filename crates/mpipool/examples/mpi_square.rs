//! The seed's square program (three one-second tasks, results collected with `result()`), on the ranks
//! of an MPI job: `mpiexec -n 4 target/debug/examples/mpi_square`. Only the executor type and
//! `mpipool::init()` change from the thread pool's version. Run without mpiexec, it uses a local process
//! pool and says so on stderr.
//!
//! Python (`mpiexec -n 4 python -m mpi4py.futures square.py`):
//! ```python
//! with MPIPoolExecutor() as executor:
//!     future1 = executor.submit(calculate_square, 2)
//!     ...
//!     print(f"2的平方: {future1.result()}")
//! ```

use mpipool::MpiPoolExecutor;
use std::time::Duration;

fn calculate_square(number: u64) -> u64 {
    std::thread::sleep(Duration::from_secs(1)); // simulate slow work
    number * number
}

/// `pub` so that the crate's mpiexec tests run this very program as one of their scenarios.
pub fn main() -> Result<(), pool::Error> {
    mpipool::init(); // first thing: under mpiexec, ranks other than 0 serve tasks in here

    let executor = MpiPoolExecutor::new()?;
    let future1 = executor.submit(calculate_square, 2)?;
    let future2 = executor.submit(calculate_square, 3)?;
    let future3 = executor.submit(calculate_square, 4)?;

    // result() blocks until each task is done.
    println!("2的平方: {}", future1.result(None)?);
    println!("3的平方: {}", future2.result(None)?);
    println!("4的平方: {}", future3.result(None)?);
    Ok(())
} // `executor` is dropped here: Python's `with` exit, which waits for every task.

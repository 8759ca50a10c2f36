//! The seed's second ThreadPoolExecutor program: three one-second tasks on three workers, results
//! collected with `result()`. Prints `2的平方: 4`, `3的平方: 9`, `4的平方: 16` after about one second, not
//! three.
//!
//! Python:
//! ```python
//! with ThreadPoolExecutor(max_workers=3) as executor:
//!     future1 = executor.submit(calculate_square, 2)
//!     ...
//!     print(f"2的平方: {future1.result()}")
//! ```

use pool::ThreadPoolExecutor;
use std::time::Duration;

fn calculate_square(number: u64) -> u64 {
    std::thread::sleep(Duration::from_secs(1)); // simulate slow work
    number * number
}

fn main() -> Result<(), pool::Error> {
    let executor = ThreadPoolExecutor::new(3)?;
    let future1 = executor.submit(|| calculate_square(2))?;
    let future2 = executor.submit(|| calculate_square(3))?;
    let future3 = executor.submit(|| calculate_square(4))?;

    // result() blocks until each task is done.
    println!("2的平方: {}", future1.result(None)?);
    println!("3的平方: {}", future2.result(None)?);
    println!("4的平方: {}", future3.result(None)?);
    Ok(())
} // `executor` is dropped here: Python's `with` exit, which waits for every task.

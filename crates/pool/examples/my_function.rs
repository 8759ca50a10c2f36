//! The seed's first ThreadPoolExecutor program: `my_function(i, i * 2)` for five values of `i` on three
//! workers, fire-and-forget; leaving the block (dropping the executor) waits for all five.
//!
//! Python:
//! ```python
//! with ThreadPoolExecutor(max_workers=3) as executor:
//!     for i in range(5):
//!         executor.submit(my_function, i, i*2)
//! ```
//! The lines may come out in any order, as in Python.

use pool::ThreadPoolExecutor;

fn my_function(arg1: u32, arg2: u32) {
    println!("Processing {arg1} and {arg2}");
}

fn main() -> Result<(), pool::Error> {
    {
        let executor = ThreadPoolExecutor::new(3)?;
        for i in 0..5 {
            executor.submit(move || my_function(i, i * 2))?;
        }
    } // the `with` block ends: every task has run and the threads are joined
    println!("all five tasks done; CPU count: {}", pool::cpu_count());
    Ok(())
}

//! cargo-fuzz target: any UTF-8 input through `exec` and `eval` under tight limits must return, never
//! panic. Run with `cargo +nightly fuzz run exec` from `crates/evalx`.
#![no_main]

use evalx::{Interpreter, Limits};
use libfuzzer_sys::fuzz_target;
use std::time::{Duration, Instant};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        recursion: 200,
        recursion_cap: Some(200),
        instructions: Some(50_000),
        max_len: Some(1 << 20),
        deadline: Some(Instant::now() + Duration::from_millis(200)),
        ..Limits::default()
    });
    let _ = py.exec(src, None, None);
    let _ = py.eval(src, None, None);
});

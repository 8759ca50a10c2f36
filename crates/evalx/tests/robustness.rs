//! Bounded fuzzing: thousands of mutated programs (from the program table) and random token soups run with
//! tight limits. Every input must end in `Ok` or a typed `Error` — never a panic, hang or abort. The
//! unbounded version is the cargo-fuzz target in `crates/evalx/fuzz`.

use evalx::{Interpreter, Limits};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

/// xorshift64*: deterministic, so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "'", "\"", "\"\"\"", "f'{", "}'", "\\", "#",
    "=", "==", "+", "-", "*", "**", "/", "//", "%", "@", "lambda", "yield", "def", "class",
    "return", "for", "in", "if", "else", "while", "try", "except", "finally", "raise", "del",
    "global", "nonlocal", "import", "from", "x", "y", "0", "1e309", "0x", "9", "1_", "None", "...",
    ",", ";", ".", "not", "and", "or", "is", "*args", "**kw",
];

fn run_one(src: &str) {
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        recursion: 200,
        instructions: Some(20_000),
        max_len: Some(100_000),
        deadline: Some(Instant::now() + Duration::from_millis(500)),
        ..Limits::default()
    });
    let r = catch_unwind(AssertUnwindSafe(|| {
        let _ = py.exec(src, None, None);
        let _ = py.eval(src, None, None);
    }));
    assert!(r.is_ok(), "evalx panicked on input:\n{src:?}");
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    for _ in 0..1 + rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let i = rng.below(chars.len());
        match rng.below(4) {
            0 => {
                chars.remove(i);
            }
            1 => {
                let p: Vec<char> = PIECES[rng.below(PIECES.len())].chars().collect();
                chars.splice(i..i, p);
            }
            2 => {
                let j = (i + rng.below(20)).min(chars.len());
                let dup: Vec<char> = chars[i..j].to_vec();
                chars.splice(i..i, dup);
            }
            _ => {
                let j = (i + rng.below(40)).min(chars.len());
                chars.drain(i..j);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_programs_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut sources: Vec<String> = std::fs::read_dir(dir)
        .expect("programs folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "py"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    sources.sort();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..6 {
        for s in &sources {
            let m = mutate(&mut rng, s);
            let _ = round;
            run_one(&m);
        }
    }
}

#[test]
fn token_soup_never_panics() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..1500 {
        let n = 1 + rng.below(30);
        let src: String = (0..n)
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect::<Vec<_>>()
            .join(" ");
        run_one(&src);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    run_one(&"(".repeat(10_000));
    run_one(&format!("x = {}1{}", "[".repeat(5000), "]".repeat(5000)));
    run_one(&format!("{}1", "-".repeat(100_000)));
    run_one(&format!("{}x", "not ".repeat(50_000)));
    let nested_defs: String = (0..300)
        .map(|i| format!("{}def f{i}():\n", "    ".repeat(i)))
        .collect();
    run_one(&nested_defs);
}

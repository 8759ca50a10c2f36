//! evalx's fuzz loop on stable Rust: seeded random programs — mutations of the test programs
//! (`tests/programs`, `tests/hostile`) and programs from a small Python grammar — run under tight limits in a
//! worker process. A panic, an abort, a signal, or a case that outlives its deadline by more than the hard
//! margin fails the run, and the program that did it is saved for replay.
//!
//! ```text
//! cargo run --release -p evalx --example fuzz -- --cases 20000 --seed 1
//! cargo run --release -p evalx --example fuzz -- --replay fuzz-failures/case-1-123.py
//! ```
//!
//! `cargo xtask test` runs 20,000 cases; `cargo xtask fuzz` runs as many as asked.

use evalx::{Interpreter, Limits};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

// The memory limit needs the counting allocator.
#[global_allocator]
static ALLOC: evalx::alloc::CountingAllocator = evalx::alloc::CountingAllocator;

/// Each case's deadline inside the worker.
const DEADLINE: Duration = Duration::from_millis(200);
/// How long the parent waits for a case before it calls it an overrun (the deadline plus a margin for a
/// busy machine).
const HARD: Duration = Duration::from_secs(5);

/// xorshift64*: deterministic, so a seed reproduces its cases.
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
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n",
    "    ",
    "\t",
    "'",
    "\"",
    "\"\"\"",
    "f'{",
    "}'",
    "\\",
    "#",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "lambda",
    "yield",
    "def",
    "class",
    "return",
    "for",
    "in",
    "if",
    "else",
    "while",
    "try",
    "except",
    "finally",
    "raise",
    "del",
    "global",
    "nonlocal",
    "import",
    "from",
    "x",
    "y",
    "0",
    "1e309",
    "0x",
    "9",
    "1_",
    "None",
    "...",
    ",",
    ";",
    ".",
    "not",
    "and",
    "or",
    "is",
    "*args",
    "**kw",
    "\r",
    "\u{feff}",
    "10**100",
    "a.append(a)",
    "exec(s)",
    "*2",
    "<<64",
];

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    for _ in 0..1 + rng.below(5) {
        if chars.is_empty() {
            break;
        }
        let i = rng.below(chars.len());
        match rng.below(5) {
            0 => {
                chars.remove(i);
            }
            1 => {
                let p: Vec<char> = PIECES[rng.below(PIECES.len())].chars().collect();
                chars.splice(i..i, p);
            }
            2 => {
                let j = (i + rng.below(40)).min(chars.len());
                let dup: Vec<char> = chars[i..j].to_vec();
                let big = rng.below(8) == 0;
                let times = 1 + rng.below(if big { 2000 } else { 3 });
                for _ in 0..times {
                    chars.splice(i..i, dup.iter().copied());
                }
            }
            3 => {
                let j = (i + rng.below(40)).min(chars.len());
                chars.drain(i..j);
            }
            _ => {
                // Swap two lines.
                let s: String = chars.iter().collect();
                let mut lines: Vec<&str> = s.lines().collect();
                if lines.len() > 1 {
                    let a = rng.below(lines.len());
                    let b = rng.below(lines.len());
                    lines.swap(a, b);
                }
                chars = lines.join("\n").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

/// A random program from a small Python grammar: statements nest, expressions recurse, and some forms are
/// the hostile ones (self-references, deep nesting, huge sizes, long runs).
struct Gen<'r> {
    rng: &'r mut Rng,
}

impl Gen<'_> {
    fn name(&mut self) -> &'static str {
        self.rng
            .pick(&["a", "b", "c", "x", "y", "s", "d", "l", "f", "g"])
    }
    fn expr(&mut self, depth: u32) -> String {
        if depth == 0 {
            return match self.rng.below(6) {
                0 => self.rng.below(1000).to_string(),
                1 => self.name().to_string(),
                2 => format!("'{}'", self.rng.pick(&["", "a", "abc", "%d", "{}", "\\n"])),
                3 => self
                    .rng
                    .pick(&["None", "True", "1.5", "10**30", "[]", "{}", "()"])
                    .into(),
                4 => format!(
                    "{}.{}",
                    self.name(),
                    self.rng.pick(&["append", "pop", "keys", "x"])
                ),
                _ => self
                    .rng
                    .pick(&["range(10**18)", "iter([1])", "(1 << 4000)", "'x' * 1000"])
                    .into(),
            };
        }
        let d = depth - 1;
        match self.rng.below(14) {
            0 => format!(
                "({} {} {})",
                self.expr(d),
                self.rng
                    .pick(&["+", "-", "*", "/", "//", "%", "**", "<<", "&", "|", "^"]),
                self.expr(d)
            ),
            1 => format!(
                "({} {} {})",
                self.expr(d),
                self.rng.pick(&["==", "<", "in", "not in", "is", "!="]),
                self.expr(d)
            ),
            2 => format!("[{}, {}]", self.expr(d), self.expr(d)),
            3 => format!("{{{}: {}}}", self.expr(d), self.expr(d)),
            4 => format!(
                "{}({})",
                self.rng.pick(&[
                    "len", "str", "repr", "int", "sum", "sorted", "max", "min", "list", "tuple",
                    "set", "hash", "all", "any", "abs", "bool", "dict", "format", "print", "eval",
                    "exec",
                ]),
                self.expr(d)
            ),
            5 => format!("[{} for {} in {}]", self.expr(d), self.name(), self.expr(d)),
            6 => format!(
                "({} if {} else {})",
                self.expr(d),
                self.expr(d),
                self.expr(d)
            ),
            7 => format!(
                "(lambda {}: {})({})",
                self.name(),
                self.expr(d),
                self.expr(d)
            ),
            8 => format!("{}[{}]", self.expr(d), self.expr(d)),
            9 => format!(
                "f'{{{}:{}}}'",
                self.expr(d),
                self.rng.pick(&["", ">10", ".3f", "x", ",", ".70000f"])
            ),
            10 => format!("'%s %d' % ({}, {})", self.expr(d), self.expr(d)),
            11 => format!(
                "{} * {}",
                self.expr(d),
                self.rng.pick(&["2", "(1 << 28)", "10**6", "-1"])
            ),
            12 => format!("(yield {})", self.expr(d)),
            _ => self.expr(0),
        }
    }
    fn block(&mut self, indent: usize, depth: u32, out: &mut String) {
        for _ in 0..1 + self.rng.below(3) {
            self.stmt(indent, depth, out);
        }
    }
    fn stmt(&mut self, indent: usize, depth: u32, out: &mut String) {
        let pad = "    ".repeat(indent);
        let d = depth.saturating_sub(1);
        let e = 1 + self.rng.below(3) as u32;
        match if depth == 0 { 0 } else { self.rng.below(12) } {
            0 => out.push_str(&format!("{pad}{} = {}\n", self.name(), self.expr(e))),
            1 => out.push_str(&format!("{pad}print({})\n", self.expr(e))),
            2 => {
                out.push_str(&format!("{pad}for {} in {}:\n", self.name(), self.expr(e)));
                self.block(indent + 1, d, out);
            }
            3 => {
                out.push_str(&format!("{pad}while {}:\n", self.expr(e)));
                self.block(indent + 1, d, out);
            }
            4 => {
                out.push_str(&format!("{pad}if {}:\n", self.expr(e)));
                self.block(indent + 1, d, out);
                out.push_str(&format!("{pad}else:\n"));
                self.block(indent + 1, d, out);
            }
            5 => {
                out.push_str(&format!("{pad}def {}({}):\n", self.name(), self.name()));
                self.block(indent + 1, d, out);
                out.push_str(&format!("{pad}    return {}\n", self.expr(e)));
            }
            6 => {
                out.push_str(&format!("{pad}try:\n"));
                self.block(indent + 1, d, out);
                out.push_str(&format!("{pad}except {}:\n", self.rng.pick(&["Exception", "BaseException", "RecursionError", "MemoryError"])));
                self.block(indent + 1, d, out);
            }
            7 => out.push_str(&format!("{pad}{n}.append({n})\n", n = self.name())),
            8 => out.push_str(&format!("{pad}{n} = [{n}]\n", n = self.name())),
            9 => out.push_str(&format!("{pad}class {}:\n{pad}    def __eq__(self, o): return self == o\n{pad}    def __hash__(self): return hash(({},))\n", self.rng.pick(&["A", "B"]), self.expr(1))),
            10 => out.push_str(&format!("{pad}s = {}\n{pad}exec(s)\n", self.rng.pick(&["'exec(s)'", "'1+' * 5000 + '1'", "'a.b' * 3", "'(' * 300"]))),
            _ => out.push_str(&format!("{pad}{}\n", self.expr(e))),
        }
    }
    fn program(&mut self) -> String {
        let mut out =
            String::from("a = []\nb = {}\nc = 1\nx = 2\ny = 'y'\ns = ''\nd = {}\nl = [1, 2]\n");
        out.push_str("def f(n):\n    return n\ndef g(n):\n    yield n\n");
        for _ in 0..1 + self.rng.below(6) {
            self.stmt(0, 3, &mut out);
        }
        out
    }
}

/// Runs one case in this process, under the fuzzing limits.
fn run_case(src: &str) -> Result<(), String> {
    let mut py = Interpreter::new_captured();
    let deadline = Instant::now() + DEADLINE;
    py.set_limits(Limits {
        recursion: 200,
        recursion_cap: Some(200),
        instructions: Some(200_000),
        max_len: Some(1 << 20),
        deadline: Some(deadline),
        max_memory: Some(256 << 20),
        max_output: Some(1 << 20),
    });
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = py.exec(src, None, None);
        let _ = py.eval(src, None, None);
    }));
    drop(py);
    r.map_err(|_| {
        let what = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
        format!("panic: {what}")
    })
}

/// The last panic's message and place, recorded by the worker's hook so that a caught panic is reported
/// with its cause (the hook prints nothing: a fuzz run expects thousands of Python errors, not panics).
static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// The worker: reads cases (a length line, then the bytes) and answers each with one line.
fn worker() {
    std::panic::set_hook(Box::new(|info| {
        let text = format!("{info}").replace('\n', " ");
        // An abort (a panic while unwinding, a panic in a destructor) never returns to `run_case`: say
        // what it was on stderr, which the parent keeps and prints with the failure.
        eprintln!("worker panic: {text}");
        if let Ok(mut m) = LAST_PANIC.lock() {
            *m = text;
        }
    }));
    let stdin = std::io::stdin();
    let mut input = BufReader::new(stdin.lock());
    let mut out = std::io::stdout();
    loop {
        let mut len = String::new();
        if input.read_line(&mut len).unwrap_or(0) == 0 {
            return;
        }
        let Ok(n) = len.trim().parse::<usize>() else {
            return;
        };
        let mut buf = vec![0u8; n];
        if input.read_exact(&mut buf).is_err() {
            return;
        }
        let src = String::from_utf8_lossy(&buf);
        let start = Instant::now();
        let r = run_case(&src);
        let us = start.elapsed().as_micros();
        let line = match r {
            Ok(()) => format!("ok {us}\n"),
            Err(e) => format!("fail {e}\n"),
        };
        if out
            .write_all(line.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
    /// The worker's last lines on stderr (the runtime's words before an abort, the panic hook's).
    stderr: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<String>>>,
}

impl Worker {
    /// What the worker last wrote on stderr, one line per entry, for a failure report.
    fn stderr_tail(&self) -> String {
        // The reader thread may still be draining the pipe of a worker that just died.
        std::thread::sleep(Duration::from_millis(50));
        self.stderr
            .lock()
            .map(|q| q.iter().cloned().collect::<Vec<_>>().join(" | "))
            .unwrap_or_default()
    }
}

fn spawn_worker() -> Worker {
    let exe = std::env::current_exe().expect("current exe");
    let mut child = Command::new(exe)
        .arg("--worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn worker");
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let err_pipe = child.stderr.take().expect("stderr");
    let stderr = std::sync::Arc::new(std::sync::Mutex::new(std::collections::VecDeque::new()));
    let keep = stderr.clone();
    std::thread::spawn(move || {
        for l in BufReader::new(err_pipe).lines() {
            let Ok(l) = l else { break };
            if let Ok(mut q) = keep.lock() {
                q.push_back(l);
                while q.len() > 8 {
                    q.pop_front();
                }
            }
        }
    });
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines() {
            let Ok(l) = l else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    Worker {
        child,
        stdin,
        lines,
        stderr,
    }
}

fn save(dir: &Path, seed: u64, i: usize, src: &str, why: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let p = dir.join(format!("case-{seed}-{i}.py"));
    let _ = std::fs::write(&p, src);
    eprintln!(
        "FAIL case {i} (seed {seed}): {why}; saved to {}",
        p.display()
    );
    p
}

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut v = Vec::new();
    for sub in ["programs", "hostile"] {
        if let Ok(rd) = std::fs::read_dir(root.join(sub)) {
            let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files {
                if f.extension().is_some_and(|x| x == "py") {
                    if let Ok(s) = std::fs::read_to_string(&f) {
                        v.push(s);
                    }
                }
            }
        }
    }
    v
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--worker") {
        worker();
        return std::process::ExitCode::SUCCESS;
    }
    let mut cases = 20_000usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("target/fuzz-failures");
    let mut replay = None;
    let mut from = 0usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--cases" => cases = v.parse().unwrap_or(cases),
            "--seed" => seed = v.parse().unwrap_or(seed),
            "--out" => out = PathBuf::from(v),
            "--replay" => replay = Some(v),
            "--from" => from = v.parse().unwrap_or(from),
            other => {
                eprintln!(
                    "fuzz: unknown argument {other} (--cases N --seed S --from I --out DIR --replay FILE)"
                );
                return std::process::ExitCode::from(2);
            }
        }
    }
    if let Some(f) = replay {
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        return match run_case(&src) {
            Ok(()) => {
                println!("{f}: ran to a Python outcome");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                println!("{f}: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let corpus = corpus();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut w = spawn_worker();
    let mut failures = 0usize;
    let mut slowest = (0u128, 0usize);
    let start = Instant::now();
    for i in 0..cases {
        let src = if i % 2 == 0 && !corpus.is_empty() {
            let base = corpus[rng.below(corpus.len())].clone();
            mutate(&mut rng, &base)
        } else {
            Gen { rng: &mut rng }.program()
        };
        if i < from {
            continue;
        }
        let sent = w
            .stdin
            .write_all(format!("{}\n", src.len()).as_bytes())
            .and_then(|_| w.stdin.write_all(src.as_bytes()))
            .and_then(|_| w.stdin.flush());
        let answer = if sent.is_ok() {
            w.lines.recv_timeout(HARD)
        } else {
            Err(mpsc::RecvTimeoutError::Disconnected)
        };
        let why = match answer {
            Ok(l) if l.starts_with("ok ") => {
                let us: u128 = l[3..].parse().unwrap_or(0);
                if us > slowest.0 {
                    slowest = (us, i);
                    // Kept for study: the case that ran longest past its deadline.
                    let _ = std::fs::create_dir_all(&out);
                    let _ = std::fs::write(out.join(format!("slowest-{seed}.py")), &src);
                }
                None
            }
            Ok(l) => Some(l),
            Err(mpsc::RecvTimeoutError::Timeout) => Some(format!("no answer within {HARD:?}")),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let st = w.child.wait().map(|s| format!("{s}")).unwrap_or_default();
                Some(format!(
                    "the worker died ({st}); its last words on stderr: {}",
                    w.stderr_tail()
                ))
            }
        };
        if let Some(why) = why {
            failures += 1;
            save(&out, seed, i, &src, &why);
            let _ = w.child.kill();
            let _ = w.child.wait();
            w = spawn_worker();
        }
    }
    drop(w.stdin);
    let _ = w.child.wait();
    println!(
        "fuzz: {cases} cases (seed {seed}) in {:.1?}: {failures} failures; slowest case {} took {:.1} ms (deadline {DEADLINE:?})",
        start.elapsed(),
        slowest.1,
        slowest.0 as f64 / 1000.0
    );
    if failures == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

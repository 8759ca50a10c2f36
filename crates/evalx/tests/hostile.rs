//! Hostile programs (`tests/hostile/*.py`): each runs in a child `evalx` process under the command's limits,
//! a 4 GiB address-space cap (`ulimit -v`) and a hard timeout, and must end in a clean Python exception (or a
//! limit error, or CPython's own output) — never a signal, an abort or a hang of the host.
//!
//! The first line of each program records what CPython 3.11 does with it (`python3`, same 4 GiB cap,
//! 10 s): `stdout: ...` (the output evalx must print too), `error: Type` (the exception evalx must raise),
//! or `runs past 10 s` (a runaway: evalx must stop it with a limit or a `MemoryError`). An optional
//! `# evalx: ...` line gives the program more time (building a structure ten million deep takes seconds in an
//! unoptimised build), and `# evalx-expect: ...` says why evalx answers differently from CPython (a limit the
//! sandbox sets on purpose).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The limits every program runs under (generous enough for an unoptimised build on a busy machine).
const LIMITS: &[&str] = &[
    "--max-time",
    "8",
    "--max-memory",
    "1G",
    "--max-output",
    "64M",
];
/// The backstop: a child still running after this is killed and the test fails.
const HARD_TIMEOUT: Duration = Duration::from_secs(150);

/// The default limits, with any flag that `extra` sets replaced by its value there.
fn limits_with(extra: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for pair in LIMITS.chunks(2) {
        if !extra.iter().any(|e| e == pair[0]) {
            out.extend(pair.iter().map(|s| s.to_string()));
        }
    }
    out.extend(extra.iter().cloned());
    out
}

struct Outcome {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

fn run_capped(file: &Path, extra: &[String]) -> Outcome {
    let mut args = limits_with(extra);
    args.push(file.display().to_string());
    run_evalx("ulimit -v 4194304", &args, &file.display().to_string())
}

/// Runs the `evalx` command with `args` in a child shell that first runs `ulimits`.
fn run_evalx(ulimits: &str, args: &[String], what: &str) -> Outcome {
    use std::os::unix::process::ExitStatusExt;
    let exe = env!("CARGO_BIN_EXE_evalx");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{ulimits}; exec \"$0\" \"$@\""))
        .arg(exe)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn evalx");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    // Read both pipes on their own threads (a child printing megabytes must not block on a full pipe).
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > HARD_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still ran after {HARD_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned();
    Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout,
        stderr,
        elapsed,
    }
}

fn check(file: &Path) -> Result<String, String> {
    let src = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let expect = src
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# cpython: "))
        .ok_or("no '# cpython:' header")?
        .to_string();
    let header = |key: &str| {
        src.lines()
            .take(4)
            .find_map(|l| l.strip_prefix(key).map(str::to_string))
    };
    let extra: Vec<String> = header("# evalx: ")
        .map(|a| a.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let expect = header("# evalx-expect: ")
        .and_then(|e| e.split(" (").next().map(str::to_string))
        .unwrap_or(expect);
    let o = run_capped(file, &extra);
    let name = file.file_stem().unwrap_or_default().to_string_lossy();
    let last = o.stderr.trim_end().lines().last().unwrap_or("").to_string();
    let summary = format!(
        "{name}: code {:?} signal {:?} in {:.2?}, last stderr line {last:?}",
        o.code, o.signal, o.elapsed
    );
    if o.signal.is_some() || !matches!(o.code, Some(0 | 1)) {
        return Err(format!("{summary}: the process died"));
    }
    if o.stderr.contains("panicked") {
        return Err(format!("{summary}: a panic"));
    }
    let ok = if let Some(out) = expect.strip_prefix("stdout: ") {
        o.code == Some(0) && o.stdout == out.replace("\\n", "\n")
    } else if let Some(ty) = expect.strip_prefix("error: ") {
        last.starts_with(&format!("{ty}:")) || last == ty
    } else if expect.starts_with("crashes") {
        // CPython itself dies here: evalx may answer or raise RecursionError, but must live.
        o.code == Some(0) || last.starts_with("RecursionError:")
    } else {
        // A runaway in CPython: a limit or a MemoryError must stop it.
        last.starts_with("evalx limit exceeded") || last.starts_with("MemoryError")
    };
    if ok {
        Ok(summary)
    } else {
        Err(format!(
            "{summary}: expected {expect}, got stdout {:?}",
            o.stdout.chars().take(200).collect::<String>()
        ))
    }
}

#[test]
// About 3.5 minutes unoptimised; `cargo xtask test` runs it on the release build (`--release --test hostile`),
// and `cargo test -p evalx -- --ignored` runs it here too.
#[cfg_attr(
    debug_assertions,
    ignore = "slow unoptimised: cargo xtask test runs it with --release"
)]
fn hostile_programs_end_in_python_exceptions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/hostile")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "the program table is missing");
    // Two at a time: the programs are mostly waiting on their limits, and CI machines are small.
    let results: Vec<Result<String, String>> = std::thread::scope(|s| {
        files
            .chunks(files.len().div_ceil(2))
            .map(|chunk| s.spawn(move || chunk.iter().map(|f| check(f)).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
            .into_iter()
            .flat_map(|h| h.join().expect("worker"))
            .collect()
    });
    let mut failed = Vec::new();
    for r in results {
        match r {
            Ok(s) => println!("ok   {s}"),
            Err(s) => {
                println!("FAIL {s}");
                failed.push(s);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} failures:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// Long single operations, each repeated until a one-second deadline stops it: the deadline's overshoot in
/// CPU time stays bounded. Measured in CPU time, not wall time, so that a loaded machine (where the process
/// waits for a core) cannot make it flake: the child runs under `ulimit -t` (CPU seconds; the kernel sends
/// SIGXCPU past it), set at the deadline plus a margin far above the few milliseconds a check interval
/// costs, so only an operation that runs seconds past the deadline between two checks fails it.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow unoptimised: cargo xtask test runs it with --release"
)]
fn long_operations_stop_at_the_deadline_in_cpu_time() {
    const PROGRAMS: &[(&str, &str)] = &[
        (
            "sorted tuples",
            "xs = [(i * 7919 % 1000003, i) for i in range(10**6)]\nwhile True:\n    sorted(xs)",
        ),
        (
            "sorted key",
            "xs = [str(i * 7919 % 1000003) for i in range(10**6)]\nwhile True:\n    sorted(xs, key=str.lower)",
        ),
        (
            "join",
            "xs = [str(i) for i in range(10**7)]\nwhile True:\n    ''.join(xs)",
        ),
        (
            "dict zip",
            "xs = list(range(10**7))\nwhile True:\n    dict(zip(xs, xs))",
        ),
        ("in str", "s = 'ab' * 10**8\nwhile True:\n    'abc' in s"),
        (
            "tuple",
            "xs = list(range(10**7))\nwhile True:\n    tuple(xs)",
        ),
        (
            "set or",
            "a = set(range(10**6)); b = set(range(1, 10**6))\nwhile True:\n    a | b",
        ),
        (
            "bytearray upper",
            "b = bytearray(b'ab' * (5 * 10**7))\nwhile True:\n    b.upper()",
        ),
        (
            "memoryview",
            "m = memoryview(b'ab' * (5 * 10**7))\nwhile True:\n    m.tobytes()",
        ),
        ("bytes(n)", "while True:\n    b = bytes(2 * 10**8)"),
        (
            "re",
            "import re\ns = 'ab' * 10**7\nwhile True:\n    re.search('a[^x]*c', s)",
        ),
        (
            "json",
            "import json\ns = json.dumps(list(range(10**6)))\nwhile True:\n    json.loads(s)",
        ),
        (
            "zlib",
            "import zlib\nb = bytes(range(256)) * 400000\nwhile True:\n    zlib.compress(b)",
        ),
        (
            "hashlib",
            "import hashlib\nb = b'ab' * 10**8\nwhile True:\n    hashlib.sha256(b).digest()",
        ),
        (
            "exec",
            "src = 'x = 1\\n' * (2 * 10**6)\nwhile True:\n    exec(src)",
        ),
        ("sum gen", "print(sum(i for i in range(10**18)))"),
        // Calls that were not charged at all, so a loop of them checked the clock once in 1,024 calls.
        ("float", "s = '1' * 10**8\nwhile True:\n    float(s)"),
        (
            "dict update",
            "e = dict.fromkeys(range(10**6))\nwhile True:\n    d = {}\n    d.update(e)",
        ),
        (
            "list remove",
            "xs = list(range(10**6))\nwhile True:\n    try:\n        xs.remove(-1)\n    except ValueError:\n        pass",
        ),
        // Quadratic before: each deleted item moved the list's tail.
        (
            "del slice",
            "xs = list(range(10**6))\nwhile True:\n    ys = xs[:]\n    del ys[:500000]\n    del ys[::2]",
        ),
    ];
    let results: Vec<Result<String, String>> = std::thread::scope(|s| {
        PROGRAMS
            .chunks(PROGRAMS.len().div_ceil(2))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|(name, src)| {
                            let args: Vec<String> =
                                ["--max-time", "1", "--max-memory", "3G", "-c", src]
                                    .iter()
                                    .map(|a| a.to_string())
                                    .collect();
                            // 1 s of deadline (the data's setup runs inside it) and 4 s of margin.
                            let o = run_evalx("ulimit -v 8388608; ulimit -t 5", &args, name);
                            let last = o.stderr.trim_end().lines().last().unwrap_or("").to_string();
                            let summary = format!(
                                "{name}: code {:?} signal {:?} in {:.2?}, {last:?}",
                                o.code, o.signal, o.elapsed
                            );
                            if o.code == Some(1) && last.starts_with("evalx limit exceeded") {
                                Ok(summary)
                            } else {
                                Err(summary)
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flat_map(|h| h.join().expect("worker"))
            .collect()
    });
    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    for r in &results {
        println!("{r:?}");
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

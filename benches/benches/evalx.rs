//! evalx against CPython on the same programs: a numeric loop, recursive calls, dict/str work, objects with
//! method calls, a list comprehension + sort, the `eval` anchor, and interpreter start-up. Each CPython
//! measurement runs `benches/python/evalx_peer.py` under the Debian PGO/LTO `python3` (`/usr/bin/python3`,
//! falling back to `python3` on PATH) and times `run()` inside that process, so start-up is excluded.
//! `xtask/src/report/evalx.rs` turns the medians into evalx/CPython ratios. The `debugger` group measures
//! what the debugger costs (see [`debugger`]).

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use evalx::debugger::{Debugger, ScriptedConsole};
use evalx::{Interpreter, Namespace};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// (id, source defining `run()`). Keep the ids in step with `PROGRAMS` in the report section.
const PROGRAMS: &[(&str, &str)] = &[
    (
        "loop",
        "def run():\n    s = 0\n    for i in range(1000000):\n        s += i * i\n    return s\n",
    ),
    (
        "fib",
        "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\ndef run():\n    return fib(25)\n",
    ),
    (
        "dict_str",
        "WORDS = ('alpha beta gamma delta epsilon zeta eta theta iota kappa ' * 20).split()\n\
def run():\n    counts = {}\n    for rep in range(100):\n        for w in WORDS:\n            key = w.upper() + str(len(w))\n            counts[key] = counts.get(key, 0) + 1\n    return sorted(counts.items())[:3]\n",
    ),
    (
        "objects",
        "class Vec:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n    def add(self, other):\n        return Vec(self.x + other.x, self.y + other.y)\n    def dot(self, other):\n        return self.x * other.x + self.y * other.y\n\
def run():\n    acc = Vec(0, 0)\n    total = 0\n    for i in range(50000):\n        v = Vec(i, i + 1)\n        acc = acc.add(v)\n        total += acc.dot(v) % 7\n    return total\n",
    ),
    (
        "comp_sort",
        "def run():\n    data = [(i * 7919) % 10007 for i in range(50000)]\n    sq = [x * x for x in data if x % 3]\n    sq.sort()\n    return sum(sq[:10]), len(sq)\n",
    ),
    (
        "eval_parse",
        "G = {'a': 1, 'b': 2}\ndef run():\n    for i in range(1000):\n        eval('a + b * 2', G)\n",
    ),
];

fn python() -> Option<String> {
    ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(str::to_string)
}

fn peer_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/evalx_peer.py")
}

/// Runs a program (which defines `run()`) in `interp`, returning the namespace it ran in.
fn load(interp: &mut Interpreter, src: &str) -> Namespace {
    let ns = Namespace::new();
    interp
        .exec(src, Some(&ns), None)
        .expect("program defines run()");
    ns
}

/// Benchmarks calls of the loaded program's `run()` as `name`.
fn bench_run(
    g: &mut BenchmarkGroup<'_, WallTime>,
    name: impl Into<String>,
    interp: &mut Interpreter,
    ns: &Namespace,
    what: &str,
) {
    g.bench_function(name.into(), |b| {
        b.iter(|| black_box(interp.eval("run()", Some(ns), None).expect(what)))
    });
}

/// Times `iters` runs of `run()` inside one CPython process.
fn cpython_time(py: &str, src: &str, iters: u64) -> Duration {
    let file = std::env::temp_dir().join(format!("evalx_bench_{}.py", std::process::id()));
    std::fs::write(&file, src).expect("write the program for python3");
    let out = Command::new(py)
        .arg(peer_script())
        .arg(&file)
        .arg(iters.to_string())
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let ns: u64 = text.trim().parse().unwrap_or_else(|_| {
        panic!(
            "evalx_peer.py failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Duration::from_nanos(ns)
}

/// evalx against CPython in paired, interleaved rounds (rotating order), one comparison per program: each
/// round runs `run()` once under evalx and once inside a fresh `python3` (timed there, start-up
/// excluded). The report's verdicts and its geometric mean's interval use these.
fn paired_programs() {
    let Some(py) = python() else { return };
    for (id, src) in PROGRAMS {
        let mut interp = Interpreter::new_captured();
        let ns = load(&mut interp, src);
        let iters = 1;
        tasklab_benches::paired_rounds(
            &format!("evalx_vs_cpython_{id}"),
            &mut [
                tasklab_benches::Contender::new("evalx", iters, || {
                    for _ in 0..iters {
                        black_box(
                            interp
                                .eval("run()", Some(&ns), None)
                                .expect("run() succeeds"),
                        );
                    }
                }),
                tasklab_benches::Contender::self_timed("cpython", iters, || {
                    cpython_time(&py, src, iters)
                }),
            ],
            tasklab_benches::paired_budget(),
        );
    }
}

fn programs(c: &mut Criterion) {
    if cfg!(feature = "evalx-untraced") {
        return;
    }
    paired_programs();
    let py = python();
    let mut g = c.benchmark_group("evalx");
    g.sample_size(10);
    for (id, src) in PROGRAMS {
        let mut interp = Interpreter::new_captured();
        let ns = load(&mut interp, src);
        bench_run(
            &mut g,
            format!("evalx_{id}"),
            &mut interp,
            &ns,
            "run() succeeds",
        );
        if let Some(py) = &py {
            g.bench_function(format!("cpython_{id}"), |b| {
                b.iter_custom(|iters| cpython_time(py, src, iters))
            });
        }
    }
    g.finish();
}

fn anchors(c: &mut Criterion) {
    if cfg!(feature = "evalx-untraced") {
        return;
    }
    let mut g = c.benchmark_group("evalx_anchor");
    // One `eval` of a fresh expression string: parse + compile + run (the cache is bypassed by varying it).
    let mut interp = Interpreter::new_captured();
    let globals = Namespace::new();
    globals.set("a", 1.into());
    globals.set("b", 2.into());
    let mut k = 0u64;
    g.bench_function("eval_fresh_string", |b| {
        b.iter(|| {
            k += 1;
            let src = format!("a + b * {}", k % 100_000);
            black_box(interp.eval(&src, Some(&globals), None).expect("eval works"))
        })
    });
    g.bench_function("eval_repeated_string", |b| {
        b.iter(|| {
            black_box(
                interp
                    .eval("a + b * 2", Some(&globals), None)
                    .expect("eval works"),
            )
        })
    });
    // Start-up: a new interpreter (builtins installed) running one statement.
    g.bench_function("startup", |b| {
        b.iter(|| {
            let mut i = Interpreter::new_captured();
            i.exec("x = 1", None, None).expect("runs");
            black_box(i)
        })
    });
    g.finish();
}

/// A function appended to a program so that a breakpoint can sit on a line that exists but never runs.
const NEVER: &str = "\n\ndef never():\n    return 0\n";

/// The program with [`NEVER`] appended, and the line of `never`'s body.
fn with_never(src: &str) -> (String, u32) {
    let line = src.lines().count() as u32 + 3;
    (format!("{src}{NEVER}"), line)
}

/// Appended to a program for CPython: `run()` installs a no-op trace function (one that returns itself,
/// so every call, line and return reaches it: the cheapest tracing CPython has) around the program's own
/// `run()`. pdb's own dispatcher with a breakpoint set is far slower still (over 100x on `fib`), too slow to
/// sample here.
const TRACED_RUN: &str = r#"

import sys as _sys
_inner = run


def _noop(frame, event, arg):
    return _noop


def run():
    _sys.settrace(_noop)
    try:
        return _inner()
    finally:
        _sys.settrace(None)
"#;

/// Times `iters` runs of `run()` inside CPython under [`TRACED_RUN`]'s trace function.
fn cpython_traced_time(py: &str, src: &str, iters: u64) -> Duration {
    cpython_time(py, &format!("{src}{TRACED_RUN}"), iters)
}

/// What debugger support costs. In the default build: the programs with a breakpoint set on a line that
/// never runs (tracing on, every line checked) next to CPython under a no-op trace function. Built with `--features evalx-untraced` (no debugger support compiled
/// in) this file measures only the programs, as `evalx_untraced/<id>`; the report divides `evalx/evalx_<id>`
/// by them.
fn debugger(c: &mut Criterion) {
    if cfg!(feature = "evalx-untraced") {
        let mut g = c.benchmark_group("evalx_untraced");
        g.sample_size(10);
        for (id, src) in PROGRAMS {
            let mut interp = Interpreter::new_captured();
            let ns = load(&mut interp, src);
            bench_run(&mut g, *id, &mut interp, &ns, "run() succeeds");
        }
        g.finish();
        return;
    }
    let py = python();
    let mut g = c.benchmark_group("evalx_debugger");
    g.sample_size(10);
    for (id, src) in PROGRAMS
        .iter()
        .filter(|(id, _)| ["fib", "loop"].contains(id))
    {
        let (src, never_line) = with_never(src);
        let dbg = Debugger::new(ScriptedConsole::new(Vec::<String>::new()));
        let mut interp = Interpreter::new_captured();
        dbg.attach(&mut interp);
        let ns = load(&mut interp, &src);
        dbg.add_breakpoint(&mut interp, "<string>", never_line, None)
            .expect("a valid breakpoint");
        bench_run(
            &mut g,
            format!("bp_not_hit_{id}"),
            &mut interp,
            &ns,
            "the breakpoint is never hit",
        );
        if let Some(py) = &py {
            g.bench_function(format!("cpython_noop_trace_{id}"), |b| {
                b.iter_custom(|iters| cpython_traced_time(py, &src, iters))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, programs, anchors, debugger);
criterion_main!(benches);

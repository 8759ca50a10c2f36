//! How far past its deadline evalx stops a program whose time goes into single long operations (sorts,
//! joins, repeats, scans, conversions): the measurement behind the sandbox section of the README.
//!
//! Each case builds its data with no deadline, then runs one operation in a loop under a deadline of
//! 300 ms; the overshoot is the time from the deadline to the moment `exec` returns the limit error
//! (unwinding and dropping the partial results included). Run it on a release build:
//!
//! ```text
//! cargo run --release -p evalx --example overshoot            # every case, 3 rounds
//! cargo run --release -p evalx --example overshoot -- 5 join  # 5 rounds, cases whose name has "join"
//! ```
//!
//! It prints a Markdown table: the median and the worst overshoot of the rounds, in milliseconds, twice:
//! in wall-clock time (what a host waits: on a loaded machine it includes the time the process was not
//! scheduled at all) and in CPU time (what the process itself ran after the deadline: the granularity of
//! the checks, whatever the load). The CPU time at the deadline is read by a second thread that sleeps
//! until then (the process's CPU clock, which the sleeping thread does not add to); a late wake-up under
//! load makes that reading later, so the CPU column can only under-count by how late it woke.

use evalx::{Error, Interpreter, Limits};
use std::time::{Duration, Instant};

/// The process's CPU time (all its threads; the watcher thread that reads it at the deadline sleeps).
fn process_cpu() -> Duration {
    nix::time::clock_gettime(nix::time::ClockId::CLOCK_PROCESS_CPUTIME_ID)
        .map_or(Duration::ZERO, Duration::from)
}

/// Reads the process's CPU time at `deadline` from another thread.
fn cpu_at(deadline: Instant) -> std::thread::JoinHandle<Duration> {
    std::thread::spawn(move || {
        let now = Instant::now();
        if deadline > now {
            std::thread::sleep(deadline - now);
        }
        process_cpu()
    })
}

// The memory limit needs the counting allocator.
#[global_allocator]
static ALLOC: evalx::alloc::CountingAllocator = evalx::alloc::CountingAllocator;

/// The deadline each operation runs under.
const DEADLINE: Duration = Duration::from_millis(300);

/// The issue's aim for the overshoot, in milliseconds.
const AIM_MS: f64 = 10.0;

/// (name, setup run without a deadline, the operation run under it, repeated until stopped).
const CASES: &[(&str, &str, &str)] = &[
    (
        "sorted() of a million strs",
        "xs = [str(i * 7919 % 1000003) for i in range(10**6)]",
        "sorted(xs)",
    ),
    (
        "list.sort() of a million strs",
        "xs = [str(i * 7919 % 1000003) for i in range(10**6)]",
        "ys = xs[:]; ys.sort()",
    ),
    (
        "sorted(key=len) of a million strs",
        "xs = [str(i * 7919 % 1000003) for i in range(10**6)]",
        "sorted(xs, key=len)",
    ),
    (
        "sorted(key=str.lower) of a million strs",
        "xs = [str(i * 7919 % 1000003) for i in range(10**6)]",
        "sorted(xs, key=str.lower)",
    ),
    (
        "sorted(key=lambda) of a million ints",
        "xs = [i * 7919 % 1000003 for i in range(10**6)]",
        "sorted(xs, key=lambda x: -x)",
    ),
    (
        "sorted() of ten million ints",
        "xs = [i * 7919 % 10000019 for i in range(10**7)]",
        "sorted(xs)",
    ),
    (
        "sorted() of two million floats",
        "xs = [(i * 7919 % 2000003) / 7 for i in range(2 * 10**6)]",
        "sorted(xs)",
    ),
    (
        "sorted() of a million tuples",
        "xs = [(i * 7919 % 1000003, i) for i in range(10**6)]",
        "sorted(xs)",
    ),
    (
        "sorted(reverse=True) of a million strs",
        "xs = [str(i * 7919 % 1000003) for i in range(10**6)]",
        "sorted(xs, reverse=True)",
    ),
    (
        "''.join of a generator",
        "",
        "''.join(str(i) for i in range(10**8))",
    ),
    (
        "''.join of a ten-million-item list",
        "xs = [str(i) for i in range(10**7)]",
        "''.join(xs)",
    ),
    (
        "','.join of a ten-million-item list",
        "xs = ['ab'] * 10**7",
        "','.join(xs)",
    ),
    (
        "b''.join of a ten-million-item list",
        "xs = [b'ab'] * 10**7",
        "b''.join(xs)",
    ),
    ("str * n (200 MB)", "", "s = 'ab' * 10**8"),
    ("bytes * n (200 MB)", "", "s = b'ab' * 10**8"),
    ("list * n (50 million)", "", "s = [0] * (5 * 10**7)"),
    (
        "str.replace over 100 MB",
        "s = 'ab' * (5 * 10**7)",
        "t = s.replace('a', 'xy')",
    ),
    (
        "x in a ten-million list",
        "xs = list(range(10**7))",
        "-1 in xs",
    ),
    ("x in a 200 MB str", "s = 'ab' * 10**8", "'abc' in s"),
    (
        "list.index/count over ten million",
        "xs = list(range(10**7))",
        "xs.count(-1)",
    ),
    (
        "list == list of ten million",
        "xs = list(range(10**7)); ys = list(range(10**7))",
        "xs == ys",
    ),
    ("set() of ten million", "xs = list(range(10**7))", "set(xs)"),
    (
        "dict.fromkeys of ten million",
        "xs = list(range(10**7))",
        "dict.fromkeys(xs)",
    ),
    (
        "dict(zip()) of ten million",
        "xs = list(range(10**7))",
        "dict(zip(xs, xs))",
    ),
    (
        "sum() of a ten-million list",
        "xs = list(range(10**7))",
        "sum(xs)",
    ),
    (
        "max() of a ten-million list",
        "xs = list(range(10**7))",
        "max(xs)",
    ),
    ("all() of a ten-million list", "xs = [1] * 10**7", "all(xs)"),
    ("list(range(n))", "", "list(range(10**8))"),
    (
        "xs[:] of ten million",
        "xs = list(range(10**7))",
        "ys = xs[:]",
    ),
    (
        "xs + xs of ten million",
        "xs = list(range(10**7))",
        "ys = xs + xs",
    ),
    (
        "tuple(xs) of ten million",
        "xs = list(range(10**7))",
        "tuple(xs)",
    ),
    (
        "a list of a million fresh strs rebound",
        "xs = range(10**6)",
        "t = [str(i) for i in xs]",
    ),
    (
        "a tuple of a million fresh strs rebound",
        "xs = range(10**6)",
        "t = tuple([str(i) for i in xs])",
    ),
    (
        "a tuple of three million tuples rebound",
        "xs = range(3 * 10**6)",
        "t = tuple((i,) for i in xs)",
    ),
    (
        "repr() of a ten-million list",
        "xs = list(range(10**7))",
        "repr(xs)",
    ),
    (
        "hash() of a ten-million tuple",
        "t = tuple(range(10**7))",
        "hash(t)",
    ),
    (
        "str.split of 100 MB",
        "s = 'ab ' * (3 * 10**7)",
        "s.split()",
    ),
    ("str.upper of 200 MB", "s = 'ab' * 10**8", "s.upper()"),
    ("bytes.hex of 100 MB", "b = b'ab' * (5 * 10**7)", "b.hex()"),
    ("str.find over 200 MB", "s = 'ab' * 10**8", "s.find('abc')"),
    ("str.count over 200 MB", "s = 'ab' * 10**8", "s.count('ba')"),
    (
        "str.upper of 100 MB non-ASCII",
        "s = '\\xe9' * (5 * 10**7)",
        "s.upper()",
    ),
    (
        "str.casefold/swapcase of 100 MB",
        "s = 'aB' * (5 * 10**7)",
        "s.swapcase().casefold()",
    ),
    ("str + str (200 MB)", "s = 'a' * 10**8", "t = s + s"),
    ("bytes + bytes (200 MB)", "s = b'a' * 10**8", "t = s + s"),
    ("s[1:] of 200 MB", "s = 'ab' * 10**8", "t = s[1:]"),
    (
        "xs[::2] of ten million",
        "xs = list(range(10**7))",
        "ys = xs[::2]",
    ),
    (
        "tuple slice of ten million",
        "t = tuple(range(10**7))",
        "u = t[1:]",
    ),
    (
        "str.translate of 60 MB",
        "s = 'a\\tb c\\n' * 10**7; t = str.maketrans('ab', 'ba')",
        "s.translate(t)",
    ),
    (
        "str.expandtabs of 60 MB",
        "s = 'a\\tb c\\n' * 10**7",
        "s.expandtabs(8)",
    ),
    (
        "str.rsplit/splitlines of 60 MB",
        "s = 'a\\tb c\\n' * 10**7",
        "s.rsplit(); s.splitlines()",
    ),
    (
        "str.strip/center of 200 MB",
        "s = 'ab' * 10**8",
        "s.strip('a').center(len(s) + 10)",
    ),
    (
        "encode/decode of 200 MB",
        "s = 'ab' * 10**8",
        "s.encode().decode()",
    ),
    ("bytes(n) of 1 GB", "", "b = bytes(10**9)"),
    ("bytearray(n) of 1 GB", "", "b = bytearray(10**9)"),
    (
        "frozenset(xs) of ten million",
        "xs = list(range(10**7))",
        "frozenset(xs)",
    ),
    (
        "hash() of a million-member frozenset",
        "xs = list(range(10**6))",
        "hash(frozenset(xs))",
    ),
    (
        "set | set of ten million",
        "a = set(range(10**7)); b = set(range(1, 10**7))",
        "a | b",
    ),
    (
        "int(str) / str(int) in hex, 8 MB",
        "s = 'f' * (8 * 10**6)",
        "hex(int(s, 16))",
    ),
    (
        "int * int (one big product)",
        "a = 3 ** 4000000; b = 7 ** 4000000",
        "a * b",
    ),
    (
        "int <-> str (4,300 digits)",
        "s = '7' * 4300",
        "str(int(s))",
    ),
    (
        "re.search over 20 MB",
        "import re; s = 'ab' * 10**7",
        "re.search('a[^x]*c', s)",
    ),
    (
        "re backtracking",
        "import re",
        "re.match('(a*)*b', 'a' * 40)",
    ),
    (
        "json.dumps of a million items",
        "import json; xs = list(range(10**6))",
        "json.dumps(xs)",
    ),
    (
        "json.loads of 7 MB",
        "import json; s = json.dumps(list(range(10**6)))",
        "json.loads(s)",
    ),
    (
        "'%s' % of a ten-million list",
        "xs = list(range(10**7))",
        "'%s' % (xs,)",
    ),
    (
        "f-string of a ten-million list",
        "xs = list(range(10**7))",
        "f'{xs}'",
    ),
    (
        "bytearray.upper of 100 MB",
        "b = bytearray(b'ab' * (5 * 10**7))",
        "b.upper()",
    ),
    (
        "bytearray slice of 100 MB",
        "b = bytearray(b'ab' * (5 * 10**7))",
        "c = b[1:]",
    ),
    (
        "memoryview.tobytes of 100 MB",
        "m = memoryview(b'ab' * (5 * 10**7))",
        "m.tobytes()",
    ),
    (
        "bytes.fromhex of 100 MB",
        "s = 'ab' * (5 * 10**7)",
        "bytes.fromhex(s)",
    ),
    (
        "int.from_bytes of 8 MB",
        "b = b'\\xff' * (8 * 10**6)",
        "int.from_bytes(b, 'big')",
    ),
    (
        "base64.b64encode of 100 MB",
        "import base64; b = b'ab' * (5 * 10**7)",
        "base64.b64encode(b)",
    ),
    (
        "binascii.crc32 of 100 MB",
        "import binascii; b = b'ab' * (5 * 10**7)",
        "binascii.crc32(b)",
    ),
    (
        "unicodedata.normalize of 20 MB",
        "import unicodedata; s = '\\xe9' * 10**7",
        "unicodedata.normalize('NFD', s)",
    ),
    (
        "bytes in bytes, 100 MB (hostile probe)",
        "b = b'a' * 10**8; sub = b'a' * 10**5 + b'b'",
        "sub in b",
    ),
    (
        "exec of a generated 10 MB program",
        "src = 'x = 1\\n' * (2 * 10**6)",
        "exec(src)",
    ),
    // Session 9's probe: operations not measured before.
    (
        "zlib.compress of 100 MB",
        "import zlib; b = bytes(range(256)) * 400000",
        "zlib.compress(b)",
    ),
    (
        "zlib.decompress to 200 MB",
        "import zlib; z = zlib.compress(b'a' * (2 * 10**8))",
        "zlib.decompress(z)",
    ),
    (
        "hashlib.sha256 of 200 MB",
        "import hashlib; b = b'ab' * 10**8",
        "hashlib.sha256(b).digest()",
    ),
    (
        "hashlib.sha3_512 of 100 MB",
        "import hashlib; b = b'ab' * (5 * 10**7)",
        "hashlib.sha3_512(b).digest()",
    ),
    ("float() of a 100 MB str", "s = '1' * 10**8", "float(s)"),
    (
        "'{:,}' of a 4,300-digit int",
        "n = int('7' * 4300)",
        "'{:,}'.format(n)",
    ),
    ("'%.70000f' formatting", "", "'%.70000f' % 1.5"),
    (
        "int // int (one big quotient)",
        "a = 3 ** 4000000; b = 7 ** 1000000",
        "a // b",
    ),
    (
        "divmod of big ints",
        "a = 3 ** 4000000; b = 7 ** 1000000",
        "divmod(a, b)",
    ),
    ("int ** 2 (one big square)", "a = 3 ** 4000000", "a ** 2"),
    (
        "math.factorial(200000)",
        "import math",
        "math.factorial(200000)",
    ),
    (
        "math.prod of a million ints",
        "import math; xs = list(range(1, 10**6))",
        "math.prod(xs)",
    ),
    (
        "math.fsum of ten million floats",
        "import math; xs = [0.1] * 10**7",
        "math.fsum(xs)",
    ),
    (
        "sorted(key=itemgetter) of a million tuples",
        "import operator; xs = [(i * 7919 % 1000003, i) for i in range(10**6)]; k = operator.itemgetter(0)",
        "sorted(xs, key=k)",
    ),
    (
        "min(key=lambda) of ten million",
        "xs = list(range(10**7))",
        "min(xs, key=lambda x: -x)",
    ),
    (
        "list.reverse of ten million",
        "xs = list(range(10**7))",
        "xs.reverse()",
    ),
    (
        "xs.copy() of ten million",
        "xs = list(range(10**7))",
        "ys = xs.copy()",
    ),
    (
        "xs.extend(ys) of ten million",
        "ys = list(range(10**7))",
        "xs = []; xs.extend(ys)",
    ),
    (
        "xs.clear() of ten million",
        "",
        "xs = [None] * 10**7; xs.clear()",
    ),
    (
        "del xs[:] of ten million",
        "",
        "xs = list(range(10**7)); del xs[:]",
    ),
    (
        "xs.insert(0, x) on ten million",
        "xs = list(range(10**7))",
        "xs.insert(0, 1); xs.pop(0)",
    ),
    (
        "dict.copy() of ten million",
        "d = dict.fromkeys(range(10**7))",
        "e = d.copy()",
    ),
    (
        "list(d) of a ten-million dict",
        "d = dict.fromkeys(range(10**7))",
        "list(d)",
    ),
    (
        "d.update(e) of ten million",
        "e = dict.fromkeys(range(10**7))",
        "d = {}; d.update(e)",
    ),
    (
        "set.copy() of ten million",
        "a = set(range(10**7))",
        "b = a.copy()",
    ),
    (
        "sorted(set) of ten million",
        "a = set(range(10**7))",
        "sorted(a)",
    ),
    (
        "random.shuffle of ten million",
        "import random; xs = list(range(10**7))",
        "random.shuffle(xs)",
    ),
    (
        "heapq.heapify of ten million",
        "import heapq; xs = list(range(10**7, 0, -1))",
        "ys = xs[:]; heapq.heapify(ys)",
    ),
    (
        "collections.Counter of ten million",
        "import collections; xs = [i % 1000 for i in range(10**7)]",
        "collections.Counter(xs)",
    ),
    (
        "collections.deque(xs) of ten million",
        "import collections; xs = list(range(10**7))",
        "collections.deque(xs)",
    ),
    (
        "array.array of ten million",
        "import array; xs = list(range(10**7))",
        "array.array('q', xs)",
    ),
    (
        "struct.pack of 1 GB padding",
        "import struct",
        "struct.pack('1000000000x')",
    ),
    (
        "re.sub over 20 MB",
        "import re; s = 'ab' * 10**7",
        "re.sub('b', 'c', s)",
    ),
    (
        "re.findall over 20 MB",
        "import re; s = 'ab' * 10**7",
        "re.findall('a', s)",
    ),
    (
        "re.split over 20 MB",
        "import re; s = 'ab' * 10**7",
        "re.split('b', s)",
    ),
    (
        "re backtracking with a lookahead",
        "import re; s = 'a' * 30",
        "re.match('(?=(a*)*b)', s)",
    ),
    (
        "json.dumps of a nested dict",
        "import json; d = {str(i): [i, {'a': i}] for i in range(10**6)}",
        "json.dumps(d)",
    ),
    (
        "bytes.replace over 100 MB",
        "b = b'ab' * (5 * 10**7)",
        "b.replace(b'a', b'xy')",
    ),
    (
        "bytes.translate of 100 MB",
        "b = b'ab' * (5 * 10**7); t = bytes.maketrans(b'ab', b'ba')",
        "b.translate(t)",
    ),
    (
        "bytes.split of 100 MB",
        "b = b'ab ' * (3 * 10**7)",
        "b.split()",
    ),
    (
        "str.format of a ten-million list",
        "xs = list(range(10**7))",
        "'{}'.format(xs)",
    ),
    (
        "str(dict) of ten million",
        "d = dict.fromkeys(range(10**7))",
        "str(d)",
    ),
    (
        "compile() of a 10 MB program",
        "src = 'x = 1\\n' * (2 * 10**6)",
        "compile(src, 'f', 'exec')",
    ),
    (
        "eval of a 10 MB list display",
        "src = '[' + '1,' * (5 * 10**6) + ']'",
        "eval(src)",
    ),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let filter = args.next().unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "{rounds} rounds, deadline {} ms, {cpus} CPUs, load average {}",
        DEADLINE.as_millis(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!();
    println!(
        "| operation (repeated until the deadline) | median overshoot (wall) | worst (wall) | median (CPU) | worst (CPU) | stopped by |"
    );
    println!("|---|---|---|---|---|---|");
    let mut worst_all = (0.0f64, "");
    let mut worst_cpu_all = (0.0f64, "");
    let mut over_aim = 0;
    let mut over_aim_cpu = 0;
    for (name, setup, op) in CASES {
        if !name.contains(filter.as_str()) {
            continue;
        }
        let mut overs = Vec::new();
        let mut cpu_overs = Vec::new();
        let mut how = String::new();
        for _ in 0..rounds {
            let mut py = Interpreter::new_captured();
            py.set_limits(Limits {
                max_memory: Some(6 << 30),
                max_len: Some(2 << 30),
                ..Limits::default()
            });
            if let Err(e) = py.exec(setup, None, None) {
                println!("| {name} | setup failed: {e} | | |");
                break;
            }
            let program = format!("while True:\n    {op}\n");
            let deadline = Instant::now() + DEADLINE;
            py.set_limits(Limits {
                deadline: Some(deadline),
                max_memory: Some(6 << 30),
                max_len: Some(2 << 30),
                ..Limits::default()
            });
            let watcher = cpu_at(deadline);
            let r = py.exec(&program, None, None);
            let over = Instant::now().saturating_duration_since(deadline);
            let cpu_end = process_cpu();
            let cpu_deadline = watcher.join().unwrap_or(cpu_end);
            // Returned before the deadline (refused up front, or finished): no overshoot.
            let cpu_over = if over.is_zero() {
                Duration::ZERO
            } else {
                cpu_end.saturating_sub(cpu_deadline)
            };
            cpu_overs.push(cpu_over.as_secs_f64() * 1e3);
            how = match r {
                Err(Error::Limit(m)) => {
                    if m.contains("estimated") {
                        "refused up front".into()
                    } else {
                        "deadline".into()
                    }
                }
                Err(e) => e.to_string().lines().last().unwrap_or("").to_string(),
                Ok(()) => "finished".into(),
            };
            overs.push(over.as_secs_f64() * 1e3);
            // Drop the interpreter (and its data) outside the measurement.
            drop(py);
        }
        if overs.is_empty() {
            continue;
        }
        overs.sort_by(f64::total_cmp);
        cpu_overs.sort_by(f64::total_cmp);
        let med = overs[overs.len() / 2];
        let worst = overs[overs.len() - 1];
        let cpu_med = cpu_overs[cpu_overs.len() / 2];
        let cpu_worst = cpu_overs[cpu_overs.len() - 1];
        if worst > AIM_MS {
            over_aim += 1;
        }
        if cpu_worst > AIM_MS {
            over_aim_cpu += 1;
        }
        if worst > worst_all.0 {
            worst_all = (worst, name);
        }
        if cpu_worst > worst_cpu_all.0 {
            worst_cpu_all = (cpu_worst, name);
        }
        println!(
            "| {name} | {med:.1} ms | {worst:.1} ms | {cpu_med:.1} ms | {cpu_worst:.1} ms | {how} |"
        );
    }
    println!();
    println!(
        "worst (wall): {:.1} ms ({}); rows whose worst round passed {AIM_MS} ms: {over_aim}",
        worst_all.0, worst_all.1
    );
    println!(
        "worst (CPU): {:.1} ms ({}); rows whose worst round passed {AIM_MS} ms: {over_aim_cpu}",
        worst_cpu_all.0, worst_cpu_all.1
    );
}

//! The `procpool` section: what a process pool costs beside `pool`'s thread pool and CPython's
//! ProcessPoolExecutor (measured in the same run by `benches/python/procpool_peer.py`): per-task
//! overhead, start-up, crash detection and recovery, a CPU-bound worker sweep, and the task size from
//! which processes stop losing to threads. Numbers come from `benches/benches/procpool.rs`.

use super::{Section, cell, criterion, fmt_ns, per, scaling, stats, target_cell};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Worker counts of the CPU sweep (the report reads a run's counts from its rounds); keep in step with `sweep_workers` in benches/benches/procpool.rs.
fn sweep_workers(cpus: usize) -> Vec<usize> {
    let mut counts = vec![1, cpus, 2 * cpus, 4 * cpus];
    counts.sort_unstable();
    counts.dedup();
    counts
}
/// Task sizes (spin rounds) of the threads-versus-processes sweep; keep in step with the bench.
const TASK_SIZES: [u64; 4] = [100, 10_000, 100_000, 1_000_000];

pub fn section() -> Section {
    let python = super::peer("procpool");
    let mut md = String::new();
    let mut json = serde_json::Map::new();
    overhead(&mut md, &mut json, python.as_ref());
    lifecycle(&mut md, &mut json, python.as_ref());
    payload(&mut md, &mut json);
    cpu_sweep(&mut md, &mut json);
    task_size(&mut md, &mut json);
    Section {
        title: "Process pool (procpool)".into(),
        markdown: md,
        json: Value::Object(json),
    }
}

fn py_ns(python: Option<&Value>, key: &str, scale: f64) -> Option<f64> {
    python.and_then(|p| p[key].as_f64()).map(|v| v * scale)
}

fn overhead(md: &mut String, json: &mut serde_json::Map<String, Value>, python: Option<&Value>) {
    let ours = super::per_element("procpool_submit_result", "processpoolexecutor");
    let threads = super::per_element("procpool_submit_result", "threadpoolexecutor");
    let map1 = per(criterion("procpool_map", "chunksize_1"));
    let map100 = per(criterion("procpool_map", "chunksize_100"));
    // CPython: the paired rounds' medians (the same run as ours), else the standalone peer's.
    let paired_py = |id: &str| super::paired_median("procpool_vs_cpython", id);
    let py_submit = paired_py("cpython_submit_result")
        .or_else(|| py_ns(python, "submit_result_us_per_task", 1e3));
    let py_map1 = paired_py("cpython_map_chunksize_1")
        .or_else(|| py_ns(python, "map_chunksize_1_us_per_item", 1e3));
    let py_map100 = paired_py("cpython_map_chunksize_100")
        .or_else(|| py_ns(python, "map_chunksize_100_us_per_item", 1e3));

    md.push_str("### Per-task overhead (2 workers, 10,000 trivial tasks)\n\n");
    md.push_str("Submit every task, then `result()` each in order (pipelined); `map` collects every result. ");
    md.push_str("CPython uses the fork start method.\n\n");
    md.push_str("| what | `procpool` | CPython `ProcessPoolExecutor` | CPython / procpool | `pool` threads | procpool / threads |\n|---|---|---|---|---|---|\n");
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}x", a / b),
        _ => "-".into(),
    };
    let _ = writeln!(
        md,
        "| submit + result | {} | {} | {} | {} | {} |",
        cell(ours),
        cell(py_submit),
        ratio(py_submit, ours),
        cell(threads),
        ratio(ours, threads)
    );
    for (name, ns, py) in [
        ("map, chunksize 1", map1, py_map1),
        ("map, chunksize 100", map100, py_map100),
    ] {
        let _ = writeln!(
            md,
            "| {name} | {} | {} | {} | - | - |",
            cell(ns),
            cell(py),
            ratio(py, ns)
        );
    }
    let paired = super::paired("procpool_submit_result");
    let paired_ratio = paired
        .as_ref()
        .and_then(|p| p.ratio("processpoolexecutor", "threadpoolexecutor"));
    if let Some(r) = &paired_ratio {
        let _ = writeln!(
            md,
            "\nPaired rounds ({} rounds, rotating order): a process-pool task takes {} a thread-pool task's time (95% interval): {}.",
            r.n,
            r.ratio_text(),
            stats::verdict(r)
        );
    }
    md.push_str("\n| target | measured | verdict |\n|---|---|---|\n");
    if let Some(iv) = paired
        .as_ref()
        .and_then(|p| p.median("processpoolexecutor"))
    {
        let (m, v) = target_cell(&iv, super::time_at_most(&iv, 5_000.0), fmt_ns);
        let _ = writeln!(
            md,
            "| submit + result <= 5 µs/task (paired rounds) | {m} | {v} |"
        );
    } else if let Some(ns) = ours {
        let _ = writeln!(
            md,
            "| submit + result <= 5 µs/task | {} | {} |",
            fmt_ns(ns),
            if ns <= 5_000.0 {
                "met"
            } else if super::loaded() {
                "cannot tell at this noise"
            } else {
                "MISSED"
            }
        );
    }
    for (name, id, ns, limit) in [
        (
            "map(chunksize=1) <= 5 µs/task",
            "chunksize_1",
            map1,
            5_000.0,
        ),
        (
            "map(chunksize=100) <= 0.2 µs/task",
            "chunksize_100",
            map100,
            200.0,
        ),
    ] {
        if let Some(ns) = ns {
            let _ = writeln!(
                md,
                "| {name} | {} | {} |",
                fmt_ns(ns),
                super::judged_at_most("procpool_map", id, limit, ns)
            );
        }
    }
    md.push('\n');
    // Against CPython: paired rounds with CPython in a peer process (`procpool_vs_cpython`).
    let mut py_json = serde_json::Map::new();
    if let Some(p) = super::paired("procpool_vs_cpython") {
        let _ = writeln!(
            md,
            "Against CPython's `ProcessPoolExecutor` (fork), in paired rounds ({} rounds, rotating order; CPython runs in a peer \
             process and times itself, on fewer tasks): procpool's time per task over CPython's (95% interval).\n\n\
             | what | `procpool`, paired | CPython, paired | procpool / CPython | verdict |\n|---|---|---|---|---|",
            p.rounds
        );
        for (what, ours_id, py_id) in [
            (
                "submit + result",
                "procpool_submit_result",
                "cpython_submit_result",
            ),
            (
                "map, chunksize 1",
                "procpool_map_chunksize_1",
                "cpython_map_chunksize_1",
            ),
            (
                "map, chunksize 100",
                "procpool_map_chunksize_100",
                "cpython_map_chunksize_100",
            ),
        ] {
            let (Some(a), Some(b), Some(r)) =
                (p.median(ours_id), p.median(py_id), p.ratio(ours_id, py_id))
            else {
                continue;
            };
            let v = stats::verdict(&r);
            let _ = writeln!(
                md,
                "| {what} | {} | {} | {} | {} |",
                fmt_ns(a.median),
                fmt_ns(b.median),
                r.ratio_text(),
                match v {
                    stats::Verdict::Faster => "procpool faster".to_string(),
                    stats::Verdict::Slower => "procpool slower".to_string(),
                    stats::Verdict::WithinNoise(_) => v.to_string(),
                }
            );
            py_json.insert(
                ours_id.into(),
                json!({ "ratio_vs_cpython": r, "verdict": v.to_string() }),
            );
        }
        md.push('\n');
    }
    json.insert("paired_vs_cpython".into(), Value::Object(py_json));
    json.insert(
        "per_task_ns".into(),
        json!({
            "procpool_submit_result": ours, "pool_submit_result": threads,
            "procpool_map_chunksize_1": map1, "procpool_map_chunksize_100": map100,
            "cpython_submit_result": py_submit, "cpython_map_chunksize_1": py_map1,
            "cpython_map_chunksize_100": py_map100,
        }),
    );
    json.insert("paired_processes_vs_threads".into(), json!(paired_ratio));
}

fn lifecycle(md: &mut String, json: &mut serde_json::Map<String, Value>, python: Option<&Value>) {
    let start = criterion("procpool_lifecycle", "startup_first_result").map(|m| m.median_ns);
    let shutdown = criterion("procpool_lifecycle", "shutdown_idle").map(|m| m.median_ns);
    let latency = criterion("procpool_lifecycle", "one_task_latency").map(|m| m.median_ns);
    let detect = criterion("procpool_crash", "detect").map(|m| m.median_ns);
    let recover = criterion("procpool_crash", "recover").map(|m| m.median_ns);
    let py_start = |method: &str| {
        python
            .and_then(|p| p["startup_first_result_ms"][method].as_f64())
            .map(|ms| ms * 1e6)
    };
    let py_detect = py_ns(python, "crash_detect_ms", 1e6);

    md.push_str("### Start-up, shutdown and crashes\n\n");
    md.push_str("| step | `procpool` | target | verdict | CPython |\n|---|---|---|---|---|\n");
    // Each target judged on the bootstrap interval of criterion's samples (group/id of the row).
    let row = |md: &mut String,
               step: &str,
               (group, id): (&str, &str),
               ns: Option<f64>,
               limit: Option<f64>,
               py: String| {
        let (target, v) = match (ns, limit) {
            (Some(ns), Some(l)) => (
                format!("<= {}", fmt_ns(l)),
                super::judged_at_most(group, id, l, ns),
            ),
            (_, Some(l)) => (format!("<= {}", fmt_ns(l)), "-".into()),
            _ => ("-".into(), "-".into()),
        };
        let _ = writeln!(md, "| {step} | {} | {target} | {v} | {py} |", cell(ns));
    };
    let py_starts = format!(
        "fork {}, forkserver {}, spawn {}",
        cell(py_start("fork")),
        cell(py_start("forkserver")),
        cell(py_start("spawn"))
    );
    row(
        md,
        "new pool of 2 workers + first result",
        ("procpool_lifecycle", "startup_first_result"),
        start,
        Some(2e6),
        py_starts,
    );
    row(
        md,
        "one task on an idle warm pool, submit -> result",
        ("procpool_lifecycle", "one_task_latency"),
        latency,
        Some(5e4),
        "-".into(),
    );
    row(
        md,
        "shutdown(wait) of a warm pool, workers reaped",
        ("procpool_lifecycle", "shutdown_idle"),
        shutdown,
        None,
        "-".into(),
    );
    row(
        md,
        "worker SIGKILLed -> its future fails",
        ("procpool_crash", "detect"),
        detect,
        Some(5e5),
        format!("{} (and every other future fails too)", cell(py_detect)),
    );
    row(
        md,
        "failure -> a replacement worker returned a result",
        ("procpool_crash", "recover"),
        recover,
        Some(5e6),
        "never: the pool is broken".into(),
    );
    md.push('\n');
    json.insert(
        "lifecycle_ns".into(),
        json!({
            "startup_first_result": start, "shutdown_idle": shutdown, "one_task_latency": latency, "crash_detect": detect,
            "crash_recover": recover, "cpython_startup_fork": py_start("fork"),
            "cpython_startup_forkserver": py_start("forkserver"), "cpython_startup_spawn": py_start("spawn"),
            "cpython_crash_detect": py_detect,
        }),
    );
}

/// Bytes per payload of the round-trip bench; keep in step with the bench.
const PAYLOAD: f64 = (4 << 20) as f64;

fn payload(md: &mut String, json: &mut serde_json::Map<String, Value>) {
    let bytes = criterion("procpool_payload", "round_trip_bytes").map(|m| m.median_ns);
    let vec = criterion("procpool_payload", "round_trip_vec").map(|m| m.median_ns);
    md.push_str(
        "### Large payloads (4 MiB there and back, through shared memory)

",
    );
    md.push_str(
        "| argument and result type | round trip | throughput |
|---|---|---|
",
    );
    for (name, ns) in [("`procpool::Bytes`", bytes), ("`Vec<u8>`", vec)] {
        let gbps = ns.map_or("-".into(), |ns| format!("{:.2} GB/s", 2.0 * PAYLOAD / ns));
        let _ = writeln!(md, "| {name} | {} | {gbps} |", cell(ns));
    }
    md.push('\n');
    json.insert(
        "payload_round_trip_ns".into(),
        json!({ "bytes": bytes, "vec_u8": vec, "payload_bytes": PAYLOAD }),
    );
}

fn cpu_sweep(md: &mut String, json: &mut serde_json::Map<String, Value>) {
    let cpus = ::pool::usable_cpu_count();
    md.push_str("### CPU-bound tasks (about 1 ms each): how many worker processes?\n\n");
    let paired = super::paired("procpool_cpu_sweep");
    let workers = paired.as_ref().map_or_else(
        || sweep_workers(cpus),
        |p| p.worker_counts(&sweep_workers(cpus)),
    );
    let (rounds, is_paired) = scaling::rounds(
        paired.as_ref(),
        "procpool_cpu_sweep",
        |w| format!("workers/{w}"),
        &workers,
    );
    let advices = [scaling::Advice {
        label: "the seed's rule \"cores\"".into(),
        workers: cpus,
    }];
    let (text, mut value, _) = scaling::render(
        "CPU-bound, processes",
        "procpool_cpu_sweep.svg",
        &workers,
        &rounds,
        is_paired,
        &advices,
        0.0,
    );
    md.push_str(&text);
    if let Value::Object(o) = &mut value {
        o.insert("cpus".into(), json!(cpus));
    }
    json.insert("cpu_sweep".into(), value);
}

fn task_size(md: &mut String, json: &mut serde_json::Map<String, Value>) {
    md.push_str("### Task size: when do processes stop losing to threads?\n\n");
    md.push_str(
        "The same CPU-bound tasks on `pool` threads and `procpool` processes, one worker per CPU, in paired rounds \
         (rotating order). Rust threads have no GIL, so processes can at best match threads; the ratio is what \
         isolation costs. Target per size: processes within 10% of threads (time ratio <= 1.10).\n\n",
    );
    // Competing load does not hit threads and processes alike (two quick runs on a loaded 2-core machine
    // measured processes up to 4x faster than threads per CPU-bound task, where a quiet one measures them
    // slower): pairing cancels load that hits both the same, not this. A loaded run states the ratios but
    // judges nothing.
    let load = super::other_load().unwrap_or(0.0);
    let loaded = load > super::machine::NOISY_OTHER_CORES;
    if loaded {
        let _ = writeln!(
            md,
            "Other processes kept {load:.2} cores busy while this was measured: the scheduler then treats threads and \
             processes differently, which paired rounds cannot cancel, so no size is judged (\"cannot tell at this \
             noise\"); rerun on a quiet machine.\n"
        );
    }
    md.push_str("| spin rounds per task | threads per task | processes per task | processes / threads (95% interval) | within 10%? |\n|---|---|---|---|---|\n");
    let mut rows = Vec::new();
    let mut even_from: Option<u64> = None;
    let mut undecided = false;
    for rounds in TASK_SIZES {
        let paired = super::paired(&format!("procpool_task_size_{rounds}"));
        let (t, p, ratio) = match &paired {
            Some(pr) => (
                pr.median("threads").map(|i| i.median),
                pr.median("processes").map(|i| i.median),
                pr.ratio("processes", "threads"),
            ),
            None => {
                let t = per(criterion(
                    "procpool_task_size",
                    &format!("threads_{rounds}"),
                ));
                let p = per(criterion(
                    "procpool_task_size",
                    &format!("processes_{rounds}"),
                ));
                let r =
                    super::criterion_samples("procpool_task_size", &format!("processes_{rounds}"))
                        .zip(super::criterion_samples(
                            "procpool_task_size",
                            &format!("threads_{rounds}"),
                        ))
                        .and_then(|(a, b)| stats::unpaired_ratio(&a, &b));
                (t, p, r)
            }
        };
        let outcome = ratio.map(|r| {
            if loaded {
                stats::Target::CannotTell
            } else {
                stats::at_most(&r, 1.10)
            }
        });
        let _ = writeln!(
            md,
            "| {rounds} | {} | {} | {} | {} |",
            cell(t),
            cell(p),
            ratio.map_or("-".into(), |r| r.ratio_text()),
            outcome.map_or("-".into(), |o| o.to_string())
        );
        match outcome {
            Some(stats::Target::Met) if even_from.is_none() && !undecided => {
                even_from = Some(rounds)
            }
            Some(stats::Target::CannotTell) if even_from.is_none() => undecided = true,
            _ => {}
        }
        rows.push(
            json!({ "rounds": rounds, "threads_ns": t, "processes_ns": p,
            "ratio": ratio.map(|r| r.median), "ratio_interval": ratio, "paired": paired.is_some(),
            "within_10pct": outcome.map(|o| o.to_string()) }),
        );
    }
    match (even_from, undecided) {
        (Some(r), _) => {
            let _ = writeln!(
                md,
                "\nFrom {r} rounds per task, processes are within 10% of threads."
            );
        }
        (None, true) => md.push_str(
            "\nCannot tell at this noise from which size processes come within 10% of threads.\n",
        ),
        (None, false) => {
            md.push_str("\nProcesses stayed more than 10% behind threads at every size measured.\n")
        }
    }
    md.push('\n');
    json.insert(
        "task_size".into(),
        json!({ "rows": rows, "within_10pct_from_rounds": even_from, "undecided": undecided,
                "not_judged_under_load": loaded }),
    );
}

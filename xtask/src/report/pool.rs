//! The `pool` section: per-task overhead of the thread pool beside rayon, a thread per task and CPython,
//! pool start-up and shutdown, and the worker-count sweeps that check `pool::recommend_workers`.

use super::stats::{self, Verdict};
use super::{
    Section, cell, criterion, criterion_samples, fmt_ns, judged_at_most, per, scaling, target_cell,
};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Worker counts the sweeps of `benches/benches/pool.rs` measure on 2 CPUs; the report reads the counts
/// a run measured from its rounds, and uses these only for criterion's samples and the tests.
const CPU_WORKERS: [usize; 5] = [1, 2, 3, 4, 8];
const IO_WORKERS: [usize; 9] = [1, 2, 4, 8, 10, 12, 16, 24, 32];
/// The I/O-bound bench task waits 4 ms on average and computes 1 ms (calibrated by the bench): it waits 80% of the time.
const IO_WAIT_FRACTION: f64 = 0.8;

pub fn section() -> Section {
    let python = super::peer("pool");
    let mut md = String::new();
    let mut json = serde_json::Map::new();
    overhead(&mut md, &mut json, python.as_ref());
    lifecycle(&mut md, &mut json);
    sizing(&mut md, &mut json);
    Section {
        title: "Thread pool (pool)".into(),
        markdown: md,
        json: Value::Object(json),
    }
}

fn overhead(md: &mut String, json: &mut serde_json::Map<String, Value>, python: Option<&Value>) {
    let ours = super::per_element("pool_submit_result", "threadpoolexecutor");
    let rayon = super::per_element("pool_submit_result", "rayon_spawn_channel");
    let per_thread = super::per_element("pool_submit_result", "thread_per_task");
    let map_auto = per(criterion("pool_map", "auto_chunk"))
        .or_else(|| super::paired_median("pool_vs_cpython", "pool_map"));
    let map_one = per(criterion("pool_map", "chunksize_1"));
    // CPython: the paired rounds' medians (the same run as ours), else the standalone peer's.
    let py_submit =
        super::paired_median("pool_vs_cpython", "cpython_submit_result").or_else(|| {
            python
                .and_then(|p| p["submit_result_us_per_task"].as_f64())
                .map(|us| us * 1e3)
        });
    let py_map = super::paired_median("pool_vs_cpython", "cpython_map").or_else(|| {
        python
            .and_then(|p| p["map_us_per_item"].as_f64())
            .map(|us| us * 1e3)
    });

    md.push_str("### Per-task overhead (2 workers, trivial tasks)\n\n");
    md.push_str(
        "Submit every task, then `result()` each in order; `map` collects every result.\n\n",
    );
    md.push_str("| executor | per task | vs `pool` |\n|---|---|---|\n");
    let ratio = |x: Option<f64>| match (x, ours) {
        (Some(x), Some(o)) if o > 0.0 => format!("{:.1}x", x / o),
        _ => "-".into(),
    };
    let rows = [
        ("`pool::ThreadPoolExecutor` submit + result", ours),
        ("`rayon::spawn` + crossbeam channel (no futures)", rayon),
        ("`std::thread::spawn` per task + join", per_thread),
        ("CPython 3 `ThreadPoolExecutor` submit + result", py_submit),
        ("`pool` map, automatic chunking", map_auto),
        ("`pool` map, chunksize 1", map_one),
        ("CPython 3 `ThreadPoolExecutor.map`", py_map),
    ];
    // The verdicts: paired, interleaved rounds of the three thread executors.
    let paired = super::paired("pool_submit_result");
    // Rows measured in those rounds state the median of per-round ratios (as the verdicts below do), not
    // a ratio of medians, which on a noisy run can fall on the other side of 1.
    let paired_ids = [(1, "rayon_spawn_channel"), (2, "thread_per_task")];
    for (i, (name, ns)) in rows.into_iter().enumerate() {
        let r = paired_ids
            .iter()
            .find(|(row, _)| *row == i)
            .and_then(|(_, id)| paired.as_ref()?.ratio(id, "threadpoolexecutor"))
            .map_or_else(|| ratio(ns), |r| format!("{:.1}x", r.median));
        let _ = writeln!(md, "| {name} | {} | {r} |", cell(ns));
    }
    md.push('\n');

    let mut comparisons = serde_json::Map::new();
    if let Some(p) = &paired {
        let _ = writeln!(
            md,
            "Paired rounds ({} rounds, rotating order): time per task against `pool`'s, median of per-round ratios (95% interval).\n\n\
             | executor | per task, paired | time / `pool` | verdict |\n|---|---|---|---|",
            p.rounds
        );
        for (name, id) in [
            ("`rayon::spawn` + crossbeam channel", "rayon_spawn_channel"),
            ("`std::thread::spawn` per task + join", "thread_per_task"),
        ] {
            let (Some(m), Some(r)) = (p.median(id), p.ratio(id, "threadpoolexecutor")) else {
                continue;
            };
            let v = stats::verdict(&r);
            let word = match v {
                Verdict::Faster => "faster than `pool`".to_string(),
                Verdict::Slower => "slower than `pool`".to_string(),
                Verdict::WithinNoise(_) => format!("{v} of `pool`"),
            };
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {word} |",
                fmt_ns(m.median),
                r.ratio_text()
            );
            comparisons.insert(
                id.into(),
                json!({ "ratio_vs_pool": r, "verdict": v.to_string() }),
            );
        }
        md.push('\n');
    }
    md.push_str("| target | measured | verdict |\n|---|---|---|\n");
    let pool_iv = paired
        .as_ref()
        .and_then(|p| p.median("threadpoolexecutor"))
        .or_else(|| {
            stats::bootstrap_median(&criterion_samples(
                "pool_submit_result",
                "threadpoolexecutor",
            )?)
        });
    if let Some(iv) = pool_iv {
        let (m, v) = target_cell(&iv, super::time_at_most(&iv, 200.0), fmt_ns);
        let _ = writeln!(md, "| submit + result <= 0.20 µs/task | {m} | {v} |");
    }
    if let Some(r) = paired
        .as_ref()
        .and_then(|p| p.ratio("threadpoolexecutor", "rayon_spawn_channel"))
    {
        let (m, v) = target_cell(&r, stats::at_most(&r, 1.0), |x| format!("{x:.2}x"));
        let _ = writeln!(
            md,
            "| no slower than rayon::spawn + channel (paired) | {m} rayon's time | {v} |"
        );
        comparisons.insert(
            "pool_vs_rayon".into(),
            json!({ "ratio": r, "target": stats::at_most(&r, 1.0).to_string() }),
        );
    }
    // Against CPython: paired rounds with CPython in a peer process (`pool_vs_cpython`).
    let vs_py = super::paired("pool_vs_cpython");
    let mut py_json = serde_json::Map::new();
    for (what, ours_id, py_id) in [
        (
            "submit + result",
            "pool_submit_result",
            "cpython_submit_result",
        ),
        ("map", "pool_map", "cpython_map"),
    ] {
        let Some(r) = vs_py.as_ref().and_then(|p| p.ratio(ours_id, py_id)) else {
            continue;
        };
        let v = stats::verdict(&r);
        let _ = writeln!(
            md,
            "| {what}: faster than CPython's `ThreadPoolExecutor` (paired rounds, CPython in a peer process) | {} CPython's time per task ({:.0}x faster) | {} |",
            r.ratio_text(),
            1.0 / r.median,
            if v == Verdict::Faster {
                "met"
            } else if v == Verdict::Slower {
                "MISSED"
            } else {
                "cannot tell at this noise"
            }
        );
        py_json.insert(
            ours_id.into(),
            json!({ "ratio_vs_cpython": r, "verdict": v.to_string() }),
        );
    }
    if vs_py.is_none() {
        if let (Some(o), Some(p)) = (ours, py_submit) {
            let _ = writeln!(
                md,
                "| faster than CPython (not paired: the peer ran on its own, so no verdict; rerun the pool bench for paired rounds) | {:.0}x faster | - |",
                p / o
            );
        }
    }
    json.insert("paired_vs_cpython".into(), Value::Object(py_json));
    if let Some(iv) =
        criterion_samples("pool_map", "auto_chunk").and_then(|s| stats::bootstrap_median(&s))
    {
        let (m, v) = target_cell(&iv, super::time_at_most(&iv, 50.0), fmt_ns);
        let _ = writeln!(
            md,
            "| map, automatic chunking <= 0.05 µs/item (criterion samples) | {m} | {v} |"
        );
    } else if let Some(m) = map_auto {
        let _ = writeln!(
            md,
            "| map, automatic chunking <= 0.05 µs/item | {} | {} |",
            fmt_ns(m),
            super::judged_at_most("pool_map", "auto_chunk", 50.0, m)
        );
    }
    md.push('\n');
    json.insert(
        "per_task_ns".into(),
        json!({
            "pool_submit_result": ours, "rayon_spawn_channel": rayon, "thread_per_task": per_thread,
            "cpython_submit_result": py_submit, "pool_map_auto": map_auto, "pool_map_chunksize_1": map_one,
            "cpython_map": py_map,
        }),
    );
    json.insert("paired_per_task".into(), Value::Object(comparisons));
}

fn lifecycle(md: &mut String, json: &mut serde_json::Map<String, Value>) {
    let create = criterion("pool_lifecycle", "create_first_result").map(|m| m.median_ns);
    let shutdown = criterion("pool_lifecycle", "shutdown_idle").map(|m| m.median_ns);
    md.push_str("### Start-up and shutdown (2 threads)\n\n| step | measured | target | verdict |\n|---|---|---|---|\n");
    if let Some(c) = create {
        let _ = writeln!(
            md,
            "| new pool + first result | {} | <= 100 µs | {} |",
            fmt_ns(c),
            judged_at_most("pool_lifecycle", "create_first_result", 100_000.0, c)
        );
    }
    if let Some(s) = shutdown {
        let _ = writeln!(
            md,
            "| shutdown(wait) of an idle pool, threads joined | {} | <= 200 µs | {} |",
            fmt_ns(s),
            judged_at_most("pool_lifecycle", "shutdown_idle", 200_000.0, s)
        );
    }
    md.push('\n');
    json.insert(
        "lifecycle_ns".into(),
        json!({ "create_first_result": create, "shutdown_idle": shutdown }),
    );
}

fn sizing(md: &mut String, json: &mut serde_json::Map<String, Value>) {
    let usable = ::pool::usable_cpu_count();
    let cpu_advice = ::pool::recommend_workers(::pool::Workload::cpu_bound());
    let io_advice = ::pool::Workload::waiting(IO_WAIT_FRACTION)
        .map(::pool::recommend_workers)
        .unwrap_or(2 * usable);
    let cases = [
        (
            "CPU-bound tasks (1 ms of arithmetic each, calibrated; 3 per worker, at least 24)",
            "CPU-bound, threads",
            "pool_sizing_cpu",
            &CPU_WORKERS[..],
            cpu_advice,
            "cores",
            usable,
        ),
        (
            "I/O-bound tasks (a blocking wait of 2-6 ms, 4 ms on average, + 1 ms of arithmetic each; 3 per worker, at least 24)",
            "Waiting work (80% blocked), threads",
            "pool_sizing_io",
            &IO_WORKERS[..],
            io_advice,
            "2 x cores",
            2 * usable,
        ),
    ];
    md.push_str("### How many workers? (a scalability model fitted to the sweep; the seed's rule of thumb, checked)\n\n");
    let mut out = serde_json::Map::new();
    for (title, short, group, workers, advice, rule, rule_workers) in cases {
        let paired = super::paired(group);
        let measured = paired
            .as_ref()
            .map_or_else(|| workers.to_vec(), |p| p.worker_counts(workers));
        let workers = &measured[..];
        let (rounds, is_paired) =
            scaling::rounds(paired.as_ref(), group, |w| w.to_string(), workers);
        let _ = writeln!(md, "**{title}**\n");
        let advices = [
            scaling::Advice {
                label: "`recommend_workers`".into(),
                workers: advice,
            },
            scaling::Advice {
                label: format!("the seed's rule \"{rule}\""),
                workers: rule_workers,
            },
        ];
        let (text, mut value, _) = scaling::render(
            short,
            &format!("{group}.svg"),
            workers,
            &rounds,
            is_paired,
            &advices,
            if group == "pool_sizing_io" {
                IO_WAIT_FRACTION
            } else {
                0.0
            },
        );
        md.push_str(&text);
        if let Value::Object(o) = &mut value {
            o.insert("advice".into(), json!(advice));
            o.insert("rule_of_thumb".into(), json!(rule_workers));
        }
        out.insert(group.into(), value);
    }
    json.insert("sizing".into(), Value::Object(out));
}

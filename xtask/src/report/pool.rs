//! The `pool` section: per-task overhead of the thread pool beside rayon, a thread per task and CPython,
//! pool start-up and shutdown, and the worker-count sweeps that check `pool::recommend_workers`.

use super::plot::{Chart, Series, line_chart};
use super::{Section, cell, criterion, fmt_ns, per, verdict};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Worker counts swept by `benches/benches/pool.rs`; keep in step with `CPU_WORKERS` / `IO_WORKERS` there.
const CPU_WORKERS: [usize; 5] = [1, 2, 3, 4, 8];
const IO_WORKERS: [usize; 9] = [1, 2, 4, 8, 10, 12, 16, 24, 32];
/// The I/O-bound bench task waits 4 ms and computes 1 ms (calibrated by the bench): it waits 80% of the time.
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
    let ours = per(criterion("pool_submit_result", "threadpoolexecutor"));
    let rayon = per(criterion("pool_submit_result", "rayon_spawn_channel"));
    let per_thread = per(criterion("pool_submit_result", "thread_per_task"));
    let map_auto = per(criterion("pool_map", "auto_chunk"));
    let map_one = per(criterion("pool_map", "chunksize_1"));
    let py_submit = python
        .and_then(|p| p["submit_result_us_per_task"].as_f64())
        .map(|us| us * 1e3);
    let py_map = python
        .and_then(|p| p["map_us_per_item"].as_f64())
        .map(|us| us * 1e3);

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
    for (name, ns) in rows {
        let _ = writeln!(md, "| {name} | {} | {} |", cell(ns), ratio(ns));
    }
    md.push('\n');

    md.push_str("| target | measured | verdict |\n|---|---|---|\n");
    if let Some(o) = ours {
        let _ = writeln!(
            md,
            "| submit + result <= 0.20 µs/task | {} | {} |",
            fmt_ns(o),
            verdict(o <= 200.0)
        );
        if let Some(r) = rayon {
            let _ = writeln!(
                md,
                "| no slower than rayon::spawn + channel | {:.2}x rayon | {} |",
                o / r,
                verdict(o <= r)
            );
        }
        if let Some(p) = py_submit {
            let _ = writeln!(
                md,
                "| faster than CPython (about 13 µs/task) | {:.0}x faster | {} |",
                p / o,
                verdict(p > o)
            );
        }
    }
    if let Some(m) = map_auto {
        let _ = writeln!(
            md,
            "| map, automatic chunking <= 0.05 µs/item | {} | {} |",
            fmt_ns(m),
            verdict(m <= 50.0)
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
            verdict(c <= 100_000.0)
        );
    }
    if let Some(s) = shutdown {
        let _ = writeln!(
            md,
            "| shutdown(wait) of an idle pool, threads joined | {} | <= 200 µs | {} |",
            fmt_ns(s),
            verdict(s <= 200_000.0)
        );
    }
    md.push('\n');
    json.insert(
        "lifecycle_ns".into(),
        json!({ "create_first_result": create, "shutdown_idle": shutdown }),
    );
}

/// Throughput (tasks per second) for each swept worker count that was measured.
fn sweep(group: &str, workers: &[usize]) -> Vec<(usize, f64)> {
    workers
        .iter()
        .filter_map(|&w| {
            let m = criterion(group, &w.to_string())?;
            Some((w, 1e9 / m.ns_per_element()))
        })
        .collect()
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
            "pool_sizing_cpu",
            &CPU_WORKERS[..],
            cpu_advice,
            "workers = cores",
        ),
        (
            "I/O-bound tasks (4 ms blocking wait + 1 ms of arithmetic each; 3 per worker, at least 24)",
            "pool_sizing_io",
            &IO_WORKERS[..],
            io_advice,
            "workers = 2 x cores",
        ),
    ];
    md.push_str("### How many workers? (the seed's rule of thumb, checked)\n\n");
    let mut out = serde_json::Map::new();
    for (title, group, workers, advice, rule) in cases {
        let points = sweep(group, workers);
        let _ = writeln!(md, "**{title}**\n\n| workers | tasks/s |\n|---|---|");
        for (w, tput) in &points {
            let _ = writeln!(md, "| {w} | {tput:.0} |");
        }
        if !points.is_empty() {
            let file = format!("{group}.svg");
            let series = [Series {
                label: "ThreadPoolExecutor".into(),
                points: points.iter().map(|&(w, t)| (w as f64, t)).collect(),
            }];
            let chart = Chart {
                title,
                x_label: "workers",
                y_label: "tasks per second",
                log_x: true,
                log_y: false,
            };
            match line_chart(&super::img_dir().join(&file), &chart, &series) {
                Ok(()) => {
                    let _ = writeln!(md, "\n![{title}: throughput against workers](img/{file})");
                }
                Err(err) => eprintln!("xtask: {err:#}"),
            }
        }
        let best = points.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
        let rule_workers = if group == "pool_sizing_cpu" {
            usable
        } else {
            2 * usable
        };
        let at = |w: usize| points.iter().find(|p| p.0 == w).map(|p| p.1);
        if let Some((best_w, best_t)) = best {
            let _ = writeln!(md, "\nFastest: {best_w} workers ({best_t:.0} tasks/s).");
            for (label, w) in [
                (format!("`recommend_workers` advice ({advice})"), advice),
                (format!("rule \"{rule}\" ({rule_workers})"), rule_workers),
            ] {
                match at(w) {
                    Some(t) => {
                        let _ =
                            writeln!(md, "- {label}: {:.0}% of the fastest.", 100.0 * t / best_t);
                    }
                    None => {
                        let _ = writeln!(md, "- {label}: that worker count was not in the sweep.");
                    }
                }
            }
        }
        md.push('\n');
        out.insert(
            group.into(),
            json!({ "points": points, "advice": advice, "rule_of_thumb": rule_workers }),
        );
    }
    json.insert("sizing".into(), Value::Object(out));
}

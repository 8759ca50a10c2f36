//! The report's first section: the seed's question — threads, processes or the GPU, and how many
//! workers? — answered with this run's numbers, one verdict per question. The crate sections below it
//! hold the detail; sections may add one-line answers under a `"verdicts"` key of their JSON, which are
//! gathered here.

use super::plot::{Chart, Series, line_chart};
use super::{Section, fmt_ns, peer, stats};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The sections whose measurements the sweeps below read (by title).
const POOL: &str = "Thread pool (pool)";
const PROCPOOL: &str = "Process pool (procpool)";
const GPU: &str = "GPU kernels (gpu)";

/// `[[x, y], ...]` points stored at `path` in the JSON of the section titled `title`.
fn points(others: &[Section], title: &str, path: &[&str]) -> Vec<(f64, f64)> {
    let Some(section) = others.iter().find(|s| s.title == title) else {
        return Vec::new();
    };
    let value = path.iter().fold(&section.json, |v, key| &v[*key]);
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
        .collect()
}

fn per_task(group: &str, id: &str) -> Option<f64> {
    super::per_element(group, id)
}

fn pct(x: f64, best: f64) -> String {
    format!("{:.0}%", 100.0 * x / best)
}

/// Builds the section from the measurements and the other sections' `"verdicts"`.
pub fn section(others: &[Section]) -> Section {
    let mut md = String::new();
    let mut json = serde_json::Map::new();
    let cpus = ::pool::usable_cpu_count();
    md.push_str("Each answer below is measured in this run on this machine; the sections after it hold the detail.\n\n");

    // 1. Per-task overhead.
    let threads = per_task("pool_submit_result", "threadpoolexecutor");
    let rayon = per_task("pool_submit_result", "rayon_spawn_channel");
    let per_thread = per_task("pool_submit_result", "thread_per_task");
    let processes = per_task("procpool_submit_result", "processpoolexecutor");
    let processes_chunked = per_task("procpool_map", "chunksize_100");
    let py_threads =
        super::paired_median("pool_vs_cpython", "cpython_submit_result").or_else(|| {
            peer("pool")
                .and_then(|p| p["submit_result_us_per_task"].as_f64())
                .map(|us| us * 1e3)
        });
    let py_processes = super::paired_median("procpool_vs_cpython", "cpython_submit_result")
        .or_else(|| {
            peer("procpool")
                .and_then(|p| p["submit_result_us_per_task"].as_f64())
                .map(|us| us * 1e3)
        });
    md.push_str(
        "### 1. What does one task cost? (trivial tasks, 2 workers, submit then collect)\n\n",
    );
    md.push_str("| executor | per task | vs `pool` threads |\n|---|---|---|\n");
    let rows = [
        ("threads: `pool::ThreadPoolExecutor`", threads),
        ("threads: `rayon::spawn` + channel", rayon),
        ("threads: a new `std::thread` per task", per_thread),
        ("processes: `procpool::ProcessPoolExecutor`", processes),
        (
            "processes: `procpool` map, 100 tasks per message",
            processes_chunked,
        ),
        ("CPython `ThreadPoolExecutor`", py_threads),
        ("CPython `ProcessPoolExecutor`", py_processes),
    ];
    // Rows that ran in `pool`'s paired rounds state the median of per-round ratios (as the verdicts below
    // do), not a ratio of medians: on a noisy run the two can fall on opposite sides of 1.
    let pool_rounds = super::paired("pool_submit_result");
    let paired_ids = [(1, "rayon_spawn_channel"), (2, "thread_per_task")];
    for (i, (name, ns)) in rows.into_iter().enumerate() {
        let paired_ratio = paired_ids
            .iter()
            .find(|(row, _)| *row == i)
            .and_then(|(_, id)| pool_rounds.as_ref()?.ratio(id, "threadpoolexecutor"));
        let ratio = match (paired_ratio, ns, threads) {
            (Some(r), _, _) => format!("{:.1}x", r.median),
            (None, Some(x), Some(t)) if t > 0.0 => format!("{:.1}x", x / t),
            _ => "-".into(),
        };
        let _ = writeln!(
            md,
            "| {name} | {} | {ratio} |",
            ns.map_or("not measured".into(), fmt_ns)
        );
    }
    let mut verdicts: Vec<String> = Vec::new();
    // The verdicts rest on paired rounds: processes against threads, rayon against pool.
    let section_json = |title: &str, path: &[&str]| -> Value {
        others
            .iter()
            .find(|s| s.title == title)
            .map(|s| path.iter().fold(&s.json, |v, k| &v[*k]).clone())
            .unwrap_or(Value::Null)
    };
    let interval =
        |v: &Value| -> Option<stats::Interval> { serde_json::from_value(v.clone()).ok() };
    if let Some(r) = interval(&section_json(PROCPOOL, &["paired_processes_vs_threads"])) {
        verdicts.push(format!(
            "Overhead: a process-pool task takes {} a thread-pool task's time (paired, 95% interval): processes are {}; batching 100 tasks per message{}.",
            r.ratio_text(),
            stats::verdict(&r),
            processes_chunked.map_or(String::new(), |c| format!(" brings a task to {}", fmt_ns(c)))
        ));
    } else if let (Some(t), Some(p)) = (threads, processes) {
        verdicts.push(format!(
            "Overhead (not paired, one median each): a process-pool task costs {:.0}x a thread-pool task ({} vs {}).",
            p / t,
            fmt_ns(p),
            fmt_ns(t),
        ));
    }
    if let Some(r) = interval(&section_json(
        POOL,
        &["paired_per_task", "rayon_spawn_channel", "ratio_vs_pool"],
    )) {
        let v = stats::verdict(&r);
        verdicts.push(format!(
            "Overhead: `rayon::spawn` + channel takes {} `pool`'s time per task (paired): {}.",
            r.ratio_text(),
            match v {
                stats::Verdict::WithinNoise(_) => format!("{v}, parity"),
                _ => format!("rayon is {v}"),
            }
        ));
    }
    for (title, id, ours, theirs) in [
        (
            POOL,
            "pool_submit_result",
            "a `pool` task",
            "CPython's `ThreadPoolExecutor`",
        ),
        (
            PROCPOOL,
            "procpool_submit_result",
            "a `procpool` task",
            "CPython's `ProcessPoolExecutor`",
        ),
    ] {
        if let Some(r) = interval(&section_json(
            title,
            &["paired_vs_cpython", id, "ratio_vs_cpython"],
        )) {
            verdicts.push(format!(
                "Overhead: {ours} takes {} the time of one on {theirs} (paired rounds, CPython in a peer process): {}.",
                r.ratio_text(),
                match stats::verdict(&r) {
                    stats::Verdict::Faster => "faster".to_string(),
                    stats::Verdict::Slower => "slower".to_string(),
                    v => v.to_string(),
                }
            ));
        }
    }
    md.push('\n');
    json.insert(
        "per_task_ns".into(),
        json!({ "threads": threads, "rayon": rayon, "thread_per_task": per_thread, "processes": processes,
                "processes_chunk_100": processes_chunked, "cpython_threads": py_threads, "cpython_processes": py_processes }),
    );

    // 2. CPU-bound work: threads and processes against workers.
    // The pool and procpool sections measured these sweeps; read their points rather than recompute.
    let thread_points = points(others, POOL, &["sizing", "pool_sizing_cpu", "points"]);
    let process_points = points(others, PROCPOOL, &["cpu_sweep", "points"]);
    md.push_str("### 2. CPU-bound work: how many workers?\n\n");
    let mut cpu_json = serde_json::Map::new();
    let mut series = Vec::new();
    for (label, points) in [
        ("threads (pool)", &thread_points),
        ("processes (procpool)", &process_points),
    ] {
        let Some(best) = points.iter().map(|p| p.1).reduce(f64::max) else {
            continue;
        };
        let at_cores = points.iter().find(|p| p.0 as usize == cpus).map(|p| p.1);
        let cells: Vec<String> = points
            .iter()
            .map(|(w, t)| format!("{w} workers: {}", pct(*t, best)))
            .collect();
        let _ = writeln!(
            md,
            "- {label}, throughput as a share of its best: {}.",
            cells.join(", ")
        );
        let _ = at_cores;
        series.push(Series {
            label: label.into(),
            points: points.iter().map(|&(w, t)| (w, 100.0 * t / best)).collect(),
        });
        cpu_json.insert(label.into(), json!(points));
    }
    if !series.is_empty() {
        let chart = Chart {
            title: "CPU-bound tasks: throughput against workers",
            x_label: "workers",
            y_label: "% of best throughput",
            log_x: true,
            log_y: false,
        };
        match line_chart(
            &super::img_dir().join("cpu_bound_workers.svg"),
            &chart,
            &series,
        ) {
            Ok(()) => md
                .push_str("\n![CPU-bound throughput against workers](img/cpu_bound_workers.svg)\n"),
            Err(err) => eprintln!("xtask: {err:#}"),
        }
    }
    md.push('\n');
    let fitted = [
        section_json(POOL, &["sizing", "pool_sizing_cpu", "verdicts"]),
        section_json(PROCPOOL, &["cpu_sweep", "verdicts"]),
    ];
    for v in fitted
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
    {
        let _ = writeln!(md, "- {v}");
        verdicts.push(v.to_string());
    }
    md.push('\n');
    json.insert("cpu_bound".into(), Value::Object(cpu_json));

    // 3. I/O-bound work.
    md.push_str("### 3. Waiting (I/O-bound) work: how many workers?\n\n");
    let io: Vec<(usize, f64)> = points(others, POOL, &["sizing", "pool_sizing_io", "points"])
        .into_iter()
        .map(|(w, t)| (w as usize, t))
        .collect();
    if let Some(best) = io.iter().map(|p| p.1).reduce(f64::max) {
        let at = |w: usize| io.iter().find(|p| p.0 == w).map(|p| p.1);
        let advice = ::pool::Workload::waiting(0.8)
            .map(::pool::recommend_workers)
            .unwrap_or(2 * cpus);
        let _ = at;
        md.push_str(
            "| workers | throughput (median of rounds), share of the best median |\n|---|---|\n",
        );
        for (w, t) in &io {
            let mark = match (*w == 2 * cpus, *w == advice) {
                (true, true) => " (2 x cores; recommended)",
                (true, false) => " (2 x cores)",
                (false, true) => " (recommended)",
                (false, false) => "",
            };
            let _ = writeln!(md, "| {w}{mark} | {} |", pct(*t, best));
        }
        md.push('\n');
        let lines = section_json(POOL, &["sizing", "pool_sizing_io", "verdicts"]);
        for v in lines
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let _ = writeln!(md, "- {v}");
            verdicts.push(v.to_string());
        }
        if io.len() > 1 {
            md.push_str("\n![I/O-bound throughput against workers, with the fitted curve](img/pool_sizing_io.svg)\n\n");
        }
        json.insert("io_bound".into(), json!({ "points": io, "advice": advice }));
    } else {
        md.push_str("not measured\n\n");
    }

    // 4. Task size at which processes stop losing to threads.
    md.push_str("### 4. When do processes stop losing to threads?\n\n");
    let task_rows = section_json(PROCPOOL, &["task_size", "rows"]);
    let task_rows: Vec<&Value> = task_rows.as_array().into_iter().flatten().collect();
    let sizes: Vec<(u64, f64)> = task_rows
        .iter()
        .filter_map(|row| Some((row["rounds"].as_u64()?, row["ratio"].as_f64()?)))
        .collect();
    if !sizes.is_empty() {
        md.push_str("| spin rounds per task | processes / threads time (95% interval) | within 10%? |\n|---|---|---|\n");
        for row in &task_rows {
            let (Some(r), Some(ratio)) = (row["rounds"].as_u64(), row["ratio"].as_f64()) else {
                continue;
            };
            let text =
                interval(&row["ratio_interval"]).map_or(format!("{ratio:.2}x"), |i| i.ratio_text());
            let _ = writeln!(
                md,
                "| {r} | {text} | {} |",
                row["within_10pct"].as_str().unwrap_or("-")
            );
        }
        let from = section_json(PROCPOOL, &["task_size", "within_10pct_from_rounds"]).as_u64();
        let undecided = section_json(PROCPOOL, &["task_size", "undecided"]).as_bool() == Some(true);
        let line = match (from, undecided) {
            (Some(r), _) => format!(
                "Task size: from about {r} rounds of work per task, processes are within 10% of threads (the whole interval); below that, process start-up and IPC dominate (Rust threads have no GIL, so this ratio is the price of isolation)."
            ),
            (None, true) => "Task size: cannot tell at this noise from which task size processes come within 10% of threads.".to_string(),
            (None, false) => {
                "Task size: processes stayed more than 10% behind threads at every size measured."
                    .to_string()
            }
        };
        let _ = writeln!(md, "\n{line}\n");
        let chart = Chart {
            title: "Processes against threads: time ratio by work per task",
            x_label: "spin rounds per task",
            y_label: "processes / threads time",
            log_x: true,
            log_y: true,
        };
        let series = [Series {
            label: "procpool / pool".into(),
            points: sizes.iter().map(|&(r, ratio)| (r as f64, ratio)).collect(),
        }];
        if sizes.len() > 1 {
            match line_chart(&super::img_dir().join("task_size.svg"), &chart, &series) {
                Ok(()) => md.push_str(
                    "![Processes against threads by work per task](img/task_size.svg)\n\n",
                ),
                Err(err) => eprintln!("xtask: {err:#}"),
            }
        }
        verdicts.push(line);
        json.insert("task_size".into(), json!(sizes));
    } else {
        md.push_str("not measured\n\n");
    }

    // 5 and 6: the sections' own answers, the GPU's first, then evalx, fsutil and the viewer.
    let gathered = |md: &mut String, gpu: bool| {
        let mut any = false;
        for s in others.iter().filter(|s| (s.title == GPU) == gpu) {
            for v in s
                .json
                .get("verdicts")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(v) = v.as_str() {
                    let _ = writeln!(md, "- {}: {v}", s.title);
                    any = true;
                }
            }
        }
        if !any {
            md.push_str("not measured: see the sections below.\n");
        }
        md.push('\n');
    };
    md.push_str("### 5. From which array size does the GPU beat the CPU?\n\n");
    gathered(&mut md, true);
    for plot in others
        .iter()
        .filter(|s| s.title == GPU)
        .filter_map(|s| s.json["plots"].as_array())
        .flatten()
    {
        if let (Some(file), Some(caption)) = (plot["file"].as_str(), plot["caption"].as_str()) {
            let _ = writeln!(md, "![{caption}](img/{file})\n");
        }
    }
    md.push_str(
        "### 6. The other crates: evalx against CPython, walking directories, showing images\n\n",
    );
    gathered(&mut md, false);

    let mut head = String::from("**Verdicts**\n\n");
    for v in &verdicts {
        let _ = writeln!(head, "- {v}");
    }
    head.push('\n');
    json.insert("verdicts".into(), json!(verdicts));
    Section {
        title: super::ANSWER_TITLE.into(),
        markdown: head + &md,
        json: Value::Object(json),
    }
}

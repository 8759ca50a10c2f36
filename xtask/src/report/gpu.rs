//! The `gpu` section: this machine's criterion numbers for the kernel library on the CPU simulator beside a
//! plain Rust loop (and CUDA when this machine had a device), then every saved GPU run under
//! `docs/gpu-results/*.json` (written by `cargo run --release -p gpu --example device_bench` on a GPU
//! machine), labelled with its device and date.

use super::plot::{Chart, Series, line_chart};
use super::{Section, cell, criterion, fmt_ns, stats};
use crate::util::root;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Sizes swept by `benches/benches/gpu.rs`; keep in step with it.
const MAT_ADD_SIZES: [usize; 3] = [256, 1024, 2048];
const MATMUL_SIZES: [usize; 3] = [64, 128, 256];
const SAXPY_N: usize = 1 << 20;
/// The target: barrier-free simulator kernels within 3x of a plain loop doing the same arithmetic.
const SIM_TARGET: f64 = 3.0;

pub fn section() -> Section {
    let mut md = String::new();
    let mut json = serde_json::Map::new();
    this_machine(&mut md, &mut json);
    saved_gpu_runs(&mut md, &mut json);
    let plots = size_plots(&mut md, &json);
    json.insert("plots".into(), json!(plots));
    // One-line answers for the report's opening section: where the simulator on this machine and the GPU
    // of each saved run start to win.
    let mut verdicts: Vec<Value> = simulator_verdicts(&json)
        .into_iter()
        .map(Value::String)
        .collect();
    for (file, run, device) in saved_runs(&json) {
        for kernel in ["mat_add_f32", "matmul_f32"] {
            if let Some(line) = crossover(run, kernel) {
                verdicts.push(Value::String(format!(
                    "{device} (saved run `{file}`): {line}"
                )));
            }
        }
    }
    json.insert("verdicts".into(), Value::Array(verdicts));
    Section {
        title: "GPU kernels (gpu)".into(),
        markdown: md,
        json: Value::Object(json),
    }
}

fn time(group: &str, id: &str) -> Option<f64> {
    criterion(group, id).map(|m| m.median_ns)
}

/// The time of one run of `backend` (`cpu_loop`, `simulator`, `cuda`) on `group`'s `size`: criterion's
/// median, else (a quick run leaves those rows out) the median of the paired rounds `<group>_<size>`.
fn run_time(group: &str, size: &str, backend: &str) -> Option<f64> {
    // The paired rounds first: a quick run leaves criterion's copies out, and criterion's folder may
    // still hold an earlier run's.
    super::paired(&format!("{group}_{size}"))
        .and_then(|p| Some(p.median(backend)?.median * p.elements(backend)? as f64))
        .or_else(|| time(group, &format!("{backend}_{size}")))
}

/// Whether other processes kept the machine busy while this section was measured. Load hits the
/// simulator (every core) and the one-core loop differently, which pairing does not cancel: two loaded
/// quick runs judged mat_add at 256 at 3.56x (MISSED) and 2.73x (met) of the loop's time, each interval
/// a few percent wide. A loaded run therefore judges no simulator target and names no winner.
fn loaded() -> bool {
    super::loaded()
}

/// The simulator's time over the plain loop's on `group`'s `size`, from the paired rounds
/// `<group>_<size>` (both once per round, rotating order): median of per-round ratios with its interval.
fn paired_sim_ratio(group: &str, size: &str) -> Option<stats::Interval> {
    super::paired(&format!("{group}_{size}"))?.ratio("simulator", "cpu_loop")
}

fn ratio(x: Option<f64>, base: Option<f64>) -> Option<f64> {
    match (x, base) {
        (Some(x), Some(b)) if b > 0.0 => Some(x / b),
        _ => None,
    }
}

fn this_machine(md: &mut String, json: &mut serde_json::Map<String, Value>) {
    md.push_str("### This machine: the CPU simulator (no GPU needed)\n\n");
    md.push_str("These rows are the **simulator** (`gpu::Device::simulator()`, blocks in parallel on rayon's pool), ");
    md.push_str(
        "not a GPU. `cuda` rows appear only when the machine running the bench has a CUDA device. ",
    );
    let _ = writeln!(
        md,
        "Target: barrier-free kernels within {SIM_TARGET}x of the plain loop (the `simulator / loop` column \
         judges each row; kernels with barriers are shown for reference). The plain loop runs on one core \
         and vectorises. Every simulator row is a library kernel written once with `#[gpu::kernel]`, the \
         same source that becomes the PTX run on a GPU: the barrier-free ones (mat_add, saxpy, mandelbrot) \
         run in span form, the generated body in a loop over a run of consecutive threads, on every core (or \
         on the calling thread when the launch is too short to gain from threads); kernels with \
         `syncthreads` (tiled matmul, block sum) run each simulated thread as a coroutine. Simulator memory \
         is relaxed atomics, so that racing simulated threads stay sound, and compilers do not vectorise \
         atomic accesses. mat_add, saxpy and mandelbrot run in plain form instead: every write of theirs is at \
         the thread's own index (for saxpy's grid-stride loop, the loop variable: thread x owns x, x + S, \
         x + 2S, ..., S the grid's size, so in each pass a span's threads own consecutive elements), so the launch takes its arrays through a per-array lock (exclusive for the \
         written ones) and gives each span its own elements, and the in-bounds part of each span loop runs \
         on plain slices the compiler vectorises like the plain loop (the crate documentation's \"Plain \
         form\" gives the soundness argument); what remains is per span, one per grid row. On arrays larger \
         than the caches both loops are bound by memory.\n"
    );
    md.push_str(
        "No GPU was lent to the session that wrote the `#[gpu::kernel]` versions of these kernels, their warp \
         functions and streams, so the CUDA column is empty here and the saved runs below measured the \
         earlier, hand-written CUDA C kernels; `TASKLAB_REQUIRE_GPU=1 cargo test -p gpu --test cuda` and \
         `device_bench` are the checks to run when a GPU is lent.\n\n",
    );
    md.push_str(
        "The ratio column is the simulator's time over the loop's from paired rounds (the loop and the \
         simulator once per round, rotating order, so a load change hits both): the median of per-round \
         ratios with its 95% bootstrap interval; the target is met or MISSED only when the whole interval \
         is on one side of 3x, and only on a run the machine state does not call loaded (load hits the \
         simulator, on every core, and the one-core loop differently, which pairing does not cancel). The time columns are the paired rounds' medians (criterion's \
         where there are none).\n\n",
    );
    md.push_str("| kernel | size | plain Rust loop | simulator | simulator / loop (paired) | CUDA (this machine) |\n");
    md.push_str("|---|---|---|---|---|---|\n");
    let mut rows = Vec::new();
    let mut emit = |kernel: &str, group: &str, size: String, barriers: bool| {
        emit_row(md, &mut rows, kernel, group, &size, barriers)
    };
    for n in MAT_ADD_SIZES {
        emit("mat_add f32", "gpu_mat_add", n.to_string(), false);
    }
    emit(
        "saxpy f32 (grid-stride)",
        "gpu_saxpy",
        SAXPY_N.to_string(),
        false,
    );
    emit(
        "mandelbrot (100 iterations)",
        "gpu_mandelbrot",
        "512x384".into(),
        false,
    );
    for n in MATMUL_SIZES {
        emit("tiled matmul f32", "gpu_matmul", n.to_string(), true);
    }
    emit("block sum f32", "gpu_sum", "1048576".into(), true);
    // The library's mat_add is a span kernel; the same kernel written per thread, as a user's own
    // `launch_sim` kernel is, for reference (no verdict).
    for n in MAT_ADD_SIZES {
        let cpu = run_time("gpu_mat_add", &n.to_string(), "cpu_loop");
        let sim = time("gpu_mat_add", &format!("simulator_per_thread_{n}"));
        let Some(r) = ratio(sim, cpu) else { continue };
        let _ = writeln!(
            md,
            "| mat_add f32 written per thread (`launch_sim`, for reference) | {n} | {} | {} | {r:.1}x (not paired: no verdict) | - |",
            cell(cpu),
            cell(sim)
        );
        rows.push(
            json!({"kernel": "mat_add f32 per thread", "size": n.to_string(), "cpu_loop_ns": cpu,
            "simulator_ns": sim, "simulator_over_loop": r}),
        );
    }
    md.push('\n');
    json.insert("this_machine".into(), Value::Array(rows));
}

/// One row of the simulator table: `group`'s `cpu_loop_`, `simulator_` and `cuda_` ids for `size`, with the
/// target's verdict for barrier-free kernels.
fn emit_row(
    md: &mut String,
    rows: &mut Vec<Value>,
    kernel: &str,
    group: &str,
    size: &str,
    barriers: bool,
) {
    let cpu = run_time(group, size, "cpu_loop");
    let sim = run_time(group, size, "simulator");
    let cuda = run_time(group, size, "cuda");
    let paired = paired_sim_ratio(group, size);
    let target = paired.as_ref().filter(|_| !barriers).map(|r| {
        if loaded() {
            stats::Target::CannotTell
        } else {
            stats::at_most(r, SIM_TARGET)
        }
    });
    let verdict = match (&paired, ratio(sim, cpu), barriers) {
        (Some(r), _, false) => format!(
            "{} ({})",
            r.ratio_text(),
            target.map_or_else(String::new, |t| t.to_string())
        ),
        (Some(r), _, true) => format!("{} (barriers: coroutines; no target)", r.ratio_text()),
        // Without paired rounds (an older run's results): the plain ratio, and no verdict on it.
        (None, Some(r), _) => format!("{r:.1}x (not paired: no verdict)"),
        (None, None, _) => "-".into(),
    };
    let _ = writeln!(
        md,
        "| {kernel} | {size} | {} | {} | {verdict} | {} |",
        cell(cpu),
        cell(sim),
        cell(cuda)
    );
    rows.push(json!({"kernel": kernel, "size": size, "cpu_loop_ns": cpu, "simulator_ns": sim, "cuda_ns": cuda,
        "simulator_over_loop": ratio(sim, cpu), "paired_simulator_over_loop": paired,
        "target_at_most": (!barriers).then_some(SIM_TARGET), "barriers": barriers,
        "verdict": target.map(|t| t.to_string())}));
}

fn saved_gpu_runs(md: &mut String, json: &mut serde_json::Map<String, Value>) {
    md.push_str("### Saved GPU runs (`docs/gpu-results/`)\n\n");
    let dir = root().join("docs/gpu-results");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        md.push_str("None saved yet: run `cargo run --release -p gpu --example device_bench > docs/gpu-results/<device>-<date>.json` on a GPU machine.\n\n");
        return;
    }
    let mut runs = Vec::new();
    for path in files {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(run) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            let _ = writeln!(md, "- `{name}.json` could not be read as JSON.\n");
            continue;
        };
        gpu_run(md, &name, &run);
        runs.push(json!({"file": name, "run": run}));
    }
    json.insert("saved_gpu_runs".into(), Value::Array(runs));
}

fn secs(v: &Value) -> Option<f64> {
    v.as_f64().map(|s| s * 1e9)
}

fn gpu_run(md: &mut String, name: &str, run: &Value) {
    let date = name
        .rsplit('-')
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("-");
    let _ = writeln!(
        md,
        "#### {} — {} (`{name}.json`)\n\nMeasured with `device_bench`: the host's plain loop (CPU), the simulator on the host's {} threads, and the GPU kernel alone (launch + synchronize, data already on the device) and end to end (copies in, kernel, copy out).\n",
        run["device"].as_str().unwrap_or("unknown device"),
        date,
        run["simulator_threads"]
    );
    md.push_str("| kernel | size | CPU loop | simulator | GPU kernel | GPU end to end | copies per run (in/out) | GPU kernel vs CPU | end to end vs CPU |\n");
    md.push_str("|---|---|---|---|---|---|---|---|---|\n");
    let empty = Vec::new();
    for r in run["results"].as_array().unwrap_or(&empty) {
        let kernel = r["kernel"].as_str().unwrap_or("?");
        let size = match kernel {
            "mandelbrot" => format!("{}x{}", r["width"], r["height"]),
            "saxpy" => r["elements"].to_string(),
            _ => r["n"].to_string(),
        };
        let (cpu, sim, kern, e2e) = (
            secs(&r["cpu_s"]),
            secs(&r["sim_s"]),
            secs(&r["gpu_kernel_s"]),
            secs(&r["gpu_end_to_end_s"]),
        );
        let copies = match (
            r["copies"]["host_to_device_per_run"].as_u64(),
            r["copies"]["device_to_host_per_run"].as_u64(),
        ) {
            (Some(i), Some(o)) => format!("{i}/{o}"),
            _ => "-".into(),
        };
        let speed = |x: Option<f64>| ratio(cpu, x).map_or("-".into(), |v| format!("{v:.1}x"));
        let _ = writeln!(
            md,
            "| {kernel} | {size} | {} | {} | {} | {} | {copies} | {} | {} |",
            opt(cpu),
            opt(sim),
            opt(kern),
            opt(e2e),
            speed(kern),
            speed(e2e)
        );
    }
    md.push('\n');
    for kernel in ["mat_add_f32", "matmul_f32"] {
        if let Some(line) = crossover(run, kernel) {
            let _ = writeln!(md, "- {line}");
        }
    }
    md.push_str("\nBandwidth of the memory-bound kernels against a device-to-device copy (the issue's target: at least 85%):\n\n");
    md.push_str("| kernel | elements | kernel GB/s | D2D copy GB/s | kernel / copy |\n|---|---|---|---|---|\n");
    for r in run["results"].as_array().unwrap_or(&empty) {
        let (Some(k), Some(c)) = (r["kernel_gb_per_s"].as_f64(), r["d2d_gb_per_s"].as_f64()) else {
            continue;
        };
        let share = k / c;
        let _ = writeln!(
            md,
            "| {} | {} | {k:.0} | {c:.0} | {:.0}% ({}) |",
            r["kernel"].as_str().unwrap_or("?"),
            r["elements"],
            share * 100.0,
            if share >= 0.85 { "met" } else { "below 85%" }
        );
    }
    md.push('\n');
}

/// The saved GPU runs the section read: (file stem, the run's JSON, its device's name).
fn saved_runs(json: &serde_json::Map<String, Value>) -> impl Iterator<Item = (&str, &Value, &str)> {
    json.get("saved_gpu_runs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|saved| {
            let run = &saved["run"];
            (
                saved["file"].as_str().unwrap_or("?"),
                run,
                run["device"].as_str().unwrap_or("a GPU"),
            )
        })
}

/// Times against size for one kernel: `(label, [(n, ns)])`, this machine's CPU loop and simulator first.
fn size_series(
    json: &serde_json::Map<String, Value>,
    kernel: &str,
) -> Vec<(String, Vec<(f64, f64)>)> {
    let (local_kernel, sizes): (&str, &[usize]) = match kernel {
        "mat_add_f32" => ("mat_add f32", &MAT_ADD_SIZES),
        _ => ("tiled matmul f32", &MATMUL_SIZES),
    };
    let rows: Vec<&Value> = json
        .get("this_machine")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| r["kernel"] == local_kernel)
        .collect();
    let local = |field: &str| -> Vec<(f64, f64)> {
        sizes
            .iter()
            .filter_map(|n| {
                let row = rows
                    .iter()
                    .find(|r| r["size"].as_str().and_then(|s| s.parse().ok()) == Some(*n))?;
                Some((*n as f64, row[field].as_f64()?))
            })
            .collect()
    };
    let mut series = vec![
        ("this machine: CPU loop".to_string(), local("cpu_loop_ns")),
        (
            "this machine: simulator (not a GPU)".to_string(),
            local("simulator_ns"),
        ),
    ];
    for (_, run, device) in saved_runs(json) {
        let results: Vec<&Value> = run["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["kernel"] == kernel)
            .collect();
        for (field, what) in [
            ("cpu_s", "its host's CPU loop"),
            ("gpu_kernel_s", "kernel alone"),
            ("gpu_end_to_end_s", "end to end"),
        ] {
            let points = results
                .iter()
                .filter_map(|r| Some((r["n"].as_f64()?, r[field].as_f64()? * 1e9)))
                .collect();
            series.push((format!("{device}: {what}"), points));
        }
    }
    series.retain(|(_, points)| points.len() > 1);
    series
}

/// One log-log plot per kernel of time against size; returns `[{file, caption}]` for the opening section.
fn size_plots(md: &mut String, json: &serde_json::Map<String, Value>) -> Vec<Value> {
    let mut plots = Vec::new();
    for (kernel, title) in [
        ("mat_add_f32", "mat_add f32: time against n (n x n arrays)"),
        ("matmul_f32", "matmul f32: time against n (n x n arrays)"),
    ] {
        let series: Vec<Series> = size_series(json, kernel)
            .into_iter()
            .map(|(label, points)| Series {
                label,
                points: points.into_iter().map(|(n, ns)| (n, ns / 1e3)).collect(),
            })
            .collect();
        if series.is_empty() {
            continue;
        }
        let chart = Chart {
            title,
            x_label: "n",
            y_label: "time (µs)",
            log_x: true,
            log_y: true,
        };
        let file = format!("gpu_{kernel}_sizes.svg");
        match line_chart(&super::img_dir().join(&file), &chart, &series) {
            Ok(()) => {
                let _ = writeln!(md, "![{title}](img/{file})\n");
                plots.push(json!({"file": file, "caption": title}));
            }
            Err(err) => eprintln!("xtask: {err:#}"),
        }
    }
    plots
}

/// Where this machine's simulator starts to beat its own CPU loop, labelled as the simulator: judged on
/// the paired rounds of each size (the simulator's time over the loop's, with its interval), so a size
/// counts as a win only where the whole interval is below 1.
fn simulator_verdicts(json: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(line) = target_verdict(json) {
        lines.push(line);
    }
    for (kernel, group, sizes) in [
        ("mat_add_f32", "gpu_mat_add", &MAT_ADD_SIZES[..]),
        ("matmul_f32", "gpu_matmul", &MATMUL_SIZES[..]),
    ] {
        let ratios: Vec<(usize, stats::Interval)> = sizes
            .iter()
            .filter_map(|&n| Some((n, paired_sim_ratio(group, &n.to_string())?)))
            .collect();
        let Some((last_n, last)) = ratios.last() else {
            continue;
        };
        let measured = ratios
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let head = format!(
            "`{kernel}`, this machine's **simulator** (no GPU here), paired rounds against the one-core CPU loop"
        );
        let line = if loaded() {
            format!(
                "{head}: not judged, as the run was loaded (other processes kept {:.2} cores busy), and load \
                 hits the simulator (every core) and the one-core loop differently; at n = {last_n}: {} the loop's time, \
                 cannot tell at this noise.",
                super::other_load().unwrap_or(0.0),
                last.ratio_text()
            )
        } else if let Some((n, r)) = ratios
            .iter()
            .find(|(_, r)| stats::verdict(r) == stats::Verdict::Faster)
        {
            format!(
                "{head}: faster from n = {n} ({} the loop's time), measured at n = {measured}.",
                r.ratio_text()
            )
        } else if let Some((n, r)) = ratios
            .iter()
            .find(|(_, r)| matches!(stats::verdict(r), stats::Verdict::WithinNoise(_)))
        {
            format!(
                "{head}: never faster at n = {measured}; at n = {n} {} the loop's time, {}.",
                r.ratio_text(),
                stats::verdict(r)
            )
        } else {
            format!(
                "{head}: slower at every n measured ({measured}; at n = {last_n}: {} the loop's time); it exists to run kernels without a GPU, not to be fast.",
                last.ratio_text()
            )
        };
        lines.push(line);
    }
    lines
}

/// The target, judged over this machine's barrier-free rows on their paired intervals (each row's
/// `verdict`): which are within [`SIM_TARGET`] times the plain loop, which are not, and which the noise
/// leaves open (every row on a loaded run).
fn target_verdict(json: &serde_json::Map<String, Value>) -> Option<String> {
    let rows = json.get("this_machine")?.as_array()?;
    let (mut met, mut missed, mut open) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        if row.get("barriers").and_then(Value::as_bool) != Some(false) {
            continue;
        }
        let (Some(verdict), Some(r)) = (
            row.get("verdict").and_then(Value::as_str),
            row.get("paired_simulator_over_loop")
                .and_then(|r| r.get("median"))
                .and_then(Value::as_f64),
        ) else {
            continue;
        };
        let name = format!(
            "{} {} ({r:.1}x)",
            row.get("kernel").and_then(Value::as_str).unwrap_or("?"),
            row.get("size").and_then(Value::as_str).unwrap_or("?")
        );
        match verdict {
            "met" => met.push(name),
            "MISSED" => missed.push(name),
            _ => open.push(name),
        }
    }
    let judged = met.len() + missed.len() + open.len();
    if judged == 0 {
        return None;
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    Some(format!(
        "`#[gpu::kernel]` barrier-free kernels on this machine's **simulator** against the target of {SIM_TARGET}x a plain loop (paired rounds): {} of {judged} rows within it; met: {}; missed: {}; cannot tell at this noise: {}.",
        met.len(),
        list(&met),
        list(&missed),
        list(&open)
    ))
}

fn opt(ns: Option<f64>) -> String {
    ns.map(fmt_ns).unwrap_or_else(|| "-".into())
}

/// One sentence on where the GPU starts to beat the CPU loop for `kernel`, kernel alone and end to end.
fn crossover(run: &Value, kernel: &str) -> Option<String> {
    let rows: Vec<&Value> = run["results"]
        .as_array()?
        .iter()
        .filter(|r| r["kernel"] == kernel)
        .collect();
    let first_win = |field: &str| {
        rows.iter()
            .find(
                |r| matches!((r["cpu_s"].as_f64(), r[field].as_f64()), (Some(c), Some(g)) if g < c),
            )
            .map(|r| r["n"].to_string())
    };
    let best = |field: &str| {
        rows.iter()
            .filter_map(|r| Some(r["cpu_s"].as_f64()? / r[field].as_f64()?))
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
    };
    let kernel_part = match (first_win("gpu_kernel_s"), best("gpu_kernel_s")) {
        (Some(n), Some(b)) => {
            format!("the kernel alone beats the CPU loop from n = {n} (up to {b:.0}x)")
        }
        _ => "the kernel alone never beats the CPU loop here".to_string(),
    };
    let e2e_part = match (first_win("gpu_end_to_end_s"), best("gpu_end_to_end_s")) {
        (Some(n), Some(b)) => format!("end to end, copies included, from n = {n} (up to {b:.0}x)"),
        (None, Some(b)) => format!(
            "end to end, with its inputs copied in and the result copied out, it never does (best {b:.1}x): \
             the bus costs more than the arithmetic, so keep data on the device between kernels"
        ),
        _ => return None,
    };
    Some(format!("`{kernel}`: {kernel_part}; {e2e_part}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_verdict_judges_only_barrier_free_rows() {
        let mut json = serde_json::Map::new();
        let paired = |m: f64| json!({"median": m, "lo": m * 0.9, "hi": m * 1.1, "n": 9});
        json.insert(
            "this_machine".into(),
            json!([
                {"kernel": "mat_add f32", "size": "256", "paired_simulator_over_loop": paired(4.25), "verdict": "MISSED", "barriers": false},
                {"kernel": "mat_add f32", "size": "2048", "paired_simulator_over_loop": paired(1.1), "verdict": "met", "barriers": false},
                {"kernel": "mandelbrot", "size": "512x384", "paired_simulator_over_loop": paired(2.9), "verdict": "cannot tell at this noise", "barriers": false},
                {"kernel": "tiled matmul f32", "size": "64", "paired_simulator_over_loop": paired(33.0), "verdict": null, "barriers": true},
                {"kernel": "saxpy f32 (grid-stride)", "size": "1048576", "paired_simulator_over_loop": null, "verdict": null, "barriers": false},
                {"kernel": "mat_add f32 per thread", "size": "256", "simulator_over_loop": 26.7}
            ]),
        );
        let line = target_verdict(&json).expect("a verdict");
        assert!(line.contains("1 of 3 rows within it"), "{line}");
        assert!(
            line.contains("cannot tell at this noise: mandelbrot 512x384 (2.9x)"),
            "{line}"
        );
        assert!(line.contains("met: mat_add f32 2048 (1.1x)"), "{line}");
        assert!(line.contains("missed: mat_add f32 256 (4.2x)"), "{line}");
        assert!(
            !line.contains("matmul") && !line.contains("per thread"),
            "{line}"
        );
        assert_eq!(target_verdict(&serde_json::Map::new()), None);
    }
}

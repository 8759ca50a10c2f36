//! The `mpipool` section: what a task costs over MPI at 3 ranks beside procpool (measured in the same job)
//! and mpi4py.futures (paired rounds against a 3-rank mpi4py.futures job alive beside mpipool's, when the
//! CPython the peers run on has mpi4py; its start-up from `benches/python/mpipool_peer.py`), start-up to
//! the first result, and when more machines pay: tasks per second against worker ranks, measured here,
//! and the model for real nodes with its constants from this run. Numbers come from
//! `benches/benches/mpipool.rs`. Its one-line answers (`"verdicts"`) join the opening section.

use super::{Section, cell, criterion, fmt_ns, per, stats};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Worker ranks of the scaling bench; keep in step with `SCALING_RANKS` in benches/benches/mpipool.rs.
const SCALING_RANKS: [usize; 3] = [1, 2, 4];

/// The paired rounds against mpi4py.futures (see benches/benches/mpipool.rs); keep in step with its
/// `VS_MPI4PY` and contender names (`mpipool_<row>`, `mpi4py_<row>`).
const VS_MPI4PY: &str = "mpipool_vs_mpi4py";

pub fn section() -> Section {
    let python = super::peer("mpipool");
    let mpi4py = python.as_ref().filter(|p| !p["mpi4py"].is_null());
    let vs = super::paired(VS_MPI4PY);
    let vs_median = |row: &str| Some(vs.as_ref()?.median(&format!("mpi4py_{row}"))?.median);
    // mpi4py's time over mpipool's, round by round.
    let vs_ratio = |row: &str| {
        vs.as_ref()?
            .ratio(&format!("mpi4py_{row}"), &format!("mpipool_{row}"))
    };

    let submit = per(criterion("mpipool_submit_result", "mpipoolexecutor"));
    let submit_proc = per(criterion("mpipool_submit_result", "processpoolexecutor"));
    let map100 = per(criterion("mpipool_map", "chunksize_100"));
    let map100_proc = per(criterion("mpipool_map", "procpool_chunksize_100"));
    let latency = criterion("mpipool_lifecycle", "one_task_latency").map(|m| m.median_ns);
    let startup = criterion("mpipool_lifecycle", "startup_first_result").map(|m| m.median_ns);
    let py_submit = vs_median("submit_result");
    let py_map100 = vs_median("map_chunksize_100");
    let py_latency = vs_median("one_task_latency");
    let py_startup = mpi4py
        .and_then(|p| p["startup_first_result_ms"].as_f64())
        .map(|ms| ms * 1e6);
    let vs_submit = vs_ratio("submit_result");
    let vs_map100 = vs_ratio("map_chunksize_100");
    let vs_latency = vs_ratio("one_task_latency");

    let mut md = String::new();
    let mut verdicts: Vec<String> = Vec::new();
    md.push_str("### Per-task overhead at 3 ranks (rank 0 submits, 2 worker ranks)\n\n");
    md.push_str("10,000 trivial tasks: submit every task, then `result()` each in order. procpool (2 workers) is measured ");
    md.push_str("on rank 0 of the same job. mpi4py.futures runs as `mpiexec -n 3 python3 -m mpi4py.futures`, a job alive ");
    md.push_str("beside a 3-rank mpipool job: the two are asked in turn (paired, interleaved rounds, rotating order) to run ");
    md.push_str("the same work, each timed on its rank 0: 10,000 tasks a round for mpipool, 1,000 (300 in a quick run) for mpi4py.futures, each at a batch size where its per-task cost has settled. ");
    md.push_str("The `mpipool` column is criterion's median; mpi4py's column and the ratio come from those ");
    md.push_str("rounds (median of per-round ratios, 95% interval); the start-up row is not paired (a whole job each time).\n\n");
    match (&python, &vs) {
        (_, Some(_)) => {}
        (Some(p), None) if p["mpi4py"].is_null() => {
            let _ = writeln!(
                md,
                "mpi4py.futures: not measured ({}).\n",
                p["reason"].as_str().unwrap_or("mpi4py is not installed")
            );
        }
        _ => md.push_str(
            "mpi4py.futures: not measured (the paired rounds did not run: the mpipool bench's log says why).\n\n",
        ),
    }
    md.push_str("| what | `mpipool` | `procpool` | mpipool / procpool | mpi4py.futures | mpi4py / mpipool |\n|---|---|---|---|---|---|\n");
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}x", a / b),
        _ => "-".into(),
    };
    let paired_cell = |iv: &Option<stats::Interval>| {
        iv.as_ref()
            .map_or("-".into(), |r| format!("{} (paired)", r.ratio_text()))
    };
    for (name, ours, local, peer, versus) in [
        (
            "submit + result, per task",
            submit,
            submit_proc,
            py_submit,
            paired_cell(&vs_submit),
        ),
        (
            "map(chunksize=100), per item",
            map100,
            map100_proc,
            py_map100,
            paired_cell(&vs_map100),
        ),
        (
            "one task at a time, submit -> result",
            latency,
            None,
            py_latency,
            paired_cell(&vs_latency),
        ),
        (
            "start-up: `mpiexec -n 3` to the first result",
            startup,
            None,
            py_startup,
            match ratio(py_startup, startup).as_str() {
                "-" => "-".to_string(),
                r => format!("{r} (not paired)"),
            },
        ),
    ] {
        let _ = writeln!(
            md,
            "| {name} | {} | {} | {} | {} | {versus} |",
            cell(ours),
            cell(local),
            ratio(ours, local),
            cell(peer),
        );
    }
    md.push_str("\n| target | measured | verdict |\n|---|---|---|\n");
    let paired = super::paired("mpipool_vs_procpool");
    let paired_ratio = paired
        .as_ref()
        .and_then(|p| p.ratio("mpipool_submit_result", "procpool_submit_result"));
    let paired_map = paired
        .as_ref()
        .and_then(|p| p.ratio("mpipool_map_chunksize_100", "procpool_map_chunksize_100"));
    match (&paired_ratio, submit, submit_proc) {
        (Some(r), _, _) => {
            let _ = writeln!(
                md,
                "| within 3x of procpool per task (paired rounds, {} rounds, both in the same job) | {} procpool's time | {} |",
                r.n,
                r.ratio_text(),
                stats::at_most(r, 3.0)
            );
        }
        (None, Some(ours), Some(local)) => {
            let _ = writeln!(
                md,
                "| within 3x of procpool per task (not paired: one median each, so no verdict) | {:.1}x | - |",
                ours / local
            );
        }
        _ => {}
    }
    if let Some(r) = &paired_map {
        let _ = writeln!(
            md,
            "| (no target) map(chunksize=100) against procpool's (paired) | {} procpool's time | {} |",
            r.ratio_text(),
            stats::verdict(r)
        );
    }
    match &vs_submit {
        Some(r) => {
            let _ = writeln!(
                md,
                "| at least 10x less time per task than mpi4py.futures (paired rounds, {} rounds, both jobs alive) | mpi4py.futures takes {} mpipool's time | {} |",
                r.n,
                r.ratio_text(),
                stats::at_least(r, 10.0)
            );
        }
        None => md.push_str(
            "| at least 10x less time per task than mpi4py.futures | not measured | - |\n",
        ),
    }
    md.push('\n');

    // When do more machines pay?
    md.push_str("### When do more machines pay?\n\n");
    md.push_str("Tasks of about 1 ms of arithmetic, 64 per iteration (8 in a smoke run), on 1, 2 and 4 worker ranks of a 5-rank job. ");
    md.push_str("On a machine with fewer cores than ranks (oversubscribed) the ranks share the cores, so this measures ");
    md.push_str("the executor's scaling up to the core count, not a cluster's. These are criterion medians, not paired ");
    md.push_str("(one executor per rank count cannot share a job's ranks), so no verdict rests on them.\n\n");
    md.push_str("| worker ranks | tasks per second | vs 1 rank |\n|---|---|---|\n");
    let rates: Vec<(usize, Option<f64>)> = SCALING_RANKS
        .iter()
        .map(|&r| {
            let id = format!("ranks/{r}");
            (r, per(criterion("mpipool_scaling", &id)).map(|ns| 1e9 / ns))
        })
        .collect();
    let base = rates.first().and_then(|r| r.1);
    for (r, rate) in &rates {
        let _ = writeln!(
            md,
            "| {r} | {} | {} |",
            rate.map_or("not measured".into(), |x| format!("{x:.0}")),
            match (rate, base) {
                (Some(x), Some(b)) if b > 0.0 => format!("{:.2}x", x / b),
                _ => "-".into(),
            }
        );
    }
    md.push_str("\nThe model for real nodes: with `r` worker ranks of `P` processes each, tasks of `t` seconds, a per-task ");
    md.push_str("cost `o` on the worker rank (its local process pool) and a per-task cost `m` on rank 0 (queueing, MPI, ");
    md.push_str(
        "completing the future),\n\n    tasks per second = min(r * P / (t + o), 1 / m)\n\n",
    );
    md.push_str(
        "so adding ranks pays until `r = (t + o) / (m * P)`, where rank 0 becomes the limit. ",
    );
    if let (Some(m), Some(o)) = (submit, submit_proc) {
        let _ = writeln!(
            md,
            "Measured here: `m` = {} (the 3-rank submit + result time per task, an upper bound: rank 0 shares \
             the cores with the workers), `o` = {} (procpool's submit + result time per task, the work a rank's local pool does). With `P` = 1:\n",
            fmt_ns(m),
            fmt_ns(o)
        );
        md.push_str("| task time `t` | ranks until rank 0 is the limit |\n|---|---|\n");
        for t in [1e4, 1e5, 1e6, 1e7] {
            let _ = writeln!(md, "| {} | {:.0} |", fmt_ns(t), ((t + o) / m).max(1.0));
        }
        md.push('\n');
        verdicts.push(format!(
            "When more machines pay: a task costs rank 0 about {}, so adding MPI ranks pays until ranks x \
             processes per rank ≈ (task time + {}) / {}, about {:.0} single-process ranks for 1 ms tasks; \
             batch short tasks with map(chunksize=100) ({} per item).",
            fmt_ns(m),
            fmt_ns(o),
            fmt_ns(m),
            ((1e6 + o) / m).max(1.0),
            cell(map100)
        ));
    } else {
        md.push_str("Its constants: not measured in this run.\n\n");
    }
    if let Some(r) = &vs_submit {
        verdicts.push(format!(
            "against mpi4py.futures at 3 ranks (paired rounds): mpi4py.futures takes {} mpipool's time per task \
             (target at least 10x: {}).",
            r.ratio_text(),
            stats::at_least(r, 10.0)
        ));
    }
    Section {
        title: "MPI pool (mpipool)".into(),
        markdown: md,
        json: json!({
            "per_task_ns": {
                "mpipool_submit_result": submit, "procpool_submit_result": submit_proc,
                "mpipool_map_chunksize_100": map100, "procpool_map_chunksize_100": map100_proc,
                "mpi4py_submit_result": py_submit, "mpi4py_map_chunksize_100": py_map100,
            },
            "one_task_latency_ns": { "mpipool": latency, "mpi4py": py_latency },
            "startup_first_result_ns": { "mpipool": startup, "mpi4py": py_startup },
            "paired_vs_procpool": { "submit_result": paired_ratio, "map_chunksize_100": paired_map },
            "paired_vs_mpi4py": {
                "submit_result": vs_submit, "map_chunksize_100": vs_map100,
                "one_task_latency": vs_latency,
            },
            "scaling_tasks_per_second": rates.iter().map(|(r, x)| json!([r, x])).collect::<Vec<Value>>(),
            "verdicts": verdicts,
        }),
    }
}

//! Worker-count answers from a model: a sweep measured in paired rounds (every worker count once per
//! round, rotating order) is fitted with the Universal Scalability Law or Amdahl's law (whichever fits
//! better, [`stats::best_fit`]); the section shows the fitted constants with bootstrap intervals, the
//! predicted best worker count, predictions at 4, 8 and 64 workers, and judges an advice (such as
//! `recommend_workers`) and the seed's rule of thumb against the fitted optimum, plotting the curve over
//! the points.

use super::plot::{Chart, Series, chart_with_curves};
use super::stats::{self, Interval, SweepFit};
use super::{Paired, criterion_samples};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// A worker count "reaches" the optimum when its throughput is at least this share of the best.
pub const GOOD_SHARE: f64 = 0.90;
/// Above this worst relative residual the model is said not to describe the points, and the judgement
/// falls back to the measured rounds.
pub const POOR_FIT: f64 = 0.15;
/// Worker counts the report predicts for.
pub const PREDICT_AT: [usize; 3] = [4, 8, 64];

/// The CPU share (in cores) that `n` workers, each busy `1 - wait` of its time, get on `cores` cores
/// when other processes keep `load` cores busy: the kernel shares the cores among all runnable threads, so
/// more workers take more of them from the others.
pub fn fair_share(n: f64, wait: f64, cores: f64, load: f64) -> f64 {
    let demand = n * (1.0 - wait);
    if demand <= 0.0 {
        return 0.0;
    }
    demand.min(cores * demand / (demand + load.max(0.0)).max(cores))
}

/// How much of the gap between `a` and `b` workers competing load alone explains: the share `a` gets
/// of `b`'s CPU under `load`, over the same without it (1 when there is no load; below 1 when more
/// workers win more CPU from the other processes).
pub fn load_factor(a: f64, b: f64, wait: f64, cores: f64, load: f64) -> f64 {
    let under = fair_share(a, wait, cores, load) / fair_share(b, wait, cores, load);
    let without = fair_share(a, wait, cores, 0.0) / fair_share(b, wait, cores, 0.0);
    if under.is_finite() && without.is_finite() && without > 0.0 {
        (under / without).min(1.0)
    } else {
        1.0
    }
}

/// One advice to judge: its label ("`recommend_workers`", "the seed's rule \"cores\"") and worker count.
pub struct Advice {
    pub label: String,
    pub workers: usize,
}

/// What the sweep's range says about the predicted best count: `inside` when the best count's whole
/// interval lies within the measured range, `past_ceiling` when the sweep measured past the CPU ceiling.
fn range_text(inside: bool, past_ceiling: bool) -> &'static str {
    match (inside, past_ceiling) {
        (true, true) => {
            "The sweep reaches past the ceiling and the predicted best count lies inside it: measured, not extrapolated."
        }
        (true, false) => "The predicted best count lies inside the measured range.",
        (false, true) => {
            "The predicted best count lies beyond the largest count measured: an extrapolation of the fit, indicative only."
        }
        (false, false) => {
            "The sweep stops below the ceiling and the predicted best count lies beyond it: an extrapolation, and an advice \
             above the range cannot be checked here."
        }
    }
}

/// Throughput rounds of a sweep: per round, tasks per second at each worker count (`NaN` where missing);
/// from the paired rounds when the bench wrote them, else criterion's samples (not interleaved).
pub fn rounds(
    paired: Option<&Paired>,
    group: &str,
    id: impl Fn(usize) -> String,
    workers: &[usize],
) -> (Vec<Vec<f64>>, bool) {
    let per_count: Vec<Option<Vec<f64>>> = workers
        .iter()
        .map(|&w| match paired {
            Some(p) => p.get(&w.to_string()),
            None => criterion_samples(group, &id(w)),
        })
        .collect();
    let n = per_count.iter().flatten().map(Vec::len).max().unwrap_or(0);
    let rounds = (0..n)
        .map(|i| {
            per_count
                .iter()
                .map(|c| {
                    c.as_ref()
                        .and_then(|v| v.get(i))
                        .filter(|ns| **ns > 0.0)
                        .map_or(f64::NAN, |ns| 1e9 / ns)
                })
                .collect()
        })
        .collect();
    (rounds, paired.is_some())
}

fn iv_text(iv: &Interval, digits: usize) -> String {
    format!(
        "{:.d$} ({:.d$}-{:.d$})",
        iv.median,
        iv.lo,
        iv.hi,
        d = digits
    )
}

fn pct_text(iv: &Interval) -> String {
    format!(
        "{:.0}% ({:.0}-{:.0}%)",
        iv.median * 100.0,
        iv.lo * 100.0,
        iv.hi * 100.0
    )
}

/// The measured throughput at `w` as a share of each round's fastest count (paired rounds measured every
/// count together, so the ratio cancels the round's load; taking each round's own maximum keeps the
/// uncertainty of which count is fastest, where a fixed best count would give itself exactly 100%).
fn measured_share(workers: &[usize], rounds: &[Vec<f64>], w: usize) -> Option<Interval> {
    let j = workers.iter().position(|&x| x == w)?;
    let shares: Vec<f64> = rounds
        .iter()
        .filter_map(|r| {
            let best = r
                .iter()
                .copied()
                .filter(|x| x.is_finite())
                .reduce(f64::max)?;
            (best > 0.0 && r[j].is_finite()).then(|| r[j] / best)
        })
        .collect();
    stats::bootstrap_median(&shares)
}

/// Renders the sweep: a table of measured throughput, the fit, the judged advices, and the plot
/// `img/<file>.svg`. Returns the Markdown, the JSON, and one-line verdicts for the report's answer.
pub fn render(
    title: &str,
    file: &str,
    workers: &[usize],
    rounds: &[Vec<f64>],
    paired: bool,
    advices: &[Advice],
    wait: f64,
) -> (String, Value, Vec<String>) {
    let cores = ::pool::usable_cpu_count() as f64;
    let load = super::other_load().unwrap_or(0.0);
    let mut md = String::new();
    let mut verdicts = Vec::new();
    let horizon = 64.max(workers.iter().copied().max().unwrap_or(1));
    let wf: Vec<f64> = workers.iter().map(|&w| w as f64).collect();
    let per_count: Vec<Option<Interval>> = (0..workers.len())
        .map(|j| stats::bootstrap_median(&rounds.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .collect();
    let ceiling = stats::cpu_ceiling(cores, wait);
    let fit = stats::fit_sweep(&wf, rounds, horizon, ceiling);
    let _ = writeln!(
        md,
        "{} rounds, {}.\n",
        rounds.len(),
        if paired {
            "each measuring every worker count once in rotating order"
        } else {
            "criterion's samples (not interleaved: a load change between counts shows as a difference)"
        }
    );
    md.push_str("| workers | tasks/s (95% interval) | share of each round's fastest count | fitted |\n|---|---|---|---|\n");
    let mut points = Vec::new();
    for (j, &w) in workers.iter().enumerate() {
        let Some(iv) = per_count[j] else { continue };
        let share = measured_share(workers, rounds, w).map_or("-".into(), |s| pct_text(&s));
        let fitted = fit
            .as_ref()
            .map_or("-".into(), |f| format!("{:.0}", f.fit.at(w as f64)));
        let _ = writeln!(md, "| {w} | {} | {share} | {fitted} |", iv_text(&iv, 0));
        points.push((w, iv.median));
    }
    let mut out = serde_json::Map::new();
    out.insert("points".into(), json!(points));
    out.insert("rounds".into(), json!(rounds.len()));
    out.insert("paired".into(), json!(paired));
    out.insert("other_load_cores".into(), json!(load));
    let Some(fit) = fit else {
        md.push_str("\nToo few points or rounds to fit a scalability model.\n\n");
        return (md, Value::Object(out), verdicts);
    };
    let f = &fit.fit;
    let poor = f.worst_residual > POOR_FIT;
    let _ = writeln!(
        md,
        "\n**Model**: {} fits better (Akaike's criterion): X(N) = {:.0} N / (1 + σ(N-1) + κN(N-1)) with N capped at the CPU ceiling \
         of {} workers ({cores:.0} cores / {:.0}% of each task's time computing: more workers find no CPU), contention σ = {}, coherency κ = {} \
         (95% intervals from {} bootstrap refits over rounds); worst residual {:.0}%{}.",
        f.model,
        f.lambda,
        if ceiling.is_finite() {
            format!("{ceiling:.1}")
        } else {
            "no".into()
        },
        (1.0 - wait) * 100.0,
        iv_text(&fit.sigma, 3),
        if f.model == stats::Model::Amdahl {
            if fit.below_ceiling < 3 {
                "0 (Amdahl's law: fewer than 3 measured counts lie at or below the ceiling, too few to tell coherency from contention)"
                    .to_string()
            } else {
                "0 (Amdahl's law has none)".to_string()
            }
        } else {
            iv_text(&fit.kappa, 5)
        },
        fit.resamples,
        f.worst_residual * 100.0,
        if poor {
            ": the model does not describe these points well, so the advice is judged on the measured rounds too"
        } else {
            ""
        }
    );
    let best = fit.best_workers;
    let top = f.top(horizon);
    let best_text = match top {
        stats::Top::Ceiling(k) => format!(
            "{:.0} workers (95% interval {:.0}-{:.0}): the CPU runs out at {k:.1} workers, and more workers add nothing",
            best.median, best.lo, best.hi
        ),
        stats::Top::Peak(_) => format!(
            "{:.0} workers (95% interval {:.0}-{:.0}): coherency costs make more workers slower",
            best.median, best.lo, best.hi
        ),
        stats::Top::Rising => format!(
            "no peak: throughput keeps rising to the horizon of {horizon} workers (Amdahl ceiling {:.0} tasks/s)",
            if f.sigma > 0.0 {
                f.lambda / f.sigma
            } else {
                f64::INFINITY
            }
        ),
    };
    let _ = writeln!(md, "- Predicted best worker count: {best_text}.");
    let (lo_w, hi_w) = fit.range;
    let inside = best.hi <= hi_w;
    let _ = writeln!(
        md,
        "- Range of validity: the fit describes {lo_w:.0} to {hi_w:.0} workers on this machine (measured); σ and κ rest on the {} measured \
         counts at or below the ceiling{}. {}",
        fit.below_ceiling,
        if ceiling.is_finite() {
            format!(" ({ceiling:.1} workers)")
        } else {
            String::new()
        },
        range_text(inside, hi_w > ceiling)
    );
    let predictions: Vec<String> = PREDICT_AT
        .iter()
        .map(|&n| {
            let s = fit.speedup(n as f64);
            format!("{n}: {}x", iv_text(&s, 2))
        })
        .collect();
    let _ = writeln!(
        md,
        "- Predicted speed-up over one worker at 4, 8 and 64 workers on a machine with that many cores (extrapolated from \
         σ and κ measured on {} counts at or below this machine's {} cores' ceiling, and only if they are the software's and not \
         this machine's; indicative at best{}): {}.",
        fit.below_ceiling,
        ::pool::usable_cpu_count(),
        if fit.below_ceiling < 3 {
            ", here Amdahl's law through two points"
        } else {
            ""
        },
        predictions.join(", ")
    );
    let mut judged = Vec::new();
    let best_measured = points
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(1.0, |p| p.0 as f64);
    let loaded = load > super::machine::NOISY_OTHER_CORES;
    if loaded {
        let _ = writeln!(
            md,
            "- Other processes kept {load:.2} cores busy on average during the run: more workers win more CPU from them \
             (the kernel shares cores among runnable threads), so a share below the best can be that competition rather \
             than the pool; each interval below is widened upwards by that possible effect. Load also works the other \
             way (a worker preempted while it holds the queue costs more the more workers wait on it: two loaded quick \
             runs on 2 cores judged the same count on waiting work MISSED and met), and pairing cancels neither, so a \
             loaded run states the shares but judges no count (\"cannot tell at this noise\"); rerun on a quiet machine."
        );
    }
    for a in advices {
        // Competing load can make `a` look worse than the best count: widen the interval upwards by it.
        let widen = |iv: Interval, best: f64| {
            let f = load_factor(a.workers as f64, best, wait, cores, load);
            Interval {
                // a share of the best is at most 1, unless the rounds themselves said more
                hi: (iv.hi / f).min(iv.hi.max(1.0)).max(iv.hi),
                ..iv
            }
        };
        let model = widen(
            fit.share_of_best(a.workers as f64),
            f.best_workers(horizon) as f64,
        );
        let model_outcome = stats::at_least(&model, GOOD_SHARE);
        let measured = measured_share(workers, rounds, a.workers).map(|m| widen(m, best_measured));
        let measured_outcome = measured.map(|m| stats::at_least(&m, GOOD_SHARE));
        let measured_text = match (&measured, measured_outcome) {
            (Some(m), Some(o)) => format!(
                "; measured: {} of each round's fastest count, {o}",
                pct_text(m)
            ),
            _ => "; measured: that count was not in the sweep".into(),
        };
        let _ = writeln!(
            md,
            "- {} ({} workers): {} of the fitted optimum, target >= {:.0}%: {model_outcome}{measured_text}.",
            a.label,
            a.workers,
            pct_text(&model),
            GOOD_SHARE * 100.0
        );
        // The verdict: the model's, unless it fits poorly and the measured rounds say something; where
        // the model and the measured rounds say opposite things (one met, the other MISSED), neither is
        // trusted: "cannot tell at this noise".
        let (outcome, disagree) = target_outcome(model_outcome, measured_outcome, poor);
        let outcome = if loaded {
            stats::Target::CannotTell
        } else {
            outcome
        };
        let basis = if disagree {
            format!(
                "model {} and measured {} disagree",
                pct_text(&model),
                measured.map(|m| pct_text(&m)).unwrap_or_default()
            )
        } else if loaded {
            format!(
                "model {}, measured {}; the run was loaded",
                pct_text(&model),
                measured.map(|m| pct_text(&m)).unwrap_or_else(|| "-".into())
            )
        } else if poor && measured_outcome.is_some() {
            format!(
                "measured {}",
                measured.map(|m| pct_text(&m)).unwrap_or_default()
            )
        } else {
            format!("model {}", pct_text(&model))
        };
        verdicts.push(format!(
            "{title}: {} ({}) reaches >= {:.0}% of the best: {outcome} ({basis}); {} predicts the best at {}.",
            a.label,
            a.workers,
            GOOD_SHARE * 100.0,
            f.model,
            match top {
                stats::Top::Rising => "no peak (more workers never hurt)".into(),
                _ => format!(
                    "{:.0} workers ({:.0}-{:.0}){}",
                    best.median,
                    best.lo,
                    best.hi,
                    if inside { "" } else { ", extrapolated past the sweep" }
                ),
            }
        ));
        judged.push(json!({
            "label": a.label, "workers": a.workers, "model_share": model, "model_outcome": model_outcome.to_string(),
            "measured_share": measured, "measured_outcome": measured_outcome.map(|o| o.to_string()),
            "outcome": outcome.to_string(),
        }));
    }
    md.push('\n');
    // The plot: measured medians as points, the fitted curve as a line.
    let max_w = workers.iter().copied().max().unwrap_or(1) as f64;
    let curve: Vec<(f64, f64)> = (0..=60)
        .map(|i| {
            let n = max_w.powf(i as f64 / 60.0).max(1.0);
            (n, f.at(n))
        })
        .collect();
    let chart = Chart {
        title,
        x_label: "workers",
        y_label: "tasks per second",
        log_x: true,
        log_y: false,
    };
    let measured = [Series {
        label: "measured (median of rounds)".into(),
        points: points.iter().map(|&(w, t)| (w as f64, t)).collect(),
    }];
    let fitted = [Series {
        label: format!("{} fit", f.model),
        points: curve,
    }];
    match chart_with_curves(&super::img_dir().join(file), &chart, &measured, &fitted) {
        Ok(()) => {
            let _ = writeln!(
                md,
                "![{title}: throughput against workers, with the fitted curve](img/{file})\n"
            );
        }
        Err(err) => eprintln!("xtask: {err:#}"),
    }
    out.insert("fit".into(), fit_json(&fit));
    out.insert("best_inside_measured_range".into(), json!(inside));
    out.insert("judged".into(), json!(judged));
    out.insert("verdicts".into(), json!(verdicts));
    (md, Value::Object(out), verdicts)
}

fn fit_json(fit: &SweepFit) -> Value {
    json!({
        "model": fit.fit.model.to_string(), "lambda": fit.fit.lambda, "sigma": fit.sigma, "kappa": fit.kappa,
        "worst_residual": fit.fit.worst_residual, "best_workers": fit.best_workers, "horizon": fit.horizon,
        "ceiling_workers": fit.fit.ceiling.is_finite().then_some(fit.fit.ceiling),
        "valid_workers": [fit.range.0, fit.range.1], "counts_below_ceiling": fit.below_ceiling,
        "speedup": PREDICT_AT.iter().map(|&n| (n.to_string(), json!(fit.speedup(n as f64)))).collect::<serde_json::Map<_, _>>(),
        "resamples": fit.resamples,
    })
}

/// A worker-count target's verdict from the model's outcome and the measured rounds' (`measured`, when
/// that count was in the sweep): the model's, unless it fits poorly (`poor`) and the rounds say
/// something; "cannot tell" where one says met and the other MISSED. The flag says they disagreed.
fn target_outcome(
    model: stats::Target,
    measured: Option<stats::Target>,
    poor: bool,
) -> (stats::Target, bool) {
    use stats::Target::{CannotTell, Met, Missed};
    match (model, measured) {
        (Met, Some(Missed)) | (Missed, Some(Met)) => (CannotTell, true),
        (_, Some(m)) if poor => (m, false),
        _ => (model, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_and_rounds_that_disagree_cannot_tell() {
        use stats::Target::{CannotTell, Met, Missed};
        assert_eq!(target_outcome(Met, Some(Missed), false), (CannotTell, true));
        assert_eq!(target_outcome(Missed, Some(Met), true), (CannotTell, true));
        assert_eq!(target_outcome(Met, Some(CannotTell), false), (Met, false));
        assert_eq!(target_outcome(CannotTell, Some(Met), true), (Met, false));
        assert_eq!(
            target_outcome(CannotTell, Some(Met), false),
            (CannotTell, false)
        );
        assert_eq!(target_outcome(Missed, None, true), (Missed, false));
    }

    #[test]
    fn competing_load_explains_part_of_a_gap_only_when_there_is_load() {
        // No load: 2 and 8 CPU-bound workers on 2 cores get the same CPU.
        assert_eq!(load_factor(2.0, 8.0, 0.0, 2.0, 0.0), 1.0);
        // One busy core elsewhere: 2 workers get 4/3 cores, 8 get 16/9: 75%.
        let f = load_factor(2.0, 8.0, 0.0, 2.0, 1.0);
        assert!((f - 0.75).abs() < 1e-9, "{f}");
        // Waiting work: 10 workers 80% blocked want 2 cores; under load they get less than 32 would.
        assert!(load_factor(10.0, 32.0, 0.8, 2.0, 1.0) < 0.85);
        // The same count is never penalised.
        assert_eq!(load_factor(4.0, 4.0, 0.0, 2.0, 1.5), 1.0);
    }
}

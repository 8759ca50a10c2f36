//! The report's statistics: medians with bootstrap confidence intervals over paired rounds, the verdict
//! words that follow from an interval ("faster", "slower", "within noise (±x%)"; a target "met", "MISSED"
//! or "cannot tell at this noise"), and the Universal Scalability Law / Amdahl fit of a worker sweep.
//!
//! Everything is deterministic: the bootstrap draws from a seeded generator, so the same rounds give the
//! same report.

use std::fmt;

/// The confidence of every interval the report gives.
pub const CONFIDENCE: f64 = 0.95;
/// Bootstrap resamples for a median or a ratio.
pub const RESAMPLES: usize = 2_000;
/// Bootstrap resamples for a scalability fit (each one a fit of its own).
pub const FIT_RESAMPLES: usize = 300;
/// The fewest rounds from which the report states an interval.
pub const MIN_ROUNDS: usize = 3;
const SEED: u64 = 0x7A5C_1AB5_2026_0022;

/// SplitMix64: a small, seeded generator, good enough for resampling indices.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (`n` > 0).
    pub fn index(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }
}

/// The median of the finite values (the mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    median_in_place(&mut v)
}

/// The median of `v`, all finite, reordering it: selection rather than a sort (linear time; a bootstrap
/// interval takes thousands of medians, and the report renders in xtask's debug build).
fn median_in_place(v: &mut [f64]) -> Option<f64> {
    let n = v.len();
    if n == 0 {
        return None;
    }
    let (lower, mid, _) = v.select_nth_unstable_by(n / 2, f64::total_cmp);
    let mid = *mid;
    Some(if n % 2 == 1 {
        mid
    } else {
        // The middle two: the largest of the lower half, and the selected one.
        let below = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (below + mid) / 2.0
    })
}

/// The `q` quantile (0..=1) of sorted values, interpolated linearly.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// The central [`CONFIDENCE`] percentile interval of bootstrap estimates.
pub fn percentile_interval(mut estimates: Vec<f64>) -> (f64, f64) {
    estimates.retain(|x| x.is_finite());
    estimates.sort_by(f64::total_cmp);
    let tail = (1.0 - CONFIDENCE) / 2.0;
    (quantile(&estimates, tail), quantile(&estimates, 1.0 - tail))
}

/// A median with its bootstrap confidence interval, over `n` rounds.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    pub median: f64,
    pub lo: f64,
    pub hi: f64,
    pub n: usize,
}

impl Interval {
    /// `1.23x (1.10-1.31)`: a ratio with its interval.
    pub fn ratio_text(&self) -> String {
        format!("{:.2}x ({:.2}-{:.2})", self.median, self.lo, self.hi)
    }
}

fn seed_for(values: &[f64]) -> u64 {
    values
        .iter()
        .fold(SEED, |h, v| (h ^ v.to_bits()).wrapping_mul(0x100_0000_01B3))
}

/// The median of `values` with a bootstrap interval (resampling the values with replacement); `None`
/// below [`MIN_ROUNDS`] finite values.
pub fn bootstrap_median(values: &[f64]) -> Option<Interval> {
    let v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.len() < MIN_ROUNDS {
        return None;
    }
    let mut rng = Rng::new(seed_for(&v));
    let mut sample = vec![0.0; v.len()];
    let estimates: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            for s in sample.iter_mut() {
                *s = v[rng.index(v.len())];
            }
            median_in_place(&mut sample).unwrap_or(f64::NAN)
        })
        .collect();
    let (lo, hi) = percentile_interval(estimates);
    Some(Interval {
        median: median(&v)?,
        lo,
        hi,
        n: v.len(),
    })
}

/// The median of per-round ratios `a[i] / b[i]` (paired rounds: round i of both was measured together)
/// with its bootstrap interval over rounds.
pub fn paired_ratio(a: &[f64], b: &[f64]) -> Option<Interval> {
    let ratios: Vec<f64> = a
        .iter()
        .zip(b)
        .filter(|(_, y)| **y > 0.0)
        .map(|(x, y)| x / y)
        .collect();
    bootstrap_median(&ratios)
}

/// `median(a) / median(b)` for measurements that were not paired (separate runs), with a bootstrap
/// interval that resamples each side on its own: wider than a paired interval, as it should be.
pub fn unpaired_ratio(a: &[f64], b: &[f64]) -> Option<Interval> {
    let a: Vec<f64> = a.iter().copied().filter(|x| x.is_finite()).collect();
    let b: Vec<f64> = b.iter().copied().filter(|x| x.is_finite()).collect();
    if a.len() < MIN_ROUNDS || b.len() < MIN_ROUNDS {
        return None;
    }
    let mb = median(&b)?;
    if mb <= 0.0 {
        return None;
    }
    let mut rng = Rng::new(seed_for(&a) ^ seed_for(&b).rotate_left(17));
    let (mut sa, mut sb) = (vec![0.0; a.len()], vec![0.0; b.len()]);
    let estimates: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            sa.iter_mut().for_each(|s| *s = a[rng.index(a.len())]);
            sb.iter_mut().for_each(|s| *s = b[rng.index(b.len())]);
            median_in_place(&mut sa).unwrap_or(f64::NAN)
                / median_in_place(&mut sb).unwrap_or(f64::NAN)
        })
        .collect();
    let (lo, hi) = percentile_interval(estimates);
    Some(Interval {
        median: median(&a)? / mb,
        lo,
        hi,
        n: a.len().min(b.len()),
    })
}

/// The geometric mean of several comparisons' median ratios, each comparison measured in its own paired
/// rounds (`lists[k]` holds comparison k's per-round ratios), with a bootstrap interval that resamples
/// every comparison's rounds on its own.
pub fn geomean_of_medians(lists: &[Vec<f64>]) -> Option<Interval> {
    if lists.is_empty()
        || lists
            .iter()
            .any(|l| l.iter().filter(|x| x.is_finite() && **x > 0.0).count() < MIN_ROUNDS)
    {
        return None;
    }
    let lists: Vec<Vec<f64>> = lists
        .iter()
        .map(|l| {
            l.iter()
                .copied()
                .filter(|x| x.is_finite() && *x > 0.0)
                .collect()
        })
        .collect();
    let geo = |meds: &[f64]| (meds.iter().map(|m| m.ln()).sum::<f64>() / meds.len() as f64).exp();
    let point: Vec<f64> = lists.iter().filter_map(|l| median(l)).collect();
    let mut rng = Rng::new(
        lists
            .iter()
            .fold(SEED, |h, l| h ^ seed_for(l).rotate_left(7)),
    );
    let estimates: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let meds: Vec<f64> = lists
                .iter()
                .map(|l| {
                    let mut sample: Vec<f64> =
                        (0..l.len()).map(|_| l[rng.index(l.len())]).collect();
                    median_in_place(&mut sample).unwrap_or(f64::NAN)
                })
                .collect();
            geo(&meds)
        })
        .collect();
    let (lo, hi) = percentile_interval(estimates);
    Some(Interval {
        median: geo(&point),
        lo,
        hi,
        n: lists.iter().map(Vec::len).min().unwrap_or(0),
    })
}

/// What a time ratio (contender / baseline) says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// The whole interval is below 1: the contender takes less time.
    Faster,
    /// The whole interval is above 1.
    Slower,
    /// The interval contains 1; the number is the larger distance of its bounds from 1, in percent.
    WithinNoise(f64),
}

/// The verdict of a time ratio's interval: a ranking only where the interval supports it.
pub fn verdict(ratio: &Interval) -> Verdict {
    if ratio.hi < 1.0 {
        Verdict::Faster
    } else if ratio.lo > 1.0 {
        Verdict::Slower
    } else {
        Verdict::WithinNoise(100.0 * (1.0 - ratio.lo).max(ratio.hi - 1.0))
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Faster => f.write_str("faster"),
            Verdict::Slower => f.write_str("slower"),
            Verdict::WithinNoise(pct) => write!(f, "within noise (±{pct:.0}%)"),
        }
    }
}

/// Whether a target was met, judged on an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The whole interval is on the target's side.
    Met,
    /// The whole interval is on the wrong side.
    Missed,
    /// The interval straddles the limit.
    CannotTell,
}

/// A target "at most `limit`" judged on `iv`.
pub fn at_most(iv: &Interval, limit: f64) -> Target {
    if iv.hi <= limit {
        Target::Met
    } else if iv.lo > limit {
        Target::Missed
    } else {
        Target::CannotTell
    }
}

/// A target "at least `limit`" judged on `iv`.
pub fn at_least(iv: &Interval, limit: f64) -> Target {
    if iv.lo >= limit {
        Target::Met
    } else if iv.hi < limit {
        Target::Missed
    } else {
        Target::CannotTell
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Target::Met => "met",
            Target::Missed => "MISSED",
            Target::CannotTell => "cannot tell at this noise",
        })
    }
}

/// Which scalability model a fit uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Model {
    /// Amdahl's law: contention only (`kappa` = 0); throughput rises to a ceiling, never falls.
    Amdahl,
    /// Gunther's Universal Scalability Law: contention and coherency; throughput peaks, then falls.
    Usl,
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Model::Amdahl => "Amdahl",
            Model::Usl => "USL",
        })
    }
}

/// A fitted scalability curve: the Universal Scalability Law's
/// `lambda N / (1 + sigma (N - 1) + kappa N (N - 1))` up to the machine's CPU ceiling, flat above it. The
/// ceiling is physics, not a fitted constant: workers that each compute `1 - wait` of their time fill
/// the machine's `cores` at `cores / (1 - wait)` workers, and more workers than that find no CPU to run
/// on, so the curve is evaluated at `min(N, ceiling)` workers. Without it a smooth USL curve fitted to the
/// kink that CPU-bound work shows at the core count puts its peak past the cores (it said "best at 5
/// workers" on 2 cores for work that was flat from 2 on).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Fit {
    pub model: Model,
    /// Throughput of one worker.
    pub lambda: f64,
    /// Contention: the share of the work that serialises.
    pub sigma: f64,
    /// Coherency: the cost each pair of workers adds (crosstalk).
    pub kappa: f64,
    /// The worker count at which the CPU runs out (`cores / (1 - wait)`); infinite for none.
    pub ceiling: f64,
    /// Sum of squared relative residuals.
    pub sse: f64,
    /// The largest relative residual, |measured - fitted| / measured.
    pub worst_residual: f64,
}

/// The USL's shape (speed-up over one worker, each worker with its own core).
fn usl_shape(n: f64, sigma: f64, kappa: f64) -> f64 {
    n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0))
}

/// The worker count at which `cores` run out for work that waits `wait` of its time.
pub fn cpu_ceiling(cores: f64, wait: f64) -> f64 {
    if wait >= 1.0 || cores <= 0.0 {
        f64::INFINITY
    } else {
        cores / (1.0 - wait.max(0.0))
    }
}

/// Where a fitted curve tops out within a horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Top {
    /// The USL's own peak (coherency makes more workers slower), below the CPU ceiling.
    Peak(f64),
    /// The CPU runs out first: throughput is flat from this many workers on.
    Ceiling(f64),
    /// Still rising at the horizon.
    Rising,
}

impl Fit {
    /// The fitted throughput at `n` workers on this machine (the ceiling applied).
    pub fn at(&self, n: f64) -> f64 {
        self.lambda * usl_shape(n.min(self.ceiling), self.sigma, self.kappa)
    }

    /// The USL's throughput at `n` workers each with its own core (no ceiling): what the constants
    /// predict for a machine with `n` cores.
    pub fn software_at(&self, n: f64) -> f64 {
        self.lambda * usl_shape(n, self.sigma, self.kappa)
    }

    /// The USL's own peak, `sqrt((1 - sigma) / kappa)`; infinite when `kappa` is 0 (throughput only rises).
    pub fn peak(&self) -> f64 {
        if self.kappa <= 0.0 {
            f64::INFINITY
        } else {
            ((1.0 - self.sigma).max(0.0) / self.kappa).sqrt().max(1.0)
        }
    }

    /// The worker count where the CPU runs out, if the USL curve is still rising there.
    fn knee(&self) -> Option<f64> {
        (self.ceiling.is_finite() && self.peak() >= self.ceiling).then_some(self.ceiling)
    }

    /// Where the curve tops out up to `horizon` workers.
    pub fn top(&self, horizon: usize) -> Top {
        let h = horizon as f64;
        match (self.knee(), self.peak()) {
            (Some(k), _) if k <= h => Top::Ceiling(k),
            (_, p) if p.is_finite() && p < h => Top::Peak(p),
            _ => Top::Rising,
        }
    }

    /// The best whole worker count up to `max`: the fewest workers within 0.1% of the highest fitted
    /// throughput (on a flat stretch more workers gain nothing, so the fewest is the answer).
    pub fn best_workers(&self, max: usize) -> usize {
        let max = max.max(1);
        let best = (1..=max)
            .map(|n| self.at(n as f64))
            .fold(f64::NEG_INFINITY, f64::max);
        (1..=max)
            .find(|&n| self.at(n as f64) >= best * (1.0 - 1e-3))
            .unwrap_or(max)
    }

    /// The speed-up over one worker predicted at `n` workers, each with its own core.
    pub fn speedup(&self, n: f64) -> f64 {
        self.software_at(n) / self.lambda
    }
}

/// The relative-residual fit of `lambda` for fixed `sigma`, `kappa` and `ceiling` (closed form), and its
/// error.
fn fit_lambda(points: &[(f64, f64)], sigma: f64, kappa: f64, ceiling: f64) -> (f64, f64) {
    let g = |n: f64| usl_shape(n.min(ceiling), sigma, kappa);
    let (mut num, mut den) = (0.0, 0.0);
    for &(n, x) in points {
        let u = g(n) / x;
        num += u;
        den += u * u;
    }
    let lambda = if den > 0.0 { num / den } else { 0.0 };
    let sse = points
        .iter()
        .map(|&(n, x)| (1.0 - lambda * g(n) / x).powi(2))
        .sum();
    (lambda, sse)
}

fn kappa_grid(center: Option<(f64, f64)>) -> Vec<f64> {
    match center {
        None => std::iter::once(0.0)
            .chain((0..=48).map(|i| 10f64.powf(-6.0 + 6.0 * i as f64 / 48.0)))
            .collect(),
        Some((k, step)) => (-6..=6)
            .map(|i| {
                if k <= 0.0 {
                    step * i.max(0) as f64
                } else {
                    k * step.powi(i)
                }
            })
            .collect(),
    }
}

/// How many distinct worker counts of `points` lie at or below the CPU ceiling (where the USL part of the
/// curve is what the points measure). The
/// contention and coherency constants rest on these alone: at and above the ceiling the points measure
/// the ceiling.
pub fn counts_below_ceiling(points: &[(f64, f64)], ceiling: f64) -> usize {
    let mut below: Vec<f64> = points
        .iter()
        .map(|p| p.0)
        .filter(|&n| n <= ceiling)
        .collect();
    below.sort_by(f64::total_cmp);
    below.dedup();
    below.len()
}

/// Fits `model` to `(workers, throughput)` points under the CPU `ceiling` (see [`Fit`]; infinite for
/// none) by least squares on relative residuals: a grid search over `sigma` in [0, 1] and `kappa` in
/// [0, 1] (log-spaced), refined twice around the best cell, with `lambda` solved exactly at each. `None`
/// with fewer than 3 points or non-positive throughputs.
pub fn fit(points: &[(f64, f64)], model: Model, ceiling: f64) -> Option<Fit> {
    if points.len() < 3
        || points
            .iter()
            .any(|&(n, x)| !(n >= 1.0 && x > 0.0 && x.is_finite()))
    {
        return None;
    }
    let ceiling = if ceiling.is_nan() || ceiling < 1.0 {
        f64::INFINITY
    } else {
        ceiling
    };
    let kappas = |c| {
        if model == Model::Amdahl {
            vec![0.0]
        } else {
            kappa_grid(c)
        }
    };
    let mut best = (f64::INFINITY, 0.0, 0.0);
    let consider = |sigma: f64, kappa: f64, best: &mut (f64, f64, f64)| {
        let sigma = sigma.clamp(0.0, 1.0);
        let kappa = kappa.clamp(0.0, 1.0);
        let (_, sse) = fit_lambda(points, sigma, kappa, ceiling);
        // Strictly better only: among equal fits (a flat stretch where the ceiling hides the constants)
        // the first, smallest constants are kept.
        if sse < best.0 - 1e-12 {
            *best = (sse, sigma, kappa);
        }
    };
    for i in 0..=50 {
        for &k in &kappas(None) {
            consider(i as f64 / 50.0, k, &mut best);
        }
    }
    for (sigma_step, kappa_step) in [
        (0.02 / 6.0, 10f64.powf(0.125 / 6.0)),
        (0.02 / 36.0, 10f64.powf(0.125 / 36.0)),
    ] {
        let (_, s0, k0) = best;
        let k_first = if k0 <= 0.0 { 1e-6 / 6.0 } else { kappa_step };
        let ks = kappas(Some((k0, k_first)));
        for i in -6..=6 {
            for &k in &ks {
                consider(s0 + sigma_step * i as f64, k, &mut best);
            }
        }
        if k0 <= 0.0 && model == Model::Usl {
            // a kappa of zero sits at the edge of the log grid: try the smallest grid values too
            for &k in &kappa_grid(None)[1..4] {
                consider(s0, k, &mut best);
            }
        }
    }
    let (sse, sigma, kappa) = best;
    let (lambda, _) = fit_lambda(points, sigma, kappa, ceiling);
    let mut fit = Fit {
        model,
        lambda,
        sigma,
        kappa,
        ceiling,
        sse,
        worst_residual: 0.0,
    };
    fit.worst_residual = points
        .iter()
        .map(|&(n, x)| ((x - fit.at(n)) / x).abs())
        .fold(0.0, f64::max);
    Some(fit)
}

/// Fits both models under the CPU `ceiling` and keeps the better by Akaike's criterion (the USL pays
/// for its extra constant): Amdahl unless the USL's coherency term earns its place. Coherency needs at
/// least three worker counts below the ceiling to be told apart from contention; with fewer (CPU-bound
/// work on 2 cores measures only 1 and 2 below it) the fit is Amdahl's.
pub fn best_fit(points: &[(f64, f64)], ceiling: f64) -> Option<Fit> {
    let amdahl = fit(points, Model::Amdahl, ceiling)?;
    if counts_below_ceiling(points, ceiling) < 3 {
        return Some(amdahl);
    }
    let usl = fit(points, Model::Usl, ceiling)?;
    let n = points.len() as f64;
    let aic = |f: &Fit, k: f64| n * (f.sse.max(1e-12) / n).ln() + 2.0 * k;
    Some(if usl.kappa > 0.0 && aic(&usl, 3.0) < aic(&amdahl, 2.0) {
        usl
    } else {
        amdahl
    })
}

/// A fit with bootstrap intervals: rounds (each a throughput at every worker count, measured together)
/// are resampled, the per-count medians refitted with the same model.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SweepFit {
    pub fit: Fit,
    pub sigma: Interval,
    pub kappa: Interval,
    /// The best worker count up to [`SweepFit::horizon`], and its interval.
    pub best_workers: Interval,
    pub horizon: usize,
    /// The per-count medians the fit was made to.
    pub points: Vec<(f64, f64)>,
    /// How many bootstrap refits succeeded.
    pub resamples: usize,
    /// The range of worker counts measured: the fit describes this machine between them, and only
    /// extrapolates outside.
    pub range: (f64, f64),
    /// How many measured counts lie below the CPU ceiling: the contention and coherency constants rest
    /// on these alone (above it the points measure the ceiling).
    pub below_ceiling: usize,
    pub refits: Vec<Fit>,
}

impl SweepFit {
    /// The fitted throughput at `n` as a share of the fitted best (up to the horizon), with its interval
    /// over the refits.
    pub fn share_of_best(&self, n: f64) -> Interval {
        let share = |f: &Fit| f.at(n) / f.at(f.best_workers(self.horizon) as f64);
        let (lo, hi) = percentile_interval(self.refits.iter().map(share).collect());
        Interval {
            median: share(&self.fit),
            lo,
            hi,
            n: self.refits.len(),
        }
    }

    /// The predicted speed-up over one worker at `n` workers, with its interval.
    pub fn speedup(&self, n: f64) -> Interval {
        let (lo, hi) = percentile_interval(self.refits.iter().map(|f| f.speedup(n)).collect());
        Interval {
            median: self.fit.speedup(n),
            lo,
            hi,
            n: self.refits.len(),
        }
    }
}

/// Fits a sweep measured in rounds: `rounds[i]` holds, for each worker count `workers[j]`, the
/// throughput of round i (`NaN` where missing). The model is chosen on the medians ([`best_fit`]); the
/// intervals come from [`FIT_RESAMPLES`] bootstrap resamples of the rounds. `horizon` caps the best
/// worker count (an Amdahl curve never peaks).
pub fn fit_sweep(
    workers: &[f64],
    rounds: &[Vec<f64>],
    horizon: usize,
    ceiling: f64,
) -> Option<SweepFit> {
    let medians = |sample: &[&Vec<f64>]| -> Vec<(f64, f64)> {
        workers
            .iter()
            .enumerate()
            .filter_map(|(j, &w)| {
                let col: Vec<f64> = sample.iter().filter_map(|r| r.get(j).copied()).collect();
                Some((w, median(&col)?))
            })
            .collect()
    };
    let all: Vec<&Vec<f64>> = rounds.iter().collect();
    let points = medians(&all);
    let fit0 = best_fit(&points, ceiling)?;
    let mut rng = Rng::new(seed_for(&points.iter().map(|p| p.1).collect::<Vec<_>>()));
    let mut refits = Vec::new();
    if rounds.len() >= MIN_ROUNDS {
        for _ in 0..FIT_RESAMPLES {
            let sample: Vec<&Vec<f64>> = (0..rounds.len())
                .map(|_| &rounds[rng.index(rounds.len())])
                .collect();
            if let Some(f) = fit(&medians(&sample), fit0.model, ceiling) {
                refits.push(f);
            }
        }
    }
    let interval = |point: f64, values: Vec<f64>| {
        let (lo, hi) = if values.is_empty() {
            (point, point)
        } else {
            percentile_interval(values)
        };
        Interval {
            median: point,
            lo,
            hi,
            n: rounds.len(),
        }
    };
    Some(SweepFit {
        sigma: interval(fit0.sigma, refits.iter().map(|f| f.sigma).collect()),
        kappa: interval(fit0.kappa, refits.iter().map(|f| f.kappa).collect()),
        best_workers: interval(
            fit0.best_workers(horizon) as f64,
            refits
                .iter()
                .map(|f| f.best_workers(horizon) as f64)
                .collect(),
        ),
        horizon,
        fit: fit0,
        range: (
            points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min),
            points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max),
        ),
        below_ceiling: counts_below_ceiling(&points, ceiling),
        points,
        resamples: refits.len(),
        refits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Normal-ish noise from the seeded generator (sum of uniforms), scaled to `sd`.
    fn noise(rng: &mut Rng, sd: f64) -> f64 {
        let s: f64 = (0..12)
            .map(|_| (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64)
            .sum();
        (s - 6.0) * sd
    }

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
    }

    #[test]
    fn the_selection_median_agrees_with_a_sorted_one() {
        let mut rng = Rng::new(42);
        for n in 1..60 {
            // Repeats included: resamples draw the same round several times.
            let v: Vec<f64> = (0..n).map(|_| (rng.next_u64() % 17) as f64).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let expected = if n % 2 == 1 {
                sorted[n / 2]
            } else {
                (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
            };
            assert_eq!(median(&v), Some(expected), "{v:?}");
        }
    }

    #[test]
    fn the_rng_is_seeded_and_uniform_enough() {
        let (mut a, mut b) = (Rng::new(1), Rng::new(1));
        assert_eq!(a.next_u64(), b.next_u64());
        let mut counts = [0usize; 4];
        for _ in 0..4000 {
            counts[a.index(4)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (900..1100).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn the_interval_covers_the_true_median_and_narrows_with_rounds() {
        let mut rng = Rng::new(7);
        let small: Vec<f64> = (0..15).map(|_| 100.0 + noise(&mut rng, 5.0)).collect();
        let large: Vec<f64> = (0..400).map(|_| 100.0 + noise(&mut rng, 5.0)).collect();
        let (s, l) = (
            bootstrap_median(&small).expect("measured"),
            bootstrap_median(&large).expect("measured"),
        );
        assert!(s.lo <= 100.0 && 100.0 <= s.hi, "{s:?}");
        assert!(l.lo <= 100.0 && 100.0 <= l.hi, "{l:?}");
        assert!(l.hi - l.lo < s.hi - s.lo, "{s:?} {l:?}");
        assert_eq!(
            bootstrap_median(&small),
            bootstrap_median(&small),
            "deterministic"
        );
        assert_eq!(bootstrap_median(&[1.0, 2.0]), None, "too few rounds");
    }

    #[test]
    fn a_clear_difference_is_a_ranking_and_none_is_within_noise() {
        let mut rng = Rng::new(11);
        // Load drifts a lot between rounds but hits both contenders alike: pairing cancels it.
        let load: Vec<f64> = (0..30).map(|i| 1.0 + (i % 7) as f64 * 0.3).collect();
        let base: Vec<f64> = load
            .iter()
            .map(|l| 100.0 * l * (1.0 + noise(&mut rng, 0.01)))
            .collect();
        let fast: Vec<f64> = load
            .iter()
            .map(|l| 80.0 * l * (1.0 + noise(&mut rng, 0.01)))
            .collect();
        let same: Vec<f64> = load
            .iter()
            .map(|l| 100.0 * l * (1.0 + noise(&mut rng, 0.01)))
            .collect();
        let r = paired_ratio(&fast, &base).expect("measured");
        assert!((r.median - 0.8).abs() < 0.02, "{r:?}");
        assert_eq!(verdict(&r), Verdict::Faster);
        assert_eq!(
            verdict(&paired_ratio(&base, &fast).expect("measured")),
            Verdict::Slower
        );
        let r = paired_ratio(&same, &base).expect("measured");
        let v = verdict(&r);
        assert!(
            matches!(v, Verdict::WithinNoise(p) if p < 3.0),
            "{v:?} {r:?}"
        );
        assert!(v.to_string().starts_with("within noise (±"), "{v}");
        // Unpaired, the same drift hides the 20% difference.
        let u = unpaired_ratio(&fast, &base).expect("measured");
        assert!(u.hi - u.lo > 10.0 * (r.hi - r.lo), "{u:?} vs {r:?}");
        assert!(matches!(verdict(&u), Verdict::WithinNoise(_)), "{u:?}");
    }

    #[test]
    fn the_geometric_mean_of_medians_covers_the_truth() {
        let mut rng = Rng::new(5);
        let lists: Vec<Vec<f64>> = [0.5, 2.0, 1.0]
            .iter()
            .map(|&c| (0..20).map(|_| c * (1.0 + noise(&mut rng, 0.05))).collect())
            .collect();
        let g = geomean_of_medians(&lists).expect("measured");
        assert!((g.median - 1.0).abs() < 0.05, "{g:?}");
        assert!(g.lo < 1.0 && 1.0 < g.hi, "{g:?}");
        assert!(geomean_of_medians(&[vec![1.0, 2.0]]).is_none());
    }

    #[test]
    fn targets_are_met_missed_or_cannot_tell() {
        let iv = |lo, hi| Interval {
            median: (lo + hi) / 2.0,
            lo,
            hi,
            n: 10,
        };
        assert_eq!(at_most(&iv(0.8, 0.9), 1.0), Target::Met);
        assert_eq!(at_most(&iv(1.1, 1.2), 1.0), Target::Missed);
        assert_eq!(at_most(&iv(0.9, 1.1), 1.0), Target::CannotTell);
        assert_eq!(at_least(&iv(0.9, 1.1), 0.8), Target::Met);
        assert_eq!(at_least(&iv(0.5, 0.7), 0.8), Target::Missed);
        assert_eq!(Target::CannotTell.to_string(), "cannot tell at this noise");
    }

    fn usl(lambda: f64, sigma: f64, kappa: f64, n: f64) -> f64 {
        lambda * n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0))
    }

    #[test]
    fn the_usl_fit_recovers_known_constants() {
        let workers = [1.0, 2.0, 4.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0];
        let points: Vec<(f64, f64)> = workers
            .iter()
            .map(|&n| (n, usl(1000.0, 0.05, 0.002, n)))
            .collect();
        let f = fit(&points, Model::Usl, f64::INFINITY).expect("measured");
        assert!((f.sigma - 0.05).abs() < 0.002, "{f:?}");
        assert!((f.kappa - 0.002).abs() < 0.0002, "{f:?}");
        assert!((f.lambda - 1000.0).abs() < 10.0, "{f:?}");
        // peak = sqrt(0.95 / 0.002) = 21.8
        assert!((f.peak() - 21.8).abs() < 1.0, "{}", f.peak());
        assert_eq!(
            best_fit(&points, f64::INFINITY).expect("measured").model,
            Model::Usl
        );
        assert!(f.worst_residual < 0.01);
    }

    #[test]
    fn amdahl_wins_when_there_is_no_coherency_cost() {
        let points: Vec<(f64, f64)> = [1.0, 2.0, 4.0, 8.0, 16.0]
            .iter()
            .map(|&n| (n, usl(50.0, 0.1, 0.0, n)))
            .collect();
        let f = best_fit(&points, f64::INFINITY).expect("measured");
        assert_eq!(f.model, Model::Amdahl);
        assert!((f.sigma - 0.1).abs() < 0.002, "{f:?}");
        assert!(f.peak().is_infinite());
        assert_eq!(f.best_workers(64), 64);
        // Falling throughput: Amdahl's best is a flat line, and still has no coherency term.
        let falling = [(1.0, 100.0), (2.0, 60.0), (4.0, 30.0), (8.0, 20.0)];
        let a = fit(&falling, Model::Amdahl, f64::INFINITY).expect("measured");
        assert_eq!(a.kappa, 0.0, "{a:?}");
        let u = best_fit(&falling, f64::INFINITY).expect("measured");
        assert_eq!(u.model, Model::Usl, "{u:?}");
        assert_eq!(u.best_workers(64), 1);
        assert!(
            fit(&points[..2], Model::Usl, f64::INFINITY).is_none(),
            "two points cannot fix three constants"
        );
    }

    #[test]
    fn the_sweep_fit_gives_intervals_that_cover_the_truth() {
        let workers = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0];
        let mut rng = Rng::new(3);
        let rounds: Vec<Vec<f64>> = (0..25)
            .map(|_| {
                workers
                    .iter()
                    .map(|&n| usl(100.0, 0.03, 0.004, n) * (1.0 + noise(&mut rng, 0.03)))
                    .collect()
            })
            .collect();
        let s = fit_sweep(&workers, &rounds, 64, f64::INFINITY).expect("measured");
        assert_eq!(s.fit.model, Model::Usl);
        assert!(s.kappa.lo <= 0.004 && 0.004 <= s.kappa.hi, "{:?}", s.kappa);
        assert!(s.sigma.lo <= 0.03 && 0.03 <= s.sigma.hi, "{:?}", s.sigma);
        // true peak sqrt(0.97/0.004) = 15.6
        assert!(
            s.best_workers.lo <= 16.0 && 16.0 <= s.best_workers.hi,
            "{:?}",
            s.best_workers
        );
        let at_peak = s.share_of_best(16.0);
        assert!(at_peak.median > 0.99, "{at_peak:?}");
        let at_two = s.share_of_best(2.0);
        assert!(at_two.hi < 0.5, "{at_two:?}");
        let sp = s.speedup(8.0);
        let truth = usl(1.0, 0.03, 0.004, 8.0);
        assert!(sp.lo <= truth && truth <= sp.hi, "{sp:?} vs {truth}");
    }

    /// Throughput of CPU-bound work on 2 cores, as the quick run measured it (shares of the best: 51%,
    /// 98%, 100%, 98%, 98% at 1, 2, 3, 4, 8 workers), in rounds with 2% noise.
    fn cpu_bound_on_two_cores(rng: &mut Rng) -> (Vec<f64>, Vec<Vec<f64>>) {
        let workers = vec![1.0, 2.0, 3.0, 4.0, 8.0];
        let shares = [0.51, 0.98, 1.0, 0.98, 0.98];
        let rounds = (0..15)
            .map(|_| {
                shares
                    .iter()
                    .map(|s| 1000.0 * s * (1.0 + noise(rng, 0.02)))
                    .collect()
            })
            .collect();
        (workers, rounds)
    }

    #[test]
    fn the_cpu_ceiling_puts_the_best_count_at_the_cores_for_cpu_bound_work() {
        let mut rng = Rng::new(22);
        let (workers, rounds) = cpu_bound_on_two_cores(&mut rng);
        // Without the ceiling a smooth curve through the kink peaks past the cores (the old "5 workers").
        let free = fit_sweep(&workers, &rounds, 64, f64::INFINITY).expect("measured");
        assert!(free.fit.best_workers(64) > 2, "{:?}", free.fit);
        // With it (2 cores, no waiting): best at 2, and 2 workers reach the optimum.
        let s = fit_sweep(&workers, &rounds, 64, cpu_ceiling(2.0, 0.0)).expect("measured");
        assert_eq!(s.fit.best_workers(64), 2, "{:?}", s.fit);
        assert!(
            s.best_workers.lo >= 2.0 && s.best_workers.hi <= 3.0,
            "{:?}",
            s.best_workers
        );
        assert!(s.share_of_best(2.0).lo > 0.95, "{:?}", s.share_of_best(2.0));
        assert!(
            matches!(s.fit.top(64), Top::Ceiling(k) if (1.9..=2.2).contains(&k)),
            "{:?}",
            s.fit.top(64)
        );
        // Only 1 and 2 lie below the ceiling: coherency cannot be told apart, so the model is Amdahl's.
        assert_eq!(s.below_ceiling, 2);
        assert_eq!(s.fit.model, Model::Amdahl);
        assert_eq!(s.range, (1.0, 8.0));
        assert!(s.fit.worst_residual < 0.05, "{:?}", s.fit);
    }

    #[test]
    fn the_ceiling_is_cores_over_the_busy_share_and_binds_only_above_it() {
        assert_eq!(cpu_ceiling(2.0, 0.0), 2.0);
        assert!((cpu_ceiling(2.0, 0.8) - 10.0).abs() < 1e-9);
        assert!(cpu_ceiling(2.0, 1.0).is_infinite());
        let f = Fit {
            model: Model::Amdahl,
            lambda: 100.0,
            sigma: 0.0,
            kappa: 0.0,
            ceiling: 10.0,
            sse: 0.0,
            worst_residual: 0.0,
        };
        assert_eq!(f.at(4.0), 400.0);
        assert_eq!(f.at(10.0), 1000.0);
        assert_eq!(f.at(24.0), 1000.0, "flat above the ceiling");
        assert_eq!(f.software_at(24.0), 2400.0, "each worker its own core");
        assert_eq!(f.best_workers(64), 10);
        assert_eq!(
            f.top(64),
            Top::Ceiling(10.0_f64.max(f.knee().expect("binds")))
        );
        assert_eq!(f.top(8), Top::Rising);
        // Contention does not lift the curve past the ceiling: Amdahl with sigma 0.5 is flat from 10 on too.
        let h = Fit { sigma: 0.5, ..f };
        assert_eq!(h.at(32.0), h.at(10.0));
        assert_eq!(h.best_workers(64), 10);
        // A USL peak below the ceiling stays the answer.
        let g = Fit {
            kappa: 0.01,
            ceiling: 50.0,
            ..f
        };
        assert!(
            matches!(g.top(64), Top::Peak(p) if (p - 10.0).abs() < 1e-6),
            "{:?}",
            g.top(64)
        );
        assert_eq!(g.best_workers(64), 10);
    }

    #[test]
    fn waiting_work_is_fitted_below_its_ceiling_and_judged_flat_above() {
        // 80% waiting on 2 cores: linear up to 10 workers, flat above; the fit says 10.
        let workers = [1.0, 2.0, 4.0, 8.0, 10.0, 12.0, 16.0, 24.0, 32.0];
        let mut rng = Rng::new(4);
        let rounds: Vec<Vec<f64>> = (0..12)
            .map(|_| {
                workers
                    .iter()
                    .map(|&n| 200.0 * f64::min(n, 10.0) * (1.0 + noise(&mut rng, 0.02)))
                    .collect()
            })
            .collect();
        let s = fit_sweep(&workers, &rounds, 64, cpu_ceiling(2.0, 0.8)).expect("measured");
        assert_eq!(s.below_ceiling, 5);
        assert!(
            (9.0..=11.0).contains(&s.best_workers.median),
            "{:?}",
            s.best_workers
        );
        assert!(
            s.share_of_best(10.0).median > 0.97,
            "{:?}",
            s.share_of_best(10.0)
        );
        assert!(s.share_of_best(4.0).hi < 0.5, "{:?}", s.share_of_best(4.0));
    }
}

//! The benchmark report: reads criterion's estimates from `target/criterion/` and the Python peers' JSON,
//! and writes `docs/benchmarks.md` (for people) and `docs/benchmarks.json` (the raw numbers).
//! The report is generated, never hand-edited.

pub mod compare;
mod evalx;
mod fsutil;
mod gpu;
pub mod machine;
mod mpipool;
pub mod plot;
mod pool;
mod procpool;
pub mod provenance;
pub mod readme;
mod scaling;
pub mod stats;
pub mod suite;
mod summary;
mod viewer;

pub use crate::bench::Mode;
use crate::util::{root, target_dir};

#[cfg(test)]
mod tests;
use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One criterion measurement: the median time of one iteration and, when the bench declared it, the
/// number of elements one iteration processes.
#[derive(Debug, Clone, Copy)]
pub struct Measured {
    pub median_ns: f64,
    pub elements: Option<u64>,
}

impl Measured {
    /// Nanoseconds per element (per iteration when the bench declared no throughput).
    pub fn ns_per_element(&self) -> f64 {
        self.median_ns / self.elements.unwrap_or(1).max(1) as f64
    }
}

/// Where the report reads its inputs and writes its outputs. The real run uses the target directory
/// and `docs/`; the report's own tests substitute synthetic measurements and a temporary folder.
#[derive(Debug, Clone)]
pub struct Sources {
    /// criterion's output folder, or `None` for synthetic measurements (tests).
    pub criterion: Option<PathBuf>,
    /// The Python peers' saved JSON.
    pub peers: PathBuf,
    /// Where `benchmarks.md`, `benchmarks.json` and `img/` are written.
    pub docs: PathBuf,
}

thread_local! {
    static SOURCES: std::cell::RefCell<Option<Sources>> = const { std::cell::RefCell::new(None) };
}

fn sources() -> Sources {
    SOURCES
        .with(|s| s.borrow().clone())
        .unwrap_or_else(|| Sources {
            criterion: Some(target_dir().join("criterion")),
            peers: crate::bench::peers_dir(),
            docs: root().join("docs"),
        })
}

/// A deterministic stand-in measurement for tests: varies with the id so ratios are not all 1.
fn synthetic(group: &str, id: &str) -> Measured {
    let h = group
        .bytes()
        .chain(id.bytes())
        .fold(1469598103934665603u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(1099511628211)
        });
    Measured {
        median_ns: 1_000.0 + (h % 1_000_000) as f64,
        elements: Some(1 + h % 1000),
    }
}

/// Criterion's results for `group/id` (the id may contain `/` for parameterised benches).
pub fn criterion(group: &str, id: &str) -> Option<Measured> {
    let Some(root) = sources().criterion else {
        let m = synthetic(group, id);
        let key = format!("{group}/{id}");
        record(&key, &synthetic_rounds(m.ns_per_element(), &key));
        return Some(m);
    };
    let dir = root.join(group).join(id).join("new");
    let estimates = read_json(&dir.join("estimates.json"))?;
    if let Some(samples) = criterion_samples(group, id) {
        ROUNDS.with(|r| {
            r.borrow_mut()
                .insert(format!("{group}/{id}"), json!(rounded(&samples)));
        });
    }
    let median_ns = estimates.get("median")?.get("point_estimate")?.as_f64()?;
    let elements = read_json(&dir.join("benchmark.json"))
        .and_then(|b| b.get("throughput")?.get("Elements")?.as_u64());
    Some(Measured {
        median_ns,
        elements,
    })
}

/// Criterion's samples for `group/id`: nanoseconds per element (per iteration without a declared
/// throughput) of each sample, for unpaired intervals and `--compare`.
pub fn criterion_samples(group: &str, id: &str) -> Option<Vec<f64>> {
    let Some(root) = sources().criterion else {
        let m = synthetic(group, id);
        return Some(synthetic_rounds(
            m.ns_per_element(),
            &format!("{group}/{id}"),
        ));
    };
    let dir = root.join(group).join(id).join("new");
    let sample = read_json(&dir.join("sample.json"))?;
    let elements = read_json(&dir.join("benchmark.json"))
        .and_then(|b| b.get("throughput")?.get("Elements")?.as_u64())
        .unwrap_or(1)
        .max(1) as f64;
    let iters = sample.get("iters")?.as_array()?;
    let times = sample.get("times")?.as_array()?;
    let values: Vec<f64> = iters
        .iter()
        .zip(times)
        .filter_map(|(i, t)| Some(t.as_f64()? / i.as_f64()?.max(1.0) / elements))
        .collect();
    (!values.is_empty()).then_some(values)
}

/// Nine deterministic rounds scattered ±3% around `center` (the report's tests).
fn synthetic_rounds(center: f64, key: &str) -> Vec<f64> {
    let mut rng = stats::Rng::new(
        key.bytes()
            .fold(7, |h, b| (h ^ u64::from(b)).wrapping_mul(31)),
    );
    (0..9)
        .map(|_| center * (0.97 + 0.06 * (rng.next_u64() % 1000) as f64 / 1000.0))
        .collect()
}

/// Paired, interleaved rounds written by a bench (`tasklab_benches::paired_rounds`) to
/// `<criterion>/paired/<name>.json`: per contender, nanoseconds per element of each round.
#[derive(Debug, Clone)]
pub struct Paired {
    pub name: String,
    pub rounds: usize,
    contenders: Vec<(String, Vec<f64>)>,
    /// Elements (tasks, entries) one run of each contender processed, where the bench wrote them.
    elements: Vec<(String, u64)>,
    synthetic: bool,
}

impl Paired {
    /// The rounds of one contender.
    pub fn get(&self, contender: &str) -> Option<Vec<f64>> {
        if self.synthetic {
            let m = synthetic(&self.name, contender);
            return Some(synthetic_rounds(
                m.ns_per_element(),
                &format!("{}/{contender}", self.name),
            ));
        }
        self.contenders
            .iter()
            .find(|(n, _)| n == contender)
            .map(|(_, v)| v.clone())
    }

    /// Elements one run of `contender` processed (a synthetic stand-in in the report's tests).
    pub fn elements(&self, contender: &str) -> Option<u64> {
        if self.synthetic {
            return synthetic(&self.name, contender).elements;
        }
        self.elements
            .iter()
            .find(|(n, _)| n == contender)
            .map(|(_, e)| *e)
    }

    /// The contenders' names, as the bench wrote them (none for synthetic rounds).
    pub fn names(&self) -> Vec<String> {
        self.contenders.iter().map(|(n, _)| n.clone()).collect()
    }

    /// The worker counts of a sweep whose contenders are named by their count, sorted; `default` when
    /// the rounds name none (synthetic rounds in the report's tests).
    pub fn worker_counts(&self, default: &[usize]) -> Vec<usize> {
        let mut w: Vec<usize> = self.names().iter().filter_map(|n| n.parse().ok()).collect();
        if w.is_empty() {
            return default.to_vec();
        }
        w.sort_unstable();
        w.dedup();
        w
    }

    /// The median time per element of one contender, with its interval.
    pub fn median(&self, contender: &str) -> Option<stats::Interval> {
        stats::bootstrap_median(&self.get(contender)?)
    }

    /// The median of per-round ratios `a / b`, with its interval.
    pub fn ratio(&self, a: &str, b: &str) -> Option<stats::Interval> {
        stats::paired_ratio(&self.get(a)?, &self.get(b)?)
    }
}

/// The paired rounds named `name`, if that bench ran (synthetic rounds in the report's tests). Each is
/// also recorded under the JSON's `"rounds"`, which `--compare` reads.
pub fn paired(name: &str) -> Option<Paired> {
    let Some(root) = sources().criterion else {
        return Some(Paired {
            name: name.into(),
            rounds: 9,
            contenders: Vec::new(),
            elements: Vec::new(),
            synthetic: true,
        });
    };
    let v = read_json(
        &root
            .join("paired")
            .join(format!("{}.json", name.replace('/', "_"))),
    )?;
    let contenders = v["contenders"]
        .as_object()?
        .iter()
        .map(|(k, vals)| {
            let vals = vals
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_f64)
                .collect();
            (k.clone(), vals)
        })
        .collect();
    let elements = v["elements"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, e)| Some((k.clone(), e.as_u64()?)))
        .collect();
    let p = Paired {
        name: name.into(),
        rounds: v["rounds"].as_u64().unwrap_or(0) as usize,
        contenders,
        elements,
        synthetic: false,
    };
    record_rounds(&p);
    Some(p)
}

thread_local! {
    /// Every paired measurement the report read, for the JSON's `"rounds"`.
    static ROUNDS: std::cell::RefCell<serde_json::Map<String, Value>> = std::cell::RefCell::new(serde_json::Map::new());
}

fn record_rounds(p: &Paired) {
    ROUNDS.with(|r| {
        let mut r = r.borrow_mut();
        for (c, v) in &p.contenders {
            r.insert(format!("paired/{}/{c}", p.name), json!(rounded(v)));
        }
    });
}

/// Records a measurement's rounds (nanoseconds per element, or ratios) under the JSON's `"rounds"`, for
/// `--compare`.
pub fn record(key: &str, values: &[f64]) {
    ROUNDS.with(|r| {
        r.borrow_mut().insert(key.into(), json!(rounded(values)));
    });
}

/// Four significant digits: what the rounds' noise leaves meaningful, and a smaller JSON.
fn rounded(values: &[f64]) -> Vec<f64> {
    values
        .iter()
        .map(|&v| {
            if v == 0.0 || !v.is_finite() {
                return v;
            }
            let scale = 10f64.powi(3 - v.abs().log10().floor() as i32);
            (v * scale).round() / scale
        })
        .collect()
}

/// Where a run's machine state is saved: beside the peers' folder.
pub fn machine_state_file() -> PathBuf {
    let peers = sources().peers;
    peers
        .parent()
        .map_or_else(|| peers.clone(), Path::to_path_buf)
        .join("machine_state.json")
}

/// CPU (in cores) other processes took on average while the section being rendered was measured: from
/// the run records of its bench files (so a section an earlier run measured is judged against that run's
/// machine, not this one's), else the whole run's state.
pub fn other_load() -> Option<f64> {
    let benches = CURRENT_BENCHES.with(|c| c.borrow().clone());
    let records = provenance::load(&runs_dir());
    let from_records = provenance::of(
        &records,
        &benches.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .iter()
    .filter_map(|r| r.state.other_cores)
    .reduce(f64::max);
    from_records.or_else(|| machine_state()?.other_cores)
}

thread_local! {
    /// The bench files of the section being rendered (see [`SECTIONS`]).
    static CURRENT_BENCHES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Where the run records are (`<results>/runs`, beside the peers' folder).
pub fn runs_dir() -> PathBuf {
    let peers = sources().peers;
    provenance::dir(
        &peers
            .parent()
            .map_or_else(|| peers.clone(), Path::to_path_buf),
    )
}

/// The report's sections after the opening answer, in order, each with the bench files whose results it
/// reads (`peers`: the standalone CPython peers). The provenance notes and the machine state a section
/// is judged against follow from these. A new section is one line here (and its bench file under
/// `benches/benches/`).
type SectionFn = fn() -> Section;
const SECTIONS: &[(SectionFn, &[&str])] = &[
    (pool::section, &["pool", "peers"]),
    (procpool::section, &["procpool", "peers"]),
    (mpipool::section, &["mpipool", "peers"]),
    (gpu::section, &["gpu"]),
    (viewer::section, &["viewer"]),
    (evalx::section, &["evalx"]),
    (suite::section, &["suite"]),
    (fsutil::section, &["fsutil"]),
];

fn machine_state() -> Option<machine::RunState> {
    serde_json::from_value(read_json(&machine_state_file())?).ok()
}

fn read_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// A section of the report: Markdown for people and the same numbers as JSON.
#[derive(Debug)]
pub struct Section {
    pub title: String,
    pub markdown: String,
    pub json: Value,
}

/// The saved JSON of a Python peer (`benches/python/<name>_peer.py`), if it ran.
pub fn peer(name: &str) -> Option<Value> {
    read_json(&sources().peers.join(format!("{name}.json")))
}

/// Where the report's plots go: `docs/img/`. Sections embed them as `img/<file>.svg`.
pub fn img_dir() -> PathBuf {
    sources().docs.join("img")
}

/// Renders every section and writes the report files, reading from and writing to `sources` (the target
/// directory and `docs/` when `None`); `timings` says how long each part of the run took, and `partial`
/// names what a run measured when it ran only part of the benches (`--only evalx`): the other sections
/// then show earlier runs' results, and the report says so. Returns the Markdown file's path.
pub fn write_to(
    mode: Mode,
    timings: &[(String, f64)],
    sources: Option<Sources>,
    partial: Option<&str>,
) -> Result<PathBuf> {
    let previous = SOURCES.with(|s| std::mem::replace(&mut *s.borrow_mut(), sources.clone()));
    let restore_previous = sources.is_some();
    let written = render_and_write(mode, timings, partial);
    if restore_previous {
        SOURCES.with(|s| *s.borrow_mut() = previous);
    }
    let md_path = written?;
    if sources.is_none() {
        // The real report: the numbers READMEs quote from it follow it (see `readme`).
        let json = read_json(&md_path.with_file_name("benchmarks.json"))
            .context("could not read back the benchmarks.json just written")?;
        for path in readme::update_all(&root(), &json)? {
            eprintln!(
                "==> updated the report's numbers quoted in {}",
                path.display()
            );
        }
    }
    Ok(md_path)
}

fn render_and_write(
    mode: Mode,
    timings: &[(String, f64)],
    partial: Option<&str>,
) -> Result<PathBuf> {
    let machine = machine();
    ROUNDS.with(|r| r.borrow_mut().clear());
    let state = machine_state();
    let records = provenance::load(&runs_dir());
    let current = records.iter().map(|r| r.run).max();
    let mut notes = vec![String::new()];
    let mut provenance_json = serde_json::Map::new();
    let details: Vec<Section> = SECTIONS
        .iter()
        .map(|(render, benches)| {
            CURRENT_BENCHES
                .with(|c| *c.borrow_mut() = benches.iter().map(|b| b.to_string()).collect());
            let section = render();
            CURRENT_BENCHES.with(|c| c.borrow_mut().clear());
            notes.push(provenance::section_note(&records, benches, current));
            provenance_json.insert(section.title.clone(), provenance::json(&records, benches));
            section
        })
        .collect();
    let mut sections = vec![summary::section(&details)];
    sections.extend(details);

    let mut md = String::new();
    md.push_str("# tasklab benchmark report\n\n");
    let noise = state
        .as_ref()
        .map(machine::RunState::noise_reasons)
        .unwrap_or_default();
    if !noise.is_empty() {
        let _ = writeln!(
            md,
            "> **Warning: this run was measured on a noisy machine**: {}. Comparisons that verdicts depend on \
             were measured in paired, interleaved rounds, so shared load mostly cancels; still, expect wide \
             intervals, \"within noise\" verdicts and \"cannot tell at this noise\" targets, and rerun on a \
             quiet machine before trusting absolute times.\n",
            noise.join("; ")
        );
    }
    let earlier_noise: Vec<String> = records
        .iter()
        .filter(|r| Some(r.run) != current && !r.state.noise_reasons().is_empty())
        .map(|r| {
            format!(
                "`{}` (measured {}: {})",
                r.bench,
                provenance::utc(r.finished),
                r.state.noise_reasons().join("; ")
            )
        })
        .collect();
    if !earlier_noise.is_empty() {
        let _ = writeln!(
            md,
            "> **Warning: some sections come from earlier, noisy runs**: {}. Each section says which run measured it.\n",
            earlier_noise.join(", ")
        );
    }
    if mode != Mode::Full {
        let _ = writeln!(
            md,
            "> **Indicative only**: `{}` measures few rounds with the `{}` profile (no fat LTO); its answers \
             show the shape, the full run (`cargo xtask bench`) gives the numbers to quote.\n",
            mode.command(),
            mode.profile()
        );
    }
    md.push_str("Generated by `cargo xtask bench`; do not edit by hand. Verdicts come from paired, interleaved rounds: \
        the median of per-round ratios with a 95% bootstrap interval over rounds. A verdict says \"faster\" or \
        \"slower\" only when the whole interval says so, else \"within noise (±x%)\"; a target is met or MISSED \
        only when the whole interval is on one side, else \"cannot tell at this noise\". A worker-count target is \
        judged on the fitted model and on the measured rounds; where the two say opposite things, or the run was \
        loaded (competing load moves the best count either way), it says \"cannot tell at this noise\". A comparison that could not be paired says \"not paired\" and either \
        gives no verdict or judges an unpaired interval (each side resampled on its own, wider). A target on a \
        time of its own (\"at most 5 ms\") cannot be paired: on a run the machine state calls noisy it is met or \
        \"cannot tell at this noise\", never MISSED, since load only adds time. Other times \
        are criterion medians; compare ratios within this report rather than absolute times across machines.\n\n");
    let took = timings
        .iter()
        .find(|(name, _)| name.starts_with("total"))
        .map(|(_, secs)| format!(", {:.0} s without the build", secs))
        .unwrap_or_default();
    let took = if mode == Mode::Full {
        took
    } else {
        format!(
            " (`{}` profile, few rounds: indicative){took}",
            mode.profile()
        )
    };
    match partial {
        None => {
            let _ = writeln!(md, "- Run: `{}`{took}", mode.command());
        }
        Some(what) => {
            let _ = writeln!(
                md,
                "- Run: `{} {what}`{took}; the other sections are earlier runs' results (still in `target/criterion`)",
                mode.command()
            );
        }
    }
    let _ = writeln!(md, "- Logical CPUs (`cpu_count`): {}", machine["cpu_count"]);
    let _ = writeln!(
        md,
        "- Usable CPUs (`usable_cpu_count`: affinity and cgroup quota): {}",
        machine["usable_cpu_count"]
    );
    let _ = writeln!(
        md,
        "- CPU: {}",
        machine["cpu_model"].as_str().unwrap_or("unknown")
    );
    let _ = writeln!(
        md,
        "- Accelerator: {}",
        machine["accelerator"].as_str().unwrap_or("none")
    );
    let _ = writeln!(
        md,
        "- CPython (peers): {}",
        machine["python"].as_str().unwrap_or("not measured")
    );
    match &state {
        Some(state) => {
            for line in state.lines() {
                let _ = writeln!(md, "- {line}");
            }
        }
        None => md.push_str("- Machine state during the run: not recorded\n"),
    }
    md.push('\n');
    let runs = records
        .iter()
        .map(|r| r.run)
        .collect::<std::collections::BTreeSet<_>>();
    if runs.len() > 1 || records.iter().any(|r| r.filter.is_some()) {
        md.push_str(
            "**The runs behind this report** (a partial run, `--only` or `--filter`, re-measures only its own bench \
             files; the other sections keep an earlier run's numbers, and each is judged against the machine state \
             of the run that measured it):\n\n",
        );
        md.push_str(&provenance::runs_table(&records, current));
    }
    for (section, note) in sections.iter().zip(&notes) {
        let _ = writeln!(md, "## {}\n\n{note}{}", section.title, section.markdown);
    }

    let mut raw = serde_json::Map::new();
    raw.insert("machine".into(), machine);
    raw.insert("quick".into(), json!(mode != Mode::Full));
    raw.insert("command".into(), json!(mode.command()));
    raw.insert("profile".into(), json!(mode.profile()));
    raw.insert("confidence".into(), json!(stats::CONFIDENCE));
    raw.insert(
        "seconds".into(),
        Value::Object(
            timings
                .iter()
                .map(|(name, secs)| (name.clone(), json!((secs * 10.0).round() / 10.0)))
                .collect(),
        ),
    );
    for section in &sections {
        raw.insert(section.title.clone(), section.json.clone());
    }
    let mut state_json = serde_json::to_value(&state).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut state_json {
        o.insert("noise".into(), json!(noise));
    }
    raw.insert("machine_state".into(), state_json);
    raw.insert(
        "runs".into(),
        serde_json::to_value(&records).unwrap_or(Value::Null),
    );
    raw.insert("provenance".into(), Value::Object(provenance_json));
    raw.insert(
        "rounds".into(),
        Value::Object(ROUNDS.with(|r| r.borrow().clone())),
    );
    let docs = sources().docs;
    std::fs::create_dir_all(&docs)
        .with_context(|| format!("could not create {}", docs.display()))?;
    let md_path = docs.join("benchmarks.md");
    std::fs::write(&md_path, md)
        .with_context(|| format!("could not write {}", md_path.display()))?;
    let json_path = docs.join("benchmarks.json");
    let text = serde_json::to_string_pretty(&Value::Object(raw))?;
    std::fs::write(&json_path, text + "\n")
        .with_context(|| format!("could not write {}", json_path.display()))?;
    Ok(md_path)
}

/// The title of the opening section and the questions it answers (the list): [`check`] wants each.
pub const ANSWER_TITLE: &str = "The answer: threads, processes or the GPU?";
const QUESTIONS: [&str; 6] = [
    "### 1. ", "### 2. ", "### 3. ", "### 4. ", "### 5. ", "### 6. ",
];

/// Checks a rendered report: the opening section answers each of the six questions with numbers, and every
/// section has a table or list with numbers in it. Says which part is missing.
pub fn check(md: &str) -> Result<()> {
    let bodies: Vec<(&str, &str)> = md
        .split("\n## ")
        .skip(1)
        .filter_map(|part| part.split_once('\n'))
        .collect();
    if bodies.len() < 9 {
        bail!(
            "expected the answer and eight sections, found {}: {:?}",
            bodies.len(),
            bodies.iter().map(|b| b.0).collect::<Vec<_>>()
        );
    }
    for (title, body) in &bodies {
        if !body.chars().any(|c| c.is_ascii_digit()) || !(body.contains('|') || body.contains("- "))
        {
            bail!("section {title:?} has no numbers");
        }
    }
    let Some((_, answer)) = bodies.iter().find(|(t, _)| *t == ANSWER_TITLE) else {
        bail!("the opening section {ANSWER_TITLE:?} is missing");
    };
    for q in QUESTIONS {
        let Some(part) = answer.split(q).nth(1) else {
            bail!("the answer to question {q:?} is missing");
        };
        let part = part.split("\n### ").next().unwrap_or(part);
        let numbers = part
            .lines()
            .skip(1)
            .filter(|l| !l.contains("not measured"))
            .any(|l| l.chars().any(|c| c.is_ascii_digit()));
        if !numbers {
            bail!("the answer to question {q:?} has no measured numbers:\n{part}");
        }
    }
    Ok(())
}

/// What `nvidia-smi -L` says, or that this machine has no GPU (the GPU rows are then the simulator's).
fn accelerator() -> String {
    let listed = std::process::Command::new("nvidia-smi")
        .arg("-L")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty());
    listed.unwrap_or_else(|| {
        "none on this machine: GPU rows measured here are the CPU simulator, labelled as such; numbers from a \
         lent GPU machine are shown beside them with their device and date"
            .into()
    })
}

fn machine() -> Value {
    let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    json!({
        "cpu_count": ::pool::cpu_count(),
        "usable_cpu_count": ::pool::usable_cpu_count(),
        "cpu_model": cpu_model,
        "accelerator": accelerator(),
        "python": peer("pool").and_then(|p| p["python"].as_str().map(String::from)),
    })
}

/// A target's verdict word in the report's tables, for a target judged on one number (no rounds to give
/// an interval: absolute limits the issues set, such as start-up times).
pub fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

/// A target "at most `limit` ns per element" for one criterion measurement (median `ns`), judged on the
/// bootstrap interval of criterion's samples: "met", "MISSED" or "cannot tell at this noise" (one number
/// only, when the samples are missing).
pub fn judged_at_most(group: &str, id: &str, limit: f64, ns: f64) -> String {
    match criterion_samples(group, id).and_then(|s| stats::bootstrap_median(&s)) {
        Some(iv) => time_at_most(&iv, limit).to_string(),
        None if ns > limit && loaded() => stats::Target::CannotTell.to_string(),
        None => verdict(ns <= limit).to_string(),
    }
}

/// Whether other processes kept the machine busy while the section being rendered was measured.
pub fn loaded() -> bool {
    other_load().is_some_and(|l| l > machine::NOISY_OTHER_CORES)
}

/// An absolute time target ("at most `limit` ns") judged on `iv`. Competing load only ever adds time,
/// and no pairing cancels it from a time on its own: on a loaded run a met target stands, but one that
/// looks MISSED says "cannot tell at this noise" (two loaded quick runs measured the same replacement
/// worker at 3.6 and 6.5 ms against a 5 ms limit).
pub fn time_at_most(iv: &stats::Interval, limit: f64) -> stats::Target {
    match stats::at_most(iv, limit) {
        stats::Target::Missed if loaded() => stats::Target::CannotTell,
        t => t,
    }
}

/// A target judged on an interval: "met", "MISSED" or "cannot tell at this noise", with the numbers.
pub fn target_cell(
    iv: &stats::Interval,
    outcome: stats::Target,
    fmt: impl Fn(f64) -> String,
) -> (String, String) {
    (
        format!(
            "{} ({}-{}, {} rounds)",
            fmt(iv.median),
            fmt(iv.lo),
            fmt(iv.hi),
            iv.n
        ),
        outcome.to_string(),
    )
}

/// Nanoseconds per element of `group/id`: the median of the paired rounds of the same name, else
/// criterion's median. Paired rounds first: `--quick` leaves out the criterion rows its paired rounds
/// already measure, so criterion's files for them are an older run's (two quick runs showed an old
/// 263.8 ns for rayon, 0.7x `pool`, beside this run's paired 2.89x), and the table then agrees with the
/// paired ratio beside it.
pub fn per_element(group: &str, id: &str) -> Option<f64> {
    paired_median(group, id).or_else(|| per(criterion(group, id)))
}

/// Nanoseconds per element of contender `id` in paired rounds `group`, if they ran.
pub fn paired_median(group: &str, id: &str) -> Option<f64> {
    Some(paired(group)?.median(id)?.median)
}

/// Nanoseconds per element of a measurement, if it was measured.
pub fn per(m: Option<Measured>) -> Option<f64> {
    m.map(|m| m.ns_per_element())
}

/// A table cell for a time that may not have been measured.
pub fn cell(ns: Option<f64>) -> String {
    ns.map(fmt_ns).unwrap_or_else(|| "not measured".into())
}

/// Formats a duration in nanoseconds with a unit a reader takes in at a glance.
pub fn fmt_ns(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.1} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.2} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.2} s", ns / 1e9)
    }
}

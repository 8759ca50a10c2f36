//! Shared helpers for the criterion benches under `benches/benches/`; the benches themselves are run and
//! summarised by `cargo xtask bench`, which writes `docs/benchmarks.md`.

use std::time::{Duration, Instant};

/// A deterministic CPU-bound unit of work: `rounds` steps of an integer hash, returned so the optimiser
/// cannot drop it. One round is about a nanosecond.
pub fn spin(rounds: u64) -> u64 {
    let mut x = rounds ^ 0x9E37_79B9_7F4A_7C15;
    for i in 0..rounds {
        x = std::hint::black_box(x.rotate_left(7).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ i);
    }
    x
}

/// How many [`spin`] rounds take `target` on this machine (the fastest of several probes, so a busy
/// moment does not inflate the work).
pub fn rounds_for(target: Duration) -> u64 {
    const PROBE: u64 = 200_000;
    let best = (0..7)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(spin(PROBE));
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::from_millis(1))
        .max(Duration::from_nanos(1));
    ((PROBE as f64) * target.as_secs_f64() / best.as_secs_f64()).ceil() as u64
}

/// Whether `cargo xtask bench --smoke` runs this bench: the test suite's check that every bench runs and
/// the report renders. Benches then shrink their inputs (fewer tasks, smaller trees) so the whole smoke
/// run takes about a minute; the numbers it produces are never the committed report's.
pub fn smoke() -> bool {
    std::env::var_os("TASKLAB_BENCH_SMOKE").is_some_and(|v| v == "1")
}

/// Whether `cargo xtask bench --quick` runs this bench (it sets `TASKLAB_BENCH_QUICK=1`).
pub fn quick() -> bool {
    std::env::var_os("TASKLAB_BENCH_QUICK").is_some_and(|v| v == "1")
}

/// criterion's sample count for a group: `full` in a full run, criterion's minimum of 10 in quick and
/// smoke runs (a group's own `sample_size` overrides the command line's `--sample-size`, so the groups
/// ask here).
pub fn samples(full: usize) -> usize {
    if quick() || smoke() { 10 } else { full }
}

/// Where criterion writes its results, and so where a bench puts the extra JSON the report reads beside
/// them: `$CRITERION_HOME` (a smoke run sets it) or `<target>/criterion`. `target` is the bench binary's
/// target directory.
pub fn criterion_dir(target: &std::path::Path) -> std::path::PathBuf {
    std::env::var_os("CRITERION_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| target.join("criterion"))
}

/// `full` normally, `small` in a smoke run (see [`smoke`]).
pub fn sized<T>(full: T, small: T) -> T {
    if smoke() { small } else { full }
}

/// The target directory the bench binary was built in: `$CARGO_TARGET_DIR`, or three folders above the
/// binary (`<target>/release/deps/<bench>-<hash>`).
pub fn target_dir() -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return dir.into();
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(std::path::Path::to_path_buf))
        .unwrap_or_else(std::env::temp_dir)
}

/// How long one paired comparison measures, in seconds: `$TASKLAB_BENCH_PAIRED_SECS` (set by
/// `cargo xtask bench`: longer for a full run, shorter for `--quick`), else 3 s; a smoke run measures
/// the minimum number of rounds.
pub fn paired_budget() -> Duration {
    if smoke() {
        return Duration::ZERO;
    }
    let secs = std::env::var("TASKLAB_BENCH_PAIRED_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(3.0);
    Duration::from_secs_f64(secs)
}

/// The filter given to the bench binary (`cargo bench --bench pool -- FILTER`), if any: its first
/// argument that is neither an option nor an option's value.
pub fn criterion_filter() -> Option<String> {
    const WITH_VALUE: [&str; 14] = [
        "--warm-up-time",
        "--measurement-time",
        "--sample-size",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--save-baseline",
        "--baseline",
        "--load-baseline",
        "--profile-time",
        "--plotting-backend",
        "--output-format",
        "--color",
    ];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if WITH_VALUE.contains(&a.as_str()) {
            args.next();
        } else if !a.starts_with('-') {
            return Some(a);
        }
    }
    None
}

/// Whether the paired comparison named `name` runs under this run's criterion filter (see
/// [`paired_rounds`]): a bench that must start peers for it asks first.
pub fn paired_wanted(name: &str) -> bool {
    wanted(name, criterion_filter().as_deref())
}

/// Whether a paired comparison named `name` runs under `filter` (criterion's filter is a regular
/// expression; a plain substring either way is what the project's filters use).
fn wanted(name: &str, filter: Option<&str>) -> bool {
    filter.is_none_or(|f| {
        name.contains(f)
            || f.contains(name)
            || f.split('/').next().is_some_and(|g| name.starts_with(g))
    })
}

/// One contender of a paired comparison: a name, how many elements (tasks, items) one run processes,
/// and the run itself.
pub struct Contender<'a> {
    pub name: String,
    pub elements: u64,
    /// One run; `Some` when it timed itself (work in another process, whose start-up must not count).
    pub run: Box<dyn FnMut() -> Option<Duration> + 'a>,
}

impl std::fmt::Debug for Contender<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contender")
            .field("name", &self.name)
            .field("elements", &self.elements)
            .finish_non_exhaustive()
    }
}

impl<'a> Contender<'a> {
    /// A contender timed from outside: the whole call counts.
    pub fn new(name: impl Into<String>, elements: u64, mut run: impl FnMut() + 'a) -> Self {
        Contender {
            name: name.into(),
            elements: elements.max(1),
            run: Box::new(move || {
                run();
                None
            }),
        }
    }

    /// A contender that reports its own time (e.g. CPython timing `run()` inside its process).
    pub fn self_timed(
        name: impl Into<String>,
        elements: u64,
        run: impl FnMut() -> Duration + 'a,
    ) -> Self {
        let mut run = run;
        Contender {
            name: name.into(),
            elements: elements.max(1),
            run: Box::new(move || Some(run())),
        }
    }
}

/// The CPython the peers run on: Debian's `/usr/bin/python3` (built with PGO and LTO) when it runs, else
/// `python3` on `PATH`; `None` without either.
pub fn python() -> Option<String> {
    ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(str::to_string)
}

/// A Python peer kept running beside a bench (`python3 benches/python/<script> ARGS --serve`), so that
/// CPython runs in the same paired, interleaved rounds as the Rust contenders (see [`Contender::self_timed`]):
/// each request is one line on its stdin (what to run, e.g. `submit_result 2000`); it answers with one
/// line, the nanoseconds that took, timed inside Python (its start-up is never counted).
#[derive(Debug)]
pub struct Peer {
    name: String,
    child: std::process::Child,
    answers: std::io::BufReader<std::process::ChildStdout>,
}

impl Peer {
    /// Starts `benches/python/<script>` with `args` and `--serve` and checks that it answers `probe`;
    /// `None`, with the reason on stderr, when python3 or the script cannot run (the rows that need it
    /// then say "not measured").
    pub fn start(script: &str, args: &[&str], probe: &str) -> Option<Peer> {
        let Some(py) = python() else {
            eprintln!("{script}: python3 not found; its paired rows are not measured");
            return None;
        };
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("python")
            .join(script);
        let mut cmd = std::process::Command::new(py);
        cmd.arg(&path).args(args).arg("--serve");
        Peer::spawn(script, cmd, probe)
    }

    /// Starts `cmd` as a peer that speaks the same protocol (a request line in, nanoseconds out), e.g.
    /// another build of a bench binary; `None`, with the reason on stderr, when it does not answer `probe`.
    pub fn spawn(name: &str, mut cmd: std::process::Command, probe: &str) -> Option<Peer> {
        let spawned = cmd
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(err) => {
                eprintln!("{name}: cannot start ({err}); its paired rows are not measured");
                return None;
            }
        };
        let answers = std::io::BufReader::new(child.stdout.take()?);
        let mut peer = Peer {
            name: name.into(),
            child,
            answers,
        };
        match peer.try_time(probe) {
            Ok(_) => Some(peer),
            Err(why) => {
                eprintln!("{name} does not answer ({why}); its paired rows are not measured");
                None
            }
        }
    }

    /// Sends one request and reads the nanoseconds it took.
    pub fn try_time(&mut self, request: &str) -> Result<Duration, String> {
        use std::io::{BufRead, Write};
        let stdin = self.child.stdin.as_mut().ok_or("no stdin")?;
        writeln!(stdin, "{request}")
            .and_then(|()| stdin.flush())
            .map_err(|e| e.to_string())?;
        let mut line = String::new();
        self.answers
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let ns: u64 = line
            .trim()
            .parse()
            .map_err(|_| format!("it printed {line:?}, not nanoseconds"))?;
        Ok(Duration::from_nanos(ns))
    }

    /// [`Peer::try_time`], panicking (the bench fails, and its section says so) when the peer stopped.
    pub fn time(&mut self, request: &str) -> Duration {
        self.try_time(request)
            .unwrap_or_else(|why| panic!("{} stopped answering {request:?}: {why}", self.name))
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        drop(self.child.stdin.take()); // EOF: the peer's serve loop ends
        let _ = self.child.wait();
    }
}

/// The fewest rounds a paired comparison measures, whatever its time budget (a bootstrap over fewer
/// rounds says little).
pub const MIN_ROUNDS: usize = 7;
/// The most rounds one comparison measures.
pub const MAX_ROUNDS: usize = 400;

/// Measures `contenders` in paired, interleaved rounds: each round runs every contender once, in an order
/// that rotates from round to round (round r starts with contender r mod k), so a change in the machine's
/// load hits every contender alike and no contender always runs first or last. One untimed warm-up round
/// comes first; then rounds until `budget` is spent (at least [`MIN_ROUNDS`], at most [`MAX_ROUNDS`]).
/// Returns, per contender, the nanoseconds per element of each round (round i of every contender was
/// measured within the same round), and writes them to `<criterion>/paired/<name>.json` for the report,
/// which takes the median of per-round ratios with a bootstrap confidence interval.
pub fn paired_rounds(
    name: &str,
    contenders: &mut [Contender<'_>],
    budget: Duration,
) -> Vec<Vec<f64>> {
    if contenders.is_empty() || !paired_wanted(name) {
        return vec![Vec::new(); contenders.len()];
    }
    let min_rounds = if smoke() { 3 } else { MIN_ROUNDS };
    let started = Instant::now();
    let times = measure(contenders, budget, min_rounds);
    let names: Vec<(&str, u64)> = contenders
        .iter()
        .map(|c| (c.name.as_str(), c.elements))
        .collect();
    let dir = criterion_dir(&target_dir()).join("paired");
    match write_rounds(&dir, name, &names, &times, started.elapsed()) {
        Ok(()) => eprintln!("paired {name}: {} rounds", times[0].len()),
        Err(err) => eprintln!("paired {name}: could not write to {}: {err}", dir.display()),
    }
    times
}

/// The rounds themselves: a warm-up round, then rounds in rotating order until `budget` is spent.
fn measure(contenders: &mut [Contender<'_>], budget: Duration, min_rounds: usize) -> Vec<Vec<f64>> {
    let k = contenders.len();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); k];
    for c in contenders.iter_mut() {
        (c.run)();
    }
    let started = Instant::now();
    let mut round = 0;
    while round < MAX_ROUNDS && (round < min_rounds || started.elapsed() < budget) {
        for j in 0..k {
            let i = (round + j) % k;
            let c = &mut contenders[i];
            let start = Instant::now();
            let took = (c.run)().unwrap_or_else(|| start.elapsed());
            times[i].push(took.as_secs_f64() * 1e9 / c.elements as f64);
        }
        round += 1;
    }
    times
}

/// Writes `<dir>/<name>.json` (a `/` in the name becomes `_`): per contender (name, elements per run),
/// its rounds.
fn write_rounds(
    dir: &std::path::Path,
    name: &str,
    names: &[(&str, u64)],
    times: &[Vec<f64>],
    took: Duration,
) -> std::io::Result<()> {
    let body: Vec<String> = names
        .iter()
        .zip(times)
        .map(|((n, _), t)| {
            let values: Vec<String> = t.iter().map(|v| format!("{v:.3}")).collect();
            format!("{n:?}: [{}]", values.join(", "))
        })
        .collect();
    let elements: Vec<String> = names.iter().map(|(n, e)| format!("{n:?}: {e}")).collect();
    let json = format!(
        "{{\"name\": {name:?}, \"unit\": \"ns per element\", \"order\": \"rotating\", \"rounds\": {}, \"seconds\": {:.3}, \"elements\": {{{}}}, \"contenders\": {{{}}}}}\n",
        times.first().map_or(0, Vec::len),
        took.as_secs_f64(),
        elements.join(", "),
        body.join(", ")
    );
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(format!("{}.json", name.replace('/', "_"))), json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spin_is_deterministic_and_calibration_scales() {
        assert_eq!(spin(1000), spin(1000));
        assert_ne!(spin(1000), spin(1001));
        let short = rounds_for(Duration::from_micros(100));
        let long = rounds_for(Duration::from_millis(2));
        assert!(short >= 1 && long > short, "{short} < {long}");
    }

    #[test]
    fn a_filter_selects_paired_comparisons_by_name() {
        assert!(wanted("pool_submit_result", None));
        assert!(wanted("pool_submit_result", Some("pool_submit")));
        assert!(wanted("pool_sizing_io", Some("pool_sizing_io/8")));
        assert!(!wanted("procpool_cpu_sweep", Some("evalx")));
    }

    #[test]
    fn paired_rounds_rotate_and_time_every_contender() {
        let order = std::cell::RefCell::new(Vec::new());
        let mut cs = vec![
            Contender::new("a", 2, || order.borrow_mut().push('a')),
            Contender::new("b", 1, || order.borrow_mut().push('b')),
            Contender::new("c", 1, || order.borrow_mut().push('c')),
        ];
        let times = measure(&mut cs, Duration::ZERO, MIN_ROUNDS);
        drop(cs);
        assert_eq!(times.len(), 3);
        assert!(times.iter().all(|t| t.len() == MIN_ROUNDS));
        let order: String = order.into_inner().into_iter().collect();
        // warm-up, then rounds starting at a, b, c, a, ...
        assert_eq!(&order[..12], "abcabcbcacab");
        assert_eq!(order.len(), 3 * (MIN_ROUNDS + 1));
        let dir = std::env::temp_dir().join(format!("paired-test-{}", std::process::id()));
        write_rounds(
            &dir,
            "t/x",
            &[("a", 2), ("b", 1), ("c", 1)],
            &times,
            Duration::from_millis(5),
        )
        .expect("written");
        let text = std::fs::read_to_string(dir.join("t_x.json")).expect("written");
        assert!(
            text.contains("\"rounds\": 7")
                && text.contains("\"a\": [")
                && text.contains("\"elements\": {\"a\": 2, \"b\": 1, \"c\": 1}"),
            "{text}"
        );
    }
}

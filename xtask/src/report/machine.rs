//! The machine's state during a run, from `/proc` and `/sys`: load average and CPU steal before and after,
//! the CPU frequency where readable, how much CPU other processes took while the benches ran, and which
//! processes were busiest. `cargo xtask bench` takes a [`Snapshot`] before, between and after the bench
//! files and saves a [`RunState`]; the report opens with a warning when it says the run was noisy.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Instant;

/// Other processes' average CPU use (in cores) above which a run counts as noisy.
pub const NOISY_OTHER_CORES: f64 = 0.25;
/// CPU steal (share of the run's CPU time taken by the hypervisor) above which a run counts as noisy.
pub const NOISY_STEAL: f64 = 0.02;

/// One look at the machine.
#[derive(Debug, Clone)]
pub struct Snapshot {
    at: Instant,
    /// 1-minute load average.
    pub load1: Option<f64>,
    /// `/proc/stat`'s aggregate cpu line: busy, steal and total jiffies.
    busy: u64,
    steal: u64,
    total: u64,
    /// CPU time (jiffies) of every process, with its name and parent.
    procs: HashMap<u32, (String, u32, u64)>,
    /// CPU time of this process's waited-for children (`getrusage(RUSAGE_CHILDREN)`), in seconds.
    children_secs: f64,
    /// Current frequency of each CPU in MHz, where readable.
    pub mhz: Vec<f64>,
}

fn clk_tck() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as f64 } else { 100.0 }
}

fn children_cpu_secs() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn read_procs() -> HashMap<u32, (String, u32, u64)> {
    let mut out = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return out;
    };
    for entry in dir.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid ... utime(14) stime(15): comm may hold spaces, so split after ')'.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        let rest: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        let field = |i: usize| rest.get(i).and_then(|s| s.parse::<u64>().ok());
        if let (Some(ppid), Some(utime), Some(stime)) = (field(1), field(11), field(12)) {
            out.insert(pid, (name, ppid as u32, utime + stime));
        }
    }
    out
}

fn read_mhz() -> Vec<f64> {
    let mut mhz: Vec<f64> = (0..1024)
        .map_while(|i| {
            std::fs::read_to_string(format!(
                "/sys/devices/system/cpu/cpu{i}/cpufreq/scaling_cur_freq"
            ))
            .ok()
        })
        .filter_map(|s| s.trim().parse::<f64>().ok().map(|khz| khz / 1e3))
        .collect();
    if mhz.is_empty() {
        mhz = std::fs::read_to_string("/proc/cpuinfo")
            .unwrap_or_default()
            .lines()
            .filter(|l| l.starts_with("cpu MHz"))
            .filter_map(|l| l.split(':').nth(1)?.trim().parse().ok())
            .collect();
    }
    mhz
}

impl Snapshot {
    pub fn take() -> Snapshot {
        let load1 = std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok());
        let (mut busy, mut steal, mut total) = (0, 0, 0);
        if let Some(line) = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|s| s.lines().next().map(String::from))
        {
            // cpu user nice system idle iowait irq softirq steal guest guest_nice
            let v: Vec<u64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|x| x.parse().ok())
                .collect();
            let at = |i: usize| v.get(i).copied().unwrap_or(0);
            total = (0..8).map(at).sum();
            steal = at(7);
            busy = total - at(3) - at(4) - steal;
        }
        Snapshot {
            at: Instant::now(),
            load1,
            busy,
            steal,
            total,
            procs: read_procs(),
            children_secs: children_cpu_secs(),
            mhz: read_mhz(),
        }
    }
}

/// A process that took CPU while the benches ran (not one of ours).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Busy {
    pub name: String,
    /// Average share of one core over the intervals it was seen in.
    pub cores: f64,
}

/// What the machine did during a run.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RunState {
    pub load_before: Option<f64>,
    pub load_after: Option<f64>,
    /// Steal as a share of all CPU time over the run.
    pub steal: Option<f64>,
    /// CPU taken by processes other than this run's, averaged over the run, in cores.
    pub other_cores: Option<f64>,
    pub mhz_before: Vec<f64>,
    pub mhz_after: Vec<f64>,
    /// The busiest other processes, most first.
    pub busy: Vec<Busy>,
    pub seconds: f64,
    pub cpus: usize,
}

/// Whether `pid` descends from this process (by the parent links of `procs`).
fn ours(pid: u32, procs: &HashMap<u32, (String, u32, u64)>) -> bool {
    let me = std::process::id();
    let mut p = pid;
    for _ in 0..64 {
        if p == me {
            return true;
        }
        match procs.get(&p) {
            Some((_, parent, _)) if *parent != 0 && *parent != p => p = *parent,
            _ => return false,
        }
    }
    false
}

impl RunState {
    /// Summarises snapshots taken in order (at least two: before and after).
    pub fn from_snapshots(snaps: &[Snapshot]) -> RunState {
        let (Some(first), Some(last)) = (snaps.first(), snaps.last()) else {
            return RunState::default();
        };
        let secs = last.at.duration_since(first.at).as_secs_f64();
        let tck = clk_tck();
        let total = last.total.saturating_sub(first.total) as f64;
        let steal = (total > 0.0).then(|| last.steal.saturating_sub(first.steal) as f64 / total);
        // Everyone's busy time minus the CPU time of this run's own (reaped) children.
        let busy = last.busy.saturating_sub(first.busy) as f64 / tck;
        let own = (last.children_secs - first.children_secs).max(0.0);
        let other = (secs > 0.0 && total > 0.0).then(|| ((busy - own) / secs).max(0.0));
        // Per process: CPU taken between consecutive snapshots, by processes not descending from us.
        let mut by_name: HashMap<String, f64> = HashMap::new();
        for pair in snaps.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            for (pid, (name, _, t1)) in &b.procs {
                if ours(*pid, &b.procs) {
                    continue;
                }
                let t0 = a.procs.get(pid).filter(|p| p.0 == *name).map_or(0, |p| p.2);
                *by_name.entry(name.clone()).or_default() += t1.saturating_sub(t0) as f64 / tck;
            }
        }
        let mut busy_list: Vec<Busy> = by_name
            .into_iter()
            .map(|(name, cpu)| Busy {
                name,
                cores: if secs > 0.0 { cpu / secs } else { 0.0 },
            })
            .filter(|b| b.cores >= 0.05)
            .collect();
        busy_list.sort_by(|a, b| b.cores.total_cmp(&a.cores));
        busy_list.truncate(5);
        RunState {
            load_before: first.load1,
            load_after: last.load1,
            steal,
            other_cores: other,
            mhz_before: first.mhz.clone(),
            mhz_after: last.mhz.clone(),
            busy: busy_list,
            seconds: secs,
            cpus: ::pool::usable_cpu_count(),
        }
    }

    /// Why the run counts as noisy, if it does.
    pub fn noise_reasons(&self) -> Vec<String> {
        let mut why = Vec::new();
        if let Some(o) = self.other_cores.filter(|o| *o > NOISY_OTHER_CORES) {
            why.push(format!(
                "other processes used {o:.2} of the {} usable cores on average while the benches ran",
                self.cpus
            ));
        }
        if let Some(s) = self.steal.filter(|s| *s > NOISY_STEAL) {
            why.push(format!(
                "the hypervisor stole {:.1}% of the CPU time",
                s * 100.0
            ));
        }
        let half = self.cpus as f64 * 0.5;
        if let Some(l) = self.load_before.filter(|l| *l > half) {
            why.push(format!("the load average was {l:.2} when the run started"));
        }
        why
    }

    /// The report's lines about the machine's state.
    pub fn lines(&self) -> Vec<String> {
        let opt = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or("unknown".into(), f);
        let mhz = |v: &[f64]| {
            if v.is_empty() {
                "not readable".to_string()
            } else {
                let s: Vec<String> = v.iter().map(|m| format!("{m:.0}")).collect();
                format!("{} MHz", s.join("/"))
            }
        };
        let busy = if self.busy.is_empty() {
            "none above 5% of a core".to_string()
        } else {
            self.busy
                .iter()
                .map(|b| format!("{} {:.0}%", b.name, b.cores * 100.0))
                .collect::<Vec<_>>()
                .join(", ")
        };
        vec![
            format!(
                "Load average (1 min): {} before, {} after",
                opt(self.load_before, &|l| format!("{l:.2}")),
                opt(self.load_after, &|l| format!("{l:.2}"))
            ),
            format!(
                "CPU taken by other processes during the run: {} cores on average; steal {}",
                opt(self.other_cores, &|o| format!("{o:.2}")),
                opt(self.steal, &|s| format!("{:.1}%", s * 100.0))
            ),
            format!(
                "CPU frequency: {} before, {} after",
                mhz(&self.mhz_before),
                mhz(&self.mhz_after)
            ),
            format!(
                "Busiest other processes (share of one core over the run; ones that started and ended between \
                 samples, such as compiler jobs, count in the total above but not here): {busy}"
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_loop_shows_as_other_load_and_our_children_do_not() {
        let before = Snapshot::take();
        // A child of ours spinning: its CPU is the run's own, not noise.
        let mut child = std::process::Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"])
            .spawn()
            .expect("sh");
        let mid = Snapshot::take();
        child.wait().expect("wait");
        let after = Snapshot::take();
        let state = RunState::from_snapshots(&[before, mid, after]);
        assert!(
            state.load_before.is_some() && state.other_cores.is_some(),
            "{state:?}"
        );
        assert!(
            state.busy.iter().all(|b| b.name != "sh"),
            "our own child counted: {state:?}"
        );
        assert_eq!(state.lines().len(), 4);
    }

    #[test]
    fn noise_reasons_name_what_was_noisy() {
        let quiet = RunState {
            load_before: Some(0.1),
            other_cores: Some(0.05),
            steal: Some(0.0),
            cpus: 2,
            ..RunState::default()
        };
        assert!(quiet.noise_reasons().is_empty());
        let noisy = RunState {
            other_cores: Some(0.9),
            steal: Some(0.05),
            ..quiet.clone()
        };
        let why = noisy.noise_reasons();
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(why[0].contains("0.90 of the 2"), "{why:?}");
    }
}

//! CPU counting and worker sizing: Python's `os.cpu_count()`, what this process may really use
//! (`os.process_cpu_count()` plus the cgroup CPU quota that Python ignores), and advice on how many
//! workers to start for CPU-bound versus waiting work.

use crate::Error;
use std::path::Path;

/// The number of logical CPUs in the system, as Python's `os.cpu_count()` (at least 1).
///
/// This counts every online CPU, including those this process may not run on; size pools with
/// [`usable_cpu_count`] instead.
pub fn cpu_count() -> usize {
    // SAFETY: sysconf has no preconditions; it returns -1 on error.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    if n >= 1 {
        n as usize
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// The number of CPUs this process can really use (at least 1): the CPUs in its affinity mask
/// (`taskset`, `sched_setaffinity`), further limited by a cgroup v1 or v2 CPU quota (containers,
/// `systemd` `CPUQuota=`), rounded up.
///
/// Python 3.13's `os.process_cpu_count()` sees only the affinity mask; a container limited to 2 CPUs on
/// a 64-CPU host still reports 64 there, and 2 here.
pub fn usable_cpu_count() -> usize {
    let affinity = affinity_cpu_count().unwrap_or_else(cpu_count);
    let quota = cgroup_cpu_limit(Path::new("/proc/self/cgroup"), Path::new("/sys/fs/cgroup"));
    match quota {
        Some(limit) => affinity.min(limit).max(1),
        None => affinity.max(1),
    }
}

fn affinity_cpu_count() -> Option<usize> {
    // SAFETY: cpu_set_t is plain data; sched_getaffinity writes at most size_of::<cpu_set_t>() bytes.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) != 0 {
            return None;
        }
        let n = libc::CPU_COUNT(&set);
        (n > 0).then_some(n as usize)
    }
}

/// The CPU limit of this process's cgroup, in whole CPUs rounded up, or `None` when there is none.
/// `proc_cgroup` is `/proc/self/cgroup`, `mount` the cgroup file system root (`/sys/fs/cgroup`).
pub(crate) fn cgroup_cpu_limit(proc_cgroup: &Path, mount: &Path) -> Option<usize> {
    let membership = std::fs::read_to_string(proc_cgroup).ok()?;
    let mut best: Option<usize> = None;
    for line in membership.lines() {
        // "hierarchy-id:controllers:path"; v2 is "0::/path".
        let mut parts = line.splitn(3, ':');
        let (Some(id), Some(controllers), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let path = path.trim_start_matches('/');
        let limit = if id == "0" && controllers.is_empty() {
            v2_limit(mount, path)
        } else if controllers.split(',').any(|c| c == "cpu") {
            v1_limit(mount, path)
        } else {
            None
        };
        if let Some(l) = limit {
            best = Some(best.map_or(l, |b| b.min(l)));
        }
    }
    best
}

/// cgroup v2: `cpu.max` holds "max 100000" or "200000 100000"; the limit of a cgroup is the smallest
/// over it and its ancestors.
fn v2_limit(mount: &Path, path: &str) -> Option<usize> {
    let mut dir = mount.join(path);
    let mut best: Option<usize> = None;
    loop {
        if let Ok(text) = std::fs::read_to_string(dir.join("cpu.max")) {
            let mut f = text.split_whitespace();
            if let (Some(quota), Some(period)) = (f.next(), f.next()) {
                if let Some(l) = quota_to_cpus(quota.parse().ok(), period.parse().ok()) {
                    best = Some(best.map_or(l, |b| b.min(l)));
                }
            }
        }
        if dir == mount || !dir.pop() || !dir.starts_with(mount) {
            break;
        }
    }
    best
}

/// cgroup v1: `cpu.cfs_quota_us` (-1 for none) over `cpu.cfs_period_us`, in the cpu controller's mount.
fn v1_limit(mount: &Path, path: &str) -> Option<usize> {
    for controller in ["cpu", "cpu,cpuacct", "cpuacct,cpu"] {
        for dir in [mount.join(controller).join(path), mount.join(controller)] {
            let read = |name: &str| -> Option<f64> {
                std::fs::read_to_string(dir.join(name))
                    .ok()?
                    .trim()
                    .parse()
                    .ok()
            };
            if let (Some(quota), Some(period)) =
                (read("cpu.cfs_quota_us"), read("cpu.cfs_period_us"))
            {
                return quota_to_cpus(Some(quota), Some(period));
            }
        }
    }
    None
}

fn quota_to_cpus(quota: Option<f64>, period: Option<f64>) -> Option<usize> {
    let (quota, period) = (quota?, period?);
    if quota <= 0.0 || period <= 0.0 {
        return None;
    }
    Some(((quota / period).ceil() as usize).max(1))
}

/// What the workers will spend their time doing; the input to [`recommend_workers`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workload {
    wait_fraction: f64,
}

impl Workload {
    /// Tasks that compute all the time: one worker per usable CPU.
    pub fn cpu_bound() -> Self {
        Workload { wait_fraction: 0.0 }
    }

    /// Tasks that block on I/O about half the time, with nothing better known: the seed's "2 x cores".
    pub fn io_bound() -> Self {
        Workload { wait_fraction: 0.5 }
    }

    /// Tasks that spend `wait_fraction` of their time blocked (sleeping, waiting on sockets or disks).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `0.0 <= wait_fraction < 1.0` (a task that only waits needs no CPU,
    /// so no CPU-based count fits it: bound such work by the resource it waits on instead).
    pub fn waiting(wait_fraction: f64) -> Result<Self, Error> {
        if !(0.0..1.0).contains(&wait_fraction) {
            return Err(Error::InvalidArgument(format!(
                "wait_fraction must be in [0.0, 1.0), got {wait_fraction}; pass the share of each task's time spent blocked"
            )));
        }
        Ok(Workload { wait_fraction })
    }

    /// The share of time a task spends blocked.
    pub fn wait_fraction(&self) -> f64 {
        self.wait_fraction
    }
}

/// How many workers to start for `workload` on this process's usable CPUs.
///
/// The rule is the utilisation law (Goetz, *Java Concurrency in Practice* §8.2): keep every usable CPU
/// busy, so `workers = usable_cpus / (1 - wait_fraction)`, rounded up. CPU-bound work gets one worker
/// per usable CPU; [`Workload::io_bound`] gets twice that, as the seed advises. The answer is capped at
/// 32 workers per usable CPU. `cargo xtask bench` checks this advice against measured sweeps.
pub fn recommend_workers(workload: Workload) -> usize {
    recommend_for(usable_cpu_count(), workload)
}

pub(crate) fn recommend_for(cpus: usize, workload: Workload) -> usize {
    let cpus = cpus.max(1);
    // The small epsilon keeps 2 / (1 - 0.8) = 10.000000000000002 at 10.
    let raw = (cpus as f64 / (1.0 - workload.wait_fraction) - 1e-9).ceil() as usize;
    raw.clamp(cpus, cpus * 32)
}

/// Python's default `max_workers` for `ThreadPoolExecutor`: `min(32, usable_cpus + 4)`.
pub fn default_max_workers() -> usize {
    (usable_cpu_count() + 4).min(32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(files: &[(&str, &str)]) -> std::path::PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("pool-sizing-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().expect("fixture paths have parents"))
                .expect("mkdir");
            std::fs::write(p, text).expect("write fixture");
        }
        root
    }

    #[test]
    fn counts_are_positive_and_consistent() {
        assert!(cpu_count() >= 1);
        assert!(usable_cpu_count() >= 1);
        assert!(usable_cpu_count() <= cpu_count().max(affinity_cpu_count().unwrap_or(1)));
        assert_eq!(default_max_workers(), (usable_cpu_count() + 4).min(32));
    }

    #[test]
    fn cgroup_v2_quota_is_rounded_up_and_ancestors_count() {
        let root = fixture(&[
            ("proc", "0::/a/b\n"),
            ("fs/a/cpu.max", "150000 100000\n"),
            ("fs/a/b/cpu.max", "max 100000\n"),
        ]);
        assert_eq!(
            cgroup_cpu_limit(&root.join("proc"), &root.join("fs")),
            Some(2)
        );
    }

    #[test]
    fn cgroup_v2_without_quota_is_unlimited() {
        let root = fixture(&[("proc", "0::/\n"), ("fs/cpu.max", "max 100000\n")]);
        assert_eq!(cgroup_cpu_limit(&root.join("proc"), &root.join("fs")), None);
    }

    #[test]
    fn cgroup_v1_quota() {
        let root = fixture(&[
            ("proc", "4:memory:/x\n3:cpu,cpuacct:/docker/abc\n"),
            ("fs/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n"),
            ("fs/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n"),
        ]);
        assert_eq!(
            cgroup_cpu_limit(&root.join("proc"), &root.join("fs")),
            Some(1)
        );
        let unlimited = fixture(&[
            ("proc", "3:cpu,cpuacct:/\n"),
            ("fs/cpu,cpuacct/cpu.cfs_quota_us", "-1\n"),
            ("fs/cpu,cpuacct/cpu.cfs_period_us", "100000\n"),
        ]);
        assert_eq!(
            cgroup_cpu_limit(&unlimited.join("proc"), &unlimited.join("fs")),
            None
        );
    }

    #[test]
    fn missing_files_mean_no_limit() {
        let root = fixture(&[("proc", "garbage line\n")]);
        assert_eq!(cgroup_cpu_limit(&root.join("proc"), &root.join("fs")), None);
        assert_eq!(
            cgroup_cpu_limit(&root.join("absent"), &root.join("fs")),
            None
        );
    }

    #[test]
    fn advice_follows_the_utilisation_law() {
        assert_eq!(recommend_for(2, Workload::cpu_bound()), 2);
        assert_eq!(recommend_for(2, Workload::io_bound()), 4);
        assert_eq!(recommend_for(2, Workload::waiting(0.8).expect("valid")), 10);
        assert_eq!(
            recommend_for(4, Workload::waiting(0.999_99).expect("valid")),
            128
        );
        assert!(recommend_workers(Workload::cpu_bound()) >= 1);
    }

    #[test]
    fn bad_wait_fraction_is_a_typed_error() {
        for bad in [-0.1, 1.0, 2.0, f64::NAN] {
            let err = Workload::waiting(bad).expect_err("out of range");
            assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
            assert!(err.to_string().contains("wait_fraction"));
        }
    }
}

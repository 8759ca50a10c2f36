//! Races: 8 threads in each of 2 processes create the same 12-level tree at the same instant, many times.
//! With `exist_ok` every call must succeed; without it exactly one call per trial creates the leaf and the
//! other 15 get `AlreadyExists` naming the leaf (never an error about a parent another caller created).
//!
//! The second process is this test binary re-executed (test `race_child`). The two processes start each
//! trial together through a handshake over the child's stdin/stdout and a barrier in each: no sleeps.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Barrier;

const THREADS: usize = 8;
const TRIALS: usize = 40; // the first half with exist_ok, the second without
const DEPTH: usize = 12;
const CHILD_ENV: &str = "FSUTIL_TEST_RACE_BASE";

fn leaf(base: &Path, trial: usize) -> PathBuf {
    let mut path = base.join(format!("trial{trial}"));
    for level in 0..DEPTH {
        path.push(format!("level{level}"));
    }
    path
}

fn exist_ok(trial: usize) -> bool {
    trial < TRIALS / 2
}

/// Counts of one process's 8 calls: (created, already exists naming the leaf, anything else).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    ok: usize,
    exists: usize,
    other: usize,
}

/// Runs one trial's 8 threads; `release` is called once they all wait at the barrier and must return when
/// the other process is ready too.
fn trial(base: &Path, trial: usize, release: impl FnOnce()) -> Tally {
    let barrier = Barrier::new(THREADS + 1);
    let target = leaf(base, trial);
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    fsutil::makedirs(&target, exist_ok(trial))
                })
            })
            .collect();
        release();
        barrier.wait();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let mut tally = Tally::default();
    for result in results {
        match result {
            Ok(()) => tally.ok += 1,
            Err(fsutil::MakedirsError::AlreadyExists { path, .. }) if path == target => {
                tally.exists += 1
            }
            Err(err) => {
                eprintln!("trial {trial}: unexpected {err}");
                tally.other += 1;
            }
        }
    }
    tally
}

#[test]
fn eight_threads_in_two_processes_create_the_same_tree() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = tmp.path().to_path_buf();
    let mut child = common::rerun_self("race_child")
        .env(CHILD_ENV, &base)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("re-run the test binary as the second process");
    let mut to_child = child.stdin.take().expect("stdin");
    let mut from_child = BufReader::new(child.stdout.take().expect("stdout"));
    let mut read_line = |want: &str| -> String {
        loop {
            let mut line = String::new();
            assert!(
                from_child.read_line(&mut line).expect("read from child") > 0,
                "child ended early"
            );
            // The harness prints "test race_child ... " without a newline before the first line.
            if let Some(at) = line.find(want) {
                return line.trim_end()[at + want.len()..].to_string();
            }
        }
    };
    let mut combined = Vec::new();
    for t in 0..TRIALS {
        let ours = trial(&base, t, || {
            read_line(&format!("ready {t}"));
            writeln!(to_child, "go {t}")
                .and_then(|()| to_child.flush())
                .expect("write to child");
        });
        let theirs: Vec<usize> = read_line(&format!("result {t} "))
            .split(' ')
            .map(|n| n.parse().expect("count"))
            .collect();
        let theirs = Tally {
            ok: theirs[0],
            exists: theirs[1],
            other: theirs[2],
        };
        combined.push((ours, theirs));
    }
    drop(to_child);
    assert!(
        child.wait().expect("child").success(),
        "the second process failed"
    );
    for (t, (ours, theirs)) in combined.iter().enumerate() {
        let total = Tally {
            ok: ours.ok + theirs.ok,
            exists: ours.exists + theirs.exists,
            other: ours.other + theirs.other,
        };
        let want = if exist_ok(t) {
            Tally {
                ok: 16,
                exists: 0,
                other: 0,
            }
        } else {
            Tally {
                ok: 1,
                exists: 15,
                other: 0,
            }
        };
        assert_eq!(
            total,
            want,
            "trial {t} (exist_ok={}): this process {ours:?}, the other {theirs:?}",
            exist_ok(t)
        );
        assert!(leaf(&base, t).is_dir());
    }
}

/// The second process of the test above; does nothing unless re-executed by it.
#[test]
fn race_child() {
    let Some(base) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let base = PathBuf::from(base);
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    for t in 0..TRIALS {
        let tally = trial(&base, t, || {
            println!("ready {t}");
            std::io::stdout().flush().expect("flush");
            let go = lines.next().expect("parent's go").expect("read");
            assert_eq!(go, format!("go {t}"));
        });
        println!("result {t} {} {} {}", tally.ok, tally.exists, tally.other);
    }
}

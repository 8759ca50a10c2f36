//! Two places where `os.walk`'s exact behaviour matters to a port from Python:
//!
//! - the race `os.walk` guards against: top-down without `followlinks`, a directory replaced by a symbolic
//!   link after its parent's step was handed out must not be walked through (and a link replaced by a real
//!   directory is walked). The swap happens between steps, where the race happens, in both this walk and in
//!   CPython's, and the steps are compared;
//! - `Loops::OsWalk`: going round a symlink loop until `ELOOP`, step for step as `os.walk` does.
//!
//! When `python3` is missing, the checks that do not need it still run.

mod common;

use fsutil::{Loops, WalkError, WalkStep};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// A step with every name as a string, `dirpath` relative to the top.
type Flat = (String, Vec<String>, Vec<String>);

fn flat(top: &Path, step: &WalkStep) -> Flat {
    let rel = step.dirpath.strip_prefix(top).expect("under top");
    let names = |v: &[std::ffi::OsString]| {
        v.iter()
            .map(|n| String::from_utf8_lossy(n.as_bytes()).into_owned())
            .collect()
    };
    (
        rel.to_string_lossy().into_owned(),
        names(&step.dirnames),
        names(&step.filenames),
    )
}

/// os.walk with the same swap as [`swap`] done right after the top's step (modes `swap`), or following
/// links round a loop (`loops`, `loops-bottomup`). Top-down steps sort their names in place, which sorts
/// the walk as `.sort(true)` does.
const PYTHON: &str = r#"
import json, os, sys
top, mode = sys.argv[1], sys.argv[2]
out = []
for dirpath, dirnames, filenames in os.walk(top, topdown=(mode != "loops-bottomup"), followlinks=mode.startswith("loops")):
    if mode == "swap":
        dirnames.sort(); filenames.sort()
    if mode == "swap" and dirpath == top:
        parent = os.path.dirname(top)
        os.rename(os.path.join(top, "d"), os.path.join(parent, "old_d"))
        os.symlink("../target", os.path.join(top, "d"))
        os.remove(os.path.join(top, "l"))
        os.rename(os.path.join(parent, "real_l"), os.path.join(top, "l"))
    rel = os.path.relpath(dirpath, top) if dirpath != top else ""
    out.append([rel, list(dirnames), list(filenames)])
print(json.dumps(out))
"#;

fn python(top: &Path, mode: &str) -> Option<Vec<Flat>> {
    let python = common::python3()?;
    let stdout = common::run_python(python, PYTHON, &[&top.to_string_lossy(), mode], "");
    Some(serde_json::from_str(&stdout).expect("python's JSON"))
}

/// `base/top` with a directory `d` (to be replaced by a link), `e`, and a link `l` (to be replaced by a
/// directory); `base/target` (where the new link `d` points) and `base/real_l` (what becomes `l`).
fn race_fixture(base: &Path) -> PathBuf {
    let top = base.join("top");
    for dir in ["top/d/below_d", "top/e", "target/t_sub", "real_l"] {
        std::fs::create_dir_all(base.join(dir)).expect("dir");
    }
    for file in ["top/d/inside_d.txt", "target/t.txt", "real_l/r.txt"] {
        std::fs::write(base.join(file), "x").expect("file");
    }
    symlink("../target", top.join("l")).expect("link");
    top
}

/// The swap, as another process (or the caller) would do it while the walk is between steps.
fn swap(top: &Path) {
    let parent = top.parent().expect("parent");
    std::fs::rename(top.join("d"), parent.join("old_d")).expect("move d away");
    symlink("../target", top.join("d")).expect("d is now a link");
    std::fs::remove_file(top.join("l")).expect("remove link l");
    std::fs::rename(parent.join("real_l"), top.join("l")).expect("l is now a directory");
}

fn check_race(ours: &[Flat], python: Option<Vec<Flat>>, how: &str) {
    let dirs: Vec<&str> = ours.iter().map(|s| s.0.as_str()).collect();
    // The top's step was listed before the swap: `d` a directory, `l` a link to one.
    assert_eq!(
        ours[0],
        (
            String::new(),
            vec!["d".into(), "e".into(), "l".into()],
            vec![]
        ),
        "{how}"
    );
    assert_eq!(
        dirs,
        ["", "e", "l"],
        "{how}: d (a link now) is not walked through, l (a directory now) is"
    );
    assert_eq!(ours[2].2, ["r.txt"], "{how}: l is the new directory");
    if let Some(py) = python {
        assert_eq!(ours, py, "{how}: fsutil vs os.walk with the same swap");
    }
}

#[test]
fn a_directory_swapped_for_a_link_between_steps_is_not_walked_through() {
    let py = {
        let tmp = tempfile::tempdir().expect("tempdir");
        let top = race_fixture(tmp.path());
        python(&top, "swap")
    };

    // The swap made by the caller while it holds the step (where os.walk's caller would edit dirnames).
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = race_fixture(tmp.path());
    let mut walker = fsutil::walk(&top).sort(true);
    let mut ours = Vec::new();
    while let Some(step) = walker.next_step() {
        let step = step.expect("no error");
        ours.push(flat(&top, step));
        if step.depth == 0 {
            swap(&top);
        }
    }
    check_race(&ours, py.clone(), "next_step");

    // The same between two items of the iterator, whose steps cannot be edited.
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = race_fixture(tmp.path());
    let mut ours = Vec::new();
    for step in fsutil::walk(&top).sort(true) {
        let step = step.expect("no error");
        if step.depth == 0 {
            swap(&top);
        }
        ours.push(flat(&top, &step));
    }
    check_race(&ours, py, "iterator");
}

#[test]
fn a_pruned_link_added_back_is_still_not_followed() {
    // A name put into `dirnames` that is a link (to a directory) is checked too, and not followed.
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = race_fixture(tmp.path());
    let mut walker = fsutil::walk(&top).sort(true);
    let mut dirs = Vec::new();
    while let Some(step) = walker.next_step() {
        let step = step.expect("no error");
        dirs.push(step.dirpath.clone());
        if step.depth == 0 {
            step.dirnames = vec!["l".into(), "e".into()];
        }
    }
    assert_eq!(dirs, [top.clone(), top.join("e")]);
}

/// `top/a/up -> ..` (a loop through `top`), `top/a/f`, `top/b/c/g`, `top/b/dangling`.
fn loop_fixture(base: &Path) -> PathBuf {
    let top = base.join("top");
    std::fs::create_dir_all(top.join("a")).expect("a");
    std::fs::create_dir_all(top.join("b/c")).expect("b/c");
    std::fs::write(top.join("a/f"), "x").expect("f");
    std::fs::write(top.join("b/c/g"), "x").expect("g");
    symlink("..", top.join("a/up")).expect("up");
    symlink("nowhere", top.join("b/dangling")).expect("dangling");
    top
}

#[test]
fn loops_like_os_walk_go_round_until_eloop() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = loop_fixture(tmp.path());
    for (mode, topdown) in [("loops", true), ("loops-bottomup", false)] {
        let ours: Vec<Flat> = fsutil::walk(&top)
            .followlinks(true)
            .loops(Loops::OsWalk)
            .topdown(topdown)
            .map(|item| flat(&top, &item.expect("os.walk reports nothing here")))
            .collect();
        // Python-independent facts: 40 rounds through `up` (Linux resolves at most 40 links in a path),
        // then `up` no longer resolves and is a file name in the deepest `a`.
        let deepest = ours
            .iter()
            .filter(|s| s.0.ends_with("/a"))
            .max_by_key(|s| s.0.len())
            .expect("steps");
        assert_eq!(deepest.0.matches("up").count(), 40, "{mode}: {deepest:?}");
        assert!(deepest.1.is_empty(), "{mode}: {deepest:?}");
        let mut files = deepest.2.clone();
        files.sort();
        assert_eq!(files, ["f", "up"], "{mode}");
        // Each of the 41 visits of top's contents (top, then a/up, a/up/a/up, …) has 4 steps: itself, a, b, b/c.
        assert_eq!(ours.len(), 41 * 4, "{mode}");
        if let Some(py) = python(&top, mode) {
            assert_eq!(ours, py, "{mode}: fsutil vs os.walk, step for step");
        }
    }

    // The default still stops at the loop with an error.
    let errors: Vec<WalkError> = fsutil::walk(&top)
        .followlinks(true)
        .filter_map(Result::err)
        .collect();
    assert!(
        matches!(errors.as_slice(), [WalkError::Loop { path, .. }] if path.ends_with("a/up")),
        "{errors:?}"
    );
}

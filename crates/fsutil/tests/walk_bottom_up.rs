//! Bottom-up `walk` (`topdown(false)`) against `os.walk(topdown=False)` and against the same walk listed
//! directory by directory (`filter_dir` and `max_depth` walks list each directory themselves; the others
//! stream it from walkdir): the same steps and errors in the same order, with and without `followlinks` and
//! `sort`, for tops that are a directory, `dir/`, a symlink to one, missing, a file or a dangling symlink, on
//! a tree with nested symlinks (one inside a followed one), a FIFO, names that are not UTF-8, an empty
//! directory and symlink loops (one closed by a plain directory below a followed link).

mod common;

use fsutil::{WalkError, WalkStep};
use std::ffi::{CString, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// A loop-free tree (os.walk with followlinks would recurse forever on a loop): top/ with
/// a/{deep/{x/y.txt, to_b -> ../../b}, a1.txt}, b/{b.txt, empty/}, Latin-1 dir with a file, a FIFO,
/// link_a -> a, link_file -> a/a1.txt, dangling -> nowhere, and a file whose name is not UTF-8.
fn build_tree(top: &Path) {
    for dir in ["a/deep/x", "b/empty"] {
        std::fs::create_dir_all(top.join(dir)).expect("dir");
    }
    let latin1 = top.join(OsStr::from_bytes(b"caf\xe9"));
    std::fs::create_dir(&latin1).expect("latin-1 dir");
    std::fs::write(latin1.join("menu.txt"), b"1").expect("file");
    for file in ["a/a1.txt", "a/deep/x/y.txt", "b/b.txt"] {
        std::fs::write(top.join(file), b"x").expect("file");
    }
    std::fs::write(top.join(OsStr::from_bytes(b"\xff\xfe.bin")), b"").expect("binary name");
    symlink("../../b", top.join("a/deep/to_b")).expect("to_b");
    symlink("a", top.join("link_a")).expect("link_a");
    symlink("a/a1.txt", top.join("link_file")).expect("link_file");
    symlink("nowhere", top.join("dangling")).expect("dangling");
    let fifo = CString::new(top.join("pipe").as_os_str().as_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// One item of a walk, comparable with Python's: a step as (dirpath, dirnames, filenames), all bytes, or
/// the path of an error.
#[derive(Debug, PartialEq, Eq)]
enum Item {
    Step(Vec<u8>, Vec<Vec<u8>>, Vec<Vec<u8>>),
    Error(Vec<u8>),
}

fn item(result: &Result<WalkStep, WalkError>) -> Item {
    let bytes = |p: &OsStr| p.as_bytes().to_vec();
    match result {
        Ok(step) => Item::Step(
            bytes(step.dirpath.as_os_str()),
            step.dirnames.iter().map(|n| bytes(n)).collect(),
            step.filenames.iter().map(|n| bytes(n)).collect(),
        ),
        Err(err) => Item::Error(bytes(err.path().as_os_str())),
    }
}

const PYTHON_BOTTOM_UP: &str = r#"
import json, os, sys
top, follow = os.fsencode(sys.argv[1]), sys.argv[2] == "1"
out = []
def onerror(e):
    out.append(["error", os.fsencode(e.filename).hex()])
for dirpath, dirnames, filenames in os.walk(top, topdown=False, followlinks=follow, onerror=onerror):
    out.append([dirpath.hex(), [d.hex() for d in dirnames], [f.hex() for f in filenames]])
print(json.dumps(out))
"#;

fn python_bottom_up(top: &Path, followlinks: bool) -> Option<Vec<Item>> {
    let python = common::python3()?;
    let follow = if followlinks { "1" } else { "0" };
    let stdout = common::run_python(
        python,
        PYTHON_BOTTOM_UP,
        &[&top.to_string_lossy(), follow],
        "",
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("python's JSON");
    let unhex = |v: &serde_json::Value| -> Vec<u8> {
        let h = v.as_str().expect("hex string");
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).expect("hex"))
            .collect()
    };
    let list = |v: &serde_json::Value| -> Vec<Vec<u8>> {
        v.as_array().expect("list").iter().map(unhex).collect()
    };
    Some(
        rows.iter()
            .map(|row| match row[0].as_str() {
                Some("error") => Item::Error(unhex(&row[1])),
                _ => Item::Step(unhex(&row[0]), list(&row[1]), list(&row[2])),
            })
            .collect(),
    )
}

/// Every item of a walk, errors included (as `Debug`, which has the OS error's code).
fn items(walk: fsutil::Walk) -> Vec<String> {
    walk.map(|result| format!("{result:?}")).collect()
}

/// The same walk, listed directory by directory (a filter that keeps everything).
fn listed_by_read_dir(walk: fsutil::Walk) -> fsutil::Walk {
    walk.filter_dir(|_| true)
}

#[test]
fn bottom_up_matches_os_walk_for_every_kind_of_top() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = tmp.path().join("top");
    std::fs::create_dir(&top).expect("top");
    build_tree(&top);
    symlink(&top, tmp.path().join("link_to_top")).expect("link to top");
    std::fs::write(tmp.path().join("plain"), b"x").expect("file");
    symlink("gone", tmp.path().join("dangling_top")).expect("dangling top");
    let mut slash = top.clone().into_os_string();
    slash.push("/");
    let tops: [PathBuf; 6] = [
        top.clone(),
        slash.into(),
        tmp.path().join("link_to_top"),
        tmp.path().join("missing"),
        tmp.path().join("plain"),
        tmp.path().join("dangling_top"),
    ];
    for walked in &tops {
        for followlinks in [false, true] {
            let what = format!("{} followlinks={followlinks}", walked.display());
            let ours: Vec<_> = fsutil::walk(walked)
                .topdown(false)
                .followlinks(followlinks)
                .collect();
            let flat: Vec<Item> = ours.iter().map(item).collect();
            if walked.ends_with("top") || walked.ends_with("link_to_top") {
                // top, a, a/deep, a/deep/x, b, b/empty, café; followed: a/deep/to_b (and its empty/) and
                // link_a (with deep/, deep/x/, deep/to_b/ and deep/to_b/empty/).
                let want = if followlinks { 14 } else { 7 };
                assert_eq!(flat.len(), want, "{what}: {flat:?}");
                let Some(Item::Step(dirpath, _, _)) = flat.last() else {
                    panic!("{what}: the last step is top's: {flat:?}")
                };
                assert_eq!(dirpath, walked.as_os_str().as_bytes(), "{what}");
            } else {
                assert!(
                    matches!(flat[..], [Item::Error(_)]),
                    "{what}: one error: {ours:?}"
                );
            }
            let listed = items(listed_by_read_dir(
                fsutil::walk(walked).topdown(false).followlinks(followlinks),
            ));
            let streamed: Vec<String> = ours.iter().map(|r| format!("{r:?}")).collect();
            assert_eq!(streamed, listed, "{what}: walkdir stream vs read_dir");
            if let Some(py) = python_bottom_up(walked, followlinks) {
                assert_eq!(flat, py, "{what}: fsutil vs os.walk(topdown=False)");
            }
        }
    }
    let err = fsutil::walk(tmp.path().join("plain"))
        .topdown(false)
        .next()
        .and_then(Result::err)
        .expect("a file is not a directory");
    assert_eq!(
        err.io_error().and_then(|e| e.raw_os_error()),
        Some(libc::ENOTDIR)
    );
    let err = fsutil::walk(tmp.path().join("dangling_top"))
        .topdown(false)
        .next()
        .and_then(Result::err)
        .expect("a dangling symlink is not a directory");
    assert_eq!(
        err.io_error().map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound)
    );
}

#[test]
fn sorted_bottom_up_streams_what_read_dir_lists() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = tmp.path().join("top");
    std::fs::create_dir(&top).expect("top");
    build_tree(&top);
    for followlinks in [false, true] {
        let walk = || fsutil::walk(&top).topdown(false).sort(true);
        let streamed = items(walk().followlinks(followlinks));
        let listed = items(listed_by_read_dir(walk().followlinks(followlinks)));
        assert_eq!(streamed, listed, "followlinks={followlinks}");
        let steps: Vec<WalkStep> = walk()
            .followlinks(followlinks)
            .map(|r| r.expect("no error in this tree"))
            .collect();
        for step in &steps {
            assert!(step.dirnames.is_sorted() && step.filenames.is_sorted());
        }
        // Bottom-up, sorted: every directory comes after its subdirectories, which come in name order.
        let paths: Vec<&Path> = steps.iter().map(|s| s.dirpath.as_path()).collect();
        assert_eq!(paths.last(), Some(&top.as_path()));
        // In a/deep, "to_b" sorts before "x": followed, it is the first subtree walked.
        let first = if followlinks {
            "a/deep/to_b/empty"
        } else {
            "a/deep/x"
        };
        assert_eq!(paths.first(), Some(&top.join(first).as_path()), "{paths:?}");
        // `max_depth` deep enough to change nothing gives the same walk.
        let deep = items(walk().followlinks(followlinks).max_depth(100));
        assert_eq!(items(walk().followlinks(followlinks)), deep);
    }
}

#[test]
fn loops_below_followed_links_are_stopped_where_top_down_stops_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = tmp.path().join("top");
    std::fs::create_dir_all(top.join("a/b")).expect("dirs");
    std::fs::write(top.join("a/b/f.txt"), b"x").expect("file");
    symlink("..", top.join("a/up")).expect("up"); // top/a/up -> top: a loop at once
    symlink("../../..", top.join("a/b/out")).expect("out"); // -> tmp, above top: top is a plain dir in it
    symlink(".", top.join("a/b/self")).expect("self");
    let walk = || fsutil::walk(&top).followlinks(true).sort(true);
    let streamed: Vec<_> = walk().topdown(false).collect();
    assert_eq!(
        items(walk().topdown(false)),
        items(listed_by_read_dir(walk().topdown(false))),
        "walkdir stream vs read_dir"
    );
    let mut loops: Vec<(PathBuf, PathBuf)> = streamed
        .iter()
        .filter_map(|r| match r {
            Err(WalkError::Loop { path, ancestor }) => Some((path.clone(), ancestor.clone())),
            Ok(_) => None,
            Err(other) => panic!("unexpected error {other}"),
        })
        .collect();
    loops.sort();
    assert_eq!(
        loops,
        [
            (top.join("a/b/out/top"), top.clone()),
            (top.join("a/b/self"), top.join("a/b")),
            (top.join("a/up"), top.clone()),
        ],
        "the link above top is followed once; the plain directory top inside it closes the loop"
    );
    // The same directories as top-down, each after its subdirectories.
    let mut bottom_up: Vec<PathBuf> = streamed
        .into_iter()
        .filter_map(Result::ok)
        .map(|s| s.dirpath)
        .collect();
    let mut top_down: Vec<PathBuf> = walk().filter_map(Result::ok).map(|s| s.dirpath).collect();
    assert_eq!(bottom_up.last(), Some(&top));
    for (i, dir) in bottom_up.iter().enumerate() {
        assert!(
            !bottom_up[i + 1..]
                .iter()
                .any(|later| later.starts_with(dir) && later != dir),
            "{dir:?} comes after its subdirectory"
        );
    }
    bottom_up.sort();
    top_down.sort();
    assert_eq!(bottom_up, top_down);
    assert!(bottom_up.contains(&top.join("a/b/out")));
}

#[test]
fn onerror_and_next_step_work_bottom_up() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = tmp.path().join("top");
    std::fs::create_dir_all(top.join("a")).expect("dirs");
    symlink("..", top.join("a/back")).expect("back");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    let mut walker = fsutil::walk(&top)
        .topdown(false)
        .followlinks(true)
        .onerror(move |e| sink.lock().expect("lock").push(e.path().to_owned()));
    let mut dirs = Vec::new();
    while let Some(step) = walker.next_step() {
        let step = step.expect("errors go to onerror");
        step.dirnames.clear(); // no effect bottom-up, as in os.walk
        dirs.push(step.dirpath.clone());
    }
    assert_eq!(dirs, [top.join("a"), top.clone()]);
    assert_eq!(*seen.lock().expect("lock"), [top.join("a/back")]);
    assert!(walker.next().is_none(), "fused");
}

//! `walk` and `par_walk` against `os.walk` on a tree with symlinks (to a directory, to a file, dangling),
//! names that are not UTF-8, an empty directory and nesting: the same steps in the same order, top-down,
//! bottom-up, pruned and with `followlinks`. When `python3` is missing, the checks that do not need it still
//! run. Also: symlink loops, `onerror`, `filter_dir`, `max_depth` and the parallel walk's summary.

mod common;

use fsutil::{WalkError, WalkStep};
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

const LATIN1_DIR: &[u8] = b"\xe9t\xe9"; // "été" in Latin-1: not UTF-8
const BINARY_FILE: &[u8] = b"\xff\xfe-bin.txt";

fn build_tree(top: &Path) {
    for dir in ["a/deep/x/y", "b", "skip_me"] {
        std::fs::create_dir_all(top.join(dir)).expect("dir");
    }
    let odd_dir = top.join(OsStr::from_bytes(LATIN1_DIR));
    std::fs::create_dir(&odd_dir).expect("latin-1 dir");
    for (file, size) in [
        ("a/a1.txt", 10),
        ("a/deep/x/y/y.txt", 20),
        ("skip_me/s.txt", 30),
        ("f.txt", 40),
    ] {
        std::fs::write(top.join(file), vec![b'x'; size]).expect("file");
    }
    std::fs::write(top.join(OsStr::from_bytes(BINARY_FILE)), b"12345").expect("binary name");
    std::fs::write(odd_dir.join("inner.txt"), b"1").expect("inner");
    symlink("a", top.join("link_dir")).expect("link_dir");
    symlink("f.txt", top.join("link_file")).expect("link_file");
    symlink("nowhere", top.join("dangling")).expect("dangling");
}

/// A step with every name as bytes, `dirpath` relative to the top: comparable with Python's output.
type Flat = (Vec<u8>, Vec<Vec<u8>>, Vec<Vec<u8>>);

fn flat(top: &Path, step: &WalkStep) -> Flat {
    let rel = step
        .dirpath
        .strip_prefix(top)
        .expect("under top")
        .as_os_str()
        .as_bytes()
        .to_vec();
    let names = |v: &[OsString]| v.iter().map(|n| n.as_bytes().to_vec()).collect();
    (rel, names(&step.dirnames), names(&step.filenames))
}

const PYTHON_WALK: &str = r#"
import json, os, sys
top, mode = os.fsencode(sys.argv[1]), sys.argv[2]
out = []
for dirpath, dirnames, filenames in os.walk(top, topdown=(mode != "bottomup"), followlinks=(mode == "followlinks")):
    if mode == "prune":
        dirnames[:] = [d for d in dirnames if not d.startswith(b"skip")]
    rel = os.path.relpath(dirpath, top) if dirpath != top else b""
    out.append([rel.hex(), [d.hex() for d in dirnames], [f.hex() for f in filenames]])
print(json.dumps(out))
"#;

fn python_walk(top: &Path, mode: &str) -> Option<Vec<Flat>> {
    let python = common::python3()?;
    let stdout = common::run_python(python, PYTHON_WALK, &[&top.to_string_lossy(), mode], "");
    let rows: Vec<(String, Vec<String>, Vec<String>)> =
        serde_json::from_str(&stdout).expect("python's JSON");
    let unhex = |h: &str| {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).expect("hex"))
            .collect()
    };
    Some(
        rows.iter()
            .map(|(d, dirs, files)| {
                (
                    unhex(d),
                    dirs.iter().map(|x| unhex(x)).collect(),
                    files.iter().map(|x| unhex(x)).collect(),
                )
            })
            .collect(),
    )
}

fn steps(walk: fsutil::Walk) -> Vec<WalkStep> {
    walk.map(|item| item.expect("no error in this tree"))
        .collect()
}

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = tmp.path().join("top");
    std::fs::create_dir(&top).expect("top");
    build_tree(&top);
    (tmp, top)
}

#[test]
fn top_down_bottom_up_and_followlinks_match_os_walk() {
    let (_tmp, top) = fixture();
    let cases = [
        ("topdown", fsutil::walk(&top)),
        ("bottomup", fsutil::walk(&top).topdown(false)),
        ("followlinks", fsutil::walk(&top).followlinks(true)),
    ];
    for (mode, walk) in cases {
        let ours: Vec<Flat> = steps(walk).iter().map(|s| flat(&top, s)).collect();
        // Python-independent facts about this tree.
        let root = ours.iter().find(|s| s.0.is_empty()).expect("top is a step");
        assert!(
            root.1.contains(&b"link_dir".to_vec()),
            "{mode}: a symlink to a directory is in dirnames"
        );
        assert!(
            root.1.contains(&LATIN1_DIR.to_vec()),
            "{mode}: non-UTF-8 directory name kept byte for byte"
        );
        for name in [&b"link_file"[..], b"dangling", BINARY_FILE, b"f.txt"] {
            assert!(
                root.2.contains(&name.to_vec()),
                "{mode}: {:?} is in filenames",
                String::from_utf8_lossy(name)
            );
        }
        let followed = ours.iter().any(|s| s.0 == b"link_dir");
        assert_eq!(
            followed,
            mode == "followlinks",
            "{mode}: link_dir descended into only with followlinks"
        );
        assert_eq!(
            ours.len(),
            if mode == "followlinks" { 12 } else { 8 },
            "{mode}: {ours:?}"
        );
        if let Some(py) = python_walk(&top, mode) {
            assert_eq!(
                ours, py,
                "{mode}: fsutil vs os.walk (same readdir order, so the same sequence)"
            );
        }
    }
}

#[test]
fn pruning_dirnames_top_down_matches_os_walk() {
    let (_tmp, top) = fixture();
    let mut walker = fsutil::walk(&top);
    let mut ours = Vec::new();
    while let Some(step) = walker.next_step() {
        let step = step.expect("no error in this tree");
        step.dirnames.retain(|d| !d.as_bytes().starts_with(b"skip"));
        ours.push(flat(&top, step));
    }
    assert!(
        !ours.iter().any(|s| s.0.starts_with(b"skip")),
        "pruned directory was walked: {ours:?}"
    );
    assert_eq!(ours.len(), 7);
    if let Some(py) = python_walk(&top, "prune") {
        assert_eq!(ours, py, "pruned walk: fsutil vs os.walk");
    }
    // filter_dir gives the same walk, except that the pruned names are gone from dirnames before the step is
    // handed out, which is what the edit above leaves behind too.
    let filtered: Vec<Flat> = steps(fsutil::walk(&top).filter_dir(|p| {
        !p.file_name()
            .is_some_and(|n| n.as_bytes().starts_with(b"skip"))
    }))
    .iter()
    .map(|s| flat(&top, s))
    .collect();
    assert_eq!(filtered, ours);
}

#[test]
fn names_added_to_dirnames_are_walked_or_reported() {
    let (_tmp, top) = fixture();
    let mut walker = fsutil::walk(&top).max_depth(1);
    let mut dirs = Vec::new();
    let mut errors = Vec::new();
    while let Some(step) = walker.next_step() {
        match step {
            Ok(step) => {
                dirs.push(step.dirpath.clone());
                if step.dirpath == top {
                    step.dirnames = vec!["b".into(), "f.txt".into(), "link_dir".into()];
                }
            }
            Err(err) => errors.push(err),
        }
    }
    // "b" is walked; "f.txt" is not a directory (reported); "link_dir" is a symlink, not followed.
    assert_eq!(dirs, [top.clone(), top.join("b")]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path(), top.join("f.txt"));
}

#[test]
fn sorted_walk_and_par_walk_agree() {
    let (_tmp, top) = fixture();
    for followlinks in [false, true] {
        let mut seq = steps(fsutil::walk(&top).sort(true).followlinks(followlinks));
        seq.sort_by(|a, b| a.dirpath.cmp(&b.dirpath));
        let par = fsutil::par_walk(&top)
            .sort(true)
            .followlinks(followlinks)
            .collect();
        assert!(par.errors.is_empty(), "{:?}", par.errors);
        assert_eq!(par.steps, seq, "followlinks={followlinks}");
    }
    let mut names: Vec<_> = steps(fsutil::walk(&top).sort(true)).remove(0).filenames;
    let sorted = names.clone();
    names.sort();
    assert_eq!(names, sorted, "sort(true) sorts by bytes");
}

#[test]
fn par_walk_filter_depth_and_summary() {
    let (_tmp, top) = fixture();
    let a = fsutil::walk(top.join("a"))
        .sort(true)
        .next()
        .expect("a step")
        .expect("listed");
    assert_eq!(a.file_paths().collect::<Vec<_>>(), [top.join("a/a1.txt")]);
    assert_eq!(a.dir_paths().collect::<Vec<_>>(), [top.join("a/deep")]);
    let summary = fsutil::par_walk(&top).summary();
    // dirs: top, a, a/deep, a/deep/x, a/deep/x/y, b, skip_me, été, link_dir (listed, not followed) = 9;
    // files: a1, y, s, f, bin, inner, link_file, dangling = 8.
    assert_eq!((summary.dirs, summary.files), (9, 8), "{summary}");
    let link_len = std::fs::symlink_metadata(top.join("link_file"))
        .expect("lstat")
        .len();
    let dangling_len = std::fs::symlink_metadata(top.join("dangling"))
        .expect("lstat")
        .len();
    assert_eq!(
        summary.bytes,
        10 + 20 + 30 + 40 + 5 + 1 + link_len + dangling_len
    );
    assert!(summary.errors.is_empty());
    assert!(
        summary.to_string().starts_with("9 directories, 8 files, "),
        "{summary}"
    );

    let shallow = fsutil::par_walk(&top).max_depth(1).collect();
    assert!(shallow.steps.iter().all(|s| s.depth <= 1));
    assert_eq!(shallow.steps.len(), 5); // top, a, b, skip_me, été
    let pruned = fsutil::par_walk(&top)
        .filter_dir(|p| p.file_name() != Some(OsStr::new("a")))
        .collect();
    assert!(
        pruned
            .steps
            .iter()
            .all(|s| !s.dirpath.starts_with(top.join("a")))
    );
    assert!(!pruned.steps[0].dirnames.contains(&OsString::from("a")));

    let counted = std::sync::atomic::AtomicUsize::new(0);
    fsutil::par_walk(&top).for_each(|step| {
        let step = step.expect("no error");
        counted.fetch_add(
            step.dirnames.len() + step.filenames.len(),
            std::sync::atomic::Ordering::Relaxed,
        );
    });
    assert_eq!(counted.into_inner() as u64 + 1, summary.entries());
}

#[test]
fn symlink_loops_end_with_an_error_not_a_hang() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let top = tmp.path().join("loopy");
    std::fs::create_dir_all(top.join("sub/inner")).expect("dirs");
    symlink("..", top.join("sub/back")).expect("back"); // sub/back -> top
    symlink(".", top.join("sub/inner/self")).expect("self"); // inner/self -> inner
    let expect_loops = |errors: &[WalkError], what: &str| {
        let mut loops: Vec<(PathBuf, PathBuf)> = errors
            .iter()
            .map(|e| match e {
                WalkError::Loop { path, ancestor } => (path.clone(), ancestor.clone()),
                other => panic!("{what}: unexpected error {other}"),
            })
            .collect();
        loops.sort();
        assert_eq!(
            loops,
            [
                (top.join("sub/back"), top.clone()),
                (top.join("sub/inner/self"), top.join("sub/inner"))
            ],
            "{what}"
        );
        assert!(
            errors[0].to_string().contains("file system loop"),
            "{}",
            errors[0]
        );
    };
    for topdown in [true, false] {
        let (mut steps, mut errors) = (Vec::new(), Vec::new());
        for item in fsutil::walk(&top).followlinks(true).topdown(topdown) {
            match item {
                Ok(step) => steps.push(step.dirpath),
                Err(err) => errors.push(err),
            }
        }
        steps.sort();
        assert_eq!(
            steps,
            [top.clone(), top.join("sub"), top.join("sub/inner")],
            "topdown={topdown}"
        );
        expect_loops(&errors, "walk");
    }
    let par = fsutil::par_walk(&top).followlinks(true).collect();
    assert_eq!(par.steps.len(), 3);
    expect_loops(&par.errors, "par_walk");
}

#[test]
fn errors_are_items_or_go_to_onerror() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("missing");
    let items: Vec<_> = fsutil::walk(&missing).collect();
    assert_eq!(items.len(), 1);
    let err = items
        .into_iter()
        .next()
        .and_then(Result::err)
        .expect("an error item");
    assert_eq!(err.path(), missing);
    assert!(err.to_string().contains("does not exist"), "{err}");
    let io: std::io::Error = err.into();
    assert_eq!(
        io.kind(),
        std::io::ErrorKind::NotFound,
        "usable with `?` in io code"
    );
    let mut walker = fsutil::walk(&missing).onerror(|_| {});
    assert!(walker.next().is_none() && walker.next().is_none(), "fused");

    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    let steps: Vec<_> = fsutil::walk(&missing)
        .onerror(move |e| sink.lock().expect("lock").push(e.path().to_owned()))
        .collect();
    assert!(steps.is_empty(), "os.walk of a missing top yields nothing");
    let summary = fsutil::par_walk(&missing).summary();
    assert_eq!(*seen.lock().expect("lock"), [missing]);
    assert_eq!(
        (summary.dirs, summary.files, summary.errors.len()),
        (0, 0, 1)
    );
}

#[test]
fn a_file_as_top_is_an_error_and_an_empty_dir_one_step() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("plain");
    std::fs::write(&file, b"x").expect("file");
    let err = fsutil::walk(&file)
        .next()
        .and_then(Result::err)
        .expect("not a directory");
    assert_eq!(
        err.io_error().and_then(|e| e.raw_os_error()),
        Some(libc::ENOTDIR)
    );
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("empty");
    let all = steps(fsutil::walk(&empty));
    assert_eq!(
        all,
        [WalkStep {
            dirpath: empty.clone(),
            dirnames: vec![],
            filenames: vec![],
            depth: 0
        }]
    );
}

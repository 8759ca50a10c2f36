//! Modes, the umask and permission-denied directories.
//!
//! Root bypasses permission bits (it can create a directory inside a 0555 one and list a 0000 one), so the
//! permission cases must run as an unprivileged user. When these tests run as root, the unprivileged part
//! re-executes this test binary as `nobody` (uid/gid 65534); where the system refuses that (no CAP_SETUID,
//! e.g. in some containers) it is skipped with a printed reason. As a normal user it runs in-process.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const NOBODY: u32 = 65534;
const CHILD_ENV: &str = "FSUTIL_TEST_UNPRIVILEGED_DIR";
const CHILD_MARKER: &str = "fsutil-unprivileged-child-ran";

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

fn set_umask(mask: u32) -> u32 {
    // SAFETY: umask has no preconditions; it only swaps the process's mask.
    unsafe { libc::umask(mask as libc::mode_t) as u32 }
}

/// (umask, mode) -> modes of `top`, `top/a`, `top/a/b`, as CPython 3.11 gives them (root and non-root alike).
const MODE_TABLE: [(u32, u32, [u32; 3]); 7] = [
    (0o022, 0o777, [0o755, 0o755, 0o755]),
    (0o022, 0o700, [0o755, 0o755, 0o700]),
    (0o077, 0o777, [0o700, 0o700, 0o700]),
    (0o022, 0o500, [0o755, 0o755, 0o500]),
    (0o022, 0o1777, [0o755, 0o755, 0o1755]),
    (0o022, 0o2777, [0o755, 0o755, 0o755]),
    (0o000, 0o777, [0o777, 0o777, 0o777]),
];

const PYTHON_MODES: &str = r#"
import json, os, sys
base = sys.argv[1]; out = []
for i, (umask, mode) in enumerate(json.load(sys.stdin)):
    old = os.umask(umask)
    top = os.path.join(base, "py%d" % i)
    try:
        os.makedirs(os.path.join(top, "a", "b"), mode=mode)
    finally:
        os.umask(old)
    out.append([os.stat(p).st_mode & 0o7777 for p in (top, os.path.join(top, "a"), os.path.join(top, "a", "b"))])
print(json.dumps(out))
"#;

/// The mode applies to the leaf only and the umask to every level, as in Python. The umask is per process:
/// the other test of this binary that creates files sets its own (its child process does).
#[test]
fn modes_and_umask_match_cpython() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut got = Vec::new();
    for (i, (umask, mode, _)) in MODE_TABLE.iter().enumerate() {
        let top = tmp.path().join(format!("rust{i}"));
        let old = set_umask(*umask);
        let result = fsutil::Makedirs::new().mode(*mode).create(top.join("a/b"));
        set_umask(old);
        result.expect("makedirs");
        got.push([
            mode_of(&top),
            mode_of(&top.join("a")),
            mode_of(&top.join("a/b")),
        ]);
    }
    for ((umask, mode, want), got) in MODE_TABLE.iter().zip(&got) {
        assert_eq!(
            got, want,
            "umask {umask:03o}, mode {mode:o}: fsutil gave {got:?}, CPython 3.11 gives {want:?} (decimal)"
        );
    }
    if let Some(python) = common::python3() {
        let input: Vec<_> = MODE_TABLE.iter().map(|(u, m, _)| [*u, *m]).collect();
        let stdout = common::run_python(
            python,
            PYTHON_MODES,
            &[&tmp.path().to_string_lossy()],
            &serde_json::to_string(&input).expect("json"),
        );
        let py: Vec<[u32; 3]> = serde_json::from_str(&stdout).expect("python's JSON");
        assert_eq!(got, py, "fsutil vs this python3 (per row: top, a, b)");
    }
    // An existing directory keeps its mode: no chmod, no error with exist_ok (Python 3.4.1 and later).
    let existing = tmp.path().join("rust0");
    fsutil::Makedirs::new()
        .mode(0o700)
        .exist_ok(true)
        .create(&existing)
        .expect("exists");
    assert_eq!(mode_of(&existing), 0o755);
}

/// What an unprivileged user sees; run as `nobody` by the test below (or directly when not root).
fn unprivileged_checks(base: &Path) {
    set_umask(0o022);
    // A 0500 leaf: Python creates it (the mode is for the leaf only). DirBuilder's mode applies to every level,
    // so its recursive form fails here once the first level is 0500.
    let leaf = base.join("open/p/q/r");
    fsutil::Makedirs::new()
        .mode(0o500)
        .create(&leaf)
        .expect("a 0500 leaf as an unprivileged user");
    assert_eq!(
        [
            mode_of(&base.join("open/p")),
            mode_of(&base.join("open/p/q")),
            mode_of(&leaf)
        ],
        [0o755, 0o755, 0o500]
    );
    {
        use std::os::unix::fs::DirBuilderExt;
        let std_result = std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o500)
            .create(base.join("open/std/q/r"));
        println!("std DirBuilder::recursive(true).mode(0o500) as this user: {std_result:?}");
    }

    // A read-only directory (owned by root, 0555): the error names the level that failed.
    let ro = base.join("ro");
    let err = fsutil::makedirs(ro.join("x/y"), true).expect_err("ro is not writable");
    assert_eq!(err.raw_os_error(), Some(libc::EACCES), "{err}");
    assert_eq!(err.path(), Some(ro.join("x").as_path()));
    assert!(err.to_string().contains("permission denied"), "{err}");
    fsutil::makedirs(&ro, true)
        .expect("an existing directory is fine with exist_ok, writable or not");
    let err = fsutil::makedirs(&ro, false).expect_err("exists");
    assert!(matches!(
        err,
        fsutil::MakedirsError::AlreadyExists {
            existing: fsutil::Existing::Directory,
            ..
        }
    ));

    // An unreadable directory (0000): walk reports it and goes on, as os.walk's onerror.
    let tree = base.join("tree");
    let secret = tree.join("secret");
    for topdown in [true, false] {
        let mut steps = Vec::new();
        let mut errors = Vec::new();
        for item in fsutil::walk(&tree).topdown(topdown).sort(true) {
            match item {
                Ok(step) => steps.push(step),
                Err(err) => errors.push(err),
            }
        }
        let dirs: Vec<_> = steps
            .iter()
            .map(|s| {
                s.dirpath
                    .strip_prefix(&tree)
                    .expect("under tree")
                    .to_owned()
            })
            .collect();
        let want: [&Path; 2] = if topdown {
            ["".as_ref(), "visible".as_ref()]
        } else {
            ["visible".as_ref(), "".as_ref()]
        };
        assert_eq!(dirs, want, "topdown={topdown}");
        let top = steps
            .iter()
            .find(|s| s.dirpath == tree)
            .expect("top listed");
        assert_eq!(
            top.dirnames,
            ["secret", "visible"],
            "an unreadable directory is still listed in its parent"
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path(), secret);
        assert_eq!(
            errors[0].io_error().map(|e| e.kind()),
            Some(std::io::ErrorKind::PermissionDenied)
        );
        assert!(
            errors[0].to_string().contains("may not read it"),
            "{}",
            errors[0]
        );
    }
    let summary = fsutil::par_walk(&tree).summary();
    assert_eq!(
        (summary.dirs, summary.files, summary.errors.len()),
        (3, 1, 1),
        "{summary}"
    );
    let err = fsutil::makedirs(secret.join("x"), true).expect_err("secret is not searchable");
    assert_eq!(err.raw_os_error(), Some(libc::EACCES), "{err}");
    println!("{CHILD_MARKER}");
}

fn build_fixture(base: &Path) {
    std::fs::set_permissions(base, std::fs::Permissions::from_mode(0o777)).expect("chmod base");
    std::fs::create_dir(base.join("open")).expect("open");
    std::fs::set_permissions(base.join("open"), std::fs::Permissions::from_mode(0o777))
        .expect("chmod open");
    std::fs::create_dir(base.join("ro")).expect("ro");
    std::fs::set_permissions(base.join("ro"), std::fs::Permissions::from_mode(0o555))
        .expect("chmod ro");
    std::fs::create_dir_all(base.join("tree/secret")).expect("secret");
    std::fs::create_dir_all(base.join("tree/visible")).expect("visible");
    std::fs::write(base.join("tree/secret/hidden.txt"), b"x").expect("hidden");
    std::fs::write(base.join("tree/visible/shown.txt"), b"x").expect("shown");
    // Explicit modes: the umask test of this binary may run at the same time with another umask.
    for dir in ["tree", "tree/visible"] {
        std::fs::set_permissions(base.join(dir), std::fs::Permissions::from_mode(0o755))
            .expect("chmod a readable directory");
    }
    std::fs::set_permissions(
        base.join("tree/secret"),
        std::fs::Permissions::from_mode(0o000),
    )
    .expect("chmod secret");
}

#[test]
fn permission_denied_as_an_unprivileged_user() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = tmp.path().canonicalize().expect("canonical");
    build_fixture(&base);
    if !common::is_root() {
        unprivileged_checks(&base);
    } else {
        // What really happens as root: the permission bits do not apply, which is why the checks need nobody.
        assert!(
            std::fs::create_dir(base.join("ro/root-can")).is_ok(),
            "root writes into a 0555 directory"
        );
        assert!(
            std::fs::read_dir(base.join("tree/secret")).is_ok(),
            "root lists a 0000 directory"
        );
        std::fs::remove_dir(base.join("ro/root-can")).expect("cleanup");

        use std::os::unix::process::CommandExt;
        let output = common::rerun_self("unprivileged_child")
            .env(CHILD_ENV, &base)
            .uid(NOBODY)
            .gid(NOBODY)
            .output();
        match output {
            Err(err) => println!(
                "skipped: cannot run the test binary as nobody ({err}); permission cases not checked"
            ),
            Ok(out) => {
                let stdout = String::from_utf8_lossy(&out.stdout);
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "as nobody:\n{stdout}\n{stderr}");
                assert!(
                    stdout.contains(CHILD_MARKER),
                    "the child did not run the checks:\n{stdout}\n{stderr}"
                );
                println!("ran as nobody:\n{stdout}");
            }
        }
    }
    // Let the temporary directory be removed.
    std::fs::set_permissions(
        base.join("tree/secret"),
        std::fs::Permissions::from_mode(0o755),
    )
    .expect("chmod back");
    std::fs::set_permissions(base.join("ro"), std::fs::Permissions::from_mode(0o755))
        .expect("chmod back");
}

/// The child side of the test above: does nothing unless re-executed with the fixture's path.
#[test]
fn unprivileged_child() {
    if let Some(base) = std::env::var_os(CHILD_ENV) {
        unprivileged_checks(Path::new(&base));
    }
}

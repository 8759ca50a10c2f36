//! `open()` under the host's file grants ([`ModulePolicy::with_files`]).
//!
//! `tests/files/main.py` reads the files of `tests/files/ro/` and writes under `rw/`; its expected output
//! `tests/files.out` is what CPython 3.11 printed (`cp -r tests/files /tmp/x && cd /tmp/x && mkdir rw &&
//! python3 main.py`). The other test checks that nothing outside the grants is opened.

use evalx::{FileAccess, Interpreter, ModulePolicy};
use std::path::{Path, PathBuf};

/// A fresh folder under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("evalx-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(policy: ModulePolicy, src: &str) -> String {
    let mut py = Interpreter::new_captured();
    py.set_module_policy(policy);
    let r = py.exec(src, None, None);
    let mut out = py.take_output();
    if let Err(e) = r {
        out.push_str(&format!("!!! {e}\n"));
    }
    out
}

#[test]
fn open_reads_and_writes_as_cpython() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/files");
    let dir = temp_dir("golden");
    std::fs::create_dir_all(dir.join("ro")).expect("ro");
    std::fs::create_dir_all(dir.join("rw")).expect("rw");
    for f in ["data.txt", "data.bin"] {
        std::fs::copy(cases.join("ro").join(f), dir.join("ro").join(f)).expect("copy");
    }
    // The program names its files relative to the current folder, as CPython ran it (the only test in
    // this binary that changes it).
    std::env::set_current_dir(&dir).expect("cd");
    let src = std::fs::read_to_string(cases.join("main.py")).expect("main.py");
    let policy = ModulePolicy::standard()
        .with_files("ro", FileAccess::ReadOnly)
        .with_files("rw", FileAccess::ReadWrite);
    let got = run(policy, &src);
    let expected = std::fs::read_to_string(cases.join("../files.out")).expect("files.out");
    assert_eq!(got, expected);
}

#[test]
fn nothing_outside_the_grants_is_opened() {
    let dir = temp_dir("sandbox");
    let (ro, rw, outside) = (dir.join("ro"), dir.join("rw"), dir.join("outside"));
    for d in [&ro, &rw, &outside] {
        std::fs::create_dir_all(d).expect("dir");
    }
    std::fs::write(outside.join("secret.txt"), "secret").expect("secret");
    std::fs::write(ro.join("a.txt"), "a").expect("a");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.join("secret.txt"), ro.join("link.txt")).expect("link");
    let p = |x: &Path| x.display().to_string();
    let try_open = |policy: ModulePolicy, path: String, mode: &str| {
        run(
            policy,
            &format!(
                "try:\n    f = open({path:?}, {mode:?})\n    print('opened', f.read() if 'r' in {mode:?} else '')\n\
                 except OSError as e:\n    print(type(e).__name__, e.errno)\n"
            ),
        )
    };
    let granted = || {
        ModulePolicy::standard()
            .with_files(&ro, FileAccess::ReadOnly)
            .with_files(&rw, FileAccess::ReadWrite)
    };
    // No grant: nothing, not even a file that exists.
    assert_eq!(
        try_open(ModulePolicy::standard(), p(&ro.join("a.txt")), "r"),
        "PermissionError 13\n"
    );
    assert_eq!(try_open(granted(), p(&ro.join("a.txt")), "r"), "opened a\n");
    // Read-only: no writing, appending or creating.
    for mode in ["w", "a", "x", "r+"] {
        assert_eq!(
            try_open(granted(), p(&ro.join("a.txt")), mode),
            "PermissionError 13\n",
            "{mode}"
        );
    }
    // Outside every grant, directly, through `..`, or through a link inside a granted folder.
    assert_eq!(
        try_open(granted(), p(&outside.join("secret.txt")), "r"),
        "PermissionError 13\n"
    );
    assert_eq!(
        try_open(granted(), format!("{}/../outside/secret.txt", p(&rw)), "r"),
        "PermissionError 13\n"
    );
    #[cfg(unix)]
    assert_eq!(
        try_open(granted(), p(&ro.join("link.txt")), "r"),
        "PermissionError 13\n"
    );
    assert_eq!(
        try_open(granted(), format!("{}/../outside/new.txt", p(&rw)), "w"),
        "PermissionError 13\n"
    );
    assert!(!outside.join("new.txt").exists());
    // The error says why.
    let msg = run(
        ModulePolicy::standard(),
        &format!("open({:?})", p(&ro.join("a.txt"))),
    );
    assert!(
        msg.contains("PermissionError: [Errno 13] Permission denied (the host's policy grants no file access there)"),
        "{msg}"
    );
    // Writing inside the read-write grant works.
    assert_eq!(
        try_open(granted(), p(&rw.join("new.txt")), "w"),
        "opened \n"
    );
    assert!(rw.join("new.txt").exists());
}

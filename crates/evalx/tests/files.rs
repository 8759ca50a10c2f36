//! The sandbox's files: `tests/files/NAME.py` programs run in a fresh empty folder (mounted read-write at
//! its real path, and the working directory) must print what CPython 3.11 printed running them in an empty
//! folder (`python3 tests/make_files_expected.py` regenerates `NAME.out`); then the host's promises: nothing
//! outside the mounts, no escape through `..` or links, read-only mounts, overlays that never write the host
//! folder, memory mounts, and the quota.

use evalx::vfs::{MemoryFs, MountError, MountMode};
use evalx::{Error, Interpreter, ModulePolicy};
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix(&format!("evalx-files-{name}-"))
        .tempdir()
        .expect("temp dir")
        .keep();
    dir.canonicalize().expect("real path")
}

fn run(policy: ModulePolicy, src: &str) -> String {
    let mut py = Interpreter::new_captured();
    py.set_module_policy(policy);
    let r = py.run_file("prog.py", src);
    let mut out = py.take_output();
    if let Err(e) = r {
        let last = match &e {
            Error::Exception(x) => x.summary(),
            other => other
                .render()
                .lines()
                .last()
                .unwrap_or_default()
                .to_string(),
        };
        out.push_str(&format!("!!! {last}\n"));
    }
    out
}

fn rw(dir: &Path) -> ModulePolicy {
    let guest = dir.to_string_lossy().into_owned();
    ModulePolicy::standard()
        .mount(&guest, dir, MountMode::ReadWrite)
        .expect("mount")
}

#[test]
fn file_programs_match_cpython_output() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/files");
    let mut progs: Vec<PathBuf> = std::fs::read_dir(&cases)
        .expect("tests/files exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    progs.sort();
    assert!(progs.len() >= 4);
    let mut failures = Vec::new();
    for p in &progs {
        let src = std::fs::read_to_string(p).expect("program");
        let expected = std::fs::read_to_string(p.with_extension("out")).expect("expectation");
        let dir = temp_dir("golden");
        std::fs::write(dir.join("prog.py"), &src).expect("copy");
        let got = run(rw(&dir), &src);
        std::fs::remove_dir_all(&dir).expect("clean up");
        if got != expected {
            failures.push(format!(
                "=== {}\n--- expected\n{expected}--- got\n{got}",
                p.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn nothing_outside_the_mounts_is_reachable() {
    let out = run(
        ModulePolicy::standard(),
        "import os\nprint(os.path.exists('/etc/passwd'), os.getcwd())\ntry:\n    open('/etc/passwd')\n\
         except PermissionError as e:\n    print(e)\ntry:\n    open('x.txt', 'w')\nexcept PermissionError as e:\n    print(e)",
    );
    assert_eq!(
        out,
        "False /\n[Errno 13] Permission denied (no mount of the host's file policy covers this path): '/etc/passwd'\n\
         [Errno 13] Permission denied (no mount of the host's file policy covers this path): 'x.txt'\n"
    );
}

#[test]
fn dot_dot_and_links_never_leave_a_mount() {
    let top = temp_dir("escape");
    let inner = top.join("inner");
    std::fs::create_dir(&inner).expect("dir");
    std::fs::write(top.join("secret.txt"), "secret").expect("file");
    std::os::unix::fs::symlink(top.join("secret.txt"), inner.join("link.txt")).expect("link");
    std::os::unix::fs::symlink(&top, inner.join("up")).expect("link");
    std::os::unix::fs::symlink(top.join("new.txt"), inner.join("dangling")).expect("link");
    let policy = ModulePolicy::standard()
        .mount("/data", &inner, MountMode::ReadWrite)
        .expect("mount");
    let out = run(
        policy,
        "import os\n\
         for p in ('/data/../secret.txt', '../secret.txt', '/data/link.txt', '/data/up/secret.txt', 'up/secret.txt'):\n\
         \x20   try:\n\
         \x20       print(repr(open(p).read()))\n\
         \x20   except OSError as e:\n\
         \x20       print(type(e).__name__, e)\n\
         for p in ('/data/dangling', '/data/up/new.txt', '/data/link.txt'):\n\
         \x20   try:\n\
         \x20       open(p, 'w').write('x')\n\
         \x20   except OSError as e:\n\
         \x20       print(type(e).__name__, e)\n\
         print(os.path.exists('/data/up/secret.txt'), sorted(os.listdir('/data')))",
    );
    assert_eq!(
        out,
        "PermissionError [Errno 13] Permission denied (no mount of the host's file policy covers this path): '/data/../secret.txt'\n\
         PermissionError [Errno 13] Permission denied (no mount of the host's file policy covers this path): '../secret.txt'\n\
         PermissionError [Errno 13] Permission denied (a link leaves the mount): '/data/link.txt'\n\
         PermissionError [Errno 13] Permission denied (a link leaves the mount): '/data/up/secret.txt'\n\
         PermissionError [Errno 13] Permission denied (a link leaves the mount): 'up/secret.txt'\n\
         PermissionError [Errno 13] Permission denied (a dangling link): '/data/dangling'\n\
         PermissionError [Errno 13] Permission denied (a link leaves the mount): '/data/up/new.txt'\n\
         PermissionError [Errno 13] Permission denied (a link leaves the mount): '/data/link.txt'\n\
         False ['dangling', 'link.txt', 'up']\n"
    );
    assert!(!top.join("new.txt").exists());
    assert_eq!(
        std::fs::read_to_string(top.join("secret.txt")).expect("kept"),
        "secret"
    );
    std::fs::remove_dir_all(&top).expect("clean up");
}

#[test]
fn read_only_mounts_refuse_every_change() {
    let dir = temp_dir("ro");
    std::fs::write(dir.join("a.txt"), "keep").expect("file");
    let policy = ModulePolicy::standard()
        .mount("/ro", &dir, MountMode::ReadOnly)
        .expect("mount");
    let out = run(
        policy,
        "import os\nprint(open('a.txt').read(), os.access('a.txt', os.W_OK))\n\
         for f, a in ((open, ('a.txt', 'w')), (open, ('b.txt', 'x')), (open, ('a.txt', 'a')), (os.remove, ('a.txt',)),\n\
         \x20            (os.mkdir, ('d',)), (os.rename, ('a.txt', 'c.txt'))):\n\
         \x20   try:\n\
         \x20       f(*a)\n\
         \x20   except PermissionError as e:\n\
         \x20       print(e)",
    );
    assert_eq!(out.lines().next(), Some("keep False"));
    assert_eq!(out.lines().count(), 7, "{out}");
    assert!(
        out.lines().skip(1).all(|l| l.contains("(read-only mount)")),
        "{out}"
    );
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.join("a.txt")).expect("kept"),
        "keep"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn overlays_keep_changes_in_memory() {
    let dir = temp_dir("overlay");
    std::fs::write(dir.join("a.txt"), "host").expect("file");
    std::fs::create_dir(dir.join("sub")).expect("dir");
    std::fs::write(dir.join("sub/b.txt"), "b").expect("file");
    let policy = ModulePolicy::standard()
        .mount("/o", &dir, MountMode::Overlay)
        .expect("mount");
    let out = run(
        policy.clone(),
        "import os\nopen('a.txt', 'a').write('+guest')\nopen('new.txt', 'w').write('n')\nos.remove('sub/b.txt')\n\
         os.rename('sub', 'moved')\nos.mkdir('made')\n\
         print(open('a.txt').read(), sorted(os.listdir('.')), os.listdir('moved'), os.path.exists('sub/b.txt'))",
    );
    assert_eq!(
        out,
        "host+guest ['a.txt', 'made', 'moved', 'new.txt'] [] False\n"
    );
    // The host folder is untouched.
    assert_eq!(
        std::fs::read_to_string(dir.join("a.txt")).expect("kept"),
        "host"
    );
    assert!(dir.join("sub/b.txt").exists());
    assert!(!dir.join("new.txt").exists() && !dir.join("made").exists());
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn memory_mounts_are_shared_with_the_host() {
    let mem = MemoryFs::new();
    mem.write("in/data.csv", b"a,b\n1,2\n");
    let policy = ModulePolicy::standard()
        .mount_memory("/mem", mem.clone())
        .expect("mount");
    let out = run(
        policy,
        "import csv, pathlib\nrows = list(csv.reader(open('in/data.csv')))\n\
         pathlib.Path('/mem/out').mkdir()\npathlib.Path('/mem/out/n.txt').write_text(str(len(rows)))\nprint(rows)",
    );
    assert_eq!(out, "[['a', 'b'], ['1', '2']]\n");
    assert_eq!(mem.read("out/n.txt").as_deref(), Some(&b"2"[..]));
    assert_eq!(mem.files(), ["in/data.csv", "out/n.txt"]);
}

#[test]
fn the_quota_bounds_what_a_program_writes() {
    let dir = temp_dir("quota");
    let policy = rw(&dir).file_quota(1000);
    let out = run(
        policy,
        "import os\nwith open('a.bin', 'wb') as f:\n    f.write(b'x' * 600)\n    try:\n        f.write(b'y' * 600)\n    except OSError as e:\n        print(e.errno, e)\n\
         os.remove('a.bin')\nopen('b.bin', 'wb').write(b'z' * 900)\ntry:\n    open('c.bin', 'wb').write(b'z' * 200)\nexcept OSError as e:\n    print(e.errno)\n\
         while True:\n    open('d.bin', 'ab').write(b'.' * 10)",
    );
    assert_eq!(
        out,
        "122 [Errno 122] Disk quota exceeded (the host's file quota): 'a.bin'\n122\n\
         !!! OSError: [Errno 122] Disk quota exceeded (the host's file quota): 'd.bin'\n"
    );
    let total: u64 = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.metadata().expect("meta").len())
        .sum();
    assert!(total <= 1000, "{total} bytes written");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn bad_mounts_are_typed_errors() {
    let p = ModulePolicy::standard();
    assert!(matches!(
        p.clone().mount("data", "/tmp", MountMode::ReadOnly),
        Err(MountError::NotAbsolute(_))
    ));
    assert!(matches!(
        p.clone()
            .mount("/d", "/no/such/folder", MountMode::ReadOnly),
        Err(MountError::Host { .. })
    ));
    assert!(matches!(
        p.clone().mount("/d", "/etc/hostname", MountMode::ReadOnly),
        Err(MountError::NotAFolder(_)) | Err(MountError::Host { .. })
    ));
    let twice = p
        .clone()
        .mount_memory("/m", MemoryFs::new())
        .expect("first")
        .mount_memory("/m/", MemoryFs::new());
    assert!(matches!(twice, Err(MountError::Duplicate(_))));
    assert!(matches!(p.cwd("rel"), Err(MountError::BadCwd(_))));
}

#[test]
fn reads_are_bounded_by_max_len() {
    let mem = MemoryFs::new();
    mem.write("big", &[b'a'; 5000]);
    let mut py = Interpreter::new_captured();
    py.set_limits(evalx::Limits {
        max_len: Some(1000),
        ..Default::default()
    });
    py.set_module_policy(
        ModulePolicy::standard()
            .mount_memory("/m", mem)
            .expect("mount"),
    );
    let err = py
        .exec("open('/m/big').read()", None, None)
        .expect_err("too big");
    assert!(err.to_string().starts_with("MemoryError"), "{err}");
}

/// The `evalx` command mounts the current folder read-write at its real path; `--mount` replaces that grant,
/// `--no-files` grants nothing, `--env` passes the environment.
#[test]
fn the_command_line_mounts_the_current_folder() {
    let dir = temp_dir("cli");
    let evalx = env!("CARGO_BIN_EXE_evalx");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(evalx)
            .args(args)
            .current_dir(&dir)
            .env("EVALX_FILES_TEST", "yes")
            .output()
            .expect("evalx runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let here = dir.to_string_lossy().into_owned();
    let (code, out, _) = run(&[
        "-c",
        "import os\nopen('made.txt', 'w').write('x')\nprint(os.getcwd(), os.listdir(), os.environ.get('EVALX_FILES_TEST'))",
    ]);
    assert_eq!(
        (code, out),
        (Some(0), format!("{here} ['made.txt'] None\n"))
    );
    assert!(dir.join("made.txt").exists());
    let (_, out, _) = run(&[
        "--env",
        "-c",
        "import os; print(os.environ['EVALX_FILES_TEST'])",
    ]);
    assert_eq!(out, "yes\n");
    let (code, _, err) = run(&["--no-files", "-c", "open('made.txt')"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("PermissionError: [Errno 13]"), "{err}");
    let ro = format!("/w={here}:ro");
    let (code, out, err) = run(&[
        "--mount",
        &ro,
        "-c",
        "import os\nprint(os.getcwd(), open('made.txt').read())\nopen('b', 'w')",
    ]);
    assert_eq!((code, out.as_str()), (Some(1), "/w x\n"));
    assert!(err.contains("(read-only mount)"), "{err}");
    let (code, _, err) = run(&["--mount", "rel=/tmp", "-c", "pass"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not an absolute guest path"), "{err}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn tempfile_uses_a_writable_mount_or_says_there_is_none() {
    // No mount at all, then only a read-only one: gettempdir() raises PermissionError naming the policy.
    let prog = "import tempfile\ntry:\n    tempfile.mkstemp()\nexcept PermissionError as e:\n    print(type(e).__name__, e.errno, 'policy' in str(e))\n";
    assert_eq!(
        run(ModulePolicy::standard(), prog),
        "PermissionError 13 True\n"
    );
    let dir = temp_dir("tmp-ro");
    let policy = ModulePolicy::standard()
        .mount("/ro", &dir, MountMode::ReadOnly)
        .expect("mount");
    assert_eq!(run(policy, prog), "PermissionError 13 True\n");
    // A writable /tmp is chosen before the working directory; the host's $TMPDIR before both.
    let mem = MemoryFs::new();
    let policy = ModulePolicy::standard()
        .mount("/ro", &dir, MountMode::ReadOnly)
        .expect("mount")
        .mount_memory("/tmp", mem.clone())
        .expect("mount");
    let out = run(
        policy,
        "import tempfile, os\nprint(tempfile.gettempdir(), os.getcwd())\n\
         with tempfile.NamedTemporaryFile('w', delete=False) as f:\n    f.write('kept')\nprint(os.path.dirname(f.name))",
    );
    assert_eq!(out, "/tmp /ro\n/tmp\n");
    assert_eq!(mem.files().len(), 1);
    std::fs::remove_dir_all(&dir).expect("clean up");
}

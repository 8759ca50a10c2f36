//! `tarfile` under the host's file policy: archives are read from and written to files only through
//! `os` and `open()`, so an ungranted path raises `open()`'s own `PermissionError`, a read-only mount
//! refuses every change, and `add`/`extractall` (with the `data` filter's checks) work on what the
//! policy grants.

mod support;

use evalx::ModulePolicy;
use evalx::vfs::MountMode;
use std::path::PathBuf;
use support::{REFUSED, run, write};

fn temp_dir(name: &str) -> PathBuf {
    support::temp_dir(&format!("tarfile-policy-{name}"))
}

#[test]
fn ungranted_paths_raise_opens_permission_error() {
    let out = run(
        ModulePolicy::standard(),
        "import tarfile\n\
         for a in (('x.tar', 'w'), ('/etc/x.tar',), ('/etc/y.tar.gz', 'w:gz')):\n\
         \x20   try:\n\
         \x20       tarfile.open(*a)\n\
         \x20   except PermissionError as e:\n\
         \x20       print('open', e)\n\
         print(tarfile.is_tarfile('/etc/x.tar'))\n",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(lines[0], format!("open {REFUSED}: 'x.tar'"));
    assert_eq!(lines[1], format!("open {REFUSED}: '/etc/x.tar'"));
    assert_eq!(lines[2], format!("open {REFUSED}: '/etc/y.tar.gz'"));
    // As in CPython, is_tarfile() answers only for files it can open: the refusal propagates.
    assert_eq!(
        lines[3],
        format!("!!! PermissionError: {REFUSED}: '/etc/x.tar'")
    );
}

#[test]
fn archives_over_mounts_add_extract_and_respect_read_only() {
    let ro = temp_dir("ro");
    let rw = temp_dir("rw");
    write(&ro, "tree/a.txt", "alpha");
    write(&ro, "tree/sub/b.txt", "beta");
    let policy = ModulePolicy::standard()
        .mount("/ro", &ro, MountMode::ReadOnly)
        .expect("mount")
        .mount("/rw", &rw, MountMode::ReadWrite)
        .expect("mount");
    let out = run(
        policy,
        "import os, tarfile\n\
         with tarfile.open('/rw/t.tar.gz', 'w:gz') as tf:\n\
         \x20   tf.add('/ro/tree', arcname='tree')\n\
         print(tarfile.is_tarfile('/rw/t.tar.gz'))\n\
         with tarfile.open('/rw/t.tar.gz') as tf:\n\
         \x20   print(tf.getnames())\n\
         \x20   print(tf.extractfile('tree/sub/b.txt').read())\n\
         \x20   tf.extractall('/rw/out', filter='data')\n\
         print(sorted(os.listdir('/rw/out/tree')), open('/rw/out/tree/a.txt').read())\n\
         with tarfile.open('/rw/t.tar.gz') as tf:\n\
         \x20   try:\n\
         \x20       tf.extractall('/ro/out')\n\
         \x20   except PermissionError as e:\n\
         \x20       print('extract refused', '(read-only mount)' in str(e))\n\
         try:\n\
         \x20   tarfile.open('/ro/new.tar', 'w')\n\
         except PermissionError as e:\n\
         \x20   print('write refused', '(read-only mount)' in str(e))\n\
         evil = tarfile.TarInfo('../escape.txt')\n\
         with tarfile.open('/rw/evil.tar', 'w') as tf:\n\
         \x20   tf.addfile(evil)\n\
         with tarfile.open('/rw/evil.tar') as tf:\n\
         \x20   try:\n\
         \x20       tf.extractall('/rw/out2', filter='data')\n\
         \x20   except tarfile.OutsideDestinationError as e:\n\
         \x20       print(type(e).__name__)\n",
    );
    assert_eq!(
        out,
        "True\n['tree', 'tree/a.txt', 'tree/sub', 'tree/sub/b.txt']\nb'beta'\n\
         ['a.txt', 'sub'] alpha\nextract refused True\nwrite refused True\nOutsideDestinationError\n"
    );
    assert!(!ro.join("out").exists() && !ro.join("new.tar").exists());
    assert!(!rw.join("escape.txt").exists());
    assert_eq!(
        std::fs::read_to_string(rw.join("out/tree/sub/b.txt")).expect("extracted"),
        "beta"
    );
    std::fs::remove_dir_all(&ro).expect("clean up");
    std::fs::remove_dir_all(&rw).expect("clean up");
}

//! The file-using standard-library modules written in Python (`shutil`, `zipfile`, `linecache`,
//! `configparser.read`) under the host's file policy: they reach files only through `os` and `open()`, so
//! a path no mount grants raises `open()`'s own `PermissionError`, a read-only mount refuses every change,
//! and what they may read and write works as in CPython.

mod support;

use evalx::ModulePolicy;
use evalx::vfs::MountMode;
use std::path::PathBuf;
use support::{REFUSED, run, write};

fn temp_dir(name: &str) -> PathBuf {
    support::temp_dir(&format!("stdlib-policy-{name}"))
}

#[test]
fn ungranted_paths_raise_opens_permission_error() {
    let out = run(
        ModulePolicy::standard(),
        "import shutil, zipfile, linecache, configparser\n\
         for f, a in ((shutil.copyfile, ('a.txt', 'b.txt')), (shutil.copytree, ('src', 'dst')),\n\
         \x20            (zipfile.ZipFile, ('x.zip', 'w')), (zipfile.ZipFile, ('/etc/x.zip',))):\n\
         \x20   try:\n\
         \x20       f(*a)\n\
         \x20   except PermissionError as e:\n\
         \x20       print(f.__name__, e)\n\
         print(repr(linecache.getline('/etc/passwd', 1)), configparser.ConfigParser().read(['/etc/os-release']))\n\
         print(zipfile.is_zipfile('/etc/x.zip'))\n",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert_eq!(lines[0], format!("copyfile {REFUSED}: 'a.txt'"));
    assert_eq!(lines[1], format!("copytree {REFUSED}: 'src'"));
    assert_eq!(lines[2], format!("ZipFile {REFUSED}: 'x.zip'"));
    assert_eq!(lines[3], format!("ZipFile {REFUSED}: '/etc/x.zip'"));
    assert_eq!(lines[4], "'' []");
    assert_eq!(lines[5], "False");
}

#[test]
fn read_only_mounts_are_read_and_never_changed() {
    let ro = temp_dir("ro");
    let rw = temp_dir("rw");
    write(&ro, "tree/a.txt", "alpha");
    write(&ro, "tree/sub/b.txt", "beta");
    write(&ro, "conf.ini", "[s]\nk = v\n");
    let policy = ModulePolicy::standard()
        .mount("/ro", &ro, MountMode::ReadOnly)
        .expect("mount")
        .mount("/rw", &rw, MountMode::ReadWrite)
        .expect("mount");
    let out = run(
        policy,
        "import os, shutil, zipfile, linecache, configparser\n\
         print(shutil.copytree('/ro/tree', '/rw/copy'), sorted(os.listdir('/rw/copy')))\n\
         print(shutil.make_archive('/rw/arch', 'zip', '/ro/tree'))\n\
         with zipfile.ZipFile('/rw/arch.zip') as z:\n\
         \x20   print(sorted(z.namelist()), z.read('sub/b.txt'))\n\
         cp = configparser.ConfigParser()\n\
         print(cp.read('/ro/conf.ini'), cp['s']['k'], repr(linecache.getline('/ro/tree/a.txt', 1)))\n\
         for f, a in ((shutil.rmtree, ('/ro/tree',)), (shutil.copy, ('/rw/copy/a.txt', '/ro/tree/new.txt')),\n\
         \x20            (shutil.move, ('/ro/tree/a.txt', '/ro/moved.txt')), (zipfile.ZipFile, ('/ro/z.zip', 'w'))):\n\
         \x20   try:\n\
         \x20       f(*a)\n\
         \x20   except PermissionError as e:\n\
         \x20       print(f.__name__, 'refused', '(read-only mount)' in str(e))\n\
         shutil.rmtree('/rw/copy')\n\
         print(os.path.exists('/rw/copy'))\n",
    );
    assert_eq!(
        out,
        "/rw/copy ['a.txt', 'sub']\n/rw/arch.zip\n['a.txt', 'sub/', 'sub/b.txt'] b'beta'\n\
         ['/ro/conf.ini'] v 'alpha\\n'\n\
         rmtree refused True\ncopy refused True\nmove refused True\nZipFile refused True\nFalse\n"
    );
    // The read-only folder is exactly as it was.
    assert_eq!(
        std::fs::read_to_string(ro.join("tree/a.txt")).expect("kept"),
        "alpha"
    );
    assert!(ro.join("tree/sub/b.txt").exists() && !ro.join("tree/new.txt").exists());
    assert!(!ro.join("moved.txt").exists() && !ro.join("z.zip").exists());
    assert!(rw.join("arch.zip").exists() && !rw.join("copy").exists());
    std::fs::remove_dir_all(&ro).expect("clean up");
    std::fs::remove_dir_all(&rw).expect("clean up");
}

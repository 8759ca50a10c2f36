//! The standard-library registry: every module it names imports (with and without `from`), its names are
//! what a host's allow-list would use, and an unknown module is still `ModuleNotFoundError`.

use evalx::{Error, Interpreter, Limits};

#[test]
fn every_registered_module_imports() {
    let names: Vec<&str> = evalx::stdlib::names().collect();
    assert!(names.len() >= 16, "registry lists {names:?}");
    for name in &names {
        let mut py = Interpreter::new_captured();
        let src = format!("import {name}\nimport {name} as m\nprint(m.__name__)\n");
        py.run_file("t.py", &src)
            .unwrap_or_else(|e| panic!("import {name} failed: {}", e.render()));
        // `os.path` is `posixpath`, as in CPython.
        let expected = if *name == "os.path" {
            "posixpath"
        } else {
            name
        };
        assert_eq!(py.take_output(), format!("{expected}\n"));
    }
}

#[test]
fn dotted_import_binds_the_package_and_from_finds_the_submodule() {
    let mut py = Interpreter::new_captured();
    py.run_file(
        "t.py",
        "import collections.abc\nprint(collections.__name__, collections.abc.__name__)\n\
         from collections import abc\nprint(abc is collections.abc)\n",
    )
    .expect("runs");
    assert_eq!(py.take_output(), "collections collections.abc\nTrue\n");
}

#[test]
fn unknown_modules_are_still_not_found() {
    let mut py = Interpreter::new_captured();
    match py.run_file("t.py", "import not_a_module\n") {
        Err(Error::Exception(e)) => {
            assert_eq!(
                e.summary(),
                "ModuleNotFoundError: No module named 'not_a_module'"
            )
        }
        other => panic!("expected ModuleNotFoundError, got {other:?}"),
    }
}

#[test]
fn sleep_stops_at_the_host_deadline() {
    let mut py = Interpreter::new_captured();
    let limits = evalx::Limits {
        deadline: Some(std::time::Instant::now() + std::time::Duration::from_millis(50)),
        ..evalx::Limits::default()
    };
    py.set_limits(limits);
    let t = std::time::Instant::now();
    let r = py.run_file("t.py", "import time\ntime.sleep(3600)\n");
    assert!(matches!(r, Err(Error::Limit(_))), "got {r:?}");
    assert!(t.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn setrecursionlimit_cannot_raise_past_the_host_cap() {
    let mut py = Interpreter::new_captured();
    let limits = evalx::Limits {
        recursion: 300,
        recursion_cap: Some(300),
        ..evalx::Limits::default()
    };
    py.set_limits(limits);
    py.run_file(
        "t.py",
        "import sys\nsys.setrecursionlimit(10**6)\nprint(sys.getrecursionlimit())\n\
         sys.setrecursionlimit(100)\nprint(sys.getrecursionlimit())\n",
    )
    .expect("runs");
    assert_eq!(py.take_output(), "300\n100\n");
}

/// Without a cap a program raises its limit as CPython's does (deep searches call
/// `sys.setrecursionlimit(10**6)`), and a runaway still ends in `RecursionError` where the interpreter's
/// stack runs out, never in a crash.
#[test]
fn setrecursionlimit_raises_the_limit_without_a_cap() {
    let mut py = Interpreter::new_captured();
    py.run_file(
        "t.py",
        "import sys\nprint(sys.getrecursionlimit())\nsys.setrecursionlimit(10**6)\n\
         print(sys.getrecursionlimit())\ndef d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\n\
         print(d(1500))\ntry:\n    d(10**7)\nexcept RecursionError as e:\n    print(e)\n",
    )
    .expect("runs");
    assert_eq!(
        py.take_output(),
        "1000\n1000000\n1500\nmaximum recursion depth exceeded\n"
    );
}

#[test]
fn zlib_output_is_bounded_by_the_memory_limit() {
    // A decompression bomb (a few hundred KB inflating to 200 MB) stops at the host's size limit with a MemoryError
    // the program catches, one-shot or incremental; with max_length it inflates only what was asked.
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        max_len: Some(32_000_000),
        ..Limits::default()
    });
    let src = "import zlib\nco = zlib.compressobj(9)\nbomb = b''.join(co.compress(bytes(1 << 20)) for _ in range(200)) + co.flush()\n\
               for f in (zlib.decompress, zlib.decompressobj().decompress):\n    try:\n        f(bomb)\n    except MemoryError:\n        print('MemoryError')\n\
               print(len(zlib.decompressobj().decompress(bomb, 1000)))\n";
    py.exec(src, None, None).expect("runs");
    assert_eq!(py.take_output(), "MemoryError\nMemoryError\n1000\n");
}

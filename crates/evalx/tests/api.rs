//! The host API: CPython's namespace rules seen from Rust, typed errors, limits, and the CLI's exit codes.

use evalx::{Error, Interpreter, Limits, Namespace, Value};
use std::time::{Duration, Instant};

#[test]
fn eval_returns_values_and_inserts_builtins() {
    let mut py = Interpreter::new_captured();
    let g = Namespace::new();
    g.set("a", Value::Int(1));
    g.set("b", Value::Int(2));
    let v = py.eval("a + b", Some(&g), None).expect("eval works");
    assert_eq!(v.as_int(), Some(3));
    let mut keys = g.keys();
    keys.sort();
    assert_eq!(keys, ["__builtins__", "a", "b"]);
}

#[test]
fn locals_shadow_globals_and_exec_writes_locals() {
    let mut py = Interpreter::new_captured();
    let g = Namespace::new();
    g.set("x", 1.into());
    let l = Namespace::new();
    l.set("x", 2.into());
    assert_eq!(
        py.eval("x", Some(&g), Some(&l)).expect("eval").as_int(),
        Some(2)
    );
    py.exec("y = 10\ndef f():\n    return y\n", Some(&g), Some(&l))
        .expect("exec");
    assert!(l.contains("y") && l.contains("f"));
    assert!(!g.contains("y"), "globals only gain __builtins__");
    let err = py
        .eval("f()", Some(&g), Some(&l))
        .expect_err("functions close over globals");
    assert_eq!(err.to_string(), "NameError: name 'y' is not defined");
}

#[test]
fn omitted_namespaces_mean_main() {
    let mut py = Interpreter::new_captured();
    py.exec("v = 3", None, None).expect("exec");
    assert_eq!(
        py.main_namespace().get("v").and_then(|v| v.as_int()),
        Some(3)
    );
    assert_eq!(
        py.eval("v * 2", None, None).expect("eval").as_int(),
        Some(6)
    );
}

#[test]
fn eval_rejects_statements_with_cpython_syntax_error() {
    let mut py = Interpreter::new_captured();
    match py.eval("x = 1", None, None) {
        Err(Error::Syntax(e)) => {
            assert_eq!(
                (e.msg.as_str(), e.lineno, e.offset),
                ("invalid syntax", 1, 3)
            );
            assert_eq!(
                e.render(),
                "  File \"<string>\", line 1\n    x = 1\n      ^\nSyntaxError: invalid syntax\n"
            );
        }
        other => panic!("expected a SyntaxError, got {other:?}"),
    }
}

#[test]
fn exec_returns_unit_and_prints() {
    let mut py = Interpreter::new_captured();
    py.exec("print('hi', 1 + 1)", None, None).expect("exec");
    assert_eq!(py.take_output(), "hi 2\n");
}

#[test]
fn uncaught_exception_has_cpython_traceback() {
    let mut py = Interpreter::new_captured();
    let err = py
        .exec(
            "def f(a):\n    return a / 0\n\nf(1)\n",
            Some(&Namespace::new()),
            None,
        )
        .expect_err("raises");
    assert_eq!(
        err.render(),
        "Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\n  File \"<string>\", line 2, in f\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn file_tracebacks_show_source_lines() {
    let mut py = Interpreter::new_captured();
    let err = py
        .run_file("prog.py", "x = 1\nprnt(x)\n")
        .expect_err("NameError");
    assert_eq!(
        err.render(),
        "Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n    prnt(x)\n    ^^^^\nNameError: name 'prnt' is not defined. Did you mean: 'print'?\n"
    );
}

#[test]
fn builtins_can_be_removed_by_the_host() {
    let mut py = Interpreter::new_captured();
    let g = Namespace::new();
    g.set("__builtins__", Namespace::new().as_value());
    let err = py.eval("len([])", Some(&g), None).expect_err("no builtins");
    assert_eq!(err.to_string(), "NameError: name 'len' is not defined");
}

#[test]
fn instruction_budget_stops_infinite_loops() {
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        instructions: Some(100_000),
        ..Limits::default()
    });
    let err = py
        .exec("while True:\n    pass\n", None, None)
        .expect_err("budget");
    assert!(matches!(err, Error::Limit(_)), "{err:?}");
    // `except` cannot swallow a limit.
    let err = py.exec(
        "try:\n    while True: pass\nexcept BaseException:\n    print('caught')\n",
        None,
        None,
    );
    assert!(matches!(err, Err(Error::Limit(_))));
    assert_eq!(py.take_output(), "");
}

#[test]
fn deadline_stops_long_programs() {
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        deadline: Some(Instant::now() + Duration::from_millis(50)),
        ..Limits::default()
    });
    let t = Instant::now();
    let err = py
        .exec("i = 0\nwhile True:\n    i += 1\n", None, None)
        .expect_err("deadline");
    assert!(matches!(err, Error::Limit(_)));
    assert!(t.elapsed() < Duration::from_secs(5));
}

#[test]
fn recursion_limit_raises_recursion_error() {
    let mut py = Interpreter::new_captured();
    let err = py
        .exec("def f(n):\n    return f(n + 1)\nf(0)\n", None, None)
        .expect_err("recursion");
    match err {
        Error::Exception(e) => assert_eq!(
            e.summary(),
            "RecursionError: maximum recursion depth exceeded"
        ),
        other => panic!("{other:?}"),
    }
    py.set_limits(Limits {
        recursion: 50,
        ..Limits::default()
    });
    let err = py.exec(
        "def g(n):\n    return 0 if n == 0 else g(n - 1)\ng(100)\n",
        None,
        None,
    );
    assert!(err.is_err());
    assert!(py.exec("g(40)", None, None).is_ok());
}

#[test]
fn memory_limit_caps_created_sizes() {
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        max_len: Some(1_000_000),
        ..Limits::default()
    });
    let err = py
        .exec("s = 'x' * 10_000_000", None, None)
        .expect_err("too big");
    assert!(err.to_string().starts_with("MemoryError"), "{err}");
    let err = py
        .exec("l = [0] * 10_000_000", None, None)
        .expect_err("too big");
    assert!(err.to_string().starts_with("MemoryError"), "{err}");
}

#[test]
fn generators_are_lazy_and_can_be_abandoned() {
    let mut py = Interpreter::new_captured();
    py.exec(
        "def count():\n    i = 0\n    while True:\n        yield i\n        i += 1\nc = count()\nfirst = [next(c) for _ in range(5)]\n",
        None,
        None,
    )
    .expect("generator runs");
    assert_eq!(
        py.eval("first", None, None).expect("value").repr(),
        "[0, 1, 2, 3, 4]"
    );
    // Dropping the interpreter with a suspended infinite generator must not hang or leak a panic.
    drop(py);
}

#[test]
fn repr_honours_user_classes() {
    let mut py = Interpreter::new_captured();
    py.exec(
        "class P:\n    def __repr__(self):\n        return 'P!'\np = P()\n",
        None,
        None,
    )
    .expect("exec");
    let v = py.main_namespace().get("p").expect("p exists");
    assert_eq!(py.repr(&v).expect("repr"), "P!");
}

#[test]
fn cli_exit_codes_follow_python() {
    let exe = env!("CARGO_BIN_EXE_evalx");
    let run = |args: &[&str]| {
        std::process::Command::new(exe)
            .args(args)
            .output()
            .expect("evalx runs")
    };
    let ok = run(&["-c", "print(6 * 7)"]);
    assert_eq!(
        (
            ok.status.code(),
            String::from_utf8_lossy(&ok.stdout).as_ref()
        ),
        (Some(0), "42\n")
    );
    let exc = run(&["-c", "1/0"]);
    assert_eq!(exc.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&exc.stderr).ends_with("ZeroDivisionError: division by zero\n")
    );
    let syn = run(&["-c", "x = ("]);
    assert_eq!(syn.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&syn.stderr).contains("SyntaxError: '(' was never closed"));
    let exit = run(&["-c", "raise SystemExit(3)"]);
    assert_eq!(exit.status.code(), Some(3));
    let missing = run(&["/nonexistent/prog.py"]);
    assert_eq!(missing.status.code(), Some(2));
    // sys.argv as python sets it; `__main__` gains no `argv` name (CPython's has none).
    let argv = run(&[
        "-c",
        "import sys; print(sys.argv, 'argv' in dir())",
        "a",
        "b",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&argv.stdout),
        "['-c', 'a', 'b'] False\n"
    );
    // Everything after the program belongs to it, `-h` and `--version` included (argparse answers them).
    let help = run(&[
        "-c",
        "import argparse; argparse.ArgumentParser(prog='tool').parse_args()",
        "-h",
    ]);
    assert_eq!(
        (
            help.status.code(),
            String::from_utf8_lossy(&help.stdout).as_ref()
        ),
        (
            Some(0),
            "usage: tool [-h]\n\noptions:\n  -h, --help  show this help message and exit\n"
        )
    );
    let dir = std::env::temp_dir().join(format!("evalx-argv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("show.py");
    std::fs::write(&script, "import sys\nprint(sys.argv[1:])\n").expect("script");
    let passed = run(&[&script.display().to_string(), "--version", "-h", "x"]);
    assert_eq!(
        String::from_utf8_lossy(&passed.stdout),
        "['--version', '-h', 'x']\n"
    );
    let bad = run(&[
        "-c",
        "import argparse; p = argparse.ArgumentParser(prog='tool'); p.add_argument('n', type=int); p.parse_args()",
        "x",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "usage: tool [-h] n\ntool: error: argument n: invalid int value: 'x'\n"
    );
    std::fs::remove_dir_all(&dir).expect("temp dir");
}

#[test]
fn host_functions_are_the_only_way_out() {
    let mut py = Interpreter::new_captured();
    py.add_function("read_config", |args| match args {
        [Value::Str(key)] if &**key == "mode" => Ok(Value::str("fast")),
        [Value::Str(key)] => Err(evalx::HostError::new(
            "KeyError",
            format!("no setting {key}"),
        )),
        _ => Err(evalx::HostError::new(
            "TypeError",
            "read_config() takes one str",
        )),
    });
    assert_eq!(
        py.eval("read_config('mode')", None, None)
            .expect("call")
            .as_str(),
        Some("fast")
    );
    let err = py.eval("read_config('x')", None, None).expect_err("raises");
    assert_eq!(err.to_string(), "KeyError: 'no setting x'");
    py.exec(
        "try:\n    read_config(1)\nexcept TypeError as e:\n    print('caught', e)\n",
        None,
        None,
    )
    .expect("exec");
    assert_eq!(py.take_output(), "caught read_config() takes one str\n");
    assert_eq!(
        py.eval("repr(read_config)", None, None)
            .expect("repr")
            .as_str(),
        Some("<built-in function read_config>")
    );
    // Without the host's help there is no way to the file system: `os` imports, but sees nothing.
    for src in [
        "open('/etc/passwd')",
        "import os; os.listdir('/')",
        "import os; os.system('ls')",
    ] {
        let err = py
            .exec(src, None, None)
            .expect_err("no files, no processes");
        assert!(err.to_string().starts_with("PermissionError"), "{err}");
    }
}

#[test]
fn huge_allocations_are_memory_errors_not_aborts() {
    let mut py = Interpreter::new_captured();
    for src in [
        "'x' * 10**10",
        "[0] * 10**10",
        "'a'.center(10**10)",
        "'1'.zfill(10**12)",
        "bytes(10**11)",
        "list(range(10**12))",
        "2 ** (10**10)",
        "1 << 10**10",
    ] {
        let err = py.eval(src, None, None).expect_err(src);
        assert!(
            err.to_string().starts_with("MemoryError")
                || err.to_string().starts_with("OverflowError"),
            "{src}: {err}"
        );
    }
}

#[test]
#[cfg(not(feature = "untraced"))]
fn line_hook_sees_every_statement_with_its_frame() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let mut py = Interpreter::new_captured();
    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
    let log = seen.clone();
    let state = py.state();
    state.set_tracing(true);
    state.line_hook = Some(Rc::new(
        move |_it: &mut evalx::interp::Interp, fr: &mut evalx::interp::Frame| {
            let locals: Vec<String> = fr
                .code
                .slot_names
                .iter()
                .zip(&fr.slots)
                .filter(|(_, v)| !matches!(v, Value::Undef))
                .map(|(n, v)| format!("{n}={}", v.repr()))
                .collect();
            log.borrow_mut()
                .push(format!("{}:{} {}", fr.code.name, fr.line, locals.join(",")));
            Ok(())
        },
    ));
    py.run_file(
        "t.py",
        "def add(a, b):\n    c = a + b\n    return c\nx = add(1, 2)\n",
    )
    .expect("runs");
    assert_eq!(
        *seen.borrow(),
        [
            "<module>:1 ",
            "<module>:4 ",
            "add:2 a=1,b=2",
            "add:3 a=1,b=2,c=3"
        ]
    );
}

/// `input()` reads the host's input line by line (expected output recorded by piping the same bytes into
/// CPython 3.11), and raises `EOFError` at its end; without any input it raises at once.
#[test]
fn input_reads_host_lines_then_eof() {
    let src = "name = input(\"name? \")\nprint(\"hello\", name)\nn = int(input())\nprint(n * 2)\n\
               print(repr(input(\"> \")))\ntry:\n    input(\"last? \")\nexcept EOFError as e:\n    \
               print(\"EOFError:\", e)\n";
    let mut py = Interpreter::new_captured();
    py.set_input("Ada\n21\r\nno newline");
    py.run_file("inp.py", src).expect("runs");
    assert_eq!(
        py.take_output(),
        "name? hello Ada\n42\n> 'no newline'\nlast? EOFError: EOF when reading a line\n"
    );
    let mut bare = Interpreter::new_captured();
    let e = bare.run_file("x.py", "input()\n").expect_err("no input");
    assert!(
        e.render().contains("EOFError: EOF when reading a line"),
        "{}",
        e.render()
    );
}

/// A suspended generator's frames live on its own stack and hold the interpreter's address: moving the
/// `Interpreter` (into a box, a vector) must not strand them.
#[test]
fn a_suspended_generator_survives_moving_its_interpreter() {
    let mut py = Interpreter::new_captured();
    py.exec(
        // `yield` inside `try`: a generator with a stack of its own.
        "def count():\n    n = 0\n    try:\n        while True:\n            n += 1\n            yield n\n    finally:\n        pass\nit = count()\nfirst = next(it)\n",
        None,
        None,
    )
    .expect("exec");
    let mut moved = [Box::new(py)];
    let py = &mut moved[0];
    assert_eq!(
        py.eval("next(it) + next(it)", None, None)
            .expect("resume")
            .as_int(),
        Some(5)
    );
}

/// A generator started in one interpreter cannot be resumed by another (its frames run on the first):
/// a clear `RuntimeError`, never a resumption on the wrong state.
#[test]
fn another_interpreter_cannot_resume_a_started_generator() {
    let mut a = Interpreter::new_captured();
    // `yield` inside `try`: a generator with a stack of its own (a stackless one runs wherever it is
    // resumed, and may move).
    a.exec(
        "def gen():\n    try:\n        yield from range(3)\n    finally:\n        pass\ng = gen()\nnext(g)\n",
        None,
        None,
    )
    .expect("started in a");
    let g = a.eval("g", None, None).expect("the generator");
    let mut b = Interpreter::new_captured();
    let bns = Namespace::new();
    bns.set("g", g);
    let err = b
        .eval("next(g)", Some(&bns), None)
        .expect_err("b may not resume it");
    assert!(
        err.to_string()
            .starts_with("RuntimeError: cannot resume generator 'gen'"),
        "{err}"
    );
    // Its own interpreter still can.
    assert_eq!(
        a.eval("next(g)", None, None).expect("a resumes").as_int(),
        Some(1)
    );
}

/// Generators left suspended when their interpreter goes (in its namespace, or held by the host past
/// its end) are finished off without it; the next interpreter on the thread runs its own code only.
#[test]
fn generators_outliving_their_interpreter_are_disposed_of_safely() {
    let mut kept = Vec::new();
    for round in 0..20 {
        let mut py = Interpreter::new_captured();
        py.exec(
            "def g(n):\n    try:\n        yield n\n        yield [n] * 3\n    finally:\n        pass\nleft = g(1)\nnext(left)\nheld = g(2)\nnext(held)\n",
            None,
            None,
        )
        .expect("exec");
        kept.push(py.eval("held", None, None).expect("held"));
        drop(py);
        if round % 2 == 1 {
            kept.clear();
        }
        let mut next = Interpreter::new_captured();
        let v = next
            .eval("sum(x for x in (y * 2 for y in range(4)))", None, None)
            .expect("the next interpreter runs");
        assert_eq!(v.as_int(), Some(12));
    }
}

/// Two interpreters on one thread: a big list the first frees under a deadline is torn down by it alone,
/// so the `__del__` of its items runs in the first interpreter (its output), never in the second.
#[test]
fn deferred_frees_run_finalizers_in_their_own_interpreter() {
    let mut a = Interpreter::new_captured();
    a.set_limits(Limits {
        deadline: Some(Instant::now() + Duration::from_secs(600)),
        ..Limits::default()
    });
    a.exec(
        "class C:\n    def __del__(self):\n        print('del of A')\nxs = [C() for _ in range(70000)]\nxs = None\n",
        None,
        None,
    )
    .expect("a runs");
    let mut b = Interpreter::new_captured();
    b.set_limits(Limits {
        deadline: Some(Instant::now() + Duration::from_secs(600)),
        ..Limits::default()
    });
    b.exec(
        "n = 0\nfor i in range(300000):\n    n += i\nprint(n)\n",
        None,
        None,
    )
    .expect("b runs");
    let out_b = b.take_output();
    assert_eq!(out_b, "44999850000\n", "b ran a's finalizers");
    a.exec("pass", None, None).expect("a runs again");
    let out_a = a.take_output();
    assert_eq!(out_a.lines().filter(|l| *l == "del of A").count(), 70000);
}

/// An interpreter dropped while another lives on the thread: what its fields free dies silently with it
/// (its finalizers are not handed to the survivor).
#[test]
fn a_dropped_interpreters_finalizers_never_run_in_another() {
    let mut b = Interpreter::new_captured();
    let mut a = Interpreter::new_captured();
    a.exec(
        "import builtins\nclass C:\n    def __del__(self):\n        print('del of A')\ndef g():\n    x = C()\n    yield 1\n    yield 2\nbuiltins.kept = [C() for _ in range(3)]\nbuiltins.gen = g()\nnext(builtins.gen)\n",
        None,
        None,
    )
    .expect("a runs");
    drop(a);
    b.exec("print('b')\n", None, None).expect("b runs");
    assert_eq!(b.take_output(), "b\n");
}

/// A big tuple freed under a deadline is queued whole and read out a chunk at a time: its items (lists,
/// strs, nested tuples) are all freed exactly once, whether the queue is emptied by later limit checks, by
/// the next run, or by the interpreter's drop with the tuple half drained.
#[test]
fn big_tuples_freed_under_a_deadline_free_every_item_once() {
    for finish in ["next run", "drop"] {
        let mut py = Interpreter::new_captured();
        py.set_limits(Limits {
            deadline: Some(Instant::now() + Duration::from_secs(600)),
            ..Limits::default()
        });
        py.exec(
            "freed = 0\nclass D:\n    def __del__(self):\n        global freed\n        freed += 1\nt = tuple([i, str(i), (i, D())] for i in range(150000))\nt = None\nn = 0\nfor i in range(20000):\n    n += i\n",
            None,
            None,
        )
        .expect("runs");
        if finish == "next run" {
            py.exec("pass", None, None).expect("runs again");
            let freed = py.eval("freed", None, None).expect("counted");
            assert_eq!(freed.as_int(), Some(150000));
        }
        drop(py);
    }
}

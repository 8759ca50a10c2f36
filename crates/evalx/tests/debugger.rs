//! The debugger against CPython's pdb: every `tests/debugger/NAME.py` runs under evalx's debugger in its pdb
//! style with the commands of `NAME.cmds`, and the transcript (prompts, stops, listings and the program's
//! own output, interleaved) must equal `NAME.out`, which CPython 3.11's pdb wrote for the same program and
//! commands (`python3 tests/make_debugger_expected.py` regenerates them). `pm_*.py` programs end with an
//! uncaught exception and are inspected post-mortem. When a CPython 3.11 is present a second test re-runs
//! the generator to confirm the transcripts. The ipdb style, the quit error and the host hooks have their
//! own tests below.

// A build without debugger support (`--features untraced`, for benchmarks only) never stops.
#![cfg(not(feature = "untraced"))]

use evalx::debugger::{BreakpointHook, Debugger, ScriptedConsole, Style};
use evalx::{Error, HostError, Interpreter, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/debugger");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/debugger exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

/// Runs `src` as `name` under a debugger in `style` answering with `cmds`; returns the transcript and
/// the run's result. Post-mortem when `name` starts with `pm_`.
fn session(
    name: &str,
    src: &str,
    cmds: &str,
    style: Style,
    pm: bool,
) -> (String, Result<(), Error>) {
    let console = ScriptedConsole::new(cmds.lines());
    let transcript = console.transcript();
    let dbg = Debugger::new(console).with_style(style);
    let mut py = Interpreter::with_output(Box::new(transcript.clone()));
    dbg.attach(&mut py);
    // Kept for every session: pdb.post_mortem() in a program shows the frames its exception unwound.
    dbg.capture_post_mortem(true);
    let mut r = py.run_file(name, src);
    if pm && matches!(r, Err(Error::Exception(_))) {
        r = dbg.post_mortem(&mut py);
    }
    (transcript.text(), r)
}

/// Runs one session of the table as pdb runs it: the program under its absolute path (CPython's `__main__`
/// file name), `{DIR}` in the commands standing for its folder, which is then stripped from the transcript.
fn run_file_session(p: &Path) -> String {
    let p = p.canonicalize().expect("program exists");
    let src = std::fs::read_to_string(&p).expect("program readable");
    let dir = format!("{}/", p.parent().expect("a folder").display());
    let cmds = std::fs::read_to_string(p.with_extension("cmds"))
        .expect("commands readable")
        .replace("{DIR}/", &dir);
    let pm = p
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("pm_"));
    let name = p.to_str().expect("utf-8 path");
    let file = p.file_name().and_then(|n| n.to_str()).expect("utf-8 name");
    if file.starts_with("run_") {
        // `python3 -m pdb run_x.py` in the programs' folder, commands on stdin: `evalx --pdb` likewise.
        let folder = p.parent().expect("a folder");
        return cli_in(folder, &["--pdb", "--style", "pdb", file], &cmds, &[])
            .0
            .replace(&dir, "");
    }
    session(name, &src, &cmds, Style::Pdb, pm)
        .0
        .replace(&dir, "")
}

#[test]
fn transcripts_match_cpython_pdb() {
    let progs = programs();
    assert!(
        progs.len() >= 5,
        "expected the transcript table, found {progs:?}"
    );
    let mut failures = Vec::new();
    for p in &progs {
        let expected = std::fs::read_to_string(p.with_extension("out")).expect(".out exists");
        let got = run_file_session(p);
        if got != expected {
            failures.push(format!(
                "=== {}\n--- expected\n{expected}\n--- got\n{got}",
                p.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// ipdb's table: `tests/debugger_ipdb/NAME.py` with `NAME.cmds` in evalx's ipdb style must give `NAME.out`,
/// which ipdb 0.13 wrote (`python3 tests/make_ipdb_expected.py`, colour codes removed).
#[test]
fn transcripts_match_ipdb() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/debugger_ipdb");
    let mut progs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/debugger_ipdb exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    progs.sort();
    assert!(!progs.is_empty(), "expected ipdb sessions in {dir:?}");
    let mut failures = Vec::new();
    for p in &progs {
        let p = p.canonicalize().expect("program exists");
        let src = std::fs::read_to_string(&p).expect("program readable");
        let folder = format!("{}/", p.parent().expect("a folder").display());
        let cmds = std::fs::read_to_string(p.with_extension("cmds")).expect("commands readable");
        let name = p.to_str().expect("utf-8 path");
        let got = session(name, &src, &cmds, Style::Ipdb, false)
            .0
            .replace(&folder, "");
        let expected = std::fs::read_to_string(p.with_extension("out")).expect(".out exists");
        if got != expected {
            failures.push(format!(
                "=== {}\n--- expected\n{expected}\n--- got\n{got}",
                p.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn transcripts_agree_with_cpython_when_present() {
    // pdb's texts differ between 3.11 patch releases: only the version that recorded the table can confirm it.
    let recorded = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/debugger/RECORDED_WITH"),
    )
    .expect("RECORDED_WITH exists");
    let want = format!("Python {}", recorded.trim());
    let Some(py) = ["python3", "/usr/bin/python3"].into_iter().find(|exe| {
        Command::new(exe)
            .arg("--version")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == want)
    }) else {
        eprintln!("no {want} here; the committed transcripts are trusted");
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/make_debugger_expected.py");
    let check = "import runpy, sys, pathlib\n\
        m = runpy.run_path(sys.argv[1])\n\
        bad = [p.name for p in sorted(m['here'].glob('*.py'))\n\
               if m['transcript'](p) != p.with_suffix('.out').read_text()]\n\
        print(' '.join(bad))\n";
    let out = Command::new(py)
        .arg("-c")
        .arg(check)
        .arg(&script)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stale = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        stale.is_empty(),
        "pdb's transcripts differ from the committed ones for: {stale} (run tests/make_debugger_expected.py)"
    );
}

const PROG: &str = "def add(a, b):\n    c = a + b\n    return c\n\n\ndef main():\n    x = 1\n    breakpoint()\n    y = add(x, 2)\n    return y\n\n\nmain()\n";

#[test]
fn ipdb_style_shows_three_lines_of_context_and_its_prompt() {
    let (t, r) = session("prog.py", PROG, "s\nc\n", Style::Ipdb, false);
    r.expect("runs to the end");
    assert_eq!(
        t,
        "> prog.py(9)main()\n      8     breakpoint()\n----> 9     y = add(x, 2)\n     10     return y\n\n\
         ipdb> --Call--\n> prog.py(1)add()\n----> 1 def add(a, b):\n      2     c = a + b\n      3     return c\n\n\
         ipdb> "
    );
}

#[test]
fn quit_ends_the_run_with_a_typed_error() {
    let (t, r) = session("prog.py", PROG, "q\n", Style::Ipdb, false);
    assert_eq!(r, Err(Error::DebuggerQuit));
    assert!(t.ends_with("ipdb> "), "{t}");
    // The end of the input quits too, after a new line (pdb's EOF command).
    let (t, r) = session("prog.py", PROG, "", Style::Pdb, false);
    assert_eq!(r, Err(Error::DebuggerQuit));
    assert!(t.ends_with("(Pdb) \n"), "{t}");
}

#[test]
fn import_ipdb_set_trace_stops_like_breakpoint() {
    let src = "import ipdb; ipdb.set_trace()\nx = 2\nprint(x)\n";
    let (t, r) = session("prog.py", src, "p x\nn\np x\nc\n", Style::Pdb, false);
    r.expect("runs");
    assert_eq!(
        t,
        "> prog.py(2)<module>()\n-> x = 2\n(Pdb) *** NameError: name 'x' is not defined\n\
         (Pdb) > prog.py(3)<module>()\n-> print(x)\n(Pdb) 2\n(Pdb) 2\n"
    );
}

#[test]
fn breakpoint_hook_can_be_disabled_or_replaced() {
    let console = ScriptedConsole::new(Vec::<String>::new());
    let transcript = console.transcript();
    let dbg = Debugger::new(console);
    let mut py = Interpreter::new_captured();
    dbg.attach(&mut py);
    dbg.set_breakpoint_hook(BreakpointHook::Disabled);
    py.exec("breakpoint()\nx = 1", None, None).expect("no stop");
    assert_eq!(transcript.text(), "");
    dbg.set_breakpoint_hook(BreakpointHook::Custom(std::rc::Rc::new(
        |args: &[Value]| {
            if args.is_empty() {
                Err(HostError::new("ValueError", "give me something"))
            } else {
                Ok(Value::Int(args.len() as i64))
            }
        },
    )));
    assert_eq!(
        py.eval("breakpoint(1, 2)", None, None)
            .expect("hook")
            .as_int(),
        Some(2)
    );
    let err = py
        .eval("breakpoint()", None, None)
        .expect_err("hook raises");
    assert_eq!(err.to_string(), "ValueError: give me something");
    assert_eq!(transcript.text(), "");
    // PYTHONBREAKPOINT's values.
    assert!(matches!(
        BreakpointHook::from_env_value(Some("0")),
        Ok(BreakpointHook::Disabled)
    ));
    assert!(matches!(
        BreakpointHook::from_env_value(None),
        Ok(BreakpointHook::Debugger)
    ));
    assert!(matches!(
        BreakpointHook::from_env_value(Some("ipdb.set_trace")),
        Ok(BreakpointHook::Debugger)
    ));
    assert_eq!(
        BreakpointHook::from_env_value(Some("x.y")).err().as_deref(),
        Some("x.y")
    );
}

#[test]
fn breakpoint_without_a_debugger_does_nothing() {
    let mut py = Interpreter::new_captured();
    py.exec(
        "breakpoint()\nimport pdb\npdb.set_trace()\nprint('ran')",
        None,
        None,
    )
    .expect("runs");
    assert_eq!(py.take_output(), "ran\n");
}

#[test]
fn host_breakpoints_stop_only_where_set_and_when_true() {
    let src = "def f(n):\n    m = n * 2\n    return m\n\nfor i in range(5):\n    f(i)\n";
    let console = ScriptedConsole::new(["p n", "c", "p n", "c"]);
    let transcript = console.transcript();
    let dbg = Debugger::new(console).with_style(Style::Pdb);
    let mut py = Interpreter::with_output(Box::new(transcript.clone()));
    dbg.attach(&mut py);
    dbg.add_breakpoint(&mut py, "prog.py", 2, Some("n % 2 == 1"))
        .expect("valid");
    py.run_file("prog.py", src).expect("runs");
    assert_eq!(
        transcript.text(),
        "> prog.py(2)f()\n-> m = n * 2\n(Pdb) 1\n(Pdb) > prog.py(2)f()\n-> m = n * 2\n(Pdb) 3\n(Pdb) "
    );
    assert!(matches!(
        dbg.add_breakpoint(&mut py, "prog.py", 0, None),
        Err(Error::Argument(_))
    ));
}

#[test]
fn help_lists_the_commands_and_explains_one() {
    let (t, _) = session(
        "prog.py",
        PROG,
        "h\nh n\nh nosuch\nh exec\nh pdb\nc\n",
        Style::Pdb,
        false,
    );
    assert!(
        t.contains(
            "\nDocumented commands (type help <topic>):\n========================================\n"
        ),
        "{t}"
    );
    assert!(
        t.contains("n(ext)\n        Run until the next line of the current function"),
        "{t}"
    );
    assert!(t.contains("*** No help for 'nosuch'\n"), "{t}");
    assert!(
        t.contains("\nMiscellaneous help topics:\n==========================\nexec  pdb\n\n"),
        "{t}"
    );
    assert!(
        t.contains("(!) statement\n        Run the statement"),
        "{t}"
    );
    assert!(t.contains("\nThe evalx debugger"), "{t}");
}

#[test]
fn pp_lays_out_long_containers_and_errors_use_pdbs_stars() {
    let src = "d = {'b': list(range(30)), 'a': 1}\nbreakpoint()\npass\n";
    let (t, _) = session("prog.py", src, "pp d\np 1/0\np (\nc\n", Style::Pdb, false);
    assert!(t.contains("{'a': 1,\n 'b': [0,\n       1,\n"), "{t}");
    assert!(
        t.contains("*** ZeroDivisionError: division by zero\n"),
        "{t}"
    );
    assert!(t.contains("*** SyntaxError: "), "{t}");
}

#[test]
fn post_mortem_needs_a_recorded_exception() {
    let dbg = Debugger::new(ScriptedConsole::new(["c"]));
    let mut py = Interpreter::new_captured();
    dbg.attach(&mut py);
    assert!(matches!(dbg.post_mortem(&mut py), Err(Error::Argument(_))));
}

/// Runs the `evalx` binary with `args` in a folder holding `prog.py`, commands on stdin (not a terminal, so
/// the debugger reads them as pdb reads a pipe); returns (stdout, stderr, exit code).
fn cli(
    src: &str,
    args: &[&str],
    stdin: &str,
    env: &[(&str, &str)],
) -> (String, String, Option<i32>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("prog.py"), src).expect("write the program");
    cli_in(dir.path(), args, stdin, env)
}

/// Runs the `evalx` binary with `args` in `dir`, `stdin` piped in; returns (stdout, stderr, exit code).
/// Killed after a minute, so a session that waits forever fails instead of hanging.
fn cli_in(
    dir: &Path,
    args: &[&str],
    stdin: &str,
    env: &[(&str, &str)],
) -> (String, String, Option<i32>) {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_evalx"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("PYTHONBREAKPOINT")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("evalx starts");
    // A program that never stops may exit before reading its input: a broken pipe is no error then.
    let _ = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes());
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if rx.recv_timeout(std::time::Duration::from_secs(60)).is_err() {
            let pid = nix::unistd::Pid::from_raw(i32::try_from(pid).unwrap_or(i32::MAX));
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        }
    });
    let out = child.wait_with_output().expect("evalx ends");
    let _ = tx.send(());
    let _ = watchdog.join();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn cli_pdb_flag_enters_post_mortem_at_the_raising_frame() {
    let src = "def f(d):\n    return d['k']\n\nf({})\n";
    let (out, err, code) = cli(src, &["--pdb", "prog.py"], "c\nw\np d\nq\n", &[]);
    // As `python -m pdb`: leaving post-mortem restarts the program; the end of the input then quits.
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(err.ends_with("KeyError: 'k'\n"), "{err}");
    assert!(err.contains("File \"prog.py\", line 2, in f"), "{err}");
    assert_eq!(
        out,
        "> prog.py(1)<module>()\n----> 1 def f(d):\n      2     return d['k']\n      3 \n\n\
         ipdb> Uncaught exception. Entering post mortem debugging\n\
         Running 'cont' or 'step' will restart the program\n\
         > prog.py(2)f()\n      1 def f(d):\n----> 2     return d['k']\n      3 \n\n\
         ipdb>   prog.py(4)<module>()\n      2     return d['k']\n      3 \n----> 4 f({})\n\n\
         > prog.py(2)f()\n      1 def f(d):\n----> 2     return d['k']\n      3 \n\nipdb> {}\nipdb> \
         Post mortem debugger finished. The prog.py will be restarted\n\
         > prog.py(1)<module>()\n----> 1 def f(d):\n      2     return d['k']\n      3 \n\nipdb> \n"
    );
}

#[test]
fn cli_breakpoint_follows_pythonbreakpoint() {
    let src = "x = 5\nbreakpoint()\nprint(x * 2)\n";
    let (out, _, code) = cli(src, &["prog.py"], "p x\nc\n", &[]);
    assert_eq!(code, Some(0));
    assert!(out.contains("ipdb> 5\nipdb> 10\n"), "{out}");
    let (out, err, code) = cli(src, &["prog.py"], "p x\nc\n", &[("PYTHONBREAKPOINT", "0")]);
    assert_eq!((out.as_str(), err.as_str(), code), ("10\n", "", Some(0)));
    let (out, err, code) = cli(src, &["prog.py"], "", &[("PYTHONBREAKPOINT", "mod.hook")]);
    assert_eq!((out.as_str(), code), ("10\n", Some(0)));
    assert!(
        err.contains("Ignoring unimportable $PYTHONBREAKPOINT: \"mod.hook\""),
        "{err}"
    );
    // q without --pdb ends the program with an error status and says why.
    let (out, err, code) = cli(src, &["prog.py"], "q\n", &[]);
    assert_eq!(code, Some(1));
    assert!(!out.contains("10"), "{out}");
    assert!(err.contains("quit"), "{err}");
    // So does restart (pdb raises `Restart`, which only `python -m pdb` catches).
    let (out, err, code) = cli(src, &["prog.py"], "restart\n", &[]);
    assert_eq!(code, Some(1));
    assert!(!out.contains("10"), "{out}");
    assert!(err.contains("pdb.Restart"), "{err}");
}

#[test]
fn jump_leaves_loops_but_does_not_enter_blocks() {
    let src = "total = 0\nbreakpoint()\nwhile total < 100:\n    total += 1\n    if total > 50:\n        spare = 1\nprint(total)\n";
    let (t, r) = session(
        "prog.py",
        src,
        "n\nn\nj 6\nj 7\np total\nc\n",
        Style::Pdb,
        false,
    );
    r.expect("runs to the end");
    assert!(
        t.contains("*** Jump failed: evalx can jump only to a statement of the current block or of a block around it, and line 6 is inside another block\n"),
        "{t}"
    );
    // Out of the loop: the rest of it is skipped.
    assert!(
        t.contains("(Pdb) > prog.py(7)<module>()\n-> print(total)\n(Pdb) 1\n(Pdb) 1\n"),
        "{t}"
    );
}

#[test]
fn interact_writes_its_banner_to_the_error_stream() {
    let console = ScriptedConsole::new(["interact", "print(x * 2)", "nosuch"]);
    let transcript = console.transcript();
    let errors = console.errors();
    let dbg = Debugger::new(console).with_style(Style::Pdb);
    let mut py = Interpreter::with_output(Box::new(transcript.clone()));
    dbg.attach(&mut py);
    let r = py.run_file("prog.py", "x = 21\nbreakpoint()\ny = 1\n");
    assert_eq!(r, Err(Error::DebuggerQuit));
    assert!(
        transcript.text().contains("(Pdb) >>> 42\n>>> >>> (Pdb) \n"),
        "{}",
        transcript.text()
    );
    let e = errors.text();
    assert!(e.starts_with("*interactive*\n"), "{e}");
    assert!(e.contains("NameError: name 'nosuch' is not defined"), "{e}");
    assert!(e.ends_with("now exiting InteractiveConsole...\n"), "{e}");
}

#[test]
fn context_must_be_positive() {
    let dbg = Debugger::new(ScriptedConsole::new(Vec::<String>::new()));
    assert!(matches!(
        dbg.clone().with_context(0),
        Err(Error::Argument(_))
    ));
    assert!(dbg.with_context(7).is_ok());
}

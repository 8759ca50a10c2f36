//! The `evalx` command: run a file (`evalx FILE.py [args]`), a string (`evalx -c CODE`), or an interactive
//! REPL when called bare. Output, tracebacks and exit codes follow `python3`. `breakpoint()` opens the
//! ipdb-style debugger on the terminal (`PYTHONBREAKPOINT=0` disables it), and `--pdb` runs the program
//! under the debugger from its first line, as `python -m pdb` does, with post-mortem debugging at the
//! frame that raised an uncaught exception. Programs import the standard library and module files from the
//! script's folder (as CPython's `sys.path[0]`; `-P` withholds it) and from each `--path DIR`; nothing else
//! on disk is read (`--deny-module`, `--only-module` narrow the standard library).

use clap::Parser;

// Counts the bytes each thread holds, so that `--max-memory` bounds a program's total live allocation.
#[global_allocator]
static ALLOC: evalx::alloc::CountingAllocator = evalx::alloc::CountingAllocator;
use evalx::debugger::{BreakpointHook, Debugger, StdioConsole, Style, TerminalConsole};
use evalx::{Error, Interpreter, ModulePolicy, Value};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::rc::Rc;

/// A Python-subset interpreter with CPython 3.11 semantics.
#[derive(Debug, Parser)]
#[command(name = "evalx", version, about)]
struct Cli {
    /// Program passed in as a string (terminates the option list, like python's -c).
    #[arg(short = 'c', value_name = "CODE", allow_hyphen_values = true)]
    code: Option<String>,
    /// Run the program under the debugger: stop before its first line, and enter post-mortem debugging
    /// at the frame that raised an uncaught exception (like `python -m pdb`).
    #[arg(long)]
    pdb: bool,
    /// How the debugger looks: `ipdb` (the default: `ipdb> ` prompt, context lines at each stop) or `pdb`
    /// (CPython's `(Pdb) ` prompt and one `-> line`).
    #[arg(long, value_name = "STYLE", default_value = "ipdb", value_parser = ["ipdb", "pdb"])]
    style: String,
    /// Stop the program after this many seconds of wall-clock time (fractions allowed).
    #[arg(long, value_name = "SECONDS")]
    max_time: Option<f64>,
    /// Bytes the program may hold alive, all objects together (`MemoryError` beyond); `k`, `M`, `G` suffixes.
    #[arg(long, value_name = "BYTES", value_parser = parse_size)]
    max_memory: Option<usize>,
    /// Instruction budget: loop iterations, calls and the work inside builtins and long operations.
    #[arg(long, value_name = "N")]
    max_instructions: Option<u64>,
    /// Bytes of output the program may print; `k`, `M`, `G` suffixes.
    #[arg(long, value_name = "BYTES", value_parser = parse_size)]
    max_output: Option<usize>,
    /// The longest str/list/bytes (and the most bits of an int) a program may create.
    #[arg(long, value_name = "N", value_parser = parse_size)]
    max_len: Option<usize>,
    /// The deepest recursion, which `sys.setrecursionlimit` cannot raise (without it: CPython's 1000 to
    /// start, raised as far as a program asks, until the interpreter's stack runs out).
    #[arg(long, value_name = "N")]
    max_recursion: Option<usize>,
    /// Grant a folder module files may be imported from (repeatable; searched in order, after the script's
    /// folder), like an entry of PYTHONPATH.
    #[arg(long = "path", value_name = "DIR")]
    paths: Vec<std::path::PathBuf>,
    /// Don't grant the script's folder (the current folder for -c, stdin and the REPL), as python's -P.
    #[arg(short = 'P')]
    no_script_dir: bool,
    /// Refuse a module and its submodules (repeatable): importing it raises ImportError.
    #[arg(long = "deny-module", value_name = "NAME")]
    deny_modules: Vec<String>,
    /// Allow only these standard-library modules (repeatable); granted folders stay importable.
    #[arg(long = "only-module", value_name = "NAME")]
    only_modules: Vec<String>,
    /// Mount a host folder for the program's files (repeatable): `GUEST=HOST`, with `:ro` (read-only),
    /// `:rw` (read-write, the default) or `:overlay` (reads the folder, keeps writes in memory). Any --mount
    /// replaces the default grant of the current folder.
    #[arg(long = "mount", value_name = "GUEST=HOST[:ro|rw|overlay]")]
    mounts: Vec<String>,
    /// No files at all: open(), os and pathlib see nothing (by default the current folder is mounted
    /// read-write at its real path).
    #[arg(long)]
    no_files: bool,
    /// Bytes the program may add to its writable mounts (`k`, `M`, `G` suffixes; default 64M).
    #[arg(long, value_name = "BYTES", value_parser = parse_size)]
    file_quota: Option<usize>,
    /// Give the program the real environment variables as os.environ (empty otherwise).
    #[arg(long)]
    env: bool,
    /// Seed `random` with this number when it is imported (the program may still reseed it).
    #[arg(long, value_name = "N")]
    random_seed: Option<u64>,
    /// The script to run (`-` reads the program from stdin).
    file: Option<String>,
    /// Arguments for the script (its `sys.argv[1:]`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// A byte count: digits with an optional `k`, `M` or `G` (powers of 1024).
fn parse_size(s: &str) -> Result<usize, String> {
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1usize << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("'{s}' is not a size (digits, optionally followed by k, M or G)"))
}

/// What the command line sets up for each interpreter: its limits and its module policy.
#[derive(Debug)]
struct Setup {
    limits: evalx::Limits,
    policy: ModulePolicy,
}

impl Setup {
    fn interpreter(&self) -> Interpreter {
        let mut py = Interpreter::new();
        py.set_limits(self.limits.clone());
        py.set_module_policy(self.policy.clone());
        py
    }
}

/// The module policy the command line asks for: the script's folder first (or the current folder for -c,
/// stdin and the REPL) unless -P, then each --path; --only-module and --deny-module lists.
fn policy_of(cli: &Cli) -> Result<ModulePolicy, String> {
    let mut policy = if cli.only_modules.is_empty() {
        ModulePolicy::standard()
    } else {
        ModulePolicy::only(cli.only_modules.iter().cloned())
    };
    if !cli.no_script_dir {
        let script_dir = match (&cli.code, &cli.file) {
            (None, Some(f)) if f != "-" => std::path::Path::new(f)
                .parent()
                .map(|p| {
                    if p.as_os_str().is_empty() {
                        std::path::PathBuf::from(".")
                    } else {
                        p.to_path_buf()
                    }
                })
                .unwrap_or_else(|| ".".into()),
            _ => ".".into(),
        };
        // Absolute, as CPython's sys.path[0] (module files then show absolute `__file__`s).
        policy = policy.with_path(std::path::absolute(&script_dir).unwrap_or(script_dir));
    }
    for p in &cli.paths {
        policy = policy.with_path(p.clone());
    }
    for m in &cli.deny_modules {
        policy = policy.deny(m.clone());
    }
    policy = mounts_of(cli, policy)?;
    if cli.env {
        policy = policy.env(std::env::vars());
    }
    if let Some(seed) = cli.random_seed {
        policy = policy.random_seed(seed);
    }
    Ok(policy)
}

/// The files the program sees: each --mount, or else the current folder read-write at its real path (and
/// as the program's working directory), or nothing with --no-files.
fn mounts_of(cli: &Cli, mut policy: ModulePolicy) -> Result<ModulePolicy, String> {
    use evalx::vfs::MountMode;
    if let Some(q) = cli.file_quota {
        policy = policy.file_quota(q as u64);
    }
    if cli.no_files {
        return Ok(policy);
    }
    if cli.mounts.is_empty() {
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .map_err(|e| format!("the current folder cannot be mounted: {e}"))?;
        let guest = cwd.to_string_lossy().into_owned();
        return policy
            .mount(&guest, &cwd, MountMode::ReadWrite)
            .map_err(|e| e.to_string());
    }
    for m in &cli.mounts {
        let Some((guest, host)) = m.split_once('=') else {
            return Err(format!(
                "--mount '{m}': expected GUEST=HOST[:ro|rw|overlay]"
            ));
        };
        let (host, mode) = match host.rsplit_once(':') {
            Some((h, "ro")) => (h, MountMode::ReadOnly),
            Some((h, "rw")) => (h, MountMode::ReadWrite),
            Some((h, "overlay")) => (h, MountMode::Overlay),
            _ => (host, MountMode::ReadWrite),
        };
        policy = policy
            .mount(guest, host, mode)
            .map_err(|e| format!("--mount '{m}': {e}"))?;
    }
    Ok(policy)
}

/// The limits the command line asks for (the deadline counts from now).
fn limits_of(cli: &Cli) -> Result<evalx::Limits, String> {
    let deadline = match cli.max_time {
        Some(t) if t.is_finite() && t >= 0.0 => {
            Some(std::time::Instant::now() + std::time::Duration::from_secs_f64(t.min(1e9)))
        }
        Some(t) => return Err(format!("--max-time {t}: not a number of seconds")),
        None => None,
    };
    Ok(evalx::Limits {
        recursion: cli.max_recursion.unwrap_or(1000),
        recursion_cap: cli.max_recursion,
        instructions: cli.max_instructions,
        max_len: cli.max_len,
        deadline,
        max_memory: cli.max_memory,
        max_output: cli.max_output,
    })
}

fn exit_for(err: &Error) -> ExitCode {
    if let Error::Exception(e) = err {
        if e.type_name == "SystemExit" {
            let msg = e.message.trim();
            // `sys.exit(False)`/`sys.exit(True)` (unittest.main's status) are the ints 0 and 1.
            if msg.is_empty() || msg == "None" || msg == "False" {
                return ExitCode::from(0);
            }
            if msg == "True" {
                return ExitCode::from(1);
            }
            if let Ok(n) = msg.parse::<i64>() {
                return ExitCode::from((n & 0xff) as u8);
            }
            eprintln!("{msg}");
            return ExitCode::from(1);
        }
    }
    eprint!("{}", err.render());
    ExitCode::from(1)
}

/// The debugger every run has: the terminal when stdin is one (line editing, history), plain stdin and
/// stdout otherwise (commands from a pipe, as pdb reads them); `breakpoint()` as `PYTHONBREAKPOINT` says.
fn attach_debugger(py: &mut Interpreter) -> Debugger {
    let dbg = if std::io::stdin().is_terminal() {
        Debugger::new(TerminalConsole::new())
    } else {
        Debugger::new(StdioConsole)
    };
    let dbg = dbg.with_style(STYLE.get());
    // ipdb's IPDB_CONTEXT_SIZE: the lines shown around the current one.
    let dbg = match std::env::var("IPDB_CONTEXT_SIZE") {
        Ok(v) => match v
            .trim()
            .parse::<usize>()
            .map(|n| dbg.clone().with_context(n))
        {
            Ok(Ok(d)) => d,
            _ => {
                eprintln!("evalx: IPDB_CONTEXT_SIZE={v:?}: Context must be a positive integer");
                dbg
            }
        },
        Err(_) => dbg,
    };
    let env = std::env::var("PYTHONBREAKPOINT").ok();
    match BreakpointHook::from_env_value(env.as_deref()) {
        Ok(hook) => dbg.set_breakpoint_hook(hook),
        Err(name) => {
            // CPython warns (once per place) and ignores breakpoint(); evalx can import no hook module.
            let warned = std::cell::Cell::new(false);
            dbg.set_breakpoint_hook(BreakpointHook::Custom(Rc::new(move |_args: &[Value]| {
                if !warned.replace(true) {
                    eprintln!(
                        "RuntimeWarning: Ignoring unimportable $PYTHONBREAKPOINT: \"{name}\""
                    );
                }
                Ok(Value::None)
            })));
        }
    }
    // `import pdb`/`import ipdb` makes the debugger keep the frames exceptions unwind (for post_mortem());
    // `--pdb` and the REPL keep them from the start.
    dbg.attach(py);
    dbg
}

/// Runs the program read from stdin (`evalx -` or piped into a bare `evalx`), with `argv0` as
/// `sys.argv[0]` as python sets it; `--pdb` is refused, since stdin would also hold the debugger's commands.
fn run_stdin(argv0: &str, pdb: bool, setup: &Setup) -> ExitCode {
    let mut src = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut src) {
        eprintln!("evalx: cannot read stdin: {e}");
        return ExitCode::from(2);
    }
    if pdb {
        eprintln!(
            "evalx: --pdb needs the program in a file or -c: stdin holds the debugger's commands"
        );
        return ExitCode::from(2);
    }
    run_program("<stdin>", &src, vec![argv0.to_string()], false, setup)
}

fn run_program(name: &str, src: &str, argv: Vec<String>, pdb: bool, setup: &Setup) -> ExitCode {
    if pdb {
        return run_under_pdb(name, src, argv, setup);
    }
    let mut py = setup.interpreter();
    set_argv(&mut py, &argv);
    if name != "<stdin>" {
        // `input()` reads the terminal (or whatever stdin is); a program read from stdin has used it up.
        py.set_stdin(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    let dbg = attach_debugger(&mut py);
    let r = py.run_file(name, src);
    let _ = std::io::stdout().flush();
    let code = match r {
        Ok(()) => ExitCode::SUCCESS,
        // `run`/`restart` outside `--pdb`: nothing can run the program again (pdb raises `Restart`).
        Err(Error::DebuggerQuit) if dbg.take_restart().is_some() => {
            eprintln!("pdb.Restart: the program can only be restarted under evalx --pdb");
            ExitCode::from(1)
        }
        Err(e) => exit_for(&e),
    };
    // After the traceback, as CPython: the exit's finalizers (`__del__` of what `__main__` still holds).
    py.shutdown();
    let _ = std::io::stdout().flush();
    code
}

fn set_argv(py: &mut Interpreter, argv: &[String]) {
    py.set_argv(argv);
}

/// `python -m pdb`'s main loop: stop before the first line; run again when the program ends, exits, fails
/// (after post-mortem debugging) or the user types `run`/`restart`; leave on `q` (or the end of input).
/// Breakpoints and the other debugger settings live on across runs.
fn run_under_pdb(name: &str, src: &str, mut argv: Vec<String>, setup: &Setup) -> ExitCode {
    let mut dbg: Option<Debugger> = None;
    loop {
        let mut py = setup.interpreter();
        set_argv(&mut py, &argv);
        let d = match &dbg {
            Some(d) => {
                d.attach(&mut py);
                d.clone()
            }
            None => attach_debugger(&mut py),
        };
        dbg = Some(d.clone());
        d.capture_post_mortem(true);
        d.set_step(&mut py);
        let r = py.run_file(name, src);
        let _ = std::io::stdout().flush();
        match r {
            Ok(()) => println!("The program finished and will be restarted"),
            Err(Error::DebuggerQuit) => match d.take_restart() {
                Some(restart) => {
                    if let Some(args) = restart.args {
                        argv.truncate(1);
                        argv.extend(args);
                    }
                    println!("Restarting {name} with arguments:");
                    println!("\t{}", argv[1..].join(" "));
                }
                None => return ExitCode::SUCCESS,
            },
            Err(Error::Exception(e)) if e.type_name == "SystemExit" => {
                println!(
                    "The program exited via sys.exit(). Exit status: {}",
                    e.message
                );
            }
            Err(e @ Error::Exception(_)) => {
                eprint!("{}", e.render());
                println!("Uncaught exception. Entering post mortem debugging");
                println!("Running 'cont' or 'step' will restart the program");
                let _ = d.post_mortem(&mut py);
                if let Some(restart) = d.take_restart() {
                    if let Some(args) = restart.args {
                        argv.truncate(1);
                        argv.extend(args);
                    }
                }
                println!("Post mortem debugger finished. The {name} will be restarted");
            }
            Err(e) => return exit_for(&e),
        }
        let _ = std::io::stdout().flush();
    }
}

fn repl(setup: &Setup) -> ExitCode {
    let mut py = setup.interpreter();
    let dbg = attach_debugger(&mut py);
    dbg.capture_post_mortem(true);
    evalx::describe::enable_interactive_help(true);
    println!(
        "evalx {} (a Python 3.11 subset)\nType Ctrl-D to exit.",
        env!("CARGO_PKG_VERSION")
    );
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("evalx: cannot start the line editor: {e}");
            return ExitCode::from(1);
        }
    };
    let mut buf = String::new();
    loop {
        let prompt = if buf.is_empty() { ">>> " } else { "... " };
        let line = match rl.readline(prompt) {
            Ok(l) => l,
            Err(rustyline::error::ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                buf.clear();
                continue;
            }
            Err(_) => break,
        };
        let _ = rl.add_history_entry(line.as_str());
        if !buf.is_empty() {
            buf.push('\n');
        }
        buf.push_str(&line);
        // A block continues until an empty line; a single line is complete unless it opens a block or a bracket.
        let needs_more = evalx::is_incomplete(&buf);
        if needs_more {
            continue;
        }
        let src = std::mem::take(&mut buf);
        if src.trim().is_empty() {
            continue;
        }
        if let Err(e) = py.run_interactive(&src) {
            if let Error::Exception(x) = &e {
                if x.type_name == "SystemExit" {
                    return exit_for(&e);
                }
            }
            // What `sys.last_traceback` keeps: pdb.pm() debugs it.
            dbg.record_uncaught();
            let _ = std::io::stdout().flush();
            eprint!("{}", e.render());
        }
    }
    ExitCode::SUCCESS
}

thread_local! {
    /// The `--style` chosen.
    static STYLE: std::cell::Cell<Style> = const { std::cell::Cell::new(Style::Ipdb) };
}

/// Splits the command line as python does: everything after the script (or after `-c CODE`) belongs to
/// the program, even `-h` or `--version`, which clap would otherwise answer itself (`evalx tool.py -h`
/// must print the program's argparse help).
fn split_argv(argv: Vec<String>) -> (Vec<String>, Vec<String>) {
    use clap::CommandFactory;
    // The options that take a value, from clap's own description of the command line (so a new option
    // needs no second list here).
    let mut with_value: Vec<String> = Vec::new();
    for arg in Cli::command().get_arguments() {
        if arg.is_positional() || !arg.get_action().takes_values() {
            continue;
        }
        with_value.extend(arg.get_long().map(|l| format!("--{l}")));
        with_value.extend(arg.get_short().map(|c| format!("-{c}")));
    }
    with_value.retain(|o| o != "-c");
    let mut i = 1;
    while i < argv.len() {
        let a = argv[i].as_str();
        let end = if a == "-c" {
            (i + 2).min(argv.len())
        } else if with_value.iter().any(|o| o == a) {
            i += 2;
            continue;
        } else if a.starts_with('-') && a != "-" {
            i += 1;
            continue;
        } else {
            i + 1
        };
        let mut head = argv;
        let rest = head.split_off(end);
        return (head, rest);
    }
    (argv, Vec::new())
}

fn main() -> ExitCode {
    let (head, rest) = split_argv(std::env::args().collect());
    let mut cli = Cli::parse_from(head);
    cli.args.extend(rest);
    STYLE.set(if cli.style == "pdb" {
        Style::Pdb
    } else {
        Style::Ipdb
    });
    let limits = match limits_of(&cli) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("evalx: {e}");
            return ExitCode::from(2);
        }
    };
    let policy = match policy_of(&cli) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("evalx: {e}");
            return ExitCode::from(2);
        }
    };
    let setup = Setup { limits, policy };
    if let Some(code) = cli.code {
        let mut argv = vec!["-c".to_string()];
        argv.extend(cli.file.into_iter().chain(cli.args));
        return run_program("<string>", &code, argv, cli.pdb, &setup);
    }
    match cli.file {
        Some(f) if f == "-" => run_stdin("-", cli.pdb, &setup),
        Some(f) => match std::fs::read(&f) {
            Ok(bytes) => {
                let src = match source_text(&f, &bytes) {
                    Ok(s) => s,
                    Err(msg) => {
                        eprintln!("SyntaxError: {msg}");
                        return ExitCode::from(1);
                    }
                };
                let mut argv = vec![f.clone()];
                argv.extend(cli.args);
                // CPython runs a script under its absolute path (`__file__`, tracebacks), argv[0] as given;
                // the debugger keeps the name as given in its listings.
                let name = match std::path::absolute(&f) {
                    Ok(p) if !cli.pdb => p.display().to_string(),
                    _ => f.clone(),
                };
                run_program(&name, &src, argv, cli.pdb, &setup)
            }
            Err(e) => {
                let abs = std::path::absolute(&f)
                    .map(|p| p.display().to_string())
                    .unwrap_or(f.clone());
                eprintln!(
                    "evalx: can't open file '{abs}': [Errno {}] {}",
                    e.raw_os_error().unwrap_or(2),
                    describe(&e)
                );
                ExitCode::from(2)
            }
        },
        None => {
            if std::io::stdin().is_terminal() {
                repl(&setup)
            } else {
                run_stdin("", cli.pdb, &setup)
            }
        }
    }
}

/// A script's text as python reads a file: UTF-8 with an optional byte-order mark; anything else is
/// CPython's "Non-UTF-8 code" error.
fn source_text(file: &str, bytes: &[u8]) -> Result<String, String> {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + body[..at].iter().filter(|&&b| b == b'\n').count();
            Err(format!(
                "Non-UTF-8 code starting with '\\x{:02x}' in file {file} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                body[at]
            ))
        }
    }
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

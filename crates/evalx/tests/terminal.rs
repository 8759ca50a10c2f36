//! The debugger on a real terminal: the `evalx` binary runs on a pseudo-terminal (made with nix's
//! `openpty`, so no tmux or other system package is needed), a vt100 parser keeps the screen the user
//! would see, and the test types commands at the `ipdb> ` prompt (through rustyline's line editor, as a
//! user does) and reads the screen back.

// A build without debugger support (`--features untraced`, for benchmarks only) never stops.
#![cfg(not(feature = "untraced"))]

use nix::pty::{Winsize, openpty};
use std::fs::File;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long any one expected text may take to appear (generous: a loaded CI machine; normally instant).
const PATIENCE: Duration = Duration::from_secs(30);

struct Terminal {
    master: File,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
    child: Child,
    /// Every byte the program wrote, escape sequences included.
    raw: Vec<u8>,
}

impl Terminal {
    fn spawn(args: &[&str], dir: &std::path::Path) -> Terminal {
        Terminal::spawn_env(args, dir, &[])
    }

    fn spawn_env(args: &[&str], dir: &std::path::Path, env: &[(&str, &str)]) -> Terminal {
        let size = Winsize {
            ws_row: 40,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(Some(&size), None).expect("a pseudo-terminal");
        let child = {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_evalx"));
            cmd.args(args)
                .current_dir(dir)
                .env("TERM", "xterm")
                .env_remove("PYTHONBREAKPOINT")
                .env_remove("NO_COLOR")
                .envs(env.iter().copied())
                .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
                .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
                .stderr(Stdio::from(pty.slave));
            cmd.spawn().expect("evalx starts")
        };
        let master = File::from(pty.master);
        let mut reader = master.try_clone().expect("dup");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Terminal {
            master,
            output: rx,
            screen: vt100::Parser::new(40, 100, 0),
            child,
            raw: Vec::new(),
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Waits until the screen shows `text` `times` times; returns the screen.
    fn wait_for(&mut self, text: &str, times: usize) -> String {
        let deadline = Instant::now() + PATIENCE;
        while self.contents().matches(text).count() < times {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => {
                    self.screen.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => panic!(
                    "the screen never showed {text:?} {times} time(s); it shows:\n{}",
                    self.contents()
                ),
            }
        }
        self.contents()
    }

    fn type_line(&mut self, line: &str) {
        self.master
            .write_all(format!("{line}\r").as_bytes())
            .expect("typing reaches the terminal");
    }

    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait works") {
                return status.code();
            }
            // Keep draining the output so the child never blocks on a full terminal.
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.screen.process(&bytes);
            }
            assert!(
                Instant::now() < deadline,
                "evalx did not exit:\n{}",
                self.contents()
            );
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const PROG: &str = "def add(a, b):\n    c = a + b\n    return c\n\n\ndef main():\n    x = 1\n    breakpoint()\n    y = add(x, 2)\n    print('y is', y)\n\n\nmain()\n";

#[test]
fn breakpoint_opens_ipdb_on_the_terminal_and_runs_commands() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("prog.py"), PROG).expect("write the program");
    let mut t = Terminal::spawn(&["prog.py"], dir.path());
    // The script runs under its absolute path, as CPython's (pdb shows `__file__`).
    let p = dir.path().join("prog.py").display().to_string();

    let screen = t.wait_for("ipdb> ", 1);
    assert!(screen.contains(&format!("> {p}(9)main()")), "{screen}");
    assert!(screen.contains("----> 9     y = add(x, 2)"), "{screen}");
    assert!(screen.contains("      8     breakpoint()"), "{screen}");

    t.type_line("s");
    let screen = t.wait_for("ipdb> ", 2);
    assert!(
        screen.contains(&format!("--Call--\n> {p}(1)add()")),
        "{screen}"
    );

    t.type_line("w");
    let screen = t.wait_for("ipdb> ", 3);
    assert!(
        screen.contains(&format!("  {p}(13)<module>()\n     11 \n     12 \n---> 13 main()\n\n  {p}(9)main()\n      8     breakpoint()\n----> 9     y = add(x, 2)\n     10     print('y is', y)\n\n> {p}(1)add()")),
        "{screen}"
    );

    t.type_line("u");
    t.wait_for("ipdb> ", 4);
    t.type_line("p x + 41");
    let screen = t.wait_for("\n42\n", 1);
    assert!(
        screen.contains("ipdb> p x + 41"),
        "typed commands are echoed: {screen}"
    );

    t.type_line("c");
    t.wait_for("y is 3", 1);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn pdb_flag_starts_at_the_first_line_and_q_leaves() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("prog.py"), "x = 1\nprint(x)\n").expect("write the program");
    let mut t = Terminal::spawn(&["--pdb", "prog.py"], dir.path());
    let screen = t.wait_for("ipdb> ", 1);
    assert!(
        screen.contains("> prog.py(1)<module>()\n----> 1 x = 1"),
        "{screen}"
    );
    t.type_line("q");
    assert_eq!(t.exit_code(), Some(0));
    let screen = t.contents();
    assert!(
        !screen.lines().any(|l| l.trim() == "1"),
        "q stops the program before print(x): {screen}"
    );
}

impl Terminal {
    /// Sends SIGINT (what Ctrl-C makes the terminal send) until the screen shows `text` `times` times. A
    /// signal that arrives before the debugger has resumed the program would be taken by the line editor,
    /// so one that shows nothing within a moment is sent again.
    fn interrupt_until(&mut self, text: &str, times: usize) -> String {
        use nix::sys::signal::{Signal, kill};
        use nix::unistd::Pid;
        let deadline = Instant::now() + PATIENCE;
        let pid = Pid::from_raw(i32::try_from(self.child.id()).expect("a pid"));
        loop {
            kill(pid, Signal::SIGINT).expect("SIGINT is sent");
            let retry = Instant::now() + Duration::from_secs(2);
            while Instant::now() < retry {
                if self.contents().matches(text).count() >= times {
                    return self.contents();
                }
                if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                    self.screen.process(&bytes);
                }
            }
            assert!(
                Instant::now() < deadline,
                "Ctrl-C never showed {text:?}:\n{}",
                self.contents()
            );
        }
    }
}

#[test]
fn ctrl_c_during_continue_stops_the_program_every_time() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("prog.py"),
        "i = 0\nbreakpoint()\nwhile True:\n    i += 1\n",
    )
    .expect("write the program");
    let mut t = Terminal::spawn(&["prog.py"], dir.path());
    let p = dir.path().join("prog.py").display().to_string();
    t.wait_for("ipdb> ", 1);
    for round in 1..=2 {
        t.type_line("c");
        // The prompt has been answered: the program runs (the typed `c` is echoed).
        t.wait_for("ipdb> c", round);
        let screen = t.interrupt_until("Program interrupted. (Use 'cont' to resume).", round);
        let screen = if screen.matches("ipdb> ").count() > round {
            screen
        } else {
            t.wait_for("ipdb> ", round + 1)
        };
        assert!(
            screen.contains(&format!(
                "Program interrupted. (Use 'cont' to resume).\n> {p}("
            )),
            "{screen}"
        );
        t.type_line("p i > 0");
        t.wait_for("True\n", round);
    }
    t.type_line("q");
    assert_eq!(t.exit_code(), Some(1));
}

#[test]
fn tab_completes_commands_names_and_attributes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("prog.py"),
        "class Box:\n    def __init__(self):\n        self.long_attribute = 7\n\n\nvalue_one = 41\nb = Box()\nbreakpoint()\nx = 1\n",
    )
    .expect("write the program");
    let mut t = Terminal::spawn(&["prog.py"], dir.path());
    t.wait_for("ipdb> ", 1);
    // A name of the frame.
    t.master.write_all(b"p value_o\t").expect("type");
    t.wait_for("p value_one", 1);
    t.type_line("");
    t.wait_for("\n41\n", 1);
    // An attribute, after a dot.
    t.master.write_all(b"p b.long_a\t").expect("type");
    t.wait_for("p b.long_attribute", 1);
    t.type_line("");
    t.wait_for("\n7\n", 1);
    // A command.
    t.master.write_all(b"disa\t").expect("type");
    t.wait_for("ipdb> disable", 1);
    t.type_line("");
    t.wait_for("ipdb> ", 4);
    t.type_line("c");
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn source_is_coloured_on_a_terminal_unless_no_color() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("prog.py"),
        "x = 1\nbreakpoint()\ny = x + 2\n",
    )
    .expect("write the program");
    let green_keyword_or_number = |raw: &[u8]| {
        let text = String::from_utf8_lossy(raw);
        text.contains("\x1b[0;36m2\x1b[0m") && text.contains("\x1b[0;32m----> 3 \x1b[0m")
    };
    let mut t = Terminal::spawn(&["prog.py"], dir.path());
    t.wait_for("ipdb> ", 1);
    assert!(
        green_keyword_or_number(&t.raw),
        "{:?}",
        String::from_utf8_lossy(&t.raw)
    );
    t.type_line("c");
    assert_eq!(t.exit_code(), Some(0));

    let mut t = Terminal::spawn_env(&["prog.py"], dir.path(), &[("NO_COLOR", "1")]);
    let screen = t.wait_for("ipdb> ", 1);
    assert!(screen.contains("----> 3 y = x + 2"), "{screen}");
    assert!(
        !green_keyword_or_number(&t.raw),
        "{:?}",
        String::from_utf8_lossy(&t.raw)
    );
    assert!(
        !String::from_utf8_lossy(&t.raw).contains("\x1b[0;3"),
        "no colour codes"
    );
    t.type_line("c");
    assert_eq!(t.exit_code(), Some(0));
}

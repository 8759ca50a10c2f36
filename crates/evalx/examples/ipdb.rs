//! The seed's ipdb section, run by evalx: a program calls `import ipdb; ipdb.set_trace()` where an error is
//! expected, and the seed's commands — `l`, `p`, `n`, `s`, `w`, `u`, `d`, `h`, `c`, and `q` in a second run —
//! are typed at the `ipdb> ` prompt. The commands come from a script here so the example runs unattended;
//! `evalx prog.py` gives the same prompt on a terminal.
//!
//! Run with `cargo run -p evalx --example ipdb`.

use evalx::debugger::{Debugger, ScriptedConsole};
use evalx::{Error, Interpreter};

const PROGRAM: &str = r#"def parse(text):
    value = int(text)
    return value * 2


def main(items):
    total = 0
    for item in items:
        try:
            total += parse(item)
        except ValueError:
            import ipdb; ipdb.set_trace()
            print("skipping", repr(item))
    return total


print("total:", main(["1", "x", "3"]))
"#;

fn session(commands: &[&str]) -> (String, Result<(), Error>) {
    let console = ScriptedConsole::new(commands.iter().copied());
    let transcript = console.transcript();
    let dbg = Debugger::new(console);
    let mut py = Interpreter::with_output(Box::new(transcript.clone()));
    dbg.attach(&mut py);
    let r = py.run_file("prog.py", PROGRAM);
    (transcript.text(), r)
}

fn main() {
    // c: continue; n: next line; s: step into; l: list; p: print; h: help; w: where; u/d: up/down.
    let (text, result) = session(&["l", "p item", "p items", "w", "u", "d", "n", "h n", "c"]);
    print!("{text}");
    println!("\n== the run ended with {result:?}\n");

    // q: quit the debugger and stop the program.
    let (text, result) = session(&["p item", "q"]);
    print!("{text}");
    println!("\n== the run ended with {result:?}");
}

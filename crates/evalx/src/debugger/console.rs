//! Where the debugger reads commands and writes what it shows: the [`Console`] trait, a scripted console for
//! tests and hosts ([`ScriptedConsole`]), plain stdin/stdout ([`StdioConsole`], what pdb does when its input
//! is a pipe) and, with the `cli` feature, a line-editing terminal (`TerminalConsole`, over rustyline, with history).

use crate::SharedBuf;
use std::collections::VecDeque;
use std::io::{BufRead, Write};

/// The debugger's input and output.
pub trait Console {
    /// Shows `prompt` and reads one command line (without its line end); `None` at the end of input, which
    /// the debugger treats as pdb does its `EOF` command: it quits.
    fn read_line(&mut self, prompt: &str) -> Option<String>;
    /// Writes text exactly as given (the debugger supplies the line ends).
    fn write(&mut self, text: &str);
    /// Whether Ctrl-C (SIGINT) during `c` should stop the program at its next line, as pdb's does: true
    /// for consoles a person types at. A scripted console leaves the process's signals alone.
    fn catches_interrupts(&self) -> bool {
        false
    }
    /// Reads a line like [`Console::read_line`], offering Tab completion: `complete(line, cursor)` gives
    /// where the word being completed starts and its candidates. The default ignores it.
    fn read_line_completing(
        &mut self,
        prompt: &str,
        complete: &mut dyn FnMut(&str, usize) -> (usize, Vec<String>),
    ) -> Option<String> {
        let _ = complete;
        self.read_line(prompt)
    }
    /// Whether ipdb's syntax colours may be used: only on a terminal, and never when `NO_COLOR` is set.
    fn colors(&self) -> bool {
        false
    }
    /// Writes what Python writes to stderr at the prompt (`interact`'s banner and tracebacks); the
    /// default writes it with the rest.
    fn write_err(&mut self, text: &str) {
        self.write(text);
    }
}

/// A console that answers prompts from a list of lines and records everything written, prompts included,
/// in a transcript — the same bytes pdb writes to a pipe, since commands read from a pipe are not echoed.
///
/// Give the interpreter the same transcript ([`ScriptedConsole::transcript`] with
/// [`crate::Interpreter::with_output`]) to interleave the program's output with the session's.
#[derive(Debug, Default)]
pub struct ScriptedConsole {
    lines: VecDeque<String>,
    out: SharedBuf,
    err: SharedBuf,
}

impl ScriptedConsole {
    /// A console that will answer with `lines`, in order.
    pub fn new<I, S>(lines: I) -> ScriptedConsole
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ScriptedConsole {
            lines: lines.into_iter().map(Into::into).collect(),
            out: SharedBuf::default(),
            err: SharedBuf::default(),
        }
    }

    /// What the session wrote to its error stream (`interact`'s banner and tracebacks), kept out of the
    /// transcript as stderr is kept out of pdb's stdout.
    pub fn errors(&self) -> SharedBuf {
        self.err.clone()
    }

    /// The transcript this console writes to (shared: clone it before handing the console over).
    pub fn transcript(&self) -> SharedBuf {
        self.out.clone()
    }
}

impl Console for ScriptedConsole {
    fn read_line(&mut self, prompt: &str) -> Option<String> {
        self.write(prompt);
        self.lines.pop_front()
    }
    fn write(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
    }
    fn write_err(&mut self, text: &str) {
        let _ = self.err.write_all(text.as_bytes());
    }
}

impl SharedBuf {
    /// The text written so far (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

/// Commands from stdin, output to stdout, no line editing: what pdb does when stdin is not a terminal.
#[derive(Debug, Default)]
pub struct StdioConsole;

impl Console for StdioConsole {
    fn read_line(&mut self, prompt: &str) -> Option<String> {
        self.write(prompt);
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end_matches(['\n', '\r']).to_string()),
        }
    }
    fn write(&mut self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
    fn catches_interrupts(&self) -> bool {
        true
    }
    fn write_err(&mut self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_console_records_prompts_and_answers_in_order() {
        let mut c = ScriptedConsole::new(["n", "p x"]);
        let t = c.transcript();
        assert_eq!(c.read_line("(Pdb) ").as_deref(), Some("n"));
        c.write("> here\n");
        assert_eq!(c.read_line("(Pdb) ").as_deref(), Some("p x"));
        assert_eq!(c.read_line("(Pdb) "), None);
        assert_eq!(t.text(), "(Pdb) > here\n(Pdb) (Pdb) ");
    }
}

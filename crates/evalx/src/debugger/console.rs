//! Where the debugger reads commands and writes what it shows: the [`Console`] trait, a scripted console for
//! tests and hosts ([`ScriptedConsole`]), plain stdin/stdout ([`StdioConsole`], what pdb does when its input
//! is a pipe) and a line-editing terminal ([`TerminalConsole`], over rustyline, with history).

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

/// A terminal with line editing and history (rustyline): arrow keys recall earlier commands. Ctrl-C
/// clears the line; Ctrl-D ends the input (the debugger then quits, as pdb does).
///
/// The line editor lives only while a prompt waits: rustyline claims SIGINT while it exists, and the
/// program the debugger resumes must get Ctrl-C back (pdb restores the signal's handler the same way).
#[derive(Debug, Default)]
pub struct TerminalConsole {
    history: Vec<String>,
    /// No line editor could be made (no terminal): plain stdin and stdout from then on.
    plain: bool,
}

impl TerminalConsole {
    /// A terminal console; without a usable terminal it falls back to plain stdin/stdout.
    pub fn new() -> TerminalConsole {
        TerminalConsole::default()
    }
}

/// Tab completion for the line editor, asking the debugger.
struct Completion<'a> {
    complete: std::cell::RefCell<&'a mut dyn FnMut(&str, usize) -> (usize, Vec<String>)>,
}

impl rustyline::completion::Completer for Completion<'_> {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok((self.complete.borrow_mut())(line, pos))
    }
}
impl rustyline::hint::Hinter for Completion<'_> {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for Completion<'_> {}
impl rustyline::validate::Validator for Completion<'_> {}
impl rustyline::Helper for Completion<'_> {}

impl TerminalConsole {
    fn read_with<H: rustyline::Helper>(
        &mut self,
        prompt: &str,
        helper: Option<H>,
    ) -> Option<String> {
        let editor = if self.plain {
            None
        } else {
            rustyline::Editor::<H, rustyline::history::DefaultHistory>::new().ok()
        };
        let Some(mut ed) = editor else {
            self.plain = true;
            return StdioConsole.read_line(prompt);
        };
        ed.set_helper(helper);
        for h in &self.history {
            let _ = ed.add_history_entry(h.as_str());
        }
        loop {
            match ed.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() && self.history.last() != Some(&line) {
                        self.history.push(line.clone());
                    }
                    return Some(line);
                }
                Err(rustyline::error::ReadlineError::Interrupted) => continue,
                Err(_) => return None,
            }
        }
    }
}

impl Console for TerminalConsole {
    fn read_line(&mut self, prompt: &str) -> Option<String> {
        self.read_with::<()>(prompt, None)
    }
    fn read_line_completing(
        &mut self,
        prompt: &str,
        complete: &mut dyn FnMut(&str, usize) -> (usize, Vec<String>),
    ) -> Option<String> {
        let helper = Completion {
            complete: std::cell::RefCell::new(complete),
        };
        self.read_with(prompt, Some(helper))
    }
    fn write(&mut self, text: &str) {
        StdioConsole.write(text);
    }
    fn catches_interrupts(&self) -> bool {
        true
    }
    fn write_err(&mut self, text: &str) {
        StdioConsole.write_err(text);
    }
    fn colors(&self) -> bool {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        !no_color && std::io::stdout().is_terminal()
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

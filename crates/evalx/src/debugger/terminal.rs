//! [`TerminalConsole`]: the debugger's line-editing terminal (rustyline), with history and tab completion.
//! Behind the `cli` feature (on by default), so a library user who never opens a terminal does not build
//! rustyline.

use super::console::{Console, StdioConsole};

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

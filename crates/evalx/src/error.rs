//! Errors: [`SyntaxError`] (with CPython's message, position and caret display) and [`Error`], what the
//! public `eval`/`exec` API returns — a syntax error, an uncaught Python exception with its traceback, or a
//! host limit that stopped the program.

use std::fmt;

/// Which syntax-error class CPython would raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a subclass of `SyntaxError`).
    Indentation,
    /// `TabError` (a subclass of `IndentationError`): tabs and spaces mixed inconsistently.
    Tab,
    /// `RecursionError`: the source nests deeper than the parser or compiler goes.
    Recursion,
}

/// A syntax error with CPython 3.11's `msg`, `lineno`, `offset` (1-based column; 0 = none) and source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_offset: u32,
    pub text: String,
    /// Raised by CPython's symbol table (`global`/`nonlocal` misuse, `duplicate argument`, `import *` in
    /// a function): the exception's `args` is then `(msg,)` alone, without the details tuple.
    pub symtable: bool,
}

impl SyntaxError {
    /// A `SyntaxError` at `lineno`/`offset` (both 1-based).
    pub fn new(
        msg: impl Into<String>,
        lineno: u32,
        offset: u32,
        end_offset: u32,
        text: String,
    ) -> Self {
        SyntaxError {
            kind: SyntaxKind::Syntax,
            msg: msg.into(),
            filename: "<string>".into(),
            lineno,
            offset,
            end_offset,
            text,
            symtable: false,
        }
    }

    /// The class name: `SyntaxError` or `IndentationError`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            SyntaxKind::Syntax => "SyntaxError",
            SyntaxKind::Indentation => "IndentationError",
            SyntaxKind::Tab => "TabError",
            SyntaxKind::Recursion => "RecursionError",
        }
    }

    /// The display that `traceback.format_exception_only` gives: file line, source line, caret, message.
    pub fn render(&self) -> String {
        let mut s = String::new();
        if self.kind == SyntaxKind::Recursion {
            return format!("{}: {}\n", self.type_name(), self.msg);
        }
        if self.lineno > 0 {
            s.push_str(&format!(
                "  File \"{}\", line {}\n",
                self.filename, self.lineno
            ));
        }
        let text = self.text.trim_end_matches(['\n', '\r']);
        if !text.is_empty() && self.lineno > 0 {
            let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
            let lead = text.chars().count() - stripped.chars().count();
            s.push_str("    ");
            s.push_str(stripped);
            s.push('\n');
            if self.offset > 0 {
                let start = (self.offset as usize)
                    .saturating_sub(1)
                    .saturating_sub(lead);
                let len = stripped.chars().count();
                let mut end = if self.end_offset > self.offset {
                    (self.end_offset as usize)
                        .saturating_sub(1)
                        .saturating_sub(lead)
                } else {
                    start + 1
                };
                if end > len + 1 {
                    end = len + 1;
                }
                let start = start.min(len);
                let width = end.saturating_sub(start).max(1);
                s.push_str("    ");
                s.push_str(&" ".repeat(start));
                s.push_str(&"^".repeat(width));
                s.push('\n');
            }
        }
        s.push_str(&format!("{}: {}\n", self.type_name(), self.msg));
        s
    }
}

impl fmt::Display for SyntaxError {
    /// `str(e)` in CPython: `msg (file, line N)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, line {})", self.msg, self.filename, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}

/// One traceback entry: where a frame was when the exception passed through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceEntry {
    pub filename: String,
    pub line: u32,
    pub func: String,
    /// The source line, when the code came from a file (CPython shows none for `<string>`).
    pub text: Option<String>,
    /// The line of `^` (and `~`) CPython 3.11 prints under `text` to point at the part that failed (PEP 657),
    /// indentation included; `None` when the failing part is the whole line or is unknown.
    pub carets: Option<String>,
}

/// An uncaught Python exception as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyException {
    /// The exception's class name, e.g. `ZeroDivisionError`.
    pub type_name: String,
    /// `str(exception)`.
    pub message: String,
    /// Oldest frame first, as CPython prints them.
    pub traceback: Vec<TraceEntry>,
    /// A "Did you mean" hint the top-level printer adds (`. Did you mean: 'print'?`), or empty.
    pub hint: String,
    /// Chained exceptions printed before this one (`__cause__`/`__context__`), rendered.
    pub chain: String,
    /// For an exception group: its sub-exceptions, printed in CPython's boxes under it.
    pub group: Option<Box<SubExceptions>>,
    /// For a `SyntaxError` (or subclass) instance: what CPython prints after the traceback in place of
    /// `type: str(e)`: `  File "f", line N`, the source line, its carets and `SyntaxError: msg`
    /// (`message` stays `str(e)`, which adds the file and line); empty for other exceptions.
    pub syntax: String,
}

/// The sub-exceptions of an uncaught exception group, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubExceptions(pub Vec<PyException>);

impl PyException {
    /// The last line of the traceback: `Type: message` (or just `Type` when the message is empty).
    pub fn summary(&self) -> String {
        if self.message.is_empty() && self.hint.is_empty() {
            self.type_name.clone()
        } else {
            format!("{}: {}{}", self.type_name, self.message, self.hint)
        }
    }

    /// The complete traceback text CPython prints to stderr.
    pub fn render(&self) -> String {
        if self.group.is_none() {
            let mut s = self.chain.clone();
            if !self.traceback.is_empty() {
                s.push_str("Traceback (most recent call last):\n");
                s.push_str(&self.stack());
            }
            if self.syntax.is_empty() {
                s.push_str(&self.summary());
            } else {
                s.push_str(&self.syntax);
            }
            s.push('\n');
            return s;
        }
        let mut out = String::new();
        self.format_group(&mut out, &mut 0, &mut false);
        out
    }

    /// The traceback entries, as CPython prints them (a run of more than three identical entries, which
    /// recursion makes, is cut short).
    fn stack(&self) -> String {
        let mut s = String::new();
        let mut repeats = 0usize;
        let mut last: Option<(&str, u32, &str)> = None;
        let cut = |s: &mut String, repeats: usize| {
            if repeats > 3 {
                let more = repeats - 3;
                let plural = if more > 1 { "s" } else { "" };
                s.push_str(&format!(
                    "  [Previous line repeated {more} more time{plural}]\n"
                ));
            }
        };
        for e in &self.traceback {
            let key = (e.filename.as_str(), e.line, e.func.as_str());
            if last != Some(key) {
                cut(&mut s, repeats);
                repeats = 0;
                last = Some(key);
            }
            repeats += 1;
            if repeats > 3 {
                continue;
            }
            s.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                e.filename, e.line, e.func
            ));
            if let Some(t) = &e.text {
                let t = t.trim();
                if !t.is_empty() {
                    s.push_str(&format!("    {t}\n"));
                    if let Some(c) = &e.carets {
                        s.push_str(c);
                        s.push('\n');
                    }
                }
            }
        }
        cut(&mut s, repeats);
        s
    }

    /// CPython 3.11's layout for exception groups: each nesting level indented two columns behind a `|`
    /// margin, each sub-exception under a `+---- N ----` rule (at most 15, then `and N more exceptions`).
    fn format_group(&self, out: &mut String, depth: &mut usize, need_close: &mut bool) {
        const MAX_WIDTH: usize = 15;
        fn emit(out: &mut String, depth: usize, margin: char, text: &str) {
            let mut ind = " ".repeat(2 * depth);
            if depth > 0 {
                ind.push(margin);
                ind.push(' ');
            }
            for line in text.split_inclusive('\n') {
                out.push_str(&ind);
                out.push_str(line);
            }
        }
        if *depth == 0 {
            out.push_str(&self.chain);
        } else {
            // The chain was rendered as a top-level text: its own group boxes (lines at depth k >= 1 begin
            // with two spaces and a margin) move down to this depth, the rest gets this depth's margin.
            for line in self.chain.split_inclusive('\n') {
                let body = line.trim_start_matches(' ');
                let lead = line.len() - body.len();
                if lead >= 2 && lead % 2 == 0 && body.starts_with(['+', '|']) {
                    out.push_str(&" ".repeat(2 * (*depth - 1)));
                    match line.strip_prefix("  + Exception Group Traceback") {
                        Some(rest) => {
                            out.push_str("  | Exception Group Traceback");
                            out.push_str(rest);
                        }
                        None => out.push_str(line),
                    }
                } else {
                    emit(out, *depth, '|', line);
                }
            }
        }
        let summary = format!("{}\n", self.summary());
        let Some(group) = &self.group else {
            if !self.traceback.is_empty() {
                emit(out, *depth, '|', "Traceback (most recent call last):\n");
                emit(out, *depth, '|', &self.stack());
            }
            emit(out, *depth, '|', &summary);
            return;
        };
        let top = *depth == 0;
        if top {
            *depth += 1;
        }
        if !self.traceback.is_empty() {
            emit(
                out,
                *depth,
                if top { '+' } else { '|' },
                "Exception Group Traceback (most recent call last):\n",
            );
            emit(out, *depth, '|', &self.stack());
        }
        emit(out, *depth, '|', &summary);
        let total = group.0.len();
        let n = total.min(MAX_WIDTH + 1);
        for i in 0..n {
            let last = i == n - 1;
            if last {
                *need_close = true;
            }
            let truncated = i >= MAX_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            out.push_str(&" ".repeat(2 * *depth));
            out.push_str(if i == 0 { "+-" } else { "  " });
            out.push_str(&format!("+---------------- {title} ----------------\n"));
            *depth += 1;
            if truncated {
                let more = total - MAX_WIDTH;
                let plural = if more > 1 { "s" } else { "" };
                emit(
                    out,
                    *depth,
                    '|',
                    &format!("and {more} more exception{plural}\n"),
                );
            } else {
                group.0[i].format_group(out, depth, need_close);
            }
            if last && *need_close {
                out.push_str(&" ".repeat(2 * *depth));
                out.push_str("+------------------------------------\n");
                *need_close = false;
            }
            *depth -= 1;
        }
        if top {
            *depth = 0;
        }
    }
}

/// Everything `eval`/`exec` can fail with.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The source did not parse (or failed a compile-time check such as `'return' outside function`).
    #[error("{}: {}", .0.type_name(), .0)]
    Syntax(SyntaxError),
    /// The program raised an exception nobody caught (boxed: an exception group carries its
    /// sub-exceptions, and `Error` stays small on the `Ok` path).
    #[error("{}", .0.summary())]
    Exception(Box<PyException>),
    /// A limit set by the host stopped the program (instruction budget, memory, deadline).
    #[error("evalx limit exceeded: {0}; raise the limit in `Limits` if the program is legitimate")]
    Limit(String),
    /// The debugger's `q` (quit) command stopped the program (pdb raises `bdb.BdbQuit`).
    #[error("the program was stopped by the debugger's quit command")]
    DebuggerQuit,
    /// The host passed an unusable argument (e.g. a `locals` value that is not a mapping).
    #[error("invalid argument: {0}")]
    Argument(String),
}

impl Error {
    /// The text CPython would print to stderr for this error.
    pub fn render(&self) -> String {
        match self {
            Error::Syntax(e) => e.render(),
            Error::Exception(e) => e.render(),
            other => format!("{other}\n"),
        }
    }
}

impl From<SyntaxError> for Error {
    fn from(e: SyntaxError) -> Self {
        Error::Syntax(e)
    }
}

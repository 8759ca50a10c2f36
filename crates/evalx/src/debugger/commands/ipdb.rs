//! ipdb's look (IPython's debugger): each stop and each `w` entry shows `context` lines around the line
//! (`context N`, `IPDB_CONTEXT_SIZE`, `ipdb.set_trace(context=N)`), a frame stopped at a return shows the
//! value on a line of its own, `l`/`ll` number lines ipdb's way, and on a terminal the source is
//! syntax-highlighted (IPython's Linux colours) unless `NO_COLOR` is set.

use super::Session;
use crate::debugger::args::py_int;
use crate::debugger::view::{self, context_line, short_repr};
use crate::interp::Interp;

const GREEN: &str = "\x1b[0;32m";
const CYAN: &str = "\x1b[0;36m";
const BLUE: &str = "\x1b[0;34m";
const YELLOW: &str = "\x1b[0;33m";
const RED: &str = "\x1b[0;31m";
const RESET: &str = "\x1b[0m";

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// One line of Python coloured as IPython's Linux scheme does: keywords green, numbers cyan, strings
/// yellow, comments red, operators and brackets blue, names plain.
pub(crate) fn highlight(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() * 2);
    let mut i = 0;
    let paint = |out: &mut String, color: &str, text: &str| {
        out.push_str(color);
        out.push_str(text);
        out.push_str(RESET);
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            let text: String = chars[i..].iter().collect();
            paint(&mut out, RED, &text);
            break;
        }
        if c == '"' || c == '\'' {
            let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
            let mut j = i + if triple { 3 } else { 1 };
            while j < chars.len() {
                if chars[j] == '\\' {
                    j += 2;
                    continue;
                }
                if chars[j] == c
                    && (!triple || (chars.get(j + 1) == Some(&c) && chars.get(j + 2) == Some(&c)))
                {
                    j += if triple { 3 } else { 1 };
                    break;
                }
                j += 1;
            }
            let j = j.min(chars.len());
            let text: String = chars[i..j].iter().collect();
            paint(&mut out, YELLOW, &text);
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            // A string prefix (f"...", b'...') belongs to the string.
            if j < chars.len()
                && (chars[j] == '"' || chars[j] == '\'')
                && word.len() <= 2
                && word.chars().all(|ch| "rRbBfFuU".contains(ch))
            {
                out.push_str(YELLOW);
                out.push_str(&word);
                out.push_str(RESET);
                i = j;
                continue;
            }
            if KEYWORDS.contains(&word.as_str()) {
                paint(&mut out, GREEN, &word);
            } else {
                out.push_str(&word);
            }
            i = j;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_alphanumeric() || chars[j] == '.' || chars[j] == '_')
            {
                j += 1;
            }
            let text: String = chars[i..j].iter().collect();
            paint(&mut out, CYAN, &text);
            i = j;
            continue;
        }
        if c.is_whitespace() {
            out.push(c);
        } else {
            paint(&mut out, BLUE, &c.to_string());
        }
        i += 1;
    }
    out
}

impl Session<'_> {
    fn colors(&self) -> bool {
        self.dbg.st.borrow().colors
    }

    /// `file(line)func()`, coloured on a terminal.
    fn ipdb_location(&self, i: usize) -> String {
        let v = &self.stack[i];
        if self.colors() {
            format!(
                "{GREEN}{}{RESET}({}){CYAN}{}{BLUE}(){RESET}",
                v.code.filename, v.line, v.code.name
            )
        } else {
            format!("{}({}){}()", v.code.filename, v.line, v.code.name)
        }
    }

    /// One context line in ipdb's layout (number, `---->` at the current line, breakpoint number).
    fn ipdb_line(&self, n: u32, text: &str, bp: Option<usize>, current: bool) -> String {
        let plain = context_line(n, text, bp, current);
        if !self.colors() {
            return plain;
        }
        // The prefix is everything before the source text: the marks and the number, then one space.
        let prefix_len = plain.len() - text.trim_end().len() - 1;
        let prefix = &plain[..prefix_len];
        format!("{GREEN}{prefix}{RESET}{}\n", highlight(text.trim_end()))
    }

    /// IPython's `format_stack_entry`: the return value's line (at a return), the location, then
    /// `context` lines around the frame's line.
    pub(super) fn ipdb_entry(&self, it: &mut Interp, i: usize, context: usize) -> String {
        let v = self.stack[i].clone();
        let mut s = String::new();
        if let Some(r) = v.return_value() {
            s.push_str(&short_repr(it, &r));
            s.push('\n');
        }
        s.push_str(if i == self.cur { "> " } else { "  " });
        s.push_str(&self.ipdb_location(i));
        s.push('\n');
        let total = v.source_len();
        if total > 0 && v.source_line(1).is_some() {
            let lineno = v.line as i64;
            let ctx = context.max(1) as i64;
            let mut start = lineno - 1 - ctx / 2;
            start = start.min(total as i64 - ctx);
            start = start.max(0);
            let breaks = self.bp_numbers(&v.code.filename);
            for n in start + 1..=(start + ctx).min(total as i64) {
                let text = v.source_line(n as u32).unwrap_or("");
                let bp = breaks
                    .iter()
                    .filter(|(l, _)| *l == n as u32)
                    .map(|(_, b)| *b)
                    .next_back();
                s.push_str(&self.ipdb_line(n as u32, text, bp, n == lineno));
            }
        }
        s
    }

    /// ipdb's `w [context]`: every frame, oldest first, each with its context lines.
    pub(super) fn ipdb_where(&self, it: &mut Interp, arg: &str) {
        let context = if arg.is_empty() {
            self.dbg.st.borrow().context
        } else {
            match py_int(arg) {
                Some(n) if n.value > 0 => usize::try_from(n.value).unwrap_or(usize::MAX),
                Some(_) => return self.error("Context must be a positive integer"),
                None => {
                    return self.error(&format!("invalid literal for int() with base 10: '{arg}'"));
                }
            }
        };
        let mut s = String::new();
        for i in 0..self.stack.len() {
            s.push_str(&self.ipdb_entry(it, i, context));
            s.push('\n');
        }
        self.write(&s);
    }

    /// `context N`.
    pub(super) fn context(&self, arg: &str) {
        match py_int(arg) {
            Some(n) if n.value > 0 => {
                self.dbg.st.borrow_mut().context = usize::try_from(n.value).unwrap_or(usize::MAX);
            }
            _ => self.error("The 'context' command requires a positive integer argument."),
        }
    }

    /// IPython's `print_list_lines`: lines `first..=last` in ipdb's numbering, stopping at the end of the
    /// file, then an empty line.
    pub(super) fn ipdb_list_lines(&mut self, first: i64, last: i64) {
        let v = self.stack[self.cur].clone();
        let breaks = self.bp_numbers(&v.code.filename);
        let total = v.source_len() as i64;
        let mut s = String::new();
        let mut n = first.max(1);
        while n <= last && n <= total {
            let text = v.source_line(n as u32).unwrap_or("");
            let bp = breaks
                .iter()
                .filter(|(l, _)| *l == n as u32)
                .map(|(_, b)| *b)
                .next_back();
            s.push_str(&self.ipdb_line(n as u32, text, bp, n == i64::from(v.line)));
            self.list_next = Some(n as u32);
            n += 1;
        }
        s.push('\n');
        self.write(&s);
    }

    /// ipdb's `ll`: the current function's block (the whole module at the top level), one line more.
    pub(super) fn ipdb_longlist(&mut self) {
        let v = self.stack[self.cur].clone();
        let (first, last) = if v.code.kind == crate::compile::ScopeKind::Module {
            (1, v.source_len())
        } else {
            view::block_range(&v.code.source, v.code.firstline as usize)
        };
        self.ipdb_list_lines(first as i64, last as i64 + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_colours_tokens_as_ipython_linux() {
        let h = highlight("def f(x): return x + 1  # done");
        assert!(
            h.starts_with("\x1b[0;32mdef\x1b[0m f\x1b[0;34m(\x1b[0m"),
            "{h:?}"
        );
        assert!(h.contains("\x1b[0;36m1\x1b[0m"), "{h:?}");
        assert!(h.ends_with("\x1b[0;31m# done\x1b[0m"), "{h:?}");
        let s = highlight("s = f'a{b}' + \"q\\\"\"");
        assert!(
            s.contains("\x1b[0;33mf\x1b[0m\x1b[0;33m'a{b}'\x1b[0m"),
            "{s:?}"
        );
        assert!(s.contains("\x1b[0;33m\"q\\\"\"\x1b[0m"), "{s:?}");
    }
}

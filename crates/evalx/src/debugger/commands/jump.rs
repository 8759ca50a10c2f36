//! `j(ump) lineno`: the next line to run, in the bottom frame, checked as CPython 3.11 checks a frame's
//! `f_lineno` assignment. evalx runs a tree of statements, so a jump goes to a statement of the block being
//! run or of a block around it (out of loops, `if`s and `try`s, or back to an earlier statement); CPython's
//! refusals (into a `for` body, into an `except` block, outside the code) keep CPython's words.

use super::{After, Session};
use crate::compile::{St, StKind};
use crate::debugger::args::py_int;
use crate::debugger::{Stop, view};
use crate::interp::Interp;

/// What kind of block a statement list is, for the refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Plain,
    ForBody,
    Except,
}

/// The statement lists directly inside `s`.
fn children(s: &St) -> Vec<(Block, &[St])> {
    match &s.kind {
        StKind::If(_, a, b) | StKind::While(_, a, b) => vec![(Block::Plain, a), (Block::Plain, b)],
        StKind::For(_, _, a, b) => vec![(Block::ForBody, a), (Block::Plain, b)],
        StKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let mut v = vec![(Block::Plain, body.as_slice())];
            v.extend(handlers.iter().map(|h| (Block::Except, h.body.as_slice())));
            v.push((Block::Plain, orelse));
            v.push((Block::Plain, finalbody));
            v
        }
        StKind::With(_, _, a) => vec![(Block::Plain, a)],
        _ => Vec::new(),
    }
}

/// The blocks from `body` down to the one holding a statement at `line`, outermost first.
fn path_to(body: &[St], line: u32) -> Option<Vec<&[St]>> {
    if body.iter().any(|s| s.line == line) {
        return Some(vec![body]);
    }
    for s in body {
        for (_, b) in children(s) {
            if let Some(mut p) = path_to(b, line) {
                p.insert(0, body);
                return Some(p);
            }
        }
    }
    None
}

/// The kinds of the blocks around the statement at `line`.
fn kinds_to(body: &[St], line: u32, kinds: &mut Vec<Block>) -> bool {
    if body.iter().any(|s| s.line == line) {
        return true;
    }
    for s in body {
        for (k, b) in children(s) {
            kinds.push(k);
            if kinds_to(b, line, kinds) {
                return true;
            }
            kinds.pop();
        }
    }
    false
}

/// Every statement line of the code (not of the functions it defines).
fn lines(body: &[St], out: &mut Vec<u32>) {
    for s in body {
        out.push(s.line);
        for (_, b) in children(s) {
            lines(b, out);
        }
    }
}

impl Session<'_> {
    pub(super) fn jump(&mut self, it: &mut Interp, arg: &str) -> After {
        if self.cur + 1 != self.stack.len() {
            self.error("You can only jump within the bottom frame");
            return After::Prompt;
        }
        let Some(target) = py_int(arg) else {
            self.error("The 'jump' command requires a line number");
            return After::Prompt;
        };
        if !self.at_line || self.live.is_none() {
            self.error("Jump failed: can only jump from a 'line' trace event");
            return After::Prompt;
        }
        let v = self.stack[self.cur].clone();
        let code = v.code.clone();
        let (first, last) = if code.kind == crate::compile::ScopeKind::Module {
            (1, v.source_len())
        } else {
            view::block_range(&code.source, code.firstline as usize)
        };
        if target.value < first as i64 {
            self.error(&format!(
                "Jump failed: line {} comes before the current code block",
                target.text
            ));
            return After::Prompt;
        }
        if target.value > last as i64 {
            self.error(&format!(
                "Jump failed: line {} comes after the current code block",
                target.text
            ));
            return After::Prompt;
        }
        let n = target.value as u32;
        // A line without a statement of its own (blank, a comment, inside a longer statement): the next
        // statement after it.
        let mut all = Vec::new();
        lines(&code.body, &mut all);
        let Some(line) = all.iter().copied().filter(|&l| l >= n).min() else {
            self.error(&format!(
                "Jump failed: line {} comes after the current code block",
                target.text
            ));
            return After::Prompt;
        };
        let here = path_to(&code.body, v.line).unwrap_or_default();
        if !here.iter().any(|b| b.iter().any(|s| s.line == line)) {
            let mut kinds = Vec::new();
            kinds_to(&code.body, line, &mut kinds);
            let inner = kinds.iter().skip(here.len().saturating_sub(1)).copied();
            let msg = if inner.clone().any(|k| k == Block::Except) {
                "can't jump into an 'except' block as there's no exception".to_string()
            } else if inner.clone().any(|k| k == Block::ForBody) {
                "can't jump into the body of a for loop".to_string()
            } else {
                format!(
                    "evalx can jump only to a statement of the current block or of a block around it, and line {n} is inside another block"
                )
            };
            self.error(&format!("Jump failed: {msg}"));
            return After::Prompt;
        }
        // Leave through the interpreter (which skips the current statement), then stop at once at the target.
        it.jump_to = Some(line);
        self.dbg.st.borrow_mut().jumped = true;
        self.resume(Stop::Step)
    }
}

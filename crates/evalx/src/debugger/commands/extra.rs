//! pdb's commands beyond stepping and looking: `display`/`undisplay` (and the changed values shown at each
//! stop), `alias`/`unalias` (expanded before each command), `ignore`, `source`, `commands` (a breakpoint's
//! own command list) and `interact` (a Python prompt over a copy of the frame's names).

use super::{Session, eval_in};
use crate::debugger::args::py_int;
use crate::debugger::view::{self, list_line};
use crate::debugger::{BpCommands, Shown};
use crate::interp::Interp;
use crate::value::{Dict, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// The commands that resume the program: they end a `commands` list (pdb's `commands_resuming`).
const RESUMING: &[&str] = &[
    "c", "cont", "continue", "s", "step", "n", "next", "r", "return", "q", "quit", "exit", "j",
    "jump",
];

/// pdb's `precmd` alias expansion: while the first word names an alias, it is replaced by the alias's
/// text with `%1`.. `%9` and `%*` filled in from the line's other words. An alias that leads back to itself
/// stops expanding (pdb would loop forever).
pub(super) fn expand_aliases(
    aliases: &std::collections::BTreeMap<String, String>,
    line: &str,
) -> String {
    let mut line = line.to_string();
    let mut seen: Vec<String> = Vec::new();
    loop {
        let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let Some(first) = args.first() else {
            return line;
        };
        let Some(body) = aliases.get(first) else {
            return line;
        };
        if seen.contains(first) {
            return line;
        }
        seen.push(first.clone());
        let mut expanded = body.clone();
        for (i, a) in args.iter().enumerate().skip(1) {
            expanded = expanded.replace(&format!("%{i}"), a);
        }
        expanded = expanded.replace("%*", &args[1..].join(" "));
        line = expanded;
    }
}

/// `cmd.Cmd.parseline`'s split of a command line into the command word and its argument (`None` for a line
/// that is no command: empty, or `!stmt`).
pub(super) fn parseline(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let line = match line.strip_prefix('?') {
        Some(rest) => format!("help {rest}"),
        None => line.to_string(),
    };
    if line.is_empty() || line.starts_with('!') {
        return None;
    }
    let n = line
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    Some((line[..n].to_string(), line[n..].trim().to_string()))
}

/// Whether `src` needs more lines at an interactive prompt (an open block or bracket), as the REPL decides.
fn needs_more(src: &str, last: &str) -> bool {
    if last.trim().is_empty() {
        return false;
    }
    match crate::parser::parse_module(src) {
        Ok(_) => {
            last.trim_end().ends_with(':') || (src.contains('\n') && src.trim_end().contains(":\n"))
        }
        Err(e) => {
            e.msg.contains("was never closed")
                || e.msg.starts_with("expected an indented block")
                || e.msg.contains("unterminated triple-quoted")
        }
    }
}

impl Session<'_> {
    /// The key of the selected frame's displays (pdb keys them by frame object).
    fn display_key(&self) -> (usize, usize) {
        let v = &self.stack[self.cur];
        (v.id.addr, Rc::as_ptr(&v.code) as usize)
    }

    /// `_getval_except`: the value, or pdb's `** raised Error: message **` text.
    fn value_or_raised(&mut self, it: &mut Interp, expr: &str) -> Shown {
        let view = self.stack[self.cur].clone();
        match eval_in(it, &view, expr, true) {
            Ok(Ok(v)) => Shown::Value(v),
            Ok(Err(e)) => {
                let summary = it.to_host_exception(e, None).summary();
                Shown::Raised(format!("** raised {summary} **"))
            }
            Err(syntax) => Shown::Raised(format!("** raised {syntax} **")),
        }
    }

    /// `_safe_repr`.
    fn safe_repr(it: &mut Interp, v: &Shown, expr: &str) -> String {
        match v {
            Shown::Raised(s) => s.clone(),
            Shown::Value(v) => match it.repr(v) {
                Ok(r) => r,
                Err(e) => {
                    let summary = it.to_host_exception(e, None).summary();
                    format!("*** repr({expr}) failed: {summary} ***")
                }
            },
        }
    }

    pub(super) fn display(&mut self, it: &mut Interp, arg: &str) {
        let key = self.display_key();
        if arg.is_empty() {
            self.write("Currently displaying:\n");
            let items: Vec<(String, Shown)> = {
                let st = self.dbg.st.borrow();
                st.displays
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, d)| d.clone())
                    .unwrap_or_default()
            };
            for (expr, val) in items {
                let r = Self::safe_repr(it, &val, &expr);
                self.write(&format!("{expr}: {r}\n"));
            }
            return;
        }
        let val = self.value_or_raised(it, arg);
        let r = Self::safe_repr(it, &val, arg);
        {
            let mut st = self.dbg.st.borrow_mut();
            let pos = match st.displays.iter().position(|(k, _)| *k == key) {
                Some(p) => p,
                None => {
                    st.displays.push((key, Vec::new()));
                    st.displays.len() - 1
                }
            };
            let list = &mut st.displays[pos].1;
            match list.iter_mut().find(|(e, _)| e == arg) {
                Some(entry) => entry.1 = val,
                None => list.push((arg.to_string(), val)),
            }
        }
        self.write(&format!("display {arg}: {r}\n"));
    }

    pub(super) fn undisplay(&mut self, arg: &str) {
        let key = self.display_key();
        let mut st = self.dbg.st.borrow_mut();
        if arg.is_empty() {
            st.displays.retain(|(k, _)| *k != key);
            return;
        }
        let removed = st
            .displays
            .iter_mut()
            .find(|(k, _)| *k == key)
            .and_then(|(_, d)| d.iter().position(|(e, _)| e == arg).map(|i| d.remove(i)));
        drop(st);
        if removed.is_none() {
            self.error(&format!("not displaying {arg}"));
        }
    }

    /// pdb's `preloop`: at a stop, each display of the stopped frame whose value changed is shown with its
    /// old value.
    pub(super) fn show_display_changes(&mut self, it: &mut Interp) {
        let key = self.display_key();
        let items: Vec<(String, Shown)> = {
            let st = self.dbg.st.borrow();
            match st.displays.iter().find(|(k, _)| *k == key) {
                Some((_, d)) => d.clone(),
                None => return,
            }
        };
        for (expr, old) in items {
            let new = self.value_or_raised(it, &expr);
            let same = match (&new, &old) {
                (Shown::Raised(a), Shown::Raised(b)) => a == b,
                (Shown::Value(a), Shown::Value(b)) => {
                    (a.identity() != 0 && a.identity() == b.identity())
                        || it.eq(a, b).unwrap_or(false)
                }
                (Shown::Raised(a), Shown::Value(Value::Str(b)))
                | (Shown::Value(Value::Str(b)), Shown::Raised(a)) => **a == **b,
                _ => false,
            };
            if same {
                continue;
            }
            let (nr, or) = (
                Self::safe_repr(it, &new, &expr),
                Self::safe_repr(it, &old, &expr),
            );
            {
                let mut st = self.dbg.st.borrow_mut();
                if let Some((_, d)) = st.displays.iter_mut().find(|(k, _)| *k == key) {
                    if let Some(entry) = d.iter_mut().find(|(e, _)| *e == expr) {
                        entry.1 = new;
                    }
                }
            }
            self.write(&format!("display {expr}: {nr}  [old: {or}]\n"));
        }
    }

    pub(super) fn alias(&self, arg: &str) {
        let args: Vec<&str> = arg.split_whitespace().collect();
        let mut st = self.dbg.st.borrow_mut();
        match args.as_slice() {
            [] => {
                let text: String = st
                    .aliases
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}\n"))
                    .collect();
                st.write(&text);
            }
            [name] => match st.aliases.get(*name).cloned() {
                Some(v) => st.write(&format!("{name} = {v}\n")),
                None => st.write(&format!("*** Unknown alias '{name}'\n")),
            },
            [name, rest @ ..] => {
                st.aliases.insert(name.to_string(), rest.join(" "));
            }
        }
    }

    pub(super) fn unalias(&self, arg: &str) {
        if let Some(name) = arg.split_whitespace().next() {
            self.dbg.st.borrow_mut().aliases.remove(name);
        }
    }

    pub(super) fn ignore(&self, arg: &str) {
        let args: Vec<&str> = arg.split_whitespace().collect();
        let Some(first) = args.first() else {
            return self.error("Breakpoint number expected");
        };
        let count = args.get(1).and_then(|c| py_int(c));
        let n = match self.bp_number(first) {
            Ok(n) => n,
            Err(e) => return self.error(&e),
        };
        let (value, text) = match count {
            Some(c) => (c.value, c.text),
            None => (0, "0".to_string()),
        };
        if let Some(b) = self.dbg.st.borrow_mut().bps[n - 1].as_mut() {
            b.ignore = value.max(0) as u64;
        }
        if value > 0 {
            let countstr = if value > 1 {
                format!("{text} crossings")
            } else {
                "1 crossing".to_string()
            };
            self.write(&format!("Will ignore next {countstr} of breakpoint {n}.\n"));
        } else {
            self.write(&format!("Will stop next time breakpoint {n} is reached.\n"));
        }
    }

    /// `source expression`: the source lines of a function, method or class (pdb's `inspect.getsourcelines`).
    pub(super) fn source(&mut self, it: &mut Interp, arg: &str) {
        let Some(v) = self.eval(it, arg, true) else {
            return;
        };
        let func = match &v {
            Value::Func(f) => Some(f.clone()),
            Value::Bound(b) => match &b.1 {
                Value::Func(f) => Some(f.clone()),
                _ => None,
            },
            _ => None,
        };
        let (source, first): (crate::thin::RcStr, usize) = if let Some(f) = func {
            if f.code.filename.starts_with('<') || f.code.source.is_empty() {
                return self.error("could not get source code");
            }
            (f.code.source.clone(), f.code.firstline as usize)
        } else if let Value::Class(c) = &v {
            // inspect finds a class by its `class NAME` line in the module's source.
            let src = self.stack[self.cur].code.source.clone();
            let found = src.lines().position(|l| {
                l.trim_start().strip_prefix("class ").is_some_and(|r| {
                    r.trim_start().starts_with(&**c.name)
                        && r.trim_start()[c.name.len()..].starts_with(['(', ':', ' '])
                })
            });
            match found {
                Some(i)
                    if c.module.as_ref() == "__main__" || c.kind == crate::value::Kind::Object =>
                {
                    (src, i + 1)
                }
                _ => return self.error("could not find class definition"),
            }
        } else {
            let class = it.type_of(&v).name.clone();
            return self.error(&format!(
                "module, class, method, function, traceback, frame, or code object was expected, got {class}"
            ));
        };
        let (first, last) = view::block_range(&source, first);
        let lines: Vec<&str> = source.lines().collect();
        let mut s = String::new();
        for n in first..=last {
            s.push_str(&list_line(
                n as u32,
                lines.get(n - 1).copied().unwrap_or(""),
                false,
                false,
                false,
            ));
        }
        self.write(&s);
    }

    /// `commands [bpnumber]`: reads the breakpoint's command list at the `(com) ` prompt until `end`, or
    /// until a command that resumes the program (which ends the list and the stop it makes).
    pub(super) fn commands_def(&mut self, arg: &str) {
        let number = if arg.is_empty() {
            self.dbg.st.borrow().bps.len().to_string()
        } else {
            match py_int(arg) {
                Some(n) => n.text,
                None => {
                    return self.error("Usage: commands [bnum]\n        ...\n        end");
                }
            }
        };
        // pdb passes the number as an int, and an int 0 reads as no number at all.
        if number == "0" {
            return self.error("cannot set commands: Breakpoint number expected");
        }
        let n = match self.bp_number(&number) {
            Ok(n) => n,
            Err(e) => return self.error(&format!("cannot set commands: {e}")),
        };
        let mut def = BpCommands {
            lines: Vec::new(),
            silent: false,
            doprompt: true,
        };
        loop {
            let line = {
                let mut st = self.dbg.st.borrow_mut();
                match st.cmdqueue.pop_front() {
                    Some(l) => Some(l),
                    None => st.console.read_line("(com) "),
                }
            };
            // The end of the input ends the list (pdb would ask forever).
            let Some(line) = line else {
                break;
            };
            let line = self.precmd(&line);
            let Some((cmd, arg)) = parseline(&line) else {
                continue;
            };
            if cmd.is_empty() {
                continue;
            }
            if cmd == "silent" {
                def.silent = true;
                continue;
            }
            if cmd == "end" {
                self.dbg.st.borrow_mut().cmdqueue.clear();
                break;
            }
            def.lines.push(if arg.is_empty() {
                cmd.clone()
            } else {
                format!("{cmd} {arg}")
            });
            if RESUMING.contains(&cmd.as_str()) {
                def.doprompt = false;
                self.dbg.st.borrow_mut().cmdqueue.clear();
                break;
            }
        }
        self.dbg.st.borrow_mut().bp_commands.insert(n, def);
    }

    /// pdb's `bp_commands`: after a breakpoint with a command list stopped the program, its commands run
    /// (before the location is shown, unless `silent`); `false` when one of them resumed the program and
    /// no prompt follows.
    pub(super) fn run_bp_commands(&mut self, it: &mut Interp) -> Option<bool> {
        let number = self.dbg.st.borrow_mut().currentbp.take()?;
        let def = self.dbg.st.borrow().bp_commands.get(&number).cloned()?;
        let last = self.dbg.st.borrow().last_cmd.clone();
        for line in &def.lines {
            let _ = self.dispatch(it, line);
        }
        self.dbg.st.borrow_mut().last_cmd = last;
        if !def.silent {
            self.print_stack_entry(it, self.cur, true);
        }
        Some(def.doprompt)
    }

    /// `interact`: a Python prompt (`>>> `, `... `) over a new namespace holding the frame's globals and
    /// locals; the end of its input (Ctrl-D) comes back to the debugger. Banners and tracebacks go to the
    /// console's error stream, as `code.interact` writes them to stderr.
    pub(super) fn interact(&mut self, it: &mut Interp) {
        let v = self.stack[self.cur].clone();
        let mut ns: Dict = v.globals.borrow().clone();
        if let Some(l) = v.exec_locals() {
            for (k, val) in l.borrow().map().iter() {
                ns.map_mut().insert(k.clone(), val.clone());
            }
        }
        let ns = Rc::new(RefCell::new(ns));
        let mut view = v.clone();
        view.globals = ns.clone();
        view.locals = ns;
        view.from_slots = false;
        self.dbg
            .st
            .borrow_mut()
            .console
            .write_err("*interactive*\n");
        let mut buf = String::new();
        loop {
            let prompt = if buf.is_empty() { ">>> " } else { "... " };
            let line = self.dbg.st.borrow_mut().console.read_line(prompt);
            let Some(line) = line else {
                self.dbg.st.borrow_mut().console.write_err("\n");
                break;
            };
            if !buf.is_empty() {
                buf.push('\n');
            }
            buf.push_str(&line);
            if needs_more(&buf, &line) {
                continue;
            }
            let src = std::mem::take(&mut buf);
            if src.trim().is_empty() {
                continue;
            }
            match eval_in(it, &view, &format!("{src}\n"), false) {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    let text = it.to_host_exception(e, None).render();
                    self.dbg.st.borrow_mut().console.write_err(&text);
                }
                Err(syntax) => {
                    self.dbg
                        .st
                        .borrow_mut()
                        .console
                        .write_err(&format!("{syntax}\n"));
                }
            }
        }
        self.dbg
            .st
            .borrow_mut()
            .console
            .write_err("now exiting InteractiveConsole...\n");
    }
}

//! The prompt: reads commands, runs them against the stopped frames and decides how the program resumes.
//! Command names, argument forms and messages follow CPython 3.11's pdb (`cmd.Cmd` parsing, `;;`
//! separators, an empty line repeating the last command, `!stmt` and bare expressions run in the selected
//! frame); the help texts are our own words in pdb's layout.

use super::args::{self, lookup_file, py_int};
use super::view::{self, FrameView, columnize, list_line, pformat};
use super::{Bp, Debugger, Stop, StopKind, Style};
use crate::interp::{Frame, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::Value;

mod complete;
mod debug;
mod extra;
mod ipdb;
mod jump;

/// One stop of the debugger: the frames (oldest first), the selected one, and the running frame the stop
/// came from (absent in post-mortem, whose frames have unwound).
pub(crate) struct Session<'a> {
    dbg: &'a Debugger,
    stack: Vec<FrameView>,
    cur: usize,
    live: Option<&'a mut Frame>,
    /// pdb's `self.lineno`: where a repeated `l` continues.
    list_next: Option<u32>,
    post_mortem: bool,
    /// The stop is a line event (only there can `jump` move the next line).
    at_line: bool,
    /// A breakpoint's command list resumed the program: no prompt at this stop.
    resumed: bool,
}

/// Stands in for the console while it is lent out (reading a line, or to `debug`'s nested debugger).
pub(crate) struct Lent;

impl super::Console for Lent {
    fn read_line(&mut self, _prompt: &str) -> Option<String> {
        None
    }
    fn write(&mut self, _text: &str) {}
}

/// What a command leaves behind.
enum After {
    Prompt,
    Resume,
}

/// The commands, by every name pdb accepts for them.
const COMMANDS: &[(&[&str], Cmd)] = &[
    (&["h", "help"], Cmd::Help),
    (&["w", "where", "bt"], Cmd::Where),
    (&["u", "up"], Cmd::Up),
    (&["d", "down"], Cmd::Down),
    (&["s", "step"], Cmd::Step),
    (&["n", "next"], Cmd::Next),
    (&["r", "return"], Cmd::Return),
    (&["c", "cont", "continue"], Cmd::Continue),
    (&["q", "quit", "exit"], Cmd::Quit),
    (&["l", "list"], Cmd::List),
    (&["a", "args"], Cmd::Args),
    (&["p"], Cmd::Print),
    (&["pp"], Cmd::PrettyPrint),
    (&["b", "break"], Cmd::Break),
    (&["cl", "clear"], Cmd::Clear),
    (&["rv", "retval"], Cmd::Retval),
    (&["EOF"], Cmd::Eof),
    (&["tbreak"], Cmd::Tbreak),
    (&["disable"], Cmd::Disable),
    (&["enable"], Cmd::Enable),
    (&["condition"], Cmd::Condition),
    (&["unt", "until"], Cmd::Until),
    (&["ll", "longlist"], Cmd::Longlist),
    (&["whatis"], Cmd::Whatis),
    (&["run", "restart"], Cmd::Run),
    (&["display"], Cmd::Display),
    (&["undisplay"], Cmd::Undisplay),
    (&["alias"], Cmd::Alias),
    (&["unalias"], Cmd::Unalias),
    (&["ignore"], Cmd::Ignore),
    (&["source"], Cmd::Source),
    (&["commands"], Cmd::Commands),
    (&["interact"], Cmd::Interact),
    (&["j", "jump"], Cmd::Jump),
    (&["debug"], Cmd::Debug),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Help,
    Where,
    Up,
    Down,
    Step,
    Next,
    Return,
    Continue,
    Quit,
    List,
    Args,
    Print,
    PrettyPrint,
    Break,
    Clear,
    Retval,
    Eof,
    Tbreak,
    Disable,
    Enable,
    Condition,
    Until,
    Longlist,
    Whatis,
    Run,
    Display,
    Undisplay,
    Alias,
    Unalias,
    Ignore,
    Source,
    Commands,
    Interact,
    Jump,
    Debug,
}

/// `h CMD`: the usage line, then what it does, indented as pdb's docstrings are.
const HELP: &[(Cmd, &str)] = &[
    (
        Cmd::Help,
        "h(elp) [command]\n        Without an argument, list the commands; with one, explain that command.",
    ),
    (
        Cmd::Where,
        "w(here)\n        Print the stack, oldest frame first; an arrow marks the current frame,\n        which is the one commands such as p and l look at.",
    ),
    (
        Cmd::Up,
        "u(p) [count]\n        Select the frame count levels (default one) up the stack: an older\n        frame, the caller of the current one.",
    ),
    (
        Cmd::Down,
        "d(own) [count]\n        Select the frame count levels (default one) down the stack: a newer\n        frame, the callee of the current one.",
    ),
    (
        Cmd::Step,
        "s(tep)\n        Run the current line and stop at the first possible occasion: in a\n        function that it calls, or at the next line of the current function.",
    ),
    (
        Cmd::Next,
        "n(ext)\n        Run until the next line of the current function, or until it returns;\n        calls made on the way run without stopping.",
    ),
    (
        Cmd::Return,
        "r(eturn)\n        Run until the current function returns.",
    ),
    (
        Cmd::Continue,
        "c(ont(inue))\n        Run until a breakpoint is reached (or the program ends).",
    ),
    (
        Cmd::Quit,
        "q(uit) | exit\n        Stop the program: the host sees evalx's DebuggerQuit error.",
    ),
    (
        Cmd::List,
        "l(ist) [first[, last] | .]\n        Show source lines of the current file: eleven lines around the current\n        line, or around first, or first to last (a last smaller than first is a\n        count). Repeating l shows the next eleven lines; 'l .' starts again at\n        the current line. '->' marks the current line, '>>' the line where the\n        exception was raised, 'B' a breakpoint.",
    ),
    (
        Cmd::Args,
        "a(rgs)\n        Print the arguments of the current function with their values.",
    ),
    (
        Cmd::Print,
        "p expression\n        Print the repr of the expression's value, evaluated in the current frame.",
    ),
    (
        Cmd::PrettyPrint,
        "pp expression\n        Like p, laid out as pprint does: long containers one item per line.",
    ),
    (
        Cmd::Break,
        "b(reak) [ ([filename:]lineno | function) [, condition] ]\n        With a line number, stop when that line of the current file (or of\n        filename) is about to run; with a function, stop at the first line it\n        runs. With a condition, stop only when that expression is true in the\n        frame. Without an argument, list the breakpoints.",
    ),
    (
        Cmd::Clear,
        "cl(ear) [filename:lineno | bpnumber ...]\n        Delete the breakpoints given by number or by place; without an\n        argument, ask before deleting them all.",
    ),
    (
        Cmd::Retval,
        "retval | rv\n        Print the value the current function is returning.",
    ),
    (
        Cmd::Eof,
        "EOF\n        The end of the input (Ctrl-D): quit, as q does.",
    ),
    (
        Cmd::Tbreak,
        "tbreak [ ([filename:]lineno | function) [, condition] ]\n        Like break, but the breakpoint is deleted when it is first hit.",
    ),
    (
        Cmd::Disable,
        "disable bpnumber [bpnumber ...]\n        Keep the breakpoints, but let them stop nothing until enabled again.",
    ),
    (
        Cmd::Enable,
        "enable bpnumber [bpnumber ...]\n        Make disabled breakpoints stop the program again.",
    ),
    (
        Cmd::Condition,
        "condition bpnumber [condition]\n        Give the breakpoint a condition (an expression that must be true for it\n        to stop), or without one, make it unconditional.",
    ),
    (
        Cmd::Until,
        "unt(il) [lineno]\n        Run until a line numbered greater than the current one (or at least\n        lineno) is reached in the current frame, or it returns: the way out of\n        a loop.",
    ),
    (
        Cmd::Longlist,
        "ll | longlist\n        Show the whole source of the current function (of the module at the top\n        level).",
    ),
    (
        Cmd::Display,
        "display [expression]\n        Show the expression's value now, and again at each later stop in this\n        frame whenever it has changed (with the old value). Without an\n        expression, list the current frame's displays.",
    ),
    (
        Cmd::Undisplay,
        "undisplay [expression]\n        Stop showing the expression at stops in this frame; without one, stop\n        showing them all.",
    ),
    (
        Cmd::Alias,
        "alias [name [command]]\n        Make name a new command that runs command, with %1, %2, ... replaced by\n        the words typed after name and %* by all of them. An alias may begin\n        with another alias, and can hide a built-in command. With only a\n        name, show that alias; with nothing, list them all.",
    ),
    (Cmd::Unalias, "unalias name\n        Forget the alias name."),
    (
        Cmd::Ignore,
        "ignore bpnumber [count]\n        Let the breakpoint pass count times (0 when count is left out) before it\n        stops the program again. Only hits that would stop count: a disabled\n        breakpoint or a false condition does not use one up.",
    ),
    (
        Cmd::Source,
        "source expression\n        Show the source of the function, method or class the expression names.",
    ),
    (
        Cmd::Commands,
        "commands [bpnumber]\n        (com) ...\n        (com) end\n        Give the breakpoint (by default the last one set) commands to run each\n        time it stops the program, typed one per line and closed by 'end'. A\n        line 'silent' hides the location at those stops. A command that resumes\n        the program (continue, step, next, return, jump, quit) ends the list,\n        and then no prompt follows the stop. 'commands N' then 'end' clears\n        the list.",
    ),
    (
        Cmd::Jump,
        "j(ump) lineno\n        Make lineno the next line to run in the bottom frame, skipping what lies\n        between or running it again. The line must belong to the block being run\n        or to a block around it: a jump may leave loops and if/try blocks but not\n        enter one (and never the body of a for loop or an except block).",
    ),
    (
        Cmd::Debug,
        "debug code\n        Run code (a statement or expression) in the current frame under a second\n        debugger, which stops at once: its prompt is the first one in brackets.\n        When the code ends (or q), this debugger's prompt comes back.",
    ),
    (
        Cmd::Interact,
        "interact\n        Open a Python prompt whose names are a copy of the current frame's\n        globals and locals (new assignments stay there). Ctrl-D comes back.",
    ),
    (
        Cmd::Run,
        "run [args ...] | restart [args ...]\n        End the program and run it again from its first line (under evalx\n        --pdb; elsewhere the program just ends). New arguments, split as a\n        shell splits them, replace argv[1:]; without any, the old ones stay.\n        Breakpoints and other debugger settings are kept.",
    ),
    (
        Cmd::Whatis,
        "whatis expression\n        Print what the expression's value is: a function, method, class, or the\n        type of the value.",
    ),
];

/// `h exec`.
const HELP_EXEC: &str = "(!) statement\n        Run the statement (one line of Python) in the current frame. The '!'\n        may be left out unless the statement starts like a debugger command\n        (`!n = 1` assigns to n; `n = 1` would be the next command). Assigning\n        to a global needs a 'global' statement first, on the same line:\n        (Pdb) global total; total = 0\n";

/// `h pdb`: what the debugger is and how it is used.
const HELP_PDB: &str = "\nThe evalx debugger (pdb's commands, ipdb's look)\n\
=================================================\n\n\
A program run by evalx stops in the debugger at breakpoint(), at\n\
pdb.set_trace() or ipdb.set_trace(), at the first line under\n\
`evalx --pdb prog.py`, and after an uncaught exception under --pdb\n\
(post-mortem: pdb.post_mortem() and pdb.pm() do the same from the\n\
program). PYTHONBREAKPOINT=0 makes breakpoint() do nothing.\n\n\
At the prompt, a debugger command runs; any other line runs as Python\n\
in the current frame (start it with '!' when it looks like a command).\n\
An empty line repeats the last command ('list' goes on with the next\n\
lines). Several commands may share a line, separated by ';;'; after one\n\
that resumes the program, the rest run at the next stop.\n\n\
Commands may be shortened to the letters shown outside the parentheses\n\
in their help (h(elp) is 'h' or 'help'); [brackets] mark optional\n\
arguments and | separates alternatives. 'help' lists the commands and\n\
'help COMMAND' explains one.\n\n\
Stepping: s(tep) goes into calls, n(ext) stays in the frame, r(eturn)\n\
runs to the frame's return, unt(il) leaves a loop, c(ontinue) runs to\n\
a breakpoint (Ctrl-C stops it again) and j(ump) picks the next line.\n\
Looking: l(ist), ll, w(here), u(p), d(own), p, pp, a(rgs), whatis,\n\
source, display, interact. Breakpoints: b(reak), tbreak, cl(ear),\n\
disable, enable, ignore, condition, commands. The rest: alias, unalias,\n\
debug, run/restart, q(uit).\n";

fn lookup(name: &str) -> Option<Cmd> {
    COMMANDS
        .iter()
        .find(|(names, _)| names.contains(&name))
        .map(|(_, c)| *c)
}

/// Evaluates (`is_eval`) or runs (`single` mode: expression statements print their repr) `src` with the
/// frame's globals and locals. The outer `Err` is a syntax error, shown as `SyntaxError: msg`.
pub(crate) fn eval_in(
    it: &mut Interp,
    view: &FrameView,
    src: &str,
    is_eval: bool,
) -> Result<PyResult<Value>, String> {
    run_in(it, view, src, is_eval, "<stdin>", !is_eval)
}

/// [`eval_in`] with the code's file name and whether expression statements print (`single` mode).
pub(crate) fn run_in(
    it: &mut Interp,
    view: &FrameView,
    src: &str,
    is_eval: bool,
    filename: &str,
    single: bool,
) -> Result<PyResult<Value>, String> {
    let code = crate::compile_source(src, is_eval, filename, single)
        .map_err(|e| format!("{}: {}", e.type_name(), e.msg))?;
    let mut frame = Frame {
        slots: Vec::new(),
        globals: view.globals.clone(),
        locals: view.exec_locals(),
        code,
        line: 1,
    };
    if view.globals.borrow().get_str("__builtins__").is_none() {
        let b = Value::Dict(it.builtins.clone());
        view.globals.borrow_mut().set_str("__builtins__", b);
    }
    let r = it.on_big_stack(|it| it.run_frame(&mut frame));
    let _ = it.out.flush();
    Ok(r)
}

impl<'a> Session<'a> {
    pub(crate) fn new(
        dbg: &'a Debugger,
        stack: Vec<FrameView>,
        live: Option<&'a mut Frame>,
        post_mortem: bool,
    ) -> Session<'a> {
        let cur = stack.len().saturating_sub(1);
        Session {
            dbg,
            stack,
            cur,
            live,
            list_next: None,
            post_mortem,
            at_line: false,
            resumed: false,
        }
    }

    fn write(&self, s: &str) {
        self.dbg.st.borrow_mut().write(s);
    }

    fn error(&self, s: &str) {
        self.write(&format!("*** {s}\n"));
    }

    fn style(&self) -> Style {
        self.dbg.st.borrow().style
    }

    /// Runs the prompt until a command resumes the program (or quits).
    pub(crate) fn run(&mut self, it: &mut Interp, kind: StopKind<'_>) {
        self.at_line = matches!(kind, StopKind::Line) && !self.post_mortem;
        let jumped = std::mem::take(&mut self.dbg.st.borrow_mut().jumped);
        self.dbg.st.borrow_mut().interacting = true;
        if jumped {
            // The stop right after `jump`: pdb only shows the new place.
            self.dbg.st.borrow_mut().currentbp = None;
            self.print_stack_entry(it, self.cur, true);
        } else {
            self.enter(it);
        }
        self.prompt_loop(it);
        self.dbg.st.borrow_mut().interacting = false;
    }

    /// A stop's display: the breakpoint's commands (if it has any) or the location, then the displays that
    /// changed.
    fn enter(&mut self, it: &mut Interp) {
        match self.run_bp_commands(it) {
            // A command of the breakpoint's list resumed the program: no prompt.
            Some(false) => {
                self.resumed = true;
                return;
            }
            Some(true) => {}
            None => self.print_stack_entry(it, self.cur, true),
        }
        self.show_display_changes(it);
    }

    fn prompt_loop(&mut self, it: &mut Interp) {
        if self.resumed {
            return;
        }
        loop {
            // Commands queued by `;;` run first, at this stop or at the next one (pdb's `cmdqueue`).
            let queued = self.dbg.st.borrow_mut().cmdqueue.pop_front();
            let line = match queued {
                Some(l) => Some(l),
                None => {
                    let (prompt, mut console) = {
                        let mut st = self.dbg.st.borrow_mut();
                        let prompt = st
                            .prompt
                            .clone()
                            .unwrap_or_else(|| st.style.prompt().into());
                        // The console is lent out while it reads, so completion can look at the frames.
                        (prompt, std::mem::replace(&mut st.console, Box::new(Lent)))
                    };
                    let line = console.read_line_completing(&prompt, &mut |l: &str, p: usize| {
                        self.complete(it, l, p)
                    });
                    self.dbg.st.borrow_mut().console = console;
                    line
                }
            };
            let line = line.unwrap_or_else(|| "EOF".to_string());
            if let After::Resume = self.onecmd(it, &line) {
                break;
            }
        }
    }

    /// pdb's `precmd`: aliases expanded, then everything after the first `;;` queued for later (`!stmt`
    /// lines too), except in an `alias` command.
    fn precmd(&self, line: &str) -> String {
        if line.trim().is_empty() {
            return line.to_string();
        }
        let mut line = {
            let st = self.dbg.st.borrow();
            extra::expand_aliases(&st.aliases, line)
        };
        if let Some(i) = line.find(";;") {
            if line.split_whitespace().next() != Some("alias") {
                let rest = line[i + 2..].trim_start().to_string();
                self.dbg.st.borrow_mut().cmdqueue.push_back(rest);
                line = line[..i].trim_end().to_string();
            }
        }
        line
    }

    /// `cmd.Cmd.onecmd` after pdb's `precmd`.
    fn onecmd(&mut self, it: &mut Interp, line: &str) -> After {
        let line = self.precmd(line);
        self.dispatch(it, &line)
    }

    /// `cmd.Cmd.onecmd`: an empty line repeats the last command, `!` runs a statement, `?` asks for help,
    /// a command word runs its command and anything else runs as Python.
    fn dispatch(&mut self, it: &mut Interp, line: &str) -> After {
        let line = line.trim();
        if line.is_empty() {
            let last = self.dbg.st.borrow().last_cmd.clone();
            if last.is_empty() {
                return After::Prompt;
            }
            return self.dispatch(it, &last);
        }
        if let Some(stmt) = line.strip_prefix('!') {
            self.default(it, stmt);
            return After::Prompt;
        }
        let line = match line.strip_prefix('?') {
            Some(rest) => format!("help {rest}"),
            None => line.to_string(),
        };
        let n = line
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(line.len());
        let (name, arg) = (&line[..n], line[n..].trim());
        self.dbg.st.borrow_mut().last_cmd = if line == "EOF" {
            String::new()
        } else {
            line.clone()
        };
        if name == "context" && self.style() == Style::Ipdb {
            self.context(arg);
            return After::Prompt;
        }
        match lookup(name) {
            Some(cmd) => self.run_cmd(it, cmd, arg),
            None => {
                self.default(it, &line);
                After::Prompt
            }
        }
    }

    fn run_cmd(&mut self, it: &mut Interp, cmd: Cmd, arg: &str) -> After {
        match cmd {
            Cmd::Help => self.help(arg),
            Cmd::Where if self.style() == Style::Ipdb => self.ipdb_where(it, arg),
            Cmd::Where => self.where_(it),
            Cmd::Up => self.up_down(it, arg, true),
            Cmd::Down => self.up_down(it, arg, false),
            Cmd::Step => return self.resume(Stop::Step),
            Cmd::Next => {
                let id = self.stack[self.cur].id;
                return self.resume(Stop::Next(id));
            }
            Cmd::Return => {
                let ret = self.stack[self.cur].id;
                let stop = self.cur.checked_sub(1).map(|i| self.stack[i].id);
                return self.resume(Stop::Return { stop, ret });
            }
            Cmd::Continue => return self.resume(Stop::Continue),
            Cmd::Quit => return self.resume(Stop::Quit),
            Cmd::Eof => {
                self.write("\n");
                return self.resume(Stop::Quit);
            }
            Cmd::List => self.list(arg),
            Cmd::Args => self.args(it),
            Cmd::Print => self.print(it, arg, false),
            Cmd::PrettyPrint => self.print(it, arg, true),
            Cmd::Break => self.break_(it, arg, false),
            Cmd::Tbreak => self.break_(it, arg, true),
            Cmd::Disable => self.enable(arg, false),
            Cmd::Enable => self.enable(arg, true),
            Cmd::Condition => self.condition(arg),
            Cmd::Until => {
                let v = &self.stack[self.cur];
                let line = if arg.is_empty() {
                    v.line + 1
                } else {
                    match py_int(arg) {
                        Some(n) if n.value <= i64::from(v.line) => {
                            self.error("\"until\" line number is smaller than current line number");
                            return After::Prompt;
                        }
                        Some(n) => u32::try_from(n.value).unwrap_or(u32::MAX),
                        None => {
                            self.error(&format!("Error in argument: '{arg}'"));
                            return After::Prompt;
                        }
                    }
                };
                let frame = v.id;
                return self.resume(Stop::Until { frame, line });
            }
            Cmd::Longlist if self.style() == Style::Ipdb => self.ipdb_longlist(),
            Cmd::Longlist => self.longlist(),
            Cmd::Whatis => self.whatis(it, arg),
            Cmd::Display => self.display(it, arg),
            Cmd::Undisplay => self.undisplay(arg),
            Cmd::Alias => self.alias(arg),
            Cmd::Unalias => self.unalias(arg),
            Cmd::Ignore => self.ignore(arg),
            Cmd::Source => self.source(it, arg),
            Cmd::Commands => self.commands_def(arg),
            Cmd::Interact => self.interact(it),
            Cmd::Jump => return self.jump(it, arg),
            Cmd::Debug => self.debug(it, arg),
            Cmd::Run => {
                let args = if arg.is_empty() {
                    None
                } else {
                    match shlex_split(arg) {
                        Some(a) => Some(a),
                        None => {
                            self.error(&format!("Cannot run {arg}: No closing quotation"));
                            return After::Prompt;
                        }
                    }
                };
                self.dbg.st.borrow_mut().restart = Some(super::Restart { args });
                return self.resume(Stop::Quit);
            }
            Cmd::Clear => self.clear(arg),
            Cmd::Retval => match self.stack[self.cur].return_value() {
                Some(v) => {
                    let r = it.repr(&v);
                    self.show(it, r);
                }
                None => self.error("Not yet returned!"),
            },
        }
        After::Prompt
    }

    fn resume(&mut self, stop: Stop) -> After {
        if !self.post_mortem || stop == Stop::Quit {
            self.dbg.st.borrow_mut().stop = stop;
            if stop == Stop::Continue {
                self.dbg.catch_sigint();
            }
        }
        After::Resume
    }

    /// pdb's `print_stack_entry` for the stop display and `u`/`d`: the location, then `-> line` (pdb) or
    /// three lines of context (ipdb).
    fn print_stack_entry(&self, it: &mut Interp, i: usize, _current: bool) {
        match self.style() {
            Style::Pdb => {
                let v = &self.stack[i];
                let loc = v.location(it);
                let mut s = format!("> {loc}\n");
                if let Some(text) = v.source_line(v.line) {
                    if !text.trim().is_empty() {
                        s.push_str(&format!("-> {}\n", text.trim()));
                    }
                }
                self.write(&s);
            }
            Style::Ipdb => {
                let context = self.dbg.st.borrow().context;
                let mut s = self.ipdb_entry(it, i, context);
                s.push('\n');
                self.write(&s);
            }
        }
    }

    fn bp_numbers(&self, file: &str) -> Vec<(u32, usize)> {
        self.dbg
            .st
            .borrow()
            .bps
            .iter()
            .flatten()
            .filter(|b| &*b.file == file)
            .map(|b| (b.line, b.number))
            .collect()
    }

    /// The lines of `file` that hold a breakpoint (what `l` and `ll` mark with `B`).
    fn bp_lines(&self, file: &str) -> Vec<u32> {
        self.bp_numbers(file).into_iter().map(|(l, _)| l).collect()
    }

    fn help(&self, arg: &str) {
        if arg.is_empty() {
            let mut names: Vec<&str> = COMMANDS
                .iter()
                .flat_map(|(names, _)| names.iter().copied())
                .collect();
            names.sort_unstable();
            let header = "Documented commands (type help <topic>):";
            let mut s = format!("\n{header}\n{}\n", "=".repeat(header.len()));
            s.push_str(&columnize(&names, 79));
            s.push('\n');
            let misc = "Miscellaneous help topics:";
            s.push_str(&format!("{misc}\n{}\n", "=".repeat(misc.len())));
            s.push_str(&columnize(&["exec", "pdb"], 79));
            s.push('\n');
            self.write(&s);
            return;
        }
        match arg {
            "exec" => return self.write(HELP_EXEC),
            "pdb" => return self.write(HELP_PDB),
            _ => {}
        }
        match lookup(arg).and_then(|c| HELP.iter().find(|(h, _)| *h == c)) {
            Some((_, text)) => self.write(&format!("{text}\n")),
            None => self.error(&format!("No help for '{arg}'")),
        }
    }

    fn where_(&self, it: &mut Interp) {
        let mut s = String::new();
        for (i, v) in self.stack.iter().enumerate() {
            s.push_str(if i == self.cur { "> " } else { "  " });
            s.push_str(&v.location(it));
            s.push('\n');
            if let Some(text) = v.source_line(v.line) {
                if !text.trim().is_empty() {
                    s.push_str(&format!("-> {}\n", text.trim()));
                }
            }
        }
        self.write(&s);
    }

    fn up_down(&mut self, it: &mut Interp, arg: &str, up: bool) {
        let last = self.stack.len() - 1;
        if up && self.cur == 0 {
            return self.error("Oldest frame");
        }
        if !up && self.cur == last {
            return self.error("Newest frame");
        }
        let count: i64 = if arg.is_empty() {
            1
        } else {
            match py_int(arg) {
                Some(n) => n.value,
                None => return self.error(&format!("Invalid frame count ({arg})")),
            }
        };
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        self.cur = match (up, count == usize::MAX) {
            (true, true) => 0,
            (true, false) => self.cur.saturating_sub(count),
            (false, true) => last,
            (false, false) => (self.cur.saturating_add(count)).min(last),
        };
        self.list_next = None;
        self.print_stack_entry(it, self.cur, true);
    }

    fn list(&mut self, arg: &str) {
        self.dbg.st.borrow_mut().last_cmd = "list".to_string();
        let v = &self.stack[self.cur];
        let mut last = None;
        let first: i64 = if !arg.is_empty() && arg != "." {
            let parsed: Result<(i64, Option<i64>), ()> = match arg.split_once(',') {
                Some((a, b)) => match (py_int(a), py_int(b)) {
                    (Some(a), Some(b)) => {
                        let (a, b) = (a.value, b.value);
                        Ok((a, Some(if b < a { a.saturating_add(b) } else { b })))
                    }
                    _ => Err(()),
                },
                None => py_int(arg)
                    .map(|a| (a.value.saturating_sub(5).max(1), None))
                    .ok_or(()),
            };
            match parsed {
                Ok((f, l)) => {
                    last = l;
                    f
                }
                Err(()) => return self.error(&format!("Error in argument: '{arg}'")),
            }
        } else if self.list_next.is_none() || arg == "." {
            (v.line as i64 - 5).max(1)
        } else {
            self.list_next.unwrap_or(0) as i64 + 1
        };
        let last = last.unwrap_or(first.saturating_add(10));
        if self.style() == Style::Ipdb {
            return self.ipdb_list_lines(first, last);
        }
        let total = v.source_len() as i64;
        let breaks = self.bp_lines(&v.code.filename);
        let mut s = String::new();
        let from = first.max(1);
        let mut n = from;
        while n <= last.min(total) {
            let text = v.source_line(n as u32).unwrap_or("");
            let cur = n as u32 == v.line;
            let exc = v.exc_line == Some(n as u32);
            s.push_str(&list_line(
                n as u32,
                text,
                breaks.contains(&(n as u32)),
                cur,
                exc,
            ));
            n += 1;
        }
        if total < last {
            s.push_str("[EOF]\n");
        }
        self.write(&s);
        self.list_next = Some(last.min(total).max(0) as u32);
    }

    fn args(&self, it: &mut Interp) {
        let v = &self.stack[self.cur];
        if v.code.kind != crate::compile::ScopeKind::Function {
            return;
        }
        let mut s = String::new();
        for name in v.code.param_names() {
            let val = v.locals.borrow().get_str(name).cloned();
            match val {
                Some(val) => {
                    let r = repr(it, &val);
                    s.push_str(&format!("{name} = {r}\n"));
                }
                None => s.push_str(&format!("{name} = *** undefined ***\n")),
            }
        }
        self.write(&s);
    }

    /// Evaluates in the selected frame; reports errors as pdb does. Writes edits back to the running frame.
    fn eval(&mut self, it: &mut Interp, src: &str, is_eval: bool) -> Option<Value> {
        let view = self.stack[self.cur].clone();
        let r = eval_in(it, &view, src, is_eval);
        if self.cur == self.stack.len() - 1 {
            if let Some(fr) = self.live.as_deref_mut() {
                view::write_back(&view, fr);
            }
        }
        match r {
            Err(syntax) => {
                self.error(&syntax);
                None
            }
            Ok(Err(e)) => {
                let summary = it.to_host_exception(e, None).summary();
                self.error(&summary);
                None
            }
            Ok(Ok(v)) => Some(v),
        }
    }

    fn print(&mut self, it: &mut Interp, arg: &str, pretty: bool) {
        if let Some(v) = self.eval(it, arg, true) {
            let text = if pretty { pformat(it, &v) } else { it.repr(&v) };
            self.show(it, text);
        }
    }

    /// Writes a value's text, or the error its `__repr__` raised (`*** RuntimeError: no repr`, as pdb's
    /// `_msg_val_func` reports it).
    fn show(&self, it: &mut Interp, text: PyResult<String>) {
        match text {
            Ok(t) => self.write(&format!("{t}\n")),
            Err(e) => {
                let summary = it.to_host_exception(e, None).summary();
                self.error(&summary);
            }
        }
    }

    /// A line that is no command: a Python statement (`single` mode) in the selected frame.
    fn default(&mut self, it: &mut Interp, line: &str) {
        self.eval(it, &format!("{line}\n"), false);
    }

    fn break_(&mut self, it: &mut Interp, arg: &str, temporary: bool) {
        if arg.is_empty() {
            let st = self.dbg.st.borrow();
            if st.has_bps() {
                let mut s = "Num Type         Disp Enb   Where\n".to_string();
                for b in st.bps.iter().flatten() {
                    s.push_str(&bp_format(b));
                }
                drop(st);
                self.write(&s);
            }
            return;
        }
        let (mut target, mut cond) = (arg.to_string(), None);
        if let Some(comma) = arg.find(',').filter(|&c| c > 0) {
            cond = Some(arg[comma + 1..].trim_start().to_string()).filter(|c| !c.is_empty());
            target = arg[..comma].trim_end().to_string();
        }
        let cur = self.stack[self.cur].clone();
        let mut file: RcStr = cur.code.filename.clone();
        let mut shown: RcStr = file.clone();
        let mut funcname = None;
        let lineno: i64;
        if let Some(colon) = target.rfind(':') {
            let fname = target[..colon].trim_end();
            match self.resolve_file(fname) {
                Some((f, s)) => (file, shown) = (f.as_str().into(), s.as_str().into()),
                None => return self.error(&format!("'{fname}' not found from sys.path")),
            }
            let rest = target[colon + 1..].trim_start();
            lineno = match py_int(rest) {
                Some(n) => n.value,
                None => return self.error(&format!("Bad lineno: {rest}")),
            };
        } else if let Some(n) = py_int(&target) {
            lineno = n.value;
        } else {
            let func = match eval_in(it, &cur, &target, true) {
                Ok(Ok(Value::Func(f))) => Some(f),
                Ok(Ok(Value::Bound(b))) => match &b.1 {
                    Value::Func(f) => Some(f.clone()),
                    _ => None,
                },
                _ => None,
            };
            let Some(f) = func else {
                return self.error(&format!(
                    "The specified object '{target}' is not a function or was not found along sys.path."
                ));
            };
            funcname = Some(f.code.name.clone());
            lineno = f.code.firstline as i64;
            file = f.code.filename.clone();
            shown = file.clone();
        }
        // pdb's checkline.
        // A file no frame runs is read from disk; one that cannot be read gets the current module's lines
        // (linecache asks the `__main__` loader, which answers with the main script's source).
        let src = self
            .source_of(&file)
            .or_else(|| {
                std::fs::read_to_string(&*file)
                    .ok()
                    .map(|s| s.as_str().into())
            })
            .or_else(|| Some(cur.code.source.clone()));
        let text = src.as_deref().and_then(|s| {
            usize::try_from(lineno)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|n| s.lines().nth(n))
                .map(str::to_string)
        });
        let Some(text) = text else {
            return self.write("End of file\n");
        };
        let t = text.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("\"\"\"") || t.starts_with("'''") {
            return self.error("Blank or comment");
        }
        let mut st = self.dbg.st.borrow_mut();
        let number = st.bps.len() + 1;
        st.bps.push(Some(Bp {
            number,
            file: file.clone(),
            shown: shown.clone(),
            line: lineno as u32,
            funcname,
            func_first_line: None,
            cond,
            hits: 0,
            enabled: true,
            temporary,
            ignore: 0,
        }));
        st.write(&format!("Breakpoint {number} at {shown}:{lineno}\n"));
    }

    /// pdb's `lookupmodule`: the file a typed name denotes among the frames' files, and how pdb prints it.
    fn resolve_file(&self, name: &str) -> Option<(String, String)> {
        lookup_file(name, self.stack.iter().map(|v| &*v.code.filename))
    }

    fn source_of(&self, file: &str) -> Option<RcStr> {
        self.stack
            .iter()
            .find(|v| &*v.code.filename == file)
            .map(|v| v.code.source.clone())
    }

    fn clear(&mut self, arg: &str) {
        if arg.is_empty() {
            let reply = {
                let mut st = self.dbg.st.borrow_mut();
                st.console.read_line("Clear all breaks? ")
            };
            let reply = reply.unwrap_or_else(|| "no".into()).trim().to_lowercase();
            if reply == "y" || reply == "yes" {
                let all: Vec<Bp> = {
                    let mut st = self.dbg.st.borrow_mut();
                    st.bps.iter_mut().filter_map(Option::take).collect()
                };
                for b in all {
                    self.write(&format!("Deleted {}\n", bp_str(&b)));
                }
            }
            return;
        }
        if let Some(i) = arg.rfind(':') {
            let (typed, rest) = (&arg[..i], &arg[i + 1..]);
            let Some(line) = py_int(rest) else {
                return self.error(&format!("Invalid line number ({rest})"));
            };
            // pdb's `canonic`: the name made absolute (here also against the scripts' folders, which is
            // where pdb's working directory usually is), or the frame file it denotes.
            let mut names: Vec<String> =
                self.resolve_file(typed).into_iter().map(|r| r.0).collect();
            let typed_path = std::path::Path::new(typed);
            names.push(args::abspath(typed_path).display().to_string());
            for v in &self.stack {
                if let Some(dir) = std::path::Path::new(&*v.code.filename).parent() {
                    names.push(args::abspath(&dir.join(typed_path)).display().to_string());
                }
            }
            let mut st = self.dbg.st.borrow_mut();
            let in_file = |b: &Bp| names.iter().any(|n| *b.file == **n || *b.shown == **n);
            let Some(shown) = st
                .bps
                .iter()
                .flatten()
                .find(|b| in_file(b))
                .map(|b| b.shown.clone())
            else {
                drop(st);
                let shown = self
                    .resolve_file(typed)
                    .map_or_else(|| names[0].clone(), |r| r.1);
                return self.error(&format!("There are no breakpoints in {shown}"));
            };
            let gone: Vec<Bp> = st
                .bps
                .iter_mut()
                .filter(|b| {
                    b.as_ref()
                        .is_some_and(|b| in_file(b) && i64::from(b.line) == line.value)
                })
                .filter_map(Option::take)
                .collect();
            drop(st);
            if gone.is_empty() {
                return self.error(&format!("There is no breakpoint at {shown}:{}", line.text));
            }
            for b in gone {
                self.write(&format!("Deleted {}\n", bp_str(&b)));
            }
            return;
        }
        for word in arg.split_whitespace() {
            let taken = self.bp_number(word).and_then(|n| {
                self.dbg.st.borrow_mut().bps[n - 1]
                    .take()
                    .ok_or(format!("Breakpoint {n} already deleted"))
            });
            match taken {
                Ok(b) => self.write(&format!("Deleted {}\n", bp_str(&b))),
                Err(e) => self.error(&e),
            }
        }
    }
}

impl Session<'_> {
    /// bdb's `get_bpbynumber`, with its messages.
    fn bp_number(&self, word: &str) -> Result<usize, String> {
        if word.is_empty() {
            return Err("Breakpoint number expected".into());
        }
        let n = py_int(word).ok_or_else(|| format!("Non-numeric breakpoint number {word}"))?;
        let st = self.dbg.st.borrow();
        // `Breakpoint.bpbynumber` is a list whose entry 0 is always None, indexed as Python indexes.
        let len = st.bps.len() as i64 + 1;
        let idx = if n.value < 0 {
            n.value.saturating_add(len)
        } else {
            n.value
        };
        if idx < 0 || idx >= len {
            return Err(format!("Breakpoint number {} out of range", n.text));
        }
        match (idx as usize)
            .checked_sub(1)
            .and_then(|i| st.bps[i].as_ref())
        {
            Some(_) => Ok(idx as usize),
            None => Err(format!("Breakpoint {} already deleted", n.text)),
        }
    }

    fn enable(&self, arg: &str, on: bool) {
        for word in arg.split_whitespace() {
            match self.bp_number(word) {
                Ok(n) => {
                    let mut st = self.dbg.st.borrow_mut();
                    let text = st.bps[n - 1].as_mut().map(|b| {
                        b.enabled = on;
                        bp_str(b)
                    });
                    drop(st);
                    if let Some(t) = text {
                        let verb = if on { "Enabled" } else { "Disabled" };
                        self.write(&format!("{verb} {t}\n"));
                    }
                }
                Err(e) => self.error(&e),
            }
        }
    }

    fn condition(&self, arg: &str) {
        let (num, cond) = match arg.split_once(' ') {
            Some((n, c)) => (n.trim(), Some(c.to_string())),
            None => (arg.trim(), None),
        };
        match self.bp_number(num) {
            Ok(n) => {
                let cond = cond.filter(|c| !c.is_empty());
                let message = match &cond {
                    None => format!("Breakpoint {n} is now unconditional.\n"),
                    Some(_) => format!("New condition set for breakpoint {n}.\n"),
                };
                if let Some(b) = self.dbg.st.borrow_mut().bps[n - 1].as_mut() {
                    b.cond = cond;
                }
                self.write(&message);
            }
            Err(e) => self.error(&e),
        }
    }

    /// `ll`: the current function's lines (its `def` line and the indented block after it), or the whole
    /// module at the top level.
    fn longlist(&self) {
        let v = &self.stack[self.cur];
        let lines: Vec<&str> = v.code.source.lines().collect();
        let (first, last) = if v.code.kind == crate::compile::ScopeKind::Module {
            (1, lines.len())
        } else {
            view::block_range(&v.code.source, v.code.firstline as usize)
        };
        let breaks = self.bp_lines(&v.code.filename);
        let mut s = String::new();
        for n in first..=last.min(lines.len()) {
            let n32 = n as u32;
            s.push_str(&list_line(
                n32,
                lines[n - 1],
                breaks.contains(&n32),
                n32 == v.line,
                v.exc_line == Some(n32) && n32 != v.line,
            ));
        }
        self.write(&s);
    }

    fn whatis(&mut self, it: &mut Interp, arg: &str) {
        let Some(v) = self.eval(it, arg, true) else {
            return;
        };
        let text = match &v {
            Value::Bound(b) => match &b.1 {
                Value::Func(f) => format!("Method {}", f.code.name),
                _ => repr(it, &Value::Class(it.type_of(&v))),
            },
            Value::Func(f) => format!("Function {}", f.code.name),
            Value::Class(c) => {
                let module = match c.attrs.borrow().get_str("__module__") {
                    Some(Value::Str(m)) => m.to_string(),
                    _ => "builtins".to_string(),
                };
                format!("Class {module}.{}", c.name)
            }
            _ => repr(it, &Value::Class(it.type_of(&v))),
        };
        self.write(&format!("{text}\n"));
    }
}

/// `str(Breakpoint)`.
fn bp_str(b: &Bp) -> String {
    format!("breakpoint {} at {}:{}", b.number, b.shown, b.line)
}

/// `Breakpoint.bpformat()`.
fn bp_format(b: &Bp) -> String {
    let disp = if b.temporary { "del  " } else { "keep " };
    let enb = if b.enabled { "yes  " } else { "no   " };
    let mut s = format!(
        "{:<4}breakpoint   {disp}{enb} at {}:{}\n",
        b.number, b.shown, b.line
    );
    if let Some(c) = &b.cond {
        s.push_str(&format!("\tstop only if {c}\n"));
    }
    if b.ignore > 0 {
        s.push_str(&format!("\tignore next {} hits\n", b.ignore));
    }
    if b.hits > 0 {
        let ss = if b.hits > 1 { "s" } else { "" };
        s.push_str(&format!("\tbreakpoint already hit {} time{ss}\n", b.hits));
    }
    s
}

fn repr(it: &mut Interp, v: &Value) -> String {
    it.repr(v).unwrap_or_else(|_| v.repr())
}

/// `shlex.split`: words split at blanks, with '...' and "..." quoting and backslash escapes; `None` for an
/// unclosed quotation.
fn shlex_split(s: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => cur.push(c),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\' | '$' | '`') => cur.push(c),
                            c => {
                                cur.push('\\');
                                cur.push(c);
                            }
                        },
                        c => cur.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    cur.push(c);
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shlex_split_quotes_as_a_shell_does() {
        let w = |s: &str| shlex_split(s);
        assert_eq!(
            w("a \"b c\" 'd e'"),
            Some(vec!["a".into(), "b c".into(), "d e".into()])
        );
        assert_eq!(w("x\\ y z"), Some(vec!["x y".into(), "z".into()]));
        assert_eq!(w("''"), Some(vec![String::new()]));
        assert_eq!(w("'open"), None);
    }
}

//! `debug code`: a second debugger for one statement typed at the prompt (pdb's recursive debugger).

use super::{Lent, Session, run_in};
use crate::debugger::{Debugger, Stop, quit_error_text};
use crate::interp::{ExcKind, Interp, LineHook};
use std::rc::Rc;

impl Session<'_> {
    pub(super) fn debug(&mut self, it: &mut Interp, arg: &str) {
        let view = self.stack[self.cur].clone();
        let (console, style, prompt) = {
            let mut st = self.dbg.st.borrow_mut();
            let prompt = st
                .prompt
                .clone()
                .unwrap_or_else(|| st.style.prompt().into());
            (
                std::mem::replace(&mut st.console, Box::new(Lent)),
                st.style,
                prompt,
            )
        };
        let nested = Debugger::with_console(console).with_style(style);
        {
            let mut st = nested.st.borrow_mut();
            st.prompt = Some(format!("({}) ", prompt.trim()));
            st.stop = Stop::FirstLine;
            st.base_depth = it.frames.len();
            st.write("ENTERING RECURSIVE DEBUGGER\n");
        }
        let outer: Option<Rc<LineHook>> = it.line_hook.replace(Rc::new(nested.clone()));
        nested.apply(it);
        let r = run_in(it, &view, &format!("{arg}\n"), false, "<string>", false);
        it.line_hook = outer;
        it.set_tracing(false);
        it.poll_sigint = false;
        let (console, last) = {
            let mut st = nested.st.borrow_mut();
            (
                std::mem::replace(&mut st.console, Box::new(Lent)),
                st.last_cmd.clone(),
            )
        };
        let mut st = self.dbg.st.borrow_mut();
        st.console = console;
        st.last_cmd = last;
        drop(st);
        match r {
            Err(syntax) => self.error(&syntax),
            Ok(Err(e)) if matches!(&e.kind, ExcKind::Limit(m) if m == quit_error_text()) => {}
            Ok(Err(e)) => {
                let summary = it.to_host_exception(e, None).summary();
                self.error(&summary);
            }
            Ok(Ok(_)) => {}
        }
        self.write("LEAVING RECURSIVE DEBUGGER\n");
    }
}

//! Tab completion at the prompt (ipdb's, through the terminal's line editor): the first word completes
//! to commands and names; after it, the word under the cursor completes to the selected frame's names
//! (locals, globals, builtins) or, after a dot, to the attributes of what precedes it (`dir()`).

use super::{COMMANDS, Session, eval_in};
use crate::interp::Interp;
use crate::value::Value;

impl Session<'_> {
    /// The completions of `line` at byte `pos`: where the completed word starts, and the candidates
    /// (sorted, without duplicates).
    pub(crate) fn complete(
        &mut self,
        it: &mut Interp,
        line: &str,
        pos: usize,
    ) -> (usize, Vec<String>) {
        let pos = pos.min(line.len());
        let head = &line[..pos];
        // The word under the cursor: a dotted name.
        let start = head
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[start..];
        let first_word = head[..start].trim().is_empty();
        let mut out: Vec<String> = Vec::new();
        if let Some(dot) = word.rfind('.') {
            let (obj, attr) = (&word[..dot], &word[dot + 1..]);
            if obj.is_empty() {
                return (pos, Vec::new());
            }
            let view = self.stack[self.cur].clone();
            if let Ok(Ok(v)) = eval_in(it, &view, obj, true) {
                if let Ok(names) = crate::describe::dir_of(it, &v) {
                    out.extend(
                        names
                            .into_iter()
                            .filter(|n| n.starts_with(attr))
                            .map(|n| format!("{obj}.{n}")),
                    );
                }
            }
        } else {
            if first_word {
                for (names, _) in COMMANDS {
                    out.extend(
                        names
                            .iter()
                            .filter(|n| n.starts_with(word))
                            .map(|n| n.to_string()),
                    );
                }
            }
            let view = &self.stack[self.cur];
            let mut add = |d: &crate::value::Dict| {
                for k in d.map().keys() {
                    if let Value::Str(s) = &k.0 {
                        if s.starts_with(word) {
                            out.push(s.to_string());
                        }
                    }
                }
            };
            add(&view.locals.borrow());
            add(&view.globals.borrow());
            add(&it.builtins.borrow());
        }
        out.sort();
        out.dedup();
        (start, out)
    }
}

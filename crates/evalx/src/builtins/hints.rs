//! "Did you mean" suggestions for NameError and AttributeError, with a bounded search.

use super::*;

pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // CPython's costs (`suggestions.c`): 2 to insert, delete or replace a character, 1 to change its case.
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| 2 * j).collect();
    for i in 1..=a.len() {
        let mut cur = vec![2 * i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = if a[i - 1] == b[j - 1] {
                0
            } else if a[i - 1].eq_ignore_ascii_case(&b[j - 1]) {
                1
            } else {
                2
            };
            cur[j] = (prev[j] + 2).min(cur[j - 1] + 2).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// CPython's bounds on the "Did you mean" search (`suggestions.c`), which keep it cheap: namespaces with more
/// names than this are not searched, and names longer than [`HINT_MAX_NAME`] are not compared.
const HINT_MAX_CANDIDATES: usize = 750;
const HINT_MAX_NAME: usize = 40;

pub(crate) fn best_match(name: &str, candidates: impl Iterator<Item = String>) -> Option<String> {
    if name.len() > HINT_MAX_NAME {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        if c == name || c.len() > HINT_MAX_NAME {
            continue;
        }
        // CPython's bound: no more than a third of the characters involved may change, and a
        // candidate must beat the best so far.
        let mut max = (name.len() + c.len() + 3) * 2 / 6;
        if let Some((bd, _)) = &best {
            max = max.min(bd.saturating_sub(1));
        }
        let d = levenshtein(name, &c);
        if d <= max && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// CPython's top-level "Did you mean" hint for NameError / AttributeError.
pub fn did_you_mean(
    it: &mut Interp,
    cls: &Rc<Class>,
    inst: &Rc<Instance>,
    msg: &str,
    fr: &Frame,
) -> String {
    let quoted = |s: &str| -> Option<String> {
        let start = s.find('\'')? + 1;
        let end = start + s[start..].find('\'')?;
        Some(s[start..end].to_string())
    };
    if cls.is_subclass(&it.types.exc["NameError"]) && msg.starts_with("name '") {
        let Some(name) = quoted(msg) else {
            return String::new();
        };
        let mut cands: Vec<String> = Vec::new();
        for d in [frame_locals(fr), fr.globals.clone()] {
            if d.borrow().map().len() > HINT_MAX_CANDIDATES {
                continue;
            }
            cands.extend(d.borrow().map().keys().filter_map(|k| {
                if let Value::Str(s) = &k.0 {
                    Some(s.to_string())
                } else {
                    None
                }
            }));
        }
        let b = fr.globals.borrow().get_str("__builtins__").cloned();
        if let Some(Value::Dict(bd)) = b.filter(
            |b| matches!(b, Value::Dict(d) if d.borrow().map().len() <= HINT_MAX_CANDIDATES),
        ) {
            cands.extend(bd.borrow().map().keys().filter_map(|k| {
                if let Value::Str(s) = &k.0 {
                    Some(s.to_string())
                } else {
                    None
                }
            }));
        }
        return best_match(&name, cands.into_iter())
            .map(|c| format!(". Did you mean: '{c}'?"))
            .unwrap_or_default();
    }
    if cls.is_subclass(&it.types.exc["AttributeError"]) && msg.contains("has no attribute '") {
        let Some(attr) = msg
            .rsplit("attribute '")
            .next()
            .and_then(|s| s.strip_suffix('\''))
        else {
            return String::new();
        };
        // The object the interpreter's AttributeError is about: CPython searches `dir(obj)`.
        let obj = inst.dict.get_str("obj");
        if let Some(obj) = obj.filter(|o| !matches!(o, Value::None)) {
            return match crate::describe::dir_of(it, &obj) {
                Ok(names) if names.len() <= HINT_MAX_CANDIDATES => {
                    best_match(attr, names.into_iter())
                        .map(|c| format!(". Did you mean: '{c}'?"))
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
        }
        let tn = quoted(msg).unwrap_or_default();
        let obj_kind = [
            ("list", &it.types.list),
            ("dict", &it.types.dict),
            ("str", &it.types.str_),
            ("set", &it.types.set),
            ("tuple", &it.types.tuple),
            ("int", &it.types.int),
            ("float", &it.types.float),
        ]
        .iter()
        .find(|(n, _)| *n == tn)
        .map(|(_, c)| c.kind);
        if let Some(k) = obj_kind {
            let names = crate::methods::method_names(k)
                .iter()
                .map(|s| s.to_string());
            return best_match(attr, names)
                .map(|c| format!(". Did you mean: '{c}'?"))
                .unwrap_or_default();
        }
    }
    String::new()
}

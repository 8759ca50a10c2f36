//! How pdb reads its commands' arguments: Python's `int()` for numbers (any size: a line or breakpoint
//! number too large for the machine still gets pdb's "End of file" or "out of range" answer, never a parse
//! error), and `lookupmodule`/`canonic` for file names (absolute, `./`-relative or bare, with or without
//! `.py`).

use std::path::{Component, Path, PathBuf};

/// A number as Python's `int(text)` reads it (surrounding spaces, a sign, `_` between digits), saturated
/// to `i64`, with its text as `str(int(text))` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyInt {
    pub value: i64,
    pub text: String,
}

/// `int(text)`, or `None` where Python raises ValueError.
pub(crate) fn py_int(text: &str) -> Option<PyInt> {
    let t = text.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut clean = String::with_capacity(digits.len());
    for c in digits.chars() {
        match c {
            '0'..='9' => clean.push(c),
            '_' => {}
            _ => return None,
        }
    }
    let trimmed = clean.trim_start_matches('0');
    let magnitude = if trimmed.is_empty() { "0" } else { trimmed };
    let text = if neg && magnitude != "0" {
        format!("-{magnitude}")
    } else {
        magnitude.to_string()
    };
    let value = text
        .parse::<i64>()
        .unwrap_or(if neg { i64::MIN } else { i64::MAX });
    Some(PyInt { value, text })
}

/// `os.path.abspath`: absolute, with `.` and `..` folded (symbolic links are left alone, as Python does).
pub(crate) fn abspath(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// pdb's `lookupmodule` against the files the debugger knows (`known`, the code objects' file names): the
/// name as typed, then with `.py` added, absolute or relative to the directory of a known file (the main
/// script's, `sys.path[0]`) or to the working directory. Returns the known name it denotes and the
/// absolute path pdb would print, or `None` ("not found from sys.path").
pub(crate) fn lookup_file<'a>(
    typed: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Option<(String, String)> {
    if let Some(k) = known.clone().find(|k| *k == typed) {
        return Some((k.to_string(), k.to_string()));
    }
    let mut names = vec![typed.to_string()];
    if Path::new(typed).extension().is_none() {
        names.push(format!("{typed}.py"));
    }
    for name in &names {
        let p = Path::new(name);
        let mut candidates = Vec::new();
        if p.is_absolute() {
            candidates.push(abspath(p));
        } else {
            for k in known.clone() {
                if let Some(dir) = Path::new(k).parent() {
                    candidates.push(abspath(&dir.join(p)));
                }
            }
            candidates.push(abspath(p));
        }
        for cand in candidates {
            let Ok(real) = cand.canonicalize() else {
                continue;
            };
            for k in known.clone() {
                if Path::new(k).canonicalize().is_ok_and(|kr| kr == real) {
                    return Some((k.to_string(), cand.display().to_string()));
                }
            }
        }
    }
    // pdb takes any absolute name as it is, even of a file that does not exist (yet).
    let last = names.last()?;
    Path::new(last)
        .is_absolute()
        .then(|| (last.clone(), last.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn py_int_reads_what_python_int_reads() {
        let n = |s: &str| py_int(s).map(|p| (p.value, p.text));
        assert_eq!(n(" 12 "), Some((12, "12".into())));
        assert_eq!(n("+0012"), Some((12, "12".into())));
        assert_eq!(n("-0"), Some((0, "0".into())));
        assert_eq!(n("1_000"), Some((1000, "1000".into())));
        assert_eq!(
            n("99999999999999999999"),
            Some((i64::MAX, "99999999999999999999".into()))
        );
        assert_eq!(
            n("-99999999999999999999"),
            Some((i64::MIN, "-99999999999999999999".into()))
        );
        for bad in ["", "-", "1__0", "_1", "1_", "x", "1.5", "0x10"] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }

    #[test]
    fn files_are_found_by_any_path_to_them() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let prog = dir.path().join("prog.py");
        std::fs::write(&prog, "x = 1\n").expect("write");
        let known = prog.display().to_string();
        let k = || std::iter::once(known.as_str());
        assert_eq!(
            lookup_file(&known, k()),
            Some((known.clone(), known.clone()))
        );
        assert_eq!(
            lookup_file("./prog.py", k()),
            Some((known.clone(), known.clone()))
        );
        assert_eq!(
            lookup_file("prog", k()),
            Some((known.clone(), known.clone()))
        );
        let dotted = format!(
            "{}/../{}/prog.py",
            dir.path().display(),
            dir.path()
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
        );
        assert_eq!(
            lookup_file(&dotted, k()),
            Some((known.clone(), known.clone()))
        );
        assert_eq!(lookup_file("other.py", k()), None);
        assert_eq!(
            lookup_file("/no/such", k()),
            Some(("/no/such.py".into(), "/no/such.py".into()))
        );
    }
}

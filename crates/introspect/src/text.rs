//! Text helpers that reproduce pydoc's and inspect's string handling exactly: docstring cleaning
//! (`inspect.cleandoc` + `pydoc.getdoc`), indentation, the synopsis split, which names a page shows, and
//! Python's `repr` of a str (for "No Python documentation found for 'x'.").

/// Cleans a raw docstring as `pydoc.getdoc` does: tabs expanded to 8 columns, the first line stripped, the
/// common indentation of the other lines removed, leading and trailing blank lines dropped.
pub fn clean_doc(doc: &str) -> String {
    let expanded = expand_tabs(doc);
    let lines: Vec<&str> = expanded.split('\n').collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter_map(|line| {
            let content = line.trim_start_matches(' ');
            (!content.is_empty()).then(|| line.len() - content.len())
        })
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push(line.trim_start().to_owned());
        } else {
            let cut = margin.min(line.len() - line.trim_start_matches(' ').len());
            out.push(line[cut..].to_owned());
        }
    }
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    let joined = out.join("\n");
    joined.trim_end().to_owned()
}

/// The plain text of a Rust doc comment from its `#[doc = "..."]` lines: unindented as rustdoc does (the
/// indentation common to all non-blank lines is removed, so indented code blocks keep their relative
/// indentation), then rendered from Markdown by [`markdown_to_text`]. Used by `#[derive(Introspect)]`.
pub fn doc_from_lines(lines: &[&str]) -> String {
    let joined = expand_tabs(&lines.join("\n"));
    let margin = joined
        .split('\n')
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let unindented: Vec<&str> = joined
        .split('\n')
        .map(|line| {
            if line.trim().is_empty() {
                ""
            } else {
                &line[margin..]
            }
        })
        .collect();
    markdown_to_text(&unindented.join("\n"))
}

/// A Markdown doc comment (as rustdoc reads it) as the plain text of a help page: `` `code` ``, emphasis
/// and link markup dropped (an external link keeps its address), headings underlined, lists and quotes kept,
/// code blocks indented by four spaces without rustdoc's hidden `# ` lines, tables aligned. Parsed by
/// pulldown-cmark, the parser rustdoc uses. Python docstrings are not Markdown: use [`clean_doc`] for them.
pub fn markdown_to_text(markdown: &str) -> String {
    doc_text(&crate::markdown::plain_text(markdown))
}

/// pydoc's last touch on a doc (`getdoc`): trailing whitespace and leading blank lines removed. The renderer
/// applies only this, so a description's doc must already be clean: pass raw Python docstrings through
/// [`clean_doc`] first.
pub fn doc_text(doc: &str) -> String {
    let trimmed = doc.trim_end();
    let mut start = 0;
    for line in trimmed.split_inclusive('\n') {
        if line.trim().is_empty() {
            start += line.len();
        } else {
            break;
        }
    }
    trimmed[start..].to_owned()
}

fn expand_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    for ch in text.chars() {
        match ch {
            '\t' => {
                let pad = 8 - column % 8;
                out.extend(std::iter::repeat_n(' ', pad));
                column += pad;
            }
            '\n' | '\r' => {
                out.push(ch);
                column = 0;
            }
            _ => {
                out.push(ch);
                column += 1;
            }
        }
    }
    out
}

/// pydoc's `TextDoc.indent`: `prefix` before every line, trailing whitespace removed from the last one.
/// Empty text stays empty.
pub fn indent(text: &str, prefix: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|line| format!("{prefix}{line}"))
        .collect();
    if let Some(last) = lines.last_mut() {
        let trimmed = last.trim_end().len();
        last.truncate(trimmed);
    }
    lines.join("\n")
}

/// pydoc's `splitdoc`: a one-line doc is all synopsis; a first line followed by a blank line is the synopsis
/// and the rest the description; otherwise there is no synopsis.
pub fn split_doc(doc: &str) -> (String, String) {
    let stripped = doc.trim();
    let lines: Vec<&str> = stripped.split('\n').collect();
    match lines.as_slice() {
        [only] => ((*only).to_owned(), String::new()),
        [first, second, rest @ ..] if second.trim_end().is_empty() => {
            ((*first).to_owned(), rest.join("\n"))
        }
        _ => (String::new(), lines.join("\n")),
    }
}

/// pydoc's `visiblename`: whether a page shows the attribute `name`. Internal dunders (`__doc__`,
/// `__module__`, ...) are hidden, other dunders shown, `_private` names hidden unless `all` lists them.
pub fn visible_name(name: &str, all: Option<&[String]>) -> bool {
    const HIDDEN: [&str; 16] = [
        "__author__",
        "__builtins__",
        "__cached__",
        "__credits__",
        "__date__",
        "__doc__",
        "__file__",
        "__spec__",
        "__loader__",
        "__module__",
        "__name__",
        "__package__",
        "__path__",
        "__qualname__",
        "__slots__",
        "__version__",
    ];
    if HIDDEN.contains(&name) {
        return false;
    }
    if name.len() >= 4 && name.starts_with("__") && name.ends_with("__") {
        return true;
    }
    match all {
        Some(all) => all.iter().any(|n| n == name),
        None => !name.starts_with('_'),
    }
}

/// Python's `repr()` of a str: single quotes unless the text holds a `'` and no `"`, with backslash escapes
/// for the quote, backslash and control characters.
pub fn py_str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// pydoc's `docother` with `maxlen`: `name = repr`, the repr cut so the line fits `maxlen` code points, with
/// `...` appended when cut.
pub fn data_line(name: &str, repr: &str, maxlen: usize) -> String {
    let line_len = name.chars().count() + 3 + repr.chars().count();
    if line_len > maxlen {
        let over = line_len - maxlen;
        let keep = repr.chars().count().saturating_sub(over);
        let cut: String = repr.chars().take(keep).collect();
        format!("{name} = {cut}...")
    } else {
        format!("{name} = {repr}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_doc_removes_common_margin_and_blank_edges() {
        let raw = "\n    Add things.\n\n        Indented more.\n    Back.\n    ";
        assert_eq!(clean_doc(raw), "Add things.\n\n    Indented more.\nBack.");
        assert_eq!(
            clean_doc("Add things.\n\n    Longer."),
            "Add things.\n\nLonger."
        );
        assert_eq!(clean_doc(""), "");
        assert_eq!(clean_doc("a\tb"), "a       b");
    }

    #[test]
    fn rust_doc_lines_are_unindented_like_rustdoc() {
        let lines = [" A point.", "", " Example:", "", "     let p = 1;", ""];
        assert_eq!(
            doc_from_lines(&lines),
            "A point.\n\nExample:\n\n    let p = 1;"
        );
        assert_eq!(
            doc_from_lines(&["\n  Block comment.\n  Second line.\n  "]),
            "Block comment.\nSecond line."
        );
        assert_eq!(doc_from_lines(&[]), "");
        assert_eq!(doc_text("\n  \nText.  \n\n"), "Text.");
    }

    #[test]
    fn indent_rstrips_only_the_last_line() {
        assert_eq!(indent("a\n\nb", " |  "), " |  a\n |  \n |  b");
        assert_eq!(indent("a\n", "    "), "    a\n");
        assert_eq!(indent("", "    "), "");
    }

    #[test]
    fn split_doc_follows_pydoc() {
        assert_eq!(split_doc("One line."), ("One line.".into(), String::new()));
        assert_eq!(
            split_doc("Synopsis.\n\nMore.\nAnd more."),
            ("Synopsis.".into(), "More.\nAnd more.".into())
        );
        assert_eq!(
            split_doc("No blank\nsecond line"),
            (String::new(), "No blank\nsecond line".into())
        );
    }

    #[test]
    fn visible_names() {
        assert!(visible_name("__init__", None));
        assert!(!visible_name("__doc__", None));
        assert!(!visible_name("_private", None));
        assert!(visible_name("public", None));
        let all = vec!["_exported".to_owned()];
        assert!(visible_name("_exported", Some(&all)));
        assert!(!visible_name("public", Some(&all)));
    }

    #[test]
    fn repr_of_str_matches_python() {
        assert_eq!(py_str_repr("nonexistent_xyz"), "'nonexistent_xyz'");
        assert_eq!(py_str_repr("it's"), "\"it's\"");
        assert_eq!(py_str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(py_str_repr("tab\there\\"), "'tab\\there\\\\'");
        assert_eq!(py_str_repr("\u{1}é"), "'\\x01é'");
    }

    #[test]
    fn data_line_cuts_at_seventy_columns() {
        let repr =
            "'a fairly long string value that will certainly be chopped by pydoc at seventy'";
        assert_eq!(
            data_line("LONG", repr, 70),
            "LONG = 'a fairly long string value that will certainly be chopped by p..."
        );
        assert_eq!(
            data_line("pi", "3.141592653589793", 70),
            "pi = 3.141592653589793"
        );
    }
}

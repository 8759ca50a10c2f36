//! Rust doc comments (CommonMark, as rustdoc reads them) rendered to the plain text of a help page.
//!
//! Parsing is pulldown-cmark's (the parser rustdoc itself uses); this module only decides how each element
//! looks in plain text: inline code, emphasis and links lose their markup (`` `push` `` prints `push`,
//! ``[`Vec`]`` prints `Vec`, an external link keeps its address in angle brackets), headings are underlined,
//! lists keep their bullets and numbers, block quotes their `> `, code blocks are indented by four spaces with
//! rustdoc's hidden `# ` lines of Rust examples left out, and tables are aligned in columns. The author's line
//! breaks inside a paragraph are kept: a help page is read in a terminal, not reflowed.

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

/// The plain text of a Markdown doc comment (already unindented), without trailing whitespace.
pub fn plain_text<'a>(markdown: &'a str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    // rustdoc's intra-doc links ([`Vec`], [Stack::push]) have no definition in the text: keep them as links
    // to nowhere, so their text prints without the brackets. Anything else in brackets stays as written.
    let intra_doc = |link: BrokenLink<'a>| -> Option<(CowStr<'a>, CowStr<'a>)> {
        looks_like_path(&link.reference).then(|| (link.reference, CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(markdown, options, Some(intra_doc));
    let mut writer = Writer::default();
    for event in parser {
        writer.event(event);
    }
    writer.finish()
}

/// Whether a bracketed reference reads as an item path (`Vec`, `Stack::push`, `` `fmt::Display` ``,
/// `Option<T>`, `push()`), which rustdoc would resolve as an intra-doc link.
fn looks_like_path(reference: &str) -> bool {
    let inner = reference.trim().trim_matches('`');
    let inner = inner.strip_suffix("()").unwrap_or(inner);
    let inner = inner.strip_suffix('!').unwrap_or(inner);
    let inner = inner.split_once('@').map_or(inner, |(namespace, rest)| {
        if [
            "struct", "enum", "trait", "fn", "method", "mod", "type", "const", "macro",
        ]
        .contains(&namespace)
        {
            rest
        } else {
            inner
        }
    });
    !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '<' | '>' | ',' | ' ' | '&'))
        && inner
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// A container whose lines carry a prefix: a list item (`- ` then two spaces), a block quote (`> `) or a
/// footnote definition.
struct Prefix {
    first: String,
    rest: String,
    used: bool,
}

/// A table being collected: rows of cells, the head row first.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    head_rows: usize,
}

#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    line: String,
    prefixes: Vec<Prefix>,
    /// A blank line goes before the next block.
    blank_before_next: bool,
    /// Inside a code block: whether it is Rust (hidden `# ` lines are left out).
    code: Option<bool>,
    /// Open lists: the next number of an ordered one, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// Open links: the address, and where the link text starts in the line.
    links: Vec<(String, usize)>,
    /// Open headings: where the heading text starts.
    heading: bool,
    table: Option<Table>,
    cell: Option<String>,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(&code),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.inline(&math),
            // Raw HTML in a doc comment is usually a generic type written without backticks (`Vec<T>`,
            // which CommonMark reads as a tag): print it as written.
            Event::Html(html) => self.text(&html),
            Event::InlineHtml(html) => self.inline(&html),
            Event::FootnoteReference(label) => self.inline(&format!("[{label}]")),
            Event::SoftBreak | Event::HardBreak => {
                if self.cell.is_some() {
                    self.inline(" ");
                } else {
                    self.flush_line();
                }
            }
            Event::Rule => {
                self.block_start();
                self.line.push_str(&"-".repeat(10));
                self.block_end();
            }
            Event::TaskListMarker(done) => self.inline(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.block_start(),
            Tag::Heading { .. } => {
                self.block_start();
                self.heading = true;
            }
            Tag::BlockQuote(_) => {
                self.block_start();
                self.push_prefix("> ", "> ");
            }
            Tag::CodeBlock(kind) => {
                self.block_start();
                let rust = match kind {
                    CodeBlockKind::Indented => true,
                    CodeBlockKind::Fenced(info) => is_rust(&info),
                };
                self.code = Some(rust);
            }
            Tag::HtmlBlock => self.block_start(),
            Tag::List(start) => {
                // A list nested in a tight item starts on the next line, not after a blank one.
                if self.lists.is_empty() {
                    self.block_start();
                } else {
                    self.flush_line();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                if self.blank_before_next {
                    self.blank_line();
                    self.blank_before_next = false;
                }
                self.flush_line();
                let bullet = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let bullet = format!("{number}. ");
                        *number += 1;
                        bullet
                    }
                    _ => "- ".to_owned(),
                };
                let rest = " ".repeat(bullet.len());
                self.push_prefix(&bullet, &rest);
            }
            Tag::FootnoteDefinition(label) => {
                self.block_start();
                let first = format!("[{label}]: ");
                let rest = " ".repeat(first.chars().count());
                self.push_prefix(&first, &rest);
            }
            Tag::Table(_) => {
                self.block_start();
                self.table = Some(Table::default());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.cell = Some(String::new()),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let start = self.cell.as_ref().map_or(self.line.len(), String::len);
                self.links.push((dest_url.to_string(), start));
            }
            // Emphasis, strong, strikethrough and the rest only change how text looks.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.block_end(),
            TagEnd::Heading(level) => {
                self.heading = false;
                let width = self.line.chars().count();
                self.flush_line();
                let mark = if level == HeadingLevel::H1 { '=' } else { '-' };
                self.line = mark.to_string().repeat(width.max(1));
                self.block_end();
            }
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.flush_line();
                self.prefixes.pop();
                self.blank_before_next = true;
            }
            TagEnd::CodeBlock => {
                self.code = None;
                self.block_end();
            }
            TagEnd::List(_) => {
                self.flush_line();
                self.lists.pop();
                // After a nested list the enclosing item goes on; only a top-level list ends a block.
                self.blank_before_next = self.lists.is_empty();
            }
            TagEnd::Item => {
                self.flush_line();
                self.prefixes.pop();
            }
            TagEnd::TableCell => {
                let cell = self.cell.take().unwrap_or_default();
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(cell.trim().to_owned());
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.head_rows = table.rows.len();
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    for line in table_lines(&table) {
                        self.line = line;
                        self.flush_line();
                    }
                }
                self.block_end();
            }
            TagEnd::Link | TagEnd::Image => {
                let Some((dest, start)) = self.links.pop() else {
                    return;
                };
                let target = self.cell.as_ref().unwrap_or(&self.line);
                let text = target.get(start..).unwrap_or("").trim();
                // An external address is worth printing unless the text already is the address; a local
                // link (an item path, an anchor) is noise in plain text.
                let external = dest.contains("://") || dest.starts_with("mailto:");
                let shown = dest.strip_prefix("mailto:").unwrap_or(&dest);
                if external && text != dest && text != shown {
                    self.inline(&format!(" <{dest}>"));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        match self.code {
            Some(rust) => {
                for line in text.lines() {
                    if rust && is_hidden_rust_line(line) {
                        continue;
                    }
                    let line = if rust { unescape_hash(line) } else { line };
                    self.line = format!("    {line}");
                    self.flush_line();
                }
            }
            None => {
                let mut parts = text.split('\n');
                if let Some(first) = parts.next() {
                    self.inline(first);
                }
                for part in parts {
                    self.flush_line();
                    self.inline(part);
                }
            }
        }
    }

    fn inline(&mut self, text: &str) {
        match &mut self.cell {
            Some(cell) => cell.push_str(text),
            None => self.line.push_str(text),
        }
    }

    fn push_prefix(&mut self, first: &str, rest: &str) {
        self.prefixes.push(Prefix {
            first: first.to_owned(),
            rest: rest.to_owned(),
            used: false,
        });
    }

    fn block_start(&mut self) {
        self.flush_line();
        if self.blank_before_next {
            self.blank_line();
        }
        self.blank_before_next = false;
    }

    fn block_end(&mut self) {
        self.flush_line();
        self.blank_before_next = true;
    }

    /// Writes the current line (if any) under the open prefixes.
    fn flush_line(&mut self) {
        if self.line.is_empty() {
            return;
        }
        let mut out = String::new();
        for prefix in &mut self.prefixes {
            if prefix.used {
                out.push_str(&prefix.rest);
            } else {
                out.push_str(&prefix.first);
                prefix.used = true;
            }
        }
        out.push_str(&self.line);
        self.line.clear();
        self.lines.push(out.trim_end().to_owned());
    }

    fn blank_line(&mut self) {
        if self.lines.is_empty() {
            return;
        }
        let prefix: String = self
            .prefixes
            .iter()
            .map(|p| if p.used { p.rest.as_str() } else { "" })
            .collect();
        let blank = prefix.trim_end().to_owned();
        if self.lines.last() != Some(&blank) {
            self.lines.push(blank);
        }
    }

    fn finish(mut self) -> String {
        self.flush_line();
        while self.lines.last().is_some_and(|l| l.trim().is_empty()) {
            self.lines.pop();
        }
        self.lines.join("\n")
    }
}

/// Whether a fenced block's info string marks Rust code: empty, `rust`, or only rustdoc's test attributes.
fn is_rust(info: &str) -> bool {
    const RUSTDOC: [&str; 8] = [
        "rust",
        "ignore",
        "no_run",
        "should_panic",
        "compile_fail",
        "test_harness",
        "standalone_crate",
        "allow_fail",
    ];
    info.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .all(|word| RUSTDOC.contains(&word) || word.starts_with("edition"))
}

/// rustdoc hides the lines of a Rust example that start with `# ` (or are a lone `#`): setup the reader need
/// not see.
fn is_hidden_rust_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed == "#" || trimmed.starts_with("# ")
}

/// `##` at the start of a Rust example line is rustdoc's escape for a line that really starts with `#`.
fn unescape_hash(line: &str) -> &str {
    let indent = line.len() - line.trim_start().len();
    if line[indent..].starts_with("##") {
        // Drop one `#`; the indentation before it is kept by slicing around it.
        return &line[indent + 1..];
    }
    line
}

/// A table's rows with columns padded to a common width, ` | ` between cells and a dashed line under the
/// head.
fn table_lines(table: &Table) -> Vec<String> {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in &table.rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut lines = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let cells: Vec<String> = (0..columns)
            .map(|i| {
                let cell = row.get(i).map_or("", String::as_str);
                format!("{cell:<width$}", width = widths[i])
            })
            .collect();
        lines.push(cells.join(" | ").trim_end().to_owned());
        if index + 1 == table.head_rows {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            lines.push(rule.join("-+-"));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn inline_markup_is_dropped() {
        assert_eq!(
            plain_text("Puts `item` on *top*, **really** ~~not~~ on top."),
            "Puts item on top, really not on top."
        );
        assert_eq!(
            plain_text("Escaped \\*stars\\* and &amp;."),
            "Escaped *stars* and &."
        );
    }

    #[test]
    fn intra_doc_links_print_their_text() {
        assert_eq!(
            plain_text("See [`Stack::push`], [Vec] and [the pop method](Stack::pop)."),
            "See Stack::push, Vec and the pop method."
        );
        assert_eq!(
            plain_text("Like [`Option<T>`] and [`fmt::Display`]."),
            "Like Option<T> and fmt::Display."
        );
        // Brackets that are no item path stay as written.
        assert_eq!(plain_text("An array [1, 2] here."), "An array [1, 2] here.");
    }

    #[test]
    fn external_links_keep_their_address() {
        assert_eq!(
            plain_text("Read [the book](https://doc.rust-lang.org/book/)."),
            "Read the book <https://doc.rust-lang.org/book/>."
        );
        assert_eq!(
            plain_text("At <https://example.org>."),
            "At https://example.org."
        );
        assert_eq!(
            plain_text("See [docs][d].\n\n[d]: https://docs.rs"),
            "See docs <https://docs.rs>."
        );
    }

    #[test]
    fn paragraphs_keep_their_line_breaks() {
        assert_eq!(
            plain_text("First line\nsecond line.\n\nNext paragraph."),
            "First line\nsecond line.\n\nNext paragraph."
        );
    }

    #[test]
    fn headings_are_underlined() {
        assert_eq!(
            plain_text("Intro.\n\n# Examples\n\nText.\n\n## Panics\nNever."),
            "Intro.\n\nExamples\n========\n\nText.\n\nPanics\n------\n\nNever."
        );
    }

    #[test]
    fn rust_code_blocks_hide_setup_lines() {
        let doc = "Example:\n\n```\n# use x::Stack;\nlet mut s = Stack::new();\n#\n## not hidden\n    s.push(1);\n```\n\nDone.";
        assert_eq!(
            plain_text(doc),
            "Example:\n\n    let mut s = Stack::new();\n    # not hidden\n        s.push(1);\n\nDone."
        );
        let doc = "```no_run,edition2021\n# hidden\nshown();\n```";
        assert_eq!(plain_text(doc), "    shown();");
        // Other languages keep every line.
        let doc = "```python\n# a comment\nprint(1)\n```";
        assert_eq!(plain_text(doc), "    # a comment\n    print(1)");
        assert_eq!(
            plain_text("Indented:\n\n    # hidden\n    code();"),
            "Indented:\n\n    code();"
        );
    }

    #[test]
    fn lists_keep_bullets_and_numbers() {
        assert_eq!(
            plain_text("Items:\n\n- one\n- two\n  continued\n  - nested\n- three"),
            "Items:\n\n- one\n- two\n  continued\n  - nested\n- three"
        );
        assert_eq!(
            plain_text("3. third\n4. fourth\n\nAfter."),
            "3. third\n4. fourth\n\nAfter."
        );
        assert_eq!(
            plain_text("- loose one\n\n- loose two"),
            "- loose one\n\n- loose two"
        );
        assert_eq!(
            plain_text("- [x] done\n- [ ] to do"),
            "- [x] done\n- [ ] to do"
        );
    }

    #[test]
    fn quotes_rules_and_tables() {
        assert_eq!(
            plain_text("> quoted\n> text\n\nafter"),
            "> quoted\n> text\n\nafter"
        );
        assert_eq!(plain_text("a\n\n---\n\nb"), "a\n\n----------\n\nb");
        assert_eq!(
            plain_text("| Op | Cost |\n|----|------|\n| `push` | O(1) |\n| pop | amortised O(1) |"),
            "Op   | Cost\n-----+---------------\npush | O(1)\npop  | amortised O(1)"
        );
    }

    #[test]
    fn generics_written_without_backticks_survive() {
        assert_eq!(
            plain_text("Returns Vec<T> or Option<u8>."),
            "Returns Vec<T> or Option<u8>."
        );
    }

    #[test]
    fn empty_and_footnotes() {
        assert_eq!(plain_text(""), "");
        assert_eq!(
            plain_text("Fast[^1].\n\n[^1]: Usually."),
            "Fast[1].\n\n[1]: Usually."
        );
    }

    /// Odd input never panics and always gives text without trailing blanks.
    #[test]
    fn odd_input_is_rendered_without_panicking() {
        let inputs = [
            "```\nunclosed fence\n# hidden",
            "> - quoted list\n>   > nested quote\n> 1. item\n>\n> | a | b |\n> |---|---|\n> | 1 |",
            "- | t | u |\n  |---|---|\n  | x | y | z |",
            "<div>\n*html* block\n</div>\n\nafter",
            "[^missing] and [link]( <> ) and ![img](a.png) and [](http://e.org)",
            "line one\r\nline two\r\n\r\n\tindented with tab",
            "### \n\n#\n\n---\n***\n",
            "é `ü` **ß** [日本](https://example.org/日本) ##\n```rust\n   ## x\n```",
            "1.\n2.\n-\n*\n+ \n",
            "`````\n````\n`````",
            "[a]: http://x\n[a]\n[b][a] [c][]",
        ];
        for input in inputs {
            let text = plain_text(input);
            assert_eq!(text.trim_end(), text, "{input:?}");
            assert!(
                text.lines().all(|l| l.trim_end() == l),
                "{input:?} gave {text:?}"
            );
        }
        assert_eq!(plain_text("[link]( <> )"), "link");
    }
}

//! Numbers the READMEs quote from the report, kept in step with it. A README quotes a number of
//! `docs/benchmarks.json` between two HTML comments (invisible once rendered):
//!
//! ```text
//! walk takes <!-- bench: /Directory walking (fsutil)/walk_vs_os_walk/median .2x -->0.67x<!-- /bench --> of os.walk's time
//! ```
//!
//! `/Directory walking (fsutil)/...` is a JSON pointer into `benchmarks.json` (RFC 6901: `~1` for a `/` in a
//! key, `~0` for a `~`), and `.2x` how to write it: `.N` decimals, then `x` (a ratio: `0.67x`), `%` (a share,
//! written times 100: `67%`) or nothing. Every run that writes `docs/` (and `cargo xtask bench
//! --report-only`) rewrites the text between the comments from the JSON it wrote, so a regenerated report
//! never leaves a README quoting old numbers; the README-numbers test checks they agree.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};

const OPEN: &str = "<!-- bench:";
const OPEN_END: &str = "-->";
const CLOSE: &str = "<!-- /bench -->";

/// One quoted number: where its JSON value is, how it is written, and the text the README has now.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub pointer: String,
    pub format: String,
    pub text: String,
    /// Byte range of `text` in the README.
    range: std::ops::Range<usize>,
}

/// The quotes in a README's text, in order; an unclosed or malformed marker is an error that says where.
pub fn quotes(text: &str) -> Result<Vec<Quote>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find(OPEN).map(|i| at + i) {
        let line = text[..start].lines().count().max(1);
        let head_end = text[start..]
            .find(OPEN_END)
            .map(|i| start + i)
            .with_context(|| format!("line {line}: a `{OPEN}` marker is not closed with `-->`"))?;
        let spec = text[start + OPEN.len()..head_end].trim();
        let Some((pointer, format)) = spec.rsplit_once(char::is_whitespace) else {
            bail!("line {line}: `{spec}` should be a JSON pointer and a format such as `.2x`");
        };
        let body = head_end + OPEN_END.len();
        let end = text[body..]
            .find(CLOSE)
            .map(|i| body + i)
            .with_context(|| format!("line {line}: no `{CLOSE}` after `{OPEN} {spec}`"))?;
        if text[body..end].contains(OPEN) {
            bail!("line {line}: `{OPEN} {spec}` holds another marker before its `{CLOSE}`");
        }
        out.push(Quote {
            pointer: pointer.trim().to_string(),
            format: format.to_string(),
            text: text[body..end].to_string(),
            range: body..end,
        });
        at = end + CLOSE.len();
    }
    Ok(out)
}

/// How `format` writes `value`: `.N` decimals, then `x`, `%` (times 100) or nothing.
pub fn render(value: f64, format: &str) -> Result<String> {
    let rest = format.strip_prefix('.').with_context(|| {
        format!("format `{format}` should start with `.` and a count of decimals")
    })?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let decimals: usize = digits
        .parse()
        .with_context(|| format!("format `{format}` has no count of decimals"))?;
    match &rest[digits.len()..] {
        "x" => Ok(format!("{value:.decimals$}x")),
        "%" => Ok(format!("{:.decimals$}%", value * 100.0)),
        "" => Ok(format!("{value:.decimals$}")),
        other => bail!("format `{format}`: unknown unit `{other}` (x, % or none)"),
    }
}

/// What a quote should say according to `report` (the JSON of `benchmarks.json`).
pub fn expected(quote: &Quote, report: &Value) -> Result<String> {
    let value = report
        .pointer(&quote.pointer)
        .with_context(|| format!("`{}` is not in the report's JSON", quote.pointer))?;
    let number = value.as_f64().with_context(|| {
        format!(
            "`{}` is {value} in the report's JSON, not a number (not measured?)",
            quote.pointer
        )
    })?;
    render(number, &quote.format)
}

/// `text` with every quote rewritten from `report`; a quote that cannot be (its pointer gone, its value
/// not measured) keeps its text, and the reason comes back beside the result.
pub fn rewrite(text: &str, report: &Value) -> Result<(String, Vec<String>)> {
    let mut out = String::with_capacity(text.len());
    let mut problems = Vec::new();
    let mut last = 0;
    for quote in quotes(text)? {
        out.push_str(&text[last..quote.range.start]);
        match expected(&quote, report) {
            Ok(new) => out.push_str(&new),
            Err(err) => {
                problems.push(format!("{err:#}"));
                out.push_str(&quote.text);
            }
        }
        last = quote.range.end;
    }
    out.push_str(&text[last..]);
    Ok((out, problems))
}

/// The READMEs that may quote the report: the root one and each crate's.
pub fn readmes(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.join("README.md")];
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("README.md"))
        .filter(|p| p.is_file())
        .collect();
    crates.sort();
    out.extend(crates);
    out
}

/// Rewrites the quotes of every README under `root` from `report`; returns the files it changed, and
/// says on stderr which quotes it could not update (the README-numbers test then fails on them).
pub fn update_all(root: &Path, report: &Value) -> Result<Vec<PathBuf>> {
    let mut changed = Vec::new();
    for path in readmes(root) {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        if !text.contains(OPEN) {
            continue;
        }
        let (new, problems) =
            rewrite(&text, report).with_context(|| format!("in {}", path.display()))?;
        for problem in problems {
            eprintln!(
                "==> {}: a quoted number was left as it was: {problem}",
                path.display()
            );
        }
        if new != text {
            std::fs::write(&path, new)
                .with_context(|| format!("could not write {}", path.display()))?;
            changed.push(path);
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quotes_are_found_and_rewritten_from_the_json() {
        let report = json!({ "Walk (fsutil)": { "walk": { "median": 0.6712 }, "share": 0.974, "gone": null } });
        let text = "walk: <!-- bench: /Walk (fsutil)/walk/median .2x -->0.51x<!-- /bench --> of os.walk; \
                    busy <!-- bench: /Walk (fsutil)/share .0% -->50%<!-- /bench -->.\n";
        let found = quotes(text).expect("well formed");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].pointer, "/Walk (fsutil)/walk/median");
        assert_eq!(found[0].format, ".2x");
        assert_eq!(found[0].text, "0.51x");
        let (new, problems) = rewrite(text, &report).expect("rewritten");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            new,
            "walk: <!-- bench: /Walk (fsutil)/walk/median .2x -->0.67x<!-- /bench --> of os.walk; \
             busy <!-- bench: /Walk (fsutil)/share .0% -->97%<!-- /bench -->.\n"
        );
        // Rewriting again changes nothing.
        assert_eq!(rewrite(&new, &report).expect("rewritten").0, new);

        // A value that is gone or not measured keeps the old text and says why.
        let stale = "<!-- bench: /Walk (fsutil)/gone .1x -->2.0x<!-- /bench --> <!-- bench: /Nope/x .1x -->1.0x<!-- /bench -->";
        let (kept, problems) = rewrite(stale, &report).expect("rewritten");
        assert_eq!(kept, stale);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("not a number"), "{problems:?}");
        assert!(problems[1].contains("not in the report"), "{problems:?}");
    }

    #[test]
    fn malformed_markers_and_formats_are_errors() {
        assert!(quotes("<!-- bench: /a .2x -->1.0x").is_err());
        assert!(quotes("<!-- bench: /a -->1.0x<!-- /bench -->").is_err());
        assert!(quotes("<!-- bench: /a .2x").is_err());
        assert!(render(1.0, "2x").is_err());
        assert!(render(1.0, ".2ms").is_err());
        assert_eq!(render(1.234, ".1").expect("plain"), "1.2");
        assert_eq!(render(0.5, ".1%").expect("share"), "50.0%");
    }
}

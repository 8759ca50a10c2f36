//! The tokenizer: turns source text into tokens with positions, tracking indentation (INDENT/DEDENT),
//! implicit line joining inside brackets, and every literal form (ints of any size, floats, strings with
//! prefixes and escapes, f-strings split into literal and expression parts). Errors carry CPython 3.11's texts.

use crate::error::SyntaxError;
use crate::thin::RcStr;
use num_bigint::BigInt;
use std::rc::Rc;

/// A position range in the source: 1-based lines, 0-based character columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First line (1-based).
    pub line: u32,
    /// First column (0-based, in characters).
    pub col: u32,
    /// Last line (1-based).
    pub end_line: u32,
    /// Column just past the end (0-based, in characters).
    pub end_col: u32,
}

impl Span {
    /// The span covering `self` through `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            line: self.line,
            col: self.col,
            end_line: other.end_line,
            end_col: other.end_col,
        }
    }
}

/// One piece of an f-string: literal text or a replacement field.
#[derive(Debug, Clone, PartialEq)]
pub enum FPiece {
    /// Literal text with escapes already processed.
    Lit(String),
    /// `{expr!conv:spec}`: the expression source, its position, the conversion and the format spec pieces.
    Field {
        src: String,
        line: u32,
        col: u32,
        conv: Option<char>,
        spec: Vec<FPiece>,
        debug_text: Option<String>,
    },
}

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Name(RcStr),
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    /// An imaginary literal (`2j`): the imaginary part.
    Imag(f64),
    Str(String),
    Bytes(Vec<u8>),
    FStr(Vec<FPiece>),
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    Eof,
}

/// A token with its span.
#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// True for the NEWLINE the tokenizer adds at the end of a source that lacks one.
    pub implicit: bool,
}

const OPS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
];

struct Lexer<'a> {
    src: &'a str,
    /// The source's characters when it is not all ASCII (an ASCII source is read by byte: a `Vec<char>` would
    /// hold four bytes for each of its bytes).
    chars: Vec<char>,
    /// The source's length in characters.
    len: usize,
    pos: usize,
    line: u32,
    line_start: usize,
    toks: Vec<Token>,
    indents: Vec<u32>,
    /// The same indentation levels measured with tabs one column wide: CPython's check that tabs and spaces
    /// are used consistently (`TabError` when the two measures disagree).
    alt_indents: Vec<u32>,
    parens: Vec<(char, u32, u32)>,
    at_line_start: bool,
    pending: Option<SyntaxError>,
    /// Identifiers are interned so equal names share one `Rc` (name caches then compare pointers).
    names: std::collections::HashMap<String, RcStr>,
}

/// Tokenizes `src` completely. The second result is an error to report if parsing reaches the end of input
/// (an unclosed bracket).
pub fn tokenize(src: &str) -> Result<(Vec<Token>, Option<SyntaxError>), SyntaxError> {
    // Universal newlines, as CPython's compile(): `\r\n` and a lone `\r` end lines like `\n`.
    let normalized;
    let src = if src.contains('\r') {
        normalized = src.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        src
    };
    let mut lx = Lexer {
        src,
        chars: if src.is_ascii() {
            Vec::new()
        } else {
            src.chars().collect()
        },
        len: src.chars().count(),
        pos: 0,
        line: 1,
        line_start: 0,
        toks: Vec::new(),
        indents: vec![0],
        alt_indents: vec![0],
        parens: Vec::new(),
        at_line_start: true,
        pending: None,
        names: std::collections::HashMap::new(),
    };
    lx.run()?;
    Ok((std::mem::take(&mut lx.toks), lx.pending.take()))
}

impl Drop for Lexer<'_> {
    fn drop(&mut self) {
        // The tokens of a big source a limit stopped are freed incrementally (see `teardown`).
        if crate::teardown::wants(self.toks.len()) {
            crate::teardown::defer(std::mem::take(&mut self.toks).into_iter());
        }
    }
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}
fn is_id_cont(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl<'a> Lexer<'a> {
    fn line_text(&self, line: u32) -> String {
        // Only for an error: the source is scanned for the line then (a table of lines, built up front,
        // was a pass over a big source that no limit check interrupts).
        self.src
            .split('\n')
            .nth((line as usize).wrapping_sub(1))
            .map(|s| s.trim_end_matches('\r').to_string())
            .unwrap_or_default()
    }
    fn err(&self, msg: impl Into<String>, line: u32, col: u32, end_col: u32) -> SyntaxError {
        SyntaxError::new(msg, line, col + 1, end_col + 1, self.line_text(line))
    }
    /// An error CPython's parser (not its tokenizer) reports, whose `text` ends with a newline: a bad
    /// string literal's contents.
    fn err_nl(&self, msg: impl Into<String>, line: u32, col: u32, end_col: u32) -> SyntaxError {
        let mut e = self.err(msg, line, col, end_col);
        e.text.push('\n');
        e
    }
    fn col(&self) -> u32 {
        (self.pos - self.line_start) as u32
    }
    /// The character at index `i` (in characters).
    #[inline]
    fn at(&self, i: usize) -> Option<char> {
        if self.chars.is_empty() {
            self.src.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.chars.get(i).copied()
        }
    }
    fn peek(&self) -> Option<char> {
        self.at(self.pos)
    }
    fn peek_at(&self, n: usize) -> Option<char> {
        self.at(self.pos + n)
    }
    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        let span = Span {
            line,
            col,
            end_line: self.line,
            end_col: self.col(),
        };
        self.toks.push(Token {
            tok,
            span,
            implicit: false,
        });
    }
    fn newline(&mut self) {
        self.pos += 1;
        self.line += 1;
        self.line_start = self.pos;
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let _ = self.src;
        loop {
            // The host's deadline and interrupt, checked every few hundred tokens (see `guard`).
            if crate::guard::compile_must_stop() {
                return Err(self.err(crate::guard::STOPPED, self.line, 0, 0));
            }
            // The token list grows fallibly: a source too big for the memory left is `MemoryError`,
            // never an aborting allocation.
            if self.toks.capacity() - self.toks.len() < 4
                && self.toks.try_reserve(self.toks.len().max(64)).is_err()
            {
                crate::guard::compile_out_of_memory();
                return Err(self.err(crate::guard::STOPPED, self.line, 0, 0));
            }
            if self.at_line_start && self.parens.is_empty() {
                if !self.indentation()? {
                    break;
                }
            }
            let Some(c) = self.peek() else { break };
            let (line, col) = (self.line, self.col());
            match c {
                ' ' | '\t' | '\x0c' | '\r' => self.pos += 1,
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                '\n' => {
                    if self.parens.is_empty() {
                        self.push(Tok::Newline, line, col);
                        self.at_line_start = true;
                    }
                    self.newline();
                }
                '\\' => {
                    let mut p = self.pos + 1;
                    while self.at(p) == Some('\r') {
                        p += 1;
                    }
                    if self.at(p) == Some('\n') {
                        self.pos = p;
                        self.newline();
                    } else if p >= self.len {
                        return Err(self.err("unexpected EOF while parsing", line, col, col));
                    } else {
                        return Err(self.err(
                            "unexpected character after line continuation character",
                            line,
                            col + 1,
                            col + 1,
                        ));
                    }
                }
                c if c.is_ascii_digit()
                    || (c == '.' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) =>
                {
                    self.number()?
                }
                c if is_id_start(c) => {
                    let start = self.pos;
                    while self.peek().is_some_and(is_id_cont) {
                        self.pos += 1;
                    }
                    let word: String = (start..self.pos).filter_map(|i| self.at(i)).collect();
                    if matches!(self.peek(), Some('\'' | '"')) && is_str_prefix(&word) {
                        self.string(&word.to_ascii_lowercase(), line, col)?;
                    } else {
                        let name = match self.names.get(&word) {
                            Some(n) => n.clone(),
                            None => {
                                let n: RcStr = word.as_str().into();
                                self.names.insert(word, n.clone());
                                n
                            }
                        };
                        self.push(Tok::Name(name), line, col);
                    }
                }
                '\'' | '"' => self.string("", line, col)?,
                _ => self.op(c, line, col)?,
            }
        }
        if let Some(&(ch, l, c)) = self.parens.last() {
            // Reported by the parser only if it reaches the end without a better error (as CPython does).
            let mut e = self.err_nl(format!("'{ch}' was never closed"), l, c, c);
            // CPython gives this error no end.
            e.end_offset = 0;
            self.pending = Some(e);
        }
        let (line, col) = (self.line, self.col());
        if !self.at_line_start
            || self
                .toks
                .last()
                .is_some_and(|t| !matches!(t.tok, Tok::Newline | Tok::Indent | Tok::Dedent))
        {
            if !matches!(self.toks.last().map(|t| &t.tok), Some(Tok::Newline) | None) {
                let span = Span {
                    line,
                    col,
                    end_line: line,
                    end_col: col + 1,
                };
                self.toks.push(Token {
                    tok: Tok::Newline,
                    span,
                    implicit: true,
                });
            }
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, line, col);
        }
        self.push(Tok::Eof, line, col);
        Ok(())
    }

    /// Measures the indentation of a new logical line; returns false at end of input.
    fn indentation(&mut self) -> Result<bool, SyntaxError> {
        loop {
            let mut width = 0u32;
            let mut alt = 0u32;
            let start = self.pos;
            while let Some(c) = self.peek() {
                match c {
                    ' ' => {
                        width = width.saturating_add(1);
                        alt = alt.saturating_add(1);
                    }
                    '\t' => {
                        width = (width / 8).saturating_add(1).saturating_mul(8);
                        alt = alt.saturating_add(1);
                    }
                    '\x0c' => {
                        width = 0;
                        alt = 0;
                    }
                    _ => break,
                }
                self.pos += 1;
            }
            match self.peek() {
                None => return Ok(false),
                Some('\n') => {
                    self.newline();
                    continue;
                }
                Some('\r') if self.peek_at(1) == Some('\n') || self.peek_at(1).is_none() => {
                    self.pos += 1;
                    if self.peek().is_none() {
                        return Ok(false);
                    }
                    self.newline();
                    continue;
                }
                Some('#') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                    continue;
                }
                Some('\\') => {
                    // A continuation line at the start of a logical line: treat it as part of this line.
                    let _ = start;
                }
                _ => {}
            }
            self.at_line_start = false;
            let cur = *self.indents.last().unwrap_or(&0);
            let line = self.line;
            let col = self.col();
            let alt_cur = *self.alt_indents.last().unwrap_or(&0);
            let tab_error = |lx: &Self| {
                let mut e = lx.err(
                    "inconsistent use of tabs and spaces in indentation",
                    line,
                    col,
                    col,
                );
                e.kind = crate::error::SyntaxKind::Tab;
                e
            };
            if width == cur {
                if alt != alt_cur {
                    return Err(tab_error(self));
                }
            } else if width > cur {
                if alt <= alt_cur {
                    return Err(tab_error(self));
                }
                // CPython's tokenizer keeps at most 100 levels.
                if self.indents.len() >= 100 {
                    let mut e = self.err("too many levels of indentation", line, col, col);
                    e.kind = crate::error::SyntaxKind::Indentation;
                    return Err(e);
                }
                self.indents.push(width);
                self.alt_indents.push(alt);
                self.push(Tok::Indent, line, col);
            } else if width < cur {
                while *self.indents.last().unwrap_or(&0) > width {
                    self.indents.pop();
                    self.alt_indents.pop();
                    self.push(Tok::Dedent, line, col);
                }
                if *self.indents.last().unwrap_or(&0) == width
                    && *self.alt_indents.last().unwrap_or(&0) != alt
                {
                    return Err(tab_error(self));
                }
                if *self.indents.last().unwrap_or(&0) != width {
                    // CPython points just past the end of the offending line.
                    let end = self.line_text(line).chars().count() as u32;
                    let mut e = self.err(
                        "unindent does not match any outer indentation level",
                        line,
                        end,
                        end,
                    );
                    e.text.push('\n');
                    e.kind = crate::error::SyntaxKind::Indentation;
                    return Err(e);
                }
            }
            return Ok(true);
        }
    }

    fn op(&mut self, c: char, line: u32, col: u32) -> Result<(), SyntaxError> {
        for op in OPS {
            let n = op.len();
            if self.pos + n <= self.len
                && op
                    .chars()
                    .enumerate()
                    .all(|(k, a)| self.at(self.pos + k) == Some(a))
            {
                self.pos += n;
                match *op {
                    "(" | "[" | "{" => {
                        // CPython's tokenizer stops at 200 open brackets (MAXLEVEL), before the parser
                        // sees a token: a megabyte of `(` is refused at once.
                        if self.parens.len() >= 200 {
                            return Err(self.err(
                                "too many nested parentheses",
                                line,
                                col,
                                col + 1,
                            ));
                        }
                        self.parens.push((c, line, col))
                    }
                    ")" | "]" | "}" => {
                        let open = match c {
                            ')' => '(',
                            ']' => '[',
                            _ => '{',
                        };
                        match self.parens.pop() {
                            None => {
                                return Err(self.err(format!("unmatched '{c}'"), line, col, col));
                            }
                            Some((o, ol, _)) if o != open => {
                                let msg = if ol == line {
                                    format!(
                                        "closing parenthesis '{c}' does not match opening parenthesis '{o}'"
                                    )
                                } else {
                                    format!(
                                        "closing parenthesis '{c}' does not match opening parenthesis '{o}' on line {ol}"
                                    )
                                };
                                return Err(self.err(msg, line, col, col));
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
                self.push(Tok::Op(op), line, col);
                return Ok(());
            }
        }
        if c == '!' {
            return Err(self.err("invalid syntax", line, col, col + 1));
        }
        let msg = if c.is_ascii_graphic() || c == '$' || c == '?' || c == '`' {
            "invalid syntax".to_string()
        } else if c.is_control()
            || matches!(c as u32, 0xad | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x2064 | 0xfeff)
        {
            format!("invalid non-printable character U+{:04X}", c as u32)
        } else {
            format!("invalid character '{c}' (U+{:04X})", c as u32)
        };
        Err(self.err(msg, line, col, col + 1))
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let (line, col) = (self.line, self.col());
        let start = self.pos;
        let radix_of = |c: Option<char>| match c {
            Some('x' | 'X') => Some((16, "hexadecimal")),
            Some('o' | 'O') => Some((8, "octal")),
            Some('b' | 'B') => Some((2, "binary")),
            _ => None,
        };
        if self.peek() == Some('0') {
            if let Some((radix, word)) = radix_of(self.peek_at(1)) {
                self.pos += 2;
                let mut digits = String::new();
                loop {
                    match self.peek() {
                        Some('_') if self.peek_at(1).is_some_and(|d| d.is_digit(radix)) => {
                            self.pos += 1
                        }
                        Some(d) if d.is_digit(radix) => {
                            digits.push(d);
                            self.pos += 1;
                        }
                        Some(d) if d.is_ascii_alphanumeric() || d == '_' || digits.is_empty() => {
                            let c = self.col();
                            if d.is_ascii_digit() && radix < 10 {
                                return Err(self.err(
                                    format!("invalid digit '{d}' in {word} literal"),
                                    line,
                                    c,
                                    c + 1,
                                ));
                            }
                            return Err(self.err(
                                format!("invalid {word} literal"),
                                line,
                                c - 1,
                                c - 1,
                            ));
                        }
                        _ => break,
                    }
                }
                if digits.is_empty() {
                    let c = self.col();
                    return Err(self.err(format!("invalid {word} literal"), line, c - 1, c - 1));
                }
                let v = BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
                let tok = match i64::try_from(&v) {
                    Ok(i) => Tok::Int(i),
                    Err(_) => Tok::BigInt(Rc::new(v)),
                };
                self.push(tok, line, col);
                return Ok(());
            }
        }
        let mut text = String::new();
        let mut is_float = false;
        let digits = |lx: &mut Self, text: &mut String| -> Result<(), SyntaxError> {
            while let Some(d) = lx.peek() {
                if d.is_ascii_digit() {
                    text.push(d);
                    lx.pos += 1;
                } else if d == '_' {
                    if lx.peek_at(1).is_some_and(|d| d.is_ascii_digit()) {
                        lx.pos += 1;
                    } else {
                        let c = lx.col();
                        return Err(lx.err("invalid decimal literal", lx.line, c, c));
                    }
                } else {
                    break;
                }
            }
            Ok(())
        };
        digits(self, &mut text)?;
        if self.peek() == Some('.') {
            is_float = true;
            text.push('.');
            self.pos += 1;
            digits(self, &mut text)?;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = self.pos;
            let mut t = String::from("e");
            self.pos += 1;
            if let Some(s @ ('+' | '-')) = self.peek() {
                t.push(s);
                self.pos += 1;
            }
            if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                digits(self, &mut t)?;
                text.push_str(&t);
                is_float = true;
            } else {
                self.pos = save;
                return Err(self.err("invalid decimal literal", line, col, col));
            }
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            // An imaginary literal (`1j`, `1.5e3J`, `007j`): its value is a float.
            self.pos += 1;
            if self.peek().is_some_and(is_id_start) {
                let c = self.col();
                return Err(self.err("invalid imaginary literal", line, c - 1, c - 1));
            }
            let v: f64 = text.parse().unwrap_or(f64::INFINITY);
            self.push(Tok::Imag(v), line, col);
            return Ok(());
        }
        if self.peek().is_some_and(is_id_start) {
            let c = self.col();
            return Err(self.err("invalid decimal literal", line, c - 1, c - 1));
        }
        let _ = start;
        if is_float {
            let v: f64 = text.parse().unwrap_or(f64::INFINITY);
            self.push(Tok::Float(v), line, col);
        } else {
            if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
                return Err(self.err(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                    col + 1,
                ));
            }
            let tok = match text.parse::<i64>() {
                Ok(i) => Tok::Int(i),
                Err(_) => Tok::BigInt(Rc::new(text.parse::<BigInt>().unwrap_or_default())),
            };
            self.push(tok, line, col);
        }
        Ok(())
    }

    fn string(&mut self, prefix: &str, line: u32, col: u32) -> Result<(), SyntaxError> {
        let raw = prefix.contains('r');
        let bytes = prefix.contains('b');
        let fstr = prefix.contains('f');
        let q = self.peek().unwrap_or('"');
        let triple = self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q);
        let qcol = self.col();
        self.pos += if triple { 3 } else { 1 };
        let mut body = String::new();
        let body_line = self.line;
        let body_col = self.col();
        loop {
            let Some(c) = self.peek() else {
                let (msg, l, c) = if triple {
                    (
                        format!(
                            "unterminated triple-quoted string literal (detected at line {})",
                            self.line
                        ),
                        line,
                        qcol,
                    )
                } else {
                    (
                        format!(
                            "unterminated string literal (detected at line {})",
                            self.line
                        ),
                        line,
                        qcol,
                    )
                };
                return Err(self.err(msg, l, c - prefix.len() as u32, c));
            };
            if c == q {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q) {
                    self.pos += 3;
                    break;
                }
            }
            if c == '\n' {
                if !triple {
                    let l = self.line;
                    return Err(self.err(
                        format!("unterminated string literal (detected at line {l})"),
                        line,
                        qcol - prefix.len() as u32,
                        qcol,
                    ));
                }
                body.push('\n');
                self.newline();
                continue;
            }
            if c == '\\' {
                if let Some(n) = self.peek_at(1) {
                    body.push('\\');
                    if n == '\n' {
                        body.push('\n');
                        self.pos += 1;
                        self.newline();
                    } else {
                        body.push(n);
                        self.pos += 2;
                    }
                    continue;
                }
            }
            body.push(c);
            self.pos += 1;
        }
        let _ = col;
        let tok = if fstr {
            Tok::FStr(self.fstring(&body, raw, body_line, body_col, line, qcol)?)
        } else if bytes {
            let non_ascii = body.chars().any(|c| c as u32 > 127);
            let s = if raw {
                body
            } else {
                unescape(&body, true).map_err(|m| self.err_nl(m, line, col, col))?
            };
            if non_ascii {
                return Err(self.err_nl(
                    "bytes can only contain ASCII literal characters",
                    line,
                    col,
                    self.col(),
                ));
            }
            Tok::Bytes(s.chars().map(|c| c as u32 as u8).collect())
        } else {
            let s = if raw {
                body
            } else {
                unescape(&body, false).map_err(|m| self.err_nl(m, line, col, col))?
            };
            Tok::Str(s)
        };
        self.push(tok, line, col);
        Ok(())
    }

    fn fstring(
        &self,
        body: &str,
        raw: bool,
        bline: u32,
        bcol: u32,
        line: u32,
        col: u32,
    ) -> Result<Vec<FPiece>, SyntaxError> {
        let chars: Vec<char> = body.chars().collect();
        let mut i = 0;
        let (mut l, mut c) = (bline, bcol);
        let pieces = parse_fpieces(&chars, &mut i, &mut l, &mut c, raw, false, 0)
            .map_err(|m| self.err_nl(format!("f-string: {m}"), line, col, col))?;
        Ok(pieces)
    }
}

fn advance(ch: char, l: &mut u32, c: &mut u32) {
    if ch == '\n' {
        *l += 1;
        *c = 0;
    } else {
        *c += 1;
    }
}

fn parse_fpieces(
    s: &[char],
    i: &mut usize,
    l: &mut u32,
    c: &mut u32,
    raw: bool,
    in_spec: bool,
    depth: u32,
) -> Result<Vec<FPiece>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, out: &mut Vec<FPiece>| -> Result<(), String> {
        if !lit.is_empty() {
            let text = if raw {
                std::mem::take(lit)
            } else {
                unescape(lit, false)?
            };
            lit.clear();
            out.push(FPiece::Lit(text));
        }
        Ok(())
    };
    while *i < s.len() {
        let ch = s[*i];
        // An escaped backslash, and a `\N{...}` escape, are literal text: their braces open no field.
        if !raw && ch == '\\' {
            let named = s.get(*i + 1) == Some(&'N') && s.get(*i + 2) == Some(&'{');
            let take = if s.get(*i + 1) == Some(&'\\') {
                2
            } else if named {
                s[*i..]
                    .iter()
                    .position(|&x| x == '}')
                    .map_or(s.len() - *i, |k| k + 1)
            } else {
                0
            };
            if take > 0 {
                for &x in &s[*i..*i + take] {
                    lit.push(x);
                    advance(x, l, c);
                }
                *i += take;
                continue;
            }
        }
        if ch == '{' {
            if !in_spec && s.get(*i + 1) == Some(&'{') {
                lit.push('{');
                *i += 2;
                *c += 2;
                continue;
            }
            flush(&mut lit, &mut out)?;
            if depth >= 2 {
                return Err("expressions nested too deeply".into());
            }
            *i += 1;
            *c += 1;
            let (fl, fc) = (*l, *c);
            let mut src = String::new();
            let mut nest = 0i32;
            let mut quote: Option<char> = None;
            while *i < s.len() {
                let ch = s[*i];
                if let Some(q) = quote {
                    if ch == q {
                        quote = None;
                    }
                } else {
                    match ch {
                        '\'' | '"' => quote = Some(ch),
                        '(' | '[' | '{' => nest += 1,
                        ')' | ']' | '}' if nest > 0 => nest -= 1,
                        '}' | ':' if nest == 0 => break,
                        '!' if nest == 0 && s.get(*i + 1) != Some(&'=') => break,
                        '=' if nest == 0
                            && s.get(*i + 1) != Some(&'=')
                            && !matches!(src.chars().last(), Some('=' | '!' | '<' | '>')) =>
                        {
                            break;
                        }
                        '\\' => return Err("expression part cannot include a backslash".into()),
                        '#' => return Err("expression part cannot include '#'".into()),
                        _ => {}
                    }
                }
                src.push(ch);
                advance(ch, l, c);
                *i += 1;
            }
            if src.trim().is_empty() {
                return Err("empty expression not allowed".into());
            }
            let mut debug_text = None;
            if s.get(*i) == Some(&'=') {
                *i += 1;
                *c += 1;
                let mut t = src.clone();
                t.push('=');
                while *i < s.len() && s[*i].is_whitespace() {
                    t.push(s[*i]);
                    advance(s[*i], l, c);
                    *i += 1;
                }
                debug_text = Some(t);
            }
            let mut conv = None;
            if s.get(*i) == Some(&'!') {
                match s.get(*i + 1) {
                    Some(&k @ ('r' | 's' | 'a')) => conv = Some(k),
                    _ => {
                        return Err(
                            "invalid conversion character: expected 's', 'r', or 'a'".into()
                        );
                    }
                }
                *i += 2;
                *c += 2;
            }
            let mut spec = Vec::new();
            if s.get(*i) == Some(&':') {
                *i += 1;
                *c += 1;
                spec = parse_fpieces(s, i, l, c, raw, true, depth + 1)?;
            }
            if s.get(*i) != Some(&'}') {
                return Err("expecting '}'".into());
            }
            *i += 1;
            *c += 1;
            if debug_text.is_some() && conv.is_none() && spec.is_empty() {
                conv = Some('r');
            }
            out.push(FPiece::Field {
                src,
                line: fl,
                col: fc,
                conv,
                spec,
                debug_text,
            });
        } else if ch == '}' {
            if in_spec {
                break;
            }
            if s.get(*i + 1) == Some(&'}') {
                lit.push('}');
                *i += 2;
                *c += 2;
                continue;
            }
            return Err("single '}' is not allowed".into());
        } else {
            lit.push(ch);
            advance(ch, l, c);
            *i += 1;
        }
    }
    flush(&mut lit, &mut out)?;
    Ok(out)
}

fn is_str_prefix(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
    )
}

/// The character a `\N{...}` escape or `unicodedata.lookup` names: its Unicode name or a formal alias, in
/// any letter case.
pub(crate) fn char_by_name(name: &str) -> Option<char> {
    crate::ucd::ALIASES
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(name))
        .and_then(|(_, cp)| char::from_u32(*cp))
        .or_else(|| unicode_names2::character(name))
}

/// Processes backslash escapes. Byte strings keep `\xhh` as a char below 256 and reject `\u`, `\U` and
/// `\N{...}`. Error positions count as CPython's do: each non-ASCII character of the literal stands for the
/// ten bytes of its `\UXXXXXXXX` form.
pub fn unescape(s: &str, bytes: bool) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    // CPython's position of the next character, and of the last one consumed.
    let mut pos = 0usize;
    let width = |c: char| if c.is_ascii() { 1 } else { 10 };
    let decode_err = |start: usize, end: usize, what: &str| {
        format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}"
        )
    };
    while let Some(c) = it.next() {
        let start = pos;
        pos += width(c);
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(n) = it.next() else {
            out.push('\\');
            break;
        };
        pos += width(n);
        match n {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = n.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match it.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                            pos += 1;
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' if !(bytes && n != 'x') => {
                let len = match n {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for _ in 0..len {
                    match it.peek().and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            v = v * 16 + d;
                            it.next();
                            pos += 1;
                        }
                        None => {
                            let what = match n {
                                'x' => "truncated \\xXX escape",
                                'u' => "truncated \\uXXXX escape",
                                _ => "truncated \\UXXXXXXXX escape",
                            };
                            return Err(decode_err(start, pos - 1, what));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => return Err(decode_err(start, pos - 1, "illegal Unicode character")),
                }
            }
            'N' if !bytes => {
                const MALFORMED: &str = "malformed \\N character escape";
                if it.peek() != Some(&'{') {
                    return Err(decode_err(start, pos - 1, MALFORMED));
                }
                it.next();
                pos += 1;
                let mut name = String::new();
                let mut closed = false;
                for ch in it.by_ref() {
                    pos += width(ch);
                    if ch == '}' {
                        closed = true;
                        break;
                    }
                    name.push(ch);
                }
                if !closed || name.is_empty() {
                    // CPython's position stops before an empty name's closing brace.
                    let end = if closed { pos - 2 } else { pos - 1 };
                    return Err(decode_err(start, end, MALFORMED));
                }
                match char_by_name(&name) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(decode_err(start, pos - 1, "unknown Unicode character name"));
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

//! Python's regular-expression syntax, parsed with CPython 3.11's rules and error texts, and written back
//! out in the syntax of `fancy-regex` (which hands what it can to the `regex` crate).
//!
//! Nothing of the program's pattern reaches the engine unparsed: every literal is re-escaped, every class is
//! rebuilt, and the constructs whose meaning differs between the two dialects are spelled out explicitly
//! (`$` before a final newline, `\Z`, Unicode `\w`/`\s` as Python defines them, the ASCII flag, ASCII-only
//! case folding for bytes, named groups and their numbers).

use std::fmt::Write;

pub(crate) const F_IGNORECASE: u32 = 2;
pub(crate) const F_LOCALE: u32 = 4;
pub(crate) const F_MULTILINE: u32 = 8;
pub(crate) const F_DOTALL: u32 = 16;
pub(crate) const F_UNICODE: u32 = 32;
pub(crate) const F_VERBOSE: u32 = 64;
pub(crate) const F_ASCII: u32 = 256;

/// A parse error: CPython's message and the pattern position (in code points) it names.
#[derive(Debug)]
pub(crate) struct SyntaxErr {
    pub msg: String,
    pub pos: Option<usize>,
    /// CPython raises `OverflowError` (not `re.error`) for this one.
    pub overflow: bool,
}

fn err<T>(msg: impl Into<String>, pos: usize) -> Result<T, SyntaxErr> {
    Err(SyntaxErr {
        msg: msg.into(),
        pos: Some(pos),
        overflow: false,
    })
}

fn err_bare<T>(msg: &str, overflow: bool) -> Result<T, SyntaxErr> {
    Err(SyntaxErr {
        msg: msg.into(),
        pos: None,
        overflow,
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cat {
    Digit,
    NotDigit,
    Word,
    NotWord,
    Space,
    NotSpace,
}

#[derive(Debug, Clone)]
pub(crate) enum Item {
    Char(char),
    Range(char, char),
    Cat(Cat),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum At {
    Start,
    End,
    Bol,
    Eol,
    Boundary,
    NotBoundary,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Greed {
    Greedy,
    Lazy,
    Possessive,
}

/// The parsed pattern.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Empty,
    Lit(char),
    Any,
    Class(bool, Vec<Item>),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Group(u32, Box<Node>),
    /// Flags added and removed for the inner part.
    Scoped(u32, u32, Box<Node>),
    Look {
        behind: bool,
        neg: bool,
        node: Box<Node>,
    },
    Atomic(Box<Node>),
    Repeat {
        min: u32,
        max: Option<u32>,
        greed: Greed,
        node: Box<Node>,
    },
    Backref(u32),
    Cond(u32, Box<Node>, Box<Node>),
    At(At),
}

const MAXREPEAT: u64 = 4_294_967_295;

/// The outcome of parsing: the tree, the flags in force (the pattern's own `(?x)` flags included), the
/// group count, and the group names with their numbers.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub node: Node,
    pub flags: u32,
    pub groups: u32,
    pub names: Vec<(String, u32)>,
}

struct Parser<'a> {
    p: &'a [char],
    i: usize,
    flags: u32,
    groups: u32,
    names: Vec<(String, u32)>,
    open: Vec<u32>,
    bytes: bool,
    /// The group widths known so far (for look-behind checks), by group number.
    widths: Vec<Option<(u64, u64)>>,
}

/// Parses `pattern` (a str's chars, or a bytes pattern's bytes as chars 0..=255).
pub(crate) fn parse(pattern: &[char], flags: u32, bytes: bool) -> Result<Parsed, SyntaxErr> {
    let mut ps = Parser {
        p: pattern,
        i: 0,
        flags,
        groups: 0,
        names: Vec::new(),
        open: Vec::new(),
        bytes,
        widths: vec![None],
    };
    // Global flags at the very start (`(?i)` ...) apply to the whole pattern, verbose mode included.
    let node = ps.alternation(0)?;
    if ps.i < ps.p.len() {
        // Only an unbalanced `)` stops the top level early.
        return err("unbalanced parenthesis", ps.i);
    }
    Ok(Parsed {
        node,
        flags: ps.flags,
        groups: ps.groups,
        names: ps.names,
    })
}

fn is_octal(c: char) -> bool {
    ('0'..='7').contains(&c)
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.p.get(self.i).copied()
    }

    fn verbose(&self) -> bool {
        self.flags & F_VERBOSE != 0
    }

    /// Skips whitespace and comments in verbose mode.
    fn skip_verbose(&mut self) {
        if !self.verbose() {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() && (c as u32) < 128
                || matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
            {
                self.i += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn alternation(&mut self, depth: usize) -> Result<Node, SyntaxErr> {
        if depth > 200 {
            return err("too many nested groups", self.i);
        }
        let mut alts = vec![self.sequence(depth)?];
        while self.peek() == Some('|') {
            self.i += 1;
            alts.push(self.sequence(depth)?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn sequence(&mut self, depth: usize) -> Result<Node, SyntaxErr> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_verbose();
            let Some(c) = self.peek() else { break };
            if c == '|' || c == ')' {
                break;
            }
            let start = self.i;
            if matches!(c, '*' | '+' | '?' | '{') {
                if c == '{' && !self.brace_is_repeat() {
                    self.i += 1;
                    items.push(Node::Lit('{'));
                    continue;
                }
                let (min, max) = self.repeat_counts()?;
                let greed = match self.peek() {
                    Some('?') => {
                        self.i += 1;
                        Greed::Lazy
                    }
                    Some('+') => {
                        self.i += 1;
                        Greed::Possessive
                    }
                    _ => Greed::Greedy,
                };
                let Some(last) = items.pop() else {
                    return err("nothing to repeat", start);
                };
                match last {
                    Node::At(_) | Node::Empty => return err("nothing to repeat", start),
                    Node::Repeat { .. } => return err("multiple repeat", start),
                    _ => {}
                }
                if let Some(m) = max {
                    if min > m {
                        return err("min repeat greater than max repeat", start + 1);
                    }
                }
                items.push(Node::Repeat {
                    min,
                    max,
                    greed,
                    node: Box::new(last),
                });
                self.skip_verbose();
                if let Some(n) = self.peek() {
                    if matches!(n, '*' | '+' | '?') || (n == '{' && self.brace_is_repeat()) {
                        return err("multiple repeat", self.i);
                    }
                }
                continue;
            }
            let node = self.atom(depth)?;
            if let Some(n) = node {
                // A group used as a repeat's operand must not be mistaken for a repeat node.
                items.push(match n {
                    Node::Repeat { .. } => Node::Cat(vec![n]),
                    other => other,
                });
            }
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Cat(items),
        })
    }

    /// Whether the `{` at the cursor starts `{m}`, `{m,}`, `{,n}` or `{m,n}` (else it is a literal).
    fn brace_is_repeat(&self) -> bool {
        let mut j = self.i + 1;
        let mut digits = 0;
        while self.p.get(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
            digits += 1;
        }
        if self.p.get(j) == Some(&',') {
            j += 1;
            while self.p.get(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
        } else if digits == 0 {
            return false;
        }
        self.p.get(j) == Some(&'}')
    }

    fn number(&mut self) -> Option<u64> {
        let s = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if s == self.i {
            return None;
        }
        let txt: String = self.p[s..self.i].iter().collect();
        Some(txt.parse::<u64>().unwrap_or(u64::MAX))
    }

    fn repeat_counts(&mut self) -> Result<(u32, Option<u32>), SyntaxErr> {
        let c = self.p[self.i];
        self.i += 1;
        Ok(match c {
            '*' => (0, None),
            '+' => (1, None),
            '?' => (0, Some(1)),
            _ => {
                let lo = self.number();
                let hi = if self.peek() == Some(',') {
                    self.i += 1;
                    self.number()
                } else {
                    Some(lo.unwrap_or(0))
                };
                self.i += 1; // '}'
                let lo = lo.unwrap_or(0);
                if lo >= MAXREPEAT {
                    return err_bare("the repetition number is too large", true);
                }
                if let Some(h) = hi {
                    if h >= MAXREPEAT {
                        return err_bare("the repetition number is too large", true);
                    }
                }
                (lo as u32, hi.map(|h| h as u32))
            }
        })
    }

    fn atom(&mut self, depth: usize) -> Result<Option<Node>, SyntaxErr> {
        let start = self.i;
        let c = self.p[self.i];
        self.i += 1;
        Ok(Some(match c {
            '.' => Node::Any,
            '^' => Node::At(At::Bol),
            '$' => Node::At(At::Eol),
            '[' => self.class(start)?,
            '\\' => self.escape(start)?,
            '(' => return self.group(start, depth),
            c => Node::Lit(c),
        }))
    }

    fn hex(&mut self, start: usize, n: usize, esc: char) -> Result<char, SyntaxErr> {
        let s = self.i;
        let mut v: u32 = 0;
        for _ in 0..n {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d;
                    self.i += 1;
                }
                None => {
                    let txt: String = self.p[start..self.i].iter().collect();
                    return err(format!("incomplete escape {txt}"), start);
                }
            }
        }
        let _ = (s, esc);
        match char::from_u32(v) {
            Some(c) => Ok(c),
            None => {
                let txt: String = self.p[start..self.i].iter().collect();
                err(format!("bad escape {txt}"), start)
            }
        }
    }

    /// The escapes shared by classes and the top level: a char, or a category.
    fn common_escape(&mut self, start: usize, c: char) -> Result<Option<Item>, SyntaxErr> {
        Ok(Some(match c {
            'a' => Item::Char('\x07'),
            'f' => Item::Char('\x0c'),
            'n' => Item::Char('\n'),
            'r' => Item::Char('\r'),
            't' => Item::Char('\t'),
            'v' => Item::Char('\x0b'),
            '\\' => Item::Char('\\'),
            'x' => Item::Char(self.hex(start, 2, 'x')?),
            'u' if !self.bytes => Item::Char(self.hex(start, 4, 'u')?),
            'U' if !self.bytes => {
                let ch = self.hex(start, 8, 'U')?;
                Item::Char(ch)
            }
            'N' if !self.bytes => {
                if self.peek() != Some('{') {
                    return err("missing {", self.i);
                }
                let s = self.i + 1;
                let mut j = s;
                while j < self.p.len() && self.p[j] != '}' {
                    j += 1;
                }
                if j >= self.p.len() {
                    return err("missing }, unterminated name", s);
                }
                let name: String = self.p[s..j].iter().collect();
                self.i = j + 1;
                match unicode_name(&name) {
                    Some(ch) => Item::Char(ch),
                    None => {
                        return err(format!("undefined character name '{name}'"), start);
                    }
                }
            }
            'd' => Item::Cat(Cat::Digit),
            'D' => Item::Cat(Cat::NotDigit),
            'w' => Item::Cat(Cat::Word),
            'W' => Item::Cat(Cat::NotWord),
            's' => Item::Cat(Cat::Space),
            'S' => Item::Cat(Cat::NotSpace),
            c if c.is_ascii_alphanumeric() => return Ok(None),
            c => Item::Char(c),
        }))
    }

    fn octal_tail(&mut self, start: usize, first: u32) -> Result<char, SyntaxErr> {
        let mut v = first;
        let mut n = 1;
        while n < 3 && self.peek().is_some_and(is_octal) {
            v = v * 8 + self.p[self.i] as u32 - '0' as u32;
            self.i += 1;
            n += 1;
        }
        if v > 0o377 {
            let txt: String = self.p[start..self.i].iter().collect();
            return err(
                format!("octal escape value {txt} outside of range 0-0o377"),
                start,
            );
        }
        Ok(char::from_u32(v).unwrap_or('\0'))
    }

    fn escape(&mut self, start: usize) -> Result<Node, SyntaxErr> {
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)", start);
        };
        self.i += 1;
        match c {
            'A' => return Ok(Node::At(At::Start)),
            'Z' => return Ok(Node::At(At::End)),
            'b' => return Ok(Node::At(At::Boundary)),
            'B' => return Ok(Node::At(At::NotBoundary)),
            '0' => {
                let ch = self.octal_tail(start, 0)?;
                return Ok(Node::Lit(ch));
            }
            '1'..='9' => {
                // Three octal digits make an octal escape; otherwise one or two digits name a group.
                if is_octal(c)
                    && self.peek().is_some_and(is_octal)
                    && self.p.get(self.i + 1).is_some_and(|&d| is_octal(d))
                {
                    let ch = self.octal_tail(start, c as u32 - '0' as u32)?;
                    return Ok(Node::Lit(ch));
                }
                let mut n = c as u32 - '0' as u32;
                if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    n = n * 10 + self.p[self.i] as u32 - '0' as u32;
                    self.i += 1;
                }
                return self.backref(n, start, self.i - start);
            }
            _ => {}
        }
        match self.common_escape(start, c)? {
            Some(Item::Char(ch)) => Ok(Node::Lit(ch)),
            Some(item) => Ok(Node::Class(false, vec![item])),
            None => err(format!("bad escape \\{c}"), start),
        }
    }

    fn backref(&mut self, n: u32, start: usize, _len: usize) -> Result<Node, SyntaxErr> {
        if n > self.groups {
            return err(format!("invalid group reference {n}"), start + 1);
        }
        if self.open.contains(&n) {
            return err("cannot refer to an open group", start);
        }
        Ok(Node::Backref(n))
    }

    fn class(&mut self, start: usize) -> Result<Node, SyntaxErr> {
        let mut neg = false;
        if self.peek() == Some('^') {
            neg = true;
            self.i += 1;
        }
        let mut items: Vec<Item> = Vec::new();
        let first = self.i;
        loop {
            let Some(c) = self.peek() else {
                return err("unterminated character set", start);
            };
            if c == ']' && self.i > first {
                self.i += 1;
                break;
            }
            let at = self.i;
            self.i += 1;
            let lo = if c == '\\' {
                self.class_escape(at)?
            } else {
                Item::Char(c)
            };
            // A range `a-z` (a `-` before `]` or at the end is literal).
            if self.peek() == Some('-') && self.p.get(self.i + 1).is_some_and(|&n| n != ']') {
                if self.p.get(self.i + 1).is_none() {
                    return err("unterminated character set", start);
                }
                self.i += 1;
                let hat = self.i;
                let hc = self.p[self.i];
                self.i += 1;
                let hi = if hc == '\\' {
                    self.class_escape(hat)?
                } else {
                    Item::Char(hc)
                };
                let (Item::Char(a), Item::Char(b)) = (&lo, &hi) else {
                    let txt: String = self.p[at..self.i].iter().collect();
                    return err(format!("bad character range {txt}"), at);
                };
                if a > b {
                    let txt: String = self.p[at..self.i].iter().collect();
                    return err(format!("bad character range {txt}"), at);
                }
                items.push(Item::Range(*a, *b));
            } else {
                items.push(lo);
            }
        }
        Ok(Node::Class(neg, items))
    }

    fn class_escape(&mut self, start: usize) -> Result<Item, SyntaxErr> {
        let Some(c) = self.peek() else {
            return err("unterminated character set", start - 1);
        };
        self.i += 1;
        match c {
            'b' => return Ok(Item::Char('\x08')),
            '0'..='7' => {
                let ch = self.octal_tail(start, c as u32 - '0' as u32)?;
                if c != '0' && self.i - start == 2 {
                    // `\1` inside a class is not a group reference.
                    return err(format!("bad escape \\{c}"), start);
                }
                return Ok(Item::Char(ch));
            }
            _ => {}
        }
        match self.common_escape(start, c)? {
            Some(item) => Ok(item),
            None => err(format!("bad escape \\{c}"), start),
        }
    }

    fn group_name(&mut self, term: char) -> Result<String, SyntaxErr> {
        let s = self.i;
        while self.peek().is_some_and(|c| c != term) {
            self.i += 1;
        }
        if self.peek().is_none() {
            return err(format!("missing {term}, unterminated name"), s);
        }
        let name: String = self.p[s..self.i].iter().collect();
        self.i += 1;
        if name.is_empty() {
            return err("missing group name", s);
        }
        let ok = {
            let mut cs = name.chars();
            cs.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                && cs.all(|c| c == '_' || c.is_alphanumeric())
        };
        if !ok || (self.bytes && !name.is_ascii()) {
            return err(format!("bad character in group name '{name}'"), s);
        }
        Ok(name)
    }

    fn inline_flag(c: char) -> Option<u32> {
        Some(match c {
            'i' => F_IGNORECASE,
            'L' => F_LOCALE,
            'm' => F_MULTILINE,
            's' => F_DOTALL,
            'x' => F_VERBOSE,
            'a' => F_ASCII,
            'u' => F_UNICODE,
            _ => return None,
        })
    }

    fn group(&mut self, start: usize, depth: usize) -> Result<Option<Node>, SyntaxErr> {
        if self.peek() != Some('?') {
            return self.capture(start, depth, None).map(Some);
        }
        self.i += 1;
        let Some(c) = self.peek() else {
            return err("unexpected end of pattern", self.i);
        };
        self.i += 1;
        match c {
            ':' => {
                let inner = self.alternation(depth + 1)?;
                self.close(start)?;
                Ok(Some(inner_group(inner)))
            }
            'P' => match self.peek() {
                Some('<') => {
                    self.i += 1;
                    let name = self.group_name('>')?;
                    self.capture(start, depth, Some(name)).map(Some)
                }
                Some('=') => {
                    self.i += 1;
                    let s = self.i;
                    let name = self.group_name(')')?;
                    let Some(&(_, n)) = self.names.iter().find(|(k, _)| *k == name) else {
                        return err(format!("unknown group name '{name}'"), s);
                    };
                    if self.open.contains(&n) {
                        return err("cannot refer to an open group", s);
                    }
                    Ok(Some(Node::Backref(n)))
                }
                Some(x) => {
                    self.i += 1;
                    err(format!("unknown extension ?P{x}"), start + 1)
                }
                None => err("unexpected end of pattern", self.i),
            },
            '#' => {
                while self.peek().is_some_and(|c| c != ')') {
                    self.i += 1;
                }
                if self.peek().is_none() {
                    return err("missing ), unterminated comment", start);
                }
                self.i += 1;
                Ok(None)
            }
            '=' | '!' => {
                let inner = self.alternation(depth + 1)?;
                self.close(start)?;
                Ok(Some(Node::Look {
                    behind: false,
                    neg: c == '!',
                    node: Box::new(inner),
                }))
            }
            '<' => {
                let d = self.peek();
                if !matches!(d, Some('=') | Some('!')) {
                    let txt = d.map(|d| d.to_string()).unwrap_or_default();
                    if d.is_some() {
                        self.i += 1;
                    }
                    return err(format!("unknown extension ?<{txt}"), start + 1);
                }
                self.i += 1;
                let inner = self.alternation(depth + 1)?;
                self.close(start)?;
                match self.width(&inner) {
                    Some((lo, hi)) if Some(lo) == hi => {}
                    _ => return err_bare("look-behind requires fixed-width pattern", false),
                }
                Ok(Some(Node::Look {
                    behind: true,
                    neg: d == Some('!'),
                    node: Box::new(inner),
                }))
            }
            '>' => {
                let inner = self.alternation(depth + 1)?;
                self.close(start)?;
                Ok(Some(Node::Atomic(Box::new(inner))))
            }
            '(' => {
                let s = self.i;
                while self.peek().is_some_and(|c| c != ')') {
                    self.i += 1;
                }
                if self.peek().is_none() {
                    return err("missing ), unterminated name", s);
                }
                let name: String = self.p[s..self.i].iter().collect();
                self.i += 1;
                let n = if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
                    let n: u32 = name.parse().unwrap_or(u32::MAX);
                    if n == 0 {
                        return err("bad group number", s);
                    }
                    if n > self.groups {
                        return err(format!("invalid group reference {n}"), s);
                    }
                    n
                } else {
                    match self.names.iter().find(|(k, _)| *k == name) {
                        Some(&(_, n)) => n,
                        None => {
                            if name.is_empty() {
                                return err("missing group name", s);
                            }
                            return err(format!("unknown group name '{name}'"), s);
                        }
                    }
                };
                let yes = self.sequence(depth + 1)?;
                let mut no = Node::Empty;
                if self.peek() == Some('|') {
                    self.i += 1;
                    no = self.sequence(depth + 1)?;
                    if self.peek() == Some('|') {
                        return err("conditional backref with more than two branches", self.i);
                    }
                }
                self.close(start)?;
                Ok(Some(Node::Cond(n, Box::new(yes), Box::new(no))))
            }
            c if Self::inline_flag(c).is_some() || c == '-' => {
                self.i -= 1;
                self.flags_group(start, depth)
            }
            c => err(format!("unknown extension ?{c}"), start + 1),
        }
    }

    fn flags_group(&mut self, start: usize, depth: usize) -> Result<Option<Node>, SyntaxErr> {
        let mut on = 0u32;
        let mut off = 0u32;
        let mut neg = false;
        loop {
            let Some(c) = self.peek() else {
                return err("missing -, : or )", self.i);
            };
            if c == ')' || c == ':' {
                break;
            }
            if c == '-' {
                if neg {
                    return err("unknown flag", self.i);
                }
                neg = true;
                self.i += 1;
                if self.peek().is_none_or(|c| Self::inline_flag(c).is_none()) {
                    let msg = if self.peek().is_some_and(|c| c.is_alphabetic()) {
                        "unknown flag"
                    } else {
                        "missing flag"
                    };
                    return err(msg, self.i);
                }
                continue;
            }
            let Some(f) = Self::inline_flag(c) else {
                let msg = if c.is_alphabetic() {
                    "unknown flag"
                } else {
                    "missing -, : or )"
                };
                return err(msg, self.i);
            };
            if neg {
                if f & (F_ASCII | F_UNICODE | F_LOCALE) != 0 {
                    return err(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                        self.i + 1,
                    );
                }
                off |= f;
            } else {
                if self.bytes && f == F_UNICODE {
                    return err(
                        "bad inline flags: cannot use 'u' flag with a bytes pattern",
                        self.i,
                    );
                }
                if !self.bytes && f == F_LOCALE {
                    return err(
                        "bad inline flags: cannot use 'L' flag with a str pattern",
                        self.i,
                    );
                }
                on |= f;
            }
            self.i += 1;
        }
        let c = self.p[self.i];
        self.i += 1;
        if c == ')' {
            if neg {
                return err("missing :", self.i - 1);
            }
            if start != 0 {
                return err("global flags not at the start of the expression", start);
            }
            self.flags |= on;
            return Ok(None);
        }
        if on & off != 0 {
            return err("bad inline flags: flag turned on and off", self.i - 1);
        }
        let saved = self.flags;
        self.flags = (self.flags | on) & !off;
        let inner = self.alternation(depth + 1)?;
        self.flags = saved;
        self.close(start)?;
        Ok(Some(Node::Scoped(on, off, Box::new(inner))))
    }

    fn close(&mut self, start: usize) -> Result<(), SyntaxErr> {
        if self.peek() != Some(')') {
            return err("missing ), unterminated subpattern", start);
        }
        self.i += 1;
        Ok(())
    }

    fn capture(
        &mut self,
        start: usize,
        depth: usize,
        name: Option<String>,
    ) -> Result<Node, SyntaxErr> {
        self.groups += 1;
        let n = self.groups;
        if let Some(name) = name {
            if let Some(&(_, old)) = self.names.iter().find(|(k, _)| *k == name) {
                return err(
                    format!("redefinition of group name '{name}' as group {n}; was group {old}"),
                    start + 4,
                );
            }
            self.names.push((name, n));
        }
        self.open.push(n);
        self.widths.push(None);
        let inner = self.alternation(depth + 1)?;
        self.close(start)?;
        self.open.retain(|&g| g != n);
        let w = self.width(&inner);
        if let Some(slot) = self.widths.get_mut(n as usize) {
            *slot = w.map(|(lo, hi)| (lo, hi.unwrap_or(u64::MAX)));
        }
        Ok(Node::Group(n, Box::new(inner)))
    }

    /// The (min, max) width of a node in chars; `None` max = unbounded; `None` overall = unknown.
    fn width(&self, n: &Node) -> Option<(u64, Option<u64>)> {
        Some(match n {
            Node::Empty | Node::At(_) | Node::Look { .. } => (0, Some(0)),
            Node::Lit(_) | Node::Any | Node::Class(..) => (1, Some(1)),
            Node::Cat(v) => {
                let mut lo = 0u64;
                let mut hi = Some(0u64);
                for x in v {
                    let (a, b) = self.width(x)?;
                    lo = lo.saturating_add(a);
                    hi = match (hi, b) {
                        (Some(h), Some(b)) => Some(h.saturating_add(b)),
                        _ => None,
                    };
                }
                (lo, hi)
            }
            Node::Alt(v) => {
                let mut lo = u64::MAX;
                let mut hi = Some(0u64);
                for x in v {
                    let (a, b) = self.width(x)?;
                    lo = lo.min(a);
                    hi = match (hi, b) {
                        (Some(h), Some(b)) => Some(h.max(b)),
                        _ => None,
                    };
                }
                (lo, hi)
            }
            Node::Group(_, x) | Node::Scoped(_, _, x) | Node::Atomic(x) => self.width(x)?,
            Node::Repeat { min, max, node, .. } => {
                let (a, b) = self.width(node)?;
                (
                    a.saturating_mul(*min as u64),
                    match (b, max) {
                        (Some(b), Some(m)) => Some(b.saturating_mul(*m as u64)),
                        (Some(0), None) => Some(0),
                        _ => None,
                    },
                )
            }
            Node::Backref(g) => {
                let (lo, hi) = (*self.widths.get(*g as usize)?)?;
                (lo, (hi != u64::MAX).then_some(hi))
            }
            Node::Cond(_, a, b) => {
                let (a1, a2) = self.width(a)?;
                let (b1, b2) = self.width(b)?;
                (
                    a1.min(b1),
                    match (a2, b2) {
                        (Some(x), Some(y)) => Some(x.max(y)),
                        _ => None,
                    },
                )
            }
        })
    }
}

fn inner_group(n: Node) -> Node {
    match n {
        Node::Alt(_) | Node::Repeat { .. } => Node::Scoped(0, 0, Box::new(n)),
        other => other,
    }
}

/// The character `\N{name}` names: any Unicode name or formal alias, in any letter case (CPython's re
/// asks `unicodedata.lookup`), as string literals' `\N{...}` does.
fn unicode_name(name: &str) -> Option<char> {
    crate::lexer::char_by_name(name)
}

/// Which compiled form a search needs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    /// Leftmost match at or after the start.
    Search = 0,
    /// A match starting exactly at the start.
    Match = 1,
    /// A match from the start to the end of the (sliced) text.
    Full = 2,
    /// A match starting exactly at the start that is not empty (after an empty match in a scan).
    NonEmpty = 3,
}

/// The `fancy-regex` text of a parsed pattern for one [`Mode`]. The whole match is always group 1 (and
/// the program's group `n` is group `n + 1`). `nl_end`: whether the text ends in `\n`, where Python's `$`
/// also matches just before that newline.
/// `empty`: the text is empty, where CPython's `\B` never matches.
/// `ascii_text`: the text is ASCII and the pattern [`ascii_only`]: Unicode classes and case folding are
/// spelled as their ASCII part (the same matches on such a text, and an engine far cheaper to build).
pub(crate) fn emit(
    p: &Parsed,
    bytes: bool,
    mode: Mode,
    nl_end: bool,
    empty: bool,
    ascii_text: bool,
) -> String {
    let mut e = Emitter {
        out: String::new(),
        bytes,
        nl_end,
        empty,
        ascii_text,
    };
    let body = {
        e.node(&p.node, p.flags);
        std::mem::take(&mut e.out)
    };
    match mode {
        Mode::Search => format!("({body})"),
        Mode::Match => format!("({body})|"),
        Mode::Full => format!("((?:{body}))\\z|"),
        Mode::NonEmpty => format!("\\G(?:({body})(?!\\G))"),
    }
}

struct Emitter {
    out: String,
    bytes: bool,
    nl_end: bool,
    empty: bool,
    ascii_text: bool,
}

/// Whether every character the pattern names is ASCII (then on an ASCII text no Unicode class or case fold
/// can match anything its ASCII part does not).
pub(crate) fn ascii_only(n: &Node) -> bool {
    match n {
        Node::Lit(c) => c.is_ascii(),
        Node::Class(_, items) => items.iter().all(|i| match i {
            Item::Char(c) => c.is_ascii(),
            Item::Range(a, b) => a.is_ascii() && b.is_ascii(),
            Item::Cat(_) => true,
        }),
        Node::Cat(v) | Node::Alt(v) => v.iter().all(ascii_only),
        Node::Group(_, x) | Node::Scoped(_, _, x) | Node::Atomic(x) => ascii_only(x),
        Node::Look { node, .. } | Node::Repeat { node, .. } => ascii_only(node),
        Node::Cond(_, a, b) => ascii_only(a) && ascii_only(b),
        Node::Empty | Node::Any | Node::Backref(_) | Node::At(_) => true,
    }
}

const SPACE_CLASS: &str = "\\t\\n\\x0B\\x0C\\r\\x1C-\\x1F\\x20\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
const ASCII_SPACE: &str = "\\t\\n\\x0B\\x0C\\r\\x20";
const UNICODE_ASCII_SPACE: &str = "\\t\\n\\x0B\\x0C\\r\\x1C-\\x1F\\x20";
const WORD_CLASS: &str = "\\p{L}\\p{N}_";
const ASCII_WORD: &str = "0-9A-Za-z_";

impl Emitter {
    /// Whether classes and case folding are spelled in ASCII: the pattern's flags say so, or the text is.
    fn ascii(&self, flags: u32) -> bool {
        self.ascii_flags(flags) || self.ascii_text
    }

    fn ascii_flags(&self, flags: u32) -> bool {
        self.bytes || flags & F_ASCII != 0
    }

    fn push_char(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            self.out.push(c);
        } else {
            let _ = write!(self.out, "\\x{{{:X}}}", c as u32);
        }
    }

    fn cat_body(&self, cat: Cat, flags: u32) -> (&'static str, bool) {
        let a = self.ascii(flags);
        match cat {
            Cat::Digit => (if a { "0-9" } else { "\\p{Nd}" }, false),
            Cat::NotDigit => (if a { "0-9" } else { "\\p{Nd}" }, true),
            Cat::Word => (if a { ASCII_WORD } else { WORD_CLASS }, false),
            Cat::NotWord => (if a { ASCII_WORD } else { WORD_CLASS }, true),
            Cat::Space => (self.space(flags), false),
            Cat::NotSpace => (self.space(flags), true),
        }
    }

    /// `\s`: ASCII's, Unicode's, or Unicode's ASCII part (which has `\x1C-\x1F`) on an ASCII text.
    fn space(&self, flags: u32) -> &'static str {
        if self.ascii_flags(flags) {
            ASCII_SPACE
        } else if self.ascii_text {
            UNICODE_ASCII_SPACE
        } else {
            SPACE_CLASS
        }
    }

    fn class(&mut self, neg: bool, items: &[Item], flags: u32) {
        let icase = flags & F_IGNORECASE != 0;
        let ascii_fold = icase && self.ascii(flags);
        let wrap = icase && !ascii_fold;
        if wrap {
            self.out.push_str("(?i:");
        }
        self.out.push('[');
        if neg {
            self.out.push('^');
        }
        if items.is_empty() {
            // Never produced by the parser; keep the class valid anyway.
            self.out.push_str("\\x{0}&&\\x{1}");
        }
        let mut extra: Vec<(char, char)> = Vec::new();
        for it in items {
            match it {
                Item::Char(c) => {
                    self.push_char(*c);
                    if ascii_fold {
                        fold_range(*c, *c, &mut extra);
                    }
                }
                Item::Range(a, b) => {
                    self.push_char(*a);
                    self.out.push('-');
                    self.push_char(*b);
                    if ascii_fold {
                        fold_range(*a, *b, &mut extra);
                    }
                }
                Item::Cat(c) => {
                    let (body, negc) = self.cat_body(*c, flags);
                    if negc {
                        let _ = write!(self.out, "[^{body}]");
                    } else {
                        self.out.push_str(body);
                    }
                }
            }
        }
        for (a, b) in extra {
            self.push_char(a);
            if b != a {
                self.out.push('-');
                self.push_char(b);
            }
        }
        self.out.push(']');
        if wrap {
            self.out.push(')');
        }
    }

    fn node(&mut self, n: &Node, flags: u32) {
        match n {
            Node::Empty => {}
            Node::Lit(c) => {
                let icase = flags & F_IGNORECASE != 0;
                if icase && self.ascii(flags) {
                    if c.is_ascii_alphabetic() {
                        let _ = write!(
                            self.out,
                            "[{}{}]",
                            c.to_ascii_lowercase(),
                            c.to_ascii_uppercase()
                        );
                    } else {
                        self.push_char(*c);
                    }
                } else if icase && (c.is_lowercase() || c.is_uppercase()) {
                    self.out.push_str("(?i:");
                    self.push_char(*c);
                    self.out.push(')');
                } else {
                    self.push_char(*c);
                }
            }
            Node::Any => {
                if flags & F_DOTALL != 0 {
                    self.out.push_str("(?s:.)");
                } else {
                    self.out.push('.');
                }
            }
            Node::Class(neg, items) => self.class(*neg, items, flags),
            Node::Cat(v) => {
                for x in v {
                    self.node(x, flags);
                }
            }
            Node::Alt(v) => {
                self.out.push_str("(?:");
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        self.out.push('|');
                    }
                    self.node(x, flags);
                }
                self.out.push(')');
            }
            Node::Group(_, x) => {
                self.out.push('(');
                self.node(x, flags);
                self.out.push(')');
            }
            Node::Scoped(on, off, x) => {
                self.out.push_str("(?:");
                self.node(x, (flags | on) & !off);
                self.out.push(')');
            }
            Node::Look { behind, neg, node } => {
                self.out.push_str(match (behind, neg) {
                    (false, false) => "(?=",
                    (false, true) => "(?!",
                    (true, false) => "(?<=",
                    (true, true) => "(?<!",
                });
                self.node(node, flags);
                self.out.push(')');
            }
            Node::Atomic(x) => {
                self.out.push_str("(?>");
                self.node(x, flags);
                self.out.push(')');
            }
            Node::Repeat {
                min,
                max,
                greed,
                node,
            } => {
                self.out.push_str("(?:");
                self.node(node, flags);
                self.out.push(')');
                match (min, max) {
                    (0, None) => self.out.push('*'),
                    (1, None) => self.out.push('+'),
                    (0, Some(1)) => self.out.push('?'),
                    (m, None) => {
                        let _ = write!(self.out, "{{{m},}}");
                    }
                    (m, Some(x)) => {
                        let _ = write!(self.out, "{{{m},{x}}}");
                    }
                }
                match greed {
                    Greed::Greedy => {}
                    Greed::Lazy => self.out.push('?'),
                    Greed::Possessive => self.out.push('+'),
                }
            }
            Node::Backref(g) => {
                if flags & F_IGNORECASE != 0 {
                    let _ = write!(self.out, "(?i:\\{})", g + 1);
                } else {
                    let _ = write!(self.out, "(?:\\{})", g + 1);
                }
            }
            Node::Cond(g, yes, no) => {
                let _ = write!(self.out, "(?({})", g + 1);
                self.node(yes, flags);
                self.out.push('|');
                self.node(no, flags);
                self.out.push(')');
            }
            Node::At(a) => self.at(*a, flags),
        }
    }

    fn at(&mut self, a: At, flags: u32) {
        // Word boundaries keep the pattern's own meaning (the `regex` crate's `\b` is fast on any text).
        let word = if self.ascii_flags(flags) {
            ASCII_WORD
        } else {
            WORD_CLASS
        };
        match a {
            At::Start => self.out.push_str("\\A"),
            At::End => self.out.push_str("\\z"),
            At::Bol => self.out.push_str(if flags & F_MULTILINE != 0 {
                "(?m:^)"
            } else {
                "\\A"
            }),
            At::Eol => {
                if flags & F_MULTILINE != 0 {
                    self.out.push_str("(?m:$)");
                } else if self.nl_end {
                    self.out.push_str("(?=\\n?\\z)");
                } else {
                    self.out.push_str("\\z");
                }
            }
            At::NotBoundary if self.empty => self.out.push_str("(?!)"),
            At::Boundary | At::NotBoundary if self.ascii_flags(flags) => {
                let b = format!("(?:(?<=[{word}])(?![{word}])|(?<![{word}])(?=[{word}]))");
                if a == At::Boundary {
                    self.out.push_str(&b);
                } else {
                    let _ = write!(self.out, "(?!{b})");
                }
            }
            // Unicode word boundaries: the `regex` crate's own (its `\w` also counts combining marks).
            At::Boundary => self.out.push_str("\\b"),
            At::NotBoundary => self.out.push_str("\\B"),
        }
    }
}

/// The other-case ASCII letters of the range `a..=b` (for ASCII-only case-insensitive classes).
fn fold_range(a: char, b: char, out: &mut Vec<(char, char)>) {
    for (lo, hi, delta) in [('a', 'z', -32i32), ('A', 'Z', 32)] {
        let s = a.max(lo);
        let e = b.min(hi);
        if s <= e {
            let f = |c: char| char::from_u32((c as i32 + delta) as u32).unwrap_or(c);
            out.push((f(s), f(e)));
        }
    }
}

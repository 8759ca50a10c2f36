//! Prints Rust tokens (types, signatures, constant expressions) the way rustfmt writes them on one line:
//! `&'a mut Vec<Option<u8>>`, `(&self, k: f64) -> Self`, `T: ?Sized + Clone`, `1 << 4`. `quote`'s own
//! `to_string()` spaces every token (`& 'a mut Vec < Option < u8 > >`), which is no way to show a signature.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// What the previous token was, which decides the space before the next one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of the text or of a group.
    Open,
    /// An identifier, literal or lifetime.
    Word,
    /// A closing group or a closing generic `>`.
    Close,
    /// A token followed by a space: `,` `;` `:` and binary operators.
    SpaceAfter,
    /// A token glued to what follows: unary `&` `*` `-` `!`, `::`, `.`, `?`, `#`, generic `<`.
    Glued,
}

/// Multi-character operators, longest first.
const OPERATORS: [&str; 21] = [
    "..=", "...", "<<=", ">>=", "::", "->", "=>", "..", "==", "!=", "<=", ">=", "&&", "||", "<<",
    ">>", "+=", "-=", "*=", "/=", "|=",
];

/// One-line Rust text for `tokens`.
pub fn to_rust(tokens: TokenStream) -> String {
    let mut printer = Printer {
        out: String::new(),
        prev: Prev::Open,
        angle_depth: 0,
    };
    printer.stream(tokens);
    printer.out
}

struct Printer {
    out: String,
    prev: Prev,
    angle_depth: usize,
}

impl Printer {
    fn stream(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            i += self.token(&tokens, i);
        }
    }

    fn space_if(&mut self, space: bool) {
        if space && !self.out.is_empty() && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
    }

    /// Prints the token at `i` (and any it combines with); returns how many were consumed.
    fn token(&mut self, tokens: &[TokenTree], i: usize) -> usize {
        match &tokens[i] {
            TokenTree::Ident(ident) => {
                self.word(&ident.to_string());
                1
            }
            TokenTree::Literal(literal) => {
                self.word(&literal.to_string());
                1
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                if group.delimiter() == Delimiter::Brace {
                    self.space_if(!matches!(self.prev, Prev::Open | Prev::Glued));
                } else {
                    self.space_if(self.prev == Prev::SpaceAfter);
                }
                let saved_depth = std::mem::replace(&mut self.angle_depth, 0);
                self.out.push_str(open);
                let empty = group.stream().is_empty();
                if group.delimiter() == Delimiter::Brace && !empty {
                    self.out.push(' ');
                }
                self.prev = Prev::Open;
                self.stream(group.stream());
                if group.delimiter() == Delimiter::Brace && !empty {
                    self.out.push(' ');
                }
                self.out.push_str(close);
                self.angle_depth = saved_depth;
                self.prev = Prev::Close;
                1
            }
            TokenTree::Punct(_) => self.punct(tokens, i),
        }
    }

    fn word(&mut self, text: &str) {
        self.space_if(matches!(
            self.prev,
            Prev::Word | Prev::Close | Prev::SpaceAfter
        ));
        self.out.push_str(text);
        self.prev = Prev::Word;
    }

    fn punct(&mut self, tokens: &[TokenTree], i: usize) -> usize {
        let operand_before = matches!(self.prev, Prev::Word | Prev::Close);
        let (op, consumed) = self.operator(tokens, i, operand_before);
        match op.as_str() {
            "'" => {
                // A lifetime: the quote is joined to the identifier after it.
                if let Some(TokenTree::Ident(ident)) = tokens.get(i + 1) {
                    self.word(&format!("'{ident}"));
                    return 2;
                }
                self.glued("'");
            }
            "," | ";" | ":" => {
                self.out.push_str(&op);
                self.prev = Prev::SpaceAfter;
            }
            "<" if !matches!(self.prev, Prev::Word) || !is_literal_before(tokens, i) => {
                self.space_if(self.prev == Prev::SpaceAfter);
                self.out.push('<');
                self.angle_depth += 1;
                self.prev = Prev::Glued;
            }
            ">" if self.angle_depth > 0 => {
                self.out.push('>');
                self.angle_depth -= 1;
                self.prev = Prev::Close;
            }
            "&" | "*" | "-" | "!" if !operand_before => self.glued(&op),
            "!" => {
                // `name!`: a macro call.
                self.out.push('!');
                self.prev = Prev::Glued;
            }
            "::" | "." | ".." | "..=" | "?" | "#" | "$" => self.glued(&op),
            _ => {
                self.space_if(true);
                self.out.push_str(&op);
                self.prev = Prev::SpaceAfter;
            }
        }
        consumed
    }

    fn glued(&mut self, op: &str) {
        self.space_if(self.prev == Prev::SpaceAfter);
        self.out.push_str(op);
        self.prev = Prev::Glued;
    }

    /// The operator starting at `i`: a joint run matching a known multi-character operator, or one character.
    /// Inside generics `>` always stands alone (`Vec<Vec<u8>>` closes twice); a unary `&` stands alone too.
    fn operator(&self, tokens: &[TokenTree], i: usize, operand_before: bool) -> (String, usize) {
        let mut run = String::new();
        let mut j = i;
        while let Some(TokenTree::Punct(p)) = tokens.get(j) {
            run.push(p.as_char());
            j += 1;
            if p.spacing() == Spacing::Alone {
                break;
            }
        }
        let first = run.chars().next().map(String::from).unwrap_or_default();
        if (first == ">" && self.angle_depth > 0) || (first == "&" && !operand_before) {
            return (first, 1);
        }
        for op in OPERATORS {
            if run.starts_with(op) {
                return (op.to_owned(), op.len());
            }
        }
        (first, 1)
    }
}

/// Whether the token before `i` is a literal (then `<` compares: `1 < 2`).
fn is_literal_before(tokens: &[TokenTree], i: usize) -> bool {
    i > 0 && matches!(tokens[i - 1], TokenTree::Literal(_))
}

#[cfg(test)]
mod tests {
    use super::to_rust;
    use quote::quote;

    #[test]
    fn types_print_as_rustfmt_does() {
        assert_eq!(
            to_rust(quote!(&'a mut Vec<Option<u8>>)),
            "&'a mut Vec<Option<u8>>"
        );
        assert_eq!(
            to_rust(quote!(HashMap<String, Vec<(u8, f64)>>)),
            "HashMap<String, Vec<(u8, f64)>>"
        );
        assert_eq!(to_rust(quote!([u8; 4])), "[u8; 4]");
        assert_eq!(
            to_rust(quote!(Box<dyn Fn(&str) -> bool + Send>)),
            "Box<dyn Fn(&str) -> bool + Send>"
        );
        assert_eq!(to_rust(quote!(&&str)), "&&str");
        assert_eq!(to_rust(quote!(*const T)), "*const T");
        assert_eq!(to_rust(quote!(std::io::Result<()>)), "std::io::Result<()>");
        assert_eq!(
            to_rust(quote!(<T as Iterator>::Item)),
            "<T as Iterator>::Item"
        );
        assert_eq!(
            to_rust(quote!(impl Iterator<Item = &'static str>)),
            "impl Iterator<Item = &'static str>"
        );
    }

    #[test]
    fn signatures_and_bounds() {
        assert_eq!(
            to_rust(quote!((&mut self, k: f64) -> Self)),
            "(&mut self, k: f64) -> Self"
        );
        assert_eq!(
            to_rust(quote!(<T: ?Sized + Clone, const N: usize>)),
            "<T: ?Sized + Clone, const N: usize>"
        );
        assert_eq!(to_rust(quote!(fn(u8) -> !)), "fn(u8) -> !");
        assert_eq!(
            to_rust(quote!(Point { x: f64, y: f64 })),
            "Point { x: f64, y: f64 }"
        );
        assert_eq!(to_rust(quote!(Unit {})), "Unit {}");
    }

    #[test]
    fn constant_expressions() {
        assert_eq!(to_rust(quote!(1 << 4)), "1 << 4");
        assert_eq!(to_rust(quote!(-1)), "-1");
        assert_eq!(to_rust(quote!(a & b)), "a & b");
        assert_eq!(to_rust(quote!(u32::MAX - 1)), "u32::MAX - 1");
        assert_eq!(to_rust(quote!("text")), "\"text\"");
        assert_eq!(to_rust(quote!(Self::BASE * 2.0)), "Self::BASE * 2.0");
        assert_eq!(to_rust(quote!(!0u8)), "!0u8");
        assert_eq!(to_rust(quote!(vec![1, 2])), "vec![1, 2]");
        assert_eq!(to_rust(quote!(1 < 2)), "1 < 2");
    }
}

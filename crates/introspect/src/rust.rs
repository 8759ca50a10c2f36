//! What a Rust type's description adds to a class ([`RustType`], [`TraitImpl`], [`RustItem`]) and the text
//! work that makes its page read as Rust: generic parameters and `Self` replaced by what they are for the
//! value in hand (`new() -> Self` on a `Stack<i64>` prints `new() -> Stack<i64>`), and paths shortened to
//! their last segment as rustdoc prints them (`alloc::string::String` is `String`, `fmt::Formatter<'_>` is
//! `Formatter<'_>`).

use crate::model::{MemberDoc, TypeDoc};

/// Which Rust item a member is; it picks the section of a Rust type's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RustItem {
    /// A struct field: "Fields", printed `x: f64`.
    Field,
    /// An enum variant: "Variants", printed `Move { dx: i32, dy: i32 }` or `Red = 1`.
    Variant,
    /// An associated constant: "Associated constants", printed `CAPACITY: usize = 65536`.
    Const,
    /// An associated type of a trait implementation, printed `type Item = i64`.
    AssocType,
    /// An associated function without a `self` receiver: "Associated functions".
    Function,
    /// A method (a function with a `self` receiver): "Methods".
    Method,
}

impl RustItem {
    /// The section title on a type's page, in the order the page prints them.
    pub fn section_title(self) -> &'static str {
        match self {
            RustItem::Field => "Fields",
            RustItem::Variant => "Variants",
            RustItem::Const => "Associated constants",
            RustItem::AssocType => "Associated types",
            RustItem::Function => "Associated functions",
            RustItem::Method => "Methods",
        }
    }

    /// The word for one such item in a page header ("field", "method", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RustItem::Field => "field",
            RustItem::Variant => "variant",
            RustItem::Const => "associated constant",
            RustItem::AssocType => "associated type",
            RustItem::Function => "associated function",
            RustItem::Method => "method",
        }
    }

    /// All items in the order a type's page lists their sections (rustdoc's: fields or variants first).
    pub const ALL: [RustItem; 6] = [
        RustItem::Field,
        RustItem::Variant,
        RustItem::Const,
        RustItem::AssocType,
        RustItem::Function,
        RustItem::Method,
    ];
}

/// Where a Rust type is defined and what its generic parameters are for the value in hand. A [`TypeDoc`]
/// that has one is printed as a Rust page: the type's path and source location in the header, fields,
/// variants, constants, functions and methods in Rust's words, and one section per trait implementation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RustType {
    /// `struct` or `enum`.
    pub keyword: String,
    /// The type as the page names it, generic arguments resolved: `Stack<i64>`, `Labelled<'a, u8, 2>`.
    pub display_name: String,
    /// The crate that defines the type (the first segment of its `module_path!()`).
    pub crate_name: String,
    /// The source file (`file!()`) and line (`line!()`) of the type's definition.
    pub file: String,
    /// See [`RustType::file`].
    pub line: u32,
    /// The type and const parameters as declared, with their value for this instantiation: `("T", "i64")`.
    pub generics: Vec<(String, String)>,
    /// The trait implementations the description knows (each `#[introspect::methods]` trait impl block that
    /// applies to this instantiation), sorted by trait.
    pub impls: Vec<TraitImpl>,
}

/// One trait implementation: `impl Display for Stack<i64>` and the items it defines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TraitImpl {
    /// The trait, generic arguments resolved and paths shortened: `Display`, `From<Vec<i64>>`.
    pub trait_name: String,
    /// The impl's parameters that the instantiation does not fix (`const N: usize` in
    /// `impl<T, const N: usize> From<[T; N]> for Stack<T>`), printed after `impl`.
    pub params: Vec<String>,
    /// The impl's bounds, resolved (`i64: Display`), when it has any: the implementation exists only when
    /// they hold.
    pub where_clause: Option<String>,
    /// The doc comment on the impl block.
    pub doc: String,
    /// The functions, methods, associated types and constants the block defines.
    pub members: Vec<MemberDoc>,
}

impl TraitImpl {
    /// The name `dir()` lists for one of this impl's members: `Display::fmt`, `Iterator::Item`.
    pub fn qualified(&self, member: &str) -> String {
        format!("{}::{member}", self.trait_name)
    }
}

/// A generic parameter substitution: type and const parameters by name, `Self`, and `Self::Assoc` for the
/// associated types of the block being resolved.
pub(crate) struct Subst<'a> {
    pub params: &'a [(String, String)],
    pub self_ty: &'a str,
    pub assoc: &'a [(String, String)],
}

/// Rust expression text with generic parameters replaced and nothing else touched (a constant's
/// expression: `N` becomes `4`, `u32::MAX - N` keeps its path).
pub(crate) fn replace_params(text: &str, params: &[(String, String)]) -> String {
    let toks = tokens(text);
    let mut out = String::new();
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Ident(word) => {
                let in_path =
                    (i > 0 && toks[i - 1] == Tok::Sep) || toks.get(i + 1) == Some(&Tok::Sep);
                match params.iter().find(|(p, _)| p == word) {
                    Some((_, value)) if !in_path => out.push_str(value),
                    _ => out.push_str(word),
                }
            }
            Tok::Sep => out.push_str("::"),
            Tok::Lifetime(text) | Tok::Other(text) => out.push_str(text),
        }
    }
    out
}

impl Subst<'_> {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Ident(&'a str),
    Lifetime(&'a str),
    /// `::`
    Sep,
    Other(&'a str),
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let is_start = |c: char| c.is_alphabetic() || c == '_';
    let is_cont = |c: char| c.is_alphanumeric() || c == '_';
    while i < text.len() {
        let rest = &text[i..];
        let Some(ch) = rest.chars().next() else { break };
        if rest.starts_with("::") {
            out.push(Tok::Sep);
            i += 2;
        } else if ch == '\'' && rest[1..].chars().next().is_some_and(is_start) {
            let len = 1 + rest[1..]
                .find(|c: char| !is_cont(c))
                .unwrap_or(rest.len() - 1);
            // A char literal (`'a'`) is not a lifetime.
            if bytes.get(i + len) == Some(&b'\'') {
                out.push(Tok::Other(&rest[..len + 1]));
                i += len + 1;
            } else {
                out.push(Tok::Lifetime(&rest[..len]));
                i += len;
            }
        } else if is_start(ch) {
            let len = rest.find(|c: char| !is_cont(c)).unwrap_or(rest.len());
            out.push(Tok::Ident(&rest[..len]));
            i += len;
        } else if ch == '"' {
            // A string literal, kept whole.
            let mut end = 1;
            let mut escaped = false;
            for (j, c) in rest.char_indices().skip(1) {
                end = j + c.len_utf8();
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    break;
                }
            }
            out.push(Tok::Other(&rest[..end]));
            i += end;
        } else {
            out.push(Tok::Other(&rest[..ch.len_utf8()]));
            i += ch.len_utf8();
        }
    }
    out
}

/// Rust text (a type, a signature, a bound) with the substitution applied and paths shortened to their last
/// segment, as rustdoc prints them. A path starting with a generic parameter or `Self` keeps its prefix
/// (`T::Output`); `Self::Item` becomes the block's `Item` when the block defines it; the tail of a qualified
/// path (`<T as Iterator>::Item`) is kept.
pub(crate) fn resolve(text: &str, subst: &Subst<'_>) -> String {
    let toks = tokens(text);
    let mut out = String::new();
    let mut i = 0;
    while i < toks.len() {
        match toks[i] {
            Tok::Sep => {
                // A leading `::` (`::std::fmt::Display`) goes with the path it starts.
                let prev = toks[..i].iter().rev().find(|t| **t != Tok::Other(" "));
                let starts_path = matches!(toks.get(i + 1), Some(Tok::Ident(_)))
                    && !matches!(prev, Some(Tok::Ident(_)) | Some(Tok::Other(">")));
                if !starts_path {
                    out.push_str("::");
                }
                i += 1;
            }
            Tok::Ident(word) => {
                let mut segments = vec![word];
                let mut j = i + 1;
                while let (Some(Tok::Sep), Some(Tok::Ident(next))) = (toks.get(j), toks.get(j + 1))
                {
                    segments.push(next);
                    j += 2;
                }
                let qualified_tail = i >= 2
                    && toks[i - 1] == Tok::Sep
                    && matches!(toks[i - 2], Tok::Other(">") | Tok::Ident(_));
                if qualified_tail {
                    out.push_str(&segments.join("::"));
                } else if segments.len() == 1 {
                    match word {
                        "Self" => out.push_str(subst.self_ty),
                        _ => out.push_str(subst.param(word).unwrap_or(word)),
                    }
                } else if segments[0] == "Self" {
                    match subst.assoc.iter().find(|(name, _)| name == segments[1]) {
                        Some((_, value)) => {
                            out.push_str(value);
                            for rest in &segments[2..] {
                                out.push_str("::");
                                out.push_str(rest);
                            }
                        }
                        None => out.push_str(&segments.join("::")),
                    }
                } else if subst.param(segments[0]).is_some() {
                    out.push_str(&segments.join("::"));
                } else {
                    out.push_str(segments.last().copied().unwrap_or(word));
                }
                i = j;
            }
            Tok::Lifetime(text) | Tok::Other(text) => {
                out.push_str(text);
                i += 1;
            }
        }
    }
    out
}

/// A type's name as rustdoc prints it: `std::any::type_name`'s full paths shortened to their last segment
/// (`alloc::vec::Vec<alloc::string::String>` is `Vec<String>`).
pub fn short_type_name(full: &str) -> String {
    resolve(
        full,
        &Subst {
            params: &[],
            self_ty: "Self",
            assoc: &[],
        },
    )
}

/// The text of a Rust type description before resolution, as `#[derive(Introspect)]` captures it.
#[derive(Debug, Clone, Default)]
pub struct TypeParts {
    /// The name the page uses (the type's ident, or `#[introspect(name = ..)]`).
    pub name: String,
    /// The module the page names (`module_path!()`, or `#[introspect(module = ..)]`).
    pub module: String,
    /// The real `module_path!()` of the type, whose first segment is the crate.
    pub module_path: String,
    /// `file!()` and `line!()` of the type's definition.
    pub file: String,
    /// See [`TypeParts::file`].
    pub line: u32,
    /// `struct` or `enum`.
    pub keyword: String,
    /// The declared generic parameters in order: `'a`, `T`, `N`.
    pub params: Vec<String>,
    /// The constructor shape after the name: ` { x: T, .. }`, `(f64)` or nothing.
    pub shape: String,
    /// The type's doc, already plain text.
    pub doc: String,
    /// Fields or variants, unresolved.
    pub members: Vec<MemberDoc>,
}

/// One `#[introspect::methods]` impl block, as captured: its generic parameters, how it writes the type's
/// arguments, its bounds and its items, all unresolved.
#[derive(Debug, Clone, Default)]
pub struct ImplBlock {
    /// The trait as written (`fmt::Display`, `From<Vec<T>>`); `None` for an inherent block.
    pub trait_path: Option<String>,
    /// The block's own generic parameter names (`'a`, `T`, `N`).
    pub params: Vec<String>,
    /// The same parameters as declared, without bounds (`'a`, `T`, `const N: usize`).
    pub declared: Vec<String>,
    /// The type's generic arguments as the block writes them (`T`, `i64`, `'a`).
    pub self_args: Vec<String>,
    /// The block's bounds as written, one predicate each (`T: fmt::Display`).
    pub bounds: Vec<String>,
    /// The associated types the block defines, with their definitions (`Item`, `T`).
    pub assoc_types: Vec<(String, String)>,
    /// The doc comment on the block, plain text.
    pub doc: String,
    /// The block's items.
    pub members: Vec<MemberDoc>,
    /// The constants whose value is their expression as written (not evaluated): their parameters are
    /// replaced too (`CELLS: usize = N` on a `Grid<u8, 4>` prints `= 4`).
    pub source_consts: Vec<String>,
}

/// Builds the description of one instantiation of a Rust type: `args` are the values of `parts.params` in
/// order (`std::any::type_name` of each type parameter, the value of each const parameter; lifetimes as
/// declared). Blocks whose written arguments do not match the instantiation (`impl From<u8> for Stack<u8>`
/// on a `Stack<i64>`) are left out.
pub fn build(parts: TypeParts, args: Vec<String>, blocks: Vec<ImplBlock>) -> TypeDoc {
    let args: Vec<String> = args.iter().map(|a| short_type_name(a)).collect();
    let generics: Vec<(String, String)> = parts
        .params
        .iter()
        .zip(&args)
        .filter(|(p, _)| !p.starts_with('\''))
        .map(|(p, a)| (p.clone(), a.clone()))
        .collect();
    let display_name = if parts.params.is_empty() {
        parts.name.clone()
    } else {
        format!("{}<{}>", parts.name, args.join(", "))
    };
    let own = Subst {
        params: &generics,
        self_ty: &display_name,
        assoc: &[],
    };
    let resolve_member = |member: &MemberDoc, subst: &Subst<'_>| MemberDoc {
        signature: member.signature.as_deref().map(|s| resolve(s, subst)),
        ..member.clone()
    };
    let mut members: Vec<MemberDoc> = parts
        .members
        .iter()
        .map(|m| resolve_member(m, &own))
        .collect();
    let mut impls = Vec::new();
    for block in blocks {
        let Some(mut params) = block_params(&block, &parts.params, &args) else {
            continue;
        };
        // The block's associated types resolve `Self::Item` in its signatures.
        let assoc: Vec<(String, String)> = block
            .assoc_types
            .iter()
            .map(|(name, ty)| {
                let subst = Subst {
                    params: &params,
                    self_ty: &display_name,
                    assoc: &[],
                };
                (name.clone(), resolve(ty, &subst))
            })
            .collect();
        params.retain(|(p, _)| !p.starts_with('\''));
        let free: Vec<String> = block
            .params
            .iter()
            .zip(&block.declared)
            .filter(|(name, _)| !params.iter().any(|(p, _)| p == *name))
            .filter(|(name, _)| !name.starts_with('\''))
            .map(|(_, declared)| declared.clone())
            .collect();
        let subst = Subst {
            params: &params,
            self_ty: &display_name,
            assoc: &assoc,
        };
        let bounds: Vec<String> = block.bounds.iter().map(|b| resolve(b, &subst)).collect();
        let where_clause = (!bounds.is_empty()).then(|| bounds.join(", "));
        let mut block_members: Vec<MemberDoc> = block
            .members
            .iter()
            .map(|m| {
                let mut m = resolve_member(m, &subst);
                if m.rust == Some(RustItem::AssocType) {
                    m.value = m.value.as_deref().map(|v| resolve(v, &subst));
                } else if block.source_consts.contains(&m.name) {
                    m.value = m.value.as_deref().map(|v| replace_params(v, subst.params));
                }
                m
            })
            .collect();
        match &block.trait_path {
            Some(path) => impls.push(TraitImpl {
                trait_name: resolve(path, &subst),
                params: free,
                where_clause,
                doc: block.doc.clone(),
                members: block_members,
            }),
            None => {
                // An inherent block with bounds: its items exist only when they hold, which the page says
                // after each signature as a method's own `where` clause would.
                if let Some(clause) = &where_clause {
                    for m in block_members.iter_mut().filter(|m| m.kind.is_routine()) {
                        m.signature =
                            Some(add_where(m.signature.as_deref().unwrap_or("()"), clause));
                    }
                }
                members.append(&mut block_members);
            }
        }
    }
    impls.sort_by(|a, b| a.trait_name.cmp(&b.trait_name));
    let crate_name = parts
        .module_path
        .split("::")
        .next()
        .unwrap_or_default()
        .to_owned();
    TypeDoc {
        signature: (!parts.shape.is_empty()).then(|| resolve(&parts.shape, &own)),
        doc: parts.doc,
        members,
        rust: Some(RustType {
            keyword: parts.keyword,
            display_name,
            crate_name,
            file: parts.file,
            line: parts.line,
            generics,
            impls,
        }),
        ..TypeDoc::new(parts.name, parts.module)
    }
}

/// A block's parameters mapped to this instantiation's arguments, or `None` when the block's written
/// arguments name other types than the instantiation has (it does not apply).
fn block_params(
    block: &ImplBlock,
    declared: &[String],
    args: &[String],
) -> Option<Vec<(String, String)>> {
    let mut map: Vec<(String, String)> = Vec::new();
    for ((written, declared), arg) in block.self_args.iter().zip(declared).zip(args) {
        if declared.starts_with('\'') || written.starts_with('\'') {
            continue;
        }
        if block.params.contains(written) {
            map.push((written.clone(), arg.clone()));
            continue;
        }
        let known = Subst {
            params: &map,
            self_ty: "Self",
            assoc: &[],
        };
        if !same_type(&resolve(written, &known), arg) {
            return None;
        }
    }
    Some(map)
}

fn same_type(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(a) == squeeze(b)
}

/// `signature` with `clause` added to its `where` clause (or as a new one).
fn add_where(signature: &str, clause: &str) -> String {
    if signature.contains(" where ") {
        format!("{signature}, {clause}")
    } else {
        format!("{signature} where {clause}")
    }
}

impl TypeDoc {
    /// The type's name as its page prints it: `Stack<i64>` for a Rust type, the class name otherwise.
    pub fn display_name(&self) -> &str {
        match &self.rust {
            Some(rust) => &rust.display_name,
            None => &self.name,
        }
    }

    /// The type's full name in messages: `shapes::Point` for a Rust type, `builtins.int` for a class.
    pub fn qualified_name(&self) -> String {
        match &self.rust {
            Some(rust) => format!("{}::{}", self.module, rust.display_name),
            None => self.class_ref().qualified(),
        }
    }

    /// The trait members' names as `dir()` lists them (`Display::fmt`), each with its member.
    pub fn trait_members(&self) -> Vec<(String, &TraitImpl, &MemberDoc)> {
        let Some(rust) = &self.rust else {
            return Vec::new();
        };
        rust.impls
            .iter()
            .flat_map(|i| i.members.iter().map(move |m| (i.qualified(&m.name), i, m)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subst<'a>(params: &'a [(String, String)], assoc: &'a [(String, String)]) -> Subst<'a> {
        Subst {
            params,
            self_ty: "Stack<i64>",
            assoc,
        }
    }

    #[test]
    fn type_names_are_shortened_as_rustdoc_prints_them() {
        assert_eq!(
            short_type_name("alloc::vec::Vec<alloc::string::String>"),
            "Vec<String>"
        );
        assert_eq!(short_type_name("&str"), "&str");
        assert_eq!(
            short_type_name("core::option::Option<&dyn core::fmt::Debug>"),
            "Option<&dyn Debug>"
        );
        assert_eq!(
            short_type_name("(i32, [u8; 4], fn(f64) -> bool)"),
            "(i32, [u8; 4], fn(f64) -> bool)"
        );
        assert_eq!(
            short_type_name(
                "std::collections::hash::map::HashMap<u8, alloc::boxed::Box<dyn core::any::Any + core::marker::Send>>"
            ),
            "HashMap<u8, Box<dyn Any + Send>>"
        );
    }

    #[test]
    fn parameters_and_self_are_replaced() {
        let params = [
            ("T".to_owned(), "i64".to_owned()),
            ("N".to_owned(), "2".to_owned()),
        ];
        let assoc = [("Item".to_owned(), "i64".to_owned())];
        let s = subst(&params, &assoc);
        assert_eq!(resolve("() -> Self", &s), "() -> Stack<i64>");
        assert_eq!(
            resolve("(&mut self, item: T)", &s),
            "(&mut self, item: i64)"
        );
        assert_eq!(
            resolve("(&mut self) -> Option<Self::Item>", &s),
            "(&mut self) -> Option<i64>"
        );
        assert_eq!(
            resolve("(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result", &s),
            "(&self, f: &mut Formatter<'_>) -> Result"
        );
        assert_eq!(resolve("[u8; N]", &s), "[u8; 2]");
        assert_eq!(resolve("T::Output", &s), "T::Output");
        assert_eq!(
            resolve("<T as std::ops::Add>::Output", &s),
            "<i64 as Add>::Output"
        );
        assert_eq!(resolve("Self::Unknown", &s), "Self::Unknown");
        assert_eq!(resolve("::std::fmt::Display", &s), "Display");
        assert_eq!(
            resolve("T: std::fmt::Display + Clone", &s),
            "i64: Display + Clone"
        );
        assert_eq!(resolve("&'a Tee", &s), "&'a Tee");
        assert_eq!(resolve("'T'", &s), "'T'");
        assert_eq!(
            replace_params("u32::MAX - N * T::SIZE", &params),
            "u32::MAX - 2 * T::SIZE"
        );
        assert_eq!(replace_params("\"N\"", &params), "\"N\"");
    }

    #[test]
    fn blocks_for_other_instantiations_are_left_out() {
        let parts = TypeParts {
            name: "Stack".into(),
            module: "m".into(),
            module_path: "krate::m".into(),
            keyword: "struct".into(),
            params: vec!["T".into()],
            ..TypeParts::default()
        };
        let concrete = ImplBlock {
            trait_path: Some("From<Vec<u8>>".into()),
            self_args: vec!["u8".into()],
            ..ImplBlock::default()
        };
        let generic = ImplBlock {
            trait_path: Some("From<Vec<U>>".into()),
            params: vec!["U".into()],
            self_args: vec!["U".into()],
            ..ImplBlock::default()
        };
        let doc = build(
            parts.clone(),
            vec!["i64".into()],
            vec![concrete.clone(), generic.clone()],
        );
        let rust = doc.rust.expect("a Rust type");
        assert_eq!(rust.display_name, "Stack<i64>");
        assert_eq!(rust.crate_name, "krate");
        let traits: Vec<&str> = rust.impls.iter().map(|i| i.trait_name.as_str()).collect();
        assert_eq!(traits, ["From<Vec<i64>>"]);
        let doc = build(parts, vec!["u8".into()], vec![concrete, generic]);
        let traits: Vec<String> = doc
            .rust
            .expect("a Rust type")
            .impls
            .into_iter()
            .map(|i| i.trait_name)
            .collect();
        assert_eq!(traits, ["From<Vec<u8>>", "From<Vec<u8>>"]);
    }
}

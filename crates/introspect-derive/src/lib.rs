//! Procedural macros behind the `introspect` crate (use them through it, not directly):
//!
//! * `#[derive(Introspect)]` on a struct or enum implements `introspect::Introspect`: the type's doc comment,
//!   where it is defined (`module_path!()`, and `file!()`/`line!()` spanned at its name), its generic
//!   parameters (each resolved at run time with `std::any::type_name` or the const value), its fields or
//!   variants, and the blocks of its `#[introspect::methods]` impl blocks.
//! * `#[introspect::methods]` on an impl block, inherent or of a trait, records its functions (methods with a
//!   `self` receiver, associated functions without), associated constants (evaluated with `Debug` where no
//!   bound is needed) and associated types, each with its signature and doc comment, plus the block's
//!   generics, bounds and the type arguments it is written for. The impl it generates drops the bounds and
//!   replaces concrete type arguments with parameters, so the derive of a generic type finds every block;
//!   which blocks apply to an instantiation is decided when its page is built.
//!
//! Helper attribute `#[introspect(skip)]` hides a field, variant, function, constant or associated type; on
//! the type, `#[introspect(name = "...", module = "...")]` overrides the name and module (default: the
//! type's name and `module_path!()`), and `#[introspect(bound = "T: Clone")]` adds where-clauses to the
//! derived impl. On a block, `#[introspect::methods(part = N, bound = "T: Clone")]` numbers it (a type's
//! blocks take distinct parts, 0 to 15) and repeats bounds the type declares on its own parameters.
//!
//! ```
//! use introspect::{Introspect, dir};
//!
//! /// A drawing command.
//! #[derive(Introspect)]
//! pub enum Command {
//!     /// Lift the pen.
//!     Up,
//!     /// Move by an offset.
//!     Move { dx: i32, dy: i32 },
//! }
//!
//! assert_eq!(dir(&Command::Up), ["Move", "Up"]);
//! ```

/// The README's examples, compiled and run as doctests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
#[allow(dead_code)]
struct ReadmeDoctests;

mod methods;
mod tokens;

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{ToTokens, quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::{
    Attribute, Data, DeriveInput, Expr, Fields, GenericParam, ItemImpl, LitStr, Meta, Token,
    parse_macro_input,
};

/// Implements `introspect::Introspect` for a struct or enum from its doc comments.
#[proc_macro_derive(Introspect, attributes(introspect))]
pub fn derive_introspect(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Records the functions and associated constants of an inherent impl block for `#[derive(Introspect)]`.
#[proc_macro_attribute]
pub fn methods(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = TokenStream2::from(args);
    let item = parse_macro_input!(item as ItemImpl);
    methods::methods_impl(args, item)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Options of `#[introspect(...)]` on a type or member.
#[derive(Default)]
struct Options {
    skip: bool,
    name: Option<LitStr>,
    module: Option<LitStr>,
    bounds: Vec<syn::WherePredicate>,
}

fn options(attrs: &[Attribute]) -> syn::Result<Options> {
    let mut options = Options::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("introspect")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip") {
                options.skip = true;
            } else if meta.path.is_ident("name") {
                options.name = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("module") {
                options.module = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("bound") {
                let text: LitStr = meta.value()?.parse()?;
                let parsed = text.parse_with(Punctuated::<syn::WherePredicate, Token![,]>::parse_terminated)?;
                options.bounds.extend(parsed);
            } else {
                return Err(meta.error(
                    "unknown introspect option: expected `skip`, `name = \"...\"`, `module = \"...\"` or `bound = \"...\"`",
                ));
            }
            Ok(())
        })?;
    }
    Ok(options)
}

/// The doc comment as an expression building a `String` at run time (so `#[doc = include_str!(..)]` works
/// too), unindented as rustdoc does.
fn doc_expr(attrs: &[Attribute]) -> TokenStream2 {
    let lines: Vec<&Expr> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => Some(&nv.value),
            _ => None,
        })
        .collect();
    if lines.is_empty() {
        return quote!(::std::string::String::new());
    }
    quote!(::introspect::text::doc_from_lines(&[#(#lines),*]))
}

fn derive(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let ident = &input.ident;
    let opts = options(&input.attrs)?;
    let name = opts
        .name
        .as_ref()
        .map_or_else(|| ident.to_string(), LitStr::value);
    let module = match &opts.module {
        Some(module) => quote!(#module),
        None => quote!(::core::module_path!()),
    };
    let doc = doc_expr(&input.attrs);
    // The declared parameters, and for each the expression giving its value in the instantiation at hand.
    let mut params = Vec::new();
    let mut args = Vec::new();
    for param in &input.generics.params {
        match param {
            GenericParam::Lifetime(l) => {
                let text = l.lifetime.to_string();
                args.push(quote!(::std::string::String::from(#text)));
                params.push(text);
            }
            GenericParam::Type(t) => {
                let id = &t.ident;
                args.push(quote!(::introspect::__private::type_name::<#id>()));
                params.push(id.to_string());
            }
            GenericParam::Const(c) => {
                let id = &c.ident;
                args.push(quote!(::std::string::ToString::to_string(&#id)));
                params.push(id.to_string());
            }
        }
    }
    let (keyword, shape, members) = match &input.data {
        Data::Struct(data) => {
            let (shape, members) = struct_parts(&data.fields)?;
            ("struct", shape, members)
        }
        Data::Enum(data) => {
            let mut members = Vec::new();
            // A field-less enum's discriminants are evaluated (`Green = 1 << 1` prints `Green = 2`), as a
            // cast gives them; an enum with fields shows the expression as written.
            let fieldless = data
                .variants
                .iter()
                .all(|v| matches!(v.fields, Fields::Unit));
            for variant in &data.variants {
                if options(&variant.attrs)?.skip {
                    continue;
                }
                let variant_name = variant.ident.to_string();
                let shape = fields_shape(&variant.fields)?;
                let value = match &variant.discriminant {
                    Some(_) if fieldless => {
                        let id = &variant.ident;
                        quote!(::core::option::Option::Some(::std::string::ToString::to_string(&(Self::#id as i128))))
                    }
                    Some((_, expr)) => {
                        let text = tokens::to_rust(expr.to_token_stream());
                        quote!(::core::option::Option::Some(::std::string::String::from(#text)))
                    }
                    None => quote!(::core::option::Option::None),
                };
                let doc = doc_expr(&variant.attrs);
                members.push(quote! {
                    ::introspect::MemberDoc {
                        value: #value,
                        signature: ::core::option::Option::Some(::std::string::String::from(#shape)),
                        doc: #doc,
                        rust: ::core::option::Option::Some(::introspect::RustItem::Variant),
                        ..::introspect::MemberDoc::new(#variant_name, ::introspect::MemberKind::Data)
                    }
                });
            }
            ("enum", String::new(), members)
        }
        Data::Union(_) => {
            return Err(syn::Error::new(
                Span::call_site(),
                "#[derive(Introspect)] supports structs and enums, not unions",
            ));
        }
    };
    let parts = (0..methods::PROBED_PARTS).map(|part| {
        quote!(blocks.extend((&&::introspect::__private::Probe::<Self, #part>::new()).block());)
    });
    // `file!()` and `line!()` spanned at the type's name give the place of its definition.
    let span = ident.span();
    let file = quote_spanned!(span=> ::core::file!());
    let line = quote_spanned!(span=> ::core::line!());
    let mut generics = input.generics.clone();
    if !opts.bounds.is_empty() {
        generics
            .make_where_clause()
            .predicates
            .extend(opts.bounds.iter().cloned());
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::introspect::Introspect for #ident #ty_generics #where_clause {
            fn type_doc() -> ::introspect::TypeDoc {
                #[allow(unused_imports)]
                use ::introspect::__private::{ViaBlock as _, ViaNothing as _};
                let mut blocks: ::std::vec::Vec<::introspect::__private::ImplBlock> = ::std::vec::Vec::new();
                #(#parts)*
                ::introspect::__private::build(
                    ::introspect::__private::TypeParts {
                        name: ::std::string::String::from(#name),
                        module: ::std::string::String::from(#module),
                        module_path: ::std::string::String::from(::core::module_path!()),
                        file: ::std::string::String::from(#file),
                        line: #line,
                        keyword: ::std::string::String::from(#keyword),
                        params: ::std::vec![#(::std::string::String::from(#params)),*],
                        shape: ::std::string::String::from(#shape),
                        doc: #doc,
                        members: ::std::vec![#(#members),*],
                    },
                    ::std::vec![#(#args),*],
                    blocks,
                )
            }
        }
    })
}

/// A struct's constructor shape (`{ inner: T }`, `(f64)`) and its fields.
fn struct_parts(fields: &Fields) -> syn::Result<(String, Vec<TokenStream2>)> {
    let shape = fields_shape(fields)?;
    let mut members = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        if options(&field.attrs)?.skip {
            continue;
        }
        let name = field
            .ident
            .as_ref()
            .map_or_else(|| index.to_string(), ToString::to_string);
        let annotation = format!(": {}", tokens::to_rust(field.ty.to_token_stream()));
        let doc = doc_expr(&field.attrs);
        members.push(quote! {
            ::introspect::MemberDoc {
                rust: ::core::option::Option::Some(::introspect::RustItem::Field),
                ..::introspect::MemberDoc::descriptor(#name).with_signature(#annotation).with_doc(#doc)
            }
        });
    }
    Ok((shape, members))
}

/// ` { x: f64, y: f64 }`, `(f64, f64)` or nothing; skipped fields become one `..`.
fn fields_shape(fields: &Fields) -> syn::Result<String> {
    let mut shown = Vec::new();
    let mut hidden = false;
    for field in fields {
        if options(&field.attrs)?.skip {
            hidden = true;
            continue;
        }
        let ty = tokens::to_rust(field.ty.to_token_stream());
        shown.push(match &field.ident {
            Some(ident) => format!("{ident}: {ty}"),
            None => ty,
        });
    }
    // Skipped fields show as `..`, as in a pattern: the reader learns the type has more than it shows.
    if hidden {
        shown.push("..".to_owned());
    }
    Ok(match fields {
        Fields::Named(_) if shown.is_empty() => " {}".to_owned(),
        Fields::Named(_) => format!(" {{ {} }}", shown.join(", ")),
        Fields::Unnamed(_) => format!("({})", shown.join(", ")),
        Fields::Unit => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derive_error(tokens: TokenStream2) -> String {
        let input: DeriveInput = syn::parse2(tokens).expect("test input parses");
        derive(&input).expect_err("input is rejected").to_string()
    }

    #[test]
    fn unions_are_rejected() {
        let error = derive_error(quote!(union U { a: u8, b: u16 }));
        assert_eq!(
            error,
            "#[derive(Introspect)] supports structs and enums, not unions"
        );
    }

    #[test]
    fn unknown_options_are_named() {
        let error = derive_error(quote!(
            #[introspect(modul = "x")]
            struct S;
        ));
        assert!(error.starts_with("unknown introspect option"), "{error}");
        let error = derive_error(quote!(
            struct S {
                #[introspect(hide)]
                a: u8,
            }
        ));
        assert!(error.starts_with("unknown introspect option"), "{error}");
    }
}

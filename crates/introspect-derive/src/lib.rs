//! Procedural macros behind the `introspect` crate (use them through it, not directly):
//!
//! * `#[derive(Introspect)]` on a struct or enum implements `introspect::Introspect`: the type's doc comment,
//!   its fields (as data descriptors `x: f64`) or variants (as class data `Move { x: i32, y: i32 }`), and the
//!   members of its `#[introspect::methods]` impl blocks.
//! * `#[introspect::methods]` on an inherent impl block records its functions (methods with a `self`
//!   receiver, static methods without) and associated constants, each with its signature and doc comment.
//!
//! Helper attribute `#[introspect(skip)]` hides a field, variant, function or constant; on the type,
//! `#[introspect(name = "...", module = "...")]` overrides the class name and module (default: the type's
//! name and `module_path!()`), and `#[introspect(bound = "T: Clone")]` adds where-clauses to the derived impl.
//!
//! A generic type's derived impl sees an impl block's members only when that block applies to every type the
//! derived impl covers: for `impl<T: Clone> Stack<T>`, add `#[introspect(bound = "T: Clone")]` to the type
//! (otherwise the block's members are left out, since `Stack<T>` in general has no such methods).
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

mod tokens;

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{ToTokens, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, Fields, ImplItem, ItemImpl, Lit, LitStr, Meta,
    Token, parse_macro_input,
};

/// How many `#[introspect::methods(part = N)]` blocks a type may have (parts 0 to 7).
const PARTS: usize = 8;

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
    methods_impl(args, item)
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
    let generics = tokens::to_rust(input.generics.params.to_token_stream());
    let generics = if generics.is_empty() {
        String::new()
    } else {
        format!("<{generics}>")
    };
    let (signature, members) = match &input.data {
        Data::Struct(data) => struct_parts(&data.fields, &generics)?,
        Data::Enum(data) => {
            let mut members = Vec::new();
            for variant in &data.variants {
                if options(&variant.attrs)?.skip {
                    continue;
                }
                let variant_name = variant.ident.to_string();
                let shape = fields_shape(&variant.fields)?;
                let value = match &variant.discriminant {
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
                        ..::introspect::MemberDoc::new(#variant_name, ::introspect::MemberKind::Data)
                    }
                });
            }
            let signature = if generics.is_empty() {
                None
            } else {
                Some(generics.clone())
            };
            (signature, members)
        }
        Data::Union(_) => {
            return Err(syn::Error::new(
                Span::call_site(),
                "#[derive(Introspect)] supports structs and enums, not unions",
            ));
        }
    };
    let signature = match signature {
        Some(text) => quote!(::core::option::Option::Some(::std::string::String::from(#text))),
        None => quote!(::core::option::Option::None),
    };
    let parts = (0..PARTS).map(|part| {
        quote!(members.extend((&&::introspect::__private::Probe::<Self, #part>::new()).members());)
    });
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
                let mut members: ::std::vec::Vec<::introspect::MemberDoc> = ::std::vec![#(#members),*];
                #(#parts)*
                ::introspect::TypeDoc {
                    signature: #signature,
                    doc: #doc,
                    members,
                    ..::introspect::TypeDoc::new(#name, #module)
                }
            }
        }
    })
}

/// A struct's constructor line (`<T> { inner: T }`, `(f64)`) and its fields as data descriptors.
fn struct_parts(
    fields: &Fields,
    generics: &str,
) -> syn::Result<(Option<String>, Vec<TokenStream2>)> {
    let shape = fields_shape(fields)?;
    let signature = match (generics.is_empty(), shape.is_empty()) {
        (true, true) => None,
        _ => Some(format!("{generics}{shape}")),
    };
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
            ::introspect::MemberDoc::descriptor(#name).with_signature(#annotation).with_doc(#doc)
        });
    }
    Ok((signature, members))
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

fn methods_impl(args: TokenStream2, mut item: ItemImpl) -> syn::Result<TokenStream2> {
    let part = parse_part(args)?;
    if let Some((_, path, _)) = &item.trait_ {
        return Err(syn::Error::new_spanned(
            path,
            "#[introspect::methods] goes on an inherent impl block (`impl Type { .. }`), not a trait impl",
        ));
    }
    let mut members = Vec::new();
    for impl_item in &mut item.items {
        match impl_item {
            ImplItem::Fn(function) => {
                let skip = options(&function.attrs)?.skip;
                function.attrs.retain(|a| !a.path().is_ident("introspect"));
                if skip {
                    continue;
                }
                members.push(function_member(&function.sig, &function.attrs));
            }
            ImplItem::Const(constant) => {
                let skip = options(&constant.attrs)?.skip;
                constant.attrs.retain(|a| !a.path().is_ident("introspect"));
                if skip {
                    continue;
                }
                let name = constant.ident.to_string();
                let annotation = format!(": {}", tokens::to_rust(constant.ty.to_token_stream()));
                let value = tokens::to_rust(constant.expr.to_token_stream());
                let doc = doc_expr(&constant.attrs);
                members.push(quote! {
                    ::introspect::MemberDoc::data(#name, #value).with_signature(#annotation).with_doc(#doc)
                });
            }
            _ => {}
        }
    }
    let self_ty = &item.self_ty;
    let (impl_generics, _, where_clause) = item.generics.split_for_impl();
    Ok(quote! {
        #item

        impl #impl_generics ::introspect::__private::IntrospectMembers<#part> for #self_ty #where_clause {
            fn introspect_members() -> ::std::vec::Vec<::introspect::MemberDoc> {
                ::std::vec![#(#members),*]
            }
        }
    })
}

/// `part = N` (default 0), checked against the number of parts the derive probes.
fn parse_part(args: TokenStream2) -> syn::Result<usize> {
    let metas = Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args)?;
    let mut part = 0;
    for meta in metas {
        let Meta::NameValue(nv) = &meta else {
            return Err(syn::Error::new_spanned(meta, "expected `part = N`"));
        };
        if !nv.path.is_ident("part") {
            return Err(syn::Error::new_spanned(
                &nv.path,
                "unknown option: expected `part = N`",
            ));
        }
        let Expr::Lit(ExprLit {
            lit: Lit::Int(int), ..
        }) = &nv.value
        else {
            return Err(syn::Error::new_spanned(
                &nv.value,
                "`part` takes an integer literal",
            ));
        };
        part = int.base10_parse::<usize>()?;
        if part >= PARTS {
            return Err(syn::Error::new_spanned(
                int,
                format!("`part` must be below {PARTS}"),
            ));
        }
    }
    Ok(part)
}

/// A function as a member: a method when it takes `self`, a static method otherwise; signature
/// `<generics>(args) -> ret where ...`.
fn function_member(sig: &syn::Signature, attrs: &[Attribute]) -> TokenStream2 {
    let name = sig.ident.to_string();
    let kind = if sig.receiver().is_some() {
        quote!(::introspect::MemberKind::Method)
    } else {
        quote!(::introspect::MemberKind::StaticMethod)
    };
    let args: Vec<String> = sig
        .inputs
        .iter()
        .map(|arg| {
            let mut arg = arg.clone();
            match &mut arg {
                syn::FnArg::Receiver(receiver) => receiver.attrs.clear(),
                syn::FnArg::Typed(typed) => typed.attrs.clear(),
            }
            tokens::to_rust(arg.to_token_stream())
        })
        .collect();
    let generics = tokens::to_rust(sig.generics.params.to_token_stream());
    let mut signature = if generics.is_empty() {
        String::new()
    } else {
        format!("<{generics}>")
    };
    signature.push_str(&format!("({})", args.join(", ")));
    if let syn::ReturnType::Type(_, ty) = &sig.output {
        signature.push_str(&format!(" -> {}", tokens::to_rust(ty.to_token_stream())));
    }
    if let Some(where_clause) = &sig.generics.where_clause {
        let text = tokens::to_rust(where_clause.to_token_stream());
        signature.push_str(&format!(" {}", text.trim_end_matches(',')));
    }
    let qualifiers: Vec<&str> = [
        (sig.constness.is_some(), "const"),
        (sig.asyncness.is_some(), "async"),
        (sig.unsafety.is_some(), "unsafe"),
    ]
    .into_iter()
    .filter_map(|(present, word)| present.then_some(word))
    .collect();
    let qualifiers = if qualifiers.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        let text = qualifiers.join(" ");
        quote!(::core::option::Option::Some(::std::string::String::from(#text)))
    };
    let doc = doc_expr(attrs);
    quote! {
        ::introspect::MemberDoc {
            qualifiers: #qualifiers,
            ..::introspect::MemberDoc::new(#name, #kind).with_signature(#signature).with_doc(#doc)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derive_error(tokens: TokenStream2) -> String {
        let input: DeriveInput = syn::parse2(tokens).expect("test input parses");
        derive(&input).expect_err("input is rejected").to_string()
    }

    fn methods_error(args: TokenStream2, tokens: TokenStream2) -> String {
        let item: ItemImpl = syn::parse2(tokens).expect("test input parses");
        methods_impl(args, item)
            .expect_err("input is rejected")
            .to_string()
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

    #[test]
    fn trait_impls_are_rejected() {
        let error = methods_error(
            quote!(),
            quote!(impl Clone for S { fn clone(&self) -> Self { S } }),
        );
        assert!(error.contains("goes on an inherent impl block"), "{error}");
    }

    #[test]
    fn parts_are_checked() {
        assert_eq!(parse_part(quote!()).expect("no option"), 0);
        assert_eq!(parse_part(quote!(part = 3)).expect("in range"), 3);
        let too_big = parse_part(quote!(part = 8))
            .expect_err("out of range")
            .to_string();
        assert_eq!(too_big, "`part` must be below 8");
        let wrong = parse_part(quote!(section = 1))
            .expect_err("unknown option")
            .to_string();
        assert!(wrong.starts_with("unknown option"), "{wrong}");
        let error = methods_error(quote!(part = "one"), quote!(impl S {}));
        assert_eq!(error, "`part` takes an integer literal");
    }

    #[test]
    fn skip_attributes_are_removed_from_the_emitted_impl() {
        let item: ItemImpl =
            syn::parse2(quote!(impl S { #[introspect(skip)] fn hidden(&self) {} fn shown() {} }))
                .expect("test input parses");
        let out = methods_impl(quote!(), item).expect("accepted").to_string();
        assert!(!out.contains("skip"), "{out}");
        assert!(
            out.contains("\"shown\"") && !out.contains("\"hidden\""),
            "{out}"
        );
    }
}

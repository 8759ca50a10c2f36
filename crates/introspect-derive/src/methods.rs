//! `#[introspect::methods]`: what an impl block records (its trait, generics, bounds, the type arguments it
//! is written for, its functions, constants and associated types) and the hidden `IntrospectMembers` impl
//! through which the type's derive finds it, with the part numbers that keep a type's blocks apart.

use crate::{doc_expr, options, tokens};
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{ToTokens, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, GenericParam, ImplItem, ItemImpl, Lit, Meta, Token};

/// The parts a block may name with `#[introspect::methods(part = N)]`: 0 to 15.
const PARTS: usize = 16;

/// The parts the derive probes: the 16 a block may name, then 112 that a trait impl block without
/// `part = N` takes by a hash of its trait (`Display`, `From<Vec<T>>`), so a type's inherent block and its
/// trait impl blocks need no numbers in the common case.
pub(crate) const PROBED_PARTS: usize = PARTS + HASHED_PARTS;
const HASHED_PARTS: usize = 112;

/// The seed of the trait hash, chosen so that 44 common traits (`Display`, `Debug`, `Clone`, `Default`,
/// `PartialEq` .. `Ord`, `Hash`, the iterator traits, `From<Vec<T>>`, `From<T>`, `FromStr`, `AsRef<str>`,
/// `Deref`, `Index<usize>`, the operators, `Drop`, `Error`, ...) all take different parts.
const TRAIT_HASH_SEED: u64 = 18872;

/// The part of a trait impl block without `part = N`: FNV-1a of the trait's last path segment as printed
/// (`fmt::Display` and `Display` are the same trait to a type's page).
fn trait_part(trait_path: &syn::Path) -> usize {
    let last = trait_path
        .segments
        .last()
        .map(|s| tokens::to_rust(s.to_token_stream()))
        .unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ TRAIT_HASH_SEED;
    for byte in last.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    PARTS + (hash % HASHED_PARTS as u64) as usize
}

pub(crate) fn methods_impl(args: TokenStream2, mut item: ItemImpl) -> syn::Result<TokenStream2> {
    let MethodsArgs {
        part,
        bounds: wf_bounds,
    } = parse_args(args)?;
    let trait_path = match &item.trait_ {
        Some((Some(bang), _, _)) => {
            return Err(syn::Error::new_spanned(
                bang,
                "#[introspect::methods] documents what an impl block defines; a negative impl defines nothing",
            ));
        }
        Some((None, path, _)) => Some(path.clone()),
        None => None,
    };
    let part = match (part, &trait_path) {
        (Some(part), _) => part,
        (None, Some(path)) => trait_part(path),
        (None, None) => 0,
    };
    let shape = SelfShape::of(&item)?;
    // Bounds are not repeated on the generated impl (the page states them instead), so the block is seen
    // by every instantiation the derive covers; constants are then evaluated only where no bound is needed.
    let evaluable = !shape.erased && !has_bounds(&item.generics);
    let params: Vec<String> = item
        .generics
        .params
        .iter()
        .map(|p| match p {
            GenericParam::Lifetime(l) => l.lifetime.to_string(),
            GenericParam::Type(t) => t.ident.to_string(),
            GenericParam::Const(c) => c.ident.to_string(),
        })
        .collect();
    let declared: Vec<String> = item
        .generics
        .params
        .iter()
        .map(|p| match p {
            GenericParam::Lifetime(l) => l.lifetime.to_string(),
            GenericParam::Type(t) => t.ident.to_string(),
            GenericParam::Const(c) => {
                let (ident, ty) = (&c.ident, &c.ty);
                tokens::to_rust(quote!(const #ident: #ty))
            }
        })
        .collect();
    let bounds = bound_texts(&item.generics);
    let self_ty = &item.self_ty;
    let mut members = Vec::new();
    let mut assoc_types = Vec::new();
    let mut source_consts: Vec<String> = Vec::new();
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
                let source = tokens::to_rust(constant.expr.to_token_stream());
                let ident = &constant.ident;
                let evaluated = evaluable && constant.generics.params.is_empty();
                if !evaluated {
                    source_consts.push(name.clone());
                }
                let value = if evaluated {
                    let path = match &trait_path {
                        Some(path) => quote!(<#self_ty as #path>::#ident),
                        None => quote!(<#self_ty>::#ident),
                    };
                    quote!((&&::introspect::__private::ConstValue(&#path)).repr(#source))
                } else {
                    quote!(::std::string::String::from(#source))
                };
                let doc = doc_expr(&constant.attrs);
                members.push(quote! {
                    ::introspect::MemberDoc {
                        rust: ::core::option::Option::Some(::introspect::RustItem::Const),
                        ..::introspect::MemberDoc::data(#name, #value).with_signature(#annotation).with_doc(#doc)
                    }
                });
            }
            ImplItem::Type(ty) => {
                let skip = options(&ty.attrs)?.skip;
                ty.attrs.retain(|a| !a.path().is_ident("introspect"));
                let name = ty.ident.to_string();
                let definition = tokens::to_rust(ty.ty.to_token_stream());
                assoc_types.push(quote!((::std::string::String::from(#name), ::std::string::String::from(#definition))));
                if skip {
                    continue;
                }
                let doc = doc_expr(&ty.attrs);
                members.push(quote! {
                    ::introspect::MemberDoc {
                        rust: ::core::option::Option::Some(::introspect::RustItem::AssocType),
                        ..::introspect::MemberDoc::data(#name, #definition).with_doc(#doc)
                    }
                });
            }
            _ => {}
        }
    }
    let trait_text = match &trait_path {
        Some(path) => {
            let text = tokens::to_rust(path.to_token_stream());
            quote!(::core::option::Option::Some(::std::string::String::from(#text)))
        }
        None => quote!(::core::option::Option::None),
    };
    let self_args = &shape.args_text;
    let doc = doc_expr(&item.attrs);
    let probe_params = &shape.params;
    let taken = syn::Ident::new(
        &format!(
            "__introspect_methods_part_{part}_is_taken_by_another_block_give_this_one_another_part"
        ),
        Span::call_site(),
    );
    let probe_ty = &shape.probe_ty;
    Ok(quote! {
        #item

        // Plumbing for the derive, not part of the type's API: kept off its rustdoc page.
        #[doc(hidden)]
        impl<#(#probe_params),*> ::introspect::__private::IntrospectMembers<#part> for #probe_ty
        where #(#wf_bounds),*
        {
            fn introspect_block() -> ::introspect::__private::ImplBlock {
                #[allow(unused_imports)]
                use ::introspect::__private::{ViaDebug as _, ViaSource as _};
                ::introspect::__private::ImplBlock {
                    trait_path: #trait_text,
                    params: ::std::vec![#(::std::string::String::from(#params)),*],
                    declared: ::std::vec![#(::std::string::String::from(#declared)),*],
                    self_args: ::std::vec![#(::std::string::String::from(#self_args)),*],
                    bounds: ::std::vec![#(::std::string::String::from(#bounds)),*],
                    assoc_types: ::std::vec![#(#assoc_types),*],
                    doc: #doc,
                    members: ::std::vec![#(#members),*],
                    source_consts: ::std::vec![#(::std::string::String::from(#source_consts)),*],
                }
            }
        }

        // Two blocks of a type in one part would only meet as rustc's "conflicting implementations of
        // IntrospectMembers<N>"; this constant makes the same mistake also say what to do.
        #[doc(hidden)]
        #[allow(dead_code, non_upper_case_globals)]
        impl<#(#probe_params),*> #probe_ty
        where #(#wf_bounds),*
        {
            const #taken: () = ();
        }
    })
}

/// The type an impl block is for, as the generated `IntrospectMembers` impl names it: the block's own
/// parameters without their bounds, and any concrete argument (`Stack<i64>`) replaced by a fresh parameter
/// so the derive of a generic type sees the block (which arguments apply is checked when the page is built).
struct SelfShape {
    /// The generic parameters of the generated impl.
    params: Vec<TokenStream2>,
    /// The type with its arguments replaced.
    probe_ty: syn::Type,
    /// The arguments as the block writes them.
    args_text: Vec<String>,
    /// Whether an argument was replaced.
    erased: bool,
}

impl SelfShape {
    fn of(item: &ItemImpl) -> syn::Result<Self> {
        let syn::Type::Path(type_path) = &*item.self_ty else {
            return Err(syn::Error::new_spanned(
                &item.self_ty,
                "#[introspect::methods] goes on an impl block for the type itself (`impl Stack<T>`, \
                 `impl Display for Stack<T>`), not for a reference or other compound type",
            ));
        };
        if type_path.qself.is_some() {
            return Err(syn::Error::new_spanned(
                &item.self_ty,
                "#[introspect::methods] needs the type's own path, not a qualified path",
            ));
        }
        let mut probe = type_path.clone();
        let mut params = Vec::new();
        let mut args_text = Vec::new();
        let mut erased = false;
        let declared = |name: &syn::Ident| {
            item.generics.params.iter().find_map(|p| match p {
                GenericParam::Type(t) if t.ident == *name => {
                    let sized = t.bounds.iter().any(|b| {
                        matches!(b, syn::TypeParamBound::Trait(tb)
                            if matches!(tb.modifier, syn::TraitBoundModifier::Maybe(_)))
                    });
                    Some(if sized {
                        quote!(#name: ?::core::marker::Sized)
                    } else {
                        quote!(#name)
                    })
                }
                GenericParam::Const(c) if c.ident == *name => {
                    let ty = &c.ty;
                    Some(quote!(const #name: #ty))
                }
                _ => None,
            })
        };
        let Some(last) = probe.path.segments.last_mut() else {
            return Err(syn::Error::new_spanned(
                &item.self_ty,
                "expected a type path",
            ));
        };
        match &mut last.arguments {
            syn::PathArguments::None => {}
            syn::PathArguments::Parenthesized(p) => {
                return Err(syn::Error::new_spanned(p, "expected a struct or enum type"));
            }
            syn::PathArguments::AngleBracketed(angle) => {
                for (index, arg) in angle.args.iter_mut().enumerate() {
                    match arg {
                        syn::GenericArgument::Lifetime(lifetime) => {
                            args_text.push(lifetime.to_string());
                            let own = item.generics.lifetimes().any(|l| l.lifetime == *lifetime);
                            if !own {
                                *lifetime = syn::Lifetime::new(
                                    &format!("'__introspect_{index}"),
                                    lifetime.span(),
                                );
                            }
                            if !params.iter().any(|p: &TokenStream2| {
                                p.to_string() == lifetime.to_token_stream().to_string()
                            }) {
                                params.push(lifetime.to_token_stream());
                            }
                        }
                        syn::GenericArgument::Type(ty) => {
                            args_text.push(tokens::to_rust(ty.to_token_stream()));
                            let own = match &*ty {
                                syn::Type::Path(p) if p.qself.is_none() => {
                                    p.path.get_ident().and_then(&declared)
                                }
                                _ => None,
                            };
                            match own {
                                Some(param) => params.push(param),
                                None => {
                                    let fresh = syn::Ident::new(
                                        &format!("__IntrospectArg{index}"),
                                        Span::call_site(),
                                    );
                                    *ty = syn::parse_quote!(#fresh);
                                    params.push(quote!(#fresh));
                                    erased = true;
                                }
                            }
                        }
                        syn::GenericArgument::Const(expr) => {
                            args_text.push(tokens::to_rust(expr.to_token_stream()));
                        }
                        other => args_text.push(tokens::to_rust(other.to_token_stream())),
                    }
                }
            }
        }
        Ok(SelfShape {
            params,
            probe_ty: syn::Type::Path(probe),
            args_text,
            erased,
        })
    }
}

/// Whether an impl's generics carry any bound (`T: Clone`, `T: ?Sized`, `'a: 'b`, a `where` clause).
fn has_bounds(generics: &syn::Generics) -> bool {
    let params = generics.params.iter().any(|p| match p {
        GenericParam::Type(t) => !t.bounds.is_empty(),
        GenericParam::Lifetime(l) => !l.bounds.is_empty(),
        GenericParam::Const(_) => false,
    });
    params
        || generics
            .where_clause
            .as_ref()
            .is_some_and(|w| !w.predicates.is_empty())
}

/// The bounds of an impl's generics as one-line predicates: `T: fmt::Display`, `'a: 'b`, the `where`
/// clause's predicates.
fn bound_texts(generics: &syn::Generics) -> Vec<String> {
    let mut out = Vec::new();
    for param in &generics.params {
        match param {
            GenericParam::Type(t) if !t.bounds.is_empty() => {
                let ident = &t.ident;
                let bounds = &t.bounds;
                out.push(tokens::to_rust(quote!(#ident: #bounds)));
            }
            GenericParam::Lifetime(l) if !l.bounds.is_empty() => {
                let lifetime = &l.lifetime;
                let bounds = &l.bounds;
                out.push(tokens::to_rust(quote!(#lifetime: #bounds)));
            }
            _ => {}
        }
    }
    if let Some(where_clause) = &generics.where_clause {
        out.extend(
            where_clause
                .predicates
                .iter()
                .map(|p| tokens::to_rust(p.to_token_stream())),
        );
    }
    out
}

/// The options of `#[introspect::methods(...)]`.
#[derive(Default)]
struct MethodsArgs {
    /// `part = N`, checked against the parts a block may name; `None` when not given (0 for an inherent
    /// block, the trait's hashed part for a trait impl block).
    part: Option<usize>,
    /// `bound = "T: Clone"`: predicates the generated impl needs for the type to be well-formed (the bounds
    /// a type declares on its own parameters).
    bounds: Vec<syn::WherePredicate>,
}

fn parse_args(args: TokenStream2) -> syn::Result<MethodsArgs> {
    let metas = Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args)?;
    let mut out = MethodsArgs::default();
    for meta in metas {
        let Meta::NameValue(nv) = &meta else {
            return Err(syn::Error::new_spanned(
                meta,
                "expected `part = N` or `bound = \"...\"`",
            ));
        };
        if nv.path.is_ident("bound") {
            let Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) = &nv.value
            else {
                return Err(syn::Error::new_spanned(
                    &nv.value,
                    "`bound` takes a string of where-clause predicates, e.g. `bound = \"T: Clone\"`",
                ));
            };
            out.bounds.extend(
                text.parse_with(Punctuated::<syn::WherePredicate, Token![,]>::parse_terminated)?,
            );
            continue;
        }
        if !nv.path.is_ident("part") {
            return Err(syn::Error::new_spanned(
                &nv.path,
                "unknown option: expected `part = N` or `bound = \"...\"`",
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
        let part = int.base10_parse::<usize>()?;
        out.part = Some(part);
        if part >= PARTS {
            return Err(syn::Error::new_spanned(
                int,
                format!("`part` must be below {PARTS}"),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
fn parse_part(args: TokenStream2) -> syn::Result<usize> {
    parse_args(args).map(|a| a.part.unwrap_or(0))
}

/// A function as a member: a method when it takes `self`, a static method otherwise; signature
/// `<generics>(args) -> ret where ...`.
fn function_member(sig: &syn::Signature, attrs: &[Attribute]) -> TokenStream2 {
    let name = sig.ident.to_string();
    let (kind, item) = if sig.receiver().is_some() {
        (
            quote!(::introspect::MemberKind::Method),
            quote!(::introspect::RustItem::Method),
        )
    } else {
        (
            quote!(::introspect::MemberKind::StaticMethod),
            quote!(::introspect::RustItem::Function),
        )
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
            rust: ::core::option::Option::Some(#item),
            ..::introspect::MemberDoc::new(#name, #kind).with_signature(#signature).with_doc(#doc)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn methods_error(args: TokenStream2, tokens: TokenStream2) -> String {
        let item: ItemImpl = syn::parse2(tokens).expect("test input parses");
        methods_impl(args, item)
            .expect_err("input is rejected")
            .to_string()
    }

    #[test]
    fn impls_for_other_shapes_are_rejected() {
        let error = methods_error(quote!(), quote!(impl !Send for S {}));
        assert!(error.contains("negative impl"), "{error}");
        let error = methods_error(
            quote!(),
            quote!(
                impl<'a> IntoIterator for &'a S {
                    type Item = u8;
                }
            ),
        );
        assert!(error.contains("for the type itself"), "{error}");
        let error = methods_error(quote!(bound = 1), quote!(impl S {}));
        assert!(error.starts_with("`bound` takes a string"), "{error}");
    }

    #[test]
    fn trait_impls_record_trait_bounds_and_arguments() {
        let item: ItemImpl = syn::parse2(quote!(
            impl<T: fmt::Display> fmt::Display for Stack<T, u8>
            where
                T: Clone,
            {
                type Output = T;
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    Ok(())
                }
            }
        ))
        .expect("test input parses");
        let out = methods_impl(quote!(part = 2), item)
            .expect("accepted")
            .to_string();
        assert!(out.contains("\"fmt::Display\""), "{out}");
        assert!(out.contains("\"T: fmt::Display\""), "{out}");
        assert!(out.contains("\"T: Clone\""), "{out}");
        assert!(out.contains("\"u8\""), "{out}");
        // The generated impl drops the bounds and erases the concrete argument.
        assert!(
            out.contains("IntrospectMembers < 2usize > for Stack < T , __IntrospectArg1 >"),
            "{out}"
        );
    }

    #[test]
    fn common_traits_take_distinct_parts() {
        let traits = [
            quote!(Display),
            quote!(fmt::Debug),
            quote!(Clone),
            quote!(Default),
            quote!(PartialEq),
            quote!(Eq),
            quote!(PartialOrd),
            quote!(Ord),
            quote!(Hash),
            quote!(Iterator),
            quote!(IntoIterator),
            quote!(DoubleEndedIterator),
            quote!(ExactSizeIterator),
            quote!(FromIterator<T>),
            quote!(Extend<T>),
            quote!(From<Vec<T>>),
            quote!(From<T>),
            quote!(From<&str>),
            quote!(From<String>),
            quote!(FromStr),
            quote!(AsRef<str>),
            quote!(AsRef<[T]>),
            quote!(Deref),
            quote!(DerefMut),
            quote!(Index<usize>),
            quote!(IndexMut<usize>),
            quote!(Add),
            quote!(Sub),
            quote!(Mul),
            quote!(Neg),
            quote!(AddAssign),
            quote!(Drop),
            quote!(Error),
            quote!(Borrow<str>),
            quote!(TryFrom<i64>),
            quote!(Copy),
            quote!(Send),
            quote!(Sync),
            quote!(Write),
            quote!(Read),
            quote!(Future),
            quote!(Fn),
            quote!(Sum),
            quote!(FusedIterator),
        ];
        let mut parts: Vec<usize> = traits
            .iter()
            .map(|t| trait_part(&syn::parse2(t.clone()).expect("a path")))
            .collect();
        assert!(
            parts.iter().all(|p| (PARTS..PROBED_PARTS).contains(p)),
            "{parts:?}"
        );
        let count = parts.len();
        parts.sort_unstable();
        parts.dedup();
        assert_eq!(parts.len(), count);
        // The path before the trait's name does not matter.
        assert_eq!(
            trait_part(&syn::parse_quote!(std::fmt::Display)),
            trait_part(&syn::parse_quote!(Display))
        );
    }

    #[test]
    fn parts_are_checked() {
        assert_eq!(parse_part(quote!()).expect("no option"), 0);
        assert_eq!(parse_part(quote!(part = 3)).expect("in range"), 3);
        let too_big = parse_part(quote!(part = 16))
            .expect_err("out of range")
            .to_string();
        assert_eq!(too_big, "`part` must be below 16");
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

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

mod tokens;

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, Fields, GenericParam, ImplItem, ItemImpl, Lit,
    LitStr, Meta, Token, parse_macro_input,
};

/// The parts a block may name with `#[introspect::methods(part = N)]`: 0 to 15.
const PARTS: usize = 16;

/// The parts the derive probes: the 16 a block may name, then 112 that a trait impl block without
/// `part = N` takes by a hash of its trait (`Display`, `From<Vec<T>>`), so a type's inherent block and its
/// trait impl blocks need no numbers in the common case.
const PROBED_PARTS: usize = PARTS + HASHED_PARTS;
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
    let parts = (0..PROBED_PARTS).map(|part| {
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

fn methods_impl(args: TokenStream2, mut item: ItemImpl) -> syn::Result<TokenStream2> {
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

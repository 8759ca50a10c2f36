//! The kernel as the attribute reads it: its name, its optional element-type parameter, its parameters
//! (array views and scalars) and its body.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Error, FnArg, GenericArgument, Ident, ItemFn, Pat, PathArguments, Result, Type};

/// A scalar type of the kernel language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scalar {
    U8,
    I32,
    U32,
    I64,
    U64,
    Usize,
    F32,
    F64,
}

impl Scalar {
    pub(crate) fn parse(name: &str) -> Option<Scalar> {
        Some(match name {
            "u8" => Scalar::U8,
            "i32" => Scalar::I32,
            "u32" => Scalar::U32,
            "i64" => Scalar::I64,
            "u64" => Scalar::U64,
            "usize" => Scalar::Usize,
            "f32" => Scalar::F32,
            "f64" => Scalar::F64,
            _ => return None,
        })
    }

    pub(crate) fn rust(self) -> &'static str {
        match self {
            Scalar::U8 => "u8",
            Scalar::I32 => "i32",
            Scalar::U32 => "u32",
            Scalar::I64 => "i64",
            Scalar::U64 => "u64",
            Scalar::Usize => "usize",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
        }
    }
}

/// An element type: a concrete scalar, or the kernel's type parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elem {
    Concrete(Scalar),
    Param,
}

impl Elem {
    pub(crate) fn resolve(self, generic: Option<Scalar>) -> Scalar {
        match (self, generic) {
            (Elem::Concrete(s), _) => s,
            (Elem::Param, Some(s)) => s,
            // The parser refuses a type parameter that has no instantiation list.
            (Elem::Param, None) => Scalar::I32,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum ParamKind {
    /// `ArrayN<T>`: a device array of `ndim` dimensions.
    Array {
        ndim: usize,
        elem: Elem,
    },
    Scalar(Elem),
}

#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub(crate) name: Ident,
    pub(crate) kind: ParamKind,
}

/// The kernel's type parameter and the scalars it is compiled for.
#[derive(Debug, Clone)]
pub(crate) struct Generic {
    pub(crate) name: Ident,
    pub(crate) types: Vec<Scalar>,
}

pub(crate) struct Kernel {
    pub(crate) item: ItemFn,
    pub(crate) generic: Option<Generic>,
    pub(crate) params: Vec<Param>,
}

impl Kernel {
    pub(crate) fn name(&self) -> &Ident {
        &self.item.sig.ident
    }

    /// The scalar instantiations: one `None` for a kernel without a type parameter.
    pub(crate) fn instances(&self) -> Vec<Option<Scalar>> {
        match &self.generic {
            None => vec![None],
            Some(g) => g.types.iter().map(|&t| Some(t)).collect(),
        }
    }

    /// The PTX entry name of an instantiation: `mat_add_f32`, or the kernel's name.
    pub(crate) fn entry(&self, instance: Option<Scalar>) -> String {
        match instance {
            None => self.name().to_string(),
            Some(s) => format!("{}_{}", self.name(), s.rust()),
        }
    }
}

/// Parses the attribute's arguments (`T = [f32, f64]` or nothing) and the function.
pub(crate) fn parse(attr: proc_macro2::TokenStream, item: ItemFn) -> Result<Kernel> {
    let sig = &item.sig;
    if sig.asyncness.is_some() || sig.unsafety.is_some() || sig.variadic.is_some() {
        return Err(Error::new(
            sig.span(),
            "a #[gpu::kernel] is a plain `fn` (not async, unsafe or variadic)",
        ));
    }
    if !matches!(sig.output, syn::ReturnType::Default) {
        return Err(Error::new(
            sig.output.span(),
            "a #[gpu::kernel] returns nothing: it writes its results into arrays",
        ));
    }
    let generic = parse_generic(attr, &item)?;
    let mut params = Vec::new();
    for input in &sig.inputs {
        let FnArg::Typed(pt) = input else {
            return Err(Error::new(input.span(), "a kernel takes no `self`"));
        };
        let Pat::Ident(pi) = &*pt.pat else {
            return Err(Error::new(
                pt.pat.span(),
                "kernel parameters are plain names",
            ));
        };
        let kind = param_kind(&pt.ty, generic.as_ref())?;
        params.push(Param {
            name: pi.ident.clone(),
            kind,
        });
    }
    if !params
        .iter()
        .any(|p| matches!(p.kind, ParamKind::Array { .. }))
    {
        return Err(Error::new(
            sig.inputs.span(),
            "a kernel needs at least one array parameter (Array1/Array2/Array3): the launch runs on its device",
        ));
    }
    Ok(Kernel {
        item,
        generic,
        params,
    })
}

fn parse_generic(attr: proc_macro2::TokenStream, item: &ItemFn) -> Result<Option<Generic>> {
    let params: Vec<&syn::GenericParam> = item.sig.generics.params.iter().collect();
    if attr.is_empty() {
        if let Some(p) = params.first() {
            return Err(Error::new(
                p.span(),
                "a generic kernel lists the types it is compiled for: #[gpu::kernel(T = [f32, f64])]",
            ));
        }
        return Ok(None);
    }
    let meta: syn::MetaNameValue = syn::parse2(attr)?;
    let Some(name) = meta.path.get_ident().cloned() else {
        return Err(Error::new(meta.path.span(), "expected `T = [types]`"));
    };
    let syn::Expr::Array(list) = &meta.value else {
        return Err(Error::new(
            meta.value.span(),
            "expected a list of types: [i32, f32]",
        ));
    };
    let mut types = Vec::new();
    for e in &list.elems {
        let scalar = match e {
            syn::Expr::Path(p) => p
                .path
                .get_ident()
                .and_then(|i| Scalar::parse(&i.to_string())),
            _ => None,
        };
        match scalar {
            Some(s) => types.push(s),
            None => {
                return Err(Error::new(
                    e.span(),
                    "expected one of u8, i32, u32, i64, u64, usize, f32, f64",
                ));
            }
        }
    }
    if types.is_empty() {
        return Err(Error::new(list.span(), "list at least one type"));
    }
    match params.as_slice() {
        [syn::GenericParam::Type(t)] if t.ident == name && t.bounds.is_empty() => {}
        _ => {
            return Err(Error::new(
                item.sig.generics.span(),
                format!(
                    "declare the kernel as `fn {}<{name}>(...)`, with no bounds",
                    item.sig.ident
                ),
            ));
        }
    }
    Ok(Some(Generic { name, types }))
}

fn elem_of(ty: &Type, generic: Option<&Generic>) -> Option<Elem> {
    let Type::Path(p) = ty else { return None };
    let ident = p.path.get_ident()?;
    if generic.is_some_and(|g| *ident == g.name) {
        return Some(Elem::Param);
    }
    Scalar::parse(&ident.to_string()).map(Elem::Concrete)
}

fn param_kind(ty: &Type, generic: Option<&Generic>) -> Result<ParamKind> {
    if let Some(e) = elem_of(ty, generic) {
        return Ok(ParamKind::Scalar(e));
    }
    let bad = || {
        Error::new(
            ty.span(),
            "a kernel parameter is a scalar (i32, u32, i64, u64, usize, f32, f64) or an array view Array1<T>, Array2<T>, Array3<T>",
        )
    };
    let Type::Path(p) = ty else { return Err(bad()) };
    let Some(last) = p.path.segments.last() else {
        return Err(bad());
    };
    let ndim = match last.ident.to_string().as_str() {
        "Array1" => 1,
        "Array2" => 2,
        "Array3" => 3,
        _ => return Err(bad()),
    };
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return Err(bad());
    };
    let Some(GenericArgument::Type(inner)) = args.args.first() else {
        return Err(bad());
    };
    let elem = elem_of(inner, generic).ok_or_else(bad)?;
    Ok(ParamKind::Array { ndim, elem })
}

pub(crate) fn err<T>(span: Span, message: impl std::fmt::Display) -> Result<T> {
    Err(Error::new(span, message))
}

//! Python's `dir()` and `help()` for Rust types and for interpreter values, printed in pydoc's plain-text
//! layout: in Rust's words for Rust types, word for word as CPython 3.11 for an interpreter's values.
//!
//! ```
//! use introspect::{Introspect, dir, render_type};
//! use std::fmt;
//!
//! /// A point in the plane, generic over its coordinate.
//! #[derive(Introspect)]
//! #[introspect(module = "shapes")] // default: the module_path!() of the type
//! pub struct Point<T> {
//!     /// Distance from the y axis.
//!     pub x: T,
//!     /// Distance from the x axis.
//!     pub y: T,
//! }
//!
//! #[introspect::methods]
//! impl<T: Copy> Point<T> {
//!     /// The point with its coordinates swapped (see [`Point::x`]).
//!     pub fn swapped(&self) -> Self {
//!         Point { x: self.y, y: self.x }
//!     }
//! }
//!
//! #[introspect::methods(part = 1)]
//! impl<T: fmt::Display> fmt::Display for Point<T> {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         write!(f, "({}, {})", self.x, self.y)
//!     }
//! }
//!
//! assert_eq!(dir(&Point { x: 3.0, y: 4.0 }), ["Display::fmt", "swapped", "x", "y"]);
//! let page = render_type::<Point<f64>>();
//! assert!(page.starts_with("Help on struct Point<f64> in module shapes:\n\nstruct Point<f64> { x: f64, y: f64 }\n"));
//! assert!(page.contains(" |  generics  T = f64\n"));
//! assert!(page.contains(" |  swapped(&self) -> Point<f64> where f64: Copy\n |      The point with its coordinates swapped (see Point::x).\n"));
//! assert!(page.contains(" |  impl Display for Point<f64>\n |      where f64: Display\n |  \n |  fmt(&self, f: &mut Formatter<'_>) -> Result\n"));
//! ```
//!
//! # The model
//!
//! Everything is rendered from plain descriptions ([`TypeDoc`], [`MemberDoc`], [`RoutineDoc`],
//! [`ModuleDoc`]) gathered in a [`Subject`], the thing `help(x)` was asked about. Two traits produce them:
//!
//! * [`Introspect`]: a Rust type describing itself. `#[derive(Introspect)]` reads the doc comments of a
//!   struct or enum and its fields or variants and records where it is defined (`module_path!()`, `file!()`,
//!   `line!()`) and what its generic arguments are (`std::any::type_name`); `#[introspect::methods]` on an
//!   impl block, inherent or trait, adds its functions, associated constants (with their values) and
//!   associated types. The description of a type carries a [`RustType`], which makes its page speak Rust:
//!   `Self` and generic parameters resolved, one section per trait implementation ([`TraitImpl`]), members
//!   in Rust's sections ([`RustItem`]). `#[introspect(skip)]` hides a field, variant, function or constant.
//! * [`Describe`]: any value `help(&x)` and `dir(&x)` accept. Every `Introspect` type has it (`help(&value)`
//!   prints `Help on a value of type Point<f64> in module shapes:`); an interpreter implements it for its
//!   dynamic values and gets every pydoc page kind: modules, classes, instances, functions, bound methods.
//!   Names (`help("math.sqrt")`) go through [`Resolve`], with [`Registry`] as a ready-made namespace; a name
//!   that resolves to nothing prints pydoc's "No Python documentation found".
//!
//! [`Signature`] writes an interpreter's function parameters as `inspect.signature` does,
//! [`text::clean_doc`] cleans a raw docstring as `inspect.cleandoc` does, and [`text::markdown_to_text`]
//! renders a Rust doc comment's Markdown to plain text (with pulldown-cmark); descriptions hold clean docs.
//!
//! The renderer copies pydoc's layout rules (the ` |  ` gutter, the order of sections, the 70-dash rules,
//! the cut of long data lines, which names are hidden); the words are the descriptions'.
//!
//! `dir()` sorts by code point exactly as Python's `sorted()` does (uppercase, then `_` names, then
//! lowercase) and removes duplicates; a Rust type's trait members are listed as `Trait::name`.

/// The README's examples, compiled and run as doctests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod describe;
mod error;
mod markdown;
mod model;
pub mod render;
mod render_rust;
mod resolve;
mod rust;
mod signature;
pub mod text;

pub use describe::{Describe, Introspect};
pub use error::Error;
pub use model::{
    ClassRef, DataDoc, Inherited, MemberDoc, MemberKind, ModuleDoc, ModuleKind, RoutineDoc,
    RoutineKind, Subject, TypeDoc,
};
pub use resolve::{Registry, Resolve, attribute};
pub use rust::{RustItem, RustType, TraitImpl, short_type_name};
pub use signature::{Param, ParamKind, Signature};

/// `#[derive(Introspect)]` for structs and enums: see [`Introspect`].
#[cfg(feature = "derive")]
pub use introspect_derive::Introspect;
/// `#[introspect::methods]` on an impl block of a derived type, inherent (`impl Stack<T>`) or of a trait
/// (`impl Display for Stack<T>`): records its functions, associated constants and associated types, with
/// their signatures and doc comments, for the type's `#[derive(Introspect)]`. A type with several such blocks
/// numbers the others `#[introspect::methods(part = 1)]`, `#[introspect::methods(part = 2)]`, ... (up to 15);
/// `bound = "T: Clone"` repeats bounds the type itself declares on its parameters.
#[cfg(feature = "derive")]
pub use introspect_derive::methods;

use std::io::Write;

/// `dir(x)`: the sorted attribute names of a value.
pub fn dir<D: Describe + ?Sized>(value: &D) -> Vec<String> {
    value.dir_names()
}

/// `dir(T)`: the sorted attribute names of a class.
pub fn dir_type<T: Introspect>() -> Vec<String> {
    T::type_doc().dir()
}

/// `help(x)`: prints the help page for a value to standard output.
///
/// # Errors
/// [`Error::Io`] when standard output cannot be written.
pub fn help<D: Describe + ?Sized>(value: &D) -> Result<(), Error> {
    print(&render(value))
}

/// `help(T)`: prints the class page of a type to standard output.
///
/// # Errors
/// [`Error::Io`] when standard output cannot be written.
pub fn help_type<T: Introspect>() -> Result<(), Error> {
    print(&render_type::<T>())
}

/// `help("name")`: prints the page for whatever `name` resolves to, or pydoc's "No Python documentation
/// found" text when it resolves to nothing (which, as in Python, is not an error).
///
/// # Errors
/// [`Error::Io`] when standard output cannot be written.
pub fn help_name<R: Resolve + ?Sized>(resolver: &R, name: &str) -> Result<(), Error> {
    print(&render_name(resolver, name))
}

/// The exact text [`help`] prints for a value.
pub fn render<D: Describe + ?Sized>(value: &D) -> String {
    render::page(&value.describe(), None)
}

/// The exact text [`help_type`] prints for a type.
pub fn render_type<T: Introspect>() -> String {
    render::page(&Subject::Class(T::type_doc()), None)
}

/// The exact text [`help_name`] prints for a name.
pub fn render_name<R: Resolve + ?Sized>(resolver: &R, name: &str) -> String {
    let name = name.trim();
    match resolver.resolve(name) {
        Some(subject) => render::page(&subject, Some(name)),
        None => render::not_found(name),
    }
}

/// The help subject for attribute `name` of a value, as `help(value.name)` sees it: a method of an instance
/// comes back bound (`help([].append)`: "append(object, /) method of builtins.list instance").
///
/// # Errors
/// [`Error::UnknownMember`] when the value has no such attribute.
pub fn member<D: Describe + ?Sized>(value: &D, name: &str) -> Result<Subject, Error> {
    match value.describe() {
        Subject::Object { class, .. } => class.bound_member_subject(name),
        subject => attribute(&subject, name),
    }
}

/// Resolves a name to the subject it documents.
///
/// # Errors
/// [`Error::NotFound`] when nothing of that name is known to `resolver`.
pub fn lookup<R: Resolve + ?Sized>(resolver: &R, name: &str) -> Result<Subject, Error> {
    let name = name.trim();
    resolver.resolve(name).ok_or_else(|| Error::NotFound {
        name: name.to_owned(),
    })
}

/// Names sorted by code point (Python's `sorted()` on str) with duplicates removed, as `dir()` returns them.
/// A custom `__dir__` keeps duplicates: sort its list with `Vec::sort` instead.
pub fn sorted_names(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut names: Vec<String> = names.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Support for the code `#[derive(Introspect)]` and `#[introspect::methods]` generate. Not a public API.
#[doc(hidden)]
pub mod __private {
    use std::marker::PhantomData;

    pub use crate::rust::{ImplBlock, TypeParts, build};

    /// `std::any::type_name` of a generic argument (shortened when the description is built).
    pub fn type_name<T: ?Sized>() -> String {
        std::any::type_name::<T>().to_owned()
    }

    /// Implemented by `#[introspect::methods(part = N)]` on an impl block of `Self`: what that block defines.
    pub trait IntrospectMembers<const PART: usize> {
        /// The block: its generics, bounds, trait and items, in source order.
        fn introspect_block() -> ImplBlock;
    }

    /// Probe for part `PART` of `T`'s impl blocks (autoref specialisation: the block when it exists, none
    /// otherwise).
    #[derive(Debug)]
    pub struct Probe<T: ?Sized, const PART: usize>(PhantomData<T>);

    impl<T: ?Sized, const PART: usize> Probe<T, PART> {
        /// A probe.
        pub fn new() -> Self {
            Probe(PhantomData)
        }
    }

    impl<T: ?Sized, const PART: usize> Default for Probe<T, PART> {
        fn default() -> Self {
            Self::new()
        }
    }

    /// Chosen when `T` has an `#[introspect::methods(part = PART)]` impl block.
    pub trait ViaBlock {
        /// The block.
        fn block(&self) -> Option<ImplBlock>;
    }

    impl<T: IntrospectMembers<PART> + ?Sized, const PART: usize> ViaBlock for &Probe<T, PART> {
        fn block(&self) -> Option<ImplBlock> {
            Some(T::introspect_block())
        }
    }

    /// Chosen otherwise: no block.
    pub trait ViaNothing {
        /// No block.
        fn block(&self) -> Option<ImplBlock>;
    }

    impl<T: ?Sized, const PART: usize> ViaNothing for Probe<T, PART> {
        fn block(&self) -> Option<ImplBlock> {
            None
        }
    }

    /// An associated constant's value, printed with `Debug` when its type has it and as its source
    /// expression otherwise (autoref specialisation again).
    #[derive(Debug)]
    pub struct ConstValue<'a, V: ?Sized>(pub &'a V);

    /// Chosen when the constant's type implements `Debug`.
    pub trait ViaDebug {
        /// `{:?}` of the value.
        fn repr(&self, source: &str) -> String;
    }

    impl<V: std::fmt::Debug + ?Sized> ViaDebug for &ConstValue<'_, V> {
        fn repr(&self, _source: &str) -> String {
            format!("{:?}", self.0)
        }
    }

    /// Chosen otherwise: the expression as written.
    pub trait ViaSource {
        /// The source text.
        fn repr(&self, source: &str) -> String;
    }

    impl<V: ?Sized> ViaSource for ConstValue<'_, V> {
        fn repr(&self, source: &str) -> String {
            source.to_owned()
        }
    }
}

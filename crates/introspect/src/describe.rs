//! The two traits everything is described through: [`Introspect`] for a Rust type that documents itself
//! (what `#[derive(Introspect)]` implements) and [`Describe`] for any value `help()` and `dir()` accept (what
//! an interpreter implements for its dynamic values; every `Introspect` type gets it for free).

use crate::model::{Subject, TypeDoc};

/// A Rust type that can describe itself as a class: its name, module, doc and members.
///
/// Usually derived: `#[derive(Introspect)]` reads the doc comments of the type, its fields or variants, and
/// the methods and associated constants of impl blocks marked `#[introspect]`.
pub trait Introspect {
    /// The type's description: what `help::<T>()` prints and `dir()` lists.
    fn type_doc() -> TypeDoc;
}

/// Anything `help(&x)` and `dir(&x)` accept: a value that can say what it is.
///
/// Implemented for every [`Introspect`] type (a value of it is an instance of its class) and for [`Subject`]
/// (a hand-built description). An interpreter implements it for its value type, returning a module, class,
/// instance or routine description per value, and overrides [`Describe::dir_names`] where its `dir()` must
/// list what no page shows (a function's own attributes, a custom `__dir__`).
pub trait Describe {
    /// What this value is, for `help()`.
    fn describe(&self) -> Subject;

    /// The names `dir()` lists, sorted by code point. Defaults to the names of [`Describe::describe`].
    fn dir_names(&self) -> Vec<String> {
        self.describe().dir()
    }
}

impl<T: Introspect> Describe for T {
    fn describe(&self) -> Subject {
        Subject::object(T::type_doc())
    }
}

impl Describe for Subject {
    fn describe(&self) -> Subject {
        self.clone()
    }
}

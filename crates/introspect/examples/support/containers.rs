//! Containers for Rust values: the types `dir_help` documents, and the fixture of the golden tests
//! (`tests/rust_pages.rs` includes this file), whose pages are checked against rustdoc's.

use introspect::Introspect;
use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

/// A last-in, first-out stack of values.
///
/// [`push`](Stack::push) adds on top, [`pop`](Stack::pop) takes from the top; iterating pops until
/// the stack is empty.
#[derive(Introspect, Debug, Default)]
pub struct Stack<T> {
    #[introspect(skip)]
    items: Vec<T>,
}

#[introspect::methods]
impl<T> Stack<T> {
    /// The most items a stack may hold.
    pub const CAPACITY: usize = 1 << 16;

    /// An empty stack.
    pub fn new() -> Self {
        Stack { items: Vec::new() }
    }

    /// Puts `item` on top of the stack.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Takes the top item off the stack, if there is one.
    pub fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }

    /// How many items the stack holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the stack holds no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Writes the items bottom to top, as `[1, 2, 3]`.
#[introspect::methods]
impl<T: fmt::Display> fmt::Display for Stack<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{item}")?;
        }
        f.write_str("]")
    }
}

/// Pops the items, top first.
#[introspect::methods]
impl<T> Iterator for Stack<T> {
    type Item = T;

    fn next(&mut self) -> Option<Self::Item> {
        self.pop()
    }
}

/// A stack holding `items`, the last one on top.
#[introspect::methods]
impl<T> From<Vec<T>> for Stack<T> {
    fn from(items: Vec<T>) -> Self {
        Stack { items }
    }
}

/// An array's items, the last one on top.
#[introspect::methods]
impl<T, const N: usize> From<[T; N]> for Stack<T> {
    fn from(items: [T; N]) -> Self {
        Stack {
            items: items.into(),
        }
    }
}

/// What only a stack of integers can do.
#[introspect::methods(part = 1)]
impl Stack<i64> {
    /// The sum of the items (wrapping on overflow).
    ///
    /// ```
    /// # use dir_help::containers::Stack;
    /// assert_eq!(Stack::from(vec![1, 2]).sum(), 3);
    /// ```
    pub fn sum(&self) -> i64 {
        self.items.iter().fold(0i64, |a, b| a.wrapping_add(*b))
    }
}

/// Parses integers separated by whitespace, the first at the bottom: `"1 2 3"`.
#[introspect::methods]
impl FromStr for Stack<i64> {
    type Err = ParseIntError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let items = text
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(Stack { items })
    }
}

/// The module's own description, for `help("containers")`.
pub fn module_doc() -> introspect::ModuleDoc {
    introspect::ModuleDoc {
        doc: "Containers for Rust values.\n\nThe stack here is what a Python list is to the seed's examples.".into(),
        classes: vec![Stack::<i64>::type_doc()],
        data: vec![introspect::DataDoc::new("DEFAULT_DEPTH", "8")],
        ..introspect::ModuleDoc::rust(module_path!(), file!())
    }
}

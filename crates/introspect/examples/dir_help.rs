//! The seed's `dir` and `help` section, for a Rust type instead of a Python list.
//!
//! The seed runs `dir()`, `dir([])`, `help('os')`, `help(os)`, `help('int')`, `help(a)` with `a = 1`,
//! `help(help)` and `help([].append)`. Here a `Stack` plays `list`, a `collections` module plays `os`, and
//! every call prints what its Python counterpart prints, in pydoc's layout.
//!
//! Run with `cargo run -p introspect --example dir_help`.

use introspect::{Introspect, ModuleDoc, ModuleKind, Registry, RoutineDoc, RoutineKind, Subject};

/// A last-in, first-out stack of values.
///
/// `push` adds on top, `pop` takes from the top.
#[derive(Introspect, Debug, Default)]
#[introspect(module = "collections")]
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

/// The `collections` module: the stack, a helper function and a constant, described for `help('collections')`.
fn collections_module() -> ModuleDoc {
    ModuleDoc {
        name: "collections".into(),
        kind: ModuleKind::Builtin,
        doc: "Containers for Rust values.\n\nThe stack here is what a Python list is to the seed's examples.".into(),
        classes: vec![Stack::<i64>::type_doc()],
        functions: vec![
            RoutineDoc::new("stack_of", RoutineKind::Builtin, "(items: Vec<T>) -> Stack<T>")
                .in_module("collections")
                .with_doc("A stack holding `items`, the last one on top."),
        ],
        data: vec![introspect::DataDoc::new("DEFAULT_DEPTH", "8")],
        ..ModuleDoc::default()
    }
}

fn main() -> Result<(), introspect::Error> {
    let mut registry = Registry::new();
    registry
        .add_module(collections_module())
        .add_type::<Stack<i64>>();

    // dir() with no argument lists the names in scope; here, what the registry's module binds.
    println!(
        "dir(collections):\n{:?}\n",
        Subject::Module(collections_module()).dir()
    );

    // dir([]) -> the attributes of a value.
    let mut stack: Stack<i64> = Stack::new();
    stack.push(1);
    println!("dir(stack):\n{:?}\n", introspect::dir(&stack));

    // help('os') and help(os): a module by name and by value print the same page.
    introspect::help_name(&registry, "collections")?;
    introspect::help(&Subject::Module(collections_module()))?;

    // help('int'): a class by name; help(a) with a = 1: the class page of a value's type.
    introspect::help_name(&registry, "Stack")?;
    introspect::help(&stack)?;

    // help(help) and help([].append): functions, and a method bound to a value.
    let stack_of = collections_module().attribute("stack_of")?;
    introspect::help(&stack_of)?;
    introspect::help(&introspect::member(&stack, "push")?)?;

    // A name nobody documented gets pydoc's answer; a bad member lookup is a typed error.
    introspect::help_name(&registry, "nonexistent_xyz")?;
    if let Err(error) = introspect::member(&stack, "psuh") {
        println!("error: {error}");
    }
    Ok(())
}

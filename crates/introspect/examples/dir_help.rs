//! The seed's `dir` and `help` section, for a Rust type instead of a Python list.
//!
//! The seed runs `dir()`, `dir([])`, `help('os')`, `help(os)`, `help('int')`, `help(a)` with `a = 1`,
//! `help(help)` and `help([].append)`. Here a `Stack<i64>` plays `list` and this example's `containers`
//! module plays `os`; every call prints its page in pydoc's layout and Rust's words.
//!
//! Run with `cargo run -p introspect --example dir_help`.

use introspect::{ModuleDoc, Registry, RoutineDoc, RoutineKind, Subject};

pub mod containers {
    //! Containers for Rust values.
    use introspect::Introspect;
    use std::fmt;

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
    #[introspect::methods(part = 1)]
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
    #[introspect::methods(part = 2)]
    impl<T> Iterator for Stack<T> {
        type Item = T;

        fn next(&mut self) -> Option<Self::Item> {
            self.pop()
        }
    }

    /// A stack holding `items`, the last one on top.
    #[introspect::methods(part = 3)]
    impl<T> From<Vec<T>> for Stack<T> {
        fn from(items: Vec<T>) -> Self {
            Stack { items }
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
}

use containers::Stack;

/// The `containers` module with a helper function, described for `help("containers")`.
fn containers_module() -> ModuleDoc {
    let mut module = containers::module_doc();
    module.functions.push(
        RoutineDoc::new(
            "stack_of",
            RoutineKind::Function,
            "(items: Vec<T>) -> Stack<T>",
        )
        .in_module(module.name.clone())
        .with_doc(introspect::text::markdown_to_text(
            "A stack holding `items`, the last one on top: [`Stack::from`].",
        )),
    );
    module
}

fn main() -> Result<(), introspect::Error> {
    let mut registry = Registry::new();
    registry
        .add_module(containers_module())
        .add_type::<Stack<i64>>();

    // dir() with no argument lists the names in scope; here, what the module binds.
    println!(
        "dir(containers):\n{:?}\n",
        Subject::Module(containers_module()).dir()
    );

    // dir([]) -> the attributes of a value, trait members marked by their trait.
    let mut stack: Stack<i64> = Stack::from(vec![1, 2]);
    stack.push(3);
    println!("dir(stack):\n{:?}\n", introspect::dir(&stack));
    println!("stack = {stack}\n");

    // help('os') and help(os): a module by name and by value print the same page.
    introspect::help_name(&registry, "dir_help::containers")?;
    introspect::help(&Subject::Module(containers_module()))?;

    // help('int'): a type by name; help(a) with a = 1: the page of a value's type.
    introspect::help_name(&registry, "Stack")?;
    introspect::help(&stack)?;

    // help(help) and help([].append): a function, and a method of a value.
    let stack_of = containers_module().attribute("stack_of")?;
    introspect::help(&stack_of)?;
    introspect::help(&introspect::member(&stack, "push")?)?;
    introspect::help(&introspect::member(&stack, "Iterator::next")?)?;

    // A name nobody documented gets pydoc's answer; a bad member lookup is a typed error.
    introspect::help_name(&registry, "nonexistent_xyz")?;
    if let Err(error) = introspect::member(&stack, "psuh") {
        println!("error: {error}");
    }
    Ok(())
}

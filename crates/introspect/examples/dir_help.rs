//! The seed's `dir` and `help` section, for a Rust type instead of a Python list.
//!
//! The seed runs `dir()`, `dir([])`, `help('os')`, `help(os)`, `help('int')`, `help(a)` with `a = 1`,
//! `help(help)` and `help([].append)`. Here a `Stack<i64>` plays `list` and this example's `containers`
//! module plays `os`; every call prints its page in pydoc's layout and Rust's words.
//!
//! Run with `cargo run -p introspect --example dir_help`.

use introspect::{ModuleDoc, Registry, RoutineDoc, RoutineKind, Subject};

#[path = "support/containers.rs"]
pub mod containers;
#[path = "support/shapes.rs"]
pub mod shapes;

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

    // An enum value, and a generic struct whose const parameter is resolved too.
    let square = shapes::Shape::UNIT.scaled(2.0);
    println!("{square} has area {}\n", square.area());
    introspect::help(&square)?;
    let grid: shapes::Grid<'_, u8, 4> = shapes::Grid::new("small");
    introspect::help(&grid)?;

    // A name nobody documented gets pydoc's answer; a bad member lookup is a typed error.
    introspect::help_name(&registry, "nonexistent_xyz")?;
    if let Err(error) = introspect::member(&stack, "psuh") {
        println!("error: {error}");
    }
    Ok(())
}

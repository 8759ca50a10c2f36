//! Golden pages of a generic Rust type with inherent and trait impl blocks (the `containers` module that
//! `examples/dir_help.rs` documents): `help_type::<Stack<i64>>()`, `help(&stack)`, another instantiation
//! (`Stack<String>`, which lacks the blocks written for `Stack<i64>`), the module page, member pages, `dir()`
//! with trait members, and the typed errors of bad lookups. The pages list the same members with the same
//! signatures as rustdoc's page for `Stack` (see `tests/golden/rustdoc_check.py`).

#[path = "../examples/support/containers.rs"]
#[allow(dead_code)]
mod containers;
mod golden_rust;
#[path = "../examples/support/shapes.rs"]
#[allow(dead_code)]
mod shapes;

use containers::Stack;
use golden_rust::assert_golden;
use introspect::{Error, Subject, dir, dir_type, member, render, render_name, render_type};

#[test]
fn type_page_resolves_generics_and_lists_trait_impls() {
    assert_golden("stack_i64", &render_type::<Stack<i64>>());
}

#[test]
fn value_page_is_the_type_page_titled_for_a_value() {
    let stack: Stack<i64> = Stack::from(vec![1, 2, 3]);
    assert_golden("stack_i64_value", &render(&stack));
    let page = render(&stack);
    assert!(page.starts_with(
        "Help on a value of type Stack<i64> in module rust_pages::containers:\n\nstruct Stack<i64> { .. }\n"
    ));
}

/// `Stack<String>` has the generic blocks (with `String` for `T`) but not `impl Stack<i64>` nor
/// `impl FromStr for Stack<i64>`.
#[test]
fn other_instantiations_get_only_the_blocks_that_apply() {
    let page = render_type::<Stack<String>>();
    assert_golden("stack_string", &page);
    assert!(!page.contains("sum("), "{page}");
    assert!(!page.contains("FromStr"), "{page}");
    assert_eq!(
        dir_type::<Stack<String>>(),
        [
            "CAPACITY",
            "Display::fmt",
            "From<Vec<String>>::from",
            "From<[String; N]>::from",
            "Iterator::Item",
            "Iterator::next",
            "is_empty",
            "len",
            "new",
            "pop",
            "push",
        ]
    );
}

#[test]
fn dir_lists_trait_members_by_trait() {
    let stack: Stack<i64> = Stack::new();
    assert_eq!(
        dir(&stack),
        [
            "CAPACITY",
            "Display::fmt",
            "From<Vec<i64>>::from",
            "From<[i64; N]>::from",
            "FromStr::Err",
            "FromStr::from_str",
            "Iterator::Item",
            "Iterator::next",
            "is_empty",
            "len",
            "new",
            "pop",
            "push",
            "sum",
        ]
    );
}

#[test]
fn module_page_names_crate_and_file() {
    let module = containers::module_doc();
    assert_golden(
        "containers_module",
        &render(&Subject::Module(module.clone())),
    );
    let mut registry = introspect::Registry::new();
    registry.add_module(module);
    assert_eq!(
        render_name(&registry, "rust_pages::containers"),
        render(&Subject::Module(containers::module_doc()))
    );
    // Rust paths resolve through the module to its types and their members.
    assert_eq!(
        render_name(&registry, "rust_pages::containers::Stack"),
        render_type::<Stack<i64>>()
    );
    assert_eq!(
        render_name(&registry, "rust_pages::containers::Stack::push"),
        render(&member(&Stack::<i64>::new(), "push").expect("push"))
    );
    assert!(
        render_name(&registry, "rust_pages::containers::Stack::psuh").starts_with(
            "No Python documentation found for 'rust_pages::containers::Stack::psuh'."
        )
    );
}

#[test]
fn member_pages_keep_the_receiver_and_name_the_owner() {
    let stack: Stack<i64> = Stack::new();
    let pages: Vec<String> = [
        "push",
        "new",
        "Iterator::next",
        "fmt",
        "CAPACITY",
        "FromStr::Err",
    ]
    .iter()
    .map(|name| render(&member(&stack, name).expect("a member")))
    .collect();
    assert_golden("stack_members", &pages.join("----\n"));
}

#[test]
fn bad_lookups_are_typed_errors() {
    let stack: Stack<i64> = Stack::new();
    let Err(Error::UnknownMember {
        class,
        member: name,
        known,
    }) = member(&stack, "psuh")
    else {
        panic!("psuh is no member");
    };
    assert_eq!(class, "rust_pages::containers::Stack<i64>");
    assert_eq!(name, "psuh");
    assert!(known.contains(&"Display::fmt".to_owned()), "{known:?}");
    let error = member(&stack, "psuh").expect_err("no member");
    assert!(
        error.to_string().starts_with(
            "rust_pages::containers::Stack<i64> has no attribute 'psuh' (did you mean 'push'?); dir() lists: "
        ),
        "{error}"
    );
    // A trait member's own name works when one trait has it, and is ambiguous when several do.
    let error = member(&stack, "from").expect_err("two From impls");
    assert_eq!(
        error.to_string(),
        "rust_pages::containers::Stack<i64> has several members named 'from', one per trait; ask for one of: \
         From<Vec<i64>>::from, From<[i64; N]>::from"
    );
    assert!(member(&stack, "From<Vec<i64>>::from").is_ok());
    let error = member(&stack, "Iterator::nxet").expect_err("no such trait member");
    assert!(
        error
            .to_string()
            .contains("(did you mean 'Iterator::next'?)"),
        "{error}"
    );
    // Stack<String> has no `sum`: the lookup fails as for any unknown name.
    let strings: Stack<String> = Stack::new();
    assert!(matches!(
        member(&strings, "sum"),
        Err(Error::UnknownMember { .. })
    ));
}

/// An enum with data variants and an evaluated constant; a struct with a lifetime, a type and a const
/// parameter, whose constant is its const parameter.
#[test]
fn enum_and_const_generic_pages() {
    let square = shapes::Shape::UNIT.scaled(2.0);
    assert_eq!(square.area(), 4.0);
    assert_eq!(square.to_string(), "square(2)");
    assert_golden("shape", &render(&square));
    let grid: shapes::Grid<'_, u8, 4> = shapes::Grid::new("g");
    assert!(grid == grid.map(|c| c));
    assert_golden("grid", &render_type::<shapes::Grid<'static, u8, 4>>());
    assert_eq!(
        dir(&grid),
        ["CELLS", "PartialEq::eq", "cells", "map", "name", "new"]
    );
}

//! `#[derive(Introspect)]` and `#[introspect::methods]` on structs (named, tuple, unit, generic), enums and
//! several impl blocks, and a foreign value type implementing `Describe` by hand beside the blanket impl (what
//! an interpreter does for its values). Whole pages are compared with `tests/golden/rust/*.txt`
//! (`INTROSPECT_BLESS=1 cargo test -p introspect` rewrites them; review the diff before committing).

mod golden_rust;
use golden_rust::assert_golden;

use introspect::{
    ClassRef, Describe, Introspect, MemberKind, RoutineDoc, RoutineKind, Subject, TypeDoc, dir,
    dir_type, render, render_type,
};

/// A point in the plane.
///
/// Coordinates are in metres.
#[derive(Introspect, Debug, Clone, PartialEq)]
#[introspect(module = "shapes")]
pub struct Point {
    /// Distance from the y axis.
    pub x: f64,
    /// Distance from the x axis.
    pub y: f64,
    #[introspect(skip)]
    cache: Option<f64>,
}

#[introspect::methods]
impl Point {
    /// The largest coordinate a point may have.
    pub const LIMIT: f64 = 1e9;

    /// Makes a point.
    ///
    /// ```
    /// let p = Point::new(3.0, 4.0);
    /// ```
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y, cache: None }
    }

    /// Distance from the origin.
    pub fn norm(&self) -> f64 {
        self.cache.unwrap_or_else(|| self.x.hypot(self.y))
    }

    /// Multiplies both coordinates by `k`.
    pub fn scale(&mut self, k: f64) -> &mut Self {
        self.x *= k;
        self.y *= k;
        self
    }

    #[introspect(skip)]
    #[allow(dead_code)]
    fn helper(&self) {}
}

#[introspect::methods(part = 1)]
impl Point {
    /// Parses `"x,y"`.
    pub fn parse(text: &str) -> Option<Point> {
        let (x, y) = text.split_once(',')?;
        Some(Point::new(x.trim().parse().ok()?, y.trim().parse().ok()?))
    }
}

#[test]
fn struct_with_two_impl_blocks() {
    assert_golden("point", &render_type::<Point>());
    let point = Point::new(3.0, 4.0);
    assert_eq!(point.norm(), 5.0);
    assert_eq!(
        dir(&point),
        ["LIMIT", "new", "norm", "parse", "scale", "x", "y"]
    );
    assert_eq!(dir_type::<Point>(), dir(&point));
    // A value's page is its type's, titled for the value.
    let object_page = render(&point);
    assert_eq!(
        object_page,
        render_type::<Point>().replace(
            "Help on struct Point in module shapes:",
            "Help on a value of type Point in module shapes:"
        )
    );
}

#[test]
fn member_kinds_and_lookup() {
    let doc = Point::type_doc();
    assert_eq!(doc.member("norm").expect("norm").kind, MemberKind::Method);
    assert_eq!(
        doc.member("new").expect("new").kind,
        MemberKind::StaticMethod
    );
    assert_eq!(doc.member("x").expect("x").kind, MemberKind::DataDescriptor);
    assert_eq!(doc.member("LIMIT").expect("LIMIT").kind, MemberKind::Data);
    let missing = doc
        .member("cache")
        .expect_err("skipped fields are not members");
    assert!(
        missing
            .to_string()
            .starts_with("shapes::Point has no attribute 'cache'"),
        "{missing}"
    );
    assert_eq!(
        render(&doc.member_subject("norm").expect("norm")),
        "Help on method Point::norm in module shapes:\n\nnorm(&self) -> f64\n    Distance from the origin.\n\n"
    );
    let point = Point::new(1.0, 2.0);
    // Rust has no bound methods: a method reached through a value keeps its receiver.
    assert_eq!(
        render(&introspect::member(&point, "scale").expect("scale")),
        "Help on method Point::scale in module shapes:\n\nscale(&mut self, k: f64) -> &mut Point\n    \
         Multiplies both coordinates by k.\n\n"
    );
    assert_eq!(
        render(&introspect::member(&point, "new").expect("new")),
        "Help on function Point::new in module shapes:\n\nnew(x: f64, y: f64) -> Point\n    Makes a point.\n    \n        \
         let p = Point::new(3.0, 4.0);\n\n"
    );
    let typo = introspect::member(&point, "nrom").expect_err("no such member");
    assert!(
        typo.to_string().contains("(did you mean 'norm'?)"),
        "{typo}"
    );
    assert_eq!(
        render(&doc.member_subject("x").expect("x")),
        "Help on field Point::x in module shapes:\n\nx: f64\n    Distance from the y axis.\n\n"
    );
    assert_eq!(
        render(&doc.member_subject("LIMIT").expect("LIMIT")),
        "Help on associated constant Point::LIMIT in module shapes:\n\nLIMIT: f64 = 1000000000.0\n    \
         The largest coordinate a point may have.\n\n"
    );
}

/// Metres along a line.
#[derive(Introspect, Debug)]
#[introspect(module = "units")]
pub struct Metres(pub f64);

/// The unit of nothing.
#[derive(Introspect, Debug)]
#[introspect(module = "units", name = "Nothing")]
pub struct Unit;

#[test]
fn tuple_and_unit_structs() {
    assert_golden("metres", &render_type::<Metres>());
    assert_golden("unit", &render_type::<Unit>());
    assert_eq!(dir(&Unit), Vec::<String>::new());
}

/// A drawing command.
#[derive(Introspect, Debug)]
#[introspect(module = "draw")]
pub enum Command {
    /// Lift the pen.
    Up,
    /// Move by an offset.
    Move {
        /// Rightwards.
        dx: i32,
        /// Downwards.
        dy: i32,
    },
    /// Write some text.
    Write(String),
    #[introspect(skip)]
    Internal,
}

#[derive(Introspect, Debug)]
#[introspect(module = "draw")]
#[repr(u8)]
pub enum Colour {
    Red = 1,
    Green = 1 << 1,
}

#[test]
fn enums_list_their_variants_in_declaration_order() {
    assert_golden("command", &render_type::<Command>());
    assert_eq!(dir_type::<Command>(), ["Move", "Up", "Write"]);
    assert_golden("colour", &render_type::<Colour>());
    let _ = (
        Command::Up,
        Command::Move { dx: 1, dy: 2 },
        Command::Write(String::new()),
        Command::Internal,
    );
    let _ = (Colour::Red, Colour::Green);
}

/// A value with a label.
#[derive(Introspect, Debug)]
#[introspect(module = "wrap")]
pub struct Labelled<'a, T: Clone, const N: usize>
where
    T: std::fmt::Debug,
{
    /// The value.
    pub value: T,
    /// The label.
    pub label: &'a str,
    /// Spare room.
    pub room: [u8; N],
}

// `Labelled` declares bounds on `T`, which every impl naming the type repeats.
#[introspect::methods(bound = "T: Clone + std::fmt::Debug")]
impl<'a, T: Clone + std::fmt::Debug, const N: usize> Labelled<'a, T, N> {
    /// Maps the value.
    pub fn map<U, F>(self, f: F) -> Labelled<'a, U, N>
    where
        F: FnOnce(T) -> U,
        U: Clone + std::fmt::Debug,
    {
        Labelled {
            value: f(self.value),
            label: self.label,
            room: self.room,
        }
    }
}

#[test]
fn generic_types_show_their_parameters() {
    // Parameters are resolved (`T = u8`, `N = 2`); the lifetime keeps its declared name. The block's own
    // bounds follow each method's signature as a `where` clause on the resolved types.
    assert_golden("labelled", &render_type::<Labelled<'static, u8, 2>>());
    let value = Labelled {
        value: 1u8,
        label: "one",
        room: [0; 2],
    };
    assert_eq!(dir(&value), ["label", "map", "room", "value"]);
    assert_eq!(value.map(|v| v + 1).value, 2);
}

/// A stand-in for an interpreter's value type: it describes each value by hand.
enum Value {
    Int(#[allow(dead_code)] i64),
    Len,
}

impl Describe for Value {
    fn describe(&self) -> Subject {
        match self {
            Value::Int(_) => Subject::object(
                TypeDoc::new("int", "builtins")
                    .with_base(ClassRef::object())
                    .with_doc("Whole numbers."),
            ),
            Value::Len => Subject::Routine(
                RoutineDoc::new("len", RoutineKind::Builtin, "(obj, /)")
                    .in_module("builtins")
                    .with_doc("Count items."),
            ),
        }
    }

    fn dir_names(&self) -> Vec<String> {
        match self {
            Value::Int(_) => self.describe().dir(),
            Value::Len => vec!["__call__".into(), "__name__".into()],
        }
    }
}

#[test]
fn hand_written_describe_beside_the_blanket_impl() {
    assert_eq!(
        render(&Value::Int(1)),
        "Help on int object:\n\nclass int(object)\n |  Whole numbers.\n\n"
    );
    assert_eq!(
        render(&Value::Len),
        "Help on built-in function len in module builtins:\n\nlen(obj, /)\n    Count items.\n\n"
    );
    assert_eq!(dir(&Value::Len), ["__call__", "__name__"]);
    let values: Vec<&dyn Describe> = vec![&Value::Int(2), &Metres(1.0)];
    assert_eq!(
        values.iter().map(|v| dir(*v).len()).collect::<Vec<_>>(),
        [0, 1]
    );
}

// The README's example type (its doc comment is the README's, whose page the README shows).
/// A last-in, first-out stack of values.
#[derive(Introspect, Debug, Default)]
#[introspect(module = "containers")]
pub struct Stack {
    #[introspect(skip)]
    items: Vec<i64>,
}

#[introspect::methods]
impl Stack {
    /// Puts `item` on top of the stack.
    pub fn push(&mut self, item: i64) {
        self.items.push(item);
    }

    /// Takes the top item off the stack, if there is one.
    pub fn pop(&mut self) -> Option<i64> {
        self.items.pop()
    }
}

#[test]
fn the_readme_shows_the_page_help_prints() {
    let readme = include_str!("../README.md");
    let start = readme.find("```text\n").expect("the README shows a page") + "```text\n".len();
    let end = start + readme[start..].find("```").expect("the page block ends");
    let shown = &readme[start..end];
    // The README's example lives in a crate of its own: its crate and source lines name that crate.
    let line_of = |page: &str, label: &str| -> String {
        page.lines()
            .find(|l| l.starts_with(&format!(" |  {label} ")))
            .unwrap_or_default()
            .to_owned()
    };
    let mut page = render_type::<Stack>();
    for label in ["crate", "source"] {
        page = page.replace(&line_of(&page, label), &line_of(shown, label));
    }
    assert_eq!(page, shown);
    let mut stack = Stack::default();
    stack.push(1);
    assert_eq!(stack.pop(), Some(1));
}

/// A value that can be copied out.
#[derive(Introspect, Debug)]
#[introspect(module = "wrap", bound = "T: Clone")]
pub struct Copyable<T> {
    /// The value.
    pub inner: T,
}

#[introspect::methods]
impl<T: Clone> Copyable<T> {
    /// A copy of the value.
    pub fn copied(&self) -> T {
        self.inner.clone()
    }

    /// Reads the value without checks.
    ///
    /// # Safety
    /// None needed; this only shows the qualifier.
    pub const unsafe fn raw(&self) -> *const T {
        &self.inner
    }

    /// Waits for nothing.
    pub async fn ready(&self) {}
}

#[test]
fn qualifiers_and_block_bounds_are_shown() {
    let value = Copyable { inner: 7u8 };
    assert_eq!(dir(&value), ["copied", "inner", "raw", "ready"]);
    assert_eq!(value.copied(), 7);
    assert_golden("copyable", &render_type::<Copyable<u8>>());
}

/// A ring buffer of **fixed** capacity, like [`std::collections::VecDeque`] but never reallocating.
///
/// # Examples
///
/// ```
/// # use derive::Ring;
/// let mut ring = Ring::default();
/// ring.put(1);
/// ```
///
/// Writes wrap around:
///
/// 1. the oldest item is overwritten,
/// 2. `len` stays at [`Ring::CAPACITY`].
///    - no allocation happens;
///    - no item moves.
///
/// | Operation | Cost |
/// |-----------|------|
/// | `put`     | O(1) |
///
/// > Not thread-safe: see <https://doc.rust-lang.org/std/sync/>
/// > and [the book](https://doc.rust-lang.org/book/ch16-00-concurrency.html).
#[derive(Introspect, Debug, Default)]
#[introspect(module = "ring")]
pub struct Ring {
    #[introspect(skip)]
    items: Vec<u8>,
}

#[introspect::methods]
impl Ring {
    /// The number of slots, `2^3`.
    pub const CAPACITY: usize = 1 << 3;

    /// Puts `item` in the next slot.
    ///
    /// ## Panics
    ///
    /// Never; compare with `Vec::push`, which *may* reallocate.
    pub fn put(&mut self, item: u8) {
        if self.items.len() == Self::CAPACITY {
            self.items.remove(0);
        }
        self.items.push(item);
    }
}

#[test]
fn doc_comments_are_rendered_from_markdown() {
    assert_golden("ring", &render_type::<Ring>());
    let mut ring = Ring::default();
    for i in 0..10 {
        ring.put(i);
    }
    assert_eq!(ring.items.len(), Ring::CAPACITY);
}

/// Holds at most one value.
#[derive(Introspect, Debug)]
#[introspect(module = "wrap")]
pub struct Holder<T> {
    /// What is held.
    pub value: Option<T>,
}

#[introspect::methods]
impl<T> Holder<T> {
    /// Nothing held (a generic constant: printed as written).
    pub const NOTHING: Option<T> = None;
    /// A label (printed with `Debug`).
    pub const LABEL: &'static str = "holder";
}

/// Keeps the last item, converted.
#[introspect::methods]
impl<T, U: Into<T>> Extend<U> for Holder<T> {
    fn extend<I: IntoIterator<Item = U>>(&mut self, iter: I) {
        if let Some(last) = iter.into_iter().last() {
            self.value = Some(last.into());
        }
    }
}

#[test]
fn generic_constants_and_free_impl_parameters() {
    assert_golden("holder", &render_type::<Holder<i64>>());
    let mut holder = Holder::<i64> { value: None };
    holder.extend([1i32, 2]);
    assert_eq!(holder.value, Some(2));
    assert_eq!(
        dir(&holder),
        ["Extend<U>::extend", "LABEL", "NOTHING", "value"]
    );
}

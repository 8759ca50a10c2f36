//! `#[derive(Introspect)]` and `#[introspect::methods]` on structs (named, tuple, unit, generic), enums and
//! several impl blocks, and a foreign value type implementing `Describe` by hand beside the blanket impl (what
//! an interpreter does for its values).

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

const POINT_PAGE: &str = "Help on class Point in module shapes:

class Point
 |  Point { x: f64, y: f64, .. }
 |  
 |  A point in the plane.
 |  
 |  Coordinates are in metres.
 |  
 |  Methods defined here:
 |  
 |  norm(&self) -> f64
 |      Distance from the origin.
 |  
 |  scale(&mut self, k: f64) -> &mut Self
 |      Multiplies both coordinates by `k`.
 |  
 |  ----------------------------------------------------------------------
 |  Static methods defined here:
 |  
 |  new(x: f64, y: f64) -> Self
 |      Makes a point.
 |      
 |      ```
 |      let p = Point::new(3.0, 4.0);
 |      ```
 |  
 |  parse(text: &str) -> Option<Point>
 |      Parses `\"x,y\"`.
 |  
 |  ----------------------------------------------------------------------
 |  Data descriptors defined here:
 |  
 |  x: f64
 |      Distance from the y axis.
 |  
 |  y: f64
 |      Distance from the x axis.
 |  
 |  ----------------------------------------------------------------------
 |  Data and other attributes defined here:
 |  
 |  LIMIT: f64 = 1e9
 |      The largest coordinate a point may have.

";

#[test]
fn struct_with_two_impl_blocks() {
    assert_eq!(render_type::<Point>(), POINT_PAGE);
    let point = Point::new(3.0, 4.0);
    assert_eq!(point.norm(), 5.0);
    assert_eq!(
        dir(&point),
        ["LIMIT", "new", "norm", "parse", "scale", "x", "y"]
    );
    assert_eq!(dir_type::<Point>(), dir(&point));
    let object_page = render(&point);
    assert_eq!(
        object_page,
        POINT_PAGE.replace(
            "Help on class Point in module shapes:",
            "Help on Point in module shapes object:"
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
            .starts_with("shapes.Point has no attribute 'cache'"),
        "{missing}"
    );
    assert_eq!(
        render(&doc.member_subject("norm").expect("norm")),
        "Help on function norm in module shapes:\n\nnorm(&self) -> f64\n    Distance from the origin.\n\n"
    );
    let point = Point::new(1.0, 2.0);
    assert_eq!(
        render(&introspect::member(&point, "scale").expect("scale")),
        "Help on method scale in module shapes:\n\nscale(k: f64) -> &mut Self method of shapes.Point instance\n    \
         Multiplies both coordinates by `k`.\n\n"
    );
    let typo = introspect::member(&point, "nrom").expect_err("no such member");
    assert!(
        typo.to_string().contains("(did you mean 'norm'?)"),
        "{typo}"
    );
    assert_eq!(
        render(&doc.member_subject("x").expect("x")),
        "Help on data descriptor shapes.Point.x:\n\nx: f64\n    Distance from the y axis.\n\n"
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
    assert_eq!(
        render_type::<Metres>(),
        "Help on class Metres in module units:\n\nclass Metres\n |  Metres(f64)\n |  \n |  Metres along a line.\n |  \n \
         |  Data descriptors defined here:\n |  \n |  0: f64\n\n"
    );
    assert_eq!(
        render_type::<Unit>(),
        "Help on class Nothing in module units:\n\nclass Nothing\n |  The unit of nothing.\n\n"
    );
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

/// Documented class data is followed by two blank lines: pydoc's `docother` ends a documented value with a
/// newline and `spilldata` adds another (CPython 3.11 prints the same for a class attribute with its own doc).
#[test]
fn enums_list_their_variants_as_class_data() {
    assert_eq!(
        render_type::<Command>(),
        "Help on class Command in module draw:

class Command
 |  A drawing command.
 |  
 |  Data and other attributes defined here:
 |  
 |  Move { dx: i32, dy: i32 }
 |      Move by an offset.
 |  
 |  
 |  Up
 |      Lift the pen.
 |  
 |  
 |  Write(String)
 |      Write some text.

"
    );
    assert_eq!(dir_type::<Command>(), ["Move", "Up", "Write"]);
    assert_eq!(
        render_type::<Colour>(),
        "Help on class Colour in module draw:\n\nclass Colour\n |  Data and other attributes defined here:\n |  \n |  \
         Green = 1 << 1\n |  \n |  Red = 1\n\n"
    );
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

#[introspect::methods]
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
    let page = render_type::<Labelled<'static, u8, 2>>();
    assert!(
        page.starts_with(
            "Help on class Labelled in module wrap:\n\nclass Labelled\n |  Labelled<'a, T: Clone, const N: usize> \
             { value: T, label: &'a str, room: [u8; N] }\n"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            " |  map<U, F>(self, f: F) -> Labelled<'a, U, N> where F: FnOnce(T) -> U, U: Clone + std::fmt::Debug\n \
             |      Maps the value.\n"
        ),
        "{page}"
    );
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
#[introspect(module = "collections")]
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
    assert_eq!(render_type::<Stack>(), &readme[start..end]);
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
fn blocks_with_extra_bounds_need_the_bound_on_the_type() {
    let value = Copyable { inner: 7u8 };
    assert_eq!(dir(&value), ["copied", "inner", "raw", "ready"]);
    assert_eq!(value.copied(), 7);
    let page = render_type::<Copyable<u8>>();
    assert!(
        page.contains(
            " |  const unsafe raw(&self) -> *const T\n |      Reads the value without checks.\n"
        ),
        "{page}"
    );
    assert!(
        page.contains(" |  async ready(&self)\n |      Waits for nothing.\n"),
        "{page}"
    );
}
